//! `parseTimeWindow` / `parseTimeWindowBatch` as JavaScript sees them (wasm-bindgen-test in
//! Node): results as plain objects, bare strings read as window text, misuse as coded `Error`s.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn options(json: &str) -> Option<orderbridge::wasm_api::ParseTimeWindowOptionsArg> {
    Some(js_sys::JSON::parse(json).unwrap().unchecked_into())
}

#[wasm_bindgen_test]
fn a_string_is_window_text_and_the_result_reads_like_a_window() {
    let r = orderbridge::wasm_api::parse_time_window(
        JsValue::from_str("10:00-14:00"),
        options(r#"{"timeZone": "Europe/Moscow", "date": "2024-03-22"}"#),
    )
    .unwrap();
    assert_eq!(get(&r, "ok").as_bool(), Some(true));
    assert_eq!(get(&r, "kind").as_string().as_deref(), Some("local"));
    assert_eq!(get(&r, "startUnix").as_f64(), Some(1_711_090_800.0));
    let windows: js_sys::Array = get(&r, "windows").dyn_into().unwrap();
    assert_eq!(windows.length(), 1);
    // Objects, not Maps.
    assert!(!get(&r, "windows").is_instance_of::<js_sys::Map>());
}

#[wasm_bindgen_test]
fn objects_are_read_by_shape_and_bad_options_throw() {
    let input = js_sys::JSON::parse(r#"{"timeWindow": [420, 1086]}"#).unwrap();
    let r = orderbridge::wasm_api::parse_time_window(input, None).unwrap();
    assert_eq!(get(&r, "form").as_string().as_deref(), Some("magiclane"));
    assert_eq!(get(&r, "end").as_f64(), Some(65_160.0));
    let err = orderbridge::wasm_api::parse_time_window(
        JsValue::from_str("9-18"),
        options(r#"{"timeZone": "Mars/Base"}"#),
    )
    .unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("UNKNOWN_TIME_ZONE")
    );
    let err = orderbridge::wasm_api::parse_time_window(
        JsValue::from_str("9-18"),
        options(r#"{"tz": "UTC"}"#),
    )
    .unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("INVALID_OPTION")
    );
}

#[wasm_bindgen_test]
fn batch_returns_seven_numbers_per_line() {
    let out = orderbridge::wasm_api::parse_time_window_batch(JsValue::from_str("9-18\nabc"), None)
        .unwrap();
    let v = out.to_vec();
    assert_eq!(v.len(), 14);
    assert_eq!(&v[..3], &[1.0, 32_400.0, 64_800.0]);
    assert_eq!(v[7], 0.0);
}

#[wasm_bindgen_test]
fn parsed_windows_format_back() {
    let parsed = orderbridge::wasm_api::parse_time_window(
        js_sys::JSON::parse(r#"{"timeWindows": [{"twFrom": "11:00", "twTo": "17:00"}]}"#).unwrap(),
        None,
    )
    .unwrap();
    let out = orderbridge::wasm_api::format_time_window(
        get(&parsed, "windows"),
        JsValue::from_str("yandexInterval"),
        None,
    )
    .unwrap();
    assert_eq!(get(&out, "ok").as_bool(), Some(true));
    assert_eq!(
        get(&out, "output").as_string().as_deref(),
        Some("11:00-17:00")
    );
    // The result object itself reads as a window too.
    let out =
        orderbridge::wasm_api::format_time_window(parsed, JsValue::from_str("magiclane"), None)
            .unwrap();
    let pair: js_sys::Array = get(&out, "output").dyn_into().unwrap();
    assert_eq!(
        pair.to_vec()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect::<Vec<_>>(),
        vec![660.0, 1020.0]
    );
    let err =
        orderbridge::wasm_api::format_time_window(JsValue::NULL, JsValue::from_str("nope"), None)
            .unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("INVALID_ARGUMENT")
    );
}
