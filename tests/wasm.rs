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
