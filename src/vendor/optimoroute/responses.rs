//! Readers of every response body. Responses are read leniently (the vendor tells clients to
//! ignore fields it adds later, and sends `null` for empty values); what they report is the
//! vendor's own verdict: each failure — the whole request, or one item of a bulk call — becomes
//! one `VENDOR_ERROR` issue at the failed item's path, with the vendor's code as `vendorCode`
//! and the documented meaning in the message. A success that carries a code (the `WAR_*`
//! geocoding warnings) becomes a `VENDOR_WARNING`.

use super::codes as or_codes;
use super::errors;
use super::model::{
    BarcodeScan, CompletionDetails, CompletionResponse, CompletionResult, CreateOrderResponse,
    DriverResult, DriversResponse, Event, EventType, EventsResponse, FormData, GeocodingResult,
    GetRoutesResponse, Image, OrderResult, OrdersResponse, Outcome, OutcomeResponse,
    PlanningStatusResponse, Route, ScanInfo, ScheduleInfo, SchedulingInfoResponse,
    SearchOrdersResponse, SearchResult, StartPlanningResponse, Stop, Time,
};
use super::order::{read_driver_ref, read_location, read_order_as, OrderContext};
use super::read::{
    absent, choice, decimal, excerpt, excerpt_n, flag, integer, iso_datetime, list, local_datetime,
    open_choice, strings, swapped_check, text, Side,
};
use super::requests::{read_position, read_selected_driver, TIME_FIELDS};
use super::{formats, Endpoint};
use crate::check::Checker;
use crate::issue::{codes, Issue};
use crate::json::{Object, Path, Value};
use std::borrow::Cow;

const RESP: Side = Side::Response;

/// Reads the outcome fields of a response object. Returns true when `k` was one of them.
fn outcome_field(k: &str, v: &Value, p: &Path, out: &mut Outcome, ck: &mut Checker) -> bool {
    match k {
        "success" => out.success = flag(ck, v, p, RESP),
        "code" => out.code = text(ck, v, p, RESP),
        "message" => out.message = text(ck, v, p, RESP),
        _ => return false,
    }
    true
}

/// Records the vendor's verdict on the object at `path`: a `VENDOR_ERROR` when `success` is
/// false, a `VENDOR_WARNING` when it is true but a code came with it, `MISSING_FIELD` when the
/// mandatory `success` is absent. `subject` names what failed for the message ("order
/// \"ORD99\""); `detail` adds what the response lists (missing orders...).
fn verdict(
    ck: &mut Checker,
    obj: &Object,
    path: &Path,
    endpoint: Endpoint,
    out: &Outcome,
    subject: impl FnOnce() -> String,
    detail: impl FnOnce() -> String,
) {
    let Some(success) = out.success else {
        if !obj.contains_key("success") {
            ck.missing(
                path,
                "success",
                "every OptimoRoute response says whether it succeeded",
            );
        }
        return;
    };
    let code = out.code.as_deref().filter(|c| !c.is_empty());
    if success && code.is_none() {
        return;
    }
    let meaning = code.and_then(|c| errors::meaning_for(endpoint, c));
    let subject = subject();
    let subject = if subject.is_empty() {
        String::new()
    } else {
        format!(" {subject}")
    };
    let mut message = match (success, code) {
        (false, Some(c)) => format!("OptimoRoute {}{subject} failed with {c}", endpoint.name()),
        (false, None) => format!(
            "OptimoRoute {}{subject} failed (the response gives no error code)",
            endpoint.name()
        ),
        (true, c) => format!(
            "OptimoRoute {}{subject} succeeded with warning {}",
            endpoint.name(),
            c.unwrap_or_default()
        ),
    };
    match (meaning, code) {
        (Some(m), _) => {
            message.push_str(": ");
            message.push_str(m);
        }
        (None, Some(_)) => message.push_str(" (a code the documentation does not list)"),
        (None, None) => {}
    }
    message.push('.');
    if let Some(hint) = code.and_then(action) {
        message.push(' ');
        message.push_str(hint);
    }
    let detail = detail();
    if !detail.is_empty() {
        message.push(' ');
        message.push_str(&detail);
    }
    if let Some(server) = out.message.as_deref().filter(|m| !m.is_empty()) {
        message.push_str(&format!(
            " OptimoRoute says: \"{}\"",
            excerpt_n(server, 300)
        ));
    }
    let issue = if success {
        Issue::warning(path.to_pointer(), or_codes::VENDOR_WARNING, message)
    } else {
        Issue::error(path.to_pointer(), or_codes::VENDOR_ERROR, message)
    };
    ck.push(match code {
        Some(c) => issue.with_vendor_code(match errors::known_code(c) {
            Some(known) => Cow::Borrowed(known),
            None => Cow::Owned(c.to_owned()),
        }),
        None => issue,
    });
}

/// What to do about the codes whose remedy is on the caller's side.
fn action(code: &str) -> Option<&'static str> {
    Some(match code {
        "AUTH_KEY_MISSING" | "AUTH_KEY_UNKNOWN" => {
            "Check the API key (OptimoRoute: Administration → Settings → WS API)."
        }
        "ERR_TOO_MANY_CONNECTIONS" => {
            "At most 5 requests may run at once per account: retry after the others finish."
        }
        "ERR_INTERNAL" | "ERR_OPT_COULD_NOT_START" | "ERR_OPT_COULD_NOT_STOP" => {
            "Retry later; contact OptimoRoute support if it persists."
        }
        "ERR_OPT_RUNNING" | "ERR_OPT_RUNNING_FOR_DATE" | "ERR_OPT_RUNNING_FOR_ORDER" => {
            "Wait for the planning to finish (get_planning_status) or stop it (stop_planning)."
        }
        _ => return None,
    })
}

fn describe_order(order_no: Option<&str>, id: Option<&str>, index: Option<usize>) -> String {
    let which = match (order_no, id) {
        (Some(no), _) => format!("order \"{}\"", excerpt(no)),
        (None, Some(id)) => format!("order id {}", excerpt(id)),
        (None, None) => "order".to_owned(),
    };
    match index {
        Some(i) => format!("for {which} (item {i})"),
        None => format!("for {which}"),
    }
}

/// `create_order` response.
pub fn read_create_order_response(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<CreateOrderResponse> {
    let obj = ck.object(v, path)?;
    let mut r = CreateOrderResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "id" => r.id = text(ck, val, &p, RESP),
            "location" => r.location = read_location(val, &p, OrderContext::Response, ck),
            "geocodingResults" => {
                r.geocoding_results = list(ck, val, &p, RESP, None, |ck, v, p| {
                    read_geocoding_result(v, p, ck)
                })
            }
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    verdict(
        ck,
        obj,
        path,
        Endpoint::CreateOrder,
        &r.outcome,
        String::new,
        String::new,
    );
    Some(r)
}

fn read_geocoding_result(v: &Value, path: &Path, ck: &mut Checker) -> Option<GeocodingResult> {
    let items = ck.array(v, path)?;
    let mut g = GeocodingResult::default();
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        match i {
            0 => g.address = text(ck, item, &p, RESP),
            1 => g.latitude = decimal(ck, item, &p, RESP, Some(-90.0), Some(90.0)),
            2 => g.longitude = decimal(ck, item, &p, RESP, Some(-180.0), Some(180.0)),
            3 => g.partial_match = flag(ck, item, &p, RESP),
            _ => {}
        }
    }
    if items.len() < 3 || items.len() > 4 {
        ck.error(
            path,
            codes::INVALID_FORMAT,
            format!(
                "A geocoding result is [address, latitude, longitude, partialMatch]; this one has {} items.",
                items.len()
            ),
        );
    }
    Some(g)
}

/// The bulk order responses: `create_or_update_orders`, `get_orders`, `delete_orders`.
pub fn read_orders_response(
    v: &Value,
    path: &Path,
    endpoint: Endpoint,
    ck: &mut Checker,
) -> Option<OrdersResponse> {
    let obj = ck.object(v, path)?;
    let mut r = OrdersResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "orders" => {
                r.orders = list(ck, val, &p, RESP, None, |ck, v, p| {
                    read_order_result(v, p, endpoint, ck)
                })
            }
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    whole_request_verdict(ck, obj, path, endpoint, &r.outcome, "orders");
    Some(r)
}

/// The verdict on a bulk response as a whole: its items carry their own failures, so the
/// top-level `success: false` adds an issue only with a code of its own (the whole request
/// failed) or when there are no items to explain it.
fn whole_request_verdict(
    ck: &mut Checker,
    obj: &Object,
    path: &Path,
    endpoint: Endpoint,
    out: &Outcome,
    items_key: &str,
) {
    let has_items = obj
        .get(items_key)
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    if out.success == Some(false) && out.code.is_none() && has_items {
        return;
    }
    verdict(ck, obj, path, endpoint, out, String::new, String::new);
}

fn read_order_result(
    v: &Value,
    path: &Path,
    endpoint: Endpoint,
    ck: &mut Checker,
) -> Option<OrderResult> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut r = OrderResult::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "id" => r.id = text(ck, val, &p, RESP),
            "orderNo" => r.order_no = text(ck, val, &p, RESP),
            "locationNo" => r.location_no = text(ck, val, &p, RESP),
            "planningId" => r.planning_id = integer(ck, val, &p, RESP, i64::MIN, i64::MAX),
            "data" => r.data = read_order_as(val, &p, OrderContext::Response, ck),
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    if endpoint == Endpoint::GetOrders && r.outcome.success == Some(true) && !obj.contains_key("id")
    {
        ck.missing(path, "id", "a retrieved order carries its id");
    }
    let subject = || {
        let mut s = describe_order(r.order_no.as_deref(), r.id.as_deref(), last_index(path));
        if let Some(loc) = r.location_no.as_deref() {
            s.push_str(&format!(" at location \"{}\"", excerpt(loc)));
        }
        s
    };
    verdict(ck, obj, path, endpoint, &r.outcome, subject, String::new);
    Some(r)
}

/// The array index a path ends with, for messages.
fn last_index(path: &Path) -> Option<usize> {
    path.to_pointer()
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
}

/// Responses that only carry an outcome (and maybe a planning id): `delete_order`,
/// `delete_all_orders`, `stop_planning`, `update_driver_parameters`.
pub fn read_outcome_response(
    v: &Value,
    path: &Path,
    endpoint: Endpoint,
    ck: &mut Checker,
) -> Option<OutcomeResponse> {
    let obj = ck.object(v, path)?;
    let mut r = OutcomeResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "planningId" => r.planning_id = integer(ck, val, &p, RESP, i64::MIN, i64::MAX),
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    let detail = || {
        r.planning_id
            .map(|id| format!("The planning process is {id}."))
            .unwrap_or_default()
    };
    verdict(ck, obj, path, endpoint, &r.outcome, String::new, detail);
    Some(r)
}

/// `search_orders` response.
pub fn read_search_orders_response(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<SearchOrdersResponse> {
    let obj = ck.object(v, path)?;
    let mut r = SearchOrdersResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "orders" => {
                r.orders = list(ck, val, &p, RESP, None, |ck, v, p| {
                    read_search_result(v, p, ck)
                })
            }
            "after_tag" => r.after_tag = text(ck, val, &p, RESP),
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    if r.outcome.success == Some(true) && !obj.contains_key("orders") {
        ck.missing(path, "orders", "a successful search lists the orders found");
    }
    verdict(
        ck,
        obj,
        path,
        Endpoint::SearchOrders,
        &r.outcome,
        String::new,
        String::new,
    );
    Some(r)
}

fn read_search_result(v: &Value, path: &Path, ck: &mut Checker) -> Option<SearchResult> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut r = SearchResult::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "id" => r.id = text(ck, val, &p, RESP),
            "data" => r.data = read_order_as(val, &p, OrderContext::Response, ck),
            "scheduleInformation" => {
                r.schedule_information = if val.is_null() {
                    Some(None)
                } else {
                    read_schedule_info(val, &p, ck).map(Some)
                }
            }
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    if !obj.contains_key("id") {
        ck.missing(path, "id", "each order found carries its id");
    }
    Some(r)
}

const SCHEDULE_FIELDS: &[&str] = &[
    "driverExternalId",
    "driverSerial",
    "driverName",
    "vehicleRegistration",
    "vehicleLabel",
    "stopNumber",
    "scheduledAt",
    "scheduledAtDt",
    "arrivalTimeDt",
    "travelTime",
    "distance",
];

fn read_schedule_info(v: &Value, path: &Path, ck: &mut Checker) -> Option<ScheduleInfo> {
    let obj = ck.object(v, path)?;
    let mut s = ScheduleInfo::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "driverExternalId" => s.driver_external_id = text(ck, val, &p, RESP),
            "driverSerial" => s.driver_serial = text(ck, val, &p, RESP),
            "driverName" => s.driver_name = text(ck, val, &p, RESP),
            "vehicleRegistration" => s.vehicle_registration = text(ck, val, &p, RESP),
            "vehicleLabel" => s.vehicle_label = text(ck, val, &p, RESP),
            "stopNumber" => s.stop_number = integer(ck, val, &p, RESP, 1, i64::MAX),
            "scheduledAt" => s.scheduled_at = super::read::clock(ck, val, &p, RESP),
            "scheduledAtDt" => s.scheduled_at_dt = route_time(ck, val, &p),
            "arrivalTimeDt" => s.arrival_time_dt = route_time(ck, val, &p),
            "travelTime" => s.travel_time = integer(ck, val, &p, RESP, 0, i64::MAX),
            "distance" => s.distance = integer(ck, val, &p, RESP, 0, i64::MAX),
            _ => s.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    mandatory(ck, obj, path, SCHEDULE_FIELDS, "the scheduling information");
    Some(s)
}

fn route_time(ck: &mut Checker, v: &Value, p: &Path) -> Option<String> {
    local_datetime(ck, v, p, RESP, b' ').map(|(s, _)| s)
}

/// Records each of `fields` that `obj` lacks (a `null` counts as present: the vendor's own
/// examples send `null` for empty mandatory strings).
fn mandatory(ck: &mut Checker, obj: &Object, path: &Path, fields: &[&str], what: &str) {
    for field in fields {
        if !obj.contains_key(field) {
            ck.missing(
                path,
                field,
                &format!("the document lists it as mandatory in {what}"),
            );
        }
    }
}

/// `get_routes` response.
pub fn read_get_routes_response(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<GetRoutesResponse> {
    let obj = ck.object(v, path)?;
    let mut r = GetRoutesResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "routes" => r.routes = list(ck, val, &p, RESP, None, |ck, v, p| read_route(v, p, ck)),
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    if r.outcome.success == Some(true) && !obj.contains_key("routes") {
        ck.missing(
            path,
            "routes",
            "a successful get_routes lists the routes (maybe none)",
        );
    }
    verdict(
        ck,
        obj,
        path,
        Endpoint::GetRoutes,
        &r.outcome,
        String::new,
        String::new,
    );
    Some(r)
}

const ROUTE_FIELDS: &[&str] = &[
    "driverExternalId",
    "driverSerial",
    "driverName",
    "vehicleRegistration",
    "vehicleLabel",
    "duration",
    "distance",
    "load1",
    "load2",
    "load3",
    "load4",
    "stops",
];

fn read_route(v: &Value, path: &Path, ck: &mut Checker) -> Option<Route> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut r = Route::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "driverExternalId" => r.driver_external_id = text(ck, val, &p, RESP),
            "driverSerial" => r.driver_serial = text(ck, val, &p, RESP),
            "driverName" => r.driver_name = text(ck, val, &p, RESP),
            "vehicleRegistration" => r.vehicle_registration = text(ck, val, &p, RESP),
            "vehicleLabel" => r.vehicle_label = text(ck, val, &p, RESP),
            "duration" => r.duration = integer(ck, val, &p, RESP, 0, i64::MAX),
            "distance" => r.distance = decimal(ck, val, &p, RESP, Some(0.0), None),
            "load1" => r.load1 = decimal(ck, val, &p, RESP, None, None),
            "load2" => r.load2 = decimal(ck, val, &p, RESP, None, None),
            "load3" => r.load3 = decimal(ck, val, &p, RESP, None, None),
            "load4" => r.load4 = decimal(ck, val, &p, RESP, None, None),
            "stops" => r.stops = list(ck, val, &p, RESP, None, |ck, v, p| read_stop(v, p, ck)),
            "routePolyline" => r.route_polyline = polyline(ck, val, &p),
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    mandatory(ck, obj, path, ROUTE_FIELDS, "a route");
    Some(r)
}

fn polyline(ck: &mut Checker, v: &Value, p: &Path) -> Option<String> {
    let s = text(ck, v, p, RESP)?;
    if let Some(problem) = formats::polyline_problem(&s) {
        ck.error(
            p,
            codes::INVALID_FORMAT,
            format!("`routePolyline` is not an encoded polyline: {problem}."),
        );
        return None;
    }
    Some(s)
}

const STOP_FIELDS: &[&str] = &[
    "stopNumber",
    "orderNo",
    "id",
    "locationNo",
    "locationName",
    "address",
    "latitude",
    "longitude",
    "scheduledAt",
    "scheduledAtDt",
    "arrivalTimeDt",
    "travelTime",
    "distance",
];

fn read_stop(v: &Value, path: &Path, ck: &mut Checker) -> Option<Stop> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut s = Stop::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "stopNumber" => s.stop_number = integer(ck, val, &p, RESP, 1, i64::MAX),
            "orderNo" => s.order_no = text(ck, val, &p, RESP),
            "id" => s.id = text(ck, val, &p, RESP),
            "locationNo" => s.location_no = text(ck, val, &p, RESP),
            "locationName" => s.location_name = text(ck, val, &p, RESP),
            "address" => s.address = text(ck, val, &p, RESP),
            "latitude" => s.latitude = decimal(ck, val, &p, RESP, Some(-90.0), Some(90.0)),
            "longitude" => s.longitude = decimal(ck, val, &p, RESP, Some(-180.0), Some(180.0)),
            "scheduledAt" => s.scheduled_at = super::read::clock(ck, val, &p, RESP),
            "scheduledAtDt" => s.scheduled_at_dt = route_time(ck, val, &p),
            "arrivalTimeDt" => s.arrival_time_dt = route_time(ck, val, &p),
            "travelTime" => s.travel_time = integer(ck, val, &p, RESP, 0, i64::MAX),
            "distance" => s.distance = integer(ck, val, &p, RESP, 0, i64::MAX),
            "type" => s.stop_type = choice(ck, val, &p, RESP),
            _ => s.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    swapped_check(
        ck,
        path,
        obj.get("latitude"),
        obj.get("longitude"),
        ("latitude", "longitude"),
    );
    // Breaks and depot trips are not orders: the document does not say which order fields
    // they carry, so only order stops are held to the full list.
    if !obj.contains_key("type") {
        mandatory(ck, obj, path, STOP_FIELDS, "a stop");
    }
    Some(s)
}

/// `get_scheduling_info` response.
pub fn read_scheduling_info_response(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<SchedulingInfoResponse> {
    let obj = ck.object(v, path)?;
    let mut r = SchedulingInfoResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "orderScheduled" => r.order_scheduled = flag(ck, val, &p, RESP),
            "scheduleInformation" => {
                r.schedule_information = if val.is_null() {
                    Some(None)
                } else {
                    read_schedule_info(val, &p, ck).map(Some)
                }
            }
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    if r.order_scheduled == Some(true) && !obj.contains_key("scheduleInformation") {
        ck.missing(
            path,
            "scheduleInformation",
            "a scheduled order comes with its scheduling information",
        );
    }
    verdict(
        ck,
        obj,
        path,
        Endpoint::GetSchedulingInfo,
        &r.outcome,
        String::new,
        String::new,
    );
    Some(r)
}

/// `start_planning` response; the lists of missing orders and drivers go into the message.
pub fn read_start_planning_response(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<StartPlanningResponse> {
    let obj = ck.object(v, path)?;
    let mut r = StartPlanningResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "planningId" => r.planning_id = integer(ck, val, &p, RESP, i64::MIN, i64::MAX),
            "missingOrders" => r.missing_orders = strings(ck, val, &p, RESP),
            "missingDrivers" => {
                r.missing_drivers = list(ck, val, &p, RESP, None, |ck, v, p| {
                    read_selected_driver(v, p, RESP, ck)
                })
            }
            "ordersWithInvalidLocation" => {
                r.orders_with_invalid_location = strings(ck, val, &p, RESP)
            }
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    let detail = || planning_detail(&r);
    verdict(
        ck,
        obj,
        path,
        Endpoint::StartPlanning,
        &r.outcome,
        String::new,
        detail,
    );
    Some(r)
}

fn planning_detail(r: &StartPlanningResponse) -> String {
    let mut detail = Vec::new();
    if let Some(orders) = r.missing_orders.as_deref().filter(|o| !o.is_empty()) {
        detail.push(format!(
            "Orders not found: {}.",
            name_list(orders.iter().map(String::as_str))
        ));
    }
    if let Some(drivers) = r.missing_drivers.as_deref().filter(|d| !d.is_empty()) {
        let names = drivers.iter().map(|d| {
            d.driver_external_id
                .as_deref()
                .or(d.driver_serial.as_deref())
                .unwrap_or("?")
        });
        detail.push(format!("Drivers not found: {}.", name_list(names)));
    }
    if let Some(orders) = r
        .orders_with_invalid_location
        .as_deref()
        .filter(|o| !o.is_empty())
    {
        detail.push(format!(
            "Orders with an invalid location: {}.",
            name_list(orders.iter().map(String::as_str))
        ));
    }
    if let (Some(id), Some(false)) = (r.planning_id, r.outcome.success) {
        detail.push(format!("The running planning process is {id}."));
    }
    detail.join(" ")
}

/// Up to ten names, quoted, then how many more.
fn name_list<'s>(names: impl Iterator<Item = &'s str>) -> String {
    let mut out = Vec::new();
    let mut more = 0usize;
    for n in names {
        if out.len() < 10 {
            out.push(format!("\"{}\"", excerpt(n)));
        } else {
            more += 1;
        }
    }
    let mut s = out.join(", ");
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    s
}

/// `get_planning_status` response.
pub fn read_planning_status_response(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<PlanningStatusResponse> {
    let obj = ck.object(v, path)?;
    let mut r = PlanningStatusResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "status" => r.status = choice(ck, val, &p, RESP),
            "percentageComplete" => r.percentage_complete = integer(ck, val, &p, RESP, 0, 100),
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    verdict(
        ck,
        obj,
        path,
        Endpoint::GetPlanningStatus,
        &r.outcome,
        String::new,
        String::new,
    );
    Some(r)
}

/// The bulk driver responses: `update_drivers_parameters`, `update_drivers_positions`.
pub fn read_drivers_response(
    v: &Value,
    path: &Path,
    endpoint: Endpoint,
    ck: &mut Checker,
) -> Option<DriversResponse> {
    let obj = ck.object(v, path)?;
    let mut r = DriversResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "updates" => {
                r.updates = list(ck, val, &p, RESP, None, |ck, v, p| {
                    read_driver_result(v, p, endpoint, ck)
                })
            }
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    whole_request_verdict(ck, obj, path, endpoint, &r.outcome, "updates");
    Some(r)
}

fn read_driver_result(
    v: &Value,
    path: &Path,
    endpoint: Endpoint,
    ck: &mut Checker,
) -> Option<DriverResult> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut r = DriverResult::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "driver" => r.driver = read_driver_ref(val, &p, RESP, ck),
            "date" => r.date = super::read::date(ck, val, &p, RESP),
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    let subject = || driver_subject(&r, path);
    verdict(ck, obj, path, endpoint, &r.outcome, subject, String::new);
    Some(r)
}

fn driver_subject(r: &DriverResult, path: &Path) -> String {
    let driver = r.driver.as_ref().and_then(|d| {
        d.serial
            .as_deref()
            .map(|s| format!("serial \"{}\"", excerpt(s)))
            .or_else(|| {
                d.external_id
                    .as_deref()
                    .map(|e| format!("externalId \"{}\"", excerpt(e)))
            })
    });
    let mut subject = match driver {
        Some(d) => format!("for driver {d}"),
        None => "for a driver".to_owned(),
    };
    if let Some(date) = &r.date {
        subject.push_str(&format!(" on {date}"));
    }
    if let Some(i) = last_index(path) {
        subject.push_str(&format!(" (item {i})"));
    }
    subject
}

/// `get_events` response.
pub fn read_events_response(v: &Value, path: &Path, ck: &mut Checker) -> Option<EventsResponse> {
    let obj = ck.object(v, path)?;
    let mut r = EventsResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "events" => r.events = list(ck, val, &p, RESP, None, |ck, v, p| read_event(v, p, ck)),
            "tag" => r.tag = text(ck, val, &p, RESP),
            "remainingEvents" => r.remaining_events = integer(ck, val, &p, RESP, 0, i64::MAX),
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    verdict(
        ck,
        obj,
        path,
        Endpoint::GetEvents,
        &r.outcome,
        String::new,
        String::new,
    );
    Some(r)
}

fn read_event(v: &Value, path: &Path, ck: &mut Checker) -> Option<Event> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut e = Event::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "event" => e.event = open_choice::<EventType>(ck, val, &p, RESP, k, &mut e.extra),
            "unixTimestamp" => e.unix_timestamp = integer(ck, val, &p, RESP, 0, i64::MAX),
            "utcTime" => e.utc_time = iso_datetime(ck, val, &p, RESP),
            "localTime" => e.local_time = iso_datetime(ck, val, &p, RESP),
            "driverName" => e.driver_name = text(ck, val, &p, RESP),
            "driverSerial" => e.driver_serial = text(ck, val, &p, RESP),
            "driverExternalId" => e.driver_external_id = text(ck, val, &p, RESP),
            "orderNo" => e.order_no = text(ck, val, &p, RESP),
            "orderId" => e.order_id = text(ck, val, &p, RESP),
            "plannedStartTime" => e.planned_start_time = read_time(val, &p, ck),
            "position" => e.position = read_position(val, &p, RESP, ck),
            _ => e.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    mandatory(
        ck,
        obj,
        path,
        &["event", "unixTimestamp", "utcTime", "localTime"],
        "an event",
    );
    Some(e)
}

/// A Time Object in a response: all three fields mandatory.
fn read_time(v: &Value, path: &Path, ck: &mut Checker) -> Option<Time> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut t = Time::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "unixTimestamp" => t.unix_timestamp = integer(ck, val, &p, RESP, 0, i64::MAX),
            "utcTime" => t.utc_time = iso_datetime(ck, val, &p, RESP),
            "localTime" => t.local_time = iso_datetime(ck, val, &p, RESP),
            _ => t.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    mandatory(ck, obj, path, TIME_FIELDS, "a time object");
    Some(t)
}

/// `get_completion_details` and `update_completion_details` responses (the latter's list is
/// `updates` in the document's table and `orders` in its example: both are read).
pub fn read_completion_response(
    v: &Value,
    path: &Path,
    endpoint: Endpoint,
    ck: &mut Checker,
) -> Option<CompletionResponse> {
    let obj = ck.object(v, path)?;
    let mut r = CompletionResponse::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "orders" => {
                r.orders = list(ck, val, &p, RESP, None, |ck, v, p| {
                    read_completion_result(v, p, endpoint, ck)
                })
            }
            "updates" if endpoint == Endpoint::UpdateCompletionDetails => {
                r.updates = list(ck, val, &p, RESP, None, |ck, v, p| {
                    read_completion_result(v, p, endpoint, ck)
                })
            }
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    let items = if obj.contains_key("orders") {
        "orders"
    } else {
        "updates"
    };
    whole_request_verdict(ck, obj, path, endpoint, &r.outcome, items);
    Some(r)
}

fn read_completion_result(
    v: &Value,
    path: &Path,
    endpoint: Endpoint,
    ck: &mut Checker,
) -> Option<CompletionResult> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut r = CompletionResult::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        if outcome_field(k, val, &p, &mut r.outcome, ck) {
            continue;
        }
        match k {
            "orderNo" => r.order_no = text(ck, val, &p, RESP),
            "id" => r.id = text(ck, val, &p, RESP),
            "data" => r.data = read_completion_details(val, &p, ck),
            _ => r.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    let subject = || describe_order(r.order_no.as_deref(), r.id.as_deref(), last_index(path));
    verdict(ck, obj, path, endpoint, &r.outcome, subject, String::new);
    Some(r)
}

fn read_completion_details(v: &Value, path: &Path, ck: &mut Checker) -> Option<CompletionDetails> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut d = CompletionDetails::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "status" => d.status = open_choice(ck, val, &p, RESP, k, &mut d.extra),
            "startTime" => d.start_time = read_time(val, &p, ck),
            "startPosition" => d.start_position = read_position(val, &p, RESP, ck),
            "endTime" => d.end_time = read_time(val, &p, ck),
            "endPosition" => d.end_position = read_position(val, &p, RESP, ck),
            "form" => d.form = read_form(val, &p, ck),
            "tracking_url" => d.tracking_url = text(ck, val, &p, RESP),
            _ => d.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    mandatory(ck, obj, path, &["status"], "completion details");
    Some(d)
}

fn read_form(v: &Value, path: &Path, ck: &mut Checker) -> Option<FormData> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut f = FormData::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "note" => f.note = text(ck, val, &p, RESP),
            "signature" => f.signature = read_image(val, &p, ck),
            "images" => f.images = list(ck, val, &p, RESP, None, |ck, v, p| read_image(v, p, ck)),
            "barcode" => {
                f.barcode = list(ck, val, &p, RESP, None, |ck, v, p| {
                    read_barcode_scan(v, p, ck)
                })
            }
            "barcode_collections" => {
                f.barcode_collections = list(ck, val, &p, RESP, None, |ck, v, p| {
                    read_barcode_scan(v, p, ck)
                })
            }
            _ => f.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    Some(f)
}

fn read_image(v: &Value, path: &Path, ck: &mut Checker) -> Option<Image> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut i = Image::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "type" => i.mime_type = text(ck, val, &p, RESP),
            "url" => i.url = text(ck, val, &p, RESP),
            _ => i.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    mandatory(ck, obj, path, &["type", "url"], "an image attachment");
    Some(i)
}

fn read_barcode_scan(v: &Value, path: &Path, ck: &mut Checker) -> Option<BarcodeScan> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut b = BarcodeScan::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "barcode" => b.barcode = text(ck, val, &p, RESP),
            "scanInfo" => b.scan_info = read_scan_info(val, &p, ck),
            _ => b.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    Some(b)
}

fn read_scan_info(v: &Value, path: &Path, ck: &mut Checker) -> Option<ScanInfo> {
    if absent(v, RESP) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut s = ScanInfo::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "status" => s.status = open_choice(ck, val, &p, RESP, k, &mut s.extra),
            "scanned" => s.scanned = text(ck, val, &p, RESP),
            "images" => s.images = list(ck, val, &p, RESP, None, |ck, v, p| read_image(v, p, ck)),
            "type" => s.barcode_type = text(ck, val, &p, RESP),
            _ => s.extra.push(k.to_owned(), val.clone().into_owned()),
        }
    }
    mandatory(ck, obj, path, &["status"], "a barcode scan");
    Some(s)
}
