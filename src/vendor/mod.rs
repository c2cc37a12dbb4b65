//! The four vendor formats, one module each, behind the [`Vendor`] trait, and the registry that
//! maps a format id (`"wialon"`, `"yandex"`, `"optimoroute"`, `"magiclane"`) to its module.
//!
//! What differs per vendor lives in its module (typed models of its payloads, its rules, its
//! envelopes); what is shared (issue collection, paths, coordinate and date checks) lives in
//! [`crate::check`]. Adding a vendor means adding a module and one line in [`VENDORS`].

pub mod magiclane;
pub mod optimoroute;
pub mod wialon;
pub mod yandex;

use crate::check::Checker;
use crate::issue::Issue;
use crate::json::Value;

/// Issue codes shared by every vendor module (listed in `docs/errors.md`).
pub mod codes {
    /// `ValidateOptions::endpoint` names an endpoint the vendor does not have (error at `""`;
    /// the message lists the valid names).
    pub const UNKNOWN_ENDPOINT: &str = "UNKNOWN_ENDPOINT";
    /// The payload is a vendor error response (e.g. Wialon `{"error": 4}`): one issue per
    /// failure, the vendor's code as `vendorCode`, its documented meaning in the message.
    pub const VENDOR_ERROR: &str = "VENDOR_ERROR";
    /// The payload's shape fits no endpoint, or several equally: pass `endpoint` (and for
    /// Wialon `callMode`) in the options.
    pub const AMBIGUOUS_PAYLOAD: &str = "AMBIGUOUS_PAYLOAD";
    /// A read-only field is sent in a request (e.g. Magic Lane `id` in create, OptimoRoute
    /// location `valid`); the vendor ignores it or refuses the change (warning).
    pub const READ_ONLY_FIELD: &str = "READ_ONLY_FIELD";
}

/// Records `UNKNOWN_ENDPOINT` for `name`, listing the endpoints `vendor` knows.
pub(crate) fn unknown_endpoint(checker: &mut Checker, vendor: &dyn Vendor, name: &str) {
    checker.push(Issue::error(
        "",
        codes::UNKNOWN_ENDPOINT,
        format!(
            "{} has no endpoint \"{name}\"; use one of {}.",
            vendor.id(),
            crate::check::quote_list(vendor.endpoints())
        ),
    ));
}

/// Gives every error recorded since issue number `from` the vendor's own code for "bad
/// request" (Wialon `4`, Yandex `422`, Magic Lane `400`), unless it already has one: the vendor
/// would reject the payload with that code.
pub(crate) fn tag_vendor_code(checker: &mut Checker, from: usize, vendor_code: &'static str) {
    for issue in checker.issues.iter_mut().skip(from) {
        if issue.is_error() && issue.vendor_code.is_none() {
            issue.vendor_code = Some(std::borrow::Cow::Borrowed(vendor_code));
        }
    }
}

/// What the caller tells [`Vendor::validate`] about a payload. Every field is optional: when a
/// field is absent the vendor infers it from the payload and says what it inferred in
/// [`Validated::kind`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidateOptions {
    /// Which endpoint's payload this is, in the vendor's own naming: e.g. OptimoRoute
    /// `"create_or_update_orders"`, Magic Lane `"create"`, Wialon `"order/update"`.
    pub endpoint: Option<String>,
    /// Wialon `callMode` to validate against when the payload does not say (`"create"`,
    /// `"update"`, `"delete"`, `"assign"`, `"register"`, `"reject"`, `"confirm"`).
    pub call_mode: Option<String>,
    /// Validate a response body of the endpoint instead of its request body. Responses are
    /// read leniently: the vendors tell clients to tolerate fields they add later.
    pub response: bool,
}

/// What a vendor validator concluded about the payload besides its issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validated {
    /// The payload kind it was validated as, `"<endpoint>"` or `"<endpoint>.response"`, e.g.
    /// `"create_or_update_orders"`.
    pub kind: String,
    /// True when `kind` was inferred from the payload rather than given in the options.
    pub inferred: bool,
}

/// One vendor format.
pub trait Vendor: Sync {
    /// The format id used by the public API (`"optimoroute"`).
    fn id(&self) -> &'static str;

    /// The endpoint names [`ValidateOptions::endpoint`] accepts for this vendor.
    fn endpoints(&self) -> &'static [&'static str];

    /// Validates `payload`, recording every problem in `checker`. Returns what the payload was
    /// validated as, or `None` when it cannot be recognised at all (also recorded as an issue).
    fn validate(
        &self,
        payload: &Value,
        options: &ValidateOptions,
        checker: &mut Checker,
    ) -> Option<Validated>;

    /// True when `text`, which is not JSON, is a documented non-JSON form of this vendor's
    /// payloads (Wialon's `svc=order/update&params={...}`); it is then validated as a JSON
    /// string value.
    fn accepts_text(&self, _text: &str) -> bool {
        false
    }

    /// The vendor's conversion codec.
    fn codec(&self) -> Option<&'static dyn crate::convert::Codec> {
        None
    }
}

/// Every vendor, in the order of the public `Vendor` type.
pub static VENDORS: &[&dyn Vendor] = &[
    &wialon::WIALON,
    &yandex::YANDEX,
    &optimoroute::OPTIMOROUTE,
    &magiclane::MAGICLANE,
];

/// The vendor with format id `id`.
pub fn vendor(id: &str) -> Option<&'static dyn Vendor> {
    VENDORS.iter().copied().find(|v| v.id() == id)
}
