//! The small text formats OptimoRoute uses, checked without allocating: `HH:MM` clock times,
//! `YYYY-MM-DDTHH:MM:SS` and `YYYY-MM-DD HH:MM:SS` date-times, ISO 8601 date-times, and the
//! structure of Google encoded polylines.
//!
//! These only check shape and ranges; interpreting local times (zones, DST) is the time module's
//! job, which needs a date and an IANA zone the vendor does not send.

use crate::check::CalendarDate;

/// Minutes since midnight of an `HH:MM` clock time (00:00–23:59), exactly two digits each.
pub fn clock_minutes(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    if b.len() != 5 || b.get(2) != Some(&b':') {
        return None;
    }
    let hours = two_digits(b, 0)?;
    let minutes = two_digits(b, 3)?;
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// A local date-time `YYYY-MM-DD<sep>HH:MM:SS` (OptimoRoute writes `T` in `allowedDateTimes` and
/// a space in route times), as the date and the seconds since its midnight.
pub fn local_datetime(s: &str, sep: u8) -> Option<(CalendarDate, u32)> {
    let b = s.as_bytes();
    if b.len() != 19 || b.get(10) != Some(&sep) {
        return None;
    }
    let date = CalendarDate::parse(s.get(..10)?)?;
    let seconds = clock_seconds(b.get(11..)?)?;
    Some((date, seconds))
}

/// An ISO 8601 date-time as the vendor writes `utcTime`/`localTime`: `YYYY-MM-DDTHH:MM`,
/// optionally `:SS`, optionally a fraction, optionally `Z` or an offset `±HH:MM` / `±HHMM`.
pub fn is_iso_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 16 || b.get(10) != Some(&b'T') {
        return false;
    }
    if s.get(..10).and_then(CalendarDate::parse).is_none() {
        return false;
    }
    let (Some(h), Some(m)) = (two_digits(b, 11), two_digits(b, 14)) else {
        return false;
    };
    if b.get(13) != Some(&b':') || h > 23 || m > 59 {
        return false;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        match two_digits(b, i + 1) {
            Some(sec) if sec < 60 => i += 3,
            _ => return false,
        }
        if b.get(i) == Some(&b'.') {
            let digits = b.get(i + 1..).map_or(0, |rest| {
                rest.iter().take_while(|c| c.is_ascii_digit()).count()
            });
            if digits == 0 {
                return false;
            }
            i += 1 + digits;
        }
    }
    match b.get(i..) {
        None | Some([]) | Some([b'Z']) => true,
        Some([b'+' | b'-', rest @ ..]) => {
            let offset_ok = |hh: Option<u16>, mm: Option<u16>| matches!((hh, mm), (Some(hh), Some(mm)) if hh < 24 && mm < 60);
            match rest.len() {
                5 => {
                    rest.get(2) == Some(&b':')
                        && offset_ok(two_digits(rest, 0), two_digits(rest, 3))
                }
                4 => offset_ok(two_digits(rest, 0), two_digits(rest, 2)),
                2 => offset_ok(two_digits(rest, 0), Some(0)),
                _ => false,
            }
        }
        Some(_) => false,
    }
}

/// Why a string is not a Google encoded polyline, if it is not one. Checks the alphabet (`?` to
/// `~`), that the last value is terminated, and that values come in latitude/longitude pairs;
/// it does not decode, so it is cheap on long route polylines.
pub fn polyline_problem(s: &str) -> Option<&'static str> {
    let mut values = 0usize;
    let mut open = false;
    for b in s.bytes() {
        if !(63..=126).contains(&b) {
            return Some("it holds a character outside the polyline alphabet (`?` to `~`)");
        }
        // Chunks with the 0x20 bit set continue the current value.
        open = (b - 63) & 0x20 != 0;
        if !open {
            values += 1;
        }
    }
    if open {
        Some("its last value is cut off")
    } else if values % 2 != 0 {
        Some("it holds an odd number of values, so the last point has no longitude")
    } else {
        None
    }
}

fn clock_seconds(b: &[u8]) -> Option<u32> {
    if b.len() != 8 || b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return None;
    }
    let (h, m, s) = (two_digits(b, 0)?, two_digits(b, 3)?, two_digits(b, 6)?);
    (h < 24 && m < 60 && s < 60).then_some(u32::from(h) * 3600 + u32::from(m) * 60 + u32::from(s))
}

fn two_digits(b: &[u8], at: usize) -> Option<u16> {
    match (b.get(at), b.get(at + 1)) {
        (Some(t @ b'0'..=b'9'), Some(u @ b'0'..=b'9')) => {
            Some(u16::from(t - b'0') * 10 + u16::from(u - b'0'))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times() {
        assert_eq!(clock_minutes("00:00"), Some(0));
        assert_eq!(clock_minutes("23:59"), Some(1439));
        assert_eq!(clock_minutes("24:00"), None);
        assert_eq!(clock_minutes("10:60"), None);
        assert_eq!(clock_minutes("9:30"), None);
        assert_eq!(clock_minutes("09:30:00"), None);
        assert_eq!(clock_minutes("ab:cd"), None);
        assert_eq!(clock_minutes("é9:3"), None);
    }

    #[test]
    fn local_datetimes() {
        let (d, s) = local_datetime("2019-12-10T07:39:00", b'T').unwrap();
        assert_eq!(
            (d.year, d.month, d.day, s),
            (2019, 12, 10, 7 * 3600 + 39 * 60)
        );
        assert!(local_datetime("2022-03-16 10:16:41", b' ').is_some());
        assert!(local_datetime("2022-03-16 10:16:41", b'T').is_none());
        assert!(local_datetime("2022-02-30T10:16:41", b'T').is_none());
        assert!(local_datetime("2022-03-16T24:00:00", b'T').is_none());
        assert!(local_datetime("2022-03-16T10:16", b'T').is_none());
    }

    #[test]
    fn iso_datetimes() {
        for ok in [
            "2018-01-18T17:00:00",
            "2018-01-18T17:00",
            "2018-01-18T17:00:00Z",
            "2018-01-18T17:00:00.123+01:00",
            "2018-01-18T17:00:00-0500",
            "2018-01-18T17:00:00+02",
        ] {
            assert!(is_iso_datetime(ok), "{ok}");
        }
        for bad in [
            "2018-01-18",
            "2018-01-18 17:00:00",
            "2018-01-18T25:00:00",
            "2018-01-18T17:00:00.",
            "2018-01-18T17:00:00+1",
            "2018-01-18T17:00:00Zx",
            "2018-02-30T17:00:00",
        ] {
            assert!(!is_iso_datetime(bad), "{bad}");
        }
    }

    #[test]
    fn polyline_structure() {
        // The encoding example of the Encoded Polyline Algorithm: three points.
        assert_eq!(polyline_problem("_p~iF~ps|U_ulLnnqC_mqNvxq`@"), None);
        assert_eq!(polyline_problem(""), None);
        assert!(polyline_problem("_p~iF~ps|U_ulLnnqC_mqN").is_some());
        assert!(polyline_problem("_p~iF~ps|U_").is_some());
        assert!(polyline_problem("_p~iF ~ps|U").is_some());
    }
}
