//! `convert` and `convertJson`.

use super::{js_type, payload_text, string_arg, throw};
use crate::check::Checker;
use crate::convert::{
    convert_text_log, ConvertOptions, ConvertedLog, LoadSlot, LossLog, WindowSemantics,
};
use crate::issue::{codes, Issue, QuickHash, UsageError};
use crate::json::{self, Path};
use crate::model::{read_order, Order, Priority};
use crate::validate::Format;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
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

#[wasm_bindgen(module = "/src/wasm/options.js")]
extern "C" {
    /// The value of each of `names` in `options`, then the first own key of `options` that is
    /// not among them (see options.js).
    #[wasm_bindgen(js_name = optionValues, catch)]
    fn option_values(options: &JsValue, names: &js_sys::Array) -> Result<js_sys::Array, JsValue>;
}

thread_local! {
    /// [`KNOWN`] as JS strings, made once rather than at every call.
    static KNOWN_NAMES: js_sys::Array = KNOWN.iter().map(|name| JsValue::from_str(name)).collect();
}

/// The top-level options of one call, read in one crossing of the boundary.
struct Given {
    /// The value of each of [`KNOWN`], in its order, then the first unknown key.
    values: js_sys::Array,
}

impl Given {
    fn read(options: &JsValue) -> Result<Given, JsValue> {
        let values = KNOWN_NAMES
            .with(|names| option_values(options, names))
            .map_err(|e| {
                let why = e
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .or_else(|| e.as_string())
                    .unwrap_or_else(|| js_type(&e));
                bad(format!("reading the options threw: {why}"))
            })?;
        Ok(Given { values })
    }

    /// The value of the option `key`, one of [`KNOWN`].
    fn get(&self, key: &str) -> JsValue {
        KNOWN
            .iter()
            .position(|known| *known == key)
            .map_or(JsValue::UNDEFINED, |i| self.values.get(i as u32))
    }

    /// The first own key that is not an option.
    fn unknown(&self) -> Option<String> {
        self.values.get(KNOWN.len() as u32).as_string()
    }

    fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
        string_value(self.get(key), key)
    }

    fn bool(&self, key: &str) -> Result<bool, JsValue> {
        let v = self.get(key);
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

    fn format(&self, key: &str) -> Result<Format, JsValue> {
        let name = self.string(key)?.ok_or_else(|| {
            bad(format!(
                "option `{key}` is required: the {} format, e.g. \"optimoroute\".",
                if key == "from" { "source" } else { "target" }
            ))
        })?;
        Format::from_id(&name).map_err(throw)
    }
}

fn opt_string(obj: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    string_value(get(obj, key), key)
}

/// An optional string option: absent for `undefined` and `null`.
fn string_value(v: JsValue, key: &str) -> Result<Option<String>, JsValue> {
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

/// Reads the JS options into core options.
fn read_options(v: &JsValue) -> Result<ConvertOptions, JsValue> {
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(bad(format!(
            "convert needs an options object with `from` and `to`, not {}.",
            js_type(v)
        )));
    }
    let given = Given::read(v)?;
    if let Some(key) = given.unknown() {
        return Err(bad(format!(
            "unknown option `{key}`; the options are {}.",
            KNOWN.join(", ")
        )));
    }
    let mut o = ConvertOptions::new(given.format("from")?, given.format("to")?);
    o.time_zone = given.string("timeZone")?;
    o.date = given.string("date")?;
    if let Some(d) = &o.date {
        if crate::check::CalendarDate::parse(d).is_none() {
            return Err(bad(format!("option `date` is \"{d}\"; use YYYY-MM-DD.")));
        }
    }
    o.strict = given.bool("strict")?;
    o.preserve_unmapped = given.bool("preserveUnmapped")?;
    o.window_semantics = match given.string("windowSemantics")?.as_deref() {
        None | Some("keep") => WindowSemantics::Keep,
        Some("adjust") => WindowSemantics::Adjust,
        Some(other) => {
            return Err(bad(format!(
                "option `windowSemantics` is \"{other}\"; use \"keep\" or \"adjust\"."
            )))
        }
    };
    o.magic_lane_window_seconds = match given.string("magicLaneWindowUnit")?.as_deref() {
        None | Some("minutes") => false,
        Some("seconds") => true,
        Some(other) => {
            return Err(bad(format!(
                "option `magicLaneWindowUnit` is \"{other}\"; use \"minutes\" or \"seconds\"."
            )))
        }
    };
    read_priorities(&given.get("priorities"), &mut o)?;
    read_load_mapping(&given.get("loadMapping"), &mut o)?;
    o.target_endpoint = given.string("endpoint")?;
    o.source_endpoint = given.string("sourceEndpoint")?;
    let defaults = given.get("defaults");
    if !defaults.is_undefined() && !defaults.is_null() {
        o.defaults = read_defaults(&payload_text(&defaults)?)?;
    }
    Ok(o)
}

thread_local! {
    /// The last `defaults` read, as JSON text and as the order read from it: requests that
    /// pass the same defaults (an edge worker's or an order form's, one order each) skip
    /// parsing and checking them again.
    static LAST_DEFAULTS: RefCell<Option<(String, Option<Order>)>> = const { RefCell::new(None) };
}

/// The longest `defaults` text kept for the next call: far more than defaults hold (a field or
/// two), so that a huge one is not held on to.
const KEPT_DEFAULTS_TEXT: usize = 4096;

/// The `defaults` option, given as JSON text, read as a canonical order.
fn read_defaults(text: &str) -> Result<Option<Order>, JsValue> {
    let last = LAST_DEFAULTS.try_with(|last| {
        let last = last.try_borrow().ok()?;
        let (kept, order) = last.as_ref()?;
        (kept == text).then(|| order.clone())
    });
    if let Ok(Some(order)) = last {
        return Ok(order);
    }
    let parsed =
        json::parse(text).map_err(|e| bad(format!("option `defaults` is not JSON ({e}).")))?;
    let mut ck = Checker::new();
    let order = read_order(&parsed, &Path::root(), &mut ck);
    if let Some(first) = ck.issues.iter().find(|i| i.is_error()) {
        return Err(bad(format!(
            "option `defaults` must be a canonical order: {} (at {}).",
            first.message, first.path
        )));
    }
    if text.len() <= KEPT_DEFAULTS_TEXT {
        let _ = LAST_DEFAULTS.try_with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some((text.to_owned(), order.clone()));
            }
        });
    }
    Ok(order)
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
            // Past 2^53 a JS number is no longer exact: the `pr` written would not be the
            // one the caller typed.
            const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
            let n = item
                .as_f64()
                .filter(|n| (0.0..=MAX_SAFE_INTEGER).contains(n) && n.fract() == 0.0)
                .ok_or_else(|| {
                    bad("option `priorities.wialon` must hold whole numbers from 0 to Number.MAX_SAFE_INTEGER.")
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
        Some(out) => parse_json(&super::text_value(out))
            .map_err(|_| bad("internal: the output is not JSON."))?,
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
        .map_or(JsValue::NULL, super::text_value);
    result(output, converted)
}

fn result(output: JsValue, converted: ConvertedLog) -> Result<JsValue, JsValue> {
    let ConvertedLog { others, losses, .. } = converted;
    // The issues' own texts are mostly shared; a path or a message of its own is about this.
    const ISSUE_TEXTS: usize = 64;
    let bytes =
        losses.heap_bytes() + others.capacity() * (std::mem::size_of::<Issue>() + ISSUE_TEXTS);
    // A large batch reports hundreds of thousands of issues, and building them as JS objects
    // costs more than converting the orders: they are built when `issues` or `lost` is first
    // read (both at once, from the compact log), and never when they are not read.
    let cell = Rc::new(RefCell::new(ReportCell::Waiting(others, losses)));
    let waiting = Rc::downgrade(&cell);
    // One closure serves both getters (report.js defines them): a closure and a property
    // defined from Rust each cost several calls across the boundary; one-order conversions in
    // a loop took 11% less time this way.
    let part = Closure::<dyn FnMut(u32) -> JsValue>::new(move |part: u32| {
        let part = if part == 0 { Part::Issues } else { Part::Lost };
        cell.try_borrow_mut()
            .map_or(JsValue::NULL, |mut r| r.part(part))
    });
    let object = conversion_result(&output, &part.into_js_value());
    hold_pending(Pending {
        report: waiting,
        bytes,
    });
    Ok(object)
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JS string (the output made by [`super::text_value`]).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/wasm/report.js")]
extern "C" {
    /// `{ output, issues, lost }` with `issues` and `lost` as getters calling `part(0)` and
    /// `part(1)` (see report.js).
    #[wasm_bindgen(js_name = conversionResult)]
    fn conversion_result(output: &JsValue, part: &JsValue) -> JsValue;

    /// `[issues, lost]` built from the tables of [`report_tables`] (see report.js).
    #[wasm_bindgen(js_name = buildReport)]
    fn build_report(
        table: &js_sys::Array,
        heap: &str,
        spans: &[u32],
        rows: &[u32],
    ) -> js_sys::Array;
}

/// The numbers of one issue in the `rows` of [`report_tables`] (report.js reads them alike).
const ROW: usize = 6;
const ERROR: u32 = 1;
const LISTED: u32 = 2;
const HAS_VENDOR_CODE: u32 = 4;

/// A report as tables for report.js: every distinct code, message, vendor code and pointer
/// tail once (`table`), the pointers' first parts as spans (UTF-16 offsets) of one `heap` text,
/// and [`ROW`] numbers per issue. The issues are in the order [`crate::convert::LossLog::views`]
/// gives them: the other issues with the losses in their places.
struct Tables<'r> {
    table: Vec<&'r str>,
    ids: HashMap<&'r str, u32, BuildHasherDefault<QuickHash>>,
    heap: String,
    heap_units: u32,
    spans: Vec<u32>,
    rows: Vec<u32>,
}

impl<'r> Tables<'r> {
    fn new(issues: usize) -> Self {
        let mut tables = Tables {
            table: Vec::new(),
            ids: HashMap::default(),
            heap: String::new(),
            heap_units: 0,
            spans: Vec::new(),
            rows: Vec::with_capacity(issues * ROW),
        };
        // Index 0 is the empty text: a pointer with nothing after its first part.
        tables.intern("");
        tables
    }

    fn intern(&mut self, text: &'r str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = index(self.table.len());
        self.table.push(text);
        self.ids.insert(text, id);
        id
    }

    /// Appends `text` to the heap as a new span; returns the span's index.
    fn span(&mut self, text: &str) -> u32 {
        let start = self.heap_units;
        self.heap.push_str(text);
        // JavaScript slices strings in UTF-16 code units, not bytes.
        let units = if text.is_ascii() {
            text.len()
        } else {
            text.encode_utf16().count()
        };
        self.heap_units = start.saturating_add(index(units));
        self.spans.push(start);
        self.spans.push(self.heap_units);
        index(self.spans.len() / 2 - 1)
    }

    fn other(&mut self, issue: &'r Issue) {
        let span = self.span(&issue.path);
        let code = self.intern(&issue.code);
        let message = self.intern(&issue.message);
        let (vendor, mut flags) = match &issue.vendor_code {
            Some(v) => (self.intern(v), HAS_VENDOR_CODE),
            None => (0, 0),
        };
        if issue.is_error() {
            flags |= ERROR;
        }
        self.rows
            .extend_from_slice(&[span, 0, code, message, vendor, flags]);
    }
}

/// UTF-16 offsets and table indices fit in 32 bits: wasm memory is at most 4 GiB.
fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn report_tables<'r>(others: &'r [Issue], losses: &'r LossLog) -> Tables<'r> {
    let mut t = Tables::new(others.len() + losses.len());
    // Every loss has the same code, and the few warnings logged with them one of a few more.
    let mut last_code = (crate::convert::codes::LOSSY_CONVERSION, 0);
    last_code.1 = t.intern(last_code.0);
    let tails: Vec<u32> = losses.tails().map(|tail| t.intern(tail)).collect();
    let messages: Vec<u32> = losses.messages().map(|m| t.intern(m)).collect();
    let mut others = others.iter().enumerate().peekable();
    // The losses of one order follow each other and share its pointer: one span for them all.
    let mut last_base: Option<((usize, usize), u32)> = None;
    for e in losses.entries() {
        while let Some((_, issue)) = others.next_if(|(i, _)| *i < e.after) {
            t.other(issue);
        }
        let span = match last_base {
            Some((range, span)) if range == e.base => span,
            _ => {
                let base = losses.bases().get(e.base.0..e.base.1).unwrap_or_default();
                let span = t.span(base);
                last_base = Some((e.base, span));
                span
            }
        };
        let mut flags = 0;
        if e.error {
            flags |= ERROR;
        }
        if e.listed {
            flags |= LISTED;
        }
        if e.code != last_code.0 {
            last_code = (e.code, t.intern(e.code));
        }
        let code = last_code.1;
        let tail = tails.get(e.tail).copied().unwrap_or(0);
        let message = messages.get(e.message).copied().unwrap_or(0);
        t.rows
            .extend_from_slice(&[span, tail, code, message, 0, flags]);
    }
    for (_, issue) in others {
        t.other(issue);
    }
    t
}

/// A result's report: waiting in wasm memory until first read, then the JS values.
enum ReportCell {
    Waiting(Vec<Issue>, LossLog),
    Built(JsValue, JsValue),
}

impl ReportCell {
    /// Builds the JS values (once) and frees the wasm memory the report held.
    fn build(&mut self) {
        let ReportCell::Waiting(others, losses) = self else {
            return;
        };
        let tables = report_tables(others, losses);
        let table: js_sys::Array = tables.table.iter().map(|s| JsValue::from_str(s)).collect();
        let built = build_report(&table, &tables.heap, &tables.spans, &tables.rows);
        drop(tables);
        *self = ReportCell::Built(built.get(0), built.get(1));
    }

    fn part(&mut self, part: Part) -> JsValue {
        self.build();
        match (self, part) {
            (ReportCell::Built(issues, _), Part::Issues) => issues.clone(),
            (ReportCell::Built(_, lost), Part::Lost) => lost.clone(),
            // `build` leaves the cell built.
            (ReportCell::Waiting(..), _) => JsValue::NULL,
        }
    }

    fn waiting(&self) -> bool {
        matches!(self, ReportCell::Waiting(..))
    }
}

#[derive(Clone, Copy)]
enum Part {
    Issues,
    Lost,
}

/// An unread report of an earlier result, weakly (a result that was garbage-collected has
/// dropped its getters and with them the report), and about how much wasm memory it holds.
struct Pending {
    report: Weak<RefCell<ReportCell>>,
    bytes: usize,
}

impl Pending {
    /// True while the report is in wasm memory: a getter is alive and it was not read.
    fn waiting(&self) -> bool {
        self.report
            .upgrade()
            .is_some_and(|r| r.try_borrow().is_ok_and(|r| r.waiting()))
    }
}
/// How much wasm memory unread reports may hold before the oldest are built as JS objects.
/// A result that is dropped unread frees its report when the engine collects it, but code that
/// converts batch after batch without yielding gives the engine no chance to: past this, the
/// oldest reports move to the JS heap, which the engine can collect, instead of growing wasm
/// memory (which never shrinks) toward its 4 GiB limit.
const PENDING_BUDGET: usize = 128 << 20;

/// The unread reports, oldest first, and what they are known to hold at most.
#[derive(Default)]
struct PendingReports {
    reports: Vec<Pending>,
    /// The bytes of `reports` (some may have been read or freed since they were counted).
    held: usize,
    /// How many reports the last sweep kept: the next sweep waits until there are twice as
    /// many, so that a loop of small conversions does not look at every earlier report on
    /// every call.
    kept_at_sweep: usize,
}

thread_local! {
    static PENDING: RefCell<PendingReports> = RefCell::new(PendingReports::default());
}

/// Records the unread report of a new result.
fn hold_pending(report: Pending) {
    PENDING.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            p.held = p.held.saturating_add(report.bytes);
            p.reports.push(report);
        }
    });
}

/// Forgets the reports that were read or freed, and builds the oldest unread ones while those
/// left waiting hold more than [`PENDING_BUDGET`], down to half of it: each sweep then leaves
/// room for many more results before the next, so that its cost, a look at every report still
/// held, is spread over them. Between sweeps this is a comparison.
fn settle_pending() {
    let due = PENDING.with(|p| {
        p.try_borrow().is_ok_and(|p| {
            p.held > PENDING_BUDGET || p.reports.len() >= 2 * p.kept_at_sweep.max(64)
        })
    });
    if !due {
        return;
    }
    let Some(mut pending) = PENDING
        .with(|p| {
            p.try_borrow_mut()
                .map(|mut p| std::mem::take(&mut p.reports))
        })
        .ok()
    else {
        return;
    };
    pending.retain(Pending::waiting);
    let mut held: usize = pending.iter().map(|p| p.bytes).sum();
    let mut kept = Vec::with_capacity(pending.len());
    let mut evicting = held > PENDING_BUDGET;
    for p in pending {
        if evicting && held > PENDING_BUDGET / 2 {
            held = held.saturating_sub(p.bytes);
            if let Some(report) = p.report.upgrade() {
                if let Ok(mut report) = report.try_borrow_mut() {
                    report.build();
                }
            }
        } else {
            evicting = false;
            kept.push(p);
        }
    }
    PENDING.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            // Results made while the reports were built (none: building runs no conversion)
            // stay after the older ones.
            let newer = std::mem::take(&mut p.reports);
            p.held = held.saturating_add(newer.iter().map(|r| r.bytes).sum());
            p.kept_at_sweep = kept.len();
            p.reports = kept;
            p.reports.extend(newer);
        }
    });
}
