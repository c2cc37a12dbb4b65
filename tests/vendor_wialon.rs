//! Wialon `order/update`: the documents' examples validate; each documented rule, broken, gives
//! its code at its path; typed values round-trip.

use orderbridge::check::Checker;
use orderbridge::issue::{codes, Issue, Severity};
use orderbridge::json::{parse, Path, Value};
use orderbridge::vendor::wialon::model::{DependencyForm, OrderStatus};
use orderbridge::vendor::wialon::{self, read_order, read_params, read_response, Response};
use orderbridge::vendor::{vendor, ValidateOptions, Validated};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/wialon/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run_value(payload: &Value, options: &ValidateOptions) -> (Option<Validated>, Vec<Issue>) {
    let mut ck = Checker::new();
    let out = vendor("wialon")
        .expect("wialon is registered")
        .validate(payload, options, &mut ck);
    (out, ck.issues)
}

fn run_with(json: &str, options: &ValidateOptions) -> (Option<Validated>, Vec<Issue>) {
    run_value(&parse(json).expect("test JSON"), options)
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

/// A valid create params object with one field replaced or added.
fn create_with(key: &str, value: &str) -> String {
    let mut base = parse(r#"{"itemId": 734455, "id": 0, "n": "Order", "y": 53.9, "x": 27.56, "tf": 1718006400, "tt": 1718020800, "callMode": "create"}"#)
        .unwrap()
        .into_owned();
    if let Value::Object(o) = &mut base {
        o.set(key.to_owned(), parse(value).unwrap().into_owned());
    }
    base.to_json()
}

/// The only issue, asserting there is exactly one.
fn single(issues: &[Issue]) -> (&str, &str, Severity) {
    assert_eq!(issues.len(), 1, "{issues:#?}");
    (
        issues[0].path.as_str(),
        issues[0].code.as_ref(),
        issues[0].severity,
    )
}

#[test]
fn documented_examples_validate_without_issues() {
    let cases = [
        ("create-params.json", "order/update:create"),
        ("create-params-older-doc.json", "order/update:create"),
        ("update-params.json", "order/update:update"),
        ("delete-params.json", "order/update:delete"),
        ("register-params.json", "order/update:register"),
        ("assign-params.json", "order/update:assign"),
        ("reject-params.json", "order/update:reject"),
        ("confirm-params.json", "order/update:confirm"),
        ("create-envelope.json", "order/update:create"),
        ("create-response.json", "order/update:create.response"),
        ("update-response.json", "order/update:update.response"),
        ("delete-response.json", "order/update:delete.response"),
        ("done-response.json", "order/update.response"),
    ];
    for (name, kind) in cases {
        let (out, issues) = run(&fixture(name));
        assert_eq!(issues, vec![], "{name}");
        let out = out.unwrap_or_else(|| panic!("{name} not recognised"));
        assert_eq!(out.kind, kind, "{name}");
        assert!(
            out.inferred,
            "{name}: no endpoint option, so the kind is inferred"
        );
    }
}

#[test]
fn endpoint_and_call_mode_options_are_honoured() {
    let options = ValidateOptions {
        endpoint: Some("order/update".into()),
        call_mode: Some("create".into()),
        response: false,
    };
    let (out, issues) = run_with(&fixture("create-params.json"), &options);
    assert_eq!(issues, vec![]);
    assert_eq!(
        out,
        Some(Validated {
            kind: "order/update:create".into(),
            inferred: false
        })
    );

    let (out, issues) = run_with(
        "{}",
        &ValidateOptions {
            endpoint: Some("order/list".into()),
            ..Default::default()
        },
    );
    assert_eq!(out, None);
    assert_eq!(single(&issues).1, "UNKNOWN_ENDPOINT");
    assert!(issues[0].message.contains("\"order/update\""));

    let (out, issues) = run_with(
        &fixture("create-params.json"),
        &ValidateOptions {
            call_mode: Some("Create".into()),
            ..Default::default()
        },
    );
    assert_eq!(out, None);
    assert_eq!(
        single(&issues),
        ("", codes::INVALID_OPTION, Severity::Error)
    );
}

#[test]
fn both_document_versions_read_into_the_same_types() {
    let mut ck = Checker::new();
    let newer = read_params(
        &parse(&fixture("create-params.json")).unwrap(),
        &Path::root(),
        &mut ck,
    )
    .unwrap();
    let older = read_params(
        &parse(&fixture("create-params-older-doc.json")).unwrap(),
        &Path::root(),
        &mut ck,
    )
    .unwrap();
    assert_eq!(ck.issues, vec![]);
    let (np, op) = (newer.core.props.unwrap(), older.core.props.unwrap());
    // v/w: text in the newer document, numbers in the older.
    assert_eq!((np.volume, np.weight_kg), (Some(0.25), Some(12.5)));
    assert_eq!((op.volume, op.weight_kg), (Some(2.0), Some(40.0)));
    // p.r: "<uint>" text in the newer, numbers in the older.
    let (nr, or) = (np.route.unwrap(), op.route.unwrap());
    assert_eq!(
        (nr.route_id, nr.index, nr.visit_time),
        (Some(12), Some(2), Some(1_718_013_600))
    );
    assert_eq!(
        (or.route_id, or.index, or.visit_time),
        (Some(12), Some(3), Some(1_718_014_500))
    );
    // dp: array of texts in the newer, text holding an array in the older.
    let (nd, od) = (
        newer.core.dependencies.unwrap(),
        older.core.dependencies.unwrap(),
    );
    assert_eq!((nd.ids, nd.form), (vec![1041], DependencyForm::Texts));
    assert_eq!((od.ids, od.form), (vec![1040, 1041], DependencyForm::Text));
    let cf = older.core.custom_fields.unwrap().0;
    assert_eq!(cf[1], ("intercom".to_string(), "43K".to_string()));
}

#[test]
fn writes_back_the_vendor_json() {
    let mut ck = Checker::new();
    let params = read_params(
        &parse(&fixture("create-params-older-doc.json")).unwrap(),
        &Path::root(),
        &mut ck,
    )
    .unwrap();
    let json = serde_json::to_value(&params).unwrap();
    // Requests carry v/w as text (VENDOR-FACTS), dp in the form it came in.
    assert_eq!(json["p"]["v"], "2");
    assert_eq!(json["p"]["w"], "40");
    assert_eq!(json["dp"], "[1040,1041]");
    assert_eq!(json["y"], serde_json::json!(53.9085));
    assert_eq!(json["callMode"], "create");
    assert_eq!(json["cf"]["floor"], "3");
}

#[test]
fn form_text_is_decoded_like_the_server_does() {
    let text = fixture("create-form.txt");
    let (out, issues) = run_value(&Value::str(text.as_str()), &ValidateOptions::default());
    assert_eq!(issues, vec![]);
    assert_eq!(out.unwrap().kind, "order/update:create");

    // Percent-encoded, as URLSearchParams / encodeURIComponent produce it.
    let encoded = "svc=order%2Fupdate&params=%7B%22itemId%22%3A1%2C%22id%22%3A0%2C%22y%22%3A53.9%2C%22x%22%3A27.5%2C%22n%22%3A%22A+B%22%2C%22callMode%22%3A%22create%22%7D&sid=abc";
    let (_, issues) = run_value(&Value::str(encoded), &ValidateOptions::default());
    assert_eq!(issues, vec![]);

    // A whole URL, with problems inside params reported under /params.
    let url = r#"https://hst-api.wialon.com/wialon/ajax.html?svc=order/update&params={"itemId":1,"id":0,"y":95,"x":127.5,"callMode":"create"}"#;
    let (_, issues) = run_value(&Value::str(url), &ValidateOptions::default());
    assert_eq!(errors(&issues), vec![("/params/y", codes::OUT_OF_RANGE)]);
    assert_eq!(issues[0].vendor_code.as_deref(), Some("4"));
}

#[test]
fn form_text_problems_never_echo_the_session_id() {
    let sid = "5ecre7se55i0n1d0000000000000000";
    let cases = [
        format!("svc=order/update&params={{\"itemId\":1,broken&sid={sid}"),
        format!("svc=order/route_update&params={{}}&sid={sid}&extra=1"),
        format!("sid={sid}"),
        format!("svc=order/update&params=%FF%FE&sid={sid}"),
    ];
    for text in cases {
        let (_, issues) = run_value(&Value::str(text.as_str()), &ValidateOptions::default());
        assert!(!issues.is_empty(), "{text}");
        for issue in &issues {
            assert!(!issue.message.contains(sid), "{}", issue.message);
            assert!(!issue.path.contains(sid), "{}", issue.path);
        }
    }
    let (_, issues) = run_value(
        &Value::str(format!("sid={sid}").as_str()),
        &ValidateOptions::default(),
    );
    assert_eq!(
        errors(&issues),
        vec![
            ("/svc", codes::MISSING_FIELD),
            ("/params", codes::MISSING_FIELD)
        ]
    );
}

#[test]
fn raw_plus_in_form_params_is_flagged() {
    let text = r#"svc=order/update&params={"itemId":1,"id":0,"y":53.9,"x":27.5,"p":{"p":"+375291234567"},"callMode":"create"}"#;
    let (_, issues) = run_value(&Value::str(text), &ValidateOptions::default());
    assert_eq!(
        single(&issues),
        ("/params", codes::INVALID_FORMAT, Severity::Warning)
    );
    assert!(issues[0].message.contains("encodeURIComponent"));
}

#[test]
fn envelope_needs_the_order_update_service() {
    let (_, issues) = run(
        r#"{"svc": "order/route_update", "params": {"itemId": 1, "id": 5, "callMode": "register"}, "sid": "x"}"#,
    );
    assert_eq!(errors(&issues), vec![("/svc", codes::UNKNOWN_ENUM_VALUE)]);
    let (_, issues) = run(r#"{"svc": "order/update"}"#);
    assert_eq!(errors(&issues), vec![("/params", codes::MISSING_FIELD)]);
    // params as JSON text inside the envelope.
    let (out, issues) = run(
        r#"{"svc": "order/update", "params": "{\"itemId\":1,\"id\":7,\"callMode\":\"confirm\"}"}"#,
    );
    assert_eq!(issues, vec![]);
    assert_eq!(out.unwrap().kind, "order/update:confirm");
    let (_, issues) = run(r#"{"svc": "order/update", "params": "{\"itemId\":1,"}"#);
    assert_eq!(errors(&issues), vec![("/params", codes::INVALID_FORMAT)]);
}

#[test]
fn call_mode_rules() {
    // callMode is required (Wialon answers error 4, invalid call mode); the id tells the mode.
    let (out, issues) = run(r#"{"itemId": 1, "id": 12, "n": "x"}"#);
    assert_eq!(
        single(&issues),
        ("/callMode", codes::MISSING_FIELD, Severity::Error)
    );
    assert_eq!(issues[0].vendor_code.as_deref(), Some("4"));
    assert_eq!(
        out,
        Some(Validated {
            kind: "order/update:update".into(),
            inferred: true
        })
    );
    let (_, issues) = run(r#"{"itemId": 1, "id": 0, "callMode": "make"}"#);
    assert_eq!(errors(&issues)[0], ("/callMode", codes::UNKNOWN_ENUM_VALUE));

    // create: id 0, and the order point.
    let (_, issues) = run(r#"{"itemId": 1, "id": 77, "y": 53.9, "x": 27.5, "callMode": "create"}"#);
    assert_eq!(errors(&issues), vec![("/id", codes::CONFLICTING_FIELDS)]);
    let (_, issues) = run(r#"{"itemId": 1, "callMode": "create"}"#);
    assert_eq!(
        errors(&issues),
        vec![("/y", codes::MISSING_FIELD), ("/x", codes::MISSING_FIELD)]
    );

    // update: an existing id.
    let (_, issues) = run(r#"{"itemId": 1, "id": 0, "callMode": "update"}"#);
    assert_eq!(errors(&issues), vec![("/id", codes::OUT_OF_RANGE)]);
    let (_, issues) = run(r#"{"itemId": 1, "callMode": "update"}"#);
    assert_eq!(errors(&issues), vec![("/id", codes::MISSING_FIELD)]);

    // delete: itemId and id; force only here; content ignored.
    let (_, issues) = run(r#"{"callMode": "delete", "force": 1}"#);
    assert_eq!(
        errors(&issues),
        vec![
            ("/itemId", codes::MISSING_FIELD),
            ("/id", codes::MISSING_FIELD)
        ]
    );
    let (_, issues) = run(r#"{"itemId": 1, "id": 5, "callMode": "delete", "force": -1, "n": "x"}"#);
    assert_eq!(errors(&issues), vec![("/force", codes::OUT_OF_RANGE)]);
    assert_eq!(warnings(&issues), vec![("/n", codes::CONFLICTING_FIELDS)]);
    let (_, issues) = run(&create_with("force", "1"));
    assert_eq!(
        single(&issues),
        ("/force", codes::CONFLICTING_FIELDS, Severity::Warning)
    );

    // assign needs u.
    let (_, issues) = run(r#"{"itemId": 1, "id": 5, "callMode": "assign"}"#);
    assert_eq!(errors(&issues), vec![("/u", codes::MISSING_FIELD)]);

    // register/reject/confirm: itemId and id.
    for mode in ["register", "reject", "confirm"] {
        let (out, issues) = run(&format!(r#"{{"id": 5, "callMode": "{mode}", "y": 53.9}}"#));
        assert_eq!(
            errors(&issues),
            vec![("/itemId", codes::MISSING_FIELD)],
            "{mode}"
        );
        assert_eq!(
            warnings(&issues),
            vec![("/y", codes::CONFLICTING_FIELDS)],
            "{mode}"
        );
        assert_eq!(out.unwrap().kind, format!("order/update:{mode}"));
    }

    // The payload's callMode wins over the option, which is then reported.
    let (_, issues) = run_with(
        &fixture("assign-params.json"),
        &ValidateOptions {
            call_mode: Some("reject".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        errors(&issues),
        vec![("/callMode", codes::CONFLICTING_FIELDS)]
    );
}

#[test]
fn each_field_rule_reports_its_code_and_path() {
    let cases: &[(&str, &str, &str, &str, Severity)] = &[
        (
            "itemId",
            "0",
            "/itemId",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        ("id", "-1", "/id", codes::OUT_OF_RANGE, Severity::Error),
        ("n", "5", "/n", codes::INVALID_TYPE, Severity::Error),
        (
            "oldOrderFiles",
            "[\"a\", 2]",
            "/oldOrderFiles/1",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "p",
            r#"{"v": "abc"}"#,
            "/p/v",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            "p",
            r#"{"w": "12,5"}"#,
            "/p/w",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            "p",
            r#"{"w": -3}"#,
            "/p/w",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "p",
            r#"{"v": true}"#,
            "/p/v",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "p",
            r#"{"c": 12.5}"#,
            "/p/c",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "p",
            r#"{"ut": -60}"#,
            "/p/ut",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "p",
            r#"{"tags": [1, -2]}"#,
            "/p/tags/1",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "p",
            r#"{"aff": "123,x"}"#,
            "/p/aff",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            "p",
            r#"{"z": "12_3,45"}"#,
            "/p/z",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            "p",
            r#"{"ntf": 4}"#,
            "/p/ntf",
            codes::OUT_OF_RANGE,
            Severity::Warning,
        ),
        (
            "p",
            r#"{"ntf": 2, "p": "+375"}"#,
            "/p/p2",
            codes::MISSING_FIELD,
            Severity::Warning,
        ),
        (
            "p",
            r#"{"ntf": 16, "e": ""}"#,
            "/p/e",
            codes::MISSING_FIELD,
            Severity::Warning,
        ),
        (
            "p",
            r#"{"r": {"id": "12a"}}"#,
            "/p/r/id",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            "p",
            r#"{"r": {"vt": -1}}"#,
            "/p/r/vt",
            codes::OUT_OF_RANGE,
            Severity::Error,
        ),
        (
            "p",
            r#"{"r": {"ndt": "60"}}"#,
            "/p/r/ndt",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "p",
            r#"{"r": {"eta": 1}}"#,
            "/p/r/eta",
            codes::UNKNOWN_FIELD,
            Severity::Warning,
        ),
        (
            "p",
            r#"{"color": "red"}"#,
            "/p/color",
            codes::UNKNOWN_FIELD,
            Severity::Warning,
        ),
        (
            "rp",
            "\"_p~iF ~ps|U\"",
            "/rp",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        ("f", "512", "/f", codes::OUT_OF_RANGE, Severity::Warning),
        (
            "f",
            "12",
            "/f",
            codes::CONFLICTING_FIELDS,
            Severity::Warning,
        ),
        ("f", "-1", "/f", codes::OUT_OF_RANGE, Severity::Error),
        (
            "tt",
            "1718000000",
            "/tt",
            codes::WINDOW_INVERTED,
            Severity::Error,
        ),
        (
            "tt",
            "1718020800000",
            "/tt",
            codes::OUT_OF_RANGE,
            Severity::Warning,
        ),
        ("trt", "-1", "/trt", codes::OUT_OF_RANGE, Severity::Error),
        ("r", "1.5", "/r", codes::INVALID_TYPE, Severity::Error),
        ("y", "-191", "/y", codes::OUT_OF_RANGE, Severity::Error),
        ("x", "180.5", "/x", codes::OUT_OF_RANGE, Severity::Error),
        ("u", "\"19283\"", "/u", codes::INVALID_TYPE, Severity::Error),
        ("ej", "[]", "/ej", codes::INVALID_TYPE, Severity::Error),
        ("tz", "3.5", "/tz", codes::INVALID_TYPE, Severity::Error),
        (
            "cf",
            r#"{"floor": 3}"#,
            "/cf/floor",
            codes::INVALID_TYPE,
            Severity::Error,
        ),
        (
            "dp",
            "\"[1,x]\"",
            "/dp",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        (
            "dp",
            "[\"1\", \"a\"]",
            "/dp/1",
            codes::INVALID_FORMAT,
            Severity::Error,
        ),
        ("dp", "7", "/dp", codes::INVALID_TYPE, Severity::Error),
        (
            "colour",
            "1",
            "/colour",
            codes::UNKNOWN_FIELD,
            Severity::Warning,
        ),
    ];
    for &(key, value, path, code, severity) in cases {
        let (_, issues) = run(&create_with(key, value));
        assert_eq!(single(&issues), (path, code, severity), "{key}: {value}");
        if severity == Severity::Error {
            assert_eq!(issues[0].vendor_code.as_deref(), Some("4"), "{key}");
        }
    }
}

#[test]
fn polyline_problems_say_where() {
    let cases = [
        ("\"_p~iF ~ps|U\"", "character 5"),
        ("\"_p~iF~ps|\"", "truncated"),
        ("\"~~~~~~C??\"", "overflows"),
        ("\"_p~iF\"", "no longitude"),
        ("\"~~~~~_??\"", "off the globe"),
    ];
    for (rp, words) in cases {
        let (_, issues) = run(&create_with("rp", rp));
        assert_eq!(single(&issues).0, "/rp");
        assert!(issues[0].message.contains(words), "{}", issues[0].message);
    }
}

#[test]
fn swapped_point_is_reported_with_the_range_error() {
    let mut payload = parse(&create_with("y", "127.56")).unwrap().into_owned();
    if let Value::Object(o) = &mut payload {
        o.set("x", Value::f64(53.9));
    }
    let (_, issues) = run_value(&payload, &ValidateOptions::default());
    assert_eq!(warnings(&issues), vec![("/y", codes::COORDINATES_SWAPPED)]);
    assert_eq!(errors(&issues), vec![("/y", codes::OUT_OF_RANGE)]);
}

#[test]
fn all_problems_of_one_payload_are_reported() {
    let payload = r#"{
        "itemId": "734455",
        "id": 3,
        "p": {"v": "many", "ntf": 2, "tags": ["a"]},
        "rp": "abc def",
        "tf": 20, "tt": 10,
        "y": 91, "x": 127.5,
        "mystery": true,
        "callMode": "create"
    }"#;
    let (_, issues) = run(payload);
    assert_eq!(
        errors(&issues),
        vec![
            ("/itemId", codes::INVALID_TYPE),
            ("/p/v", codes::INVALID_FORMAT),
            ("/p/tags/0", codes::INVALID_TYPE),
            ("/rp", codes::INVALID_FORMAT),
            ("/y", codes::OUT_OF_RANGE),
            ("/tt", codes::WINDOW_INVERTED),
            ("/id", codes::CONFLICTING_FIELDS),
        ]
    );
    assert_eq!(
        warnings(&issues),
        vec![
            ("/p/p2", codes::MISSING_FIELD),
            ("/mystery", codes::UNKNOWN_FIELD)
        ]
    );
}

#[test]
fn create_response_is_read_leniently() {
    let mut ck = Checker::new();
    let response = read_response(
        &parse(&fixture("create-response.json")).unwrap(),
        &Path::root(),
        &mut ck,
    );
    assert_eq!(ck.issues, vec![]);
    let Some(Response::Created { id, order }) = response else {
        panic!("{response:?}");
    };
    assert_eq!(id, 1042);
    assert_eq!(order.status, Some(OrderStatus::Inactive));
    assert_eq!(
        (order.uid, order.internal_flags, order.status_flags),
        (Some(88_120_442), Some(0), Some(0))
    );
    assert_eq!(order.core.props.unwrap().weight_kg, Some(12.0));

    // Fields added later by the vendor, and a status it added, are tolerated.
    let (_, issues) = run(r#"[5, {"id": 5, "s": 9, "newField": {"a": 1}, "sf": 2048}]"#);
    assert_eq!(warnings(&issues), vec![("/1/s", codes::UNKNOWN_ENUM_VALUE)]);
    assert_eq!(errors(&issues), vec![]);
    // A wrong type is still an error, and so is a mismatching id only a warning.
    let (_, issues) = run(r#"[5, {"id": 6, "y": "north"}]"#);
    assert_eq!(errors(&issues), vec![("/1/y", codes::INVALID_TYPE)]);
    assert_eq!(
        warnings(&issues),
        vec![("/1/id", codes::CONFLICTING_FIELDS)]
    );
}

#[test]
fn error_responses_carry_the_documented_meaning() {
    let (out, issues) = run(&fixture("error-response.json"));
    assert_eq!(out.unwrap().kind, "order/update.response");
    assert_eq!(single(&issues), ("/error", "VENDOR_ERROR", Severity::Error));
    assert_eq!(issues[0].vendor_code.as_deref(), Some("4"));
    assert!(issues[0].message.contains("invalid call mode"));

    let (_, issues) = run(r#"{"error": 7, "reason": "unit 19283 not found"}"#);
    assert!(issues[0].message.contains("access denied"));
    assert!(issues[0].message.contains("unit 19283 not found"));
    let (_, issues) = run(r#"{"error": 6}"#);
    assert!(issues[0].message.contains("route"));
    let (_, issues) = run(r#"{"error": 1}"#);
    assert!(issues[0].message.contains("log in again"));
    let (_, issues) = run(r#"{"error": 4242}"#);
    assert_eq!(issues[0].vendor_code.as_deref(), Some("4242"));
    let (_, issues) = run(r#"{"error": 0}"#);
    assert_eq!(issues, vec![]);

    assert!(wialon::error_meaning(4).is_some_and(|m| m.contains("invalid call mode")));
    assert!(wialon::error_meaning(6).is_some_and(|m| m.contains("route")));
    assert!(wialon::error_meaning(7).is_some_and(|m| m.contains("resource")));
    assert!(wialon::error_meaning(10).is_some_and(|m| m.contains("concurrent")));
    assert_eq!(wialon::error_meaning(13), None);
}

#[test]
fn response_shape_must_fit_the_call_mode() {
    let response = |mode: &str| ValidateOptions {
        call_mode: Some(mode.into()),
        response: true,
        ..Default::default()
    };
    let (out, issues) = run_with("[1042]", &response("create"));
    assert_eq!(single(&issues), ("", codes::INVALID_TYPE, Severity::Error));
    assert_eq!(out.unwrap().kind, "order/update:create.response");
    let (_, issues) = run_with("{}", &response("assign"));
    assert_eq!(issues, vec![]);
    // Without `response`, an empty object with a callMode option is an empty order form.
    let (out, issues) = run_with(
        "{}",
        &ValidateOptions {
            call_mode: Some("create".into()),
            ..Default::default()
        },
    );
    assert_eq!(out.unwrap().kind, "order/update:create");
    assert_eq!(
        errors(&issues),
        vec![
            ("/itemId", codes::MISSING_FIELD),
            ("/y", codes::MISSING_FIELD),
            ("/x", codes::MISSING_FIELD)
        ]
    );
    let (_, issues) = run_with("{}", &response("delete"));
    assert_eq!(errors(&issues), vec![("", codes::INVALID_TYPE)]);
    let (_, issues) = run_with(r#"{"error": 4}"#, &response("update"));
    assert_eq!(single(&issues).1, "VENDOR_ERROR");
    let (_, issues) = run_with("[1, 2, 3]", &response("update"));
    assert_eq!(errors(&issues), vec![("", codes::INVALID_TYPE)]);
    let (_, issues) = run_with(r#"{"itemId": 1}"#, &response("update"));
    assert_eq!(errors(&issues), vec![("", codes::INVALID_TYPE)]);
}

#[test]
fn non_object_payloads_are_type_errors() {
    for payload in ["5", "null", "true"] {
        let (out, issues) = run(payload);
        assert_eq!(out, None);
        assert_eq!(single(&issues).1, codes::INVALID_TYPE, "{payload}");
    }
}

fn read_params_json(json: &str) -> (Option<wialon::OrderParams<'static>>, Vec<Issue>) {
    let mut ck = Checker::new();
    let v = parse(json).expect("generated JSON parses");
    let out = read_params(&v, &Path::root(), &mut ck);
    (out, ck.issues)
}

fn arb_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 +,.\"\\\\é&=%/]{0,12}").expect("regex")
}

prop_compose! {
    fn arb_params()(
        name in proptest::option::of(arb_text()),
        client in proptest::option::of(arb_text()),
        volume in proptest::option::of(0.0f64..1e6),
        weight_text in any::<bool>(),
        weight in proptest::option::of(0u32..100_000),
        tags in proptest::option::of(proptest::collection::vec(0u32..1000, 0..4)),
        route_as_text in any::<bool>(),
        route in proptest::option::of((0u32..100, 0u32..50, 0u32..1_000_000)),
        times in proptest::option::of((1_600_000_000u64..1_800_000_000, 0u64..86_400)),
        point in proptest::option::of((-90.0f64..=90.0, -180.0f64..=180.0)),
        flags in proptest::option::of(0u64..=0x1ff),
        deps in proptest::option::of((proptest::collection::vec(1u32..100_000, 0..4), 0..3u8)),
        cf in proptest::option::of(proptest::collection::vec((arb_text(), arb_text()), 0..3)),
        extra in proptest::option::of(arb_text()),
    ) -> serde_json::Value {
        let mut o = serde_json::json!({"itemId": 734455, "id": 0, "callMode": "create"});
        let m = o.as_object_mut().expect("object");
        if let Some(n) = name { m.insert("n".into(), n.into()); }
        let mut p = serde_json::Map::new();
        if let Some(c) = client { p.insert("n".into(), c.into()); }
        if let Some(v) = volume { p.insert("v".into(), v.to_string().into()); }
        if let Some(w) = weight {
            p.insert("w".into(), if weight_text { w.to_string().into() } else { w.into() });
        }
        if let Some(t) = tags { p.insert("tags".into(), t.into()); }
        if let Some((id, i, vt)) = route {
            let r = if route_as_text {
                serde_json::json!({"id": id.to_string(), "i": i.to_string(), "vt": vt.to_string()})
            } else {
                serde_json::json!({"id": id, "i": i, "vt": vt})
            };
            p.insert("r".into(), r);
        }
        if !p.is_empty() { m.insert("p".into(), p.into()); }
        if let Some((tf, len)) = times {
            m.insert("tf".into(), tf.into());
            m.insert("tt".into(), (tf + len).into());
        }
        if let Some((y, x)) = point { m.insert("y".into(), y.into()); m.insert("x".into(), x.into()); }
        if let Some(f) = flags { m.insert("f".into(), (f & !0x18).into()); }
        if let Some((ids, form)) = deps {
            let v = match form {
                0 => serde_json::json!(ids),
                1 => serde_json::json!(ids.iter().map(u32::to_string).collect::<Vec<_>>()),
                _ => serde_json::json!(format!("[{}]", ids.iter().map(u32::to_string).collect::<Vec<_>>().join(","))),
            };
            m.insert("dp".into(), v);
        }
        if let Some(cf) = cf {
            let map: serde_json::Map<String, serde_json::Value> =
                cf.into_iter().map(|(k, v)| (k, v.into())).collect();
            m.insert("cf".into(), map.into());
        }
        if let Some(e) = extra { m.insert("zz_extra".into(), e.into()); }
        o
    }
}

proptest! {
    #[test]
    fn params_round_trip(json in arb_params()) {
        let text = json.to_string();
        let (first, issues) = read_params_json(&text);
        // Valid by construction: only the deliberate unknown field may be reported.
        prop_assert!(issues.iter().all(|i| i.code == codes::UNKNOWN_FIELD), "{issues:#?}");
        let first = first.expect("object");
        let written = serde_json::to_string(&first).expect("serializes");
        let (second, _) = read_params_json(&written);
        prop_assert_eq!(Some(first), second);
    }

    #[test]
    fn form_text_reports_what_the_envelope_reports(json in arb_params(), y in -200.0f64..200.0) {
        let mut json = json;
        json["y"] = y.into();
        json["x"] = 27.5.into();
        let params = json.to_string();
        let envelope = serde_json::json!({"svc": "order/update", "params": json}).to_string();
        let (_, from_envelope) = run(&envelope);
        let encoded: String = params
            .bytes()
            .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect();
        let form = format!("svc=order%2Fupdate&params={encoded}&sid=s3cr3t");
        let (_, from_form) = run_value(&Value::str(form.as_str()), &ValidateOptions::default());
        prop_assert_eq!(from_envelope, from_form);
    }

    #[test]
    fn order_round_trip(status in 0i64..6, sf in 0u64..0x4000, uid in 1u64..1_000_000_000, rd in 0.0f64..1e5, extra in arb_text()) {
        let json = serde_json::json!({
            "id": 9, "n": "x", "s": status, "sf": sf, "uid": uid, "rd": rd, "ct": 1, "if": 3,
            "p": {"v": 1, "w": 2}, "cmp": {"unitRequirements": {"values": []}}, "newish": extra
        }).to_string();
        let mut ck = Checker::new();
        let first = read_order(&parse(&json).unwrap(), &Path::root(), &mut ck).expect("object");
        prop_assert_eq!(&ck.issues, &vec![]);
        let written = serde_json::to_string(&first).expect("serializes");
        let second = read_order(&parse(&written).unwrap(), &Path::root(), &mut ck);
        prop_assert_eq!(Some(first), second);
    }

    #[test]
    fn hostile_text_never_panics(text in "\\PC{0,200}") {
        let _ = run_value(&Value::str(text.as_str()), &ValidateOptions::default());
        let _ = run_value(&Value::str(format!("svc=order/update&params={text}").as_str()), &ValidateOptions::default());
        let _ = run(&create_with("rp", &serde_json::to_string(&text).unwrap()));
        let _ = run(&create_with("dp", &serde_json::to_string(&text).unwrap()));
    }
}

/// Native speed of one order, parse + validate and validate alone. Run with
/// `cargo test --release --test vendor_wialon -- --ignored --nocapture`; prints the median of 11
/// runs (the machine is shared, so single runs are noisy).
#[test]
#[ignore = "timing; run in release with --nocapture"]
fn speed_per_order() {
    use std::time::Instant;
    let text = fixture("create-params.json");
    let parsed = parse(&text).unwrap();
    let options = ValidateOptions::default();
    let v = vendor("wialon").unwrap();
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
        "wialon create-params.json ({} bytes): parse+validate {parse_and_validate:.2} µs, validate {validate_only:.2} µs (median of 11)",
        text.len()
    );
}

#[test]
fn form_text_goes_through_the_json_text_entry_point() {
    use orderbridge::validate::{validate_text, Format};
    let wialon = Format::from_id("wialon").unwrap();
    let report = validate_text(
        wialon,
        &fixture("create-form.txt"),
        &ValidateOptions::default(),
    )
    .unwrap();
    assert_eq!(report.issues, vec![]);
    assert_eq!(report.kind.as_deref(), Some("order/update:create"));
    assert!(report.ok);
    let report = validate_text(
        wialon,
        "svc=order/update&params={\"itemId\":1,\"callMode\":\"confirm\"}",
        &ValidateOptions::default(),
    )
    .unwrap();
    assert_eq!(
        errors(&report.issues),
        vec![("/params/id", codes::MISSING_FIELD)]
    );
    // Text that is neither JSON nor the form stays a usage error.
    let e = validate_text(wialon, "order 1042, please", &ValidateOptions::default()).unwrap_err();
    assert_eq!(e.code, codes::INVALID_JSON);
}

/// A time past the year 5138 as UNIX seconds is called milliseconds only when it is a plausible
/// time once divided by 1000; past that too, the warning says so instead.
#[test]
fn implausible_times_are_called_milliseconds_only_when_they_are() {
    for (value, says) in [
        ("1711101600000", "looks like milliseconds"),
        (
            "99999999999999999",
            "past the year 5138 as UNIX seconds and as milliseconds",
        ),
    ] {
        let (_, issues) = run(&create_with("tf", value));
        let warning = issues
            .iter()
            .find(|i| i.path == "/tf" && i.code == codes::OUT_OF_RANGE)
            .unwrap_or_else(|| panic!("{value}: {issues:?}"));
        assert!(
            warning.message.contains(says),
            "{value}: {}",
            warning.message
        );
    }
}
