//! Property tests: on random problems with every kind of constraint the planner's output always
//! passes the independent checker (so the solver's constant-time feasibility checks agree with
//! a plain re-simulation); garbage numbers never panic; the types round-trip through JSON; the
//! Solomon parser reads back what a writer in the benchmark's layout wrote.

use orderbridge::plan::{
    check_solution, instances, plan, Balance, BalanceBy, Location, Minimize, Objective, OrderKind,
    PlanOptions, PlanOrder, PlanProblem, PlanVehicle, Planner, Priority, TravelModel, VehicleEnd,
};
use proptest::prelude::*;

fn priority() -> impl Strategy<Value = Priority> {
    prop_oneof![
        Just(Priority::Low),
        Just(Priority::Medium),
        Just(Priority::High),
        Just(Priority::Critical)
    ]
}

fn skills() -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(vec!["a".to_string(), "b".to_string()], 0..=2)
}

fn windows() -> impl Strategy<Value = Vec<[f64; 2]>> {
    prop::collection::vec((0u32..400, 0u32..250), 0..=2).prop_map(|ws| {
        ws.into_iter()
            .map(|(a, w)| [f64::from(a), f64::from(a + w)])
            .collect()
    })
}

/// One random order; links (`deliveryOf`, `after`, `assignedVehicle`) are indexes resolved
/// once the whole problem is drawn.
#[derive(Debug, Clone)]
struct RawOrder {
    x: u32,
    y: u32,
    windows: Vec<[f64; 2]>,
    service: u32,
    shared: u32,
    key: Option<u8>,
    demand: Vec<u32>,
    pickup: bool,
    skills: Vec<String>,
    priority: Priority,
    assigned: Option<u8>,
    delivery_of: Option<u8>,
    after: Option<u8>,
}

fn raw_order() -> impl Strategy<Value = RawOrder> {
    (
        (0u32..100, 0u32..100, windows(), 0u32..30, 0u32..10),
        (
            prop::option::weighted(0.3, 0u8..3),
            prop::collection::vec(0u32..10, 0..=2),
            prop::bool::weighted(0.2),
            skills(),
            priority(),
        ),
        (
            prop::option::weighted(0.15, 0u8..4),
            prop::option::weighted(0.2, 0u8..12),
            prop::option::weighted(0.15, 0u8..12),
        ),
    )
        .prop_map(
            |(
                (x, y, windows, service, shared),
                (key, demand, pickup, skills, priority),
                (assigned, delivery_of, after),
            )| RawOrder {
                x,
                y,
                windows,
                service,
                shared,
                key,
                demand,
                pickup,
                skills,
                priority,
                assigned,
                delivery_of,
                after,
            },
        )
}

fn vehicle() -> impl Strategy<Value = PlanVehicle> {
    (
        (0u32..100, 0u32..100, 0u8..3, 0u32..100, 0u32..100),
        (0u32..50, 150u32..1200),
        prop::collection::vec(5u32..40, 0..=2),
        skills(),
        (prop::sample::select(vec![0.5, 1.0, 2.0]), 0u32..50),
    )
        .prop_map(
            |((x, y, end, ex, ey), (from, len), capacity, skills, (speed, fixed))| PlanVehicle {
                id: String::new(),
                start: Some(Location::xy(f64::from(x), f64::from(y))),
                end: match end {
                    0 => VehicleEnd::ReturnToStart,
                    1 => VehicleEnd::Open,
                    _ => VehicleEnd::At(Location::xy(f64::from(ex), f64::from(ey))),
                },
                work_time: Some([f64::from(from), f64::from(from + len)]),
                capacity: capacity.into_iter().map(f64::from).collect(),
                skills,
                fixed_cost: f64::from(fixed),
                speed_factor: speed,
            },
        )
}

fn objective() -> impl Strategy<Value = Objective> {
    (
        prop::bool::ANY,
        0u32..30,
        prop::option::of((prop::bool::ANY, 0u32..5)),
    )
        .prop_map(|(duration, fixed, balance)| Objective {
            minimize: if duration {
                Minimize::Duration
            } else {
                Minimize::Distance
            },
            vehicle_fixed_cost: f64::from(fixed),
            balance: balance.map(|(wt, f)| Balance {
                by: if wt {
                    BalanceBy::WorkingTime
                } else {
                    BalanceBy::OrderCount
                },
                factor: f64::from(f),
            }),
        })
}

fn problem() -> impl Strategy<Value = PlanProblem> {
    (
        prop::collection::vec(raw_order(), 0..=11),
        prop::collection::vec(vehicle(), 1..=3),
        objective(),
    )
        .prop_map(|(raw, mut vehicles, objective)| {
            for (i, v) in vehicles.iter_mut().enumerate() {
                v.id = format!("v{i}");
            }
            let n = raw.len();
            let orders = raw
                .iter()
                .enumerate()
                .map(|(i, r)| PlanOrder {
                    id: format!("o{i}"),
                    location: Some(Location::xy(f64::from(r.x), f64::from(r.y))),
                    time_windows: r.windows.clone(),
                    service_s: f64::from(r.service),
                    shared_service_s: f64::from(r.shared),
                    location_key: r.key.map(|k| format!("k{k}")),
                    demand: r.demand.iter().map(|&d| f64::from(d)).collect(),
                    kind: if r.pickup {
                        OrderKind::Pickup
                    } else {
                        OrderKind::Delivery
                    },
                    skills: r.skills.clone(),
                    priority: r.priority,
                    // 3 stands for a vehicle that does not exist.
                    assigned_vehicle: r.assigned.map(|v| format!("v{v}")),
                    delivery_of: r
                        .delivery_of
                        .filter(|&d| (d as usize) < n + 1)
                        .map(|d| format!("o{d}")),
                    after: r
                        .after
                        .filter(|&a| (a as usize) < n + 1)
                        .map(|a| vec![format!("o{a}")])
                        .unwrap_or_default(),
                })
                .collect();
            PlanProblem {
                orders,
                vehicles,
                travel: TravelModel::Euclidean { speed: 1.0 },
                objective,
                orders_from: None,
            }
        })
}

fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            (x - y).abs() <= 1e-12 * x.abs().max(1.0)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn run(problem: &PlanProblem, iterations: u64, seed: u64) -> orderbridge::plan::PlanSolution {
    let options = PlanOptions {
        max_iterations: Some(iterations),
        seed,
        ..PlanOptions::default()
    };
    let mut t = 0.0;
    let mut now = move || {
        t += 1.0;
        t
    };
    plan(problem, &options, &mut now, None).expect("problems with a vehicle can be planned")
}

proptest! {
    // PROPTEST_CASES raises the case count for a deeper run.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_plan_passes_the_independent_checker(p in problem(), seed in 0u64..1000) {
        let s = run(&p, 40, seed);
        let report = check_solution(&p, &s);
        prop_assert!(report.feasible, "{:#?}\n{:#?}", report.issues, s.routes);
        prop_assert_eq!(s.totals.served + s.totals.unserved, p.orders.len() as u32);
        for u in &s.unserved {
            prop_assert!(!u.code.is_empty() && !u.reason.is_empty());
        }
    }

    #[test]
    fn the_search_never_returns_worse_than_its_first_solution(p in problem(), seed in 0u64..100) {
        // `maxIterations: 0` stops right after construction; the search only ever replaces its
        // best plan by a strictly better one.
        let first = run(&p, 0, seed);
        let searched = run(&p, 60, seed);
        prop_assert_eq!(first.stats.iterations, 0);
        prop_assert!(searched.totals.unserved_weight <= first.totals.unserved_weight + 1e-9);
        if (searched.totals.unserved_weight - first.totals.unserved_weight).abs() < 1e-9 {
            prop_assert!(searched.totals.cost <= first.totals.cost + 1e-6);
        }
    }

    #[test]
    fn garbage_numbers_never_panic(
        values in prop::collection::vec(
            prop_oneof![
                Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY), Just(-1.0),
                Just(0.0), Just(1e300), Just(-1e300), Just(5e-324), -1e6..1e6f64
            ],
            24,
        ),
        model in 0u8..3,
    ) {
        let v = |i: usize| values[i % values.len()];
        let location = |i: usize| match model {
            0 => Location::xy(v(i), v(i + 1)),
            1 => Location::lat_lon(v(i), v(i + 1)),
            _ => Location::index((v(i).abs() % 4.0) as u32),
        };
        let problem = PlanProblem {
            orders: (0..3)
                .map(|k| PlanOrder {
                    id: format!("o{k}"),
                    location: Some(location(k * 5)),
                    time_windows: vec![[v(k * 5 + 2), v(k * 5 + 3)]],
                    service_s: v(k * 5 + 4),
                    shared_service_s: v(k * 5 + 1),
                    demand: vec![v(k * 5 + 3)],
                    ..PlanOrder::default()
                })
                .collect(),
            vehicles: vec![PlanVehicle {
                id: "v".into(),
                start: Some(location(16)),
                work_time: Some([v(18), v(19)]),
                capacity: vec![v(20)],
                speed_factor: v(21),
                fixed_cost: v(22),
                ..PlanVehicle::default()
            }],
            travel: match model {
                0 => TravelModel::Euclidean { speed: v(23) },
                1 => TravelModel::GreatCircle { detour_factor: v(22), speed_kmh: v(23) },
                _ => TravelModel::Matrix {
                    distances: (0..16).map(v).collect(),
                    durations: (0..16).map(|i| v(i + 3)).collect(),
                    size: None,
                },
            },
            objective: Objective::default(),
            orders_from: None,
        };
        let options = PlanOptions { max_iterations: Some(10), ..PlanOptions::default() };
        if let Ok(mut planner) = Planner::new(&problem, &options) {
            let mut t = 0.0;
            while !planner.step(5.0, &mut || { t += 1.0; t }).done {}
            let s = planner.best();
            let report = check_solution(&problem, &s);
            prop_assert!(report.feasible, "{:#?}\n{:#?}", report.issues, s.routes);
        }
    }

    #[test]
    fn problems_and_plans_round_trip_through_json(p in problem()) {
        let text = serde_json::to_string(&p).unwrap();
        let back: PlanProblem = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &p);
        let s = run(&p, 5, 1);
        let text = serde_json::to_string(&s).unwrap();
        let back: orderbridge::plan::PlanSolution = serde_json::from_str(&text).unwrap();
        // serde_json may read a float back one ulp off; compare with a tolerance.
        let (a, b) = (serde_json::to_value(&back).unwrap(), serde_json::to_value(&s).unwrap());
        prop_assert!(same_json(&a["routes"], &b["routes"]) && same_json(&a["totals"], &b["totals"]));
        prop_assert_eq!(back.unserved, s.unserved);
    }

    #[test]
    fn the_solomon_parser_reads_the_benchmark_layout(
        rows in prop::collection::vec((0u32..100, 0u32..100, 0u32..50, 0u32..500, 0u32..500, 0u32..100), 1..20),
        capacity in 1u32..1000,
        crlf in prop::bool::ANY,
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("R999{nl}{nl}VEHICLE{nl}NUMBER     CAPACITY{nl}  25   {capacity}  {nl}{nl}CUSTOMER{nl}");
        text.push_str(&format!("CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME{nl} {nl}"));
        text.push_str(&format!("    0      40         50          0          0       1000          0   {nl}"));
        for (i, (x, y, d, a, w, s)) in rows.iter().enumerate() {
            text.push_str(&format!("{:>5} {x:>8} {y:>10} {d:>10} {a:>10} {:>10} {s:>10}   {nl}", i + 1, a + w));
        }
        let (name, p) = instances::solomon(&text).unwrap();
        prop_assert_eq!(name, "R999");
        prop_assert_eq!(p.orders.len(), rows.len());
        prop_assert_eq!(&p.vehicles[0].capacity, &vec![f64::from(capacity)]);
        for (o, (x, y, d, a, w, s)) in p.orders.iter().zip(&rows) {
            prop_assert_eq!(o.location, Some(Location::xy(f64::from(*x), f64::from(*y))));
            prop_assert_eq!(&o.demand, &vec![f64::from(*d)]);
            prop_assert_eq!(&o.time_windows, &vec![[f64::from(*a), f64::from(a + w)]]);
            prop_assert_eq!(o.service_s, f64::from(*s));
        }
    }
}
