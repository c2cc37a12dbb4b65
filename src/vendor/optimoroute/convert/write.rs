//! Canonical orders → OptimoRoute order objects, written as JSON text directly.

use super::read::{allowed_window_texts, clock_window, legacy_custom_field, window_sources};
use super::{
    form, output, Form, WindowField, ENVELOPE_KEY, ID, LOAD_FIELDS, NAME, TARGET_ENDPOINTS,
    WINDOW_SOURCES,
};
use crate::check::{CalendarDate, Checker};
use crate::convert::derive::join_address;
use crate::convert::derive::joined_address_form;
use crate::convert::tables::{optimoroute_kind, optimoroute_priority};
use crate::convert::write::{
    bounds_for, child, lose_if, lose_list, lose_other_vendors, lose_refined, require, whole,
    window_pointer,
};
use crate::convert::{codes, LoadSlot, WindowSemantics, WriteCx};
use crate::issue::Text;
use crate::json::{write_escaped_str, write_number, Object, Path, Value};
use crate::model::{
    Assignment, CompletionRules, Contact, Load, Location, Money, Notifications, Order, OrderKind,
    OrderRef, PlannedStop, Requirements, Scheduling, Service,
};
use crate::time::forms::{format_optimoroute_allowed_date_time, format_optimoroute_time_window};
use crate::time::text::{write_date, write_hhmm, DAY_S};
use crate::time::{convert_bounds, to_local, EndBound, TimeWindow, WindowKind};
use crate::vendor::optimoroute::model::{Operation, Weekday};

/// Appends JSON object members to a string, with the commas.
struct Members<'s> {
    out: &'s mut String,
    empty: bool,
}

impl<'s> Members<'s> {
    fn open(out: &'s mut String) -> Self {
        out.push('{');
        Members { out, empty: true }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_escaped_str(self.out, key);
        self.out.push(':');
        self.out
    }

    fn str(&mut self, key: &str, value: &str) {
        let out = self.key(key);
        write_escaped_str(out, value);
    }

    /// A finite number (the callers only pass finite values; a non-finite one writes `null`).
    fn num(&mut self, key: &str, value: f64) {
        let out = self.key(key);
        if !write_number(out, value) {
            out.push_str("null");
        }
    }

    fn raw(&mut self, key: &str, json: &str) {
        self.key(key).push_str(json);
    }

    fn value(&mut self, key: &str, value: &Value) {
        let out = self.key(key);
        value.write_json(out);
    }

    fn close(self) {
        self.out.push('}');
    }
}

fn str_list(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_escaped_str(out, s);
    }
    out.push(']');
}

/// The written windows of one order.
#[derive(Default)]
struct Windows {
    /// `timeWindows` items: `twFrom`, `twTo`.
    time_windows: Vec<(String, String)>,
    /// The deprecated pair, either side open.
    pair: Option<(Option<String>, Option<String>)>,
    /// `allowedDateTimes` items: `from`, `to` (`None`: null, unrestricted).
    allowed: Vec<(Option<String>, Option<String>)>,
}

/// The documented order fields `vendor.optimoroute` may hold, and how: every other documented
/// field is held by a canonical field, so a value for it in `vendor.optimoroute` is not used.
const OWN_DOCUMENTED: &[&str] = &[
    "operation",
    "acceptDuplicateOrderNo",
    "relatedOrderNo",
    "relatedId",
    "location",
    "duration",
    "timeWindows",
    "twFrom",
    "twTo",
    "allowedWeekdays",
    "allowedDates",
    "allowedDateTimes",
    "assignedTo",
    "load1",
    "load2",
    "load3",
    "load4",
    "vehicleFeatures",
    "skills",
    "customFields",
    "barcode",
    WINDOW_SOURCES,
];

/// Documented order fields a canonical field holds.
const CANONICAL_HELD: &[&str] = &[
    "id",
    "orderNo",
    "date",
    "type",
    "priority",
    "notes",
    "customField1",
    "customField2",
    "customField3",
    "customField4",
    "customField5",
    "email",
    "phone",
    "notificationPreference",
];

/// Writes one order as an OptimoRoute order object; `None` when it cannot be written (reported).
pub(super) fn write_order(order: &Order, cx: &mut WriteCx) -> Option<String> {
    let Some(out_kind) = output(cx.options) else {
        cx.fail(
            "",
            crate::vendor::codes::UNKNOWN_ENDPOINT,
            format!(
                "OptimoRoute orders are written for {}; \"{}\" is not one of them.",
                crate::check::quote_list(TARGET_ENDPOINTS),
                cx.options
                    .target_endpoint
                    .as_deref()
                    .unwrap_or_default()
                    .chars()
                    .take(40)
                    .collect::<String>()
            ),
        );
        return None;
    };
    let form = form(out_kind, cx.shape);
    let mut text = String::with_capacity(512);
    write(order, form, cx, &mut text);
    if cx.failed() {
        return None;
    }
    Some(text)
}

/// The order's verbatim OptimoRoute fields, when it has them as an object.
fn own_fields(order: &Order) -> Option<&Object<'static>> {
    order.vendor.get(ID).and_then(Value::as_object)
}

fn own_pointer(key: &str) -> String {
    child("/vendor/optimoroute", key)
}

/// The `operation` to write: the order's own, else the caller's default, else `SYNC` for
/// `create_order` (which requires one) and none for a bulk item (OptimoRoute's default
/// behaviour).
fn operation(own: Option<&Object<'static>>, form: Form, cx: &mut WriteCx) -> Option<Operation> {
    let default = cx
        .options
        .defaults
        .as_ref()
        .and_then(|d| d.vendor.get(ID))
        .and_then(|v| v.get("operation"));
    for (value, at) in [
        (
            own.and_then(|o| o.get("operation")),
            "/vendor/optimoroute/operation",
        ),
        (default, "/vendor/optimoroute/operation"),
    ] {
        let Some(value) = value else {
            continue;
        };
        match value.as_str().and_then(Operation::from_name) {
            Some(op) => return Some(op),
            None => {
                cx.fail(
                    at,
                    codes::CANNOT_CONVERT,
                    format!(
                        "`operation` must be one of {}, not {}.",
                        crate::check::quote_list(Operation::NAMES),
                        value.to_json().chars().take(40).collect::<String>()
                    ),
                );
                return None;
            }
        }
    }
    if form == Form::CreateOrder {
        // Not the order's: reading the output back must not make it so (with the envelope).
        let at = "/vendor/optimoroute/operation";
        cx.created(at);
        return Some(Operation::Sync);
    }
    None
}

/// Whether the written order will (or may) be created, which makes `date`, `type` and
/// `location` mandatory.
fn creates(form: Form, op: Option<Operation>, has_id: bool, has_number: bool) -> bool {
    match (form, op) {
        (_, Some(Operation::Update)) => false,
        (Form::CreateOrder, _) => true,
        // Bulk: demanded only where OptimoRoute demands it, when the order is new for sure.
        (Form::Bulk, Some(Operation::Create)) => true,
        (Form::Bulk, Some(_)) => !has_id && !has_number,
        (Form::Bulk, None) => !has_id && !has_number,
    }
}

fn write(order: &Order, form: Form, cx: &mut WriteCx, text: &mut String) {
    let Order {
        id,
        number,
        external_id,
        document_number,
        kind,
        depot_role,
        date,
        location,
        contact,
        time_windows,
        scheduling,
        service,
        load,
        money,
        priority,
        requirements,
        assignment,
        planned_stop,
        geofence_radius_m,
        completion,
        notes,
        description,
        status_comment,
        custom_fields,
        tags,
        barcodes,
        notifications,
        status,
        depends_on,
        related_order,
        created_at_ms,
        vendor,
    } = order;
    lose_other_vendors(vendor, ID, cx);
    let own = own_fields(order);
    if vendor.get(ID).is_some() && own.is_none() {
        cx.lose(
            "/vendor/optimoroute",
            "`vendor.optimoroute` must be an object of OptimoRoute order fields.",
        );
    }
    let own_get = |key: &str| own.and_then(|o| o.get(key));
    let mut m = Members::open(text);

    // Identity and operation.
    let op = operation(own, form, cx);
    if let Some(op) = op {
        m.str("operation", op.as_str());
    }
    match own_get("acceptDuplicateOrderNo") {
        Some(Value::Bool(b)) => m.raw("acceptDuplicateOrderNo", if *b { "true" } else { "false" }),
        Some(_) => cx.lose(
            "/vendor/optimoroute/acceptDuplicateOrderNo",
            "`acceptDuplicateOrderNo` is true or false.",
        ),
        None => {}
    }
    let mut has_id = false;
    if let Some(id) = id {
        let foreign = crate::convert::write::numeric_id(id).is_some() && id.len() < 32;
        if foreign {
            cx.lose(
                "/id",
                format!("\"{id}\" is another system's numeric id; OptimoRoute ids are its own (32 hex digits), and this one cannot select an OptimoRoute order."),
            );
        } else if op == Some(Operation::Create) {
            cx.lose(
                "/id",
                "OptimoRoute assigns the id of a created order: `id` cannot be sent with operation CREATE.",
            );
        } else {
            m.str("id", id);
            has_id = true;
        }
    }
    if let Some(n) = number {
        m.str("orderNo", n);
    }
    if form == Form::CreateOrder && !has_id && number.is_none() {
        require(
            "an orderNo (or id) to identify the order",
            "defaults.number",
            NAME,
            cx,
        );
    }
    write_related(related_order.as_ref(), own, &mut m);
    let creating = creates(form, op, has_id, number.is_some());

    // Windows are placed first: an order without a date takes the day of its first window.
    let order_date = order_date(date.as_deref(), time_windows, cx);
    let windows = write_windows(
        time_windows,
        order_date.as_ref().map(|(_, days)| *days),
        own,
        form,
        service.as_ref().and_then(|s| s.duration_s),
        order,
        cx,
    );
    match &order_date {
        Some((text, _)) => m.str("date", text),
        None if creating => require(
            "the order date (YYYY-MM-DD) to create an order",
            "date",
            NAME,
            cx,
        ),
        None => {}
    }

    // Location.
    write_location(
        location.as_ref(),
        service.as_ref().and_then(|s| s.shared_duration_s),
        own_get("location"),
        form,
        creating,
        &mut m,
        cx,
    );

    // Kind.
    match kind {
        Some(k) => match (k, optimoroute_kind(*k)) {
            (_, Some(code)) => m.str("type", code),
            (OrderKind::DropOff, None) => {
                m.str("type", "D");
                cx.adjust(
                    "/kind",
                    "the drop-off was written as a delivery (type D): OptimoRoute has no drop-off type.",
                );
            }
            (_, None) => {
                cx.lose(
                    "/kind",
                    "OptimoRoute orders are deliveries, pickups or tasks; breaks and depot visits exist only on its routes.",
                );
                if creating && form == Form::CreateOrder {
                    require(
                        "a type (D, P or T) to create an order",
                        "defaults.kind",
                        NAME,
                        cx,
                    );
                }
            }
        },
        None if creating && form == Form::CreateOrder => require(
            "a type (D delivery, P pickup or T task) to create an order",
            "defaults.kind",
            NAME,
            cx,
        ),
        None => {}
    }

    // Service duration, minutes (decimal).
    if let Some(Service {
        duration_s: Some(s),
        shared_duration_s: _,
    }) = service
    {
        write_duration(*s, own_get("duration"), &mut m, cx);
    }

    write_window_fields(&windows, own, form, &mut m, cx);
    write_scheduling(scheduling.as_ref(), own, &mut m, cx);

    // Windows of allowedDateTimes come after allowedDates, as the document lists them.
    if !windows.allowed.is_empty() {
        write_allowed_items(&windows.allowed, own_get("allowedDateTimes"), &mut m);
    } else if let Some(Value::Array(a)) = own_get("allowedDateTimes") {
        if a.is_empty() {
            m.raw("allowedDateTimes", "[]");
        }
    }

    write_assignment(assignment.as_ref(), own_get("assignedTo"), &mut m, cx);
    if let Some(p) = priority {
        m.str("priority", optimoroute_priority(*p));
    }
    write_loads(load.as_ref(), own, &mut m, cx);
    write_requirements(requirements.as_ref(), own, &mut m, cx);
    if let Some(n) = notes {
        m.str("notes", n);
    }
    lose_if(description, "/description", "OptimoRoute has one free text, `notes`, which holds the canonical notes; it has no description.", cx);
    lose_if(
        status_comment,
        "/statusComment",
        "OptimoRoute orders have no status comment.",
        cx,
    );
    write_custom_fields(custom_fields, own_get("customFields"), &mut m, cx);
    write_contact(contact.as_ref(), &mut m, cx);
    write_notifications(notifications.as_ref(), &mut m, cx);
    write_barcodes(barcodes, own_get("barcode"), &mut m);

    // Fields OptimoRoute has no place for.
    lose_if(
        external_id,
        "/externalId",
        "OptimoRoute orders have one client identifier, orderNo, which holds the number.",
        cx,
    );
    lose_if(
        document_number,
        "/documentNumber",
        "OptimoRoute orders have no shipping document number.",
        cx,
    );
    lose_if(
        depot_role,
        "/depotRole",
        "OptimoRoute orders cannot be route depots.",
        cx,
    );
    if let Some(Money {
        amount,
        cost,
        revenue,
        payment_type,
        payment_status,
    }) = money
    {
        let why = "OptimoRoute orders hold no money amounts or payment.";
        lose_if(amount, "/money/amount", why, cx);
        lose_if(cost, "/money/cost", why, cx);
        lose_if(revenue, "/money/revenue", why, cx);
        lose_if(payment_type, "/money/paymentType", why, cx);
        lose_if(payment_status, "/money/paymentStatus", why, cx);
    }
    if let Some(PlannedStop {
        sequence,
        distance_from_previous_m,
        travel_time_from_previous_s,
        visit_time_unix,
        notify_before_s,
    }) = planned_stop
    {
        let why = "OptimoRoute plans routes itself; an order carries no planned stop.";
        lose_if(sequence, "/plannedStop/sequence", why, cx);
        lose_if(
            distance_from_previous_m,
            "/plannedStop/distanceFromPreviousM",
            why,
            cx,
        );
        lose_if(
            travel_time_from_previous_s,
            "/plannedStop/travelTimeFromPreviousS",
            why,
            cx,
        );
        lose_if(visit_time_unix, "/plannedStop/visitTimeUnix", why, cx);
        lose_if(notify_before_s, "/plannedStop/notifyBeforeS", why, cx);
    }
    lose_if(
        geofence_radius_m,
        "/geofenceRadiusM",
        "OptimoRoute orders have no geofence radius.",
        cx,
    );
    if let Some(CompletionRules {
        on_stop_in_radius,
        on_leaving_radius,
        confirm_only_in_radius,
        keep_status_after_route,
        copy_if_unvisited,
        permanent,
    }) = completion
    {
        for (set, at) in [
            (on_stop_in_radius, "/completion/onStopInRadius"),
            (on_leaving_radius, "/completion/onLeavingRadius"),
            (confirm_only_in_radius, "/completion/confirmOnlyInRadius"),
            (keep_status_after_route, "/completion/keepStatusAfterRoute"),
            (copy_if_unvisited, "/completion/copyIfUnvisited"),
            (permanent, "/completion/permanent"),
        ] {
            if *set {
                cx.lose(at, "OptimoRoute orders have no automatic completion rules.");
            }
        }
    }
    lose_list(tags, "/tags", "OptimoRoute orders have no tags.", cx);
    lose_if(
        status,
        "/status",
        "an OptimoRoute order request does not set a status (it comes from completion details).",
        cx,
    );
    lose_list(depends_on, "/dependsOn", "OptimoRoute links only a pickup and its delivery (relatedOrderNo), not a list of orders to visit first.", cx);
    lose_if(
        created_at_ms,
        "/createdAtMs",
        "OptimoRoute order requests have no creation time.",
        cx,
    );

    write_own_rest(own, &mut m, cx);
    m.close();
}

fn write_related(related: Option<&OrderRef>, own: Option<&Object<'static>>, m: &mut Members) {
    let OrderRef { number, id } = related.cloned().unwrap_or_default();
    for (value, key) in [(number, "relatedOrderNo"), (id, "relatedId")] {
        match value {
            Some(v) => m.str(key, &v),
            None => {
                if own.and_then(|o| o.get(key)).is_some_and(Value::is_null) {
                    m.raw(key, "null");
                }
            }
        }
    }
}

/// The order date as written, with its day count: the order's, else the `date` option, else
/// the local day of its first window that has one (reported as derived).
fn order_date(
    date: Option<&str>,
    windows: &[TimeWindow],
    cx: &mut WriteCx,
) -> Option<(String, i64)> {
    if let Some(d) = date {
        match CalendarDate::parse(d) {
            Some(parsed) => return Some((d.to_string(), parsed.days_since_epoch())),
            None => {
                cx.lose("/date", format!("\"{d}\" is not a date as YYYY-MM-DD."));
            }
        }
    }
    if let Some(d) = cx.time.date {
        cx.created("/date");
        return Some((d.to_string(), d.days_since_epoch()));
    }
    let zone = cx.time.zone.as_ref();
    for (i, w) in windows.iter().enumerate() {
        let day = match (w.kind, &w.date, zone) {
            (WindowKind::Local, Some(d), _) => CalendarDate::parse(d),
            (WindowKind::Absolute, _, Some(z)) => w.start.or(w.end).and_then(|t| {
                let offset = z.offset_at(t)?;
                let days = t.checked_add(i64::from(offset))?.div_euclid(DAY_S);
                let mut s = String::with_capacity(10);
                write_date(&mut s, days);
                CalendarDate::parse(&s)
            }),
            _ => None,
        };
        if let Some(day) = day {
            cx.derive(
                window_pointer(i),
                &["/date"],
                format!("the order date {day} was taken from the order's time window: OptimoRoute orders have a date."),
            );
            return Some((day.to_string(), day.days_since_epoch()));
        }
    }
    None
}

fn write_duration(seconds: f64, own: Option<&Value>, m: &mut Members, cx: &mut WriteCx) {
    if !seconds.is_finite() || seconds < 0.0 {
        cx.lose(
            "/service/durationS",
            "OptimoRoute `duration` is a number of minutes of 0 or more.",
        );
        return;
    }
    // The minutes as the source wrote them, when they still give these seconds.
    if let Some(exact) = own.and_then(Value::as_f64) {
        if exact * 60.0 == seconds {
            m.num("duration", exact);
            return;
        }
    }
    let minutes = seconds / 60.0;
    if minutes * 60.0 != seconds {
        cx.adjust(
            "/service/durationS",
            format!("{seconds} s is {minutes} min in OptimoRoute's minutes, a few billionths off: decimal minutes cannot hold it exactly."),
        );
    }
    m.num("duration", minutes);
}

fn write_location(
    location: Option<&Location>,
    shared_s: Option<f64>,
    own: Option<&Value<'static>>,
    form: Form,
    creating: bool,
    m: &mut Members,
    cx: &mut WriteCx,
) {
    let own = own.and_then(Value::as_object);
    let Location {
        lat,
        lon,
        address,
        address_parts,
        name,
        code,
        notes,
        refined,
    } = location.cloned().unwrap_or_default();
    let mut address = address;
    if let Some(parts) = &address_parts {
        if address.is_none() {
            address = join_address(parts);
            if address.is_some() {
                cx.derive(
                    "/location/addressParts",
                    &["/location/address"],
                    Text::from_static(concat!(
                        "the one-line address was joined from the address parts as ",
                        joined_address_form!(),
                        "."
                    )),
                );
            }
        }
        cx.lose(
            "/location/addressParts",
            "OptimoRoute holds the address on one line; its parts cannot be kept apart.",
        );
    }
    lose_refined(&refined, NAME, cx);
    let (lat, lon) = match (lat, lon) {
        (Some(a), Some(b)) => (Some(a), Some(b)),
        (a, b) => {
            lose_if(&a, "/location/lat", "a latitude goes with a longitude.", cx);
            lose_if(&b, "/location/lon", "a longitude goes with a latitude.", cx);
            (None, None)
        }
    };
    let coordinates = lat.is_some();
    let mut name = name;
    if form == Form::CreateOrder && coordinates && name.is_none() && code.is_none() {
        // create_order uses coordinates only next to a location name, and would geocode the
        // address instead: the address names the place.
        if let Some(line) = &address {
            name = Some(line.clone());
            cx.derive(
                "/location/address",
                &["/location/name"],
                "the location name was set to the address: create_order takes coordinates only with a locationName.",
            );
        }
    }
    // Does the location define a place the endpoint accepts?
    let defined = match form {
        Form::CreateOrder => code.is_some() || (coordinates && name.is_some()) || address.is_some(),
        Form::Bulk => code.is_some() || (coordinates && (address.is_some() || name.is_some())),
    };
    let any = coordinates
        || address.is_some()
        || name.is_some()
        || code.is_some()
        || notes.is_some()
        || shared_s.is_some();
    if any && !defined {
        let bulk_address = form == Form::Bulk && address.is_some() && !coordinates;
        if bulk_address {
            cx.fail(
                "/location",
                codes::CANNOT_CONVERT,
                "create_or_update_orders cannot geocode an address: the location needs latitude and longitude (or an existing location's code). Convert the orders one by one with endpoint: \"create_order\", which geocodes, or give coordinates.",
            );
        } else if creating || form == Form::CreateOrder && (coordinates || name.is_some()) {
            cx.fail(
                "/location",
                codes::CANNOT_CONVERT,
                "OptimoRoute defines a location by its code (an existing location), by coordinates with a name or address, or by an address to geocode; this one has none of those: supply a name or address in `defaults.location`.",
            );
        }
    }
    if !any {
        if creating {
            require(
                "the location of the order to create it",
                "defaults.location",
                NAME,
                cx,
            );
        }
        if let Some(own) = own {
            // `{}` or only OptimoRoute's own location fields.
            write_own_location(own, &mut Members::open(m.key("location")), form, cx);
        }
        return;
    }
    let out = m.key("location");
    let mut l = Members::open(out);
    if let Some(c) = &code {
        l.str("locationNo", c);
    }
    if let Some(n) = &name {
        l.str("locationName", n);
    }
    if let Some(a) = &address {
        l.str("address", a);
    }
    if let (Some(a), Some(b)) = (lat, lon) {
        l.num("latitude", a);
        l.num("longitude", b);
    }
    if let Some(s) = shared_s {
        if let Some(min) = whole(
            s / 60.0,
            "/service/sharedDurationS",
            "location.checkInTime (whole minutes)",
            cx,
        ) {
            l.num("checkInTime", min as f64);
        }
    }
    if let Some(n) = &notes {
        l.str("notes", n);
    }
    match own {
        Some(own) => write_own_location(own, &mut l, form, cx),
        None => l.close(),
    }
}

/// Writes OptimoRoute's own location fields (`valid`, geocoding flags, undocumented ones) and
/// closes the object.
fn write_own_location(own: &Object<'static>, l: &mut Members, form: Form, cx: &mut WriteCx) {
    const HELD: &[&str] = &[
        "locationNo",
        "locationName",
        "address",
        "latitude",
        "longitude",
        "checkInTime",
        "notes",
    ];
    for (key, value) in own.iter() {
        let at = || format!("/vendor/optimoroute/location/{key}");
        match key {
            "valid" | "acceptMultipleResults" | "acceptPartialMatch" | "storeInvalid" => {
                if !matches!(value, Value::Bool(_)) {
                    cx.lose(at(), format!("`{key}` is true or false."));
                } else if key != "valid" && form == Form::Bulk {
                    cx.lose(
                        at(),
                        format!("`{key}` applies to create_order's geocoding; create_or_update_orders does not geocode."),
                    );
                } else {
                    l.value(key, value);
                }
            }
            "latitude" | "longitude" => cx.lose(
                at(),
                format!("`location.{key}` is kept alone (the other coordinate is not given), and OptimoRoute takes latitude and longitude together."),
            ),
            _ if HELD.contains(&key) => cx.lose(
                at(),
                format!("`location.{key}` is held by a canonical field, which is written instead."),
            ),
            _ => l.value(key, value),
        }
    }
    l.out.push('}');
}

/// Places every window and decides where it goes; see the module documentation.
#[allow(clippy::too_many_arguments)]
fn write_windows(
    windows: &[TimeWindow],
    order_days: Option<i64>,
    own: Option<&Object<'static>>,
    form: Form,
    duration_s: Option<f64>,
    order: &Order,
    cx: &mut WriteCx,
) -> Windows {
    let mut out = Windows::default();
    let own_sources = own.and_then(|o| o.get(WINDOW_SOURCES));
    if windows.is_empty() {
        if own_sources.is_some() {
            cx.carry("/vendor/optimoroute/windowSources");
        }
        return out;
    }
    // The field each window went to, in canonical order.
    let mut written: Vec<WindowField> = Vec::with_capacity(windows.len());
    let sources = if own_sources.is_some() {
        window_sources(order)
    } else {
        None
    };
    let root = Path::root();
    let list = root.key("timeWindows");
    for (i, w) in windows.iter().enumerate() {
        let path = list.index(i);
        let at = format!("/timeWindows/{i}");
        let mut ck = Checker::new();
        let local = localize(w, &order.date, &path, cx, &mut ck);
        cx.absorb(ck);
        let Some(local) = local else {
            continue;
        };
        let source = sources
            .as_ref()
            .and_then(|s| s.get(i).copied())
            .unwrap_or(WindowField::TimeWindows);
        let field = match source {
            WindowField::AllowedDateTimes => WindowField::AllowedDateTimes,
            WindowField::Pair
                if form == Form::CreateOrder
                    && windows.len() == 1
                    && fits_day(
                        &preview(&local, EndBound::ServiceEnd, duration_s, cx),
                        order_days,
                        false,
                    ) =>
            {
                WindowField::Pair
            }
            _ if fits_day(
                &preview(&local, EndBound::ServiceEnd, duration_s, cx),
                order_days,
                true,
            ) =>
            {
                WindowField::TimeWindows
            }
            _ => WindowField::AllowedDateTimes,
        };
        let target = match field {
            WindowField::AllowedDateTimes => EndBound::ServiceStart,
            _ => EndBound::ServiceEnd,
        };
        let Some(mut bounded) = bounds_for(&local, i, target, NAME, duration_s, cx) else {
            continue;
        };
        let mut ck = Checker::new();
        let mut scratch = Checker::new();
        // What reading the written times back gives: when it is not the original window, the
        // original rides in the envelope (with `preserveUnmapped`).
        let read_back = match field {
            WindowField::TimeWindows => {
                let written = format_optimoroute_time_window(&bounded, cx.time, &path, &mut ck);
                written.map(|t| {
                    let back = clock_window(
                        minutes_of(&t.tw_from),
                        minutes_of(&t.tw_to),
                        order_days,
                        cx.time,
                        &path,
                        &mut scratch,
                    );
                    out.time_windows.push((t.tw_from, t.tw_to));
                    back
                })
            }
            WindowField::Pair => {
                // Inward to whole minutes: start up, end down.
                let s = bounded.start.map(|s| (s + 59).div_euclid(60) * 60);
                let e = bounded.end.map(|e| e.min(DAY_S - 60).div_euclid(60) * 60);
                let clock = |v: Option<i64>| {
                    v.map(|v| {
                        let mut t = String::with_capacity(5);
                        write_hhmm(&mut t, v);
                        t
                    })
                };
                out.pair = Some((clock(s), clock(e)));
                if (s, e) != (bounded.start, bounded.end) {
                    ck.warning(
                        &path,
                        crate::time::codes::PRECISION_LOST,
                        "OptimoRoute holds whole minutes from 00:00 to 23:59: the window was narrowed to the minutes inside it.",
                    );
                }
                Some(clock_window(s, e, order_days, cx.time, &path, &mut scratch))
            }
            WindowField::AllowedDateTimes => {
                if bounded.date.is_none() && (bounded.start.is_some() || bounded.end.is_some()) {
                    if let Some(days) = order_days {
                        let mut d = String::with_capacity(10);
                        write_date(&mut d, days);
                        bounded.date = Some(d.into());
                    }
                }
                let written =
                    format_optimoroute_allowed_date_time(&bounded, cx.time, &path, &mut ck);
                written.map(|a| {
                    let back = allowed_window_texts(
                        a.from.as_deref(),
                        a.to.as_deref(),
                        cx.time,
                        &path,
                        &mut scratch,
                    );
                    out.allowed.push((a.from, a.to));
                    back
                })
            }
        };
        cx.absorb(ck);
        if read_back.as_ref().is_some_and(|back| back != w) {
            cx.carry(&at);
        }
        if read_back.is_some() {
            written.push(field);
        }
    }
    // Reading back lists `timeWindows` (or the pair), then `allowedDateTimes`: a list in another
    // order comes back reordered, so the envelope keeps the original order.
    let rank = |f: &WindowField| u8::from(*f == WindowField::AllowedDateTimes);
    if written.windows(2).any(|p| rank(&p[0]) > rank(&p[1])) {
        cx.carry("/timeWindows");
    }
    // Reading back names the window sources when some window is not a `timeWindows` item.
    let mut read_sources = written.clone();
    read_sources.sort_by_key(rank);
    let produced = read_sources
        .iter()
        .any(|f| *f != WindowField::TimeWindows)
        .then(|| Value::Array(read_sources.iter().map(|f| Value::str(f.name())).collect()));
    if produced.as_ref() != own_sources {
        let at = "/vendor/optimoroute/windowSources";
        if own_sources.is_some() {
            cx.carry(at);
        } else {
            cx.created(at);
        }
    }
    out
}

fn minutes_of(hhmm: &str) -> Option<i64> {
    crate::vendor::optimoroute::formats::clock_minutes(hhmm).map(|m| i64::from(m) * 60)
}

/// The window as local times: an absolute one in the `timeZone` option's zone, a local one in
/// another zone converted into it; `None` when that is impossible (reported).
fn localize(
    w: &TimeWindow,
    order_date: &Option<String>,
    path: &Path,
    cx: &WriteCx,
    ck: &mut Checker,
) -> Option<TimeWindow> {
    let zone = cx.time.zone.as_ref();
    // A local window in another zone is moved through instants: without a date of its own its
    // times belong to the order's date, not to the `date` option (which would put its start and
    // its stored `endUnix` on different days).
    let dated = || crate::convert::write::on_order_date(w.clone(), order_date);
    match (w.kind, zone) {
        (WindowKind::Absolute, None) => {
            ck.error(
                path,
                crate::time::codes::TIME_ZONE_REQUIRED,
                "OptimoRoute times are local to the account's time zone, and this window is absolute: pass the account's IANA zone in the `timeZone` option (e.g. \"America/New_York\").",
            );
            None
        }
        (WindowKind::Absolute, Some(z)) => to_local(w, z, cx.time, path, ck),
        (WindowKind::Local, Some(z)) if w.time_zone.as_deref().is_some_and(|n| n != z.name()) => {
            to_local(&dated(), z, cx.time, path, ck)
        }
        (WindowKind::Local, _) => Some(w.clone()),
    }
}

/// The window as `bounds_for` will make it for `target`, without reporting anything.
fn preview(w: &TimeWindow, target: EndBound, duration_s: Option<f64>, cx: &WriteCx) -> TimeWindow {
    match (cx.options.window_semantics, duration_s) {
        (WindowSemantics::Adjust, Some(s)) if w.end_bounds != target => {
            let mut scratch = Checker::new();
            convert_bounds(w, target, s.round() as i64, &Path::root(), &mut scratch)
                .unwrap_or_else(|| w.clone())
        }
        _ => w.clone(),
    }
}

/// Whether a local window fits OptimoRoute's `HH:MM` on the order date: on that date (or on no
/// particular date), starting that day and ending by midnight; `bounded`: both ends given.
fn fits_day(w: &TimeWindow, order_days: Option<i64>, bounded: bool) -> bool {
    let on_date = match (&w.date, order_days) {
        (None, _) | (Some(_), None) => true,
        (Some(d), Some(days)) => CalendarDate::parse(d).map(|d| d.days_since_epoch()) == Some(days),
    };
    let start_ok = w.start.is_none_or(|s| (0..DAY_S).contains(&s));
    let end_ok = w
        .end
        .is_none_or(|e| (0..=DAY_S).contains(&e) && w.start.is_none_or(|s| e >= s));
    // Rounded inward to whole minutes, the window must keep at least its start minute.
    let minutes_ok = match (w.start, w.end) {
        (Some(s), Some(e)) => (s + 59).div_euclid(60) <= e.min(DAY_S - 60).div_euclid(60),
        _ => true,
    };
    on_date
        && start_ok
        && end_ok
        && minutes_ok
        && (!bounded || (w.start.is_some() && w.end.is_some()))
}

fn write_window_fields(
    windows: &Windows,
    own: Option<&Object<'static>>,
    form: Form,
    m: &mut Members,
    cx: &mut WriteCx,
) {
    let own_get = |key: &str| own.and_then(|o| o.get(key));
    if !windows.time_windows.is_empty() {
        let verbatim = own_get("timeWindows")
            .and_then(Value::as_array)
            .filter(|items| {
                items.len() == windows.time_windows.len()
                    && items
                        .iter()
                        .zip(&windows.time_windows)
                        .all(|(item, (f, t))| {
                            item.get("twFrom").and_then(Value::as_str) == Some(f.as_str())
                                && item.get("twTo").and_then(Value::as_str) == Some(t.as_str())
                        })
            });
        let out = m.key("timeWindows");
        match verbatim {
            Some(items) => Value::Array(items.to_vec()).write_json(out),
            None => {
                out.push('[');
                for (i, (f, t)) in windows.time_windows.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    let mut item = Members::open(out);
                    item.str("twFrom", f);
                    item.str("twTo", t);
                    item.close();
                }
                out.push(']');
            }
        }
    } else if let Some(Value::Array(a)) = own_get("timeWindows") {
        if a.is_empty() {
            m.raw("timeWindows", "[]");
        }
    }
    if let Some((from, to)) = &windows.pair {
        if let Some(f) = from {
            m.str("twFrom", f);
        }
        if let Some(t) = to {
            m.str("twTo", t);
        }
    } else {
        // twFrom/twTo that the source's timeWindows made ineffective: kept where they mean the
        // same (create_order); a bulk item has no such fields.
        for key in ["twFrom", "twTo"] {
            if let Some(v) = own_get(key) {
                let at = own_pointer(key);
                if form == Form::CreateOrder && v.as_str().is_some() {
                    m.value(key, v);
                } else {
                    cx.lose(
                        at,
                        format!(
                            "`{key}` exists only in create_order (where timeWindows overrides it)."
                        ),
                    );
                }
            }
        }
    }
}

fn write_allowed_items(
    items: &[(Option<String>, Option<String>)],
    own: Option<&Value<'static>>,
    m: &mut Members,
) {
    let verbatim = own.and_then(Value::as_array).filter(|own| {
        own.len() == items.len()
            && own.iter().zip(items).all(|(o, (f, t))| {
                o.get("from").and_then(Value::as_str) == f.as_deref()
                    && o.get("to").and_then(Value::as_str) == t.as_deref()
            })
    });
    let out = m.key("allowedDateTimes");
    if let Some(list) = verbatim {
        Value::Array(list.to_vec()).write_json(out);
        return;
    }
    out.push('[');
    for (i, (f, t)) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut item = Members::open(out);
        match f {
            Some(f) => item.str("from", f),
            None => item.raw("from", "null"),
        }
        match t {
            Some(t) => item.str("to", t),
            None => item.raw("to", "null"),
        }
        item.close();
    }
    out.push(']');
}

fn write_scheduling(
    scheduling: Option<&Scheduling>,
    own: Option<&Object<'static>>,
    m: &mut Members,
    cx: &mut WriteCx,
) {
    let own_get = |key: &str| own.and_then(|o| o.get(key));
    let Scheduling {
        allowed_weekdays,
        allowed_from,
        allowed_to,
        allowed_advance_s,
    } = scheduling.cloned().unwrap_or_default();
    if !allowed_weekdays.is_empty() {
        if allowed_weekdays
            .iter()
            .all(|d| Weekday::from_name(d).is_some())
        {
            str_list(m.key("allowedWeekdays"), &allowed_weekdays);
        } else {
            cx.lose(
                "/scheduling/allowedWeekdays",
                format!(
                    "OptimoRoute weekdays are {}.",
                    crate::check::quote_list(Weekday::NAMES)
                ),
            );
        }
    } else if own_get("allowedWeekdays")
        .is_some_and(|v| v.as_array().is_some_and(<[Value]>::is_empty))
    {
        m.raw("allowedWeekdays", "[]");
    }
    let valid = |d: &Option<String>| d.as_deref().and_then(CalendarDate::parse);
    let (from, to) = (valid(&allowed_from), valid(&allowed_to));
    let own_range = own_get("allowedDates").and_then(Value::as_object);
    match (from, to) {
        (Some(f), Some(t)) if f <= t => {
            let mut r = Members::open(m.key("allowedDates"));
            r.str("from", &f.to_string());
            r.str("to", &t.to_string());
            if let Some(own) = own_range {
                for (k, v) in own.iter().filter(|(k, _)| *k != "from" && *k != "to") {
                    r.value(k, v);
                }
            }
            r.close();
        }
        _ => {
            for (value, at) in [
                (&allowed_from, "/scheduling/allowedFrom"),
                (&allowed_to, "/scheduling/allowedTo"),
            ] {
                if value.is_some() {
                    cx.lose(
                        at,
                        "OptimoRoute `allowedDates` holds a complete range: both `from` and `to` as YYYY-MM-DD, `from` first.",
                    );
                }
            }
            if let Some(own) = own_range {
                m.value("allowedDates", &Value::Object(own.clone()));
            }
        }
    }
    lose_if(
        &allowed_advance_s,
        "/scheduling/allowedAdvanceS",
        "OptimoRoute has no allowed advance before a window.",
        cx,
    );
}

fn write_assignment(
    assignment: Option<&Assignment>,
    own: Option<&Value<'static>>,
    m: &mut Members,
    cx: &mut WriteCx,
) {
    let Assignment {
        driver_serial,
        driver_external_id,
        unit_id,
        route_id,
        route_number,
        depot_id,
    } = assignment.cloned().unwrap_or_default();
    if driver_serial.is_some() || driver_external_id.is_some() {
        let mut a = Members::open(m.key("assignedTo"));
        if let Some(s) = &driver_serial {
            a.str("serial", s);
        }
        if let Some(e) = &driver_external_id {
            a.str("externalId", e);
        }
        if let Some(Value::Object(extra)) = own {
            for (k, v) in extra
                .iter()
                .filter(|(k, _)| *k != "serial" && *k != "externalId")
            {
                a.value(k, v);
            }
        }
        a.close();
    } else if let Some(v @ Value::Null) = own {
        // `null` unassigns the order: a request may say it without a driver.
        m.value("assignedTo", v);
    } else if let Some(Value::Object(_)) = own {
        // What is left of an assignment without its driver is not one OptimoRoute accepts.
        cx.lose(
            "/vendor/optimoroute/assignedTo",
            "OptimoRoute's assignedTo names a driver by serial or externalId, and the order names none.",
        );
    }
    let why = "OptimoRoute assigns orders to drivers (serial or externalId) only.";
    lose_if(&unit_id, "/assignment/unitId", why, cx);
    lose_if(&route_id, "/assignment/routeId", why, cx);
    lose_if(&route_number, "/assignment/routeNumber", why, cx);
    lose_if(&depot_id, "/assignment/depotId", why, cx);
}

fn write_loads(
    load: Option<&Load>,
    own: Option<&Object<'static>>,
    m: &mut Members,
    cx: &mut WriteCx,
) {
    let Load {
        weight_kg,
        volume,
        packages,
        custom,
    } = load.cloned().unwrap_or_default();
    let slots = cx.options.load_slots;
    // load1..load4, then weight, volume, packages: fixed indices into a fixed-size array.
    let mut used = [false; 4 + 3];
    for (slot, key) in slots.iter().zip(LOAD_FIELDS) {
        let value = match slot {
            LoadSlot::Weight => weight_kg,
            LoadSlot::Volume => volume,
            LoadSlot::Packages => packages.map(|p| p as f64),
            LoadSlot::Custom(i) => custom.get(*i).copied(),
        };
        let mark = match slot {
            LoadSlot::Weight => 4,
            LoadSlot::Volume => 5,
            LoadSlot::Packages => 6,
            LoadSlot::Custom(i) => *i,
        };
        if let Some(flag) = used.get_mut(mark) {
            *flag = true;
        }
        match value.filter(|x| x.is_finite()) {
            Some(x) => m.num(key, x),
            None => {
                // A value the canonical field could not hold, kept verbatim.
                if let Some(v) = own
                    .and_then(|o| o.get(key))
                    .filter(|v| v.as_f64().is_some())
                {
                    m.value(key, v);
                }
            }
        }
    }
    let why = "the load mapping (`loadMapping`) sends no OptimoRoute load1..load4 field to it.";
    if !used[4] {
        lose_if(&weight_kg, "/load/weightKg", why, cx);
    }
    if !used[5] {
        lose_if(&volume, "/load/volume", why, cx);
    }
    if !used[6] {
        lose_if(&packages, "/load/packages", why, cx);
    }
    for (i, _) in custom.iter().enumerate() {
        if !used.get(i).copied().unwrap_or(false) || i >= 4 {
            cx.lose(format!("/load/custom/{i}"), why);
        }
    }
}

fn write_requirements(
    requirements: Option<&Requirements>,
    own: Option<&Object<'static>>,
    m: &mut Members,
    cx: &mut WriteCx,
) {
    let Requirements {
        skills,
        vehicle_features,
        vehicle_type,
    } = requirements.cloned().unwrap_or_default();
    for (list, key) in [(&vehicle_features, "vehicleFeatures"), (&skills, "skills")] {
        if !list.is_empty() {
            str_list(m.key(key), list);
        } else if own
            .and_then(|o| o.get(key))
            .is_some_and(|v| v.as_array().is_some_and(<[Value]>::is_empty))
        {
            m.raw(key, "[]");
        }
    }
    lose_if(
        &vehicle_type,
        "/requirements/vehicleType",
        "OptimoRoute requires vehicle features (codes), not a vehicle type.",
        cx,
    );
}

fn write_custom_fields(
    fields: &Object<'static>,
    own: Option<&Value<'static>>,
    m: &mut Members,
    cx: &mut WriteCx,
) {
    let mut legacy: [Option<String>; 5] = Default::default();
    let mut typed: Vec<(&str, &Value)> = Vec::new();
    for (key, value) in fields.iter() {
        let at = crate::convert::write::child("/customFields", key);
        if let Some(n) = legacy_custom_field(key) {
            let text = match value {
                Value::String(s) => Some(s.to_string()),
                Value::Number(n) => Some(n.raw().to_string()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            };
            match text {
                Some(t) => {
                    if !matches!(value, Value::String(_)) {
                        cx.adjust(
                            &at,
                            format!("written as the text \"{t}\": OptimoRoute's legacy customField{n} holds text."),
                        );
                    }
                    if let Some(slot) = legacy.get_mut(usize::from(n) - 1) {
                        *slot = Some(t);
                    }
                }
                None => cx.lose(
                    at,
                    "OptimoRoute custom fields hold text, numbers or true/false.",
                ),
            }
            continue;
        }
        if key == ENVELOPE_KEY {
            cx.lose(
                at,
                "the custom field key `orderbridge` is reserved for the orderbridge envelope.",
            );
            continue;
        }
        match value {
            // Canonical validation rejects such a number; this guards orders built in code,
            // whose output OptimoRoute's validator would reject ("too large to be a number").
            Value::Number(n) if !n.as_f64().is_finite() => cx.lose(
                at,
                "OptimoRoute custom field numbers are finite; this one is too large to be a number.",
            ),
            Value::String(_) | Value::Number(_) | Value::Bool(_) => typed.push((key, value)),
            _ => cx.lose(
                at,
                "OptimoRoute custom fields hold text, numbers or true/false.",
            ),
        }
    }
    for (n, value) in legacy.iter().enumerate() {
        if let Some(v) = value {
            let key = [
                "customField1",
                "customField2",
                "customField3",
                "customField4",
                "customField5",
            ];
            if let Some(k) = key.get(n) {
                m.str(k, v);
            }
        }
    }
    if typed.is_empty() && cx.envelope.is_none() {
        if own.is_some_and(|v| v.as_object().is_some_and(Object::is_empty)) {
            m.raw("customFields", "{}");
        }
        return;
    }
    let mut c = Members::open(m.key("customFields"));
    for (k, v) in typed {
        c.value(k, v);
    }
    if let Some(envelope) = &cx.envelope {
        c.str(ENVELOPE_KEY, envelope);
    }
    c.close();
}

fn write_contact(contact: Option<&Contact>, m: &mut Members, cx: &mut WriteCx) {
    let Some(Contact {
        name,
        first_name,
        last_name,
        phone,
        phone2,
        email,
        customer_id,
    }) = contact
    else {
        return;
    };
    if let Some(e) = email {
        m.str("email", e);
    }
    if let Some(p) = phone {
        m.str("phone", p);
    }
    let why = "OptimoRoute orders hold the customer's email and phone only.";
    lose_if(name, "/contact/name", why, cx);
    lose_if(first_name, "/contact/firstName", why, cx);
    lose_if(last_name, "/contact/lastName", why, cx);
    lose_if(
        phone2,
        "/contact/phone2",
        "OptimoRoute orders hold one phone number.",
        cx,
    );
    lose_if(customer_id, "/contact/customerId", why, cx);
}

fn write_notifications(n: Option<&Notifications>, m: &mut Members, cx: &mut WriteCx) {
    let Some(Notifications {
        email,
        sms,
        sms_second_phone,
        before_arrival,
    }) = n
    else {
        return;
    };
    if email.is_some() || sms.is_some() {
        let pref = match (email.unwrap_or(false), sms.unwrap_or(false)) {
            (true, true) => "both",
            (true, false) => "email",
            (false, true) => "sms",
            (false, false) => "dont_notify",
        };
        if email.is_none() || sms.is_none() {
            cx.adjust(
                "/notifications",
                format!("notificationPreference \"{pref}\" also turns off the channel the order did not mention: OptimoRoute sets both at once."),
            );
        }
        m.str("notificationPreference", pref);
    }
    lose_if(
        sms_second_phone,
        "/notifications/smsSecondPhone",
        "OptimoRoute orders have one phone number.",
        cx,
    );
    lose_if(
        before_arrival,
        "/notifications/beforeArrival",
        "OptimoRoute sets notifications by channel (notificationPreference), not by event.",
        cx,
    );
}

fn write_barcodes(barcodes: &[String], own: Option<&Value>, m: &mut Members) {
    let own_list = own.and_then(Value::as_array);
    if barcodes.is_empty() {
        if own_list.is_some_and(<[Value]>::is_empty) {
            m.raw("barcode", "[]");
        }
        return;
    }
    let verbatim = own_list.filter(|items| {
        let texts: Vec<&str> = items
            .iter()
            .filter_map(|i| i.get("barcode").and_then(Value::as_str))
            .collect();
        texts.len() == barcodes.len() && texts.iter().zip(barcodes).all(|(a, b)| *a == b.as_str())
    });
    let out = m.key("barcode");
    if let Some(items) = verbatim {
        Value::Array(items.to_vec()).write_json(out);
        return;
    }
    out.push('[');
    for (i, b) in barcodes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut item = Members::open(out);
        item.str("barcode", b);
        item.close();
    }
    out.push(']');
}

/// The order's own fields that no canonical field holds and no writer above used: undocumented
/// fields verbatim; a documented one here would contradict its canonical field and is reported.
fn write_own_rest(own: Option<&Object<'static>>, m: &mut Members, cx: &mut WriteCx) {
    let Some(own) = own else {
        return;
    };
    for (key, value) in own.iter() {
        if OWN_DOCUMENTED.contains(&key) {
            continue;
        }
        if CANONICAL_HELD.contains(&key) {
            cx.lose(
                own_pointer(key),
                format!("`{key}` is held by a canonical field, which is written instead."),
            );
            continue;
        }
        // OptimoRoute's answers say `success` (with `code` and `message` when it failed): in a
        // request they would make the body read as an answer.
        if matches!(key, "success" | "code" | "message") {
            cx.lose(
                own_pointer(key),
                "it is a field of OptimoRoute's answers, which an order request does not carry.",
            );
            continue;
        }
        m.value(key, value);
    }
}
