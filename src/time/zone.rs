//! IANA time zones (jiff's bundled tz database) and the conversions between local windows and
//! absolute ones, with the daylight-saving rule the crate applies everywhere.
//!
//! # The DST rule
//! A local time is turned into an instant with the offset in force at that wall-clock time.
//! Twice a year that is not one offset:
//! - **gap** (clocks jump forward, e.g. 02:30 on 2024-03-10 in `America/New_York` never
//!   happens): the time is moved forward by the length of the gap (02:30 → 03:30 EDT), i.e. the
//!   offset from *before* the transition is used;
//! - **fold** (clocks go back, e.g. 01:30 on 2024-11-03 in New York happens twice): the
//!   *earlier* occurrence is taken (01:30 EDT).
//!
//! This is what RFC 5545, `java.time`, Temporal and jiff call "compatible". Every time the rule
//! decides, a warning (`DST_GAP` or `DST_AMBIGUOUS`) names the wall time and the instant chosen,
//! so nothing is resolved silently.

use super::codes;
use super::text::{
    civil_from_days, days_from_civil, write_iso_datetime, write_local_datetime, DAY_S,
};
use super::{TimeWindow, WindowKind};
use crate::check::{CalendarDate, Checker};
use crate::issue::{same_text, Text};
use crate::json::Path;
use jiff::tz::{AmbiguousOffset, TimeZone};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// An IANA time zone, looked up once and reused: a lookup costs microseconds, a conversion a
/// few dozen nanoseconds.
#[derive(Debug, Clone)]
pub struct Zone {
    tz: TimeZone,
    name: Text,
    /// The last local day resolved and its offset when one offset holds all day: a batch's
    /// times mostly fall on a few days, and this spares a tz-database query for each. Shared by
    /// the zone's clones, so that one-order conversions, each with the zone [`Zone::get`] kept
    /// from the last, find the day already resolved.
    day: Rc<Cell<Option<DayOffset>>>,
}

/// A local day (days since 1970-01-01) and its offset, when one offset holds all day.
type DayOffset = (i64, Option<i32>);

thread_local! {
    /// The last zone looked up, under the name it was asked for: a thread converting one order
    /// at a time asks for the same zone at every call, and a lookup (with the allocations of
    /// its name) was 2% of a one-order conversion.
    static LAST_ZONE: RefCell<Option<(Box<str>, Zone)>> = const { RefCell::new(None) };
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// What the DST rule had to decide for one local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DstCase {
    /// The offset was unambiguous.
    Clear,
    /// The wall time falls in a spring-forward gap; it was moved forward by `after - before`.
    Gap {
        /// Offset before the transition, seconds east of UTC.
        before_s: i32,
        /// Offset after the transition.
        after_s: i32,
    },
    /// The wall time happens twice; the earlier occurrence (offset `before_s`) was taken.
    Fold {
        /// Offset before the transition (the one used).
        before_s: i32,
        /// Offset after the transition.
        after_s: i32,
    },
}

/// A local time resolved to an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// UNIX seconds.
    pub unix: i64,
    /// The offset used, seconds east of UTC.
    pub offset_s: i32,
    /// What the DST rule decided.
    pub dst: DstCase,
}

impl Zone {
    /// Looks up an IANA zone name (`Europe/Moscow`; case-insensitive, as the tz database
    /// allows). `None` for names the bundled database does not hold, including `Etc/Unknown`.
    pub fn get(name: &str) -> Option<Zone> {
        if name.is_empty() || name.len() > 64 {
            return None;
        }
        let last = LAST_ZONE.try_with(|last| {
            let last = last.try_borrow().ok()?;
            let (asked, zone) = last.as_ref()?;
            (**asked == *name).then(|| zone.clone())
        });
        if let Ok(Some(zone)) = last {
            return Some(zone);
        }
        let tz = TimeZone::get(name).ok()?;
        if tz.is_unknown() {
            return None;
        }
        let zone = Zone {
            name: Text::shared(std::sync::Arc::from(tz.iana_name().unwrap_or(name))),
            tz,
            day: Rc::default(),
        };
        let _ = LAST_ZONE.try_with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some((Box::from(name), zone.clone()));
            }
        });
        Some(zone)
    }

    /// UTC, the zone of UNIX time.
    pub fn utc() -> Zone {
        Zone {
            tz: TimeZone::UTC,
            name: Text::from_static("UTC"),
            day: Rc::default(),
        }
    }

    /// The canonical IANA name (`Europe/Moscow`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The canonical IANA name, shared: a batch's windows all name the same zone.
    pub fn name_text(&self) -> Text {
        self.name.clone()
    }

    /// The UTC offset in force at a UNIX instant, seconds east of UTC; `None` outside the range
    /// jiff supports (years -9999..=9999).
    pub fn offset_at(&self, unix: i64) -> Option<i32> {
        let ts = jiff::Timestamp::from_second(unix).ok()?;
        Some(self.tz.to_offset(ts).seconds())
    }

    /// The offset in force over the whole of `[from_unix, to_unix]`, when no transition happens
    /// inside it: lets a batch place every local time of one day with one subtraction.
    pub fn constant_offset(&self, from_unix: i64, to_unix: i64) -> Option<i32> {
        let from = jiff::Timestamp::from_second(from_unix).ok()?;
        let offset = self.tz.to_offset(from).seconds();
        match self.tz.following(from).next() {
            Some(t) if t.timestamp().as_second() <= to_unix => None,
            _ => Some(offset),
        }
    }

    /// Resolves a wall-clock time, given as seconds since 1970-01-01T00:00 of the local calendar,
    /// with the DST rule of this module. `None` outside years 1..=9999.
    pub fn resolve(&self, local_seconds: i64) -> Option<Resolved> {
        let days = local_seconds.div_euclid(DAY_S);
        if let Some(offset) = self.day_offset(days) {
            return Some(Resolved {
                unix: local_seconds - i64::from(offset),
                offset_s: offset,
                dst: DstCase::Clear,
            });
        }
        self.resolve_in_database(local_seconds)
    }

    /// [`Zone::resolve`] asking the tz database every time.
    fn resolve_in_database(&self, local_seconds: i64) -> Option<Resolved> {
        let days = local_seconds.div_euclid(DAY_S);
        let sod = local_seconds.rem_euclid(DAY_S);
        let (y, m, d) = civil_from_days(days);
        if !(1..=9999).contains(&y) {
            return None;
        }
        // All narrowing casts below are bounded: y in 1..=9999, m in 1..=12, d in 1..=31,
        // sod in 0..86400.
        let dt = jiff::civil::DateTime::new(
            y as i16,
            m as i8,
            d as i8,
            (sod / 3600) as i8,
            (sod / 60 % 60) as i8,
            (sod % 60) as i8,
            0,
        )
        .ok()?;
        let (offset, dst) = match self.tz.to_ambiguous_timestamp(dt).offset() {
            AmbiguousOffset::Unambiguous { offset } => (offset.seconds(), DstCase::Clear),
            AmbiguousOffset::Gap { before, after } => (
                before.seconds(),
                DstCase::Gap {
                    before_s: before.seconds(),
                    after_s: after.seconds(),
                },
            ),
            AmbiguousOffset::Fold { before, after } => (
                before.seconds(),
                DstCase::Fold {
                    before_s: before.seconds(),
                    after_s: after.seconds(),
                },
            ),
        };
        Some(Resolved {
            unix: local_seconds - i64::from(offset),
            offset_s: offset,
            dst,
        })
    }
}

impl Zone {
    /// The offset of local day `days` (since 1970-01-01) when one offset holds for the whole day,
    /// remembered for the next call.
    fn day_offset(&self, days: i64) -> Option<i32> {
        // Days of years 1..=9999, which `resolve` handles: outside, the full path says no.
        if !(-719_162..=2_932_896).contains(&days) {
            return None;
        }
        if let Some((day, offset)) = self.day.get() {
            if day == days {
                return offset;
            }
        }
        // UTC offsets lie within ±14 h (+14:00 in Kiribati, −12:00 the lowest): with no
        // transition from 15 h before the local day to 15 h after it, every wall time of the
        // day has the same single offset.
        const MARGIN_S: i64 = 15 * 3600;
        let start = days * DAY_S - MARGIN_S;
        let offset = self.constant_offset(start, start + DAY_S + 2 * MARGIN_S);
        self.day.set(Some((days, offset)));
        offset
    }
}

/// Where local times are anchored: the order's date and the IANA zone of its local times.
/// Either may be unknown; conversions that need one report `DATE_REQUIRED` or
/// `TIME_ZONE_REQUIRED` rather than guess.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimeContext {
    /// The order (or route) date local windows belong to.
    pub date: Option<CalendarDate>,
    /// The zone of local times.
    pub zone: Option<Zone>,
}

impl TimeContext {
    /// A context with both a date and a zone.
    pub fn new(date: Option<CalendarDate>, zone: Option<Zone>) -> Self {
        TimeContext { date, zone }
    }
}

/// Days since 1970-01-01 of a calendar date.
pub(crate) fn date_days(d: CalendarDate) -> i64 {
    days_from_civil(i64::from(d.year), i64::from(d.month), i64::from(d.day))
}

/// The calendar date of a day count, when it is in years 1..=9999.
pub(crate) fn days_date(days: i64) -> Option<CalendarDate> {
    let (y, m, d) = civil_from_days(days);
    (1..=9999).contains(&y).then_some(CalendarDate {
        year: y as i16,
        month: m as i8,
        day: d as i8,
    })
}

/// Records the warning for a DST decision at `path` (`which` is "start" or "end").
pub(crate) fn report_dst(
    checker: &mut Checker,
    path: &Path,
    zone: &Zone,
    which: &str,
    local_seconds: i64,
    r: &Resolved,
) {
    if r.dst == DstCase::Clear {
        return;
    }
    let mut wall = String::with_capacity(19);
    write_local_datetime(&mut wall, local_seconds);
    let mut instant = String::with_capacity(25);
    write_iso_datetime(&mut instant, r.unix, 0);
    match r.dst {
        DstCase::Clear => {}
        DstCase::Gap { before_s, after_s } => {
            let mut shown = String::with_capacity(25);
            write_iso_datetime(&mut shown, r.unix, after_s);
            checker.warning(
                path,
                codes::DST_GAP,
                format!(
                    "The {which} {wall} does not exist in {} (clocks jump forward by {} min); it was moved forward to {shown} ({instant}).",
                    zone.name(),
                    (i64::from(after_s) - i64::from(before_s)) / 60
                ),
            )
        }
        DstCase::Fold { .. } => checker.warning(
            path,
            codes::DST_AMBIGUOUS,
            format!(
                "The {which} {wall} happens twice in {} (clocks go back); the earlier one, {shown} ({instant}), was taken.",
                zone.name(),
                shown = {
                    let mut s = String::with_capacity(25);
                    write_iso_datetime(&mut s, r.unix, r.offset_s);
                    s
                }
            ),
        ),
    }
}

/// Resolves one local bound; out-of-range dates are reported here, DST decisions by the caller
/// ([`report_dst`]) once the bound is final.
fn resolve_bound(
    zone: &Zone,
    local_seconds: i64,
    which: &str,
    path: &Path,
    checker: &mut Checker,
) -> Option<Resolved> {
    let resolved = zone.resolve(local_seconds);
    if resolved.is_none() {
        checker.error(
            path,
            crate::issue::codes::OUT_OF_RANGE,
            format!(
                "The window's {which} falls outside years 1 to 9999, which cannot be converted."
            ),
        );
    }
    resolved
}

/// The UNIX start of a local window whose bounds the DST rule placed at `start` and `end_unix`
/// (wall times `start_local` and `end_local`). A start in a spring-forward gap moves forward by
/// the gap's length, which can take it past an end just after the gap (02:01–03:00 where the
/// clocks jump from 02:00 to 03:00). Of the window's wall times only the end then exists, so
/// the start is the end (its DST warning says so), rather than the window coming out inverted.
pub(crate) fn gap_start_unix(
    start: &Resolved,
    start_local: i64,
    end_unix: i64,
    end_local: i64,
) -> i64 {
    let in_gap = matches!(start.dst, DstCase::Gap { .. });
    if in_gap && start.unix > end_unix && start_local <= end_local {
        end_unix
    } else {
        start.unix
    }
}

/// Fills `start_unix`/`end_unix` of a local window whose date and zone are known, with the DST
/// rule and its warnings. Does nothing (and reports nothing) when either is unknown, or for
/// absolute windows (whose bounds are already UNIX). Returns the offset used at the start.
pub(crate) fn fill_unix(
    w: &mut TimeWindow,
    days: Option<i64>,
    zone: Option<&Zone>,
    path: &Path,
    checker: &mut Checker,
) -> Option<i32> {
    if w.kind == WindowKind::Absolute {
        w.start_unix = w.start;
        w.end_unix = w.end;
        return w.utc_offset_s;
    }
    let (days, zone) = (days?, zone?);
    let base = days.checked_mul(DAY_S)?;
    let mut start = match w.start {
        Some(s) => {
            let local = base.checked_add(s)?;
            Some((local, resolve_bound(zone, local, "start", path, checker)?))
        }
        None => None,
    };
    // `Err` when the end cannot be placed: the start is still filled and reported, as it was
    // placed before the end was looked at.
    let end = match w.end {
        Some(e) => base
            .checked_add(e)
            .and_then(|local| Some((local, resolve_bound(zone, local, "end", path, checker)?)))
            .map(Some)
            .ok_or(()),
        None => Ok(None),
    };
    if let (Some((start_local, s)), Ok(Some((end_local, e)))) = (&mut start, &end) {
        s.unix = gap_start_unix(s, *start_local, e.unix, *end_local);
    }
    let mut first_offset = None;
    if let Some((local, r)) = &start {
        report_dst(checker, path, zone, "start", *local, r);
        w.start_unix = Some(r.unix);
        first_offset = Some(r.offset_s);
    }
    if let Some((local, r)) = end.ok()? {
        report_dst(checker, path, zone, "end", local, &r);
        w.end_unix = Some(r.unix);
        first_offset = first_offset.or(Some(r.offset_s));
    }
    first_offset
}

/// Reads a window's own `date` (or the context's) as a day count; reports `DATE_REQUIRED` when
/// neither is known and `INVALID_FORMAT` for a malformed date string.
pub(crate) fn window_days(
    w: &TimeWindow,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<i64> {
    match (&w.date, ctx.date) {
        (Some(s), _) => match super::forms::day_of_date_text(s)
            .or_else(|| CalendarDate::parse(s).map(date_days))
        {
            Some(days) => Some(days),
            None => {
                checker.error(
                    &path.key("date"),
                    crate::issue::codes::INVALID_FORMAT,
                    format!("The window's date \"{s}\" is not a calendar date as YYYY-MM-DD."),
                );
                None
            }
        },
        (None, Some(d)) => Some(date_days(d)),
        (None, None) => {
            checker.error(
                path,
                codes::DATE_REQUIRED,
                "This local time window has no date: pass the order date (YYYY-MM-DD) in the `date` option to place it in time.",
            );
            None
        }
    }
}

/// The zone a window names (looked up) or the context's; reports `TIME_ZONE_REQUIRED` or
/// `UNKNOWN_TIME_ZONE`.
pub(crate) fn window_zone<'z>(
    w: &TimeWindow,
    ctx: &'z TimeContext,
    owned: &'z mut Option<Zone>,
    path: &Path,
    checker: &mut Checker,
) -> Option<&'z Zone> {
    match (&w.time_zone, &ctx.zone) {
        // A batch's windows share the context zone's name: the same text, not compared.
        (Some(name), Some(z)) if same_text(z.name(), name) => Some(z),
        (Some(name), _) => match Zone::get(name) {
            Some(z) => Some(owned.insert(z)),
            None => {
                checker.error(
                    &path.key("timeZone"),
                    codes::UNKNOWN_TIME_ZONE,
                    unknown_zone_message(name),
                );
                None
            }
        },
        (None, Some(z)) => Some(z),
        (None, None) => {
            checker.error(
                path,
                codes::TIME_ZONE_REQUIRED,
                "This local time window has no time zone: pass the IANA zone of its local times (e.g. \"Europe/Moscow\") in the `timeZone` option.",
            );
            None
        }
    }
}

/// The message for an unknown zone name.
pub(crate) fn unknown_zone_message(name: &str) -> String {
    let shown: String = name.chars().take(64).collect();
    format!(
        "\"{shown}\" is not an IANA time zone name; use a name from the tz database such as \"Europe/Moscow\" or \"America/New_York\"."
    )
}

/// Converts a window to absolute (UNIX) bounds. A local window needs a date (its own or the
/// context's) and a zone (its own or the context's); missing ones are reported as
/// `DATE_REQUIRED` / `TIME_ZONE_REQUIRED`, never guessed. DST decisions are reported as
/// warnings. The result keeps the zone name and records the offset in force at the start in
/// `utc_offset_s`, so ISO 8601 formatting writes local wall times. An absolute window is
/// returned unchanged.
pub fn to_absolute(
    w: &TimeWindow,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    if w.kind == WindowKind::Absolute {
        let mut out = w.clone();
        out.start_unix = out.start;
        out.end_unix = out.end;
        return Some(out);
    }
    let placed = place(w, ctx, path, checker)?;
    Some(TimeWindow {
        kind: WindowKind::Absolute,
        start: placed.start,
        end: placed.end,
        date: None,
        time_zone: Some(placed.zone.into()),
        utc_offset_s: placed.utc_offset_s,
        start_unix: placed.start,
        end_unix: placed.end,
        end_bounds: w.end_bounds,
    })
}

/// A local window's bounds placed in time ([`place`]), borrowing the zone's name.
pub(crate) struct Placed<'z> {
    /// Start, UNIX seconds (`None`: unbounded).
    pub start: Option<i64>,
    /// End, UNIX seconds (`None`: unbounded).
    pub end: Option<i64>,
    /// The UTC offset in force at the start (at the end when the start is unbounded), seconds.
    pub utc_offset_s: Option<i32>,
    /// The IANA name of the zone the local times were read in.
    pub zone: Cow<'z, str>,
}

/// The UNIX bounds of local window `w` in its zone (or the context's), with what
/// [`to_absolute`] reports; no window is built, so a caller that needs only the bounds (every
/// Wialon order of a batch) allocates nothing.
pub(crate) fn place<'z>(
    w: &TimeWindow,
    ctx: &'z TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<Placed<'z>> {
    let days = window_days(w, ctx, path, checker);
    let mut owned = None;
    let zone = window_zone(w, ctx, &mut owned, path, checker);
    let (days, zone) = (days?, zone?);
    // Only the numbers are needed to place the bounds: the texts are not copied.
    let mut bounds = TimeWindow::local(w.start, w.end, w.end_bounds);
    bounds.kind = w.kind;
    bounds.utc_offset_s = w.utc_offset_s;
    bounds.start_unix = w.start_unix;
    bounds.end_unix = w.end_unix;
    let errors_before = checker.error_count();
    let offset = fill_unix(&mut bounds, Some(days), Some(zone), path, checker);
    if bounds.start.is_some() && bounds.start_unix.is_none()
        || bounds.end.is_some() && bounds.end_unix.is_none()
    {
        if checker.error_count() == errors_before {
            checker.error(
                path,
                crate::issue::codes::OUT_OF_RANGE,
                "The window's bounds are too large to place in time; local bounds are seconds after midnight.",
            );
        }
        return None;
    }
    // The context's zone is borrowed; a zone of the window's own is named as the time zone
    // database spells it, which may differ from the window's text.
    let name = match &ctx.zone {
        Some(z) if std::ptr::eq(z, zone) => Cow::Borrowed(z.name()),
        _ => Cow::Owned(zone.name().to_string()),
    };
    Some(Placed {
        start: bounds.start_unix,
        end: bounds.end_unix,
        utc_offset_s: offset,
        zone: name,
    })
}

/// Converts a window to local times in `zone`: `date` becomes the local date of the start (of
/// the end when the start is unbounded), `start`/`end` seconds after that date's midnight (the
/// end may pass 86400). Absolute bounds are kept in `start_unix`/`end_unix`. A local window in
/// another zone goes through its absolute bounds (which it must be able to compute).
pub fn to_local(
    w: &TimeWindow,
    zone: &Zone,
    ctx: &TimeContext,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    let absolute;
    let w = match w.kind {
        WindowKind::Absolute => w,
        WindowKind::Local => {
            if w.time_zone.as_deref() == Some(zone.name())
                || (w.time_zone.is_none() && ctx.zone.as_ref() == Some(zone))
            {
                let mut out = w.clone();
                out.time_zone = Some(zone.name_text());
                if out.date.is_none() {
                    out.date = ctx.date.map(|d| d.to_string().into());
                }
                let days = out
                    .date
                    .as_deref()
                    .and_then(CalendarDate::parse)
                    .map(date_days);
                fill_unix(&mut out, days, Some(zone), path, checker);
                return Some(out);
            }
            absolute = to_absolute(w, ctx, path, checker)?;
            &absolute
        }
    };
    let local_of = |unix: Option<i64>, checker: &mut Checker| -> Result<Option<i64>, ()> {
        let Some(unix) = unix else {
            return Ok(None);
        };
        match zone.offset_at(unix) {
            Some(offset) => Ok(Some(unix + i64::from(offset))),
            None => {
                checker.error(
                    path,
                    crate::issue::codes::OUT_OF_RANGE,
                    format!("{unix} is outside the UNIX times that can be placed in a time zone (years -9999 to 9999)."),
                );
                Err(())
            }
        }
    };
    let start_local = local_of(w.start, checker).ok()?;
    let end_local = local_of(w.end, checker).ok()?;
    let Some(anchor) = start_local.or(end_local) else {
        // Unbounded on both sides: nothing to place on a date.
        let mut out = w.clone();
        out.kind = WindowKind::Local;
        out.time_zone = Some(zone.name_text());
        out.utc_offset_s = None;
        return Some(out);
    };
    let days = anchor.div_euclid(DAY_S);
    let Some(date) = days_date(days) else {
        checker.error(
            path,
            crate::issue::codes::OUT_OF_RANGE,
            "The window falls outside years 1 to 9999, which cannot be converted.",
        );
        return None;
    };
    let base = days * DAY_S;
    Some(TimeWindow {
        kind: WindowKind::Local,
        start: start_local.map(|s| s - base),
        end: end_local.map(|e| e - base),
        date: Some(date.to_string().into()),
        time_zone: Some(zone.name_text()),
        utc_offset_s: None,
        start_unix: w.start,
        end_unix: w.end,
        end_bounds: w.end_bounds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_remembered_day_gives_what_the_tz_database_gives() {
        let reused = Zone::get("America/New_York").unwrap();
        // Around the spring-forward gap and the autumn fold of 2024, in an order that makes the
        // zone remember one day and then meet another.
        let day = |y, m, d| days_from_civil(y, m, d) * DAY_S;
        let mut times = Vec::new();
        for base in [
            day(2024, 3, 9),
            day(2024, 3, 10),
            day(2024, 3, 11),
            day(2024, 11, 3),
        ] {
            for h in [0, 1, 2, 3, 12, 23] {
                times.push(base + h * 3600 + 1800);
            }
        }
        times.push(day(2024, 3, 9) + 3600);
        for t in times {
            assert_eq!(reused.resolve(t), reused.resolve_in_database(t), "{t}");
        }
        assert!(matches!(
            reused
                .resolve(day(2024, 3, 10) + 2 * 3600 + 1800)
                .map(|r| r.dst),
            Some(DstCase::Gap { .. })
        ));
    }

    /// A zone looked up again comes from the thread's last lookup, remembered day included,
    /// and still resolves as the tz database does; looking up another zone in between changes
    /// neither.
    #[test]
    fn a_zone_looked_up_again_shares_its_day_and_resolves_alike() {
        let noon = days_from_civil(2024, 3, 22) * DAY_S + 12 * 3600;
        let first = Zone::get("America/New_York").unwrap();
        assert_eq!(first.resolve(noon).map(|r| r.offset_s), Some(-4 * 3600));
        let moscow = Zone::get("Europe/Moscow").unwrap();
        assert_eq!(moscow.resolve(noon).map(|r| r.offset_s), Some(3 * 3600));
        let again = Zone::get("America/New_York").unwrap();
        let other = Zone::get("america/new_york").unwrap();
        assert_eq!(again.name(), "America/New_York");
        assert_eq!(other.name(), "America/New_York");
        for zone in [&first, &again, &other] {
            assert_eq!(zone.resolve(noon), zone.resolve_in_database(noon));
        }
        // Looked up twice in a row, a zone is one zone: a day one resolves, the other knows.
        let tokyo = Zone::get("Asia/Tokyo").unwrap();
        let _ = Zone::get("Asia/Tokyo").unwrap().resolve(noon - 30 * DAY_S);
        assert_eq!(
            tokyo.day.get().map(|(day, _)| day),
            Some(noon.div_euclid(DAY_S) - 30)
        );
        assert_eq!(
            tokyo.resolve(noon - 30 * DAY_S),
            tokyo.resolve_in_database(noon - 30 * DAY_S)
        );
    }
}
