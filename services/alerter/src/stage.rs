//! The alerter stage: reads claim and denial records, turns them into alerts
//! (deduplicated per hook), and hands each to the bounded queue of every hook
//! that wants it. A record is marked done once all its alerts are delivered
//! or dead-lettered, in partition order.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use claimwatch_shared::bus::{Delivery, Message, Publisher, Subscriber};
use claimwatch_shared::config::AlerterConfig;
use claimwatch_shared::metrics::Metrics;
use claimwatch_shared::stage::{dead_letter, publish_until_acked};
use claimwatch_shared::topics::Topics;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::alert::{alerts_for, parse_event, Alert, AlertKind, ClaimCache, Event, Seen};
use crate::deliver::{self, Job, Outcome, Queue, WorkerContext};
use crate::hook::{Hook, PublicOnly};
use crate::track::{Ticket, Tracker};
use crate::{Error, Result};

/// Alert keys remembered per hook for deduplication.
const DEDUP_CAPACITY: usize = 100_000;
/// Claims remembered to show alongside the denials that refute them.
const CLAIM_CACHE: usize = 20_000;
/// Records held until their alerts settle. Queues bound the alerts; this
/// bounds the records waiting behind a stuck one of their partition (each is
/// released only after those before it). Past it, intake pauses until
/// deliveries settle: memory stays bounded even if a hook stalls for long.
const MAX_IN_FLIGHT: usize = 50_000;
/// How long a denial's link waits for its claim when the claim has not been
/// read yet (claims and denials are separate topics, so over Kafka a denial
/// can arrive first); after this it is sent without the claim's details.
const HOLD_FOR_CLAIM: Duration = Duration::from_secs(2);
/// A hook whose queue keeps overflowing is reported at most this often.
const OVERFLOW_WARN_EVERY: Duration = Duration::from_secs(60);

/// What the alerter did, for logs and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AlertStats {
    /// Records read from the input.
    pub received: u64,
    /// Records that were not claim or denial events (dead-lettered).
    pub malformed: u64,
    /// Alerts handed to hook queues.
    pub queued: u64,
    /// Alerts a hook's filter did not want.
    pub filtered: u64,
    /// Alerts a hook had already been sent.
    pub duplicates: u64,
    /// Alerts a hook accepted.
    pub delivered: u64,
    /// Alerts dead-lettered after their last try.
    pub dead_letters: u64,
    /// Alerts evicted from a full queue (dead-lettered too).
    pub dropped: u64,
}

/// The alerter: hooks plus the HTTP client they share.
pub struct Alerter {
    hooks: Vec<Arc<Hook>>,
    client: reqwest::Client,
    queue: usize,
    drain: Duration,
    metrics: Metrics,
    claims: ClaimCache,
}

impl std::fmt::Debug for Alerter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Alerter")
            .field("hooks", &self.hooks)
            .field("queue", &self.queue)
            .finish_non_exhaustive()
    }
}

impl Alerter {
    /// Compiles every hook and the HTTP client; fails on the first bad hook.
    pub fn build(cfg: &AlerterConfig) -> Result<Alerter> {
        let hooks = cfg
            .hooks
            .iter()
            .map(|h| Hook::from_config(h, cfg.allow_private).map(Arc::new))
            .collect::<Result<Vec<_>>>()?;
        let timeout = Duration::from_secs(cfg.timeout_secs.max(1));
        let mut client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            // A webhook that redirects is misconfigured; following it could
            // also lead past the private-network guard.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("claimwatch-alerter/", env!("CARGO_PKG_VERSION")));
        if !cfg.allow_private {
            client = client.dns_resolver(Arc::new(PublicOnly));
        }
        let client = client.build().map_err(|e| Error::Client(e.to_string()))?;
        Ok(Alerter {
            hooks,
            client,
            queue: cfg.queue.max(1),
            drain: Duration::from_secs(cfg.drain_secs),
            metrics: claimwatch_shared::metrics::global().clone(),
            claims: ClaimCache::new(CLAIM_CACHE),
        })
    }

    /// Remembers the claims among `records` (read back from the claims
    /// topic on start), so alerts for denials of claims seen before a
    /// restart can show them. They are not marked as alerted: records not
    /// yet consumed still alert. Records that do not parse are skipped.
    pub fn restore(&mut self, records: &[Message]) -> usize {
        let mut n = 0;
        for r in records {
            match serde_json::from_slice::<claimwatch_shared::events::UnverifiedClaim>(&r.payload) {
                Ok(c) => {
                    self.claims.insert(Arc::new(c));
                    n += 1;
                }
                Err(e) => {
                    tracing::debug!(error = %e, "Skipping a claim record that does not parse.")
                }
            }
        }
        n
    }

    /// Records into `metrics` instead of the process registry
    /// ([`claimwatch_shared::metrics::global`]), e.g. to count in a test.
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }

    /// Reads claim and denial records from `input` until it closes (embedded
    /// mode) or `shutdown` resolves, and delivers alerts to every hook that
    /// wants them. A delivery that still fails after the last retry goes to
    /// `topics.deadletter` with the reason. A record is marked done only once
    /// every hook has delivered or dead-lettered its alerts. On shutdown the
    /// intake stops, deliveries in flight get `drain_secs` to finish, and
    /// the publisher is flushed and offsets committed; records not finished
    /// by then are not committed, so they are read again on start.
    pub async fn run(
        self,
        mut input: Subscriber,
        publisher: Publisher,
        topics: &Topics,
        shutdown: impl Future<Output = ()>,
    ) -> Result<AlertStats> {
        let mut stats = AlertStats::default();
        let capacity = self.hooks.len() * (self.queue + 1) + 1;
        let (outcome_tx, mut outcomes) = mpsc::channel::<Outcome>(capacity);
        let mut queues: Vec<Arc<Queue<Job>>> = Vec::new();
        let mut workers: Vec<JoinHandle<()>> = Vec::new();
        for hook in &self.hooks {
            let queue = Arc::new(Queue::new(self.queue));
            let ctx = WorkerContext {
                client: self.client.clone(),
                publisher: publisher.clone(),
                deadletter_topic: topics.deadletter.clone(),
                outcomes: outcome_tx.clone(),
                metrics: self.metrics.clone(),
            };
            // One task per hook (not per message): the hook's queue bounds
            // its work, and its slowness stays in its own task.
            workers.push(tokio::spawn(deliver::worker(
                hook.clone(),
                queue.clone(),
                ctx,
            )));
            queues.push(queue);
        }
        drop(outcome_tx);
        tracing::info!(hooks = self.hooks.len(), "Alerter started.");

        let mut state = State {
            hooks: &self.hooks,
            queues: &queues,
            seen: self
                .hooks
                .iter()
                .map(|_| Seen::new(DEDUP_CAPACITY))
                .collect(),
            claims: self.claims,
            held: VecDeque::new(),
            tracker: Tracker::new(),
            metrics: &self.metrics,
            received: self.metrics.records_received("alerter"),
            overflow_warned: vec![None; self.hooks.len()],
        };
        let mut workers_alive = !workers.is_empty();
        let mut stopped_by_signal = false;
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                biased;
                _ = &mut shutdown => {
                    stopped_by_signal = true;
                    break;
                }
                outcome = outcomes.recv(), if workers_alive => match outcome {
                    Some(o) => state.finish(o, &mut stats, &input)?,
                    None => workers_alive = false,
                },
                _ = tokio::time::sleep_until(state.next_expiry()), if !state.held.is_empty() => {
                    state.expire(Some(Instant::now()), &mut stats, &publisher, topics).await;
                    state.release(&input)?;
                }
                next = input.next(), if state.tracker.in_flight() < MAX_IN_FLIGHT => match next {
                    None => break,
                    Some(Ok(d)) => state.take(d, &mut stats, &input, &publisher, topics).await?,
                    Some(Err(e)) => {
                        tracing::warn!(error = %e, "Receiving failed; retrying.");
                        tokio::time::sleep(Duration::from_millis(500)).await;
                    }
                },
            }
        }

        // Drain: no more intake; links still waiting for their claim go out
        // as they are; workers finish their queues and stop.
        state.expire(None, &mut stats, &publisher, topics).await;
        state.release(&input)?;
        for q in &queues {
            q.close();
        }
        let deadline = tokio::time::Instant::now() + self.drain;
        while workers_alive {
            tokio::select! {
                outcome = outcomes.recv() => match outcome {
                    Some(o) => state.finish(o, &mut stats, &input)?,
                    None => workers_alive = false,
                },
                _ = tokio::time::sleep_until(deadline), if stopped_by_signal => {
                    tracing::warn!(
                        records = state.tracker.in_flight(),
                        "Shutdown deadline reached with alerts undelivered; their records are not committed."
                    );
                    break;
                }
            }
        }
        for w in &workers {
            w.abort();
        }
        publisher.flush()?;
        input.commit()?;
        tracing::info!(?stats, "Alerter stopped.");
        Ok(stats)
    }
}

/// The stage loop's state, apart from the input it reads.
struct State<'a> {
    hooks: &'a [Arc<Hook>],
    queues: &'a [Arc<Queue<Job>>],
    seen: Vec<Seen>,
    claims: ClaimCache,
    /// Links waiting for their claim, oldest first (equal holds, so their
    /// deadlines are in order too).
    held: VecDeque<Held>,
    tracker: Tracker<Arc<Delivery>>,
    metrics: &'a Metrics,
    received: claimwatch_shared::metrics::Counter,
    /// When each hook's full queue was last reported, to warn once a minute.
    overflow_warned: Vec<Option<Instant>>,
}

/// A link whose claim has not been read yet.
struct Held {
    deadline: Instant,
    ticket: Ticket,
    alert: Alert,
    origin: Arc<Delivery>,
}

impl State<'_> {
    /// Handles one input record: parse, alert, dedup, enqueue.
    async fn take(
        &mut self,
        d: Delivery,
        stats: &mut AlertStats,
        input: &Subscriber,
        publisher: &Publisher,
        topics: &Topics,
    ) -> Result<()> {
        stats.received += 1;
        self.received.inc();
        let d = Arc::new(d);
        let ce_type = d.message.attributes.as_ref().map(|a| a.kind.as_str());
        let event = match parse_event(
            &d.message.topic,
            ce_type,
            &topics.claims,
            &topics.denials,
            &d.message.payload,
        ) {
            Ok(e) => e,
            Err(reason) => {
                tracing::debug!(error = %reason, "Record dead-lettered.");
                stats.malformed += 1;
                self.metrics.dead_letters("alerter").inc();
                publish_until_acked(
                    publisher,
                    vec![dead_letter("alerter", &d, &reason, topics)],
                    "alerter",
                )
                .await;
                self.tracker
                    .add(&d.message.topic, d.partition, 0, d.clone());
                return self.release(input);
            }
        };
        // One unit for the record itself, so it is not released while its
        // alerts are still being handed out.
        let ticket = self
            .tracker
            .add(&d.message.topic, d.partition, 1, d.clone());
        if let Event::Claim { claim, .. } = &event {
            self.claims.insert(claim.clone());
            self.claim_arrived(claim, stats, publisher, topics).await;
        }
        for alert in alerts_for(&event, &self.claims) {
            let claim_unknown = alert.kind == AlertKind::Denial
                && alert.claim.is_none()
                && alert.claim_id.is_some();
            if claim_unknown {
                self.tracker.add_more(ticket, 1);
                self.held.push_back(Held {
                    deadline: Instant::now() + HOLD_FOR_CLAIM,
                    ticket,
                    alert,
                    origin: d.clone(),
                });
            } else {
                self.dispatch(ticket, alert, &d, stats, publisher, topics)
                    .await;
            }
        }
        self.tracker.finish(ticket);
        self.release(input)
    }

    /// The links held for `claim` go out now, with it.
    async fn claim_arrived(
        &mut self,
        claim: &Arc<claimwatch_shared::events::UnverifiedClaim>,
        stats: &mut AlertStats,
        publisher: &Publisher,
        topics: &Topics,
    ) {
        if self.held.is_empty() {
            return;
        }
        let (ready, waiting): (VecDeque<Held>, VecDeque<Held>) = std::mem::take(&mut self.held)
            .into_iter()
            .partition(|h| h.alert.claim_id.as_deref() == Some(claim.id.as_str()));
        self.held = waiting;
        for mut h in ready {
            h.alert.claim = Some(claim.clone());
            self.dispatch(h.ticket, h.alert, &h.origin, stats, publisher, topics)
                .await;
            self.tracker.finish(h.ticket);
        }
    }

    /// When the oldest held link stops waiting (far ahead when none is held).
    fn next_expiry(&self) -> Instant {
        self.held
            .front()
            .map(|h| h.deadline)
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(3600))
    }

    /// Held links whose wait is over at `now` (all of them when `None`) go
    /// out without their claim.
    async fn expire(
        &mut self,
        now: Option<Instant>,
        stats: &mut AlertStats,
        publisher: &Publisher,
        topics: &Topics,
    ) {
        while let Some(h) = self.held.front() {
            if now.is_some_and(|now| h.deadline > now) {
                break;
            }
            let h = self.held.pop_front().expect("front exists");
            self.dispatch(h.ticket, h.alert, &h.origin, stats, publisher, topics)
                .await;
            self.tracker.finish(h.ticket);
        }
    }

    /// Hands `alert` to every hook that wants it and has not had it.
    async fn dispatch(
        &mut self,
        ticket: Ticket,
        alert: Alert,
        origin: &Arc<Delivery>,
        stats: &mut AlertStats,
        publisher: &Publisher,
        topics: &Topics,
    ) {
        for (i, hook) in self.hooks.iter().enumerate() {
            // Filter before dedup: an alert a hook skipped (say, a score
            // below its minimum) may still reach it when it changes.
            if !hook.filter.matches(&alert) {
                stats.filtered += 1;
                self.metrics.hook_deliveries(&hook.name, "filtered").inc();
                continue;
            }
            if !self.seen[i].first_time(&alert.key) {
                stats.duplicates += 1;
                self.metrics.hook_deliveries(&hook.name, "duplicate").inc();
                continue;
            }
            stats.queued += 1;
            self.tracker.add_more(ticket, 1);
            let job = Job {
                ticket,
                alert: alert.clone(),
                origin: origin.clone(),
            };
            let evicted = self.queues[i].push(job);
            self.metrics
                .hook_queue(&hook.name)
                .set(self.queues[i].len() as i64);
            if let Some(old) = evicted {
                let hook = &hook.name;
                stats.dropped += 1;
                stats.dead_letters += 1;
                self.metrics.hook_deliveries(hook, "dropped").inc();
                tracing::debug!(%hook, alert = %old.alert.id, "Hook queue full; the oldest alert is dead-lettered.");
                let now = Instant::now();
                if self.overflow_warned[i]
                    .is_none_or(|t| now.duration_since(t) >= OVERFLOW_WARN_EVERY)
                {
                    self.overflow_warned[i] = Some(now);
                    tracing::warn!(%hook, "A hook's queue is full: it cannot keep up, and its oldest alerts go to the dead-letter topic.");
                }
                let msg = deliver::dead_letter(hook, &old, "queue full", &topics.deadletter);
                publish_until_acked(publisher, vec![msg], "alerter").await;
                self.tracker.finish(old.ticket);
            }
        }
    }

    fn finish(&mut self, o: Outcome, stats: &mut AlertStats, input: &Subscriber) -> Result<()> {
        if o.delivered {
            stats.delivered += 1;
        } else {
            stats.dead_letters += 1;
        }
        self.tracker.finish(o.ticket);
        self.release(input)
    }

    /// Marks done every record whose alerts are all settled, in order.
    fn release(&mut self, input: &Subscriber) -> Result<()> {
        for d in self.tracker.release() {
            if let Err(e) = input.done(&d) {
                // Deliveries can settle after a rebalance took the partition
                // away; its new owner reads the record again (at-least-once,
                // and alert ids let receivers drop the repeat).
                tracing::debug!(error = %e, topic = %d.message.topic, partition = ?d.partition, "Could not store an offset.");
            }
        }
        Ok(())
    }
}
