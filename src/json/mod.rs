//! A small borrowed JSON document model and parser.
//!
//! Why not `serde_json::Value`: validation and conversion walk every field of large batches, and
//! the cost is dominated by allocation. This model borrows every string that has no escapes from
//! the input, keeps numbers as their source text (so `42.365142` comes back exactly as written and
//! integers stay integers), keeps object keys in source order, and reports parse errors with a
//! character position. Objects are vectors: vendor objects have a few dozen keys at most, where a
//! linear scan beats hashing.

mod parse;
mod pointer;
mod write;

pub use parse::{
    list_holds_more_than, parse, parse_value_at, parse_value_at_in, Container, Cursor, ParseError,
    Scratch, Unreadable, MAX_DEPTH,
};
pub use pointer::Path;
#[cfg(all(debug_assertions, not(target_arch = "wasm32")))]
pub use write::check_like_serde;
pub use write::{with_number_text, write_escaped_str, write_number, Members, Ser};

use std::borrow::Cow;

/// A JSON value borrowing from the text it was parsed from.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, kept as its source text.
    Number(Number<'a>),
    /// A string (borrowed when it had no escapes).
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object, keys in source order.
    Object(Object<'a>),
}

/// A JSON number as written in the source (always valid JSON number syntax).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number<'a> {
    raw: Cow<'a, str>,
}

impl<'a> Number<'a> {
    /// Wraps text that the caller guarantees is valid JSON number syntax.
    pub(crate) fn from_raw(raw: Cow<'a, str>) -> Self {
        Number { raw }
    }

    /// A number from an `f64`; `None` for NaN and infinities, which JSON cannot hold.
    pub fn from_f64(value: f64) -> Option<Number<'static>> {
        let mut text = String::new();
        write_number(&mut text, value).then_some(Number {
            raw: Cow::Owned(text),
        })
    }

    /// A number from an integer.
    pub fn from_i64(value: i64) -> Number<'static> {
        Number {
            raw: Cow::Owned(value.to_string()),
        }
    }

    /// The source text.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The value as `f64` (JSON numbers beyond `f64` range become infinite, as in JavaScript).
    pub fn as_f64(&self) -> f64 {
        short_decimal(&self.raw).unwrap_or_else(|| self.raw.parse::<f64>().unwrap_or(f64::NAN))
    }

    /// The value as an integer when it is one exactly (`3`, `3.0` and `3e2` are integers;
    /// `3.5` is not) and fits in `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        if let Ok(v) = self.raw.parse::<i64>() {
            return Some(v);
        }
        let f = self.as_f64();
        // 2^63 is exactly representable; anything at or beyond it does not fit.
        if f.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
            Some(f as i64)
        } else {
            None
        }
    }

    /// Detaches from the source text.
    pub fn into_owned(self) -> Number<'static> {
        Number {
            raw: Cow::Owned(self.raw.into_owned()),
        }
    }
}

/// The value of a decimal without exponent and with at most 15 digits (`42.365142`, `-7.5`,
/// `12`), the numbers vendor orders are made of; `None` for any other text. Both the digits as
/// an integer (below 2^53) and the power of ten (at most 10^15) are exact doubles, so their
/// quotient is the correctly rounded value (Clinger's fast path), the same `str::parse` gives;
/// skipping the general parser matters because a batch reads several numbers per order.
fn short_decimal(raw: &str) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, digits) = match raw.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    // Fifteen digits and a point at most: the length decides before the loop, so that the loop
    // only accumulates (every order has several such numbers).
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut point: Option<usize> = None;
    for (i, &b) in digits.iter().enumerate() {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            mantissa = mantissa * 10 + u64::from(digit);
        } else if b == b'.' && point.is_none() && i > 0 {
            point = Some(i);
        } else {
            return None;
        }
    }
    let fraction = match point {
        // A point needs a digit after it (`5.` is not JSON).
        Some(at) if at + 1 == digits.len() => return None,
        Some(at) => digits.len() - at - 1,
        // Sixteen digits without a point may pass 2^53.
        None if digits.len() > 15 => return None,
        None => 0,
    };
    let value = mantissa as f64 / POW10.get(fraction).copied()?;
    Some(if negative { -value } else { value })
}

/// A JSON object: key/value pairs in source order. Duplicate keys are kept; lookups return the
/// last one, as `JSON.parse` does.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Object<'a> {
    /// How many objects and arrays nest in this one, itself included (`{}` is 1, `{"a":[]}`
    /// is 2).
    pub fn depth(&self) -> usize {
        1 + self.iter().map(|(_, v)| v.depth()).max().unwrap_or(0)
    }

    /// An empty object.
    pub fn new() -> Self {
        Object {
            entries: Vec::new(),
        }
    }

    /// An empty object with room for `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        Object {
            entries: Vec::with_capacity(n),
        }
    }

    /// The value of `key` (the last one if the key is repeated).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The value of `key` (the last one if the key is repeated), to change in place.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value<'a>> {
        self.entries
            .iter_mut()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// True when `key` is present (even with a null value).
    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }

    /// Appends an entry (does not replace an existing key; use [`Object::set`] for that).
    pub fn push(&mut self, key: impl Into<Cow<'a, str>>, value: Value<'a>) {
        self.entries.push((key.into(), value));
    }

    /// Sets `key`, replacing the value in place if it exists, appending otherwise.
    pub fn set(&mut self, key: impl Into<Cow<'a, str>>, value: Value<'a>) {
        let key = key.into();
        match self.entries.iter_mut().rev().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Removes every entry with `key` and returns the last value.
    pub fn remove(&mut self, key: &str) -> Option<Value<'a>> {
        let mut found = None;
        let mut i = 0;
        while i < self.entries.len() {
            if self.entries[i].0 == key {
                found = Some(self.entries.remove(i).1);
            } else {
                i += 1;
            }
        }
        found
    }

    /// Entries in source order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Detaches from the source text.
    pub fn into_owned(self) -> Object<'static> {
        Object {
            entries: self
                .entries
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                .collect(),
        }
    }
}

impl<'a> Object<'a> {
    /// An object of these members, in this order (the parser's: keys are not checked for
    /// repeats).
    pub(crate) fn from_entries(entries: Vec<(Cow<'a, str>, Value<'a>)>) -> Self {
        Object { entries }
    }

    /// The members, in order, in their vector.
    pub(crate) fn into_entries(self) -> Vec<(Cow<'a, str>, Value<'a>)> {
        self.entries
    }
}

impl<'a> FromIterator<(Cow<'a, str>, Value<'a>)> for Object<'a> {
    fn from_iter<T: IntoIterator<Item = (Cow<'a, str>, Value<'a>)>>(iter: T) -> Self {
        Object {
            entries: iter.into_iter().collect(),
        }
    }
}

impl<'a> IntoIterator for Object<'a> {
    type Item = (Cow<'a, str>, Value<'a>);
    type IntoIter = std::vec::IntoIter<(Cow<'a, str>, Value<'a>)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a> Value<'a> {
    /// How many objects and arrays nest in this value, itself included (0 for a scalar).
    /// Parsed values are at most [`MAX_DEPTH`] deep, so the recursion is bounded.
    pub fn depth(&self) -> usize {
        match self {
            Value::Object(o) => o.depth(),
            Value::Array(items) => 1 + items.iter().map(Value::depth).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// The JSON type name used in messages: `null`, `boolean`, `number`, `string`, `array`,
    /// `object`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number as `f64`, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    /// The number as an exact integer, if this is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Member `key` of an object (`None` for other types).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// A string value.
    pub fn str(s: impl Into<Cow<'a, str>>) -> Self {
        Value::String(s.into())
    }

    /// A number value from an `f64` (`null` for NaN and infinities).
    pub fn f64(x: f64) -> Self {
        Number::from_f64(x).map_or(Value::Null, Value::Number)
    }

    /// A number value from an integer.
    pub fn int(x: i64) -> Self {
        Value::Number(Number::from_i64(x))
    }

    /// Detaches from the source text.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(n) => Value::Number(n.into_owned()),
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(a) => Value::Array(a.into_iter().map(Value::into_owned).collect()),
            Value::Object(o) => Value::Object(o.into_owned()),
        }
    }

    /// Serializes to compact JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write::write_value(&mut out, self);
        out
    }

    /// Appends compact JSON text to `out`.
    pub fn write_json(&self, out: &mut String) {
        write::write_value(out, self);
    }

    /// Resolves an RFC 6901 JSON Pointer (`""` is the whole value).
    pub fn pointer(&self, pointer: &str) -> Option<&Value<'a>> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut current = self;
        for raw in rest.split('/') {
            let token = raw.replace("~1", "/").replace("~0", "~");
            current = match current {
                Value::Object(o) => o.get(&token)?,
                Value::Array(a) => a.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(current)
    }
}

impl<'a> From<Object<'a>> for Value<'a> {
    fn from(o: Object<'a>) -> Self {
        Value::Object(o)
    }
}

impl serde::Serialize for Object<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// `serialize_with` helpers that write whole `f64`s without a fraction (`60`, not `60.0`), as
/// JavaScript would, so converted payloads look like hand-written ones.
pub mod num {
    use serde::Serializer;

    /// For `f64` fields.
    pub fn f64<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            s.serialize_i64(*x as i64)
        } else {
            s.serialize_f64(*x)
        }
    }

    /// For `Vec<f64>` fields.
    pub fn vec_f64<S: Serializer>(xs: &[f64], s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(xs.len()))?;
        for x in xs {
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                seq.serialize_element(&(*x as i64))?;
            } else {
                seq.serialize_element(x)?;
            }
        }
        seq.end()
    }

    /// For `Option<f64>` fields (`None` writes `null`; pair with `skip_serializing_if`).
    pub fn opt_f64<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match x {
            Some(x) => f64(x, s),
            None => s.serialize_none(),
        }
    }
}

impl serde::Serialize for Value<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => {
                if let Ok(i) = n.raw().parse::<i64>() {
                    serializer.serialize_i64(i)
                } else if let Ok(u) = n.raw().parse::<u64>() {
                    serializer.serialize_u64(u)
                } else {
                    serializer.serialize_f64(n.as_f64())
                }
            }
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(a) => {
                let mut seq = serializer.serialize_seq(Some(a.len()))?;
                for v in a {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Value::Object(o) => o.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The short-decimal path gives the bits `str::parse` gives, for every decimal it takes
        /// (signs, leading and trailing zeros, up to and past its 15 digits) and declines what
        /// it does not.
        #[test]
        fn short_decimals_read_exactly_as_str_parse(
            text in "-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,17})?([eE][+-]?[0-9]{1,3})?"
        ) {
            // The strategy only generates JSON numbers, which `str::parse` always reads.
            let expected = text.parse::<f64>().unwrap();
            match short_decimal(&text) {
                Some(fast) => proptest::prop_assert_eq!(fast.to_bits(), expected.to_bits()),
                None => proptest::prop_assert!(
                    text.contains(['e', 'E'])
                        || text.bytes().filter(u8::is_ascii_digit).count() > 15
                ),
            }
            let number = Number::from_raw(Cow::Borrowed(text.as_str()));
            proptest::prop_assert_eq!(number.as_f64().to_bits(), expected.to_bits());
        }
    }

    #[test]
    fn short_decimals_decline_what_is_not_one() {
        for text in [
            "", "-", ".5", "5.", "1..2", "1.2.3", "+1", "1e5", "0x10", " 1",
        ] {
            assert_eq!(short_decimal(text), None, "{text:?}");
        }
        assert_eq!(
            short_decimal("-0").map(f64::to_bits),
            Some((-0.0f64).to_bits())
        );
        assert_eq!(short_decimal("42.365142"), Some(42.365142));
        assert_eq!(short_decimal("-71.029173"), Some(-71.029173));
    }

    #[test]
    fn keeps_numbers_and_key_order() {
        let v = parse(r#"{"b":42.365142,"a":[1,2e3,-0.5],"c":"x\ny"}"#).unwrap();
        assert_eq!(
            v.to_json(),
            r#"{"b":42.365142,"a":[1,2e3,-0.5],"c":"x\ny"}"#
        );
        assert_eq!(
            v.get("a").and_then(|a| a.as_array()).map(|a| a[1].as_i64()),
            Some(Some(2000))
        );
    }

    #[test]
    fn last_duplicate_key_wins_like_json_parse() {
        let v = parse(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(v.get("a").and_then(Value::as_i64), Some(2));
    }

    #[test]
    fn pointer_resolves_escaped_tokens() {
        let v = parse(r#"{"a/b":{"c~d":[10,20]}}"#).unwrap();
        assert_eq!(v.pointer("/a~1b/c~0d/1").and_then(Value::as_i64), Some(20));
        assert!(v.pointer("/missing").is_none());
    }

    #[test]
    fn integers_only_when_exact() {
        let v = parse("[3, 3.0, 3.5, 1e400, 9223372036854775807, 9223372036854775808]").unwrap();
        let got: Vec<Option<i64>> = v.as_array().unwrap().iter().map(Value::as_i64).collect();
        assert_eq!(
            got,
            vec![Some(3), Some(3), None, None, Some(i64::MAX), None]
        );
    }
}
