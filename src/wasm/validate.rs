//! `validate` and `validateJson`.

use super::{options, payload_text, string_arg, throw, to_js};
use crate::validate::{validate_text, Format};
use crate::vendor::ValidateOptions;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The options argument, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "ValidateOptions")]
    pub type ValidateOptionsArg;
}

/// `ValidateOptions` as JavaScript passes it.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsValidateOptions {
    endpoint: Option<String>,
    call_mode: Option<String>,
    #[serde(default)]
    response: bool,
}

impl From<JsValidateOptions> for ValidateOptions {
    fn from(o: JsValidateOptions) -> Self {
        ValidateOptions {
            endpoint: o.endpoint,
            call_mode: o.call_mode,
            response: o.response,
        }
    }
}

fn run(format: &JsValue, text: String, opts: &Option<JsValue>) -> Result<JsValue, JsValue> {
    let format = Format::from_id(&string_arg(format, "format")?).map_err(throw)?;
    let opts: ValidateOptions =
        options::<JsValidateOptions>(opts, &["endpoint", "callMode", "response"])?.into();
    let report = validate_text(format, &text, &opts).map_err(throw)?;
    to_js(&report)
}

/// Validates a payload (an object, or a JSON string) of `format`; returns a `Report`.
#[wasm_bindgen(
    js_name = validate,
    unchecked_return_type = "Report",
    skip_jsdoc
)]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Format")] format: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] payload: JsValue,
    options: Option<ValidateOptionsArg>,
) -> Result<JsValue, JsValue> {
    let text = payload_text(&payload)?;
    run(&format, text, &options.map(JsValue::from))
}

/// Validates a payload given as JSON text (the fast path for large batches).
#[wasm_bindgen(js_name = validateJson, unchecked_return_type = "Report", skip_jsdoc)]
pub fn validate_json(
    #[wasm_bindgen(unchecked_param_type = "Format")] format: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    options: Option<ValidateOptionsArg>,
) -> Result<JsValue, JsValue> {
    let text = string_arg(&json, "json")?;
    run(&format, text, &options.map(JsValue::from))
}
