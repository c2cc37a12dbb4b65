//! The search: greedy construction, then ruin-and-recreate iterations accepted by simulated
//! annealing, in the spirit of SISR (Christiaens & Vanden Berghe, "Slack Induction by String
//! Removals for Vehicle Routing Problems", Transportation Science 2020).
//!
//! One iteration removes a few *strings* (runs of consecutive stops) from routes that are close
//! to a random seed stop — which frees slack in time and capacity where it is useful — and
//! re-inserts every removed stop at its cheapest feasible position, skipping each position with
//! a small probability ("blinks") so that the greedy insertion does not always repeat itself.
//! The result replaces the current solution when simulated annealing accepts it.
//!
//! The objective is lexicographic: first the unserved weight, then the travel cost; a worse
//! unserved weight is never accepted. An undo log restores only the routes an iteration
//! touched, so a rejected iteration costs O(touched stops), not O(all stops).

use super::model::{Model, NONE};
use super::neighbors::Neighbors;
use super::problem::{BalanceBy, Minimize};
use super::rng::Rng;
use super::route::Route;

/// Search parameters (see SISR for the names in brackets).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    /// Average number of stops removed per iteration (c̄).
    pub avg_removed: f64,
    /// Longest string removed (L_max).
    pub max_string: f64,
    /// Probability that a removal is a "split string" (a string with a kept run inside).
    pub split_rate: f64,
    /// Chance to stop growing the kept run of a split string at each step (β).
    pub split_depth: f64,
    /// Probability of skipping a position during insertion (γ).
    pub blink_rate: f64,
    /// Initial annealing temperature, as a multiple of the first solution's average arc cost.
    pub t_start: f64,
    /// Final annealing temperature, same unit.
    pub t_end: f64,
    /// Neighbours whose adjacent positions are tried first when inserting into a large
    /// problem (0 = always scan every position).
    pub granular: f64,
    /// Probability that an iteration also empties a whole route (which strings alone cannot do
    /// to long routes, so a fleet could never shrink).
    pub route_removal: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            avg_removed: 10.0,
            max_string: 10.0,
            split_rate: 0.5,
            split_depth: 0.01,
            blink_rate: 0.01,
            t_start: 3.0,
            t_end: 0.01,
            route_removal: 0.02,
            granular: 24.0,
        }
    }
}

impl Params {
    /// Sets a parameter by name (benchmark tuning); false for an unknown name or a value that
    /// is not a finite number ≥ 0 (probabilities are clamped to below 1).
    pub fn set(&mut self, name: &str, value: f64) -> bool {
        if !(value.is_finite() && value >= 0.0) {
            return false;
        }
        let value = match name {
            "split_rate" | "split_depth" | "blink_rate" | "route_removal" => value.min(0.99),
            _ => value,
        };
        let slot = match name {
            "avg_removed" => &mut self.avg_removed,
            "max_string" => &mut self.max_string,
            "split_rate" => &mut self.split_rate,
            "split_depth" => &mut self.split_depth,
            "blink_rate" => &mut self.blink_rate,
            "t_start" => &mut self.t_start,
            "t_end" => &mut self.t_end,
            "route_removal" => &mut self.route_removal,
            "granular" => &mut self.granular,
            _ => return false,
        };
        *slot = value;
        true
    }
}

/// Neighbours kept per stop.
pub(crate) const NEIGHBORS: usize = 64;
/// Problems with at least this many plannable orders use granular insertion.
const GRANULAR_MIN: usize = 300;
/// At most this many currently unserved stops are retried per iteration.
const RETRY_UNSERVED: usize = 20;

/// A lexicographic cost: unserved weight first, then travel cost.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Cost {
    pub unserved: f64,
    pub travel: f64,
}

impl Cost {
    /// Strictly better than `other`.
    #[inline]
    pub fn better_than(&self, other: &Cost) -> bool {
        self.unserved < other.unserved
            || (self.unserved == other.unserved && self.travel < other.travel - 1e-9)
    }
}

/// How removed stops are ordered before re-insertion.
#[derive(Debug, Clone, Copy)]
enum Order {
    Random,
    Demand,
    Far,
    Close,
}

/// The search state.
#[derive(Debug, Clone)]
pub(crate) struct Search {
    pub routes: Vec<Route>,
    /// `(route, index in route.jobs)` per job, `(NONE, NONE)` when not in a route.
    pub pos: Vec<(u32, u32)>,
    pub unserved: Vec<u32>,
    pub cost: Cost,
    pub best_routes: Vec<Vec<u32>>,
    pub best_unserved: Vec<u32>,
    pub best: Cost,
    pub active: Vec<u32>,
    pub params: Params,
    neighbors: Neighbors,
    rng: Rng,
    // Undo log of the current iteration.
    stamp: u32,
    route_stamp: Vec<u32>,
    saved: Vec<(u32, Vec<u32>)>,
    pool: Vec<Vec<u32>>,
    saved_unserved: Vec<u32>,
    saved_cost: Cost,
    // Scratch.
    removed: Vec<u32>,
    ruined_stamp: Vec<u32>,
    class_stamp: Vec<u32>,
    class_gen: u32,
    demand_key: Vec<f64>,
    depot_dist: Vec<f64>,
    latest: Vec<f64>,
    mixed_priorities: bool,
    sort_keys: Vec<(f64, u32)>,
}

impl Search {
    /// An empty solution over the plannable jobs.
    pub fn new(model: &Model, seed: u64) -> Search {
        let n = model.jobs.len();
        let active: Vec<u32> = (0..n as u32)
            .filter(|&j| {
                model
                    .jobs
                    .get(j as usize)
                    .is_some_and(|x| x.excluded.is_none())
            })
            .collect();
        let routes: Vec<Route> = (0..model.vehicles.len() as u32)
            .map(|v| Route::new(model, v))
            .collect();
        let neighbors = Neighbors::build(model, &active, NEIGHBORS);

        // Sort keys for re-insertion order.
        let mut max_cap = vec![0.0f64; model.dims];
        for v in 0..model.vehicles.len() as u32 {
            for (m, c) in max_cap.iter_mut().zip(model.capacity(v)) {
                if c.is_finite() {
                    *m = m.max(*c);
                }
            }
        }
        let demand_key = (0..n as u32)
            .map(|j| {
                model
                    .delta(j)
                    .iter()
                    .zip(&max_cap)
                    .map(|(d, c)| if *c > 0.0 { d.abs() / c } else { 0.0 })
                    .sum()
            })
            .collect();
        let depot_dist = (0..n)
            .map(|j| {
                let loc = model.jobs.get(j).map_or(0, |x| x.loc);
                model
                    .vehicles
                    .iter()
                    .map(|v| model.travel.between(v.start, loc)[0])
                    .fold(f64::INFINITY, f64::min)
            })
            .collect();
        let latest = (0..n as u32)
            .map(|j| model.windows(j).last().map_or(f64::MAX, |w| w[1]))
            .collect();
        let first_weight = active
            .first()
            .and_then(|&j| model.jobs.get(j as usize))
            .map_or(0.0, |x| x.weight);
        let mixed_priorities = active.iter().any(|&j| {
            model
                .jobs
                .get(j as usize)
                .is_some_and(|x| x.weight != first_weight)
        });
        let classes = model.vehicles.len();
        let unserved_weight = active
            .iter()
            .map(|&j| model.jobs.get(j as usize).map_or(0.0, |x| x.weight))
            .sum();
        let cost = Cost {
            unserved: unserved_weight,
            travel: 0.0,
        };
        Search {
            routes,
            pos: vec![(NONE, NONE); n],
            unserved: active.clone(),
            cost,
            best_routes: vec![Vec::new(); model.vehicles.len()],
            best_unserved: active.clone(),
            best: cost,
            active,
            params: Params::default(),
            neighbors,
            rng: Rng::new(seed),
            stamp: 0,
            route_stamp: vec![0; model.vehicles.len()],
            saved: Vec::new(),
            pool: Vec::new(),
            saved_unserved: Vec::new(),
            saved_cost: cost,
            removed: Vec::new(),
            ruined_stamp: vec![0; model.vehicles.len()],
            class_stamp: vec![0; classes],
            class_gen: 0,
            demand_key,
            depot_dist,
            latest,
            mixed_priorities,
            sort_keys: Vec::new(),
        }
    }

    /// Builds the first solution: every plannable job inserted greedily, farthest first.
    pub fn construct(&mut self, model: &Model) {
        self.begin();
        self.removed = std::mem::take(&mut self.unserved);
        self.cost.unserved = 0.0;
        self.sort_removed(model, Order::Far);
        self.recreate(model, false, None);
        self.recompute_cost();
        self.save_best();
    }

    /// One ruin-and-recreate iteration at `temperature`; returns true when the best solution
    /// improved.
    pub fn iterate(&mut self, model: &Model, temperature: f64) -> bool {
        self.begin();
        // Annealing threshold, drawn first so that the rebuild can stop as soon as it is
        // exceeded: with distances that obey the triangle inequality an insertion never lowers
        // the cost, so such a rebuild could only end rejected.
        let threshold = self.saved_cost.travel - temperature * self.rng.unit().max(1e-300).ln();
        self.ruin(model);
        // Retry a few unserved jobs every time: capacity freed by the ruin may now fit them.
        let retry = self.unserved.len().min(RETRY_UNSERVED);
        for _ in 0..retry {
            let i = self.rng.below(self.unserved.len());
            let j = self.unserved.swap_remove(i);
            if let Some(job) = model.jobs.get(j as usize) {
                self.cost.unserved -= job.weight;
            }
            self.removed.push(j);
        }
        let order = match self.rng.below(11) {
            0..=3 => Order::Random,
            4..=7 => Order::Demand,
            8..=9 => Order::Far,
            _ => Order::Close,
        };
        self.sort_removed(model, order);
        let limit = Cost {
            unserved: self.saved_cost.unserved,
            travel: threshold,
        };
        let completed = self.recreate(model, true, Some(limit));
        // Every touched route is checked whole, not trusted to the per-step checks: an
        // infeasible route, once accepted, would reach the caller.
        let feasible = self.saved.iter().all(|&(r, _)| {
            self.routes
                .get(r as usize)
                .is_some_and(|route| route.feasible || route.is_empty())
        });
        let accept = completed
            && feasible
            && (self.cost.unserved < self.saved_cost.unserved
                || (self.cost.unserved == self.saved_cost.unserved
                    && self.cost.travel < threshold));
        if !accept {
            self.undo(model);
            return false;
        }
        if self.cost.better_than(&self.best) {
            self.recompute_cost();
            if self.cost.better_than(&self.best) {
                self.save_best();
                return true;
            }
        }
        false
    }

    fn recompute_cost(&mut self) {
        self.cost.travel = self.routes.iter().map(|r| r.cost).sum();
    }

    fn save_best(&mut self) {
        for (b, r) in self.best_routes.iter_mut().zip(&self.routes) {
            b.clear();
            b.extend_from_slice(&r.jobs);
        }
        self.best_unserved.clear();
        self.best_unserved.extend_from_slice(&self.unserved);
        self.best = self.cost;
    }

    /// Starts an iteration's undo log.
    fn begin(&mut self) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.route_stamp.iter_mut().for_each(|s| *s = u32::MAX);
            self.ruined_stamp.iter_mut().for_each(|s| *s = u32::MAX);
            self.stamp = 1;
        }
        while let Some((_, v)) = self.saved.pop() {
            self.pool.push(v);
        }
        self.saved_unserved.clear();
        self.saved_unserved.extend_from_slice(&self.unserved);
        self.saved_cost = self.cost;
        self.removed.clear();
    }

    /// Records route `r` before its first change in this iteration.
    fn touch(&mut self, r: usize) {
        if let Some(s) = self.route_stamp.get_mut(r) {
            if *s != self.stamp {
                *s = self.stamp;
                // Only the stop list: re-caching on undo costs about what copying every cache
                // here would (measured), and most touched routes are not undone.
                let mut copy = self.pool.pop().unwrap_or_default();
                copy.clear();
                if let Some(route) = self.routes.get(r) {
                    copy.extend_from_slice(&route.jobs);
                }
                self.saved.push((r as u32, copy));
            }
        }
    }

    fn undo(&mut self, model: &Model) {
        while let Some((r, jobs)) = self.saved.pop() {
            if let Some(route) = self.routes.get_mut(r as usize) {
                let old = std::mem::replace(&mut route.jobs, jobs);
                self.pool.push(old);
                route.update(model);
            }
            self.refresh_positions(r as usize);
        }
        std::mem::swap(&mut self.unserved, &mut self.saved_unserved);
        for &j in &self.unserved {
            if let Some(p) = self.pos.get_mut(j as usize) {
                *p = (NONE, NONE);
            }
        }
        self.cost = self.saved_cost;
    }

    fn refresh_positions(&mut self, r: usize) {
        if let Some(route) = self.routes.get(r) {
            for (i, &j) in route.jobs.iter().enumerate() {
                if let Some(p) = self.pos.get_mut(j as usize) {
                    *p = (r as u32, i as u32);
                }
            }
        }
    }

    /// Re-caches route `r` after its jobs changed and keeps the cost total in step.
    fn updated(&mut self, model: &Model, r: usize) {
        if let Some(route) = self.routes.get_mut(r) {
            let old = route.cost;
            route.update(model);
            self.cost.travel += route.cost - old;
        }
        self.refresh_positions(r);
    }

    fn random_served(&mut self) -> Option<u32> {
        for _ in 0..16 {
            let j = *self.active.get(self.rng.below(self.active.len()))?;
            if self.pos.get(j as usize).is_some_and(|p| p.0 != NONE) {
                return Some(j);
            }
        }
        let served: usize = self.routes.iter().map(Route::len).sum();
        if served == 0 {
            return None;
        }
        let mut k = self.rng.below(served);
        for r in &self.routes {
            if k < r.len() {
                return r.jobs.get(k).copied();
            }
            k -= r.len();
        }
        None
    }

    /// Removes strings of stops around a random seed stop (SISR's ruin).
    fn ruin(&mut self, model: &Model) {
        let served: usize = self.routes.iter().map(Route::len).sum();
        let used = self.routes.iter().filter(|r| !r.is_empty()).count();
        if served == 0 || used == 0 {
            return;
        }
        let avg_len = served as f64 / used as f64;
        let max_string = self.params.max_string.min(avg_len);
        let max_strings = 4.0 * self.params.avg_removed / (1.0 + max_string) - 1.0;
        let strings = (self.rng.unit() * max_strings) as usize + 1;
        if used > 1 && self.rng.unit() < self.params.route_removal {
            // The smaller of two random used routes: small routes are the ones worth dissolving.
            let pick = |rng: &mut Rng| -> usize {
                let mut k = rng.below(used);
                for (r, route) in self.routes.iter().enumerate() {
                    if !route.is_empty() {
                        if k == 0 {
                            return r;
                        }
                        k -= 1;
                    }
                }
                0
            };
            let (a, b) = (pick(&mut self.rng), pick(&mut self.rng));
            let r = if self.routes[a].len() <= self.routes[b].len() {
                a
            } else {
                b
            };
            if let Some(s) = self.ruined_stamp.get_mut(r) {
                *s = self.stamp;
            }
            self.remove_positions(model, r, |_| true);
        }
        let Some(seed) = self.random_served() else {
            return;
        };
        let mut ruined = 0usize;
        let k = self.neighbors.of(seed).len();
        for step in 0..=k {
            if ruined >= strings {
                break;
            }
            let c = if step == 0 {
                seed
            } else {
                match self.neighbors.of(seed).get(step - 1) {
                    Some(&c) => c,
                    None => break,
                }
            };
            let (r, i) = match self.pos.get(c as usize) {
                Some(&(r, i)) if r != NONE => (r as usize, i as usize),
                _ => continue,
            };
            if self.ruined_stamp.get(r).is_some_and(|&s| s == self.stamp) {
                continue;
            }
            if let Some(s) = self.ruined_stamp.get_mut(r) {
                *s = self.stamp;
            }
            let len = self.routes.get(r).map_or(0, Route::len);
            let max_len = (len as f64).min(max_string);
            let l = ((self.rng.unit() * max_len) as usize + 1).min(len);
            // Positions [from, from + span) are cut except a kept run [keep_from, keep_to).
            let (from, span, keep_from, keep_to);
            if self.rng.unit() < self.params.split_rate && l < len {
                let mut m = 1;
                while l + m < len && self.rng.unit() >= self.params.split_depth {
                    m += 1;
                }
                span = l + m;
                let lo = (i + 1).saturating_sub(span);
                let hi = i.min(len - span);
                from = lo + self.rng.below(hi - lo + 1);
                let offset = self.rng.below(l + 1);
                keep_from = from + offset;
                keep_to = keep_from + m;
            } else {
                span = l;
                let lo = (i + 1).saturating_sub(span);
                let hi = i.min(len - span);
                from = lo + self.rng.below(hi - lo + 1);
                keep_from = from;
                keep_to = from;
            }
            self.remove_positions(model, r, |p| {
                p >= from && p < from + span && !(p >= keep_from && p < keep_to)
            });
            ruined += 1;
        }
    }

    /// Removes the jobs at positions matching `cut` from route `r` (and the rest of their
    /// groups) into `removed`, leaving the route feasible.
    ///
    /// A removal can delay the stops after it, which the insertion checks (valid on feasible
    /// routes only) and the acceptance test cannot see: the stop after a removed one at the
    /// same place now pays the shared service that one paid, and a travel matrix need not obey
    /// the triangle inequality. Only the stops reached over a new arc can be delayed, so those
    /// are cut too (the last stop when the new arc leads to the end) until the route is
    /// feasible again; they are re-inserted like every other removed stop.
    fn remove_positions(&mut self, model: &Model, r: usize, cut: impl Fn(usize) -> bool) {
        self.touch(r);
        let mut joints = self.cut_route(model, r, cut);
        while self
            .routes
            .get(r)
            .is_some_and(|route| !route.feasible && !route.is_empty())
        {
            joints = if joints.is_empty() {
                // No new arc, so the route was infeasible before: nothing local can mend it.
                self.cut_route(model, r, |_| true)
            } else {
                self.cut_route(model, r, |p| joints.contains(&p))
            };
        }
    }

    /// Cuts the positions matching `cut` (and the rest of their groups) from route `r` into
    /// `removed` and re-caches it. Returns the new positions of the stops reached over a new
    /// arc: each stop right after a cut run, and the last stop when the route's tail was cut.
    fn cut_route(&mut self, model: &Model, r: usize, cut: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut joints = Vec::new();
        let Some(route) = self.routes.get_mut(r) else {
            return joints;
        };
        let mut groups: Vec<u32> = Vec::new();
        for (p, &j) in route.jobs.iter().enumerate() {
            if cut(p) {
                let g = model.jobs.get(j as usize).map_or(NONE, |x| x.group);
                if g != NONE && !groups.contains(&g) {
                    groups.push(g);
                }
            }
        }
        let mut kept = 0;
        let mut after_cut = false;
        for p in 0..route.jobs.len() {
            let j = route.jobs[p];
            let g = model.jobs.get(j as usize).map_or(NONE, |x| x.group);
            if cut(p) || (g != NONE && groups.contains(&g)) {
                self.removed.push(j);
                if let Some(x) = self.pos.get_mut(j as usize) {
                    *x = (NONE, NONE);
                }
                after_cut = true;
            } else {
                if after_cut {
                    joints.push(kept);
                    after_cut = false;
                }
                route.jobs[kept] = j;
                kept += 1;
            }
        }
        if after_cut && kept > 0 {
            joints.push(kept - 1);
        }
        route.jobs.truncate(kept);
        self.updated(model, r);
        joints
    }

    fn sort_removed(&mut self, model: &Model, order: Order) {
        let mut keys = std::mem::take(&mut self.sort_keys);
        keys.clear();
        match order {
            Order::Random => {
                // Fisher–Yates.
                for i in (1..self.removed.len()).rev() {
                    let k = self.rng.below(i + 1);
                    self.removed.swap(i, k);
                }
            }
            Order::Demand | Order::Far | Order::Close => {
                for &j in &self.removed {
                    let key = match order {
                        Order::Demand => -self.demand_key.get(j as usize).copied().unwrap_or(0.0),
                        Order::Far => -self.depot_dist.get(j as usize).copied().unwrap_or(0.0),
                        _ => self.depot_dist.get(j as usize).copied().unwrap_or(0.0),
                    };
                    keys.push((key, j));
                }
                keys.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                self.removed.clear();
                self.removed.extend(keys.iter().map(|k| k.1));
            }
        }
        if self.mixed_priorities {
            self.removed.sort_by(|a, b| {
                let wa = model.jobs.get(*a as usize).map_or(0.0, |x| x.weight);
                let wb = model.jobs.get(*b as usize).map_or(0.0, |x| x.weight);
                wb.total_cmp(&wa)
            });
        }
        self.sort_keys = keys;
    }

    /// Inserts every job of `removed`; those that fit nowhere become unserved. With a `limit`,
    /// stops early (returning false, the iteration to be undone) once the cost is certain to
    /// end above it: more unserved weight than the limit, or as much and more travel cost.
    fn recreate(&mut self, model: &Model, blink: bool, limit: Option<Cost>) -> bool {
        let removed = std::mem::take(&mut self.removed);
        let mut completed = true;
        for &u in &removed {
            if let Some(l) = limit {
                let over = self.cost.unserved > l.unserved
                    || (self.cost.unserved == l.unserved && self.cost.travel >= l.travel);
                if over {
                    completed = false;
                    break;
                }
            }
            if self.pos.get(u as usize).is_some_and(|p| p.0 != NONE) {
                continue; // inserted with its group
            }
            let group = model.jobs.get(u as usize).map_or(NONE, |x| x.group);
            let inserted = if group == NONE {
                self.insert_job(model, u, blink)
            } else {
                self.insert_group(model, group, blink)
            };
            if !inserted {
                let members: Vec<u32> = if group == NONE {
                    vec![u]
                } else {
                    model
                        .groups
                        .get(group as usize)
                        .map_or_else(Vec::new, |g| g.members.clone())
                };
                for m in members {
                    if !self.unserved.contains(&m) {
                        self.unserved.push(m);
                        self.cost.unserved += model.jobs.get(m as usize).map_or(0.0, |x| x.weight);
                    }
                }
            }
        }
        self.removed = removed;
        self.removed.clear();
        completed
    }

    /// Extra cost of a route holding one more stop (fixed cost when empty, balance penalty).
    #[inline]
    fn route_extra(&self, model: &Model, route: &Route, added_time: f64) -> f64 {
        if model.balance.is_none() && !route.is_empty() {
            return 0.0;
        }
        let fixed = if route.is_empty() {
            model
                .vehicles
                .get(route.vehicle as usize)
                .map_or(0.0, |v| v.fixed)
        } else {
            0.0
        };
        let balance = match model.balance {
            Some(b) => {
                let (x, dx) = match b.by {
                    BalanceBy::OrderCount => (route.len() as f64, 1.0),
                    BalanceBy::WorkingTime => (route.work / 3600.0, added_time / 3600.0),
                };
                b.factor * ((x + dx) * (x + dx) - x * x)
            }
            None => 0.0,
        };
        fixed + balance
    }

    /// Inserts `u` at its cheapest feasible position; false when there is none. Large problems
    /// first try only the positions next to `u`'s nearest served neighbours (and empty
    /// routes), and scan every position only when none of those is feasible.
    fn insert_job(&mut self, model: &Model, u: u32, blink: bool) -> bool {
        let granular = self.params.granular >= 1.0 && self.active.len() >= GRANULAR_MIN;
        let mut found = None;
        if granular {
            found = self.best_insertion(model, u, blink, true);
        }
        if found.is_none() {
            found = self.best_insertion(model, u, blink, false);
        }
        let Some((r, a)) = found else {
            return false;
        };
        self.touch(r);
        if let Some(route) = self.routes.get_mut(r) {
            let old = route.cost;
            route.insert(model, a, u);
            self.cost.travel += route.cost - old;
        }
        self.refresh_positions(r);
        true
    }

    /// The cheapest feasible `(route, position)` for `u`: among the positions around its
    /// nearest served neighbours when `near_only`, else among all positions.
    fn best_insertion(
        &mut self,
        model: &Model,
        u: u32,
        blink: bool,
        near_only: bool,
    ) -> Option<(usize, usize)> {
        let job = model.jobs.get(u as usize)?;
        let service = job.service + job.shared;
        let latest = self.latest.get(u as usize).copied().unwrap_or(f64::MAX);
        self.class_gen = self.class_gen.wrapping_add(1);
        let gen = self.class_gen;
        let skip_log = (1.0 - self.params.blink_rate).ln();
        let mut blink_left = if blink {
            (self.rng.unit().max(1e-12).ln() / skip_log) as u32
        } else {
            u32::MAX
        };
        let mut best = Best {
            cost: f64::INFINITY,
            route: NONE as usize,
            at: 0,
        };
        let (start_load, delta) = (model.start_load(u), model.delta(u));
        let near = if near_only {
            let k = (self.params.granular as usize).min(self.neighbors.k);
            self.neighbors
                .of(u)
                .get(..k)
                .unwrap_or(self.neighbors.of(u))
        } else {
            &[]
        };
        for r in 0..self.routes.len() {
            let route = &self.routes[r];
            if !model.allows(u, route.vehicle) {
                continue;
            }
            let Some(veh) = model.vehicles.get(route.vehicle as usize) else {
                continue;
            };
            if route.is_empty() {
                match self.class_stamp.get_mut(veh.class as usize) {
                    Some(s) if *s == gen => continue,
                    Some(s) => *s = gen,
                    None => {}
                }
            } else if near_only {
                continue; // non-empty routes are reached through the neighbours below
            }
            if !route.may_hold(model, start_load, delta) {
                continue;
            }
            let extra = self.route_extra(model, route, service);
            for a in 0..=route.len() {
                if blink {
                    if blink_left == 0 {
                        blink_left = (self.rng.unit().max(1e-12).ln() / skip_log) as u32;
                        continue;
                    }
                    blink_left -= 1;
                }
                if !consider(model, route, veh, u, a, latest, extra, r, &mut best) {
                    break;
                }
            }
        }
        for &w in near {
            let Some(&(r, i)) = self.pos.get(w as usize) else {
                continue;
            };
            if r == NONE {
                continue;
            }
            let (r, i) = (r as usize, i as usize);
            let route = &self.routes[r];
            if !model.allows(u, route.vehicle) {
                continue;
            }
            let Some(veh) = model.vehicles.get(route.vehicle as usize) else {
                continue;
            };
            let extra = self.route_extra(model, route, service);
            // Before and after the neighbour.
            for a in [i, i + 1] {
                if blink {
                    if blink_left == 0 {
                        blink_left = (self.rng.unit().max(1e-12).ln() / skip_log) as u32;
                        continue;
                    }
                    blink_left -= 1;
                }
                consider(model, route, veh, u, a, latest, extra, r, &mut best);
            }
        }
        (best.route != NONE as usize).then_some((best.route, best.at))
    }

    /// Inserts a whole group into the one route where it adds least; false when none can hold
    /// it.
    fn insert_group(&mut self, model: &Model, g: u32, blink: bool) -> bool {
        let Some(group) = model.groups.get(g as usize) else {
            return false;
        };
        let members = group.members.clone();
        let Some(&first) = members.first() else {
            return false;
        };
        self.class_gen = self.class_gen.wrapping_add(1);
        let gen = self.class_gen;
        let mut best = f64::INFINITY;
        let mut best_jobs: Option<(usize, Vec<u32>)> = None;
        for r in 0..self.routes.len() {
            let route = &self.routes[r];
            if !model.allows(first, route.vehicle) {
                continue;
            }
            if route.is_empty() {
                let class = model
                    .vehicles
                    .get(route.vehicle as usize)
                    .map_or(0, |v| v.class);
                match self.class_stamp.get_mut(class as usize) {
                    Some(s) if *s == gen => continue,
                    Some(s) => *s = gen,
                    None => {}
                }
            }
            if blink && self.rng.unit() < self.params.blink_rate {
                continue;
            }
            let found = if let [p, q] = members[..] {
                pair_insertion(model, route, p, q).map(|(a, b, _)| {
                    let mut jobs = route.jobs.clone();
                    jobs.insert(b, q);
                    jobs.insert(a, p);
                    jobs
                })
            } else {
                sequential_insertion(model, route, &members)
            };
            if let Some(jobs) = found {
                // The exact route cost decides between routes (the position search above
                // compares travel estimates only).
                let mut trial = route.clone();
                trial.jobs = jobs;
                trial.update(model);
                if !trial.feasible {
                    continue;
                }
                let exact = trial.cost - route.cost;
                if exact < best {
                    best = exact;
                    best_jobs = Some((r, trial.jobs));
                }
            }
        }
        let Some((r, jobs)) = best_jobs else {
            return false;
        };
        self.touch(r);
        if let Some(route) = self.routes.get_mut(r) {
            route.jobs = jobs;
        }
        self.updated(model, r);
        true
    }

    /// Why job `u` could not be placed in the best solution: `true` when some route had time
    /// for it but not capacity.
    pub fn capacity_binds(&self, model: &Model, u: u32, routes: &[Route]) -> bool {
        let Some(job) = model.jobs.get(u as usize) else {
            return false;
        };
        for route in routes {
            if !model.allows(u, route.vehicle) {
                continue;
            }
            let Some(veh) = model.vehicles.get(route.vehicle as usize) else {
                continue;
            };
            for a in 0..=route.len() {
                let (Some(&la), Some(&lb)) = (route.loc.get(a), route.loc.get(a + 1)) else {
                    break;
                };
                let t1 = model.travel.between(la, job.loc)[1] * veh.time_scale;
                let t2 = model.travel.between(job.loc, lb)[1] * veh.time_scale;
                if route.time_ok(model, u, a, t1, t2) && !route.load_ok(model, u, a) {
                    return true;
                }
            }
        }
        false
    }
}

/// Best insertion of the pair `p` (first) then `q` into `route`: `(a, b, cost delta)` meaning
/// `p` after node `a` and `q` after old node `b ≥ a`. O(len²) with O(1) checks: the forward
/// state is carried from `p` along the nodes between the two.
fn pair_insertion(model: &Model, route: &Route, p: u32, q: u32) -> Option<(usize, usize, f64)> {
    let veh = model.vehicles.get(route.vehicle as usize)?;
    let (jp, jq) = (model.jobs.get(p as usize)?, model.jobs.get(q as usize)?);
    let dims = model.dims;
    let cap = model.capacity(route.vehicle);
    let len = route.len();
    let mut add_start = vec![0.0; dims];
    for (s, (a, b)) in add_start
        .iter_mut()
        .zip(model.start_load(p).iter().zip(model.start_load(q)))
    {
        *s = a + b;
    }
    let (dp, dq) = (model.delta(p), model.delta(q));
    let cost = |a: u32, b: u32| model.arc(veh, a, b);
    let mut best: Option<(usize, usize, f64)> = None;
    let fits = |load: &[f64], extra: &[f64], more: Option<&[f64]>| -> bool {
        load.iter().enumerate().all(|(d, l)| {
            let e = extra.get(d).copied().unwrap_or(0.0)
                + more.and_then(|m| m.get(d)).copied().unwrap_or(0.0);
            l + e <= cap.get(d).copied().unwrap_or(f64::INFINITY)
        })
    };
    let mut after_p = vec![0.0; dims];
    for (x, (s, d)) in after_p.iter_mut().zip(add_start.iter().zip(dp)) {
        *x = s + d;
    }
    let mut after_q = vec![0.0; dims];
    for (x, (s, d)) in after_q.iter_mut().zip(after_p.iter().zip(dq)) {
        *x = s + d;
    }
    let mut running = vec![0.0; dims];
    for a in 0..=len {
        let (la, lnext) = (*route.loc.get(a)?, *route.loc.get(a + 1)?);
        if dims > 0 {
            let pm = route.pmax.get(a * dims..(a + 1) * dims)?;
            let ld = route.load.get(a * dims..(a + 1) * dims)?;
            if !fits(pm, &add_start, None) || !fits(ld, &after_p, None) {
                continue;
            }
            running.copy_from_slice(ld);
        }
        let (c_ap, t_ap) = cost(la, jp.loc);
        let Some(start_p) = model.earliest_start(p, route.dep.get(a)? + t_ap) else {
            break;
        };
        let dep_p = start_p + model.service(p, *route.key.get(a)?);
        let base = c_ap - route.arc.get(a)?;
        // Walk b from a: state = departure from the node before q.
        let (mut time, mut loc, mut key) = (dep_p, jp.loc, jp.key);
        let mut cost_before = base; // cost of p's insertion including the arc p → a+1 when b > a
        for b in a..=len {
            if b > a {
                let j = *route.jobs.get(b - 1)?;
                let (bl, bk) = (*route.loc.get(b)?, *route.key.get(b)?);
                let (_, t) = cost(loc, bl);
                let Some(s) = model.earliest_start(j, time + t) else {
                    break;
                };
                time = s + model.service(j, key);
                if time > *route.ldep.get(b)? {
                    break;
                }
                if b == a + 1 {
                    cost_before = base + cost(jp.loc, lnext).0;
                }
                loc = bl;
                key = bk;
                if dims > 0 {
                    let ld = route.load.get(b * dims..(b + 1) * dims)?;
                    for (r, l) in running.iter_mut().zip(ld) {
                        *r = r.max(*l);
                    }
                }
            }
            if dims > 0 {
                // Nodes a..=b carry p's load; q's own load and everything after carry both.
                if !fits(&running, &after_p, None) {
                    break;
                }
                let ld = route.load.get(b * dims..(b + 1) * dims)?;
                let sm = route.smax.get((b + 1) * dims..(b + 2) * dims)?;
                if !fits(ld, &after_q, None) || !fits(sm, &after_q, None) {
                    continue;
                }
            }
            let next_loc = *route.loc.get(b + 1)?;
            let (c_in, t_in) = cost(loc, jq.loc);
            let (c_out, t_out) = cost(jq.loc, next_loc);
            let delta = if b == a {
                c_ap + c_in + c_out - route.arc.get(a)?
            } else {
                cost_before + c_in + c_out - route.arc.get(b)?
            };
            if best.is_some_and(|x| delta >= x.2) {
                continue;
            }
            let Some(start_q) = model.earliest_start(q, time + t_in) else {
                continue;
            };
            let arrival = start_q + model.service(q, key) + t_out;
            let ok = if b + 1 > len {
                arrival <= *route.ldep.get(b + 1)?
            } else {
                let next = *route.jobs.get(b)?;
                match model.earliest_start(next, arrival) {
                    Some(s) => s + model.service(next, jq.key) <= *route.ldep.get(b + 1)?,
                    None => false,
                }
            };
            if ok {
                best = Some((a, b, delta));
            }
        }
    }
    best
}

/// Greedy insertion of a group's members in topological order, each at its cheapest feasible
/// position after its predecessors. Returns the new job list when the result is feasible.
fn sequential_insertion(model: &Model, route: &Route, members: &[u32]) -> Option<Vec<u32>> {
    let mut trial = route.clone();
    for &u in members {
        let veh = model.vehicles.get(trial.vehicle as usize)?;
        let job = model.jobs.get(u as usize)?;
        let min_node = model
            .preds(u)
            .iter()
            .filter_map(|p| trial.jobs.iter().position(|x| x == p))
            .map(|i| i + 1)
            .max()
            .unwrap_or(0);
        let mut best: Option<(usize, f64)> = None;
        for a in min_node..=trial.len() {
            let (la, lb) = (*trial.loc.get(a)?, *trial.loc.get(a + 1)?);
            let (c1, t1) = model.arc(veh, la, job.loc);
            let (c2, t2) = model.arc(veh, job.loc, lb);
            let delta = c1 + c2 - trial.arc.get(a)?;
            if best.is_some_and(|b| delta >= b.1) {
                continue;
            }
            if trial.load_ok(model, u, a) && trial.time_ok(model, u, a, t1, t2) {
                best = Some((a, delta));
            }
        }
        let (a, _) = best?;
        trial.jobs.insert(a, u);
        trial.update(model);
    }
    trial.feasible.then_some(trial.jobs)
}

/// The best insertion found so far.
struct Best {
    cost: f64,
    route: usize,
    at: usize,
}

/// Evaluates inserting `u` after node `a` of `route` and records it in `best` when it is
/// cheaper and feasible. Returns false when no later position of the route can be feasible
/// (the route already leaves node `a` after `u`'s last window closes).
#[allow(clippy::too_many_arguments)]
#[inline]
fn consider(
    model: &Model,
    route: &Route,
    veh: &super::model::Vehicle,
    u: u32,
    a: usize,
    latest: f64,
    extra: f64,
    r: usize,
    best: &mut Best,
) -> bool {
    let (Some(&la), Some(&lb), Some(&arc), Some(&dep)) = (
        route.loc.get(a),
        route.loc.get(a + 1),
        route.arc.get(a),
        route.dep.get(a),
    ) else {
        return false;
    };
    if dep > latest {
        return false; // departures only grow along the route
    }
    let ul = model.jobs.get(u as usize).map_or(0, |j| j.loc);
    let [d1, t1] = model.travel.between(la, ul);
    let [d2, t2] = model.travel.between(ul, lb);
    let scale = veh.time_scale;
    let delta = match model.minimize {
        Minimize::Distance => d1 + d2 - arc,
        Minimize::Duration => (t1 + t2) * scale - arc,
    } + extra;
    if delta >= best.cost {
        return true;
    }
    if route.load_ok(model, u, a) && route.time_ok(model, u, a, t1 * scale, t2 * scale) {
        *best = Best {
            cost: delta,
            route: r,
            at: a,
        };
    }
    true
}

#[cfg(test)]
mod tests {
    // The fixtures below are hand-written problems with one vehicle and known jobs: compiling
    // them cannot fail, and the routes and positions they index exist.
    use super::*;
    use crate::plan::model::compile;
    use crate::plan::problem::{
        Location, PlanOrder, PlanProblem, PlanVehicle, TravelModel, VehicleEnd,
    };

    /// A search whose first route serves `jobs` (checked feasible), after the ruin cut the
    /// stop at position `cut` from it: the route must be feasible again.
    fn ruined(model: &Model, jobs: &[u32], cut: usize) -> Search {
        // The test problems have one vehicle, so route 0 is there to index.
        let mut s = Search::new(model, 1);
        s.routes[0].jobs = jobs.to_vec();
        s.updated(model, 0);
        assert!(s.routes[0].feasible);
        s.remove_positions(model, 0, |p| p == cut);
        assert!(s.routes[0].feasible);
        s
    }

    #[test]
    fn a_ruin_cuts_the_stop_that_would_now_pay_the_shared_service() {
        // a and b share "dock": after a, b skips its 10 s shared service and starts at 10.2 in
        // [10, 11], so c starts at 20.2 ≤ 21. Alone, b would start c at 30.
        let order = |id: &str, x, y| PlanOrder {
            id: id.into(),
            location: Some(Location::xy(x, y)),
            ..PlanOrder::default()
        };
        let problem = PlanProblem {
            orders: vec![
                PlanOrder {
                    location_key: Some("dock".into()),
                    ..order("a", 1.0, 5.0)
                },
                PlanOrder {
                    location_key: Some("dock".into()),
                    shared_service_s: 10.0,
                    time_windows: vec![[10.0, 11.0]],
                    ..order("b", 0.0, 10.0)
                },
                PlanOrder {
                    time_windows: vec![[0.0, 21.0]],
                    ..order("c", 0.0, 20.0)
                },
            ],
            vehicles: vec![PlanVehicle {
                id: "v".into(),
                start: Some(Location::xy(0.0, 0.0)),
                ..PlanVehicle::default()
            }],
            travel: TravelModel::Euclidean { speed: 1.0 },
            ..PlanProblem::default()
        };
        let (model, _) = compile(&problem).expect("valid");
        let s = ruined(&model, &[0, 1, 2], 0);
        assert_eq!(s.routes[0].jobs, [2]);
        assert_eq!(s.removed, [0, 1]);
        assert_eq!(s.pos[1], (NONE, NONE));
        assert_eq!(s.pos[2], (0, 0));
    }

    #[test]
    fn a_ruin_cuts_stops_reached_over_a_longer_matrix_arc() {
        // Places 0 (depot), 1, 2, 3: the shortcut 0 → 2 takes 100 where 0 → 1 → 2 takes 2, and
        // 1 → 0 takes 100 where 1 → 2 → 0 takes 2.
        let mut durations = vec![1.0; 16];
        durations[2] = 100.0; // 0 → 2
        durations[4] = 100.0; // 1 → 0
        let order = |id: &str, at: u32, end: f64| PlanOrder {
            id: id.into(),
            location: Some(Location::index(at)),
            time_windows: vec![[0.0, end]],
            ..PlanOrder::default()
        };
        let problem = PlanProblem {
            orders: vec![order("x", 1, 50.0), order("y", 2, 5.0), order("z", 3, 50.0)],
            vehicles: vec![PlanVehicle {
                id: "v".into(),
                start: Some(Location::index(0)),
                end: VehicleEnd::ReturnToStart,
                work_time: Some([0.0, 50.0]),
                ..PlanVehicle::default()
            }],
            travel: TravelModel::Matrix {
                distances: durations.clone(),
                durations,
                size: Some(4),
            },
            ..PlanProblem::default()
        };
        let (model, _) = compile(&problem).expect("valid");

        // x cut: y, now reached from the depot at 100, goes too.
        let s = ruined(&model, &[0, 1, 2], 0);
        assert_eq!(s.routes[0].jobs, [2]);
        assert_eq!(s.removed, [0, 1]);

        // y cut from [x, y]: x, now the last stop, needs 100 to get back, so it goes too.
        let s = ruined(&model, &[0, 1], 1);
        assert!(s.routes[0].jobs.is_empty());
        assert_eq!(s.removed, [1, 0]);
    }
}
