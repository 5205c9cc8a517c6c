//! The deployment files (deploy/, docs/asyncapi.yaml) checked against the
//! code: stage commands, image, admin port and probes, config files that
//! load and validate, topic names, CloudEvents headers and schema files. No
//! Docker or Kubernetes is needed: the files are parsed, not run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, ensure, Context, Result};
use claimwatch_alerter::stage::Alerter;
use claimwatch_shared::admin::{DEFAULT_LISTEN, DEFAULT_PORT};
use claimwatch_shared::cloudevents::{types, Attributes};
use claimwatch_shared::config::Config;
use claimwatch_shared::topics::Topics;
use serde_yaml::Value;

/// The stages each run as their own service, by subcommand.
const STAGES: [&str; 4] = ["fetcher", "parser", "matcher", "alerter"];
/// The subcommands the deployment files run: the stages, and `run` (the
/// image's default command). `the_deployed_subcommands_exist_in_the_cli`
/// checks them against src/cli.rs.
const DEPLOYED: [&str; 5] = ["run", "fetcher", "parser", "matcher", "alerter"];
/// Where every service reads its config.
const CONFIG_PATH: &str = "/etc/claimwatch/claimwatch.toml";
const IMAGE: &str = "claimwatch:0.1.0";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> Result<String> {
    std::fs::read_to_string(root().join(rel)).with_context(|| format!("reading {rel}"))
}

fn yaml(rel: &str) -> Result<Value> {
    let mut v: Value =
        serde_yaml::from_str(&read(rel)?).with_context(|| format!("parsing {rel}"))?;
    v.apply_merge()
        .with_context(|| format!("merge keys of {rel}"))?;
    Ok(v)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_sequence()
        .map(|s| {
            s.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn stage_command(stage: &str) -> Vec<String> {
    vec![
        stage.to_string(),
        "--config".to_string(),
        CONFIG_PATH.to_string(),
    ]
}

/// A config file's text loaded the way the binary loads it (no environment).
fn load_config(text: &str, name: &str) -> Result<Config> {
    let dir = std::env::temp_dir().join(format!("cw-deploy-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("claimwatch.toml");
    std::fs::write(&path, text)?;
    let cfg = Config::load_with_env(Some(&path), Vec::<(String, String)>::new())
        .with_context(|| format!("{name} does not load"))?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(cfg)
}

#[test]
fn the_deployed_subcommands_exist_in_the_cli() -> Result<()> {
    let cli = read("src/cli.rs")?;
    let start = cli
        .find("pub enum Command {")
        .context("enum Command in src/cli.rs")?;
    let body = &cli[start..];
    let end = body.find("\n}\n").context("end of enum Command")?;
    // clap names a subcommand after its variant, in kebab case.
    let found: BTreeSet<String> = body[..end]
        .lines()
        .filter_map(|l| l.strip_prefix("    "))
        .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|l| {
            l.chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .collect();
    for s in DEPLOYED {
        ensure!(
            found.contains(s),
            "{s} is not a subcommand of src/cli.rs: {found:?}"
        );
    }
    for s in STAGES {
        ensure!(DEPLOYED.contains(&s));
    }
    Ok(())
}

#[test]
fn the_dockerfile_builds_one_non_root_image_for_every_stage() -> Result<()> {
    let text = read("deploy/Dockerfile")?;
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    let froms: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("FROM "))
        .copied()
        .collect();
    ensure!(froms.len() == 2, "two stages: {froms:?}");
    ensure!(
        froms[0].starts_with("FROM rust:1.95") && froms[0].ends_with(" AS builder"),
        "{}",
        froms[0]
    );
    ensure!(
        froms[1].starts_with("FROM debian:bookworm-slim"),
        "{}",
        froms[1]
    );
    // The builder's Debian release matches the runtime's (same glibc).
    ensure!(froms[0].contains("bookworm"), "{}", froms[0]);
    ensure!(text.contains("cargo build --release --locked --bin claimwatch"));
    ensure!(
        text.contains("COPY --from=builder /usr/local/bin/claimwatch /usr/local/bin/claimwatch")
    );

    let last = |prefix: &str| lines.iter().rev().find(|l| l.starts_with(prefix)).copied();
    let user = last("USER ").context("a USER line")?;
    let uid = user["USER ".len()..].split(':').next().unwrap_or("");
    ensure!(uid != "0" && uid != "root", "runs as {uid}");
    ensure!(
        last("ENTRYPOINT ") == Some(r#"ENTRYPOINT ["claimwatch"]"#),
        "{:?}",
        last("ENTRYPOINT ")
    );
    ensure!(last("CMD ") == Some(r#"CMD ["run"]"#), "{:?}", last("CMD "));
    ensure!(last("EXPOSE ") == Some(format!("EXPOSE {DEFAULT_PORT}").as_str()));
    ensure!(text.contains(&format!("CLAIMWATCH__ADMIN__LISTEN={DEFAULT_LISTEN}")));
    // The baked-in config is read by default, through the CLI's --config variable.
    ensure!(text.contains(&format!("CLAIMWATCH_CONFIG={CONFIG_PATH}")));
    ensure!(
        read("src/cli.rs")?.contains(r#"env = "CLAIMWATCH_CONFIG""#),
        "--config reads CLAIMWATCH_CONFIG"
    );
    // The config the image carries is the one in the repository.
    ensure!(text.contains(&format!("COPY deploy/claimwatch.toml {CONFIG_PATH}")));
    ensure!(root().join("deploy/claimwatch.toml").is_file());
    ensure!(
        root().join("Cargo.lock").is_file(),
        "--locked needs Cargo.lock"
    );
    Ok(())
}

#[test]
fn the_compose_file_runs_kafka_the_topics_job_the_stages_and_a_receiver() -> Result<()> {
    let c = yaml("deploy/compose.yaml")?;
    let services = c["services"].as_mapping().context("services")?;
    let names: BTreeSet<&str> = services.keys().filter_map(|k| k.as_str()).collect();
    for s in STAGES
        .iter()
        .chain(&["kafka", "topics", "webhook-receiver"])
    {
        ensure!(names.contains(s), "no service {s}: {names:?}");
    }

    let kafka = &c["services"]["kafka"];
    ensure!(kafka["image"]
        .as_str()
        .unwrap_or("")
        .starts_with("apache/kafka:"));
    let roles = kafka["environment"]["KAFKA_PROCESS_ROLES"]
        .as_str()
        .unwrap_or("");
    ensure!(
        roles.contains("broker") && roles.contains("controller"),
        "KRaft single node: {roles}"
    );
    let advertised = kafka["environment"]["KAFKA_ADVERTISED_LISTENERS"]
        .as_str()
        .unwrap_or("");

    // The topics job creates exactly the topics of the code.
    let script = strings(&c["services"]["topics"]["command"]).join("\n");
    let created: Vec<&str> = script
        .lines()
        .filter_map(|l| l.trim().strip_prefix("create "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let topics = Topics::new("claimwatch");
    ensure!(created == topics.all(), "created {created:?}");

    for stage in STAGES {
        let s = &c["services"][stage];
        ensure!(s["image"].as_str() == Some(IMAGE), "{stage}: image");
        ensure!(
            s["build"]["dockerfile"].as_str() == Some("deploy/Dockerfile"),
            "{stage}: build"
        );
        ensure!(
            strings(&s["command"]) == stage_command(stage),
            "{stage}: command"
        );
        ensure!(
            strings(&s["volumes"]).contains(&format!("./claimwatch.toml:{CONFIG_PATH}:ro")),
            "{stage}: config volume"
        );
        let env = &s["environment"];
        ensure!(
            env["CLAIMWATCH__ADMIN__LISTEN"].as_str() == Some(DEFAULT_LISTEN),
            "{stage}: admin"
        );
        let brokers = env["CLAIMWATCH__KAFKA__BROKERS"].as_str().unwrap_or("");
        ensure!(
            advertised.contains(&format!("PLAINTEXT://{brokers}")),
            "{stage}: brokers {brokers}"
        );
        let ports = strings(&s["ports"]);
        ensure!(
            ports.len() == 1 && ports[0].ends_with(&format!(":{DEFAULT_PORT}")),
            "{stage}: ports {ports:?}"
        );
        ensure!(
            s["depends_on"]["topics"]["condition"].as_str()
                == Some("service_completed_successfully")
        );
    }

    // The receiver verifies with the alerter's secret, at the hook's URL.
    let receiver = &c["services"]["webhook-receiver"];
    ensure!(strings(&receiver["volumes"])
        .iter()
        .any(|v| v.starts_with("./receiver.py:")));
    ensure!(root().join("deploy/receiver.py").is_file());
    let secret = receiver["environment"]["CLAIMWATCH_HOOK_SECRET"].as_str();
    ensure!(
        secret.is_some()
            && c["services"]["alerter"]["environment"]["CLAIMWATCH_HOOK_SECRET"].as_str() == secret
    );
    let port = strings(&receiver["command"])
        .last()
        .cloned()
        .unwrap_or_default();

    let cfg = load_config(&read("deploy/claimwatch.toml")?, "compose")?;
    ensure!(
        !cfg.kafka.enabled(),
        "the image alone runs embedded; compose sets the brokers"
    );
    ensure!(cfg.kafka.topics() == topics);
    // The topics job makes the partitions and replicas the config asks for
    // (the stages would create missing topics with those).
    ensure!(script.contains(&format!("--partitions {}", cfg.kafka.partitions)));
    ensure!(script.contains(&format!("--replication-factor {}", cfg.kafka.replication)));
    ensure!(cfg.admin.listen == DEFAULT_LISTEN);
    ensure!(!cfg.fetcher.feeds.is_empty());
    let hook = cfg.alerter.hooks.first().context("a hook")?;
    ensure!(
        hook.url == format!("http://webhook-receiver:{port}/hook"),
        "{}",
        hook.url
    );
    ensure!(hook.secret_env.as_deref() == Some("CLAIMWATCH_HOOK_SECRET"));
    Alerter::build(&cfg.alerter)?;
    Ok(())
}

#[test]
fn the_kubernetes_deployments_probe_the_admin_port_and_run_each_stage() -> Result<()> {
    let cm = yaml("deploy/k8s/configmap.yaml")?;
    ensure!(cm["kind"].as_str() == Some("ConfigMap"));
    let cm_name = cm["metadata"]["name"].as_str().context("configmap name")?;
    let toml = cm["data"]["claimwatch.toml"]
        .as_str()
        .context("claimwatch.toml in the ConfigMap")?;
    let cfg = load_config(toml, "k8s")?;
    ensure!(cfg.kafka.topics() == Topics::new("claimwatch"));
    ensure!(cfg.admin.listen == DEFAULT_LISTEN);
    ensure!(!cfg.alerter.allow_private);
    ensure!(
        cfg.alerter.hooks.iter().all(|h| h.secret.is_none()),
        "no secrets in the ConfigMap"
    );

    let secret = yaml("deploy/k8s/secret.yaml")?;
    ensure!(secret["kind"].as_str() == Some("Secret"));
    let secret_name = secret["metadata"]["name"].as_str().context("secret name")?;
    let secret_keys: BTreeSet<&str> = secret["stringData"]
        .as_mapping()
        .context("stringData")?
        .keys()
        .filter_map(|k| k.as_str())
        .collect();

    for stage in STAGES {
        let d = yaml(&format!("deploy/k8s/{stage}.yaml"))?;
        ensure!(d["kind"].as_str() == Some("Deployment"), "{stage}");
        let pod = &d["spec"]["template"]["spec"];
        ensure!(
            pod["securityContext"]["runAsNonRoot"].as_bool() == Some(true),
            "{stage}: non-root"
        );
        let labels = &d["spec"]["template"]["metadata"]["labels"];
        ensure!(
            d["spec"]["selector"]["matchLabels"] == *labels,
            "{stage}: selector"
        );
        let containers = pod["containers"].as_sequence().context("containers")?;
        ensure!(containers.len() == 1, "{stage}: one container");
        let c = &containers[0];
        ensure!(c["image"].as_str() == Some(IMAGE), "{stage}: image");
        ensure!(strings(&c["args"]) == stage_command(stage), "{stage}: args");
        let port = &c["ports"][0];
        ensure!(
            port["containerPort"].as_u64() == Some(DEFAULT_PORT as u64),
            "{stage}: port"
        );
        let port_name = port["name"].as_str().context("port name")?;
        for (probe, path) in [("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")] {
            let get = &c[probe]["httpGet"];
            ensure!(get["path"].as_str() == Some(path), "{stage}: {probe} path");
            let p = &get["port"];
            ensure!(
                p.as_str() == Some(port_name) || p.as_u64() == Some(DEFAULT_PORT as u64),
                "{stage}: {probe} port"
            );
        }
        for r in ["cpu", "memory"] {
            ensure!(
                !c["resources"]["requests"][r].is_null(),
                "{stage}: {r} request"
            );
            ensure!(!c["resources"]["limits"][r].is_null(), "{stage}: {r} limit");
        }
        let env = c["env"].as_sequence().context("env")?;
        let env_value = |name: &str| {
            env.iter()
                .find(|e| e["name"].as_str() == Some(name))
                .and_then(|e| e["value"].as_str())
        };
        ensure!(
            env_value("CLAIMWATCH__ADMIN__LISTEN") == Some(DEFAULT_LISTEN),
            "{stage}: admin"
        );
        let mount = &c["volumeMounts"][0];
        ensure!(Path::new(CONFIG_PATH).parent() == mount["mountPath"].as_str().map(Path::new));
        let volume = pod["volumes"]
            .as_sequence()
            .and_then(|vs| vs.iter().find(|v| v["name"] == mount["name"]))
            .context("the mounted volume")?;
        ensure!(
            volume["configMap"]["name"].as_str() == Some(cm_name),
            "{stage}: configmap"
        );

        if stage == "alerter" {
            // Every hook's secret_env / url_env is set from the Secret.
            let mut wanted: Vec<&str> = Vec::new();
            for h in &cfg.alerter.hooks {
                wanted.extend(h.secret_env.as_deref());
                wanted.extend(h.url_env.as_deref());
            }
            ensure!(!wanted.is_empty());
            for var in wanted {
                let e = env
                    .iter()
                    .find(|e| e["name"].as_str() == Some(var))
                    .with_context(|| format!("alerter env {var}"))?;
                let r = &e["valueFrom"]["secretKeyRef"];
                ensure!(
                    r["name"].as_str() == Some(secret_name),
                    "{var}: secret name"
                );
                let key = r["key"].as_str().unwrap_or("");
                ensure!(
                    secret_keys.contains(key),
                    "{var}: no key {key} in the Secret"
                );
            }
            // The hooks build (public targets only) once the variables are set.
            Alerter::build(&cfg.alerter)?;
        }
    }

    let k = yaml("deploy/k8s/kustomization.yaml")?;
    let listed: BTreeSet<String> = strings(&k["resources"]).into_iter().collect();
    let files: BTreeSet<String> = std::fs::read_dir(root().join("deploy/k8s"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && n != "kustomization.yaml")
        .collect();
    ensure!(
        listed == files,
        "kustomization lists {listed:?}, the folder has {files:?}"
    );
    Ok(())
}

/// Resolves a local `#/a/b` reference in `doc`.
fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    let path = reference.strip_prefix("#/")?;
    path.split('/').try_fold(doc, |v, step| v.get(step))
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Mapping(m) => {
            for (k, x) in m {
                if k.as_str() == Some("$ref") {
                    if let Some(r) = x.as_str() {
                        out.push(r.to_string());
                    }
                }
                collect_refs(x, out);
            }
        }
        Value::Sequence(s) => s.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

#[test]
fn the_asyncapi_document_matches_the_topics_headers_and_schemas() -> Result<()> {
    let doc = yaml("docs/asyncapi.yaml")?;
    ensure!(doc["asyncapi"].as_str() == Some("3.0.0"));
    let channels = doc["channels"].as_mapping().context("channels")?;
    let addresses: Vec<&str> = channels
        .values()
        .filter_map(|c| c["address"].as_str())
        .collect();
    let topics = Topics::new("claimwatch");
    let all: Vec<&str> = topics.all().into_iter().chain(topics.fetcher()).collect();
    ensure!(addresses == all, "{addresses:?}");

    // Every local reference resolves; every file reference is a schema that exists.
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    for r in &refs {
        if r.starts_with("#/") {
            ensure!(resolve(&doc, r).is_some(), "dangling {r}");
        } else {
            let rel = r
                .strip_prefix("../")
                .context("file refs are relative to docs/")?;
            ensure!(root().join(rel).is_file(), "{r} does not exist");
        }
    }

    let expected = [
        ("article.schema.json", types::ARTICLE),
        ("statements.schema.json", types::STATEMENTS),
        ("claim.unverified.schema.json", types::CLAIM),
        ("denial.official.schema.json", types::DENIAL),
        ("deadletter.schema.json", types::DEADLETTER),
        ("feed.schema.json", types::FEED),
        ("fetcher.checkpoint.schema.json", types::FETCHER_CHECKPOINT),
    ];
    ensure!(
        channels.len() == expected.len(),
        "{} channels",
        channels.len()
    );
    for (channel, (schema, ce_type)) in channels.values().zip(expected) {
        let messages = channel["messages"].as_mapping().context("messages")?;
        ensure!(messages.len() == 1);
        let reference = messages
            .values()
            .next()
            .and_then(|m| m["$ref"].as_str())
            .context("message ref")?;
        let message = resolve(&doc, reference).context("message")?;
        let payload_ref = message["payload"]["schema"]["$ref"].as_str().unwrap_or("");
        ensure!(
            payload_ref == format!("../schemas/{schema}"),
            "{payload_ref}"
        );
        let headers = message["headers"]["allOf"]
            .as_sequence()
            .context("headers")?;
        ensure!(
            headers
                .iter()
                .any(|h| h["properties"]["ce_type"]["const"].as_str() == Some(ce_type)),
            "{ce_type}"
        );
        ensure!(message["contentType"].as_str() == Some("application/json"));
    }

    // The header names are the ones the code writes.
    let written: BTreeSet<String> = Attributes {
        id: "x".into(),
        kind: "x".into(),
        source: "x".into(),
        time: chrono::Utc::now(),
    }
    .headers()
    .into_iter()
    .map(|(k, _)| k.to_string())
    .collect();
    let ce = &doc["components"]["schemas"]["cloudEventsHeaders"];
    let required: BTreeSet<String> = strings(&ce["required"]).into_iter().collect();
    ensure!(
        required == written,
        "required {required:?}, written {written:?}"
    );
    let declared: BTreeSet<String> = ce["properties"]
        .as_mapping()
        .context("properties")?
        .keys()
        .filter_map(|k| k.as_str().map(String::from))
        .collect();
    ensure!(declared == written);

    for op in doc["operations"]
        .as_mapping()
        .context("operations")?
        .values()
    {
        let action = op["action"].as_str().unwrap_or("");
        if action != "send" && action != "receive" {
            bail!("action {action}");
        }
    }
    Ok(())
}
