//! Readers of the Magic Lane `/v1/orders` payloads. Each reader walks an object once, one
//! `match` arm per documented key, and is at the same time the validator: every problem is
//! recorded in the [`Checker`] at its JSON Pointer, and the typed value holds what was usable.

use super::model::{
    Address, Customer, DeleteOrders, Filter, LatLon, Order, OrderQuery, OrderState, OrderStatus,
    OrderType, Priority, SortKey, TimeWindow,
};
use crate::check::{describe, Checker};
use crate::issue::{codes, Severity};
use crate::json::{Object, Path, Value};

/// How an order is read: a create body (the server sets `id`), an update body (the customer
/// cannot change), or a response (lenient: the vendor may add fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Create,
    Update,
    Response,
}

/// Minutes in a day: the end of a window read as minutes from midnight.
const DAY_MIN: f64 = 1440.0;

/// Reads and checks one order of a create body. `None` only when `v` is not an object.
pub fn read_order(v: &Value, path: &Path, ck: &mut Checker) -> Option<Order> {
    order(v, path, ck, Mode::Create)
}

/// Reads and checks an update (PUT) body.
pub fn read_update(v: &Value, path: &Path, ck: &mut Checker) -> Option<Order> {
    order(v, path, ck, Mode::Update)
}

/// Reads an order returned by the server, leniently; its `id` is required.
pub fn read_returned_order(v: &Value, path: &Path, ck: &mut Checker) -> Option<Order> {
    order(v, path, ck, Mode::Response)
}

pub(crate) fn order(v: &Value, path: &Path, ck: &mut Checker, mode: Mode) -> Option<Order> {
    let o = ck.object(v, path)?;
    let lenient = mode == Mode::Response;
    let mut out = Order::default();
    for (key, value) in o.iter() {
        if lenient && value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "id" => {
                out.id = ck.integer(value, &p);
                if mode == Mode::Create {
                    ck.warning(
                        &p,
                        super::codes::READ_ONLY_FIELD,
                        "`id` is set by the server when the order is created; leave it out.",
                    );
                }
            }
            "customerId" => out.customer_id = ck.integer(value, &p),
            "customerInfo" => {
                out.customer_info = read_customer(value, &p, ck, lenient);
                if mode == Mode::Update {
                    ck.warning(
                        &p,
                        super::codes::READ_ONLY_FIELD,
                        "`customerInfo` cannot be changed once the order is saved; changes here are not applied.",
                    );
                }
            }
            "location" => out.location = location(value, &p, ck),
            "alias" => out.alias = owned_string(value, &p, ck),
            "firstName" => out.first_name = owned_string(value, &p, ck),
            "lastName" => out.last_name = owned_string(value, &p, ck),
            "address" => out.address = read_address(value, &p, ck, lenient),
            "phoneNumber" => out.phone_number = owned_string(value, &p, ck),
            "customData" => out.custom_data = owned_string(value, &p, ck),
            "type" => {
                out.order_type = enum_code(value, &p, ck, lenient, OrderType::TABLE)
                    .and_then(OrderType::from_code)
            }
            "status" => {
                out.status = enum_code(value, &p, ck, lenient, OrderStatus::TABLE)
                    .and_then(OrderStatus::from_code)
            }
            "state" => {
                out.state = enum_code(value, &p, ck, lenient, OrderState::TABLE)
                    .and_then(OrderState::from_code)
            }
            "priority" => {
                out.priority =
                    enum_code(value, &p, ck, lenient, Priority::TABLE).and_then(Priority::from_code)
            }
            "numberOfPackages" => out.number_of_packages = ck.unsigned(value, &p),
            // The document gives no bounds; negative amounts of goods are never meant.
            "weight" => out.weight = ck.number_in(value, &p, Some(0.0), None),
            "cube" => out.cube = ck.number_in(value, &p, Some(0.0), None),
            "revenue" => out.revenue = ck.number(value, &p),
            "timeWindow" => out.time_window = time_window(value, &p, ck),
            "serviceTime" => out.service_time_s = ck.unsigned(value, &p),
            "depotId" => out.depot_id = ck.integer_in(value, &p, 0, i64::MAX),
            "creationTimestamp" => {
                out.creation_timestamp_ms = ck.integer_in(value, &p, 0, i64::MAX)
            }
            _ => {
                if !lenient {
                    ck.unknown_field(&p, "a Magic Lane order");
                }
                keep_extra(&mut out.extra, key, value);
            }
        }
    }
    match mode {
        // Success "populates the id field" of each returned order.
        Mode::Response if !o.contains_key("id") => {
            ck.missing(path, "id", "a stored order always has its id")
        }
        // The document marks nothing as required; an order without a place cannot be routed,
        // so its absence is worth a warning, not a rejection.
        Mode::Create if !o.contains_key("location") => ck.warning(
            &path.key("location"),
            codes::MISSING_FIELD,
            "`location` is absent: without [lat, lon] the order cannot be placed on a route.",
        ),
        _ => {}
    }
    if let (Some(by_id), Some(info_id)) = (
        out.customer_id,
        out.customer_info.as_ref().and_then(|c| c.id),
    ) {
        if by_id != info_id {
            ck.warning(
                &path.key("customerId"),
                codes::CONFLICTING_FIELDS,
                format!("`customerId` is {by_id} but `customerInfo.id` is {info_id}."),
            );
        }
    }
    Some(out)
}

fn read_customer(v: &Value, path: &Path, ck: &mut Checker, lenient: bool) -> Option<Customer> {
    let o = ck.object(v, path)?;
    let mut out = Customer::default();
    for (key, value) in o.iter() {
        if lenient && value.is_null() {
            continue;
        }
        let p = path.key(key);
        match key {
            "id" => out.id = ck.integer(value, &p),
            "alias" => out.alias = owned_string(value, &p, ck),
            "firstName" => out.first_name = owned_string(value, &p, ck),
            "lastName" => out.last_name = owned_string(value, &p, ck),
            "address" => out.address = read_address(value, &p, ck, lenient),
            "email" => out.email = owned_string(value, &p, ck),
            "phoneNumber" => out.phone_number = owned_string(value, &p, ck),
            "location" => out.location = location(value, &p, ck),
            "customData" => out.custom_data = owned_string(value, &p, ck),
            _ => {
                if !lenient {
                    ck.unknown_field(&p, "a Magic Lane customer");
                }
                keep_extra(&mut out.extra, key, value);
            }
        }
    }
    Some(out)
}

fn read_address(v: &Value, path: &Path, ck: &mut Checker, lenient: bool) -> Option<Address> {
    let o = ck.object(v, path)?;
    let mut out = Address::default();
    for (key, value) in o.iter() {
        if lenient && value.is_null() {
            continue;
        }
        let p = path.key(key);
        let slot = match key {
            "country" => &mut out.country,
            "state" => &mut out.state,
            "county" => &mut out.county,
            "city" => &mut out.city,
            "postalCode" => &mut out.postal_code,
            "streetName" => &mut out.street_name,
            "streetNumber" => &mut out.street_number,
            "extra" => &mut out.extra_line,
            _ => {
                if !lenient {
                    ck.unknown_field(&p, "a Magic Lane address");
                }
                keep_extra(&mut out.extra, key, value);
                continue;
            }
        };
        *slot = owned_string(value, &p, ck);
    }
    Some(out)
}

/// `[lat, lon]`: two numbers, latitude first. Warns when they look swapped (the first outside
/// ±90 while the second is a latitude), the classic GeoJSON `[lon, lat]` mistake.
fn location(v: &Value, p: &Path, ck: &mut Checker) -> Option<LatLon> {
    let pair = pair(v, p, ck, "[lat, lon], e.g. [48.870852, 2.356148]")?;
    let (lat, lon) = pair;
    let (lat_path, lon_path) = (p.index(0), p.index(1));
    let (lat, lon) = (ck.number(lat, &lat_path), ck.number(lon, &lon_path));
    let (lat, lon) = (lat?, lon?);
    ck.swapped_coordinates(
        lat,
        lon,
        p,
        "location[0] (latitude)",
        "location[1] (longitude)",
    );
    let lat_ok = ck.range(lat, &lat_path, Some(-90.0), Some(90.0));
    let lon_ok = ck.range(lon, &lon_path, Some(-180.0), Some(180.0));
    (lat_ok && lon_ok).then_some(LatLon { lat, lon })
}

/// `[start, end]` minutes from midnight (an inference, see [`TimeWindow`]): non-negative,
/// start ≤ end; past 1440 (24 h) only a warning since the unit is inferred.
fn time_window(v: &Value, p: &Path, ck: &mut Checker) -> Option<TimeWindow> {
    let (start, end) = pair(
        v,
        p,
        ck,
        "[start, end] in minutes from midnight, e.g. [420, 1086]",
    )?;
    let (start_path, end_path) = (p.index(0), p.index(1));
    let start = ck.number_in(start, &start_path, Some(0.0), None);
    let end = ck.number_in(end, &end_path, Some(0.0), None);
    let (start, end) = (start?, end?);
    for (x, at) in [(start, &start_path), (end, &end_path)] {
        if x > DAY_MIN {
            ck.warning(
                at,
                codes::OUT_OF_RANGE,
                format!(
                    "{} is {x}, past 1440: read as minutes from midnight (an inference from the vendor's vehicle fields), that is after midnight."
                , at.name()),
            );
        }
    }
    if start > end {
        ck.error(
            p,
            codes::WINDOW_INVERTED,
            format!("`timeWindow` ends ({end}) before it starts ({start})."),
        );
        return None;
    }
    Some(TimeWindow {
        start_min: start,
        end_min: end,
    })
}

/// A two-item array.
fn pair<'v, 'a>(
    v: &'v Value<'a>,
    p: &Path,
    ck: &mut Checker,
    shape: &str,
) -> Option<(&'v Value<'a>, &'v Value<'a>)> {
    match v.as_array() {
        Some([a, b]) => Some((a, b)),
        Some(items) => {
            ck.error(
                p,
                codes::INVALID_FORMAT,
                format!(
                    "{} holds {} items; it must be {shape}.",
                    p.name(),
                    items.len()
                ),
            );
            None
        }
        None => {
            ck.error(
                p,
                codes::INVALID_TYPE,
                format!("{} must be {shape}, not {}.", p.name(), describe(v)),
            );
            None
        }
    }
}

/// A numeric enum value: an error in a request, a warning in a response (the vendor may add
/// values a client must tolerate).
fn enum_code(
    v: &Value,
    p: &Path,
    ck: &mut Checker,
    lenient: bool,
    table: &[(i64, &str)],
) -> Option<i64> {
    let from = ck.issues.len();
    let found = ck.int_enum(v, p, table);
    if lenient {
        for issue in ck.issues.iter_mut().skip(from) {
            if issue.code == codes::UNKNOWN_ENUM_VALUE {
                issue.severity = Severity::Warning;
            }
        }
    }
    found
}

fn keep_extra(extra: &mut Object<'static>, key: &str, value: &Value) {
    extra.push(key.to_owned(), value.clone().into_owned());
}

fn owned_string(v: &Value, p: &Path, ck: &mut Checker) -> Option<String> {
    ck.string(v, p).map(str::to_owned)
}

/// The get-all filters: name, and whether `:exact` is documented for it.
pub(crate) const FILTERS: [(&str, bool); 24] = [
    ("id", true),
    ("alias", true),
    ("firstName", true),
    ("lastName", true),
    ("location", true),
    ("country", true),
    ("state", true),
    ("county", true),
    ("city", true),
    ("postalCode", true),
    ("streetName", true),
    ("streetNumber", true),
    ("extra", true),
    ("phoneNumber", true),
    ("type", false),
    ("status", false),
    ("orderState", false),
    ("timeWindowStart", true),
    ("timeWindowEnd", true),
    ("creationTime", true),
    ("priority", false),
    ("customData", true),
    ("customerId", true),
    ("depotId", true),
];

/// The columns `sort` accepts.
pub const SORT_COLUMNS: [&str; 24] = [
    "id",
    "alias",
    "firstName",
    "lastName",
    "latitude",
    "longitude",
    "country",
    "state",
    "county",
    "city",
    "postalCode",
    "streetName",
    "streetNumber",
    "extra",
    "phoneNumber",
    "type",
    "timeWindowStart",
    "timeWindowEnd",
    "creationTime",
    "serviceTime",
    "priority",
    "customData",
    "customerId",
    "depotId",
];

/// The columns `includeColumns` accepts.
pub const INCLUDE_COLUMNS: [&str; 29] = [
    "id",
    "alias",
    "firstName",
    "lastName",
    "phoneNumber",
    "type",
    "timeWindowStart",
    "timeWindowEnd",
    "serviceTime",
    "creationTime",
    "packages",
    "revenue",
    "cube",
    "weight",
    "priority",
    "status",
    "orderState",
    "customerId",
    "depotId",
    "latitude",
    "longitude",
    "country",
    "state",
    "county",
    "city",
    "postalCode",
    "streetName",
    "streetNumber",
    "extra",
];

/// Reads and checks the get-all query parameters, given as an object of parameter values
/// (texts, or numbers where a number is meant).
pub fn read_query(v: &Value, path: &Path, ck: &mut Checker) -> Option<OrderQuery> {
    let o = ck.object(v, path)?;
    let mut out = OrderQuery::default();
    for (key, value) in o.iter() {
        let p = path.key(key);
        match key {
            "search" => out.search = query_text(value, &p, ck),
            "sort" => out.sort = sort(value, &p, ck),
            "includeColumns" => out.include_columns = include_columns(value, &p, ck),
            "page" => out.page = page_number(value, &p, ck),
            "per_page" => out.per_page = page_number(value, &p, ck),
            _ => match FILTERS.iter().find(|(name, _)| *name == key) {
                Some(&(name, exact_documented)) => {
                    if let Some(f) = filter(name, exact_documented, value, &p, ck) {
                        out.filters.push(f);
                    }
                }
                None => {
                    ck.unknown_field(&p, "the Magic Lane get-all query");
                    keep_extra(&mut out.extra, key, value);
                }
            },
        }
    }
    Some(out)
}

/// A query parameter value: text, or a number written as its text.
fn query_text(v: &Value, p: &Path, ck: &mut Checker) -> Option<String> {
    match v {
        Value::String(s) => Some(s.to_string()),
        Value::Number(n) => Some(n.raw().to_owned()),
        Value::Bool(b) => Some(b.to_string()),
        _ => {
            ck.error(
                p,
                codes::INVALID_TYPE,
                format!(
                    "{} is a query parameter: it must be text or a number, not {}.",
                    p.name(),
                    describe(v)
                ),
            );
            None
        }
    }
}

fn filter(
    name: &str,
    exact_documented: bool,
    v: &Value,
    p: &Path,
    ck: &mut Checker,
) -> Option<Filter> {
    let text = query_text(v, p, ck)?;
    let (value, exact) = match text.strip_suffix(":exact") {
        Some(value) => (value.to_owned(), true),
        None => (text, false),
    };
    if exact && !exact_documented {
        ck.warning(
            p,
            codes::INVALID_FORMAT,
            format!("`:exact` is not documented for the `{name}` filter; it may be read as part of the value."),
        );
    }
    let table = match name {
        "type" => Some(OrderType::TABLE),
        "status" => Some(OrderStatus::TABLE),
        "orderState" => Some(OrderState::TABLE),
        "priority" => Some(Priority::TABLE),
        _ => None,
    };
    if let Some(table) = table {
        let known = value
            .trim()
            .parse::<i64>()
            .is_ok_and(|code| table.iter().any(|(k, _)| *k == code));
        if !known {
            let list: Vec<String> = table.iter().map(|(k, l)| format!("{k} ({l})")).collect();
            ck.warning(
                p,
                codes::UNKNOWN_ENUM_VALUE,
                format!(
                    "The `{name}` filter is \"{}\"; orders hold {}, so it may match nothing.",
                    value.chars().take(40).collect::<String>(),
                    list.join(", ")
                ),
            );
        }
    }
    Some(Filter {
        column: name.to_owned(),
        value,
        exact,
    })
}

/// `sort`: `column:asc|desc` keys joined by commas.
fn sort(v: &Value, p: &Path, ck: &mut Checker) -> Vec<SortKey> {
    let Some(text) = ck.string(v, p) else {
        return Vec::new();
    };
    let mut keys: Vec<SortKey> = Vec::new();
    for (i, part) in text.split(',').enumerate() {
        let part = part.trim();
        let shown: String = part.chars().take(40).collect();
        let Some((column, direction)) = part.split_once(':') else {
            ck.error(
                p,
                codes::INVALID_FORMAT,
                format!("`sort` key {i} is \"{shown}\"; write column:asc or column:desc, e.g. \"alias:asc,id:desc\"."),
            );
            continue;
        };
        let (column, direction) = (column.trim(), direction.trim());
        let column_ok = SORT_COLUMNS.contains(&column);
        if !column_ok {
            ck.error(
                p,
                codes::UNKNOWN_ENUM_VALUE,
                format!(
                    "`sort` key {i} names column \"{}\", which cannot be sorted on; sortable columns are {}.",
                    column.chars().take(40).collect::<String>(),
                    SORT_COLUMNS.join(", ")
                ),
            );
        }
        let descending = match direction {
            "asc" => false,
            "desc" => true,
            _ => {
                ck.error(
                    p,
                    codes::UNKNOWN_ENUM_VALUE,
                    format!("`sort` key {i} is \"{shown}\"; the direction must be asc or desc."),
                );
                continue;
            }
        };
        if !column_ok {
            continue;
        }
        if keys.iter().any(|k| k.column == column) {
            ck.warning(
                p,
                codes::DUPLICATE,
                format!("`sort` names column {column} twice; only the first one can matter."),
            );
            continue;
        }
        keys.push(SortKey {
            column: column.to_owned(),
            descending,
        });
    }
    keys
}

/// `includeColumns`: column names joined by commas (an array of names is accepted too).
fn include_columns(v: &Value, p: &Path, ck: &mut Checker) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |name: &str, at: &Path, ck: &mut Checker| {
        let name = name.trim();
        if INCLUDE_COLUMNS.contains(&name) {
            out.push(name.to_owned());
        } else {
            ck.error(
                at,
                codes::UNKNOWN_ENUM_VALUE,
                format!(
                    "`includeColumns` names \"{}\", which is not a column; columns are {}.",
                    name.chars().take(40).collect::<String>(),
                    INCLUDE_COLUMNS.join(", ")
                ),
            );
        }
    };
    match v {
        Value::String(s) => {
            for name in s.split(',') {
                check(name, p, ck);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let at = p.index(i);
                if let Some(name) = ck.string(item, &at) {
                    check(name, &at, ck);
                }
            }
        }
        _ => {
            ck.error(
                p,
                codes::INVALID_TYPE,
                format!(
                    "`includeColumns` must be column names joined by commas, not {}.",
                    describe(v)
                ),
            );
        }
    }
    out
}

/// `page` / `per_page`: a whole number greater than 0, as a number or its text.
fn page_number(v: &Value, p: &Path, ck: &mut Checker) -> Option<u64> {
    let n = match v {
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                ck.error(
                    p,
                    codes::INVALID_FORMAT,
                    format!(
                        "{} is \"{}\"; it must be a whole number greater than 0.",
                        p.name(),
                        s.chars().take(40).collect::<String>()
                    ),
                );
                return None;
            }
        },
        _ => ck.integer(v, p)?,
    };
    if n < 1 {
        ck.error(
            p,
            codes::OUT_OF_RANGE,
            format!("{} is {n}; it must be greater than 0.", p.name()),
        );
        return None;
    }
    Some(n as u64)
}

/// Reads and checks the delete body `{ids: [...]}`: a non-empty list of order ids.
pub fn read_delete(v: &Value, path: &Path, ck: &mut Checker) -> Option<DeleteOrders> {
    let o = ck.object(v, path)?;
    let mut out = DeleteOrders::default();
    for (key, value) in o.iter() {
        let p = path.key(key);
        match key {
            "ids" => {
                let Some(items) = ck.array(value, &p) else {
                    continue;
                };
                if items.is_empty() {
                    ck.error(
                        &p,
                        codes::EMPTY,
                        "`ids` is empty: name at least one order to delete.",
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    let at = p.index(i);
                    let Some(id) = order_id(item, &at, ck) else {
                        continue;
                    };
                    if out.ids.contains(&id) {
                        ck.warning(
                            &at,
                            codes::DUPLICATE,
                            format!("Order {id} is listed twice."),
                        );
                    } else {
                        out.ids.push(id);
                    }
                }
            }
            _ => {
                ck.unknown_field(&p, "the Magic Lane delete body");
                keep_extra(&mut out.extra, key, value);
            }
        }
    }
    if !o.contains_key("ids") {
        ck.missing(
            path,
            "ids",
            "the ids of the orders to delete, e.g. {\"ids\": [78910]}",
        );
    }
    Some(out)
}

/// An order id: a whole number greater than 0.
pub(crate) fn order_id(v: &Value, p: &Path, ck: &mut Checker) -> Option<i64> {
    let id = ck.integer(v, p)?;
    if id < 1 {
        ck.error(
            p,
            codes::OUT_OF_RANGE,
            format!("{} is {id}; an order id is greater than 0.", p.name()),
        );
        return None;
    }
    Some(id)
}
