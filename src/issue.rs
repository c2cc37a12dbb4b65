//! Problems found in a payload ([`Issue`], [`Report`]) and misuse of the API ([`UsageError`]).
//!
//! Every module reports through the same types so that a caller sees one shape whatever went
//! wrong: a JSON Pointer to the field, a stable code, and a sentence a person can act on. The
//! codes live in [`codes`] and are listed with their meaning in `docs/errors.md`.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// How bad an [`Issue`] is. Only errors make a [`Report`] fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The payload would be rejected, or would be misread, by its target.
    Error,
    /// The payload is acceptable but something deserves attention (a field that is ignored, a
    /// value that was interpreted, data that cannot be carried over).
    Warning,
}

/// One problem found in a payload.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// RFC 6901 JSON Pointer into the payload, e.g. `/orders/3/location/latitude`; `""` is the
    /// whole payload. Shared, not copied, with the same pointer in [`crate::convert::Converted::lost`].
    pub path: Text,
    /// Stable SCREAMING_SNAKE code; see [`codes`].
    pub code: Cow<'static, str>,
    /// One sentence, safe to show to an end user, that says what is wrong and what is accepted.
    pub message: Text,
    /// Error or warning.
    pub severity: Severity,
    /// The vendor's own code for the same problem where it has one (e.g.
    /// `ERR_MISSING_MAND_FIELD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_code: Option<Cow<'static, str>>,
}

impl Issue {
    /// An error at `path`.
    pub fn error(path: impl Into<Text>, code: &'static str, message: impl Into<Text>) -> Self {
        Issue {
            path: path.into(),
            code: Cow::Borrowed(code),
            message: message.into(),
            severity: Severity::Error,
            vendor_code: None,
        }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<Text>, code: &'static str, message: impl Into<Text>) -> Self {
        Issue {
            severity: Severity::Warning,
            ..Issue::error(path, code, message)
        }
    }

    /// Attaches the vendor's own code for this problem.
    pub fn with_vendor_code(mut self, vendor_code: impl Into<Cow<'static, str>>) -> Self {
        self.vendor_code = Some(vendor_code.into());
        self
    }

    /// Moves the issue under `prefix` (a JSON Pointer), e.g. to report a nested payload's issues
    /// at their place in the enclosing one.
    pub fn under(mut self, prefix: &str) -> Self {
        if !prefix.is_empty() {
            self.path = format!("{prefix}{}", self.path).into();
        }
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Immutable text that is either owned or shared: a large batch repeats the same message
/// (a loss of the same field for the same reason) hundreds of thousands of times, and sharing
/// one copy saves an allocation and a copy per issue. It reads, compares, prints and
/// serializes as the plain string it holds.
#[derive(Clone, Default)]
pub struct Text(TextRepr);

thread_local! {
    /// The sentences [`Text::concat_static`] has built, by their pieces' addresses.
    static CONCATENATED: std::cell::RefCell<
        std::collections::HashMap<[usize; 2 * Text::MAX_PARTS], Arc<str>, std::hash::BuildHasherDefault<QuickHash>>,
    > = std::cell::RefCell::new(std::collections::HashMap::default());
}

#[derive(Clone)]
enum TextRepr {
    Owned(String),
    Shared(Arc<str>),
    Static(&'static str),
}

impl Default for TextRepr {
    fn default() -> Self {
        TextRepr::Owned(String::new())
    }
}

impl Text {
    /// The concatenation of `parts`, built once per thread and shared after that: a batch's
    /// writer says the same sentence, assembled from fixed pieces, for every order. A static
    /// text's address is fixed for the life of the program, so the pieces' addresses and
    /// lengths identify the sentence without reading it. More than [`Text::MAX_PARTS`] parts,
    /// or a full table, give an owned copy.
    pub fn concat_static(parts: &[&'static str]) -> Text {
        let join = || Text::from(parts.concat());
        let mut key = [0usize; 2 * Text::MAX_PARTS];
        if parts.len() > Text::MAX_PARTS {
            return join();
        }
        for (slot, part) in key.chunks_exact_mut(2).zip(parts) {
            slot.copy_from_slice(&[part.as_ptr() as usize, part.len()]);
        }
        CONCATENATED.with(|table| {
            let Ok(mut table) = table.try_borrow_mut() else {
                return join();
            };
            if let Some(known) = table.get(&key) {
                return Text::shared(Arc::clone(known));
            }
            let shared: Arc<str> = Arc::from(parts.concat());
            if table.len() < Text::MAX_CONCATENATED {
                table.insert(key, Arc::clone(&shared));
            }
            Text::shared(shared)
        })
    }

    /// Most pieces [`Text::concat_static`] remembers a sentence by.
    pub const MAX_PARTS: usize = 8;
    /// Most sentences [`Text::concat_static`] remembers (they come from this crate's own
    /// pieces, so a few dozen are expected).
    const MAX_CONCATENATED: usize = 1024;

    /// Text shared with every other holder of `shared` (cloning it costs no allocation).
    pub fn shared(shared: Arc<str>) -> Self {
        Text(TextRepr::Shared(shared))
    }

    /// Text that is part of the program (a field's pointer, a fixed message): no allocation.
    pub const fn from_static(text: &'static str) -> Self {
        Text(TextRepr::Static(text))
    }

    /// Where the text lives when that identifies it for as long as this value lives (shared or
    /// part of the program): equal addresses and lengths then mean equal texts.
    pub(crate) fn shared_address(&self) -> Option<usize> {
        match &self.0 {
            TextRepr::Owned(_) => None,
            TextRepr::Shared(s) => Some(s.as_ptr() as usize),
            TextRepr::Static(s) => Some(s.as_ptr() as usize),
        }
    }

    /// True when this is the only copy (not shared, not part of the program).
    pub fn is_owned(&self) -> bool {
        matches!(self.0, TextRepr::Owned(_))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            TextRepr::Owned(s) => s,
            TextRepr::Shared(s) => s,
            TextRepr::Static(s) => s,
        }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(TextRepr::Owned(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(TextRepr::Owned(s.to_string()))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text::from(s.as_str())
    }
}

impl From<Cow<'_, str>> for Text {
    fn from(s: Cow<'_, str>) -> Self {
        Text::from(s.into_owned())
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Self {
        Text::shared(s)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        match t.0 {
            TextRepr::Owned(s) => s,
            TextRepr::Shared(s) => s.to_string(),
            TextRepr::Static(s) => s.to_string(),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The outcome of a validation: `ok` is true when no issue is an error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// No issue of severity error.
    pub ok: bool,
    /// Every problem found, in payload order.
    pub issues: Vec<Issue>,
    /// What the payload was validated as (e.g. `"create_or_update_orders"`, `"order"`,
    /// `"batch"`), so a caller sees what was inferred when it did not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl Report {
    /// Builds a report, deriving `ok` from the issues.
    pub fn new(issues: Vec<Issue>) -> Self {
        let ok = !issues.iter().any(Issue::is_error);
        Report {
            ok,
            issues,
            kind: None,
        }
    }

    /// Sets what the payload was validated as.
    pub fn with_kind(mut self, kind: impl Into<String>) -> Self {
        self.kind = Some(kind.into());
        self
    }
}

/// The API was called in a way it cannot answer (unknown format name, payload that is not JSON,
/// bad option). Unlike an [`Issue`] this is not about the payload's content, and the binding
/// layer throws it as a JavaScript `Error` whose `code` property is [`UsageError::code`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    /// Stable code, see [`codes`].
    pub code: &'static str,
    /// What went wrong and what to do instead.
    pub message: String,
}

impl UsageError {
    /// A usage error with the given code and message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        UsageError {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for UsageError {}

/// The stable issue and error codes. Each is documented, with the modules that use it, in
/// `docs/errors.md`; add a code there when you add one here.
pub mod codes {
    // Codes every module uses.
    /// A required field is absent (or `null` where null is not allowed).
    pub const MISSING_FIELD: &str = "MISSING_FIELD";
    /// A value has the wrong JSON type (e.g. a string where a number is required).
    pub const INVALID_TYPE: &str = "INVALID_TYPE";
    /// A string does not match the required format (date, time, interval, polyline...).
    pub const INVALID_FORMAT: &str = "INVALID_FORMAT";
    /// A number is outside its allowed range.
    pub const OUT_OF_RANGE: &str = "OUT_OF_RANGE";
    /// A string is longer than allowed.
    pub const TOO_LONG: &str = "TOO_LONG";
    /// A value is not one of the allowed enumeration values.
    pub const UNKNOWN_ENUM_VALUE: &str = "UNKNOWN_ENUM_VALUE";
    /// A list holds more items than allowed.
    pub const TOO_MANY_ITEMS: &str = "TOO_MANY_ITEMS";
    /// A field the format does not define (warning: it will be ignored or rejected by the vendor).
    pub const UNKNOWN_FIELD: &str = "UNKNOWN_FIELD";
    /// Two fields contradict each other, or one field makes another one ineffective.
    pub const CONFLICTING_FIELDS: &str = "CONFLICTING_FIELDS";
    /// Latitude and longitude look swapped (warning).
    pub const COORDINATES_SWAPPED: &str = "COORDINATES_SWAPPED";
    /// A field is deprecated by its vendor (warning).
    pub const DEPRECATED_FIELD: &str = "DEPRECATED_FIELD";
    /// A list that must not be empty is empty.
    pub const EMPTY: &str = "EMPTY";
    /// The same identifier appears twice where it must be unique.
    pub const DUPLICATE: &str = "DUPLICATE";
    /// A window or range ends before it starts.
    pub const WINDOW_INVERTED: &str = "WINDOW_INVERTED";

    // Usage errors (thrown as JavaScript `Error`s with this `code`).
    /// The payload text is not JSON.
    pub const INVALID_JSON: &str = "INVALID_JSON";
    /// An argument has the wrong type or is missing (e.g. `undefined` payload).
    pub const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";
    /// The format or vendor name is not one of the supported ones.
    pub const UNKNOWN_FORMAT: &str = "UNKNOWN_FORMAT";
    /// An option is unknown or has a bad value.
    pub const INVALID_OPTION: &str = "INVALID_OPTION";
    /// The payload is nested deeper than the parser allows; in a conversion, also an order
    /// whose verbatim fields nest so deep that the output would (see
    /// [`crate::convert::MAX_VERBATIM_DEPTH`]).
    pub const TOO_DEEP: &str = "TOO_DEEP";
}

/// Equal texts; a shared or static text met again is told by its address and length, without
/// reading it.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// A fast non-cryptographic hash (the multiply-rotate step of rustc's FxHash) for
/// tables keyed by this crate's own message texts or their addresses: flooding is no concern and SipHash would cost as much as the allocation the table saves.
#[derive(Default)]
pub(crate) struct QuickHash(u64);

impl QuickHash {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for QuickHash {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        // The last few bytes as one word, not a step each: texts are short, so the tail is
        // much of them.
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let word = tail
                .iter()
                .rev()
                .fold(0u64, |word, &b| (word << 8) | u64::from(b));
            self.add(word);
        }
    }

    // Integers (addresses, lengths, the 0xff that ends a hashed `str`) in one step each, where
    // the default would feed their bytes one by one.
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
