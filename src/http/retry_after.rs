//! The `Retry-After` header (RFC 9110, section 10.2.3): a number of
//! seconds, or an HTTP date in any of the three forms HTTP allows.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long a `Retry-After` value asks to wait, seen from `now`.
///
/// - `120`: two minutes. A number too large for a `u64` is
///   `Duration::MAX`, which no cap admits.
/// - `Wed, 21 Oct 2026 07:28:00 GMT` (and the obsolete
///   `Wednesday, 21-Oct-26 07:28:00 GMT` and `Wed Oct 21 07:28:00 2026`):
///   the time until then, zero for a date in the past.
/// - Anything else: `None`, as if the header were absent.
pub(crate) fn parse(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Only digits: the one way to fail is a number too large.
        return Some(value.parse().map_or(Duration::MAX, Duration::from_secs));
    }
    let at = http_date(value)?;
    let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let at = u64::try_from(at).map_or(Duration::ZERO, Duration::from_secs);
    Some(at.saturating_sub(now))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Seconds since 1970 of an IMF-fixdate, RFC 850 or asctime date.
fn http_date(s: &str) -> Option<i64> {
    let parts: Vec<&str> = s.split_ascii_whitespace().collect();
    let (year, month, day, time) = match parts.as_slice() {
        // Sun, 06 Nov 1994 08:49:37 GMT
        [wd, day, month, year, time, zone] if wd.ends_with(',') && gmt(zone) => (
            number(year, 4)?,
            month_number(month)?,
            number(day, 2)?,
            *time,
        ),
        // Sunday, 06-Nov-94 08:49:37 GMT
        [wd, date, time, zone] if wd.ends_with(',') && gmt(zone) => {
            let mut d = date.split('-');
            let (day, month, yy) = (d.next()?, d.next()?, d.next()?);
            if d.next().is_some() {
                return None;
            }
            // Two-digit years: 70..=99 are the 1900s, the rest the 2000s.
            let yy = number(yy, 2)?;
            let year = if yy >= 70 { 1900 + yy } else { 2000 + yy };
            (year, month_number(month)?, number(day, 2)?, *time)
        }
        // Sun Nov  6 08:49:37 1994
        [_, month, day, time, year] => (
            number(year, 4)?,
            month_number(month)?,
            number_up_to(day, 2)?,
            *time,
        ),
        _ => return None,
    };
    let mut t = time.split(':');
    let (h, m, sec) = (
        number(t.next()?, 2)?,
        number(t.next()?, 2)?,
        number(t.next()?, 2)?,
    );
    if t.next().is_some() || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    if day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + sec)
}

fn gmt(zone: &str) -> bool {
    zone.eq_ignore_ascii_case("GMT")
}

fn month_number(s: &str) -> Option<i64> {
    let i = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(s))?;
    Some(i as i64 + 1)
}

/// Exactly `len` ASCII digits.
fn number(s: &str, len: usize) -> Option<i64> {
    (s.len() == len).then_some(())?;
    number_up_to(s, len)
}

/// One to `len` ASCII digits.
fn number_up_to(s: &str, len: usize) -> Option<i64> {
    if s.is_empty() || s.len() > len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    /// 1994-11-06 08:49:37 UTC, RFC 9110's example.
    const EXAMPLE: u64 = 784_111_777;

    #[test]
    fn seconds() {
        let now = SystemTime::now();
        assert_eq!(parse("120", now), Some(Duration::from_secs(120)));
        assert_eq!(parse(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse("18446744073709551615", now),
            Some(Duration::from_secs(u64::MAX))
        );
        // Too large for any number: longer than every cap.
        assert_eq!(parse("18446744073709551616", now), Some(Duration::MAX));
        assert_eq!(parse(&"9".repeat(400), now), Some(Duration::MAX));
        for bad in ["", "-1", "1.5", "+3", "12s", "0x10", "١٢"] {
            assert_eq!(parse(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn the_three_date_forms() {
        for date in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "sun, 06 nov 1994 08:49:37 gmt",
        ] {
            assert_eq!(http_date(date), Some(EXAMPLE as i64), "{date}");
            assert_eq!(
                parse(date, at(EXAMPLE - 30)),
                Some(Duration::from_secs(30)),
                "{date}"
            );
            // In the past, or right now: no wait.
            assert_eq!(parse(date, at(EXAMPLE + 30)), Some(Duration::ZERO));
            assert_eq!(parse(date, at(EXAMPLE)), Some(Duration::ZERO));
        }
        // Sub-second clocks round the wait down, never up past the date.
        let now = at(EXAMPLE - 2) + Duration::from_millis(500);
        assert_eq!(
            parse("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_millis(1500))
        );
    }

    #[test]
    fn calendar_edges() {
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            http_date("Tue, 29 Feb 2028 23:59:59 GMT"),
            Some(1_835_481_599)
        );
        assert_eq!(
            http_date("Wed, 21 Oct 2026 07:28:00 GMT"),
            Some(1_792_567_680)
        );
        assert_eq!(http_date("Wed, 31 Dec 1969 23:59:59 GMT"), Some(-1));
        assert_eq!(
            parse("Wed, 31 Dec 1969 23:59:59 GMT", SystemTime::now()),
            Some(Duration::ZERO)
        );
        assert_eq!(http_date("Thursday, 01-Jan-70 00:00:00 GMT"), Some(0));
        assert_eq!(
            http_date("Saturday, 01-Jan-00 00:00:00 GMT"),
            Some(946_684_800)
        );
    }

    #[test]
    fn garbage_is_absent() {
        for bad in [
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 06 Nov 1994 08:49:37 CET",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 29 Feb 1900 08:49:37 GMT",
            "Sun, 00 Nov 1994 08:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 08:49:37:01 GMT",
            "Sun, 06 Nov +994 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sunday, 06-Nov-94-1 08:49:37 GMT",
            "Sun Nov 123 08:49:37 1994",
            "Sun Nov 6 08:49:37 94",
            "tomorrow",
            "Sun,",
        ] {
            assert_eq!(parse(bad, SystemTime::now()), None, "{bad:?}");
        }
    }
}
