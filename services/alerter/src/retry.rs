//! When to try a delivery again and how fast a hook may be called:
//! exponential backoff, `Retry-After`, status classes, and a token bucket.
//! I/O-free: time comes in as arguments.

use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::time::Instant;

/// The first retry waits this long; each further one twice as long.
pub const BASE_BACKOFF: Duration = Duration::from_millis(500);
/// No computed backoff waits longer than this.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// A server's `Retry-After` is honoured up to this; a hook asking for more
/// is treated as failing rather than parking the queue for hours.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

/// The wait before retry number `retry` (0 for the first retry). Each hook
/// has one worker, so there is no herd of clients to spread with jitter.
pub fn backoff(retry: u32) -> Duration {
    BASE_BACKOFF
        .checked_mul(1u32.checked_shl(retry.min(16)).unwrap_or(u32::MAX))
        .unwrap_or(MAX_BACKOFF)
        .min(MAX_BACKOFF)
}

/// The wait a `Retry-After` header asks for: delay seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = DateTime::parse_from_rfc2822(v).ok()?.with_timezone(&Utc);
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

/// The wait before the next attempt: the server's hint when it gave one
/// (never less than our own backoff, at most [`MAX_RETRY_AFTER`]).
pub fn next_wait(retry: u32, retry_after: Option<Duration>) -> Duration {
    let own = backoff(retry);
    match retry_after {
        Some(hint) => hint.max(own).min(MAX_RETRY_AFTER),
        None => own,
    }
}

/// What an HTTP status means for a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusClass {
    Delivered,
    /// 408, 425, 429 and 5xx: the hook may accept it later.
    Retry,
    /// Any other status: sending the same request again will not help.
    Permanent,
}

pub fn classify(status: u16) -> StatusClass {
    match status {
        200..=299 => StatusClass::Delivered,
        408 | 425 | 429 | 500..=599 => StatusClass::Retry,
        _ => StatusClass::Permanent,
    }
}

/// A token bucket: `rate` requests per second, bursts of up to `burst`.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Option<Instant>,
}

impl RateLimiter {
    /// A full bucket; `burst` is at least one request.
    pub fn new(rate_per_sec: f64, burst: f64) -> Self {
        let burst = burst.max(1.0);
        RateLimiter {
            rate: rate_per_sec.max(f64::MIN_POSITIVE),
            burst,
            tokens: burst,
            last: None,
        }
    }

    /// Takes a token at `now`: how long to wait before sending (zero when a
    /// token is free). The token is spent either way, so the caller sleeps
    /// the returned time and then sends.
    pub fn acquire(&mut self, now: Instant) -> Duration {
        if let Some(last) = self.last {
            let elapsed = now.saturating_duration_since(last).as_secs_f64();
            self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        }
        self.last = Some(now);
        self.tokens -= 1.0;
        if self.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-self.tokens / self.rate)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(0), Duration::from_millis(500));
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(3), Duration::from_secs(4));
        assert_eq!(backoff(10), MAX_BACKOFF);
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF);
    }

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        let now = DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn the_servers_hint_wins_within_bounds() {
        assert_eq!(
            next_wait(0, Some(Duration::from_secs(7))),
            Duration::from_secs(7)
        );
        assert_eq!(next_wait(3, Some(Duration::ZERO)), Duration::from_secs(4));
        assert_eq!(
            next_wait(0, Some(Duration::from_secs(86_400))),
            MAX_RETRY_AFTER
        );
        assert_eq!(next_wait(0, None), BASE_BACKOFF);
    }

    #[test]
    fn statuses_are_classed() {
        assert_eq!(classify(204), StatusClass::Delivered);
        assert_eq!(classify(429), StatusClass::Retry);
        assert_eq!(classify(503), StatusClass::Retry);
        assert_eq!(classify(404), StatusClass::Permanent);
        assert_eq!(classify(301), StatusClass::Permanent);
    }

    #[test]
    fn the_bucket_allows_a_burst_then_paces() {
        let t0 = Instant::now();
        let mut r = RateLimiter::new(2.0, 2.0);
        assert_eq!(r.acquire(t0), Duration::ZERO);
        assert_eq!(r.acquire(t0), Duration::ZERO);
        assert_eq!(r.acquire(t0), Duration::from_millis(500));
        // Having waited those 500 ms, the next one waits another 500 ms.
        assert_eq!(
            r.acquire(t0 + Duration::from_millis(500)),
            Duration::from_millis(500)
        );
        // After a long pause the bucket is full again, not fuller.
        let later = t0 + Duration::from_secs(60);
        assert_eq!(r.acquire(later), Duration::ZERO);
        assert_eq!(r.acquire(later), Duration::ZERO);
        assert!(r.acquire(later) > Duration::ZERO);
    }
}
