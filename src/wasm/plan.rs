//! `plan`, the `Planner` class, `checkSolution`, `renderPlan` and `samplePlanProblem`.
//!
//! The problem crosses as a JS object read by `serde-wasm-bindgen` (which keeps `NaN` and
//! `Infinity`, so the core can report them per order; `JSON.stringify` would turn them into
//! `null`), or as JSON text. Time comes from `performance.now()` (falling back to `Date.now()`):
//! the core never reads a clock. Problems *in* the problem (an order without coordinates, an
//! impossible window) come back in the solution's `issues` and `unserved`; only a problem that
//! cannot be planned at all throws, with `code` the first error's code and `issues` them all.

use super::{js_type, options as read_options, throw, to_js};
use crate::issue::{codes, Issue, UsageError};
use crate::plan::render::{self, RenderOptions};
use crate::plan::{self, PlanOptions, PlanProblem, PlanSolution, Progress};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_PLAN_TYPES: &str = include_str!("plan.d.ts");

#[wasm_bindgen]
extern "C" {
    /// The options argument of `plan`, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "PlanOptions")]
    pub type PlanOptionsArg;

    /// The options argument of `renderPlan`, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "PlanRenderOptions")]
    pub type PlanRenderOptionsArg;

    #[wasm_bindgen(catch, js_namespace = performance, js_name = now)]
    fn performance_now() -> Result<f64, JsValue>;
}

/// Milliseconds from the platform's monotonic clock (`Date.now()` where there is none).
fn now_ms() -> f64 {
    performance_now().unwrap_or_else(|_| js_sys::Date::now())
}

/// Throws a list of issues: `code`/`message` of the first error, `issues` holding all.
fn throw_issues(issues: &[Issue]) -> JsValue {
    let first = issues
        .iter()
        .find(|i| i.is_error())
        .or_else(|| issues.first());
    let (code, message) = match first {
        Some(i) if i.path.is_empty() => (i.code.to_string(), i.message.to_string()),
        Some(i) => (i.code.to_string(), format!("{} (at {})", i.message, i.path)),
        None => (
            codes::INVALID_ARGUMENT.to_string(),
            "nothing can be planned.".to_string(),
        ),
    };
    let err = js_sys::Error::new(&message);
    // Reflect::set only fails on frozen or proxy objects; a fresh Error is neither.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(&code));
    if let Ok(list) = to_js(&issues) {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("issues"), &list);
    }
    err.set_name("OrderbridgeError");
    err.into()
}

fn bad_argument(message: String) -> JsValue {
    throw(UsageError::new(codes::INVALID_ARGUMENT, message))
}

/// Reads a value of a core input type from a JS object or from JSON text.
fn read<T: serde::de::DeserializeOwned>(
    v: &JsValue,
    name: &str,
    shape: &str,
) -> Result<T, JsValue> {
    if let Some(text) = v.as_string() {
        return serde_json::from_str(&text).map_err(|e| {
            let code = if e.is_syntax() || e.is_eof() {
                codes::INVALID_JSON
            } else {
                codes::INVALID_ARGUMENT
            };
            throw(UsageError::new(
                code,
                format!("`{name}` is not a {shape} in JSON: {e}."),
            ))
        });
    }
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(bad_argument(format!(
            "`{name}` must be a {shape} object or its JSON text, not {}.",
            js_type(v)
        )));
    }
    serde_wasm_bindgen::from_value(v.clone())
        .map_err(|e| bad_argument(format!("`{name}` does not have the {shape} shape: {e}.")))
}

/// Reads `timeLimitMs`, `maxIterations`, `seed` and `onProgress` from the options object.
fn plan_options(v: &Option<JsValue>) -> Result<(PlanOptions, Option<js_sys::Function>), JsValue> {
    let mut options = PlanOptions::default();
    let Some(v) = v.as_ref().filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok((options, None));
    };
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(throw(UsageError::new(
            codes::INVALID_OPTION,
            format!("options must be an object, not {}.", js_type(v)),
        )));
    }
    const KNOWN: &[&str] = &["timeLimitMs", "maxIterations", "seed", "onProgress"];
    let object: &js_sys::Object = v.unchecked_ref();
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !KNOWN.contains(&key.as_str()) {
            return Err(throw(UsageError::new(
                codes::INVALID_OPTION,
                format!("unknown option `{key}`; the options are `timeLimitMs`, `maxIterations`, `seed`, `onProgress`."),
            )));
        }
    }
    let get =
        |key: &str| js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let bad = |key: &str, what: &str, got: &JsValue| {
        throw(UsageError::new(
            codes::INVALID_OPTION,
            format!("`{key}` must be {what}, not {}.", describe(got)),
        ))
    };
    let t = get("timeLimitMs");
    if !t.is_undefined() && !t.is_null() {
        match t.as_f64() {
            Some(ms) if ms.is_finite() && ms >= 0.0 => options.time_limit_ms = Some(ms),
            _ => return Err(bad("timeLimitMs", "a number of milliseconds ≥ 0", &t)),
        }
    }
    let whole = |x: &JsValue| {
        x.as_f64()
            .filter(|n| n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(n))
    };
    let i = get("maxIterations");
    if !i.is_undefined() && !i.is_null() {
        match whole(&i) {
            Some(n) => options.max_iterations = Some(n as u64),
            None => return Err(bad("maxIterations", "a whole number ≥ 0", &i)),
        }
    }
    let s = get("seed");
    if !s.is_undefined() && !s.is_null() {
        match whole(&s) {
            Some(n) => options.seed = n as u64,
            None => return Err(bad("seed", "a whole number ≥ 0", &s)),
        }
    }
    let p = get("onProgress");
    let callback = if p.is_undefined() || p.is_null() {
        None
    } else {
        match p.dyn_into::<js_sys::Function>() {
            Ok(f) => Some(f),
            Err(p) => return Err(bad("onProgress", "a function", &p)),
        }
    };
    Ok((options, callback))
}

fn describe(v: &JsValue) -> String {
    match v.as_f64() {
        Some(n) => format!("{n}"),
        None => js_type(v),
    }
}

/// Plans in one call: validates the problem, searches for `timeLimitMs` (default 1000 when no
/// `maxIterations` is given) and returns the best plan. `onProgress` is called about every
/// 50 ms of search and once at the end; an exception it throws stops the search and is
/// rethrown. This call blocks its thread: in a page, run it in a Web Worker or use `Planner`.
#[wasm_bindgen(js_name = plan, unchecked_return_type = "PlanSolution", skip_jsdoc)]
pub fn plan(
    #[wasm_bindgen(unchecked_param_type = "PlanProblem | string")] problem: JsValue,
    options: Option<PlanOptionsArg>,
) -> Result<JsValue, JsValue> {
    let problem: PlanProblem = read(&problem, "problem", "PlanProblem")?;
    let (options, callback) = plan_options(&options.map(JsValue::from))?;
    let mut planner = plan::Planner::new(&problem, &options).map_err(|i| throw_issues(&i))?;
    let mut clock = now_ms;
    loop {
        let progress = planner.step(50.0, &mut clock);
        if let Some(f) = &callback {
            f.call1(&JsValue::NULL, &to_js(&progress)?)?;
        }
        if progress.done {
            break;
        }
    }
    to_js(&planner.best())
}

/// A search that runs in slices: `step(budgetMs)` searches for about that long and returns the
/// progress, so that a page stays responsive (call it from `requestAnimationFrame` or a
/// `MessageChannel` loop) and an edge worker stays inside its CPU budget. `best()` returns the
/// best plan so far at any time. Call `free()` when done.
#[wasm_bindgen(js_name = Planner)]
pub struct JsPlanner {
    inner: plan::Planner,
}

#[wasm_bindgen(js_class = Planner)]
impl JsPlanner {
    /// Validates and compiles the problem (throws when nothing can be planned); no search yet.
    /// `onProgress` is not used here: `step` returns the progress.
    #[wasm_bindgen(constructor, skip_jsdoc)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PlanProblem | string")] problem: JsValue,
        options: Option<PlanOptionsArg>,
    ) -> Result<JsPlanner, JsValue> {
        let problem: PlanProblem = read(&problem, "problem", "PlanProblem")?;
        let (options, _) = plan_options(&options.map(JsValue::from))?;
        let inner = plan::Planner::new(&problem, &options).map_err(|i| throw_issues(&i))?;
        Ok(JsPlanner { inner })
    }

    /// Searches for about `budgetMs` milliseconds (the first call also builds the first plan,
    /// whatever the budget) and returns the progress; `done` is true once the overall budget
    /// is spent, after which `step` returns at once.
    #[wasm_bindgen(unchecked_return_type = "PlanProgress", skip_jsdoc)]
    pub fn step(
        &mut self,
        #[wasm_bindgen(js_name = budgetMs, unchecked_param_type = "number")] budget_ms: JsValue,
    ) -> Result<JsValue, JsValue> {
        let budget = match budget_ms.as_f64() {
            Some(b) if b >= 0.0 => b,
            _ if budget_ms.is_undefined() => 50.0,
            _ => {
                return Err(throw(UsageError::new(
                    codes::INVALID_ARGUMENT,
                    format!(
                        "`budgetMs` must be a number of milliseconds ≥ 0, not {}.",
                        describe(&budget_ms)
                    ),
                )))
            }
        };
        let progress: Progress = self.inner.step(budget, &mut now_ms);
        to_js(&progress)
    }

    /// The best plan found so far.
    #[wasm_bindgen(unchecked_return_type = "PlanSolution", skip_jsdoc)]
    pub fn best(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.best())
    }

    /// The current progress, without searching.
    #[wasm_bindgen(unchecked_return_type = "PlanProgress", skip_jsdoc)]
    pub fn progress(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.progress())
    }

    /// Issues found in the problem (orders and vehicles left out, warnings).
    #[wasm_bindgen(getter, unchecked_return_type = "Issue[]", skip_jsdoc)]
    pub fn issues(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.issues())
    }
}

/// Checks a plan against its problem independently of the planner: every arrival, wait, load
/// and cost is recomputed and every violated constraint is listed.
#[wasm_bindgen(js_name = checkSolution, unchecked_return_type = "PlanCheckReport", skip_jsdoc)]
pub fn check_solution(
    #[wasm_bindgen(unchecked_param_type = "PlanProblem | string")] problem: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PlanSolution | string")] solution: JsValue,
) -> Result<JsValue, JsValue> {
    let problem: PlanProblem = read(&problem, "problem", "PlanProblem")?;
    let (problem, _) = plan::adapt::resolve(&problem).map_err(|i| throw_issues(&i))?;
    let solution: PlanSolution = read(&solution, "solution", "PlanSolution")?;
    to_js(&plan::check_solution(&problem, &solution))
}

const RENDER_KEYS: &[&str] = &[
    "date",
    "clockZeroUnix",
    "timeZone",
    "metresPerUnit",
    "routeIdBase",
    "numbersAsStrings",
    "routeNumberPrefix",
];

/// Writes a plan in a vendor's route fields: `"optimoroute"` (a `get_routes` response),
/// `"wialon"` (per order `u` and `p.r`) or `"yandex"` (per order `route_number`).
#[wasm_bindgen(js_name = renderPlan, unchecked_return_type = "PlanRendered", skip_jsdoc)]
pub fn render_plan(
    #[wasm_bindgen(unchecked_param_type = "PlanProblem | string")] problem: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PlanSolution | string")] solution: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"optimoroute\" | \"wialon\" | \"yandex\"")]
    vendor: JsValue,
    options: Option<PlanRenderOptionsArg>,
) -> Result<JsValue, JsValue> {
    let vendor = vendor.as_string().ok_or_else(|| {
        throw(UsageError::new(
            codes::UNKNOWN_FORMAT,
            format!(
                "`vendor` must be \"optimoroute\", \"wialon\" or \"yandex\", not {}.",
                js_type(&vendor)
            ),
        ))
    })?;
    let options: RenderOptions = read_options(&options.map(JsValue::from), RENDER_KEYS)?;
    let solution: PlanSolution = read(&solution, "solution", "PlanSolution")?;
    let rendered = match vendor.as_str() {
        "yandex" => render::yandex_route_numbers(&solution, &options),
        "wialon" => render::wialon_route_info(&solution, &options).map_err(throw)?,
        "optimoroute" => {
            let problem: PlanProblem = read(&problem, "problem", "PlanProblem")?;
            let (problem, _) = plan::adapt::resolve(&problem).map_err(|i| throw_issues(&i))?;
            render::optimoroute_routes(&problem, &solution, &options).map_err(throw)?
        }
        other => {
            return Err(throw(UsageError::new(
                codes::UNKNOWN_FORMAT,
                format!("vendor \"{other}\" has no route rendering; use \"optimoroute\", \"wialon\" or \"yandex\"."),
            )))
        }
    };
    to_js(&rendered)
}

/// A deterministic sample problem: a city delivery day with `orders` stops and `vehicles` vans
/// (the generator of the planner's scale benchmark; see `instances::city` in the Rust docs).
#[wasm_bindgen(js_name = samplePlanProblem, unchecked_return_type = "PlanProblem", skip_jsdoc)]
pub fn sample_plan_problem(
    #[wasm_bindgen(unchecked_param_type = "number")] orders: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] vehicles: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | undefined")] seed: JsValue,
) -> Result<JsValue, JsValue> {
    let count = |v: &JsValue, name: &str, max: f64| -> Result<usize, JsValue> {
        match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=max).contains(&n) => Ok(n as usize),
            _ => Err(bad_argument(format!(
                "`{name}` must be a whole number from 0 to {max}, not {}.",
                describe(v)
            ))),
        }
    };
    let orders = count(&orders, "orders", 100_000.0)?;
    let vehicles = count(&vehicles, "vehicles", 10_000.0)?;
    let seed = if seed.is_undefined() {
        1
    } else {
        count(&seed, "seed", 9_007_199_254_740_991.0)? as u64
    };
    to_js(&plan::instances::city(orders, vehicles, seed))
}

/// Bytes of WebAssembly memory in use by the module (linear memory never shrinks, so after a
/// call this is the peak it needed). For benchmarks and memory budgets.
#[wasm_bindgen(js_name = wasmMemoryBytes, skip_jsdoc)]
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer: js_sys::ArrayBuffer = memory.buffer().unchecked_into();
    f64::from(buffer.byte_length())
}
