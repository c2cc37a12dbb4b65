//! Byte-level readers and writers for the textual time forms the vendors use: clock times
//! (`9`, `09:00`, `10:15:30`), clock ranges (`"09:00 - 18:00"`), ISO 8601 date-times with
//! offsets, ISO 8601 durations and intervals.
//!
//! Why hand-written: an order form re-parses on every keystroke and batches hold 100k windows;
//! a cursor over ASCII bytes with no allocation is an order of magnitude faster than a general
//! date library, and it lets every failure name exactly which part was wrong. Nothing here
//! indexes a slice unchecked: every read goes through a bounds-checked cursor, which returns `None` at the
//! end of input.

use std::fmt::Write;

/// Seconds in a civil day (time-zone transitions are handled by the zone code, not here).
pub const DAY_S: i64 = 86_400;

/// Why a text did not parse. Cheap to build (no allocation): the message is only rendered when
/// an issue is actually reported (`forms::text_issue`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// The text is not one of the accepted shapes; the detail says which part broke.
    Format(&'static str),
    /// A field is out of its range (hour 25, minute 60, month 13, offset +30:00...).
    Range(&'static str),
    /// The end of an interval that cannot cross midnight is before its start.
    Inverted,
}

impl TextError {
    /// The stable issue code for this error.
    pub fn code(self) -> &'static str {
        match self {
            TextError::Format(_) | TextError::Range(_) => crate::issue::codes::INVALID_FORMAT,
            TextError::Inverted => super::codes::WINDOW_INVERTED,
        }
    }

    /// The part of the text that was wrong, in words.
    pub fn detail(self) -> &'static str {
        match self {
            TextError::Format(d) | TextError::Range(d) => d,
            TextError::Inverted => "the end is before the start",
        }
    }
}

/// A read position over ASCII bytes. Every accessor is bounds-checked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Consumes `c` if it is next.
    pub(crate) fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Steps over the byte just peeked.
    pub(crate) fn bump(&mut self) {
        self.pos = (self.pos + 1).min(self.bytes.len());
    }

    pub(crate) fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Reads between `min` and `max` ASCII digits (max ≤ 18, so the value fits `i64`).
    pub(crate) fn digits(&mut self, min: usize, max: usize) -> Option<(i64, usize)> {
        let mut value = 0i64;
        let mut n = 0;
        while n < max {
            match self.peek() {
                Some(c @ b'0'..=b'9') => {
                    value = value * 10 + i64::from(c - b'0');
                    self.pos += 1;
                    n += 1;
                }
                _ => break,
            }
        }
        (n >= min).then_some((value, n))
    }

    /// Reads exactly `n` digits.
    pub(crate) fn fixed(&mut self, n: usize) -> Option<i64> {
        let start = self.pos;
        match self.digits(n, n) {
            // A following digit means the field is longer than allowed.
            Some((v, _)) if !matches!(self.peek(), Some(b'0'..=b'9')) => Some(v),
            _ => {
                self.pos = start;
                None
            }
        }
    }

    /// Reads a fraction's digits after `.` or `,` (1..=9 of them, more are ignored), returning
    /// whether any digit was non-zero: the model keeps whole seconds, so callers report the loss.
    fn fraction(&mut self) -> Option<bool> {
        let (_, n) = self.digits(1, 64)?;
        let digits = self.bytes.get(self.pos - n..self.pos)?;
        Some(digits.iter().any(|d| *d != b'0'))
    }
}

/// A clock time written as `H`, `HH`, `HH:MM` or `HH:MM:SS` (one- or two-digit hour), as Yandex
/// `time_interval` allows, in seconds after midnight. `24`, `24:00` and `24:00:00` read as the
/// end of the day (86400): ISO 8601 allows it, and it is the only way to say "until midnight"
/// without crossing into the next day.
pub(crate) fn clock_time(c: &mut Cursor) -> Result<i64, TextError> {
    let (hour, _) = c.digits(1, 2).ok_or(TextError::Format(
        "a time must start with the hour (one or two digits)",
    ))?;
    let mut minute = 0;
    let mut second = 0;
    if c.eat(b':') {
        minute = c
            .fixed(2)
            .ok_or(TextError::Format("minutes must be two digits (HH:MM)"))?;
        if c.eat(b':') {
            second = c
                .fixed(2)
                .ok_or(TextError::Format("seconds must be two digits (HH:MM:SS)"))?;
        }
    }
    hms(hour, minute, second)
}

/// Checks ranges and combines; hour 24 only as 24:00:00.
fn hms(hour: i64, minute: i64, second: i64) -> Result<i64, TextError> {
    if minute > 59 {
        return Err(TextError::Range("minutes must be 00 to 59"));
    }
    if second > 59 {
        return Err(TextError::Range("seconds must be 00 to 59"));
    }
    if hour > 24 || (hour == 24 && (minute, second) != (0, 0)) {
        return Err(TextError::Range(
            "hours must be 00 to 23 (24:00 only for the end of the day)",
        ));
    }
    Ok(hour * 3600 + minute * 60 + second)
}

/// Strict `HH:MM` (two-digit hour and minute, 00:00 to 23:59), as OptimoRoute documents for
/// `twFrom`, `twTo`, `workTimeFrom` and `workTimeTo`.
pub fn parse_hhmm(text: &str) -> Result<i64, TextError> {
    let mut c = Cursor::new(text);
    let hour = c
        .fixed(2)
        .ok_or(TextError::Format("expected HH:MM with a two-digit hour"))?;
    if !c.eat(b':') {
        return Err(TextError::Format("expected HH:MM with a colon"));
    }
    let minute = c
        .fixed(2)
        .ok_or(TextError::Format("expected HH:MM with two-digit minutes"))?;
    if !c.at_end() {
        return Err(TextError::Format("unexpected text after HH:MM"));
    }
    if hour > 23 || minute > 59 {
        return Err(TextError::Range("the time must be between 00:00 and 23:59"));
    }
    Ok(hour * 3600 + minute * 60)
}

/// A clock range `"T-T"` or `"T - T"` (Yandex `time_interval`), each `T` read by
/// `clock_time` (`H`, `HH`, `HH:MM` or `HH:MM:SS`; `24:00` only as the end). Returns `(start, end)` in seconds after midnight of the order's date; an end
/// earlier than the start crosses midnight and is returned plus one day, so `"22:00-02:00"` is
/// `(79200, 93600)`. Surrounding spaces are allowed.
pub fn parse_clock_range(text: &str) -> Result<(i64, i64), TextError> {
    let mut c = Cursor::new(text);
    c.skip_spaces();
    let start = clock_time(&mut c)?;
    c.skip_spaces();
    if !c.eat(b'-') {
        return Err(if c.at_end() {
            TextError::Format("the end time is missing (expected \"T-T\")")
        } else {
            TextError::Format("expected \"-\" between the two times")
        });
    }
    c.skip_spaces();
    if c.at_end() {
        return Err(TextError::Format("the end time is missing after \"-\""));
    }
    let end = clock_time(&mut c)?;
    c.skip_spaces();
    if !c.at_end() {
        return Err(TextError::Format("unexpected text after the end time"));
    }
    if start == DAY_S {
        return Err(TextError::Range(
            "24:00 can only end a window, not start it",
        ));
    }
    Ok((start, if end < start { end + DAY_S } else { end }))
}

/// A date-time read from ISO 8601 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDateTime {
    /// Days from 1970-01-01 of the (local, as written) date.
    pub days: i64,
    /// Seconds after midnight of that date as written, 0..=86400 (86400 for `T24:00`).
    pub second_of_day: i64,
    /// The UTC offset written, in seconds east of UTC (`Z` is 0); `None` when the text has none,
    /// which makes it a local (floating) date-time.
    pub offset_s: Option<i32>,
    /// True when a non-zero fraction of a second was dropped.
    pub truncated: bool,
}

impl IsoDateTime {
    /// The wall-clock time as seconds from 1970-01-01T00:00 of the written date (not UNIX time
    /// unless the offset is zero).
    pub fn local_seconds(&self) -> i64 {
        self.days * DAY_S + self.second_of_day
    }

    /// UNIX seconds, when an offset was written.
    pub fn unix(&self) -> Option<i64> {
        self.offset_s.map(|o| self.local_seconds() - i64::from(o))
    }
}

/// `YYYY-MM-DD` at the cursor, returning days since 1970-01-01.
fn iso_date(c: &mut Cursor) -> Result<i64, TextError> {
    let fmt = TextError::Format("expected a date as YYYY-MM-DD");
    let year = c.fixed(4).ok_or(fmt)?;
    if !c.eat(b'-') {
        return Err(fmt);
    }
    let month = c.fixed(2).ok_or(fmt)?;
    if !c.eat(b'-') {
        return Err(fmt);
    }
    let day = c.fixed(2).ok_or(fmt)?;
    if year < 1 || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(TextError::Range("the date does not exist in the calendar"));
    }
    Ok(days_from_civil(year, month, day))
}

/// `HH:MM[:SS[.fff]]` at the cursor (two-digit fields), with whether a fraction was dropped.
fn iso_time(c: &mut Cursor) -> Result<(i64, bool), TextError> {
    let fmt = TextError::Format("expected a time as HH:MM or HH:MM:SS after the date");
    let hour = c.fixed(2).ok_or(fmt)?;
    if !c.eat(b':') {
        return Err(fmt);
    }
    let minute = c.fixed(2).ok_or(fmt)?;
    let mut second = 0;
    let mut truncated = false;
    if c.eat(b':') {
        second = c.fixed(2).ok_or(fmt)?;
        if c.eat(b'.') || c.eat(b',') {
            truncated = c.fraction().ok_or(TextError::Format(
                "a decimal point must be followed by digits",
            ))?;
            if hour == 24 && truncated {
                return Err(TextError::Range("24:00 cannot have a fraction"));
            }
        }
    }
    Ok((hms(hour, minute, second)?, truncated))
}

/// An optional UTC offset: `Z`, `±HH:MM`, `±HHMM` or `±HH`, limited to ±23:59.
fn iso_offset(c: &mut Cursor) -> Result<Option<i32>, TextError> {
    if c.eat(b'Z') || c.eat(b'z') {
        return Ok(Some(0));
    }
    let sign = if c.eat(b'+') {
        1
    } else if c.eat(b'-') {
        -1
    } else {
        return Ok(None);
    };
    let fmt = TextError::Format("a UTC offset must be Z, +HH:MM, +HHMM or +HH");
    // Exactly two digits, possibly followed by the two of +HHMM (so not `fixed`, which refuses
    // a following digit).
    let (hours, _) = c.digits(2, 2).ok_or(fmt)?;
    let minutes = if c.eat(b':') {
        c.fixed(2).ok_or(fmt)?
    } else {
        c.fixed(2).unwrap_or(0)
    };
    if hours > 23 || minutes > 59 {
        return Err(TextError::Range("a UTC offset must be within ±23:59"));
    }
    // Bounded by the check above: at most 86340, which fits i32.
    Ok(Some(sign * (hours * 3600 + minutes * 60) as i32))
}

/// A full ISO 8601 date-time `YYYY-MM-DDTHH:MM[:SS[.fff]][offset]` at the cursor.
fn iso_datetime(c: &mut Cursor) -> Result<IsoDateTime, TextError> {
    let days = iso_date(c)?;
    if !(c.eat(b'T') || c.eat(b't')) {
        return Err(TextError::Format(
            "expected \"T\" between the date and the time (YYYY-MM-DDTHH:MM:SS)",
        ));
    }
    let (second_of_day, truncated) = iso_time(c)?;
    let offset_s = iso_offset(c)?;
    Ok(IsoDateTime {
        days,
        second_of_day,
        offset_s,
        truncated,
    })
}

/// Parses exactly one ISO 8601 date-time, e.g. `2018-09-06T10:15:00+03:00`,
/// `2019-03-06T14:15:00.000Z` or (no offset: a local date-time) `2020-01-30T15:54:02`.
pub fn parse_iso_datetime(text: &str) -> Result<IsoDateTime, TextError> {
    let mut c = Cursor::new(text);
    let dt = iso_datetime(&mut c)?;
    if !c.at_end() {
        return Err(TextError::Format("unexpected text after the date-time"));
    }
    Ok(dt)
}

/// Parses exactly `YYYY-MM-DDTHH:MM:SS` (OptimoRoute `allowedDateTimes`: local, no offset, no
/// fraction), returning wall-clock seconds since 1970-01-01T00:00.
pub fn parse_local_datetime_strict(text: &str) -> Result<i64, TextError> {
    let fmt = TextError::Format("expected YYYY-MM-DDTHH:MM:SS");
    let mut c = Cursor::new(text);
    let days = iso_date(&mut c)?;
    if !c.eat(b'T') {
        return Err(fmt);
    }
    let hour = c.fixed(2).ok_or(fmt)?;
    let ok = c.eat(b':');
    let minute = c.fixed(2).filter(|_| ok).ok_or(fmt)?;
    let ok = c.eat(b':');
    let second = c.fixed(2).filter(|_| ok).ok_or(fmt)?;
    if !c.at_end() {
        return Err(TextError::Format(
            "unexpected text after the seconds (no offset or fraction is allowed)",
        ));
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(TextError::Range(
            "the time must be between 00:00:00 and 23:59:59",
        ));
    }
    Ok(days * DAY_S + hour * 3600 + minute * 60 + second)
}

/// An ISO 8601 duration `PnW` or `P[nD][T[nH][nM][n[.f]S]]`, in seconds, with whether a
/// fraction of a second was dropped. Years and months are refused: their length depends on the
/// calendar, and a delivery window never needs them.
fn iso_duration(c: &mut Cursor) -> Result<(i64, bool), TextError> {
    if !(c.eat(b'P') || c.eat(b'p')) {
        return Err(TextError::Format("a duration must start with P"));
    }
    // Nine digits per component keep every product far inside i64.
    let mut total = 0i64;
    let mut any = false;
    let mut truncated = false;
    let mut in_time = false;
    // Units must appear in this order; `rank` is the last one seen.
    let mut rank = 0u8;
    loop {
        if !in_time && (c.eat(b'T') || c.eat(b't')) {
            in_time = true;
            if c.at_end() || c.peek() == Some(b'/') {
                return Err(TextError::Format(
                    "\"T\" in a duration must be followed by hours, minutes or seconds",
                ));
            }
            continue;
        }
        let Some((n, _)) = c.digits(1, 9) else {
            break;
        };
        let mut frac = false;
        if c.eat(b'.') || c.eat(b',') {
            frac = c.fraction().ok_or(TextError::Format(
                "a decimal point must be followed by digits",
            ))?;
            if !(in_time && matches!(c.peek(), Some(b'S' | b's'))) {
                return Err(TextError::Format(
                    "only seconds may have a fraction in a duration",
                ));
            }
        }
        let unit = c.peek().map(|u| u.to_ascii_uppercase());
        let (seconds, this_rank) = match (unit, in_time) {
            (Some(b'W'), false) => (7 * DAY_S, 1),
            (Some(b'D'), false) => (DAY_S, 2),
            (Some(b'H'), true) => (3600, 3),
            (Some(b'M'), true) => (60, 4),
            (Some(b'S'), true) => (1, 5),
            (Some(b'Y' | b'M'), false) => {
                return Err(TextError::Format(
                    "durations in years or months are not supported (their length varies); use days, hours, minutes or seconds",
                ))
            }
            _ => return Err(TextError::Format("a duration number must be followed by W, D, H, M or S")),
        };
        if this_rank <= rank || (rank == 1) {
            return Err(TextError::Format(
                "duration parts must be in the order W or D, then T, H, M, S",
            ));
        }
        rank = this_rank;
        c.bump();
        total += n * seconds;
        truncated |= frac;
        any = true;
    }
    if !any {
        return Err(TextError::Format(
            "a duration needs at least one part, e.g. PT2H30M",
        ));
    }
    Ok((total, truncated))
}

/// Parses exactly one ISO 8601 duration (`PnW` or `P[nD][T[nH][nM][n[.f]S]]`; no years or months), in seconds.
pub fn parse_iso_duration(text: &str) -> Result<(i64, bool), TextError> {
    let mut c = Cursor::new(text);
    let d = iso_duration(&mut c)?;
    if !c.at_end() {
        return Err(TextError::Format("unexpected text after the duration"));
    }
    Ok(d)
}

/// An ISO 8601 interval as written: both ends as date-times (the end's offset and date may be
/// inherited from the start when the end is written as a time only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoInterval {
    /// The start.
    pub start: IsoDateTime,
    /// The end.
    pub end: IsoDateTime,
    /// True when either end dropped a fraction of a second.
    pub truncated: bool,
}

/// Parses an ISO 8601 interval: `start/end`, `start/duration` or `duration/end`, e.g.
/// `2018-09-06T10:15:00+03:00/2018-09-06T12:45:00+03:00`, `2018-09-06T10:15:00+03:00/PT2H30M`,
/// `PT2H30M/2018-09-06T12:45:00+03:00`. The end of a `start/end` interval may be written as a
/// time only (`2018-09-06T10:15:00+03:00/12:45`), which takes the start's date and offset, as
/// ISO 8601 allows. When only one end has an offset the other takes it. The end must not be
/// before the start (`Inverted`).
pub fn parse_iso_interval(text: &str) -> Result<IsoInterval, TextError> {
    let text = text.trim_matches([' ', '\t']);
    let Some((left, right)) = text.split_once('/') else {
        return Err(TextError::Format(
            "an ISO 8601 interval needs \"/\" between its two parts",
        ));
    };
    if right.contains('/') {
        return Err(TextError::Format(
            "an ISO 8601 interval has exactly one \"/\"",
        ));
    }
    let is_duration = |s: &str| matches!(s.as_bytes().first(), Some(b'P' | b'p'));
    let (start, end) = match (is_duration(left), is_duration(right)) {
        (true, true) => {
            return Err(TextError::Format(
                "an interval cannot be two durations; give a start or an end date-time",
            ))
        }
        (false, true) => {
            let start = parse_iso_datetime(left)?;
            let (d, t) = parse_iso_duration(right)?;
            let end = shift(start, d, t);
            (start, end)
        }
        (true, false) => {
            let end = parse_iso_datetime(right)?;
            let (d, t) = parse_iso_duration(left)?;
            let start = shift(end, -d, t);
            (start, end)
        }
        (false, false) => {
            let start = parse_iso_datetime(left)?;
            let end = if right.len() > 4 && right.as_bytes().get(4) == Some(&b'-') {
                parse_iso_datetime(right)?
            } else {
                let mut c = Cursor::new(right);
                let (second_of_day, truncated) = iso_time(&mut c)?;
                let offset_s = iso_offset(&mut c)?;
                if !c.at_end() {
                    return Err(TextError::Format("unexpected text after the end time"));
                }
                IsoDateTime {
                    days: start.days,
                    second_of_day,
                    offset_s: offset_s.or(start.offset_s),
                    truncated,
                }
            };
            (start, end)
        }
    };
    iso_pair(start, end)
}

/// Combines two date-times into an interval: when only one has an offset the other takes it
/// (ISO 8601's rule for abbreviated ends), and the end must not be before the start.
pub fn iso_pair(mut start: IsoDateTime, mut end: IsoDateTime) -> Result<IsoInterval, TextError> {
    match (start.offset_s, end.offset_s) {
        (Some(o), None) => end.offset_s = Some(o),
        (None, Some(o)) => start.offset_s = Some(o),
        _ => {}
    }
    let key = |d: &IsoDateTime| d.unix().unwrap_or_else(|| d.local_seconds());
    if key(&end) < key(&start) {
        return Err(TextError::Inverted);
    }
    Ok(IsoInterval {
        start,
        end,
        truncated: start.truncated || end.truncated,
    })
}

/// Moves a date-time by `seconds`, keeping its offset, renormalising the date.
fn shift(dt: IsoDateTime, seconds: i64, truncated: bool) -> IsoDateTime {
    let total = dt.local_seconds() + seconds;
    IsoDateTime {
        days: total.div_euclid(DAY_S),
        second_of_day: total.rem_euclid(DAY_S),
        offset_s: dt.offset_s,
        truncated: dt.truncated || truncated,
    }
}

/// True when `text` looks like an ISO 8601 interval rather than a clock range: it holds `/`,
/// or starts with a duration or a four-digit year.
pub fn looks_like_iso(text: &str) -> bool {
    let t = text.trim_start_matches([' ', '\t']).as_bytes();
    t.contains(&b'/')
        || matches!(t.first(), Some(b'P' | b'p'))
        || (t.len() > 4 && t.iter().take(4).all(u8::is_ascii_digit) && t.get(4) == Some(&b'-'))
}

// ---- calendar arithmetic (proleptic Gregorian, Howard Hinnant's algorithms) ----

/// Days in `month` of `year`.
pub(crate) fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a civil date.
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day count since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Day of the week of a day count since 1970-01-01: 0 = Monday ... 6 = Sunday.
pub(crate) fn weekday_from_days(days: i64) -> i64 {
    // 1970-01-01 was a Thursday (3).
    (days + 3).rem_euclid(7)
}

// ---- writers ----

/// Appends two digits (`v` in 0..=99).
fn push2(out: &mut String, v: i64) {
    out.push(char::from(b'0' + (v / 10 % 10) as u8));
    out.push(char::from(b'0' + (v % 10) as u8));
}

/// Appends `HH:MM` for seconds after midnight (seconds dropped; callers round first).
pub fn write_hhmm(out: &mut String, second_of_day: i64) {
    let s = second_of_day.rem_euclid(DAY_S + 1);
    push2(out, s / 3600);
    out.push(':');
    push2(out, s / 60 % 60);
}

/// Appends `HH:MM`, or `HH:MM:SS` when the seconds are not zero (the Yandex `T` form).
pub fn write_clock(out: &mut String, second_of_day: i64) {
    write_hhmm(out, second_of_day);
    if second_of_day % 60 != 0 {
        out.push(':');
        push2(out, second_of_day.rem_euclid(60));
    }
}

/// `HH:MM` for seconds after midnight (0..=86400; 86400 is `24:00`).
pub fn format_hhmm(second_of_day: i64) -> String {
    let mut s = String::with_capacity(5);
    write_hhmm(&mut s, second_of_day);
    s
}

/// Appends `YYYY-MM-DD` for a day count since 1970-01-01 (years 1..=9999 are written with four
/// digits; the parsers never produce others).
pub fn write_date(out: &mut String, days: i64) {
    let (y, m, d) = civil_from_days(days);
    let _ = write!(out, "{y:04}-");
    push2(out, m);
    out.push('-');
    push2(out, d);
}

/// The seconds since 1970-01-01T00:00 (UTC or wall clock) that a four-digit year spells:
/// 0001-01-01T00:00:00 to 9999-12-31T23:59:59. Vendors' date-time texts have no other years.
pub const FOUR_DIGIT_YEARS: std::ops::RangeInclusive<i64> = -62_135_596_800..=253_402_300_799;

/// Appends `YYYY-MM-DDTHH:MM:SS` for wall-clock seconds since 1970-01-01T00:00.
pub fn write_local_datetime(out: &mut String, local_seconds: i64) {
    write_date(out, local_seconds.div_euclid(DAY_S));
    out.push('T');
    let s = local_seconds.rem_euclid(DAY_S);
    write_hhmm(out, s);
    out.push(':');
    push2(out, s % 60);
}

/// Appends a UTC offset: `Z` for zero, else `±HH:MM` (seconds of an offset are dropped: no
/// current zone has them).
pub fn write_offset(out: &mut String, offset_s: i32) {
    if offset_s == 0 {
        out.push('Z');
        return;
    }
    out.push(if offset_s < 0 { '-' } else { '+' });
    let a = i64::from(offset_s).abs();
    push2(out, a / 3600);
    out.push(':');
    push2(out, a / 60 % 60);
}

/// Appends an ISO 8601 date-time with offset for a UNIX instant, e.g.
/// `2018-09-06T10:15:00+03:00`.
pub fn write_iso_datetime(out: &mut String, unix: i64, offset_s: i32) {
    write_local_datetime(out, unix.saturating_add(i64::from(offset_s)));
    write_offset(out, offset_s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_ranges_from_the_yandex_document() {
        assert_eq!(parse_clock_range("9-18"), Ok((9 * 3600, 18 * 3600)));
        assert_eq!(
            parse_clock_range("09:00 - 18:00"),
            Ok((9 * 3600, 18 * 3600))
        );
        assert_eq!(
            parse_clock_range("10:15:30-12:45"),
            Ok((10 * 3600 + 15 * 60 + 30, 12 * 3600 + 45 * 60))
        );
        assert_eq!(parse_clock_range("22:00-02:00"), Ok((79_200, 93_600)));
        assert_eq!(parse_clock_range("00:00-24:00"), Ok((0, DAY_S)));
    }

    #[test]
    fn clock_range_errors_name_the_part() {
        assert!(matches!(
            parse_clock_range("25:00-26:00"),
            Err(TextError::Range(_))
        ));
        assert!(matches!(
            parse_clock_range("10:00-"),
            Err(TextError::Format(_))
        ));
        assert!(matches!(
            parse_clock_range("abc"),
            Err(TextError::Format(_))
        ));
        assert!(matches!(
            parse_clock_range("10:5-11"),
            Err(TextError::Format(_))
        ));
        assert!(matches!(
            parse_clock_range("10:60-11"),
            Err(TextError::Range(_))
        ));
        assert!(matches!(
            parse_clock_range("24:00-02:00"),
            Err(TextError::Range(_))
        ));
        assert!(matches!(
            parse_clock_range("10-11x"),
            Err(TextError::Format(_))
        ));
        assert!(matches!(
            parse_clock_range("100-11"),
            Err(TextError::Format(_))
        ));
        assert!(matches!(parse_clock_range(""), Err(TextError::Format(_))));
    }

    #[test]
    fn iso_intervals_in_every_form() {
        let i = parse_iso_interval("2018-09-06T10:15:00+03:00/2018-09-06T12:45:00+03:00").unwrap();
        assert_eq!(i.start.unix(), Some(1_536_218_100));
        assert_eq!(i.end.unix(), Some(1_536_227_100));
        assert_eq!(i.start.offset_s, Some(10_800));
        let d = parse_iso_interval("2018-09-06T10:15:00+03:00/PT2H30M").unwrap();
        assert_eq!(d.end.unix(), i.end.unix());
        let b = parse_iso_interval("PT2H30M/2018-09-06T12:45:00+03:00").unwrap();
        assert_eq!(b.start.unix(), i.start.unix());
        let z = parse_iso_interval("2018-09-06T07:15:00Z/2018-09-06T09:45:00Z").unwrap();
        assert_eq!(z.start.unix(), i.start.unix());
        let short = parse_iso_interval("2018-09-06T10:15:00+03:00/12:45").unwrap();
        assert_eq!(short.end.unix(), i.end.unix());
        assert_eq!(
            parse_iso_interval("2018-09-06T12:45:00+03:00/2018-09-06T10:15:00+03:00"),
            Err(TextError::Inverted)
        );
        assert!(parse_iso_interval("P1M/2018-09-06T12:45:00+03:00").is_err());
        assert!(parse_iso_interval("PT2H/PT3H").is_err());
        assert!(parse_iso_interval("2018-02-30T10:00:00Z/PT1H").is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_iso_duration("PT2H30M"), Ok((9000, false)));
        assert_eq!(parse_iso_duration("P1DT1S"), Ok((86_401, false)));
        assert_eq!(parse_iso_duration("P2W"), Ok((14 * 86_400, false)));
        assert_eq!(parse_iso_duration("PT1.5S"), Ok((1, true)));
        assert!(parse_iso_duration("PT").is_err());
        assert!(parse_iso_duration("P").is_err());
        assert!(parse_iso_duration("PT1M2H").is_err());
        assert!(parse_iso_duration("P1Y").is_err());
        assert!(parse_iso_duration("P1W2D").is_err());
        assert!(parse_iso_duration("PT1.5M").is_err());
    }

    #[test]
    fn fractions_are_flagged() {
        let dt = parse_iso_datetime("2019-03-06T14:15:00.000Z").unwrap();
        assert!(!dt.truncated);
        let dt = parse_iso_datetime("2019-03-06T14:15:00.250Z").unwrap();
        assert!(dt.truncated);
        assert_eq!(dt.unix(), Some(1_551_881_700));
    }

    #[test]
    fn calendar_round_trip() {
        for days in [-719_468, -1, 0, 1, 11_017, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(weekday_from_days(0), 3);
    }

    #[test]
    fn writers() {
        let mut s = String::new();
        write_iso_datetime(&mut s, 1_536_218_100, 10_800);
        assert_eq!(s, "2018-09-06T10:15:00+03:00");
        s.clear();
        write_iso_datetime(&mut s, 1_536_218_100, -20_700);
        assert_eq!(s, "2018-09-06T01:30:00-05:45");
        assert_eq!(format_hhmm(DAY_S), "24:00");
        s.clear();
        write_clock(&mut s, 36_930);
        assert_eq!(s, "10:15:30");
    }
}
