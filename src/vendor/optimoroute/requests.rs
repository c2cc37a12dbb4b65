//! Readers of every request body (POST) and query (GET, given as an object of parameters) other
//! than the order itself, with their documented rules.

use super::codes as or_codes;
use super::model::Order;
use super::model::{Balancing, StartWith};
use super::model::{
    CompletionUpdate, CompletionUpdateData, CreateOrUpdateOrders, DeleteAllOrders, DeleteOrder,
    DeleteOrders, DriverParameters, DriverPositions, GetEvents, GetRoutes, LocationKind,
    LocationType, OrderNoQuery, OrderRef, OrderRefList, OrderSelection, OrderStatus, PlanningRef,
    Position, SchedulingInfoQuery, SearchOrders, SelectedDriver, StartPlanning, Time,
    UpdateCompletionDetails, UpdateDriverParameters, UpdateDriversParameters,
    UpdateDriversPositions, VehicleRef, VehicleSelector, WorkTime,
};
use super::order::{read_date_range, read_driver_ref, read_order};
use super::read::{
    absent, choice, choices, clock, count, date, decimal, each, flag, integer, iso_datetime, list,
    not_empty, query_flag, query_integer, query_text, query_texts, strings, swapped_check, text,
    unknown, Side,
};
use crate::check::Checker;
use crate::issue::{codes, Issue};
use crate::json::{Object, Path, Value};
use std::collections::HashMap;

/// Items per bulk request. The document states 500 for `create_or_update_orders`,
/// `update_drivers_parameters` and `update_completion_details`; the vendor facts sheet extends
/// it to every bulk method ("bulk methods take at most 500 items").
pub const MAX_BULK_ITEMS: usize = 500;

/// Positions per driver in `update_drivers_positions`.
pub const MAX_POSITIONS_PER_DRIVER: usize = 100;

/// Days a `search_orders` `dateRange` may span, both ends included ("at most 35 days, i.e. 5
/// weeks").
pub const MAX_SEARCH_DAYS: i64 = 35;

const REQ: Side = Side::Request;

/// `create_or_update_orders`: `{"orders": [...]}`, 1 to 500 orders.
pub fn read_create_or_update_orders(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<CreateOrUpdateOrders> {
    let mut orders = Vec::with_capacity(
        v.get("orders")
            .and_then(Value::as_array)
            .map_or(0, <[Value]>::len),
    );
    let extra = walk_create_or_update_orders(v, path, ck, &mut |order| orders.push(order))?;
    Some(CreateOrUpdateOrders { orders, extra })
}

/// Reads a `create_or_update_orders` body, handing each order to `sink` as soon as it is read,
/// so that validating a large batch never holds every typed order at once. Returns the body's
/// undocumented fields.
pub fn walk_create_or_update_orders(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
    sink: &mut dyn FnMut(Order),
) -> Option<Object<'static>> {
    let obj = ck.object(v, path)?;
    let mut extra = Object::new();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "orders" => {
                each(ck, val, &p, REQ, Some(MAX_BULK_ITEMS), |ck, v, p| {
                    if let Some(order) = read_order(v, p, ck) {
                        sink(order);
                    }
                });
                not_empty(ck, val, &p, "order");
            }
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a create_or_update_orders request",
                &["orders"],
                &mut extra,
            ),
        }
    }
    if !obj.contains_key("orders") {
        ck.missing(path, "orders", "a list of 1 to 500 orders");
    }
    Some(extra)
}

/// `get_orders` and `get_completion_details`: the POST body `{"orders": [{orderNo}|{id}...]}`,
/// or the GET query `{"orderNo": "A"}` / `{"orderNo": ["A", "B"]}` (a repeated parameter).
pub fn read_order_selection(
    v: &Value,
    path: &Path,
    method: &str,
    ck: &mut Checker,
) -> Option<OrderSelection> {
    let obj = ck.object(v, path)?;
    if obj.contains_key("orderNo") && !obj.contains_key("orders") {
        let mut q = OrderNoQuery::default();
        for (k, val) in obj.iter() {
            let p = path.key(k);
            match k {
                "orderNo" => q.order_no = query_texts(ck, val, &p).unwrap_or_default(),
                "key" => api_key(ck, val, &p),
                _ => unknown(
                    ck,
                    REQ,
                    path,
                    k,
                    val,
                    &format!("the {method} query"),
                    &["orderNo", "key"],
                    &mut q.extra,
                ),
            }
        }
        return Some(OrderSelection::Query(q));
    }
    let mut r = OrderRefList::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "orders" => {
                r.orders = order_refs(ck, val, &p).unwrap_or_default();
                not_empty(ck, val, &p, "order");
            }
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                &format!("a {method} request"),
                &["orders"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("orders") {
        ck.missing(
            path,
            "orders",
            "a list of {\"orderNo\": ...} or {\"id\": ...} objects (or use the GET form with orderNo)",
        );
    }
    Some(OrderSelection::Body(r))
}

fn order_refs(ck: &mut Checker, v: &Value, p: &Path) -> Option<Vec<OrderRef>> {
    list(ck, v, p, REQ, Some(MAX_BULK_ITEMS), |ck, v, p| {
        read_order_ref(v, p, ck)
    })
}

/// One order selector `{"orderNo": ...}` or `{"id": ...}`.
pub fn read_order_ref(v: &Value, path: &Path, ck: &mut Checker) -> Option<OrderRef> {
    let obj = ck.object(v, path)?;
    let mut r = OrderRef::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "orderNo" => r.order_no = text(ck, val, &p, REQ),
            "id" => r.id = text(ck, val, &p, REQ),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "an order selector",
                &["orderNo", "id"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("orderNo") && !obj.contains_key("id") {
        ck.missing(path, "orderNo", "select the order by orderNo or id");
    }
    Some(r)
}

/// `delete_order`: `orderNo` mandatory, `forceDelete` optional.
pub fn read_delete_order(v: &Value, path: &Path, ck: &mut Checker) -> Option<DeleteOrder> {
    let obj = ck.object(v, path)?;
    let mut r = DeleteOrder::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "orderNo" => r.order_no = text(ck, val, &p, REQ),
            "forceDelete" => r.force_delete = flag(ck, val, &p, REQ),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a delete_order request",
                &["orderNo", "forceDelete"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("orderNo") {
        ck.missing(path, "orderNo", "the orderNo of the order to delete");
    }
    Some(r)
}

/// `delete_orders`: `orders` mandatory, `deleteMultiple` and `forceDelete` optional.
pub fn read_delete_orders(v: &Value, path: &Path, ck: &mut Checker) -> Option<DeleteOrders> {
    let obj = ck.object(v, path)?;
    let mut r = DeleteOrders::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "orders" => {
                r.orders = order_refs(ck, val, &p).unwrap_or_default();
                not_empty(ck, val, &p, "order");
            }
            "deleteMultiple" => r.delete_multiple = flag(ck, val, &p, REQ),
            "forceDelete" => r.force_delete = flag(ck, val, &p, REQ),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a delete_orders request",
                &["orders", "deleteMultiple", "forceDelete"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("orders") {
        ck.missing(
            path,
            "orders",
            "a list of {\"orderNo\": ...} or {\"id\": ...} objects",
        );
    }
    Some(r)
}

/// `delete_all_orders`: `date` optional — without it every order and route is deleted, which
/// is warned about.
pub fn read_delete_all_orders(v: &Value, path: &Path, ck: &mut Checker) -> Option<DeleteAllOrders> {
    let obj = ck.object(v, path)?;
    let mut r = DeleteAllOrders::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "date" => r.date = date(ck, val, &p, REQ),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a delete_all_orders request",
                &["date"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("date") {
        ck.warning(
            &path.key("date"),
            codes::MISSING_FIELD,
            "Without `date`, delete_all_orders removes every order and route of the account, on every date.",
        );
    }
    Some(r)
}

const SEARCH_FIELDS: &[&str] = &[
    "orders",
    "dateRange",
    "orderStatus",
    "includeOrderData",
    "includeScheduleInformation",
    "after_tag",
];

/// `search_orders`: `orders` or `dateRange` (at most 35 days) mandatory.
pub fn read_search_orders(v: &Value, path: &Path, ck: &mut Checker) -> Option<SearchOrders> {
    let obj = ck.object(v, path)?;
    let mut r = SearchOrders::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "orders" => {
                r.orders = list(ck, val, &p, REQ, None, |ck, v, p| read_order_ref(v, p, ck))
            }
            "dateRange" => {
                if let Some((range, dates)) = read_date_range(val, &p, REQ, false, None, ck) {
                    r.date_range = Some(range);
                    if let Some((from, to)) = dates {
                        let days = to.days_since_epoch() - from.days_since_epoch() + 1;
                        if days > MAX_SEARCH_DAYS {
                            ck.error(
                                &p,
                                or_codes::RANGE_TOO_LONG,
                                format!("The range {from} to {to} covers {days} days; search_orders accepts at most {MAX_SEARCH_DAYS} (5 weeks). Split it into several searches."),
                            );
                        }
                    }
                }
            }
            "orderStatus" => r.order_status = choices::<OrderStatus>(ck, val, &p, REQ),
            "includeOrderData" => r.include_order_data = flag(ck, val, &p, REQ),
            "includeScheduleInformation" => r.include_schedule_information = flag(ck, val, &p, REQ),
            "after_tag" => r.after_tag = text(ck, val, &p, REQ),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a search_orders request",
                SEARCH_FIELDS,
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("orders") && !obj.contains_key("dateRange") {
        ck.missing(
            path,
            "dateRange",
            "give dateRange ({\"from\": ..., \"to\": ...}) or orders to search",
        );
    }
    Some(r)
}

const ROUTES_FIELDS: &[&str] = &[
    "date",
    "driverExternalId",
    "driverSerial",
    "vehicleRegistration",
    "includeRoutePolyline",
    "includeRouteStartEnd",
    "key",
];

/// `get_routes` query: `date` mandatory, optional filters and flags.
pub fn read_get_routes(v: &Value, path: &Path, ck: &mut Checker) -> Option<GetRoutes> {
    let obj = ck.object(v, path)?;
    let mut r = GetRoutes::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "date" => r.date = date(ck, val, &p, REQ),
            "driverExternalId" => r.driver_external_id = query_text(ck, val, &p),
            "driverSerial" => r.driver_serial = query_text(ck, val, &p),
            "vehicleRegistration" => r.vehicle_registration = query_text(ck, val, &p),
            "includeRoutePolyline" => r.include_route_polyline = query_flag(ck, val, &p),
            "includeRouteStartEnd" => r.include_route_start_end = query_flag(ck, val, &p),
            "key" => api_key(ck, val, &p),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "the get_routes query",
                ROUTES_FIELDS,
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("date") {
        ck.missing(path, "date", "the date of the routes, as YYYY-MM-DD");
    }
    Some(r)
}

/// `get_scheduling_info` query: `orderNo` or `id`.
pub fn read_scheduling_info_query(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<SchedulingInfoQuery> {
    let obj = ck.object(v, path)?;
    let mut r = SchedulingInfoQuery::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "orderNo" => r.order_no = query_text(ck, val, &p),
            "id" => r.id = query_text(ck, val, &p),
            "key" => api_key(ck, val, &p),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "the get_scheduling_info query",
                &["orderNo", "id", "key"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("orderNo") && !obj.contains_key("id") {
        ck.missing(path, "orderNo", "give orderNo or id of the order");
    }
    Some(r)
}

const PLANNING_FIELDS: &[&str] = &[
    "date",
    "dateRange",
    "balancing",
    "balanceBy",
    "balancingFactor",
    "startWith",
    "lockType",
    "depotTrips",
    "depotVisitDuration",
    "clustering",
    "useDrivers",
    "useOrders",
    "useOrderObjects",
    "includeScheduledOrders",
];

/// `start_planning`: `date` (or `dateRange`), and the planning options with their enums,
/// ranges and the options they depend on.
pub fn read_start_planning(v: &Value, path: &Path, ck: &mut Checker) -> Option<StartPlanning> {
    let obj = ck.object(v, path)?;
    let mut r = StartPlanning::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "date" => r.date = date(ck, val, &p, REQ),
            "dateRange" => {
                r.date_range =
                    read_date_range(val, &p, REQ, false, Some("ERR_DATE_RANGE_INVALID"), ck)
                        .map(|(range, _)| range)
            }
            "balancing" => r.balancing = choice(ck, val, &p, REQ),
            "balanceBy" => r.balance_by = choice(ck, val, &p, REQ),
            "balancingFactor" => {
                r.balancing_factor = decimal(ck, val, &p, REQ, Some(0.0), Some(1.0))
            }
            "startWith" => r.start_with = choice(ck, val, &p, REQ),
            "lockType" => r.lock_type = choice(ck, val, &p, REQ),
            "depotTrips" => r.depot_trips = flag(ck, val, &p, REQ),
            "depotVisitDuration" => r.depot_visit_duration = count(ck, val, &p, REQ),
            "clustering" => r.clustering = flag(ck, val, &p, REQ),
            "useDrivers" => {
                r.use_drivers = list(ck, val, &p, REQ, None, |ck, v, p| {
                    read_selected_driver(v, p, REQ, ck)
                })
            }
            "useOrders" => {
                ck.warning(
                    &p,
                    codes::DEPRECATED_FIELD,
                    "`useOrders` is deprecated: use useOrderObjects, e.g. [{\"orderNo\": \"ORD001\"}].",
                );
                r.use_orders = strings(ck, val, &p, REQ);
            }
            "useOrderObjects" => {
                r.use_order_objects =
                    list(ck, val, &p, REQ, None, |ck, v, p| read_order_ref(v, p, ck))
            }
            "includeScheduledOrders" => r.include_scheduled_orders = flag(ck, val, &p, REQ),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a start_planning request",
                PLANNING_FIELDS,
                &mut r.extra,
            ),
        }
    }
    planning_rules(&r, obj, path, ck);
    Some(r)
}

fn planning_rules(r: &StartPlanning, obj: &Object, path: &Path, ck: &mut Checker) {
    let has = |k: &str| obj.contains_key(k);
    if has("dateRange") && has("date") {
        ck.warning(
            &path.key("date"),
            codes::CONFLICTING_FIELDS,
            "`date` is ignored because dateRange is set.",
        );
    } else if !has("dateRange") && !has("date") {
        ck.missing(
            path,
            "date",
            "the date to plan as YYYY-MM-DD (or a dateRange for weekly planning)",
        );
    }
    // A malformed controlling option was reported already; guessing what it meant would only
    // add noise, so its dependants are left alone.
    let malformed = |field: &str, parsed: bool| has(field) && !parsed;
    let mut ignored = |field: &str, unless: &str| {
        if has(field) {
            ck.warning(
                &path.key(field),
                codes::CONFLICTING_FIELDS,
                format!("`{field}` applies only {unless}; here it is ignored."),
            );
        }
    };
    if !malformed("balancing", r.balancing.is_some()) {
        if r.balancing != Some(Balancing::OnForce) {
            ignored("balancingFactor", "with balancing \"ON_FORCE\"");
        }
        if matches!(r.balancing, None | Some(Balancing::Off)) {
            ignored("balanceBy", "when balancing is \"ON\" or \"ON_FORCE\"");
        }
    }
    if !malformed("startWith", r.start_with.is_some()) && r.start_with != Some(StartWith::Current) {
        ignored("lockType", "with startWith \"CURRENT\"");
    }
    if !malformed("depotTrips", r.depot_trips.is_some()) && r.depot_trips != Some(true) {
        ignored("depotVisitDuration", "with depotTrips true");
    }
    if has("useOrders") && has("useOrderObjects") {
        ck.warning(
            &path.key("useOrders"),
            codes::CONFLICTING_FIELDS,
            "Both useOrders and useOrderObjects are set; give the orders once, in useOrderObjects.",
        );
    }
}

/// A SelectedDriver Object: `driverExternalId` or `driverSerial`.
pub fn read_selected_driver(
    v: &Value,
    path: &Path,
    side: Side,
    ck: &mut Checker,
) -> Option<SelectedDriver> {
    if absent(v, side) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut d = SelectedDriver::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "driverExternalId" => d.driver_external_id = text(ck, val, &p, side),
            "driverSerial" => d.driver_serial = text(ck, val, &p, side),
            _ => unknown(
                ck,
                side,
                path,
                k,
                val,
                "a selected driver",
                &["driverExternalId", "driverSerial"],
                &mut d.extra,
            ),
        }
    }
    if side == REQ && !obj.contains_key("driverExternalId") && !obj.contains_key("driverSerial") {
        ck.missing(
            path,
            "driverExternalId",
            "identify the driver by driverExternalId or driverSerial",
        );
    }
    Some(d)
}

/// `stop_planning` body (`planningId` an integer) or `get_planning_status` query (`planningId`
/// as an integer or its text).
pub fn read_planning_ref(
    v: &Value,
    path: &Path,
    query: bool,
    ck: &mut Checker,
) -> Option<PlanningRef> {
    let obj = ck.object(v, path)?;
    let mut r = PlanningRef::default();
    let what = if query {
        "the get_planning_status query"
    } else {
        "a stop_planning request"
    };
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "planningId" if query => r.planning_id = query_integer(ck, val, &p),
            "planningId" => r.planning_id = ck.integer(val, &p),
            "key" if query => api_key(ck, val, &p),
            _ => unknown(ck, REQ, path, k, val, what, &["planningId"], &mut r.extra),
        }
    }
    if !obj.contains_key("planningId") {
        ck.missing(path, "planningId", "the id returned by start_planning");
    }
    Some(r)
}

const DRIVER_PARAMETER_FIELDS: &[&str] = &[
    "externalId",
    "date",
    "enabled",
    "workTimeFrom",
    "workTimeTo",
    "assignedVehicle",
    "vehicleCapacity1",
    "vehicleCapacity2",
    "vehicleCapacity3",
    "vehicleCapacity4",
    "startLatitude",
    "startLongitude",
    "startAddress",
    "endLatitude",
    "endLongitude",
    "endAddress",
];

/// `update_driver_parameters`: one driver (`externalId`) on one `date`.
pub fn read_update_driver_parameters(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<UpdateDriverParameters> {
    let obj = ck.object(v, path)?;
    let mut r = UpdateDriverParameters::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "externalId" => r.external_id = text(ck, val, &p, REQ),
            "date" => r.date = date(ck, val, &p, REQ),
            "enabled" => r.enabled = flag(ck, val, &p, REQ),
            "workTimeFrom" => r.work_time_from = clock(ck, val, &p, REQ),
            "workTimeTo" => r.work_time_to = clock(ck, val, &p, REQ),
            "assignedVehicle" => r.assigned_vehicle = text(ck, val, &p, REQ),
            "vehicleCapacity1" => r.vehicle_capacity1 = capacity(ck, val, &p),
            "vehicleCapacity2" => r.vehicle_capacity2 = capacity(ck, val, &p),
            "vehicleCapacity3" => r.vehicle_capacity3 = capacity(ck, val, &p),
            "vehicleCapacity4" => r.vehicle_capacity4 = capacity(ck, val, &p),
            "startLatitude" => r.start_latitude = latitude(ck, val, &p),
            "startLongitude" => r.start_longitude = longitude(ck, val, &p),
            "startAddress" => r.start_address = text(ck, val, &p, REQ),
            "endLatitude" => r.end_latitude = latitude(ck, val, &p),
            "endLongitude" => r.end_longitude = longitude(ck, val, &p),
            "endAddress" => r.end_address = text(ck, val, &p, REQ),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "an update_driver_parameters request",
                DRIVER_PARAMETER_FIELDS,
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("externalId") {
        ck.missing(path, "externalId", "the driver's external identifier");
    }
    if !obj.contains_key("date") {
        ck.missing(path, "date", "the date to change, as YYYY-MM-DD");
    }
    for end in ["start", "end"] {
        let (lat, lon, addr) = (
            format!("{end}Latitude"),
            format!("{end}Longitude"),
            format!("{end}Address"),
        );
        let (has_lat, has_lon) = (obj.contains_key(&lat), obj.contains_key(&lon));
        swapped_check(ck, path, obj.get(&lat), obj.get(&lon), (&lat, &lon));
        if has_lat != has_lon {
            let (given, other) = if has_lat { (&lat, &lon) } else { (&lon, &lat) };
            ck.warning(
                &path.key(given),
                codes::CONFLICTING_FIELDS,
                format!("`{given}` is ignored without `{other}`: give both."),
            );
        }
        if obj.contains_key(&addr) && !(has_lat && has_lon) {
            ck.warning(
                &path.key(&addr),
                codes::CONFLICTING_FIELDS,
                format!("`{addr}` is ignored unless {lat} and {lon} are given."),
            );
        }
    }
    Some(r)
}

fn capacity(ck: &mut Checker, v: &Value, p: &Path) -> Option<i64> {
    integer(ck, v, p, REQ, 0, i64::MAX)
}

fn latitude(ck: &mut Checker, v: &Value, p: &Path) -> Option<f64> {
    decimal(ck, v, p, REQ, Some(-90.0), Some(90.0))
}

fn longitude(ck: &mut Checker, v: &Value, p: &Path) -> Option<f64> {
    decimal(ck, v, p, REQ, Some(-180.0), Some(180.0))
}

/// `update_drivers_parameters`: `{"updates": [...]}`, 1 to 500 driver parameter objects.
pub fn read_update_drivers_parameters(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<UpdateDriversParameters> {
    let obj = ck.object(v, path)?;
    let mut r = UpdateDriversParameters::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "updates" => {
                r.updates = list(ck, val, &p, REQ, Some(MAX_BULK_ITEMS), |ck, v, p| {
                    read_driver_parameters(v, p, ck)
                })
                .unwrap_or_default();
                not_empty(ck, val, &p, "driver parameters object");
            }
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "an update_drivers_parameters request",
                &["updates"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("updates") {
        ck.missing(
            path,
            "updates",
            "a list of 1 to 500 driver parameters objects",
        );
    }
    Some(r)
}

const DRIVER_PARAMETERS_FIELDS: &[&str] = &[
    "driver",
    "date",
    "enabled",
    "workTime",
    "assignedVehicle",
    "vehicleCapacity1",
    "vehicleCapacity2",
    "vehicleCapacity3",
    "vehicleCapacity4",
    "startLocation",
    "endLocation",
];

/// One DriverParameters Object of `update_drivers_parameters`.
pub fn read_driver_parameters(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<DriverParameters> {
    let obj = ck.object(v, path)?;
    let mut r = DriverParameters::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "driver" => r.driver = read_driver_ref(val, &p, REQ, ck),
            "date" => r.date = date(ck, val, &p, REQ),
            "enabled" => r.enabled = flag(ck, val, &p, REQ),
            "workTime" => r.work_time = read_work_time(val, &p, ck),
            "assignedVehicle" => r.assigned_vehicle = read_vehicle_ref(val, &p, ck),
            "vehicleCapacity1" => r.vehicle_capacity1 = capacity(ck, val, &p),
            "vehicleCapacity2" => r.vehicle_capacity2 = capacity(ck, val, &p),
            "vehicleCapacity3" => r.vehicle_capacity3 = capacity(ck, val, &p),
            "vehicleCapacity4" => r.vehicle_capacity4 = capacity(ck, val, &p),
            "startLocation" => r.start_location = read_location_type(val, &p, true, ck),
            "endLocation" => r.end_location = read_location_type(val, &p, false, ck),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a driver parameters object",
                DRIVER_PARAMETERS_FIELDS,
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("driver") {
        ck.missing(path, "driver", "{\"serial\": ...} or {\"externalId\": ...}");
    }
    if !obj.contains_key("date") {
        ck.missing(path, "date", "the date to change, as YYYY-MM-DD");
    }
    Some(r)
}

fn read_work_time(v: &Value, path: &Path, ck: &mut Checker) -> Option<WorkTime> {
    let obj = ck.object(v, path)?;
    let mut w = WorkTime::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "from" => w.from = clock(ck, val, &p, REQ),
            "to" => w.to = clock(ck, val, &p, REQ),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a work time",
                &["from", "to"],
                &mut w.extra,
            ),
        }
    }
    for field in ["from", "to"] {
        if !obj.contains_key(field) {
            ck.missing(path, field, "a work time has from and to, as HH:MM");
        }
    }
    Some(w)
}

fn read_vehicle_ref(v: &Value, path: &Path, ck: &mut Checker) -> Option<VehicleRef> {
    let obj = match v {
        Value::String(s) => return Some(VehicleRef::ExternalId(s.to_string())),
        Value::Object(o) => o,
        _ => {
            ck.error(
                path,
                codes::INVALID_TYPE,
                format!(
                    "`assignedVehicle` must be the vehicle's external identifier (a string) or an object with registration or externalId, not {}.",
                    crate::check::describe(v)
                ),
            );
            return None;
        }
    };
    let mut s = VehicleSelector::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "registration" => s.registration = text(ck, val, &p, REQ),
            "externalId" => s.external_id = text(ck, val, &p, REQ),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a vehicle reference",
                &["registration", "externalId"],
                &mut s.extra,
            ),
        }
    }
    if !obj.contains_key("registration") && !obj.contains_key("externalId") {
        ck.missing(
            path,
            "externalId",
            "identify the vehicle by registration or externalId",
        );
    }
    Some(VehicleRef::Selector(s))
}

/// A LocationType Object: `type` mandatory; `custom` needs latitude and longitude; other types
/// take nothing else; `startLocation` cannot start a route.
fn read_location_type(
    v: &Value,
    path: &Path,
    is_start: bool,
    ck: &mut Checker,
) -> Option<LocationType> {
    let obj = ck.object(v, path)?;
    let mut l = LocationType::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "type" if is_start && val.as_str() == Some("startLocation") => {
                ck.error(
                    &p,
                    codes::UNKNOWN_ENUM_VALUE,
                    "`type` \"startLocation\" cannot be used for the start location itself; use \"custom\" or \"employeeDefault\".",
                );
            }
            "type" => l.kind = choice(ck, val, &p, REQ),
            "address" => l.address = text(ck, val, &p, REQ),
            "latitude" => l.latitude = latitude(ck, val, &p),
            "longitude" => l.longitude = longitude(ck, val, &p),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a location type",
                &["type", "address", "latitude", "longitude"],
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
    if !obj.contains_key("type") {
        let allowed = if is_start {
            "\"custom\" or \"employeeDefault\""
        } else {
            "\"custom\", \"employeeDefault\" or \"startLocation\""
        };
        ck.missing(path, "type", allowed);
    }
    match l.kind {
        Some(LocationKind::Custom) => {
            for field in ["latitude", "longitude"] {
                if !obj.contains_key(field) {
                    ck.push(
                        Issue::error(
                            path.key(field).to_pointer(),
                            codes::MISSING_FIELD,
                            format!("`{field}` is required: a custom location needs latitude and longitude."),
                        )
                        .with_vendor_code("ERR_LOC_NOT_VALID"),
                    );
                }
            }
        }
        Some(kind) => {
            for field in ["address", "latitude", "longitude"] {
                if obj.contains_key(field) {
                    ck.warning(
                        &path.key(field),
                        codes::CONFLICTING_FIELDS,
                        format!("`{field}` is used only with type \"custom\"; with \"{}\" only type should be given.", kind.as_str()),
                    );
                }
            }
        }
        None => {}
    }
    Some(l)
}

/// `get_events` query: `after_tag` optional.
pub fn read_get_events(v: &Value, path: &Path, ck: &mut Checker) -> Option<GetEvents> {
    let obj = ck.object(v, path)?;
    let mut r = GetEvents::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "after_tag" => r.after_tag = query_text(ck, val, &p),
            "key" => api_key(ck, val, &p),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "the get_events query",
                &["after_tag", "key"],
                &mut r.extra,
            ),
        }
    }
    Some(r)
}

/// `update_completion_details`: `{"updates": [...]}`, at most 500.
pub fn read_update_completion_details(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<UpdateCompletionDetails> {
    let obj = ck.object(v, path)?;
    let mut r = UpdateCompletionDetails::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "updates" => {
                r.updates = list(ck, val, &p, REQ, Some(MAX_BULK_ITEMS), |ck, v, p| {
                    read_completion_update(v, p, ck)
                })
                .unwrap_or_default()
            }
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "an update_completion_details request",
                &["updates"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("updates") {
        ck.missing(path, "updates", "a list of up to 500 completion updates");
    }
    Some(r)
}

fn read_completion_update(v: &Value, path: &Path, ck: &mut Checker) -> Option<CompletionUpdate> {
    let obj = ck.object(v, path)?;
    let mut r = CompletionUpdate::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "orderNo" => r.order_no = text(ck, val, &p, REQ),
            "id" => r.id = text(ck, val, &p, REQ),
            "data" => r.data = read_completion_update_data(val, &p, ck),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a completion update",
                &["orderNo", "id", "data"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("orderNo") && !obj.contains_key("id") {
        ck.missing(path, "orderNo", "identify the order by orderNo or id");
    }
    Some(r)
}

fn read_completion_update_data(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<CompletionUpdateData> {
    let obj = ck.object(v, path)?;
    let mut d = CompletionUpdateData::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "status" => d.status = choice(ck, val, &p, REQ),
            "startTime" => d.start_time = read_time_update(val, &p, ck),
            "endTime" => d.end_time = read_time_update(val, &p, ck),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "completion details",
                &["status", "startTime", "endTime"],
                &mut d.extra,
            ),
        }
    }
    if !obj.contains_key("status") {
        ck.missing(path, "status", "the order status, e.g. \"success\"");
    }
    if let Some(status) = d.status {
        use OrderStatus::{Failed, Servicing, Success};
        let rules: [(&str, &[OrderStatus], &str); 2] = [
            (
                "startTime",
                &[Servicing, Success, Failed],
                "servicing, success or failed",
            ),
            ("endTime", &[Success, Failed], "success or failed"),
        ];
        for (field, statuses, names) in rules {
            if obj.contains_key(field) && !statuses.contains(&status) {
                ck.warning(
                    &path.key(field),
                    codes::CONFLICTING_FIELDS,
                    format!(
                        "`{field}` applies only to orders with status {names}, not \"{}\".",
                        status.as_str()
                    ),
                );
            }
        }
    }
    Some(d)
}

/// A Time Update Object: at least one of `unixTimestamp`, `utcTime`, `localTime`; the first
/// given wins and the others are ignored (warned).
fn read_time_update(v: &Value, path: &Path, ck: &mut Checker) -> Option<Time> {
    let obj = ck.object(v, path)?;
    let mut t = Time::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "unixTimestamp" => t.unix_timestamp = integer(ck, val, &p, REQ, 0, i64::MAX),
            "utcTime" => t.utc_time = iso_datetime(ck, val, &p, REQ),
            "localTime" => t.local_time = iso_datetime(ck, val, &p, REQ),
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a time update",
                TIME_FIELDS,
                &mut t.extra,
            ),
        }
    }
    let given: Vec<&str> = TIME_FIELDS
        .iter()
        .copied()
        .filter(|f| obj.contains_key(f))
        .collect();
    match given.split_first() {
        None => ck.missing(
            path,
            "unixTimestamp",
            "give at least one of unixTimestamp, utcTime or localTime",
        ),
        Some((winner, ignored)) => {
            for field in ignored {
                ck.warning(
                    &path.key(field),
                    codes::CONFLICTING_FIELDS,
                    format!("`{field}` is ignored because `{winner}` is given."),
                );
            }
        }
    }
    Some(t)
}

/// The Time object's fields, in the order the vendor gives them precedence.
pub const TIME_FIELDS: &[&str] = &["unixTimestamp", "utcTime", "localTime"];

/// `update_drivers_positions`: one object per driver, at most 100 positions each.
pub fn read_update_drivers_positions(
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<UpdateDriversPositions> {
    let obj = ck.object(v, path)?;
    let mut r = UpdateDriversPositions::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "updates" => {
                r.updates = list(ck, val, &p, REQ, Some(MAX_BULK_ITEMS), |ck, v, p| {
                    read_driver_positions(v, p, ck)
                })
                .unwrap_or_default();
                not_empty(ck, val, &p, "driver positions object");
                if let Some(items) = val.as_array() {
                    duplicate_drivers(items, &p, ck);
                }
            }
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "an update_drivers_positions request",
                &["updates"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("updates") {
        ck.missing(
            path,
            "updates",
            "a list of driver positions objects, one per driver",
        );
    }
    Some(r)
}

fn read_driver_positions(v: &Value, path: &Path, ck: &mut Checker) -> Option<DriverPositions> {
    let obj = ck.object(v, path)?;
    let mut r = DriverPositions::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "driver" => r.driver = read_driver_ref(val, &p, REQ, ck),
            "positions" => {
                r.positions = list(
                    ck,
                    val,
                    &p,
                    REQ,
                    Some(MAX_POSITIONS_PER_DRIVER),
                    |ck, v, p| read_position(v, p, REQ, ck),
                )
                .unwrap_or_default();
                not_empty(ck, val, &p, "position");
            }
            _ => unknown(
                ck,
                REQ,
                path,
                k,
                val,
                "a driver positions object",
                &["driver", "positions"],
                &mut r.extra,
            ),
        }
    }
    if !obj.contains_key("driver") {
        ck.missing(path, "driver", "{\"serial\": ...} or {\"externalId\": ...}");
    }
    if !obj.contains_key("positions") {
        ck.missing(path, "positions", "a list of up to 100 positions");
    }
    Some(r)
}

/// Reports every positions object of a driver that appears more than once: OptimoRoute fails
/// each of them with `ERR_MULTIPLE_DRV_POS`. Drivers match on `serial` or on `externalId`.
fn duplicate_drivers(items: &[Value], path: &Path, ck: &mut Checker) {
    let mut seen: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let Some(driver) = item.get("driver") else {
            continue;
        };
        for field in ["serial", "externalId"] {
            if let Some(id) = driver.get(field).and_then(Value::as_str) {
                seen.entry((field, id)).or_default().push(i);
            }
        }
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    for ((field, id), indexes) in &seen {
        if indexes.len() < 2 {
            continue;
        }
        let list = indexes
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        for &i in indexes {
            if found.iter().any(|(j, _)| *j == i) {
                continue;
            }
            found.push((
                i,
                format!("The driver with {field} \"{}\" has several positions objects (updates {list}); OptimoRoute rejects all of them. Send one object per driver with all its positions.", super::read::excerpt(id)),
            ));
        }
    }
    // HashMap order is arbitrary; issues come out in payload order.
    found.sort_by_key(|(i, _)| *i);
    for (i, message) in found {
        let p = path.index(i);
        ck.push(
            Issue::error(p.key("driver").to_pointer(), codes::DUPLICATE, message)
                .with_vendor_code("ERR_MULTIPLE_DRV_POS"),
        );
    }
}

const POSITION_FIELDS: &[&str] = &[
    "timestamp",
    "latitude",
    "longitude",
    "accuracy",
    "speed",
    "heading",
];

/// A Position Object; `timestamp`, `latitude` and `longitude` are mandatory in requests.
/// Responses add `distanceToLocation` (metres).
pub fn read_position(v: &Value, path: &Path, side: Side, ck: &mut Checker) -> Option<Position> {
    if absent(v, side) {
        return None;
    }
    let obj = ck.object(v, path)?;
    let mut r = Position::default();
    for (k, val) in obj.iter() {
        let p = path.key(k);
        match k {
            "timestamp" => r.timestamp = integer(ck, val, &p, side, 0, i64::MAX),
            "latitude" => r.latitude = decimal(ck, val, &p, side, Some(-90.0), Some(90.0)),
            "longitude" => r.longitude = decimal(ck, val, &p, side, Some(-180.0), Some(180.0)),
            "accuracy" => r.accuracy = decimal(ck, val, &p, side, Some(0.0), None),
            "speed" => r.speed = decimal(ck, val, &p, side, Some(0.0), None),
            "heading" => r.heading = decimal(ck, val, &p, side, Some(0.0), Some(360.0)),
            "distanceToLocation" if side == Side::Response => {
                r.distance_to_location = decimal(ck, val, &p, side, Some(0.0), None)
            }
            _ => unknown(
                ck,
                side,
                path,
                k,
                val,
                "a position",
                POSITION_FIELDS,
                &mut r.extra,
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
    for field in ["timestamp", "latitude", "longitude"] {
        if !obj.contains_key(field) {
            ck.missing(
                path,
                field,
                "each position has timestamp (UNIX seconds), latitude and longitude",
            );
        }
    }
    Some(r)
}

/// The `key` query parameter (the API key). Accepted in query objects; its value is a secret,
/// so no message ever repeats it.
fn api_key(ck: &mut Checker, v: &Value, p: &Path) {
    if v.as_str().is_none() {
        ck.error(
            p,
            codes::INVALID_TYPE,
            "`key` (the API key) must be a string.",
        );
    }
}
