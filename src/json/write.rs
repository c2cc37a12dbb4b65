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
