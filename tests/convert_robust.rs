//! Robustness properties of conversion and validation on hostile input.
//!
//! The library is compiled to wasm, where a Rust panic aborts the whole instance: no payload,
//! however broken, may make it panic. These properties take every vendor fixture under
//! `tests/fixtures/<vendor>/` (and canonical orders: a hand-written one, and every fixture
//! converted to every format with `preserveUnmapped`, so that extension-slot envelopes are
//! mutated too) as seeds, break them in the ways real traffic and attackers do, and convert
//! each result from its format to every format with random options, through both public entry
//! points ([`convert_text`] and [`convert_value`]). For each conversion they check:
//!
//! 1. no panic (proptest turns a panic into a failing case, with the panic message);
//! 2. every issue, and every usage error, has a stable SCREAMING_SNAKE code and a message;
//! 3. an output, when there is one, validates as the target format with no error;
//! 4. an output written with `preserveUnmapped` converts back to the source format without
//!    panicking (and obeys 2 and 3 on the way back too);
//! 5. the result is the one a fresh thread gets: nothing earlier conversions left in the
//!    thread's caches changes it.
//!
//! Three more properties feed arbitrary bytes, arbitrary text and JSON-like token soup straight
//! to the parser, the validators and the converters, with the same checks 1–3.
//!
//! Case counts are modest so that the file runs in well under a minute in a debug build on two
//! cores; rerun with `PROPTEST_CASES=5000` for a longer hunt.

#![cfg(not(target_arch = "wasm32"))] // proptest has no wasm32-unknown-unknown backend.

mod convert_support;

use convert_support::MOSCOW_ORDER;
use orderbridge::check::Checker;
use orderbridge::convert::{
    convert_text, convert_value, ConvertOptions, Converted, LoadSlot, WindowSemantics,
};
use orderbridge::issue::Issue;
use orderbridge::json::{self, Path, Value};
use orderbridge::model::{Order, Priority};
use orderbridge::validate::{validate_text, Format};
use orderbridge::vendor::ValidateOptions;
use orderbridge::UsageError;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use std::fmt;
use std::sync::OnceLock;

/// Every format, as the conversion matrix runs them.
const FORMATS: [&str; 5] = ["canonical", "wialon", "yandex", "optimoroute", "magiclane"];

/// Proptest settings for every property here: `cases` cases (or `PROPTEST_CASES`, which an
/// explicit count would otherwise override), no regression files written into the source tree
/// (a failure prints its minimal input instead), bounded shrinking time.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        max_shrink_time: 20_000,
        ..ProptestConfig::default()
    }
}

fn format(id: &str) -> Format {
    Format::from_id(id).expect("a known format")
}

// ------------------------------------------------------------------------------ JSON as text

/// A JSON document kept close to its text, so that mutations can write what a tree of
/// `serde_json` values cannot hold: duplicate keys, lone surrogate escapes, numbers beyond
/// `f64` (`1e400`), `-0`, and raw nesting deeper than the parser's limit.
#[derive(Clone, PartialEq)]
enum Node {
    /// A value exactly as written in the JSON text (`null`, `-0`, `1e308`, `"\ud800"`, or a
    /// whole nested text built by a mutation).
    Raw(String),
    /// An array.
    Array(Vec<Node>),
    /// An object; keys are JSON string literals (quotes and escapes included) and may repeat.
    Object(Vec<(String, Node)>),
}

impl Node {
    fn raw(text: impl Into<String>) -> Node {
        Node::Raw(text.into())
    }

    fn string(text: &str) -> Node {
        Node::Raw(quote(text))
    }

    fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        match self {
            Node::Raw(text) => out.push_str(text),
            Node::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.render_into(out);
                }
                out.push(']');
            }
            Node::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(key);
                    out.push(':');
                    value.render_into(out);
                }
                out.push('}');
            }
        }
    }

    /// The child-index path of every value, the root (`[]`) first, in document order.
    fn paths(&self) -> Vec<Vec<usize>> {
        fn walk(node: &Node, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
            out.push(at.clone());
            let children: Vec<&Node> = match node {
                Node::Raw(_) => return,
                Node::Array(items) => items.iter().collect(),
                Node::Object(members) => members.iter().map(|(_, v)| v).collect(),
            };
            for (i, child) in children.into_iter().enumerate() {
                at.push(i);
                walk(child, at, out);
                at.pop();
            }
        }
        let mut out = Vec::new();
        walk(self, &mut Vec::new(), &mut out);
        out
    }

    fn at(&self, path: &[usize]) -> Option<&Node> {
        let Some((&first, rest)) = path.split_first() else {
            return Some(self);
        };
        let child = match self {
            Node::Raw(_) => return None,
            Node::Array(items) => items.get(first)?,
            Node::Object(members) => &members.get(first)?.1,
        };
        child.at(rest)
    }

    fn at_mut(&mut self, path: &[usize]) -> Option<&mut Node> {
        let Some((&first, rest)) = path.split_first() else {
            return Some(self);
        };
        let child = match self {
            Node::Raw(_) => return None,
            Node::Array(items) => items.get_mut(first)?,
            Node::Object(members) => &mut members.get_mut(first)?.1,
        };
        child.at_mut(rest)
    }

    /// Every object key in the document (as JSON string literals), for [`Edit::Add`].
    fn keys_into(&self, out: &mut Vec<String>) {
        match self {
            Node::Raw(_) => {}
            Node::Array(items) => items.iter().for_each(|i| i.keys_into(out)),
            Node::Object(members) => {
                for (k, v) in members {
                    out.push(k.clone());
                    v.keys_into(out);
                }
            }
        }
    }
}

/// A value prints as its JSON text, which is what a reproduction needs.
impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&excerpt(&self.render()))
    }
}

/// A Rust string as a JSON string literal (serde_json escapes controls, NUL included).
fn quote(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serializes")
}

/// The crate's parsed value as a [`Node`], numbers kept as written.
fn node_of(value: &Value) -> Node {
    match value {
        Value::Null => Node::raw("null"),
        Value::Bool(b) => Node::raw(b.to_string()),
        Value::Number(n) => Node::raw(n.raw()),
        Value::String(s) => Node::string(s),
        Value::Array(items) => Node::Array(items.iter().map(node_of).collect()),
        Value::Object(members) => Node::Object(
            members
                .iter()
                .map(|(k, v)| (quote(k), node_of(v)))
                .collect(),
        ),
    }
}

// ------------------------------------------------------------------------------ seeds

/// A documented (or derived) payload of one format: `prefix`, the JSON `tree`, `suffix`. Only
/// the Wialon form text (`svc=order/update&params={...}&sid=...`) has a prefix and a suffix:
/// its params are mutated as JSON inside the form.
struct Seed {
    name: String,
    prefix: String,
    tree: Node,
    suffix: String,
}

/// The seeds of each format, in [`FORMATS`] order, and every object key found in any of them.
struct Seeds {
    by_format: Vec<Vec<Seed>>,
    keys: Vec<String>,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(load_seeds)
}

/// Reads a fixture as a seed; `None` for text that is neither JSON nor the Wialon form.
fn seed_of(name: String, text: &str) -> Option<Seed> {
    if let Ok(v) = json::parse(text) {
        return Some(Seed {
            name,
            prefix: String::new(),
            tree: node_of(&v),
            suffix: String::new(),
        });
    }
    let start = text.find("params=")? + "params=".len();
    let end = text.find("&sid=").unwrap_or(text.len());
    let params = json::parse(text.get(start..end)?).ok()?;
    Some(Seed {
        prefix: text[..start].to_string(),
        tree: node_of(&params),
        suffix: text[end..].to_string(),
        name,
    })
}

/// Options that make the documented examples convert (the fixtures' day and zone, and what
/// the targets require): used only to derive seeds in every format from the fixtures.
fn seed_options(from: &str, to: &str) -> ConvertOptions {
    let mut o = ConvertOptions::new(format(from), format(to));
    o.date = Some("2024-06-10".into());
    o.time_zone = Some("Europe/Minsk".into());
    o.preserve_unmapped = true;
    o.defaults = read_defaults(DEFAULTS[0]);
    o
}

fn load_seeds() -> Seeds {
    let mut by_format: Vec<Vec<Seed>> = FORMATS.iter().map(|_| Vec::new()).collect();
    let canonical_batch = format!(r#"{{"orders":[{MOSCOW_ORDER},{{"number":"B-2"}}]}}"#);
    by_format[0].push(seed_of("MOSCOW_ORDER".into(), MOSCOW_ORDER).expect("JSON"));
    by_format[0].push(seed_of("canonical batch".into(), &canonical_batch).expect("JSON"));
    for (f, id) in FORMATS.iter().enumerate().skip(1) {
        let dir = format!("{}/tests/fixtures/{id}", env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("a fixture directory")
            .map(|e| e.expect("a directory entry").path())
            .collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if name.ends_with(".md") || name.ends_with(".schema.json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a fixture");
            if let Some(seed) = seed_of(format!("{id}/{name}"), &text) {
                by_format[f].push(seed);
            }
        }
    }
    // Every seed converted to every format with `preserveUnmapped`: canonical orders from
    // every vendor, and vendor payloads carrying orderbridge envelopes in their slots.
    let mut derived: Vec<(usize, Seed)> = Vec::new();
    for (f, from) in FORMATS.iter().enumerate() {
        for seed in &by_format[f] {
            let text = format!("{}{}{}", seed.prefix, seed.tree.render(), seed.suffix);
            for (t, to) in FORMATS.iter().enumerate() {
                let Ok(c) = convert_text(&text, &seed_options(from, to)) else {
                    continue;
                };
                let name = format!("{} -> {to}", seed.name);
                if let Some(seed) = c.output.and_then(|out| seed_of(name, &out)) {
                    derived.push((t, seed));
                }
            }
        }
    }
    for (t, seed) in derived {
        by_format[t].push(seed);
    }
    let mut keys = Vec::new();
    for seed in by_format.iter().flatten() {
        seed.tree.keys_into(&mut keys);
    }
    keys.sort();
    keys.dedup();
    Seeds { by_format, keys }
}

// ------------------------------------------------------------------------------ odd values

/// Numbers at and beyond every limit a field may have, as JSON text.
const ODD_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-0.0",
    "0e0",
    "-1",
    "0.5",
    "-0.5",
    "2.5e-3",
    "1.0",
    "59.999",
    "1439.5",
    "1440",
    "1441",
    "86399.999",
    "86400",
    "86401",
    "-86400",
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "1e309",
    "-1e400",
    "1e-400",
    "4.9e-324",
    "2147483648",
    "-2147483649",
    "4294967296",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "123456789012345678901234567890",
    "1718006400",
    "1751445531350",
    "253402300800",
    "-62135596801",
    "1e15",
    "1E+2",
];

/// Texts that are almost times, dates, intervals, ids or payloads.
const ODD_TEXTS: &[&str] = &[
    "",
    " ",
    "T",
    "-",
    "/",
    ":",
    "24:00",
    "25:61",
    "23:59:60",
    "00:00",
    "9:5",
    "10:00 - 09:00",
    "10:00-14:00",
    "10:00 - ",
    " - 14:00",
    "2024-02-30",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "0000-01-01",
    "-0001-01-01",
    "9999-12-31",
    "2024-06-11T24:00:00Z",
    "2024-06-11T23:59:60Z",
    "2024-06-11T10:00:00+25:00",
    "2024-06-11T10:00:00+03:00/2024-06-11T09:00:00+03:00",
    "2024-06-11T10:00:00+03:00/",
    "/2024-06-11T10:00:00+03:00",
    "2024-06-11T10:00/PT2H",
    "P1D",
    "PT",
    "1718006400",
    "12.5",
    "1e308",
    "-0",
    "NaN",
    "Infinity",
    "null",
    "true",
    "[1040,1041]",
    "[",
    "{\"orderbridge\":{\"v\":1}}",
    "{",
    "m||gIoocgD}Yai@ga@ug@",
    "~~~~",
    "\\",
    "\"",
    "~1/~0",
    "/orders/0",
    "Ünïcødé straße",
    "Москва, Тверская 7",
    "北京市朝阳区",
    "🚚📦🏠",
    "👩‍👩‍👧‍👦",
    "עברית مرحبا",
    "\u{202E}txet LTR\u{202C}",
    "e\u{301}\u{301}\u{301}",
    "a\u{0}b",
    "\u{0}",
    "\u{FEFF}",
    "\u{2028}\u{2029}",
    "\u{FFFF}\u{10FFFF}",
    "\t\r\n",
    "svc=order/update&params={}",
    "create",
    "delivery",
    "pickup",
    "critical",
];

/// String literals with escapes a Rust string cannot hold (lone surrogates), written raw.
const RAW_STRINGS: &[&str] = &[
    r#""\ud800""#,
    r#""\udfff""#,
    r#""\udc00\ud800""#,
    r#""a\ud800b""#,
    r#""10:00\ud800""#,
    r#""\ud800\ud800""#,
    r#""\ud83d\ude9a""#,
    r#""\uDBFF\uDFFF""#,
    r#""\u0000""#,
    r#""\u00e9\u0301""#,
    r#""\/\b\f""#,
];

/// Unusual JSON numbers, as text.
fn odd_number() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(ODD_NUMBERS).prop_map(str::to_string),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(|x| if x.is_finite() { format!("{x:e}") } else { "1e999".into() }),
        1 => any::<f64>().prop_map(|x| if x.is_finite() { format!("{x}") } else { "-1e999".into() }),
    ]
}

/// Unusual strings, as Rust text.
fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(ODD_TEXTS).prop_map(str::to_string),
        2 => prop::collection::vec(any::<char>(), 0..12).prop_map(|c| c.into_iter().collect()),
        2 => "\\PC{0,24}",
        1 => long_text(),
    ]
}

/// Very long strings, of one- to four-byte characters (limits, truncation at char
/// boundaries, quadratic work).
fn long_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["x", "é", "中", "🚚", "\u{202E}", " "][..]),
        prop::sample::select(&[256usize, 1000, 1001, 4096, 65_536][..]),
    )
        .prop_map(|(unit, n)| unit.repeat(n))
}

/// A scalar of any JSON type, odd where it can be.
fn odd_scalar() -> impl Strategy<Value = Node> {
    prop_oneof![
        1 => prop::sample::select(&["null", "true", "false"][..]).prop_map(Node::raw),
        4 => odd_number().prop_map(Node::Raw),
        2 => odd_number().prop_map(|n| Node::string(&n)),
        6 => odd_text().prop_map(|t| Node::string(&t)),
        2 => prop::sample::select(RAW_STRINGS).prop_map(Node::raw),
    ]
}

/// An object key: one that some format knows (so that mutations reach real fields), or an odd
/// text.
fn key() -> impl Strategy<Value = String> {
    let known = seeds().keys.clone();
    prop_oneof![
        3 => prop::sample::select(known),
        1 => odd_text().prop_map(|t| quote(&t)),
        1 => prop::sample::select(RAW_STRINGS).prop_map(str::to_string),
    ]
}

/// Any JSON value: mostly odd scalars, sometimes a small array or object of them.
fn odd_value() -> impl Strategy<Value = Node> {
    odd_scalar().prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Node::Array),
            prop::collection::vec((key(), inner), 0..3).prop_map(Node::Object),
        ]
    })
}

// ------------------------------------------------------------------------------ mutations

/// How the whole payload is wrapped: as a list, a batch, or an envelope of some vendor.
#[derive(Clone, Copy, Debug)]
enum Wrap {
    /// `[p, p, ...]` (`0` gives `[]`).
    List(usize),
    /// `{"orders": [p, ...]}`.
    Orders(usize),
    /// `{"svc": "order/update", "params": p}`.
    WialonEnvelope,
    /// `{"svc": "core/batch", "params": [{"svc": "order/update", "params": p}]}`.
    WialonBatch,
    /// `{"query": {}, "body": p}` (Magic Lane update envelope).
    Body,
}

/// One change to the JSON tree. Indexes pick among the tree's values when applied, so that a
/// shrunk case stays meaningful.
#[derive(Clone, Debug)]
enum Edit {
    /// Remove a member of an object or an item of an array.
    Delete(Index),
    /// Replace a value (possibly the root) by another, of any type.
    Replace(Index, Node),
    /// Add a second member with the same key (or a second item) before or after a value.
    Duplicate(Index, Node, bool),
    /// Add a member to an object (or an item to an array).
    Add(Index, String, Node),
    /// Nest a value `depth` arrays (or objects) deep, at and beyond the parser's limit.
    Nest(Index, usize, bool),
    /// Nest a value so that the payload is this many levels short of the parser's limit:
    /// input that reads, holding a value that a conversion writes deeper still.
    NestToLimit(Index, usize, bool),
    /// Wrap the whole payload.
    Wrap(Wrap),
}

/// A change to the payload text after the tree is written: for text that is not JSON.
#[derive(Clone, Debug)]
enum TextEdit {
    /// Cut the text at a byte (moved back to a character boundary: the API takes `&str`).
    Truncate(Index),
    /// Insert a snippet at a byte.
    Insert(Index, String),
    /// Remove up to `n` bytes from a byte on.
    Remove(Index, usize),
}

fn wrap() -> impl Strategy<Value = Wrap> {
    prop_oneof![
        4 => (0usize..4).prop_map(Wrap::List),
        3 => (0usize..4).prop_map(Wrap::Orders),
        1 => Just(Wrap::WialonEnvelope),
        1 => Just(Wrap::WialonBatch),
        1 => Just(Wrap::Body),
    ]
}

/// A batch past OptimoRoute's 500-order bulk limit, made of copies of the (mutated) payload.
/// Applied once, last, and only to a small payload, so that wraps cannot compound into
/// hundreds of megabytes.
fn big_batch() -> impl Strategy<Value = Option<Wrap>> {
    prop::option::weighted(
        0.03,
        prop::sample::select(&[Wrap::List(501), Wrap::Orders(501)][..]),
    )
}

/// Largest payload (in bytes) that [`big_batch`] copies 501 times.
const BIG_BATCH_ITEM_LIMIT: usize = 4_096;

/// One tree mutation, weighted towards replacing and deleting values.
fn edit() -> impl Strategy<Value = Edit> {
    let depth = prop::sample::select(&[2usize, 64, 120, 126, 127, 128, 129, 300, 5000][..]);
    prop_oneof![
        4 => any::<Index>().prop_map(Edit::Delete),
        6 => (any::<Index>(), odd_value()).prop_map(|(i, v)| Edit::Replace(i, v)),
        2 => (any::<Index>(), odd_value(), any::<bool>())
            .prop_map(|(i, v, before)| Edit::Duplicate(i, v, before)),
        2 => (any::<Index>(), key(), odd_value()).prop_map(|(i, k, v)| Edit::Add(i, k, v)),
        1 => (any::<Index>(), depth, any::<bool>()).prop_map(|(i, d, o)| Edit::Nest(i, d, o)),
        1 => (any::<Index>(), 0usize..8, any::<bool>())
            .prop_map(|(i, short, o)| Edit::NestToLimit(i, short, o)),
        1 => wrap().prop_map(Edit::Wrap),
    ]
}

/// Snippets of broken JSON, or random bytes (made text: the API takes `&str`).
fn snippet() -> impl Strategy<Value = String> {
    let pieces = &[
        "\u{0}", "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u", "\\ud800", "\u{FEFF}",
        "\u{2028}", "\r\n", "/*", "NaN", "-", "1e", "0x10", "'", "\u{7F}", "\u{80}", "🚚",
    ][..];
    prop_oneof![
        3 => prop::sample::select(pieces).prop_map(str::to_string),
        2 => prop::collection::vec(any::<u8>(), 1..8)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => prop::collection::vec(any::<char>(), 1..4).prop_map(|c| c.into_iter().collect()),
    ]
}

/// One change to the payload text (applied after the tree edits, to 1 case in 4).
fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        any::<Index>().prop_map(TextEdit::Truncate),
        (any::<Index>(), snippet()).prop_map(|(i, s)| TextEdit::Insert(i, s)),
        (any::<Index>(), 1usize..16).prop_map(|(i, n)| TextEdit::Remove(i, n)),
    ]
}

/// Applies one edit to the tree; an edit with nothing to act on (no member to delete) does
/// nothing.
fn apply(tree: &mut Node, edit: &Edit) {
    let paths = tree.paths();
    let pick = |i: &Index, from_root: bool| -> Option<Vec<usize>> {
        let candidates = if from_root { &paths[..] } else { &paths[1..] };
        (!candidates.is_empty()).then(|| candidates[i.index(candidates.len())].clone())
    };
    match edit {
        Edit::Delete(i) => {
            if let Some(path) = pick(i, false) {
                let (last, parent) = path.split_last().expect("not the root");
                match tree.at_mut(parent) {
                    Some(Node::Array(items)) => drop(items.remove(*last)),
                    Some(Node::Object(members)) => drop(members.remove(*last)),
                    _ => {}
                }
            }
        }
        Edit::Replace(i, value) => {
            if let Some(slot) = pick(i, true).and_then(|p| tree.at_mut(&p)) {
                *slot = value.clone();
            }
        }
        Edit::Duplicate(i, value, before) => {
            if let Some(path) = pick(i, false) {
                let (last, parent) = path.split_last().expect("not the root");
                let at = if *before { *last } else { last + 1 };
                match tree.at_mut(parent) {
                    Some(Node::Array(items)) => items.insert(at, value.clone()),
                    Some(Node::Object(members)) => {
                        let key = members[*last].0.clone();
                        members.insert(at, (key, value.clone()));
                    }
                    _ => {}
                }
            }
        }
        Edit::Add(i, key, value) => {
            let containers: Vec<&Vec<usize>> = paths
                .iter()
                .filter(|p| matches!(tree.at(p), Some(Node::Array(_) | Node::Object(_))))
                .collect();
            if containers.is_empty() {
                return;
            }
            let path = containers[i.index(containers.len())].clone();
            match tree.at_mut(&path) {
                Some(Node::Array(items)) => items.push(value.clone()),
                Some(Node::Object(members)) => members.push((key.clone(), value.clone())),
                _ => {}
            }
        }
        Edit::Nest(i, depth, as_object) => {
            if let Some(slot) = pick(i, true).and_then(|p| tree.at_mut(&p)) {
                nest(slot, *depth, *as_object);
            }
        }
        Edit::NestToLimit(i, short, as_object) => {
            if let Some(path) = pick(i, true) {
                if let Some(slot) = tree.at_mut(&path) {
                    // The slot sits inside `path.len()` arrays and objects.
                    let own = json::parse(&slot.render()).map_or(0, |v| v.depth());
                    let depth = json::MAX_DEPTH.saturating_sub(short + path.len() + own);
                    nest(slot, depth, *as_object);
                }
            }
        }
        Edit::Wrap(how) => {
            let p = std::mem::replace(tree, Node::raw("null"));
            let member = |k: &str, v: Node| (quote(k), v);
            *tree = match *how {
                Wrap::List(n) => Node::Array(vec![p; n]),
                Wrap::Orders(n) => Node::Object(vec![member("orders", Node::Array(vec![p; n]))]),
                Wrap::WialonEnvelope => Node::Object(vec![
                    member("svc", Node::string("order/update")),
                    member("params", p),
                ]),
                Wrap::WialonBatch => Node::Object(vec![
                    member("svc", Node::string("core/batch")),
                    member(
                        "params",
                        Node::Array(vec![Node::Object(vec![
                            member("svc", Node::string("order/update")),
                            member("params", p),
                        ])]),
                    ),
                ]),
                Wrap::Body => Node::Object(vec![
                    member("query", Node::Object(Vec::new())),
                    member("body", p),
                ]),
            };
        }
    }
}

/// Puts `slot` inside `depth` arrays (or single-member objects).
fn nest(slot: &mut Node, depth: usize, as_object: bool) {
    let (open, close) = if as_object {
        ("{\"a\":", "}")
    } else {
        ("[", "]")
    };
    *slot = Node::Raw(format!(
        "{}{}{}",
        open.repeat(depth),
        slot.render(),
        close.repeat(depth)
    ));
}

/// The byte at or before `i` that starts a character.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Applies one text edit, at character boundaries.
fn apply_text(text: &mut String, edit: &TextEdit) {
    let at = |i: &Index| boundary(text, i.index(text.len() + 1));
    match edit {
        TextEdit::Truncate(i) => {
            let cut = at(i);
            text.truncate(cut);
        }
        TextEdit::Insert(i, snippet) => {
            let pos = at(i);
            text.insert_str(pos, snippet);
        }
        TextEdit::Remove(i, n) => {
            let start = at(i);
            let end = boundary(text, start + n);
            text.replace_range(start..end, "");
        }
    }
}

// ------------------------------------------------------------------------------ options

/// Canonical orders for the `defaults` option: what the conversion matrix passes, a full order,
/// an empty one, and odd but valid values.
const DEFAULTS: &[&str] = &[
    r#"{"kind":"delivery","assignment":{"routeNumber":"R-1"},"location":{"address":"Minsk","lat":53.9,"lon":27.56},"vendor":{"wialon":{"itemId":734455}}}"#,
    MOSCOW_ORDER,
    "{}",
    r#"{"number":"","location":{"lat":-90,"lon":180,"address":""},"date":"2024-02-29","priority":"critical"}"#,
    r#"{"timeWindows":[{"kind":"local","start":0,"end":86400}],"service":{"durationS":0}}"#,
];

/// Reads a canonical order for `defaults`; `None` unless it reads without errors (the wasm
/// binding refuses `defaults` with errors, so those never reach the converter).
fn read_defaults(text: &str) -> Option<Order> {
    let v = json::parse(text).ok()?;
    let mut ck = Checker::new();
    let order = orderbridge::model::read_order(&v, &Path::root(), &mut ck)?;
    (!ck.has_errors()).then_some(order)
}

/// The options of one conversion, as picked by the strategy (printed on failure).
#[derive(Clone, Debug)]
struct Pick {
    strict: bool,
    preserve: bool,
    adjust: bool,
    date: Option<&'static str>,
    zone: Option<&'static str>,
    /// A canonical order's text; a mutated one that reads with errors is dropped.
    defaults: Option<String>,
    /// Picks among the target's endpoints and one that does not exist.
    endpoint: Option<Index>,
    source_endpoint: Option<&'static str>,
    wialon_priorities: [u64; 4],
    magic_lane_high_from: Priority,
    load_slots: [LoadSlot; 4],
    magic_lane_seconds: bool,
}

/// The endpoints each target writes, and one it does not.
fn target_endpoints(to: &str) -> &'static [&'static str] {
    match to {
        "yandex" => &[
            "add_order",
            "add_order_batch",
            "add_order_batch:chunks",
            "bogus",
        ],
        "optimoroute" => &[
            "create_order",
            "create_or_update_orders",
            "create_or_update_orders:chunks",
            "bogus",
        ],
        _ => &["bogus"],
    }
}

impl Pick {
    fn options(&self, from: &str, to: &str) -> ConvertOptions {
        let mut o = ConvertOptions::new(format(from), format(to));
        o.strict = self.strict;
        o.preserve_unmapped = self.preserve;
        if self.adjust {
            o.window_semantics = WindowSemantics::Adjust;
        }
        o.date = self.date.map(str::to_string);
        o.time_zone = self.zone.map(str::to_string);
        o.defaults = self.defaults.as_deref().and_then(read_defaults);
        o.target_endpoint = self.endpoint.as_ref().map(|i| {
            let names = target_endpoints(to);
            names[i.index(names.len())].to_string()
        });
        o.source_endpoint = self.source_endpoint.map(str::to_string);
        o.priorities.wialon = self.wialon_priorities;
        o.priorities.magic_lane_high_from = self.magic_lane_high_from;
        o.load_slots = self.load_slots;
        o.magic_lane_window_seconds = self.magic_lane_seconds;
        o
    }
}

fn defaults() -> impl Strategy<Value = Option<String>> {
    let moscow = seed_of("defaults".into(), MOSCOW_ORDER).expect("JSON").tree;
    prop_oneof![
        3 => Just(None),
        3 => prop::sample::select(DEFAULTS).prop_map(|d| Some(d.to_string())),
        2 => prop::collection::vec(edit(), 1..3).prop_map(move |edits| {
            let mut t = moscow.clone();
            edits.iter().for_each(|e| apply(&mut t, e));
            Some(t.render())
        }),
    ]
}

fn slot() -> impl Strategy<Value = LoadSlot> {
    prop_oneof![
        Just(LoadSlot::Weight),
        Just(LoadSlot::Volume),
        Just(LoadSlot::Packages),
        (0usize..4).prop_map(LoadSlot::Custom),
    ]
}

fn pick() -> impl Strategy<Value = Pick> {
    let date = prop_oneof![
        2 => Just(None),
        4 => prop::sample::select(&["2024-06-10", "2024-03-22", "2024-03-31", "2024-02-29"][..]).prop_map(Some),
        1 => prop::sample::select(&["2024-02-30", "2024-13-01", "", "T", "-", "0000-01-01", "9999-12-31", "2024-6-1"][..]).prop_map(Some),
    ];
    let zone = prop_oneof![
        2 => Just(None),
        4 => prop::sample::select(&["Europe/Minsk", "Europe/Moscow", "America/New_York", "UTC",
            "Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Lord_Howe", "Asia/Kathmandu",
            "Etc/GMT+12"][..]).prop_map(Some),
        1 => prop::sample::select(&["Mars/Olympus", "", "Europe/", "../../etc/passwd", "+03:00"][..]).prop_map(Some),
    ];
    let priorities = prop::sample::select(
        &[
            [0, 1, 2, 3],
            [3, 2, 1, 0],
            [0, 0, 0, 0],
            [10, 20, 30, u64::MAX],
            [u64::MAX; 4],
        ][..],
    );
    let high_from = prop::sample::select(
        &[
            Priority::Low,
            Priority::Medium,
            Priority::High,
            Priority::Critical,
        ][..],
    );
    let source_endpoint = prop_oneof![
        8 => Just(None),
        1 => prop::sample::select(&[
            "create_order", "create_or_update_orders", "get_orders", "bogus", "",
            // Magic Lane's names.
            "create", "update", "get", "get_all", "delete",
        ][..]).prop_map(Some),
    ];
    (
        (any::<bool>(), any::<bool>(), any::<bool>(), date, zone),
        (
            defaults(),
            prop::option::weighted(0.15, any::<Index>()),
            source_endpoint,
        ),
        (
            priorities,
            high_from,
            prop::array::uniform4(slot()),
            prop::bool::weighted(0.1),
        ),
    )
        .prop_map(
            |(
                (strict, preserve, adjust, date, zone),
                (defaults, endpoint, source_endpoint),
                (wialon_priorities, magic_lane_high_from, load_slots, magic_lane_seconds),
            )| Pick {
                strict,
                preserve,
                adjust,
                date,
                zone,
                defaults,
                endpoint,
                source_endpoint,
                wialon_priorities,
                magic_lane_high_from,
                load_slots,
                magic_lane_seconds,
            },
        )
}

// ------------------------------------------------------------------------------ a case

/// A mutated payload of format `from`, and the options of its conversion to each format.
#[derive(Clone)]
struct Case {
    from: &'static str,
    seed: String,
    edits: Vec<Edit>,
    text_edit: Option<TextEdit>,
    payload: String,
    picks: Vec<Pick>,
}

/// Prints the payload in full (it is what a reproduction needs) unless it is huge.
impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = if self.payload.len() <= 8_000 {
            self.payload.clone()
        } else {
            let head = &self.payload[..boundary(&self.payload, 4_000)];
            let tail = &self.payload[boundary(&self.payload, self.payload.len() - 2_000)..];
            format!("{head} …[{} bytes]… {tail}", self.payload.len())
        };
        f.debug_struct("Case")
            .field("from", &self.from)
            .field("seed", &self.seed)
            .field("edits", &self.edits)
            .field("text_edit", &self.text_edit)
            .field("payload", &shown)
            .field("picks", &self.picks)
            .finish()
    }
}

fn case() -> impl Strategy<Value = Case> {
    (
        0..FORMATS.len(),
        any::<Index>(),
        prop::collection::vec(edit(), 0..4),
        big_batch(),
        prop::option::weighted(0.25, text_edit()),
        prop::collection::vec(pick(), FORMATS.len()),
    )
        .prop_map(|(f, seed, mut edits, big, text_edit, picks)| {
            let group = &seeds().by_format[f];
            let seed = &group[seed.index(group.len())];
            let mut tree = seed.tree.clone();
            edits.iter().for_each(|e| apply(&mut tree, e));
            if let Some(how) = big.filter(|_| tree.render().len() <= BIG_BATCH_ITEM_LIMIT) {
                apply(&mut tree, &Edit::Wrap(how));
                edits.push(Edit::Wrap(how));
            }
            let mut payload = format!("{}{}{}", seed.prefix, tree.render(), seed.suffix);
            if let Some(t) = &text_edit {
                apply_text(&mut payload, t);
            }
            Case {
                from: FORMATS[f],
                seed: seed.name.clone(),
                edits,
                text_edit,
                payload,
                picks,
            }
        })
}

// ------------------------------------------------------------------------------ checks

/// A stable code: SCREAMING_SNAKE, as `docs/errors.md` lists them.
fn is_stable_code(code: &str) -> bool {
    code.starts_with(|c: char| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn check_issues(issues: &[Issue], context: &str) -> Result<(), TestCaseError> {
    for i in issues {
        prop_assert!(
            is_stable_code(&i.code),
            "{context}: issue without a stable code: {i:?}"
        );
        prop_assert!(
            !i.message.trim().is_empty(),
            "{context}: issue without a message: {i:?}"
        );
    }
    Ok(())
}

fn check_usage(e: &UsageError, context: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        is_stable_code(e.code),
        "{context}: usage error without a stable code: {e:?}"
    );
    prop_assert!(
        !e.message.trim().is_empty(),
        "{context}: usage error without a message: {e:?}"
    );
    Ok(())
}

/// The payloads an output consists of: the output itself, or, for a target endpoint that
/// writes a list of request bodies (`create_order` / `add_order` for a batch, the `:chunks`
/// endpoints), each body.
fn bodies(output: &str, endpoint: Option<&str>) -> Vec<String> {
    let listed = matches!(
        endpoint,
        Some(
            "create_order"
                | "add_order"
                | "add_order_batch:chunks"
                | "create_or_update_orders:chunks"
        )
    );
    match json::parse(output) {
        Ok(Value::Array(items)) if listed => items.iter().map(|i| node_of(i).render()).collect(),
        _ => vec![output.to_string()],
    }
}

/// Asserts (3): the output validates as `to` with no error, except one the conversion itself
/// reported as an error with the same code (it said why the output cannot be sent as it is,
/// e.g. a batch over OptimoRoute's 500 orders per request without the chunked endpoint).
fn check_output(
    output: &str,
    reported: &[Issue],
    options: &ConvertOptions,
    context: &str,
) -> Result<(), TestCaseError> {
    // The validator reads Magic Lane windows as minutes, the one unit the document implies:
    // an output written in seconds on request is not its business.
    if options.magic_lane_window_seconds && options.to.id() == "magiclane" {
        return Ok(());
    }
    for body in bodies(output, options.target_endpoint.as_deref()) {
        let report = validate_text(options.to, &body, &ValidateOptions::default());
        let report = match report {
            Ok(r) => r,
            Err(e) => {
                return Err(TestCaseError::fail(format!(
                    "{context}: the output is not JSON: {e}\n{}",
                    excerpt(output)
                )))
            }
        };
        check_issues(&report.issues, &format!("{context}, validating the output"))?;
        let said = |code: &str| reported.iter().any(|r| r.is_error() && r.code == code);
        let errors: Vec<&Issue> = report
            .issues
            .iter()
            .filter(|i| i.is_error() && !said(&i.code))
            .collect();
        prop_assert!(
            errors.is_empty(),
            "{context}: the output does not validate as {}: {errors:#?}\noutput: {}",
            options.to.id(),
            excerpt(output)
        );
    }
    Ok(())
}

fn excerpt(text: &str) -> String {
    if text.len() <= 4_000 {
        text.to_string()
    } else {
        format!("{} …[{} bytes]", &text[..boundary(text, 4_000)], text.len())
    }
}

/// Checks one conversion's result: (2), and (3) when there is an output.
fn check_converted(
    result: &Result<Converted, UsageError>,
    options: &ConvertOptions,
    context: &str,
) -> Result<(), TestCaseError> {
    match result {
        Err(e) => check_usage(e, context),
        Ok(c) => {
            check_issues(&c.issues, context)?;
            match &c.output {
                Some(out) => check_output(out, &c.issues, options, context),
                None => Ok(()),
            }
        }
    }
}

/// `payload` converted with `options` in a new thread, whose caches are empty.
fn in_a_fresh_thread(payload: &str, options: &ConvertOptions) -> Result<Converted, UsageError> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(16 << 20)
            .spawn_scoped(scope, || convert_text(payload, options))
            .expect("a thread")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Converts the case's payload to every format through both entry points, with the checks
/// (1)–(5).
fn convert_everywhere(case: &Case) -> Result<(), TestCaseError> {
    // The source format validates the payload on its own, too.
    match validate_text(
        format(case.from),
        &case.payload,
        &ValidateOptions::default(),
    ) {
        Ok(r) => check_issues(&r.issues, &format!("validate {}", case.from))?,
        Err(e) => check_usage(&e, &format!("validate {}", case.from))?,
    }
    let parsed = json::parse(&case.payload).ok();
    for (to, pick) in FORMATS.iter().zip(&case.picks) {
        let options = pick.options(case.from, to);
        let context = format!("{} -> {to} (convert_text)", case.from);
        let by_text = convert_text(&case.payload, &options);
        check_converted(&by_text, &options, &context)?;
        // (5) What the conversions before it left in this thread's caches (the loss messages
        // and the prepared defaults of the last conversion) does not change the result.
        prop_assert_eq!(
            &by_text,
            &in_a_fresh_thread(&case.payload, &options),
            "{} differs from the same conversion in a fresh thread",
            context
        );
        if let Some(value) = &parsed {
            let context = format!("{} -> {to} (convert_value)", case.from);
            check_converted(&convert_value(value, &options), &options, &context)?;
        }
        // (4) What was written with `preserveUnmapped` converts back.
        let Ok(Converted {
            output: Some(out), ..
        }) = &by_text
        else {
            continue;
        };
        if !options.preserve_unmapped {
            continue;
        }
        let mut back = pick.options(to, case.from);
        back.strict = false;
        back.target_endpoint = None;
        back.source_endpoint = None;
        let context = format!("{} -> {to} -> {} (convert_text)", case.from, case.from);
        check_converted(&convert_text(out, &back), &back, &context)?;
    }
    Ok(())
}

// ------------------------------------------------------------------------------ properties

proptest! {
    #![proptest_config(config(256))]

    /// Mutated fixtures of every format, converted to every format.
    #[test]
    fn mutated_fixtures_convert_to_every_format_without_panic(case in case()) {
        convert_everywhere(&case)?;
    }
}

/// JSON-looking token soup: gets further into the parser (and past it, into the validators)
/// than random bytes do.
fn token_soup() -> impl Strategy<Value = String> {
    let tokens = &[
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\n",
        "\"",
        "\\",
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1e308",
        "1e999",
        "-",
        ".5",
        "\"a\"",
        "\"orders\"",
        "\"params\"",
        "\"svc\"",
        "\"order/update\"",
        "\"callMode\"",
        "\"create\"",
        "\"body\"",
        "\"location\"",
        "\"timeWindow\"",
        "\"time_interval\"",
        "\"10:00 - 14:00\"",
        "\"\\ud800\"",
        "\"\\u0000\"",
        "\"🚚\"",
        "svc=order/update&params=",
        "&sid=",
        "\u{0}",
        "\u{FEFF}",
    ][..];
    prop::collection::vec(prop::sample::select(tokens), 0..48).prop_map(|t| t.concat())
}

/// Validate options for any format: an endpoint it has (or not), a Wialon call mode (or not),
/// request or response.
#[derive(Clone, Debug)]
struct VPick {
    endpoint: Option<Index>,
    call_mode: Option<&'static str>,
    response: bool,
}

fn vpick() -> impl Strategy<Value = VPick> {
    (
        prop::option::weighted(0.5, any::<Index>()),
        prop::option::weighted(
            0.3,
            prop::sample::select(
                &[
                    "create", "update", "delete", "assign", "register", "reject", "confirm", "",
                    "bogus",
                ][..],
            ),
        ),
        any::<bool>(),
    )
        .prop_map(|(endpoint, call_mode, response)| VPick {
            endpoint,
            call_mode,
            response,
        })
}

fn validate_options(format: Format, pick: &VPick) -> ValidateOptions {
    let names: Vec<&str> = match format {
        Format::Canonical => vec!["bogus"],
        Format::Vendor(v) => v.endpoints().iter().copied().chain(["bogus"]).collect(),
    };
    ValidateOptions {
        endpoint: pick
            .endpoint
            .as_ref()
            .map(|i| names[i.index(names.len())].to_string()),
        call_mode: pick.call_mode.map(str::to_string),
        response: pick.response,
    }
}

/// Feeds `text` to the parser, to every validator (without and with options) and to every
/// converter (each vendor to canonical; canonical to a vendor picked by the text's length).
fn swallow(text: &str, pick: &VPick) -> Result<(), TestCaseError> {
    let _ = json::parse(text);
    for id in FORMATS {
        let f = format(id);
        for options in [ValidateOptions::default(), validate_options(f, pick)] {
            match validate_text(f, text, &options) {
                Ok(r) => check_issues(&r.issues, &format!("validate {id}"))?,
                Err(e) => check_usage(&e, &format!("validate {id}"))?,
            }
        }
        let (from, to) = if id == "canonical" {
            ("canonical", FORMATS[(text.len() % 4) + 1])
        } else {
            (id, "canonical")
        };
        let options = ConvertOptions::new(format(from), format(to));
        let context = format!("{from} -> {to}");
        check_converted(&convert_text(text, &options), &options, &context)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary bytes (made text, as a caller's `&str` would be).
    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        pick in vpick(),
    ) {
        swallow(&String::from_utf8_lossy(&bytes), &pick)?;
    }

    /// Arbitrary Unicode text.
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), pick in vpick()) {
        swallow(&text, &pick)?;
    }

    /// Token soup that is often JSON, or nearly.
    #[test]
    fn token_soup_never_panics(text in token_soup(), pick in vpick()) {
        swallow(&text, &pick)?;
    }
}
