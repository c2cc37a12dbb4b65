//! Compact JSON output for [`Value`] and the two primitives every writer needs.

use super::Value;
use std::fmt::Write;

/// Appends `s` as a JSON string literal (with quotes), escaping what JSON requires.
pub fn write_escaped_str(out: &mut String, s: &str) {
    out.push('"');
    let mut run_start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0x08 => Some("\\b"),
            0x0c => Some("\\f"),
            0..=0x1f => None,
            _ => continue,
        };
        out.push_str(&s[run_start..i]);
        match escape {
            Some(e) => out.push_str(e),
            None => {
                let _ = write!(out, "\\u{:04x}", b);
            }
        }
        run_start = i + 1;
    }
    out.push_str(&s[run_start..]);
    out.push('"');
}

/// Appends a finite `f64` the way JavaScript's `JSON.stringify` would (shortest round-trip form,
/// integers without a fraction). Returns false, writing nothing, for NaN and infinities. Any
/// `fmt::Write` will do, so a serializer can take the digits without a `String` of their own.
pub fn write_number<W: std::fmt::Write + ?Sized>(out: &mut W, x: f64) -> bool {
    if !x.is_finite() {
        return false;
    }
    if x.fract() == 0.0 && x.abs() < 1e16 {
        // Exact integer: print without ".0" (and "-0" as "0", like JSON.stringify).
        let _ = write!(out, "{}", x as i64);
    } else {
        // Debug gives the shortest round-trip digits and exponents for very large or small values.
        let _ = write!(out, "{x:?}");
    }
    true
}

/// Writes one JSON object's members into a byte buffer exactly as `serde_json` writes a derived
/// `Serialize` struct (the same escaping and number forms: each value goes through
/// `serde_json`), but without its map machinery for `#[serde(flatten)]`, and with the field
/// names written as they are. A conversion writes a batch's orders with this: a few hundred
/// thousand objects of static keys.
pub struct Members<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

/// The serializer a [`Members`] value is written with.
pub type Ser<'w> = serde_json::Serializer<&'w mut Vec<u8>>;

impl<'o> Members<'o> {
    /// Opens an object at the end of `out`.
    pub fn open(out: &'o mut Vec<u8>) -> Self {
        out.push(b'{');
        Members { out, first: true }
    }

    /// Starts a member; `name` is a field name that JSON writes as it is (no quote, backslash or
    /// control character).
    fn name(&mut self, name: &str) {
        // Every caller passes a literal field name of this crate's models; the check only
        // guards against a typo in one, and is compiled out of release builds.
        debug_assert!(!name.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20));
        let out = &mut *self.out;
        out.reserve(name.len() + 4);
        if !self.first {
            out.push(b',');
        }
        self.first = false;
        out.push(b'"');
        // Most field names are a few bytes, and a bulk copy that short costs more than the
        // bytes in the wasm build; a longer one (Yandex's `service_duration_s`) is copied.
        if name.len() > 8 {
            out.extend_from_slice(name.as_bytes());
        } else {
            for &b in name.as_bytes() {
                out.push(b);
            }
        }
        out.push(b'"');
        out.push(b':');
    }

    /// `"name":value`.
    pub fn value<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> serde_json::Result<()> {
        self.name(name);
        value.serialize(&mut serde_json::Serializer::new(&mut *self.out))
    }

    /// `"name":value` when there is a value (`skip_serializing_if = "Option::is_none"`).
    pub fn opt<T: serde::Serialize>(
        &mut self,
        name: &str,
        value: &Option<T>,
    ) -> serde_json::Result<()> {
        match value {
            Some(v) => self.value(name, v),
            None => Ok(()),
        }
    }

    /// `"name":value` written by `with` (a `serialize_with` function), when there is a value.
    pub fn opt_with<T>(
        &mut self,
        name: &str,
        value: &Option<T>,
        with: impl FnOnce(&T, &mut Ser<'_>) -> serde_json::Result<()>,
    ) -> serde_json::Result<()> {
        match value {
            Some(v) => self.value_with(name, v, with),
            None => Ok(()),
        }
    }

    /// `"name":{...}`, the inner object's members written by `members`.
    pub fn object(
        &mut self,
        name: &str,
        members: impl FnOnce(&mut Members<'_>) -> serde_json::Result<()>,
    ) -> serde_json::Result<()> {
        self.name(name);
        let mut inner = Members::open(&mut *self.out);
        members(&mut inner)?;
        inner.close();
        Ok(())
    }

    /// `"name":value` written by `with` (a `serialize_with` function).
    pub fn value_with<T>(
        &mut self,
        name: &str,
        value: &T,
        with: impl FnOnce(&T, &mut Ser<'_>) -> serde_json::Result<()>,
    ) -> serde_json::Result<()> {
        self.name(name);
        with(value, &mut serde_json::Serializer::new(&mut *self.out))
    }

    /// Every member of `object` (a `#[serde(flatten)]` map of other fields).
    pub fn flatten(&mut self, object: &super::Object<'_>) -> serde_json::Result<()> {
        for (key, value) in object.iter() {
            if !self.first {
                self.out.push(b',');
            }
            self.first = false;
            let mut ser = serde_json::Serializer::new(&mut *self.out);
            serde::Serialize::serialize(key, &mut ser)?;
            self.out.push(b':');
            serde::Serialize::serialize(value, &mut serde_json::Serializer::new(&mut *self.out))?;
        }
        Ok(())
    }

    /// Closes the object.
    pub fn close(self) {
        self.out.push(b'}');
    }
}

/// Native debug builds (the test suite): panics unless `written` is what `serde_json` writes
/// for `value`, so that every conversion the tests run proves a hand-written [`Members`] writer
/// equal to the derived one. A test oracle only: it is in no wasm build, where a panic would
/// stop the module for the whole page, and in no release build.
#[cfg(all(debug_assertions, not(target_arch = "wasm32")))]
pub fn check_like_serde<T: serde::Serialize + ?Sized>(written: Option<&[u8]>, value: &T) {
    let want = serde_json::to_vec(value).ok();
    assert_eq!(
        written.map(String::from_utf8_lossy),
        want.as_deref().map(String::from_utf8_lossy),
        "the hand-written JSON differs from serde_json's"
    );
}

pub(super) fn write_value(out: &mut String, v: &Value<'_>) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(n.raw()),
        Value::String(s) => write_escaped_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            for (i, (k, item)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_escaped_str(out, k);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_like_json_stringify() {
        let cases = [
            (60.0, "60"),
            (-0.0, "0"),
            (42.365142, "42.365142"),
            (0.1, "0.1"),
            (1e21, "1e21"),
            (1e-7, "1e-7"),
        ];
        for (x, want) in cases {
            let mut s = String::new();
            assert!(write_number(&mut s, x));
            assert_eq!(s, want, "{x}");
        }
        assert!(!write_number(&mut String::new(), f64::NAN));
    }

    #[test]
    fn escapes_strings() {
        let mut s = String::new();
        write_escaped_str(&mut s, "a\"b\\c\nd\u{1}é");
        assert_eq!(s, r#""a\"b\\c\nd\u0001é""#);
    }
}
