//! Small hand-checked instances, one or more per constraint, each shown to bind: the same
//! instance without the constraint has a different (cheaper) answer. Every plan is also judged
//! by the independent `check_solution`.
//!
//! Most instances are planar (Euclidean, speed 1: travel time = distance) with the depot at the
//! origin, so every figure can be worked out by hand.

use orderbridge::plan::{
    check_solution, codes, plan, Balance, BalanceBy, Location, Minimize, Objective, PlanOptions,
    PlanOrder, PlanProblem, PlanSolution, PlanVehicle, Priority, TravelModel, VehicleEnd,
};

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

fn vehicle(id: &str, x: f64, y: f64) -> PlanVehicle {
    PlanVehicle {
        id: id.into(),
        start: at(x, y),
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

/// Plans with a fixed iteration count (deterministic) and asserts the checker agrees.
fn solve(problem: &PlanProblem) -> PlanSolution {
    let options = PlanOptions {
        max_iterations: Some(400),
        seed: 7,
        ..PlanOptions::default()
    };
    let mut t = 0.0;
    let mut now = || {
        t += 1.0;
        t
    };
    let solution = plan(problem, &options, &mut now, None).expect("the problem can be planned");
    let report = check_solution(problem, &solution);
    assert!(report.feasible, "checker: {:#?}", report.issues);
    solution
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// The stop order ids of the route of `vehicle_id`.
fn stops<'s>(s: &'s PlanSolution, vehicle_id: &str) -> Vec<&'s str> {
    s.routes
        .iter()
        .find(|r| r.vehicle_id == vehicle_id)
        .map(|r| r.stops.iter().map(|x| x.order_id.as_str()).collect())
        .unwrap_or_default()
}

/// The vehicle serving `order_id`.
fn served_by<'s>(s: &'s PlanSolution, order_id: &str) -> Option<&'s str> {
    s.routes
        .iter()
        .find(|r| r.stops.iter().any(|x| x.order_id == order_id))
        .map(|r| r.vehicle_id.as_str())
}

fn unserved_code<'s>(s: &'s PlanSolution, order_id: &str) -> Option<&'s str> {
    s.unserved
        .iter()
        .find(|u| u.order_id == order_id)
        .map(|u| u.code.as_str())
}

// ---------------------------------------------------------------- time windows

#[test]
fn time_windows_force_a_second_route() {
    // A at (10,0), B at (10,1). One route: 10 + 1 + √101 = 21.0499.
    let free = planar(
        vec![order("A", 10.0, 0.0), order("B", 10.0, 1.0)],
        vec![vehicle("v1", 0.0, 0.0), vehicle("v2", 0.0, 0.0)],
    );
    let s = solve(&free);
    assert_eq!(s.totals.vehicles, 1);
    assert!(close(s.totals.distance, 11.0 + 101f64.sqrt()));

    // Both must start by 10.5: whichever comes second starts at ≥ 11, so two routes:
    // 2·10 + 2·√101 = 40.0998.
    let mut windows = free.clone();
    for o in &mut windows.orders {
        o.time_windows = vec![[0.0, 10.5]];
    }
    let s = solve(&windows);
    assert_eq!(s.totals.vehicles, 2);
    assert!(close(s.totals.distance, 20.0 + 2.0 * 101f64.sqrt()));
    for r in &s.routes {
        assert!(r.stops[0].service_start <= 10.5);
    }
}

#[test]
fn the_stop_waits_for_its_second_window() {
    let mut a = order("A", 10.0, 0.0);
    a.time_windows = vec![[30.0, 40.0], [0.0, 5.0]]; // unsorted on purpose
    let mut v = vehicle("v1", 0.0, 0.0);
    v.work_time = Some([0.0, 1000.0]);
    let s = solve(&planar(vec![a], vec![v]));
    let stop = &s.routes[0].stops[0];
    // The departure is delayed so that the vehicle arrives as the window opens.
    assert!(close(s.routes[0].departure, 20.0));
    assert!(close(stop.arrival, 30.0) && close(stop.wait, 0.0) && close(stop.service_start, 30.0));

    // With the departure pinned at 0 by an earlier stop, the wait shows.
    let mut early = order("E", 5.0, 0.0);
    early.time_windows = vec![[5.0, 5.0]];
    let mut a = order("A", 10.0, 0.0);
    a.time_windows = vec![[0.0, 5.0], [30.0, 40.0]];
    let mut v = vehicle("v1", 0.0, 0.0);
    v.work_time = Some([0.0, 1000.0]);
    let s = solve(&planar(vec![early, a], vec![v]));
    assert_eq!(stops(&s, "v1"), vec!["E", "A"]);
    let stop = &s.routes[0].stops[1];
    assert!(close(stop.arrival, 10.0) && close(stop.wait, 20.0) && close(stop.service_start, 30.0));
}

// ---------------------------------------------------------------- service and shared service

#[test]
fn shared_service_is_paid_once_per_run_at_one_place() {
    // Two orders at (10,0), service 5, shared 10, work time ends at 45:
    // 10 + (10 + 5) + 5 + 10 = 40 fits; paying the shared time twice (50) would not.
    let mut a = order("A", 10.0, 0.0);
    a.service_s = 5.0;
    a.shared_service_s = 10.0;
    let mut b = a.clone();
    b.id = "B".into();
    let mut v = vehicle("v1", 0.0, 0.0);
    v.work_time = Some([0.0, 45.0]);
    let problem = planar(vec![a.clone(), b.clone()], vec![v.clone()]);
    let s = solve(&problem);
    assert!(s.unserved.is_empty());
    let r = &s.routes[0];
    assert!(close(r.stops[0].departure - r.stops[0].service_start, 15.0));
    assert!(close(r.stops[1].departure - r.stops[1].service_start, 5.0));
    assert!(close(r.service_time, 20.0));
    assert!(close(r.arrival, 40.0));

    // Different places (location keys) pay it each: one order no longer fits.
    let (mut a2, mut b2) = (a, b);
    a2.location_key = Some("gate 1".into());
    b2.location_key = Some("gate 2".into());
    let s = solve(&planar(vec![a2, b2], vec![v]));
    assert_eq!(s.unserved.len(), 1);
    assert_eq!(s.unserved[0].code, codes::NO_TIME_LEFT);
}

#[test]
fn removing_a_stop_never_leaves_its_neighbour_paying_a_shared_service_it_has_no_time_for() {
    // v0 from the origin: a (1,5) → b (0,10) → c (0,20). a and b share the place "dock", so b,
    // right after a, skips its 10 s shared service: b starts at 10.2 (window [10, 11]) and c at
    // 20.2 (window ends 21). Without a, b pays it and c is reached at 30, too late. a is put on
    // v0 first (v1 is still empty and costs 10), but once v1 serves d at a's very place, a is
    // cheaper there: a search that moves a away alone must not keep [b, c] on v0.
    let dock = |mut o: PlanOrder| {
        o.location_key = Some("dock".into());
        o
    };
    let on = |mut o: PlanOrder, v: &str| {
        o.assigned_vehicle = Some(v.into());
        o
    };
    let a = dock(order("a", 1.0, 5.0));
    let mut b = on(dock(order("b", 0.0, 10.0)), "v0");
    b.time_windows = vec![[10.0, 11.0]];
    b.shared_service_s = 10.0;
    let mut c = on(order("c", 0.0, 20.0), "v0");
    c.time_windows = vec![[0.0, 21.0]];
    let d = on(order("d", 1.0, 5.0), "v1");
    let mut v1 = open_vehicle_named("v1");
    v1.start = at(3.0, 10.0);
    v1.fixed_cost = 10.0;
    let problem = planar(vec![a, b, c, d], vec![vehicle("v0", 0.0, 0.0), v1]);
    for seed in 0..16 {
        let options = PlanOptions {
            max_iterations: Some(100),
            seed,
            ..PlanOptions::default()
        };
        let mut t = 0.0;
        let mut now = || {
            t += 1.0;
            t
        };
        let s = plan(&problem, &options, &mut now, None).expect("the problem can be planned");
        let report = check_solution(&problem, &s);
        assert!(report.feasible, "seed {seed}: {:#?}", report.issues);
        // Every order fits: a before b on v0 (d's route could take a only by breaking v0).
        assert!(s.unserved.is_empty(), "seed {seed}: {:?}", s.unserved);
        assert_eq!(stops(&s, "v0"), ["a", "b", "c"], "seed {seed}");
    }
}

// ---------------------------------------------------------------- capacities

#[test]
fn capacity_splits_routes_in_every_dimension() {
    let two = || vec![vehicle("v1", 0.0, 0.0), vehicle("v2", 0.0, 0.0)];
    let mut a = order("A", 10.0, 0.0);
    let mut b = order("B", 10.0, 1.0);
    a.demand = vec![1.0, 6.0];
    b.demand = vec![1.0, 6.0];
    let mut vs = two();
    for v in &mut vs {
        v.capacity = vec![10.0, 10.0];
    }
    // The second dimension (12 > 10) binds.
    let s = solve(&planar(vec![a.clone(), b.clone()], vs.clone()));
    assert_eq!(s.totals.vehicles, 2);
    // Unbound: 5 + 5 ≤ 10.
    a.demand[1] = 5.0;
    b.demand[1] = 5.0;
    let s = solve(&planar(vec![a, b], vs));
    assert_eq!(s.totals.vehicles, 1);
    assert_eq!(s.routes[0].stops[1].load, vec![0.0, 0.0]);
    assert_eq!(s.routes[0].stops[0].load.len(), 2);
}

#[test]
fn too_big_and_no_room_left_are_told_apart() {
    let mut v = vehicle("v1", 0.0, 0.0);
    v.capacity = vec![10.0];
    let mut big = order("big", 1.0, 0.0);
    big.demand = vec![11.0];
    let mut a = order("A", 2.0, 0.0);
    a.demand = vec![6.0];
    let mut b = order("B", 3.0, 0.0);
    b.demand = vec![6.0];
    let s = solve(&planar(vec![big, a, b], vec![v]));
    assert_eq!(unserved_code(&s, "big"), Some(codes::CAPACITY_EXCEEDED));
    assert_eq!(s.totals.served, 1);
    let left = ["A", "B"]
        .iter()
        .find_map(|id| unserved_code(&s, id))
        .expect("one of A, B is left out");
    assert_eq!(left, codes::NO_CAPACITY_LEFT);
}

#[test]
fn pickups_fill_the_vehicle_on_the_way_back() {
    // A delivery (6, loaded at the start) and a pickup (6, carried to the end) fit a
    // capacity of 6 only if the delivery comes first.
    let mut v = vehicle("v1", 0.0, 0.0);
    v.capacity = vec![6.0];
    let mut d = order("deliver", 10.0, 0.0);
    d.demand = vec![6.0];
    let mut p = order("pick", 5.0, 0.0);
    p.demand = vec![6.0];
    p.kind = orderbridge::plan::OrderKind::Pickup;
    // Free: either order (both 20 on the line); with the tight capacity the delivery is first.
    let s = solve(&planar(vec![d, p], vec![v]));
    assert_eq!(stops(&s, "v1"), vec!["deliver", "pick"]);
    assert_eq!(s.routes[0].stops[0].load, vec![0.0]);
    assert_eq!(s.routes[0].stops[1].load, vec![6.0]);
}

// ---------------------------------------------------------------- skills, assignment

#[test]
fn skills_send_the_order_to_the_equipped_vehicle() {
    let mut far = vehicle("far", 100.0, 0.0);
    far.skills = vec!["fridge".into(), "tail-lift".into()];
    let near = vehicle("near", 0.0, 0.0);
    let mut o = order("A", 1.0, 0.0);
    let s = solve(&planar(vec![o.clone()], vec![near.clone(), far.clone()]));
    assert_eq!(served_by(&s, "A"), Some("near"));
    o.skills = vec!["fridge".into()];
    let s = solve(&planar(vec![o.clone()], vec![near.clone(), far.clone()]));
    assert_eq!(served_by(&s, "A"), Some("far"));
    o.skills = vec!["fridge".into(), "crane".into()];
    let s = solve(&planar(vec![o], vec![near, far]));
    assert_eq!(unserved_code(&s, "A"), Some(codes::NO_VEHICLE_WITH_SKILLS));
}

#[test]
fn forced_assignment_binds() {
    let near = vehicle("near", 0.0, 0.0);
    let far = vehicle("far", 100.0, 0.0);
    let mut o = order("A", 1.0, 0.0);
    o.assigned_vehicle = Some("far".into());
    let s = solve(&planar(vec![o.clone()], vec![near.clone(), far.clone()]));
    assert_eq!(served_by(&s, "A"), Some("far"));
    o.assigned_vehicle = Some("ghost".into());
    let s = solve(&planar(vec![o], vec![near, far]));
    assert_eq!(
        unserved_code(&s, "A"),
        Some(codes::ASSIGNED_VEHICLE_UNKNOWN)
    );
    assert!(s.issues.iter().any(
        |i| i.path == "/orders/0/assignedVehicle" && i.code == codes::ASSIGNED_VEHICLE_UNKNOWN
    ));
}

// ---------------------------------------------------------------- pairs and dependencies

fn open_vehicle() -> PlanVehicle {
    PlanVehicle {
        end: VehicleEnd::Open,
        ..vehicle("v1", 0.0, 0.0)
    }
}

#[test]
fn pickup_comes_before_its_delivery() {
    // Open route from the origin: D (5,0) then P (10,0) is 10; P then D is 15.
    let d = order("D", 5.0, 0.0);
    let p = order("P", 10.0, 0.0);
    let s = solve(&planar(vec![d.clone(), p.clone()], vec![open_vehicle()]));
    assert_eq!(stops(&s, "v1"), vec!["D", "P"]);
    assert!(close(s.totals.distance, 10.0));
    let mut d = d;
    d.delivery_of = Some("P".into());
    let mut p = p;
    p.demand = vec![3.0];
    let s = solve(&planar(vec![d, p], vec![open_vehicle()]));
    assert_eq!(stops(&s, "v1"), vec!["P", "D"]);
    assert!(close(s.totals.distance, 15.0));
    assert_eq!(s.routes[0].stops[0].load, vec![3.0]);
    assert_eq!(s.routes[0].stops[1].load, vec![0.0]);
}

#[test]
fn pairs_share_a_vehicle_and_respect_capacity_between_them() {
    // Two pairs on a line, 8 units each, capacity 10: they cannot overlap, so
    // P1 D1 P2 D2 = 10 + 10 + 9 + 10 = 39 instead of P1 P2 D1 D2 = 21.
    let mut p1 = order("P1", 10.0, 0.0);
    p1.demand = vec![8.0];
    let mut d1 = order("D1", 20.0, 0.0);
    d1.delivery_of = Some("P1".into());
    let mut p2 = order("P2", 11.0, 0.0);
    p2.demand = vec![8.0];
    let mut d2 = order("D2", 21.0, 0.0);
    d2.delivery_of = Some("P2".into());
    let orders = vec![p1, d1, p2, d2];
    let mut v = open_vehicle();
    v.capacity = vec![20.0];
    let s = solve(&planar(orders.clone(), vec![v.clone()]));
    assert!(close(s.totals.distance, 21.0));
    v.capacity = vec![10.0];
    let s = solve(&planar(orders, vec![v]));
    assert_eq!(stops(&s, "v1"), vec!["P1", "D1", "P2", "D2"]);
    assert!(close(s.totals.distance, 39.0));
}

#[test]
fn broken_pairs_are_reported() {
    let mut d = order("D", 5.0, 0.0);
    d.delivery_of = Some("nope".into());
    let mut d2 = order("D2", 6.0, 0.0);
    d2.delivery_of = Some("P2".into());
    let mut p2 = order("P2", 7.0, 0.0);
    p2.service_s = f64::NAN;
    let s = solve(&planar(vec![d, d2, p2], vec![open_vehicle()]));
    assert_eq!(unserved_code(&s, "D"), Some(codes::PAIR_INCOMPLETE));
    assert_eq!(unserved_code(&s, "P2"), Some(codes::INVALID_ORDER));
    assert_eq!(unserved_code(&s, "D2"), Some(codes::PAIR_INCOMPLETE));
    assert!(s.issues.iter().any(|i| i.path == "/orders/0/deliveryOf"));
    assert!(s.issues.iter().any(|i| i.path == "/orders/2/serviceS"));
}

#[test]
fn after_dependencies_order_stops_on_one_route() {
    // Open route: C (10,0), B (20,0), A (30,0) is 30 by nature; A → B → C is 50.
    let orders = vec![
        order("A", 30.0, 0.0),
        order("B", 20.0, 0.0),
        order("C", 10.0, 0.0),
    ];
    let s = solve(&planar(
        orders.clone(),
        vec![open_vehicle(), open_vehicle_named("v2")],
    ));
    assert!(close(s.totals.distance, 30.0));
    let mut chained = orders;
    chained[1].after = vec!["A".into()];
    chained[2].after = vec!["B".into()];
    let s = solve(&planar(
        chained,
        vec![open_vehicle(), open_vehicle_named("v2")],
    ));
    assert_eq!(s.totals.vehicles, 1);
    let route = &s.routes[0];
    let ids: Vec<&str> = route.stops.iter().map(|x| x.order_id.as_str()).collect();
    assert_eq!(ids, vec!["A", "B", "C"]);
    assert!(close(s.totals.distance, 50.0));
}

fn open_vehicle_named(id: &str) -> PlanVehicle {
    PlanVehicle {
        id: id.into(),
        ..open_vehicle()
    }
}

#[test]
fn dependency_cycles_and_unservable_prerequisites() {
    let mut a = order("A", 1.0, 0.0);
    let mut b = order("B", 2.0, 0.0);
    a.after = vec!["B".into()];
    b.after = vec!["A".into()];
    let mut c = order("C", 3.0, 0.0);
    c.location = None;
    let mut d = order("D", 4.0, 0.0);
    d.after = vec!["C".into()];
    let e = order("E", 5.0, 0.0);
    let s = solve(&planar(vec![a, b, c, d, e], vec![vehicle("v1", 0.0, 0.0)]));
    assert_eq!(unserved_code(&s, "A"), Some(codes::DEPENDENCY_CYCLE));
    assert_eq!(unserved_code(&s, "B"), Some(codes::DEPENDENCY_CYCLE));
    assert_eq!(unserved_code(&s, "C"), Some(codes::MISSING_LOCATION));
    assert_eq!(unserved_code(&s, "D"), Some(codes::DEPENDENCY_UNSERVED));
    assert_eq!(served_by(&s, "E"), Some("v1"));
}

// ---------------------------------------------------------------- work time, ends, speed

#[test]
fn unservable_orders_take_every_order_linked_to_them_along() {
    // D1 needs a skill no vehicle has; its pickup P1 goes with it, then D2 (after P1), then D2's
    // pickup P2, then Y (after P2): each step back along a pair opens another step forward.
    let mut d1 = order("D1", 1.0, 0.0);
    d1.delivery_of = Some("P1".into());
    d1.skills = vec!["crane".into()];
    let mut d2 = order("D2", 2.0, 0.0);
    d2.delivery_of = Some("P2".into());
    d2.after = vec!["P1".into()];
    let mut y = order("Y", 3.0, 0.0);
    y.after = vec!["P2".into()];
    let orders = vec![
        y,
        d2,
        d1,
        order("P1", 4.0, 0.0),
        order("P2", 5.0, 0.0),
        order("E", 6.0, 0.0),
    ];
    let s = solve(&planar(orders, vec![vehicle("v1", 0.0, 0.0)]));
    assert_eq!(unserved_code(&s, "D1"), Some(codes::NO_VEHICLE_WITH_SKILLS));
    assert_eq!(unserved_code(&s, "P1"), Some(codes::PAIR_INCOMPLETE));
    assert_eq!(unserved_code(&s, "D2"), Some(codes::DEPENDENCY_UNSERVED));
    assert_eq!(unserved_code(&s, "P2"), Some(codes::PAIR_INCOMPLETE));
    assert_eq!(unserved_code(&s, "Y"), Some(codes::DEPENDENCY_UNSERVED));
    assert_eq!(stops(&s, "v1"), ["E"]);
}

#[test]
fn driver_work_hours_bind() {
    // (20,0) and back takes 40.
    let o = order("A", 20.0, 0.0);
    let mut short = vehicle("short", 0.0, 0.0);
    short.work_time = Some([0.0, 30.0]);
    let s = solve(&planar(vec![o.clone()], vec![short.clone()]));
    assert_eq!(unserved_code(&s, "A"), Some(codes::TIME_WINDOW_UNREACHABLE));
    let mut long = vehicle("long", 5.0, 0.0);
    long.work_time = Some([0.0, 100.0]);
    let s = solve(&planar(vec![o.clone()], vec![short.clone(), long]));
    assert_eq!(served_by(&s, "A"), Some("long"));
    // An open route ends with the last service: 20 ≤ 30.
    short.end = VehicleEnd::Open;
    let s = solve(&planar(vec![o.clone()], vec![short.clone()]));
    assert_eq!(served_by(&s, "A"), Some("short"));
    assert!(close(s.routes[0].arrival, 20.0));
    // An end elsewhere: 20 + 10.
    short.end = VehicleEnd::At(Location::xy(30.0, 0.0));
    short.work_time = Some([0.0, 100.0]);
    let s = solve(&planar(vec![o], vec![short]));
    assert!(close(s.totals.distance, 30.0));
    assert!(close(s.routes[0].end_distance, 10.0));
}

#[test]
fn speed_factor_makes_a_window_reachable() {
    let mut o = order("A", 20.0, 0.0);
    o.time_windows = vec![[0.0, 12.0]];
    let slow = vehicle("slow", 0.0, 0.0);
    let mut fast = vehicle("fast", 0.0, 0.0);
    fast.speed_factor = 2.0;
    let s = solve(&planar(vec![o.clone()], vec![slow.clone()]));
    assert_eq!(unserved_code(&s, "A"), Some(codes::TIME_WINDOW_UNREACHABLE));
    let s = solve(&planar(vec![o], vec![slow, fast]));
    assert_eq!(served_by(&s, "A"), Some("fast"));
    let stop = &s.routes[0].stops[0];
    assert!(close(stop.distance, 20.0) && close(stop.travel_time, 10.0));
}

// ---------------------------------------------------------------- priorities

#[test]
fn priorities_decide_who_is_left_out() {
    let mut v = vehicle("v1", 0.0, 0.0);
    v.capacity = vec![10.0];
    let mut low = order("low", 1.0, 0.0);
    low.demand = vec![6.0];
    low.priority = Priority::Low;
    let mut high = order("high", 50.0, 0.0);
    high.demand = vec![6.0];
    high.priority = Priority::High;
    let s = solve(&planar(vec![low.clone(), high.clone()], vec![v.clone()]));
    assert_eq!(served_by(&s, "high"), Some("v1"));
    assert_eq!(unserved_code(&s, "low"), Some(codes::NO_CAPACITY_LEFT));
    // Swap the priorities: the cheap one is kept.
    low.priority = Priority::High;
    high.priority = Priority::Low;
    let s = solve(&planar(vec![low, high], vec![v.clone()]));
    assert_eq!(served_by(&s, "low"), Some("v1"));

    // One medium (3) outweighs two lows (1 + 1).
    let mut m = order("M", 40.0, 0.0);
    m.demand = vec![10.0];
    let mut l1 = order("L1", 1.0, 0.0);
    l1.demand = vec![5.0];
    l1.priority = Priority::Low;
    let mut l2 = l1.clone();
    l2.id = "L2".into();
    let s = solve(&planar(vec![m, l1.clone(), l2.clone()], vec![v.clone()]));
    assert_eq!(served_by(&s, "M"), Some("v1"));
    assert!((s.totals.unserved_weight - 2.0).abs() < 1e-9);

    // A critical order beats five high ones.
    let mut c = order("C", 40.0, 0.0);
    c.demand = vec![10.0];
    c.priority = Priority::Critical;
    let mut orders = vec![c];
    for i in 0..5 {
        let mut h = order(&format!("H{i}"), 1.0 + i as f64, 0.0);
        h.demand = vec![2.0];
        h.priority = Priority::High;
        orders.push(h);
    }
    let s = solve(&planar(orders, vec![v]));
    assert_eq!(served_by(&s, "C"), Some("v1"));
}

// ---------------------------------------------------------------- objective

#[test]
fn fixed_costs_steer_to_the_cheaper_vehicle() {
    let mut near = vehicle("near", 0.0, 0.0);
    let far = vehicle("far", 50.0, 0.0);
    let o = order("A", 1.0, 0.0);
    let s = solve(&planar(vec![o.clone()], vec![near.clone(), far.clone()]));
    assert_eq!(served_by(&s, "A"), Some("near"));
    near.fixed_cost = 1000.0;
    let s = solve(&planar(vec![o], vec![near, far]));
    assert_eq!(served_by(&s, "A"), Some("far"));
    assert!(close(s.totals.cost, 98.0));
}

#[test]
fn balancing_by_order_count_spreads_the_work() {
    let orders: Vec<PlanOrder> = (0..4)
        .map(|i| order(&format!("o{i}"), 10.0, i as f64))
        .collect();
    let vehicles = vec![vehicle("v1", 0.0, 0.0), vehicle("v2", 0.0, 0.0)];
    let mut problem = planar(orders, vehicles);
    let s = solve(&problem);
    assert_eq!(s.totals.vehicles, 1);
    problem.objective.balance = Some(Balance {
        by: BalanceBy::OrderCount,
        factor: 100.0,
    });
    let s = solve(&problem);
    let counts: Vec<usize> = s.routes.iter().map(|r| r.stops.len()).collect();
    assert_eq!(counts, vec![2, 2]);
}

#[test]
fn balancing_by_working_time() {
    // Service 3600 s each: unbalanced one route works > 4 h; balanced two work ~2 h each.
    let orders: Vec<PlanOrder> = (0..4)
        .map(|i| PlanOrder {
            service_s: 3600.0,
            ..order(&format!("o{i}"), 10.0, i as f64)
        })
        .collect();
    let mut problem = planar(
        orders,
        vec![vehicle("v1", 0.0, 0.0), vehicle("v2", 0.0, 0.0)],
    );
    problem.objective.balance = Some(Balance {
        by: BalanceBy::WorkingTime,
        factor: 10.0,
    });
    let s = solve(&problem);
    assert_eq!(s.totals.vehicles, 2);
    for r in &s.routes {
        assert!(r.duration < 3.0 * 3600.0, "{}", r.duration);
    }
}

#[test]
fn minimize_duration_or_distance_on_a_matrix() {
    // Locations 0 (depot), 1 (A), 2 (B). The cycle 0→1→2→0 is short but slow, 0→2→1→0 long
    // but fast.
    let distances = vec![0.0, 1.0, 5.0, 5.0, 0.0, 1.0, 1.0, 5.0, 0.0];
    let durations = vec![0.0, 5.0, 1.0, 1.0, 0.0, 5.0, 5.0, 1.0, 0.0];
    let mut problem = PlanProblem {
        orders: vec![
            PlanOrder {
                id: "A".into(),
                location: Some(Location::index(1)),
                ..PlanOrder::default()
            },
            PlanOrder {
                id: "B".into(),
                location: Some(Location::index(2)),
                ..PlanOrder::default()
            },
        ],
        vehicles: vec![PlanVehicle {
            id: "v1".into(),
            start: Some(Location::index(0)),
            ..PlanVehicle::default()
        }],
        travel: TravelModel::Matrix {
            distances,
            durations,
            size: Some(3),
        },
        objective: Objective::default(),
        orders_from: None,
    };
    let s = solve(&problem);
    assert_eq!(stops(&s, "v1"), vec!["A", "B"]);
    assert!(close(s.totals.distance, 3.0) && close(s.totals.travel_time, 15.0));
    problem.objective.minimize = Minimize::Duration;
    let s = solve(&problem);
    assert_eq!(stops(&s, "v1"), vec!["B", "A"]);
    assert!(close(s.totals.travel_time, 3.0) && close(s.totals.cost, 3.0));
}

#[test]
fn great_circle_distances_and_times() {
    // Brandenburg Gate to Alexanderplatz: 2.48 km great-circle; × 1.3 detour at 30 km/h.
    let problem = PlanProblem {
        orders: vec![PlanOrder {
            id: "alex".into(),
            location: Some(Location::lat_lon(52.521918, 13.413215)),
            ..PlanOrder::default()
        }],
        vehicles: vec![PlanVehicle {
            id: "v1".into(),
            start: Some(Location::lat_lon(52.516275, 13.377704)),
            end: VehicleEnd::Open,
            ..PlanVehicle::default()
        }],
        ..PlanProblem::default()
    };
    let s = solve(&problem);
    let stop = &s.routes[0].stops[0];
    assert!(
        (stop.distance / 1.3 - 2_478.0).abs() < 15.0,
        "{}",
        stop.distance
    );
    assert!(close(stop.travel_time, stop.distance / (30.0 / 3.6)));
}
