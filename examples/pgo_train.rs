//! The training run of the package's profile-guided build (`scripts/pgo.sh`): an instrumented
//! native build of this program converts realistic orders between every pair of formats, and
//! the counts it leaves steer the optimizer when the wasm is built.
//!
//! ```text
//! N=20000 node benches/convert.mjs --write /tmp/or.json
//! N=20000 node benches/convert.mjs --write-magiclane /tmp/ml.json
//! cargo run --release --example pgo_train -- /tmp/or.json /tmp/ml.json
//! ```
//!
//! The work is spread evenly: every direction converts the same orders as one batch, and the
//! single-order calls an edge worker makes are run as well. A path trained less than the others
//! would be judged cold and optimized for size; code the run never reaches gets no profile and is
//! optimized as it would be without one.

use orderbridge::convert::{convert_text_log, ConvertOptions};
use orderbridge::json::{self, Value};
use orderbridge::model::{Assignment, Order};
use orderbridge::validate::Format;

/// Single-order conversions per direction timed by `benches/convert.mjs REQUESTS=1`.
const SINGLE_ORDERS: usize = 4_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(or_path), Some(ml_path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: pgo_train OPTIMOROUTE_BODY MAGICLANE_LIST");
        std::process::exit(2);
    };
    let read = |path: &String| {
        std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        })
    };
    let (or_body, ml_list) = (read(or_path), read(ml_path));

    // Each vendor's batch, written from the OptimoRoute orders, is read in turn as a source.
    let mut sources = vec![("optimoroute", or_body.clone()), ("magiclane", ml_list)];
    for target in ["wialon", "yandex", "canonical"] {
        match convert("optimoroute", target, &or_body, false) {
            Some(output) => sources.push((target, output)),
            None => fail(&format!("optimoroute → {target} wrote nothing")),
        }
    }
    for (from, text) in &sources {
        for to in ["optimoroute", "wialon", "yandex", "magiclane", "canonical"] {
            if convert(from, to, text, true).is_none() {
                fail(&format!("{from} → {to} wrote nothing"));
            }
        }
    }
    for to in ["wialon", "yandex"] {
        for body in single_orders(&or_body) {
            if convert("optimoroute", to, &body, true).is_none() {
                fail(&format!("one order optimoroute → {to} wrote nothing"));
            }
        }
    }
}

/// Converts `text` with `benches/convert.mjs`'s zone and date and one defaults object for every
/// target (as its `SHARED_DEFAULTS=1` does), into requests of the target's size when `chunks`
/// (else into one list, to be read back as a source); prints the direction's counts.
fn convert(from: &str, to: &str, text: &str, chunks: bool) -> Option<String> {
    let (Ok(source), Ok(target)) = (Format::from_id(from), Format::from_id(to)) else {
        fail(&format!("unknown format in {from} → {to}"));
    };
    let mut options = ConvertOptions::new(source, target);
    let (zone, date) = if from == "magiclane" {
        ("Europe/Paris", "2024-03-22")
    } else {
        ("America/New_York", "2024-03-22")
    };
    options.time_zone = Some(zone.into());
    options.date = Some(date.into());
    // Yandex takes at most 1000 orders a request, OptimoRoute 500.
    options.target_endpoint = match to {
        "yandex" if chunks => Some("add_order_batch:chunks".into()),
        "optimoroute" if chunks => Some("create_or_update_orders:chunks".into()),
        _ => None,
    };
    options.defaults = Some(Order {
        assignment: Some(Assignment {
            route_number: Some("R-2024-03-22".into()),
            ..Assignment::default()
        }),
        vendor: json::parse(r#"{"wialon": {"itemId": 734}}"#)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .map(|o| o.into_owned())
            .unwrap_or_default(),
        ..Order::default()
    });
    let converted = match convert_text_log(text, &options) {
        Ok(c) => c,
        Err(e) => fail(&format!("{from} → {to}: {e}")),
    };
    let errors = converted.others.iter().filter(|i| i.is_error()).count();
    if let Some(first) = converted.others.iter().find(|i| i.is_error()) {
        eprintln!(
            "{from} → {to}: {errors} errors, the first: {} at {}: {}",
            first.code, first.path, first.message
        );
    }
    if text.len() > 10_000 {
        eprintln!(
            "{from} → {to}: {} bytes out, {} issues ({errors} errors that are not losses), {} lost",
            converted.output.as_ref().map_or(0, String::len),
            converted.others.len() + converted.losses.len(),
            converted.losses.lost_len()
        );
    }
    converted.output
}

/// The first orders of an OptimoRoute body, each as a body of its own.
fn single_orders(body: &str) -> Vec<String> {
    let Ok(Value::Object(parsed)) = json::parse(body) else {
        fail("the OptimoRoute body is not a JSON object");
    };
    let Some(Value::Array(orders)) = parsed.get("orders") else {
        fail("the OptimoRoute body has no `orders` list");
    };
    orders
        .iter()
        .take(SINGLE_ORDERS)
        .map(|order| {
            let mut one = json::Object::new();
            one.push("orders", Value::Array(vec![order.clone()]));
            Value::Object(one).to_json()
        })
        .collect()
}

fn fail(message: &str) -> ! {
    eprintln!("pgo_train: {message}");
    std::process::exit(1);
}
