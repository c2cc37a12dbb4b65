//! Readers of the Order Object, the Location Object and the small objects inside an order, with
//! the rules `create_order` and `create_or_update_orders` put on them.
//!
//! Each reader walks an object's entries once, with one `match` arm per documented key; rules
//! that involve several fields run after the walk, on presence (`contains_key`), so a field that
//! is present but malformed is reported once, as malformed, not a second time as missing.

use super::codes as or_codes;
use super::model::{
    Barcode, CustomFieldValue, CustomFields, DateRange, DateTimeWindow, DriverRef, Location,
    NotificationPreference, Operation, Order, OrderType, TimeWindow,
};
use super::read::{
    absent, choice, choices, clock, date, date_value, decimal, flag, list, local_datetime,
    nullable_text, strings, swapped_check, text, unknown, Side,
};
use crate::check::{CalendarDate, Checker};
use crate::issue::{codes, Issue};
use crate::json::{Object, Path, Value};

/// Where an order object is read, which decides its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderContext {
    /// The `create_order` body: `operation` mandatory, geocoding flags and `twFrom`/`twTo`
    /// accepted, the three documented ways to define a location.
    CreateOrder,
    /// An item of `create_or_update_orders`: per-order `operation` optional with the documented
    /// default behaviour, no geocoding.
    CreateOrUpdateOrders,
    /// An order in a response (`get_orders`, `search_orders`): read leniently.
    Response,
}

impl OrderContext {
    fn side(self) -> Side {
        match self {
            OrderContext::Response => Side::Response,
            _ => Side::Request,
        }
    }
}

/// Whether writing an order will create it, which decides what is mandatory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Creation {
    /// The order is new for sure (CREATE, or nothing to find it by).
    Certain,
    /// Created only if no order matches (SYNC/MERGE or no operation, with an identifier).
    Possible,
    /// An existing order is updated.
    No,
    /// The operation is malformed (already reported): no guess.
    Unknown,
}

const ORDER_FIELDS: &[&str] = &[
    "operation",
    "acceptDuplicateOrderNo",
    "id",
    "orderNo",
    "relatedOrderNo",
    "relatedId",
    "date",
    "location",
    "type",
    "duration",
    "timeWindows",
    "twFrom",
    "twTo",
    "allowedWeekdays",
    "allowedDates",
    "allowedDateTimes",
    "assignedTo",
    "priority",
    "load1",
    "load2",
    "load3",
    "load4",
    "vehicleFeatures",
    "skills",
    "notes",
    "customField1",
    "customField2",
    "customField3",
    "customField4",
    "customField5",
    "customFields",
    "email",
    "phone",
    "notificationPreference",
    "barcode",
];

const LOCATION_FIELDS: &[&str] = &[
    "locationNo",
    "locationName",
    "address",
    "latitude",
    "longitude",
    "valid",
    "checkInTime",
    "notes",
    "acceptMultipleResults",
    "acceptPartialMatch",
    "storeInvalid",
];

const GEOCODING_FLAGS: [&str; 3] = [
    "acceptMultipleResults",
    "acceptPartialMatch",
    "storeInvalid",
];

/// Reads an order as an item of `create_or_update_orders` (the most common form). See
/// [`read_order_as`] for the other contexts.
pub fn read_order(v: &Value, path: &Path, ck: &mut Checker) -> Option<Order> {
    read_order_as(v, path, OrderContext::CreateOrUpdateOrders, ck)
}

/// Reads an order in `ctx`, recording every problem in `ck`. Returns `None` only when `v` is not
/// an object; malformed fields are reported and left `None`.
pub fn read_order_as(v: &Value, path: &Path, ctx: OrderContext, ck: &mut Checker) -> Option<Order> {
    let side = ctx.side();
    if absent(v, side) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut o = Order::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "operation" if side == Side::Request => o.operation = choice(ck, val, &p, side),
            "acceptDuplicateOrderNo" if side == Side::Request => {
                o.accept_duplicate_order_no = flag(ck, val, &p, side)
            }
            "id" => o.id = text(ck, val, &p, side),
            "orderNo" => o.order_no = text(ck, val, &p, side),
            "relatedOrderNo" => o.related_order_no = nullable_text(ck, val, &p),
            "relatedId" => o.related_id = nullable_text(ck, val, &p),
            "date" => o.date = date(ck, val, &p, side),
            "location" => o.location = read_location(val, &p, ctx, ck),
            "type" => o.order_type = order_type(ck, val, &p, side),
            "duration" => o.duration = decimal(ck, val, &p, side, Some(0.0), None),
            "timeWindows" => {
                o.time_windows = list(ck, val, &p, side, None, |ck, v, p| {
                    read_time_window(v, p, side, ck)
                })
            }
            "twFrom" | "twTo" if ctx == OrderContext::CreateOrder => {
                ck.warning(
                    &p,
                    codes::DEPRECATED_FIELD,
                    format!("`{k}` is deprecated: use timeWindows, e.g. [{{\"twFrom\": \"10:00\", \"twTo\": \"14:00\"}}]."),
                );
                let t = clock(ck, val, &p, side);
                if k == "twFrom" {
                    o.tw_from = t;
                } else {
                    o.tw_to = t;
                }
            }
            "twFrom" | "twTo" if ctx == OrderContext::CreateOrUpdateOrders => {
                ck.warning(
                    &p,
                    codes::UNKNOWN_FIELD,
                    format!("`{k}` is accepted only by create_order (and deprecated there); in create_or_update_orders use timeWindows."),
                );
                o.extra.push(k.to_owned(), val.clone().into_owned());
            }
            "allowedWeekdays" => o.allowed_weekdays = choices(ck, val, &p, side),
            "allowedDates" => {
                o.allowed_dates = read_date_range(val, &p, side, true, None, ck).map(|(r, _)| r)
            }
            "allowedDateTimes" => {
                o.allowed_date_times = list(ck, val, &p, side, None, |ck, v, p| {
                    read_datetime_window(v, p, side, ck)
                })
            }
            "assignedTo" => {
                o.assigned_to = if val.is_null() {
                    Some(None)
                } else {
                    read_driver_ref(val, &p, side, ck).map(Some)
                }
            }
            "priority" => o.priority = choice(ck, val, &p, side),
            "load1" => o.load1 = decimal(ck, val, &p, side, None, None),
            "load2" => o.load2 = decimal(ck, val, &p, side, None, None),
            "load3" => o.load3 = decimal(ck, val, &p, side, None, None),
            "load4" => o.load4 = decimal(ck, val, &p, side, None, None),
            "vehicleFeatures" => o.vehicle_features = strings(ck, val, &p, side),
            "skills" => o.skills = strings(ck, val, &p, side),
            "notes" => o.notes = text(ck, val, &p, side),
            "customField1" => o.custom_field1 = text(ck, val, &p, side),
            "customField2" => o.custom_field2 = text(ck, val, &p, side),
            "customField3" => o.custom_field3 = text(ck, val, &p, side),
            "customField4" => o.custom_field4 = text(ck, val, &p, side),
            "customField5" => o.custom_field5 = text(ck, val, &p, side),
            "customFields" => o.custom_fields = read_custom_fields(val, &p, side, ck),
            "email" => o.email = email(ck, val, &p, side),
            "phone" => o.phone = text(ck, val, &p, side),
            "notificationPreference" => o.notification_preference = choice(ck, val, &p, side),
            "barcode" => {
                o.barcode = list(ck, val, &p, side, None, |ck, v, p| {
                    read_barcode(v, p, side, ck)
                })
            }
            _ => unknown(
                ck,
                side,
                path,
                k,
                val,
                "an order",
                ORDER_FIELDS,
                &mut o.extra,
            ),
        }
    }
    if side == Side::Request {
        order_rules(&o, obj, path, ctx, ck);
    }
    Some(o)
}

fn order_type(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<OrderType> {
    if side == Side::Response {
        return choice(ck, v, p, side);
    }
    let s = ck.one_of(v, p, OrderType::REQUEST_NAMES)?;
    OrderType::from_name(s)
}

fn email(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<String> {
    let s = text(ck, v, p, side)?;
    if side == Side::Request && !s.is_empty() && !s.contains('@') {
        ck.warning(
            p,
            codes::INVALID_FORMAT,
            format!(
                "`email` \"{}\" does not look like an email address; notifications to it will fail.",
                super::read::excerpt(&s)
            ),
        );
    }
    Some(s)
}

/// The rules between an order's fields, for requests.
fn order_rules(o: &Order, obj: &Object, path: &Path, ctx: OrderContext, ck: &mut Checker) {
    let has = |k: &str| obj.contains_key(k);
    let has_ref = has("id") || has("orderNo");
    let creation = match ctx {
        OrderContext::CreateOrder => create_order_rules(o, path, has_ref, &has, ck),
        OrderContext::CreateOrUpdateOrders => bulk_order_rules(o, path, has_ref, &has, ck),
        OrderContext::Response => return,
    };
    if o.operation == Some(Operation::Create) && has("id") {
        ck.push(
            Issue::error(
                path.key("id").to_pointer(),
                codes::CONFLICTING_FIELDS,
                "`id` cannot be sent with operation CREATE (OptimoRoute assigns it): remove id, or use UPDATE, SYNC or MERGE to change an existing order.",
            )
            .with_vendor_code("ERR_INVALID_PARAM_FORMAT"),
        );
    }
    if ctx == OrderContext::CreateOrder && has("timeWindows") {
        for tw in ["twFrom", "twTo"] {
            if has(tw) {
                ck.warning(
                    &path.key(tw),
                    codes::CONFLICTING_FIELDS,
                    format!("`{tw}` is ignored because timeWindows is set; put the window in timeWindows."),
                );
            }
        }
    }
    if let Some(loc) = obj.get("location").and_then(Value::as_object) {
        let lp = path.key("location");
        match ctx {
            OrderContext::CreateOrder => create_order_location_rules(loc, &lp, ck),
            _ => bulk_location_rules(loc, &lp, creation, ck),
        }
    }
    // Contact details matter only where the order ends up without its stored ones: a new order,
    // or SYNC, which replaces everything.
    if creation == Creation::Certain || o.operation == Some(Operation::Sync) {
        notification_rules(o, path, ck);
    }
}

fn create_order_rules(
    o: &Order,
    path: &Path,
    has_ref: bool,
    has: &dyn Fn(&str) -> bool,
    ck: &mut Checker,
) -> Creation {
    if !has("operation") {
        ck.missing(
            path,
            "operation",
            "one of \"CREATE\", \"UPDATE\", \"SYNC\" or \"MERGE\" (SYNC creates or replaces)",
        );
    }
    if !has_ref {
        ck.missing(
            path,
            "orderNo",
            "give orderNo (or id) to identify the order",
        );
    }
    match o.operation {
        Some(Operation::Update) => Creation::No,
        Some(op) => {
            for (field, what) in [
                ("date", "the order date as YYYY-MM-DD"),
                ("type", "\"D\" (delivery), \"P\" (pickup) or \"T\" (task)"),
                ("location", "the delivery/service location"),
            ] {
                if !has(field) {
                    ck.missing(
                        path,
                        field,
                        &format!("{what}; only UPDATE may leave it out"),
                    );
                }
            }
            if op == Operation::Create {
                Creation::Certain
            } else {
                Creation::Possible
            }
        }
        None => Creation::Unknown,
    }
}

fn bulk_order_rules(
    o: &Order,
    path: &Path,
    has_ref: bool,
    has: &dyn Fn(&str) -> bool,
    ck: &mut Checker,
) -> Creation {
    let (has_id, has_no) = (has("id"), has("orderNo"));
    let creation = match (o.operation, has("operation")) {
        (None, true) => Creation::Unknown,
        (Some(Operation::Create), _) => Creation::Certain,
        (Some(Operation::Update), _) => Creation::No,
        (Some(_), _) if !has_ref => Creation::Certain,
        (Some(_), _) => Creation::Possible,
        (None, false) if has_id => Creation::No,
        (None, false) if !has_no => Creation::Certain,
        (None, false) => Creation::Possible,
    };
    if o.operation == Some(Operation::Update) && !has_ref {
        ck.push(
            Issue::error(
                path.key("orderNo").to_pointer(),
                codes::MISSING_FIELD,
                "`orderNo` is required: UPDATE needs orderNo or id to find the order.",
            )
            .with_vendor_code("ERR_INVALID_PARAM_FORMAT"),
        );
    }
    // When the order is only possibly new (SYNC/MERGE or no operation, with an orderNo), a
    // partial update is the documented use, so nothing is demanded: the server decides.
    if creation == Creation::Certain {
        for field in ["date", "location"] {
            if !has(field) {
                ck.push(
                    Issue::error(
                        path.key(field).to_pointer(),
                        codes::MISSING_FIELD,
                        format!("`{field}` is required: this order will be created, and new orders need date and location."),
                    )
                    .with_vendor_code("ERR_INVALID_PARAM_FORMAT"),
                );
            }
        }
    }
    creation
}

/// `create_order`: a location is defined by `locationNo` alone (an existing location), by
/// `latitude` + `longitude` + `locationName`, or by `address` (geocoded).
fn create_order_location_rules(loc: &Object, lp: &Path, ck: &mut Checker) {
    let has = |k: &str| loc.contains_key(k);
    let (has_lat, has_lon) = (has("latitude"), has("longitude"));
    coordinate_pair(has_lat, has_lon, lp, ck);
    let by_coordinates = has_lat && has_lon && has("locationName");
    let by_address = has("address");
    if by_coordinates || by_address {
        if has_lat && has_lon && !has("locationName") {
            ck.warning(
                &lp.key("latitude"),
                codes::CONFLICTING_FIELDS,
                "latitude and longitude define the location only together with locationName; without it the address is geocoded instead. Add locationName to use these coordinates.",
            );
        }
        if by_coordinates {
            geocoding_flags_unused(loc, lp, "the location is defined by its coordinates", ck);
        }
    } else if has("locationNo") {
        for stray in ["locationName", "latitude", "longitude"] {
            if has(stray) {
                ck.warning(
                    &lp.key(stray),
                    codes::CONFLICTING_FIELDS,
                    format!("With locationNo alone the existing location is used, so `{stray}` should not be given: OptimoRoute may geocode or create a location instead. To define a new location give latitude, longitude and locationName."),
                );
            }
        }
        geocoding_flags_unused(loc, lp, "an existing location is used", ck);
    } else if !has_lat && !has_lon {
        ck.push(
            Issue::error(
                lp.to_pointer(),
                or_codes::INCOMPLETE_LOCATION,
                "The location is not defined: give locationNo (an existing location), or latitude, longitude and locationName, or an address to geocode.",
            )
            .with_vendor_code("ERR_LOC_NOT_VALID"),
        );
    }
}

/// `create_or_update_orders`: no geocoding; a location that is created needs `latitude`,
/// `longitude` and one of `locationNo`, `address`, `locationName`.
fn bulk_location_rules(loc: &Object, lp: &Path, creation: Creation, ck: &mut Checker) {
    let has = |k: &str| loc.contains_key(k);
    let (has_lat, has_lon, has_no) = (has("latitude"), has("longitude"), has("locationNo"));
    coordinate_pair(has_lat, has_lon, lp, ck);
    if has_lat != has_lon || has_no {
        return;
    }
    let problem = if !has_lat {
        if has("address") {
            ck.push(
                Issue::error(
                    lp.to_pointer(),
                    or_codes::INCOMPLETE_LOCATION,
                    "create_or_update_orders cannot geocode an address: give latitude and longitude, or the locationNo of an existing location, or send this order with create_order.",
                )
                .with_vendor_code("ERR_LOC_NOT_VALID"),
            );
            return;
        }
        "a new location needs latitude, longitude and one of locationNo, address or locationName"
    } else if has("address") || has("locationName") {
        return;
    } else {
        "a new location needs locationNo, address or locationName besides its coordinates"
    };
    // As for date and location: only a certain creation is held to what creation needs.
    if creation == Creation::Certain {
        ck.push(
            Issue::error(
                lp.to_pointer(),
                or_codes::INCOMPLETE_LOCATION,
                format!("This order will be created with a new location, and {problem}."),
            )
            .with_vendor_code("ERR_LOC_NOT_VALID"),
        );
    }
}

fn coordinate_pair(has_lat: bool, has_lon: bool, lp: &Path, ck: &mut Checker) {
    if has_lat && !has_lon {
        ck.missing(lp, "longitude", "latitude and longitude go together");
    } else if has_lon && !has_lat {
        ck.missing(lp, "latitude", "latitude and longitude go together");
    }
}

fn geocoding_flags_unused(loc: &Object, lp: &Path, why: &str, ck: &mut Checker) {
    for f in GEOCODING_FLAGS {
        if loc.contains_key(f) {
            ck.warning(
                &lp.key(f),
                codes::CONFLICTING_FIELDS,
                format!(
                    "`{f}` applies only when the address is geocoded, but {why}: it has no effect."
                ),
            );
        }
    }
}

fn notification_rules(o: &Order, path: &Path, ck: &mut Checker) {
    let Some(pref) = o.notification_preference else {
        return;
    };
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    let wants_email = matches!(
        pref,
        NotificationPreference::Email | NotificationPreference::Both
    );
    let wants_sms = matches!(
        pref,
        NotificationPreference::Sms | NotificationPreference::Both
    );
    for (wanted, value, field) in [
        (wants_email, &o.email, "email"),
        (wants_sms, &o.phone, "phone"),
    ] {
        if wanted && blank(value) {
            ck.warning(
                &path.key("notificationPreference"),
                codes::CONFLICTING_FIELDS,
                format!("notificationPreference \"{}\" sends to `{field}`, which is empty: give {field} or change the preference.", pref.as_str()),
            );
        }
    }
}

/// Reads a Location Object. Geocoding flags are accepted in `create_order` only; `valid` is
/// read-only and warned about in requests.
pub fn read_location(
    v: &Value,
    path: &Path,
    ctx: OrderContext,
    ck: &mut Checker,
) -> Option<Location> {
    let side = ctx.side();
    if absent(v, side) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut l = Location::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "locationNo" => l.location_no = text(ck, val, &p, side),
            "locationName" => l.location_name = text(ck, val, &p, side),
            "address" => l.address = text(ck, val, &p, side),
            "latitude" => l.latitude = decimal(ck, val, &p, side, Some(-90.0), Some(90.0)),
            "longitude" => l.longitude = decimal(ck, val, &p, side, Some(-180.0), Some(180.0)),
            "valid" => {
                if side == Side::Request {
                    ck.warning(
                        &p,
                        or_codes::READ_ONLY_FIELD,
                        "`valid` is read-only: OptimoRoute ignores it in requests.",
                    );
                }
                l.valid = flag(ck, val, &p, side);
            }
            "checkInTime" => l.check_in_time = super::read::count(ck, val, &p, side),
            "notes" => l.notes = text(ck, val, &p, side),
            "acceptMultipleResults" | "acceptPartialMatch" | "storeInvalid"
                if ctx == OrderContext::CreateOrUpdateOrders =>
            {
                ck.warning(
                    &p,
                    codes::UNKNOWN_FIELD,
                    format!("`{k}` has no effect in create_or_update_orders, which does not geocode; use create_order to geocode an address."),
                );
                l.extra.push(k.to_owned(), val.clone().into_owned());
            }
            "acceptMultipleResults" if ctx == OrderContext::CreateOrder => {
                l.accept_multiple_results = flag(ck, val, &p, side)
            }
            "acceptPartialMatch" if ctx == OrderContext::CreateOrder => {
                l.accept_partial_match = flag(ck, val, &p, side)
            }
            "storeInvalid" if ctx == OrderContext::CreateOrder => {
                l.store_invalid = flag(ck, val, &p, side)
            }
            _ => unknown(
                ck,
                side,
                path,
                k,
                val,
                "a location",
                LOCATION_FIELDS,
                &mut l.extra,
            ),
        }
    }
    swapped_check(
        ck,
        path,
        obj.get("latitude"),
        obj.get("longitude"),
        ("latitude", "longitude"),
    );
    Some(l)
}

/// Reads one `timeWindows` item: `twFrom` and `twTo`, both `HH:MM`.
pub fn read_time_window(
    v: &Value,
    path: &Path,
    side: Side,
    ck: &mut Checker,
) -> Option<TimeWindow> {
    if absent(v, side) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut w = TimeWindow::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "twFrom" => w.tw_from = clock(ck, val, &p, side),
            "twTo" => w.tw_to = clock(ck, val, &p, side),
            _ => unknown(
                ck,
                side,
                path,
                k,
                val,
                "a time window",
                &["twFrom", "twTo"],
                &mut w.extra,
            ),
        }
    }
    if side == Side::Request {
        for field in ["twFrom", "twTo"] {
            if !obj.contains_key(field) {
                ck.missing(path, field, "a time window has twFrom and twTo, as HH:MM");
            }
        }
    }
    Some(w)
}

/// Reads a `{from, to}` date range and checks `from` ≤ `to` (`INVALID_RANGE`, with
/// `reversed_code` as the vendor code when given). With `allow_empty`, `{}` means "no
/// restriction" (`allowedDates`); otherwise both ends are mandatory. Also returns the two
/// dates when both are valid.
pub fn read_date_range(
    v: &Value,
    path: &Path,
    side: Side,
    allow_empty: bool,
    reversed_code: Option<&'static str>,
    ck: &mut Checker,
) -> Option<(DateRange, Option<(CalendarDate, CalendarDate)>)> {
    if absent(v, side) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut r = DateRange::default();
    let (mut from, mut to) = (None, None);
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "from" => {
                from = date_value(ck, val, &p, side).map(|(s, d)| {
                    r.from = Some(s);
                    d
                })
            }
            "to" => {
                to = date_value(ck, val, &p, side).map(|(s, d)| {
                    r.to = Some(s);
                    d
                })
            }
            _ => unknown(
                ck,
                side,
                path,
                k,
                val,
                "a date range",
                &["from", "to"],
                &mut r.extra,
            ),
        }
    }
    if side == Side::Request {
        let (has_from, has_to) = (obj.contains_key("from"), obj.contains_key("to"));
        if !(allow_empty && !has_from && !has_to) {
            let what = if allow_empty {
                "a date range has from and to as YYYY-MM-DD; use {} for no restriction"
            } else {
                "a date range has from and to as YYYY-MM-DD"
            };
            if !has_from {
                ck.missing(path, "from", what);
            }
            if !has_to {
                ck.missing(path, "to", what);
            }
        }
    }
    let both = from.zip(to);
    if let Some((f, t)) = both {
        if t < f {
            let mut issue = Issue::error(
                path.key("to").to_pointer(),
                or_codes::INVALID_RANGE,
                format!("The range ends ({t}) before it starts ({f}): `to` must not be earlier than `from`."),
            );
            if let Some(code) = reversed_code {
                issue = issue.with_vendor_code(code);
            }
            ck.push(issue);
        }
    }
    Some((r, both))
}

/// Reads one `allowedDateTimes` item: `from` and/or `to`, `YYYY-MM-DDTHH:MM:SS` or `null`.
pub fn read_datetime_window(
    v: &Value,
    path: &Path,
    side: Side,
    ck: &mut Checker,
) -> Option<DateTimeWindow> {
    if absent(v, side) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut w = DateTimeWindow::default();
    let (mut from, mut to) = (None, None);
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "from" | "to" if val.is_null() => {}
            "from" => {
                from = local_datetime(ck, val, &p, side, b'T').map(|(s, at)| {
                    w.from = Some(s);
                    at
                })
            }
            "to" => {
                to = local_datetime(ck, val, &p, side, b'T').map(|(s, at)| {
                    w.to = Some(s);
                    at
                })
            }
            _ => unknown(
                ck,
                side,
                path,
                k,
                val,
                "a date-time window",
                &["from", "to"],
                &mut w.extra,
            ),
        }
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            ck.error(
                &path.key("to"),
                or_codes::INVALID_RANGE,
                "The window ends before it starts: `to` (the latest time to begin service) must not be earlier than `from`.",
            );
        }
    }
    Some(w)
}

/// Reads a driver reference `{serial}` / `{externalId}` (one of them is mandatory in requests).
pub fn read_driver_ref(v: &Value, path: &Path, side: Side, ck: &mut Checker) -> Option<DriverRef> {
    if absent(v, side) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut d = DriverRef::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "serial" => d.serial = text(ck, val, &p, side),
            "externalId" => d.external_id = text(ck, val, &p, side),
            _ => unknown(
                ck,
                side,
                path,
                k,
                val,
                "a driver reference",
                &["serial", "externalId"],
                &mut d.extra,
            ),
        }
    }
    if side == Side::Request && !obj.contains_key("serial") && !obj.contains_key("externalId") {
        ck.missing(
            path,
            "serial",
            "identify the driver by serial or externalId",
        );
    }
    Some(d)
}

fn read_barcode(v: &Value, path: &Path, side: Side, ck: &mut Checker) -> Option<Barcode> {
    if absent(v, side) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut b = Barcode::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "barcode" => b.barcode = text(ck, val, &p, side),
            _ => unknown(
                ck,
                side,
                path,
                k,
                val,
                "a barcode",
                &["barcode"],
                &mut b.extra,
            ),
        }
    }
    if side == Side::Request && !obj.contains_key("barcode") {
        ck.missing(
            path,
            "barcode",
            "each barcode object holds its text in `barcode`",
        );
    }
    Some(b)
}

/// Reads `customFields`: values are strings, numbers or booleans; the legacy keys
/// `custom_field_1`..`custom_field_5` belong in `customField1`..`customField5` instead.
pub fn read_custom_fields(
    v: &Value,
    path: &Path,
    side: Side,
    ck: &mut Checker,
) -> Option<CustomFields> {
    if absent(v, side) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut fields = Vec::with_capacity(obj.len());
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if side == Side::Request {
            if let Some(n) = legacy_custom_field(k) {
                ck.push(
                    Issue::error(
                        p.to_pointer(),
                        or_codes::LEGACY_CUSTOM_FIELD,
                        format!("`{k}` is a legacy custom field: set it with the order's customField{n}, not inside customFields."),
                    )
                    .with_vendor_code("ERR_INVALID_PARAM_FORMAT"),
                );
                continue;
            }
        }
        let value = match val {
            Value::String(s) => Some(CustomFieldValue::Text(s.to_string())),
            Value::Bool(b) => Some(CustomFieldValue::Bool(*b)),
            Value::Number(_) => ck.number(val, &p).map(CustomFieldValue::Number),
            Value::Null if side == Side::Response => None,
            _ => {
                ck.error(
                    &p,
                    codes::INVALID_TYPE,
                    format!(
                        "Custom field {} must be a string, a number or true/false, not {}.",
                        p.name(),
                        crate::check::describe(val)
                    ),
                );
                None
            }
        };
        if let Some(value) = value {
            fields.push((k.to_owned(), value));
        }
    }
    Some(CustomFields(fields))
}

/// `Some(n)` when `key` is `custom_field_n` with n in 1..=5.
fn legacy_custom_field(key: &str) -> Option<char> {
    let n = key.strip_prefix("custom_field_")?;
    let mut chars = n.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ '1'..='5'), None) => Some(c),
        _ => None,
    }
}
