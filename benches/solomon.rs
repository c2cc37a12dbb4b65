//! Planner benchmark, native: the 56 Solomon VRPTW instances and generated city instances.
//!
//! ```text
//! cargo bench --bench solomon -- [--ms 1000] [--only C1,R2] [--seed 1] [--no-scale] [--no-solomon]
//!     [--scale 1000,5000] [--quiet] [--param name=value]... [--iters N]
//! ```
//!
//! `--iters N` runs a fixed number of iterations instead of a time budget (deterministic; the
//! `ms` column then shows the time taken). `DUMP_DIR=dir` writes each Solomon solution as `dir/<NAME>.json`.
//!
//! Prints per instance the vehicles used, total distance, gap to the distance-only best-known
//! solution (`bks_distance_only.csv`) and the verdict of `check_solution`; then the mean gap per
//! class. R109 and RC103 are reported but left out of the means: their published values are
//! below the 1-decimal-truncated optima, so they cannot be right (see the data's README).
//! Then, for generated city days with 1 000 and 5 000 orders and 50 vehicles, the time to the
//! first feasible plan and the peak heap memory.

use orderbridge::plan::{check_solution, instances, PlanOptions, Planner};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/solomon");
const EXCLUDED: [&str; 2] = ["R109", "RC103"];

fn class_of(name: &str) -> &str {
    let digits = name
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(name.len());
    let (letters, rest) = name.split_at(digits);
    match (letters, rest.chars().next()) {
        ("C", Some('1')) => "C1",
        ("C", _) => "C2",
        ("R", Some('1')) => "R1",
        ("R", _) => "R2",
        ("RC", Some('1')) => "RC1",
        _ => "RC2",
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let ms: f64 = arg("--ms").and_then(|s| s.parse().ok()).unwrap_or(1000.0);
    let iters: Option<u64> = arg("--iters").and_then(|s| s.parse().ok());
    let seed: u64 = arg("--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let only: Vec<String> = arg("--only")
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let params: Vec<(String, f64)> = args
        .iter()
        .enumerate()
        .filter(|(_, a)| *a == "--param")
        .filter_map(|(i, _)| args.get(i + 1))
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((k.to_string(), v.parse().ok()?))
        })
        .collect();
    if !args.iter().any(|a| a == "--no-solomon") {
        solomon(ms, iters, seed, &only, &params);
    }
    if !args.iter().any(|a| a == "--no-scale") {
        let sizes: Vec<usize> = arg("--scale")
            .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
            .unwrap_or_else(|| vec![1000, 5000]);
        for orders in sizes {
            scale(orders, 50);
        }
    }
}

fn solomon(ms: f64, iters: Option<u64>, seed: u64, only: &[String], params: &[(String, f64)]) {
    let dir = std::path::Path::new(DATA);
    let bks_text = std::fs::read_to_string(dir.join("bks_distance_only.csv"))
        .expect("bks_distance_only.csv next to the instances");
    let bks: Vec<(String, u32, f64)> = bks_text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split(',');
            Some((
                f.next()?.to_string(),
                f.next()?.parse().ok()?,
                f.next()?.parse().ok()?,
            ))
        })
        .collect();
    println!("Solomon VRPTW, distance-only objective, {ms} ms per instance, seed {seed} (native)");
    println!(
        "{:<6} {:>4} {:>9} {:>4} {:>9} {:>7} {:>8} {:>7}  check",
        "inst", "veh", "distance", "bksV", "bks", "gap%", "iters", "ms"
    );
    let mut per_class: Vec<(&str, Vec<f64>)> = Vec::new();
    let mut all_ok = true;
    for (name, bks_vehicles, bks_distance) in &bks {
        if !only.is_empty() && !only.iter().any(|o| name.starts_with(o.as_str())) {
            continue;
        }
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("instance");
        let (_, problem) = instances::solomon(&text).expect("parse");
        let options = match iters {
            Some(n) => PlanOptions {
                max_iterations: Some(n),
                seed,
                ..PlanOptions::default()
            },
            None => PlanOptions {
                time_limit_ms: Some(ms),
                seed,
                ..PlanOptions::default()
            },
        };
        let clock = Instant::now();
        let mut now = || clock.elapsed().as_secs_f64() * 1000.0;
        let mut planner = Planner::new(&problem, &options).expect("valid problem");
        for (k, v) in params {
            assert!(planner.set_param(k, *v), "unknown parameter {k}");
        }
        loop {
            if planner.step(1e9, &mut now).done {
                break;
            }
        }
        let solution = planner.best();
        if let Some(dir) = std::env::var_os("DUMP_DIR") {
            let path = std::path::Path::new(&dir).join(format!("{name}.json"));
            std::fs::write(path, serde_json::to_string(&solution).expect("json")).expect("dump");
        }
        let report = check_solution(&problem, &solution);
        let verdict = if report.feasible && solution.unserved.is_empty() {
            "ok".to_string()
        } else {
            all_ok = false;
            format!(
                "FAIL ({} unserved; {})",
                solution.unserved.len(),
                report
                    .issues
                    .first()
                    .map_or(String::new(), |i| format!("{} {}", i.code, i.message))
            )
        };
        let distance = solution.totals.distance;
        let gap = (distance - bks_distance) / bks_distance * 100.0;
        let excluded = EXCLUDED.contains(&name.as_str());
        if quiet() && verdict == "ok" {
            // only the summary
        } else {
            println!(
                "{:<6} {:>4} {:>9.2} {:>4} {:>9.2} {:>7.2} {:>8} {:>7.0}  {}{}",
                name,
                solution.totals.vehicles,
                distance,
                bks_vehicles,
                bks_distance,
                gap,
                solution.stats.iterations,
                solution.stats.elapsed_ms,
                verdict,
                if excluded {
                    "  (excluded from means: inconsistent BKS)"
                } else {
                    ""
                }
            );
        }
        if !excluded {
            let class = class_of(name);
            match per_class.iter_mut().find(|(c, _)| *c == class) {
                Some((_, gaps)) => gaps.push(gap),
                None => per_class.push((class, vec![gap])),
            }
        }
    }
    let mut all: Vec<f64> = Vec::new();
    for (class, gaps) in &per_class {
        let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
        println!(
            "class {:<4} mean gap {:>6.2}% over {} instances",
            class,
            mean,
            gaps.len()
        );
        all.extend(gaps);
    }
    if !all.is_empty() {
        println!(
            "ALL        mean gap {:>6.2}% over {} instances (R109, RC103 excluded); every solution feasible: {}",
            all.iter().sum::<f64>() / all.len() as f64,
            all.len(),
            if all_ok { "yes" } else { "NO" }
        );
    }
}

fn quiet() -> bool {
    std::env::args().any(|a| a == "--quiet")
}

fn scale(orders: usize, vehicles: usize) {
    let problem = instances::city(orders, vehicles, 7);
    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
    let base = CURRENT.load(Ordering::Relaxed);
    let clock = Instant::now();
    let mut now = || clock.elapsed().as_secs_f64() * 1000.0;
    let options = PlanOptions {
        time_limit_ms: Some(3000.0),
        seed: 1,
        ..PlanOptions::default()
    };
    let mut planner = Planner::new(&problem, &options).expect("valid problem");
    let built = now();
    let first = planner.step(0.0, &mut now);
    let first_ms = now();
    let first_solution = planner.best();
    let first_report = check_solution(&problem, &first_solution);
    let mut all_served_ms = (first.unserved == 0).then_some(first_ms);
    loop {
        let budget = if all_served_ms.is_none() { 10.0 } else { 1e9 };
        let p = planner.step(budget, &mut now);
        if all_served_ms.is_none() && p.unserved == 0 {
            all_served_ms = Some(now());
        }
        if p.done {
            break;
        }
    }
    let solution = planner.best();
    let report = check_solution(&problem, &solution);
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    println!(
        "city {orders} orders / {vehicles} vehicles: model {built:.0} ms, first feasible plan at {first_ms:.0} ms \
         ({} unserved, {:.1} km, check {}), every order served at {}, after {:.0} ms: {} routes, {:.1} km, {} unserved, \
         {} iterations, check {}; peak heap {:.1} MiB",
        first.unserved,
        first_solution.totals.distance / 1000.0,
        if first_report.feasible { "ok" } else { "FAIL" },
        all_served_ms.map_or("never".to_string(), |t| format!("{t:.0} ms")),
        solution.stats.elapsed_ms,
        solution.totals.vehicles,
        solution.totals.distance / 1000.0,
        solution.unserved.len(),
        solution.stats.iterations,
        if report.feasible { "ok" } else { "FAIL" },
        peak as f64 / (1024.0 * 1024.0)
    );
}
