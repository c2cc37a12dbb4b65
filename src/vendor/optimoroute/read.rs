//! Reading helpers shared by the OptimoRoute readers: typed reads that know whether they read a
//! request (strict) or a response (lenient: `null` reads as absent, unknown fields are kept
//! without a warning), the vendor's text formats, lists, and unknown-field handling.

use super::formats;
use super::model::VendorEnum;
use crate::check::{CalendarDate, Checker};
use crate::issue::codes;
use crate::json::{Object, Path, Value};

/// Which side of an exchange a payload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A request body or query: every documented rule applies, unknown fields are warned about.
    Request,
    /// A response body: the vendor may add fields, and sends `null` for empty values.
    Response,
}

/// True when `v` counts as absent: `null` in a response.
pub fn absent(v: &Value, side: Side) -> bool {
    side == Side::Response && v.is_null()
}

/// A string, owned.
pub fn text(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<String> {
    if absent(v, side) {
        return None;
    }
    ck.string(v, p).map(str::to_owned)
}

/// A string or an explicit `null` (`Some(None)`), for fields where `null` means something.
pub fn nullable_text(ck: &mut Checker, v: &Value, p: &Path) -> Option<Option<String>> {
    if v.is_null() {
        return Some(None);
    }
    ck.string(v, p).map(|s| Some(s.to_owned()))
}

/// A boolean.
pub fn flag(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<bool> {
    if absent(v, side) {
        return None;
    }
    ck.boolean(v, p)
}

/// A decimal within `[min, max]`.
pub fn decimal(
    ck: &mut Checker,
    v: &Value,
    p: &Path,
    side: Side,
    min: Option<f64>,
    max: Option<f64>,
) -> Option<f64> {
    if absent(v, side) {
        return None;
    }
    ck.number_in(v, p, min, max)
}

/// A whole number within `[min, max]`.
pub fn integer(
    ck: &mut Checker,
    v: &Value,
    p: &Path,
    side: Side,
    min: i64,
    max: i64,
) -> Option<i64> {
    if absent(v, side) {
        return None;
    }
    ck.integer_in(v, p, min, max)
}

/// A non-negative whole number.
pub fn count(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<u64> {
    if absent(v, side) {
        return None;
    }
    ck.unsigned(v, p)
}

/// A `YYYY-MM-DD` date, kept as text.
pub fn date(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<String> {
    date_value(ck, v, p, side).map(|(s, _)| s)
}

/// A `YYYY-MM-DD` date, as text and as a checked date.
pub fn date_value(
    ck: &mut Checker,
    v: &Value,
    p: &Path,
    side: Side,
) -> Option<(String, CalendarDate)> {
    if absent(v, side) {
        return None;
    }
    let d = ck.date(v, p)?;
    let s = v.as_str()?;
    Some((s.to_owned(), d))
}

/// An `HH:MM` clock time (00:00–23:59), kept as text.
pub fn clock(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<String> {
    if absent(v, side) {
        return None;
    }
    let s = ck.string(v, p)?;
    if formats::clock_minutes(s).is_none() {
        ck.error(
            p,
            codes::INVALID_FORMAT,
            format!(
                "{} is \"{}\"; expected a 24-hour time HH:MM from 00:00 to 23:59, e.g. 09:30.",
                p.name(),
                excerpt(s)
            ),
        );
        return None;
    }
    Some(s.to_owned())
}

/// A local date-time `YYYY-MM-DD<sep>HH:MM:SS`, as text and parsed.
pub fn local_datetime(
    ck: &mut Checker,
    v: &Value,
    p: &Path,
    side: Side,
    sep: u8,
) -> Option<(String, (CalendarDate, u32))> {
    if absent(v, side) {
        return None;
    }
    let s = ck.string(v, p)?;
    match formats::local_datetime(s, sep) {
        Some(parsed) => Some((s.to_owned(), parsed)),
        None => {
            let (form, example) = if sep == b'T' {
                ("YYYY-MM-DDTHH:MM:SS", "2020-01-30T15:54:02")
            } else {
                ("YYYY-MM-DD HH:MM:SS", "2018-01-01 13:10:37")
            };
            ck.error(
                p,
                codes::INVALID_FORMAT,
                format!(
                    "{} is \"{}\"; expected a local date and time as {form}, e.g. {example}.",
                    p.name(),
                    excerpt(s)
                ),
            );
            None
        }
    }
}

/// An ISO 8601 date-time (`utcTime`, `localTime`).
pub fn iso_datetime(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<String> {
    if absent(v, side) {
        return None;
    }
    let s = ck.string(v, p)?;
    if !formats::is_iso_datetime(s) {
        ck.error(
            p,
            codes::INVALID_FORMAT,
            format!(
                "{} is \"{}\"; expected an ISO 8601 date and time, e.g. 2020-11-01T21:44:15.",
                p.name(),
                excerpt(s)
            ),
        );
        return None;
    }
    Some(s.to_owned())
}

/// One of a documented enumeration (an error otherwise).
pub fn choice<T: VendorEnum>(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<T> {
    if absent(v, side) {
        return None;
    }
    let s = ck.one_of(v, p, T::NAMES)?;
    T::from_name(s)
}

/// One of an enumeration the document says may grow ("currently one of"): in a response an
/// unknown value is a warning and is kept in `extra` under `key`; in a request it is an error.
pub fn open_choice<T: VendorEnum>(
    ck: &mut Checker,
    v: &Value,
    p: &Path,
    side: Side,
    key: &str,
    extra: &mut Object<'static>,
) -> Option<T> {
    if side == Side::Request {
        return choice(ck, v, p, side);
    }
    if v.is_null() {
        return None;
    }
    let s = ck.string(v, p)?;
    if let Some(known) = T::from_name(s) {
        return Some(known);
    }
    ck.warning(
        p,
        codes::UNKNOWN_ENUM_VALUE,
        format!(
            "{} is \"{}\", which the document does not list (it lists {}); it is kept as is.",
            p.name(),
            excerpt(s),
            crate::check::quote_list(T::NAMES)
        ),
    );
    extra.push(key.to_owned(), v.clone().into_owned());
    None
}

/// A list read item by item; items that are not usable are reported and skipped.
pub fn list<T>(
    ck: &mut Checker,
    v: &Value,
    p: &Path,
    side: Side,
    max: Option<usize>,
    mut item: impl FnMut(&mut Checker, &Value, &Path) -> Option<T>,
) -> Option<Vec<T>> {
    let mut out = Vec::with_capacity(v.as_array().map_or(0, <[Value]>::len));
    each(ck, v, p, side, max, |ck, v, p| {
        if let Some(x) = item(ck, v, p) {
            out.push(x);
        }
    })?;
    Some(out)
}

/// Reads a list item by item without keeping the items: `item` does what it wants with each
/// (a batch is validated without holding every typed order at once). `None` when `v` is not a
/// list (reported).
pub fn each(
    ck: &mut Checker,
    v: &Value,
    p: &Path,
    side: Side,
    max: Option<usize>,
    mut item: impl FnMut(&mut Checker, &Value, &Path),
) -> Option<()> {
    if absent(v, side) {
        return None;
    }
    let items = match max {
        Some(max) => ck.array_max(v, p, max)?,
        None => ck.array(v, p)?,
    };
    for (i, value) in items.iter().enumerate() {
        item(ck, value, &p.index(i));
    }
    Some(())
}

/// A list of strings.
pub fn strings(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<Vec<String>> {
    list(ck, v, p, side, None, |ck, v, p| {
        text(ck, v, p, Side::Request)
    })
}

/// A list of enumeration values.
pub fn choices<T: VendorEnum>(ck: &mut Checker, v: &Value, p: &Path, side: Side) -> Option<Vec<T>> {
    list(ck, v, p, side, None, |ck, v, p| {
        choice(ck, v, p, Side::Request)
    })
}

/// Records an error on an empty list that must hold at least one item.
pub fn not_empty(ck: &mut Checker, raw: &Value, p: &Path, what: &str) {
    if raw.as_array().is_some_and(<[Value]>::is_empty) {
        ck.error(
            p,
            codes::EMPTY,
            format!("{} is empty; give at least one {what}.", p.name()),
        );
    }
}

/// A field the document does not define for this object. Requests get an `UNKNOWN_FIELD`
/// warning (with a suggestion when the key is a misspelt known field, e.g. `"to:"`); responses
/// tolerate it, as the vendor asks. Either way the value is kept in `extra`.
#[allow(clippy::too_many_arguments)]
pub fn unknown(
    ck: &mut Checker,
    side: Side,
    parent: &Path,
    key: &str,
    v: &Value,
    what: &str,
    known: &[&str],
    extra: &mut Object<'static>,
) {
    if side == Side::Request {
        let p = parent.key(key);
        let hint = suggestion(key, known)
            .map(|k| format!(" Did you mean `{k}`?"))
            .unwrap_or_default();
        ck.warning(
            &p,
            codes::UNKNOWN_FIELD,
            format!(
                "`{}` is not a field of {what}; OptimoRoute will ignore or reject it.{hint}",
                excerpt(key)
            ),
        );
    }
    extra.push(key.to_owned(), v.clone().into_owned());
}

/// The known field `key` was probably meant to be: equal once case, spaces and punctuation are
/// ignored (`"to:"` → `to`, `" planningId"` → `planningId`, `"order_no"` → `orderNo`).
pub fn suggestion<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let wanted = key.chars().filter(|c| c.is_alphanumeric());
    known.iter().copied().find(|k| {
        let candidate = k.chars().filter(|c| c.is_alphanumeric());
        wanted
            .clone()
            .map(|c| c.to_ascii_lowercase())
            .eq(candidate.map(|c| c.to_ascii_lowercase()))
    })
}

/// Range-checked latitude/longitude read from their raw numbers after an object's walk: warns
/// when they look swapped (so the form shows it next to the latitude).
pub fn swapped_check(
    ck: &mut Checker,
    parent: &Path,
    lat: Option<&Value>,
    lon: Option<&Value>,
    names: (&str, &str),
) {
    if let (Some(lat), Some(lon)) = (lat.and_then(Value::as_f64), lon.and_then(Value::as_f64)) {
        let p = parent.key(names.0);
        ck.swapped_coordinates(lat, lon, &p, names.0, names.1);
    }
}

/// A GET query parameter holding text. Query values are text in a URL, so only strings are
/// accepted.
pub fn query_text(ck: &mut Checker, v: &Value, p: &Path) -> Option<String> {
    text(ck, v, p, Side::Request)
}

/// A repeatable GET query parameter: a string, or a list of strings for the repeated form.
pub fn query_texts(ck: &mut Checker, v: &Value, p: &Path) -> Option<Vec<String>> {
    match v {
        Value::Array(_) => strings(ck, v, p, Side::Request),
        _ => query_text(ck, v, p).map(|s| vec![s]),
    }
}

/// A GET query parameter holding a whole number: a JSON integer or its decimal text.
pub fn query_integer(ck: &mut Checker, v: &Value, p: &Path) -> Option<i64> {
    match v {
        Value::String(s) => match s.parse::<i64>() {
            Ok(i) => Some(i),
            Err(_) => {
                ck.error(
                    p,
                    codes::INVALID_FORMAT,
                    format!(
                        "{} is \"{}\"; expected a whole number.",
                        p.name(),
                        excerpt(s)
                    ),
                );
                None
            }
        },
        _ => ck.integer(v, p),
    }
}

/// A GET query parameter holding a boolean: `true`/`false` or their text.
pub fn query_flag(ck: &mut Checker, v: &Value, p: &Path) -> Option<bool> {
    match v {
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        Value::String(s) => {
            ck.error(
                p,
                codes::INVALID_FORMAT,
                format!(
                    "{} is \"{}\"; expected true or false.",
                    p.name(),
                    excerpt(s)
                ),
            );
            None
        }
        _ => ck.boolean(v, p),
    }
}

/// The first 40 characters of `s`, for messages.
pub fn excerpt(s: &str) -> std::borrow::Cow<'_, str> {
    excerpt_n(s, 40)
}

/// The first `n` characters of `s`, with `…` when cut.
pub fn excerpt_n(s: &str, n: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(n) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or(s)).into(),
        None => s.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_misspelt_keys() {
        let known = ["from", "to", "planningId", "orderNo", "after_tag"];
        assert_eq!(suggestion("to:", &known), Some("to"));
        assert_eq!(suggestion(" planningId", &known), Some("planningId"));
        assert_eq!(suggestion("order_no", &known), Some("orderNo"));
        assert_eq!(suggestion("afterTag", &known), Some("after_tag"));
        assert_eq!(suggestion("toe", &known), None);
        assert_eq!(suggestion("::", &known), None);
    }

    #[test]
    fn excerpts_cut_on_char_boundaries() {
        let long = "é".repeat(50);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), 41);
        assert_eq!(excerpt("short"), "short");
    }
}
