//! Validation of a [`PlanProblem`] and its compilation into the flat, index-based [`Model`] the
//! solver works on.
//!
//! Problems are reported per order or vehicle with a JSON Pointer. An order that cannot be
//! planned (no location, impossible window, no vehicle with its skills...) is kept out of the
//! search and comes back unserved with the code of the constraint that excluded it; the call is
//! rejected only when nothing at all can be planned (no usable vehicle, an unusable travel
//! model).
//!
//! Indexing: the job, vehicle and edge indexes used with `[]` below are produced here by
//! enumerating the very vectors they index (ids are resolved through maps built from them), so
//! they are in bounds by construction; the solver's hot paths use `get`.

use super::codes;
use super::problem::{
    Balance, Minimize, OrderKind, PlanProblem, PlanVehicle, TravelModel, VehicleEnd,
};
use super::travel::{Travel, NOWHERE};
use crate::issue::{codes as core_codes, Issue};
use std::collections::HashMap;

/// A time far beyond any plan: stands for "no limit" while keeping arithmetic finite (an
/// infinity would turn `∞ − ∞` into NaN in slack computations).
pub(crate) const TIME_BIG: f64 = 1.0e15;

/// Marks "no group" / "no position".
pub(crate) const NONE: u32 = u32::MAX;

/// The key of depot nodes for shared-service runs: never equal to an order's key.
pub(crate) const DEPOT_KEY: u32 = u32::MAX;

/// Why an order is not in the plan.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reason {
    pub code: &'static str,
    pub message: String,
}

/// One order, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    /// Location index into the travel model.
    pub loc: u32,
    /// Shared-service place key.
    pub key: u32,
    /// Range of this job's windows in [`Model::windows`] (sorted, disjoint).
    pub tw: (u32, u32),
    /// Service duration, s.
    pub service: f64,
    /// Shared service paid by the first of consecutive stops at one place, s.
    pub shared: f64,
    /// Cost of leaving it unserved.
    pub weight: f64,
    /// Group (pickup/delivery pair, `after` chain) or [`NONE`].
    pub group: u32,
    /// Range of the jobs that must precede it on its route, in [`Model::preds`].
    pub preds: (u32, u32),
    /// `Some` when the job is kept out of the search.
    pub excluded: Option<Reason>,
}

/// One usable vehicle, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Vehicle {
    /// Index in the problem's `vehicles`.
    pub source: u32,
    pub start: u32,
    /// [`NOWHERE`] for an open route.
    pub end: u32,
    pub work_from: f64,
    pub work_to: f64,
    pub fixed: f64,
    /// Travel-time multiplier (1 / speed factor).
    pub time_scale: f64,
    /// Vehicles of one class are interchangeable (same places, times, capacity, skills,
    /// costs), so an empty route of a class needs to be tried only once per insertion.
    pub class: u32,
}

/// Jobs that must share a route, in an order that respects every precedence.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub members: Vec<u32>,
}

/// The compiled problem.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub travel: Travel,
    pub dims: usize,
    pub jobs: Vec<Job>,
    pub windows: Vec<[f64; 2]>,
    /// Load change at the job's visit, per dimension (`jobs × dims`).
    pub delta: Vec<f64>,
    /// Load the job puts on board at the route start (standalone deliveries), `jobs × dims`.
    pub start_load: Vec<f64>,
    pub vehicles: Vec<Vehicle>,
    /// `vehicles × dims`; unlimited dimensions are infinite.
    pub capacity: Vec<f64>,
    /// Vehicles allowed per job, a bitset of `vehicle_words` words per job.
    pub allowed: Vec<u64>,
    pub vehicle_words: usize,
    pub preds: Vec<u32>,
    pub groups: Vec<Group>,
    pub minimize: Minimize,
    pub balance: Option<Balance>,
    pub fixed_cost: f64,
    pub order_ids: Vec<String>,
    pub vehicle_ids: Vec<String>,
}

impl Model {
    /// The windows of job `j`.
    #[inline]
    pub fn windows(&self, j: u32) -> &[[f64; 2]] {
        match self.jobs.get(j as usize) {
            Some(job) => self
                .windows
                .get(job.tw.0 as usize..job.tw.1 as usize)
                .unwrap_or(&[]),
            None => &[],
        }
    }

    /// Is vehicle `v` allowed to serve job `j`?
    #[inline]
    pub fn allows(&self, j: u32, v: u32) -> bool {
        let word = j as usize * self.vehicle_words + (v as usize >> 6);
        self.allowed
            .get(word)
            .is_some_and(|w| w & (1u64 << (v & 63)) != 0)
    }

    fn disallow(&mut self, j: u32, v: u32) {
        let word = j as usize * self.vehicle_words + (v as usize >> 6);
        if let Some(w) = self.allowed.get_mut(word) {
            *w &= !(1u64 << (v & 63));
        }
    }

    /// Number of vehicles allowed for job `j`.
    pub fn allowed_count(&self, j: u32) -> u32 {
        let from = j as usize * self.vehicle_words;
        self.allowed
            .get(from..from + self.vehicle_words)
            .map_or(0, |ws| ws.iter().map(|w| w.count_ones()).sum())
    }

    /// Load change at `j`'s visit.
    #[inline]
    pub fn delta(&self, j: u32) -> &[f64] {
        let from = j as usize * self.dims;
        self.delta.get(from..from + self.dims).unwrap_or(&[])
    }

    /// Load `j` adds at the route start.
    #[inline]
    pub fn start_load(&self, j: u32) -> &[f64] {
        let from = j as usize * self.dims;
        self.start_load.get(from..from + self.dims).unwrap_or(&[])
    }

    /// Capacity of vehicle `v`.
    #[inline]
    pub fn capacity(&self, v: u32) -> &[f64] {
        let from = v as usize * self.dims;
        self.capacity.get(from..from + self.dims).unwrap_or(&[])
    }

    /// Predecessors of `j` that must be earlier on its route.
    pub fn preds(&self, j: u32) -> &[u32] {
        match self.jobs.get(j as usize) {
            Some(job) => self
                .preds
                .get(job.preds.0 as usize..job.preds.1 as usize)
                .unwrap_or(&[]),
            None => &[],
        }
    }

    /// The earliest service start at or after `arrival` for job `j`, or `None` when every
    /// window has closed.
    #[inline]
    pub fn earliest_start(&self, j: u32, arrival: f64) -> Option<f64> {
        for w in self.windows(j) {
            if arrival <= w[1] {
                return Some(arrival.max(w[0]));
            }
        }
        None
    }

    /// The latest service start at or before `limit` for job `j`, or `None`.
    #[inline]
    pub fn latest_start(&self, j: u32, limit: f64) -> Option<f64> {
        for w in self.windows(j).iter().rev() {
            if w[0] <= limit {
                return Some(limit.min(w[1]));
            }
        }
        None
    }

    /// Service time of `j` after a stop with place key `prev_key`.
    #[inline]
    pub fn service(&self, j: u32, prev_key: u32) -> f64 {
        match self.jobs.get(j as usize) {
            Some(job) if job.key == prev_key => job.service,
            Some(job) => job.service + job.shared,
            None => 0.0,
        }
    }

    /// Objective cost and duration of the arc `a → b` for vehicle `v`.
    #[inline]
    pub fn arc(&self, v: &Vehicle, a: u32, b: u32) -> (f64, f64) {
        let [d, t] = self.travel.between(a, b);
        let t = t * v.time_scale;
        match self.minimize {
            Minimize::Distance => (d, t),
            Minimize::Duration => (t, t),
        }
    }

    /// Simulates vehicle `v` serving `jobs` in order from its earliest departure; returns the
    /// arrival at the end, or `None` when a window, the work time or a capacity is violated.
    /// Used for static checks and group insertion, not in the inner loop.
    pub fn simulate(&self, v: u32, jobs: &[u32]) -> Option<f64> {
        let veh = self.vehicles.get(v as usize)?;
        let cap = self.capacity(v);
        let mut load: Vec<f64> = vec![0.0; self.dims];
        for &j in jobs {
            for (l, s) in load.iter_mut().zip(self.start_load(j)) {
                *l += s;
            }
        }
        if load.iter().zip(cap).any(|(l, c)| l > c) {
            return None;
        }
        let (mut time, mut loc, mut key) = (veh.work_from, veh.start, DEPOT_KEY);
        for &j in jobs {
            let job = self.jobs.get(j as usize)?;
            let (_, dur) = self.arc(veh, loc, job.loc);
            let start = self.earliest_start(j, time + dur)?;
            time = start + self.service(j, key);
            if time > veh.work_to {
                return None;
            }
            for (l, d) in load.iter_mut().zip(self.delta(j)) {
                *l += d;
            }
            if load.iter().zip(cap).any(|(l, c)| l > c) {
                return None;
            }
            loc = job.loc;
            key = job.key;
        }
        let (_, dur) = self.arc(veh, loc, veh.end);
        let end = time + dur;
        (end <= veh.work_to).then_some(end)
    }
}

/// The result of compiling: the model, every issue found, and whether it can be planned.
pub(crate) fn compile(problem: &PlanProblem) -> Result<(Model, Vec<Issue>), Vec<Issue>> {
    let mut issues = Vec::new();
    let kind = LocKind::of(&problem.travel);

    // Locations are deduplicated so that identical points share matrix rows and a place key.
    let mut places = Places::new(kind);
    let matrix_size = match check_travel(&problem.travel, &mut issues) {
        Some(size) => size,
        None => return Err(issues),
    };
    places.matrix_size = matrix_size;

    let vehicle_ids: Vec<String> = problem.vehicles.iter().map(|v| v.id.clone()).collect();
    let mut vehicles = Vec::new();
    let mut raw_caps: Vec<Vec<f64>> = Vec::new();
    let mut vehicle_skills: Vec<Vec<u32>> = Vec::new();
    let mut skill_ids: HashMap<&str, u32> = HashMap::new();
    let mut vehicle_index: HashMap<&str, u32> = HashMap::new();
    for (i, v) in problem.vehicles.iter().enumerate() {
        let path = format!("/vehicles/{i}");
        if let Some(compiled) = compile_vehicle(v, &path, &mut places, problem, &mut issues) {
            if vehicle_index.contains_key(v.id.as_str()) {
                issues.push(Issue::error(
                    format!("{path}/id"),
                    core_codes::DUPLICATE,
                    format!(
                        "Vehicle id \"{}\" is used twice; this one is left out. Give every vehicle its own id.",
                        v.id
                    ),
                ));
                continue;
            }
            vehicle_index.insert(v.id.as_str(), vehicles.len() as u32);
            let mut skills: Vec<u32> = v
                .skills
                .iter()
                .map(|s| {
                    let n = skill_ids.len() as u32;
                    *skill_ids.entry(s.as_str()).or_insert(n)
                })
                .collect();
            skills.sort_unstable();
            skills.dedup();
            vehicle_skills.push(skills);
            raw_caps.push(v.capacity.clone());
            vehicles.push(Vehicle {
                source: i as u32,
                ..compiled
            });
        }
    }
    if vehicles.is_empty() {
        issues.push(Issue::error(
            "/vehicles",
            codes::NO_VEHICLES,
            if problem.vehicles.is_empty() {
                "There are no vehicles: add at least one vehicle with an id and a start location."
                    .to_string()
            } else {
                "No vehicle can be used (see the issues of each vehicle): nothing can be planned."
                    .to_string()
            },
        ));
        return Err(issues);
    }

    let dims = problem
        .orders
        .iter()
        .map(|o| o.demand.len())
        .chain(raw_caps.iter().map(Vec::len))
        .max()
        .unwrap_or(0);
    let mut capacity = Vec::with_capacity(vehicles.len() * dims);
    for caps in &raw_caps {
        for d in 0..dims {
            capacity.push(caps.get(d).copied().unwrap_or(f64::INFINITY));
        }
    }

    // Vehicle classes: interchangeable vehicles are tried once per insertion when empty.
    let mut class_of: Vec<u32> = Vec::with_capacity(vehicles.len());
    for a in 0..vehicles.len() {
        let same = (0..a).find(|&b| {
            let (va, vb) = (&vehicles[a], &vehicles[b]);
            va.start == vb.start
                && va.end == vb.end
                && va.work_from == vb.work_from
                && va.work_to == vb.work_to
                && va.fixed == vb.fixed
                && va.time_scale == vb.time_scale
                && vehicle_skills[a] == vehicle_skills[b]
                && capacity[a * dims..(a + 1) * dims] == capacity[b * dims..(b + 1) * dims]
        });
        class_of.push(same.map_or(a as u32, |b| class_of[b]));
    }
    for (v, c) in vehicles.iter_mut().zip(&class_of) {
        v.class = *c;
    }

    let vehicle_words = vehicles.len().div_ceil(64);
    let n = problem.orders.len();
    let mut jobs = Vec::with_capacity(n);
    let mut windows: Vec<[f64; 2]> = Vec::new();
    let mut delta = vec![0.0; n * dims];
    let mut start_load = vec![0.0; n * dims];
    let mut allowed = vec![0u64; n * vehicle_words];
    let mut order_index: HashMap<&str, u32> = HashMap::new();
    let mut keys: HashMap<&str, u32> = HashMap::new();

    for (i, o) in problem.orders.iter().enumerate() {
        let path = format!("/orders/{i}");
        let mut excluded: Option<Reason> = None;
        let mut exclude = |code: &'static str, message: String| {
            if excluded.is_none() {
                excluded = Some(Reason { code, message });
            }
        };
        if o.id.is_empty() {
            issues.push(Issue::error(
                format!("{path}/id"),
                core_codes::MISSING_FIELD,
                "The order has no id: give every order a unique, non-empty id.",
            ));
            exclude(codes::INVALID_ORDER, "The order has no id.".into());
        } else if order_index.contains_key(o.id.as_str()) {
            issues.push(Issue::error(
                format!("{path}/id"),
                core_codes::DUPLICATE,
                format!(
                    "Order id \"{}\" is used twice; this one is left out. Give every order its own id.",
                    o.id
                ),
            ));
            exclude(
                codes::INVALID_ORDER,
                format!("Order id \"{}\" is used by an earlier order.", o.id),
            );
        } else {
            order_index.insert(o.id.as_str(), i as u32);
        }

        let loc = match &o.location {
            None => {
                issues.push(Issue::error(
                    format!("{path}/location"),
                    codes::MISSING_LOCATION,
                    format!(
                        "Order \"{}\" has no location, so it cannot be routed: {}.",
                        o.id,
                        kind.expects()
                    ),
                ));
                exclude(codes::MISSING_LOCATION, "The order has no location.".into());
                NOWHERE
            }
            Some(l) => match places.locate(l, &format!("{path}/location"), &mut issues) {
                Some(loc) => loc,
                None => {
                    exclude(
                        codes::MISSING_LOCATION,
                        "The order's location is not usable (see its issue).".into(),
                    );
                    NOWHERE
                }
            },
        };

        let key = match &o.location_key {
            Some(k) => {
                let next = keys.len() as u32;
                // Keys share a number space with locations: offset past every location index.
                (1u32 << 31) + *keys.entry(k.as_str()).or_insert(next)
            }
            None => loc,
        };

        // Windows: finite, start ≤ end, then sorted and merged.
        let mut tws: Vec<[f64; 2]> = Vec::with_capacity(o.time_windows.len());
        for (w, &[a, b]) in o.time_windows.iter().enumerate() {
            if !a.is_finite() || !b.is_finite() {
                issues.push(Issue::error(
                    format!("{path}/timeWindows/{w}"),
                    codes::INVALID_TIME_WINDOW,
                    format!(
                        "Time window {w} of order \"{}\" holds a value that is not a finite number; give [start, end] in seconds.",
                        o.id
                    ),
                ));
                exclude(
                    codes::INVALID_ORDER,
                    "A time window is not a number.".into(),
                );
            } else if a > b {
                issues.push(Issue::error(
                    format!("{path}/timeWindows/{w}"),
                    codes::INVALID_TIME_WINDOW,
                    format!(
                        "Time window {w} of order \"{}\" ends ({b}) before it starts ({a}); give [start, end] with start ≤ end.",
                        o.id
                    ),
                ));
                exclude(
                    codes::INVALID_ORDER,
                    "A time window ends before it starts.".into(),
                );
            } else {
                tws.push([a.max(-TIME_BIG), b.min(TIME_BIG)]);
            }
        }
        if tws.is_empty() {
            tws.push([-TIME_BIG, TIME_BIG]);
        }
        tws.sort_by(|x, y| x[0].total_cmp(&y[0]));
        let tw_from = windows.len() as u32;
        for w in tws {
            let own = windows.len() as u32 > tw_from;
            match windows.last_mut() {
                Some(last) if own && w[0] <= last[1] => last[1] = last[1].max(w[1]),
                _ => windows.push(w),
            }
        }
        let tw_to = windows.len() as u32;

        let mut nonneg = |x: f64, field: &str, what: &str| -> f64 {
            if x.is_finite() && x >= 0.0 {
                x
            } else {
                issues.push(Issue::error(
                    format!("{path}/{field}"),
                    core_codes::OUT_OF_RANGE,
                    format!(
                        "{what} of order \"{}\" is {x}; it must be a finite number ≥ 0.",
                        o.id
                    ),
                ));
                f64::NAN
            }
        };
        let service = nonneg(o.service_s, "serviceS", "The service time");
        let shared = nonneg(
            o.shared_service_s,
            "sharedServiceS",
            "The shared service time",
        );
        let mut demand = vec![0.0; dims];
        for (d, &q) in o.demand.iter().enumerate() {
            if let Some(slot) = demand.get_mut(d) {
                *slot = nonneg(q, &format!("demand/{d}"), &format!("Demand {d}"));
            }
        }
        if service.is_nan() || shared.is_nan() || demand.iter().any(|d| d.is_nan()) {
            exclude(
                codes::INVALID_ORDER,
                "A duration or demand is not a finite number ≥ 0.".into(),
            );
        }

        // Loads; pairs are fixed up below once partners are known.
        for (d, &q) in demand.iter().enumerate() {
            let q = if q.is_nan() { 0.0 } else { q };
            let slot = i * dims + d;
            match o.kind {
                OrderKind::Delivery => {
                    start_load[slot] = q;
                    delta[slot] = -q;
                }
                OrderKind::Pickup => delta[slot] = q,
            }
        }

        // Skills, then forced assignment.
        let mut missing_skill: Option<&str> = None;
        let needed: Vec<Option<u32>> = o
            .skills
            .iter()
            .map(|s| skill_ids.get(s.as_str()).copied())
            .collect();
        if let Some(pos) = needed.iter().position(Option::is_none) {
            missing_skill = o.skills.get(pos).map(String::as_str);
        }
        let mut any_skilled = false;
        let assigned = match &o.assigned_vehicle {
            None => None,
            Some(id) => match vehicle_index.get(id.as_str()) {
                Some(&v) => Some(v),
                None => {
                    let known = vehicle_ids.iter().any(|x| x == id);
                    let message = if known {
                        format!(
                            "Order \"{}\" is assigned to vehicle \"{id}\", which cannot be used (see its issues).",
                            o.id
                        )
                    } else {
                        format!(
                            "Order \"{}\" is assigned to vehicle \"{id}\", which is not in the problem; use one of the vehicle ids or remove the assignment.",
                            o.id
                        )
                    };
                    issues.push(Issue::error(
                        format!("{path}/assignedVehicle"),
                        codes::ASSIGNED_VEHICLE_UNKNOWN,
                        message.clone(),
                    ));
                    exclude(codes::ASSIGNED_VEHICLE_UNKNOWN, message);
                    Some(NONE)
                }
            },
        };
        for (v, skills) in vehicle_skills.iter().enumerate() {
            let has_all = needed
                .iter()
                .all(|s| s.is_some_and(|s| skills.binary_search(&s).is_ok()));
            if !has_all {
                continue;
            }
            any_skilled = true;
            if assigned.is_some_and(|a| a != v as u32) {
                continue;
            }
            allowed[i * vehicle_words + (v >> 6)] |= 1u64 << (v & 63);
        }
        if !any_skilled {
            let message = match missing_skill {
                Some(s) => format!(
                    "No vehicle has skill \"{s}\", which order \"{}\" requires.",
                    o.id
                ),
                None => format!(
                    "No single vehicle has all the skills order \"{}\" requires ({}).",
                    o.id,
                    o.skills.join(", ")
                ),
            };
            exclude(codes::NO_VEHICLE_WITH_SKILLS, message);
        } else if let Some(v) = assigned.filter(|&v| v != NONE) {
            let has = allowed[i * vehicle_words + (v as usize >> 6)] & (1u64 << (v & 63)) != 0;
            if !has {
                exclude(
                    codes::NO_VEHICLE_WITH_SKILLS,
                    format!(
                        "Order \"{}\" is assigned to vehicle \"{}\", which lacks skills it requires.",
                        o.id,
                        o.assigned_vehicle.as_deref().unwrap_or("")
                    ),
                );
            }
        }

        jobs.push(Job {
            loc,
            key,
            tw: (tw_from, tw_to),
            service: if service.is_nan() { 0.0 } else { service },
            shared: if shared.is_nan() { 0.0 } else { shared },
            weight: o.priority.weight(),
            group: NONE,
            preds: (0, 0),
            excluded,
        });
    }

    let mut model = Model {
        travel: places.into_travel(&problem.travel),
        dims,
        jobs,
        windows,
        delta,
        start_load,
        vehicles,
        capacity,
        allowed,
        vehicle_words,
        preds: Vec::new(),
        groups: Vec::new(),
        minimize: problem.objective.minimize,
        balance: problem.objective.balance,
        fixed_cost: problem.objective.vehicle_fixed_cost,
        order_ids: problem.orders.iter().map(|o| o.id.clone()).collect(),
        vehicle_ids: problem.vehicles.iter().map(|v| v.id.clone()).collect(),
    };
    check_objective(problem, &mut model, &mut issues);
    link_orders(problem, &order_index, &mut model, &mut issues);
    filter_by_capacity_and_time(problem, &mut model);
    Ok((model, issues))
}

fn check_objective(problem: &PlanProblem, model: &mut Model, issues: &mut Vec<Issue>) {
    let fixed = problem.objective.vehicle_fixed_cost;
    if !(fixed.is_finite() && fixed >= 0.0) {
        issues.push(Issue::error(
            "/objective/vehicleFixedCost",
            core_codes::OUT_OF_RANGE,
            format!("vehicleFixedCost is {fixed}; it must be a finite number ≥ 0. 0 is used."),
        ));
        model.fixed_cost = 0.0;
    }
    if let Some(b) = problem.objective.balance {
        if !(b.factor.is_finite() && b.factor >= 0.0) {
            issues.push(Issue::error(
                "/objective/balance/factor",
                core_codes::OUT_OF_RANGE,
                format!(
                    "The balance factor is {}; it must be a finite number ≥ 0. Balancing is off.",
                    b.factor
                ),
            ));
            model.balance = None;
        }
    }
}

/// Pickup/delivery pairs and `after` dependencies: precedences, groups, and exclusion of
/// orders whose partners cannot be planned.
fn link_orders(
    problem: &PlanProblem,
    index: &HashMap<&str, u32>,
    model: &mut Model,
    issues: &mut Vec<Issue>,
) {
    let n = problem.orders.len();
    // (pred, succ, is_pair)
    let mut edges: Vec<(u32, u32, bool)> = Vec::new();
    let mut delivered: HashMap<u32, u32> = HashMap::new();
    for (i, o) in problem.orders.iter().enumerate() {
        let path = format!("/orders/{i}");
        let i = i as u32;
        if let Some(p) = &o.delivery_of {
            match index.get(p.as_str()).copied() {
                Some(pick) if pick != i => {
                    let pick_is_delivery = problem
                        .orders
                        .get(pick as usize)
                        .is_some_and(|x| x.delivery_of.is_some());
                    if let Some(other) = delivered.get(&pick) {
                        let other_id = model.order_ids.get(*other as usize).cloned();
                        let message = format!(
                            "Order \"{}\" is the delivery of \"{p}\", but \"{}\" already is: a pickup has one delivery.",
                            o.id,
                            other_id.unwrap_or_default()
                        );
                        issues.push(Issue::error(
                            format!("{path}/deliveryOf"),
                            core_codes::CONFLICTING_FIELDS,
                            message.clone(),
                        ));
                        exclude(model, i, codes::PAIR_INCOMPLETE, message);
                    } else if pick_is_delivery {
                        let message = format!(
                            "Order \"{}\" is the delivery of \"{p}\", which is itself a delivery; chain pairs through `after` instead.",
                            o.id
                        );
                        issues.push(Issue::error(
                            format!("{path}/deliveryOf"),
                            core_codes::CONFLICTING_FIELDS,
                            message.clone(),
                        ));
                        exclude(model, i, codes::PAIR_INCOMPLETE, message);
                    } else {
                        delivered.insert(pick, i);
                        edges.push((pick, i, true));
                    }
                }
                _ => {
                    let message = format!(
                        "Order \"{}\" is the delivery of \"{p}\", which is not another order of the problem.",
                        o.id
                    );
                    issues.push(Issue::error(
                        format!("{path}/deliveryOf"),
                        codes::PAIR_INCOMPLETE,
                        message.clone(),
                    ));
                    exclude(model, i, codes::PAIR_INCOMPLETE, message);
                }
            }
        }
        for (k, a) in o.after.iter().enumerate() {
            match index.get(a.as_str()).copied() {
                Some(pred) if pred != i => edges.push((pred, i, false)),
                _ => {
                    let message = format!(
                        "Order \"{}\" must come after \"{a}\", which is not another order of the problem.",
                        o.id
                    );
                    issues.push(Issue::error(
                        format!("{path}/after/{k}"),
                        codes::DEPENDENCY_UNSERVED,
                        message.clone(),
                    ));
                    exclude(model, i, codes::DEPENDENCY_UNSERVED, message);
                }
            }
        }
    }

    // Pair loads: the pickup's demand is on board from the pickup to the delivery.
    let dims = model.dims;
    for &(pick, del, pair) in &edges {
        if !pair {
            continue;
        }
        for d in 0..dims {
            let q = problem
                .orders
                .get(pick as usize)
                .and_then(|o| o.demand.get(d))
                .copied()
                .filter(|q| q.is_finite() && *q >= 0.0)
                .unwrap_or(0.0);
            model.start_load[pick as usize * dims + d] = 0.0;
            model.delta[pick as usize * dims + d] = q;
            model.start_load[del as usize * dims + d] = 0.0;
            model.delta[del as usize * dims + d] = -q;
        }
    }

    // Predecessor lists.
    let mut preds: Vec<Vec<u32>> = vec![Vec::new(); n];
    for &(p, s, _) in &edges {
        if let Some(list) = preds.get_mut(s as usize) {
            if !list.contains(&p) {
                list.push(p);
            }
        }
    }

    // Cycles: Kahn's algorithm; whatever is never freed lies on or behind a cycle.
    let mut indegree: Vec<u32> = preds.iter().map(|p| p.len() as u32).collect();
    let mut succs: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (s, ps) in preds.iter().enumerate() {
        for &p in ps {
            if let Some(list) = succs.get_mut(p as usize) {
                list.push(s as u32);
            }
        }
    }
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&j| indegree[j as usize] == 0)
        .collect();
    let mut head = 0;
    while let Some(&j) = order.get(head) {
        head += 1;
        for &s in &succs[j as usize] {
            indegree[s as usize] -= 1;
            if indegree[s as usize] == 0 {
                order.push(s);
            }
        }
    }
    for (j, &left) in indegree.iter().enumerate() {
        if left > 0 {
            let message = format!(
                "Order \"{}\" is part of a circular `after`/`deliveryOf` chain, so no visiting order can satisfy it.",
                model.order_ids[j]
            );
            issues.push(Issue::error(
                format!("/orders/{j}/after"),
                codes::DEPENDENCY_CYCLE,
                message.clone(),
            ));
            exclude(model, j as u32, codes::DEPENDENCY_CYCLE, message);
        }
    }

    // Exclusion spreads forward along dependencies and both ways along pairs. A pass in
    // topological order settles the forward spread, but a step back along a pair can start a
    // new one (a pickup left out with its delivery takes its `after` dependants along, which
    // may be deliveries whose pickups must go too, ...), so passes repeat until nothing
    // changes; exclusions only grow, so that ends.
    let excluded_count = |model: &Model| model.jobs.iter().filter(|j| j.excluded.is_some()).count();
    loop {
        let before = excluded_count(model);
        for &j in &order {
            if model.jobs[j as usize].excluded.is_some() {
                continue;
            }
            let id = model.order_ids[j as usize].clone();
            for &p in &preds[j as usize] {
                if let Some(reason) = &model.jobs[p as usize].excluded {
                    let is_pair = edges.iter().any(|&(a, b, pair)| pair && a == p && b == j);
                    let pred_id = &model.order_ids[p as usize];
                    let (code, message) = if is_pair {
                        (
                            codes::PAIR_INCOMPLETE,
                            format!(
                                "Order \"{id}\" is the delivery of \"{pred_id}\", which cannot be served ({}).",
                                reason.code
                            ),
                        )
                    } else {
                        (
                            codes::DEPENDENCY_UNSERVED,
                            format!(
                                "Order \"{id}\" must come after \"{pred_id}\", which cannot be served ({}).",
                                reason.code
                            ),
                        )
                    };
                    exclude(model, j, code, message);
                    break;
                }
            }
        }
        for &(p, s, pair) in &edges {
            if pair && model.jobs[p as usize].excluded.is_none() {
                if let Some(reason) = model.jobs[s as usize].excluded.clone() {
                    let message = format!(
                        "Order \"{}\" is a pickup whose delivery \"{}\" cannot be served ({}).",
                        model.order_ids[p as usize], model.order_ids[s as usize], reason.code
                    );
                    exclude(model, p, codes::PAIR_INCOMPLETE, message);
                }
            }
        }
        if excluded_count(model) == before {
            break;
        }
    }

    // Groups: connected components of the remaining dependencies, members in topological
    // order; the group's vehicles are those allowed for every member.
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    for &(p, s, _) in &edges {
        if model.jobs[p as usize].excluded.is_none() && model.jobs[s as usize].excluded.is_none() {
            let (a, b) = (find(&mut parent, p), find(&mut parent, s));
            if a != b {
                parent[a as usize] = b;
            }
        }
    }
    let mut group_of_root: HashMap<u32, u32> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for &j in &order {
        if model.jobs[j as usize].excluded.is_some() {
            continue;
        }
        let root = find(&mut parent, j);
        let has_links = preds[j as usize]
            .iter()
            .any(|&p| model.jobs[p as usize].excluded.is_none())
            || succs[j as usize]
                .iter()
                .any(|&s| model.jobs[s as usize].excluded.is_none());
        if !has_links {
            continue;
        }
        let g = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Group {
                members: Vec::new(),
            });
            groups.len() as u32 - 1
        });
        groups[g as usize].members.push(j);
        model.jobs[j as usize].group = g;
    }
    let words = model.vehicle_words;
    for g in &groups {
        let mut common = vec![u64::MAX; words];
        for &m in &g.members {
            for (c, w) in common
                .iter_mut()
                .zip(&model.allowed[m as usize * words..(m as usize + 1) * words])
            {
                *c &= w;
            }
        }
        for &m in &g.members {
            model.allowed[m as usize * words..(m as usize + 1) * words].copy_from_slice(&common);
        }
    }
    model.groups = groups;

    for (j, ps) in preds.iter().enumerate() {
        let from = model.preds.len() as u32;
        model.preds.extend(
            ps.iter()
                .filter(|&&p| model.jobs[p as usize].excluded.is_none()),
        );
        model.jobs[j].preds = (from, model.preds.len() as u32);
    }
}

fn exclude(model: &mut Model, j: u32, code: &'static str, message: String) {
    if let Some(job) = model.jobs.get_mut(j as usize) {
        if job.excluded.is_none() {
            job.excluded = Some(Reason { code, message });
        }
    }
}

/// Drops vehicles that cannot carry an order or reach it in time even with nothing else to do,
/// and excludes orders (and groups) that no vehicle is left for, naming the binding constraint.
fn filter_by_capacity_and_time(problem: &PlanProblem, model: &mut Model) {
    let n = model.jobs.len();
    let m = model.vehicles.len() as u32;
    // Solo checks for ungrouped jobs; whole-group checks for groups.
    for j in 0..n as u32 {
        if model.jobs[j as usize].excluded.is_some() || model.jobs[j as usize].group != NONE {
            continue;
        }
        let id = model.order_ids[j as usize].clone();
        let mut fits_some = false;
        let mut in_time = false;
        let mut checked_class: HashMap<u32, bool> = HashMap::new();
        for v in 0..m {
            if !model.allows(j, v) {
                continue;
            }
            let cap = model.capacity(v);
            let fits = model
                .start_load(j)
                .iter()
                .zip(model.delta(j))
                .zip(cap)
                .all(|((s, d), c)| s.max(*d) <= *c);
            if !fits {
                model.disallow(j, v);
                continue;
            }
            fits_some = true;
            let class = model.vehicles[v as usize].class;
            let ok = match checked_class.get(&class) {
                Some(&ok) => ok,
                None => {
                    let ok = model.simulate(v, &[j]).is_some();
                    checked_class.insert(class, ok);
                    ok
                }
            };
            if ok {
                in_time = true;
            } else {
                model.disallow(j, v);
            }
        }
        if model.allowed_count(j) == 0 {
            let (code, message) = if !fits_some {
                (
                    codes::CAPACITY_EXCEEDED,
                    format!("Order \"{id}\" needs more capacity than any vehicle that may serve it has."),
                )
            } else {
                debug_assert!(!in_time);
                (
                    codes::TIME_WINDOW_UNREACHABLE,
                    format!(
                        "No vehicle that may serve order \"{id}\" can reach it within its time windows and get back within its work time."
                    ),
                )
            };
            exclude(model, j, code, message);
        }
    }
    let groups = model.groups.clone();
    for g in &groups {
        let mut any = false;
        for v in 0..m {
            if !g.members.iter().all(|&j| model.allows(j, v)) {
                continue;
            }
            // Members in topological order are one valid visiting order; for pairs it is the
            // only one, for longer chains the search may find others, so only pairs are
            // filtered on time here.
            let ok = if g.members.len() == 2 {
                model.simulate(v, &g.members).is_some()
            } else {
                let cap = model.capacity(v);
                g.members.iter().all(|&j| {
                    model
                        .start_load(j)
                        .iter()
                        .zip(model.delta(j))
                        .zip(cap)
                        .all(|((s, d), c)| s.max(*d) <= *c)
                })
            };
            if ok {
                any = true;
            } else {
                for &j in &g.members {
                    model.disallow(j, v);
                }
            }
        }
        if !any {
            let ids: Vec<&str> = g
                .members
                .iter()
                .map(|&j| model.order_ids[j as usize].as_str())
                .collect();
            let is_pair = g.members.iter().any(|&j| {
                problem
                    .orders
                    .get(j as usize)
                    .is_some_and(|o| o.delivery_of.is_some())
            });
            let code = if is_pair {
                codes::PAIR_INCOMPLETE
            } else {
                codes::DEPENDENCY_UNSERVED
            };
            let message = format!(
                "Orders {} must share one vehicle, and no vehicle can serve them all within their windows, capacities and skills.",
                ids.iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for &j in &g.members {
                exclude(model, j, code, message.clone());
                model.jobs[j as usize].group = NONE;
            }
        }
    }
    // Groups emptied by exclusion are kept (indices stay stable) with no members.
    for g in model.groups.iter_mut() {
        let jobs = &model.jobs;
        g.members
            .retain(|&j| jobs.get(j as usize).is_some_and(|x| x.excluded.is_none()));
    }
}

fn check_travel(travel: &TravelModel, issues: &mut Vec<Issue>) -> Option<usize> {
    match travel {
        TravelModel::GreatCircle {
            detour_factor,
            speed_kmh,
        } => {
            let mut ok = true;
            if !(detour_factor.is_finite() && *detour_factor >= 1.0) {
                issues.push(Issue::error(
                    "/travel/detourFactor",
                    core_codes::OUT_OF_RANGE,
                    format!("detourFactor is {detour_factor}; it must be a finite number ≥ 1 (road distance over straight distance)."),
                ));
                ok = false;
            }
            if !(speed_kmh.is_finite() && *speed_kmh > 0.0) {
                issues.push(Issue::error(
                    "/travel/speedKmh",
                    core_codes::OUT_OF_RANGE,
                    format!("speedKmh is {speed_kmh}; it must be a finite number > 0."),
                ));
                ok = false;
            }
            ok.then_some(0)
        }
        TravelModel::Euclidean { speed } => {
            if speed.is_finite() && *speed > 0.0 {
                Some(0)
            } else {
                issues.push(Issue::error(
                    "/travel/speed",
                    core_codes::OUT_OF_RANGE,
                    format!("speed is {speed}; it must be a finite number > 0."),
                ));
                None
            }
        }
        TravelModel::Matrix {
            distances,
            durations,
            size,
        } => {
            let len = distances.len();
            let size = match size {
                Some(s) => *s as usize,
                None => (len as f64).sqrt().round() as usize,
            };
            let mut ok = true;
            for (name, m) in [("distances", distances), ("durations", durations)] {
                if Some(m.len()) != size.checked_mul(size) {
                    issues.push(Issue::error(
                        format!("/travel/{name}"),
                        codes::MATRIX_SIZE_MISMATCH,
                        format!(
                            "The {name} matrix has {} entries; a {size} × {size} matrix needs {} (row-major, entry from × size + to).",
                            m.len(),
                            size.saturating_mul(size)
                        ),
                    ));
                    ok = false;
                    continue;
                }
                if let Some(bad) = m.iter().position(|x| !(x.is_finite() && *x >= 0.0)) {
                    issues.push(Issue::error(
                        format!("/travel/{name}/{bad}"),
                        core_codes::OUT_OF_RANGE,
                        format!(
                            "Entry {bad} of the {name} matrix (from {} to {}) is {}; every entry must be a finite number ≥ 0.",
                            bad / size.max(1),
                            bad % size.max(1),
                            m.get(bad).copied().unwrap_or(f64::NAN)
                        ),
                    ));
                    ok = false;
                }
            }
            ok.then_some(size)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum LocKind {
    LatLon,
    Xy,
    Index,
}

impl LocKind {
    fn of(travel: &TravelModel) -> LocKind {
        match travel {
            TravelModel::GreatCircle { .. } => LocKind::LatLon,
            TravelModel::Euclidean { .. } => LocKind::Xy,
            TravelModel::Matrix { .. } => LocKind::Index,
        }
    }

    fn expects(self) -> &'static str {
        match self {
            LocKind::LatLon => "the great-circle travel model needs {lat, lon} in degrees",
            LocKind::Xy => "the Euclidean travel model needs {x, y}",
            LocKind::Index => "the matrix travel model needs {index}, a row of the matrices",
        }
    }
}

/// The location table under construction.
struct Places {
    kind: LocKind,
    matrix_size: usize,
    points: Vec<[f64; 2]>,
    seen: HashMap<(u64, u64), u32>,
}

impl Places {
    fn new(kind: LocKind) -> Places {
        Places {
            kind,
            matrix_size: 0,
            points: Vec::new(),
            seen: HashMap::new(),
        }
    }

    /// The index of `loc`, recording an issue when it is not usable under the travel model.
    fn locate(
        &mut self,
        loc: &super::problem::Location,
        path: &str,
        issues: &mut Vec<Issue>,
    ) -> Option<u32> {
        let (a, b, names, ranges) = match self.kind {
            LocKind::Index => {
                return match loc.index {
                    Some(i) if (i as usize) < self.matrix_size => Some(i),
                    Some(i) => {
                        issues.push(Issue::error(
                            format!("{path}/index"),
                            core_codes::OUT_OF_RANGE,
                            format!(
                                "Location index {i} is outside the {} × {} matrices; use 0 to {}.",
                                self.matrix_size,
                                self.matrix_size,
                                self.matrix_size.saturating_sub(1)
                            ),
                        ));
                        None
                    }
                    None => {
                        issues.push(Issue::error(
                            format!("{path}/index"),
                            core_codes::MISSING_FIELD,
                            "`index` is required: the matrix travel model needs a matrix row for each location.",
                        ));
                        None
                    }
                };
            }
            LocKind::LatLon => (loc.lat, loc.lon, ["lat", "lon"], [90.0, 180.0]),
            LocKind::Xy => (loc.x, loc.y, ["x", "y"], [f64::MAX, f64::MAX]),
        };
        let mut ok = true;
        for ((value, name), range) in [a, b].iter().zip(names).zip(ranges) {
            match value {
                None => {
                    issues.push(Issue::error(
                        format!("{path}/{name}"),
                        core_codes::MISSING_FIELD,
                        format!("`{name}` is required: {}.", self.kind.expects()),
                    ));
                    ok = false;
                }
                Some(x) if !(x.is_finite() && x.abs() <= range) => {
                    issues.push(Issue::error(
                        format!("{path}/{name}"),
                        core_codes::OUT_OF_RANGE,
                        if range < f64::MAX {
                            format!("`{name}` is {x}; it must be a number between -{range} and {range}.")
                        } else {
                            format!("`{name}` is {x}; it must be a finite number.")
                        },
                    ));
                    ok = false;
                }
                Some(_) => {}
            }
        }
        let (a, b) = (a?, b?);
        if !ok {
            return None;
        }
        // -0.0 and 0.0 are one place.
        let bits = ((a + 0.0).to_bits(), (b + 0.0).to_bits());
        let next = self.points.len() as u32;
        let i = *self.seen.entry(bits).or_insert(next);
        if i == next {
            self.points.push([a, b]);
        }
        Some(i)
    }

    fn into_travel(self, model: &TravelModel) -> Travel {
        match model {
            TravelModel::GreatCircle {
                detour_factor,
                speed_kmh,
            } => Travel::sphere(&self.points, *detour_factor, *speed_kmh),
            TravelModel::Euclidean { speed } => Travel::plane(self.points, *speed),
            TravelModel::Matrix {
                distances,
                durations,
                ..
            } => Travel::matrix(self.matrix_size, distances.clone(), durations.clone()),
        }
    }
}

fn compile_vehicle(
    v: &PlanVehicle,
    path: &str,
    places: &mut Places,
    problem: &PlanProblem,
    issues: &mut Vec<Issue>,
) -> Option<Vehicle> {
    let before = issues.len();
    if v.id.is_empty() {
        issues.push(Issue::error(
            format!("{path}/id"),
            core_codes::MISSING_FIELD,
            "The vehicle has no id: give every vehicle a unique, non-empty id.",
        ));
    }
    let start = match &v.start {
        Some(l) => places.locate(l, &format!("{path}/start"), issues),
        None => {
            issues.push(Issue::error(
                format!("{path}/start"),
                core_codes::MISSING_FIELD,
                format!(
                    "Vehicle \"{}\" has no start location; every route needs one.",
                    v.id
                ),
            ));
            None
        }
    };
    let end = match &v.end {
        VehicleEnd::ReturnToStart => start,
        VehicleEnd::Open => Some(NOWHERE),
        VehicleEnd::At(l) => places.locate(l, &format!("{path}/end"), issues),
    };
    let (work_from, work_to) = match v.work_time {
        None => (0.0, TIME_BIG),
        Some([a, b]) if a.is_finite() && b.is_finite() && a <= b => (a, b),
        Some([a, b]) => {
            issues.push(Issue::error(
                format!("{path}/workTime"),
                codes::INVALID_TIME_WINDOW,
                format!(
                    "The work time of vehicle \"{}\" is [{a}, {b}]; give [from, to] in seconds with from ≤ to.",
                    v.id
                ),
            ));
            (0.0, 0.0)
        }
    };
    for (d, c) in v.capacity.iter().enumerate() {
        if !(c.is_finite() && *c >= 0.0) {
            issues.push(Issue::error(
                format!("{path}/capacity/{d}"),
                core_codes::OUT_OF_RANGE,
                format!(
                    "Capacity {d} of vehicle \"{}\" is {c}; it must be a finite number ≥ 0.",
                    v.id
                ),
            ));
        }
    }
    if !(v.fixed_cost.is_finite() && v.fixed_cost >= 0.0) {
        issues.push(Issue::error(
            format!("{path}/fixedCost"),
            core_codes::OUT_OF_RANGE,
            format!(
                "The fixed cost of vehicle \"{}\" is {}; it must be a finite number ≥ 0.",
                v.id, v.fixed_cost
            ),
        ));
    }
    if !(v.speed_factor.is_finite() && v.speed_factor > 0.0) {
        issues.push(Issue::error(
            format!("{path}/speedFactor"),
            core_codes::OUT_OF_RANGE,
            format!(
                "The speed factor of vehicle \"{}\" is {}; it must be a finite number > 0.",
                v.id, v.speed_factor
            ),
        ));
    }
    if issues.len() > before {
        if let Some(last) = issues.last() {
            let note = format!(
                "Vehicle \"{}\" is left out of the plan because of the problem above.",
                v.id
            );
            let p = last.path.clone();
            issues.push(Issue::warning(p, codes::INVALID_VEHICLE, note));
        }
        return None;
    }
    Some(Vehicle {
        source: 0,
        start: start?,
        end: end?,
        work_from,
        work_to,
        fixed: v.fixed_cost + problem.objective.vehicle_fixed_cost.max(0.0),
        time_scale: 1.0 / v.speed_factor,
        class: 0,
    })
}
