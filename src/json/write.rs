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
    with_number_text(x, |digits| out.write_str(digits)).is_some()
}

/// Calls `with` on the text [`write_number`] writes for `x`; `None` for NaN and infinities.
/// The digits come from a stack buffer: no `fmt` machinery, which costs more than the digits
/// when a batch writes a few hundred thousand of them.
pub fn with_number_text<R>(x: f64, with: impl FnOnce(&str) -> R) -> Option<R> {
    if !x.is_finite() {
        return None;
    }
    if x.fract() == 0.0 && x.abs() < 1e16 {
        // Exact integer: print without ".0" (and "-0" as "0", like JSON.stringify).
        return Some(with_integer(x as i64, with));
    }
    // The fewest digits that read back as `x`. Between 1e-4 and 1e16 zmij (serde_json's float
    // writer) gives them without an exponent, as JavaScript does, and picks JavaScript's digit
    // where two are as near (`Debug`, used before, picked the other); outside that range
    // `Debug`'s exponent form ("1e-7", "1e21") is kept.
    if (1e-4..1e16).contains(&x.abs()) {
        if let Some(decimal) = ShortDecimal::of(x) {
            return Some(with(decimal.as_str()));
        }
        return Some(with(zmij::Buffer::new().format_finite(x)));
    }
    Some(with(&format!("{x:?}")))
}

/// Calls `with` on the decimal digits of `v`, found in 32-bit arithmetic when `v` fits (UNIX
/// times, durations, ids, counts): wasm has no 64-bit multiply-high, so the 64-bit digit loop
/// divides for real, several times slower.
fn with_integer<R>(v: i64, with: impl FnOnce(&str) -> R) -> R {
    match u32::try_from(v) {
        Ok(small) => with(itoa::Buffer::new().format(small)),
        Err(_) => with(itoa::Buffer::new().format(v)),
    }
}

/// The text of a number that is not an integer but is the double nearest to a decimal with at
/// most six places and below 10^9 in magnitude: coordinates, weights, volumes, prices — most
/// of the fractions an order holds. That decimal is then the shortest text that reads back as
/// the number (another with no more digits would differ from it by at least 10^-6, more than
/// the gap between two doubles below 10^9), so it is what zmij and JavaScript write; found
/// with a multiplication and a division instead of zmij's 128-bit arithmetic, which wasm lacks.
struct ShortDecimal {
    /// The text is `bytes[start..end]`: the whole part ends at the point, at [`Self::POINT`],
    /// and the six places after it are cut after their last non-zero digit.
    bytes: [u8; 24],
    start: usize,
    end: usize,
}

/// "00" to "99": two digits per division instead of one, since wasm has no cheap way to
/// divide a whole number by ten many times over.
const DIGIT_PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

impl ShortDecimal {
    const SCALE: f64 = 1e6;
    /// Where the decimal point goes: room for a sign and nine whole digits before it.
    const POINT: usize = 11;

    fn of(x: f64) -> Option<Self> {
        let magnitude = x.abs();
        if !(1e-4..1e9).contains(&magnitude) {
            return None;
        }
        let scaled = (magnitude * Self::SCALE).round_ties_even();
        // Both are exact doubles (scaled is an integer below 2^53), so the quotient is the
        // double nearest to the decimal: equal to `magnitude` exactly when it reads back as it.
        if scaled / Self::SCALE != magnitude {
            return None;
        }
        // The digits in 32-bit arithmetic: wasm divides 64-bit integers by ten with a real
        // division per digit. `magnitude` is within far less than 10^-6 of the decimal, which
        // is not a whole number, so truncating it gives the decimal's whole part.
        let mut whole = magnitude as u32;
        let fraction = (scaled as u64).saturating_sub(u64::from(whole) * 1_000_000) as u32;
        if fraction == 0 {
            return None;
        }
        let mut text = ShortDecimal {
            bytes: [b'0'; 24],
            start: Self::POINT,
            end: Self::POINT + 7,
        };
        // The six places as three pairs, then the trailing zeros cut (there is a non-zero one).
        text.put_pair(Self::POINT + 1, fraction / 10_000);
        text.put_pair(Self::POINT + 3, fraction / 100 % 100);
        text.put_pair(Self::POINT + 5, fraction % 100);
        while text.end > Self::POINT + 2 && text.bytes.get(text.end - 1) == Some(&b'0') {
            text.end -= 1;
        }
        text.put(Self::POINT, b'.');
        // The whole part, two digits at a time from the right, at least one digit.
        while whole >= 100 {
            text.start = text.start.saturating_sub(2);
            text.put_pair(text.start, whole % 100);
            whole /= 100;
        }
        if whole >= 10 {
            text.start = text.start.saturating_sub(2);
            text.put_pair(text.start, whole);
        } else {
            text.start = text.start.saturating_sub(1);
            text.put(text.start, b'0' + whole as u8);
        }
        if x < 0.0 {
            text.start = text.start.saturating_sub(1);
            text.put(text.start, b'-');
        }
        Some(text)
    }

    /// Writes `byte` at `at`; every position used is below [`Self::POINT`] + 7.
    fn put(&mut self, at: usize, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(at) {
            *slot = byte;
        }
    }

    /// Writes the two digits of `pair` (below 100) at `at`.
    fn put_pair(&mut self, at: usize, pair: u32) {
        let i = pair as usize * 2;
        if let (Some(slot), Some(digits)) =
            (self.bytes.get_mut(at..at + 2), DIGIT_PAIRS.get(i..i + 2))
        {
            slot.copy_from_slice(digits);
        }
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(self.start..self.end).unwrap_or_default()
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits, a sign and a point were written.
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }
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

/// The serializer a [`Members`] value is written with: `serde_json`'s, except that strings with
/// nothing to escape, integers and decimals of up to six places are appended directly. Those
/// are most of a converted order's values, and serde_json tests a string byte by byte where
/// this tests eight bytes at a time (and writes a float with 128-bit arithmetic).
/// The output is the same byte for byte (native debug builds check every order a test writes,
/// [`check_like_serde`]).
pub struct Ser<'w> {
    // Always `Some` between calls: taken only for the moment a fast path writes to the buffer,
    // which serde_json lends back only by value.
    json: Option<serde_json::Serializer<&'w mut Vec<u8>>>,
}

impl<'w> Ser<'w> {
    fn new(out: &'w mut Vec<u8>) -> Self {
        Ser {
            json: Some(serde_json::Serializer::new(out)),
        }
    }

    /// Appends to the buffer directly.
    fn append(&mut self, write: impl FnOnce(&mut Vec<u8>)) -> serde_json::Result<()> {
        let out = self.json.take().ok_or_else(Self::gone)?.into_inner();
        write(out);
        self.json = Some(serde_json::Serializer::new(out));
        Ok(())
    }

    fn json(&mut self) -> serde_json::Result<&mut serde_json::Serializer<&'w mut Vec<u8>>> {
        self.json.as_mut().ok_or_else(Self::gone)
    }

    fn gone() -> serde_json::Error {
        serde::ser::Error::custom("the JSON writer lost its buffer")
    }

    fn integer(&mut self, digits: &str) -> serde_json::Result<()> {
        self.append(|out| out.extend_from_slice(digits.as_bytes()))
    }
}

/// Whether `s` can be written between quotes as it is: no quote, backslash or control character
/// (the bytes JSON requires escaped, and all that serde_json escapes).
fn needs_no_escape(s: &str) -> bool {
    let bytes = s.as_bytes();
    let stop = super::parse::plain_run_end(bytes, 0);
    bytes
        .get(stop..)
        .is_some_and(|tail| !tail.iter().any(|&b| b == b'"' || b == b'\\' || b < 0x20))
}

/// `Serializer` methods that [`Ser`] leaves to serde_json: each passes its arguments on.
macro_rules! to_serde_json {
    ($($method:ident($($arg:ident: $ty:ty),*) -> $ok:ty;)*) => {
        $(
            fn $method(self, $($arg: $ty),*) -> serde_json::Result<$ok> {
                self.json()?.$method($($arg),*)
            }
        )*
    };
}

type Compound<'a, 'w> =
    serde_json::ser::Compound<'a, &'w mut Vec<u8>, serde_json::ser::CompactFormatter>;

impl<'a, 'w> serde::Serializer for &'a mut Ser<'w> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'a, 'w>;
    type SerializeTuple = Compound<'a, 'w>;
    type SerializeTupleStruct = Compound<'a, 'w>;
    type SerializeTupleVariant = Compound<'a, 'w>;
    type SerializeMap = Compound<'a, 'w>;
    type SerializeStruct = Compound<'a, 'w>;
    type SerializeStructVariant = Compound<'a, 'w>;

    fn serialize_str(self, v: &str) -> serde_json::Result<()> {
        if needs_no_escape(v) {
            self.append(|out| {
                out.reserve(v.len() + 2);
                out.push(b'"');
                out.extend_from_slice(v.as_bytes());
                out.push(b'"');
            })
        } else {
            self.json()?.serialize_str(v)
        }
    }
    fn serialize_i64(self, v: i64) -> serde_json::Result<()> {
        with_integer(v, |digits| self.integer(digits))
    }
    fn serialize_f64(self, v: f64) -> serde_json::Result<()> {
        match ShortDecimal::of(v) {
            Some(decimal) => self.append(|out| out.extend_from_slice(decimal.as_bytes())),
            None => self.json()?.serialize_f64(v),
        }
    }
    fn serialize_u64(self, v: u64) -> serde_json::Result<()> {
        match i64::try_from(v) {
            Ok(v) => self.serialize_i64(v),
            Err(_) => self.integer(itoa::Buffer::new().format(v)),
        }
    }
    fn serialize_i8(self, v: i8) -> serde_json::Result<()> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> serde_json::Result<()> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> serde_json::Result<()> {
        self.serialize_i64(v.into())
    }
    fn serialize_u8(self, v: u8) -> serde_json::Result<()> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> serde_json::Result<()> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> serde_json::Result<()> {
        self.serialize_u64(v.into())
    }
    fn serialize_some<T: serde::Serialize + ?Sized>(self, value: &T) -> serde_json::Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> serde_json::Result<()> {
        value.serialize(self)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> serde_json::Result<()> {
        self.serialize_str(variant)
    }

    // Everything else is written by serde_json itself.
    to_serde_json! {
        serialize_bool(v: bool) -> ();
        serialize_i128(v: i128) -> ();
        serialize_u128(v: u128) -> ();
        serialize_f32(v: f32) -> ();
        serialize_char(v: char) -> ();
        serialize_bytes(v: &[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(name: &'static str) -> ();
        serialize_seq(len: Option<usize>) -> Compound<'a, 'w>;
        serialize_tuple(len: usize) -> Compound<'a, 'w>;
        serialize_tuple_struct(name: &'static str, len: usize) -> Compound<'a, 'w>;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Compound<'a, 'w>;
        serialize_map(len: Option<usize>) -> Compound<'a, 'w>;
        serialize_struct(name: &'static str, len: usize) -> Compound<'a, 'w>;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Compound<'a, 'w>;
    }
    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> serde_json::Result<()> {
        self.json()?
            .serialize_newtype_variant(name, index, variant, value)
    }
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> serde_json::Result<()> {
        self.json()?.collect_str(value)
    }
}

impl<'o> Members<'o> {
    /// Opens an object at the end of `out`.
    pub fn open(out: &'o mut Vec<u8>) -> Self {
        out.push(b'{');
        Members { out, first: true }
    }

    /// Starts a member; `name` is a field name that JSON writes as it is (no quote, backslash or
    /// control character).
    // Inlined with `value`, `opt` and the others into each writer: `name` is then a literal,
    // and its few bytes are stored as constants (wasm: 1.4% fewer instructions an order).
    #[inline(always)]
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
    #[inline(always)]
    pub fn value<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> serde_json::Result<()> {
        self.name(name);
        value.serialize(&mut Ser::new(&mut *self.out))
    }

    /// `"name":value` when there is a value (`skip_serializing_if = "Option::is_none"`).
    #[inline(always)]
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
    #[inline(always)]
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
    #[inline(always)]
    pub fn value_with<T>(
        &mut self,
        name: &str,
        value: &T,
        with: impl FnOnce(&T, &mut Ser<'_>) -> serde_json::Result<()>,
    ) -> serde_json::Result<()> {
        self.name(name);
        with(value, &mut Ser::new(&mut *self.out))
    }

    /// Every member of `object` (a `#[serde(flatten)]` map of other fields).
    pub fn flatten(&mut self, object: &super::Object<'_>) -> serde_json::Result<()> {
        for (key, value) in object.iter() {
            if !self.first {
                self.out.push(b',');
            }
            self.first = false;
            serde::Serializer::serialize_str(&mut Ser::new(&mut *self.out), key)?;
            self.out.push(b':');
            serde::Serialize::serialize(value, &mut Ser::new(&mut *self.out))?;
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

    proptest::proptest! {
        /// Numbers are written in the fewest digits that read back as the same number, never
        /// more than `Debug` (the form used before, and still outside 1e-4..1e16) writes, and
        /// without an exponent in that range.
        #[test]
        fn numbers_round_trip_in_the_fewest_digits(
            mantissa in 0u64..(1 << 52),
            exponent in 996u64..1078,
            negative: bool,
        ) {
            let x = f64::from_bits(u64::from(negative) << 63 | exponent << 52 | mantissa);
            let mut written = String::new();
            proptest::prop_assert!(write_number(&mut written, x));
            proptest::prop_assert_eq!(written.parse::<f64>().ok(), Some(x));
            let digits = |s: &str| s.bytes().filter(u8::is_ascii_digit).count();
            let debug = format!("{x:?}");
            proptest::prop_assert!(digits(&written) <= digits(&debug), "{} vs {}", written, debug);
            if (1e-4..1e16).contains(&x.abs()) {
                proptest::prop_assert!(!written.contains('e'), "{}", written);
            }
        }

        /// Any string, escapes or not, is written as serde_json writes it.
        #[test]
        fn strings_like_serde(s in "[a-z\"\\\\\u{0}-\u{1f}\u{7f}é€ ]{0,24}") {
            let mut out = Vec::new();
            // test: writing into a Vec cannot fail
            serde::Serializer::serialize_str(&mut Ser::new(&mut out), &s).unwrap();
            proptest::prop_assert_eq!(out, serde_json::to_vec(&s).unwrap());
        }
    }

    proptest::proptest! {
        /// Where the six-place shortcut gives a text, it is zmij's (serde_json's) text, for
        /// decimals of up to nine places and for any double.
        #[test]
        fn short_decimals_are_written_as_zmij_writes_them(
            units in -2_000_000_000_000_000i64..2_000_000_000_000_000,
            places in 0i32..10,
            bits: u64,
        ) {
            let decimal = units as f64 / 10f64.powi(places);
            for x in [decimal, f64::from_bits(bits)] {
                if let Some(short) = ShortDecimal::of(x) {
                    let mut zmij = zmij::Buffer::new();
                    proptest::prop_assert_eq!(short.as_str(), zmij.format_finite(x));
                }
            }
            if places <= 6 && decimal.fract() != 0.0 && (1e-4..1e9).contains(&decimal.abs()) {
                proptest::prop_assert!(ShortDecimal::of(decimal).is_some(), "{} has a short form", decimal);
            }
        }
    }

    #[test]
    fn short_decimals() {
        let cases = [
            (42.353909, Some("42.353909")),
            (-71.08127, Some("-71.08127")),
            (0.23, Some("0.23")),
            (0.0001, Some("0.0001")),
            (999_999_999.5, Some("999999999.5")),
            (7.5, Some("7.5")),
            (42.0, None),
            (0.1 + 0.2, None),
            (42.3539091, None),
            (0.00005, None),
            (1e9 + 0.5, None),
        ];
        for (x, want) in cases {
            assert_eq!(
                ShortDecimal::of(x).as_ref().map(ShortDecimal::as_str),
                want,
                "{x}"
            );
        }
    }

    #[test]
    fn numbers_like_javascript_at_the_edges() {
        let cases = [
            (1e-4, "0.0001"),
            (-1e-4, "-0.0001"),
            (5e-5, "5e-5"),
            (9999999999999998.0, "9999999999999998"),
            (1.5e16, "1.5e16"),
            // 1006774404694019.25, exactly halfway between ...019.2 and ...019.3: JavaScript
            // writes .2 (checked with Node's JSON.stringify); Debug wrote .3.
            (
                f64::from_bits(1072 << 52 | 3550595610181658),
                "1006774404694019.2",
            ),
        ];
        for (x, want) in cases {
            let mut written = String::new();
            assert!(write_number(&mut written, x));
            assert_eq!(written, want, "{x}");
        }
    }

    #[test]
    fn escapes_strings() {
        let mut s = String::new();
        write_escaped_str(&mut s, "a\"b\\c\nd\u{1}é");
        assert_eq!(s, r#""a\"b\\c\nd\u0001é""#);
    }
}
