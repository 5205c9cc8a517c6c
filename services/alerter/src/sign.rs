//! Webhook signatures: HMAC-SHA256 over `"{timestamp}.{body}"`, sent as
//! `X-Claimwatch-Signature: v1=<hex>` with `X-Claimwatch-Timestamp`, and the
//! check a receiver makes (also used by the tests). I/O-free.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header carrying the Unix time (seconds) the request was signed at.
pub const TIMESTAMP_HEADER: &str = "x-claimwatch-timestamp";
/// The header carrying `v1=<hex HMAC-SHA256>`.
pub const SIGNATURE_HEADER: &str = "x-claimwatch-signature";
/// The header carrying the alert id (stable across retries and restarts).
pub const ALERT_ID_HEADER: &str = "x-claimwatch-alert-id";
/// The header carrying the alert kind: `claim` or `denial`.
pub const EVENT_HEADER: &str = "x-claimwatch-event";
/// The header carrying the claim an alert is about: the claim's id, or for
/// a denial the refuted claim's (absent for a denial refuting nothing yet).
/// A denial linked to several claims is one alert per claim, same body.
pub const CLAIM_ID_HEADER: &str = "x-claimwatch-claim-id";

/// How far a receiver should let a timestamp be from its clock.
pub const DEFAULT_TOLERANCE_SECS: i64 = 300;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8], timestamp: i64, body: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length, so this cannot fail.
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC accepts any key length");
    m.update(timestamp.to_string().as_bytes());
    m.update(b".");
    m.update(body);
    m
}

/// The signature header value for `body` sent at `timestamp`.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    format!(
        "v1={}",
        hex::encode(mac(secret, timestamp, body).finalize().into_bytes())
    )
}

/// Why a receiver rejects a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    /// The timestamp header is missing or not an integer.
    BadTimestamp,
    /// The timestamp is further than the tolerance from the receiver's clock:
    /// an old request replayed, or a badly wrong clock.
    Stale,
    /// No `v1=` signature matches the body.
    BadSignature,
}

/// The receiver's check: the timestamp is within `tolerance_secs` of `now`
/// and one of the comma-separated `v1=` signatures matches (compared in
/// constant time). Receivers should also drop repeated alert ids.
pub fn verify(
    secret: &[u8],
    timestamp: &str,
    signature: &str,
    body: &[u8],
    now: i64,
    tolerance_secs: i64,
) -> Result<(), Rejected> {
    let ts: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| Rejected::BadTimestamp)?;
    if (now - ts).abs() > tolerance_secs {
        return Err(Rejected::Stale);
    }
    let expected = mac(secret, ts, body);
    for part in signature.split(',') {
        let Some(hex_sig) = part.trim().strip_prefix("v1=") else {
            continue;
        };
        let Ok(bytes) = hex::decode(hex_sig) else {
            continue;
        };
        if expected.clone().verify_slice(&bytes).is_ok() {
            return Ok(());
        }
    }
    Err(Rejected::BadSignature)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_vector() {
        // Python: hmac.new(b"secret", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
        assert_eq!(
            sign(b"secret", 1_700_000_000, br#"{"a":1}"#),
            "v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686"
        );
    }

    #[test]
    fn a_signed_request_verifies() {
        let sig = sign(b"k", 1000, b"body");
        assert_eq!(verify(b"k", "1000", &sig, b"body", 1010, 300), Ok(()));
        // Several signatures (key rotation): one match is enough.
        let both = format!("v1=00, {sig}");
        assert_eq!(verify(b"k", "1000", &both, b"body", 1000, 300), Ok(()));
    }

    #[test]
    fn tampering_wrong_keys_and_replays_are_rejected() {
        let sig = sign(b"k", 1000, b"body");
        assert_eq!(
            verify(b"k", "1000", &sig, b"bodY", 1000, 300),
            Err(Rejected::BadSignature)
        );
        assert_eq!(
            verify(b"x", "1000", &sig, b"body", 1000, 300),
            Err(Rejected::BadSignature)
        );
        // The timestamp is signed: moving it forward breaks the signature.
        assert_eq!(
            verify(b"k", "1200", &sig, b"body", 1200, 300),
            Err(Rejected::BadSignature)
        );
        assert_eq!(
            verify(b"k", "1000", &sig, b"body", 2000, 300),
            Err(Rejected::Stale)
        );
        assert_eq!(
            verify(b"k", "soon", &sig, b"body", 1000, 300),
            Err(Rejected::BadTimestamp)
        );
        assert_eq!(
            verify(b"k", "1000", "v2=abc", b"body", 1000, 300),
            Err(Rejected::BadSignature)
        );
    }
}
