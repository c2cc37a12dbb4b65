//! Benchmark instances: the Solomon VRPTW text format, and a deterministic generator of city
//! delivery days for scale tests.

use super::problem::{
    Location, Objective, PlanOrder, PlanProblem, PlanVehicle, Priority, TravelModel, VehicleEnd,
};
use super::rng::Rng;

/// Parses a Solomon (1987) VRPTW instance: line 1 the name, a `VEHICLE` section with the count
/// and capacity, a `CUSTOMER` section whose first row (customer 0) is the depot and its
/// ready/due pair the planning horizon. CRLF line ends and trailing spaces are accepted.
///
/// The problem uses the benchmark conventions: Euclidean distance, unrounded, travel time =
/// distance; each vehicle starts and ends at the depot within the horizon; service must start
/// inside `[ready, due]`; objective = total distance. Order ids are the customer numbers.
pub fn solomon(text: &str) -> Result<(String, PlanProblem), String> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let name = lines.next().ok_or("empty file")?.to_string();
    let mut vehicles: Option<(usize, f64)> = None;
    let mut rows: Vec<[f64; 7]> = Vec::new();
    while let Some(line) = lines.next() {
        if line.eq_ignore_ascii_case("VEHICLE") {
            let _header = lines.next();
            let counts = lines.next().ok_or("VEHICLE section without numbers")?;
            let nums: Vec<f64> = counts
                .split_whitespace()
                .map(|x| x.parse::<f64>().map_err(|e| format!("{x}: {e}")))
                .collect::<Result<_, _>>()?;
            match nums[..] {
                [count, capacity] => vehicles = Some((count as usize, capacity)),
                _ => return Err(format!("expected vehicle count and capacity, got {counts}")),
            }
        } else if line.eq_ignore_ascii_case("CUSTOMER") {
            let _header = lines.next();
            for row in lines.by_ref() {
                let nums: Vec<f64> = row
                    .split_whitespace()
                    .map(|x| x.parse::<f64>().map_err(|e| format!("{x}: {e}")))
                    .collect::<Result<_, _>>()?;
                let arr: [f64; 7] = nums
                    .try_into()
                    .map_err(|_| format!("expected 7 numbers in customer row \"{row}\""))?;
                rows.push(arr);
            }
        }
    }
    let (count, capacity) = vehicles.ok_or("no VEHICLE section")?;
    let (depot, customers) = rows.split_first().ok_or("no customers")?;
    let horizon = [depot[4], depot[5]];
    let start = Location::xy(depot[1], depot[2]);
    let problem = PlanProblem {
        orders: customers
            .iter()
            .map(|c| PlanOrder {
                id: format!("{}", c[0] as i64),
                location: Some(Location::xy(c[1], c[2])),
                time_windows: vec![[c[4], c[5]]],
                service_s: c[6],
                demand: vec![c[3]],
                ..PlanOrder::default()
            })
            .collect(),
        vehicles: (0..count)
            .map(|i| PlanVehicle {
                id: format!("v{}", i + 1),
                start: Some(start),
                end: VehicleEnd::ReturnToStart,
                work_time: Some(horizon),
                capacity: vec![capacity],
                ..PlanVehicle::default()
            })
            .collect(),
        travel: TravelModel::Euclidean { speed: 1.0 },
        objective: Objective::default(),
        orders_from: None,
    };
    Ok((name, problem))
}

/// A generated city delivery day, deterministic for a seed: `orders` stops around Berlin
/// (52.52 N, 13.40 E) within about 15 km — 60 % in eight Gaussian clusters (σ ≈ 1.5 km), the rest
/// uniform — served from one central depot by `vehicles` vans working 07:00–21:00 (the plan
/// clock is seconds from midnight). 40 % of the orders have a 2-hour window, 20 % a 4-hour
/// window, the rest none; service 2–6 min; demand 1–20 kg and 0.01–0.2 m³; capacities are the
/// totals × 1.15 / `vehicles`, so the fleet has 15 % slack. 5 % of orders are high priority.
/// Travel: great-circle with the default detour factor and speed.
pub fn city(orders: usize, vehicles: usize, seed: u64) -> PlanProblem {
    let mut rng = Rng::new(seed);
    let (lat0, lon0) = (52.52_f64, 13.405_f64);
    let km_lat = 1.0 / 111.2;
    let km_lon = 1.0 / (111.32 * lat0.to_radians().cos());
    let clusters: Vec<(f64, f64)> = (0..8)
        .map(|_| {
            let r = 3.0 + 9.0 * rng.unit();
            let a = std::f64::consts::TAU * rng.unit();
            (r * a.cos(), r * a.sin())
        })
        .collect();
    let gauss = |rng: &mut Rng| -> f64 {
        // Box–Muller.
        let (u1, u2) = (rng.unit().max(1e-12), rng.unit());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    };
    let mut total = [0.0f64; 2];
    let list: Vec<PlanOrder> = (0..orders)
        .map(|i| {
            let (x, y) = if rng.unit() < 0.6 {
                let (cx, cy) = clusters[rng.below(clusters.len())];
                (cx + 1.5 * gauss(&mut rng), cy + 1.5 * gauss(&mut rng))
            } else {
                let r = 15.0 * rng.unit().sqrt();
                let a = std::f64::consts::TAU * rng.unit();
                (r * a.cos(), r * a.sin())
            };
            let kind = rng.unit();
            let time_windows = if kind < 0.4 {
                let start = 8 + rng.below(11) as u32; // 08:00..=18:00
                vec![[f64::from(start) * 3600.0, f64::from(start + 2) * 3600.0]]
            } else if kind < 0.6 {
                let start = 8 + rng.below(9) as u32;
                vec![[f64::from(start) * 3600.0, f64::from(start + 4) * 3600.0]]
            } else {
                Vec::new()
            };
            let demand = vec![
                (1.0 + 19.0 * rng.unit()).round(),
                ((0.01 + 0.19 * rng.unit()) * 100.0).round() / 100.0,
            ];
            total[0] += demand[0];
            total[1] += demand[1];
            PlanOrder {
                id: format!("o{i}"),
                location: Some(Location::lat_lon(lat0 + y * km_lat, lon0 + x * km_lon)),
                time_windows,
                service_s: (120.0 + 240.0 * rng.unit()).round(),
                demand,
                priority: if rng.unit() < 0.05 {
                    Priority::High
                } else {
                    Priority::Medium
                },
                ..PlanOrder::default()
            }
        })
        .collect();
    let capacity = vec![
        (total[0] * 1.15 / vehicles.max(1) as f64).ceil(),
        (total[1] * 1.15 / vehicles.max(1) as f64 * 100.0).ceil() / 100.0,
    ];
    PlanProblem {
        orders: list,
        vehicles: (0..vehicles)
            .map(|i| PlanVehicle {
                id: format!("van{}", i + 1),
                start: Some(Location::lat_lon(lat0, lon0)),
                end: VehicleEnd::ReturnToStart,
                work_time: Some([7.0 * 3600.0, 21.0 * 3600.0]),
                capacity: capacity.clone(),
                ..PlanVehicle::default()
            })
            .collect(),
        travel: TravelModel::default(),
        objective: Objective::default(),
        orders_from: None,
    }
}
