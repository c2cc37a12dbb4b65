//! A route with the cached data that makes insertion checks constant-time.
//!
//! Nodes are numbered `0` (start depot), `1..=len` (the stops), `len + 1` (end depot). For every
//! node the route keeps:
//! - `dep`: the earliest departure, when every earlier stop starts as early as its window lets
//!   it (waiting is allowed, so earliest is always best for feasibility);
//! - `ldep`: the latest departure that still lets every later stop meet its windows and the
//!   vehicle reach its end within its work time (Savelsbergh's backward slack, generalised to
//!   several windows per stop: arriving no later than the latest feasible start is enough,
//!   because the earliest-start schedule is monotone in the arrival time);
//! - the load on board after the node and its prefix and suffix maxima per dimension.
//!
//! Inserting a stop between nodes `a` and `a + 1` is then feasible iff the stop can start in a
//! window after `dep[a]` plus travel, and the next node, reached from it, can still depart by
//! `ldep[a + 1]` (its shared service may change with its new predecessor, which is why the
//! latest *departure*, not the latest start, is kept); and the loads, shifted by the stop's
//! demand, stay within capacity — all of it O(dimensions).

use super::model::{Model, DEPOT_KEY, TIME_BIG};
use super::problem::BalanceBy;

/// One vehicle's route and its caches.
///
/// Indexing below relies on one invariant, kept by [`Route::update`] (which rebuilds every
/// cache from `jobs`) and [`Route::insert`] (which falls back to `update` when the caches do not
/// match): `loc`, `key`, `dep` and `ldep` hold `jobs.len() + 2` nodes and `arc`, `dur` one fewer,
/// so node indices `0..jobs.len() + 2` are always in bounds. Input never sets these lengths.
#[derive(Debug, Clone, Default)]
pub(crate) struct Route {
    pub vehicle: u32,
    pub jobs: Vec<u32>,
    pub loc: Vec<u32>,
    pub key: Vec<u32>,
    pub dep: Vec<f64>,
    pub ldep: Vec<f64>,
    /// Objective cost of the arc from node `k` to `k + 1`.
    pub arc: Vec<f64>,
    /// Travel time of the arc from node `k` to `k + 1`, seconds (speed factor applied).
    pub dur: Vec<f64>,
    pub load: Vec<f64>,
    pub pmax: Vec<f64>,
    pub smax: Vec<f64>,
    /// Sum of `arc`.
    pub travel: f64,
    /// Working time (departure to arrival at the end), seconds; computed only when the
    /// objective balances working time (0 otherwise).
    pub work: f64,
    /// Objective cost: travel + fixed cost when used + balance penalty.
    pub cost: f64,
    pub feasible: bool,
}

impl Route {
    /// An empty route for vehicle `v`.
    pub fn new(model: &Model, v: u32) -> Route {
        let mut r = Route {
            vehicle: v,
            ..Route::default()
        };
        r.update(model);
        r
    }

    /// Number of stops.
    #[inline]
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// True when the route has no stop.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// Recomputes every cache from `jobs`, O(len × dims). Indexing below stays within the
    /// `n = len + 2` node arrays this function sizes itself.
    pub fn update(&mut self, model: &Model) {
        let Some(veh) = model.vehicles.get(self.vehicle as usize) else {
            return;
        };
        let n = self.jobs.len() + 2;
        self.loc.clear();
        self.key.clear();
        self.loc.push(veh.start);
        self.key.push(DEPOT_KEY);
        for &j in &self.jobs {
            let job = model.jobs.get(j as usize);
            self.loc.push(job.map_or(0, |x| x.loc));
            self.key.push(job.map_or(DEPOT_KEY, |x| x.key));
        }
        self.loc.push(veh.end);
        self.key.push(DEPOT_KEY);

        self.arc.clear();
        self.dur.clear();
        self.travel = 0.0;
        for k in 1..n {
            let (cost, dur) = model.arc(veh, self.loc[k - 1], self.loc[k]);
            self.arc.push(cost);
            self.dur.push(dur);
            self.travel += cost;
        }
        self.dep.clear();
        self.dep.resize(n, 0.0);
        self.dep[0] = veh.work_from;
        self.forward(model, 1, false);
        self.ldep.clear();
        self.ldep.resize(n, 0.0);
        self.ldep[n - 1] = veh.work_to;
        self.backward(model, n - 2, usize::MAX);
        self.finish(model);
    }

    /// Inserts `u` after node `a` and re-caches incrementally: departures are recomputed from
    /// the new stop on, and latest departures from it back, each pass stopping as soon as a
    /// value comes out unchanged (the rest of the route is then unaffected). Equivalent to
    /// pushing `u` into `jobs` and calling [`Route::update`].
    pub fn insert(&mut self, model: &Model, a: usize, u: u32) {
        let (Some(veh), Some(job)) = (
            model.vehicles.get(self.vehicle as usize),
            model.jobs.get(u as usize),
        ) else {
            return;
        };
        if a > self.jobs.len() || self.arc.len() != self.jobs.len() + 1 {
            self.jobs.insert(a.min(self.jobs.len()), u);
            self.update(model);
            return;
        }
        self.jobs.insert(a, u);
        self.loc.insert(a + 1, job.loc);
        self.key.insert(a + 1, job.key);
        let (c1, t1) = model.arc(veh, self.loc[a], job.loc);
        let (c2, t2) = model.arc(veh, job.loc, self.loc[a + 2]);
        self.travel += c1 + c2 - self.arc[a];
        self.arc[a] = c1;
        self.arc.insert(a + 1, c2);
        self.dur[a] = t1;
        self.dur.insert(a + 1, t2);
        self.dep.insert(a + 1, 0.0);
        self.forward(model, a + 1, true);
        self.ldep.insert(a + 1, 0.0);
        self.backward(model, a + 1, a);
        self.finish(model);
    }

    /// Earliest departures of nodes `from..n` from `dep[from - 1]`. With `stop_early`, stops at
    /// the first node after `from` whose departure is unchanged.
    fn forward(&mut self, model: &Model, from: usize, stop_early: bool) {
        let n = self.jobs.len() + 2;
        let mut time = self.dep[from - 1];
        for k in from..n {
            let arrival = time + self.dur[k - 1];
            time = if k + 1 == n {
                arrival
            } else {
                let j = self.jobs[k - 1];
                match model.earliest_start(j, arrival) {
                    Some(s) => s + model.service(j, self.key[k - 1]),
                    None => TIME_BIG,
                }
            };
            if stop_early && k > from && self.dep[k] == time {
                break;
            }
            self.dep[k] = time;
        }
    }

    /// Latest departures of nodes `from` down to 0 from `ldep[from + 1]`; stops at the first
    /// node at or below `stable_below` whose value is unchanged (`usize::MAX`: never).
    fn backward(&mut self, model: &Model, from: usize, stable_below: usize) {
        let n = self.jobs.len() + 2;
        for k in (0..=from).rev() {
            let latest_arrival = if k + 2 == n {
                self.ldep[k + 1]
            } else {
                let j = self.jobs[k];
                let svc = model.service(j, self.key[k]);
                model
                    .latest_start(j, self.ldep[k + 1] - svc)
                    .unwrap_or(-TIME_BIG)
            };
            let value = latest_arrival - self.dur[k];
            if stable_below != usize::MAX && k <= stable_below && self.ldep[k] == value {
                break;
            }
            self.ldep[k] = value;
        }
    }

    /// Loads, feasibility, working time and cost from the time caches.
    fn finish(&mut self, model: &Model) {
        let n = self.jobs.len() + 2;
        let dims = model.dims;
        let mut feasible = self.dep.iter().zip(&self.ldep).all(|(d, l)| d <= l)
            && self.dep.iter().all(|d| *d < TIME_BIG);
        self.load.clear();
        self.load.resize(n * dims, 0.0);
        if dims > 0 {
            for &j in &self.jobs {
                for (l, s) in self.load[..dims].iter_mut().zip(model.start_load(j)) {
                    *l += s;
                }
            }
            for k in 1..n {
                let (before, after) = self.load.split_at_mut(k * dims);
                let prev = &before[(k - 1) * dims..];
                let cur = &mut after[..dims];
                cur.copy_from_slice(prev);
                if k + 1 < n {
                    for (c, d) in cur.iter_mut().zip(model.delta(self.jobs[k - 1])) {
                        *c += d;
                    }
                }
            }
            self.pmax.clear();
            self.pmax.extend_from_slice(&self.load);
            self.smax.clear();
            self.smax.extend_from_slice(&self.load);
            for k in 1..n {
                for d in 0..dims {
                    let p = self.pmax[(k - 1) * dims + d];
                    let c = &mut self.pmax[k * dims + d];
                    *c = c.max(p);
                }
            }
            for k in (0..n - 1).rev() {
                for d in 0..dims {
                    let s = self.smax[(k + 1) * dims + d];
                    let c = &mut self.smax[k * dims + d];
                    *c = c.max(s);
                }
            }
            let cap = model.capacity(self.vehicle);
            feasible = feasible
                && self.pmax[(n - 1) * dims..]
                    .iter()
                    .zip(cap)
                    .all(|(l, c)| l <= c);
        }
        let balances_time = model
            .balance
            .is_some_and(|b| b.by == BalanceBy::WorkingTime);
        self.work = if self.jobs.is_empty() || !balances_time {
            0.0
        } else {
            self.working_time(model)
        };
        self.feasible = feasible;
        self.cost = self.cost_with(model, self.travel, self.jobs.len(), self.work);
    }

    /// The route cost for given travel, stop count and working time.
    #[inline]
    pub fn cost_with(&self, model: &Model, travel: f64, stops: usize, work: f64) -> f64 {
        if stops == 0 {
            return 0.0;
        }
        let fixed = model
            .vehicles
            .get(self.vehicle as usize)
            .map_or(0.0, |v| v.fixed);
        let balance = match model.balance {
            Some(b) => {
                let x = match b.by {
                    BalanceBy::WorkingTime => work / 3600.0,
                    BalanceBy::OrderCount => stops as f64,
                };
                b.factor * x * x
            }
            None => 0.0,
        };
        travel + fixed + balance
    }

    /// Working time of the current job order when the vehicle leaves as late as it can without
    /// arriving later at its first stop's service start.
    fn working_time(&self, model: &Model) -> f64 {
        let (depart, end) = schedule_bounds(model, self.vehicle, &self.jobs);
        (end - depart).max(0.0)
    }

    /// Insertion check of job `u` between nodes `a` and `a + 1` given the travel times to and
    /// from it; see the module notes.
    #[inline]
    pub fn time_ok(&self, model: &Model, u: u32, a: usize, dur_in: f64, dur_out: f64) -> bool {
        let (Some(&dep_a), Some(&key_a), Some(&ldep_next)) =
            (self.dep.get(a), self.key.get(a), self.ldep.get(a + 1))
        else {
            return false;
        };
        let Some(start) = model.earliest_start(u, dep_a + dur_in) else {
            return false;
        };
        let dep_u = start + model.service(u, key_a);
        let arrival = dep_u + dur_out;
        if a + 1 > self.jobs.len() {
            return arrival <= ldep_next;
        }
        let Some(&next) = self.jobs.get(a) else {
            return false;
        };
        let key_u = model.jobs.get(u as usize).map_or(DEPOT_KEY, |j| j.key);
        match model.earliest_start(next, arrival) {
            Some(s) => s + model.service(next, key_u) <= ldep_next,
            None => false,
        }
    }

    /// False when no position of this route can take a stop with these loads: a delivery
    /// raises every load from the start, at least the start load; a pickup raises the load to
    /// the end, at least the final load.
    #[inline]
    pub fn may_hold(&self, model: &Model, start_load: &[f64], delta: &[f64]) -> bool {
        let dims = model.dims;
        if dims == 0 {
            return true;
        }
        let cap = model.capacity(self.vehicle);
        let last = self.jobs.len() + 1;
        for d in 0..dims {
            let (s, dl, c) = (
                start_load.get(d).copied().unwrap_or(0.0),
                delta.get(d).copied().unwrap_or(0.0),
                cap.get(d).copied().unwrap_or(f64::INFINITY),
            );
            let first = self.load.get(d).copied().unwrap_or(0.0);
            let end = self.load.get(last * dims + d).copied().unwrap_or(0.0);
            if first + s > c || end + s + dl > c {
                return false;
            }
        }
        true
    }

    /// Capacity check of inserting `u` between nodes `a` and `a + 1`.
    #[inline]
    pub fn load_ok(&self, model: &Model, u: u32, a: usize) -> bool {
        let dims = model.dims;
        if dims == 0 {
            return true;
        }
        let cap = model.capacity(self.vehicle);
        let (start, delta) = (model.start_load(u), model.delta(u));
        for d in 0..dims {
            let (Some(&s), Some(&dl), Some(&c)) = (start.get(d), delta.get(d), cap.get(d)) else {
                return false;
            };
            let at = a * dims + d;
            let (Some(&pm), Some(&ld), Some(&sm)) = (
                self.pmax.get(at),
                self.load.get(at),
                self.smax.get(at + dims),
            ) else {
                return false;
            };
            if pm + s > c || ld + s + dl > c || sm + s + dl > c {
                return false;
            }
        }
        true
    }
}

/// The departure from the start and the arrival at the end of a job sequence for vehicle `v`,
/// leaving as late as possible without delaying the first service start (later stops are then
/// served at their earliest). Returns `(work_from, work_from)` for an empty sequence.
pub(crate) fn schedule_bounds(model: &Model, v: u32, jobs: &[u32]) -> (f64, f64) {
    let Some(veh) = model.vehicles.get(v as usize) else {
        return (0.0, 0.0);
    };
    let Some(&first) = jobs.first() else {
        return (veh.work_from, veh.work_from);
    };
    let first_loc = model.jobs.get(first as usize).map_or(0, |j| j.loc);
    let (_, dur0) = model.arc(veh, veh.start, first_loc);
    let first_start = model
        .earliest_start(first, veh.work_from + dur0)
        .unwrap_or(veh.work_from + dur0);
    let depart = (first_start - dur0).max(veh.work_from);
    let (mut time, mut loc, mut key) = (depart, veh.start, DEPOT_KEY);
    for &j in jobs {
        let Some(job) = model.jobs.get(j as usize) else {
            continue;
        };
        let (_, dur) = model.arc(veh, loc, job.loc);
        let start = model.earliest_start(j, time + dur).unwrap_or(time + dur);
        time = start + model.service(j, key);
        loc = job.loc;
        key = job.key;
    }
    let (_, dur) = model.arc(veh, loc, veh.end);
    (depart, time + dur)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::compile;
    use crate::plan::problem::{Location, PlanOrder, PlanProblem, PlanVehicle, TravelModel};
    use crate::plan::rng::Rng;

    /// Random windows, services, shared places and loads, so that insertions shift schedules
    /// in every way (waiting absorbed or not, shared service moving to another stop).
    fn random_problem(rng: &mut Rng, n: usize) -> PlanProblem {
        let orders = (0..n)
            .map(|i| {
                let start = (rng.unit() * 300.0).round();
                PlanOrder {
                    id: format!("o{i}"),
                    location: Some(Location::xy(
                        (rng.unit() * 10.0).round(),
                        (rng.unit() * 10.0).round(),
                    )),
                    time_windows: if rng.unit() < 0.7 {
                        vec![[start, start + 40.0], [start + 100.0, start + 160.0]]
                    } else {
                        vec![]
                    },
                    service_s: (rng.unit() * 10.0).round(),
                    shared_service_s: (rng.unit() * 5.0).round(),
                    location_key: (rng.unit() < 0.5).then(|| format!("k{}", rng.below(3))),
                    demand: vec![(rng.unit() * 5.0).round()],
                    ..PlanOrder::default()
                }
            })
            .collect();
        PlanProblem {
            orders,
            vehicles: vec![PlanVehicle {
                id: "v".into(),
                start: Some(Location::xy(0.0, 0.0)),
                work_time: Some([0.0, 600.0]),
                capacity: vec![20.0],
                ..PlanVehicle::default()
            }],
            travel: TravelModel::Euclidean { speed: 1.0 },
            ..PlanProblem::default()
        }
    }

    #[test]
    fn incremental_insertion_equals_a_full_update() {
        let mut rng = Rng::new(11);
        for round in 0..300 {
            let problem = random_problem(&mut rng, 12);
            let (model, _) = compile(&problem).expect("valid");
            let mut route = Route::new(&model, 0);
            let mut order: Vec<u32> = (0..12).collect();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            for &u in &order {
                let a = rng.below(route.len() + 1);
                route.insert(&model, a, u);
                let mut full = route.clone();
                full.update(&model);
                assert_eq!(route.jobs, full.jobs);
                assert_eq!(route.dep, full.dep, "round {round}");
                assert_eq!(route.ldep, full.ldep, "round {round}");
                assert_eq!(route.load, full.load);
                assert_eq!(route.feasible, full.feasible);
                assert!((route.travel - full.travel).abs() < 1e-9);
                assert!((route.cost - full.cost).abs() < 1e-9);
            }
        }
    }
}
