//! OptimoRoute's error and warning codes as data: the general table and each method's table,
//! with the document's meaning for each, so a response's code can be explained to a person and
//! the HTTP client can decide what to do with it.

use super::Endpoint;

/// A vendor code and its documented meaning.
pub type CodeMeaning = (&'static str, &'static str);

/// Codes every method can return.
pub const GENERAL: &[CodeMeaning] = &[
    ("AUTH_KEY_MISSING", "the authentication key is missing"),
    (
        "AUTH_KEY_UNKNOWN",
        "a wrong authentication key was supplied",
    ),
    ("MALFORMED_REQUEST", "something is wrong with the input"),
    (
        "ERR_MISSING_MAND_FIELD",
        "one of the mandatory fields is missing",
    ),
    (
        "ERR_INVALID_PARAM_FORMAT",
        "one of the specified fields is not in a valid format",
    ),
    (
        "ERR_TOO_MANY_CONNECTIONS",
        "there are too many concurrent requests",
    ),
    ("ERR_INTERNAL", "an internal server error occurred"),
];

const CREATE_ORDER: &[CodeMeaning] = &[
    ("ERR_ORD_EXISTS", "an order with the specified orderNo already exists in the system (checked only if orderNo field is set)"),
    ("ERR_RELATED_ORD_MISSING", "the order with the ID passed in relatedOrderNo does not exist"),
    ("ERR_RELATED_ORD_MULTIPLE", "multiple orders with ID passed in relatedOrderNo exist"),
    ("ERR_RELATED_ORD_LINK", "order can not be linked to order with ID passed in relatedOrderNo (only pickups and deliveries can be linked)"),
    ("ERR_DRV_NOT_EXISTS", "the driver with the serial number passed in assignedTo does not exist"),
    ("ERR_DRV_MULTIPLE", "there is more than one driver with the assignedTo serial number"),
    ("ERR_LOC_NOT_VALID", "the specified location is not valid"),
    ("ERR_LOC_GEOCODING", "the specified address could not be geocoded"),
    ("ERR_LOC_GEOCODING_MULTIPLE", "multiple results have been found during geocoding"),
    ("ERR_LOC_GEOCODING_PARTIAL", "the geocoder did not return an exact match for the original request"),
    ("ERR_LOC_NON_EXISTING_LOC", "the location specified by locationNo does not exist"),
    ("ERR_LOC_MULTIPLE_LOC", "multiple locations with specified locationNo have been found"),
    ("ERR_VF_NOT_EXISTS", "the vehicle feature does not exist (for one of the codes specified in vehicleFeatures field)"),
    ("ERR_VF_MULTIPLE", "multiple vehicle features exist (for one of the codes specified in the vehicleFeatures field)"),
    ("ERR_SK_NOT_EXISTS", "the skill does not exist (for one of the codes specified in the skills field)"),
    ("ERR_SK_MULTIPLE", "multiple skills exist (for one of the codes specified in skills field)"),
    ("WAR_LOC_GEOCODING", "the specified address could not be geocoded (but the order was created because storeInvalid was set to True)"),
    ("WAR_LOC_GEOCODING_MULTIPLE", "multiple results have been found during geocoding (but the order was created because acceptMultipleResults was set to True)"),
    ("WAR_LOC_GEOCODING_PARTIAL", "the geocoder did not return an exact match for the original request (but the order was created because acceptPartialMatch was set to True)"),
];

const CREATE_OR_UPDATE_ORDERS: &[CodeMeaning] = &[
    ("ERR_INVALID_PARAM_FORMAT", "the specified order is not valid, possibly an order to be created/updated did not exist in the system but could not be created because a mandatory property is missing"),
    ("ERR_ORD_EXISTS", "an order with the specified orderNo already exists in the system (only with CREATE plus orderNo)"),
    ("ERR_ORD_NOT_FOUND", "the order with the matching orderNo was not found (only with UPDATE plus orderNo, or if using id in the request)"),
    ("ERR_MULTIPLE_ORD_FOUND", "there are multiple orders matching the orderNo"),
    ("ERR_OPT_RUNNING", "optimization is running for this order"),
    ("ERR_RELATED_ORD_MISSING", "the order with the orderNo passed in relatedOrderNo does not exist"),
    ("ERR_RELATED_ORD_MULTIPLE", "multiple orders with orderNo passed in relatedOrderNo exist"),
    ("ERR_RELATED_ORD_LINK", "order can not be linked to order with orderNo passed in relatedOrderNo (only pickups and deliveries can be linked)"),
    ("ERR_DRV_NOT_EXISTS", "the driver specified in assignedTo does not exist"),
    ("ERR_DRV_MULTIPLE", "there is more than one driver with the specified assignedTo values"),
    ("ERR_LOC_NOT_VALID", "the specified location is not valid, possibly a location to be created/updated did not exist in the system but could not be created because a mandatory property is missing"),
    ("ERR_LOC_NON_EXISTING_LOC", "the location specified by locationNo does not exist"),
    ("ERR_LOC_MULTIPLE_LOC", "multiple locations with specified locationNo have been found"),
    ("ERR_VF_NOT_EXISTS", "the vehicle feature does not exist (for one of the codes specified in vehicleFeatures field)"),
    ("ERR_VF_MULTIPLE", "multiple vehicle features exist (for one of the codes specified in the vehicleFeatures field)"),
    ("ERR_SK_NOT_EXISTS", "the skill does not exist (for one of the codes specified in the skills field)"),
    ("ERR_SK_MULTIPLE", "multiple skills exist (for one of the codes specified in skills field)"),
];

const GET_ORDERS: &[CodeMeaning] = &[
    (
        "ERR_ORD_NOT_FOUND",
        "the order with the matching orderNo and/or id was not found",
    ),
    (
        "ERR_MULTIPLE_ORD_FOUND",
        "there are multiple orders matching the orderNo",
    ),
    ("ERR_INVALID_PARAM_FORMAT", "this orderNo is not valid"),
];

const DELETE_ORDER: &[CodeMeaning] = &[
    (
        "ERR_ORD_NOT_FOUND",
        "the order with the matching orderNo was not found",
    ),
    (
        "ERR_MULTIPLE_ORD_FOUND",
        "there are multiple orders matching the orderNo",
    ),
    ("ERR_OPT_RUNNING", "optimization is running for this order"),
];

const DELETE_ALL_ORDERS: &[CodeMeaning] =
    &[("ERR_OPT_RUNNING", "optimization is running for this date")];

const DELETE_ORDERS: &[CodeMeaning] = &[
    (
        "ERR_ORD_NOT_FOUND",
        "the order with the matching orderNo and/or id was not found",
    ),
    (
        "ERR_MULTIPLE_ORD_FOUND",
        "there are multiple orders matching the orderNo, but deleteMultiple was set to false",
    ),
    ("ERR_OPT_RUNNING", "optimization is running for this order"),
    (
        "ERR_INVALID_PARAM_FORMAT",
        "this orderNo or id is not valid",
    ),
];

const GET_SCHEDULING_INFO: &[CodeMeaning] = &[
    (
        "ERR_ORD_NOT_FOUND",
        "the order with the matching orderNo was not found",
    ),
    (
        "ERR_MULTIPLE_ORD_FOUND",
        "there are multiple orders matching the orderNo",
    ),
];

const START_PLANNING: &[CodeMeaning] = &[
    (
        "ERR_OPT_TRIAL_ENDED",
        "free trial has ended for this account",
    ),
    (
        "ERR_OPT_RUNNING_FOR_DATE",
        "planning is already running for this date",
    ),
    (
        "ERR_OPT_RUNNING_FOR_ORDER",
        "optimization is already running for one or more orders listed in useOrders",
    ),
    (
        "ERR_OPT_NO_REQUESTS",
        "no orders exist for the specified date",
    ),
    (
        "ERR_OPT_NO_RESOURCES",
        "no drivers are available for this date",
    ),
    ("ERR_OPT_RESOURCES_EXCEEDED", "number of drivers exceeded"),
    ("ERR_OPT_REQUESTS_EXCEEDED", "number of orders exceeded"),
    (
        "ERR_OPT_COULD_NOT_START",
        "internal error, please contact support",
    ),
    (
        "ERR_ORD_NOT_FOUND",
        "one or more orders specified in useOrders were not found",
    ),
    (
        "ERR_ORD_WITH_INVALID_LOC",
        "one or more orders specified in useOrders have invalid location",
    ),
    (
        "ERR_DRIVER_NOT_FOUND",
        "one or more drivers specified in useDrivers were not found",
    ),
    (
        "ERR_MULTIPLE_ORD_FOUND",
        "multiple orders with specified identifier have been found",
    ),
    (
        "ERR_MULTIPLE_DRV",
        "multiple drivers with specified identifier have been found",
    ),
    (
        "ERR_UNSUPPORTED_BY_PRICING_PLAN",
        "weekly planning is only supported with the current plan",
    ),
    (
        "ERR_DATE_RANGE_TOO_LONG",
        "weekly planning range is too long",
    ),
    (
        "ERR_DATE_RANGE_INVALID",
        "invalid range, to date is earlier than from date",
    ),
];

const STOP_PLANNING: &[CodeMeaning] = &[
    (
        "ERR_JOB_NOT_FOUND",
        "planning job with specified id was not found",
    ),
    ("ERR_OPT_NOT_RUNNING", "planning job is not running"),
    (
        "ERR_OPT_COULD_NOT_STOP",
        "internal error, please contact support",
    ),
];

const GET_PLANNING_STATUS: &[CodeMeaning] = &[(
    "ERR_JOB_NOT_FOUND",
    "the planning job with the specified id was not found",
)];

const UPDATE_DRIVER_PARAMETERS: &[CodeMeaning] = &[
    (
        "ERR_DRIVER_NOT_FOUND",
        "the driver with the specified externalId was not found",
    ),
    (
        "ERR_MULTIPLE_DRV",
        "multiple drivers with specified externalId have been found",
    ),
    (
        "ERR_VEH_NOT_FOUND",
        "the vehicle with the specified externalId was not found",
    ),
    (
        "ERR_MULTIPLE_VEH",
        "multiple vehicles with specified externalId have been found",
    ),
];

const UPDATE_DRIVERS_PARAMETERS: &[CodeMeaning] = &[
    (
        "ERR_DRIVER_NOT_FOUND",
        "the driver with the specified externalId or serial was not found",
    ),
    (
        "ERR_MULTIPLE_DRV",
        "multiple drivers with specified externalId or serial have been found",
    ),
    (
        "ERR_VEH_NOT_FOUND",
        "the vehicle with the specified externalId or serial was not found",
    ),
    (
        "ERR_MULTIPLE_VEH",
        "multiple vehicles with specified externalId or serial have been found",
    ),
    (
        "ERR_LOC_NOT_VALID",
        "the custom location type without latitude and longitude was found",
    ),
];

const GET_COMPLETION_DETAILS: &[CodeMeaning] = &[
    (
        "ERR_ORD_NOT_FOUND",
        "the order with the matching orderNo was not found",
    ),
    (
        "ERR_MULTIPLE_ORD_FOUND",
        "there are multiple orders matching the orderNo",
    ),
];

const UPDATE_DRIVERS_POSITIONS: &[CodeMeaning] = &[
    (
        "ERR_DRIVER_NOT_FOUND",
        "the driver with the specified externalId or serial was not found",
    ),
    (
        "ERR_MULTIPLE_DRV",
        "multiple drivers with specified externalId or serial have been found",
    ),
    (
        "ERR_MULTIPLE_DRV_POS",
        "multiple drivers positions objects specified for a single driver",
    ),
];

/// The codes the document lists for `endpoint` (besides the [`GENERAL`] ones). Methods whose
/// section says "None" or lists no table have an empty list.
pub fn method_codes(endpoint: Endpoint) -> &'static [CodeMeaning] {
    match endpoint {
        Endpoint::CreateOrder => CREATE_ORDER,
        Endpoint::CreateOrUpdateOrders => CREATE_OR_UPDATE_ORDERS,
        Endpoint::GetOrders => GET_ORDERS,
        Endpoint::DeleteOrder => DELETE_ORDER,
        Endpoint::DeleteOrders => DELETE_ORDERS,
        Endpoint::DeleteAllOrders => DELETE_ALL_ORDERS,
        Endpoint::GetSchedulingInfo => GET_SCHEDULING_INFO,
        Endpoint::StartPlanning => START_PLANNING,
        Endpoint::StopPlanning => STOP_PLANNING,
        Endpoint::GetPlanningStatus => GET_PLANNING_STATUS,
        Endpoint::UpdateDriverParameters => UPDATE_DRIVER_PARAMETERS,
        Endpoint::UpdateDriversParameters => UPDATE_DRIVERS_PARAMETERS,
        Endpoint::GetCompletionDetails => GET_COMPLETION_DETAILS,
        // Update Order Completion has no table, but its response example answers an unknown
        // order with ERR_ORD_NOT_FOUND, as Get Order Completion documents.
        Endpoint::UpdateCompletionDetails => GET_COMPLETION_DETAILS,
        Endpoint::UpdateDriversPositions => UPDATE_DRIVERS_POSITIONS,
        // Get Routes says "None"; Search Orders and Get Mobile Events list no codes.
        Endpoint::SearchOrders | Endpoint::GetRoutes | Endpoint::GetEvents => &[],
    }
}

/// The documented meaning of vendor `code` returned by `method` (an endpoint name such as
/// `"create_order"`): the method's own table first (its wording is more specific), then the
/// general table. `None` for a code the document does not list for that method, or an unknown
/// method name with a code outside the general table.
pub fn error_meaning(method: &str, code: &str) -> Option<&'static str> {
    Endpoint::from_name(method)
        .and_then(|e| lookup(method_codes(e), code))
        .or_else(|| lookup(GENERAL, code))
}

/// The meaning of `code` for `endpoint`, falling back to the general table.
pub(crate) fn meaning_for(endpoint: Endpoint, code: &str) -> Option<&'static str> {
    lookup(method_codes(endpoint), code).or_else(|| lookup(GENERAL, code))
}

/// The static spelling of `code` when the document lists it anywhere (so an issue can borrow it).
pub(crate) fn known_code(code: &str) -> Option<&'static str> {
    GENERAL
        .iter()
        .chain(Endpoint::ALL.iter().flat_map(|e| method_codes(*e).iter()))
        .find(|(c, _)| *c == code)
        .map(|(c, _)| *c)
}

/// The endpoints whose own table lists `code` (used to guess which endpoint answered a bare
/// error response).
pub(crate) fn endpoints_listing(code: &str) -> impl Iterator<Item = Endpoint> + '_ {
    Endpoint::ALL
        .iter()
        .copied()
        .filter(move |e| lookup(method_codes(*e), code).is_some())
}

fn lookup(table: &'static [CodeMeaning], code: &str) -> Option<&'static str> {
    table.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_table_wins_over_general() {
        assert_eq!(
            error_meaning("get_orders", "ERR_INVALID_PARAM_FORMAT"),
            Some("this orderNo is not valid")
        );
        assert_eq!(
            error_meaning("start_planning", "ERR_INVALID_PARAM_FORMAT"),
            Some("one of the specified fields is not in a valid format")
        );
        assert_eq!(
            error_meaning("update_drivers_positions", "ERR_MULTIPLE_DRV_POS"),
            Some("multiple drivers positions objects specified for a single driver")
        );
        assert_eq!(error_meaning("get_orders", "ERR_OPT_TRIAL_ENDED"), None);
        assert_eq!(
            error_meaning("no_such_method", "AUTH_KEY_UNKNOWN"),
            Some("a wrong authentication key was supplied")
        );
        assert_eq!(error_meaning("no_such_method", "ERR_JOB_NOT_FOUND"), None);
    }

    #[test]
    fn every_code_is_screaming_snake_and_unique_per_table() {
        for e in Endpoint::ALL {
            let table = method_codes(*e);
            for (i, (code, meaning)) in table.iter().enumerate() {
                assert!(
                    code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
                    "{code}"
                );
                assert!(!meaning.is_empty());
                assert!(
                    table.iter().skip(i + 1).all(|(c, _)| c != code),
                    "{code} twice"
                );
            }
        }
    }
}
