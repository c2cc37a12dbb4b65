//! Readers of the Yandex add-order payloads. Each reader walks an object once, one `match` arm
//! per documented key, and is at the same time the validator: every problem is recorded in the
//! [`Checker`] at its JSON Pointer, and the typed value holds what was usable.

use super::interval;
use super::model::{
    CompanyNumber, EtaType, EventSource, HistoryItem, Notification, NotificationType, Order,
    OrderFields, OrderRecord, OrderStatus, OrderType, PaymentStatus, PaymentType, Point, Position,
    StatusComment, StatusLogEntry, TimeWindow, HISTORY_EVENTS, INITIATORS,
};
use crate::check::Checker;
use crate::issue::{codes, Severity};
use crate::json::{Object, Path, Value};
use std::borrow::Cow;

const ORDER: &str = "a Yandex add-order body";

/// Request bodies are strict; response bodies lenient (no unknown-field warnings, `null` read
/// as absent, unknown enum values only warned about), as the vendor adds fields over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Request,
    Response,
}

/// Reads and checks an add-order request body. Returns `None` when it is not an object or a
/// required field (`address`, `lat`, `lon`, `number`, `time_interval`) is missing or unusable;
/// every problem is recorded either way.
pub fn read_order(v: &Value, path: &Path, ck: &mut Checker) -> Option<Order<'static>> {
    let o = ck.object(v, path)?;
    let mode = Mode::Request;
    let mut fields = OrderFields::default();
    let mut extra = Object::new();
    let (mut address, mut number, mut time_interval) = (None, None, None);
    let (mut lat, mut lon) = (None, None);
    for (key, value) in o.iter() {
        let p = path.key(key);
        match key {
            "address" => address = ck.string(value, &p).map(str::to_owned),
            "lat" => lat = ck.number(value, &p),
            "lon" => lon = ck.number(value, &p),
            "number" => number = ck.string_max(value, &p, 80).map(str::to_owned),
            "time_interval" => time_interval = read_interval(value, &p, ck),
            _ => {
                if !shared_field(&mut fields, key, value, &p, ck, mode) {
                    ck.unknown_field(&p, ORDER);
                    keep_extra(&mut extra, key, value);
                }
            }
        }
    }
    let (lat, lon) = point(lat, lon, path, ("lat", "lon"), ck);
    let (refined_lat, refined_lon) = point(
        fields.refined_lat,
        fields.refined_lon,
        path,
        ("refined_lat", "refined_lon"),
        ck,
    );
    fields.refined_lat = refined_lat;
    fields.refined_lon = refined_lon;
    let required = [
        ("address", "the delivery address as text"),
        ("lat", "the latitude of the delivery point"),
        ("lon", "the longitude of the delivery point"),
        (
            "number",
            "the order number in your system (at most 80 characters)",
        ),
        (
            "time_interval",
            "the delivery interval, e.g. \"10:00-14:00\" or an ISO 8601 interval",
        ),
    ];
    for (field, what) in required {
        if !o.contains_key(field) {
            ck.missing(path, field, what);
        }
    }
    if !o.contains_key("route_id") && !o.contains_key("route_number") {
        ck.error(
            &path.key("route_id"),
            codes::MISSING_FIELD,
            "`route_id` or `route_number` is required: the route the order belongs to.",
        );
    }
    precedence(o, path, ck);
    Some(Order {
        address: Cow::Owned(address?),
        lat: lat?,
        lon: lon?,
        number: Cow::Owned(number?),
        time_interval: time_interval?,
        fields,
        extra,
    })
}

/// Reads the 200 response body of add-order, leniently.
pub fn read_record(v: &Value, path: &Path, ck: &mut Checker) -> Option<OrderRecord> {
    let o = ck.object(v, path)?;
    let mode = Mode::Response;
    let mut out = OrderRecord::default();
    let (mut lat, mut lon) = (None, None);
    for (key, value) in o.iter() {
        if value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "id" => out.id = ck.integer(value, &p),
            "company_id" => out.company_id = ck.integer(value, &p),
            "address" => out.address = owned_string(value, &p, ck),
            "lat" => lat = ck.number(value, &p),
            "lon" => lon = ck.number(value, &p),
            "number" => out.number = ck.string_max(value, &p, 80).map(str::to_owned),
            "time_interval" => out.time_interval = read_interval(value, &p, ck),
            "confirmed_at" => out.confirmed_at = owned_string(value, &p, ck),
            "delivered_at" => out.delivered_at = owned_string(value, &p, ck),
            "history" => out.history = list(value, &p, ck, read_history_item),
            "status_log" => out.status_log = list(value, &p, ck, read_status_log_entry),
            "shared_with_companies" => {
                out.shared_with_companies = list(value, &p, ck, read_company)
            }
            "order_status_comments" => {
                out.order_status_comments = list(value, &p, ck, read_status_comment)
            }
            "time_interval_secs" => out.time_interval_secs = seconds_list(value, &p, ck),
            "time_window" => out.time_window = read_time_window(value, &p, ck),
            _ => {
                if !shared_field(&mut out.fields, key, value, &p, ck, mode) {
                    keep_extra(&mut out.extra, key, value);
                }
            }
        }
    }
    (out.lat, out.lon) = point(lat, lon, path, ("lat", "lon"), ck);
    let (refined_lat, refined_lon) = point(
        out.fields.refined_lat,
        out.fields.refined_lon,
        path,
        ("refined_lat", "refined_lon"),
        ck,
    );
    out.fields.refined_lat = refined_lat;
    out.fields.refined_lon = refined_lon;
    Some(out)
}

/// The fields requests and responses share; false when `key` is not one of them.
pub(crate) fn shared_field(
    f: &mut OrderFields<'static>,
    key: &str,
    value: &Value,
    p: &Path,
    ck: &mut Checker,
    mode: Mode,
) -> bool {
    match key {
        "amount" => f.amount = ck.number_in(value, p, Some(0.0), None),
        "comments" => f.comments = owned_string(value, p, ck).map(Cow::Owned),
        "customer_name" => {
            f.customer_name = ck
                .string_max(value, p, 1023)
                .map(|s| Cow::Owned(s.to_owned()))
        }
        "description" => {
            f.description = ck
                .string_max(value, p, 1023)
                .map(|s| Cow::Owned(s.to_owned()))
        }
        "customer_number" => {
            f.customer_number = ck
                .string_max(value, p, 128)
                .map(|s| Cow::Owned(s.to_owned()))
        }
        "payment_type" => {
            f.payment_type = nullable_enum(value, p, ck, mode, PaymentType::NAMES)
                .and_then(PaymentType::from_name);
            if f.payment_type == Some(PaymentType::YandexPay) && mode == Mode::Request {
                ck.warning(
                    p,
                    super::codes::RESERVED_VALUE,
                    "`payment_type` \"yandex_pay\" can only be set internally by Yandex; send cash, card or prepaid.",
                );
            }
        }
        "payment_status" => {
            f.payment_status = nullable_enum(value, p, ck, mode, PaymentStatus::NAMES)
                .and_then(PaymentStatus::from_name)
        }
        "phone" => f.phone = owned_string(value, p, ck).map(Cow::Owned),
        "route_id" => f.route_id = ck.integer(value, p),
        "route_number" => f.route_number = owned_string(value, p, ck).map(Cow::Owned),
        "service_duration_s" => f.service_duration_s = ck.unsigned(value, p),
        "shared_service_duration_s" => f.shared_service_duration_s = ck.unsigned(value, p),
        "status" => {
            f.status =
                enum_value(value, p, ck, mode, OrderStatus::NAMES).and_then(OrderStatus::from_name)
        }
        // The document gives no bounds; a negative amount of goods is never meant.
        "volume" => f.volume = ck.number_in(value, p, Some(0.0), None),
        "weight" => f.weight = ck.number_in(value, p, Some(0.0), None),
        "shared_with_company_ids" => f.shared_with_company_ids = integer_list(value, p, ck),
        "shared_with_company_numbers" => f.shared_with_company_numbers = string_list(value, p, ck),
        "mark_delivered_radius" => {
            f.mark_delivered_radius = if value.is_null() {
                None
            } else {
                ck.number_in(value, p, Some(0.0), Some(10_000.0))
            }
        }
        "eta_type" => {
            f.eta_type =
                nullable_enum(value, p, ck, mode, EtaType::NAMES).and_then(EtaType::from_name)
        }
        "type" => {
            f.order_type =
                enum_value(value, p, ck, mode, OrderType::NAMES).and_then(OrderType::from_name)
        }
        // Raw here; range-checked with its partner after the walk.
        "refined_lat" => f.refined_lat = ck.number(value, p),
        "refined_lon" => f.refined_lon = ck.number(value, p),
        "notifications" => {
            f.notifications = list(value, p, ck, |v, p, ck| read_notification(v, p, ck, mode))
        }
        "show_yandex_pay_button" => f.show_yandex_pay_button = ck.boolean(value, p),
        _ => return false,
    }
    true
}

/// Warns about the documented precedence rules, where one field silently wins.
fn precedence(o: &Object, path: &Path, ck: &mut Checker) {
    let given = |key: &str| o.get(key).is_some_and(|v| !v.is_null());
    if given("route_id") && given("route_number") {
        ck.warning(
            &path.key("route_id"),
            codes::CONFLICTING_FIELDS,
            "Both `route_number` and `route_id` are given: Yandex uses `route_number` and ignores `route_id`.",
        );
    }
    if given("shared_with_company_ids") && given("shared_with_company_numbers") {
        ck.warning(
            &path.key("shared_with_company_ids"),
            codes::CONFLICTING_FIELDS,
            "Both `shared_with_company_numbers` and `shared_with_company_ids` are given: Yandex uses the numbers and ignores the ids.",
        );
    }
}

/// Range-checks a latitude/longitude pair read raw, warning first when they look swapped.
fn point(
    lat: Option<f64>,
    lon: Option<f64>,
    path: &Path,
    (lat_key, lon_key): (&str, &str),
    ck: &mut Checker,
) -> (Option<f64>, Option<f64>) {
    let (lat_path, lon_path) = (path.key(lat_key), path.key(lon_key));
    if let (Some(la), Some(lo)) = (lat, lon) {
        ck.swapped_coordinates(la, lo, &lat_path, lat_key, lon_key);
    }
    (
        lat.filter(|&la| ck.range(la, &lat_path, Some(-90.0), Some(90.0))),
        lon.filter(|&lo| ck.range(lo, &lon_path, Some(-180.0), Some(180.0))),
    )
}

fn read_interval(v: &Value, p: &Path, ck: &mut Checker) -> Option<String> {
    let s = ck.string(v, p)?;
    let shown: String = s.chars().take(60).collect();
    match interval::parse(s) {
        Ok(_) => Some(s.to_owned()),
        Err(interval::IntervalError::Inverted) => {
            ck.error(
                p,
                codes::WINDOW_INVERTED,
                format!("`time_interval` \"{shown}\" ends before it starts."),
            );
            None
        }
        Err(interval::IntervalError::Syntax(reason)) => {
            ck.error(
                p,
                codes::INVALID_FORMAT,
                format!(
                    "`time_interval` is \"{shown}\": {reason}. Use e.g. \"10:00-14:00\" or \"2018-09-06T10:15:00+03:00/2018-09-06T12:45:00+03:00\"."
                ),
            );
            None
        }
    }
}

fn read_notification(v: &Value, path: &Path, ck: &mut Checker, mode: Mode) -> Option<Notification> {
    let o = ck.object(v, path)?;
    let mut out = Notification::default();
    for (key, value) in o.iter() {
        let p = path.key(key);
        match key {
            "type" => {
                out.notification_type = enum_value(value, &p, ck, mode, NotificationType::NAMES)
                    .and_then(NotificationType::from_name)
            }
            _ => {
                if mode == Mode::Request {
                    ck.unknown_field(&p, "a Yandex order notification");
                }
                keep_extra(&mut out.extra, key, value);
            }
        }
    }
    Some(out)
}

fn read_history_item(v: &Value, path: &Path, ck: &mut Checker) -> Option<HistoryItem> {
    let o = ck.object(v, path)?;
    let mut out = HistoryItem::default();
    for (key, value) in o.iter() {
        if value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "event" => out.event = open_enum(value, &p, ck, HISTORY_EVENTS),
            "timestamp" => out.timestamp = ck.number(value, &p),
            "time" => out.time = owned_string(value, &p, ck),
            "position" => out.position = read_position(value, &p, ck),
            "used_mark_delivered_radius" => {
                out.used_mark_delivered_radius = ck.number_in(value, &p, Some(0.0), Some(10_000.0))
            }
            "source" => out.source = read_source(value, &p, ck),
            _ => keep_extra(&mut out.extra, key, value),
        }
    }
    Some(out)
}

fn read_position(v: &Value, path: &Path, ck: &mut Checker) -> Option<Position> {
    let o = ck.object(v, path)?;
    let mut out = Position::default();
    let (mut lat, mut lon) = (None, None);
    for (key, value) in o.iter() {
        if value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "lat" => lat = ck.number(value, &p),
            "lon" => lon = ck.number(value, &p),
            "time" => out.time = owned_string(value, &p, ck),
            _ => keep_extra(&mut out.extra, key, value),
        }
    }
    (out.lat, out.lon) = point(lat, lon, path, ("lat", "lon"), ck);
    Some(out)
}

fn read_source(v: &Value, path: &Path, ck: &mut Checker) -> Option<EventSource> {
    let o = ck.object(v, path)?;
    let mut out = EventSource::default();
    for (key, value) in o.iter() {
        let p = path.key(key);
        match key {
            "initiator" => out.initiator = open_enum(value, &p, ck, INITIATORS),
            _ => keep_extra(&mut out.extra, key, value),
        }
    }
    Some(out)
}

fn read_status_log_entry(v: &Value, path: &Path, ck: &mut Checker) -> Option<StatusLogEntry> {
    let o = ck.object(v, path)?;
    let mut out = StatusLogEntry::default();
    for (key, value) in o.iter() {
        if value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "point" => out.point = read_point(value, &p, ck),
            "status" => {
                out.status = enum_value(value, &p, ck, Mode::Response, OrderStatus::NAMES)
                    .and_then(OrderStatus::from_name)
            }
            "timestamp" => out.timestamp = ck.number(value, &p),
            _ => keep_extra(&mut out.extra, key, value),
        }
    }
    Some(out)
}

fn read_point(v: &Value, path: &Path, ck: &mut Checker) -> Option<Point> {
    let o = ck.object(v, path)?;
    let mut out = Point::default();
    let (mut lat, mut lon) = (None, None);
    for (key, value) in o.iter() {
        if value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "lat" => lat = ck.number(value, &p),
            "lon" => lon = ck.number(value, &p),
            _ => keep_extra(&mut out.extra, key, value),
        }
    }
    (out.lat, out.lon) = point(lat, lon, path, ("lat", "lon"), ck);
    Some(out)
}

fn read_company(v: &Value, path: &Path, ck: &mut Checker) -> Option<CompanyNumber> {
    let o = ck.object(v, path)?;
    let mut out = CompanyNumber::default();
    for (key, value) in o.iter() {
        if value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "number" => out.number = owned_string(value, &p, ck),
            "name" => out.name = ck.string_max(value, &p, 80).map(str::to_owned),
            "id" => out.id = ck.integer(value, &p),
            _ => keep_extra(&mut out.extra, key, value),
        }
    }
    if out.number.is_none() && !o.contains_key("number") {
        ck.missing(path, "number", "the company number");
    }
    Some(out)
}

fn read_status_comment(v: &Value, path: &Path, ck: &mut Checker) -> Option<StatusComment> {
    let o = ck.object(v, path)?;
    let mut out = StatusComment::default();
    for (key, value) in o.iter() {
        if value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "id" => out.id = ck.integer(value, &p),
            "status" => {
                out.status = enum_value(value, &p, ck, Mode::Response, OrderStatus::NAMES)
                    .and_then(OrderStatus::from_name)
            }
            "comment" => out.comment = owned_string(value, &p, ck),
            _ => keep_extra(&mut out.extra, key, value),
        }
    }
    Some(out)
}

fn read_time_window(v: &Value, path: &Path, ck: &mut Checker) -> Option<TimeWindow> {
    let o = ck.object(v, path)?;
    let mut out = TimeWindow::default();
    for (key, value) in o.iter() {
        if value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "start" => out.start = owned_string(value, &p, ck),
            "end" => out.end = owned_string(value, &p, ck),
            _ => keep_extra(&mut out.extra, key, value),
        }
    }
    Some(out)
}

fn keep_extra(extra: &mut Object<'static>, key: &str, value: &Value) {
    extra.push(key.to_owned(), value.clone().into_owned());
}

fn owned_string(v: &Value, p: &Path, ck: &mut Checker) -> Option<String> {
    ck.string(v, p).map(str::to_owned)
}

/// A value of a closed enum: an error in a request, a warning in a response.
fn enum_value(
    v: &Value,
    p: &Path,
    ck: &mut Checker,
    mode: Mode,
    names: &[&'static str],
) -> Option<&'static str> {
    let from = ck.issues.len();
    let found = ck.one_of(v, p, names);
    if mode == Mode::Response {
        for issue in ck.issues.iter_mut().skip(from) {
            issue.severity = Severity::Warning;
        }
    }
    found
}

/// Like [`enum_value`], `null` allowed (read as absent).
fn nullable_enum(
    v: &Value,
    p: &Path,
    ck: &mut Checker,
    mode: Mode,
    names: &[&'static str],
) -> Option<&'static str> {
    if v.is_null() {
        return None;
    }
    enum_value(v, p, ck, mode, names)
}

/// A response-only enum kept as text: an undocumented value is a warning, and kept.
fn open_enum(v: &Value, p: &Path, ck: &mut Checker, names: &[&'static str]) -> Option<String> {
    let s = ck.string(v, p)?;
    enum_value(v, p, ck, Mode::Response, names);
    Some(s.to_owned())
}

fn list<T>(
    v: &Value,
    p: &Path,
    ck: &mut Checker,
    mut read: impl FnMut(&Value, &Path, &mut Checker) -> Option<T>,
) -> Option<Vec<T>> {
    let items = ck.array(v, p)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(x) = read(item, &p.index(i), ck) {
            out.push(x);
        }
    }
    Some(out)
}

fn string_list(v: &Value, p: &Path, ck: &mut Checker) -> Option<Vec<String>> {
    list(v, p, ck, owned_string)
}

fn integer_list(v: &Value, p: &Path, ck: &mut Checker) -> Option<Vec<i64>> {
    list(v, p, ck, |v, p, ck| ck.integer(v, p))
}

fn seconds_list(v: &Value, p: &Path, ck: &mut Checker) -> Option<Vec<f64>> {
    list(v, p, ck, |v, p, ck| ck.number_in(v, p, Some(0.0), None))
}
