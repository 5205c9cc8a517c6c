//! The command line: subcommands and their dispatch.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use claimwatch_shared::config::Config;
use clap::{Parser, Subcommand, ValueEnum};

use crate::pipeline::{self, Shutdown, StageName};

/// claimwatch: watches news feeds for unverified claims and the official
/// denials that answer them.
#[derive(Debug, Parser)]
#[command(name = "claimwatch", version, about)]
pub struct Cli {
    /// A TOML config file (defaults, then this file, then CLAIMWATCH__* variables).
    #[arg(long, short, global = true, env = "CLAIMWATCH_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// How commands print their objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// One JSON object per line.
    #[default]
    Jsonl,
    /// Indented JSON, objects separated by blank lines.
    Pretty,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The main job: every stage, in one process. Without a broker the stages
    /// talk over in-memory channels; claims and denials print as JSON lines.
    Run {
        /// Run over Kafka at HOST:PORT instead of in memory.
        #[arg(long)]
        kafka: Option<String>,
        /// Poll each feed once, drain, and exit.
        #[arg(long)]
        once: bool,
        /// Feeds to poll (URLs or files), in addition to the config's.
        #[arg(long = "feed")]
        feeds: Vec<String>,
        /// Hosts that may be fetched although loopback or private.
        #[arg(long = "allow-host")]
        allow_hosts: Vec<String>,
        /// With --kafka --once: exit after this many seconds without an event.
        #[arg(long, default_value_t = 10)]
        idle_exit_secs: u64,
    },
    /// The fetcher stage alone, over Kafka.
    Fetcher,
    /// The parser stage alone, over Kafka.
    Parser,
    /// The matcher stage alone, over Kafka.
    Matcher,
    /// The alerter stage alone, over Kafka.
    Alerter,
    /// Statements, claims and denials of text (or HTML) files.
    Extract {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// The files are HTML pages: extract their main text first.
        #[arg(long)]
        html: bool,
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Feed files parsed, one object per file.
    Feed {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Article pages (HTML or .html.gz) reduced to their main text.
    Article {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// The feed list: OPML import and export.
    Feeds {
        #[command(subcommand)]
        command: FeedsCommand,
    },
    /// Configuration commands.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Writes the JSON Schemas of every event into a directory.
    Schemas {
        #[arg(default_value = "schemas")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// Prints the feeds of an OPML file as `[[fetcher.feeds]]` TOML tables;
    /// with --kafka, publishes them to the feeds topic instead, where the
    /// running fetchers pick them up.
    Import {
        file: PathBuf,
        /// Kafka bootstrap servers (overrides kafka.brokers of --config).
        #[arg(long, value_name = "HOST:PORT")]
        kafka: Option<String>,
    },
    /// Prints the configured feeds (--config) as an OPML document.
    Export,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validates a config file (with the environment applied); prints every problem.
    Check { file: PathBuf },
    /// Prints the effective configuration as TOML.
    Show,
}

fn print<T: serde::Serialize>(out: &mut impl Write, format: Format, v: &T) -> anyhow::Result<()> {
    match format {
        Format::Jsonl => writeln!(out, "{}", serde_json::to_string(v)?)?,
        Format::Pretty => writeln!(out, "{}\n", serde_json::to_string_pretty(v)?)?,
    }
    Ok(())
}

/// Runs the command `cli` names.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    match cli.command {
        Command::Extract {
            format,
            html,
            files,
        } => {
            let mut out = stdout.lock();
            for f in &files {
                let obj = if html {
                    let text = crate::inspect::read_html(f).with_context(|| f.clone())?;
                    let main = claimwatch_fetcher::article::extract_main_text(&text, None);
                    let mut e = crate::extract::extract(f, &main.text);
                    e.text = Some(main.text);
                    e
                } else {
                    let text = std::fs::read_to_string(f).with_context(|| f.clone())?;
                    crate::extract::extract(f, &text)
                };
                print(&mut out, format, &obj)?;
            }
            Ok(())
        }
        Command::Feed { format, files } => {
            let mut out = stdout.lock();
            for f in &files {
                print(&mut out, format, &crate::inspect::feed(f))?;
            }
            Ok(())
        }
        Command::Article { format, files } => {
            let mut out = stdout.lock();
            for f in &files {
                print(&mut out, format, &crate::inspect::article(f))?;
            }
            Ok(())
        }
        Command::Feeds { command } => match command {
            FeedsCommand::Import { file, kafka } => {
                let xml =
                    std::fs::read_to_string(&file).with_context(|| file.display().to_string())?;
                let feeds =
                    crate::feeds::import_opml(&xml).with_context(|| file.display().to_string())?;
                let Some(brokers) = kafka else {
                    print!("{}", crate::feeds::to_toml(&feeds)?);
                    return Ok(());
                };
                let mut cfg = Config::load(cli.config.as_deref())?;
                cfg.kafka.brokers = brokers;
                let n = pipeline::publish_feeds(&cfg.kafka, &feeds).await?;
                eprintln!(
                    "{n} of {} feeds published to {}.",
                    feeds.len(),
                    cfg.kafka.topics().feeds
                );
                Ok(())
            }
            FeedsCommand::Export => {
                let cfg = Config::load(cli.config.as_deref())?;
                print!("{}", crate::feeds::export_opml(&cfg.fetcher.feeds));
                Ok(())
            }
        },
        Command::Config { command } => match command {
            ConfigCommand::Check { file } => {
                Config::load(Some(&file))?;
                println!("{}: ok", file.display());
                Ok(())
            }
            ConfigCommand::Show => {
                let cfg = Config::load(cli.config.as_deref())?;
                let mut shown = cfg.clone();
                for h in &mut shown.alerter.hooks {
                    if h.secret.is_some() {
                        h.secret = Some("<redacted>".into());
                    }
                }
                print!("{}", toml::to_string_pretty(&shown)?);
                Ok(())
            }
        },
        Command::Schemas { dir } => {
            std::fs::create_dir_all(&dir)?;
            for (name, schema) in claimwatch_shared::schema::all() {
                std::fs::write(dir.join(name), claimwatch_shared::schema::render(&schema))?;
            }
            Ok(())
        }
        Command::Run {
            kafka,
            once,
            feeds,
            allow_hosts,
            idle_exit_secs,
        } => {
            let mut cfg = Config::load(cli.config.as_deref())?;
            if let Some(k) = kafka {
                cfg.kafka.brokers = k;
            }
            for url in feeds {
                cfg.fetcher
                    .feeds
                    .push(claimwatch_shared::config::FeedConfig {
                        url,
                        name: None,
                        fetch_articles: true,
                        identity: Default::default(),
                    });
            }
            cfg.fetcher.allow_hosts.extend(allow_hosts);
            if cfg.fetcher.feeds.is_empty() {
                anyhow::bail!("no feeds: pass --feed URL|FILE or list them under [[fetcher.feeds]] in --config");
            }
            let shutdown = Shutdown::on(claimwatch_shared::shutdown::signal());
            let stats = if cfg.kafka.enabled() {
                let idle = Duration::from_secs(idle_exit_secs);
                pipeline::run_kafka_all(&cfg, once, idle, std::io::stdout(), shutdown).await?
            } else {
                pipeline::run_embedded(&cfg, once, std::io::stdout(), shutdown).await?
            };
            tracing::info!(events = stats.events, "Done.");
            Ok(())
        }
        Command::Fetcher | Command::Parser | Command::Matcher | Command::Alerter => {
            let name = match cli.command {
                Command::Fetcher => StageName::Fetcher,
                Command::Parser => StageName::Parser,
                Command::Matcher => StageName::Matcher,
                _ => StageName::Alerter,
            };
            let cfg = Config::load(cli.config.as_deref())?;
            let shutdown = Shutdown::on(claimwatch_shared::shutdown::signal());
            pipeline::run_stage(&cfg, name, shutdown).await
        }
    }
}
