//! `parseTimeWindow` and `parseTimeWindowBatch`.

use super::{options as read_options, payload_text, string_arg, throw, to_js};
use crate::issue::{codes, UsageError};
use crate::json::Value;
use crate::time::batch::parse_yandex_batch;
use crate::time::dispatch::{parse_time_window_json, parse_with_context};
use crate::time::{format_time_windows, Form, ParseOptions, TimeWindow};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The options argument, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "ParseTimeWindowOptions")]
    pub type ParseTimeWindowOptionsArg;

    /// The batch options argument, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "TimeWindowBatchOptions")]
    pub type TimeWindowBatchOptionsArg;

    /// The format options argument, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "FormatTimeWindowOptions")]
    pub type FormatTimeWindowOptionsArg;
}

const OPTION_KEYS: &[&str] = &["timeZone", "date", "form", "magicLaneUnit", "merge"];

/// Reads a time window in any vendor form. A string is the window text itself (a Yandex
/// `time_interval`), not JSON; anything else is read as a JSON value.
#[wasm_bindgen(
    js_name = parseTimeWindow,
    unchecked_return_type = "TimeWindowResult",
    skip_jsdoc
)]
pub fn parse_time_window(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    options: Option<ParseTimeWindowOptionsArg>,
) -> Result<JsValue, JsValue> {
    let opts: ParseOptions =
        read_options::<ParseOptions>(&options.map(JsValue::from), OPTION_KEYS)?;
    let result = match input.as_string() {
        Some(text) => {
            let ctx = opts.context().map_err(throw)?;
            parse_with_context(&Value::str(text.as_str()), &opts, &ctx)
        }
        None => parse_time_window_json(&payload_text(&input)?, &opts).map_err(throw)?,
    };
    to_js(&result)
}

/// Parses many Yandex `time_interval` strings joined with `"\n"` into one `Float64Array` of
/// 7 numbers per line (see `TimeWindowBatch` in the TypeScript types): the throughput path.
#[wasm_bindgen(js_name = parseTimeWindowBatch, skip_jsdoc)]
pub fn parse_time_window_batch(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    options: Option<TimeWindowBatchOptionsArg>,
) -> Result<js_sys::Float64Array, JsValue> {
    let text = string_arg(&text, "text")?;
    let opts: ParseOptions =
        read_options::<ParseOptions>(&options.map(JsValue::from), &["timeZone", "date"])?;
    let ctx = opts.context().map_err(throw)?;
    let mut out = Vec::new();
    parse_yandex_batch(&text, &ctx, &mut out);
    Ok(js_sys::Float64Array::from(out.as_slice()))
}

/// Writes a window (or a list of windows, e.g. `parseTimeWindow(...).windows`) in a vendor
/// field's form; returns `{ ok, output, issues }`.
#[wasm_bindgen(
    js_name = formatTimeWindow,
    unchecked_return_type = "FormattedTimeWindow",
    skip_jsdoc
)]
pub fn format_time_window(
    #[wasm_bindgen(unchecked_param_type = "TimeWindow | TimeWindow[]")] windows: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TimeWindowForm")] form: JsValue,
    options: Option<FormatTimeWindowOptionsArg>,
) -> Result<JsValue, JsValue> {
    let bad = |what: String| {
        throw(UsageError::new(
            codes::INVALID_ARGUMENT,
            format!("`windows` must be a TimeWindow or an array of them ({what})."),
        ))
    };
    let windows: Vec<TimeWindow> = if js_sys::Array::is_array(&windows) {
        serde_wasm_bindgen::from_value(windows).map_err(|e| bad(e.to_string()))?
    } else {
        vec![serde_wasm_bindgen::from_value(windows).map_err(|e| bad(e.to_string()))?]
    };
    let form_name = string_arg(&form, "form")?;
    let form: Form = serde_wasm_bindgen::from_value(JsValue::from_str(&form_name)).map_err(|_| {
        throw(UsageError::new(
            codes::UNKNOWN_FORMAT,
            format!("\"{form_name}\" is not a time-window form; use \"yandexInterval\", \"yandexIntervalSecs\", \"yandexTimeWindow\", \"wialon\", \"optimorouteTimeWindows\", \"optimorouteAllowedDateTimes\", \"optimorouteWorkTime\" or \"magiclane\"."),
        ))
    })?;
    let opts: ParseOptions = read_options::<ParseOptions>(
        &options.map(JsValue::from),
        &["timeZone", "date", "magicLaneUnit"],
    )?;
    let result = format_time_windows(&windows, form, &opts).map_err(throw)?;
    to_js(&result)
}
