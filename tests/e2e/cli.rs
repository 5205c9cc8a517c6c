//! The `claimwatch` binary as a user runs it: the README's run command over
//! the examples, and `extract` on the seed article.

use std::path::Path;
use std::process::Command;

fn claimwatch() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Writes `contents` to `name` in this process's scratch directory; returns
/// the directory and the file's path.
fn scratch_file(name: &str, contents: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("cw-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join(name);
    std::fs::write(&f, contents).unwrap();
    (dir, f)
}

/// Every file below `dir`, sorted.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn the_readme_run_command_prints_linked_events_offline() {
    let out = claimwatch()
        .args(["--config", "examples/claimwatch.toml", "run", "--once"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    let denials: Vec<_> = lines
        .iter()
        .filter(|l| l["type"] == "io.claimwatch.denial.official.v1")
        .collect();
    assert!(
        denials
            .iter()
            .any(|d| !d["data"]["refutes"].as_array().unwrap().is_empty()),
        "{lines:#?}"
    );
}

#[test]
fn the_seed_article_yields_rafieis_claim_and_the_administrations_denial() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_f17fa7b25720951d.txt");
    if !seed.exists() {
        // The seed is third-party text kept outside the repository.
        println!(
            "SKIPPED: {} is absent (../shared is not beside the repository)",
            seed.display()
        );
        return;
    }
    let out = claimwatch()
        .args(["extract", "--format", "jsonl"])
        .arg(&seed)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let obj = &json_lines(&out.stdout)[0];
    let stmt = |id: &serde_json::Value| {
        obj["statements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| &s["id"] == id)
            .cloned()
            .unwrap()
    };
    let speaker_name =
        |s: &serde_json::Value| s["speaker"]["name"].as_str().unwrap_or("").to_string();
    let rafiei_claims: Vec<serde_json::Value> = obj["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["statement"].clone())
        .filter(|id| speaker_name(&stmt(id)).contains("Rafiei"))
        .collect();
    assert!(!rafiei_claims.is_empty(), "no claim by Rafiei: {obj:#}");
    let denial = obj["denials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| speaker_name(&stmt(&d["statement"])).contains("Biden administration"))
        .unwrap_or_else(|| panic!("no denial by the Biden administration: {obj:#}"));
    assert_eq!(denial["official"], true);
    let refutes = denial["refutes"].as_array().unwrap();
    assert!(
        refutes.iter().any(|r| rafiei_claims.contains(r)),
        "the denial does not refute Rafiei's claim: {denial:#}"
    );
}

#[test]
fn feed_reports_every_file_even_a_broken_one() {
    let (dir, broken) = scratch_file("broken.xml", "<rss><channel><item><title>cut off");
    let out = claimwatch()
        .args(["feed", "examples/feeds/northern-wire.xml"])
        .arg(&broken)
        .arg(dir.join("does-not-exist.xml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[0]["format"], "rss2");
    assert_eq!(lines[0]["entries"][0]["id"], "northern-wire-2024-0611-kesh");
    assert_eq!(lines[2]["ok"], false);
    assert!(lines[2]["error"].as_str().unwrap().contains("cannot read"));
}

/// Every file of the shared feed corpus (third-party, read in place) through
/// the `feed` command: no crash, one line per file in order, and at least
/// 99 % of feedparser's `wellformed/` files parsed.
#[test]
fn feed_goes_through_the_whole_feed_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/feeds");
    if !root.is_dir() {
        println!(
            "SKIPPED: {} is absent; the feed corpus was not run",
            root.display()
        );
        return;
    }
    let files = files_under(&root);
    assert!(files.len() > 2000, "{} files", files.len());
    let mut lines = Vec::new();
    // In chunks, to stay under the argument-length limit.
    for chunk in files.chunks(500) {
        let out = claimwatch()
            .args(["feed", "--format", "jsonl"])
            .args(chunk)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        lines.extend(json_lines(&out.stdout));
    }
    assert_eq!(lines.len(), files.len());
    let (mut wellformed, mut ok) = (0, 0);
    for (line, file) in lines.iter().zip(&files) {
        assert_eq!(line["file"].as_str(), file.to_str(), "output out of order");
        assert!(line["ok"].is_boolean());
        if line["ok"] == false {
            assert!(!line["error"].as_str().unwrap_or("").is_empty(), "{line}");
        }
        if file
            .to_string_lossy()
            .contains("/feedparser/tests/wellformed/")
        {
            wellformed += 1;
            ok += usize::from(line["ok"] == true);
        }
    }
    println!(
        "feedparser wellformed: {ok}/{wellformed} ok; {} files",
        files.len()
    );
    assert!(wellformed > 1000);
    assert!(ok * 100 >= wellformed * 99, "{ok}/{wellformed}");
}

/// Every `{start, end, text}` object inside `v`.
fn spans(v: &serde_json::Value, out: &mut Vec<(usize, usize, String)>) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(s), Some(e), Some(t)) = (
                m.get("start").and_then(|x| x.as_u64()),
                m.get("end").and_then(|x| x.as_u64()),
                m.get("text").and_then(|x| x.as_str()),
            ) {
                out.push((s as usize, e as usize, t.to_string()));
            }
            m.values().for_each(|x| spans(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| spans(x, out)),
        _ => {}
    }
}

/// `extract` over real third-party text (PolNeAR dev, read in place) and
/// real pages (`--html`, the article-extraction corpus): one object per
/// file, and every span's text is exactly its byte range of the text the
/// offsets point into.
#[test]
fn extract_keeps_the_offset_contract_on_real_text_and_pages() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        println!(
            "SKIPPED: {} is absent; real text was not run",
            corpus.display()
        );
        return;
    }
    for (dir, html) in [
        (corpus.join("polnear/dev/text"), false),
        (corpus.join("article-extraction/html"), true),
    ] {
        let files = files_under(&dir);
        assert!(!files.is_empty(), "{} is empty", dir.display());
        let mut cmd = claimwatch();
        cmd.args(["extract", "--format", "jsonl"]);
        if html {
            cmd.arg("--html");
        }
        let out = cmd.args(&files).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let objs = json_lines(&out.stdout);
        assert_eq!(objs.len(), files.len(), "{}", dir.display());
        let mut checked = 0;
        for (obj, file) in objs.iter().zip(&files) {
            let text = if html {
                obj["text"]
                    .as_str()
                    .expect("--html reports its text")
                    .to_string()
            } else {
                std::fs::read_to_string(file).unwrap()
            };
            let mut found = Vec::new();
            spans(&obj["statements"], &mut found);
            for (s, e, t) in found {
                assert_eq!(
                    text.get(s..e),
                    Some(t.as_str()),
                    "{}: span {s}..{e}",
                    file.display()
                );
                checked += 1;
            }
        }
        println!(
            "{}: {} files, {checked} spans checked",
            dir.display(),
            files.len()
        );
        assert!(checked > 100, "{}: only {checked} spans", dir.display());
    }
}

#[test]
fn article_reduces_a_page_to_its_main_text() {
    let out = claimwatch()
        .args(["article", "examples/pages/kesh-missiles.html"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let obj = &json_lines(&out.stdout)[0];
    let text = obj["text"].as_str().unwrap();
    assert!(text.contains("rejected Varga's remarks"), "{text}");
    assert!(!text.contains("Subscribe"), "navigation kept: {text}");
    assert!(!text.contains("All rights reserved"), "footer kept: {text}");
}

#[test]
fn config_check_lists_every_problem() {
    let (_, f) = scratch_file(
        "bad.toml",
        "[kafka]\npartitions = 0\n[matcher]\nwindow_hours = 0\n",
    );
    let out = claimwatch()
        .args(["config", "check"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("kafka.partitions") && err.contains("matcher.window_hours"),
        "{err}"
    );
    let ok = claimwatch()
        .args(["config", "check", "examples/claimwatch.toml"])
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}
