//! Magic Lane Fleet Management REST API, `/v1/orders`: create (a list), get all (query
//! parameters), get by id, update (PUT), delete, and their responses.
//!
//! Source: `magiclane-fleet-orders.txt`, plus `VENDOR-FACTS.md` for the `timeWindow` unit
//! (minutes from midnight, an inference). Endpoint names and the payload each takes:
//!
//! | endpoint | request payload | response payload |
//! |---|---|---|
//! | `create` | `[order, ...]` | `{"orders": [order, ...]}` |
//! | `get_all` | the query parameters as an object: `{"alias": "x:exact", "sort": "id:desc", "page": 1}` | `{"orders": [...]}` |
//! | `get` | `{"id": 879887}` or the bare id | one order |
//! | `update` | the order body, or `{"query": {"autoAssignDepot": 1}, "body": {order}}` | one order |
//! | `delete` | `{"ids": [78910, 78911]}` | `{"message": "..."}` |
//!
//! Requests accept `customerId` (an integer, as the create example sends it) besides the
//! `customerInfo` object the field table lists.

pub mod convert;
pub mod model;
pub mod read;

pub use model::{Order, OrderQuery, UpdateOrder};
pub use read::{read_delete, read_order, read_query, read_returned_order, read_update};

use crate::check::{describe, Checker};
use crate::issue::{codes as core_codes, Issue};
use crate::json::{Path, Value};
use crate::vendor::codes::AMBIGUOUS_PAYLOAD;
use crate::vendor::{tag_vendor_code, unknown_endpoint, ValidateOptions, Validated, Vendor};

/// Issue codes of this module (listed in `docs/errors.md`).
pub mod codes {
    /// A field the server sets or keeps (warning): `id` in a create body, `customerInfo` in an
    /// update body ("cannot be changed once saved").
    pub use crate::vendor::codes::READ_ONLY_FIELD;
}

/// The endpoint names, in the document's order.
pub const ENDPOINTS: [&str; 5] = ["create", "get_all", "get", "update", "delete"];

/// The Magic Lane format.
#[derive(Debug, Clone, Copy, Default)]
pub struct MagicLane;

/// The registered instance.
pub static MAGICLANE: MagicLane = MagicLane;

/// The HTTP status Magic Lane answers to a request with any of the errors found here.
pub(crate) const BAD_REQUEST: &str = "400";

/// The documented meaning of HTTP `status` answered by `endpoint` (one of [`ENDPOINTS`]); `None`
/// for an unknown endpoint or a status the endpoint's table does not list.
pub fn error_meaning(endpoint: &str, status: u16) -> Option<&'static str> {
    let common = match status {
        200 => Some("successful operation"),
        401 => Some("API key is missing or invalid"),
        405 => Some("incorrect method type"),
        500 => Some("database error occurred"),
        _ => None,
    };
    let specific = match (endpoint, status) {
        // The document leaves the description of 400 empty for create and update.
        ("create" | "update", 400) => Some("bad request (the document gives no details)"),
        ("get_all", 400) => {
            Some("the values sent for page and per_page are incorrect; they must be greater than 0")
        }
        ("get" | "delete", 400) => Some("invalid input or missing required fields"),
        ("get" | "update", 404) => Some("order not found in the database"),
        ("delete", 404) => Some(
            "can't delete the orders: at least one of them does not exist or is used in another operation",
        ),
        _ => None,
    };
    if !ENDPOINTS.contains(&endpoint) {
        return None;
    }
    specific.or(common)
}

/// Query parameters that are not also order fields: their presence marks a get-all query.
pub(crate) const QUERY_ONLY: [&str; 16] = [
    "search",
    "sort",
    "includeColumns",
    "page",
    "per_page",
    "orderState",
    "timeWindowStart",
    "timeWindowEnd",
    "creationTime",
    "country",
    "county",
    "city",
    "postalCode",
    "streetName",
    "streetNumber",
    "extra",
];

impl Vendor for MagicLane {
    fn id(&self) -> &'static str {
        "magiclane"
    }

    fn endpoints(&self) -> &'static [&'static str] {
        &ENDPOINTS
    }

    fn codec(&self) -> Option<&'static dyn crate::convert::Codec> {
        Some(&convert::CODEC)
    }

    fn validate(
        &self,
        payload: &Value,
        options: &ValidateOptions,
        checker: &mut Checker,
    ) -> Option<Validated> {
        let (endpoint, response, inferred) = match options.endpoint.as_deref() {
            Some(name) => match ENDPOINTS.iter().find(|e| **e == name) {
                Some(e) => (*e, options.response, false),
                None => {
                    unknown_endpoint(checker, self, name);
                    return None;
                }
            },
            None => {
                let (endpoint, response) = infer(payload, options.response, checker)?;
                (endpoint, response, true)
            }
        };
        let root = Path::root();
        if response {
            validate_response(endpoint, payload, &root, checker)?;
        } else {
            let from = checker.issues.len();
            let read = validate_request(endpoint, payload, &root, checker);
            tag_vendor_code(checker, from, BAD_REQUEST);
            read?;
        }
        Some(Validated {
            kind: if response {
                format!("{endpoint}.response")
            } else {
                endpoint.to_string()
            },
            inferred,
        })
    }
}

/// Which endpoint a payload belongs to, from its shape; records `AMBIGUOUS_PAYLOAD` when the
/// shape does not tell.
fn infer(payload: &Value, response: bool, ck: &mut Checker) -> Option<(&'static str, bool)> {
    let found = infer_endpoint(payload, response);
    if found.is_none() {
        ck.push(Issue::error(
            "",
            AMBIGUOUS_PAYLOAD,
            format!(
                "Cannot tell which Magic Lane endpoint {} is for; pass the endpoint option ({}).",
                describe(payload),
                crate::check::quote_list(&ENDPOINTS)
            ),
        ));
    }
    found
}

/// The endpoint (and whether it is its response) a payload's shape says it belongs to; `None`
/// when the shape does not tell. The conversion reader asks this too, so that it reads as
/// orders exactly what validation reads as orders.
pub(crate) fn infer_endpoint(payload: &Value, response: bool) -> Option<(&'static str, bool)> {
    match payload {
        Value::Array(_) if !response => Some(("create", false)),
        Value::Number(_) | Value::String(_) if !response => Some(("get", false)),
        Value::Object(o) => {
            if o.contains_key("orders") {
                // create and get_all answer the same shape.
                Some(("get_all", true))
            } else if o.contains_key("ids") && !response {
                Some(("delete", false))
            } else if o.len() == 1 && o.contains_key("message") {
                Some(("delete", true))
            } else if response && !o.is_empty() {
                Some(("get", true))
            } else if o.contains_key("body") {
                Some(("update", false))
            } else if QUERY_ONLY.iter().any(|k| o.contains_key(k)) {
                Some(("get_all", false))
            } else if o.len() == 1 && o.contains_key("id") {
                Some(("get", false))
            } else if !o.is_empty() {
                Some(("update", false))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn validate_request(endpoint: &str, payload: &Value, root: &Path, ck: &mut Checker) -> Option<()> {
    match endpoint {
        "create" => {
            let items = ck.array(payload, root)?;
            if items.is_empty() {
                ck.error(
                    root,
                    core_codes::EMPTY,
                    "The create body is an empty list: send at least one order.",
                );
            }
            for (i, item) in items.iter().enumerate() {
                read_order(item, &root.index(i), ck);
            }
        }
        "get_all" => {
            read_query(payload, root, ck)?;
        }
        "get" => {
            read_get(payload, root, ck)?;
        }
        "update" => {
            read_update_request(payload, root, ck)?;
        }
        _ => {
            read_delete(payload, root, ck)?;
        }
    }
    Some(())
}

fn validate_response(endpoint: &str, payload: &Value, root: &Path, ck: &mut Checker) -> Option<()> {
    match endpoint {
        "create" | "get_all" => {
            read_orders_response(payload, root, ck)?;
        }
        "get" | "update" => {
            read_returned_order(payload, root, ck)?;
        }
        _ => {
            read_message(payload, root, ck)?;
        }
    }
    Some(())
}

/// Reads the get-by-id request: `{"id": N}`, or the bare id (a number or its text).
pub fn read_get(v: &Value, path: &Path, ck: &mut Checker) -> Option<i64> {
    match v {
        Value::Object(o) => {
            let mut id = None;
            for (key, value) in o.iter() {
                let p = path.key(key);
                match key {
                    "id" => id = read::order_id(value, &p, ck),
                    _ => ck.unknown_field(&p, "the Magic Lane get-by-id request"),
                }
            }
            if !o.contains_key("id") {
                ck.missing(path, "id", "the id of the order to fetch");
            }
            id
        }
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                ck.error(
                    path,
                    core_codes::INVALID_FORMAT,
                    format!(
                        "The order id is \"{}\"; it must be a whole number greater than 0.",
                        s.chars().take(40).collect::<String>()
                    ),
                );
                None
            }
        },
        _ => read::order_id(v, path, ck),
    }
}

/// Reads an update request: the order body, or `{"query": {"autoAssignDepot": 0|1}, "body":
/// {order}}` when the query parameter is to be checked too.
pub fn read_update_request(v: &Value, path: &Path, ck: &mut Checker) -> Option<UpdateOrder> {
    let o = ck.object(v, path)?;
    if !o.contains_key("body") {
        return read_update(v, path, ck).map(|order| UpdateOrder {
            auto_assign_depot: None,
            order,
        });
    }
    let mut out = UpdateOrder::default();
    let mut body_ok = false;
    for (key, value) in o.iter() {
        let p = path.key(key);
        match key {
            "body" => {
                if let Some(order) = read_update(value, &p, ck) {
                    out.order = order;
                    body_ok = true;
                }
            }
            "query" => out.auto_assign_depot = read_update_query(value, &p, ck),
            _ => ck.unknown_field(&p, "a Magic Lane update request ({query, body})"),
        }
    }
    body_ok.then_some(out)
}

/// Reads the update request's query parameters (`{"autoAssignDepot": 0|1}`).
pub(crate) fn read_update_query(v: &Value, path: &Path, ck: &mut Checker) -> Option<bool> {
    let o = ck.object(v, path)?;
    let mut auto = None;
    for (key, value) in o.iter() {
        let p = path.key(key);
        match key {
            "autoAssignDepot" => {
                let code = match value {
                    Value::String(s) => s.trim().parse::<i64>().ok(),
                    Value::Number(n) => n.as_i64(),
                    _ => None,
                };
                auto = match code {
                    Some(0) => Some(false),
                    Some(1) => Some(true),
                    _ => {
                        ck.error(
                            &p,
                            core_codes::UNKNOWN_ENUM_VALUE,
                            format!(
                                "`autoAssignDepot` is {}; it must be 0 (no depot, the default) or 1 (assign the closest depot).",
                                describe(value)
                            ),
                        );
                        None
                    }
                };
            }
            _ => ck.unknown_field(&p, "the Magic Lane update query"),
        }
    }
    auto
}

/// Reads `{"orders": [...]}` (create and get-all responses), leniently.
pub fn read_orders_response(v: &Value, path: &Path, ck: &mut Checker) -> Option<Vec<Order>> {
    let o = ck.object(v, path)?;
    let Some(list) = o.get("orders") else {
        ck.missing(path, "orders", "the list of orders");
        return None;
    };
    let p = path.key("orders");
    let items = ck.array(list, &p)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(order) = read_returned_order(item, &p.index(i), ck) {
            out.push(order);
        }
    }
    Some(out)
}

/// Reads `{"message": "..."}` (the delete response).
pub fn read_message(v: &Value, path: &Path, ck: &mut Checker) -> Option<String> {
    let o = ck.object(v, path)?;
    let Some(message) = o.get("message") else {
        ck.missing(path, "message", "the outcome of the operation");
        return None;
    };
    ck.string(message, &path.key("message")).map(str::to_owned)
}
