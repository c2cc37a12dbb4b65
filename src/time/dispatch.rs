//! One entry point that reads a time window in any vendor form: [`parse_time_window`], behind
//! the JavaScript `parseTimeWindow(input, options)`.
//!
//! The form is inferred from the JSON shape unless [`ParseOptions::form`] names it:
//!
//! | input | read as |
//! |---|---|
//! | string | Yandex `time_interval` (clock range or ISO 8601 interval) |
//! | `[a, b]` numbers | Magic Lane `timeWindow` (unit from `magicLaneUnit`, minutes by default); `form: "yandexIntervalSecs"` for Yandex seconds |
//! | `{tf, tt, trt}` | Wialon |
//! | `{timeWindows, twFrom, twTo, allowedDateTimes, allowedWeekdays, allowedDates, date, workTime, workTimeFrom, workTimeTo}` | OptimoRoute order or driver parameters |
//! | `{twFrom, twTo}` alone, or an array of them | OptimoRoute `timeWindows` |
//! | `{from, to}` with `HH:MM` | OptimoRoute `workTime`; with date-times, an `allowedDateTimes` item (or an array of them) |
//! | `{start, end}` | Yandex `time_window` |
//! | `{time_interval}`, `{time_interval_secs}`, `{time_window}` | a Yandex order |
//! | `{timeWindow}` | a Magic Lane order |

use super::codes;
use super::forms::{self, DateRange, MagicLaneUnit};
use super::normalize::normalize_with_paths;
use super::zone::{unknown_zone_message, TimeContext, Zone};
use super::TimeWindow;
use crate::check::{CalendarDate, Checker};
use crate::issue::{codes as core, Issue, UsageError};
use crate::json::{Object, Path, Value};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};

/// The vendor form of an input (see the module table). JSON names start with the vendor id
/// (`yandex…`, `wialon`, `optimoroute…`, `magiclane`), as in the rest of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Form {
    /// A Yandex `time_interval` string.
    YandexInterval,
    /// A Yandex `time_interval_secs` pair, seconds after midnight.
    YandexIntervalSecs,
    /// A Yandex `time_window {start, end}`.
    YandexTimeWindow,
    /// A Yandex order object holding `time_interval`, `time_window` or `time_interval_secs`.
    YandexOrder,
    /// Wialon `{tf, tt, trt}`.
    Wialon,
    /// An OptimoRoute order or driver-parameters object.
    #[serde(rename = "optimoroute")]
    OptimoRoute,
    /// OptimoRoute `timeWindows` (an item `{twFrom, twTo}` or the list).
    #[serde(rename = "optimorouteTimeWindows")]
    OptimoRouteTimeWindows,
    /// OptimoRoute `allowedDateTimes` (an item `{from, to}` or the list).
    #[serde(rename = "optimorouteAllowedDateTimes")]
    OptimoRouteAllowedDateTimes,
    /// OptimoRoute driver `workTime {from, to}`.
    #[serde(rename = "optimorouteWorkTime")]
    OptimoRouteWorkTime,
    /// Magic Lane `timeWindow: [a, b]`, or an order object holding it.
    #[serde(rename = "magiclane")]
    MagicLane,
}

/// Options of [`parse_time_window`]. All optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParseOptions {
    /// IANA zone of local times (e.g. `Europe/Moscow`).
    #[serde(default)]
    pub time_zone: Option<String>,
    /// The order date local times belong to, `YYYY-MM-DD` (a date in the payload, such as
    /// OptimoRoute `date`, takes precedence).
    #[serde(default)]
    pub date: Option<String>,
    /// The form to read, when the shape alone is ambiguous.
    #[serde(default)]
    pub form: Option<Form>,
    /// Unit of Magic Lane pairs; minutes by default (see [`MagicLaneUnit`]).
    #[serde(default)]
    pub magic_lane_unit: Option<MagicLaneUnit>,
    /// Sort and merge overlapping windows (default true).
    #[serde(default)]
    pub merge: Option<bool>,
}

impl ParseOptions {
    /// Checks the options and looks the zone up once.
    pub fn context(&self) -> Result<TimeContext, UsageError> {
        let zone = match &self.time_zone {
            None => None,
            Some(name) => Some(Zone::get(name).ok_or_else(|| {
                UsageError::new(codes::UNKNOWN_TIME_ZONE, unknown_zone_message(name))
            })?),
        };
        let date = match &self.date {
            None => None,
            Some(s) => Some(CalendarDate::parse(s).ok_or_else(|| {
                UsageError::new(
                    core::INVALID_OPTION,
                    format!(
                        "The `date` option \"{}\" is not a calendar date; use YYYY-MM-DD, e.g. 2024-03-22.",
                        forms::excerpt(s)
                    ),
                )
            })?),
        };
        Ok(TimeContext { date, zone })
    }
}

/// What [`parse_time_window`] found. Serialized for JavaScript as the first window's fields
/// (so the result reads like a `TimeWindow`) plus `ok`, `form`, `windows`, `windowPaths`,
/// `issues` and, when present, OptimoRoute `allowedWeekdays` / `allowedDates` and Wialon
/// `allowedAdvanceS` (`trt`).
#[derive(Debug, Clone, PartialEq)]
pub struct TimeWindowResult {
    /// No issue is an error.
    pub ok: bool,
    /// The form read (`None` when the input's shape was not recognised).
    pub form: Option<Form>,
    /// Every window, sorted and merged unless `merge: false`.
    pub windows: Vec<TimeWindow>,
    /// JSON Pointer into the input of each window (same order as `windows`).
    pub window_paths: Vec<String>,
    /// Problems found, in input order, then merge warnings.
    pub issues: Vec<Issue>,
    /// OptimoRoute `allowedWeekdays`, when present.
    pub allowed_weekdays: Option<Vec<&'static str>>,
    /// OptimoRoute `allowedDates`, when present.
    pub allowed_dates: Option<DateRange>,
    /// Wialon `trt`: how much earlier than the window the order may be done, seconds.
    pub allowed_advance_s: Option<i64>,
}

impl Serialize for TimeWindowResult {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Written by hand rather than with `#[serde(flatten)]`, which turns the struct into a map
        // (a JS `Map` through serde-wasm-bindgen).
        let mut s = serializer.serialize_struct("TimeWindowResult", 19)?;
        s.serialize_field("ok", &self.ok)?;
        if let Some(form) = &self.form {
            s.serialize_field("form", form)?;
        }
        if let Some(w) = self.windows.first() {
            s.serialize_field("kind", &w.kind)?;
            macro_rules! opt {
                ($name:literal, $v:expr) => {
                    if let Some(v) = &$v {
                        s.serialize_field($name, v)?;
                    }
                };
            }
            s.serialize_field("start", &w.start)?;
            s.serialize_field("end", &w.end)?;
            opt!("date", w.date);
            opt!("timeZone", w.time_zone);
            opt!("utcOffsetS", w.utc_offset_s);
            opt!("startUnix", w.start_unix);
            opt!("endUnix", w.end_unix);
            s.serialize_field("endBounds", &w.end_bounds)?;
        }
        s.serialize_field("windows", &self.windows)?;
        s.serialize_field("windowPaths", &self.window_paths)?;
        s.serialize_field("issues", &self.issues)?;
        if let Some(d) = &self.allowed_weekdays {
            s.serialize_field("allowedWeekdays", d)?;
        }
        if let Some(d) = &self.allowed_dates {
            s.serialize_field("allowedDates", d)?;
        }
        if let Some(d) = &self.allowed_advance_s {
            s.serialize_field("allowedAdvanceS", d)?;
        }
        s.end()
    }
}

/// Collects windows with the path each came from.
struct Collector<'c> {
    ctx: &'c TimeContext,
    checker: Checker,
    windows: Vec<TimeWindow>,
    paths: Vec<String>,
    allowed_weekdays: Option<Vec<&'static str>>,
    allowed_dates: Option<DateRange>,
    allowed_advance_s: Option<i64>,
    magic_lane_unit: MagicLaneUnit,
}

impl Collector<'_> {
    fn add(&mut self, w: Option<TimeWindow>, path: &Path) {
        if let Some(w) = w {
            self.windows.push(w);
            self.paths.push(path.to_pointer());
        }
    }
}

/// Reads a time window in any vendor form (see the module table), with the options' date and
/// zone. Problems in the input are issues in the result; bad options are a [`UsageError`]
/// (`UNKNOWN_TIME_ZONE`, `INVALID_OPTION`).
pub fn parse_time_window(
    input: &Value,
    options: &ParseOptions,
) -> Result<TimeWindowResult, UsageError> {
    let ctx = options.context()?;
    Ok(parse_with_context(input, options, &ctx))
}

/// [`parse_time_window`] on JSON text; text that is not JSON is a `INVALID_JSON` usage error.
pub fn parse_time_window_json(
    json: &str,
    options: &ParseOptions,
) -> Result<TimeWindowResult, UsageError> {
    let value = crate::json::parse(json).map_err(|e| {
        UsageError::new(
            if e.too_deep {
                core::TOO_DEEP
            } else {
                core::INVALID_JSON
            },
            format!("The input is not JSON: {e}."),
        )
    })?;
    parse_time_window(&value, options)
}

/// [`parse_time_window`] with an already-checked context (zone looked up once by the caller).
pub fn parse_with_context(
    input: &Value,
    options: &ParseOptions,
    ctx: &TimeContext,
) -> TimeWindowResult {
    let mut c = Collector {
        ctx,
        checker: Checker::new(),
        windows: Vec::new(),
        paths: Vec::new(),
        allowed_weekdays: None,
        allowed_dates: None,
        allowed_advance_s: None,
        magic_lane_unit: options.magic_lane_unit.unwrap_or_default(),
    };
    let root = Path::root();
    let form = options.form.or_else(|| infer(input));
    match form {
        Some(f) => read_form(&mut c, f, input, &root),
        None => c.checker.error(
            &root,
            core::INVALID_FORMAT,
            format!(
                "{} is not a time window in any supported form: a Yandex time_interval string, a [start, end] pair (Magic Lane minutes; pass form \"yandexIntervalSecs\" for seconds), {{tf, tt}} (Wialon), {{twFrom, twTo}} or {{timeWindows: [...]}} (OptimoRoute), {{from, to}}, {{start, end}}, or a vendor order holding one of them.",
                crate::check::describe(input)
            ),
        ),
    }
    let mut windows = std::mem::take(&mut c.windows);
    let mut paths = std::mem::take(&mut c.paths);
    if options.merge.unwrap_or(true) {
        windows = normalize_with_paths(windows, &mut paths, &root, &mut c.checker);
    }
    let issues = c.checker.issues;
    TimeWindowResult {
        ok: !issues.iter().any(Issue::is_error),
        form,
        windows,
        window_paths: paths,
        issues,
        allowed_weekdays: c.allowed_weekdays,
        allowed_dates: c.allowed_dates,
        allowed_advance_s: c.allowed_advance_s,
    }
}

const OPTIMOROUTE_KEYS: [&str; 10] = [
    "timeWindows",
    "twFrom",
    "twTo",
    "allowedDateTimes",
    "allowedWeekdays",
    "allowedDates",
    "date",
    "workTime",
    "workTimeFrom",
    "workTimeTo",
];

/// The form of an input from its shape alone.
fn infer(v: &Value) -> Option<Form> {
    match v {
        Value::String(_) => Some(Form::YandexInterval),
        Value::Array(items) => match items.first() {
            Some(Value::Number(_)) => Some(Form::MagicLane),
            Some(Value::Object(o)) => infer_object(o).filter(|f| {
                matches!(
                    f,
                    Form::OptimoRouteTimeWindows | Form::OptimoRouteAllowedDateTimes
                )
            }),
            _ => None,
        },
        Value::Object(o) => infer_object(o),
        _ => None,
    }
}

fn infer_object(o: &Object) -> Option<Form> {
    let has = |k: &str| o.contains_key(k);
    if has("tf") || has("tt") {
        return Some(Form::Wialon);
    }
    if has("time_interval") || has("time_interval_secs") || has("time_window") {
        return Some(Form::YandexOrder);
    }
    if has("timeWindow") {
        return Some(Form::MagicLane);
    }
    if (has("twFrom") || has("twTo")) && o.len() <= 2 {
        return Some(Form::OptimoRouteTimeWindows);
    }
    if OPTIMOROUTE_KEYS.iter().any(|k| has(k)) {
        return Some(Form::OptimoRoute);
    }
    if has("start") || has("end") {
        return Some(Form::YandexTimeWindow);
    }
    if has("from") || has("to") {
        // Clock times make a work time; anything else is read as date-times (and reported
        // against that form if it is not one).
        let is_clock = |k: &str| {
            o.get(k)
                .and_then(Value::as_str)
                .is_some_and(|s| s.len() <= 5 && s.contains(':'))
        };
        return Some(if is_clock("from") || is_clock("to") {
            Form::OptimoRouteWorkTime
        } else {
            Form::OptimoRouteAllowedDateTimes
        });
    }
    None
}

fn read_form(c: &mut Collector, form: Form, v: &Value, path: &Path) {
    let ctx = c.ctx;
    match form {
        Form::YandexInterval => {
            if let Some(s) = c.checker.string(v, path) {
                let w = forms::parse_yandex_interval(s, ctx, path, &mut c.checker);
                c.add(w, path);
            }
        }
        Form::YandexIntervalSecs => {
            let w = forms::parse_yandex_interval_secs(v, ctx, path, &mut c.checker);
            c.add(w, path);
        }
        Form::YandexTimeWindow => {
            let w = forms::parse_yandex_time_window(v, ctx, path, &mut c.checker);
            c.add(w, path);
        }
        Form::YandexOrder => {
            let Some(o) = c.checker.object(v, path) else {
                return;
            };
            // In responses `time_window` and `time_interval_secs` restate `time_interval`; the
            // first present is read.
            if let Some(s) = o.get("time_interval") {
                read_form(c, Form::YandexInterval, s, &path.key("time_interval"));
            } else if let Some(s) = o.get("time_window") {
                read_form(c, Form::YandexTimeWindow, s, &path.key("time_window"));
            } else if let Some(s) = o.get("time_interval_secs") {
                read_form(
                    c,
                    Form::YandexIntervalSecs,
                    s,
                    &path.key("time_interval_secs"),
                );
            }
        }
        Form::Wialon => {
            if let Some(o) = c.checker.object(v, path) {
                let w = forms::parse_wialon(o, path, &mut c.checker);
                if let Some(w) = &w {
                    c.allowed_advance_s = w.allowed_advance_s;
                }
                let w = w.map(|w| w.window);
                if w.is_none() && !c.checker.has_errors() {
                    c.checker.missing(
                        path,
                        "tf",
                        "Wialon orders bound completion with tf/tt (UNIX seconds)",
                    );
                }
                c.add(w, path);
            }
        }
        Form::MagicLane => {
            let (v, p) = match v {
                Value::Object(o) => match o.get("timeWindow") {
                    Some(tw) => (tw, path.key("timeWindow")),
                    None => {
                        c.checker.missing(
                            path,
                            "timeWindow",
                            "a [start, end] pair in minutes after midnight",
                        );
                        return;
                    }
                },
                _ => (v, *path),
            };
            let w = forms::parse_magic_lane(v, c.magic_lane_unit, ctx, &p, &mut c.checker);
            c.add(w, &p);
        }
        Form::OptimoRouteTimeWindows => each(c, v, path, |c, item, p| {
            let w = forms::parse_optimoroute_time_window(item, ctx.date, ctx, p, &mut c.checker);
            c.add(w, p);
        }),
        Form::OptimoRouteAllowedDateTimes => each(c, v, path, |c, item, p| {
            let w = forms::parse_optimoroute_allowed_date_time(item, ctx, p, &mut c.checker);
            c.add(w, p);
        }),
        Form::OptimoRouteWorkTime => {
            if let Some(o) = c.checker.object(v, path) {
                let w = forms::parse_optimoroute_work_time(
                    o,
                    false,
                    ctx.date,
                    ctx,
                    path,
                    &mut c.checker,
                );
                c.add(w, path);
            }
        }
        Form::OptimoRoute => {
            if let Some(o) = c.checker.object(v, path) {
                read_optimoroute(c, o, path);
            }
        }
    }
}

/// Applies `f` to each item of an array, or to `v` itself when it is a single object.
fn each<'v>(
    c: &mut Collector,
    v: &'v Value,
    path: &Path,
    mut f: impl FnMut(&mut Collector, &'v Value, &Path),
) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                f(c, item, &path.index(i));
            }
        }
        _ => f(c, v, path),
    }
}

/// An OptimoRoute order (or driver parameters) object.
fn read_optimoroute(c: &mut Collector, o: &Object, path: &Path) {
    let payload_date = forms::parse_optimoroute_date(o, path, &mut c.checker);
    let date = match (payload_date, c.ctx.date) {
        (Some(p), Some(opt)) if p != opt => {
            c.checker.warning(
                &path.key("date"),
                core::CONFLICTING_FIELDS,
                format!("The payload's date {p} is used, not the `date` option {opt}."),
            );
            Some(p)
        }
        (p, opt) => p.or(opt),
    };
    let ctx_owned;
    let ctx = if date != c.ctx.date {
        ctx_owned = TimeContext {
            date,
            zone: c.ctx.zone.clone(),
        };
        &ctx_owned
    } else {
        c.ctx
    };
    if let Some(tws) = o.get("timeWindows") {
        let p = path.key("timeWindows");
        if let Some(items) = c.checker.array(tws, &p) {
            for (i, item) in items.iter().enumerate() {
                let ip = p.index(i);
                let w = forms::parse_optimoroute_time_window(item, date, ctx, &ip, &mut c.checker);
                c.add(w, &ip);
            }
        }
        for key in ["twFrom", "twTo"] {
            if o.contains_key(key) {
                c.checker.warning(
                    &path.key(key),
                    core::CONFLICTING_FIELDS,
                    format!("`{key}` is ignored because `timeWindows` is set (OptimoRoute ignores the deprecated pair then)."),
                );
            }
        }
    } else {
        let w = forms::parse_optimoroute_tw_pair(o, date, ctx, path, &mut c.checker);
        c.add(w, path);
    }
    if let Some(adt) = o.get("allowedDateTimes") {
        let p = path.key("allowedDateTimes");
        if let Some(items) = c.checker.array(adt, &p) {
            for (i, item) in items.iter().enumerate() {
                let ip = p.index(i);
                let w = forms::parse_optimoroute_allowed_date_time(item, ctx, &ip, &mut c.checker);
                c.add(w, &ip);
            }
        }
    }
    if let Some(wd) = o.get("allowedWeekdays") {
        c.allowed_weekdays = forms::parse_optimoroute_allowed_weekdays(
            wd,
            &path.key("allowedWeekdays"),
            &mut c.checker,
        );
    }
    if let Some(ad) = o.get("allowedDates") {
        c.allowed_dates =
            forms::parse_optimoroute_allowed_dates(ad, &path.key("allowedDates"), &mut c.checker);
    }
    if let Some(d) = date {
        check_date_rules(c, d, path);
    }
    if let Some(wt) = o.get("workTime") {
        let p = path.key("workTime");
        if let Some(wo) = c.checker.object(wt, &p) {
            let w = forms::parse_optimoroute_work_time(wo, false, date, ctx, &p, &mut c.checker);
            c.add(w, &p);
        }
    } else {
        let w = forms::parse_optimoroute_work_time(o, true, date, ctx, path, &mut c.checker);
        c.add(w, path);
    }
}

/// Warns when the order date itself is excluded by `allowedWeekdays` or `allowedDates`: the
/// order could never be scheduled on it.
fn check_date_rules(c: &mut Collector, date: CalendarDate, path: &Path) {
    let days = super::zone::date_days(date);
    if let Some(allowed) = &c.allowed_weekdays {
        // WEEKDAYS starts on Sunday; weekday_from_days counts from Monday.
        let name = forms::WEEKDAYS
            .get(((super::text::weekday_from_days(days) + 1) % 7) as usize)
            .copied()
            .unwrap_or("");
        if !allowed.is_empty() && !allowed.contains(&name) {
            c.checker.warning(
                &path.key("allowedWeekdays"),
                core::CONFLICTING_FIELDS,
                format!("The order date {date} is a {name}, which `allowedWeekdays` excludes."),
            );
        }
    }
    if let Some(range) = &c.allowed_dates {
        let d = date.to_string();
        let before = range.from.as_ref().is_some_and(|f| d < *f);
        let after = range.to.as_ref().is_some_and(|t| d > *t);
        if before || after {
            c.checker.warning(
                &path.key("allowedDates"),
                core::CONFLICTING_FIELDS,
                format!("The order date {date} is outside `allowedDates`."),
            );
        }
    }
}

/// What [`format_time_windows`] wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormattedWindows {
    /// No issue is an error.
    pub ok: bool,
    /// The vendor JSON value (`null` when nothing could be written).
    pub output: Value<'static>,
    /// Problems: what the form cannot hold, DST decisions, precision lost.
    pub issues: Vec<Issue>,
}

/// Writes windows in a vendor form, as the vendor's JSON value: a `time_interval` string,
/// `[a, b]` pairs, `{start, end}`, `{tf, tt}`, a `timeWindows` or `allowedDateTimes` list, or a
/// `workTime` object. Forms that hold one window write the first and report the others as
/// `WINDOW_NOT_REPRESENTABLE` (paths `/1`, `/2`... index `windows`). Whole orders (`yandexOrder`,
/// `optimoRoute`) are the converter's job: asking for them is an `INVALID_OPTION` usage error.
/// Bounds are written as they are; call [`super::convert_bounds`] first to change their meaning.
pub fn format_time_windows(
    windows: &[TimeWindow],
    form: Form,
    options: &ParseOptions,
) -> Result<FormattedWindows, UsageError> {
    let ctx = options.context()?;
    let mut checker = Checker::new();
    let root = Path::root();
    let multi = matches!(
        form,
        Form::OptimoRouteTimeWindows | Form::OptimoRouteAllowedDateTimes
    );
    if matches!(form, Form::YandexOrder | Form::OptimoRoute) {
        return Err(UsageError::new(
            core::INVALID_OPTION,
            "formatTimeWindow writes a time field, not a whole order: use a field form such as \"yandexInterval\", \"optimorouteTimeWindows\" or \"wialon\" (convert() writes orders).",
        ));
    }
    let int = Value::int;
    let mut items = Vec::new();
    for (i, w) in windows.iter().enumerate() {
        let path = root.index(i);
        let p = if windows.len() == 1 { &root } else { &path };
        if i > 0 && !multi {
            checker.error(
                p,
                codes::WINDOW_NOT_REPRESENTABLE,
                "This form holds one window; only the first was written.",
            );
            continue;
        }
        let written = match form {
            Form::YandexInterval => {
                forms::format_yandex_interval(w, &ctx, p, &mut checker).map(Value::str)
            }
            Form::YandexIntervalSecs => forms::format_yandex_interval_secs(w, &ctx, p, &mut checker)
                .map(|[a, b]| Value::Array(vec![int(a), int(b)])),
            Form::MagicLane => forms::format_magic_lane(
                w,
                options.magic_lane_unit.unwrap_or_default(),
                &ctx,
                p,
                &mut checker,
            )
            .map(|[a, b]| Value::Array(vec![int(a), int(b)])),
            Form::YandexTimeWindow => {
                super::zone::to_absolute(w, &ctx, p, &mut checker).and_then(|abs| {
                    let (Some(s), Some(e)) = (abs.start, abs.end) else {
                        checker.error(
                            p,
                            codes::WINDOW_NOT_REPRESENTABLE,
                            "A Yandex time_window needs both a start and an end; this window is open-ended.",
                        );
                        return None;
                    };
                    let offset = abs
                        .utc_offset_s
                        .or_else(|| ctx.zone.as_ref().and_then(|z| z.offset_at(s)))
                        .unwrap_or(0);
                    let mut o = Object::with_capacity(2);
                    o.push("start", Value::str(forms::format_iso_datetime(s, offset)));
                    o.push("end", Value::str(forms::format_iso_datetime(e, offset)));
                    Some(Value::Object(o))
                })
            }
            Form::Wialon => forms::format_wialon(w, None, &ctx, p, &mut checker).map(|t| {
                let mut o = Object::with_capacity(2);
                if let Some(tf) = t.tf {
                    o.push("tf", int(tf));
                }
                if let Some(tt) = t.tt {
                    o.push("tt", int(tt));
                }
                Value::Object(o)
            }),
            Form::OptimoRouteTimeWindows => {
                forms::format_optimoroute_time_window(w, &ctx, p, &mut checker).map(|t| {
                    let mut o = Object::with_capacity(2);
                    o.push("twFrom", Value::str(t.tw_from));
                    o.push("twTo", Value::str(t.tw_to));
                    Value::Object(o)
                })
            }
            Form::OptimoRouteAllowedDateTimes => {
                forms::format_optimoroute_allowed_date_time(w, &ctx, p, &mut checker).map(|t| {
                    let text = |v: Option<String>| v.map_or(Value::Null, Value::str);
                    let mut o = Object::with_capacity(2);
                    o.push("from", text(t.from));
                    o.push("to", text(t.to));
                    Value::Object(o)
                })
            }
            Form::OptimoRouteWorkTime => {
                forms::format_optimoroute_work_time(w, &ctx, p, &mut checker).map(|(f, t)| {
                    let mut o = Object::with_capacity(2);
                    o.push("from", Value::str(f));
                    o.push("to", Value::str(t));
                    Value::Object(o)
                })
            }
            Form::YandexOrder | Form::OptimoRoute => None,
        };
        items.extend(written);
    }
    let output = if multi {
        Value::Array(items)
    } else {
        items.into_iter().next().unwrap_or(Value::Null)
    };
    let issues = checker.issues;
    Ok(FormattedWindows {
        ok: !issues.iter().any(Issue::is_error),
        output,
        issues,
    })
}
