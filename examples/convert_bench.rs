//! Native timing of `convert_text` for profiling (`perf record`), the Rust twin of
//! `benches/convert.mjs`:
//!
//! ```text
//! node benches/convert.mjs --write /tmp/or100k.json
//! cargo run --release --example convert_bench -- /tmp/or100k.json wialon
//! ```
//!
//! Arguments: the input file (an OptimoRoute `create_or_update_orders` body), the target format
//! (`wialon`, `yandex`, `magiclane`, `canonical`), the number of runs (default 5).

use orderbridge::convert::{convert_text, ConvertOptions};
use orderbridge::model::{Assignment, Order};
use orderbridge::validate::Format;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(target)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: convert_bench FILE TARGET [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let (Ok(from), Ok(to)) = (Format::from_id("optimoroute"), Format::from_id(target)) else {
        eprintln!("unknown target {target}");
        std::process::exit(2);
    };
    let mut options = ConvertOptions::new(from, to);
    options.time_zone = Some("America/New_York".into());
    options.date = Some("2024-03-22".into());
    let mut defaults = Order {
        assignment: Some(Assignment {
            route_number: Some("R-2024-03-22".into()),
            ..Assignment::default()
        }),
        ..Order::default()
    };
    if target == "wialon" {
        defaults.assignment = None;
        defaults.vendor = orderbridge::json::parse(r#"{"wialon": {"itemId": 734}}"#)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .map(|o| o.into_owned())
            .unwrap_or_default();
    }
    options.defaults = Some(defaults);
    let orders = text.matches("\"orderNo\"").count();
    let mut rates = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t0 = Instant::now();
        let converted = match convert_text(&text, &options) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let dt = t0.elapsed().as_secs_f64();
        rates.push(orders as f64 / dt);
        let errors = converted.issues.iter().filter(|i| i.is_error()).count();
        eprintln!(
            "{:.0} orders/s; output {} bytes, {} issues ({errors} errors), {} lost",
            orders as f64 / dt,
            converted.output.as_ref().map_or(0, String::len),
            converted.issues.len(),
            converted.lost.len()
        );
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "optimoroute → {target}: median {:.0} orders/s over {runs} runs of {orders} orders",
        rates[runs / 2]
    );
}
