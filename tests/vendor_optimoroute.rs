//! OptimoRoute: the document's examples validate, each documented rule is enforced with the
//! expected code and path, every problem of a payload is reported at once, and typed orders
//! round-trip through serialization.

use orderbridge::check::Checker;
use orderbridge::issue::{codes, Severity};
use orderbridge::json::{parse, Path};
use orderbridge::vendor::optimoroute::{
    self, codes as or_codes, error_meaning, read_order, Endpoint, OPTIMOROUTE,
};
use orderbridge::vendor::{vendor, ValidateOptions, Validated, Vendor};
use orderbridge::Issue;
use serde_json::{json, Value as Json};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/optimoroute/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(text: &str, endpoint: Option<&str>, response: bool) -> (Option<Validated>, Vec<Issue>) {
    let value = parse(text).expect("test payloads are JSON");
    let options = ValidateOptions {
        endpoint: endpoint.map(str::to_owned),
        call_mode: None,
        response,
    };
    let mut ck = Checker::new();
    let got = OPTIMOROUTE.validate(&value, &options, &mut ck);
    (got, ck.issues)
}

/// Validates a request of `endpoint`.
fn request(endpoint: &str, payload: &Json) -> Vec<Issue> {
    run(&payload.to_string(), Some(endpoint), false).1
}

/// Validates a response of `endpoint`.
fn response(endpoint: &str, payload: &Json) -> Vec<Issue> {
    run(&payload.to_string(), Some(endpoint), true).1
}

fn summary(issues: &[Issue]) -> Vec<(String, String, &'static str)> {
    issues
        .iter()
        .map(|i| {
            let sev = match i.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            (i.path.to_string(), i.code.to_string(), sev)
        })
        .collect()
}

/// Asserts the issues are exactly `expected` (path, code, severity), in any order: payloads
/// built with `json!` have their keys sorted, so payload order is tested separately with text.
#[track_caller]
fn assert_issues(issues: &[Issue], expected: &[(&str, &str, &str)]) {
    let mut got = summary(issues);
    let mut want: Vec<(String, String, &str)> = expected
        .iter()
        .map(|(p, c, s)| (p.to_string(), c.to_string(), *s))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "\nfull issues: {issues:#?}");
}

/// Asserts the issues are exactly `expected`, in this order.
#[track_caller]
fn assert_issues_in_order(issues: &[Issue], expected: &[(&str, &str, &str)]) {
    let got = summary(issues);
    let want: Vec<(String, String, &str)> = expected
        .iter()
        .map(|(p, c, s)| (p.to_string(), c.to_string(), *s))
        .collect();
    assert_eq!(got, want, "\nfull issues: {issues:#?}");
}

/// Asserts that exactly one issue has `path` and `code`, and returns it.
#[track_caller]
fn find<'i>(issues: &'i [Issue], path: &str, code: &str) -> &'i Issue {
    let found: Vec<&Issue> = issues
        .iter()
        .filter(|i| i.path == path && i.code == code)
        .collect();
    assert_eq!(found.len(), 1, "{path} {code} in {issues:#?}");
    found[0]
}

#[track_caller]
fn assert_error(issues: &[Issue], path: &str, code: &str, vendor_code: Option<&str>) {
    let i = find(issues, path, code);
    assert_eq!(i.severity, Severity::Error, "{i:?}");
    assert_eq!(i.vendor_code.as_deref(), vendor_code, "{i:?}");
}

/// `base` with each `(JSON Pointer, value)` set (or removed for `None`).
fn patched(base: &Json, edits: &[(&str, Option<Json>)]) -> Json {
    let mut v = base.clone();
    for (pointer, value) in edits {
        let (parent, key) = pointer.rsplit_once('/').expect("pointer");
        let target = v.pointer_mut(parent).expect("parent exists");
        match (target, value) {
            (Json::Object(o), Some(x)) => {
                o.insert(key.to_owned(), x.clone());
            }
            (Json::Object(o), None) => {
                o.remove(key);
            }
            (Json::Array(a), Some(x)) => a[key.parse::<usize>().unwrap()] = x.clone(),
            _ => panic!("cannot patch {pointer}"),
        }
    }
    v
}

fn create_order_base() -> Json {
    json!({
        "operation": "CREATE",
        "orderNo": "ORD001",
        "type": "D",
        "date": "2024-03-22",
        "location": {
            "locationNo": "LOC001",
            "locationName": "Green Cross Pharmacy North End",
            "latitude": 42.365142,
            "longitude": -71.052882
        },
        "duration": 20
    })
}

fn bulk_base() -> Json {
    json!({"orders": [{
        "orderNo": "54913250",
        "date": "2019-03-22",
        "type": "T",
        "location": {"locationNo": "G402333", "latitude": 42.365142, "longitude": -71.052882}
    }]})
}

// ---------------------------------------------------------------------------------------------
// The document's examples.

#[test]
fn documented_requests_validate_without_issues() {
    let cases = [
        (
            "create_or_update_orders_request.json",
            "create_or_update_orders",
        ),
        ("get_orders_request.json", "get_orders"),
        ("get_orders_query.json", "get_orders"),
        ("delete_order_request.json", "delete_order"),
        ("delete_all_orders_request.json", "delete_all_orders"),
        ("delete_orders_request.json", "delete_orders"),
        ("get_routes_query_1.json", "get_routes"),
        ("get_routes_query_2.json", "get_routes"),
        ("get_scheduling_info_query.json", "get_scheduling_info"),
        ("start_planning_request.json", "start_planning"),
        ("stop_planning_request.json", "stop_planning"),
        ("get_planning_status_query.json", "get_planning_status"),
        (
            "update_driver_parameters_request.json",
            "update_driver_parameters",
        ),
        ("get_events_query_1.json", "get_events"),
        ("get_events_query_2.json", "get_events"),
        (
            "get_completion_details_request.json",
            "get_completion_details",
        ),
        (
            "get_completion_details_query.json",
            "get_completion_details",
        ),
        (
            "update_completion_details_request.json",
            "update_completion_details",
        ),
        ("search_orders_request_1.json", "search_orders"),
        ("search_orders_request_2.json", "search_orders"),
        ("search_orders_request_3.json", "search_orders"),
        ("own_create_order_sync.json", "create_order"),
        (
            "own_create_or_update_orders_mixed.json",
            "create_or_update_orders",
        ),
        ("own_start_planning_weekly.json", "start_planning"),
        (
            "own_update_drivers_positions.json",
            "update_drivers_positions",
        ),
    ];
    for (file, endpoint) in cases {
        let (got, issues) = run(&fixture(file), Some(endpoint), false);
        assert!(issues.is_empty(), "{file}: {issues:#?}");
        let got = got.expect(file);
        assert_eq!(got.kind, endpoint);
        assert!(!got.inferred);
    }
}

#[test]
fn documented_create_order_example_only_warns_about_deprecated_window() {
    let (_, issues) = run(
        &fixture("create_order_request.json"),
        Some("create_order"),
        false,
    );
    assert_issues(
        &issues,
        &[
            ("/twFrom", codes::DEPRECATED_FIELD, "warning"),
            ("/twTo", codes::DEPRECATED_FIELD, "warning"),
        ],
    );
}

#[test]
fn documented_order_object_is_a_valid_update_and_a_valid_response_order() {
    let order: Json = serde_json::from_str(&fixture("order_object.json")).unwrap();
    // As a bulk item: it has `id`, so it updates an existing order.
    assert!(request("create_or_update_orders", &json!({"orders": [order]})).is_empty());
    // As the data of a get_orders response.
    let body = json!({"success": true, "orders": [{"success": true, "id": "x", "data": order}]});
    assert!(response("get_orders", &body).is_empty());
}

#[test]
fn documented_geocoding_location_is_accepted_by_create_order() {
    let location: Json =
        serde_json::from_str(&fixture("create_order_location_geocode.json")).unwrap();
    let order = patched(&create_order_base(), &[("/location", Some(location))]);
    assert!(request("create_order", &order).is_empty());
}

#[test]
fn documented_location_object_warns_only_about_read_only_valid_in_requests() {
    let location: Json = serde_json::from_str(&fixture("location_object.json")).unwrap();
    let body = patched(
        &bulk_base(),
        &[("/orders/0/location", Some(location.clone()))],
    );
    assert_issues(
        &request("create_or_update_orders", &body),
        &[(
            "/orders/0/location/valid",
            or_codes::READ_ONLY_FIELD,
            "warning",
        )],
    );
    let reply = json!({"success": true, "id": "x", "location": location});
    assert!(response("create_order", &reply).is_empty());
}

#[test]
fn documented_work_time_typo_is_flagged() {
    let (_, issues) = run(
        &fixture("update_drivers_parameters_request.json"),
        Some("update_drivers_parameters"),
        false,
    );
    assert_issues(
        &issues,
        &[
            ("/updates/1/workTime/to:", codes::UNKNOWN_FIELD, "warning"),
            ("/updates/1/workTime/to", codes::MISSING_FIELD, "error"),
        ],
    );
    assert!(
        issues[0].message.contains("Did you mean `to`?"),
        "{}",
        issues[0].message
    );
    assert_eq!(
        issues[1].vendor_code.as_deref(),
        Some("ERR_MISSING_MAND_FIELD")
    );
}

#[test]
fn documented_stop_planning_typo_is_flagged() {
    let (_, issues) = run(
        &fixture("stop_planning_request_as_documented.json"),
        Some("stop_planning"),
        false,
    );
    assert_issues(
        &issues,
        &[
            ("/ planningId", codes::UNKNOWN_FIELD, "warning"),
            ("/planningId", codes::MISSING_FIELD, "error"),
        ],
    );
    assert!(issues[0].message.contains("Did you mean `planningId`?"));
}

#[test]
fn documented_positions_example_sends_one_driver_twice() {
    let (_, issues) = run(
        &fixture("update_drivers_positions_request.json"),
        Some("update_drivers_positions"),
        false,
    );
    assert_issues(
        &issues,
        &[
            ("/updates/3/driver", codes::DUPLICATE, "error"),
            ("/updates/4/driver", codes::DUPLICATE, "error"),
        ],
    );
    assert!(issues
        .iter()
        .all(|i| i.vendor_code.as_deref() == Some("ERR_MULTIPLE_DRV_POS")));
    assert!(issues[0].message.contains("\"S004\""));
}

#[test]
fn documented_responses_validate_and_report_their_failures() {
    // (file, endpoint, expected VENDOR_ERROR paths with vendor codes)
    type Failures = &'static [(&'static str, &'static str)];
    let cases: [(&str, &str, Failures); 17] = [
        ("create_order_response.json", "create_order", &[]),
        (
            "create_or_update_orders_response.json",
            "create_or_update_orders",
            &[("/orders/1", "ERR_LOC_NON_EXISTING_LOC")],
        ),
        (
            "get_orders_response.json",
            "get_orders",
            &[("/orders/1", "ERR_ORD_NOT_FOUND")],
        ),
        (
            "delete_orders_response.json",
            "delete_orders",
            &[("/orders/1", "ERR_ORD_NOT_FOUND")],
        ),
        ("get_routes_response.json", "get_routes", &[]),
        (
            "get_scheduling_info_response_1.json",
            "get_scheduling_info",
            &[],
        ),
        (
            "get_scheduling_info_response_2.json",
            "get_scheduling_info",
            &[],
        ),
        (
            "update_drivers_parameters_response.json",
            "update_drivers_parameters",
            &[
                ("/updates/1", "ERR_LOC_NOT_VALID"),
                ("/updates/2", "ERR_DRIVER_NOT_FOUND"),
                ("/updates/3", "ERR_MULTIPLE_DRV"),
            ],
        ),
        ("get_events_response_1.json", "get_events", &[]),
        ("get_events_response_2.json", "get_events", &[]),
        ("get_events_response_3.json", "get_events", &[]),
        (
            "get_completion_details_response.json",
            "get_completion_details",
            &[("/orders/3", "ERR_ORD_NOT_FOUND")],
        ),
        (
            "update_completion_details_response.json",
            "update_completion_details",
            &[("/orders/4", "ERR_ORD_NOT_FOUND")],
        ),
        (
            "update_drivers_positions_response.json",
            "update_drivers_positions",
            &[
                ("/updates/1", "ERR_MULTIPLE_DRV"),
                ("/updates/2", "ERR_DRIVER_NOT_FOUND"),
                ("/updates/3", "ERR_MULTIPLE_DRV_POS"),
                ("/updates/4", "ERR_MULTIPLE_DRV_POS"),
            ],
        ),
        ("search_orders_response_1.json", "search_orders", &[]),
        ("search_orders_response_2.json", "search_orders", &[]),
        (
            "own_error_response.json",
            "get_routes",
            &[("", "AUTH_KEY_UNKNOWN")],
        ),
    ];
    for (file, endpoint, failures) in cases {
        let (got, issues) = run(&fixture(file), Some(endpoint), true);
        assert_eq!(got.expect(file).kind, format!("{endpoint}.response"));
        let got: Vec<(&str, Option<&str>, &str)> = issues
            .iter()
            .map(|i| (i.path.as_str(), i.vendor_code.as_deref(), i.code.as_ref()))
            .collect();
        let want: Vec<(&str, Option<&str>, &str)> = failures
            .iter()
            .map(|(p, c)| (*p, Some(*c), or_codes::VENDOR_ERROR))
            .collect();
        assert_eq!(got, want, "{file}: {issues:#?}");
    }
}

#[test]
fn vendor_error_messages_carry_the_documented_meaning() {
    let (_, issues) = run(
        &fixture("create_or_update_orders_response.json"),
        Some("create_or_update_orders"),
        true,
    );
    let m = &issues[0].message;
    assert!(m.contains("ERR_LOC_NON_EXISTING_LOC"), "{m}");
    assert!(
        m.contains("the location specified by locationNo does not exist"),
        "{m}"
    );
    assert!(m.contains("\"27463225\""), "{m}");
    assert!(m.contains("\"999999999\""), "{m}");

    let (_, issues) = run(
        &fixture("own_error_response.json"),
        Some("get_routes"),
        true,
    );
    assert!(issues[0]
        .message
        .contains("a wrong authentication key was supplied"));
    assert!(issues[0].message.contains("Check the API key"));

    let (got, issues) = run(
        &fixture("own_start_planning_error_response.json"),
        None,
        false,
    );
    assert_eq!(got.unwrap().kind, "start_planning.response");
    assert_eq!(issues.len(), 1);
    let m = &issues[0].message;
    assert!(
        m.contains("one or more orders specified in useOrders were not found"),
        "{m}"
    );
    assert!(m.contains("\"PU-881\", \"DL-882\""), "{m}");
}

#[test]
fn geocoding_warning_codes_become_vendor_warnings() {
    let body = json!({"success": true, "id": "a1", "code": "WAR_LOC_GEOCODING_PARTIAL",
                      "message": "Partial match."});
    let issues = response("create_order", &body);
    assert_issues(&issues, &[("", or_codes::VENDOR_WARNING, "warning")]);
    assert_eq!(
        issues[0].vendor_code.as_deref(),
        Some("WAR_LOC_GEOCODING_PARTIAL")
    );
    assert!(issues[0]
        .message
        .contains("acceptPartialMatch was set to True"));
}

#[test]
fn undocumented_vendor_codes_are_reported_as_such() {
    let issues = response(
        "stop_planning",
        &json!({"success": false, "code": "ERR_NEW_THING"}),
    );
    assert_error(&issues, "", or_codes::VENDOR_ERROR, Some("ERR_NEW_THING"));
    assert!(issues[0].message.contains("does not list"));
}

#[test]
fn responses_tolerate_added_fields_and_nulls_but_need_success() {
    let body = json!({"success": true, "orderScheduled": true, "newField": [1, 2],
        "scheduleInformation": {"stopNumber": 2, "scheduledAt": "11:23",
            "scheduledAtDt": "2020-02-07 11:23:22", "arrivalTimeDt": "2020-02-07 11:23:22",
            "driverSerial": "005", "driverExternalId": null, "driverName": null,
            "vehicleLabel": null, "vehicleRegistration": null, "distance": 952,
            "travelTime": 123, "eta": "soon"}});
    assert!(response("get_scheduling_info", &body).is_empty());
    let issues = response("get_scheduling_info", &json!({"orderScheduled": false}));
    assert_error(&issues, "/success", codes::MISSING_FIELD, None);
}

#[test]
fn responses_check_formats() {
    let stop = json!({"stopNumber": 1, "orderNo": "-", "id": "x", "locationNo": "",
        "locationName": "", "address": "", "latitude": 41.85, "longitude": -87.79,
        "scheduledAt": "10:16", "scheduledAtDt": "2022-03-16T10:16:41",
        "arrivalTimeDt": "2022-03-16 10:16:41", "distance": 0, "travelTime": 0});
    let route = json!({"driverExternalId": "", "driverSerial": "011", "driverName": "D",
        "vehicleRegistration": "V", "vehicleLabel": "011", "duration": 37, "distance": 19.5,
        "load1": 0, "load2": 0, "load3": 0, "load4": 0, "stops": [stop],
        "routePolyline": "_p~iF~ps|U_"});
    let issues = response("get_routes", &json!({"success": true, "routes": [route]}));
    assert_issues(
        &issues,
        &[
            (
                "/routes/0/stops/0/scheduledAtDt",
                codes::INVALID_FORMAT,
                "error",
            ),
            ("/routes/0/routePolyline", codes::INVALID_FORMAT, "error"),
        ],
    );
}

#[test]
fn response_shapes() {
    let issues = response(
        "create_order",
        &json!({"success": true, "id": "a", "geocodingResults": [["1 Main St", 42.3], ["2 Main St", 42.3, -71.0, true]]}),
    );
    assert_issues(
        &issues,
        &[("/geocodingResults/0", codes::INVALID_FORMAT, "error")],
    );
    let issues = response(
        "get_planning_status",
        &json!({"success": true, "status": "X", "percentageComplete": 150}),
    );
    assert_issues(
        &issues,
        &[
            ("/status", codes::UNKNOWN_ENUM_VALUE, "error"),
            ("/percentageComplete", codes::OUT_OF_RANGE, "error"),
        ],
    );
    let issues = response(
        "search_orders",
        &json!({"success": true, "orders": [{"data": {"orderNo": "A"}}]}),
    );
    assert_issues(&issues, &[("/orders/0/id", codes::MISSING_FIELD, "error")]);
    let issues = response(
        "get_routes",
        &json!({"success": true, "routes": [{"driverSerial": "1", "stops": [{"type": "break"}]}]}),
    );
    let missing: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    assert!(missing.contains(&"/routes/0/driverName"), "{missing:?}");
    assert!(
        !missing.iter().any(|p| p.starts_with("/routes/0/stops")),
        "breaks carry no order fields: {missing:?}"
    );
}

#[test]
fn undocumented_event_types_are_warnings_and_kept() {
    let body = json!({"success": true, "events": [{"event": "photo_taken",
        "unixTimestamp": 1516294800, "utcTime": "2018-01-18T17:00:00",
        "localTime": "2018-01-18T09:00:00"}]});
    let text = body.to_string();
    let value = parse(&text).unwrap();
    let mut ck = Checker::new();
    let typed = optimoroute::read_response(Endpoint::GetEvents, &value, &Path::root(), &mut ck);
    assert_issues(
        &ck.issues,
        &[("/events/0/event", codes::UNKNOWN_ENUM_VALUE, "warning")],
    );
    let text = serde_json::to_string(&typed.unwrap()).unwrap();
    assert!(text.contains("\"event\":\"photo_taken\""), "{text}");
}

// ---------------------------------------------------------------------------------------------
// create_order rules.

#[test]
fn create_order_base_is_valid() {
    assert!(request("create_order", &create_order_base()).is_empty());
}

#[test]
fn create_order_needs_operation() {
    let issues = request(
        "create_order",
        &patched(&create_order_base(), &[("/operation", None)]),
    );
    assert_issues(&issues, &[("/operation", codes::MISSING_FIELD, "error")]);
    assert_eq!(
        issues[0].vendor_code.as_deref(),
        Some("ERR_MISSING_MAND_FIELD")
    );
}

#[test]
fn create_order_operation_is_an_enum() {
    let issues = request(
        "create_order",
        &patched(
            &create_order_base(),
            &[("/operation", Some(json!("create")))],
        ),
    );
    assert_error(
        &issues,
        "/operation",
        codes::UNKNOWN_ENUM_VALUE,
        Some("ERR_INVALID_PARAM_FORMAT"),
    );
    assert!(issues[0].message.contains("did you mean \"CREATE\""));
}

#[test]
fn create_order_update_needs_only_an_identifier() {
    assert!(request(
        "create_order",
        &json!({"operation": "UPDATE", "orderNo": "A"})
    )
    .is_empty());
    assert!(request("create_order", &json!({"operation": "UPDATE", "id": "abc"})).is_empty());
    let issues = request(
        "create_order",
        &json!({"operation": "UPDATE", "notes": "x"}),
    );
    assert_issues(&issues, &[("/orderNo", codes::MISSING_FIELD, "error")]);
}

#[test]
fn create_order_other_operations_need_date_type_location_and_identifier() {
    for op in ["CREATE", "SYNC", "MERGE"] {
        let issues = request("create_order", &json!({"operation": op}));
        assert_issues(
            &issues,
            &[
                ("/orderNo", codes::MISSING_FIELD, "error"),
                ("/date", codes::MISSING_FIELD, "error"),
                ("/type", codes::MISSING_FIELD, "error"),
                ("/location", codes::MISSING_FIELD, "error"),
            ],
        );
    }
}

#[test]
fn create_order_create_cannot_carry_id() {
    let issues = request(
        "create_order",
        &patched(&create_order_base(), &[("/id", Some(json!("x")))]),
    );
    assert_error(
        &issues,
        "/id",
        codes::CONFLICTING_FIELDS,
        Some("ERR_INVALID_PARAM_FORMAT"),
    );
    let sync = patched(
        &create_order_base(),
        &[
            ("/id", Some(json!("x"))),
            ("/operation", Some(json!("SYNC"))),
        ],
    );
    assert!(request("create_order", &sync).is_empty());
}

#[test]
fn create_order_location_must_be_defined_one_of_three_ways() {
    let base = create_order_base();
    // 1. locationNo alone; 2. latitude + longitude + locationName; 3. address.
    for loc in [
        json!({"locationNo": "LOC001"}),
        json!({"latitude": 42.3, "longitude": -71.0, "locationName": "Depot"}),
        json!({"address": "393 Hanover St, Boston, MA 02113, USA", "locationNo": "L9"}),
    ] {
        assert!(request("create_order", &patched(&base, &[("/location", Some(loc))])).is_empty());
    }
    let issues = request(
        "create_order",
        &patched(&base, &[("/location", Some(json!({"notes": "x"})))]),
    );
    assert_error(
        &issues,
        "/location",
        or_codes::INCOMPLETE_LOCATION,
        Some("ERR_LOC_NOT_VALID"),
    );
}

#[test]
fn create_order_location_number_alone_should_not_bring_other_fields() {
    let loc = json!({"locationNo": "LOC001", "locationName": "Pharmacy"});
    let issues = request(
        "create_order",
        &patched(&create_order_base(), &[("/location", Some(loc))]),
    );
    assert_issues(
        &issues,
        &[(
            "/location/locationName",
            codes::CONFLICTING_FIELDS,
            "warning",
        )],
    );
}

#[test]
fn create_order_coordinates_without_name_are_not_used_with_an_address() {
    let loc = json!({"address": "1 Main St", "latitude": 42.3, "longitude": -71.0});
    let issues = request(
        "create_order",
        &patched(&create_order_base(), &[("/location", Some(loc))]),
    );
    assert_issues(
        &issues,
        &[("/location/latitude", codes::CONFLICTING_FIELDS, "warning")],
    );
}

#[test]
fn create_order_latitude_needs_longitude() {
    let issues = request(
        "create_order",
        &patched(&create_order_base(), &[("/location/longitude", None)]),
    );
    assert_error(
        &issues,
        "/location/longitude",
        codes::MISSING_FIELD,
        Some("ERR_MISSING_MAND_FIELD"),
    );
}

#[test]
fn create_order_geocoding_flags_only_matter_when_geocoding() {
    let issues = request(
        "create_order",
        &patched(
            &create_order_base(),
            &[("/location/storeInvalid", Some(json!(true)))],
        ),
    );
    assert_issues(
        &issues,
        &[(
            "/location/storeInvalid",
            codes::CONFLICTING_FIELDS,
            "warning",
        )],
    );
    let issues = request(
        "create_order",
        &patched(
            &create_order_base(),
            &[("/location/acceptPartialMatch", Some(json!("yes")))],
        ),
    );
    assert!(issues
        .iter()
        .any(|i| i.path == "/location/acceptPartialMatch" && i.code == codes::INVALID_TYPE));
}

#[test]
fn location_valid_is_read_only() {
    let issues = request(
        "create_order",
        &patched(
            &create_order_base(),
            &[("/location/valid", Some(json!(true)))],
        ),
    );
    assert_issues(
        &issues,
        &[("/location/valid", or_codes::READ_ONLY_FIELD, "warning")],
    );
}

#[test]
fn coordinates_are_range_checked_and_swaps_detected() {
    let issues = request(
        "create_order",
        &patched(
            &create_order_base(),
            &[("/location/latitude", Some(json!(-95)))],
        ),
    );
    // -95 is no latitude and -71.05 could be one: reported both ways.
    assert_issues(
        &issues,
        &[
            ("/location/latitude", codes::OUT_OF_RANGE, "error"),
            ("/location/latitude", codes::COORDINATES_SWAPPED, "warning"),
        ],
    );
    let issues = request(
        "create_order",
        &patched(
            &create_order_base(),
            &[("/location/longitude", Some(json!(-181)))],
        ),
    );
    assert_issues(
        &issues,
        &[("/location/longitude", codes::OUT_OF_RANGE, "error")],
    );
    // Sydney with its axes swapped.
    let issues = request(
        "create_order",
        &patched(
            &create_order_base(),
            &[
                ("/location/latitude", Some(json!(151.2093))),
                ("/location/longitude", Some(json!(-33.8688))),
            ],
        ),
    );
    assert_issues(
        &issues,
        &[
            ("/location/latitude", codes::OUT_OF_RANGE, "error"),
            ("/location/latitude", codes::COORDINATES_SWAPPED, "warning"),
        ],
    );
}

#[test]
fn deprecated_window_fields_are_ignored_with_time_windows() {
    let order = patched(
        &create_order_base(),
        &[
            ("/twFrom", Some(json!("10:00"))),
            (
                "/timeWindows",
                Some(json!([{"twFrom": "09:00", "twTo": "12:00"}])),
            ),
        ],
    );
    assert_issues(
        &request("create_order", &order),
        &[
            ("/twFrom", codes::DEPRECATED_FIELD, "warning"),
            ("/twFrom", codes::CONFLICTING_FIELDS, "warning"),
        ],
    );
}

#[test]
fn times_are_hh_mm_within_a_day() {
    let order = patched(
        &create_order_base(),
        &[(
            "/timeWindows",
            Some(json!([{"twFrom": "7:00", "twTo": "24:00"}, {"twFrom": "10:00"}])),
        )],
    );
    assert_issues(
        &request("create_order", &order),
        &[
            ("/timeWindows/0/twFrom", codes::INVALID_FORMAT, "error"),
            ("/timeWindows/0/twTo", codes::INVALID_FORMAT, "error"),
            ("/timeWindows/1/twTo", codes::MISSING_FIELD, "error"),
        ],
    );
    let issues = request(
        "create_order",
        &patched(&create_order_base(), &[("/twTo", Some(json!("23:60")))]),
    );
    assert_error(
        &issues,
        "/twTo",
        codes::INVALID_FORMAT,
        Some("ERR_INVALID_PARAM_FORMAT"),
    );
}

#[test]
fn order_enums() {
    let order = patched(
        &create_order_base(),
        &[
            ("/type", Some(json!("break"))),
            ("/priority", Some(json!("X"))),
            ("/notificationPreference", Some(json!("push"))),
            ("/allowedWeekdays", Some(json!(["mon", "monday"]))),
        ],
    );
    assert_issues(
        &request("create_order", &order),
        &[
            ("/type", codes::UNKNOWN_ENUM_VALUE, "error"),
            ("/priority", codes::UNKNOWN_ENUM_VALUE, "error"),
            (
                "/notificationPreference",
                codes::UNKNOWN_ENUM_VALUE,
                "error",
            ),
            ("/allowedWeekdays/1", codes::UNKNOWN_ENUM_VALUE, "error"),
        ],
    );
    // Responses may hold break and depot.
    let data = patched(
        &create_order_base(),
        &[("/type", Some(json!("depot"))), ("/operation", None)],
    );
    let body = json!({"success": true, "orders": [{"success": true, "id": "x", "data": data}]});
    assert!(response("get_orders", &body).is_empty());
}

#[test]
fn allowed_dates_are_a_date_range_or_empty() {
    let with = |v: Json| {
        request(
            "create_order",
            &patched(&create_order_base(), &[("/allowedDates", Some(v))]),
        )
    };
    assert!(with(json!({})).is_empty());
    assert!(with(json!({"from": "2018-06-01", "to": "2018-07-01"})).is_empty());
    assert_issues(
        &with(json!({"from": "2018-02-30", "to": "2018-07-01"})),
        &[("/allowedDates/from", codes::INVALID_FORMAT, "error")],
    );
    assert_issues(
        &with(json!({"from": "2018-06-01"})),
        &[("/allowedDates/to", codes::MISSING_FIELD, "error")],
    );
    let issues = with(json!({"from": "2018-07-01", "to": "2018-06-01"}));
    assert_error(
        &issues,
        "/allowedDates/to",
        or_codes::INVALID_RANGE,
        Some("ERR_INVALID_PARAM_FORMAT"),
    );
}

#[test]
fn allowed_date_times_are_local_datetimes_or_null() {
    let with = |v: Json| {
        request(
            "create_order",
            &patched(&create_order_base(), &[("/allowedDateTimes", Some(v))]),
        )
    };
    assert!(with(json!([{"from": "2019-12-26T00:00:00", "to": "2019-12-31T23:59:59"}])).is_empty());
    assert!(with(
        json!([{"from": null, "to": "2019-12-31T23:59:59"}, {"from": "2019-12-26T00:00:00"}])
    )
    .is_empty());
    assert_issues(
        &with(json!([{"from": "2019-12-26 00:00:00"}, {"to": "2019-12-31T23:59"}])),
        &[
            ("/allowedDateTimes/0/from", codes::INVALID_FORMAT, "error"),
            ("/allowedDateTimes/1/to", codes::INVALID_FORMAT, "error"),
        ],
    );
    assert_issues(
        &with(json!([{"from": "2019-12-31T10:00:00", "to": "2019-12-31T09:59:59"}])),
        &[("/allowedDateTimes/0/to", or_codes::INVALID_RANGE, "error")],
    );
}

#[test]
fn assigned_to_is_a_driver_reference_or_null() {
    let with = |v: Json| {
        request(
            "create_order",
            &patched(&create_order_base(), &[("/assignedTo", Some(v))]),
        )
    };
    assert!(with(json!(null)).is_empty());
    assert!(with(json!({"serial": "102"})).is_empty());
    assert!(with(json!({"externalId": "444"})).is_empty());
    assert_issues(
        &with(json!({})),
        &[("/assignedTo/serial", codes::MISSING_FIELD, "error")],
    );
    assert_issues(
        &with(json!("102")),
        &[("/assignedTo", codes::INVALID_TYPE, "error")],
    );
}

#[test]
fn custom_fields_hold_scalars_and_no_legacy_keys() {
    let fields = json!({"fruit_type": "apple", "quantity": 100, "purity": 99.99, "fragile": true,
                        "custom_field_2": "x", "custom_field_9": "fine", "sizes": [1], "gone": null});
    let issues = request(
        "create_order",
        &patched(&create_order_base(), &[("/customFields", Some(fields))]),
    );
    assert_issues(
        &issues,
        &[
            (
                "/customFields/custom_field_2",
                or_codes::LEGACY_CUSTOM_FIELD,
                "error",
            ),
            ("/customFields/sizes", codes::INVALID_TYPE, "error"),
            ("/customFields/gone", codes::INVALID_TYPE, "error"),
        ],
    );
    assert!(find(
        &issues,
        "/customFields/custom_field_2",
        or_codes::LEGACY_CUSTOM_FIELD
    )
    .message
    .contains("customField2"));
}

#[test]
fn numeric_fields_and_units() {
    let order = patched(
        &create_order_base(),
        &[
            ("/duration", Some(json!(-5))),
            ("/load1", Some(json!("10"))),
            ("/load2", Some(json!(2.75))),
            ("/location/checkInTime", Some(json!(2.5))),
        ],
    );
    assert_issues(
        &request("create_order", &order),
        &[
            ("/location/checkInTime", codes::INVALID_TYPE, "error"),
            ("/duration", codes::OUT_OF_RANGE, "error"),
            ("/load1", codes::INVALID_TYPE, "error"),
        ],
    );
}

#[test]
fn lists_of_codes_and_flags() {
    let order = patched(
        &create_order_base(),
        &[
            ("/skills", Some(json!(["SK001", 1]))),
            ("/vehicleFeatures", Some(json!("FR"))),
            ("/acceptDuplicateOrderNo", Some(json!("true"))),
        ],
    );
    assert_issues(
        &request("create_order", &order),
        &[
            ("/skills/1", codes::INVALID_TYPE, "error"),
            ("/vehicleFeatures", codes::INVALID_TYPE, "error"),
            ("/acceptDuplicateOrderNo", codes::INVALID_TYPE, "error"),
        ],
    );
}

#[test]
fn barcodes_are_objects_with_a_barcode() {
    let order = patched(
        &create_order_base(),
        &[(
            "/barcode",
            Some(json!([{"barcode": "12345678"}, {"code": "1"}])),
        )],
    );
    assert_issues(
        &request("create_order", &order),
        &[
            ("/barcode/1/code", codes::UNKNOWN_FIELD, "warning"),
            ("/barcode/1/barcode", codes::MISSING_FIELD, "error"),
        ],
    );
}

#[test]
fn related_orders_are_strings_or_null() {
    let ok = patched(
        &create_order_base(),
        &[
            ("/relatedOrderNo", Some(json!(null))),
            ("/relatedId", Some(json!("abc"))),
        ],
    );
    assert!(request("create_order", &ok).is_empty());
    let bad = patched(&create_order_base(), &[("/relatedOrderNo", Some(json!(5)))]);
    assert_issues(
        &request("create_order", &bad),
        &[("/relatedOrderNo", codes::INVALID_TYPE, "error")],
    );
}

#[test]
fn notification_preference_needs_its_contact() {
    let order = patched(
        &create_order_base(),
        &[
            ("/notificationPreference", Some(json!("both"))),
            ("/email", Some(json!(""))),
        ],
    );
    let issues = request("create_order", &order);
    assert_eq!(issues.len(), 2, "{issues:#?}");
    assert!(issues.iter().all(|i| i.path == "/notificationPreference"
        && i.code == codes::CONFLICTING_FIELDS
        && i.severity == Severity::Warning));
    let bad_email = patched(
        &create_order_base(),
        &[("/email", Some(json!("john.example.com")))],
    );
    assert_issues(
        &request("create_order", &bad_email),
        &[("/email", codes::INVALID_FORMAT, "warning")],
    );
}

#[test]
fn unknown_fields_are_warnings_with_suggestions() {
    let order = patched(
        &create_order_base(),
        &[
            ("/colour", Some(json!("red"))),
            ("/OrderNo", Some(json!("x"))),
        ],
    );
    let issues = request("create_order", &order);
    assert_issues(
        &issues,
        &[
            ("/OrderNo", codes::UNKNOWN_FIELD, "warning"),
            ("/colour", codes::UNKNOWN_FIELD, "warning"),
        ],
    );
    assert!(find(&issues, "/OrderNo", codes::UNKNOWN_FIELD)
        .message
        .contains("Did you mean `orderNo`?"));
    assert!(!find(&issues, "/colour", codes::UNKNOWN_FIELD)
        .message
        .contains("Did you mean"));
}

// ---------------------------------------------------------------------------------------------
// create_or_update_orders rules.

#[test]
fn bulk_needs_one_to_five_hundred_orders() {
    assert_issues(
        &request("create_or_update_orders", &json!({})),
        &[("/orders", codes::MISSING_FIELD, "error")],
    );
    assert_issues(
        &request("create_or_update_orders", &json!({"orders": []})),
        &[("/orders", codes::EMPTY, "error")],
    );
    let one = bulk_base()["orders"][0].clone();
    let orders: Vec<Json> = (0..501).map(|_| one.clone()).collect();
    assert_issues(
        &request("create_or_update_orders", &json!({"orders": orders})),
        &[("/orders", codes::TOO_MANY_ITEMS, "error")],
    );
    let orders: Vec<Json> = (0..500).map(|_| one.clone()).collect();
    assert!(request("create_or_update_orders", &json!({"orders": orders})).is_empty());
}

#[test]
fn bulk_default_behaviour_decides_what_is_mandatory() {
    let issues = request(
        "create_or_update_orders",
        &json!({"orders": [
            {"type": "D"},                       // no id, no orderNo: created
            {"orderNo": "A"},                    // created only if A does not exist: no demand
            {"id": "abc", "notes": "x"},         // updates an existing order
            {"operation": "UPDATE", "notes": "x"},
            {"operation": "CREATE", "id": "abc", "orderNo": "B", "date": "2024-03-22",
             "location": {"locationNo": "L"}}
        ]}),
    );
    assert_issues(
        &issues,
        &[
            ("/orders/0/date", codes::MISSING_FIELD, "error"),
            ("/orders/0/location", codes::MISSING_FIELD, "error"),
            ("/orders/3/orderNo", codes::MISSING_FIELD, "error"),
            ("/orders/4/id", codes::CONFLICTING_FIELDS, "error"),
        ],
    );
    assert!(issues
        .iter()
        .filter(|i| i.code == codes::MISSING_FIELD)
        .all(|i| i.vendor_code.as_deref() == Some("ERR_INVALID_PARAM_FORMAT")));
}

#[test]
fn bulk_cannot_geocode() {
    let body = patched(
        &bulk_base(),
        &[(
            "/orders/0/location",
            Some(json!({"address": "393 Hanover St, Boston", "acceptPartialMatch": true})),
        )],
    );
    let issues = request("create_or_update_orders", &body);
    assert_issues(
        &issues,
        &[
            (
                "/orders/0/location/acceptPartialMatch",
                codes::UNKNOWN_FIELD,
                "warning",
            ),
            ("/orders/0/location", or_codes::INCOMPLETE_LOCATION, "error"),
        ],
    );
    assert_error(
        &issues,
        "/orders/0/location",
        or_codes::INCOMPLETE_LOCATION,
        Some("ERR_LOC_NOT_VALID"),
    );
}

#[test]
fn bulk_new_location_needs_coordinates_and_a_name_or_number() {
    let created = json!({"orders": [
        {"date": "2024-03-22", "location": {"latitude": 42.3, "longitude": -71.0}},
        {"date": "2024-03-22", "location": {"locationName": "Depot"}},
        {"date": "2024-03-22", "location": {"latitude": 42.3, "longitude": -71.0, "address": "1 Main St"}},
        {"id": "abc", "location": {"latitude": 42.3, "longitude": -71.0}},
        {"orderNo": "C", "date": "2024-03-22", "location": {"locationName": "Depot"}}
    ]});
    assert_issues(
        &request("create_or_update_orders", &created),
        &[
            ("/orders/0/location", or_codes::INCOMPLETE_LOCATION, "error"),
            ("/orders/1/location", or_codes::INCOMPLETE_LOCATION, "error"),
        ],
    );
}

#[test]
fn bulk_orders_have_no_deprecated_window_fields() {
    let body = patched(&bulk_base(), &[("/orders/0/twFrom", Some(json!("10:00")))]);
    let issues = request("create_or_update_orders", &body);
    assert_issues(
        &issues,
        &[("/orders/0/twFrom", codes::UNKNOWN_FIELD, "warning")],
    );
    assert!(issues[0].message.contains("only by create_order"));
}

#[test]
fn every_problem_of_a_batch_is_reported_in_one_pass_in_payload_order() {
    let body = r#"{"orders": [
        {"orderNo": "1", "date": "2024-13-01", "type": "X", "priority": "M",
         "location": {"locationNo": "L", "latitude": 95, "longitude": -71.0}},
        {"orderNo": "2", "date": "2024-03-22", "location": {"locationNo": "L"},
         "timeWindows": [{"twFrom": "8:00", "twTo": "10:00"}], "duration": "30"},
        "not an order",
        {"type": "D", "location": {"address": "1 Main St"}}
    ], "extra": 1}"#;
    let (_, issues) = run(body, Some("create_or_update_orders"), false);
    assert_issues_in_order(
        &issues,
        &[
            ("/orders/0/date", codes::INVALID_FORMAT, "error"),
            ("/orders/0/type", codes::UNKNOWN_ENUM_VALUE, "error"),
            ("/orders/0/location/latitude", codes::OUT_OF_RANGE, "error"),
            (
                "/orders/0/location/latitude",
                codes::COORDINATES_SWAPPED,
                "warning",
            ),
            (
                "/orders/1/timeWindows/0/twFrom",
                codes::INVALID_FORMAT,
                "error",
            ),
            ("/orders/1/duration", codes::INVALID_TYPE, "error"),
            ("/orders/2", codes::INVALID_TYPE, "error"),
            ("/orders/3/date", codes::MISSING_FIELD, "error"),
            ("/orders/3/location", or_codes::INCOMPLETE_LOCATION, "error"),
            ("/extra", codes::UNKNOWN_FIELD, "warning"),
        ],
    );
    let vendor_codes: Vec<Option<&str>> = issues.iter().map(|i| i.vendor_code.as_deref()).collect();
    assert_eq!(
        vendor_codes,
        vec![
            Some("ERR_INVALID_PARAM_FORMAT"),
            Some("ERR_INVALID_PARAM_FORMAT"),
            Some("ERR_INVALID_PARAM_FORMAT"),
            None,
            Some("ERR_INVALID_PARAM_FORMAT"),
            Some("ERR_INVALID_PARAM_FORMAT"),
            Some("ERR_INVALID_PARAM_FORMAT"),
            Some("ERR_INVALID_PARAM_FORMAT"),
            Some("ERR_LOC_NOT_VALID"),
            None,
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// The other requests.

#[test]
fn order_selectors_need_an_identifier() {
    for endpoint in ["get_orders", "delete_orders", "get_completion_details"] {
        let issues = request(endpoint, &json!({"orders": [{"orderNo": "A"}, {}]}));
        assert_issues(
            &issues,
            &[("/orders/1/orderNo", codes::MISSING_FIELD, "error")],
        );
        assert_issues(
            &request(endpoint, &json!({})),
            &[("/orders", codes::MISSING_FIELD, "error")],
        );
        let many: Vec<Json> = (0..501)
            .map(|i| json!({"orderNo": i.to_string()}))
            .collect();
        assert_issues(
            &request(endpoint, &json!({"orders": many})),
            &[("/orders", codes::TOO_MANY_ITEMS, "error")],
        );
    }
    assert_issues(
        &request("get_orders", &json!({"orderNo": ["A", 5]})),
        &[("/orderNo/1", codes::INVALID_TYPE, "error")],
    );
    assert!(request("get_orders", &json!({"orderNo": "A", "key": "secret"})).is_empty());
}

#[test]
fn delete_requests() {
    assert_issues(
        &request("delete_order", &json!({"forceDelete": "yes"})),
        &[
            ("/forceDelete", codes::INVALID_TYPE, "error"),
            ("/orderNo", codes::MISSING_FIELD, "error"),
        ],
    );
    assert!(request(
        "delete_orders",
        &json!({"orders": [{"id": "x"}], "deleteMultiple": true, "forceDelete": false})
    )
    .is_empty());
    assert_issues(
        &request(
            "delete_orders",
            &json!({"orders": [{"id": "x"}], "deleteMultiple": 1}),
        ),
        &[("/deleteMultiple", codes::INVALID_TYPE, "error")],
    );
    assert_issues(
        &request("delete_all_orders", &json!({})),
        &[("/date", codes::MISSING_FIELD, "warning")],
    );
    assert_issues(
        &request("delete_all_orders", &json!({"date": "14-10-2014"})),
        &[("/date", codes::INVALID_FORMAT, "error")],
    );
}

#[test]
fn search_orders_needs_orders_or_a_date_range_of_at_most_35_days() {
    assert_issues(
        &request("search_orders", &json!({"includeOrderData": true})),
        &[("/dateRange", codes::MISSING_FIELD, "error")],
    );
    // 35 days, both ends included.
    assert!(request(
        "search_orders",
        &json!({"dateRange": {"from": "2022-01-01", "to": "2022-02-04"}})
    )
    .is_empty());
    assert_issues(
        &request(
            "search_orders",
            &json!({"dateRange": {"from": "2022-01-01", "to": "2022-02-05"}}),
        ),
        &[("/dateRange", or_codes::RANGE_TOO_LONG, "error")],
    );
    assert_issues(
        &request(
            "search_orders",
            &json!({"dateRange": {"from": "2022-01-03", "to": "2022-01-01"}}),
        ),
        &[("/dateRange/to", or_codes::INVALID_RANGE, "error")],
    );
    assert_issues(
        &request(
            "search_orders",
            &json!({"dateRange": {"from": "2022-01-03"}, "orderStatus": ["failed", "done"]}),
        ),
        &[
            ("/orderStatus/1", codes::UNKNOWN_ENUM_VALUE, "error"),
            ("/dateRange/to", codes::MISSING_FIELD, "error"),
        ],
    );
}

#[test]
fn get_routes_query() {
    assert_issues(
        &request("get_routes", &json!({"driverSerial": "011"})),
        &[("/date", codes::MISSING_FIELD, "error")],
    );
    assert!(request("get_routes", &json!({"date": "2022-03-16", "includeRoutePolyline": true, "includeRouteStartEnd": "false"})).is_empty());
    assert_issues(
        &request(
            "get_routes",
            &json!({"date": "2022-03-16", "includeRoutePolyline": "yes"}),
        ),
        &[("/includeRoutePolyline", codes::INVALID_FORMAT, "error")],
    );
    let issues = request(
        "get_routes",
        &json!({"date": "2022-03-16", "key": 123456789}),
    );
    assert_issues(&issues, &[("/key", codes::INVALID_TYPE, "error")]);
    assert!(
        !issues[0].message.contains("123456789"),
        "the API key must not be echoed"
    );
}

#[test]
fn get_scheduling_info_needs_order_no_or_id() {
    assert_issues(
        &request("get_scheduling_info", &json!({})),
        &[("/orderNo", codes::MISSING_FIELD, "error")],
    );
    assert!(request("get_scheduling_info", &json!({"id": "abc"})).is_empty());
}

#[test]
fn start_planning_enums_and_ranges() {
    let issues = request(
        "start_planning",
        &json!({
            "date": "2024-03-22", "balancing": "on", "balanceBy": "TIME", "balancingFactor": 1.5,
            "startWith": "NEW", "lockType": "ALL", "depotTrips": "yes", "depotVisitDuration": -5,
            "clustering": 1, "useDrivers": [{}], "useOrderObjects": [{}], "includeScheduledOrders": "true"
        }),
    );
    assert_issues(
        &issues,
        &[
            ("/balancing", codes::UNKNOWN_ENUM_VALUE, "error"),
            ("/balanceBy", codes::UNKNOWN_ENUM_VALUE, "error"),
            ("/balancingFactor", codes::OUT_OF_RANGE, "error"),
            ("/startWith", codes::UNKNOWN_ENUM_VALUE, "error"),
            ("/lockType", codes::UNKNOWN_ENUM_VALUE, "error"),
            ("/depotTrips", codes::INVALID_TYPE, "error"),
            ("/depotVisitDuration", codes::OUT_OF_RANGE, "error"),
            ("/clustering", codes::INVALID_TYPE, "error"),
            (
                "/useDrivers/0/driverExternalId",
                codes::MISSING_FIELD,
                "error",
            ),
            ("/useOrderObjects/0/orderNo", codes::MISSING_FIELD, "error"),
            ("/includeScheduledOrders", codes::INVALID_TYPE, "error"),
        ],
    );
    assert!(find(&issues, "/balancing", codes::UNKNOWN_ENUM_VALUE)
        .message
        .contains("did you mean \"ON\""));
    assert_issues(
        &request(
            "start_planning",
            &json!({"date": "2024-03-22", "balancing": "ON_FORCE", "balancingFactor": -0.1}),
        ),
        &[("/balancingFactor", codes::OUT_OF_RANGE, "error")],
    );
}

#[test]
fn start_planning_dates() {
    assert_issues(
        &request("start_planning", &json!({"balancing": "ON"})),
        &[("/date", codes::MISSING_FIELD, "error")],
    );
    let issues = request(
        "start_planning",
        &json!({"date": "2024-03-22", "dateRange": {"from": "2024-03-22", "to": "2024-03-18"}}),
    );
    assert_issues(
        &issues,
        &[
            ("/dateRange/to", or_codes::INVALID_RANGE, "error"),
            ("/date", codes::CONFLICTING_FIELDS, "warning"),
        ],
    );
    assert_error(
        &issues,
        "/dateRange/to",
        or_codes::INVALID_RANGE,
        Some("ERR_DATE_RANGE_INVALID"),
    );
}

#[test]
fn start_planning_options_that_depend_on_others() {
    let issues = request(
        "start_planning",
        &json!({
            "date": "2024-03-22", "balancing": "ON", "balanceBy": "NUM", "balancingFactor": 0.5,
            "lockType": "ROUTES", "depotVisitDuration": 10, "useOrders": ["A"], "useOrderObjects": [{"orderNo": "A"}]
        }),
    );
    assert_issues(
        &issues,
        &[
            ("/useOrders", codes::DEPRECATED_FIELD, "warning"),
            ("/balancingFactor", codes::CONFLICTING_FIELDS, "warning"),
            ("/lockType", codes::CONFLICTING_FIELDS, "warning"),
            ("/depotVisitDuration", codes::CONFLICTING_FIELDS, "warning"),
            ("/useOrders", codes::CONFLICTING_FIELDS, "warning"),
        ],
    );
    assert_issues(
        &request(
            "start_planning",
            &json!({"date": "2024-03-22", "balanceBy": "WT"}),
        ),
        &[("/balanceBy", codes::CONFLICTING_FIELDS, "warning")],
    );
}

#[test]
fn planning_ids() {
    assert_issues(
        &request("stop_planning", &json!({"planningId": "8828"})),
        &[("/planningId", codes::INVALID_TYPE, "error")],
    );
    assert!(request("get_planning_status", &json!({"planningId": 8828})).is_empty());
    assert_issues(
        &request("get_planning_status", &json!({"planningId": "88x"})),
        &[("/planningId", codes::INVALID_FORMAT, "error")],
    );
    assert_issues(
        &request("get_planning_status", &json!({})),
        &[("/planningId", codes::MISSING_FIELD, "error")],
    );
}

#[test]
fn update_driver_parameters_rules() {
    assert_issues(
        &request("update_driver_parameters", &json!({})),
        &[
            ("/externalId", codes::MISSING_FIELD, "error"),
            ("/date", codes::MISSING_FIELD, "error"),
        ],
    );
    let issues = request(
        "update_driver_parameters",
        &json!({
            "externalId": "3945300304540", "date": "2019-09-25", "workTimeFrom": "9:30",
            "vehicleCapacity1": -1, "vehicleCapacity2": 1.5, "startLatitude": 151.2, "startLongitude": -33.9,
            "endLatitude": 45.8, "endAddress": "Depot"
        }),
    );
    assert_issues(
        &issues,
        &[
            ("/workTimeFrom", codes::INVALID_FORMAT, "error"),
            ("/vehicleCapacity1", codes::OUT_OF_RANGE, "error"),
            ("/vehicleCapacity2", codes::INVALID_TYPE, "error"),
            ("/startLatitude", codes::OUT_OF_RANGE, "error"),
            ("/startLatitude", codes::COORDINATES_SWAPPED, "warning"),
            ("/endLatitude", codes::CONFLICTING_FIELDS, "warning"),
            ("/endAddress", codes::CONFLICTING_FIELDS, "warning"),
        ],
    );
}

#[test]
fn update_drivers_parameters_rules() {
    let update = |extra: Json| {
        let mut u = json!({"driver": {"serial": "S1"}, "date": "2022-02-15"});
        for (k, v) in extra.as_object().unwrap() {
            u[k] = v.clone();
        }
        request("update_drivers_parameters", &json!({"updates": [u]}))
    };
    assert!(update(
        json!({"startLocation": {"type": "custom", "latitude": 45.8, "longitude": 16.2},
        "endLocation": {"type": "startLocation"}, "assignedVehicle": "V103"})
    )
    .is_empty());
    assert!(update(json!({"assignedVehicle": {"registration": "VEH001"}})).is_empty());
    assert_issues(
        &update(json!({"startLocation": {"type": "startLocation"}})),
        &[(
            "/updates/0/startLocation/type",
            codes::UNKNOWN_ENUM_VALUE,
            "error",
        )],
    );
    let issues = update(json!({"startLocation": {"type": "custom", "address": "Depot"}}));
    assert_issues(
        &issues,
        &[
            (
                "/updates/0/startLocation/latitude",
                codes::MISSING_FIELD,
                "error",
            ),
            (
                "/updates/0/startLocation/longitude",
                codes::MISSING_FIELD,
                "error",
            ),
        ],
    );
    assert!(issues
        .iter()
        .all(|i| i.vendor_code.as_deref() == Some("ERR_LOC_NOT_VALID")));
    assert_issues(
        &update(json!({"endLocation": {"type": "employeeDefault", "latitude": 45.8}})),
        &[(
            "/updates/0/endLocation/latitude",
            codes::CONFLICTING_FIELDS,
            "warning",
        )],
    );
    assert_issues(
        &update(json!({"endLocation": {"latitude": 45.8, "longitude": 16.2}})),
        &[("/updates/0/endLocation/type", codes::MISSING_FIELD, "error")],
    );
    assert_issues(
        &update(
            json!({"workTime": {"to": "17:00"}, "assignedVehicle": 5, "vehicleCapacity4": "9"}),
        ),
        &[
            ("/updates/0/workTime/from", codes::MISSING_FIELD, "error"),
            ("/updates/0/assignedVehicle", codes::INVALID_TYPE, "error"),
            ("/updates/0/vehicleCapacity4", codes::INVALID_TYPE, "error"),
        ],
    );
    assert_issues(
        &update(json!({"assignedVehicle": {}, "driver": {}})),
        &[
            ("/updates/0/driver/serial", codes::MISSING_FIELD, "error"),
            (
                "/updates/0/assignedVehicle/externalId",
                codes::MISSING_FIELD,
                "error",
            ),
        ],
    );
    assert_issues(
        &request("update_drivers_parameters", &json!({"updates": []})),
        &[("/updates", codes::EMPTY, "error")],
    );
    let many: Vec<Json> = (0..501)
        .map(|i| json!({"driver": {"serial": i.to_string()}, "date": "2022-02-15"}))
        .collect();
    assert_issues(
        &request("update_drivers_parameters", &json!({"updates": many})),
        &[("/updates", codes::TOO_MANY_ITEMS, "error")],
    );
}

#[test]
fn get_events_query() {
    assert_issues(
        &request("get_events", &json!({"after_tag": 5})),
        &[("/after_tag", codes::INVALID_TYPE, "error")],
    );
    assert_issues(
        &request("get_events", &json!({"afterTag": "x"})),
        &[("/afterTag", codes::UNKNOWN_FIELD, "warning")],
    );
}

#[test]
fn update_completion_details_rules() {
    let issues = request(
        "update_completion_details",
        &json!({"updates": [
            {"orderNo": "A", "data": {"status": "success", "startTime": {}, "endTime": {"unixTimestamp": 1604264397, "utcTime": "2020-11-01T21:48:25"}}},
            {"data": {"status": "done"}},
            {"id": "x", "data": {"startTime": {"utcTime": "2020-11-01 21:44:15"}}},
            {"orderNo": "B", "data": {"status": "scheduled", "endTime": {"localTime": "2020-11-01T16:48:25"}}}
        ]}),
    );
    assert_issues(
        &issues,
        &[
            (
                "/updates/0/data/startTime/unixTimestamp",
                codes::MISSING_FIELD,
                "error",
            ),
            (
                "/updates/0/data/endTime/utcTime",
                codes::CONFLICTING_FIELDS,
                "warning",
            ),
            ("/updates/1/data/status", codes::UNKNOWN_ENUM_VALUE, "error"),
            ("/updates/1/orderNo", codes::MISSING_FIELD, "error"),
            (
                "/updates/2/data/startTime/utcTime",
                codes::INVALID_FORMAT,
                "error",
            ),
            ("/updates/2/data/status", codes::MISSING_FIELD, "error"),
            (
                "/updates/3/data/endTime",
                codes::CONFLICTING_FIELDS,
                "warning",
            ),
        ],
    );
    let many: Vec<Json> = (0..501)
        .map(|i| json!({"orderNo": i.to_string(), "data": {"status": "scheduled"}}))
        .collect();
    assert_issues(
        &request("update_completion_details", &json!({"updates": many})),
        &[("/updates", codes::TOO_MANY_ITEMS, "error")],
    );
}

#[test]
fn update_drivers_positions_rules() {
    let position = json!({"timestamp": 1692186190, "latitude": 45.805945, "longitude": 16.237825});
    let positions: Vec<Json> = (0..101).map(|_| position.clone()).collect();
    let issues = request(
        "update_drivers_positions",
        &json!({"updates": [
            {"driver": {"externalId": "001"}, "positions": positions},
            {"driver": {"serial": "S2"}, "positions": [
                {"latitude": 45.8, "longitude": 16.2, "heading": 400, "speed": -1, "accuracy": -2, "distanceToLocation": 3}
            ]},
            {"driver": {"serial": "S3"}, "positions": []}
        ]}),
    );
    assert_issues(
        &issues,
        &[
            ("/updates/0/positions", codes::TOO_MANY_ITEMS, "error"),
            (
                "/updates/1/positions/0/heading",
                codes::OUT_OF_RANGE,
                "error",
            ),
            ("/updates/1/positions/0/speed", codes::OUT_OF_RANGE, "error"),
            (
                "/updates/1/positions/0/accuracy",
                codes::OUT_OF_RANGE,
                "error",
            ),
            (
                "/updates/1/positions/0/distanceToLocation",
                codes::UNKNOWN_FIELD,
                "warning",
            ),
            (
                "/updates/1/positions/0/timestamp",
                codes::MISSING_FIELD,
                "error",
            ),
            ("/updates/2/positions", codes::EMPTY, "error"),
        ],
    );
    // Drivers are the same whether matched by serial or by external id.
    let issues = request(
        "update_drivers_positions",
        &json!({"updates": [
            {"driver": {"externalId": "E1"}, "positions": [position]},
            {"driver": {"serial": "S1"}, "positions": [position]},
            {"driver": {"externalId": "E1", "serial": "S9"}, "positions": [position]}
        ]}),
    );
    assert_issues(
        &issues,
        &[
            ("/updates/0/driver", codes::DUPLICATE, "error"),
            ("/updates/2/driver", codes::DUPLICATE, "error"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Options, inference, registry.

#[test]
fn unknown_endpoint_lists_the_valid_ones() {
    let (got, issues) = run("{}", Some("create_orders"), false);
    assert!(got.is_none());
    assert_issues(&issues, &[("", or_codes::UNKNOWN_ENDPOINT, "error")]);
    assert!(issues[0].message.contains("\"create_or_update_orders\""));
}

#[test]
fn endpoints_are_inferred_from_the_payload() {
    let cases = [
        ("create_order_request.json", "create_order"),
        (
            "create_or_update_orders_request.json",
            "create_or_update_orders",
        ),
        ("delete_orders_request.json", "get_orders"), // ambiguous: only selectors
        ("search_orders_request_1.json", "search_orders"),
        ("search_orders_request_3.json", "search_orders"),
        (
            "update_driver_parameters_request.json",
            "update_driver_parameters",
        ),
        (
            "update_drivers_parameters_request.json",
            "update_drivers_parameters",
        ),
        (
            "update_drivers_positions_request.json",
            "update_drivers_positions",
        ),
        (
            "update_completion_details_request.json",
            "update_completion_details",
        ),
        ("own_start_planning_weekly.json", "start_planning"),
        ("get_routes_query_2.json", "get_routes"),
        ("get_events_query_2.json", "get_events"),
        ("get_planning_status_query.json", "get_planning_status"),
        ("create_order_response.json", "create_order.response"),
        (
            "create_or_update_orders_response.json",
            "create_or_update_orders.response",
        ),
        ("get_orders_response.json", "get_orders.response"),
        ("get_routes_response.json", "get_routes.response"),
        (
            "get_scheduling_info_response_1.json",
            "get_scheduling_info.response",
        ),
        (
            "update_drivers_parameters_response.json",
            "update_drivers_parameters.response",
        ),
        ("get_events_response_1.json", "get_events.response"),
        (
            "get_completion_details_response.json",
            "get_completion_details.response",
        ),
        (
            "update_completion_details_response.json",
            "get_completion_details.response",
        ),
        ("search_orders_response_1.json", "search_orders.response"),
        ("search_orders_response_2.json", "search_orders.response"),
        (
            "own_error_response.json",
            "update_driver_parameters.response",
        ),
    ];
    for (file, kind) in cases {
        let (got, _) = run(&fixture(file), None, false);
        let got = got.unwrap_or_else(|| panic!("{file} not inferred"));
        assert_eq!(got.kind, kind, "{file}");
        assert!(got.inferred);
    }
}

#[test]
fn ambiguous_payloads_say_so() {
    let (got, issues) = run(r#"{"orders": [{"orderNo": "A"}]}"#, None, false);
    assert_eq!(got.unwrap().kind, "get_orders");
    assert_issues(&issues, &[("", or_codes::AMBIGUOUS_PAYLOAD, "warning")]);
    assert!(issues[0].message.contains("\"delete_orders\""));

    let (got, issues) = run(r#"{"colour": "red"}"#, None, false);
    assert!(got.is_none());
    assert_issues(&issues, &[("", or_codes::AMBIGUOUS_PAYLOAD, "error")]);

    let (got, issues) = run(r#"[{"orderNo": "A"}]"#, None, false);
    assert!(got.is_none());
    assert_issues(&issues, &[("", codes::INVALID_TYPE, "error")]);
    assert!(issues[0].message.contains("{\"orders\": [...]}"));
}

#[test]
fn a_response_given_as_a_request_is_recognised() {
    let (got, issues) = run(
        &fixture("delete_orders_response.json"),
        Some("delete_orders"),
        false,
    );
    let got = got.unwrap();
    assert_eq!(got.kind, "delete_orders.response");
    assert!(got.inferred);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].code, or_codes::VENDOR_ERROR);
}

#[test]
fn payload_that_is_not_an_object_with_an_endpoint() {
    let (_, issues) = run("[1, 2]", Some("create_order"), false);
    assert_error(&issues, "", codes::INVALID_TYPE, Some("MALFORMED_REQUEST"));
}

#[test]
fn registered_in_the_vendor_registry() {
    let v = vendor("optimoroute").expect("registered");
    assert_eq!(v.id(), "optimoroute");
    assert_eq!(v.endpoints().len(), 18);
    for name in v.endpoints() {
        assert_eq!(Endpoint::from_name(name).map(Endpoint::name), Some(*name));
    }
}

#[test]
fn error_meanings_are_looked_up_per_method() {
    assert_eq!(
        error_meaning("create_order", "ERR_LOC_GEOCODING_PARTIAL"),
        Some("the geocoder did not return an exact match for the original request")
    );
    assert_eq!(
        error_meaning("delete_orders", "ERR_MULTIPLE_ORD_FOUND"),
        Some("there are multiple orders matching the orderNo, but deleteMultiple was set to false")
    );
    assert_eq!(
        error_meaning("search_orders", "ERR_TOO_MANY_CONNECTIONS"),
        Some("there are too many concurrent requests")
    );
    assert_eq!(error_meaning("create_order", "ERR_JOB_NOT_FOUND"), None);
}

#[test]
fn benchmark_schema_matches_the_validators_tables() {
    use optimoroute::model::{NotificationPreference, Operation, OrderType, Priority, Weekday};
    let schema: Json =
        serde_json::from_str(&fixture("create_or_update_orders.schema.json")).unwrap();
    let order = &schema["properties"]["orders"]["items"]["properties"];
    let names = |v: &Json| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&order["type"]["enum"]), OrderType::REQUEST_NAMES);
    assert_eq!(names(&order["operation"]["enum"]), Operation::NAMES);
    assert_eq!(names(&order["priority"]["enum"]), Priority::NAMES);
    assert_eq!(
        names(&order["notificationPreference"]["enum"]),
        NotificationPreference::NAMES
    );
    assert_eq!(
        names(&order["allowedWeekdays"]["items"]["enum"]),
        Weekday::NAMES
    );
    assert_eq!(
        schema["properties"]["orders"]["maxItems"],
        json!(optimoroute::MAX_BULK_ITEMS)
    );
}

// ---------------------------------------------------------------------------------------------
// Typed models.

#[test]
fn typed_orders_write_back_the_vendors_json() {
    let text = fixture("own_create_order_sync.json");
    let value = parse(&text).unwrap();
    let mut ck = Checker::new();
    let order = optimoroute::read_order_as(
        &value,
        &Path::root(),
        optimoroute::OrderContext::CreateOrder,
        &mut ck,
    )
    .unwrap();
    assert!(ck.issues.is_empty(), "{:#?}", ck.issues);
    assert_eq!(order.duration, Some(7.5));
    assert_eq!(order.location.as_ref().unwrap().check_in_time, Some(5));
    let written: Json = serde_json::to_value(&order).unwrap();
    let mut original: Json = serde_json::from_str(&text).unwrap();
    // `"to": null` is the same as no `to`; the model writes the shorter form.
    original["allowedDateTimes"][0]
        .as_object_mut()
        .unwrap()
        .remove("to");
    assert_eq!(written, original);
}

#[test]
fn unknown_fields_are_kept_for_conversion() {
    let value = parse(r#"{"orderNo": "A", "date": "2024-03-22", "location": {"locationNo": "L", "gate": 4}, "colour": "red"}"#).unwrap();
    let mut ck = Checker::new();
    let order = read_order(&value, &Path::root(), &mut ck).unwrap();
    assert_eq!(
        serde_json::to_string(&order).unwrap(),
        r#"{"orderNo":"A","date":"2024-03-22","location":{"locationNo":"L","gate":4},"colour":"red"}"#
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn clock() -> impl Strategy<Value = String> {
        (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h:02}:{m:02}"))
    }

    fn date() -> impl Strategy<Value = String> {
        (1990i32..2040, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
    }

    fn text() -> impl Strategy<Value = String> {
        "[A-Za-z0-9 ,.#/'é-]{0,24}"
    }

    fn decimal() -> impl Strategy<Value = f64> {
        prop_oneof![(0i64..10_000).prop_map(|i| i as f64), (0.0f64..10_000.0),]
    }

    fn location() -> impl Strategy<Value = Json> {
        (
            text(),
            text(),
            proptest::option::of(text()),
            -90.0f64..90.0,
            -180.0f64..180.0,
            proptest::option::of(0u32..120),
        )
            .prop_map(|(no, name, address, lat, lon, check_in)| {
                let mut l = json!({"locationNo": no, "locationName": name, "latitude": lat, "longitude": lon});
                if let Some(a) = address {
                    l["address"] = json!(a);
                }
                if let Some(c) = check_in {
                    l["checkInTime"] = json!(c);
                }
                l
            })
    }

    prop_compose! {
        fn order()(
            order_no in text(),
            date in date(),
            location in location(),
            kind in prop::sample::select(vec!["D", "P", "T"]),
            priority in proptest::option::of(prop::sample::select(vec!["L", "M", "H", "C"])),
            duration in proptest::option::of(decimal()),
            loads in proptest::collection::vec(decimal(), 0..4),
            windows in proptest::collection::vec((clock(), clock()), 0..3),
            weekdays in proptest::collection::vec(prop::sample::select(vec!["sun", "mon", "tue", "wed", "thu", "fri", "sat"]), 0..4),
            skills in proptest::collection::vec(text(), 0..3),
            assigned in proptest::option::of(proptest::option::of(text())),
            custom in proptest::collection::vec((text(), prop_oneof![
                text().prop_map(|s| json!(s)),
                decimal().prop_map(|x| json!(x)),
                any::<bool>().prop_map(|b| json!(b)),
            ]), 0..4),
            related in proptest::option::of(proptest::option::of(text())),
            extra in proptest::option::of((0i64..1000, text())),
        ) -> Json {
            let mut o = json!({"orderNo": order_no, "date": date, "location": location, "type": kind});
            if let Some(p) = priority { o["priority"] = json!(p); }
            if let Some(d) = duration { o["duration"] = json!(d); }
            for (i, load) in loads.iter().enumerate() { o[format!("load{}", i + 1)] = json!(load); }
            if !windows.is_empty() {
                o["timeWindows"] = json!(windows.iter().map(|(f, t)| json!({"twFrom": f, "twTo": t})).collect::<Vec<_>>());
            }
            o["allowedWeekdays"] = json!(weekdays);
            o["skills"] = json!(skills);
            if let Some(a) = assigned {
                o["assignedTo"] = a.map_or(Json::Null, |s| json!({"serial": s}));
            }
            if !custom.is_empty() {
                let map: serde_json::Map<String, Json> = custom
                    .into_iter()
                    .filter(|(k, _)| !k.starts_with("custom_field_"))
                    .collect();
                o["customFields"] = Json::Object(map);
            }
            if let Some(r) = related { o["relatedOrderNo"] = r.map_or(Json::Null, Json::from); }
            if let Some((n, s)) = extra { o["zExtraNumber"] = json!(n); o["zExtraText"] = json!(s); }
            o
        }
    }

    fn read(text: &str) -> (Option<optimoroute::model::Order>, Vec<Issue>) {
        let value = parse(text).unwrap();
        let mut ck = Checker::new();
        let order = read_order(&value, &Path::root(), &mut ck);
        (order, ck.issues)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// read_order, serialize, read_order again: the same typed order.
        #[test]
        fn orders_round_trip(order in order()) {
            let (first, issues) = read(&order.to_string());
            let first = first.unwrap();
            prop_assert!(issues.iter().all(|i| !i.is_error()), "{issues:#?}");
            let written = serde_json::to_string(&first).unwrap();
            let (second, again) = read(&written);
            prop_assert_eq!(Some(first), second);
            prop_assert_eq!(summary(&issues), summary(&again));
        }

        /// Whatever the JSON, validation returns (never panics) and every issue path points
        /// into the payload or at a missing field of an object in it.
        #[test]
        fn arbitrary_json_never_panics(value in arbitrary_json(), endpoint in prop::sample::select(optimoroute::ENDPOINTS.to_vec()), response in any::<bool>()) {
            let text = value.to_string();
            let (_, issues) = run(&text, Some(endpoint), response);
            let parsed = parse(&text).unwrap();
            for issue in &issues {
                let parent = issue.path.rsplit_once('/').map_or("", |(p, _)| p);
                prop_assert!(parsed.pointer(&issue.path).is_some() || parsed.pointer(parent).is_some(), "{issue:?}");
            }
            let (_, inferred) = run(&text, None, response);
            let _ = inferred;
        }

        #[test]
        fn clock_times_parse_exactly(h in 0u16..30, m in 0u16..70) {
            let s = format!("{h:02}:{m:02}");
            let got = optimoroute::formats::clock_minutes(&s);
            prop_assert_eq!(got, (h < 24 && m < 60).then_some(h * 60 + m));
        }

        #[test]
        fn format_parsers_accept_any_text(s in "\\PC{0,30}") {
            let _ = optimoroute::formats::clock_minutes(&s);
            let _ = optimoroute::formats::local_datetime(&s, b'T');
            let _ = optimoroute::formats::is_iso_datetime(&s);
            let _ = optimoroute::formats::polyline_problem(&s);
        }
    }

    fn arbitrary_json() -> impl Strategy<Value = Json> {
        let keys = prop::sample::select(vec![
            "orders",
            "updates",
            "orderNo",
            "id",
            "date",
            "location",
            "latitude",
            "longitude",
            "type",
            "operation",
            "timeWindows",
            "twFrom",
            "success",
            "code",
            "data",
            "driver",
            "positions",
            "dateRange",
            "from",
            "to",
            "status",
            "events",
            "routes",
            "stops",
            "customFields",
            "custom_field_1",
            "startLocation",
            "workTime",
            "planningId",
            "x",
        ]);
        let leaf = prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::from),
            (-1.0e6f64..1.0e6).prop_map(Json::from),
            (-200i64..200).prop_map(Json::from),
            prop::sample::select(vec![
                "",
                "CREATE",
                "D",
                "10:00",
                "2024-03-22",
                "2024-03-22T10:00:00",
                "S004",
                "ERR_ORD_NOT_FOUND",
                "custom",
                "success"
            ])
            .prop_map(Json::from),
        ];
        leaf.prop_recursive(5, 64, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
                proptest::collection::vec((keys.clone(), inner), 0..6).prop_map(|kv| Json::Object(
                    kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
            ]
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Speed (run with: cargo test --release --test vendor_optimoroute -- --ignored --nocapture).

fn batch(n: usize) -> String {
    let orders: Vec<Json> = (0..n)
        .map(|i| {
            let kind = ["D", "P", "T"][i % 3];
            let priority = ["L", "M", "H", "C"][i % 4];
            json!({
                "orderNo": format!("ORD{i:06}"),
                "date": "2024-03-22",
                "type": kind,
                "duration": 5 + (i % 20),
                "priority": priority,
                "location": {
                    "locationNo": format!("LOC{:05}", i % 5000),
                    "locationName": format!("Customer {i}"),
                    "address": format!("{} Main St, Boston, MA 02113, USA", i % 900 + 1),
                    "latitude": 42.0 + (i % 1000) as f64 / 1000.0,
                    "longitude": -71.5 + (i % 700) as f64 / 1000.0
                },
                "timeWindows": [{"twFrom": "08:00", "twTo": "12:00"}, {"twFrom": "13:00", "twTo": "17:30"}],
                "load1": (i % 7) as f64 + 0.5,
                "skills": ["SK001"],
                "notes": "Leave at the back door",
                "email": format!("customer{i}@example.com"),
                "phone": "+1 617 555 0100",
                "notificationPreference": "email"
            })
        })
        .collect();
    json!({ "orders": orders }).to_string()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

#[test]
#[ignore = "benchmark; run in release with --ignored --nocapture"]
fn bench_validation_speed() {
    use std::time::Instant;
    let text = batch(10_000);
    let options = ValidateOptions {
        endpoint: Some("create_or_update_orders".into()),
        ..ValidateOptions::default()
    };
    let mut runs = Vec::new();
    let mut issue_count = 0;
    for _ in 0..15 {
        let start = Instant::now();
        let value = parse(&text).unwrap();
        let mut ck = Checker::new();
        OPTIMOROUTE.validate(&value, &options, &mut ck);
        runs.push(start.elapsed().as_secs_f64());
        issue_count = ck.issues.len();
    }
    let t = median(runs);
    let mut parse_runs = Vec::new();
    for _ in 0..15 {
        let start = Instant::now();
        std::hint::black_box(parse(&text).unwrap());
        parse_runs.push(start.elapsed().as_secs_f64());
    }
    println!(
        "  of which json::parse alone: median {:.2} ms",
        median(parse_runs) * 1e3
    );
    println!(
        "create_or_update_orders, 10,000 orders ({} KiB JSON): parse+validate median {:.2} ms = {:.0} orders/s ({} issues: TOO_MANY_ITEMS for > 500)",
        text.len() / 1024,
        t * 1e3,
        10_000.0 / t,
        issue_count
    );
    assert_eq!(issue_count, 1);

    let mut one: Json = serde_json::from_str::<Json>(&batch(1)).unwrap()["orders"][0].clone();
    one["operation"] = json!("CREATE");
    let one = one.to_string();
    let value = parse(&one).unwrap();
    let single = ValidateOptions {
        endpoint: Some("create_order".into()),
        ..ValidateOptions::default()
    };
    let mut ck = Checker::new();
    OPTIMOROUTE.validate(&value, &single, &mut ck);
    assert!(ck.issues.is_empty(), "{:#?}", ck.issues);
    let mut samples = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        for _ in 0..1000 {
            let mut ck = Checker::new();
            OPTIMOROUTE.validate(&value, &single, &mut ck);
            std::hint::black_box(&ck);
        }
        samples.push(start.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "one order (already parsed), validate: median {:.2} µs",
        median(samples)
    );
    let mut samples = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        for _ in 0..1000 {
            let value = parse(&one).unwrap();
            let mut ck = Checker::new();
            OPTIMOROUTE.validate(&value, &single, &mut ck);
            std::hint::black_box(&ck);
        }
        samples.push(start.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "one order from JSON text, parse+validate: median {:.2} µs",
        median(samples)
    );
}
