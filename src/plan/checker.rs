//! `check_solution`: an independent feasibility and cost checker.
//!
//! It shares nothing with the solver but the public input and output types: it reads the
//! problem as given (ids, coordinates, windows as written), computes distances with its own
//! haversine / Euclidean / matrix code, walks each route stop by stop from its reported
//! departure, and compares every reported number with what it recomputes. The planner's tests
//! and the benchmark use it as the judge, so it must not inherit the planner's mistakes.

use super::codes;
use super::problem::{
    BalanceBy, Location, Minimize, OrderKind, PlanOrder, PlanProblem, PlanVehicle, TravelModel,
    VehicleEnd,
};
use super::solution::{PlanSolution, PlanTotals};
use super::travel::EARTH_RADIUS_M;
use crate::issue::Issue;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The verdict of [`check_solution`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    /// No error: every constraint holds and every reported number matches.
    pub feasible: bool,
    /// Every violation (errors) and oddity (warnings), with JSON Pointers into the solution.
    pub issues: Vec<Issue>,
    /// Totals recomputed from the problem and the routes' stop order and service starts.
    pub totals: PlanTotals,
}

/// Relative tolerance of number comparisons (float noise between two correct computations).
const TOLERANCE: f64 = 1e-6;

fn differs(a: f64, b: f64) -> bool {
    // Written so that a NaN on either side counts as different.
    let close = (a - b).abs() <= TOLERANCE * a.abs().max(b.abs()).max(1.0);
    !close
}

/// Checks `solution` against `problem`: each route's vehicle, skills, assignments, windows,
/// work time, capacities, pairs and dependencies, every order accounted for exactly once, and
/// every reported time, distance, load and total.
pub fn check_solution(problem: &PlanProblem, solution: &PlanSolution) -> CheckReport {
    let mut c = Check {
        problem,
        issues: Vec::new(),
        totals: PlanTotals::default(),
    };
    c.run(solution);
    let feasible = !c.issues.iter().any(Issue::is_error);
    CheckReport {
        feasible,
        issues: c.issues,
        totals: c.totals,
    }
}

struct Check<'p> {
    problem: &'p PlanProblem,
    issues: Vec<Issue>,
    totals: PlanTotals,
}

/// Where an order was served: route index and stop index.
type Served = HashMap<usize, (usize, usize)>;

impl<'p> Check<'p> {
    fn error(&mut self, path: String, code: &'static str, message: String) {
        self.issues.push(Issue::error(path, code, message));
    }

    fn compare(&mut self, path: String, what: &str, reported: f64, actual: f64) {
        if differs(reported, actual) {
            self.error(
                path,
                codes::VALUE_MISMATCH,
                format!("{what} is reported as {reported} but the route gives {actual}."),
            );
        }
    }

    /// The order a solution entry names: its `orderIndex` when that order has the entry's id
    /// (which tells orders with a duplicated id apart), else the first order with the id.
    fn resolve(&self, index: &HashMap<&str, usize>, id: &str, hint: u32) -> Option<usize> {
        match self.problem.orders.get(hint as usize) {
            Some(o) if o.id == id => Some(hint as usize),
            _ => index.get(id).copied(),
        }
    }

    /// `(distance, seconds at speed factor 1)` between two locations; `None` when a location
    /// is unusable under the travel model.
    fn travel(&self, a: Option<&Location>, b: Option<&Location>) -> Option<(f64, f64)> {
        let (a, b) = (a?, b?);
        match &self.problem.travel {
            TravelModel::GreatCircle {
                detour_factor,
                speed_kmh,
            } => {
                let (lat1, lon1, lat2, lon2) = (
                    a.lat?.to_radians(),
                    a.lon?.to_radians(),
                    b.lat?.to_radians(),
                    b.lon?.to_radians(),
                );
                let h = ((lat2 - lat1) / 2.0).sin().powi(2)
                    + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
                let d = 2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin() * detour_factor;
                Some((d, d / (speed_kmh / 3.6)))
            }
            TravelModel::Euclidean { speed } => {
                let d = (a.x? - b.x?).hypot(a.y? - b.y?);
                Some((d, d / speed))
            }
            TravelModel::Matrix {
                distances,
                durations,
                size,
            } => {
                let n =
                    size.map_or_else(|| (distances.len() as f64).sqrt() as usize, |s| s as usize);
                let (i, j) = (a.index? as usize, b.index? as usize);
                if i >= n || j >= n {
                    return None;
                }
                Some((*distances.get(i * n + j)?, *durations.get(i * n + j)?))
            }
        }
    }

    /// The place identity for shared service: the explicit key, else the location itself.
    fn place(order: &PlanOrder) -> String {
        match (&order.location_key, &order.location) {
            (Some(k), _) => format!("k:{k}"),
            (None, Some(l)) => format!(
                "l:{:?}:{:?}:{:?}:{:?}:{:?}",
                l.lat.map(|x| x + 0.0),
                l.lon.map(|x| x + 0.0),
                l.x.map(|x| x + 0.0),
                l.y.map(|x| x + 0.0),
                l.index
            ),
            (None, None) => String::new(),
        }
    }

    fn run(&mut self, solution: &PlanSolution) {
        let problem = self.problem;
        let mut order_index: HashMap<&str, usize> = HashMap::new();
        for (i, o) in problem.orders.iter().enumerate() {
            order_index.entry(o.id.as_str()).or_insert(i);
        }
        // Which order is the pickup of which delivery.
        let mut delivery_of: HashMap<usize, usize> = HashMap::new();
        let mut pickups: HashSet<usize> = HashSet::new();
        // A pair holds when the pickup exists, is not itself a delivery, and this order is the
        // first to claim it; other links are input errors the planner reports and leaves out.
        for (i, o) in problem.orders.iter().enumerate() {
            if let Some(&p) = o.delivery_of.as_deref().and_then(|p| order_index.get(p)) {
                let pickup_is_delivery = problem.orders[p].delivery_of.is_some();
                if p != i && !pickup_is_delivery && pickups.insert(p) {
                    delivery_of.insert(i, p);
                }
            }
        }
        let mut vehicle_index: HashMap<&str, usize> = HashMap::new();
        for (i, v) in problem.vehicles.iter().enumerate() {
            vehicle_index.entry(v.id.as_str()).or_insert(i);
        }
        let mut served: Served = HashMap::new();
        let mut used_vehicles: HashSet<usize> = HashSet::new();
        let dims = problem
            .orders
            .iter()
            .map(|o| o.demand.len())
            .chain(problem.vehicles.iter().map(|v| v.capacity.len()))
            .max()
            .unwrap_or(0);

        for (r, route) in solution.routes.iter().enumerate() {
            let rp = format!("/routes/{r}");
            let Some(&vi) = vehicle_index.get(route.vehicle_id.as_str()) else {
                self.error(
                    format!("{rp}/vehicleId"),
                    codes::UNKNOWN_VEHICLE,
                    format!("Vehicle \"{}\" is not in the problem.", route.vehicle_id),
                );
                continue;
            };
            if !used_vehicles.insert(vi) {
                self.error(
                    format!("{rp}/vehicleId"),
                    codes::UNKNOWN_VEHICLE,
                    format!("Vehicle \"{}\" has more than one route.", route.vehicle_id),
                );
            }
            let vehicle = &problem.vehicles[vi];
            self.route(
                solution,
                r,
                vehicle,
                &order_index,
                &delivery_of,
                &pickups,
                dims,
                &mut served,
            );
        }

        // Every order exactly once.
        let mut unserved_seen: HashSet<usize> = HashSet::new();
        for (k, u) in solution.unserved.iter().enumerate() {
            let path = format!("/unserved/{k}/orderId");
            match self.resolve(&order_index, &u.order_id, u.order_index) {
                None => self.error(
                    path,
                    codes::UNKNOWN_ORDER,
                    format!("Unserved order \"{}\" is not in the problem.", u.order_id),
                ),
                Some(i) => {
                    if served.contains_key(&i) || !unserved_seen.insert(i) {
                        self.error(
                            path,
                            codes::ORDER_REPEATED,
                            format!(
                                "Order \"{}\" is listed as unserved but also appears elsewhere.",
                                u.order_id
                            ),
                        );
                    }
                    self.totals.unserved_weight += problem.orders[i].priority.weight();
                }
            }
        }
        for (i, o) in problem.orders.iter().enumerate() {
            if !served.contains_key(&i) && !unserved_seen.contains(&i) {
                self.error(
                    String::new(),
                    codes::ORDER_MISSING,
                    format!("Order \"{}\" is neither on a route nor unserved.", o.id),
                );
            }
        }
        self.totals.served = served.len() as u32;
        self.totals.unserved = unserved_seen.len() as u32;

        // Pairs and dependencies.
        for (i, o) in problem.orders.iter().enumerate() {
            let me = served.get(&i).copied();
            if let Some(&p) = delivery_of.get(&i) {
                let pick = served.get(&p).copied();
                match (pick, me) {
                    (Some((rp, sp)), Some((rd, sd))) if rp == rd && sp < sd => {}
                    (None, None) => {}
                    _ => self.error(
                        String::new(),
                        codes::PRECEDENCE_VIOLATED,
                        format!(
                            "Order \"{}\" is the delivery of \"{}\": both must be served, by one vehicle, the pickup first, or neither.",
                            o.id, problem.orders[p].id
                        ),
                    ),
                }
            }
            if let Some((r, s)) = me {
                for a in &o.after {
                    let ok = order_index
                        .get(a.as_str())
                        .and_then(|p| served.get(p))
                        .is_some_and(|&(rp, sp)| rp == r && sp < s);
                    if !ok {
                        self.error(
                            format!("/routes/{r}/stops/{s}"),
                            codes::PRECEDENCE_VIOLATED,
                            format!(
                                "Order \"{}\" must come after \"{a}\" on the same route, and does not.",
                                o.id
                            ),
                        );
                    }
                }
            }
        }

        let t = &solution.totals;
        let mine = self.totals.clone();
        self.compare(
            "/totals/distance".into(),
            "The total distance",
            t.distance,
            mine.distance,
        );
        self.compare(
            "/totals/travelTime".into(),
            "The total travel time",
            t.travel_time,
            mine.travel_time,
        );
        self.compare(
            "/totals/duration".into(),
            "The total working time",
            t.duration,
            mine.duration,
        );
        self.compare("/totals/cost".into(), "The total cost", t.cost, mine.cost);
        self.compare(
            "/totals/unservedWeight".into(),
            "The unserved weight",
            t.unserved_weight,
            mine.unserved_weight,
        );
        for (name, a, b) in [
            ("vehicles", t.vehicles, mine.vehicles),
            ("served", t.served, mine.served),
            ("unserved", t.unserved, mine.unserved),
        ] {
            if a != b {
                self.error(
                    format!("/totals/{name}"),
                    codes::VALUE_MISMATCH,
                    format!("totals.{name} is reported as {a} but the solution holds {b}."),
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn route(
        &mut self,
        solution: &PlanSolution,
        r: usize,
        vehicle: &PlanVehicle,
        order_index: &HashMap<&str, usize>,
        delivery_of: &HashMap<usize, usize>,
        pickups: &HashSet<usize>,
        dims: usize,
        served: &mut Served,
    ) {
        let problem = self.problem;
        let route = &solution.routes[r];
        let rp = format!("/routes/{r}");
        let speed = vehicle.speed_factor;
        let (work_from, work_to) = vehicle
            .work_time
            .map_or((0.0, f64::INFINITY), |w| (w[0], w[1]));
        let start = vehicle.start.as_ref();
        let end: Option<Option<&Location>> = match &vehicle.end {
            VehicleEnd::ReturnToStart => Some(start),
            VehicleEnd::Open => None,
            VehicleEnd::At(l) => Some(Some(l)),
        };
        if route.departure < work_from - 1e-9 || route.departure.is_nan() {
            self.error(
                format!("{rp}/departure"),
                codes::WORK_TIME_VIOLATED,
                format!(
                    "Vehicle \"{}\" leaves at {} but its work starts at {work_from}.",
                    vehicle.id, route.departure
                ),
            );
        }
        let orders: Vec<Option<(usize, &PlanOrder)>> = route
            .stops
            .iter()
            .map(|s| {
                self.resolve(order_index, &s.order_id, s.order_index)
                    .map(|i| (i, &problem.orders[i]))
            })
            .collect();

        // Load at the start: standalone deliveries on this route.
        let mut load = vec![0.0; dims];
        for o in &orders {
            let Some(&(i, o)) = o.as_ref() else { continue };
            if o.kind == OrderKind::Delivery
                && !delivery_of.contains_key(&i)
                && !pickups.contains(&i)
            {
                for (l, d) in load.iter_mut().zip(&o.demand) {
                    *l += d;
                }
            }
        }
        let capacity = |d: usize| vehicle.capacity.get(d).copied().unwrap_or(f64::INFINITY);
        for (d, l) in load.iter().enumerate() {
            if *l > capacity(d) * (1.0 + TOLERANCE) + TOLERANCE {
                self.error(
                    format!("{rp}/departure"),
                    codes::CAPACITY_VIOLATED,
                    format!(
                        "Vehicle \"{}\" leaves with {l} in dimension {d}, over its capacity {}.",
                        vehicle.id,
                        capacity(d)
                    ),
                );
            }
        }

        let (mut time, mut prev_loc, mut prev_place) = (route.departure, start, None::<String>);
        let (mut distance, mut travel_time, mut service_total, mut waiting) = (0.0, 0.0, 0.0, 0.0);
        for (k, stop) in route.stops.iter().enumerate() {
            let sp = format!("{rp}/stops/{k}");
            let Some((i, order)) = orders[k] else {
                self.error(
                    format!("{sp}/orderId"),
                    codes::UNKNOWN_ORDER,
                    format!("Order \"{}\" is not in the problem.", stop.order_id),
                );
                continue;
            };
            if served.insert(i, (r, k)).is_some() {
                self.error(
                    format!("{sp}/orderId"),
                    codes::ORDER_REPEATED,
                    format!("Order \"{}\" is served more than once.", order.id),
                );
            }
            for s in &order.skills {
                if !vehicle.skills.contains(s) {
                    self.error(
                        format!("{sp}/orderId"),
                        codes::SKILL_VIOLATED,
                        format!(
                            "Order \"{}\" requires \"{s}\", which vehicle \"{}\" lacks.",
                            order.id, vehicle.id
                        ),
                    );
                }
            }
            if let Some(a) = &order.assigned_vehicle {
                if a != &vehicle.id {
                    self.error(
                        format!("{sp}/orderId"),
                        codes::ASSIGNMENT_VIOLATED,
                        format!(
                            "Order \"{}\" is assigned to vehicle \"{a}\" but served by \"{}\".",
                            order.id, vehicle.id
                        ),
                    );
                }
            }
            let Some((d, t)) = self.travel(prev_loc, order.location.as_ref()) else {
                self.error(
                    format!("{sp}/orderId"),
                    codes::MISSING_LOCATION,
                    format!("Order \"{}\" has no usable location.", order.id),
                );
                continue;
            };
            let t = t / speed;
            let arrival = time + t;
            let start_at = stop.service_start;
            let in_window = order.time_windows.is_empty()
                || order
                    .time_windows
                    .iter()
                    .any(|w| start_at >= w[0] - 1e-6 && start_at <= w[1] + 1e-6);
            if !in_window || start_at.is_nan() {
                self.error(
                    format!("{sp}/serviceStart"),
                    codes::TIME_WINDOW_VIOLATED,
                    format!(
                        "Order \"{}\" starts service at {start_at}, outside its time windows {:?}.",
                        order.id, order.time_windows
                    ),
                );
            }
            if start_at < arrival - TOLERANCE * arrival.abs().max(1.0) {
                self.error(
                    format!("{sp}/serviceStart"),
                    codes::TIME_WINDOW_VIOLATED,
                    format!(
                        "Order \"{}\" starts service at {start_at}, before the vehicle arrives at {arrival}.",
                        order.id
                    ),
                );
            }
            let place = Self::place(order);
            let pays_shared = prev_place.as_deref() != Some(place.as_str());
            let service = order.service_s
                + if pays_shared {
                    order.shared_service_s
                } else {
                    0.0
                };
            let departure = start_at + service;
            self.compare(
                format!("{sp}/arrival"),
                "The arrival",
                stop.arrival,
                arrival,
            );
            self.compare(
                format!("{sp}/wait"),
                "The wait",
                stop.wait,
                start_at - arrival,
            );
            self.compare(
                format!("{sp}/departure"),
                "The departure",
                stop.departure,
                departure,
            );
            self.compare(format!("{sp}/distance"), "The distance", stop.distance, d);
            self.compare(
                format!("{sp}/travelTime"),
                "The travel time",
                stop.travel_time,
                t,
            );

            // Loads after the stop.
            let is_pair_delivery = delivery_of.get(&i).copied();
            for (dim, l) in load.iter_mut().enumerate() {
                let change = if let Some(p) = is_pair_delivery {
                    -problem.orders[p].demand.get(dim).copied().unwrap_or(0.0)
                } else if pickups.contains(&i) || order.kind == OrderKind::Pickup {
                    order.demand.get(dim).copied().unwrap_or(0.0)
                } else {
                    -order.demand.get(dim).copied().unwrap_or(0.0)
                };
                *l += change;
            }
            for (dim, l) in load.iter().enumerate() {
                if *l > capacity(dim) * (1.0 + TOLERANCE) + TOLERANCE {
                    self.error(
                        format!("{sp}/load/{dim}"),
                        codes::CAPACITY_VIOLATED,
                        format!(
                            "After order \"{}\" vehicle \"{}\" carries {l} in dimension {dim}, over its capacity {}.",
                            order.id,
                            vehicle.id,
                            capacity(dim)
                        ),
                    );
                }
                let reported = stop.load.get(dim).copied().unwrap_or(0.0);
                self.compare(format!("{sp}/load/{dim}"), "The load", reported, *l);
            }

            distance += d;
            travel_time += t;
            service_total += service;
            waiting += (start_at - arrival).max(0.0);
            time = departure;
            prev_loc = order.location.as_ref();
            prev_place = Some(place);
        }

        let (d, t) = match end {
            None => (0.0, 0.0),
            Some(end_loc) => match self.travel(prev_loc, end_loc) {
                Some((d, t)) => (d, t / speed),
                None => (0.0, 0.0),
            },
        };
        let arrival = time + t;
        distance += d;
        travel_time += t;
        if arrival > work_to + 1e-6 {
            self.error(
                format!("{rp}/arrival"),
                codes::WORK_TIME_VIOLATED,
                format!(
                    "Vehicle \"{}\" ends at {arrival}, after its work time ends at {work_to}.",
                    vehicle.id
                ),
            );
        }
        self.compare(
            format!("{rp}/arrival"),
            "The route end",
            route.arrival,
            arrival,
        );
        self.compare(
            format!("{rp}/endDistance"),
            "The distance to the end",
            route.end_distance,
            d,
        );
        self.compare(
            format!("{rp}/endTravelTime"),
            "The travel time to the end",
            route.end_travel_time,
            t,
        );
        self.compare(
            format!("{rp}/distance"),
            "The route distance",
            route.distance,
            distance,
        );
        self.compare(
            format!("{rp}/travelTime"),
            "The route travel time",
            route.travel_time,
            travel_time,
        );
        self.compare(
            format!("{rp}/serviceTime"),
            "The route service time",
            route.service_time,
            service_total,
        );
        self.compare(
            format!("{rp}/waitingTime"),
            "The route waiting time",
            route.waiting_time,
            waiting,
        );
        let duration = arrival - route.departure;
        self.compare(
            format!("{rp}/duration"),
            "The route duration",
            route.duration,
            duration,
        );

        let objective = &problem.objective;
        let mut cost = match objective.minimize {
            Minimize::Distance => distance,
            Minimize::Duration => travel_time,
        };
        if !route.stops.is_empty() {
            cost += vehicle.fixed_cost + objective.vehicle_fixed_cost;
            if let Some(b) = objective.balance {
                let x = match b.by {
                    BalanceBy::WorkingTime => duration / 3600.0,
                    BalanceBy::OrderCount => route.stops.len() as f64,
                };
                cost += b.factor * x * x;
            }
            self.totals.vehicles += 1;
        }
        self.compare(format!("{rp}/cost"), "The route cost", route.cost, cost);
        self.totals.distance += distance;
        self.totals.travel_time += travel_time;
        self.totals.duration += duration;
        self.totals.cost += cost;
    }
}
