//! The four vendor formats, one module each, behind the [`Vendor`] trait, and the registry that
//! maps a format id (`"wialon"`, `"yandex"`, `"optimoroute"`, `"magiclane"`) to its module.
//!
//! What differs per vendor lives in its module (typed models of its payloads, its rules, its
//! envelopes); what is shared (issue collection, paths, coordinate and date checks) lives in
//! [`crate::check`]. Adding a vendor means adding a module and one line in [`VENDORS`].

use crate::check::Checker;
use crate::json::Value;

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
pub static VENDORS: &[&dyn Vendor] = &[];

/// The vendor with format id `id`.
pub fn vendor(id: &str) -> Option<&'static dyn Vendor> {
    VENDORS.iter().copied().find(|v| v.id() == id)
}
