//! `convert` and `convertJson`.

use super::{js_type, payload_text, string_arg, throw};
use crate::check::Checker;
use crate::convert::{convert_text_log, ConvertOptions, ConvertedLog, LoadSlot, WindowSemantics};
use crate::issue::{codes, UsageError};
use crate::json::{self, Path};
use crate::model::{read_order, Priority};
use crate::validate::Format;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// The options argument, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "ConvertOptions")]
    pub type ConvertOptionsArg;
}

const KNOWN: &[&str] = &[
    "from",
    "to",
    "timeZone",
    "date",
    "strict",
    "preserveUnmapped",
    "windowSemantics",
    "priorities",
    "loadMapping",
    "magicLaneWindowUnit",
    "defaults",
    "endpoint",
    "sourceEndpoint",
];

fn bad(message: impl Into<String>) -> JsValue {
    throw(UsageError::new(codes::INVALID_OPTION, message))
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn opt_string(obj: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| {
        bad(format!(
            "option `{key}` must be a string, not {}.",
            js_type(&v)
        ))
    })
}

fn opt_bool(obj: &JsValue, key: &str) -> Result<bool, JsValue> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(false);
    }
    v.as_bool().ok_or_else(|| {
        bad(format!(
            "option `{key}` must be true or false, not {}.",
            js_type(&v)
        ))
    })
}

fn format_option(obj: &JsValue, key: &str) -> Result<Format, JsValue> {
    let name = opt_string(obj, key)?.ok_or_else(|| {
        bad(format!(
            "option `{key}` is required: the {} format, e.g. \"optimoroute\".",
            if key == "from" { "source" } else { "target" }
        ))
    })?;
    Format::from_id(&name).map_err(throw)
}

/// Reads the JS options into core options.
fn read_options(v: &JsValue) -> Result<ConvertOptions, JsValue> {
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(bad(format!(
            "convert needs an options object with `from` and `to`, not {}.",
            js_type(v)
        )));
    }
    let object: &js_sys::Object = v.unchecked_ref();
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !KNOWN.contains(&key.as_str()) {
            return Err(bad(format!(
                "unknown option `{key}`; the options are {}.",
                KNOWN.join(", ")
            )));
        }
    }
    let mut o = ConvertOptions::new(format_option(v, "from")?, format_option(v, "to")?);
    o.time_zone = opt_string(v, "timeZone")?;
    o.date = opt_string(v, "date")?;
    if let Some(d) = &o.date {
        if crate::check::CalendarDate::parse(d).is_none() {
            return Err(bad(format!("option `date` is \"{d}\"; use YYYY-MM-DD.")));
        }
    }
    o.strict = opt_bool(v, "strict")?;
    o.preserve_unmapped = opt_bool(v, "preserveUnmapped")?;
    o.window_semantics = match opt_string(v, "windowSemantics")?.as_deref() {
        None | Some("keep") => WindowSemantics::Keep,
        Some("adjust") => WindowSemantics::Adjust,
        Some(other) => {
            return Err(bad(format!(
                "option `windowSemantics` is \"{other}\"; use \"keep\" or \"adjust\"."
            )))
        }
    };
    o.magic_lane_window_seconds = match opt_string(v, "magicLaneWindowUnit")?.as_deref() {
        None | Some("minutes") => false,
        Some("seconds") => true,
        Some(other) => {
            return Err(bad(format!(
                "option `magicLaneWindowUnit` is \"{other}\"; use \"minutes\" or \"seconds\"."
            )))
        }
    };
    read_priorities(&get(v, "priorities"), &mut o)?;
    read_load_mapping(&get(v, "loadMapping"), &mut o)?;
    o.target_endpoint = opt_string(v, "endpoint")?;
    o.source_endpoint = opt_string(v, "sourceEndpoint")?;
    let defaults = get(v, "defaults");
    if !defaults.is_undefined() && !defaults.is_null() {
        let text = payload_text(&defaults)?;
        let parsed =
            json::parse(&text).map_err(|e| bad(format!("option `defaults` is not JSON ({e}).")))?;
        let mut ck = Checker::new();
        let order = read_order(&parsed, &Path::root(), &mut ck);
        if let Some(first) = ck.issues.iter().find(|i| i.is_error()) {
            return Err(bad(format!(
                "option `defaults` must be a canonical order: {} (at {}).",
                first.message, first.path
            )));
        }
        o.defaults = order;
    }
    Ok(o)
}

fn read_priorities(v: &JsValue, o: &mut ConvertOptions) -> Result<(), JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(());
    }
    let wialon = get(v, "wialon");
    if !wialon.is_undefined() {
        let arr: js_sys::Array = wialon
            .dyn_into()
            .map_err(|_| bad("option `priorities.wialon` must be four numbers: the Wialon `pr` of low, medium, high and critical."))?;
        if arr.length() != 4 {
            return Err(bad("option `priorities.wialon` must be four numbers: the Wialon `pr` of low, medium, high and critical."));
        }
        for (i, item) in arr.iter().enumerate() {
            let n = item
                .as_f64()
                .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                .ok_or_else(|| {
                    bad("option `priorities.wialon` must hold whole numbers of 0 or more.")
                })?;
            if let Some(slot) = o.priorities.wialon.get_mut(i) {
                *slot = n as u64;
            }
        }
    }
    if let Some(name) = opt_string(v, "magicLaneHighFrom")? {
        o.priorities.magic_lane_high_from = match name.as_str() {
            "low" => Priority::Low,
            "medium" => Priority::Medium,
            "high" => Priority::High,
            "critical" => Priority::Critical,
            _ => return Err(bad(format!("option `priorities.magicLaneHighFrom` is \"{name}\"; use low, medium, high or critical."))),
        };
    }
    Ok(())
}

fn read_load_mapping(v: &JsValue, o: &mut ConvertOptions) -> Result<(), JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(());
    }
    for (i, key) in ["load1", "load2", "load3", "load4"].iter().enumerate() {
        let Some(name) = opt_string(v, key)? else {
            continue;
        };
        let slot = match name.as_str() {
            "weightKg" => LoadSlot::Weight,
            "volume" => LoadSlot::Volume,
            "packages" => LoadSlot::Packages,
            "custom1" => LoadSlot::Custom(0),
            "custom2" => LoadSlot::Custom(1),
            "custom3" => LoadSlot::Custom(2),
            "custom4" => LoadSlot::Custom(3),
            _ => return Err(bad(format!("option `loadMapping.{key}` is \"{name}\"; use weightKg, volume, packages or custom1..custom4."))),
        };
        if let Some(s) = o.load_slots.get_mut(i) {
            *s = slot;
        }
    }
    Ok(())
}

/// Converts a payload (an object, or a JSON string) between formats; returns
/// `{ output, issues, lost }` with `output` as a JS value (`null` when nothing was converted).
#[wasm_bindgen(js_name = convert, unchecked_return_type = "ConvertResult<unknown>", skip_jsdoc)]
pub fn convert(
    #[wasm_bindgen(unchecked_param_type = "unknown")] payload: JsValue,
    options: ConvertOptionsArg,
) -> Result<JsValue, JsValue> {
    settle_pending();
    let opts = read_options(&options.into())?;
    let text = payload_text(&payload)?;
    let converted = convert_text_log(&text, &opts).map_err(throw)?;
    let output = match &converted.output {
        Some(out) => {
            js_sys::JSON::parse(out).map_err(|_| bad("internal: the output is not JSON."))?
        }
        None => JsValue::NULL,
    };
    result(output, converted)
}

/// Converts JSON text between formats; returns `{ output, issues, lost }` with `output` as JSON
/// text (`null` when nothing was converted). The fast path for large batches.
#[wasm_bindgen(js_name = convertJson, unchecked_return_type = "ConvertResult<string>", skip_jsdoc)]
pub fn convert_json(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    options: ConvertOptionsArg,
) -> Result<JsValue, JsValue> {
    settle_pending();
    let opts = read_options(&options.into())?;
    let text = string_arg(&json, "json")?;
    let converted = convert_text_log(&text, &opts).map_err(throw)?;
    let output = converted
        .output
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    result(output, converted)
}

fn result(output: JsValue, converted: ConvertedLog) -> Result<JsValue, JsValue> {
    let ConvertedLog { others, losses, .. } = converted;
    // The issues' own texts are mostly shared; a path or a message of its own is about this.
    const ISSUE_TEXTS: usize = 64;
    let bytes = losses.heap_bytes()
        + others.capacity() * (std::mem::size_of::<crate::issue::Issue>() + ISSUE_TEXTS);
    let report = Rc::new((others, losses));
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &JsValue::from_str("output"), &output);
    // A large batch reports hundreds of thousands of issues, and building them as JS objects
    // costs more than converting the orders: they are built when first read (JSON text parsed
    // by the engine), straight from the compact log, and never when they are not read.
    let for_issues = Rc::clone(&report);
    let issues = lazy_property(&object, "issues", move || {
        let (others, losses) = &*for_issues;
        json_array(losses.views(others))
    });
    let lost = lazy_property(&object, "lost", move || json_array(report.1.lost_views()));
    PENDING.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            p.push(Pending {
                lazies: [issues, lost],
                bytes,
            });
        }
    });
    Ok(object.into())
}

/// How many items [`json_array`] turns into JS objects at a time.
const ARRAY_CHUNK: usize = 8192;

/// A JS array of `items`, built a chunk at a time (each chunk one JSON text parsed by the
/// engine, which builds many objects far faster than setting each property through the
/// binding; appended with one `push.apply`): a batch's report as one JSON text would be a
/// hundred megabytes or more, grown by doubling; in chunks, the text stays small.
fn json_array<T: Serialize>(mut items: impl Iterator<Item = T>) -> JsValue {
    let out = js_sys::Array::new();
    let push = js_sys::Reflect::get(&out, &JsValue::from_str("push"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let mut text: Vec<u8> = Vec::new();
    loop {
        let chunk: Vec<T> = items.by_ref().take(ARRAY_CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        text.clear();
        // Serializing owned strings and numbers to a String cannot fail; a failure would
        // leave the chunk out, so it is reported as a null item rather than lost silently.
        let parsed = serde_json::to_writer(&mut text, &chunk)
            .ok()
            .and_then(|()| std::str::from_utf8(&text).ok())
            .and_then(|json| js_sys::JSON::parse(json).ok())
            .and_then(|v| v.dyn_into::<js_sys::Array>().ok());
        drop(chunk);
        match (&push, parsed) {
            (Some(push), Some(parsed)) => {
                let _ = push.apply(&out, &parsed);
            }
            _ => {
                out.push(&JsValue::NULL);
            }
        }
    }
    out.into()
}

/// A value built on first use.
struct Lazy {
    make: Option<Box<dyn FnOnce() -> JsValue>>,
    value: Option<JsValue>,
}

impl Lazy {
    fn get(&mut self) -> JsValue {
        if let Some(make) = self.make.take() {
            self.value = Some(make());
        }
        self.value.clone().unwrap_or(JsValue::NULL)
    }
}

/// An unread report of an earlier result: its two lazy values, weakly (a result that was
/// garbage-collected has dropped its getters and with them the report), and about how much
/// wasm memory the report holds.
struct Pending {
    lazies: [Weak<RefCell<Lazy>>; 2],
    bytes: usize,
}

impl Pending {
    /// True while the report is in wasm memory: a getter is alive and has not built its value.
    fn waiting(&self) -> bool {
        self.lazies.iter().any(|w| {
            w.upgrade()
                .is_some_and(|l| l.try_borrow().is_ok_and(|l| l.make.is_some()))
        })
    }
}

/// How much wasm memory unread reports may hold before the oldest are built as JS objects.
/// A result that is dropped unread frees its report when the engine collects it, but code that
/// converts batch after batch without yielding gives the engine no chance to: past this, the
/// oldest reports move to the JS heap, which the engine can collect, instead of growing wasm
/// memory (which never shrinks) toward its 4 GiB limit.
const PENDING_BUDGET: usize = 128 << 20;

thread_local! {
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
}

/// Forgets the reports that were read or freed, and builds the oldest unread ones while those
/// left waiting hold more than [`PENDING_BUDGET`].
fn settle_pending() {
    let Some(mut pending) = PENDING
        .with(|p| p.try_borrow_mut().map(|mut p| std::mem::take(&mut *p)))
        .ok()
    else {
        return;
    };
    pending.retain(Pending::waiting);
    let mut held: usize = pending.iter().map(|p| p.bytes).sum();
    let mut kept = Vec::with_capacity(pending.len());
    for p in pending {
        if held > PENDING_BUDGET {
            held = held.saturating_sub(p.bytes);
            for lazy in p.lazies.iter().filter_map(Weak::upgrade) {
                if let Ok(mut lazy) = lazy.try_borrow_mut() {
                    lazy.get();
                }
            }
        } else {
            kept.push(p);
        }
    }
    PENDING.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            p.extend(kept);
        }
    });
}

/// Defines `key` on `object` as an enumerable getter computing its value once.
/// Returns the value's cell, weakly, for [`settle_pending`].
fn lazy_property(
    object: &js_sys::Object,
    key: &str,
    make: impl FnOnce() -> JsValue + 'static,
) -> Weak<RefCell<Lazy>> {
    let lazy = Rc::new(RefCell::new(Lazy {
        make: Some(Box::new(make)),
        value: None,
    }));
    let weak = Rc::downgrade(&lazy);
    let getter = Closure::<dyn FnMut() -> JsValue>::new(move || {
        lazy.try_borrow_mut()
            .map_or(JsValue::NULL, |mut lazy| lazy.get())
    });
    let descriptor = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &descriptor,
        &JsValue::from_str("get"),
        &getter.into_js_value(),
    );
    let _ = js_sys::Reflect::set(
        &descriptor,
        &JsValue::from_str("enumerable"),
        &JsValue::TRUE,
    );
    let _ = js_sys::Reflect::set(
        &descriptor,
        &JsValue::from_str("configurable"),
        &JsValue::TRUE,
    );
    js_sys::Object::define_property(object, &JsValue::from_str(key), &descriptor);
    weak
}
