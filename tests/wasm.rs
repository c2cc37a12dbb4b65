//! The binding layer under wasm-bindgen-test in Node: the exports behave as JavaScript sees them
//! (reports as plain objects, misuse as `Error`s with a `code`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn validate_returns_a_plain_report() {
    let payload =
        js_sys::JSON::parse(r#"{"number": "A1", "location": {"lat": 95, "lon": 200}}"#).unwrap();
    let report =
        orderbridge::wasm_api::validate(JsValue::from_str("canonical"), payload, None).unwrap();
    assert_eq!(get(&report, "ok").as_bool(), Some(false));
    let issues: js_sys::Array = get(&report, "issues").dyn_into().unwrap();
    let paths: Vec<String> = issues
        .iter()
        .map(|i| get(&i, "path").as_string().unwrap())
        .collect();
    assert_eq!(paths, vec!["/location/lat", "/location/lon"]);
}

#[wasm_bindgen_test]
fn misuse_throws_an_error_with_a_code() {
    let err = orderbridge::wasm_api::validate(JsValue::from_str("nope"), JsValue::NULL, None)
        .unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("UNKNOWN_FORMAT")
    );
    let err = orderbridge::wasm_api::validate_json(
        JsValue::from_str("canonical"),
        JsValue::from_str("{"),
        None,
    )
    .unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("INVALID_JSON")
    );
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(orderbridge::wasm_api::version(), env!("CARGO_PKG_VERSION"));
}

/// The report JavaScript reads (`issues`, `lost`: built in JS from compact tables, see
/// src/wasm/report.js) says exactly what the core's report says: same issues in the same order,
/// field by field (vendor codes, severities), and the same `lost` pointers, also where a
/// pointer holds text outside ASCII (JavaScript slices strings in UTF-16 units).
#[wasm_bindgen_test]
fn the_javascript_report_is_the_core_report() {
    let body = include_str!("fixtures/optimoroute/create_or_update_orders_request.json");
    let mut payload: serde_json::Value = serde_json::from_str(body).unwrap();
    let orders = payload["orders"].as_array_mut().unwrap();
    // A field of its own with a key outside ASCII (lost to Yandex, pointer with UTF-16 pairs),
    // an unknown member (a warning that is not a loss), and a bad order (an error with
    // OptimoRoute's own code), between good ones.
    orders[0]["customFields"] = serde_json::json!({ "этаж 🚪": "3" });
    orders[1]["ключ 🚪"] = serde_json::json!(1);
    let mut bad = orders[0].clone();
    bad["type"] = serde_json::json!("Q");
    orders.push(bad);
    orders.push(orders[1].clone());
    let text = payload.to_string();
    for strict in [false, true] {
        let options = js_sys::JSON::parse(&format!(
            r#"{{"from":"optimoroute","to":"yandex","timeZone":"America/New_York","date":"2019-03-22","strict":{strict},
                "defaults":{{"assignment":{{"routeNumber":"R-1"}}}}}}"#
        ))
        .unwrap();
        let js =
            orderbridge::wasm_api::convert_json(JsValue::from_str(&text), options.unchecked_into())
                .unwrap();
        let mut core_options = orderbridge::convert::ConvertOptions::new(
            orderbridge::validate::Format::from_id("optimoroute").unwrap(),
            orderbridge::validate::Format::from_id("yandex").unwrap(),
        );
        core_options.time_zone = Some("America/New_York".into());
        core_options.date = Some("2019-03-22".into());
        core_options.strict = strict;
        core_options.defaults = Some(orderbridge::model::Order {
            assignment: Some(orderbridge::model::Assignment {
                route_number: Some("R-1".into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        let core = orderbridge::convert::convert_text(&text, &core_options).unwrap();
        let as_json = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
        let issues = as_json(&get(&js, "issues"));
        assert_eq!(issues, serde_json::to_string(&core.issues).unwrap());
        assert!(
            issues.contains("этаж 🚪") && issues.contains("ключ 🚪"),
            "{issues}"
        );
        assert!(issues.contains(r#""vendorCode":"#), "{issues}");
        assert!(issues.contains(r#""severity":"error","#), "{issues}");
        let lost = as_json(&get(&js, "lost"));
        assert_eq!(lost, serde_json::to_string(&core.lost).unwrap());
        assert!(core.lost.len() > 10, "{lost}");
    }
}
