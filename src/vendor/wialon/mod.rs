//! Wialon (Gurtam) Logistics, remote API `order/update`: requests for every `callMode` and the
//! responses per call mode.
//!
//! Sources: `wialon-order-update.txt` (newer: `v`/`w` as text, `dp` as an array, `p.r` numbers
//! as text) and `wialon-order-update-full.txt` (older: numbers, `dp` as text, `cf`, responses),
//! plus the general error table in `VENDOR-FACTS.md`. Both document versions are accepted.
//!
//! A request is accepted in three shapes, and issues point into the shape given:
//! - the `params` object: `{"itemId": 1, "id": 0, "callMode": "create", ...}` (paths `/p/n`);
//! - the envelope object `{"svc": "order/update", "params": {...}}` (paths `/params/p/n`);
//!   `params` may also be the JSON text;
//! - the form text `svc=order/update&params={...}&sid=...` (or a whole URL holding it), decoded
//!   as the server decodes it; issues inside `params` are reported under `/params` as if the
//!   text were the envelope object. The `sid` value is a credential and is never echoed;
//! - `core/batch` around several calls (the envelope object or the form text), its params being
//!   the list of calls `[{"svc": "order/update", "params": {...}}, ...]` or
//!   `{"params": [...], "flags": 0|1}` as Wialon's `core/batch` reference gives them; every
//!   call must be `order/update` (paths `/params/params/3/params/n`). Kind `core/batch`.
//!
//! `callMode` is required in the payload (the server answers error 4, "invalid call mode",
//! without it) unless the `callMode` option supplies it, e.g. for an order form whose app adds
//! it when sending. Without either, the mode is inferred from `id` (0 or absent: create, else
//! update) and `Validated::inferred` says so. Each mode's rules: create needs `id` 0 or absent
//! and the order point `y`/`x` (our reading: an order is a place to visit); update needs `id` >
//! 0; delete, assign, register, reject and confirm need `id` > 0, assign also `u`; every mode
//! needs `itemId`. Order content sent with a mode that ignores it is a `CONFLICTING_FIELDS`
//! warning.
//!
//! The validated kind is `order/update:<callMode>` for requests and
//! `order/update:<callMode>.response` (or `order/update.response` when the answer `{}` or an
//! error does not tell the call mode) for responses.

pub mod convert;
mod form;
pub mod model;
mod polyline;
pub mod read;

pub use model::{CallMode, Order, OrderCore, OrderParams, OrderProps, Response, RouteInfo};
pub use read::{read_order, read_params, read_response};

use crate::check::{quote_list, Checker};
use crate::convert::walk::{walk_list, Item, Limit, Walk};
use crate::issue::{codes, Issue};
use crate::json::{Path, Value};
use crate::vendor::{tag_vendor_code, unknown_endpoint, ValidateOptions, Validated, Vendor};

/// The only endpoint: the `order/update` service.
pub const ENDPOINT: &str = "order/update";

/// The Wialon format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wialon;

/// The registered instance.
pub static WIALON: Wialon = Wialon;

/// Wialon's "invalid input" error, which the server answers to a payload with any of the
/// errors found here.
pub(crate) const INVALID_INPUT: &str = "4";

/// The documented meaning of Wialon error `code` as `order/update` answers it: the order
/// document's own meanings for 4, 6 and 7, the general remote-API table (`VENDOR-FACTS.md`)
/// for the others. `None` for codes in neither.
pub fn error_meaning(code: i64) -> Option<&'static str> {
    Some(match code {
        // order/update's own meanings.
        4 => "invalid call mode or incorrect data (invalid input)",
        6 => "couldn't update the specified route; make sure the route id is correct",
        7 => "couldn't fetch the resource or unit (access denied); see the reason in the response",
        // The general table.
        0 => "success",
        1 => "invalid session; log in again",
        2 => "invalid service name",
        3 => "invalid result",
        5 => "error performing the request",
        8 => "invalid user name or password",
        9 => "authorization server unavailable",
        10 => "reached the limit of concurrent requests (at most 10 per session); retry later",
        11 => "password reset error",
        12 => "subsystem not loaded",
        14 => "billing error",
        1001 => "no messages for the selected interval",
        1002 => "an item with this unique property already exists, or billing forbids creating it",
        1003 => "only one request is allowed at the moment",
        -100 => "client-side network timeout",
        -101 => "bad network response",
        _ => return None,
    })
}

/// The fields of the order content: only `create` and `update` use them (`u` is also the
/// point of `assign`).
const CONTENT_FIELDS: [&str; 17] = [
    "n",
    "oldOrderId",
    "oldOrderFiles",
    "p",
    "rp",
    "f",
    "tf",
    "tt",
    "trt",
    "r",
    "y",
    "x",
    "u",
    "ej",
    "tz",
    "cf",
    "dp",
];

impl Vendor for Wialon {
    fn id(&self) -> &'static str {
        "wialon"
    }

    fn endpoints(&self) -> &'static [&'static str] {
        &[ENDPOINT, BATCH_SERVICE]
    }

    fn codec(&self) -> Option<&'static dyn crate::convert::Codec> {
        Some(&convert::CODEC)
    }

    /// The form text `svc=...&params=...` (or a URL holding it) is Wialon's documented
    /// request form.
    fn accepts_text(&self, text: &str) -> bool {
        form::parse(text)
            .iter()
            .any(|field| field.key == "svc" || field.key == "params")
    }

    fn validate(
        &self,
        payload: &Value,
        options: &ValidateOptions,
        checker: &mut Checker,
    ) -> Option<Validated> {
        if let Some(name) = options.endpoint.as_deref() {
            if name != ENDPOINT && name != BATCH_SERVICE {
                unknown_endpoint(checker, self, name);
                return None;
            }
        }
        let wanted = match options.call_mode.as_deref() {
            None => None,
            Some(name) => match CallMode::from_name(name) {
                Some(mode) => Some(mode),
                None => {
                    checker.push(Issue::error(
                        "",
                        codes::INVALID_OPTION,
                        format!(
                            "The callMode option is \"{name}\"; use one of {}.",
                            quote_list(&CallMode::NAMES)
                        ),
                    ));
                    return None;
                }
            },
        };
        let endpoint_inferred = options.endpoint.is_none();
        if options.response || looks_like_response(payload, wanted.is_some()) {
            let (mode, mode_inferred) = validate_response(payload, wanted, checker)?;
            let kind = match mode {
                Some(mode) => format!("{ENDPOINT}:{}.response", mode.name()),
                None => format!("{ENDPOINT}.response"),
            };
            return Some(Validated {
                kind,
                inferred: endpoint_inferred || mode_inferred || !options.response,
            });
        }
        let from = checker.issues.len();
        let outcome = read_request(payload, wanted, checker, &mut |_, _, _| {});
        tag_vendor_code(checker, from, INVALID_INPUT);
        let read = outcome?;
        if read.batch {
            return Some(Validated {
                kind: BATCH_SERVICE.to_string(),
                inferred: endpoint_inferred,
            });
        }
        let (mode, mode_inferred) = read.mode?;
        Some(Validated {
            kind: format!("{ENDPOINT}:{}", mode.name()),
            inferred: endpoint_inferred || mode_inferred,
        })
    }
}

/// Responses are arrays, `{}` or `{"error": N}`; requests are never arrays or errors. `{}` is
/// also what an empty order form holds: with a callMode option it is read as that (empty)
/// request, so the form is told what is missing.
fn looks_like_response(payload: &Value, call_mode_given: bool) -> bool {
    match payload {
        Value::Array(_) => true,
        Value::Object(o) => (o.is_empty() && !call_mode_given) || o.contains_key("error"),
        _ => false,
    }
}

/// Checks a response against the call mode it answers (given, or read from its shape).
fn validate_response(
    payload: &Value,
    wanted: Option<CallMode>,
    ck: &mut Checker,
) -> Option<(Option<CallMode>, bool)> {
    let response = read_response(payload, &Path::root(), ck)?;
    let shape_mode = match response {
        Response::Created { .. } => Some(CallMode::Create),
        Response::Updated { .. } => Some(CallMode::Update),
        Response::Deleted { .. } => Some(CallMode::Delete),
        Response::Done | Response::Error { .. } => None,
    };
    let Some(wanted) = wanted else {
        return Some((shape_mode, true));
    };
    let fits = match response {
        Response::Error { .. } => true,
        Response::Done => !wanted.carries_content() && wanted != CallMode::Delete,
        _ => shape_mode == Some(wanted),
    };
    if !fits {
        let expected = match wanted {
            CallMode::Create => "[id, {order}]",
            CallMode::Update => "[id]",
            CallMode::Delete => "[id, null]",
            _ => "{}",
        };
        ck.error(
            &Path::root(),
            codes::INVALID_TYPE,
            format!(
                "callMode {} answers {expected} (or {{\"error\": N}}), which this response is not.",
                wanted.name()
            ),
        );
    }
    Some((Some(wanted), false))
}

/// One `order/update` params object of a request, read and checked.
#[derive(Debug, Clone)]
pub(crate) struct ParamsItem {
    /// JSON Pointer of the params object in the payload (`""`, `/params`,
    /// `/params/params/3/params`).
    pub pointer: String,
    /// The params as read; `None` when they are not an object (or not JSON text).
    pub params: Option<OrderParams<'static>>,
    /// The call mode validated against.
    pub mode: Option<CallMode>,
    /// No error was recorded for this params object (nor, in a batch, for its command).
    pub ok: bool,
}

/// What a request holds: one `order/update` call, or a `core/batch` of them.
#[derive(Debug, Clone)]
pub(crate) struct RequestRead {
    /// A `core/batch` request.
    pub batch: bool,
    /// The params read but not yet handed to the visitor (a batch hands each call's over as
    /// soon as the call is read; a single call at the end, when the whole payload is known).
    items: Vec<ParamsItem>,
    /// The call mode of a single call and whether it was inferred.
    pub mode: Option<(CallMode, bool)>,
}

/// Receives each params object read: the item, whether it is a call of a `core/batch`, and
/// the checker.
pub(crate) type Visit<'v> = dyn FnMut(ParamsItem, bool, &mut Checker) + 'v;

/// The practical limit of commands in one `core/batch` (`VENDOR-FACTS.md`: "up to 1000 orders
/// per request is the practical batch limit"); more is a warning, not a rejection.
pub const BATCH_PRACTICAL_LIMIT: usize = 1000;

/// The `core/batch` service, which wraps several calls in one request.
pub const BATCH_SERVICE: &str = "core/batch";

/// Dispatches on the request shape and reads every `order/update` params object in it.
pub(crate) fn read_request(
    payload: &Value,
    wanted: Option<CallMode>,
    ck: &mut Checker,
    visit: &mut Visit,
) -> Option<RequestRead> {
    let mut out = RequestRead {
        batch: false,
        items: Vec::new(),
        mode: None,
    };
    match payload {
        Value::String(text) => validate_form(text, wanted, ck, &mut out, visit),
        Value::Object(o) if o.contains_key("svc") || o.contains_key("params") => {
            let root = Path::root();
            let batch = o.get("svc").and_then(Value::as_str) == Some(BATCH_SERVICE);
            let mut saw_params = false;
            for (key, value) in o.iter() {
                let p = root.key(key);
                match key {
                    "svc" => {
                        if let Some(svc) = ck.string(value, &p) {
                            check_service(svc, &p, ck, true);
                        }
                    }
                    "params" => {
                        saw_params = true;
                        if batch {
                            match value {
                                Value::String(text) => {
                                    batch_params_text(text, &p, wanted, ck, &mut out, visit)
                                }
                                _ => batch_params(value, &p, wanted, ck, &mut out, visit),
                            }
                        } else {
                            match value {
                                Value::String(text) => {
                                    validate_params_text(text, &p, wanted, ck, &mut out)
                                }
                                _ => validate_params(value, &p, wanted, ck, &mut out),
                            }
                        }
                    }
                    // A credential: accepted, never read or echoed.
                    "sid" => {}
                    _ => ck.unknown_field(&p, "a Wialon request"),
                }
            }
            if !o.contains_key("svc") {
                ck.missing(
                    &root,
                    "svc",
                    "\"order/update\" (or \"core/batch\" around several calls)",
                );
            }
            if !saw_params {
                ck.missing(&root, "params", "the order/update parameters");
            }
        }
        Value::Object(_) => validate_params(payload, &Path::root(), wanted, ck, &mut out),
        _ => {
            ck.error(
                &Path::root(),
                codes::INVALID_TYPE,
                format!(
                    "A Wialon order/update request is the params object, {{\"svc\": \"order/update\", \"params\": {{...}}}}, a core/batch of such calls, or the text svc=order/update&params={{...}}, not {}.",
                    crate::check::describe(payload)
                ),
            );
            return None;
        }
    }
    for item in std::mem::take(&mut out.items) {
        visit(item, out.batch, ck);
    }
    Some(out)
}

/// Checks `svc`: `order/update`, or (at the top of a request) `core/batch`.
fn check_service(svc: &str, p: &Path, ck: &mut Checker, batch_allowed: bool) {
    if svc != ENDPOINT && !(batch_allowed && svc == BATCH_SERVICE) {
        ck.error(
            p,
            codes::UNKNOWN_ENUM_VALUE,
            format!(
                "`svc` is \"{}\"; orderbridge validates order/update requests only{}.",
                svc.chars().take(60).collect::<String>(),
                if batch_allowed {
                    ", alone or in a core/batch"
                } else {
                    ""
                }
            ),
        );
    }
}

/// The form text `svc=order/update&params={...}&sid=...` (or `svc=core/batch&params=...`).
fn validate_form(
    text: &str,
    wanted: Option<CallMode>,
    ck: &mut Checker,
    out: &mut RequestRead,
    visit: &mut Visit,
) {
    let root = Path::root();
    let fields = form::parse(text);
    let batch = fields
        .iter()
        .any(|f| f.key == "svc" && f.value.as_deref() == Ok(BATCH_SERVICE));
    let (mut saw_svc, mut saw_params) = (false, false);
    for field in &fields {
        let p = root.key(&field.key);
        let value = match (&field.value, field.key.as_str()) {
            (_, "sid") => continue,
            (Ok(value), _) => value,
            (Err(_), _) => {
                ck.error(
                    &p,
                    codes::INVALID_FORMAT,
                    format!(
                        "{} holds %-escapes that do not decode to UTF-8 text.",
                        p.name()
                    ),
                );
                continue;
            }
        };
        match field.key.as_str() {
            "svc" => {
                saw_svc = true;
                check_service(value, &p, ck, true);
            }
            "params" => {
                saw_params = true;
                if field.raw_json_altered {
                    ck.warning(
                        &p,
                        codes::INVALID_FORMAT,
                        "`params` is raw JSON holding '+' or '%', which the server decodes ('+' becomes a space): percent-encode the value (encodeURIComponent).",
                    );
                }
                if batch {
                    batch_params_text(value, &p, wanted, ck, out, visit);
                } else {
                    validate_params_text(value, &p, wanted, ck, out);
                }
            }
            _ => ck.unknown_field(&p, "a Wialon request"),
        }
    }
    if !saw_svc {
        ck.missing(&root, "svc", "the form text must hold svc=order/update");
    }
    if !saw_params {
        ck.missing(&root, "params", "the form text must hold params={...}");
    }
}

/// `params` given as JSON text (form value or envelope string).
fn validate_params_text(
    text: &str,
    p: &Path,
    wanted: Option<CallMode>,
    ck: &mut Checker,
    out: &mut RequestRead,
) {
    match crate::json::parse(text) {
        Ok(value) => validate_params(&value, p, wanted, ck, out),
        Err(e) => {
            ck.error(
                p,
                codes::INVALID_FORMAT,
                format!("`params` is not valid JSON: {e}."),
            );
            out.items.push(ParamsItem {
                pointer: p.to_pointer(),
                params: None,
                mode: None,
                ok: false,
            });
        }
    }
}

/// `core/batch` params given as JSON text (form value or envelope string).
fn batch_params_text(
    text: &str,
    p: &Path,
    wanted: Option<CallMode>,
    ck: &mut Checker,
    out: &mut RequestRead,
    visit: &mut Visit,
) {
    out.batch = true;
    match crate::json::parse(text) {
        Ok(value) => batch_params(&value, p, wanted, ck, out, visit),
        Err(e) => ck.error(
            p,
            codes::INVALID_FORMAT,
            format!("`params` is not valid JSON: {e}."),
        ),
    }
}

/// The params of `core/batch`: the list of calls `[{svc, params}, ...]`, or
/// `{"params": [...], "flags": 0|1}` (1 stops the batch at the first failing call).
fn batch_params(
    v: &Value,
    path: &Path,
    wanted: Option<CallMode>,
    ck: &mut Checker,
    out: &mut RequestRead,
    visit: &mut Visit,
) {
    out.batch = true;
    let (list, list_path) = match v {
        Value::Array(_) => (Some(v), *path),
        Value::Object(o) => {
            for (key, value) in o.iter() {
                let p = path.key(key);
                match key {
                    "params" => {}
                    "flags" => {
                        ck.int_enum(
                            value,
                            &p,
                            &[(0, "execute every call"), (1, "stop at the first error")],
                        );
                    }
                    _ => ck.unknown_field(&p, "the core/batch params"),
                }
            }
            if !o.contains_key("params") {
                ck.missing(
                    path,
                    "params",
                    "the list of calls, [{\"svc\": \"order/update\", \"params\": {...}}, ...]",
                );
            }
            (o.get("params"), path.key("params"))
        }
        _ => {
            ck.error(
                path,
                codes::INVALID_TYPE,
                format!(
                    "The core/batch params are a list of calls or {{\"params\": [...], \"flags\": 0}}, not {}.",
                    crate::check::describe(v)
                ),
            );
            return;
        }
    };
    let Some(items) = list.and_then(|l| ck.array(l, &list_path)) else {
        return;
    };
    if items.is_empty() {
        ck.error(
            &list_path,
            codes::EMPTY,
            "The batch holds no calls: add at least one order/update call.",
        );
    }
    if items.len() > BATCH_PRACTICAL_LIMIT {
        ck.push(too_many_calls(items.len(), &list_path));
    }
    for (i, item) in items.iter().enumerate() {
        batch_call(item, &list_path.index(i), wanted, ck, out, visit);
    }
}

/// Reads call `item` of a `core/batch` at `item_path` and hands its params over at once.
fn batch_call(
    item: &Value,
    item_path: &Path,
    wanted: Option<CallMode>,
    ck: &mut Checker,
    out: &mut RequestRead,
    visit: &mut Visit,
) {
    let before = ck.issues.len();
    let first = out.items.len();
    if let Some(call) = ck.object(item, item_path) {
        for (key, value) in call.iter() {
            let p = item_path.key(key);
            match key {
                "svc" => {
                    if let Some(svc) = ck.string(value, &p) {
                        check_service(svc, &p, ck, false);
                    }
                }
                "params" => match value {
                    Value::String(text) => validate_params_text(text, &p, wanted, ck, out),
                    _ => validate_params(value, &p, wanted, ck, out),
                },
                _ => ck.unknown_field(&p, "a core/batch call"),
            }
        }
        if !call.contains_key("svc") {
            ck.missing(item_path, "svc", "\"order/update\"");
        }
        if !call.contains_key("params") {
            ck.missing(item_path, "params", "the order/update parameters");
        }
    }
    // One item per call, even when the call had no usable params, so that positions match.
    if out.items.len() == first {
        out.items.push(ParamsItem {
            pointer: item_path.key("params").to_pointer(),
            params: None,
            mode: None,
            ok: false,
        });
    }
    let ok = !ck.errors_since(before);
    let staged: Vec<ParamsItem> = out.items.drain(first..).collect();
    for mut item in staged {
        item.ok &= ok;
        visit(item, true, ck);
    }
}

/// Reads a `core/batch` request given as text call by call, as [`read_request`] reads it
/// parsed, with each call handed over as soon as it is read: the batch is never one tree in
/// memory. Only the form this crate writes is walked, `{"svc": "core/batch", "params":
/// {"params": [...], "flags": 0}}` in that order; anything else is read whole.
pub(crate) fn walk_batch(text: &str, ck: &mut Checker, visit: &mut Visit) -> Walk {
    let root = Path::root();
    let params = root.key("params");
    let list = params.key("params");
    let mut out = RequestRead {
        batch: true,
        items: Vec::new(),
        mode: None,
    };
    let opening = [
        "{",
        "\"svc\"",
        ":",
        "\"core/batch\"",
        ",",
        "\"params\"",
        ":",
        "{",
        "\"params\"",
        ":",
        "[",
    ];
    let closing = [",", "\"flags\"", ":", "0", "}", "}"];
    let warning = |count| too_many_calls(count, &list);
    let limit = Limit {
        max: BATCH_PRACTICAL_LIMIT,
        warning: &warning,
    };
    walk_list(
        text,
        &opening,
        &closing,
        Some(limit),
        ck,
        &mut |i, item, ck| {
            batch_call(item, &list.index(i), None, ck, &mut out, visit);
            Item::Taken
        },
    )
}

/// The warning for a batch of `count` calls, past [`BATCH_PRACTICAL_LIMIT`].
fn too_many_calls(count: usize, list: &Path) -> Issue {
    Issue::warning(
        list.to_pointer(),
        codes::TOO_MANY_ITEMS,
        format!(
            "The batch holds {count} calls; about {BATCH_PRACTICAL_LIMIT} per request is Wialon's practical limit: split it."
        ),
    )
}

/// Reads the params and applies the rules of the call mode.
fn validate_params(
    v: &Value,
    path: &Path,
    wanted: Option<CallMode>,
    ck: &mut Checker,
    out: &mut RequestRead,
) {
    let before = ck.issues.len();
    let pointer = path.to_pointer();
    let (Some(params), Some(o)) = (read_params(v, path, ck), v.as_object()) else {
        out.items.push(ParamsItem {
            pointer,
            params: None,
            mode: None,
            ok: false,
        });
        return;
    };
    let mode_path = path.key("callMode");
    let (mode, inferred) = match (params.call_mode, wanted) {
        (Some(given), Some(wanted)) if given != wanted => {
            ck.error(
                &mode_path,
                codes::CONFLICTING_FIELDS,
                format!(
                    "`callMode` is \"{}\" but the callMode option says \"{}\"; the server does what the payload says.",
                    given.name(),
                    wanted.name()
                ),
            );
            (given, false)
        }
        (Some(given), _) => (given, false),
        // The option says what the payload does not (e.g. an order form whose app adds
        // callMode when sending): no issue then.
        (None, Some(wanted)) => (wanted, false),
        (None, None) => {
            if !o.contains_key("callMode") {
                ck.missing(
                    path,
                    "callMode",
                    &format!(
                        "one of {}; Wialon answers error 4 (invalid call mode) without it",
                        quote_list(&CallMode::NAMES)
                    ),
                );
            }
            // Without a mode, the id says it: 0 creates, an existing id updates.
            if params.order_id.unwrap_or(0) > 0 {
                (CallMode::Update, true)
            } else {
                (CallMode::Create, true)
            }
        }
    };
    if !o.contains_key("itemId") {
        ck.missing(
            path,
            "itemId",
            "the id of the resource that holds the orders",
        );
    }
    let id_path = path.key("id");
    match mode {
        CallMode::Create => {
            if let Some(id) = params.order_id.filter(|&id| id != 0) {
                ck.error(
                    &id_path,
                    codes::CONFLICTING_FIELDS,
                    format!(
                        "callMode create needs `id` 0 (the server assigns the id); to change order {id} use callMode update."
                    ),
                );
            }
            // An order is a place to visit: without its point it cannot be routed or completed.
            for (field, what) in [
                ("y", "the latitude of the order point"),
                ("x", "the longitude of the order point"),
            ] {
                if !o.contains_key(field) {
                    ck.missing(path, field, what);
                }
            }
        }
        _ => {
            if !o.contains_key("id") {
                ck.missing(
                    path,
                    "id",
                    &format!("callMode {} needs the id of an existing order", mode.name()),
                );
            } else if params.order_id == Some(0) {
                ck.error(
                    &id_path,
                    codes::OUT_OF_RANGE,
                    format!(
                        "callMode {} needs the id of an existing order; `id` 0 only creates.",
                        mode.name()
                    ),
                );
            }
        }
    }
    if mode == CallMode::Assign && !o.contains_key("u") {
        ck.missing(
            path,
            "u",
            "callMode assign needs the id of the unit to assign",
        );
    }
    if mode != CallMode::Delete && o.contains_key("force") {
        ck.warning(
            &path.key("force"),
            codes::CONFLICTING_FIELDS,
            format!(
                "`force` is only used by callMode delete; callMode {} ignores it.",
                mode.name()
            ),
        );
    }
    if !mode.carries_content() {
        for (key, _) in o.iter() {
            let ignored =
                CONTENT_FIELDS.contains(&key) && !(key == "u" && mode == CallMode::Assign);
            if ignored {
                ck.warning(
                    &path.key(key),
                    codes::CONFLICTING_FIELDS,
                    format!(
                        "`{key}` is order content, which callMode {} does not use; the server ignores it.",
                        mode.name()
                    ),
                );
            }
        }
    }
    out.mode = Some((mode, inferred));
    out.items.push(ParamsItem {
        pointer,
        mode: Some(mode),
        params: Some(params),
        ok: !ck.errors_since(before),
    });
}
