//! Lenient feed dates: RFC 3339 and RFC 822 and the many ways feeds get them
//! wrong. A date that cannot be read is `None`, never "now".

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Reads a feed timestamp; `None` when no known format fits.
pub(crate) fn parse(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.with_timezone(&Utc));
    }
    w3c(s).or_else(|| rfc822(s)).or_else(|| asctime(s))
}

/// ISO 8601 / W3C-DTF forms: `2003-12-31T10:14:55.5-05:00`, `2003-12-31 10:14`,
/// `2003-12-31`, `2003-12`, `2003`, `20031231T101455Z`.
fn w3c(s: &str) -> Option<DateTime<Utc>> {
    let s = s.replace('/', "-");
    let (date_part, rest) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], s[i + 1..].trim()),
        None => (s.as_str(), ""),
    };
    let date = parse_iso_date(date_part)?;
    if rest.is_empty() {
        return Some(Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)));
    }
    // Split the time from the zone: Z, +hh:mm, -hhmm, +hh, or a name.
    let zone_at = rest
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c == '+' || c == '-' || c == 'Z' || c == 'z' || c == ' ')
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let (time_s, zone_s) = rest.split_at(zone_at);
    let time = parse_time(time_s.trim())?;
    let offset = if zone_s.trim().is_empty() {
        FixedOffset::east_opt(0)?
    } else {
        zone(zone_s.trim())?
    };
    local(date.and_time(time), offset)
}

fn parse_iso_date(d: &str) -> Option<NaiveDate> {
    let d = d.trim();
    let parts: Vec<&str> = d.split('-').collect();
    match parts.as_slice() {
        [y, m, day] => NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, day.parse().ok()?),
        [y, m] if y.len() == 4 => NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1),
        [y] if y.len() == 4 => NaiveDate::from_ymd_opt(y.parse().ok()?, 1, 1),
        [ymd] if ymd.len() == 8 && ymd.bytes().all(|b| b.is_ascii_digit()) => {
            NaiveDate::from_ymd_opt(
                ymd[..4].parse().ok()?,
                ymd[4..6].parse().ok()?,
                ymd[6..].parse().ok()?,
            )
        }
        _ => None,
    }
}

fn parse_time(t: &str) -> Option<NaiveTime> {
    let t = t.trim_end_matches(['Z', 'z']);
    if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveTime::from_hms_opt(
            t[..2].parse().ok()?,
            t[2..4].parse().ok()?,
            t[4..].parse().ok()?,
        );
    }
    for f in ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"] {
        if let Ok(x) = NaiveTime::parse_from_str(t, f) {
            return Some(x);
        }
    }
    None
}

/// A zone: `Z`, `+05:00`, `-0500`, `+05`, or a North American / military name.
fn zone(z: &str) -> Option<FixedOffset> {
    let z = z.trim();
    let upper = z.to_ascii_uppercase();
    let hours = match upper.as_str() {
        "Z" | "UT" | "UTC" | "GMT" | "" => Some(0),
        "EST" => Some(-5),
        "EDT" => Some(-4),
        "CST" => Some(-6),
        "CDT" => Some(-5),
        "MST" => Some(-7),
        "MDT" => Some(-6),
        "PST" => Some(-8),
        "PDT" => Some(-7),
        "BST" => Some(1),
        "CET" => Some(1),
        "CEST" => Some(2),
        _ => None,
    };
    if let Some(h) = hours {
        return FixedOffset::east_opt(h * 3600);
    }
    let (sign, digits) = match z.as_bytes().first()? {
        b'+' => (1, &z[1..]),
        b'-' => (-1, &z[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i32, i32) = match digits.len() {
        1 | 2 => (digits.parse().ok()?, 0),
        3 => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn local(t: NaiveDateTime, offset: FixedOffset) -> Option<DateTime<Utc>> {
    offset
        .from_local_datetime(&t)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// RFC 822 as written in the wild: optional weekday, one- or two-digit day,
/// two- or four-digit year, optional seconds, named or numeric zone, extra
/// commas and dots: `Thu, 01 Jan 04 19:48:21 GMT`, `1 January 2004 19:48 +0100`,
/// `January 1, 2004`.
fn rfc822(s: &str) -> Option<DateTime<Utc>> {
    let cleaned: String = s.replace([',', '.'], " ");
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    if words
        .first()
        .is_some_and(|w| w.chars().all(|c| c.is_alphabetic()) && month(w).is_none())
    {
        words.remove(0); // the weekday
    }
    let (day, mon, year, rest) = match words.as_slice() {
        [d, m, y, rest @ ..] if month(m).is_some() && d.parse::<u32>().is_ok() => {
            (d.parse::<u32>().ok()?, month(m)?, *y, rest)
        }
        [m, d, y, rest @ ..] if month(m).is_some() && d.parse::<u32>().is_ok() => {
            (d.parse::<u32>().ok()?, month(m)?, *y, rest)
        }
        _ => return None,
    };
    let mut year: i32 = year.parse().ok()?;
    if year < 100 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let date = NaiveDate::from_ymd_opt(year, mon, day)?;
    let mut time = match rest.first() {
        Some(t) if t.contains(':') => parse_time(t)?,
        _ => NaiveTime::MIN,
    };
    let mut rest = rest.get(1..).unwrap_or(&[]);
    // A 12-hour clock: "02:02:33 PM".
    if let Some(half) = rest.first().map(|w| w.to_ascii_uppercase()) {
        if half == "AM" || half == "PM" {
            use chrono::Timelike;
            let h = time.hour() % 12 + if half == "PM" { 12 } else { 0 };
            time = time.with_hour(h)?;
            rest = &rest[1..];
        }
    }
    let offset = match rest.first() {
        Some(z) => zone(z).or_else(|| FixedOffset::east_opt(0))?,
        None => FixedOffset::east_opt(0)?,
    };
    local(date.and_time(time), offset)
}

/// C's asctime: `Sun Jan  4 16:29:06 2004` (UTC).
fn asctime(s: &str) -> Option<DateTime<Utc>> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if let [_, m, d, t, y] = words.as_slice() {
        let date = NaiveDate::from_ymd_opt(y.parse().ok()?, month(m)?, d.parse().ok()?)?;
        return local(date.and_time(parse_time(t)?), FixedOffset::east_opt(0)?);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse(s).map(|t| t.to_rfc3339()).unwrap_or_default()
    }

    #[test]
    fn common_forms_are_read() {
        assert_eq!(p("2003-12-31T10:14:55Z"), "2003-12-31T10:14:55+00:00");
        assert_eq!(p("2003-12-31T10:14:55-08:00"), "2003-12-31T18:14:55+00:00");
        assert_eq!(
            p("Thu, 01 Jan 2004 19:48:21 GMT"),
            "2004-01-01T19:48:21+00:00"
        );
        assert_eq!(
            p("Thu, 01 Jan 04 19:48:21 GMT"),
            "2004-01-01T19:48:21+00:00"
        );
        assert_eq!(p("Thu, 1 Jan 2004 19:48 EST"), "2004-01-02T00:48:00+00:00");
        assert_eq!(p("2003-12-31"), "2003-12-31T00:00:00+00:00");
        assert_eq!(p("2003-12-31 10:14:55"), "2003-12-31T10:14:55+00:00");
        assert_eq!(
            p("2003-12-31T10:14:55.123+0100"),
            "2003-12-31T09:14:55.123+00:00"
        );
        assert_eq!(p("January 5, 2004"), "2004-01-05T00:00:00+00:00");
        assert_eq!(p("Sun Jan  4 16:29:06 2004"), "2004-01-04T16:29:06+00:00");
        assert_eq!(
            p("Sat, Dec 16 2023 02:02:33 PM"),
            "2023-12-16T14:02:33+00:00"
        );
        assert_eq!(
            p("Sat, Dec 16 2023 12:02:33 AM EST"),
            "2023-12-16T05:02:33+00:00"
        );
    }

    #[test]
    fn no_jumble_of_date_parts_panics() {
        let parts = [
            "2024", "-", "06", "T", "10", ":", "+", "-0500", ".5", "\u{bd}", "Z", " ", "PM", "Jan",
            ",", "31", "/", "1", "GMT", "Tue",
        ];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..5000 {
            let mut s = String::new();
            for _ in 0..(x % 9) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(parts[(x % parts.len() as u64) as usize]);
            }
            x = x.wrapping_add(1);
            let _ = parse(&s);
        }
    }

    #[test]
    fn unreadable_dates_are_none() {
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("2004-13-45"), None);
    }
}
