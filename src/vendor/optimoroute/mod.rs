//! OptimoRoute Web Service API (`https://api.optimoroute.com/v1/<method>`): typed models of every
//! documented request and response, their validation rules, and the vendor's error codes.
//!
//! Source of truth: `optimoroute-ws-api.txt` (the vendor's reference) and the OptimoRoute part of
//! `VENDOR-FACTS.md` (500 items per bulk call, 5 concurrent requests, the account's time zone).
//!
//! Every one of the document's 18 methods is an endpoint, named as the API names it
//! ([`ENDPOINTS`]). A request body is validated strictly: every documented rule, unknown fields
//! as `UNKNOWN_FIELD` warnings, and the vendor's own code (`ERR_MISSING_MAND_FIELD`,
//! `ERR_INVALID_PARAM_FORMAT`, `ERR_LOC_NOT_VALID`, ...) as `vendorCode` where the vendor would
//! answer with one. GET methods take their query parameters as an object (`{"date":
//! "2024-03-22", "includeRoutePolyline": "true"}`; a repeated parameter is a list). A response
//! body is read leniently, and each failure it reports becomes a `VENDOR_ERROR` issue at the
//! failed item.
//!
//! ```
//! use orderbridge::check::Checker;
//! use orderbridge::json::parse;
//! use orderbridge::vendor::{optimoroute::OPTIMOROUTE, ValidateOptions, Vendor};
//!
//! let body = parse(r#"{"orders": [{"orderNo": "A1", "date": "2024-03-22",
//!     "location": {"locationNo": "L1", "latitude": 142.3, "longitude": -71.05}}]}"#).unwrap();
//! let mut ck = Checker::new();
//! let got = OPTIMOROUTE.validate(&body, &ValidateOptions::default(), &mut ck).unwrap();
//! assert_eq!(got.kind, "create_or_update_orders");
//! assert!(got.inferred);
//! assert_eq!(ck.issues[0].path, "/orders/0/location/latitude");
//! assert_eq!(ck.issues[0].code, "OUT_OF_RANGE");
//! ```

mod errors;
pub mod formats;
pub mod model;
mod order;
mod read;
mod requests;
mod responses;

pub use errors::{error_meaning, method_codes, CodeMeaning, GENERAL as GENERAL_ERROR_CODES};
pub use order::{read_location, read_order, read_order_as, OrderContext};
pub use read::Side;
pub use requests::{MAX_BULK_ITEMS, MAX_POSITIONS_PER_DRIVER, MAX_SEARCH_DAYS};

use crate::check::Checker;
use crate::issue::{codes as core_codes, Issue};
use crate::json::{Object, Path, Value};
use crate::vendor::{ValidateOptions, Validated, Vendor};
use model::{Request, Response};
use std::borrow::Cow;

/// The issue codes this module adds to the core ones (listed in `docs/errors.md`).
pub mod codes {
    pub use crate::issue::codes::WINDOW_INVERTED as INVALID_RANGE;
    pub use crate::vendor::codes::{
        AMBIGUOUS_PAYLOAD, READ_ONLY_FIELD, UNKNOWN_ENDPOINT, VENDOR_ERROR,
    };
    /// A response reports success with a warning code, e.g. `WAR_LOC_GEOCODING_PARTIAL`
    /// (warning).
    pub const VENDOR_WARNING: &str = "VENDOR_WARNING";
    /// A legacy custom field key (`custom_field_1`..`custom_field_5`) inside `customFields`,
    /// where the vendor does not accept it (error).
    pub const LEGACY_CUSTOM_FIELD: &str = "LEGACY_CUSTOM_FIELD";
    /// A date range spans more days than the endpoint allows (`search_orders`: 35) (error).
    pub const RANGE_TOO_LONG: &str = "RANGE_TOO_LONG";
    /// A location is not defined in any of the ways the endpoint accepts, or a location that
    /// will be created lacks what creation needs (coordinates, a name or number) (error).
    pub const INCOMPLETE_LOCATION: &str = "INCOMPLETE_LOCATION";
}

/// One method of the OptimoRoute WS API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// POST `create_order`: create or update one order, with geocoding.
    CreateOrder,
    /// POST `create_or_update_orders`: up to 500 orders, no geocoding.
    CreateOrUpdateOrders,
    /// POST (or GET) `get_orders`.
    GetOrders,
    /// POST `delete_order`.
    DeleteOrder,
    /// POST `delete_orders`.
    DeleteOrders,
    /// POST `delete_all_orders`.
    DeleteAllOrders,
    /// POST `search_orders`.
    SearchOrders,
    /// GET `get_routes`.
    GetRoutes,
    /// GET `get_scheduling_info`.
    GetSchedulingInfo,
    /// POST `start_planning`.
    StartPlanning,
    /// POST `stop_planning`.
    StopPlanning,
    /// GET `get_planning_status`.
    GetPlanningStatus,
    /// POST `update_driver_parameters`.
    UpdateDriverParameters,
    /// POST `update_drivers_parameters` (bulk).
    UpdateDriversParameters,
    /// GET `get_events`.
    GetEvents,
    /// POST (or GET) `get_completion_details`.
    GetCompletionDetails,
    /// POST `update_completion_details`.
    UpdateCompletionDetails,
    /// POST `update_drivers_positions`.
    UpdateDriversPositions,
}

/// The endpoint names, in the document's order of [`Endpoint::ALL`].
pub static ENDPOINTS: &[&str] = &[
    "create_order",
    "create_or_update_orders",
    "get_orders",
    "delete_order",
    "delete_orders",
    "delete_all_orders",
    "search_orders",
    "get_routes",
    "get_scheduling_info",
    "start_planning",
    "stop_planning",
    "get_planning_status",
    "update_driver_parameters",
    "update_drivers_parameters",
    "get_events",
    "get_completion_details",
    "update_completion_details",
    "update_drivers_positions",
];

impl Endpoint {
    /// Every endpoint, in the order of [`ENDPOINTS`].
    pub const ALL: &'static [Endpoint] = &[
        Endpoint::CreateOrder,
        Endpoint::CreateOrUpdateOrders,
        Endpoint::GetOrders,
        Endpoint::DeleteOrder,
        Endpoint::DeleteOrders,
        Endpoint::DeleteAllOrders,
        Endpoint::SearchOrders,
        Endpoint::GetRoutes,
        Endpoint::GetSchedulingInfo,
        Endpoint::StartPlanning,
        Endpoint::StopPlanning,
        Endpoint::GetPlanningStatus,
        Endpoint::UpdateDriverParameters,
        Endpoint::UpdateDriversParameters,
        Endpoint::GetEvents,
        Endpoint::GetCompletionDetails,
        Endpoint::UpdateCompletionDetails,
        Endpoint::UpdateDriversPositions,
    ];

    /// The API method name, e.g. `"create_or_update_orders"`.
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::CreateOrder => "create_order",
            Endpoint::CreateOrUpdateOrders => "create_or_update_orders",
            Endpoint::GetOrders => "get_orders",
            Endpoint::DeleteOrder => "delete_order",
            Endpoint::DeleteOrders => "delete_orders",
            Endpoint::DeleteAllOrders => "delete_all_orders",
            Endpoint::SearchOrders => "search_orders",
            Endpoint::GetRoutes => "get_routes",
            Endpoint::GetSchedulingInfo => "get_scheduling_info",
            Endpoint::StartPlanning => "start_planning",
            Endpoint::StopPlanning => "stop_planning",
            Endpoint::GetPlanningStatus => "get_planning_status",
            Endpoint::UpdateDriverParameters => "update_driver_parameters",
            Endpoint::UpdateDriversParameters => "update_drivers_parameters",
            Endpoint::GetEvents => "get_events",
            Endpoint::GetCompletionDetails => "get_completion_details",
            Endpoint::UpdateCompletionDetails => "update_completion_details",
            Endpoint::UpdateDriversPositions => "update_drivers_positions",
        }
    }

    /// The endpoint named `name`.
    pub fn from_name(name: &str) -> Option<Endpoint> {
        Endpoint::ALL.iter().copied().find(|e| e.name() == name)
    }

    /// The HTTP method the document gives (`get_orders` and `get_completion_details` also
    /// accept GET with `orderNo` parameters).
    pub fn http_method(self) -> &'static str {
        match self {
            Endpoint::GetRoutes
            | Endpoint::GetSchedulingInfo
            | Endpoint::GetPlanningStatus
            | Endpoint::GetEvents => "GET",
            _ => "POST",
        }
    }
}

/// The OptimoRoute format.
#[derive(Debug, Clone, Copy, Default)]
pub struct OptimoRoute;

/// The OptimoRoute format, as registered in [`crate::vendor::VENDORS`].
pub static OPTIMOROUTE: OptimoRoute = OptimoRoute;

impl Vendor for OptimoRoute {
    fn id(&self) -> &'static str {
        "optimoroute"
    }

    fn endpoints(&self) -> &'static [&'static str] {
        ENDPOINTS
    }

    fn validate(
        &self,
        payload: &Value,
        options: &ValidateOptions,
        checker: &mut Checker,
    ) -> Option<Validated> {
        let (endpoint, response, inferred) = match options.endpoint.as_deref() {
            Some(name) => {
                let Some(endpoint) = Endpoint::from_name(name) else {
                    checker.push(Issue::error(
                        "",
                        codes::UNKNOWN_ENDPOINT,
                        format!(
                            "\"{}\" is not an OptimoRoute endpoint; use one of {}.",
                            read::excerpt(name),
                            crate::check::quote_list(ENDPOINTS)
                        ),
                    ));
                    return None;
                };
                // No request has `success`, every response has it: a response passed without
                // `response: true` is recognised rather than drowned in unknown-field warnings.
                let looks_like_response = !options.response && has_success(payload);
                (
                    endpoint,
                    options.response || looks_like_response,
                    looks_like_response,
                )
            }
            None => {
                let (endpoint, response) = infer(payload, options.response, checker)?;
                (endpoint, response, true)
            }
        };
        let root = Path::root();
        if response {
            read_response(endpoint, payload, &root, checker);
        } else {
            let start = checker.issues.len();
            if endpoint == Endpoint::CreateOrUpdateOrders {
                // The one body that comes in large batches: each typed order is dropped as soon
                // as it is read instead of being collected.
                requests::walk_create_or_update_orders(payload, &root, checker, &mut drop);
            } else {
                read_request(endpoint, payload, &root, checker);
            }
            attach_vendor_codes(checker.issues.iter_mut().skip(start));
        }
        let kind = if response {
            format!("{}.response", endpoint.name())
        } else {
            endpoint.name().to_owned()
        };
        Some(Validated { kind, inferred })
    }
}

/// Reads a request body (or query object) of `endpoint` into its typed form, recording every
/// problem. `None` when the payload is not an object.
pub fn read_request(
    endpoint: Endpoint,
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<Request> {
    use requests as rq;
    Some(match endpoint {
        Endpoint::CreateOrder => Request::CreateOrder(Box::new(read_order_as(
            v,
            path,
            OrderContext::CreateOrder,
            ck,
        )?)),
        Endpoint::CreateOrUpdateOrders => {
            Request::CreateOrUpdateOrders(rq::read_create_or_update_orders(v, path, ck)?)
        }
        Endpoint::GetOrders => {
            Request::GetOrders(rq::read_order_selection(v, path, endpoint.name(), ck)?)
        }
        Endpoint::DeleteOrder => Request::DeleteOrder(rq::read_delete_order(v, path, ck)?),
        Endpoint::DeleteOrders => Request::DeleteOrders(rq::read_delete_orders(v, path, ck)?),
        Endpoint::DeleteAllOrders => {
            Request::DeleteAllOrders(rq::read_delete_all_orders(v, path, ck)?)
        }
        Endpoint::SearchOrders => Request::SearchOrders(rq::read_search_orders(v, path, ck)?),
        Endpoint::GetRoutes => Request::GetRoutes(rq::read_get_routes(v, path, ck)?),
        Endpoint::GetSchedulingInfo => {
            Request::GetSchedulingInfo(rq::read_scheduling_info_query(v, path, ck)?)
        }
        Endpoint::StartPlanning => Request::StartPlanning(rq::read_start_planning(v, path, ck)?),
        Endpoint::StopPlanning => Request::StopPlanning(rq::read_planning_ref(v, path, false, ck)?),
        Endpoint::GetPlanningStatus => {
            Request::GetPlanningStatus(rq::read_planning_ref(v, path, true, ck)?)
        }
        Endpoint::UpdateDriverParameters => {
            Request::UpdateDriverParameters(rq::read_update_driver_parameters(v, path, ck)?)
        }
        Endpoint::UpdateDriversParameters => {
            Request::UpdateDriversParameters(rq::read_update_drivers_parameters(v, path, ck)?)
        }
        Endpoint::GetEvents => Request::GetEvents(rq::read_get_events(v, path, ck)?),
        Endpoint::GetCompletionDetails => {
            Request::GetCompletionDetails(rq::read_order_selection(v, path, endpoint.name(), ck)?)
        }
        Endpoint::UpdateCompletionDetails => {
            Request::UpdateCompletionDetails(rq::read_update_completion_details(v, path, ck)?)
        }
        Endpoint::UpdateDriversPositions => {
            Request::UpdateDriversPositions(rq::read_update_drivers_positions(v, path, ck)?)
        }
    })
}

/// Reads a response body of `endpoint` into its typed form, recording the vendor's failures as
/// `VENDOR_ERROR` issues. `None` when the payload is not an object.
pub fn read_response(
    endpoint: Endpoint,
    v: &Value,
    path: &Path,
    ck: &mut Checker,
) -> Option<Response> {
    use responses as rs;
    Some(match endpoint {
        Endpoint::CreateOrder => {
            Response::CreateOrder(rs::read_create_order_response(v, path, ck)?)
        }
        Endpoint::CreateOrUpdateOrders | Endpoint::GetOrders | Endpoint::DeleteOrders => {
            Response::Orders(rs::read_orders_response(v, path, endpoint, ck)?)
        }
        Endpoint::DeleteOrder
        | Endpoint::DeleteAllOrders
        | Endpoint::StopPlanning
        | Endpoint::UpdateDriverParameters => {
            Response::Outcome(rs::read_outcome_response(v, path, endpoint, ck)?)
        }
        Endpoint::SearchOrders => {
            Response::SearchOrders(rs::read_search_orders_response(v, path, ck)?)
        }
        Endpoint::GetRoutes => Response::GetRoutes(rs::read_get_routes_response(v, path, ck)?),
        Endpoint::GetSchedulingInfo => {
            Response::GetSchedulingInfo(rs::read_scheduling_info_response(v, path, ck)?)
        }
        Endpoint::StartPlanning => {
            Response::StartPlanning(rs::read_start_planning_response(v, path, ck)?)
        }
        Endpoint::GetPlanningStatus => {
            Response::GetPlanningStatus(rs::read_planning_status_response(v, path, ck)?)
        }
        Endpoint::UpdateDriversParameters | Endpoint::UpdateDriversPositions => {
            Response::Drivers(rs::read_drivers_response(v, path, endpoint, ck)?)
        }
        Endpoint::GetEvents => Response::GetEvents(rs::read_events_response(v, path, ck)?),
        Endpoint::GetCompletionDetails | Endpoint::UpdateCompletionDetails => {
            Response::Completion(rs::read_completion_response(v, path, endpoint, ck)?)
        }
    })
}

/// Gives request errors the code OptimoRoute's server would answer with, where the rule that
/// found them did not set a more specific one: the general `ERR_MISSING_MAND_FIELD` and
/// `ERR_INVALID_PARAM_FORMAT`, and `MALFORMED_REQUEST` for a body that is not an object.
fn attach_vendor_codes<'i>(issues: impl Iterator<Item = &'i mut Issue>) {
    for issue in issues {
        if !issue.is_error() || issue.vendor_code.is_some() {
            continue;
        }
        let vendor_code = match issue.code.as_ref() {
            core_codes::INVALID_TYPE if issue.path.is_empty() => "MALFORMED_REQUEST",
            core_codes::MISSING_FIELD => "ERR_MISSING_MAND_FIELD",
            core_codes::INVALID_TYPE
            | core_codes::INVALID_FORMAT
            | core_codes::OUT_OF_RANGE
            | core_codes::UNKNOWN_ENUM_VALUE
            | codes::INVALID_RANGE => "ERR_INVALID_PARAM_FORMAT",
            _ => continue,
        };
        issue.vendor_code = Some(Cow::Borrowed(vendor_code));
    }
}

fn has_success(v: &Value) -> bool {
    v.as_object().is_some_and(|o| o.contains_key("success"))
}

/// What the shape of a payload says it is: the endpoint, whether it is a response, and the
/// other endpoints it could equally be for (empty when the choice is certain).
struct Guess {
    endpoint: Endpoint,
    response: bool,
    others: &'static [Endpoint],
}

impl Guess {
    fn sure(endpoint: Endpoint, response: bool) -> Guess {
        Guess {
            endpoint,
            response,
            others: &[],
        }
    }

    fn among(endpoint: Endpoint, response: bool, others: &'static [Endpoint]) -> Guess {
        Guess {
            endpoint,
            response,
            others,
        }
    }
}

/// Infers the endpoint (and request/response) from the payload's keys, warning
/// `AMBIGUOUS_PAYLOAD` when several endpoints fit and erroring when none does.
fn infer(v: &Value, response_hint: bool, ck: &mut Checker) -> Option<(Endpoint, bool)> {
    let Some(obj) = v.as_object() else {
        let hint = if v.as_array().is_some() {
            " A list of orders goes in {\"orders\": [...]} (create_or_update_orders)."
        } else {
            ""
        };
        ck.push(
            Issue::error(
                "",
                core_codes::INVALID_TYPE,
                format!(
                    "An OptimoRoute payload is a JSON object, not {}.{hint}",
                    crate::check::describe(v)
                ),
            )
            .with_vendor_code("MALFORMED_REQUEST"),
        );
        return None;
    };
    let response = response_hint || obj.contains_key("success");
    let guess = if response {
        Some(infer_response(obj))
    } else {
        infer_request(obj)
    };
    let Some(guess) = guess else {
        ck.push(Issue::error(
            "",
            codes::AMBIGUOUS_PAYLOAD,
            format!(
                "This payload matches no OptimoRoute endpoint; pass options.endpoint, one of {}.",
                crate::check::quote_list(ENDPOINTS)
            ),
        ));
        return None;
    };
    if !guess.others.is_empty() {
        let names: Vec<&str> = guess.others.iter().map(|e| e.name()).collect();
        let side = if guess.response { " response" } else { "" };
        ck.push(Issue::warning(
            "",
            codes::AMBIGUOUS_PAYLOAD,
            format!(
                "This payload fits the {} endpoint{side} but could also be for {}; it was validated as {}. Pass options.endpoint to choose.",
                guess.endpoint.name(),
                crate::check::quote_list(&names),
                guess.endpoint.name()
            ),
        ));
    }
    Some((guess.endpoint, guess.response))
}

const PLANNING_KEYS: &[&str] = &[
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

/// Keys only `search_orders` has besides `orders`, `dateRange` and `after_tag` (which
/// `get_events` has too).
const SEARCH_KEYS: &[&str] = &[
    "orderStatus",
    "includeOrderData",
    "includeScheduleInformation",
];

const ROUTE_QUERY_KEYS: &[&str] = &[
    "driverSerial",
    "driverExternalId",
    "vehicleRegistration",
    "includeRoutePolyline",
    "includeRouteStartEnd",
];

const DRIVER_KEYS: &[&str] = &[
    "externalId",
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
    "enabled",
];

const ORDER_KEYS: &[&str] = &[
    "location",
    "type",
    "duration",
    "timeWindows",
    "twFrom",
    "twTo",
    "priority",
    "load1",
    "assignedTo",
    "allowedWeekdays",
    "allowedDates",
    "allowedDateTimes",
    "skills",
    "vehicleFeatures",
    "customFields",
];

fn any_key(obj: &Object, keys: &[&str]) -> bool {
    keys.iter().any(|k| obj.contains_key(k))
}

fn items<'v, 'a>(obj: &'v Object<'a>, key: &str) -> Option<&'v [Value<'a>]> {
    obj.get(key).and_then(Value::as_array)
}

fn infer_request(obj: &Object) -> Option<Guess> {
    use Endpoint as E;
    let has = |k: &str| obj.contains_key(k);
    if has("operation") {
        return Some(Guess::sure(E::CreateOrder, false));
    }
    if has("orders") {
        if has("deleteMultiple") || has("forceDelete") {
            return Some(Guess::sure(E::DeleteOrders, false));
        }
        if has("dateRange") || has("after_tag") || any_key(obj, SEARCH_KEYS) {
            return Some(Guess::sure(E::SearchOrders, false));
        }
        let full_orders = items(obj, "orders").is_some_and(|list| {
            list.iter().any(|o| {
                o.as_object()
                    .is_some_and(|o| o.iter().any(|(k, _)| k != "orderNo" && k != "id"))
            })
        });
        if full_orders {
            return Some(Guess::sure(E::CreateOrUpdateOrders, false));
        }
        return Some(Guess::among(
            E::GetOrders,
            false,
            &[E::DeleteOrders, E::GetCompletionDetails, E::SearchOrders],
        ));
    }
    if any_key(obj, PLANNING_KEYS) {
        return Some(Guess::sure(E::StartPlanning, false));
    }
    if any_key(obj, SEARCH_KEYS) {
        return Some(Guess::sure(E::SearchOrders, false));
    }
    if has("dateRange") {
        return Some(Guess::among(E::SearchOrders, false, &[E::StartPlanning]));
    }
    if has("updates") {
        let first = items(obj, "updates").and_then(|list| list.first());
        let item_has = |k: &str| first.and_then(|f| f.get(k)).is_some();
        return Some(if item_has("positions") {
            Guess::sure(E::UpdateDriversPositions, false)
        } else if item_has("data") || item_has("orderNo") || item_has("id") {
            Guess::sure(E::UpdateCompletionDetails, false)
        } else if first.is_some() {
            Guess::sure(E::UpdateDriversParameters, false)
        } else {
            Guess::among(
                E::UpdateDriversParameters,
                false,
                &[E::UpdateDriversPositions, E::UpdateCompletionDetails],
            )
        });
    }
    if any_key(obj, DRIVER_KEYS) {
        return Some(Guess::sure(E::UpdateDriverParameters, false));
    }
    if any_key(obj, ROUTE_QUERY_KEYS) {
        return Some(Guess::sure(E::GetRoutes, false));
    }
    if any_key(obj, ORDER_KEYS) {
        return Some(Guess::sure(E::CreateOrder, false));
    }
    if has("planningId") {
        return Some(match obj.get("planningId") {
            Some(Value::String(_)) => Guess::sure(E::GetPlanningStatus, false),
            _ if has("key") => Guess::sure(E::GetPlanningStatus, false),
            _ => Guess::among(E::StopPlanning, false, &[E::GetPlanningStatus]),
        });
    }
    if has("after_tag") {
        return Some(Guess::sure(E::GetEvents, false));
    }
    if has("forceDelete") {
        return Some(Guess::sure(E::DeleteOrder, false));
    }
    if has("orderNo") || has("id") {
        if has("id") && !has("date") {
            return Some(Guess::sure(E::GetSchedulingInfo, false));
        }
        if obj.get("orderNo").and_then(Value::as_array).is_some() {
            return Some(Guess::among(
                E::GetOrders,
                false,
                &[E::GetCompletionDetails],
            ));
        }
        if has("date") {
            return Some(Guess::sure(E::CreateOrder, false));
        }
        return Some(Guess::among(
            E::GetOrders,
            false,
            &[
                E::DeleteOrder,
                E::GetSchedulingInfo,
                E::GetCompletionDetails,
            ],
        ));
    }
    if has("date") {
        return Some(Guess::among(
            E::GetRoutes,
            false,
            &[E::DeleteAllOrders, E::StartPlanning],
        ));
    }
    if obj.is_empty() || (obj.len() == 1 && has("key")) {
        return Some(Guess::among(E::GetEvents, false, &[E::DeleteAllOrders]));
    }
    None
}

fn infer_response(obj: &Object) -> Guess {
    use Endpoint as E;
    let has = |k: &str| obj.contains_key(k);
    if has("routes") {
        return Guess::sure(E::GetRoutes, true);
    }
    if has("events") || has("tag") || has("remainingEvents") {
        return Guess::sure(E::GetEvents, true);
    }
    if has("orderScheduled") || has("scheduleInformation") {
        return Guess::sure(E::GetSchedulingInfo, true);
    }
    if has("percentageComplete") || obj.get("status").and_then(Value::as_str).is_some() {
        return Guess::sure(E::GetPlanningStatus, true);
    }
    if has("missingOrders") || has("missingDrivers") || has("ordersWithInvalidLocation") {
        return Guess::sure(E::StartPlanning, true);
    }
    if has("geocodingResults") || has("location") || has("id") {
        return Guess::sure(E::CreateOrder, true);
    }
    if has("after_tag") {
        return Guess::sure(E::SearchOrders, true);
    }
    if let Some(list) = items(obj, "updates") {
        let any = |k: &str| list.iter().any(|i| i.get(k).is_some());
        return if any("data") || any("orderNo") || any("id") {
            Guess::sure(E::UpdateCompletionDetails, true)
        } else if any("date") {
            Guess::sure(E::UpdateDriversParameters, true)
        } else {
            Guess::among(
                E::UpdateDriversPositions,
                true,
                &[E::UpdateDriversParameters],
            )
        };
    }
    if let Some(list) = items(obj, "orders") {
        let any = |f: &dyn Fn(&Value) -> bool| list.iter().any(f);
        let data_is_completion = any(&|i| {
            i.get("data")
                .is_some_and(|d| d.get("status").is_some() && d.get("date").is_none())
        });
        if data_is_completion {
            return Guess::among(E::GetCompletionDetails, true, &[E::UpdateCompletionDetails]);
        }
        if any(&|i| i.get("scheduleInformation").is_some() || i.get("success").is_none()) {
            return Guess::sure(E::SearchOrders, true);
        }
        if any(&|i| i.get("data").is_some()) {
            return Guess::sure(E::GetOrders, true);
        }
        if any(&|i| {
            i.get("locationNo").is_some() || (i.get("id").is_some() && i.get("orderNo").is_some())
        }) {
            return Guess::sure(E::CreateOrUpdateOrders, true);
        }
        if any(&|i| i.get("planningId").is_some()) {
            return Guess::sure(E::DeleteOrders, true);
        }
        return Guess::among(
            E::DeleteOrders,
            true,
            &[
                E::GetOrders,
                E::CreateOrUpdateOrders,
                E::GetCompletionDetails,
            ],
        );
    }
    // Only an outcome (and maybe a planning id): the code may name the method.
    const OUTCOME_ONLY: &[Endpoint] = &[
        E::UpdateDriverParameters,
        E::StopPlanning,
        E::DeleteOrder,
        E::DeleteAllOrders,
        E::StartPlanning,
    ];
    let code = obj.get("code").and_then(Value::as_str).unwrap_or_default();
    let mut listing = errors::endpoints_listing(code).filter(|e| OUTCOME_ONLY.contains(e));
    match (listing.next(), listing.next()) {
        (Some(only), None) => Guess::sure(only, true),
        _ if has("planningId") => Guess::among(
            E::StartPlanning,
            true,
            &[E::DeleteOrder, E::DeleteAllOrders],
        ),
        _ => Guess::among(
            E::UpdateDriverParameters,
            true,
            &[E::StopPlanning, E::DeleteOrder, E::DeleteAllOrders],
        ),
    }
}
