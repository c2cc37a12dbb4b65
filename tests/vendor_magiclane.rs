//! Magic Lane `/v1/orders`: the document's examples validate; each documented rule, broken,
//! gives its code at its path; typed values round-trip.

use orderbridge::check::Checker;
use orderbridge::issue::{codes, Issue, Severity};
use orderbridge::json::{parse, Path, Value};
use orderbridge::vendor::magiclane::model::{OrderState, OrderType};
use orderbridge::vendor::magiclane::{self, read_order, read_query};
use orderbridge::vendor::{vendor, ValidateOptions, Validated};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/magiclane/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run_with(json: &str, options: &ValidateOptions) -> (Option<Validated>, Vec<Issue>) {
    let payload = parse(json).expect("test JSON");
    let mut ck = Checker::new();
    let out = vendor("magiclane")
        .expect("magiclane is registered")
        .validate(&payload, options, &mut ck);
    (out, ck.issues)
}

fn run(json: &str) -> (Option<Validated>, Vec<Issue>) {
    run_with(json, &ValidateOptions::default())
}

fn at(endpoint: &str) -> ValidateOptions {
    ValidateOptions {
        endpoint: Some(endpoint.into()),
        ..Default::default()
    }
}

fn response(endpoint: &str) -> ValidateOptions {
    ValidateOptions {
        endpoint: Some(endpoint.into()),
        response: true,
        ..Default::default()
    }
}

fn errors(issues: &[Issue]) -> Vec<(&str, &str)> {
    issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| (i.path.as_str(), i.code.as_ref()))
        .collect()
}

fn warnings(issues: &[Issue]) -> Vec<(&str, &str)> {
    issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .map(|i| (i.path.as_str(), i.code.as_ref()))
        .collect()
}

fn single(issues: &[Issue]) -> (&str, &str, Severity) {
    assert_eq!(issues.len(), 1, "{issues:#?}");
    (
        issues[0].path.as_str(),
        issues[0].code.as_ref(),
        issues[0].severity,
    )
}

const ORDER: &str = r#"{"location": [48.870852, 2.356148], "alias": "A", "type": 1, "status": 0, "state": 0, "priority": 0, "timeWindow": [420, 1086], "serviceTime": 300}"#;

/// A create body holding one valid order with one field replaced or added.
fn create_with(key: &str, value: &str) -> String {
    let mut order = parse(ORDER).unwrap().into_owned();
    if let Value::Object(o) = &mut order {
        o.set(key.to_owned(), parse(value).unwrap().into_owned());
    }
    format!("[{}]", order.to_json())
}

#[test]
fn documented_examples_validate() {
    let cases = [
        ("create-request.json", at("create"), "create"),
        (
            "orders-response.json",
            response("create"),
            "create.response",
        ),
        (
            "orders-response.json",
            response("get_all"),
            "get_all.response",
        ),
        ("order.json", response("get"), "get.response"),
        ("order.json", response("update"), "update.response"),
        ("delete-request.json", at("delete"), "delete"),
        (
            "delete-response.json",
            response("delete"),
            "delete.response",
        ),
        ("create-lyon.json", at("create"), "create"),
        ("get-all-query.json", at("get_all"), "get_all"),
        ("update-envelope.json", at("update"), "update"),
    ];
    for (name, options, kind) in cases {
        let (out, issues) = run_with(&fixture(name), &options);
        assert_eq!(issues, vec![], "{name}");
        assert_eq!(
            out,
            Some(Validated {
                kind: kind.into(),
                inferred: false
            }),
            "{name}"
        );
    }
    // The update example resends customerInfo, which cannot change: a warning, not an error.
    let (out, issues) = run_with(&fixture("order.json"), &at("update"));
    assert_eq!(
        single(&issues),
        ("/customerInfo", "READ_ONLY_FIELD", Severity::Warning)
    );
    assert_eq!(out.unwrap().kind, "update");
}

#[test]
fn endpoint_is_inferred_from_the_shape() {
    let cases = [
        ("create-request.json", "create"),
        ("orders-response.json", "get_all.response"),
        ("order.json", "update"),
        ("delete-request.json", "delete"),
        ("delete-response.json", "delete.response"),
        ("get-all-query.json", "get_all"),
        ("update-envelope.json", "update"),
    ];
    for (name, kind) in cases {
        let (out, issues) = run(&fixture(name));
        assert!(errors(&issues).is_empty(), "{name}: {issues:#?}");
        assert_eq!(
            out,
            Some(Validated {
                kind: kind.into(),
                inferred: true
            }),
            "{name}"
        );
    }
    let (out, _) = run(r#"{"id": 879887}"#);
    assert_eq!(out.unwrap().kind, "get");
    let (out, _) = run("879887");
    assert_eq!(out.unwrap().kind, "get");
    let (out, issues) = run(&fixture("order.json").replace("\"id\": 879887,", ""));
    assert_eq!(out.unwrap().kind, "update");
    assert_eq!(
        warnings(&issues),
        vec![("/customerInfo", "READ_ONLY_FIELD")]
    );
    let with_response = ValidateOptions {
        response: true,
        ..Default::default()
    };
    let (out, issues) = run_with(&fixture("order.json"), &with_response);
    assert_eq!(issues, vec![]);
    assert_eq!(out.unwrap().kind, "get.response");

    let (out, issues) = run("{}");
    assert_eq!(out, None);
    assert_eq!(single(&issues), ("", "AMBIGUOUS_PAYLOAD", Severity::Error));
    let (out, issues) = run_with("[]", &with_response);
    assert_eq!(out, None);
    assert_eq!(single(&issues).1, "AMBIGUOUS_PAYLOAD");
}

#[test]
fn unknown_endpoint_lists_the_valid_ones() {
    let (out, issues) = run_with("[]", &at("list"));
    assert_eq!(out, None);
    assert_eq!(single(&issues), ("", "UNKNOWN_ENDPOINT", Severity::Error));
    assert!(issues[0]
        .message
        .contains("\"create\", \"get_all\", \"get\", \"update\" or \"delete\""));
}

#[test]
fn each_order_rule_reports_its_code_and_path() {
    let cases: &[(&str, &str, &str, &str, Severity)] = &[
        (
            "type",
            "2",
            "/0/type",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "type",
            "\"delivery\"",
            "/0/type",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "status",
            "3",
            "/0/status",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "state",
            "6",
            "/0/state",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "state",
            "-1",
            "/0/state",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "priority",
            "2",
            "/0/priority",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "location",
            "[48.87]",
            "/0/location",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            "location",
            r#"{"lat": 48.87, "lon": 2.35}"#,
            "/0/location",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "location",
            "[48.87, \"2.35\"]",
            "/0/location/1",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "location",
            "[48.87, 182.35]",
            "/0/location/1",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "location",
            "[-248.87, 2.35]",
            "/0/location/0",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "timeWindow",
            "[1086, 420]",
            "/0/timeWindow",
            codes::WINDOW_INVERTED,
            Severity::Error,
        ),
        (
            "timeWindow",
            "[-5, 420]",
            "/0/timeWindow/0",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "timeWindow",
            "[420, 1500]",
            "/0/timeWindow/1",
            codes::OUT_OF_RANGE,
            Severity::Warning,
        ),
        (
            "timeWindow",
            "[420]",
            "/0/timeWindow",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            "timeWindow",
            "\"07:00-18:06\"",
            "/0/timeWindow",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "serviceTime",
            "-1",
            "/0/serviceTime",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "serviceTime",
            "1.5",
            "/0/serviceTime",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "numberOfPackages",
            "-2",
            "/0/numberOfPackages",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "weight",
            "-0.5",
            "/0/weight",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "cube",
            "\"2.5\"",
            "/0/cube",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "revenue",
            "null",
            "/0/revenue",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "depotId",
            "-1",
            "/0/depotId",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "creationTimestamp",
            "1.5",
            "/0/creationTimestamp",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "customerId",
            "\"1838721\"",
            "/0/customerId",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "customData",
            "{}",
            "/0/customData",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "phoneNumber",
            "12025550",
            "/0/phoneNumber",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "address",
            r#"{"city": "Paris", "zip": "75010"}"#,
            "/0/address/zip",
            codes::UNKNOWN_FIELD,
            Severity::Warning,
        ),
        (
            "address",
            r#"{"postalCode": 75010}"#,
            "/0/address/postalCode",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "customerInfo",
            r#"{"id": 1, "mail": "x"}"#,
            "/0/customerInfo/mail",
            codes::UNKNOWN_FIELD,
            Severity::Warning,
        ),
        (
            "id",
            "879887",
            "/0/id",
            "READ_ONLY_FIELD",
            Severity::Warning,
        ),
        (
            "notes",
            "\"x\"",
            "/0/notes",
            codes::UNKNOWN_FIELD,
            Severity::Warning,
        ),
    ];
    for &(key, value, path, code, severity) in cases {
        let (_, issues) = run_with(&create_with(key, value), &at("create"));
        assert_eq!(single(&issues), (path, code, severity), "{key}: {value}");
        if severity == Severity::Error {
            assert_eq!(issues[0].vendor_code.as_deref(), Some("400"), "{key}");
        }
    }
}

#[test]
fn swapped_location_is_warned_about() {
    // Sydney written GeoJSON-style, [lon, lat].
    let (_, issues) = run(&create_with("location", "[151.2093, -33.8688]"));
    assert_eq!(
        warnings(&issues),
        vec![("/0/location", codes::COORDINATES_SWAPPED)]
    );
    assert_eq!(
        errors(&issues),
        vec![("/0/location/0", codes::OUT_OF_RANGE)]
    );
}

#[test]
fn create_body_rules() {
    let (_, issues) = run_with("[]", &at("create"));
    assert_eq!(single(&issues), ("", codes::EMPTY, Severity::Error));
    let (_, issues) = run_with(r#"{"alias": "x"}"#, &at("create"));
    assert_eq!(single(&issues), ("", codes::INVALID_TYPE, Severity::Error));
    let (_, issues) = run_with(r#"[{"alias": "no place"}]"#, &at("create"));
    assert_eq!(
        single(&issues),
        ("/0/location", codes::MISSING_FIELD, Severity::Warning)
    );
    let (_, issues) = run_with(
        r#"[{"location": [1, 2], "customerId": 5, "customerInfo": {"id": 6}}]"#,
        &at("create"),
    );
    assert_eq!(
        single(&issues),
        (
            "/0/customerId",
            codes::CONFLICTING_FIELDS,
            Severity::Warning
        )
    );
}

#[test]
fn all_problems_of_one_payload_are_reported() {
    let body = r#"[
        {"location": [48.87, 2.35], "type": 1},
        {"location": [2.35], "type": 5, "timeWindow": [600, 60], "oops": 1},
        "not an order",
        {"priority": "high", "serviceTime": -30}
    ]"#;
    let (_, issues) = run_with(body, &at("create"));
    assert_eq!(
        errors(&issues),
        vec![
            ("/1/location", codes::INVALID_FORMAT),
            ("/1/type", codes::UNKNOWN_ENUM_VALUE),
            ("/1/timeWindow", codes::WINDOW_INVERTED),
            ("/2", codes::INVALID_TYPE),
            ("/3/priority", codes::INVALID_TYPE),
            ("/3/serviceTime", codes::OUT_OF_RANGE),
        ]
    );
    assert_eq!(
        warnings(&issues),
        vec![
            ("/1/oops", codes::UNKNOWN_FIELD),
            ("/3/location", codes::MISSING_FIELD)
        ]
    );
}

#[test]
fn get_all_query_rules() {
    let cases: &[(&str, &str, &str, Severity)] = &[
        (
            r#"{"page": 0}"#,
            "/page",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            r#"{"per_page": "-5"}"#,
            "/per_page",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            r#"{"per_page": "ten"}"#,
            "/per_page",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            r#"{"page": 1.5}"#,
            "/page",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            r#"{"sort": "alias:asc,colour:desc"}"#,
            "/sort",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            r#"{"sort": "alias:up"}"#,
            "/sort",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            r#"{"sort": "alias"}"#,
            "/sort",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            r#"{"sort": "status:asc"}"#,
            "/sort",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            r#"{"sort": "id:asc,id:desc"}"#,
            "/sort",
            codes::DUPLICATE,
            Severity::Warning,
        ),
        (
            r#"{"includeColumns": "id,location"}"#,
            "/includeColumns",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            r#"{"includeColumns": ["id", "bogus"]}"#,
            "/includeColumns/1",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            r#"{"includeColumns": 5}"#,
            "/includeColumns",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            r#"{"type": "0:exact"}"#,
            "/type",
            codes::INVALID_FORMAT,
            Severity::Warning,
        ),
        (
            r#"{"orderState": "9"}"#,
            "/orderState",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Warning,
        ),
        (
            r#"{"priority": "urgent"}"#,
            "/priority",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Warning,
        ),
        (
            r#"{"city": ["Paris"]}"#,
            "/city",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            r#"{"page": 1, "limit": 10}"#,
            "/limit",
            codes::UNKNOWN_FIELD,
            Severity::Warning,
        ),
    ];
    for &(query, path, code, severity) in cases {
        let (_, issues) = run_with(query, &at("get_all"));
        assert_eq!(single(&issues), (path, code, severity), "{query}");
        if severity == Severity::Error {
            assert_eq!(issues[0].vendor_code.as_deref(), Some("400"), "{query}");
        }
    }
    let mut ck = Checker::new();
    let query = read_query(
        &parse(&fixture("get-all-query.json")).unwrap(),
        &Path::root(),
        &mut ck,
    )
    .unwrap();
    assert_eq!(ck.issues, vec![]);
    assert!(query.filters[0].exact && query.filters[0].value == "Magic");
    assert!(query.sort[1].descending && query.sort[1].column == "priority");
    assert_eq!(query.include_columns.len(), 6);
    assert_eq!((query.page, query.per_page), (Some(1), Some(50)));
    // Numbers are accepted where a number is meant, and written back as the URL would hold them.
    let json = serde_json::to_value(&query).unwrap();
    assert_eq!(json["alias"], "Magic:exact");
    assert_eq!(json["sort"], "timeWindowStart:asc,priority:desc");
}

#[test]
fn get_update_delete_rules() {
    let (_, issues) = run_with(r#"{"id": 0}"#, &at("get"));
    assert_eq!(
        single(&issues),
        ("/id", codes::OUT_OF_RANGE, Severity::Error)
    );
    let (_, issues) = run_with(r#""abc""#, &at("get"));
    assert_eq!(
        single(&issues),
        ("", codes::INVALID_FORMAT, Severity::Error)
    );
    let (_, issues) = run_with(r#"{"orderId": 5}"#, &at("get"));
    assert_eq!(errors(&issues), vec![("/id", codes::MISSING_FIELD)]);

    let (_, issues) = run_with(
        r#"{"query": {"autoAssignDepot": 2}, "body": {"alias": "x"}}"#,
        &at("update"),
    );
    assert_eq!(
        single(&issues),
        (
            "/query/autoAssignDepot",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error
        )
    );
    let (_, issues) = run_with(
        r#"{"query": {"autoAssignDepot": "0", "dry": 1}, "body": {"type": 3}}"#,
        &at("update"),
    );
    assert_eq!(
        errors(&issues),
        vec![("/body/type", codes::UNKNOWN_ENUM_VALUE)]
    );
    assert_eq!(
        warnings(&issues),
        vec![("/query/dry", codes::UNKNOWN_FIELD)]
    );

    let (_, issues) = run_with(r#"{"ids": []}"#, &at("delete"));
    assert_eq!(single(&issues), ("/ids", codes::EMPTY, Severity::Error));
    let (_, issues) = run_with(r#"{"ids": [78910, "78911", 0, 78910]}"#, &at("delete"));
    assert_eq!(
        errors(&issues),
        vec![
            ("/ids/1", codes::INVALID_TYPE),
            ("/ids/2", codes::OUT_OF_RANGE)
        ]
    );
    assert_eq!(warnings(&issues), vec![("/ids/3", codes::DUPLICATE)]);
    let (_, issues) = run_with(r#"{"id": [1]}"#, &at("delete"));
    assert_eq!(errors(&issues), vec![("/ids", codes::MISSING_FIELD)]);
    assert_eq!(warnings(&issues), vec![("/id", codes::UNKNOWN_FIELD)]);
}

#[test]
fn responses_are_lenient_but_need_ids() {
    let body = r#"{"orders": [
        {"id": 1, "state": 9, "newField": true, "alias": null},
        {"alias": "no id"}
    ], "total": 2}"#;
    let (_, issues) = run_with(body, &response("create"));
    assert_eq!(
        warnings(&issues),
        vec![("/orders/0/state", codes::UNKNOWN_ENUM_VALUE)]
    );
    assert_eq!(
        errors(&issues),
        vec![("/orders/1/id", codes::MISSING_FIELD)]
    );
    assert!(issues.iter().all(|i| i.vendor_code.is_none()));
    let (_, issues) = run_with(r#"{"items": []}"#, &response("get_all"));
    assert_eq!(
        single(&issues),
        ("/orders", codes::MISSING_FIELD, Severity::Error)
    );
    let (_, issues) = run_with(r#"{"message": 5}"#, &response("delete"));
    assert_eq!(
        single(&issues),
        ("/message", codes::INVALID_TYPE, Severity::Error)
    );
}

#[test]
fn http_error_meanings_per_endpoint() {
    assert!(magiclane::error_meaning("get_all", 400).is_some_and(|m| m.contains("per_page")));
    assert!(magiclane::error_meaning("delete", 404).is_some_and(|m| m.contains("does not exist")));
    assert!(magiclane::error_meaning("get", 404).is_some_and(|m| m.contains("not found")));
    assert!(magiclane::error_meaning("create", 401).is_some_and(|m| m.contains("API key")));
    assert!(magiclane::error_meaning("create", 400).is_some());
    assert_eq!(magiclane::error_meaning("create", 404), None);
    assert_eq!(magiclane::error_meaning("list", 400), None);
}

#[test]
fn typed_order_holds_the_values() {
    let mut ck = Checker::new();
    let text = fixture("create-request.json");
    let v = parse(&text).unwrap();
    let first = read_order(v.pointer("/0").unwrap(), &Path::root(), &mut ck).unwrap();
    assert_eq!(ck.issues, vec![]);
    assert_eq!(first.customer_id, Some(1_838_721));
    assert_eq!(first.order_type, Some(OrderType::Pickup));
    assert_eq!(first.state, Some(OrderState::OnRoute));
    let location = first.location.unwrap();
    assert_eq!((location.lat, location.lon), (48.870852, 2.356148));
    let window = first.time_window.unwrap();
    assert_eq!((window.start_min, window.end_min), (420.0, 1086.0));
    let json = serde_json::to_value(&first).unwrap();
    assert_eq!(json["location"], serde_json::json!([48.870852, 2.356148]));
    assert_eq!(json["timeWindow"], serde_json::json!([420, 1086]));
    assert_eq!(json["numberOfPackages"], 3);
    assert_eq!(json["type"], 0);
}

fn read_order_json(json: &str) -> (Option<magiclane::Order>, Vec<Issue>) {
    let mut ck = Checker::new();
    let v = parse(json).expect("generated JSON parses");
    let out = read_order(&v, &Path::root(), &mut ck);
    (out, ck.issues)
}

fn arb_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Zéü0-9 +,.\"\\\\]{0,16}").expect("regex")
}

prop_compose! {
    fn arb_order()(
        lat in -90.0f64..=90.0,
        lon in -180.0f64..=180.0,
        alias in proptest::option::of(arb_text()),
        city in proptest::option::of(arb_text()),
        line in proptest::option::of(arb_text()),
        enums in (0u8..2, 0u8..2, 0u8..6, 0u8..2),
        window in proptest::option::of((0u32..=1440, 0u32..=1440)),
        weight in proptest::option::of(0.0f64..1e4),
        revenue in proptest::option::of(-1e4f64..1e4),
        service in proptest::option::of(0u32..100_000),
        customer in proptest::option::of(1i64..10_000_000),
        extra in proptest::option::of(arb_text()),
    ) -> serde_json::Value {
        let mut o = serde_json::json!({
            "location": [lat, lon], "type": enums.0, "status": enums.1, "state": enums.2, "priority": enums.3,
        });
        let m = o.as_object_mut().expect("object");
        if let Some(a) = alias { m.insert("alias".into(), a.into()); }
        if city.is_some() || line.is_some() {
            let mut address = serde_json::Map::new();
            if let Some(c) = city { address.insert("city".into(), c.into()); }
            if let Some(l) = line { address.insert("extra".into(), l.into()); }
            m.insert("address".into(), address.into());
        }
        if let Some((a, b)) = window { m.insert("timeWindow".into(), serde_json::json!([a.min(b), a.max(b)])); }
        if let Some(w) = weight { m.insert("weight".into(), w.into()); }
        if let Some(r) = revenue { m.insert("revenue".into(), r.into()); }
        if let Some(s) = service { m.insert("serviceTime".into(), s.into()); }
        if let Some(c) = customer { m.insert("customerId".into(), c.into()); }
        if let Some(e) = extra { m.insert("zz".into(), e.into()); }
        o
    }
}

proptest! {
    #[test]
    fn order_round_trip(json in arb_order()) {
        let (first, issues) = read_order_json(&json.to_string());
        prop_assert!(issues.iter().all(|i| i.code == codes::UNKNOWN_FIELD), "{issues:#?}");
        let first = first.expect("object");
        let written = serde_json::to_string(&first).expect("serializes");
        let (second, _) = read_order_json(&written);
        prop_assert_eq!(Some(first), second);
    }

    #[test]
    fn any_sort_or_columns_text_is_judged_without_panicking(text in "\\PC{0,80}") {
        let text = serde_json::to_string(&text).unwrap();
        let _ = run_with(&format!(r#"{{"sort": {text}, "includeColumns": {text}, "page": {text}, "alias": {text}}}"#), &at("get_all"));
        let _ = run_with(&text, &at("get"));
    }
}

/// Native speed of one order, parse + validate and validate alone. Run with
/// `cargo test --release --test vendor_magiclane -- --ignored --nocapture`; prints the median of 11
/// runs (the machine is shared, so single runs are noisy).
#[test]
#[ignore = "timing; run in release with --nocapture"]
fn speed_per_order() {
    use std::time::Instant;
    let text = fixture("create-lyon.json");
    let parsed = parse(&text).unwrap();
    let options = ValidateOptions::default();
    let v = vendor("magiclane").unwrap();
    let median = |f: &dyn Fn()| {
        let n = 20_000;
        let mut runs: Vec<f64> = (0..11)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..n {
                    f();
                }
                start.elapsed().as_secs_f64() * 1e6 / f64::from(n)
            })
            .collect();
        runs.sort_by(f64::total_cmp);
        runs[5]
    };
    let parse_and_validate = median(&|| {
        let payload = parse(std::hint::black_box(&text)).unwrap();
        let mut ck = Checker::new();
        std::hint::black_box(v.validate(&payload, &options, &mut ck));
    });
    let validate_only = median(&|| {
        let mut ck = Checker::new();
        std::hint::black_box(v.validate(std::hint::black_box(&parsed), &options, &mut ck));
    });
    println!(
        "magiclane create-lyon.json ({} bytes): parse+validate {parse_and_validate:.2} µs, validate {validate_only:.2} µs (median of 11)",
        text.len()
    );
}
