//! A syntax check of Yandex `time_interval`: `"T - T"` / `"T-T"` with T = `HH`, `HH:MM` or
//! `HH:MM:SS`, or an ISO 8601 interval of two instants with offsets
//! (`2018-09-06T10:15:00+03:00/2018-09-06T12:45:00+03:00`).
//!
//! Deliberately small: the time module parses windows for conversion (zones, dates, DST); this
//! only tells a form whether Yandex will accept the text.

use crate::check::CalendarDate;

/// A `time_interval` that passed the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Interval {
    /// Local times of day, seconds from midnight, read by Yandex against the route's date in
    /// the depot's zone. `start_s > end_s` is left alone: it may mean a window over midnight.
    Local { start_s: u32, end_s: u32 },
    /// Two absolute instants, UNIX seconds.
    Absolute { start: i64, end: i64 },
}

/// Why a `time_interval` is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IntervalError {
    /// Not one of the documented forms; the text says what is wrong, for an end user.
    Syntax(String),
    /// Two absolute instants, the end before the start.
    Inverted,
}

/// Checks `text`.
pub(crate) fn parse(text: &str) -> Result<Interval, IntervalError> {
    parse_syntax(text)
        .map_err(IntervalError::Syntax)?
        .ok_or(IntervalError::Inverted)
}

/// The interval, `None` when absolute and inverted; the error says what is wrong.
fn parse_syntax(text: &str) -> Result<Option<Interval>, String> {
    if let Some((start, end)) = text.split_once('/') {
        let start_at = instant(start.trim()).map_err(|e| format!("its start {e}"))?;
        let end_at = instant(end.trim()).map_err(|e| format!("its end {e}"))?;
        if end_at < start_at {
            return Ok(None);
        }
        return Ok(Some(Interval::Absolute {
            start: start_at,
            end: end_at,
        }));
    }
    let mut parts = text.split('-');
    let (Some(start), Some(end), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err("it is neither \"T-T\" (two times of day joined by '-') nor two ISO 8601 instants joined by '/'".to_string());
    };
    let start_s = time_of_day(start.trim()).ok_or_else(|| bad_time("start", start))?;
    let end_s = time_of_day(end.trim()).ok_or_else(|| bad_time("end", end))?;
    Ok(Some(Interval::Local { start_s, end_s }))
}

fn bad_time(which: &str, text: &str) -> String {
    let shown: String = text.trim().chars().take(20).collect();
    format!("its {which} \"{shown}\" is not a time of day as HH, HH:MM or HH:MM:SS (hours 0–23, or 24:00)")
}

/// `H`, `HH`, `HH:MM` or `HH:MM:SS` as seconds from midnight; 24:00 (end of day) is allowed.
fn time_of_day(text: &str) -> Option<u32> {
    let mut fields = text.split(':');
    let hours = digits(fields.next()?, 1, 2)?;
    let minutes = fields.next().map(|m| digits(m, 2, 2)).unwrap_or(Some(0))?;
    let seconds = fields.next().map(|s| digits(s, 2, 2)).unwrap_or(Some(0))?;
    if fields.next().is_some() || minutes > 59 || seconds > 59 {
        return None;
    }
    let total = hours * 3600 + minutes * 60 + seconds;
    (hours < 24 || total == 24 * 3600).then_some(total)
}

/// A run of `min..=max` ASCII digits.
fn digits(text: &str, min: usize, max: usize) -> Option<u32> {
    if text.len() < min || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z` or `±HH:MM` / `±HHMM` / `±HH`, as UNIX seconds.
fn instant(text: &str) -> Result<i64, String> {
    const SHAPE: &str =
        "is not an ISO 8601 date-time with an offset, e.g. 2018-09-06T10:15:00+03:00";
    let date = text
        .get(..10)
        .and_then(CalendarDate::parse)
        .ok_or_else(|| format!("{SHAPE} (bad date)"))?;
    let rest = text.get(10..).unwrap_or("");
    let rest = rest
        .strip_prefix('T')
        .ok_or_else(|| format!("{SHAPE} (expected 'T' after the date)"))?;
    let offset_at = rest.find(['Z', '+', '-']).ok_or_else(|| {
        format!("has no offset (Z or ±HH:MM): without one the instant is ambiguous; {SHAPE}")
    })?;
    let (clock, offset) = (
        rest.get(..offset_at).unwrap_or(""),
        rest.get(offset_at..).unwrap_or(""),
    );
    let (clock, fraction) = match clock.split_once('.') {
        Some((c, f)) => (c, Some(f)),
        None => (clock, None),
    };
    if fraction.is_some_and(|f| digits(f, 1, 9).is_none()) {
        return Err(format!("{SHAPE} (bad fraction of a second)"));
    }
    let mut fields = clock.split(':');
    let hours = fields.next().and_then(|h| digits(h, 2, 2));
    let minutes = fields.next().and_then(|m| digits(m, 2, 2));
    let seconds = fields.next().map(|s| digits(s, 2, 2)).unwrap_or(Some(0));
    let (Some(hours), Some(minutes), Some(seconds), None) =
        (hours, minutes, seconds, fields.next())
    else {
        return Err(format!("{SHAPE} (bad time)"));
    };
    if hours > 23 || minutes > 59 || seconds > 60 {
        return Err(format!("{SHAPE} (time out of range)"));
    }
    let offset_s = parse_offset(offset).ok_or_else(|| format!("{SHAPE} (bad offset)"))?;
    let day_s = i64::from(hours * 3600 + minutes * 60 + seconds);
    Ok(date.days_since_epoch() * 86_400 + day_s - offset_s)
}

/// `Z`, `±HH:MM`, `±HHMM` or `±HH` as seconds east of UTC.
fn parse_offset(text: &str) -> Option<i64> {
    if text == "Z" {
        return Some(0);
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let body = text.get(1..)?;
    let (h, m) = match body.len() {
        2 => (body, "00"),
        4 => (body.get(..2)?, body.get(2..)?),
        5 if body.as_bytes().get(2) == Some(&b':') => (body.get(..2)?, body.get(3..)?),
        _ => return None,
    };
    let (h, m) = (digits(h, 2, 2)?, digits(m, 2, 2)?);
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * i64::from(h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_forms() {
        assert_eq!(
            parse("10:00 - 14:00"),
            Ok(Interval::Local {
                start_s: 36_000,
                end_s: 50_400
            })
        );
        assert_eq!(
            parse("9-18"),
            Ok(Interval::Local {
                start_s: 32_400,
                end_s: 64_800
            })
        );
        assert!(parse("10:00:30-24:00").is_ok());
        assert!(parse("22:00-02:00").is_ok());
        for bad in [
            "",
            "10:00",
            "25:00-26:00",
            "10:0-11:00",
            "10:60-11:00",
            "24:30-24:40",
            "a-b",
            "10-11-12",
            "10:00:00:00-11",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn iso_forms() {
        let doc = "2018-09-06T10:15:00+03:00/2018-09-06T12:45:00+03:00";
        assert_eq!(
            parse(doc),
            Ok(Interval::Absolute {
                start: 1_536_218_100,
                end: 1_536_227_100
            })
        );
        assert!(parse("2018-09-06T07:15Z/2018-09-06T09:45:00.500Z").is_ok());
        assert!(parse("2018-09-06T10:15:00+0300/2018-09-06T12:45:00+03").is_ok());
        let missing_offset = parse("2018-09-06T10:15:00/2018-09-06T12:45:00");
        assert!(
            matches!(&missing_offset, Err(IntervalError::Syntax(e)) if e.contains("no offset")),
            "{missing_offset:?}"
        );
        assert!(parse("2018-02-30T10:15:00Z/2018-03-01T10:15:00Z").is_err());
        assert_eq!(
            parse("2018-09-06T12:00:00Z/2018-09-06T10:00:00Z"),
            Err(IntervalError::Inverted)
        );
        // Same instant written in two offsets is not "ending before".
        assert!(parse("2018-09-06T12:00:00+03:00/2018-09-06T09:00:00Z").is_ok());
    }
}
