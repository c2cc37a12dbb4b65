//! The planner's edges: rejected and partly bad input, determinism, the stepping interface and
//! its clock, the independent checker catching tampered plans, the Solomon parser, and the
//! vendor renderers against the vendors' documented shapes.

use orderbridge::plan::render::{
    optimoroute_routes, wialon_route_info, yandex_route_numbers, RenderOptions,
};
use orderbridge::plan::{
    check_solution, codes, instances, plan, Location, Objective, PlanOptions, PlanOrder,
    PlanProblem, PlanSolution, PlanVehicle, Planner, TravelModel, VehicleEnd,
};
use orderbridge::Issue;

fn at(x: f64, y: f64) -> Option<Location> {
    Some(Location::xy(x, y))
}

fn order(id: &str, x: f64, y: f64) -> PlanOrder {
    PlanOrder {
        id: id.into(),
        location: at(x, y),
        ..PlanOrder::default()
    }
}

fn vehicle(id: &str) -> PlanVehicle {
    PlanVehicle {
        id: id.into(),
        start: at(0.0, 0.0),
        ..PlanVehicle::default()
    }
}

fn planar(orders: Vec<PlanOrder>, vehicles: Vec<PlanVehicle>) -> PlanProblem {
    PlanProblem {
        orders,
        vehicles,
        travel: TravelModel::Euclidean { speed: 1.0 },
        objective: Objective::default(),
        orders_from: None,
    }
}

fn iterations(n: u64, seed: u64) -> PlanOptions {
    PlanOptions {
        max_iterations: Some(n),
        seed,
        ..PlanOptions::default()
    }
}

/// A fake clock advancing 1 ms per read.
fn ticking() -> impl FnMut() -> f64 {
    let mut t = 0.0;
    move || {
        t += 1.0;
        t
    }
}

fn has(issues: &[Issue], path: &str, code: &str) -> bool {
    issues.iter().any(|i| i.path == path && i.code == code)
}

fn unserved_code<'s>(s: &'s PlanSolution, order_id: &str) -> Option<&'s str> {
    s.unserved
        .iter()
        .find(|u| u.order_id == order_id)
        .map(|u| u.code.as_str())
}

// ---------------------------------------------------------------- bad input

#[test]
fn nothing_plannable_is_rejected_with_issues() {
    let options = iterations(10, 1);
    let err = Planner::new(&planar(vec![order("A", 1.0, 0.0)], vec![]), &options).unwrap_err();
    assert!(has(&err, "/vehicles", codes::NO_VEHICLES));

    let mut v = vehicle("v1");
    v.start = None;
    let err = Planner::new(&planar(vec![], vec![v]), &options).unwrap_err();
    assert!(has(&err, "/vehicles/0/start", "MISSING_FIELD"));
    assert!(has(&err, "/vehicles", codes::NO_VEHICLES));

    let mut p = planar(vec![], vec![vehicle("v1")]);
    p.travel = TravelModel::Euclidean { speed: 0.0 };
    let err = Planner::new(&p, &options).unwrap_err();
    assert!(has(&err, "/travel/speed", "OUT_OF_RANGE"));

    let bad = PlanOptions {
        time_limit_ms: Some(f64::NAN),
        ..PlanOptions::default()
    };
    let err = Planner::new(&planar(vec![], vec![vehicle("v1")]), &bad).unwrap_err();
    assert!(has(&err, "/timeLimitMs", "INVALID_OPTION"));
}

fn matrix_problem(distances: Vec<f64>, durations: Vec<f64>, size: Option<u32>) -> PlanProblem {
    PlanProblem {
        orders: vec![PlanOrder {
            id: "A".into(),
            location: Some(Location::index(1)),
            ..PlanOrder::default()
        }],
        vehicles: vec![PlanVehicle {
            id: "v1".into(),
            start: Some(Location::index(0)),
            ..PlanVehicle::default()
        }],
        travel: TravelModel::Matrix {
            distances,
            durations,
            size,
        },
        objective: Objective::default(),
        orders_from: None,
    }
}

#[test]
fn matrices_of_the_wrong_size_or_with_nan_are_rejected() {
    let options = iterations(10, 1);
    let err =
        Planner::new(&matrix_problem(vec![0.0; 4], vec![0.0; 3], None), &options).unwrap_err();
    assert!(has(&err, "/travel/durations", codes::MATRIX_SIZE_MISMATCH));
    let err = Planner::new(
        &matrix_problem(vec![0.0; 4], vec![0.0; 4], Some(3)),
        &options,
    )
    .unwrap_err();
    assert!(has(&err, "/travel/distances", codes::MATRIX_SIZE_MISMATCH));
    let err = Planner::new(
        &matrix_problem(
            vec![0.0, 1.0, 1.0, 0.0],
            vec![0.0, 1.0, f64::NAN, 0.0],
            None,
        ),
        &options,
    )
    .unwrap_err();
    assert!(has(&err, "/travel/durations/2", "OUT_OF_RANGE"));
    // A location index outside the matrix: that order only.
    let mut p = matrix_problem(vec![0.0, 1.0, 1.0, 0.0], vec![0.0, 1.0, 1.0, 0.0], None);
    p.orders.push(PlanOrder {
        id: "B".into(),
        location: Some(Location::index(7)),
        ..PlanOrder::default()
    });
    let s = plan(&p, &options, &mut ticking(), None).unwrap();
    assert_eq!(unserved_code(&s, "B"), Some(codes::MISSING_LOCATION));
    assert!(has(&s.issues, "/orders/1/location/index", "OUT_OF_RANGE"));
    assert_eq!(s.totals.served, 1);
}

#[test]
fn bad_orders_are_left_out_with_a_reason_and_the_rest_is_planned() {
    let mut nan_window = order("nan", 1.0, 0.0);
    nan_window.time_windows = vec![[f64::NAN, 10.0]];
    let mut reversed = order("reversed", 1.0, 0.0);
    reversed.time_windows = vec![[0.0, 100.0], [50.0, 40.0]];
    let mut nowhere = order("nowhere", 0.0, 0.0);
    nowhere.location = Some(Location::lat_lon(1.0, 2.0)); // no x/y for the planar model
    let dup = order("good", 3.0, 0.0);
    let mut negative = order("negative", 1.0, 0.0);
    negative.demand = vec![-1.0];
    let mut infinite = order("infinite", f64::INFINITY, 0.0);
    infinite.service_s = 1.0;
    let problem = planar(
        vec![
            order("good", 2.0, 0.0),
            nan_window,
            reversed,
            nowhere,
            dup,
            negative,
            infinite,
            PlanOrder::default(),
        ],
        vec![vehicle("v1")],
    );
    let s = plan(&problem, &iterations(50, 1), &mut ticking(), None).unwrap();
    let report = check_solution(&problem, &s);
    assert!(report.feasible, "{:#?}", report.issues);
    assert_eq!(s.totals.served, 1);
    assert_eq!(s.routes[0].stops[0].order_index, 0);
    assert_eq!(unserved_code(&s, "nan"), Some(codes::INVALID_ORDER));
    assert!(has(
        &s.issues,
        "/orders/1/timeWindows/0",
        codes::INVALID_TIME_WINDOW
    ));
    assert_eq!(unserved_code(&s, "reversed"), Some(codes::INVALID_ORDER));
    assert!(has(
        &s.issues,
        "/orders/2/timeWindows/1",
        codes::INVALID_TIME_WINDOW
    ));
    assert_eq!(unserved_code(&s, "nowhere"), Some(codes::MISSING_LOCATION));
    assert!(has(&s.issues, "/orders/3/location/x", "MISSING_FIELD"));
    assert!(has(&s.issues, "/orders/4/id", "DUPLICATE"));
    assert_eq!(unserved_code(&s, "negative"), Some(codes::INVALID_ORDER));
    assert!(has(&s.issues, "/orders/5/demand/0", "OUT_OF_RANGE"));
    assert!(has(&s.issues, "/orders/6/location/x", "OUT_OF_RANGE"));
    assert!(has(&s.issues, "/orders/7/id", "MISSING_FIELD"));
    assert_eq!(s.unserved.len(), 7);
    for i in &s.issues {
        assert!(!i.message.is_empty());
    }
}

#[test]
fn coordinates_out_of_range_for_great_circle() {
    let problem = PlanProblem {
        orders: vec![
            PlanOrder {
                id: "swapped".into(),
                location: Some(Location::lat_lon(13.4, 152.5)),
                ..PlanOrder::default()
            },
            PlanOrder {
                id: "north".into(),
                location: Some(Location::lat_lon(95.0, 13.4)),
                ..PlanOrder::default()
            },
        ],
        vehicles: vec![PlanVehicle {
            id: "v1".into(),
            start: Some(Location::lat_lon(52.5, 13.4)),
            ..PlanVehicle::default()
        }],
        ..PlanProblem::default()
    };
    let s = plan(&problem, &iterations(10, 1), &mut ticking(), None).unwrap();
    assert_eq!(unserved_code(&s, "north"), Some(codes::MISSING_LOCATION));
    assert!(has(&s.issues, "/orders/1/location/lat", "OUT_OF_RANGE"));
    // 152.5 is a valid longitude: that order is planned (far away, but valid).
    assert_eq!(s.totals.served, 1);
}

// ---------------------------------------------------------------- determinism and stepping

#[test]
fn same_seed_and_iterations_give_the_same_plan_however_it_is_sliced() {
    let problem = instances::city(60, 5, 3);
    let options = iterations(300, 5);
    let a = plan(&problem, &options, &mut ticking(), None).unwrap();
    let b = plan(&problem, &options, &mut ticking(), None).unwrap();
    assert_eq!(a.routes, b.routes);
    assert_eq!(a.unserved, b.unserved);
    // Sliced into many tiny steps with another clock.
    let mut planner = Planner::new(&problem, &options).unwrap();
    let mut clock = {
        let mut t = 0.0;
        move || {
            t += 0.5;
            t
        }
    };
    let mut steps = 0;
    while !planner.step(1.0, &mut clock).done {
        steps += 1;
    }
    assert!(steps > 3);
    let c = planner.best();
    assert_eq!(a.routes, c.routes);
    assert!(check_solution(&problem, &c).feasible);
}

#[test]
fn the_first_step_gives_a_feasible_plan_and_later_ones_improve_it() {
    let problem = instances::city(120, 6, 11);
    let options = PlanOptions {
        time_limit_ms: Some(1e9),
        seed: 2,
        ..PlanOptions::default()
    };
    let mut planner = Planner::new(&problem, &options).unwrap();
    let mut clock = ticking();
    let first = planner.step(0.0, &mut clock);
    assert!(!first.done);
    let initial = planner.best();
    assert!(check_solution(&problem, &initial).feasible);
    assert!(initial.routes.iter().map(|r| r.stops.len()).sum::<usize>() > 100);
    let mut last = first.best_cost;
    for _ in 0..5 {
        let p = planner.step(5.0, &mut clock);
        assert!(p.best_cost <= last + 1e-9);
        assert!(p.iteration > 0);
        last = p.best_cost;
    }
    assert!(last < first.best_cost, "{last} vs {}", first.best_cost);
    assert!(check_solution(&problem, &planner.best()).feasible);
}

#[test]
fn progress_is_reported_and_the_budget_is_kept() {
    let problem = instances::city(40, 4, 1);
    let options = PlanOptions {
        time_limit_ms: Some(30.0),
        ..PlanOptions::default()
    };
    let mut reports = Vec::new();
    let mut on_progress = |p: &orderbridge::plan::Progress| reports.push(*p);
    let start = std::time::Instant::now();
    let mut now = || start.elapsed().as_secs_f64() * 1000.0;
    let s = plan(&problem, &options, &mut now, Some(&mut on_progress)).unwrap();
    assert!(start.elapsed().as_millis() < 2000);
    assert!(!reports.is_empty());
    assert!(reports.last().is_some_and(|p| p.done));
    assert!(s.stats.elapsed_ms >= 30.0);
}

#[test]
fn a_frozen_or_broken_clock_cannot_hang_the_planner() {
    let problem = instances::city(30, 3, 1);
    let options = PlanOptions {
        time_limit_ms: Some(50.0),
        ..PlanOptions::default()
    };
    let s = plan(&problem, &options, &mut || 0.0, None).unwrap();
    assert!(check_solution(&problem, &s).feasible);
    let s = plan(&problem, &options, &mut || f64::NAN, None).unwrap();
    assert!(check_solution(&problem, &s).feasible);
    assert_eq!(s.totals.served, 30);
}

// ---------------------------------------------------------------- the checker

fn small_solved() -> (PlanProblem, PlanSolution) {
    let mut a = order("A", 10.0, 0.0);
    a.time_windows = vec![[0.0, 50.0]];
    a.demand = vec![4.0];
    a.skills = vec!["x".into()];
    let mut b = order("B", 10.0, 5.0);
    b.demand = vec![3.0];
    b.assigned_vehicle = Some("v1".into());
    let mut p = order("P", 0.0, 8.0);
    p.demand = vec![2.0];
    let mut d = order("D", 0.0, 9.0);
    d.delivery_of = Some("P".into());
    let mut v1 = vehicle("v1");
    v1.capacity = vec![10.0];
    v1.skills = vec!["x".into()];
    v1.work_time = Some([0.0, 100.0]);
    let mut v2 = vehicle("v2");
    v2.capacity = vec![10.0];
    let problem = planar(vec![a, b, p, d], vec![v1, v2]);
    let s = plan(&problem, &iterations(100, 1), &mut ticking(), None).unwrap();
    let report = check_solution(&problem, &s);
    assert!(report.feasible, "{:#?}", report.issues);
    assert!((report.totals.distance - s.totals.distance).abs() < 1e-9);
    (problem, s)
}

fn codes_of(problem: &PlanProblem, s: &PlanSolution) -> Vec<String> {
    check_solution(problem, s)
        .issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| i.code.to_string())
        .collect()
}

fn stop_mut<'s>(s: &'s mut PlanSolution, id: &str) -> &'s mut orderbridge::plan::PlannedStop {
    s.routes
        .iter_mut()
        .flat_map(|r| r.stops.iter_mut())
        .find(|x| x.order_id == id)
        .unwrap()
}

#[test]
fn the_checker_catches_every_kind_of_violation() {
    let (problem, good) = small_solved();

    let mut s = good.clone();
    let a = stop_mut(&mut s, "A");
    a.service_start = 60.0;
    assert!(codes_of(&problem, &s).contains(&codes::TIME_WINDOW_VIOLATED.to_string()));

    let mut s = good.clone();
    stop_mut(&mut s, "B").distance += 1.0;
    assert_eq!(codes_of(&problem, &s), vec![codes::VALUE_MISMATCH]);

    let mut s = good.clone();
    let r = s.routes.iter_mut().find(|r| r.stops.len() > 1).unwrap();
    let removed = r.stops.pop().unwrap();
    let c = codes_of(&problem, &s);
    assert!(
        c.contains(&codes::ORDER_MISSING.to_string()),
        "{c:?} {}",
        removed.order_id
    );

    let mut s = good.clone();
    let first = s.routes[0].stops[0].clone();
    s.routes[0].stops.push(first);
    assert!(codes_of(&problem, &s).contains(&codes::ORDER_REPEATED.to_string()));

    let mut s = good.clone();
    s.routes[0].vehicle_id = "ghost".into();
    assert!(codes_of(&problem, &s).contains(&codes::UNKNOWN_VEHICLE.to_string()));

    let mut s = good.clone();
    let r = s
        .routes
        .iter_mut()
        .find(|r| r.stops.iter().any(|x| x.order_id == "P"))
        .unwrap();
    let ip = r.stops.iter().position(|x| x.order_id == "P").unwrap();
    let id = r.stops.iter().position(|x| x.order_id == "D").unwrap();
    r.stops.swap(ip, id);
    assert!(codes_of(&problem, &s).contains(&codes::PRECEDENCE_VIOLATED.to_string()));

    let mut tight = problem.clone();
    for v in &mut tight.vehicles {
        v.capacity = vec![3.0];
    }
    assert!(codes_of(&tight, &good).contains(&codes::CAPACITY_VIOLATED.to_string()));

    let mut skilled = problem.clone();
    for o in &mut skilled.orders {
        o.skills = vec!["x".into()];
    }
    let served_by_v2 = good
        .routes
        .iter()
        .any(|r| r.vehicle_id == "v2" && !r.stops.is_empty());
    if served_by_v2 {
        assert!(codes_of(&skilled, &good).contains(&codes::SKILL_VIOLATED.to_string()));
    }

    let mut assigned = problem.clone();
    for o in &mut assigned.orders {
        o.assigned_vehicle = Some("v2".into());
    }
    assert!(codes_of(&assigned, &good).contains(&codes::ASSIGNMENT_VIOLATED.to_string()));

    let mut short = problem.clone();
    for v in &mut short.vehicles {
        v.work_time = Some([0.0, 5.0]);
    }
    assert!(codes_of(&short, &good).contains(&codes::WORK_TIME_VIOLATED.to_string()));

    let mut s = good.clone();
    s.totals.distance += 1.0;
    assert_eq!(codes_of(&problem, &s), vec![codes::VALUE_MISMATCH]);
}

// ---------------------------------------------------------------- Solomon format

const SOLOMON_EXCERPT: &str = "C101\r\n\r\nVEHICLE\r\nNUMBER     CAPACITY\r\n  25         200\r\n\r\nCUSTOMER\r\nCUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\r\n \r\n    0      40         50          0          0       1236          0   \r\n    1      45         68         10        912        967         90   \r\n    2      45         70         30        825        870         90   \r\n    3      42         66         10         65        146         90   \r\n    4      42         68         10        727        782         90   \r\n    5      42         65         10         15         67         90   \r\n    6      40         69         20        621        702         90   \r\n    7      40         66         20        170        225         90   \r\n    8      38         68         20        255        324         90   \r\n    9      38         70         10        534        605         90   \r\n   10      35         66         10        357        410         90   \r\n";

#[test]
fn solomon_instances_parse_and_solve_feasibly() {
    let (name, problem) = instances::solomon(SOLOMON_EXCERPT).unwrap();
    assert_eq!(name, "C101");
    assert_eq!(problem.orders.len(), 10);
    assert_eq!(problem.vehicles.len(), 25);
    assert_eq!(problem.vehicles[0].capacity, vec![200.0]);
    assert_eq!(problem.vehicles[0].work_time, Some([0.0, 1236.0]));
    assert_eq!(problem.orders[2].time_windows, vec![[65.0, 146.0]]);
    assert_eq!(problem.orders[2].service_s, 90.0);
    let s = plan(&problem, &iterations(2000, 1), &mut ticking(), None).unwrap();
    assert!(check_solution(&problem, &s).feasible);
    assert!(s.unserved.is_empty());
    // These ten customers of C101 form one cluster served by one route in the known optimum
    // (route 5 3 7 8 10 9 6 4 2 1 of the C101 best solution): 59.6 units.
    assert_eq!(s.totals.vehicles, 1, "{:?}", s.routes);
    let ids: Vec<&str> = s.routes[0]
        .stops
        .iter()
        .map(|x| x.order_id.as_str())
        .collect();
    assert_eq!(ids, vec!["5", "3", "7", "8", "10", "9", "6", "4", "2", "1"]);
    assert!(instances::solomon("").is_err());
    assert!(instances::solomon("X\nVEHICLE\nNUMBER CAPACITY\n25\n").is_err());
}

// ---------------------------------------------------------------- renderers

/// The two stops of the OptimoRoute `get_routes` example: Burwyn (41.8505874, -87.7936685)
/// at 10:16:41 and Oak Park (41.8850317, -87.7845025) 4 668 m and 397 s later, at 10:33:18,
/// which implies 10 minutes of service at Burwyn.
fn optimoroute_example() -> (PlanProblem, PlanSolution) {
    let burwyn = Location {
        lat: Some(41.8505874),
        lon: Some(-87.7936685),
        index: Some(0),
        ..Location::default()
    };
    let oak_park = Location {
        lat: Some(41.8850317),
        lon: Some(-87.7845025),
        index: Some(1),
        ..Location::default()
    };
    let start = 10.0 * 3600.0 + 16.0 * 60.0 + 41.0;
    let problem = PlanProblem {
        orders: vec![
            PlanOrder {
                id: "B1".into(),
                location: Some(burwyn),
                service_s: 600.0,
                demand: vec![1.0, 2.0],
                location_key: Some("LOC-B".into()),
                ..PlanOrder::default()
            },
            PlanOrder {
                id: "O2".into(),
                location: Some(oak_park),
                after: vec!["B1".into()],
                demand: vec![1.0, 0.0],
                ..PlanOrder::default()
            },
        ],
        vehicles: vec![PlanVehicle {
            id: "011".into(),
            start: Some(burwyn),
            end: VehicleEnd::Open,
            work_time: Some([start, 20.0 * 3600.0]),
            ..PlanVehicle::default()
        }],
        travel: TravelModel::Matrix {
            distances: vec![0.0, 4668.0, 4668.0, 0.0],
            durations: vec![0.0, 397.0, 397.0, 0.0],
            size: None,
        },
        objective: Objective::default(),
        orders_from: None,
    };
    let s = plan(&problem, &iterations(20, 1), &mut ticking(), None).unwrap();
    assert!(check_solution(&problem, &s).feasible);
    (problem, s)
}

#[test]
fn optimoroute_get_routes_matches_the_documented_example() {
    let (problem, s) = optimoroute_example();
    let options = RenderOptions {
        date: Some("2022-03-16".into()),
        ..RenderOptions::default()
    };
    let out = optimoroute_routes(&problem, &s, &options).unwrap();
    assert!(out.issues.is_empty());
    let route = &out.output["routes"][0];
    assert_eq!(out.output["success"], true);
    assert_eq!(route["driverSerial"], "011");
    let stops = route["stops"].as_array().unwrap();
    assert_eq!(stops[0]["stopNumber"], 1);
    assert_eq!(stops[0]["orderNo"], "B1");
    assert_eq!(stops[0]["scheduledAt"], "10:16");
    assert_eq!(stops[0]["scheduledAtDt"], "2022-03-16 10:16:41");
    assert_eq!(stops[0]["arrivalTimeDt"], "2022-03-16 10:16:41");
    assert_eq!(stops[0]["distance"], 0);
    assert_eq!(stops[0]["travelTime"], 0);
    assert_eq!(stops[0]["latitude"], 41.8505874);
    assert_eq!(stops[0]["locationNo"], "LOC-B");
    assert_eq!(stops[1]["stopNumber"], 2);
    assert_eq!(stops[1]["scheduledAt"], "10:33");
    assert_eq!(stops[1]["scheduledAtDt"], "2022-03-16 10:33:18");
    assert_eq!(stops[1]["distance"], 4668);
    assert_eq!(stops[1]["travelTime"], 397);
    // Route: 4.668 km, 10:16:41 → 10:33:18 = 16.6 min → 17; loads summed per dimension.
    assert_eq!(route["distance"], 4.668);
    assert_eq!(route["duration"], 17);
    assert_eq!(route["load1"], 2);
    assert_eq!(route["load2"], 2);
    assert_eq!(route["load3"], 0);
    // The polyline decodes to start, the two stops (open route: no end point).
    let line = polyline::decode_polyline(route["routePolyline"].as_str().unwrap(), 5).unwrap();
    let pts: Vec<(f64, f64)> = line.0.iter().map(|c| (c.y, c.x)).collect();
    assert_eq!(pts.len(), 3);
    assert!((pts[2].0 - 41.88503).abs() < 1e-5 && (pts[2].1 + 87.78450).abs() < 1e-5);
}

#[test]
fn wall_clock_fields_follow_the_time_zone_and_dst() {
    let (problem, s) = optimoroute_example();
    // 2022-03-13 is the US spring-forward day: local midnight is 06:00Z, and plan time
    // 10:16:41 after it is 11:16:41 local (an hour was skipped at 02:00).
    let options = RenderOptions {
        date: Some("2022-03-13".into()),
        time_zone: Some("America/Chicago".into()),
        ..RenderOptions::default()
    };
    let out = optimoroute_routes(&problem, &s, &options).unwrap();
    assert_eq!(
        out.output["routes"][0]["stops"][0]["scheduledAtDt"],
        "2022-03-13 11:16:41"
    );
    // Missing time reference, bad zone, bad date: usage errors.
    let err = optimoroute_routes(&problem, &s, &RenderOptions::default()).unwrap_err();
    assert_eq!(err.code, "INVALID_OPTION");
    let bad_zone = RenderOptions {
        date: Some("2022-03-13".into()),
        time_zone: Some("Mars/Olympus".into()),
        ..RenderOptions::default()
    };
    assert!(optimoroute_routes(&problem, &s, &bad_zone).is_err());
    let bad_date = RenderOptions {
        date: Some("2022-02-30".into()),
        ..RenderOptions::default()
    };
    assert!(optimoroute_routes(&problem, &s, &bad_date).is_err());
}

#[test]
fn wialon_route_info_and_yandex_route_numbers() {
    let (_, s) = optimoroute_example();
    let options = RenderOptions {
        clock_zero_unix: Some(1_647_388_800.0), // 2022-03-16T00:00:00Z
        route_id_base: Some(77),
        ..RenderOptions::default()
    };
    let out = wialon_route_info(&s, &options).unwrap();
    assert!(out.issues.is_empty());
    let entries = out.output.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["id"], "B1");
    assert_eq!(entries[0]["u"], 11);
    assert_eq!(entries[1]["p"]["r"]["id"], 77);
    assert_eq!(entries[1]["p"]["r"]["i"], 1);
    assert_eq!(entries[1]["p"]["r"]["m"], 4668);
    assert_eq!(entries[1]["p"]["r"]["t"], 397);
    assert_eq!(
        entries[1]["p"]["r"]["vt"],
        1_647_388_800 + 10 * 3600 + 33 * 60 + 18
    );
    let as_text = RenderOptions {
        numbers_as_strings: true,
        ..options.clone()
    };
    let out = wialon_route_info(&s, &as_text).unwrap();
    assert_eq!(out.output[1]["p"]["r"]["m"], "4668");

    let mut named = s.clone();
    named.routes[0].vehicle_id = "van-3".into();
    let out = wialon_route_info(&named, &options).unwrap();
    assert_eq!(out.issues.len(), 1);
    assert_eq!(out.issues[0].path, "/routes/0/vehicleId");

    let numbers = yandex_route_numbers(
        &s,
        &RenderOptions {
            date: Some("2022-03-16".into()),
            ..RenderOptions::default()
        },
    );
    assert_eq!(
        numbers.output,
        serde_json::json!([
            {"number": "B1", "route_number": "2022-03-16-011"},
            {"number": "O2", "route_number": "2022-03-16-011"}
        ])
    );
}
