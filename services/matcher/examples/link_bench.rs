//! Linking benchmark: indexes N synthetic claims (default 1,000,000) and
//! measures lookup latency (p50/p99/max) for denial-like queries, plus heap
//! and resident memory per indexed claim.
//!
//! Usage: `cargo run --release -p claimwatch-matcher --example link_bench -- [N] [QUERIES] [--matcher]`
//!
//! With `--matcher`, the same is measured one level up: N synthetic
//! `UnverifiedClaim`s are `remember`ed by a `Matcher`, and each query is a
//! one-sentence denial article run through `Matcher::process` (decisions,
//! index lookup, events), so the figures include everything the stage does
//! per record except I/O.
//!
//! Synthetic claims draw terms from a Zipf-like vocabulary of 50,000 words
//! (so common terms have long posting lists, as in news), entities from
//! 20,000 names and claimants from 5,000 parties; each query is built from
//! an indexed claim with some terms swapped for others, as a denial would
//! paraphrase the claim.

use std::time::Instant;

use chrono::{DateTime, Duration, TimeZone, Utc};
use claimwatch_matcher::index::{Index, IndexConfig, Keys};
use claimwatch_matcher::process::{MatchEvent, Matcher, MatcherConfig};
use claimwatch_shared::events::{
    Appearance, ArticleRef, ArticleStatements, Cue, CueClass, Party, PartyType, QuoteKind, Span,
    Speaker, Statement, UnverifiedClaim, SCHEMA_VERSION,
};

/// A small deterministic generator (xorshift64*), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// Roughly Zipf-distributed over 0..n: small values are frequent.
    fn zipf(&mut self, n: u64) -> u64 {
        let u = (self.below(1 << 30) as f64 + 1.0) / (1u64 << 30) as f64;
        ((n as f64).powf(u) - 1.0) as u64 % n
    }
}

fn keys(rng: &mut Rng) -> Keys {
    let nterms = 8 + rng.below(8) as usize;
    Keys {
        terms: (0..nterms)
            .map(|_| format!("t{}", rng.zipf(50_000)))
            .collect(),
        entities: (0..2 + rng.below(3))
            .map(|_| format!("e{}", rng.zipf(20_000)))
            .collect(),
        party: vec![
            format!("p{}", rng.zipf(5_000)),
            format!("q{}", rng.below(5_000)),
        ],
    }
}

fn rss_bytes() -> Option<usize> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: usize = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// Synthetic words: lower-case terms and capitalised names.
fn word(i: u64) -> String {
    format!("w{i}x")
}

fn name(i: u64) -> String {
    format!("Nm{i}q")
}

fn article_ref(id: &str) -> ArticleRef {
    ArticleRef {
        id: id.into(),
        revision: 1,
        feed: "bench".into(),
        url: None,
        title: id.into(),
        published: None,
    }
}

fn synthetic_claim(i: usize, rng: &mut Rng, seen: DateTime<Utc>) -> UnverifiedClaim {
    let mut words: Vec<String> = (0..8 + rng.below(6))
        .map(|_| word(rng.zipf(50_000)))
        .collect();
    for _ in 0..2 + rng.below(2) {
        words.push(name(rng.zipf(20_000)));
    }
    UnverifiedClaim {
        schema_version: SCHEMA_VERSION,
        id: format!("clm-{i:08}"),
        claimant: Party {
            name: format!("{} {}", name(rng.zipf(5_000)), name(rng.below(5_000))),
            role: None,
            organisation: None,
            kind: PartyType::Person,
        },
        content: format!("that {}", words.join(" ")),
        signals: Vec::new(),
        score: 0.8,
        first_seen: seen,
        appearances: vec![Appearance {
            article: article_ref(&format!("a{i}")),
            statement: "s1".into(),
            seen_at: seen,
        }],
        terms: words,
    }
}

/// A one-sentence article in which a ministry denies (a paraphrase of)
/// `claim`.
fn denial_article(q: usize, claim: &UnverifiedClaim, rng: &mut Rng) -> ArticleStatements {
    let mut words: Vec<String> = claim.terms.clone();
    for _ in 0..3 {
        let j = rng.below(words.len() as u64) as usize;
        words[j] = word(rng.zipf(50_000));
    }
    let body = words.join(" ");
    let text = format!("The ministry denied that {body}.");
    let cue_start = "The ministry ".len();
    let content_start = "The ministry denied that ".len();
    let statement = Statement {
        id: "s1".into(),
        speaker: Some(Speaker {
            span: Some(Span::of(&text, 0, "The ministry".len())),
            name: "the ministry".into(),
            role: None,
            organisation: None,
            kind: PartyType::Government,
        }),
        cue: Some(Cue {
            span: Span::of(&text, cue_start, cue_start + "denied".len()),
            lemma: "deny".into(),
            class: CueClass::Deny,
        }),
        content: Some(Span::of(&text, content_start, content_start + body.len())),
        kind: QuoteKind::Indirect,
        sentence: Span::of(&text, 0, text.len()),
    };
    ArticleStatements {
        schema_version: SCHEMA_VERSION,
        article: article_ref(&format!("d{q}")),
        text,
        statements: vec![statement],
    }
}

fn matcher_bench(n: usize, queries: usize) {
    let t0 = Utc
        .with_ymd_and_hms(2026, 3, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let window = Duration::hours(72);
    let mut m = Matcher::new(MatcherConfig::default());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let rss0 = rss_bytes().unwrap_or(0);
    let start = Instant::now();
    let mut samples = Vec::new();
    for i in 0..n {
        let seen =
            t0 + Duration::milliseconds((i as i64) * window.num_milliseconds() / (n as i64 + 1));
        let c = synthetic_claim(i, &mut rng, seen);
        m.remember(&c);
        if i % (n / 1000).max(1) == 0 {
            samples.push(c);
        }
    }
    let build = start.elapsed();
    let rss1 = rss_bytes().unwrap_or(0);
    let now = t0 + window - Duration::minutes(1);
    let mut lat = Vec::with_capacity(queries);
    let mut decide_lat = Vec::with_capacity(queries);
    let (mut linked, mut right) = (0usize, 0usize);
    let mut qrng = Rng(7);
    for q in 0..queries {
        let claim = &samples[q % samples.len()];
        let input = denial_article(q, claim, &mut qrng);
        let t = Instant::now();
        let _ = std::hint::black_box(claimwatch_matcher::decide::decide(
            &input.text,
            &input.statements,
        ));
        decide_lat.push(t.elapsed());
        let t = Instant::now();
        let events = m.process(&input, now);
        lat.push(t.elapsed());
        for e in &events {
            if let MatchEvent::Denial(d) = e {
                linked += usize::from(!d.refutes.is_empty());
                right += usize::from(d.refutes.iter().any(|r| r.claim_id == claim.id));
            }
        }
    }
    lat.sort();
    let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p) as usize];
    println!("mode                Matcher::process (decide + index lookup + events)");
    println!("claims remembered   {}", m.sizes().0);
    println!(
        "remember time       {:.2?} ({:.1} µs/claim)",
        build,
        build.as_secs_f64() * 1e6 / n as f64
    );
    println!("denial articles     {queries} (linked: {linked}, to the paraphrased claim: {right})");
    println!("process p50         {:.1?}", pct(0.50));
    println!("process p99         {:.1?}", pct(0.99));
    println!("process max         {:.1?}", lat[lat.len() - 1]);
    decide_lat.sort();
    let dpct = |p: f64| decide_lat[((decide_lat.len() as f64 - 1.0) * p) as usize];
    println!(
        "of which decide     p50 {:.1?}  p99 {:.1?}",
        dpct(0.50),
        dpct(0.99)
    );
    println!(
        "resident growth     {:.0} bytes/claim (full claims kept, for appearances)",
        rss1.saturating_sub(rss0) as f64 / n as f64
    );
    // The process exits next: freeing a million claims one by one would
    // only make the run (and any profile of it) longer.
    std::mem::forget(m);
}

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    if all.iter().any(|a| a == "--matcher") {
        let mut nums = all.iter().filter_map(|a| a.parse::<usize>().ok());
        let n = nums.next().unwrap_or(1_000_000);
        let queries = nums.next().unwrap_or(10_000);
        matcher_bench(n, queries);
        return;
    }
    index_bench(&all);
}

fn index_bench(all: &[String]) {
    let mut args = all.iter();
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let queries: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let t0 = Utc
        .with_ymd_and_hms(2026, 3, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let window = Duration::hours(72);
    let mut ix = Index::new(IndexConfig {
        window,
        max_items: n,
        ..IndexConfig::default()
    });
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let rss0 = rss_bytes().unwrap_or(0);
    let start = Instant::now();
    let mut samples = Vec::new();
    for i in 0..n {
        let k = keys(&mut rng);
        // Spread over the window so every claim is still live at the end.
        let seen =
            t0 + Duration::milliseconds((i as i64) * window.num_milliseconds() / (n as i64 + 1));
        ix.insert(&format!("clm-{i:08}"), &k, seen);
        if i % (n / 1000).max(1) == 0 {
            samples.push((i, k));
        }
    }
    let build = start.elapsed();
    let rss1 = rss_bytes().unwrap_or(0);
    let now = t0 + window - Duration::minutes(1);
    let mut lat = Vec::with_capacity(queries);
    let mut found = 0usize;
    let mut qrng = Rng(7);
    for q in 0..queries {
        let (_, base) = &samples[q % samples.len()];
        // A paraphrase: keep most keys, swap a few terms, add noise.
        let mut k = base.clone();
        for _ in 0..3 {
            let j = qrng.below(k.terms.len() as u64) as usize;
            k.terms[j] = format!("t{}", qrng.zipf(50_000));
        }
        k.terms.push(format!("t{}", qrng.zipf(50_000)));
        let t = Instant::now();
        let hits = ix.lookup(&k, now, 0.35, 5);
        lat.push(t.elapsed());
        found += usize::from(!hits.is_empty());
    }
    lat.sort();
    let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p) as usize];
    println!("claims indexed      {}", ix.len());
    println!(
        "build time          {:.2?} ({:.1} µs/claim)",
        build,
        build.as_secs_f64() * 1e6 / n as f64
    );
    println!("lookups             {queries} (with a hit: {found})");
    println!("lookup p50          {:.1?}", pct(0.50));
    println!("lookup p99          {:.1?}", pct(0.99));
    println!("lookup max          {:.1?}", lat[lat.len() - 1]);
    println!(
        "heap estimate       {:.0} bytes/claim",
        ix.heap_bytes() as f64 / n as f64
    );
    println!(
        "resident growth     {:.0} bytes/claim",
        rss1.saturating_sub(rss0) as f64 / n as f64
    );
}
