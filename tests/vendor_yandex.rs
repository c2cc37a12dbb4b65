//! Yandex Courier add-order: the document's examples validate; each documented rule, broken,
//! gives its code at its path; typed values round-trip.

use orderbridge::check::Checker;
use orderbridge::issue::{codes, Issue, Severity};
use orderbridge::json::{parse, Path, Value};
use orderbridge::vendor::yandex::model::{OrderStatus, PaymentType};
use orderbridge::vendor::yandex::{self, read_order, read_record};
use orderbridge::vendor::{vendor, ValidateOptions, Validated};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/yandex/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run_with(json: &str, options: &ValidateOptions) -> (Option<Validated>, Vec<Issue>) {
    let payload = parse(json).expect("test JSON");
    let mut ck = Checker::new();
    let out = vendor("yandex")
        .expect("yandex is registered")
        .validate(&payload, options, &mut ck);
    (out, ck.issues)
}

fn run(json: &str) -> (Option<Validated>, Vec<Issue>) {
    run_with(json, &ValidateOptions::default())
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

const MINIMAL: &str = r#"{"number": "A-1", "address": "Moscow, Tverskaya 1", "lat": 55.757, "lon": 37.615, "route_id": 4512, "time_interval": "10:00-14:00"}"#;

/// The minimal valid order with one field replaced or added.
fn order_with(key: &str, value: &str) -> String {
    let mut base = parse(MINIMAL).unwrap().into_owned();
    if let Value::Object(o) = &mut base {
        o.set(key.to_owned(), parse(value).unwrap().into_owned());
    }
    base.to_json()
}

fn single(issues: &[Issue]) -> (&str, &str, Severity) {
    assert_eq!(issues.len(), 1, "{issues:#?}");
    (
        issues[0].path.as_str(),
        issues[0].code.as_ref(),
        issues[0].severity,
    )
}

#[test]
fn documented_request_example_validates_with_its_precedence_warnings() {
    let (out, issues) = run(&fixture("add-order-request.json"));
    assert_eq!(errors(&issues), vec![]);
    // The example sets both members of each precedence pair.
    assert_eq!(
        warnings(&issues),
        vec![
            ("/route_id", codes::CONFLICTING_FIELDS),
            ("/shared_with_company_ids", codes::CONFLICTING_FIELDS)
        ]
    );
    assert!(issues[0].message.contains("uses `route_number`"));
    assert_eq!(
        out,
        Some(Validated {
            kind: "add_order".into(),
            inferred: true
        })
    );
}

#[test]
fn own_examples_validate_without_issues() {
    let (out, issues) = run(&fixture("add-order-minimal.json"));
    assert_eq!(issues, vec![]);
    assert_eq!(out.unwrap().kind, "add_order");
    let (_, issues) = run(MINIMAL);
    assert_eq!(issues, vec![]);
}

#[test]
fn documented_response_example_validates() {
    let (out, issues) = run(&fixture("add-order-response.json"));
    assert_eq!(issues, vec![]);
    assert_eq!(
        out,
        Some(Validated {
            kind: "add_order.response".into(),
            inferred: true
        })
    );
    let mut ck = Checker::new();
    let record = read_record(
        &parse(&fixture("add-order-response.json")).unwrap(),
        &Path::root(),
        &mut ck,
    )
    .unwrap();
    let history = record.history.unwrap();
    assert_eq!(history[0].event.as_deref(), Some("ORDER_VISIT"));
    assert_eq!(history[0].used_mark_delivered_radius, Some(500.0));
    assert_eq!(
        history[1].source.as_ref().unwrap().initiator.as_deref(),
        Some("app")
    );
    assert_eq!(
        record.status_log.unwrap()[0].status,
        Some(OrderStatus::Finished)
    );
    assert_eq!(record.time_interval_secs, Some(vec![36_000.0, 50_400.0]));
    assert_eq!(
        record.shared_with_companies.unwrap()[0].number.as_deref(),
        Some("PARTNER-7")
    );

    // Given explicitly, the response kind is not inferred.
    let options = ValidateOptions {
        endpoint: Some("add_order".into()),
        response: true,
        ..Default::default()
    };
    let (out, _) = run_with(r#"{"id": 1, "number": "A"}"#, &options);
    assert_eq!(
        out,
        Some(Validated {
            kind: "add_order.response".into(),
            inferred: false
        })
    );
}

#[test]
fn required_fields_are_all_reported_with_the_vendor_status() {
    let (_, issues) = run("{}");
    assert_eq!(
        errors(&issues),
        vec![
            ("/address", codes::MISSING_FIELD),
            ("/lat", codes::MISSING_FIELD),
            ("/lon", codes::MISSING_FIELD),
            ("/number", codes::MISSING_FIELD),
            ("/time_interval", codes::MISSING_FIELD),
            ("/route_id", codes::MISSING_FIELD),
        ]
    );
    assert!(issues
        .iter()
        .all(|i| i.vendor_code.as_deref() == Some("422")));
    // route_number alone satisfies the route rule.
    let mut o = parse(MINIMAL).unwrap().into_owned();
    if let Value::Object(o) = &mut o {
        o.remove("route_id");
        o.set("route_number", Value::str("R-7"));
    }
    let (_, issues) = run(&o.to_json());
    assert_eq!(issues, vec![]);
}

#[test]
fn each_field_rule_reports_its_code_and_path() {
    let long = |n: usize| format!("\"{}\"", "я".repeat(n));
    let cases: Vec<(&str, String, &str, &str, Severity)> = vec![
        (
            "number",
            long(81),
            "/number",
            codes::TOO_LONG,
            Severity::Error,
        ),
        (
            "customer_name",
            long(1024),
            "/customer_name",
            codes::TOO_LONG,
            Severity::Error,
        ),
        (
            "customer_number",
            long(129),
            "/customer_number",
            codes::TOO_LONG,
            Severity::Error,
        ),
        (
            "description",
            long(1024),
            "/description",
            codes::TOO_LONG,
            Severity::Error,
        ),
        (
            "address",
            "null".into(),
            "/address",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "amount",
            "-0.01".into(),
            "/amount",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "mark_delivered_radius",
            "10000.5".into(),
            "/mark_delivered_radius",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "mark_delivered_radius",
            "-1".into(),
            "/mark_delivered_radius",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "payment_type",
            "\"bitcoin\"".into(),
            "/payment_type",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "payment_type",
            "\"yandex_pay\"".into(),
            "/payment_type",
            "RESERVED_VALUE",
            Severity::Warning,
        ),
        (
            "payment_status",
            "\"refunded\"".into(),
            "/payment_status",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "status",
            "\"done\"".into(),
            "/status",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "status",
            "null".into(),
            "/status",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "type",
            "\"courier\"".into(),
            "/type",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "eta_type",
            "\"soon\"".into(),
            "/eta_type",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "notifications",
            r#"[{"type": "sms"}]"#.into(),
            "/notifications/0/type",
            codes::UNKNOWN_ENUM_VALUE,
            Severity::Error,
        ),
        (
            "notifications",
            r#"[{"type": "before_arrival", "at": 5}]"#.into(),
            "/notifications/0/at",
            codes::UNKNOWN_FIELD,
            Severity::Warning,
        ),
        (
            "notifications",
            r#"{"type": "before_arrival"}"#.into(),
            "/notifications",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "time_interval",
            "\"10:00-25:00\"".into(),
            "/time_interval",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            "time_interval",
            "\"2018-09-06T10:15:00/2018-09-06T12:45:00\"".into(),
            "/time_interval",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            "time_interval",
            "\"2018-09-06T12:45:00+03:00/2018-09-06T10:15:00+03:00\"".into(),
            "/time_interval",
            codes::WINDOW_INVERTED,
            Severity::Error,
        ),
        (
            "lat",
            "-190.5".into(),
            "/lat",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "lon",
            "\"37.6\"".into(),
            "/lon",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "refined_lon",
            "-180.1".into(),
            "/refined_lon",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "route_id",
            "4512.5".into(),
            "/route_id",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "route_number",
            "7".into(),
            "/route_number",
            codes::INVALID_TYPE,
            Severity::Warning,
        ),
        (
            "service_duration_s",
            "-600".into(),
            "/service_duration_s",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "shared_service_duration_s",
            "1.5".into(),
            "/shared_service_duration_s",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "volume",
            "-1".into(),
            "/volume",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "weight",
            "\"7 kg\"".into(),
            "/weight",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "shared_with_company_ids",
            "[1, \"2\"]".into(),
            "/shared_with_company_ids/1",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "shared_with_company_numbers",
            "[\"P\", 2]".into(),
            "/shared_with_company_numbers/1",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "show_yandex_pay_button",
            "\"yes\"".into(),
            "/show_yandex_pay_button",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "company_idd",
            "1".into(),
            "/company_idd",
            codes::UNKNOWN_FIELD,
            Severity::Warning,
        ),
    ];
    for (key, value, path, code, severity) in &cases {
        let (_, issues) = run(&order_with(key, value));
        if *key == "route_number" {
            // The type error plus the precedence warning (route_id is there too).
            assert_eq!(errors(&issues), vec![(*path, codes::INVALID_TYPE)]);
            continue;
        }
        assert_eq!(single(&issues), (*path, *code, *severity), "{key}: {value}");
        if *severity == Severity::Error {
            assert_eq!(issues[0].vendor_code.as_deref(), Some("422"), "{key}");
        }
    }
}

#[test]
fn limits_are_inclusive_and_count_characters() {
    let long = |n: usize| format!("\"{}\"", "я".repeat(n));
    for (key, value) in [
        ("number", long(80)),
        ("customer_name", long(1023)),
        ("customer_number", long(128)),
        ("description", long(1023)),
        ("amount", "0".into()),
        ("mark_delivered_radius", "0".into()),
        ("mark_delivered_radius", "10000".into()),
        ("mark_delivered_radius", "null".into()),
        ("payment_type", "null".into()),
        ("payment_status", "null".into()),
        ("eta_type", "null".into()),
        ("eta_type", "\"delivery_time\"".into()),
        ("status", "\"partially_finished\"".into()),
        ("type", "\"drop_off\"".into()),
        ("time_interval", "\"9 - 18\"".into()),
        ("time_interval", "\"10:00:00-14:30:00\"".into()),
    ] {
        let (_, issues) = run(&order_with(key, &value));
        assert_eq!(issues, vec![], "{key}: {value}");
    }
}

#[test]
fn enum_messages_help() {
    let (_, issues) = run(&order_with("payment_type", "\"Cash\""));
    assert!(
        issues[0].message.contains("did you mean \"cash\""),
        "{}",
        issues[0].message
    );
    let (_, issues) = run(&order_with("time_interval", "\"10.00-14.00\""));
    assert!(
        issues[0].message.contains("10:00-14:00"),
        "{}",
        issues[0].message
    );
}

#[test]
fn precedence_rules_are_warnings() {
    let mut o = parse(MINIMAL).unwrap().into_owned();
    if let Value::Object(o) = &mut o {
        o.set("route_number", Value::str("R-1"));
        o.set("shared_with_company_ids", parse("[1]").unwrap());
        o.set("shared_with_company_numbers", parse("[\"N\"]").unwrap());
    }
    let (_, issues) = run(&o.to_json());
    assert_eq!(errors(&issues), vec![]);
    assert_eq!(
        warnings(&issues),
        vec![
            ("/route_id", codes::CONFLICTING_FIELDS),
            ("/shared_with_company_ids", codes::CONFLICTING_FIELDS)
        ]
    );
}

#[test]
fn swapped_coordinates_are_flagged() {
    let (_, issues) = run(
        r#"{"number": "A", "address": "Sydney", "lat": 151.2093, "lon": -33.8688, "route_id": 1, "time_interval": "9-18"}"#,
    );
    assert_eq!(
        warnings(&issues),
        vec![("/lat", codes::COORDINATES_SWAPPED)]
    );
    assert_eq!(errors(&issues), vec![("/lat", codes::OUT_OF_RANGE)]);
}

#[test]
fn all_problems_of_one_payload_are_reported() {
    let payload = r#"{
        "address": 12,
        "lat": 55.7, "lon": 200,
        "number": "",
        "time_interval": "morning",
        "payment_type": "card",
        "amount": -5,
        "status": "lost",
        "extra_field": 1
    }"#;
    let (_, issues) = run(payload);
    assert_eq!(
        errors(&issues),
        vec![
            ("/address", codes::INVALID_TYPE),
            ("/time_interval", codes::INVALID_FORMAT),
            ("/amount", codes::OUT_OF_RANGE),
            ("/status", codes::UNKNOWN_ENUM_VALUE),
            ("/lon", codes::OUT_OF_RANGE),
            ("/route_id", codes::MISSING_FIELD),
        ]
    );
    assert_eq!(
        warnings(&issues),
        vec![("/extra_field", codes::UNKNOWN_FIELD)]
    );
}

#[test]
fn responses_are_lenient() {
    let (out, issues) = run(r#"{
        "id": 5, "company_id": 7, "number": "A", "comments": null, "brand_new_field": [1],
        "status": "archived",
        "history": [{"event": "COURIER_TELEPORTED", "timestamp": 1, "source": {"initiator": "robot"}}],
        "shared_with_companies": [{"name": "no number"}],
        "time_interval_secs": [-1]
    }"#);
    assert_eq!(out.unwrap().kind, "add_order.response");
    assert_eq!(
        warnings(&issues),
        vec![
            ("/status", codes::UNKNOWN_ENUM_VALUE),
            ("/history/0/event", codes::UNKNOWN_ENUM_VALUE),
            ("/history/0/source/initiator", codes::UNKNOWN_ENUM_VALUE),
        ]
    );
    assert_eq!(
        errors(&issues),
        vec![
            ("/shared_with_companies/0/number", codes::MISSING_FIELD),
            ("/time_interval_secs/0", codes::OUT_OF_RANGE),
        ]
    );
    // Responses are not tagged with the request status 422.
    assert!(issues.iter().all(|i| i.vendor_code.is_none()));
}

#[test]
fn unknown_endpoint_and_non_objects() {
    let (out, issues) = run_with(
        "{}",
        &ValidateOptions {
            endpoint: Some("add_orders".into()),
            ..Default::default()
        },
    );
    assert_eq!(out, None);
    assert_eq!(single(&issues), ("", "UNKNOWN_ENDPOINT", Severity::Error));
    assert!(issues[0].message.contains("\"add_order\""));
    let (out, issues) = run("5");
    assert_eq!(out, None);
    assert_eq!(single(&issues), ("", codes::INVALID_TYPE, Severity::Error));
    // A list is the batch form (a JSON array of add-order bodies), so an empty one is EMPTY
    // rather than a type error.
    let (out, issues) = run("[]");
    assert_eq!(out.map(|v| v.kind), Some("add_order_batch".to_string()));
    assert_eq!(single(&issues), ("", codes::EMPTY, Severity::Error));
}

#[test]
fn http_error_meanings() {
    assert!(yandex::error_meaning(504).is_some_and(|m| m.contains("repeat the request")));
    assert!(yandex::error_meaning(401).is_some_and(|m| m.contains("OAuth")));
    assert!(yandex::error_meaning(422).is_some_and(|m| m.contains("incorrect input")));
    assert!(yandex::error_meaning(403).is_some());
    assert_eq!(yandex::error_meaning(418), None);
}

#[test]
fn typed_order_holds_the_values() {
    let mut ck = Checker::new();
    let order = read_order(
        &parse(&fixture("add-order-request.json")).unwrap(),
        &Path::root(),
        &mut ck,
    )
    .unwrap();
    assert_eq!(order.number, "ORD-2019-0001");
    assert_eq!(order.fields.payment_type, Some(PaymentType::Cash));
    assert_eq!(order.fields.mark_delivered_radius, None);
    assert_eq!(order.fields.notifications.as_ref().map(Vec::len), Some(1));
    let json = serde_json::to_value(&order).unwrap();
    assert_eq!(json["type"], "delivery");
    assert_eq!(json["amount"], serde_json::json!(1490.5));
    assert_eq!(json["service_duration_s"], 600);
}

fn read_order_json(json: &str) -> (Option<yandex::Order<'static>>, Vec<Issue>) {
    let mut ck = Checker::new();
    let v = parse(json).expect("generated JSON parses");
    let out = read_order(&v, &Path::root(), &mut ck);
    (out, ck.issues)
}

fn arb_text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[a-zA-Zа-я0-9 ,.\"\\\\-]{{0,{max}}}")).expect("regex")
}

fn arb_interval() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..24, 0u32..60, 0u32..24, 0u32..60)
            .prop_map(|(a, b, c, d)| format!("{a:02}:{b:02} - {c:02}:{d:02}")),
        (0u32..24, 0u32..24).prop_map(|(a, b)| format!("{a}-{b}")),
        (1u32..28, 0u32..12, 1u32..5, -12i32..14).prop_map(|(day, h, len, off)| {
            let sign = if off < 0 { '-' } else { '+' };
            format!(
                "2024-03-{day:02}T{h:02}:00:00{sign}{:02}:00/2024-03-{day:02}T{:02}:30:00{sign}{:02}:00",
                off.abs(),
                h + len,
                off.abs()
            )
        }),
    ]
}

prop_compose! {
    fn arb_order()(
        number in arb_text(80),
        address in arb_text(40),
        lat in -90.0f64..=90.0,
        lon in -180.0f64..=180.0,
        interval in arb_interval(),
        by_number in any::<bool>(),
        amount in proptest::option::of(0.0f64..1e7),
        radius in proptest::option::of(proptest::option::of(0.0f64..=10_000.0)),
        payment in proptest::option::of(prop_oneof![Just("cash"), Just("card"), Just("prepaid")]),
        status in proptest::option::of(prop_oneof![Just("new"), Just("confirmed"), Just("postponed")]),
        service in proptest::option::of(0u32..7200),
        ids in proptest::option::of(proptest::collection::vec(1i64..1_000_000, 0..3)),
        notify in any::<bool>(),
        extra in proptest::option::of(arb_text(10)),
    ) -> serde_json::Value {
        let mut o = serde_json::json!({
            "number": number, "address": address, "lat": lat, "lon": lon, "time_interval": interval,
        });
        let m = o.as_object_mut().expect("object");
        if by_number { m.insert("route_number".into(), "R-1".into()); } else { m.insert("route_id".into(), 7.into()); }
        if let Some(a) = amount { m.insert("amount".into(), a.into()); }
        if let Some(r) = radius { m.insert("mark_delivered_radius".into(), r.map_or(serde_json::Value::Null, Into::into)); }
        if let Some(p) = payment { m.insert("payment_type".into(), p.into()); }
        if let Some(s) = status { m.insert("status".into(), s.into()); }
        if let Some(s) = service { m.insert("service_duration_s".into(), s.into()); }
        if let Some(ids) = ids { m.insert("shared_with_company_ids".into(), ids.into()); }
        if notify { m.insert("notifications".into(), serde_json::json!([{"type": "before_arrival"}])); }
        if let Some(e) = extra { m.insert("x_custom".into(), e.into()); }
        o
    }
}

proptest! {
    #[test]
    fn order_round_trip(json in arb_order()) {
        let (first, issues) = read_order_json(&json.to_string());
        prop_assert!(issues.iter().all(|i| i.code == codes::UNKNOWN_FIELD), "{issues:#?}");
        let first = first.expect("valid order");
        let written = serde_json::to_string(&first).expect("serializes");
        let (second, _) = read_order_json(&written);
        prop_assert_eq!(Some(first), second);
    }

    #[test]
    fn any_time_interval_text_is_judged_without_panicking(text in "\\PC{0,60}") {
        let _ = run(&order_with("time_interval", &serde_json::to_string(&text).unwrap()));
    }
}

/// Native speed of one order, parse + validate and validate alone. Run with
/// `cargo test --release --test vendor_yandex -- --ignored --nocapture`; prints the median of 11
/// runs (the machine is shared, so single runs are noisy).
#[test]
#[ignore = "timing; run in release with --nocapture"]
fn speed_per_order() {
    use std::time::Instant;
    let text = fixture("add-order-request.json");
    let parsed = parse(&text).unwrap();
    let options = ValidateOptions::default();
    let v = vendor("yandex").unwrap();
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
        "yandex add-order-request.json ({} bytes): parse+validate {parse_and_validate:.2} µs, validate {validate_only:.2} µs (median of 11)",
        text.len()
    );
}
