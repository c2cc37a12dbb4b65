//! Readers of the Order Object, the Location Object and the small objects inside an order, with
//! the rules `create_order` and `create_or_update_orders` put on them.
//!
//! Each reader walks an object's entries once, with one `match` arm per documented key; rules
//! that involve several fields run after the walk, on presence (`contains_key`, or the keys seen
//! when an order is read straight from a batch's text), so a field that is present but malformed
//! is reported once, as malformed, not a second time as missing.

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
use crate::json::{Cursor, Path, Unreadable, Value};

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
        order_member(&mut o, k, val, path, ctx, ck);
    }
    if side == Side::Request {
        let location = obj.get("location").and_then(Value::as_object);
        let location_has = location.map(|loc| move |k: &str| loc.contains_key(k));
        order_rules(
            &o,
            &|k| obj.contains_key(k),
            location_has
                .as_ref()
                .map(|has| has as &dyn Fn(&str) -> bool),
            path,
            ctx,
            ck,
        );
    }
    Some(o)
}

/// Reads an order in `ctx` straight from its text at `cursor` (an item of a batch being
/// walked), with the same result and issues as [`read_order_as`] on the parsed item: each
/// member goes through the same code, and the rules between fields see the same presence.
/// The location and the time windows are read from the text too; any other object or list
/// is parsed whole. `Err` when the item is not an object or not JSON: nothing is lost then,
/// the caller parses the item and reads it with [`read_order_as`].
pub fn read_order_text<'a>(
    cursor: &mut Cursor<'a, '_>,
    path: &Path,
    ctx: OrderContext,
    ck: &mut Checker,
) -> Result<Box<Order>, Unreadable> {
    let side = ctx.side();
    let mut members = cursor.open_object()?;
    // Boxed from the start: the typed order is large, and is handed over boxed.
    let mut o = Box::<Order>::default();
    let mut present = Present::default();
    let mut location_present: Option<Present> = None;
    while let Some(k) = cursor.key(&mut members)? {
        present.mark(&k, order_rule_bit);
        let p = path.key(&k);
        match (&*k, cursor.peek()) {
            ("location", Some(b'{')) => {
                let (location, keys) = read_location_text(cursor, &p, ctx, ck)?;
                o.location = Some(location);
                location_present = Some(keys);
            }
            ("timeWindows", Some(b'[')) => {
                o.time_windows = Some(read_time_windows_text(cursor, &p, side, ck)?);
            }
            _ => {
                let val = cursor.value()?;
                order_member(&mut o, &k, &val, path, ctx, ck);
                cursor.recycle(val);
                if k == "location" {
                    location_present = None;
                }
            }
        }
    }
    if side == Side::Request {
        let location_has = location_present.map(|l| move |k: &str| l.has(k, location_rule_bit));
        order_rules(
            &o,
            &|k| present.has(k, order_rule_bit),
            location_has
                .as_ref()
                .map(|has| has as &dyn Fn(&str) -> bool),
            path,
            ctx,
            ck,
        );
    }
    Ok(o)
}

/// The bit of each key whose presence the rules between an order's fields ask about (0 for any
/// other key): see [`Present`].
fn order_rule_bit(key: &str) -> u32 {
    match key {
        "id" => 1,
        "orderNo" => 1 << 1,
        "operation" => 1 << 2,
        "date" => 1 << 3,
        "type" => 1 << 4,
        "location" => 1 << 5,
        "timeWindows" => 1 << 6,
        "twFrom" => 1 << 7,
        "twTo" => 1 << 8,
        _ => 0,
    }
}

/// The bit of each key whose presence the location rules ask about (0 for any other key).
fn location_rule_bit(key: &str) -> u32 {
    match key {
        "latitude" => 1,
        "longitude" => 1 << 1,
        "locationNo" => 1 << 2,
        "locationName" => 1 << 3,
        "address" => 1 << 4,
        "acceptMultipleResults" => 1 << 5,
        "acceptPartialMatch" => 1 << 6,
        "storeInvalid" => 1 << 7,
        _ => 0,
    }
}

/// The bit of each key of a time window (0 for any other key).
fn time_window_bit(key: &str) -> u32 {
    match key {
        "twFrom" => 1,
        "twTo" => 1 << 1,
        _ => 0,
    }
}

const TIME_WINDOW_KEYS: &[&str] = &["twFrom", "twTo"];

/// Which of a short list of keys an object read from text has had, for the rules that ask
/// what `contains_key` answers for a parsed object. A list is a function giving each of its
/// keys a bit of its own (`order_rule_bit`): a `match` on the names compares each with one of
/// known length, where a search through a list of names compares byte by byte in a loop on
/// wasm32, once for every member of every order of a batch.
#[derive(Debug, Default, Clone, Copy)]
struct Present {
    mask: u32,
}

impl Present {
    fn mark(&mut self, key: &str, bit: impl Fn(&str) -> u32) {
        self.mask |= bit(key);
    }

    fn has(&self, key: &str, bit: impl Fn(&str) -> u32) -> bool {
        let bit = bit(key);
        debug_assert!(bit != 0, "`{key}` is not among the keys kept");
        self.mask & bit != 0
    }
}

/// Reads the Location Object at `cursor` from its text, as [`read_location`] reads a parsed
/// one, and says which of the keys the location rules ask about it has.
fn read_location_text<'a>(
    cursor: &mut Cursor<'a, '_>,
    path: &Path,
    ctx: OrderContext,
    ck: &mut Checker,
) -> Result<(Location, Present), Unreadable> {
    let mut members = cursor.open_object()?;
    let mut l = Location::default();
    let mut present = Present::default();
    let (mut latitude, mut longitude) = (None, None);
    while let Some(k) = cursor.key(&mut members)? {
        present.mark(&k, location_rule_bit);
        let val = cursor.value()?;
        location_member(&mut l, &k, &val, path, ctx, ck);
        // The swapped-coordinates check reads the last of each, as `get` does.
        match &*k {
            "latitude" => latitude = Some(val),
            "longitude" => longitude = Some(val),
            _ => cursor.recycle(val),
        }
    }
    // A latitude read within ±90° cannot be a swapped one: only the others are looked at
    // again (which parses both numbers a second time).
    if l.latitude.is_none_or(|lat| lat.abs() > 90.0) {
        swapped_check(
            ck,
            path,
            latitude.as_ref(),
            longitude.as_ref(),
            ("latitude", "longitude"),
        );
    }
    Ok((l, present))
}

/// Reads a `timeWindows` list at `cursor` from its text, as `list` with [`read_time_window`]
/// reads a parsed one.
fn read_time_windows_text<'a>(
    cursor: &mut Cursor<'a, '_>,
    path: &Path,
    side: Side,
    ck: &mut Checker,
) -> Result<Vec<TimeWindow>, Unreadable> {
    let mut items = cursor.open_array()?;
    let mut windows = Vec::new();
    let mut i = 0;
    while cursor.item(&mut items)? {
        let p = path.index(i);
        let window = if cursor.peek() == Some(b'{') {
            let mut members = cursor.open_object()?;
            let mut w = TimeWindow::default();
            let mut present = Present::default();
            while let Some(k) = cursor.key(&mut members)? {
                present.mark(&k, time_window_bit);
                let val = cursor.value()?;
                time_window_member(&mut w, &k, &val, &p, side, ck);
                cursor.recycle(val);
            }
            time_window_rules(&|k| present.has(k, time_window_bit), &p, side, ck);
            Some(w)
        } else {
            let val = cursor.value()?;
            let window = read_time_window(&val, &p, side, ck);
            cursor.recycle(val);
            window
        };
        windows.extend(window);
        i += 1;
    }
    Ok(windows)
}

/// Reads one member of an order object into `o`.
fn order_member(
    o: &mut Order,
    k: &str,
    val: &Value,
    path: &Path,
    ctx: OrderContext,
    ck: &mut Checker,
) {
    let side = ctx.side();
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

/// The rules between an order's fields, for requests: `has` says which keys the order has,
/// `location` which keys its location has when that is an object.
fn order_rules(
    o: &Order,
    has: &dyn Fn(&str) -> bool,
    location: Option<&dyn Fn(&str) -> bool>,
    path: &Path,
    ctx: OrderContext,
    ck: &mut Checker,
) {
    let has_ref = has("id") || has("orderNo");
    let creation = match ctx {
        OrderContext::CreateOrder => create_order_rules(o, path, has_ref, has, ck),
        OrderContext::CreateOrUpdateOrders => bulk_order_rules(o, path, has_ref, has, ck),
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
    if let Some(loc) = location {
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
fn create_order_location_rules(has: &dyn Fn(&str) -> bool, lp: &Path, ck: &mut Checker) {
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
            geocoding_flags_unused(has, lp, "the location is defined by its coordinates", ck);
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
        geocoding_flags_unused(has, lp, "an existing location is used", ck);
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
fn bulk_location_rules(
    has: &dyn Fn(&str) -> bool,
    lp: &Path,
    creation: Creation,
    ck: &mut Checker,
) {
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

fn geocoding_flags_unused(has: &dyn Fn(&str) -> bool, lp: &Path, why: &str, ck: &mut Checker) {
    for f in GEOCODING_FLAGS {
        if has(f) {
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
        location_member(&mut l, k, val, path, ctx, ck);
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

/// Reads one member of a Location Object into `l`.
fn location_member(
    l: &mut Location,
    k: &str,
    val: &Value,
    path: &Path,
    ctx: OrderContext,
    ck: &mut Checker,
) {
    let side = ctx.side();
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
        time_window_member(&mut w, k, val, path, side, ck);
    }
    time_window_rules(&|k| obj.contains_key(k), path, side, ck);
    Some(w)
}

/// Reads one member of a `timeWindows` item into `w`.
fn time_window_member(
    w: &mut TimeWindow,
    k: &str,
    val: &Value,
    path: &Path,
    side: Side,
    ck: &mut Checker,
) {
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
            TIME_WINDOW_KEYS,
            &mut w.extra,
        ),
    }
}

/// A time window in a request has both ends.
fn time_window_rules(has: &dyn Fn(&str) -> bool, path: &Path, side: Side, ck: &mut Checker) {
    if side == Side::Request {
        for field in TIME_WINDOW_KEYS {
            if !has(field) {
                ck.missing(path, field, "a time window has twFrom and twTo, as HH:MM");
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, Scratch};

    /// An order read and the issues reading it recorded.
    type Read = (Option<Order>, Vec<Issue>);

    /// Reads `text` (an order) both ways: straight from the text (`None` when that reader
    /// declined it), and parsed.
    fn both(text: &str) -> (Option<Read>, Read) {
        let path = Path::root();
        let mut scratch = Scratch::default();
        let mut cursor = Cursor::new(text, 0, 0, &mut scratch);
        let mut ck = Checker::new();
        let direct = read_order_text(
            &mut cursor,
            &path,
            OrderContext::CreateOrUpdateOrders,
            &mut ck,
        )
        .ok()
        .map(|o| (Some(*o), ck.issues));
        let mut ck = Checker::new();
        // The test texts are JSON: parsing them cannot fail.
        let value = parse(text).unwrap();
        let parsed = read_order_as(&value, &path, OrderContext::CreateOrUpdateOrders, &mut ck);
        (direct, (parsed, ck.issues))
    }

    #[test]
    fn an_order_read_from_its_text_is_the_order_read_from_the_parsed_text() {
        for text in [
            r#"{"orderNo":"A-1","date":"2024-03-22","type":"D","location":{"locationNo":"L1","locationName":"Shop","latitude":42.35,"longitude":-71.05},"duration":7.5,"timeWindows":[{"twFrom":"13:00","twTo":"15:00"}],"priority":"H","load1":4,"skills":["COLD"],"email":"a@b.c","notificationPreference":"email"}"#,
            // Swapped coordinates, a window without its end, a misspelt field, a bad email.
            r#"{ "orderNo" : "A-2", "location" : { "latitude" : -71.05, "longitude" : 42.35, "address": "1 Main St" }, "timeWindows" : [ { "twFrom" : "9:00" }, 5 ], "dat": "x", "email": "nobody" }"#,
            // Keys twice: the last one counts, each is reported as read.
            r#"{"orderNo":1,"orderNo":"A-3","location":{"latitude":1},"location":"here","timeWindows":{},"date":"2024-02-30"}"#,
            // Coordinates swapped for real (a latitude past 90°), and latitudes given twice: a
            // last one within range, one past it, one that is text.
            r#"{"orderNo":"A-4","location":{"latitude":151.2093,"longitude":-33.8688}}"#,
            r#"{"orderNo":"A-5","location":{"latitude":151.2093,"longitude":-33.8688,"latitude":-33.8}}"#,
            r#"{"orderNo":"A-6","location":{"latitude":-33.8,"longitude":-33.8688,"latitude":151.2093}}"#,
            r#"{"orderNo":"A-7","location":{"latitude":"151.2093","longitude":-33.8688}}"#,
        ] {
            let (direct, (parsed, parsed_issues)) = both(text);
            let Some((order, issues)) = direct else {
                panic!("not read from its text: {text}");
            };
            assert_eq!(order, parsed, "{text}");
            assert_eq!(issues, parsed_issues, "{text}");
        }
        let swapped_warnings = |text: &str| {
            let (direct, _) = both(text);
            direct.map_or(0, |(_, issues)| {
                issues
                    .iter()
                    .filter(|i| i.code == codes::COORDINATES_SWAPPED)
                    .count()
            })
        };
        assert_eq!(
            swapped_warnings(r#"{"location":{"latitude":151.2,"longitude":-33.8}}"#),
            1
        );
        assert_eq!(
            swapped_warnings(
                r#"{"location":{"latitude":151.2,"longitude":-33.8,"latitude":-33.8}}"#
            ),
            0
        );
        assert_eq!(
            swapped_warnings(
                r#"{"location":{"latitude":-33.8,"longitude":-33.8,"latitude":151.2}}"#
            ),
            1
        );
        // What is not an order object is left to the parsed reader.
        assert!(both("[1]").0.is_none());
        assert!(both(r#""order""#).0.is_none());
    }

    /// Each key a rule asks about has a bit of its own, and a key no rule asks about has none:
    /// a rule on one key must not see another's presence.
    #[test]
    fn each_key_the_rules_ask_about_has_a_bit_of_its_own() {
        let check = |bit: fn(&str) -> u32, keys: &[&str]| {
            let all = keys.iter().fold(0u32, |mask, k| {
                assert_eq!(bit(k).count_ones(), 1, "{k}");
                mask | bit(k)
            });
            assert_eq!(all.count_ones() as usize, keys.len(), "{keys:?}");
            for other in ["", "ID", "orderno", "notes", "location ", "twFro"] {
                assert_eq!(bit(other), 0, "{other}");
            }
        };
        check(
            order_rule_bit,
            &[
                "id",
                "orderNo",
                "operation",
                "date",
                "type",
                "location",
                "timeWindows",
                "twFrom",
                "twTo",
            ],
        );
        check(
            location_rule_bit,
            &[
                "latitude",
                "longitude",
                "locationNo",
                "locationName",
                "address",
                "acceptMultipleResults",
                "acceptPartialMatch",
                "storeInvalid",
            ],
        );
        check(time_window_bit, TIME_WINDOW_KEYS);
    }
}
