//! Readers of the Wialon `order/update` payloads. Each reader walks an object once, one `match`
//! arm per documented key, and is at the same time the validator: every problem is recorded in
//! the [`Checker`] at its JSON Pointer, and the typed value holds what was usable.

use super::model::{
    flags, notify, CallMode, CustomFields, Dependencies, DependencyForm, Order, OrderCore,
    OrderParams, OrderProps, OrderStatus, Response, RouteInfo,
};
use super::polyline;
use crate::check::{describe, Checker};
use crate::issue::{codes, Issue, Severity};
use crate::json::{Object, Path, Value};
use crate::vendor::codes::VENDOR_ERROR;
use std::borrow::Cow;

const PARAMS: &str = "Wialon order/update params";
const PROPS: &str = "Wialon order parameters `p`";
const ROUTE: &str = "Wialon route information `p.r`";

/// UNIX seconds beyond this (the year 5138) are almost surely milliseconds.
const MAX_PLAUSIBLE_UNIX_S: u64 = 100_000_000_000;

/// Whether unknown fields are reported: requests are strict, responses lenient (the vendor
/// adds fields over time and clients must tolerate them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Request,
    Response,
}

/// Reads the `params` of an `order/update` request (any call mode), checking every field. The
/// call-mode rules (which fields each mode needs) are checked by the vendor's `validate`.
/// `None` when `v` is not an object.
pub fn read_params(v: &Value, path: &Path, ck: &mut Checker) -> Option<OrderParams<'static>> {
    let mut out = OrderParams::default();
    read_params_into(v, path, ck, &mut out)?;
    Some(out)
}

/// [`read_params`] into `out` (which should be empty), for a caller that keeps the params where
/// they are: they are large, and each move is a bulk copy in wasm. `None` when `v` is not an
/// object (reported).
pub(crate) fn read_params_into(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
    out: &mut OrderParams<'_>,
) -> Option<()> {
    let o = ck.object(v, path)?;
    let mut raw = RawPoint::default();
    for (key, value) in o.iter() {
        let p = path.key(key);
        match key {
            "itemId" => out.resource_id = positive_id(value, &p, ck),
            "id" => out.order_id = ck.integer_in(value, &p, 0, i64::MAX),
            "callMode" => {
                out.call_mode = ck
                    .one_of(value, &p, &CallMode::NAMES)
                    .and_then(CallMode::from_name)
            }
            "force" => out.force = ck.unsigned(value, &p),
            "oldOrderId" => out.old_order_id = ck.integer_in(value, &p, 0, i64::MAX),
            "oldOrderFiles" => out.old_order_files = string_list(value, &p, ck),
            "ej" => out.extended = ck.object(value, &p).map(|e| e.clone().into_owned()),
            _ => {
                if !core_field(&mut out.core, &mut raw, key, value, &p, ck, Mode::Request) {
                    ck.unknown_field(&p, PARAMS);
                    keep_extra(&mut out.extra, key, value);
                }
            }
        }
    }
    finish_core(&mut out.core, raw, path, ck, Mode::Request);
    Some(())
}

/// Reads the order object the server returns (the second item of a create response),
/// leniently: undocumented fields are kept in `extra` without a warning, `null` reads as
/// absent, and undocumented enum values or flag bits are at most warnings.
pub fn read_order(v: &Value, path: &Path, ck: &mut Checker) -> Option<Order> {
    let o = ck.object(v, path)?;
    let mut out = Order::default();
    let mut raw = RawPoint::default();
    for (key, value) in o.iter() {
        // A server's `null` is an absent value, not a type error.
        if value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "id" => out.id = ck.unsigned(value, &p),
            "cmp" => out.requirements = ck.object(value, &p).map(|c| c.clone().into_owned()),
            "gfn" => out.geofences = ck.object(value, &p).map(|g| g.clone().into_owned()),
            "crt" => out.confirm_time = ck.unsigned(value, &p),
            "ct" => out.created = ck.unsigned(value, &p),
            "mt" => out.modified = ck.unsigned(value, &p),
            "uid" => out.uid = ck.unsigned(value, &p),
            "s" => {
                out.status = softly(ck, |ck| ck.int_enum(value, &p, &OrderStatus::TABLE))
                    .and_then(OrderStatus::from_code)
            }
            "sf" => out.status_flags = ck.unsigned(value, &p),
            "st" => out.status_time = ck.unsigned(value, &p),
            "eta" => out.eta = ck.unsigned(value, &p),
            "rd" => out.mileage = ck.number(value, &p),
            "cnm" => out.mileage_counter = ck.unsigned(value, &p),
            "nt" => out.next_time = ck.unsigned(value, &p),
            "ds" => out.done_status = ck.unsigned(value, &p),
            "stt" => out.arrival_time = ck.unsigned(value, &p),
            "dtt" => out.exit_time = ck.unsigned(value, &p),
            "if" => out.internal_flags = ck.unsigned(value, &p),
            _ => {
                if !core_field(&mut out.core, &mut raw, key, value, &p, ck, Mode::Response) {
                    keep_extra(&mut out.extra, key, value);
                }
            }
        }
    }
    finish_core(&mut out.core, raw, path, ck, Mode::Response);
    Some(out)
}

/// Reads an `order/update` response: `[id, {order}]` (create), `[id]` (update), `[id, null]`
/// (delete), `{}` (assign, register, reject, confirm) or `{"error": N, "reason"?}`. An error
/// response is recorded as a `VENDOR_ERROR` issue at `/error` with the code as `vendorCode`.
pub fn read_response(v: &Value, path: &Path, ck: &mut Checker) -> Option<Response> {
    match v {
        Value::Array(items) => match items.as_slice() {
            [id] => Some(Response::Updated {
                id: ck.unsigned(id, &path.index(0))?,
            }),
            [id, Value::Null] => Some(Response::Deleted {
                id: ck.unsigned(id, &path.index(0))?,
            }),
            [id, order @ Value::Object(_)] => {
                let id_path = path.index(0);
                let order_path = path.index(1);
                let id = ck.unsigned(id, &id_path);
                let order = read_order(order, &order_path, ck)?;
                if let (Some(outer), Some(inner)) = (id, order.id) {
                    if outer != inner {
                        ck.warning(
                            &order_path.key("id"),
                            codes::CONFLICTING_FIELDS,
                            format!("The response names order {outer} but holds order {inner}."),
                        );
                    }
                }
                Some(Response::Created {
                    id: id.or(order.id)?,
                    order: Box::new(order),
                })
            }
            _ => {
                ck.error(path, codes::INVALID_TYPE, RESPONSE_SHAPES);
                None
            }
        },
        Value::Object(o) => {
            if o.is_empty() {
                return Some(Response::Done);
            }
            let Some(code_value) = o.get("error") else {
                ck.error(path, codes::INVALID_TYPE, RESPONSE_SHAPES);
                return None;
            };
            let error_path = path.key("error");
            let code = ck.integer(code_value, &error_path)?;
            let reason_path = path.key("reason");
            let reason = o
                .get("reason")
                .and_then(|r| ck.nullable_string(r, &reason_path))
                .map(str::to_owned);
            if code == 0 {
                return Some(Response::Done);
            }
            ck.push(vendor_error(code, reason.as_deref(), &error_path));
            Some(Response::Error { code, reason })
        }
        _ => {
            ck.error(path, codes::INVALID_TYPE, RESPONSE_SHAPES);
            None
        }
    }
}

const RESPONSE_SHAPES: &str = "A Wialon order/update response is [id, {order}] (create), [id] \
     (update), [id, null] (delete), {} (assign, register, reject, confirm) or {\"error\": N}.";

fn vendor_error(code: i64, reason: Option<&str>, path: &Path) -> Issue {
    let meaning = super::error_meaning(code).unwrap_or("not in Wialon's documented error table");
    let reason = reason
        .filter(|r| !r.is_empty())
        .map(|r| {
            let short: String = r.chars().take(200).collect();
            format!(" Reason given: {short}")
        })
        .unwrap_or_default();
    Issue::error(
        path.to_pointer(),
        VENDOR_ERROR,
        format!("Wialon answered error {code}: {meaning}.{reason}"),
    )
    .with_vendor_code(code.to_string())
}

/// The order point as read, before range checks: the swap check needs both raw numbers.
#[derive(Default)]
struct RawPoint {
    lat: Option<f64>,
    lon: Option<f64>,
}

/// Reads one field shared by the request params and the returned order; false when `key` is
/// not one of them.
fn core_field(
    core: &mut OrderCore,
    raw: &mut RawPoint,
    key: &str,
    value: &Value,
    p: &Path,
    ck: &mut Checker,
    mode: Mode,
) -> bool {
    match key {
        "n" => core.name = owned_string(value, p, ck),
        "p" => core.props = read_props(value, p, ck, mode),
        "rp" => core.route_polyline = route_polyline(value, p, ck),
        "f" => core.flags = order_flags(value, p, ck, mode),
        "tf" => core.time_from = unix_seconds(value, p, ck, mode),
        "tt" => core.time_to = unix_seconds(value, p, ck, mode),
        "trt" => core.advance_allowance_s = ck.unsigned(value, p),
        "r" => core.radius_m = ck.unsigned(value, p),
        "y" => raw.lat = ck.number(value, p),
        "x" => raw.lon = ck.number(value, p),
        "u" => core.unit_id = ck.integer_in(value, p, 0, i64::MAX),
        "tz" => core.time_zone = ck.integer(value, p),
        "cf" => core.custom_fields = custom_fields(value, p, ck),
        "dp" => core.dependencies = dependencies(value, p, ck, mode),
        _ => return false,
    }
    true
}

/// Cross-field checks after the walk: swapped or out-of-range point, `tf` after `tt`.
fn finish_core(core: &mut OrderCore, raw: RawPoint, path: &Path, ck: &mut Checker, mode: Mode) {
    let (y_path, x_path) = (path.key("y"), path.key("x"));
    if let (Some(lat), Some(lon)) = (raw.lat, raw.lon) {
        ck.swapped_coordinates(lat, lon, &y_path, "y (latitude)", "x (longitude)");
    }
    core.lat = raw
        .lat
        .filter(|&lat| ck.range(lat, &y_path, Some(-90.0), Some(90.0)));
    core.lon = raw
        .lon
        .filter(|&lon| ck.range(lon, &x_path, Some(-180.0), Some(180.0)));
    if let (Some(from), Some(to)) = (core.time_from, core.time_to) {
        if from > to {
            let issue = Issue::error(
                path.key("tt").to_pointer(),
                codes::WINDOW_INVERTED,
                format!(
                    "`tt` ({to}) is before `tf` ({from}): the completion window ends before it starts."
                ),
            );
            ck.push(soften(issue, mode));
        }
    }
}

fn read_props(v: &Value, path: &Path, ck: &mut Checker, mode: Mode) -> Option<OrderProps<'static>> {
    let o = ck.object(v, path)?;
    let mut out = OrderProps::default();
    for (key, value) in o.iter() {
        if mode == Mode::Response && value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "n" => out.client_name = owned_string(value, &p, ck),
            "p" => out.phone = owned_string(value, &p, ck),
            "p2" => out.phone2 = owned_string(value, &p, ck),
            "e" => out.email = owned_string(value, &p, ck),
            "a" => out.address = owned_string(value, &p, ck),
            "v" => out.volume = number_or_text(value, &p, ck),
            "w" => out.weight_kg = number_or_text(value, &p, ck),
            "c" => out.cost = ck.unsigned(value, &p),
            "ut" => out.service_time_s = ck.unsigned(value, &p),
            "t" => out.vehicle_type = owned_string(value, &p, ck),
            "d" => out.description = owned_string(value, &p, ck),
            "uic" => out.shipping_document = owned_string(value, &p, ck),
            "cid" => out.custom_id = owned_string(value, &p, ck),
            "cm" => out.comment = owned_string(value, &p, ck),
            "aff" => out.warehouse_units = id_list(value, &p, ck, IdListKind::Units),
            "z" => out.warehouse_geofences = id_list(value, &p, ck, IdListKind::Geofences),
            "ntf" => out.notify = notify_flags(value, &p, ck, mode),
            "pr" => out.priority = ck.unsigned(value, &p),
            "tags" => out.tags = unsigned_list(value, &p, ck),
            "r" => out.route = read_route(value, &p, ck, mode),
            _ => {
                if mode == Mode::Request {
                    ck.unknown_field(&p, PROPS);
                }
                keep_extra(&mut out.extra, key, value);
            }
        }
    }
    if mode == Mode::Request {
        if let Some(ntf) = out.notify {
            let targets = [
                (
                    notify::SMS_PHONE,
                    "p",
                    &out.phone,
                    "an SMS to the first phone",
                ),
                (
                    notify::SMS_PHONE2,
                    "p2",
                    &out.phone2,
                    "an SMS to the second phone",
                ),
                (notify::EMAIL, "e", &out.email, "an email"),
            ];
            for (bit, field, target, what) in targets {
                if ntf & bit != 0 && target.as_deref().is_none_or(str::is_empty) {
                    ck.warning(
                        &path.key(field),
                        codes::MISSING_FIELD,
                        format!("`ntf` asks for {what}, but `{field}` is empty: no notification can be sent."),
                    );
                }
            }
        }
    }
    Some(out)
}

fn read_route(v: &Value, path: &Path, ck: &mut Checker, mode: Mode) -> Option<RouteInfo> {
    let o = ck.object(v, path)?;
    let mut out = RouteInfo::default();
    for (key, value) in o.iter() {
        if mode == Mode::Response && value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "id" => out.route_id = unsigned_or_text(value, &p, ck),
            "i" => out.index = unsigned_or_text(value, &p, ck),
            "m" => out.mileage_m = unsigned_or_text(value, &p, ck),
            "t" => out.time_s = unsigned_or_text(value, &p, ck),
            "ndt" => out.notify_before_s = ck.unsigned(value, &p),
            "vt" => out.visit_time = unsigned_or_text(value, &p, ck),
            _ => {
                if mode == Mode::Request {
                    ck.unknown_field(&p, ROUTE);
                }
                keep_extra(&mut out.extra, key, value);
            }
        }
    }
    Some(out)
}

fn keep_extra(extra: &mut Object<'static>, key: &str, value: &Value) {
    extra.push(key.to_owned(), value.clone().into_owned());
}

/// Turns an error into a warning when reading a response.
fn soften(mut issue: Issue, mode: Mode) -> Issue {
    if mode == Mode::Response {
        issue.severity = Severity::Warning;
    }
    issue
}

/// Runs a read whose errors are only warnings in a response (an enum value the vendor added
/// later is no reason to reject its answer).
fn softly<T>(ck: &mut Checker, read: impl FnOnce(&mut Checker) -> T) -> T {
    let from = ck.issues.len();
    let out = read(ck);
    for issue in ck.issues.iter_mut().skip(from) {
        issue.severity = Severity::Warning;
    }
    out
}

fn owned_string(v: &Value, p: &Path, ck: &mut Checker) -> Option<Cow<'static, str>> {
    ck.string(v, p).map(|s| Cow::Owned(s.to_owned()))
}

fn positive_id(v: &Value, p: &Path, ck: &mut Checker) -> Option<i64> {
    let id = ck.integer(v, p)?;
    if id < 1 {
        ck.error(
            p,
            codes::OUT_OF_RANGE,
            format!("{} is {id}; it must be a positive id.", p.name()),
        );
        return None;
    }
    Some(id)
}

fn wrong_type(v: &Value, p: &Path, ck: &mut Checker, expected: &str) {
    ck.error(
        p,
        codes::INVALID_TYPE,
        format!("{} must be {expected}, not {}.", p.name(), describe(v)),
    );
}

/// The largest whole number a Wialon payload may hold. The documents say only `<uint>`; a
/// JSON number past i64 is refused (`Checker::integer`), and a number given as text is written
/// back as a JSON number (`p.r`) or read again by this validator (`dp` texts), so text must
/// stop at the same limit or a valid input would convert to an invalid output.
const MAX_WHOLE: u64 = i64::MAX as u64;

/// A whole number ≥ 0 written as a number or as text holding one (`"12"`), at most
/// [`MAX_WHOLE`].
fn unsigned_or_text(v: &Value, p: &Path, ck: &mut Checker) -> Option<u64> {
    match v {
        Value::String(s) => match parse_unsigned_text(s) {
            Some(x) => within_whole(x, s, p, ck),
            // Digits past u64: out of range too, not malformed.
            None if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
                within_whole(u64::MAX, s, p, ck)
            }
            None => {
                ck.error(
                    p,
                    codes::INVALID_FORMAT,
                    format!(
                        "{} is \"{}\"; it must hold a whole number of 0 or more, e.g. \"12\".",
                        p.name(),
                        excerpt(s)
                    ),
                );
                None
            }
        },
        Value::Number(_) => ck.unsigned(v, p),
        _ => {
            wrong_type(v, p, ck, "a whole number or text holding one");
            None
        }
    }
}

/// `x` (read from the text `shown`) when it is at most [`MAX_WHOLE`]; else an `OUT_OF_RANGE`
/// error naming the limit.
fn within_whole(x: u64, shown: &str, p: &Path, ck: &mut Checker) -> Option<u64> {
    if x <= MAX_WHOLE {
        return Some(x);
    }
    ck.error(
        p,
        codes::OUT_OF_RANGE,
        format!(
            "{} is \"{}\"; it must be at most {MAX_WHOLE}, the largest whole number a Wialon payload can carry.",
            p.name(),
            excerpt(shown)
        ),
    );
    None
}

/// The digits of `s` as a number; `None` unless `s` is only ASCII digits fitting a u64.
fn parse_unsigned_text(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn excerpt(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// `p.v` / `p.w`: text holding a number (newer document) or a number (older one), ≥ 0.
fn number_or_text(v: &Value, p: &Path, ck: &mut Checker) -> Option<f64> {
    let x = match v {
        Value::Number(_) => ck.number(v, p)?,
        Value::String(s) => match s.trim().parse::<f64>() {
            Ok(x) if x.is_finite() && !s.trim().is_empty() => x,
            _ => {
                let hint = if s.contains(',') {
                    " (use a dot as the decimal separator)"
                } else {
                    ""
                };
                ck.error(
                    p,
                    codes::INVALID_FORMAT,
                    format!(
                        "{} is \"{}\"; it must hold a number, e.g. \"12.5\"{hint}.",
                        p.name(),
                        excerpt(s)
                    ),
                );
                return None;
            }
        },
        _ => {
            wrong_type(v, p, ck, "a number or text holding one");
            return None;
        }
    };
    ck.range(x, p, Some(0.0), None).then_some(x)
}

fn string_list(v: &Value, p: &Path, ck: &mut Checker) -> Option<Vec<String>> {
    let items = ck.array(v, p)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(s) = ck.string(item, &p.index(i)) {
            out.push(s.to_owned());
        }
    }
    Some(out)
}

fn unsigned_list(v: &Value, p: &Path, ck: &mut Checker) -> Option<Vec<u64>> {
    let items = ck.array(v, p)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(x) = ck.unsigned(item, &p.index(i)) {
            out.push(x);
        }
    }
    Some(out)
}

fn custom_fields(v: &Value, p: &Path, ck: &mut Checker) -> Option<CustomFields> {
    let o = ck.object(v, p)?;
    let mut out = Vec::with_capacity(o.len());
    for (key, value) in o.iter() {
        if let Some(s) = ck.string(value, &p.key(key)) {
            out.push((key.to_owned(), s.to_owned()));
        }
    }
    Some(CustomFields(out))
}

#[derive(Clone, Copy)]
enum IdListKind {
    /// `aff`: `"123,456"`.
    Units,
    /// `z`: `"resourceId_geofenceId,..."`.
    Geofences,
}

/// `aff` and `z`: comma-separated ids in a text; an empty text is an empty list.
fn id_list(v: &Value, p: &Path, ck: &mut Checker, kind: IdListKind) -> Option<String> {
    let s = ck.string(v, p)?;
    if s.is_empty() {
        return Some(String::new());
    }
    for (i, part) in s.split(',').enumerate() {
        let part = part.trim();
        let ok = match kind {
            IdListKind::Units => parse_unsigned_text(part).is_some(),
            IdListKind::Geofences => part.split_once('_').is_some_and(|(res, geo)| {
                parse_unsigned_text(res).is_some() && parse_unsigned_text(geo).is_some()
            }),
        };
        if !ok {
            let example = match kind {
                IdListKind::Units => "unit ids separated by commas, e.g. \"123,456\"",
                IdListKind::Geofences => {
                    "resourceId_geofenceId pairs separated by commas, e.g. \"12_3,12_4\""
                }
            };
            ck.error(
                p,
                codes::INVALID_FORMAT,
                format!(
                    "{} item {i} is \"{}\"; expected {example}.",
                    p.name(),
                    excerpt(part)
                ),
            );
            return None;
        }
    }
    Some(s.to_owned())
}

fn order_flags(v: &Value, p: &Path, ck: &mut Checker, mode: Mode) -> Option<u64> {
    let f = ck.unsigned(v, p)?;
    if mode == Mode::Request {
        let undocumented = f & !flags::DOCUMENTED;
        if undocumented != 0 {
            ck.warning(
                p,
                codes::OUT_OF_RANGE,
                format!(
                    "`f` sets undocumented bits {undocumented:#x}; documented flags are 0x1 to 0x100."
                ),
            );
        }
        let warehouse = f & flags::WAREHOUSE;
        if warehouse.count_ones() > 1 {
            ck.warning(
                p,
                codes::CONFLICTING_FIELDS,
                format!(
                    "`f` sets {warehouse:#x}: first (0x4), last (0x8) and reload (0x10) warehouse are different roles; set at most one."
                ),
            );
        }
    }
    Some(f)
}

fn notify_flags(v: &Value, p: &Path, ck: &mut Checker, mode: Mode) -> Option<u64> {
    let n = ck.unsigned(v, p)?;
    let undocumented = n & !notify::DOCUMENTED;
    if mode == Mode::Request && undocumented != 0 {
        ck.warning(
            p,
            codes::OUT_OF_RANGE,
            format!(
                "`ntf` sets undocumented bits {undocumented:#x}; documented are 0x1 (SMS to p), 0x2 (SMS to p2) and 0x10 (email)."
            ),
        );
    }
    Some(n)
}

fn unix_seconds(v: &Value, p: &Path, ck: &mut Checker, mode: Mode) -> Option<u64> {
    let t = ck.unsigned(v, p)?;
    if mode == Mode::Request && t > MAX_PLAUSIBLE_UNIX_S {
        // Only a value that is a plausible time once divided by 1000 is called milliseconds.
        let message = if t / 1000 <= MAX_PLAUSIBLE_UNIX_S {
            format!(
                "{} is {t}, which looks like milliseconds; Wialon times are UNIX seconds (divide by 1000).",
                p.name()
            )
        } else {
            format!(
                "{} is {t}, past the year 5138 as UNIX seconds and as milliseconds; Wialon times are UNIX seconds.",
                p.name()
            )
        };
        ck.warning(p, codes::OUT_OF_RANGE, message);
    }
    Some(t)
}

fn route_polyline(v: &Value, p: &Path, ck: &mut Checker) -> Option<String> {
    let s = ck.string(v, p)?;
    match polyline::check(s) {
        Ok(_) => Some(s.to_owned()),
        Err(e) => {
            ck.error(
                p,
                codes::INVALID_FORMAT,
                format!(
                    "`rp` is not a valid encoded polyline (precision 5): {}.",
                    e.describe()
                ),
            );
            None
        }
    }
}

/// `dp`: an array of ids (numbers or texts) or a text holding an array (`"[1,2]"`). A response
/// may also hold a single id.
fn dependencies(v: &Value, p: &Path, ck: &mut Checker, mode: Mode) -> Option<Dependencies> {
    match v {
        Value::Array(items) => {
            let mut ids = Vec::with_capacity(items.len());
            let mut form = DependencyForm::Numbers;
            for (i, item) in items.iter().enumerate() {
                if item.as_str().is_some() {
                    form = DependencyForm::Texts;
                }
                if let Some(id) = unsigned_or_text(item, &p.index(i), ck) {
                    ids.push(id);
                }
            }
            Some(Dependencies { ids, form })
        }
        Value::String(s) => {
            let ids = parse_id_array_text(s).or_else(|| {
                ck.error(
                    p,
                    codes::INVALID_FORMAT,
                    format!(
                        "`dp` is \"{}\"; as text it must hold an array of order ids, e.g. \"[12,13]\".",
                        excerpt(s)
                    ),
                );
                None
            })?;
            // Written back as texts (`["12"]`) and read again, so the same limit applies.
            if let Some(big) = ids.iter().find(|id| **id > MAX_WHOLE) {
                ck.error(
                    p,
                    codes::OUT_OF_RANGE,
                    format!(
                        "`dp` holds the order id {big}; ids must be at most {MAX_WHOLE}, the largest whole number a Wialon payload can carry."
                    ),
                );
                return None;
            }
            Some(Dependencies {
                ids,
                form: DependencyForm::Text,
            })
        }
        Value::Number(_) if mode == Mode::Response => Some(Dependencies {
            ids: vec![ck.unsigned(v, p)?],
            form: DependencyForm::Numbers,
        }),
        _ => {
            wrong_type(
                v,
                p,
                ck,
                "an array of order ids or text such as \"[12,13]\"",
            );
            None
        }
    }
}

fn parse_id_array_text(s: &str) -> Option<Vec<u64>> {
    let inner = s.trim().strip_prefix('[')?.strip_suffix(']')?.trim();
    if inner.is_empty() {
        return Some(Vec::new());
    }
    inner
        .split(',')
        .map(|part| {
            let part = part.trim();
            let unquoted = part
                .strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .unwrap_or(part);
            parse_unsigned_text(unquoted)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_array_text_forms() {
        assert_eq!(parse_id_array_text("[1, 2,3]"), Some(vec![1, 2, 3]));
        assert_eq!(parse_id_array_text("[\"4\"]"), Some(vec![4]));
        assert_eq!(parse_id_array_text(" [] "), Some(vec![]));
        assert_eq!(parse_id_array_text("[1,,2]"), None);
        assert_eq!(parse_id_array_text("1,2"), None);
        assert_eq!(parse_id_array_text("[-1]"), None);
    }
}
