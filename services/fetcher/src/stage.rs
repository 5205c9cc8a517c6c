//! The fetcher stage: polls feeds, fetches new items' pages, extracts their
//! main text and publishes `Article` records; failures become dead letters
//! and the loop goes on.

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use claimwatch_shared::bus::{Message, Publisher};
use claimwatch_shared::cloudevents::types;
use claimwatch_shared::config::FetcherConfig;
use claimwatch_shared::events::{
    Article, CheckpointItem, DeadLetter, FeedSpec, FetcherCheckpoint, ItemIdentity, SCHEMA_VERSION,
};
use claimwatch_shared::ids::hash_id;
use claimwatch_shared::metrics::Metrics;
use claimwatch_shared::topics::Topics;
use futures::StreamExt;
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::article::{decode_html, extract_page, html_to_text};
use crate::feed::{parse_feed, Entry};
use crate::http::{Fetched, HttpClient, Validators};
use crate::process::{content_hash, Decision, State};
use crate::{Error, Result};

/// The CloudEvents source of everything the fetcher publishes.
const SOURCE: &str = "/claimwatch/fetcher";
/// Items remembered for deduplication before the oldest are forgotten.
const STATE_CAPACITY: usize = 100_000;
/// The longest a failing feed waits between attempts: it is never parked.
const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);
/// The longest a server's freshness hint may stretch a feed's interval.
const MAX_HINT: Duration = Duration::from_secs(3600);
/// Feed documents fetched at once (each host also has its own limit).
const FEED_PARALLELISM: usize = 8;
/// Pages fetched at once within one feed (each host also has its own limit).
const PAGE_PARALLELISM: usize = 8;
/// Items of one feed looked at per poll: the newest ones, so a huge feed
/// (an archive, a sitemap in disguise) cannot set off thousands of fetches.
const MAX_ITEMS_PER_POLL: usize = 200;
/// How long a feed taken on from another replica waits at least before its
/// first poll here, so that replica's last checkpoint (published after the
/// poll it may still be finishing) arrives first.
const HANDOVER_GRACE: Duration = Duration::from_secs(2);
/// Page text shorter than this loses to a longer text from the feed.
const MIN_PAGE_CHARS: usize = 200;

/// What a run did, for logs and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchStats {
    /// Feed polls attempted.
    pub polls: u64,
    /// Polls answered 304 Not Modified.
    pub not_modified: u64,
    /// Feed items read.
    pub items: u64,
    /// Article pages fetched.
    pub pages: u64,
    /// Articles published (new items and revisions).
    pub articles: u64,
    /// Dead letters published (failed feeds and pages).
    pub dead_letters: u64,
}

/// A change to the feeds a fetcher polls, while it runs (see
/// [`Fetcher::with_control`]).
#[derive(Debug, Clone)]
pub enum FeedControl {
    /// Poll this feed (an http(s) URL), starting from its latest checkpoint
    /// when one is known; a feed already polled only takes the new name and
    /// settings.
    Add(FeedSpec),
    /// Stop polling the feed with this URL.
    Remove(String),
    /// A feed's checkpoint, published by this or another fetcher. Kept for
    /// when the feed is added; applied at once to a feed polled here when it
    /// is later than what the feed is at (another replica polled it last).
    Checkpoint(Box<FetcherCheckpoint>),
    /// An article published by this or another fetcher (read from the
    /// articles topic): its identity is known from now on, so the same story
    /// in a feed polled here is not emitted again, and a changed one is the
    /// next revision.
    Published {
        id: String,
        revision: u32,
        content_hash: String,
        url: Option<String>,
    },
}

/// Where a feed lives.
#[derive(Debug, Clone)]
enum Location {
    Http(String),
    File(PathBuf),
}

/// One configured feed and what the fetcher knows about it.
#[derive(Debug)]
struct FeedState {
    /// The feed's URL (or path) as configured: its key in the feeds and
    /// state topics.
    url: String,
    /// The feed as configured, used as `Article::feed`.
    name: String,
    location: Location,
    fetch_articles: bool,
    /// How its items are told apart.
    identity: ItemIdentity,
    validators: Validators,
    failures: u32,
    next_due: Instant,
    /// The server's own idea of how long the feed stays fresh
    /// (Cache-Control max-age).
    hint: Option<Duration>,
    /// The feed's own idea (ttl, sy:updatePeriod).
    refresh: Option<Duration>,
    /// Polls in a row that brought nothing new; the interval grows with it.
    idle: u32,
    /// The items of the latest document (article id, link), newest
    /// [`MAX_ITEMS_PER_POLL`] only: what a checkpoint carries.
    items: Vec<(String, Option<String>)>,
    /// When the checkpoint the feed is at was taken.
    checkpoint_at: Option<DateTime<Utc>>,
}

impl FeedState {
    /// A feed never polled, due now. Only http(s) URLs and, with `local`,
    /// file paths are feeds.
    fn new(
        url: &str,
        name: Option<&str>,
        fetch_articles: bool,
        identity: ItemIdentity,
        local: bool,
    ) -> std::result::Result<FeedState, String> {
        let url = url.trim();
        let location = if url.starts_with("http://") || url.starts_with("https://") {
            url::Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
            Location::Http(url.to_string())
        } else if url.is_empty() {
            return Err("url must not be empty".into());
        } else if !local {
            return Err(format!("{url}: only http(s) URLs"));
        } else if let Some(path) = url.strip_prefix("file://") {
            Location::File(PathBuf::from(path))
        } else if url.contains("://") {
            return Err(format!("{url}: only http(s) URLs and local paths"));
        } else {
            Location::File(PathBuf::from(url))
        };
        Ok(FeedState {
            url: url.to_string(),
            name: name
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .unwrap_or(url)
                .to_string(),
            location,
            fetch_articles,
            identity,
            validators: Validators::default(),
            failures: 0,
            next_due: Instant::now(),
            hint: None,
            refresh: None,
            idle: 0,
            items: Vec::new(),
            checkpoint_at: None,
        })
    }

    /// Takes up where `cp` left the feed: validators, backoff, interval,
    /// moved address and the items' identities (into `state`). `cap`
    /// bounds the wait until the feed is due.
    fn apply(&mut self, cp: &FetcherCheckpoint, state: &mut State, cap: Duration) {
        self.validators = Validators {
            etag: cp.etag.clone(),
            last_modified: cp.last_modified.clone(),
        };
        self.failures = cp.failures;
        self.idle = cp.idle;
        self.hint = cp.max_age_secs.map(Duration::from_secs);
        self.refresh = cp.refresh_secs.map(Duration::from_secs);
        let wait = (cp.next_due - Utc::now()).to_std().unwrap_or_default();
        self.next_due = Instant::now() + wait.min(cap);
        let moved = cp.location.trim();
        if moved != self.url
            && matches!(self.location, Location::Http(_))
            && (moved.starts_with("http://") || moved.starts_with("https://"))
            && url::Url::parse(moved).is_ok()
        {
            self.location = Location::Http(moved.to_string());
        }
        for item in &cp.items {
            state.restore(
                &self.name,
                &item.id,
                item.revision,
                &item.content_hash,
                &item.fingerprint,
                item.link.as_deref(),
            );
        }
        self.items = cp
            .items
            .iter()
            .map(|i| (i.id.clone(), i.link.clone()))
            .collect();
        self.checkpoint_at = Some(cp.at);
    }
}

/// The fetcher stage.
pub struct Fetcher {
    http: HttpClient,
    feeds: Vec<FeedState>,
    state: State,
    interval: Duration,
    max_bytes: usize,
    /// State of the jitter generator (xorshift).
    rng: u64,
    metrics: Metrics,
    /// Feed changes while running (Kafka mode), `None` once closed.
    control: Option<mpsc::Receiver<FeedControl>>,
    /// The topic checkpoints are published to after each poll (Kafka mode).
    state_topic: Option<String>,
    /// The latest checkpoint of every feed heard of, polled here or not.
    checkpoints: HashMap<String, FetcherCheckpoint>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("feeds", &self.feeds.len())
            .field("interval", &self.interval)
            .finish()
    }
}

impl Fetcher {
    /// Validates the configuration and builds the HTTP client.
    pub fn build(cfg: &FetcherConfig) -> Result<Fetcher> {
        let mut problems = Vec::new();
        if cfg.interval_secs == 0 {
            problems.push("interval_secs must be at least 1".to_string());
        }
        if cfg.timeout_secs == 0 || cfg.connect_timeout_secs == 0 {
            problems.push("timeout_secs and connect_timeout_secs must be at least 1".to_string());
        }
        if cfg.max_bytes < 1024 {
            problems.push("max_bytes must be at least 1024".to_string());
        }
        if cfg.per_host_concurrency == 0 {
            problems.push("per_host_concurrency must be at least 1".to_string());
        }
        if cfg.allow_hosts.iter().any(|h| h.trim().is_empty()) {
            problems.push("allow_hosts must not contain empty names".to_string());
        }
        let http = HttpClient::new(cfg)?;
        let mut feeds = Vec::new();
        for (i, f) in cfg.feeds.iter().enumerate() {
            match FeedState::new(
                &f.url,
                f.name.as_deref(),
                f.fetch_articles,
                f.identity,
                true,
            ) {
                Ok(feed) => feeds.push(feed),
                Err(e) => problems.push(format!("feeds[{i}]: {e}")),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Config(problems.join("; ")));
        }
        Ok(Fetcher {
            http,
            feeds,
            state: State::new(STATE_CAPACITY),
            interval: Duration::from_secs(cfg.interval_secs),
            max_bytes: cfg.max_bytes,
            rng: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0x9e37_79b9, |d| d.as_nanos() as u64)
                | 1,
            metrics: claimwatch_shared::metrics::global().clone(),
            control: None,
            state_topic: None,
            checkpoints: HashMap::new(),
        })
    }

    /// The configured feeds that can be shared with other fetchers (the
    /// http(s) ones), as records of the feeds topic would state them.
    pub fn shared_feeds(&self) -> Vec<FeedSpec> {
        self.feeds
            .iter()
            .filter(|f| matches!(f.location, Location::Http(_)))
            .map(|f| FeedSpec {
                schema_version: SCHEMA_VERSION,
                url: f.url.clone(),
                name: (f.name != f.url).then(|| f.name.clone()),
                fetch_articles: f.fetch_articles,
                identity: f.identity,
            })
            .collect()
    }

    /// Kafka mode: the http(s) feeds come and go through `control` (the
    /// configured ones are dropped here: they are published to the feeds
    /// topic and come back as this replica's share; local file feeds stay,
    /// as no other machine could read them), and a checkpoint of each feed
    /// is published to `state_topic` after every poll of it.
    pub fn with_control(mut self, control: mpsc::Receiver<FeedControl>, state_topic: &str) -> Self {
        self.feeds
            .retain(|f| matches!(f.location, Location::File(_)));
        self.control = Some(control);
        self.state_topic = Some(state_topic.to_string());
        self
    }

    /// Takes in checkpoints read from the state topic (on start, before
    /// [`Fetcher::run`]); records that are not checkpoints are skipped.
    /// Returns how many were taken in.
    pub fn restore_checkpoints(&mut self, records: &[Message]) -> usize {
        let mut n = 0;
        for r in records {
            if r.payload.is_empty() {
                continue;
            }
            match serde_json::from_slice::<FetcherCheckpoint>(&r.payload) {
                Ok(cp) => {
                    self.take_checkpoint(cp);
                    n += 1;
                }
                Err(e) => {
                    tracing::debug!(error = %e, "Skipping a record that is not a checkpoint.")
                }
            }
        }
        n
    }

    /// Applies one change of the feeds.
    fn control(&mut self, change: FeedControl) {
        match change {
            FeedControl::Add(spec) => {
                let url = spec.url.trim();
                if let Some(f) = self.feeds.iter_mut().find(|f| f.url == url) {
                    f.name = spec
                        .name
                        .as_deref()
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .unwrap_or(url)
                        .to_string();
                    f.fetch_articles = spec.fetch_articles;
                    f.identity = spec.identity;
                    return;
                }
                // A feed from a topic is never a local file: whoever can
                // write the topic must not read this machine's disk.
                match FeedState::new(
                    url,
                    spec.name.as_deref(),
                    spec.fetch_articles,
                    spec.identity,
                    false,
                ) {
                    Ok(mut feed) => {
                        let cap = MAX_BACKOFF.max(self.interval);
                        if let Some(cp) = self.checkpoints.get(url) {
                            feed.apply(cp, &mut self.state, cap);
                        }
                        feed.next_due = feed.next_due.max(Instant::now() + HANDOVER_GRACE);
                        tracing::info!(feed = %url, resumed = feed.checkpoint_at.is_some(), "Feed taken on.");
                        self.feeds.push(feed);
                    }
                    Err(e) => {
                        tracing::warn!(feed = %url, error = %e, "Ignoring a feed that cannot be polled.")
                    }
                }
            }
            FeedControl::Remove(url) => {
                let url = url.trim();
                let before = self.feeds.len();
                self.feeds.retain(|f| f.url != url);
                if self.feeds.len() < before {
                    self.metrics.forget_feed(url);
                    tracing::info!(feed = %url, "Feed handed over or removed.");
                }
            }
            FeedControl::Checkpoint(cp) => self.take_checkpoint(*cp),
            FeedControl::Published {
                id,
                revision,
                content_hash,
                url,
            } => self
                .state
                .remember(&id, revision, &content_hash, url.as_deref()),
        }
    }

    /// Keeps `cp` if it is the latest of its feed, and applies it to the
    /// feed when polled here and behind it.
    fn take_checkpoint(&mut self, cp: FetcherCheckpoint) {
        let later = |at: Option<DateTime<Utc>>| at.is_none_or(|t| cp.at > t);
        let cap = MAX_BACKOFF.max(self.interval);
        if let Some(f) = self.feeds.iter_mut().find(|f| f.url == cp.feed) {
            if later(f.checkpoint_at) {
                f.apply(&cp, &mut self.state, cap);
            }
        }
        if later(self.checkpoints.get(&cp.feed).map(|c| c.at)) {
            self.checkpoints.insert(cp.feed.clone(), cp);
        }
    }

    /// Applies the feed changes waiting, without waiting for more.
    fn drain_control(&mut self) {
        while let Some(rx) = self.control.as_mut() {
            match rx.try_recv() {
                Ok(change) => self.control(change),
                Err(mpsc::error::TryRecvError::Empty) => return,
                Err(mpsc::error::TryRecvError::Disconnected) => self.control = None,
            }
        }
    }

    /// The checkpoint of feed `i` as it is now, remembered as the feed's
    /// latest.
    fn checkpoint(&mut self, i: usize) -> FetcherCheckpoint {
        let feed = &self.feeds[i];
        let now = Utc::now();
        // Strictly later than the checkpoint the feed was at, whatever the
        // clocks of the replicas say.
        let at = match feed.checkpoint_at {
            Some(t) if t >= now => t + chrono::Duration::microseconds(1),
            _ => now,
        };
        let wait = feed.next_due.saturating_duration_since(Instant::now());
        let items = feed
            .items
            .iter()
            .filter_map(|(id, link)| {
                let (revision, content_hash, fingerprint) = self.state.snapshot(&feed.name, id)?;
                Some(CheckpointItem {
                    id: id.clone(),
                    revision,
                    content_hash,
                    fingerprint,
                    link: link.clone(),
                })
            })
            .collect();
        let cp = FetcherCheckpoint {
            schema_version: SCHEMA_VERSION,
            feed: feed.url.clone(),
            location: match &feed.location {
                Location::Http(u) => u.clone(),
                Location::File(p) => p.display().to_string(),
            },
            at,
            etag: feed.validators.etag.clone(),
            last_modified: feed.validators.last_modified.clone(),
            failures: feed.failures,
            idle: feed.idle,
            next_due: now + chrono::Duration::from_std(wait).unwrap_or_default(),
            max_age_secs: feed.hint.map(|d| d.as_secs()),
            refresh_secs: feed.refresh.map(|d| d.as_secs()),
            items,
        };
        self.feeds[i].checkpoint_at = Some(at);
        self.checkpoints.insert(cp.feed.clone(), cp.clone());
        cp
    }

    /// Publishes the checkpoint of feed `i` (Kafka mode only).
    async fn save(&mut self, i: usize, publisher: &Publisher, topics: &Topics) -> Result<()> {
        let Some(topic) = self.state_topic.clone() else {
            return Ok(());
        };
        let cp = self.checkpoint(i);
        let id = hash_id("cp-", &[&cp.feed, &cp.at.to_rfc3339()]);
        let m = Message::event(
            &topic,
            &cp.feed,
            &id,
            types::FETCHER_CHECKPOINT,
            SOURCE,
            cp.at,
            &cp,
        );
        self.publish(publisher, topics, vec![m]).await
    }

    /// Records metrics into `metrics` instead of the process's registry
    /// ([`claimwatch_shared::metrics::global`]), e.g. to count in a test.
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }

    /// Rebuilds the identity and revision state from `Article` records
    /// published before (the articles topic read to its end on start), so a
    /// restarted fetcher does not emit known items again; records that are
    /// not articles are skipped. Returns how many articles were taken in.
    /// Known items are checked once more at their feed's first poll and
    /// emitted again only if their content changed meanwhile.
    pub fn restore(&mut self, records: &[Message]) -> usize {
        let mut n = 0;
        for r in records {
            match serde_json::from_slice::<Article>(&r.payload) {
                Ok(a) => {
                    self.state
                        .remember(&a.id, a.revision, &a.content_hash, a.url.as_deref());
                    n += 1;
                }
                Err(e) => tracing::debug!(error = %e, "Skipping a record that is not an article."),
            }
        }
        n
    }

    /// Polls every feed (http(s) URL or local file path; for a local feed, a
    /// relative item link is resolved against the feed file's directory and
    /// read from disk, so examples work offline), fetches each new item's
    /// page and extracts its main text (falling back to the feed's
    /// content/summary), and publishes one `Article` per new item identity
    /// or changed content to `topics.articles`, keyed by article id. A feed
    /// or page that fails goes to `topics.deadletter` as a `DeadLetter` with
    /// its reason; the loop goes on. With `once`, one pass over all feeds
    /// then return; otherwise loop at each feed's interval until `shutdown`
    /// resolves.
    pub async fn run(
        &mut self,
        publisher: Publisher,
        topics: &Topics,
        once: bool,
        shutdown: impl Future<Output = ()>,
    ) -> Result<FetchStats> {
        let mut stats = FetchStats::default();
        tracing::info!(feeds = self.feeds.len(), once, "Fetcher started.");
        let stats_out = |stats: FetchStats| {
            tracing::info!(stats = ?stats, "Fetcher stopped.");
            Ok(stats)
        };
        tokio::pin!(shutdown);
        loop {
            self.drain_control();
            let now = Instant::now();
            // Feeds by URL: feed changes are applied while a pass goes on,
            // so a feed may go (its document is then dropped) or come.
            // Feed documents are fetched concurrently (each host keeps its
            // own limit), then handled one feed at a time.
            let (due, fetches): (Vec<String>, Vec<_>) = self
                .feeds
                .iter()
                .filter(|f| once || f.next_due <= now)
                // Each future owns what it needs: one over a reference to
                // `self` would not be `Send` for every lifetime, so `run`
                // could not be spawned.
                .map(|f| {
                    let fetch = fetch_doc(
                        self.http.clone(),
                        f.location.clone(),
                        f.validators.clone(),
                        self.max_bytes,
                    );
                    (f.url.clone(), fetch)
                })
                .unzip();
            let mut fetching = futures::stream::iter(fetches).buffered(FEED_PARALLELISM);
            let mut docs: Vec<Result<Doc>> = Vec::with_capacity(due.len());
            loop {
                tokio::select! {
                    biased;
                    _ = &mut shutdown => return stats_out(stats),
                    doc = fetching.next() => match doc {
                        Some(doc) => docs.push(doc),
                        None => break,
                    },
                    change = next_change(&mut self.control) => match change {
                        Some(change) => self.control(change),
                        None => self.control = None,
                    },
                }
            }
            for (url, doc) in due.into_iter().zip(docs) {
                self.drain_control();
                let Some(i) = self.feeds.iter().position(|f| f.url == url) else {
                    continue; // handed over or removed meanwhile
                };
                tokio::select! {
                    biased;
                    _ = &mut shutdown => return stats_out(stats),
                    r = async {
                        self.poll(i, doc, &publisher, topics, &mut stats).await?;
                        self.save(i, &publisher, topics).await
                    } => r?,
                }
            }
            self.report_health();
            if once {
                return stats_out(stats);
            }
            let next = self
                .feeds
                .iter()
                .map(|f| f.next_due)
                .min()
                .unwrap_or_else(|| Instant::now() + self.interval);
            tokio::select! {
                biased;
                _ = &mut shutdown => return stats_out(stats),
                change = next_change(&mut self.control) => match change {
                    Some(change) => self.control(change),
                    None => self.control = None,
                },
                _ = tokio::time::sleep_until(next) => {}
            }
        }
    }

    /// Puts each feed's health into the metrics: its consecutive failures,
    /// and how many feeds are healthy and failing.
    fn report_health(&self) {
        let failing = self.feeds.iter().filter(|f| f.failures > 0).count();
        for f in &self.feeds {
            self.metrics
                .feed_failures(&f.url)
                .set(i64::from(f.failures));
        }
        self.metrics.feeds_polled("failing").set(failing as i64);
        self.metrics
            .feeds_polled("ok")
            .set((self.feeds.len() - failing) as i64);
    }

    /// Polls feed `i` once and publishes what it yields. Only a failure to
    /// publish is an error; everything else is a dead letter.
    async fn poll(
        &mut self,
        i: usize,
        doc: Result<Doc>,
        publisher: &Publisher,
        topics: &Topics,
        stats: &mut FetchStats,
    ) -> Result<()> {
        stats.polls += 1;
        let mut out: Vec<Message> = Vec::new();
        let feed = &mut self.feeds[i];
        let (bytes, content_type, base) = match doc {
            Ok(Doc::NotModified) => {
                stats.not_modified += 1;
                self.metrics.feeds_fetched("not_modified").inc();
                self.metrics
                    .feed_last_success(&feed.url)
                    .set(Utc::now().timestamp());
                feed.failures = 0;
                feed.idle += 1;
                let wait = interval(
                    self.interval,
                    feed.hint.max(feed.refresh),
                    feed.idle,
                    &mut self.rng,
                );
                feed.next_due = Instant::now() + wait;
                return Ok(());
            }
            Ok(Doc::Body {
                bytes,
                content_type,
                base,
                validators,
                moved_to,
                max_age,
            }) => {
                if let Some(v) = validators {
                    feed.validators = v;
                    feed.hint = max_age;
                }
                if let Some(to) = moved_to {
                    tracing::info!(feed = %feed.name, to = %to, "Feed moved permanently; following it.");
                    feed.location = Location::Http(to);
                }
                (bytes, content_type, base)
            }
            Err(e) => {
                self.metrics.feeds_fetched("error").inc();
                tracing::debug!(feed = %feed.name, error = %e, "Feed fetch failed.");
                feed.failures += 1;
                feed.next_due =
                    Instant::now() + backoff(self.interval, feed.failures, e.retry_after());
                out.push(dead_letter(topics, &feed.name, &e.to_string(), b""));
                stats.dead_letters += 1;
                return self.publish(publisher, topics, out).await;
            }
        };
        let parsed = match parse_feed(&bytes, content_type.as_deref(), base.as_deref()) {
            Ok(p) => p,
            Err(e) => {
                self.metrics.feeds_fetched("error").inc();
                tracing::debug!(feed = %feed.name, error = %e, "Feed parse failed.");
                feed.failures += 1;
                feed.next_due = Instant::now() + backoff(self.interval, feed.failures, None);
                out.push(dead_letter(topics, &feed.name, &e.to_string(), &bytes));
                stats.dead_letters += 1;
                return self.publish(publisher, topics, out).await;
            }
        };
        self.metrics.feeds_fetched("ok").inc();
        self.metrics
            .feed_last_success(&feed.url)
            .set(Utc::now().timestamp());
        feed.failures = 0;
        feed.refresh = parsed.refresh;
        let feed_name = feed.name.clone();
        let identity = feed.identity;
        let fetch_pages = feed.fetch_articles;
        let local_dir = match &feed.location {
            Location::File(p) => Some(p.parent().map(Path::to_path_buf).unwrap_or_default()),
            Location::Http(_) => None,
        };

        stats.items += parsed.entries.len() as u64;
        let entries = newest(parsed.entries, MAX_ITEMS_PER_POLL);
        // What the document holds now, for the feed's checkpoint.
        let items: Vec<(String, Option<String>)> = entries
            .iter()
            .map(|e| (self.state.key(&feed_name, e, identity), e.link.clone()))
            .collect();
        let todo: Vec<(Entry, String, String)> = entries
            .into_iter()
            .filter_map(|e| match self.state.decide(&feed_name, &e, identity) {
                Decision::Unchanged => None,
                Decision::Check { key, fingerprint } => Some((e, key, fingerprint)),
            })
            .collect();

        // Pages are fetched concurrently, in feed order, within the bound.
        let http = self.http.clone();
        let max_bytes = self.max_bytes;
        let local = local_dir.is_some();
        let links: Vec<Option<String>> = todo
            .iter()
            .map(|(e, _, _)| e.link.clone().filter(|_| fetch_pages))
            .collect();
        let pages: Vec<Option<Result<PageText>>> = futures::stream::iter(links)
            .map(move |link| {
                let http = http.clone();
                async move {
                    match link {
                        Some(link) => Some(fetch_page(&http, &link, local, max_bytes).await),
                        None => None,
                    }
                }
            })
            .buffered(PAGE_PARALLELISM)
            .collect()
            .await;

        let mut commits = Vec::new();
        for ((entry, key, fingerprint), page) in todo.into_iter().zip(pages) {
            let mut retry = false;
            let page = match page {
                Some(Ok(p)) => {
                    stats.pages += 1;
                    Some(p)
                }
                Some(Err(e)) => {
                    tracing::debug!(feed = %feed_name, error = %e, "Page fetch failed.");
                    // A page that may come back is tried again at the next
                    // polls (a few times); the feed's text stands in for it.
                    retry = e.is_transient();
                    out.push(dead_letter(topics, &feed_name, &e.to_string(), b""));
                    stats.dead_letters += 1;
                    None
                }
                None => None,
            };
            // A tracking or proxy link (feedburner, news aggregators), the
            // page it redirects to and the address that page calls canonical
            // are one story: every one of them leads here.
            let landed: Vec<String> = page
                .iter()
                .flat_map(|p| std::iter::once(p.url.clone()).chain(p.canonical.clone()))
                .collect();
            let article = build_article(&feed_name, &entry, &key, page);
            commits.push((key, fingerprint, entry.link.clone(), article, retry, landed));
        }
        // Revisions are decided now, but the state is committed only after
        // the publish is acknowledged, so a failed publish is retried at the
        // next poll. An identity repeated within one feed is taken once.
        let mut pending = Vec::new();
        let mut published_articles = 0;
        let mut keys = std::collections::HashSet::new();
        for (key, fingerprint, link, article, retry, landed) in commits {
            if !keys.insert(key.clone()) {
                continue;
            }
            // An item with no text at all is remembered, so it is not
            // looked at again until the feed changes it.
            let Some(mut article) = article else {
                pending.push((key, fingerprint, link, None, retry, landed));
                continue;
            };
            if let Some(rev) = self.state.next_revision(&key, &article.content_hash) {
                article.revision = rev;
                out.push(Message::event(
                    &topics.articles,
                    &article.id,
                    &format!("{}.{}", article.id, rev),
                    types::ARTICLE,
                    SOURCE,
                    article.fetched_at,
                    &article,
                ));
                stats.articles += 1;
                published_articles += 1;
            }
            pending.push((
                key,
                fingerprint,
                link,
                Some(article.content_hash),
                retry,
                landed,
            ));
        }
        self.publish(publisher, topics, out).await?;
        let feed = &mut self.feeds[i];
        feed.idle = if published_articles > 0 {
            0
        } else {
            feed.idle + 1
        };
        let wait = interval(
            self.interval,
            feed.hint.max(feed.refresh),
            feed.idle,
            &mut self.rng,
        );
        feed.next_due = Instant::now() + wait;
        feed.items = items;
        for (key, fingerprint, link, hash, retry, landed) in pending {
            self.state.commit(
                &feed_name,
                &key,
                &fingerprint,
                link.as_deref(),
                hash.as_deref(),
                retry,
            );
            for url in landed {
                self.state.alias(&key, &url);
            }
        }
        Ok(())
    }

    /// Publishes `out`, retrying a few times with backoff while the bus
    /// fails transiently.
    async fn publish(
        &self,
        publisher: &Publisher,
        topics: &Topics,
        out: Vec<Message>,
    ) -> Result<()> {
        if out.is_empty() {
            return Ok(());
        }
        let count = |out: &[Message]| {
            for m in out {
                self.metrics.records_published("fetcher", &m.topic).inc();
                if m.topic == topics.articles {
                    self.metrics.articles().inc();
                } else if m.topic == topics.deadletter {
                    self.metrics.dead_letters("fetcher").inc();
                }
            }
        };
        let mut delay = Duration::from_millis(200);
        let mut attempt = 0;
        loop {
            match publisher.publish(out.clone()).await {
                Ok(()) => {
                    count(&out);
                    return Ok(());
                }
                Err(e) if e.is_transient() && attempt < 5 => {
                    tracing::warn!(error = %e, "Publishing failed; retrying.");
                    tokio::time::sleep(delay).await;
                    delay *= 2;
                    attempt += 1;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// The next feed change; never resolves without a channel.
async fn next_change(control: &mut Option<mpsc::Receiver<FeedControl>>) -> Option<FeedControl> {
    match control {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}

/// A feed document as fetched.
#[derive(Debug)]
enum Doc {
    NotModified,
    Body {
        bytes: Vec<u8>,
        content_type: Option<String>,
        /// The document's address, against which relative links resolve.
        base: Option<String>,
        /// New validators (HTTP only).
        validators: Option<Validators>,
        /// The feed's new address after a permanent redirect.
        moved_to: Option<String>,
        max_age: Option<Duration>,
    },
}

/// Reads a feed from disk or over HTTP (conditionally, with `validators`).
async fn fetch_doc(
    http: HttpClient,
    location: Location,
    validators: Validators,
    max_bytes: usize,
) -> Result<Doc> {
    match location {
        Location::File(path) => {
            let bytes = read_file(&path, max_bytes).await?;
            let abs = std::path::absolute(&path).unwrap_or(path);
            let base = url::Url::from_file_path(&abs).ok().map(|u| u.to_string());
            Ok(Doc::Body {
                bytes,
                content_type: None,
                base,
                validators: None,
                moved_to: None,
                max_age: None,
            })
        }
        Location::Http(url) => match http.get(&url, Some(&validators)).await? {
            Fetched::NotModified => Ok(Doc::NotModified),
            Fetched::Ok(resp) => Ok(Doc::Body {
                moved_to: resp.moved_permanently.then(|| resp.url.clone()),
                bytes: resp.body,
                content_type: resp.content_type,
                base: Some(resp.url),
                validators: Some(resp.validators),
                max_age: resp.max_age,
            }),
        },
    }
}

/// The `n` newest entries (by published, else updated date; undated ones
/// after dated ones, in feed order), in feed order.
fn newest(entries: Vec<Entry>, n: usize) -> Vec<Entry> {
    if entries.len() <= n {
        return entries;
    }
    let mut order: Vec<usize> = (0..entries.len()).collect();
    // Stable: ties and undated entries keep their feed order.
    order.sort_by_key(|&i| std::cmp::Reverse(entries[i].published.or(entries[i].updated)));
    let mut keep = vec![false; entries.len()];
    for &i in order.iter().take(n) {
        keep[i] = true;
    }
    entries
        .into_iter()
        .zip(keep)
        .filter_map(|(e, k)| k.then_some(e))
        .collect()
}

/// The text of an article page and its title.
#[derive(Debug)]
struct PageText {
    title: Option<String>,
    text: String,
    /// Where the page was found after redirects.
    url: String,
    /// The address the page says is its own (`rel=canonical`).
    canonical: Option<String>,
    /// When the page says the article was published.
    published: Option<chrono::DateTime<Utc>>,
}

/// Fetches and extracts one page. `local`: the feed is a local file, so
/// `file:` links are read from disk; a remote feed may only link to http(s).
async fn fetch_page(
    http: &HttpClient,
    link: &str,
    local: bool,
    max_bytes: usize,
) -> Result<PageText> {
    let (bytes, content_type, url) = if let Some(path) = link
        .strip_prefix("file://")
        .filter(|_| local)
        .and_then(|_| url::Url::parse(link).ok()?.to_file_path().ok())
    {
        (read_file(&path, max_bytes).await?, None, link.to_string())
    } else {
        match http.get(link, None).await? {
            Fetched::Ok(r) => (r.body, r.content_type, r.url),
            Fetched::NotModified => {
                return Err(Error::Network {
                    url: link.to_string(),
                    reason: "304 Not Modified to an unconditional request".into(),
                })
            }
        }
    };
    let final_url = url.clone();
    if let Some(ct) = content_type.as_deref() {
        let essence = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let html = essence.is_empty()
            || essence.contains("html")
            || essence.starts_with("text/")
            || essence == "application/octet-stream";
        if !html {
            return Err(Error::NotHtml {
                url: link.to_string(),
                content_type: essence,
            });
        }
    }
    let bytes = maybe_gunzip(bytes, max_bytes);
    // Extraction is CPU-bound; keep it off the I/O threads.
    let page = tokio::task::spawn_blocking(move || {
        let html = decode_html(&bytes, content_type.as_deref());
        extract_page(&html, Some(&url))
    })
    .await
    .map_err(|e| Error::Network {
        url: link.to_string(),
        reason: format!("extraction task failed: {e}"),
    })?;
    Ok(PageText {
        title: page.main.title,
        text: page.main.text,
        url: final_url,
        canonical: page.canonical,
        published: page.published,
    })
}

/// Local example pages may be stored gzipped (`.html.gz`).
fn maybe_gunzip(bytes: Vec<u8>, max_bytes: usize) -> Vec<u8> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        use std::io::Read;
        let mut out = Vec::new();
        let d = flate2::read::GzDecoder::new(&bytes[..]);
        if d.take(max_bytes as u64).read_to_end(&mut out).is_ok() {
            return out;
        }
    }
    bytes
}

async fn read_file(path: &Path, max_bytes: usize) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let meta = tokio::fs::metadata(path).await.map_err(io)?;
    if meta.len() as usize > max_bytes {
        return Err(Error::TooLarge {
            url: path.display().to_string(),
            limit: max_bytes,
        });
    }
    tokio::fs::read(path).await.map_err(io)
}

/// The article for `entry`: the page's text when it has enough, else the
/// feed's content or summary as text. `None` when there is no text at all.
fn build_article(feed: &str, entry: &Entry, id: &str, page: Option<PageText>) -> Option<Article> {
    let feed_text = entry
        .content
        .as_deref()
        .or(entry.summary.as_deref())
        .map(html_to_text)
        .unwrap_or_default();
    let page_published = page.as_ref().and_then(|p| p.published);
    let (text, source, page_title) = match page {
        Some(p)
            if !p.text.is_empty()
                && (p.text.chars().count() >= MIN_PAGE_CHARS
                    || p.text.len() >= feed_text.len()) =>
        {
            (p.text, "page", p.title)
        }
        Some(p) => (feed_text, "feed", p.title),
        None => (feed_text, "feed", None),
    };
    if text.trim().is_empty() {
        return None;
    }
    let title = entry.title.clone().or(page_title).unwrap_or_default();
    let hash = content_hash(&title, &text);
    Some(Article {
        schema_version: SCHEMA_VERSION,
        id: id.to_string(),
        revision: 1,
        content_hash: hash,
        feed: feed.to_string(),
        url: entry.link.clone(),
        title,
        text,
        text_source: source.to_string(),
        // A feed item without a date takes the page's.
        published: entry.published.or(entry.updated).or(page_published),
        fetched_at: Utc::now(),
    })
}

fn dead_letter(topics: &Topics, source: &str, reason: &str, payload: &[u8]) -> Message {
    let dl = DeadLetter::new("fetcher", source, reason, payload);
    Message::event(
        &topics.deadletter,
        &dl.id,
        &dl.id,
        types::DEADLETTER,
        SOURCE,
        dl.at,
        &dl,
    )
}

/// The wait between polls of a healthy feed: the configured interval,
/// doubled for every three polls in a row that brought nothing new (up to
/// four times), stretched (never shortened) by the feed's or server's
/// freshness hint up to a cap, and jittered by ±10 % so feeds configured
/// together do not stay in lockstep.
fn interval(base: Duration, hint: Option<Duration>, idle: u32, rng: &mut u64) -> Duration {
    let adaptive = base.saturating_mul(1u32 << (idle / 3).min(2));
    let d = adaptive.max(hint.unwrap_or_default().min(MAX_HINT));
    // xorshift64: cheap, and good enough to spread polls.
    *rng ^= *rng << 13;
    *rng ^= *rng >> 7;
    *rng ^= *rng << 17;
    let frac = (*rng % 2001) as f64 / 10_000.0; // 0.0 ..= 0.2
    d.mul_f64(0.9 + frac).max(Duration::from_secs(1))
}

/// The wait before retrying a failing feed: the server's Retry-After when
/// it gave one, else the interval doubled per failure; capped, so a feed
/// is never parked for good.
fn backoff(interval: Duration, failures: u32, retry_after: Option<Duration>) -> Duration {
    let cap = MAX_BACKOFF.max(interval);
    if let Some(r) = retry_after {
        return r.clamp(Duration::from_secs(1), cap);
    }
    interval
        .saturating_mul(1u32 << failures.min(16).saturating_sub(1))
        .min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let i = Duration::from_secs(60);
        assert_eq!(backoff(i, 1, None), i);
        assert_eq!(backoff(i, 2, None), 2 * i);
        assert_eq!(backoff(i, 50, None), MAX_BACKOFF);
        assert_eq!(
            backoff(i, 1, Some(Duration::from_secs(5))),
            Duration::from_secs(5)
        );
    }

    #[test]
    fn intervals_adapt_to_idle_feeds_and_hints_with_jitter() {
        let mut rng = 88172645463325252u64;
        let base = Duration::from_secs(100);
        for _ in 0..100 {
            let d = interval(base, None, 0, &mut rng);
            assert!(
                d >= Duration::from_secs(90) && d <= Duration::from_secs(110),
                "{d:?}"
            );
        }
        let idle = interval(base, None, 30, &mut rng);
        assert!(
            idle >= Duration::from_secs(360) && idle <= Duration::from_secs(440),
            "{idle:?}"
        );
        let hinted = interval(base, Some(Duration::from_secs(1000)), 0, &mut rng);
        assert!(hinted >= Duration::from_secs(900), "{hinted:?}");
        let capped = interval(base, Some(Duration::from_secs(86_400)), 0, &mut rng);
        assert!(capped <= MAX_HINT.mul_f64(1.1), "{capped:?}");
        // A hint never shortens the configured interval.
        let short = interval(base, Some(Duration::from_secs(5)), 0, &mut rng);
        assert!(short >= Duration::from_secs(90), "{short:?}");
    }

    #[test]
    fn only_the_newest_items_are_looked_at() {
        let e = |id: &str, day: Option<u32>| Entry {
            id: id.into(),
            title: None,
            link: None,
            published: day.map(|d| {
                chrono::DateTime::parse_from_rfc3339(&format!("2024-06-{d:02}T00:00:00Z"))
                    .map(|t| t.with_timezone(&Utc))
                    .unwrap_or_default()
            }),
            updated: None,
            summary: None,
            content: None,
        };
        let entries = vec![
            e("old", Some(1)),
            e("undated", None),
            e("new", Some(9)),
            e("mid", Some(5)),
        ];
        let ids: Vec<String> = newest(entries.clone(), 2)
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(ids, ["new", "mid"]);
        assert_eq!(newest(entries, 10).len(), 4);
    }

    fn fetcher(feeds: &[&str]) -> Fetcher {
        let cfg = FetcherConfig {
            feeds: feeds
                .iter()
                .map(|u| claimwatch_shared::config::FeedConfig {
                    url: u.to_string(),
                    name: None,
                    fetch_articles: true,
                    identity: Default::default(),
                })
                .collect(),
            ..FetcherConfig::default()
        };
        Fetcher::build(&cfg).expect("a valid config")
    }

    fn spec(url: &str) -> FeedSpec {
        FeedSpec {
            schema_version: SCHEMA_VERSION,
            url: url.into(),
            name: None,
            fetch_articles: true,
            identity: Default::default(),
        }
    }

    #[tokio::test]
    async fn a_checkpoint_round_trips_into_another_fetcher() {
        let url = "https://example.org/feed.xml";
        let mut a = fetcher(&[url, "examples/feeds/local.xml"]);
        assert_eq!(
            a.shared_feeds(),
            vec![spec(url)],
            "local feeds are not shared"
        );
        let entry = Entry {
            id: "urn:item:1".into(),
            title: Some("T".into()),
            link: Some("https://example.org/1".into()),
            published: None,
            updated: None,
            summary: Some("S".into()),
            content: None,
        };
        let Decision::Check { key, fingerprint } = a.state.decide(url, &entry, ItemIdentity::Auto)
        else {
            panic!("a new item is checked");
        };
        a.state.commit(
            url,
            &key,
            &fingerprint,
            entry.link.as_deref(),
            Some("h1"),
            false,
        );
        {
            let f = &mut a.feeds[0];
            f.validators = Validators {
                etag: Some("\"v1\"".into()),
                last_modified: Some("Tue, 04 Jun 2024 10:00:00 GMT".into()),
            };
            f.failures = 2;
            f.idle = 4;
            f.hint = Some(Duration::from_secs(600));
            f.refresh = Some(Duration::from_secs(1800));
            f.next_due = Instant::now() + Duration::from_secs(300);
            f.location = Location::Http("https://example.org/moved.xml".into());
            f.items = vec![(key.clone(), entry.link.clone())];
        }
        let cp = a.checkpoint(0);
        let m = Message::event(
            "t",
            &cp.feed,
            "id",
            types::FETCHER_CHECKPOINT,
            SOURCE,
            cp.at,
            &cp,
        );
        let back: FetcherCheckpoint = serde_json::from_slice(&m.payload).unwrap();
        assert_eq!(back, cp, "the checkpoint survives JSON");
        assert_eq!(back.feed, url);
        assert_eq!(back.location, "https://example.org/moved.xml");
        assert_eq!(back.items.len(), 1);
        assert_eq!(back.items[0].revision, 1);

        // Another fetcher (a restart, or the replica the feed moves to).
        let (_tx, rx) = mpsc::channel(8);
        let mut b = fetcher(&[url]).with_control(rx, "t");
        assert!(b.feeds.is_empty(), "http feeds come from the feeds topic");
        assert_eq!(b.restore_checkpoints(&[m]), 1);
        b.control(FeedControl::Add(spec(url)));
        let f = &b.feeds[0];
        assert_eq!(f.validators.etag.as_deref(), Some("\"v1\""));
        assert_eq!(
            f.validators.last_modified.as_deref(),
            Some("Tue, 04 Jun 2024 10:00:00 GMT")
        );
        assert_eq!((f.failures, f.idle), (2, 4));
        assert_eq!(f.hint, Some(Duration::from_secs(600)));
        assert_eq!(f.refresh, Some(Duration::from_secs(1800)));
        let wait = f.next_due - Instant::now();
        assert!(
            wait > Duration::from_secs(290) && wait <= Duration::from_secs(300),
            "{wait:?}"
        );
        assert!(matches!(&f.location, Location::Http(u) if u == "https://example.org/moved.xml"));
        assert_eq!(
            b.state.decide(url, &entry, ItemIdentity::Auto),
            Decision::Unchanged,
            "known item, not refetched"
        );
        assert_eq!(b.state.next_revision(&key, "h1"), None, "not re-emitted");

        // An older checkpoint is ignored; a later one (another replica
        // polled the feed meanwhile) is applied.
        let mut old = cp.clone();
        old.at = cp.at - chrono::Duration::seconds(5);
        old.failures = 9;
        b.control(FeedControl::Checkpoint(Box::new(old)));
        assert_eq!(b.feeds[0].failures, 2);
        let mut later = cp.clone();
        later.at = cp.at + chrono::Duration::seconds(5);
        later.failures = 0;
        later.etag = Some("\"v2\"".into());
        b.control(FeedControl::Checkpoint(Box::new(later)));
        assert_eq!(b.feeds[0].failures, 0);
        assert_eq!(b.feeds[0].validators.etag.as_deref(), Some("\"v2\""));

        // An article another replica published is known here from then on.
        b.control(FeedControl::Published {
            id: "art-x".into(),
            revision: 2,
            content_hash: "hx".into(),
            url: Some("https://example.org/x?utm_source=a".into()),
        });
        assert_eq!(b.state.next_revision("art-x", "hx"), None);
        assert_eq!(b.state.next_revision("art-x", "hy"), Some(3));

        // Removal and the refusal of local paths from a topic.
        b.control(FeedControl::Remove(url.into()));
        assert!(b.feeds.is_empty());
        b.control(FeedControl::Add(spec("/etc/passwd")));
        b.control(FeedControl::Add(spec("file:///etc/passwd")));
        assert!(
            b.feeds.is_empty(),
            "a topic cannot make the fetcher read local files"
        );
    }

    #[test]
    fn page_text_wins_unless_it_is_short() {
        let e = Entry {
            id: "1".into(),
            title: Some("T".into()),
            link: None,
            published: None,
            updated: None,
            summary: Some("<p>A long enough feed summary of the story.</p>".into()),
            content: None,
        };
        let a = build_article("f", &e, "k", None).unwrap();
        assert_eq!(a.text_source, "feed");
        assert_eq!(a.text, "A long enough feed summary of the story.");
        let published = chrono::DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .ok();
        let page = PageText {
            url: "https://example.org/p".into(),
            canonical: None,
            title: None,
            text: "x".repeat(300),
            published,
        };
        let a = build_article("f", &e, "k", Some(page)).unwrap();
        assert_eq!(a.text_source, "page");
        assert_eq!(
            a.published, published,
            "an undated item takes the page's date"
        );
        let short = PageText {
            url: "https://example.org/p".into(),
            canonical: None,
            title: None,
            text: "Menu".into(),
            published: None,
        };
        assert_eq!(
            build_article("f", &e, "k", Some(short))
                .unwrap()
                .text_source,
            "feed"
        );
    }
}
