//! Native timing of `convert_text_log` (what the wasm binding calls) for profiling (`perf record`), the Rust twin of
//! `benches/convert.mjs`:
//!
//! ```text
//! node benches/convert.mjs --write /tmp/or100k.json
//! cargo run --release --example convert_bench -- /tmp/or100k.json wialon
//! ```
//!
//! Arguments: the input file (an OptimoRoute `create_or_update_orders` body), the target format
//! (`wialon`, `yandex`, `magiclane`, `canonical`), the number of runs (default 5). With
//! `SHARED_DEFAULTS=1` every target gets the same defaults (a route number and Wialon's itemId).

use orderbridge::convert::{convert_text_log, ConvertOptions};
use orderbridge::model::{Assignment, Order};
use orderbridge::validate::Format;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// The system allocator, counting calls: allocations per order is the figure the batch's speed
/// and memory follow most closely.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed unchanged to the system allocator; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

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
    // SHARED_DEFAULTS=1: one defaults object for every target, as `benches/convert.mjs` has it.
    let shared = std::env::var("SHARED_DEFAULTS").is_ok_and(|v| v == "1");
    if target == "wialon" || shared {
        if !shared {
            defaults.assignment = None;
        }
        defaults.vendor = orderbridge::json::parse(r#"{"wialon": {"itemId": 734}}"#)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .map(|o| o.into_owned())
            .unwrap_or_default();
    }
    options.defaults = Some(defaults);
    let orders = text.matches("\"orderNo\"").count();
    let mut rates = Vec::with_capacity(runs);
    let mut cpu_rates = Vec::with_capacity(runs);
    for _ in 0..runs {
        let a0 = ALLOCATIONS.load(Relaxed);
        let c0 = cpu_seconds();
        let t0 = Instant::now();
        // As the wasm binding converts: the losses stay compact until the report is read.
        let converted = match convert_text_log(&text, &options) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let dt = t0.elapsed().as_secs_f64();
        let allocations = ALLOCATIONS.load(Relaxed) - a0;
        rates.push(orders as f64 / dt);
        let cpu = cpu_seconds() - c0;
        cpu_rates.push(orders as f64 / cpu);
        let errors = converted.others.iter().filter(|i| i.is_error()).count();
        drop(converted.output);
        eprintln!(
            "{:.0} orders/s ({:.0} per CPU second), {:.1} allocations (and reallocations) per order; {} issues ({errors} errors that are not losses), {} lost",
            orders as f64 / dt,
            orders as f64 / cpu,
            allocations as f64 / orders as f64,
            converted.others.len() + converted.losses.len(),
            converted.losses.lost_len()
        );
    }
    rates.sort_by(f64::total_cmp);
    cpu_rates.sort_by(f64::total_cmp);
    println!(
        "optimoroute → {target}: median {:.0} orders/s ({:.0} per CPU second) over {runs} runs of {orders} orders",
        rates[runs / 2],
        cpu_rates[runs / 2]
    );
}

/// User + system CPU time of this process, seconds (Linux `/proc/self/stat`, 100 ticks/s):
/// on a machine shared with other builds, CPU time is steadier than wall time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}
