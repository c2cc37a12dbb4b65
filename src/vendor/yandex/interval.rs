//! The check of a Yandex `time_interval` against the document's two forms: `"T - T"` / `"T-T"`
//! with T = `HH`, `HH:MM` or `HH:MM:SS`, or an ISO 8601 interval of two instants with offsets
//! (`2018-09-06T10:15:00+03:00/2018-09-06T12:45:00+03:00`).
//!
//! The grammar is the time module's ([`crate::time::text`]), so validation and conversion read
//! the same text the same way. On top of it this check adds the one rule the document states
//! for the ISO form: an instant needs an offset (the example has one; without it the instant
//! depends on a zone Yandex does not say it assumes). As ISO 8601 allows, an end written
//! without an offset takes the start's, and `start/duration` and `duration/end` are intervals
//! too.

use crate::time::text::{looks_like_iso, parse_clock_range, parse_iso_interval, TextError};

/// A `time_interval` that passed the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Interval {
    /// Local times of day, seconds from midnight, read by Yandex against the route's date in
    /// the depot's zone. An end before the start crosses midnight: `end_s` is then past 86400.
    Local { start_s: i64, end_s: i64 },
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
    let syntax = |e: TextError| match e {
        TextError::Inverted => IntervalError::Inverted,
        e => IntervalError::Syntax(e.detail().to_string()),
    };
    if !looks_like_iso(text) {
        let (start_s, end_s) = parse_clock_range(text).map_err(syntax)?;
        return Ok(Interval::Local { start_s, end_s });
    }
    let iv = parse_iso_interval(text).map_err(syntax)?;
    match (iv.start.unix(), iv.end.unix()) {
        (Some(start), Some(end)) => Ok(Interval::Absolute { start, end }),
        _ => Err(IntervalError::Syntax(
            "it has no offset (Z or ±HH:MM): without one the instant is ambiguous; write e.g. 2018-09-06T10:15:00+03:00".to_string(),
        )),
    }
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
        // Crossing midnight: the end is on the next day (the old check kept 7200 here; the time
        // module's grammar, now the only one, adds the day so the window is not inverted).
        assert_eq!(
            parse("22:00-02:00"),
            Ok(Interval::Local {
                start_s: 79_200,
                end_s: 93_600
            })
        );
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
        // ISO 8601 forms the time module's grammar reads, which the old check refused: a
        // duration, and an end that takes the start's offset.
        assert_eq!(
            parse("2018-09-06T10:15:00+03:00/PT2H30M"),
            Ok(Interval::Absolute {
                start: 1_536_218_100,
                end: 1_536_227_100
            })
        );
        assert!(parse("2018-09-06T10:15:00+03:00/2018-09-06T12:45:00").is_ok());
    }
}
