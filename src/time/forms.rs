//! Each vendor's time-window fields, read into [`TimeWindow`]s and written back.
//!
//! Readers take the field's JSON value, the [`TimeContext`] (date and zone when known), the
//! field's [`Path`] and a [`Checker`]; they record every problem as an issue at that path and
//! return `None` for a value that cannot be read. When the date and zone of a local window are
//! known, its absolute bounds are filled in (with DST warnings). Writers take a window and
//! return the vendor's form, reporting what the form cannot hold.

use super::codes;
use super::text::{
    self, iso_pair, looks_like_iso, parse_clock_range, parse_hhmm, parse_iso_datetime,
    parse_iso_interval, parse_local_datetime_strict, write_clock, write_date, write_hhmm,
    write_iso_datetime, write_local_datetime, IsoInterval, TextError, DAY_S, FOUR_DIGIT_YEARS,
};
use super::zone::{date_days, fill_unix, to_absolute, to_local, window_days, TimeContext};
use super::{EndBound, TimeWindow, WindowKind};
use crate::check::{CalendarDate, Checker};
use crate::issue::codes as core;
use crate::issue::Text;
use crate::json::{Object, Path, Value};
use serde::{Deserialize, Serialize};

/// Accepted forms of a Yandex `time_interval`, quoted in every message about one.
pub const YANDEX_INTERVAL_FORMS: &str = "\"HH:MM-HH:MM\" (also \"H-H\", \"HH:MM:SS\", spaces around \"-\" allowed; an end before the start crosses midnight) or an ISO 8601 interval such as \"2018-09-06T10:15:00+03:00/2018-09-06T12:45:00+03:00\", \"2018-09-06T10:15:00+03:00/PT2H30M\" or \"PT2H30M/2018-09-06T12:45:00+03:00\"";

/// Short excerpt of user text for messages (at most 40 characters).
pub(crate) fn excerpt(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// Records a text error for `text` at `path`; `forms` names what is accepted.
pub(crate) fn text_issue(
    checker: &mut Checker,
    path: &Path,
    text: &str,
    err: TextError,
    forms: &str,
) {
    let message = match err {
        TextError::Inverted => format!(
            "\"{}\" ends before it starts; an interval with dates or offsets cannot cross midnight backwards. Swap its ends.",
            excerpt(text)
        ),
        _ => format!(
            "\"{}\" is not a valid time window: {}. Accepted: {forms}.",
            excerpt(text),
            err.detail()
        ),
    };
    checker.error(path, err.code(), message);
}

/// Sets `date` (from `days`) and `time_zone` (from the context) on a local window and fills its
/// absolute bounds when both are known.
pub(crate) fn finish_local(
    mut w: TimeWindow,
    days: Option<i64>,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> TimeWindow {
    let days = days.or_else(|| ctx.date.map(date_days));
    if let Some(d) = days {
        w.date = Some(date_text(d));
    }
    if let Some(z) = &ctx.zone {
        w.time_zone = Some(z.name_text());
    }
    fill_unix(&mut w, days, ctx.zone.as_ref(), path, checker);
    w
}

thread_local! {
    /// The day [`date_text`] last wrote, and its text.
    static LAST_DATE: std::cell::RefCell<Option<(i64, Text)>> = const { std::cell::RefCell::new(None) };
}

/// `YYYY-MM-DD` of a day (days since 1970-01-01), shared with the last call's when the day is
/// the same: a batch's local windows mostly fall on one day.
fn date_text(days: i64) -> Text {
    LAST_DATE.with(|last| {
        let Ok(mut last) = last.try_borrow_mut() else {
            return written_date(days);
        };
        match &*last {
            Some((d, text)) if *d == days => text.clone(),
            _ => {
                let text = Text::shared(std::sync::Arc::from(written_date(days).as_str()));
                *last = Some((days, text.clone()));
                text
            }
        }
    })
}

/// The day of `text` when it is the very text [`date_text`] last gave (a window's date read
/// back, as every local window of a batch is when placed): no parsing then; `None` otherwise.
pub(crate) fn day_of_date_text(text: &str) -> Option<i64> {
    LAST_DATE
        .try_with(|last| {
            let last = last.try_borrow().ok()?;
            let (days, shared) = last.as_ref()?;
            // The same address and length: that text, not merely an equal one.
            std::ptr::eq(shared.as_str(), text).then_some(*days)
        })
        .ok()
        .flatten()
}

fn written_date(days: i64) -> Text {
    let mut s = String::with_capacity(10);
    write_date(&mut s, days);
    Text::from(s)
}

/// A window from an ISO interval: absolute when an offset is written, else local to the start's
/// date (a floating date-time).
fn window_from_iso(
    iv: IsoInterval,
    end_bounds: EndBound,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> TimeWindow {
    if iv.truncated {
        checker.warning(
            path,
            codes::PRECISION_LOST,
            "Fractions of a second were dropped: time windows are kept in whole seconds.",
        );
    }
    match (iv.start.unix(), iv.end.unix()) {
        (Some(s), Some(e)) => TimeWindow::absolute(Some(s), Some(e), iv.start.offset_s, end_bounds),
        _ => {
            let days = iv.start.days;
            let w = TimeWindow::local(
                Some(iv.start.second_of_day),
                Some(iv.end.local_seconds() - days * DAY_S),
                end_bounds,
            );
            finish_local(w, Some(days), ctx, path, checker)
        }
    }
}

// ---------------------------------------------------------------- Yandex

/// Reads a Yandex `time_interval` string: a local clock range (`"9-18"`, `"09:00 - 18:00"`,
/// `"10:15:30-12:45"`, `"22:00-02:00"` which ends the next day) or an ISO 8601 interval with
/// offsets (`start/end`, `start/duration`, `duration/end`). The bounds limit the visit start.
pub fn parse_yandex_interval(
    text: &str,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    if looks_like_iso(text) {
        match parse_iso_interval(text) {
            Ok(iv) => Some(window_from_iso(
                iv,
                EndBound::ServiceStart,
                ctx,
                path,
                checker,
            )),
            Err(e) => {
                text_issue(checker, path, text, e, YANDEX_INTERVAL_FORMS);
                None
            }
        }
    } else {
        match parse_clock_range(text) {
            Ok((s, e)) => {
                let w = TimeWindow::local(Some(s), Some(e), EndBound::ServiceStart);
                Some(finish_local(w, None, ctx, path, checker))
            }
            Err(e) => {
                text_issue(checker, path, text, e, YANDEX_INTERVAL_FORMS);
                None
            }
        }
    }
}

/// Reads a Yandex `time_interval_secs` (response field): `[start, end]` in seconds after
/// midnight. An end before the start crosses midnight, as in `time_interval`.
pub fn parse_yandex_interval_secs(
    v: &Value,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    let (s, e) = seconds_pair(v, path, checker, DAY_S, "time_interval_secs", "seconds")?;
    let w = TimeWindow::local(Some(s), Some(e), EndBound::ServiceStart);
    Some(finish_local(w, None, ctx, path, checker))
}

/// Reads a pair `[a, b]` of whole numbers in a unit with `per_day` units per day (86400 for
/// seconds, 1440 for minutes); `b < a` crosses midnight (`b + per_day`).
fn seconds_pair(
    v: &Value,
    path: &Path,
    checker: &mut Checker,
    per_day: i64,
    field: &str,
    unit: &str,
) -> Option<(i64, i64)> {
    let items = checker.array(v, path)?;
    let [a, b] = items else {
        checker.error(
            path,
            core::INVALID_FORMAT,
            format!(
                "`{field}` must be a pair [start, end] in {unit} after midnight, not {} items.",
                items.len()
            ),
        );
        return None;
    };
    let (pa, pb) = (path.index(0), path.index(1));
    let a = checker.integer_in(a, &pa, 0, per_day - 1);
    let b = checker.integer_in(b, &pb, 0, 2 * per_day);
    let (a, b) = (a?, b?);
    if b < a {
        if b >= per_day {
            checker.error(
                path,
                codes::WINDOW_INVERTED,
                format!("`{field}` ends ({b}) before it starts ({a})."),
            );
            return None;
        }
        return Some((a, b + per_day));
    }
    Some((a, b))
}

/// Reads a Yandex `time_window` (response field): `{start, end}` ISO 8601 date-times such as
/// `"2019-03-06T14:15:00.000Z"`.
pub fn parse_yandex_time_window(
    v: &Value,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    let o = checker.object(v, path)?;
    let read = |key: &str, checker: &mut Checker| {
        let p = path.key(key);
        let Some(v) = o.get(key) else {
            checker.missing(
                path,
                key,
                "an ISO 8601 date-time such as 2019-03-06T14:15:00.000Z",
            );
            return None;
        };
        let s = checker.string(v, &p)?;
        match parse_iso_datetime(s) {
            Ok(dt) => Some(dt),
            Err(e) => {
                text_issue(
                    checker,
                    &p,
                    s,
                    e,
                    "an ISO 8601 date-time such as \"2019-03-06T14:15:00.000Z\" or \"2019-03-06T17:15:00+03:00\"",
                );
                None
            }
        }
    };
    let start = read("start", checker);
    let end = read("end", checker);
    match iso_pair(start?, end?) {
        Ok(iv) => Some(window_from_iso(
            iv,
            EndBound::ServiceStart,
            ctx,
            path,
            checker,
        )),
        Err(e) => {
            checker.error(
                &path.key("end"),
                e.code(),
                "`time_window.end` is before `time_window.start`.",
            );
            None
        }
    }
}

/// Writes a Yandex `time_interval`. Local windows become `"HH:MM-HH:MM"` (seconds only when not
/// zero; an end past midnight is written as its clock time, `"22:00-02:00"`, and exactly 86400
/// as `24:00`). Absolute windows become an ISO 8601 `start/end` interval in the offset they were
/// written in, else in the context zone's offset at the start, else UTC (`Z`). A local window
/// longer than a day is written as ISO with offsets when its date and zone are known.
pub fn format_yandex_interval(
    w: &TimeWindow,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<String> {
    let (Some(start), Some(end)) = (w.start, w.end) else {
        checker.error(
            path,
            codes::WINDOW_NOT_REPRESENTABLE,
            "A Yandex time_interval needs both a start and an end; this window is open-ended.",
        );
        return None;
    };
    let mut out = String::with_capacity(51);
    match w.kind {
        WindowKind::Local => {
            // A whole day is `00:00-24:00`; any other window of 24 hours would read back as
            // an empty one.
            let whole_day = start == 0 && end == DAY_S;
            if (0..DAY_S).contains(&start) && end >= start && (end - start < DAY_S || whole_day) {
                write_clock(&mut out, start);
                out.push('-');
                // An end at midnight after a later start is written as the crossing
                // `"…-00:00"`, the form Yandex documents, rather than `24:00`.
                let crosses = end > DAY_S || (end == DAY_S && start > 0);
                write_clock(&mut out, if crosses { end - DAY_S } else { end });
                return Some(out);
            }
            let abs = to_absolute(w, ctx, path, checker)?;
            return format_yandex_interval(&abs, ctx, path, checker);
        }
        WindowKind::Absolute => {
            let offset = w
                .utc_offset_s
                .or_else(|| ctx.zone.as_ref().and_then(|z| z.offset_at(start)))
                .unwrap_or(0);
            // ISO 8601 as Yandex reads it has four-digit years: an instant outside years
            // 0001–9999 (a timestamp in the wrong unit, most often) has no spelling.
            let spellable = |t: i64| {
                t.checked_add(i64::from(offset))
                    .is_some_and(|t| FOUR_DIGIT_YEARS.contains(&t))
            };
            if !spellable(start) || !spellable(end) {
                checker.error(
                    path,
                    codes::WINDOW_NOT_REPRESENTABLE,
                    format!(
                        "A Yandex time_interval spells its instants with four-digit years (0001–9999); this window runs from UNIX {start} to {end} s. Check the source's unit (seconds, not milliseconds)."
                    ),
                );
                return None;
            }
            write_iso_datetime(&mut out, start, offset);
            out.push('/');
            write_iso_datetime(&mut out, end, offset);
        }
    }
    Some(out)
}

/// Writes a Yandex `time_interval_secs` pair from a local window (an absolute one is first
/// converted with the context zone).
pub fn format_yandex_interval_secs(
    w: &TimeWindow,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<[i64; 2]> {
    let local = local_in_context(w, ctx, path, checker)?;
    match (local.start, local.end) {
        (Some(s), Some(e)) if (0..DAY_S).contains(&s) && e >= s && e <= 2 * DAY_S => Some([s, e]),
        _ => {
            checker.error(
                path,
                codes::WINDOW_NOT_REPRESENTABLE,
                "time_interval_secs holds a bounded window within one day (the end may pass midnight once).",
            );
            None
        }
    }
}

/// A local version of `w` (converting an absolute window with the context zone).
fn local_in_context(
    w: &TimeWindow,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    match w.kind {
        WindowKind::Local => Some(w.clone()),
        WindowKind::Absolute => match &ctx.zone {
            Some(z) => to_local(w, z, ctx, path, checker),
            None => {
                checker.error(
                    path,
                    codes::TIME_ZONE_REQUIRED,
                    "This form holds local times: pass the IANA zone to write this absolute window in (`timeZone` option).",
                );
                None
            }
        },
    }
}

// ---------------------------------------------------------------- Wialon

/// A Wialon window with the order's allowed advance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WialonWindow {
    /// `tf`..`tt`, absolute, bounding the completion time.
    pub window: TimeWindow,
    /// `trt`: how much earlier than the window the order may be done, seconds.
    pub allowed_advance_s: Option<i64>,
}

/// Wialon's order time fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WialonTimes {
    /// `tf`: lower bound of the order completion time, UNIX seconds.
    pub tf: Option<i64>,
    /// `tt`: upper bound of the order completion time, UNIX seconds.
    pub tt: Option<i64>,
    /// `trt`: acceptable schedule advancement, seconds.
    pub trt: Option<i64>,
}

/// Largest Wialon `<uint>` (32-bit): UNIX times up to 2106-02-07.
const WIALON_UINT_MAX: i64 = u32::MAX as i64;

/// Reads Wialon `tf`, `tt` (absolute UNIX seconds bounding the order *completion* time) and
/// `trt` (allowed advance, s) from an order object. `None` without an issue when neither `tf`
/// nor `tt` is present.
pub fn parse_wialon(o: &Object, path: &Path, checker: &mut Checker) -> Option<WialonWindow> {
    let read = |key: &str, checker: &mut Checker| -> (bool, Option<i64>) {
        match o.get(key) {
            None => (true, None),
            Some(v) => {
                let p = path.key(key);
                let r = checker.integer_in(v, &p, 0, WIALON_UINT_MAX);
                (r.is_some(), r)
            }
        }
    };
    let (tf_ok, tf) = read("tf", checker);
    let (tt_ok, tt) = read("tt", checker);
    let (_, trt) = read("trt", checker);
    if !tf_ok || !tt_ok || (tf.is_none() && tt.is_none()) {
        return None;
    }
    if let (Some(f), Some(t)) = (tf, tt) {
        if t < f {
            checker.error(
                &path.key("tt"),
                codes::WINDOW_INVERTED,
                format!("`tt` ({t}) is before `tf` ({f}): the upper bound of the completion time must not precede the lower bound."),
            );
            return None;
        }
    }
    Some(WialonWindow {
        window: TimeWindow::absolute(tf, tt, None, EndBound::Completion),
        allowed_advance_s: trt,
    })
}

/// Writes Wialon `tf`/`tt`/`trt` (`trt` from the order's allowed advance). A local window is converted with its date and zone (or the
/// context's; missing ones are reported). The window's bounds are written as they are: call
/// [`super::convert_bounds`] first to turn another meaning into completion bounds.
pub fn format_wialon(
    w: &TimeWindow,
    allowed_advance_s: Option<i64>,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<WialonTimes> {
    let (start, end) = if w.kind == WindowKind::Absolute {
        (w.start, w.end)
    } else {
        let placed = super::zone::place(w, ctx, path, checker)?;
        (placed.start, placed.end)
    };
    // A bound placed in the context's zone and one kept as a stored instant (a local window
    // without its own zone and with `endUnix` but no `end`) can disagree: Wialon refuses
    // `tt` before `tf`, so the window is refused here rather than written inverted.
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            checker.error(
                path,
                crate::issue::codes::WINDOW_INVERTED,
                format!(
                    "the window placed in time ends (UNIX {e}) before it starts (UNIX {s}); give the window its own timeZone, or correct its endUnix."
                ),
            );
            return None;
        }
    }
    for (v, key) in [(start, "tf"), (end, "tt")] {
        if let Some(v) = v {
            if !(0..=WIALON_UINT_MAX).contains(&v) {
                checker.error(
                    path,
                    codes::WINDOW_NOT_REPRESENTABLE,
                    format!("Wialon `{key}` holds UNIX times from 1970 to 2106; {v} is outside."),
                );
                return None;
            }
        }
    }
    Some(WialonTimes {
        tf: start,
        tt: end,
        trt: allowed_advance_s,
    })
}

// ---------------------------------------------------------------- OptimoRoute

/// OptimoRoute's `HH:MM` fields, quoted in messages.
const OPTIMOROUTE_HHMM: &str = "a 24-hour time \"HH:MM\" from 00:00 to 23:59, e.g. \"16:00\"";

/// Reads one OptimoRoute `HH:MM` field of `o` (absent: `Ok(None)`).
fn hhmm_field(
    o: &Object,
    key: &str,
    path: &Path,
    checker: &mut Checker,
) -> Result<Option<i64>, ()> {
    let Some(v) = o.get(key) else {
        return Ok(None);
    };
    let p = path.key(key);
    let s = checker.string(v, &p).ok_or(())?;
    match parse_hhmm(s) {
        Ok(t) => Ok(Some(t)),
        Err(e) => {
            text_issue(checker, &p, s, e, OPTIMOROUTE_HHMM);
            Err(())
        }
    }
}

/// A local `HH:MM` window on the order date; OptimoRoute times run 00:00–23:59 on that date,
/// so an end before the start is `WINDOW_INVERTED` (the document gives no way to cross
/// midnight; use `allowedDateTimes` for that).
#[allow(clippy::too_many_arguments)]
fn optimoroute_clock_window(
    o: &Object,
    from_key: &str,
    to_key: &str,
    required: bool,
    days: Option<i64>,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    let from = hhmm_field(o, from_key, path, checker);
    let to = hhmm_field(o, to_key, path, checker);
    let (from, to) = (from.ok()?, to.ok()?);
    if required {
        for (v, key) in [(from, from_key), (to, to_key)] {
            if v.is_none() {
                let hint = o
                    .iter()
                    .find(|(k, _)| k.trim_end_matches(':') == key && *k != key)
                    .map(|(k, _)| format!(" (found \"{k}\": remove the stray character)"))
                    .unwrap_or_default();
                checker.missing(path, key, &format!("{OPTIMOROUTE_HHMM}{hint}"));
            }
        }
        if from.is_none() || to.is_none() {
            return None;
        }
    }
    if from.is_none() && to.is_none() {
        return None;
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            checker.error(
                &path.key(to_key),
                codes::WINDOW_INVERTED,
                format!(
                    "`{to_key}` is before `{from_key}`: OptimoRoute times run from 00:00 to 23:59 on the order date and cannot cross midnight; split the window or use allowedDateTimes."
                ),
            );
            return None;
        }
    }
    let w = TimeWindow::local(from, to, EndBound::ServiceEnd);
    Some(finish_local(w, days, ctx, path, checker))
}

/// Reads an OptimoRoute order `date` (`YYYY-MM-DD`) as a day count.
pub fn parse_optimoroute_date(
    o: &Object,
    path: &Path,
    checker: &mut Checker,
) -> Option<CalendarDate> {
    let v = o.get("date")?;
    checker.date(v, &path.key("date"))
}

/// Reads one item of OptimoRoute `timeWindows`: `{twFrom, twTo}`, both `HH:MM` and required.
/// `twFrom` is the earliest time to begin service and `twTo` the deadline to *end* it
/// ([`EndBound::ServiceEnd`]). `date` is the order's `date` when known.
pub fn parse_optimoroute_time_window(
    v: &Value,
    date: Option<CalendarDate>,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    let o = checker.object(v, path)?;
    optimoroute_clock_window(
        o,
        "twFrom",
        "twTo",
        true,
        date.map(date_days),
        ctx,
        path,
        checker,
    )
}

/// Reads the deprecated order-level `twFrom`/`twTo` pair (either may be absent: that side is
/// open). `None` without an issue when neither is present.
pub fn parse_optimoroute_tw_pair(
    o: &Object,
    date: Option<CalendarDate>,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    optimoroute_clock_window(
        o,
        "twFrom",
        "twTo",
        false,
        date.map(date_days),
        ctx,
        path,
        checker,
    )
}

/// Reads a driver work time: `workTime {from, to}` (both required) when `o` is that object, or
/// the order-level `workTimeFrom`/`workTimeTo` pair when `pair` is true.
pub fn parse_optimoroute_work_time(
    o: &Object,
    pair: bool,
    date: Option<CalendarDate>,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    let days = date.map(date_days);
    if pair {
        optimoroute_clock_window(
            o,
            "workTimeFrom",
            "workTimeTo",
            false,
            days,
            ctx,
            path,
            checker,
        )
    } else {
        optimoroute_clock_window(o, "from", "to", true, days, ctx, path, checker)
    }
}

/// Reads one item of OptimoRoute `allowedDateTimes`: `{from, to}`, each `YYYY-MM-DDTHH:MM:SS`
/// (local, account time zone) or null/absent (unrestricted). `from` is the earliest and `to`
/// the latest time to *begin* service ([`EndBound::ServiceStart`]). The window's date is the
/// date of `from` (of `to` when `from` is open); `end` counts from that date's midnight.
pub fn parse_optimoroute_allowed_date_time(
    v: &Value,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    let o = checker.object(v, path)?;
    let read = |key: &str, checker: &mut Checker| -> Result<Option<i64>, ()> {
        let Some(v) = o.get(key) else {
            return Ok(None);
        };
        let p = path.key(key);
        let Some(s) = checker.nullable_string(v, &p) else {
            return if v.is_null() { Ok(None) } else { Err(()) };
        };
        parse_local_datetime_strict(s).map(Some).map_err(|e| {
            text_issue(
                checker,
                &p,
                s,
                e,
                "a local date-time \"YYYY-MM-DDTHH:MM:SS\" such as \"2020-01-30T15:54:02\", or null",
            )
        })
    };
    let from = read("from", checker);
    let to = read("to", checker);
    let (from, to) = (from.ok()?, to.ok()?);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            checker.error(
                &path.key("to"),
                codes::WINDOW_INVERTED,
                "`to` is before `from`: the latest time to begin service must not precede the earliest.",
            );
            return None;
        }
    }
    let days = from.or(to).map(|s| s.div_euclid(DAY_S));
    let base = days.map_or(0, |d| d * DAY_S);
    let w = TimeWindow::local(
        from.map(|f| f - base),
        to.map(|t| t - base),
        EndBound::ServiceStart,
    );
    Some(finish_local(w, days, ctx, path, checker))
}

/// An inclusive range of calendar dates (OptimoRoute `allowedDates`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DateRange {
    /// First allowed date, `YYYY-MM-DD`; `None`: unrestricted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last allowed date, `YYYY-MM-DD`; `None`: unrestricted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// Reads OptimoRoute `allowedDates {from, to}` (`{}` means no restriction: `Some` with both
/// `None`).
pub fn parse_optimoroute_allowed_dates(
    v: &Value,
    path: &Path,
    checker: &mut Checker,
) -> Option<DateRange> {
    let o = checker.object(v, path)?;
    let read = |key: &str, checker: &mut Checker| -> Result<Option<CalendarDate>, ()> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => checker.date(v, &path.key(key)).map(Some).ok_or(()),
        }
    };
    let from = read("from", checker);
    let to = read("to", checker);
    let (from, to) = (from.ok()?, to.ok()?);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            checker.error(
                &path.key("to"),
                codes::WINDOW_INVERTED,
                format!("`allowedDates.to` ({t}) is before `allowedDates.from` ({f})."),
            );
            return None;
        }
    }
    Some(DateRange {
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
    })
}

/// OptimoRoute weekday names, Sunday first as the document lists them.
pub const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// Reads OptimoRoute `allowedWeekdays` (`["mon", "tue"]`); unknown names are reported.
pub fn parse_optimoroute_allowed_weekdays(
    v: &Value,
    path: &Path,
    checker: &mut Checker,
) -> Option<Vec<&'static str>> {
    let items = checker.array(v, path)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(d) = checker.one_of(item, &path.index(i), &WEEKDAYS) {
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    Some(out)
}

/// One OptimoRoute `timeWindows` item as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OptimoRouteWindow {
    /// `twFrom`, `HH:MM`.
    pub tw_from: String,
    /// `twTo`, `HH:MM`.
    pub tw_to: String,
    /// The order `date` the times belong to, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Rounds a window inward to whole minutes (start up, end down), warning when seconds are lost:
/// narrowing keeps every time the result allows inside the original window.
fn round_to_minutes(start: i64, end: i64, path: &Path, checker: &mut Checker) -> (i64, i64) {
    let s = start.div_euclid(60) * 60 + if start % 60 != 0 { 60 } else { 0 };
    let e = end.div_euclid(60) * 60;
    if (s, e) != (start, end) {
        checker.warning(
            path,
            codes::PRECISION_LOST,
            "The target holds whole minutes: the window was narrowed to the minutes inside it.",
        );
    }
    (s, e)
}

/// Writes an OptimoRoute `timeWindows` item from a window. An absolute window is placed in the
/// context zone first. Bounds are rounded inward to minutes; an open start is written `00:00`
/// and an end at or past midnight `23:59` (with a `PRECISION_LOST` warning); a window that
/// crosses midnight cannot be written (OptimoRoute times stay on the order date). The window's
/// bounds are written as they are: call [`super::convert_bounds`] first to make the end a
/// service-end deadline.
pub fn format_optimoroute_time_window(
    w: &TimeWindow,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<OptimoRouteWindow> {
    let local = local_in_context(w, ctx, path, checker)?;
    let start = local.start.unwrap_or(0);
    let mut end = local.end.unwrap_or(DAY_S);
    if !(0..DAY_S).contains(&start) || end > DAY_S || end < start {
        checker.error(
            path,
            codes::WINDOW_NOT_REPRESENTABLE,
            "OptimoRoute time windows lie within the order date (00:00 to 23:59); this one crosses midnight. Split it across two orders or use allowedDateTimes.",
        );
        return None;
    }
    if end == DAY_S {
        checker.warning(
            path,
            codes::PRECISION_LOST,
            "OptimoRoute times end at 23:59: the window's end at midnight was written as 23:59.",
        );
        end = DAY_S - 60;
    }
    let (s, e) = round_to_minutes(start, end, path, checker);
    if e < s {
        checker.error(
            path,
            codes::WINDOW_NOT_REPRESENTABLE,
            "The window is shorter than a minute and OptimoRoute holds whole minutes.",
        );
        return None;
    }
    let mut tw_from = String::with_capacity(5);
    write_hhmm(&mut tw_from, s);
    let mut tw_to = String::with_capacity(5);
    write_hhmm(&mut tw_to, e);
    let date = local
        .date
        .map(String::from)
        .or_else(|| ctx.date.map(|d| d.to_string()));
    Some(OptimoRouteWindow {
        tw_from,
        tw_to,
        date,
    })
}

/// One OptimoRoute `allowedDateTimes` item as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllowedDateTime {
    /// `from`, `YYYY-MM-DDTHH:MM:SS`, or `None` (null: unrestricted).
    pub from: Option<String>,
    /// `to`, as `from`.
    pub to: Option<String>,
}

/// Writes an OptimoRoute `allowedDateTimes` item. A local window needs its date (its own or the
/// context's); an absolute one the context zone.
pub fn format_optimoroute_allowed_date_time(
    w: &TimeWindow,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<AllowedDateTime> {
    let local = local_in_context(w, ctx, path, checker)?;
    if local.start.is_none() && local.end.is_none() {
        return Some(AllowedDateTime {
            from: None,
            to: None,
        });
    }
    let days = window_days(&local, ctx, path, checker)?;
    let base = days * DAY_S;
    // The texts have four-digit years: a bound outside 0001–9999 has no spelling.
    let spellable = |v: Option<i64>| {
        v.is_none_or(|s| {
            base.checked_add(s)
                .is_some_and(|t| FOUR_DIGIT_YEARS.contains(&t))
        })
    };
    if !spellable(local.start) || !spellable(local.end) {
        checker.error(
            path,
            codes::WINDOW_NOT_REPRESENTABLE,
            "OptimoRoute writes allowedDateTimes as YYYY-MM-DDTHH:MM:SS: this window falls outside years 0001–9999. Check the source's unit (seconds, not milliseconds).",
        );
        return None;
    }
    let write = |v: Option<i64>| {
        v.map(|s| {
            let mut out = String::with_capacity(19);
            write_local_datetime(&mut out, base.saturating_add(s));
            out
        })
    };
    Some(AllowedDateTime {
        from: write(local.start),
        to: write(local.end),
    })
}

/// Writes OptimoRoute `workTime {from, to}` (same rules as [`format_optimoroute_time_window`]).
pub fn format_optimoroute_work_time(
    w: &TimeWindow,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<(String, String)> {
    format_optimoroute_time_window(w, ctx, path, checker).map(|t| (t.tw_from, t.tw_to))
}

// ---------------------------------------------------------------- Magic Lane

/// The unit of Magic Lane `timeWindow: [a, b]`.
///
/// The document never states it. It is read as **minutes after midnight** by default, on this
/// evidence from `magiclane-fleet-orders.txt`: every example is `[420, 1086]`; as minutes that
/// is 07:00–18:06, a working day, while as seconds it would be 00:07:00–00:18:06, an 11-minute
/// window just after midnight that no delivery example would use; 420 is exactly 7 × 60; and
/// the vehicle `startTime`/`endTime` fields of the same API are documented in minutes
/// (VENDOR-FACTS). It remains an inference: callers can choose [`MagicLaneUnit::Seconds`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MagicLaneUnit {
    /// Minutes after midnight (the default reading).
    #[default]
    Minutes,
    /// Seconds after midnight.
    Seconds,
}

impl MagicLaneUnit {
    fn seconds(self) -> i64 {
        match self {
            MagicLaneUnit::Minutes => 60,
            MagicLaneUnit::Seconds => 1,
        }
    }

    fn name(self) -> &'static str {
        match self {
            MagicLaneUnit::Minutes => "minutes",
            MagicLaneUnit::Seconds => "seconds",
        }
    }
}

/// Reads Magic Lane `timeWindow: [a, b]` in `unit` after midnight (see [`MagicLaneUnit`] for why
/// minutes is the default). The document does not say what the bounds limit; they are taken as
/// the service start ([`EndBound::ServiceStart`]), an assumption. An end before the start
/// crosses midnight.
pub fn parse_magic_lane(
    v: &Value,
    unit: MagicLaneUnit,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    let per_day = DAY_S / unit.seconds();
    let (a, b) = seconds_pair(v, path, checker, per_day, "timeWindow", unit.name())?;
    let w = TimeWindow::local(
        Some(a * unit.seconds()),
        Some(b * unit.seconds()),
        EndBound::ServiceStart,
    );
    Some(finish_local(w, None, ctx, path, checker))
}

/// Writes Magic Lane `timeWindow: [a, b]` in `unit`. Absolute windows are placed in the context
/// zone first; minutes are rounded inward; an end past midnight is written as its clock value
/// (below the start), which [`parse_magic_lane`] reads back as a crossing.
pub fn format_magic_lane(
    w: &TimeWindow,
    unit: MagicLaneUnit,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<[i64; 2]> {
    let local = local_in_context(w, ctx, path, checker)?;
    let (Some(start), Some(end)) = (local.start, local.end) else {
        checker.error(
            path,
            codes::WINDOW_NOT_REPRESENTABLE,
            "Magic Lane timeWindow needs both a start and an end; this window is open-ended.",
        );
        return None;
    };
    // A window of a whole day is written [0, 1440] (which reads back as the same day); one that
    // long starting at any other time would be written with its end equal to its start, which
    // reads back as an empty window.
    let whole_day = start == 0 && end == DAY_S;
    if !(0..DAY_S).contains(&start) || end < start || (end - start >= DAY_S && !whole_day) {
        checker.error(
            path,
            codes::WINDOW_NOT_REPRESENTABLE,
            "Magic Lane timeWindow holds times of one day (the end may pass midnight once).",
        );
        return None;
    }
    let (s, e) = match unit {
        MagicLaneUnit::Minutes => round_to_minutes(start, end, path, checker),
        MagicLaneUnit::Seconds => (start, end),
    };
    // Narrowed to whole minutes, a window with no whole minute inside would come out with its
    // end before its start, which reads back as a window crossing midnight; one starting in the
    // day's last minute would start at 24:00, which Magic Lane does not hold.
    if e < s || s >= DAY_S {
        checker.error(
            path,
            codes::WINDOW_NOT_REPRESENTABLE,
            "The window holds no whole minute of its day, and Magic Lane timeWindow holds whole minutes (or pass magicLaneWindowUnit: \"seconds\").",
        );
        return None;
    }
    let e = if e > DAY_S { e - DAY_S } else { e };
    Some([s / unit.seconds(), e / unit.seconds()])
}

/// Writes an ISO 8601 date-time for a UNIX instant in the given offset (`Z` for 0), e.g. for
/// Yandex `time_window.start`.
pub fn format_iso_datetime(unix: i64, offset_s: i32) -> String {
    let mut out = String::with_capacity(25);
    write_iso_datetime(&mut out, unix, offset_s);
    out
}

/// Writes a clock time `HH:MM` or `HH:MM:SS` (seconds only when not zero).
pub fn format_clock(second_of_day: i64) -> String {
    let mut out = String::with_capacity(8);
    write_clock(&mut out, second_of_day);
    out
}

pub use text::format_hhmm;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_text_just_written_reads_back_as_its_day_without_parsing() {
        let days = 19_804; // 2024-03-22
        let text = date_text(days);
        assert_eq!(text.as_str(), "2024-03-22");
        assert_eq!(day_of_date_text(&text), Some(days));
        // The same date in another string is not that text: the caller parses it.
        let copy = String::from("2024-03-22");
        assert_eq!(day_of_date_text(&copy), None);
        // Nor is a text written for another day, once a later one replaced it.
        let later = date_text(days + 1);
        assert_eq!(day_of_date_text(&text), None);
        assert_eq!(day_of_date_text(&later), Some(days + 1));
    }
}
