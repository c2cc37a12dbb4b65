//! The JavaScript binding: `#[wasm_bindgen]` exports that turn JS values into core types, call
//! the core, and turn results (or errors) back into JS values. No rule or conversion logic
//! lives here.
//!
//! Conventions for every export:
//! - arguments arrive as `JsValue` and are checked here, so a wrong type gives an `Error` with
//!   a stable `code` instead of a generic binding failure;
//! - usage errors are thrown as real `Error` objects with a `code` property ([`throw`]);
//! - payloads cross as JSON text: a JS object is `JSON.stringify`-ed once and parsed by the
//!   core, which is faster than walking it property by property through the binding; results
//!   that are small (reports, options) go through `serde-wasm-bindgen`.

pub(crate) mod convert;
pub(crate) mod geo;
pub(crate) mod plan;
pub(crate) mod time;
pub(crate) mod validate;

use crate::issue::{codes, UsageError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The module's allocator. A conversion allocates some twenty small blocks per order, and
/// talc serves them faster than the default dlmalloc: 1.03× the throughput of a 100,000-order
/// conversion, with a lower peak of wasm memory, for 4 KB more gzipped wasm
/// (`benches/convert.mjs`). Freed small blocks are kept for reuse in front of it
/// ([`crate::small_blocks`]): 6.3% fewer instructions per conversion of 5,000 orders to Wialon
/// and 7.5% to Yandex.
#[global_allocator]
static ALLOCATOR: crate::small_blocks::SmallBlocks<talc::wasm::WasmDynamicTalc> =
    crate::small_blocks::SmallBlocks::new(talc::wasm::new_wasm_dynamic_allocator());

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

/// The package version.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    crate::version().to_string()
}

/// Builds the `Error` thrown for a usage error: `message` says what to do, `code` is stable.
pub(crate) fn throw(e: UsageError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    // Reflect::set only fails on frozen or proxy objects; a fresh Error is neither.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code));
    err.set_name("OrderbridgeError");
    err.into()
}

#[wasm_bindgen]
extern "C" {
    /// The platform's `TextEncoder` (browsers, Node, workerd, Deno all have it).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;

    /// What `encodeInto` returns: the UTF-16 code units it read and the bytes it wrote.
    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> f64;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> f64;
}

#[wasm_bindgen(module = "/src/wasm/text.js")]
extern "C" {
    /// `encoder.encodeInto(text, view)` with the view of `room` bytes of `memory` from `offset`
    /// made on the JS side (see text.js).
    #[wasm_bindgen(js_name = encodeIntoMemory)]
    fn encode_into_memory(
        encoder: &TextEncoder,
        text: &js_sys::JsString,
        memory: &JsValue,
        offset: u32,
        room: u32,
    ) -> EncodeIntoResult;

    /// The JS string of `length` ASCII bytes of `memory` from `offset` (see text.js).
    #[wasm_bindgen(js_name = asciiText)]
    fn ascii_text(memory: &JsValue, offset: u32, length: u32) -> js_sys::JsString;
}

/// From this length on, an ASCII text is handed to JavaScript by [`text_value`]'s fast way: the
/// check costs a pass over the bytes, small next to decoding them, but a call across the
/// boundary more than a short text's decoding.
const LARGE_TEXT: usize = 64 * 1024;

/// `text` as a JS string. A large ASCII text (a batch's output) is made without UTF-8 decoding
/// where the platform allows (text.js `asciiText`): in Node, 1.9 ms against 14.5 ms for the
/// 30 MB output of a 100,000-order batch.
pub(crate) fn text_value(text: &str) -> JsValue {
    if text.len() < LARGE_TEXT || !text.is_ascii() {
        return JsValue::from_str(text);
    }
    // wasm32 addresses and lengths fit in 32 bits.
    match (
        u32::try_from(text.as_ptr() as usize),
        u32::try_from(text.len()),
    ) {
        (Ok(offset), Ok(length)) => MEMORY.with(|memory| ascii_text(memory, offset, length).into()),
        _ => JsValue::from_str(text),
    }
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
    /// The module's memory object (its buffer changes as it grows; the object does not).
    static MEMORY: JsValue = wasm_bindgen::memory();
}

/// Copies a JS string's UTF-8 bytes into `buf` with one native `TextEncoder.encodeInto` call
/// (two when the text is not all ASCII).
/// Large payloads and polylines come this way: the binding's generic string conversion copies
/// ASCII one character at a time in JavaScript, which costs more than parsing the text.
pub(crate) fn js_string_bytes_into(s: &js_sys::JsString, buf: &mut Vec<u8>) {
    buf.clear();
    let units = s.length() as usize;
    // One byte per UTF-16 code unit first: exact for ASCII, the usual payload, so a 46 MB batch
    // does not hold three times its size for the whole conversion. What did not fit is encoded
    // in a second call with room for the worst case (three bytes per code unit).
    let read = encode_at_end(s, buf, units);
    if read < units {
        let rest = s.slice(read as u32, units as u32);
        encode_at_end(&rest, buf, (units - read).saturating_mul(3));
        buf.shrink_to_fit();
    }
}

/// Appends up to `room` bytes of `s`'s UTF-8 to `buf` with one `encodeInto` call; returns the
/// UTF-16 code units it read (whole characters only: it stops before one that does not fit).
fn encode_at_end(s: &js_sys::JsString, buf: &mut Vec<u8>, room: usize) -> usize {
    let start = buf.len();
    // Room is reserved, not zeroed: encodeInto writes it (zeroing 46 MB first was 1% of a
    // batch's conversion).
    buf.reserve(room);
    let offset = (buf.as_ptr() as usize).saturating_add(start) as u32;
    let (read, written) = ENCODER.with(|encoder| {
        MEMORY.with(|memory| {
            // The view is made on the JS side at the call, from the memory's current buffer:
            // memory grown since (by the reserve above) cannot have detached it.
            let result = encode_into_memory(encoder, s, memory, offset, room as u32);
            (result.read() as usize, result.written() as usize)
        })
    });
    // SAFETY: encodeInto wrote `written` bytes (never more than the view's `room`) right after
    // the buffer's first `start` bytes, inside the capacity reserved above, so the first
    // `start + written` bytes are initialized.
    unsafe { buf.set_len(start.saturating_add(written.min(room))) };
    read
}

/// Copies a JS string into Rust. A short one (an option, a vendor id) goes through the
/// binding's generic conversion; from 128 characters on, one-order payloads included,
/// encodeInto is cheaper (one-order conversions 5–10% faster than with the 1,024 used before).
pub(crate) fn js_string(s: &js_sys::JsString) -> String {
    if s.length() < 128 {
        return String::from(s);
    }
    let mut bytes = Vec::new();
    js_string_bytes_into(s, &mut bytes);
    debug_assert!(std::str::from_utf8(&bytes).is_ok());
    // SAFETY: encodeInto writes well-formed UTF-8 (the Encoding Standard encodes scalar values:
    // a lone surrogate becomes U+FFFD) and stops before a character that does not fit, so the
    // bytes of its calls are whole characters. wasm-bindgen's own string passing relies on the
    // same; checking 46 MB again was 1.5% of a batch's conversion.
    unsafe { String::from_utf8_unchecked(bytes) }
}

/// Reads a required string argument.
pub(crate) fn string_arg(v: &JsValue, name: &str) -> Result<String, JsValue> {
    match v.dyn_ref::<js_sys::JsString>() {
        Some(s) => Ok(js_string(s)),
        None => Err(throw(UsageError::new(
            codes::INVALID_ARGUMENT,
            format!("`{name}` must be a string, not {}.", js_type(v)),
        ))),
    }
}

/// A payload argument as JSON text: strings are taken as JSON text, anything else is
/// serialized with `JSON.stringify`.
pub(crate) fn payload_text(v: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = v.dyn_ref::<js_sys::JsString>() {
        return Ok(js_string(s));
    }
    if v.is_undefined() || v.is_function() || v.is_symbol() {
        return Err(throw(UsageError::new(
            codes::INVALID_ARGUMENT,
            format!(
                "the payload is {}; pass an object, an array or a JSON string.",
                js_type(v)
            ),
        )));
    }
    match js_sys::JSON::stringify(v) {
        Ok(s) => s.dyn_ref::<js_sys::JsString>().map(js_string).ok_or_else(|| {
            throw(UsageError::new(
                codes::INVALID_ARGUMENT,
                "the payload cannot be represented as JSON; pass an object, an array or a JSON string.",
            ))
        }),
        Err(e) => {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            Err(throw(UsageError::new(
                codes::INVALID_ARGUMENT,
                format!("the payload cannot be converted to JSON ({why}); remove cycles and BigInt values."),
            )))
        }
    }
}

/// Reads an options object (`undefined` and `null` give the defaults). Unknown keys (checked
/// against `known`, because serde-wasm-bindgen only looks at the fields it asks for) and wrong
/// types are `INVALID_OPTION` errors, so a typo does not silently do nothing.
pub(crate) fn options<T: DeserializeOwned + Default>(
    v: &Option<JsValue>,
    known: &[&str],
) -> Result<T, JsValue> {
    let Some(v) = v.as_ref().filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(T::default());
    };
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(throw(UsageError::new(
            codes::INVALID_OPTION,
            format!("options must be an object, not {}.", js_type(v)),
        )));
    }
    let object: &js_sys::Object = v.unchecked_ref();
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            let list = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(throw(UsageError::new(
                codes::INVALID_OPTION,
                format!("unknown option `{key}`; the options are {list}."),
            )));
        }
    }
    serde_wasm_bindgen::from_value(v.clone()).map_err(|e| {
        throw(UsageError::new(
            codes::INVALID_OPTION,
            format!("bad options: {e}."),
        ))
    })
}

/// Converts a result to a plain JS value (objects, not `Map`s).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| {
        throw(UsageError::new(
            codes::INVALID_ARGUMENT,
            format!("internal: the result could not be converted to a JS value ({e})."),
        ))
    })
}

/// Describes a JS value's type for messages.
pub(crate) fn js_type(v: &JsValue) -> String {
    if v.is_undefined() {
        "undefined".into()
    } else if v.is_null() {
        "null".into()
    } else if v.as_string().is_some() {
        "a string".into()
    } else if v.as_f64().is_some() {
        "a number".into()
    } else if v.as_bool().is_some() {
        "a boolean".into()
    } else if v.is_function() {
        "a function".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else if v.is_object() {
        "an object".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}
