//! Many Yandex `time_interval` strings at once, into a flat array of numbers: the throughput
//! path behind the JavaScript batch entry point, where building one object per window would
//! cost more than parsing it.
//!
//! Each input line gives [`BATCH_STRIDE`] numbers:
//!
//! | slot | meaning |
//! |---|---|
//! | 0 | status: 0 invalid; else kind (1 local, 2 absolute) plus flags 4 `DST_GAP`, 8 `DST_AMBIGUOUS`, 16 `PRECISION_LOST` |
//! | 1, 2 | start, end as in [`super::TimeWindow`] (local: seconds after midnight; absolute: UNIX s) |
//! | 3, 4 | start, end as UNIX seconds, `NaN` when not computable (local without date and zone) |
//! | 5 | absolute: the UTC offset written (s); invalid: the error's index in [`BATCH_CODES`]; else `NaN` |
//! | 6 | local: the date as days since 1970-01-01 (from the text, or the context's), else `NaN` |
//!
//! The messages behind an invalid line are what [`super::parse_time_window`] reports for it.

use super::text::{looks_like_iso, parse_clock_range, parse_iso_interval, TextError, DAY_S};
use super::zone::{date_days, DstCase, TimeContext, Zone};

/// Numbers per input line in the batch output.
pub const BATCH_STRIDE: usize = 7;

/// Error codes of invalid lines, indexed by slot 5.
pub const BATCH_CODES: [&str; 3] = [
    crate::issue::codes::INVALID_FORMAT,
    super::codes::WINDOW_INVERTED,
    crate::issue::codes::OUT_OF_RANGE,
];

/// Status flag: a local time fell in a DST gap.
pub const FLAG_DST_GAP: u32 = 4;
/// Status flag: a local time was ambiguous (DST fold).
pub const FLAG_DST_AMBIGUOUS: u32 = 8;
/// Status flag: a fraction of a second was dropped.
pub const FLAG_PRECISION_LOST: u32 = 16;

/// Places local times of the context date quickly: when the zone's offset is constant from the
/// day before the date to three days after, a local time is one subtraction away.
struct DayCache<'z> {
    zone: Option<&'z Zone>,
    days: Option<i64>,
    constant_offset: Option<i32>,
}

impl<'z> DayCache<'z> {
    fn new(ctx: &'z TimeContext) -> Self {
        let days = ctx.date.map(date_days);
        let constant_offset = match (ctx.zone.as_ref(), days) {
            (Some(z), Some(d)) => z.constant_offset((d - 1) * DAY_S, (d + 3) * DAY_S),
            _ => None,
        };
        DayCache {
            zone: ctx.zone.as_ref(),
            days,
            constant_offset,
        }
    }

    /// UNIX seconds of `local` (seconds after midnight of day `days`), and DST flags.
    fn unix(&self, days: i64, local: i64) -> Option<(i64, u32)> {
        if let (Some(off), Some(d)) = (self.constant_offset, self.days) {
            if d == days && (-DAY_S..=2 * DAY_S).contains(&local) {
                return Some((days * DAY_S + local - i64::from(off), 0));
            }
        }
        let r = self
            .zone?
            .resolve(days.checked_mul(DAY_S)?.checked_add(local)?)?;
        let flag = match r.dst {
            DstCase::Clear => 0,
            DstCase::Gap { .. } => FLAG_DST_GAP,
            DstCase::Fold { .. } => FLAG_DST_AMBIGUOUS,
        };
        Some((r.unix, flag))
    }
}

fn error_index(e: TextError) -> f64 {
    match e {
        TextError::Format(_) | TextError::Range(_) => 0.0,
        TextError::Inverted => 1.0,
    }
}

/// Parses one line into `record` (length [`BATCH_STRIDE`]).
fn parse_line(line: &str, cache: &DayCache, record: &mut [f64; BATCH_STRIDE]) {
    *record = [
        0.0,
        f64::NAN,
        f64::NAN,
        f64::NAN,
        f64::NAN,
        f64::NAN,
        f64::NAN,
    ];
    let line = line.strip_suffix('\r').unwrap_or(line);
    let local = |days: Option<i64>, s: i64, e: i64, mut status: u32, record: &mut [f64; 7]| {
        record[1] = s as f64;
        record[2] = e as f64;
        if let Some(d) = days.or(cache.days) {
            record[6] = d as f64;
            match (cache.unix(d, s), cache.unix(d, e)) {
                (Some((us, fs)), Some((ue, fe))) => {
                    record[3] = us as f64;
                    record[4] = ue as f64;
                    status |= fs | fe;
                }
                (None, _) | (_, None) if cache.zone.is_some() => {
                    record[0] = 0.0;
                    record[5] = 2.0;
                    return;
                }
                _ => {}
            }
        }
        record[0] = f64::from(status);
    };
    if looks_like_iso(line) {
        match parse_iso_interval(line) {
            Ok(iv) => {
                let lost = if iv.truncated { FLAG_PRECISION_LOST } else { 0 };
                match (iv.start.unix(), iv.end.unix()) {
                    (Some(s), Some(e)) => {
                        *record = [
                            f64::from(2 | lost),
                            s as f64,
                            e as f64,
                            s as f64,
                            e as f64,
                            f64::from(iv.start.offset_s.unwrap_or(0)),
                            f64::NAN,
                        ];
                    }
                    _ => {
                        let d = iv.start.days;
                        let e = iv.end.local_seconds() - d * DAY_S;
                        local(Some(d), iv.start.second_of_day, e, 1 | lost, record);
                    }
                }
            }
            Err(e) => record[5] = error_index(e),
        }
    } else {
        match parse_clock_range(line) {
            Ok((s, e)) => local(None, s, e, 1, record),
            Err(e) => record[5] = error_index(e),
        }
    }
}

/// Parses every `\n`-separated line of `text` (a trailing `\r` is ignored) as a Yandex
/// `time_interval`, appending [`BATCH_STRIDE`] numbers per line to `out` (see the module
/// table). Returns the number of lines. A line break inside one of the strings joined into
/// `text` would split it in two: callers check the count against their input.
pub fn parse_yandex_batch(text: &str, ctx: &TimeContext, out: &mut Vec<f64>) -> usize {
    let cache = DayCache::new(ctx);
    let mut record = [0.0; BATCH_STRIDE];
    let mut n = 0;
    out.reserve(text.len() / 8 * BATCH_STRIDE);
    for line in text.split('\n') {
        parse_line(line, &cache, &mut record);
        out.extend_from_slice(&record);
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CalendarDate;

    #[test]
    fn batch_matches_single_parses() {
        let ctx = TimeContext::new(
            CalendarDate::parse("2024-03-10"),
            Zone::get("America/New_York"),
        );
        let mut out = Vec::new();
        let n = parse_yandex_batch(
            "9-18\n02:30-03:30\nabc\n2018-09-06T10:15:00+03:00/PT2H30M\n12:00-11:00\r",
            &ctx,
            &mut out,
        );
        assert_eq!(n, 5);
        assert_eq!(out.len(), 5 * BATCH_STRIDE);
        let rec = |i: usize| &out[i * BATCH_STRIDE..(i + 1) * BATCH_STRIDE];
        // 09:00 EDT on 2024-03-10 (after the 02:00 jump) is 13:00Z.
        assert_eq!(rec(0)[0], 1.0);
        assert_eq!(rec(0)[3], 1_710_075_600.0);
        // 02:30 does not exist that day: flagged, moved to 03:30 EDT = 07:30Z.
        assert_eq!(rec(1)[0], f64::from(1 | FLAG_DST_GAP));
        assert_eq!(rec(1)[3], 1_710_055_800.0);
        assert_eq!(rec(2)[0], 0.0);
        assert_eq!(BATCH_CODES[rec(2)[5] as usize], "INVALID_FORMAT");
        assert_eq!(rec(3)[0], 2.0);
        assert_eq!(rec(3)[2], 1_536_227_100.0);
        assert_eq!(rec(3)[5], 10_800.0);
        // Crosses midnight, with the CR of a CRLF line ignored.
        assert_eq!(rec(4)[0], 1.0);
        assert_eq!(rec(4)[2], 86_400.0 + 11.0 * 3600.0);
    }

    #[test]
    fn constant_offset_fast_path_agrees_with_the_zone() {
        let ctx = TimeContext::new(
            CalendarDate::parse("2024-07-01"),
            Zone::get("Europe/Moscow"),
        );
        let cache = DayCache::new(&ctx);
        assert_eq!(cache.constant_offset, Some(10_800));
        let z = Zone::get("Europe/Moscow").unwrap();
        let d = date_days(CalendarDate::parse("2024-07-01").unwrap());
        for s in [0, 3600, 50_000, 86_399, 100_000] {
            assert_eq!(
                cache.unix(d, s).map(|x| x.0),
                z.resolve(d * DAY_S + s).map(|r| r.unix)
            );
        }
    }
}
