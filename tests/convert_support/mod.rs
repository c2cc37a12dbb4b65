//! Helpers shared by the conversion tests (`tests/convert_*.rs`).

#![allow(dead_code)] // Each test crate uses its own subset.

use orderbridge::convert::{convert_text, ConvertOptions, Converted};
use orderbridge::issue::{Issue, Severity};
use orderbridge::json;
use orderbridge::model::Order;
use orderbridge::validate::{validate_text, Format};
use orderbridge::vendor::ValidateOptions;
use serde_json::Value as Json;

/// A format by id.
pub fn format(id: &str) -> Format {
    Format::from_id(id).expect("a known format")
}

/// Options `from` → `to` with every default.
pub fn opts(from: &str, to: &str) -> ConvertOptions {
    ConvertOptions::new(format(from), format(to))
}

/// Options with a date and an IANA zone.
pub fn opts_at(from: &str, to: &str, date: &str, zone: &str) -> ConvertOptions {
    let mut o = opts(from, to);
    o.date = Some(date.to_string());
    o.time_zone = Some(zone.to_string());
    o
}

/// A canonical order read from JSON text (for the `defaults` option).
pub fn canonical_order(text: &str) -> Order {
    let v = json::parse(text).expect("test JSON");
    let mut ck = orderbridge::check::Checker::new();
    let o = orderbridge::model::read_order(&v, &json::Path::root(), &mut ck).expect("an order");
    assert!(!ck.has_errors(), "{:?}", ck.issues);
    o
}

/// Converts, panicking on a usage error.
pub fn run(text: &str, options: &ConvertOptions) -> Converted {
    convert_text(text, options).expect("no usage error")
}

/// The output parsed as JSON.
pub fn output(c: &Converted) -> Json {
    let text = c.output.as_deref().unwrap_or_else(|| {
        panic!("no output; issues: {:#?}", c.issues);
    });
    serde_json::from_str(text).expect("the output is JSON")
}

/// Parses test JSON.
pub fn json(text: &str) -> Json {
    serde_json::from_str(text).expect("test JSON")
}

/// A fixture's text.
pub fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// `(path, code)` of every issue with `code`.
pub fn paths_with(c: &Converted, code: &str) -> Vec<String> {
    c.issues
        .iter()
        .filter(|i| i.code == code)
        .map(|i| i.path.to_string())
        .collect()
}

/// The errors of a result.
pub fn errors(c: &Converted) -> Vec<&Issue> {
    c.issues.iter().filter(|i| i.is_error()).collect()
}

/// Sorted copy.
pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// Asserts that `text` validates as `format` with no error.
pub fn assert_valid(format_id: &str, text: &str) {
    let report = validate_text(format(format_id), text, &ValidateOptions::default())
        .expect("the output is JSON");
    let errors: Vec<_> = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "the {format_id} output does not validate: {errors:#?}\n{text}"
    );
}

/// The pointers where two JSON values differ, as coarse as possible: a key present on one side
/// only, a value of another type or an array that differs is reported at its own pointer;
/// objects are compared key by key.
pub fn diff(a: &Json, b: &Json) -> Vec<String> {
    let mut out = Vec::new();
    diff_into(a, b, String::new(), &mut out);
    out
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn diff_into(a: &Json, b: &Json, at: String, out: &mut Vec<String>) {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => {
            for (k, v) in x {
                let p = format!("{at}/{}", escape(k));
                match y.get(k) {
                    Some(w) => diff_into(v, w, p, out),
                    None => out.push(p),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(format!("{at}/{}", escape(k)));
            }
        }
        (x, y) if same(x, y) => {}
        _ => out.push(at),
    }
}

/// JSON equality where numbers that are the same value written differently (5 and 5.0) are
/// equal.
pub fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// True when pointer `a` is `b` or inside it, or `b` inside `a`.
pub fn related(a: &str, b: &str) -> bool {
    let inside = |x: &str, y: &str| x == y || (x.starts_with(y) && x[y.len()..].starts_with('/'));
    inside(a, b) || inside(b, a)
}

/// Asserts that the pointers where `before` and `after` differ are exactly the `lost` ones:
/// every difference is at (or inside, or around) a lost pointer, and every lost pointer
/// differs.
pub fn assert_exactly_lost(before: &Json, after: &Json, lost: &[String], context: &str) {
    let d = diff(before, after);
    for p in &d {
        assert!(
            lost.iter().any(|l| related(p, l)),
            "{context}: {p} differs but is not reported lost (lost: {lost:?})\nbefore {before}\nafter  {after}"
        );
    }
    for l in lost {
        assert!(
            d.iter().any(|p| related(p, l)),
            "{context}: {l} is reported lost but came back unchanged (diff: {d:?})\nbefore {before}\nafter  {after}"
        );
    }
}

/// Asserts what every conversion of a documented example gives: output valid for `to`, every
/// `lost` pointer and every issue path resolving in the input, and a `LOSSY_CONVERSION` warning
/// for every lost pointer. Returns the output text.
pub fn assert_sound<'c>(c: &'c Converted, input: &Json, to: &str, context: &str) -> &'c str {
    let Some(out) = c.output.as_deref() else {
        panic!("{context}: no output: {:#?}", c.issues);
    };
    assert_valid(to, out);
    for l in &c.lost {
        assert!(
            resolves(input, l),
            "{context}: lost {l} is not in the input"
        );
    }
    for i in &c.issues {
        assert!(
            resolves(input, &i.path),
            "{context}: issue path {} ({}) is not in the input",
            i.path,
            i.code
        );
    }
    let lossy = paths_with(c, orderbridge::convert::codes::LOSSY_CONVERSION);
    assert!(
        c.lost.iter().all(|l| lossy.iter().any(|p| p == l)),
        "{context}: every lost pointer has its warning"
    );
    out
}

/// True when `pointer` resolves in `value`.
pub fn resolves(value: &Json, pointer: &str) -> bool {
    value.pointer(pointer).is_some()
}

/// A realistic canonical order in Moscow (every field a vendor maps), shared by the by-hand
/// canonical → vendor tests.
pub const MOSCOW_ORDER: &str = r#"{"number":"ORD-7781","kind":"delivery","date":"2024-03-22",
    "location":{"lat":55.751244,"lon":37.618423,"address":"Moscow, Tverskaya St 7","name":"Cafe Pushkin"},
    "contact":{"name":"Olga Smirnova","phone":"+79161112233","email":"olga@example.com"},
    "timeWindows":[{"kind":"local","start":36000,"end":50400,"endBounds":"serviceStart"}],
    "service":{"durationS":300},"load":{"weightKg":4.2,"volume":0.05,"packages":2},
    "money":{"amount":2500,"paymentType":"card"},"priority":"high",
    "assignment":{"routeNumber":"MSK-0322-4"},"notes":"Entrance from the yard",
    "customFields":{"floor":"5"}}"#;
