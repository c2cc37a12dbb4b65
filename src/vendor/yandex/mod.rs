//! Yandex Routing, Courier / Track & Trace API: the add-order request body
//! (`POST /api/v1/companies/{company_id}/orders`) and its 200 response body.
//!
//! Source: `yandex-courier-add-order.txt`, plus `VENDOR-FACTS.md` for the HTTP error meanings.
//! Endpoint name: `add_order`; kinds `add_order` and `add_order.response`. A JSON array of
//! add-order bodies is orderbridge's batch form (kind `add_order_batch`, at most 1000 items as
//! `VENDOR-FACTS.md` gives for Yandex batch endpoints), the shape conversions write batches in. Without options, a
//! body holding any response-only field (`company_id`, `history`, `status_log`, `time_window`,
//! `time_interval_secs`, ...) is read as a response, anything else as a request.

pub mod convert;
mod interval;
pub mod model;
pub mod read;

pub use model::{Order, OrderFields, OrderRecord};
pub use read::{read_order, read_record};

use crate::check::Checker;
use crate::json::{Path, Value};
use crate::vendor::{tag_vendor_code, unknown_endpoint, ValidateOptions, Validated, Vendor};

/// Issue codes of this module (listed in `docs/errors.md`).
pub mod codes {
    /// A documented value that only the vendor may set (warning), e.g. `payment_type`
    /// `"yandex_pay"`, which "can only be set internally".
    pub const RESERVED_VALUE: &str = "RESERVED_VALUE";
}

/// The add-order endpoint.
pub const ADD_ORDER: &str = "add_order";

/// The kind of a JSON array of add-order bodies (orderbridge's batch form for Yandex: the
/// add-order document has no list body, and `VENDOR-FACTS.md` limits batch endpoints to
/// [`BATCH_LIMIT`] items).
pub const ADD_ORDER_BATCH: &str = "add_order_batch";

/// At most this many items per batch request (`VENDOR-FACTS.md`).
pub const BATCH_LIMIT: usize = 1000;

/// The Yandex Courier format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Yandex;

/// The registered instance.
pub static YANDEX: Yandex = Yandex;

/// The HTTP status Yandex answers to a body with any of the errors found here.
pub(crate) const UNPROCESSABLE: &str = "422";

/// Fields only a response holds: their presence marks a body as a response.
pub(crate) const RESPONSE_ONLY: [&str; 9] = [
    "company_id",
    "confirmed_at",
    "delivered_at",
    "history",
    "status_log",
    "shared_with_companies",
    "order_status_comments",
    "time_interval_secs",
    "time_window",
];

/// The documented meaning of an HTTP status of the Yandex Courier API (the add-order document
/// and `VENDOR-FACTS.md`); `None` for statuses neither documents.
pub fn error_meaning(status: u16) -> Option<&'static str> {
    Some(match status {
        200 => "OK: the order was registered",
        401 => "unauthorized: make sure the Authorization header holds a valid OAuth token",
        403 => "forbidden: the token has no access to this company",
        422 => "unprocessable entity: incorrect input, the operation can't be performed",
        504 => "gateway timeout: repeat the request",
        _ => return None,
    })
}

/// A JSON array of add-order bodies (or, as responses, of stored orders).
fn validate_batch(items: &[Value], options: &ValidateOptions, checker: &mut Checker) -> Validated {
    let root = Path::root();
    let from = checker.issues.len();
    if items.is_empty() {
        checker.error(
            &root,
            crate::issue::codes::EMPTY,
            "The batch is an empty list: send at least one order.",
        );
    }
    if items.len() > BATCH_LIMIT {
        checker.error(
            &root,
            crate::issue::codes::TOO_MANY_ITEMS,
            format!(
                "The batch holds {} orders; Yandex batch requests take at most {BATCH_LIMIT}. Split it.",
                items.len()
            ),
        );
    }
    for (i, item) in items.iter().enumerate() {
        let p = root.index(i);
        if options.response {
            read_record(item, &p, checker);
        } else if checker.object(item, &p).is_some() {
            read_order(item, &p, checker);
        }
    }
    if !options.response {
        tag_vendor_code(checker, from, UNPROCESSABLE);
    }
    Validated {
        kind: if options.response {
            format!("{ADD_ORDER_BATCH}.response")
        } else {
            ADD_ORDER_BATCH.to_string()
        },
        inferred: options.endpoint.is_none(),
    }
}

impl Vendor for Yandex {
    fn id(&self) -> &'static str {
        "yandex"
    }

    fn endpoints(&self) -> &'static [&'static str] {
        &[ADD_ORDER]
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
        if let Some(name) = options.endpoint.as_deref() {
            if name != ADD_ORDER {
                unknown_endpoint(checker, self, name);
                return None;
            }
        }
        let response = options.response
            || payload
                .as_object()
                .is_some_and(|o| RESPONSE_ONLY.iter().any(|k| o.contains_key(k)));
        let root = Path::root();
        if let Value::Array(items) = payload {
            return Some(validate_batch(items, options, checker));
        }
        if response {
            read_record(payload, &root, checker)?;
        } else {
            let from = checker.issues.len();
            let object = checker.object(payload, &root).is_some();
            if object {
                read_order(payload, &root, checker);
            }
            tag_vendor_code(checker, from, UNPROCESSABLE);
            if !object {
                return None;
            }
        }
        Some(Validated {
            kind: if response {
                format!("{ADD_ORDER}.response")
            } else {
                ADD_ORDER.to_string()
            },
            inferred: options.endpoint.is_none() || (response && !options.response),
        })
    }
}
