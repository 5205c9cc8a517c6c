//! Delivery: one bounded queue and one worker task per hook. The worker
//! paces requests with the hook's rate limit, signs them, retries with
//! backoff (honouring `Retry-After`), and dead-letters what still fails, so a
//! slow or failing hook only ever delays its own queue.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use claimwatch_shared::bus::{Delivery, Message, Publisher};
use claimwatch_shared::cloudevents::types;
use claimwatch_shared::events::DeadLetter;
use claimwatch_shared::metrics::Metrics;
use claimwatch_shared::stage::publish_until_acked;
use reqwest::header::{HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use tokio::sync::{mpsc, Notify};
use tokio::time::Instant;

use crate::alert::Alert;
use crate::hook::Hook;
use crate::retry::{classify, next_wait, parse_retry_after, RateLimiter, StatusClass};
use crate::sign::{
    self, ALERT_ID_HEADER, CLAIM_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER,
};
use crate::track::Ticket;

/// One alert for one hook, and the record it came from.
#[derive(Debug, Clone)]
pub struct Job {
    pub ticket: Ticket,
    pub alert: Alert,
    pub origin: Arc<Delivery>,
}

/// What became of a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub ticket: Ticket,
    pub delivered: bool,
}

/// A bounded queue that, when full, makes room by evicting its oldest job
/// (returned to the caller to dead-letter) instead of making the producer
/// wait: the pipeline never waits on a hook.
#[derive(Debug)]
pub struct Queue<T> {
    state: Mutex<QueueState<T>>,
    notify: Notify,
}

#[derive(Debug)]
struct QueueState<T> {
    items: VecDeque<T>,
    capacity: usize,
    closed: bool,
}

impl<T> Queue<T> {
    pub fn new(capacity: usize) -> Self {
        Queue {
            state: Mutex::new(QueueState {
                items: VecDeque::new(),
                capacity: capacity.max(1),
                closed: false,
            }),
            notify: Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, QueueState<T>> {
        // Nothing panics while holding this lock; recover if it ever does.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds `item`; returns the oldest item when it had to be evicted.
    pub fn push(&self, item: T) -> Option<T> {
        let evicted = {
            let mut s = self.lock();
            let evicted = if s.items.len() >= s.capacity {
                s.items.pop_front()
            } else {
                None
            };
            s.items.push_back(item);
            evicted
        };
        self.notify.notify_one();
        evicted
    }

    /// The next item; `None` once the queue is closed and empty.
    pub async fn pop(&self) -> Option<T> {
        loop {
            {
                let mut s = self.lock();
                if let Some(item) = s.items.pop_front() {
                    return Some(item);
                }
                if s.closed {
                    return None;
                }
            }
            // A push between the unlock and here leaves a permit, so this
            // cannot miss it (there is one consumer per queue).
            self.notify.notified().await;
        }
    }

    /// No more pushes; the consumer drains what is left, then stops.
    pub fn close(&self) {
        self.lock().closed = true;
        self.notify.notify_one();
    }

    pub fn len(&self) -> usize {
        self.lock().items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a worker needs besides its hook.
#[derive(Clone)]
pub struct WorkerContext {
    pub client: reqwest::Client,
    pub publisher: Publisher,
    pub deadletter_topic: String,
    pub outcomes: mpsc::Sender<Outcome>,
    pub metrics: Metrics,
}

/// The dead-letter record for a job that could not be delivered.
pub fn dead_letter(hook: &str, job: &Job, reason: &str, topic: &str) -> Message {
    let d = &job.origin;
    let reason = format!(
        "hook {hook}: {reason} (alert {}, {})",
        job.alert.id, job.alert.key
    );
    let mut dl = DeadLetter::new(
        "alerter",
        &format!("hook:{hook}"),
        reason,
        &d.message.payload,
    );
    dl.partition = d.partition;
    dl.offset = d.offset;
    dl.key = Some(d.message.key.clone());
    Message::event(
        topic,
        &d.message.key,
        &dl.id,
        types::DEADLETTER,
        "/claimwatch/alerter",
        dl.at,
        &dl,
    )
}

/// A hook's worker: delivers jobs from `queue` until it is closed and empty.
pub async fn worker(hook: Arc<Hook>, queue: Arc<Queue<Job>>, ctx: WorkerContext) {
    let mut limiter = RateLimiter::new(hook.rate_per_sec, hook.rate_per_sec.ceil());
    let queued = ctx.metrics.hook_queue(&hook.name);
    let delivered = ctx.metrics.hook_deliveries(&hook.name, "delivered");
    let dead = ctx.metrics.hook_deliveries(&hook.name, "dead_lettered");
    let mut failing = false;
    while let Some(job) = queue.pop().await {
        queued.set(queue.len() as i64);
        let result = deliver(&hook, &ctx, &mut limiter, &job.alert).await;
        let ok = result.is_ok();
        match result {
            Ok(()) => {
                delivered.inc();
                if failing {
                    tracing::info!(hook = %hook.name, "Hook is delivering again.");
                    failing = false;
                }
            }
            Err(reason) => {
                dead.inc();
                if !failing {
                    tracing::warn!(hook = %hook.name, error = %reason, "Hook is failing; its alerts go to the dead-letter topic.");
                    failing = true;
                }
                tracing::debug!(hook = %hook.name, alert = %job.alert.id, error = %reason, "Alert dead-lettered.");
                let msg = dead_letter(&hook.name, &job, &reason, &ctx.deadletter_topic);
                publish_until_acked(&ctx.publisher, vec![msg], "alerter").await;
            }
        }
        if ctx
            .outcomes
            .send(Outcome {
                ticket: job.ticket,
                delivered: ok,
            })
            .await
            .is_err()
        {
            // The stage loop has gone (aborted drain); nothing left to tell.
            return;
        }
    }
}

/// Sends `alert` to `hook`, with retries; `Err` holds why it finally failed.
async fn deliver(
    hook: &Hook,
    ctx: &WorkerContext,
    limiter: &mut RateLimiter,
    alert: &Alert,
) -> Result<(), String> {
    let body = hook.body(alert);
    let latency = ctx.metrics.hook_duration(&hook.name);
    let retried = ctx.metrics.hook_deliveries(&hook.name, "retried");
    let mut last = String::new();
    for attempt in 0..=hook.max_retries {
        let wait = limiter.acquire(Instant::now());
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        let mut req = ctx
            .client
            .post(hook.url.clone())
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .header(ALERT_ID_HEADER, &alert.id)
            .header(EVENT_HEADER, alert.kind.as_str())
            .body(body.clone());
        if let Some(claim) = &alert.claim_id {
            req = req.header(CLAIM_ID_HEADER, claim);
        }
        if let Some(secret) = hook.secret() {
            // Signed per attempt, so a late retry is not stale on arrival.
            let ts = Utc::now().timestamp();
            req = req
                .header(TIMESTAMP_HEADER, ts.to_string())
                .header(SIGNATURE_HEADER, sign::sign(secret, ts, &body));
        }
        let started = Instant::now();
        let mut retry_after = None;
        match req.send().await {
            Ok(resp) => {
                latency.observe_duration(started.elapsed());
                let status = resp.status().as_u16();
                match classify(status) {
                    StatusClass::Delivered => return Ok(()),
                    StatusClass::Permanent => return Err(format!("HTTP {status}")),
                    StatusClass::Retry => {
                        retry_after = resp
                            .headers()
                            .get(RETRY_AFTER)
                            .and_then(|v| v.to_str().ok())
                            .and_then(|v| parse_retry_after(v, Utc::now()));
                        last = format!("HTTP {status}");
                    }
                }
            }
            Err(e) => {
                latency.observe_duration(started.elapsed());
                // Without the URL: a Slack webhook's path is its secret.
                let e = e.without_url();
                // Connection errors, timeouts and refused targets; the
                // source chain says which (reqwest's own text is generic).
                last = error_chain(&e);
                if e.is_builder() {
                    return Err(last);
                }
            }
        }
        if attempt < hook.max_retries {
            retried.inc();
            let wait: Duration = next_wait(attempt, retry_after);
            tracing::debug!(hook = %hook.name, attempt, error = %last, ?wait, "Delivery failed; retrying.");
            tokio::time::sleep(wait).await;
        }
    }
    Err(format!("{last} after {} attempts", hook.max_retries + 1))
}

fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_queue_evicts_its_oldest_item() {
        let q = Queue::new(2);
        assert_eq!(q.push(1), None);
        assert_eq!(q.push(2), None);
        assert_eq!(q.push(3), Some(1));
        assert_eq!(q.len(), 2);
        q.close();
        assert_eq!(q.pop().await, Some(2));
        assert_eq!(q.pop().await, Some(3));
        assert_eq!(q.pop().await, None);
    }

    #[tokio::test]
    async fn pop_waits_for_a_push() {
        let q = Arc::new(Queue::new(4));
        let q2 = q.clone();
        let consumer = tokio::spawn(async move { q2.pop().await });
        tokio::task::yield_now().await;
        q.push(7);
        assert_eq!(consumer.await.unwrap(), Some(7));
        let q2 = q.clone();
        let consumer = tokio::spawn(async move { q2.pop().await });
        tokio::task::yield_now().await;
        q.close();
        assert_eq!(consumer.await.unwrap(), None);
    }
}
