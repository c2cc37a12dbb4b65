//! The planner: vehicle routing with time windows, capacities, skills, pickup/delivery pairs,
//! dependencies, priorities and driver work times, within a time budget, in a browser tab or an
//! edge worker.
//!
//! ```text
//! PlanProblem ──compile──▶ Model ──Search (construct, then ruin & recreate + annealing)──▶ PlanSolution
//!                                                                              │
//!                 check_solution (independent re-computation) ◀────────────────┤
//!                 render::{optimoroute_routes, wialon_route_info, yandex_route_numbers} ◀┘
//! ```
//!
//! - [`problem`]: the input types and their units; [`solution`]: the output types.
//! - [`Planner`] is the stepping interface: [`Planner::step`] runs for a budget measured with a
//!   clock the caller supplies (WebAssembly has no clock of its own), so a page or worker can
//!   interleave planning with other work; [`plan`] runs to the end in one call.
//! - Determinism: the same problem, seed and `maxIterations` (without a time limit) give the
//!   same plan on every platform. A time limit stops wherever the clock says.
//! - [`check_solution`] re-derives every arrival, wait, load and cost from the problem alone and
//!   flags every violated constraint; the tests and the benchmark judge the planner with it.
//!
//! The search follows SISR (Christiaens & Vanden Berghe 2020): string removals around a random
//! stop, greedy re-insertion with "blinks", simulated annealing; insertion checks are O(1) per
//! position thanks to forward earliest departures and backward latest departures cached per
//! route (see the notes at the top of `route.rs`).

pub mod adapt;
mod checker;
pub mod instances;
mod model;
mod neighbors;
pub mod problem;
pub mod render;
mod rng;
mod route;
mod search;
pub mod solution;
mod travel;

pub use checker::{check_solution, CheckReport};
pub use problem::{
    Balance, BalanceBy, Location, Minimize, Objective, OrderKind, PlanOptions, PlanOrder,
    PlanProblem, PlanVehicle, Priority, TravelModel, VehicleEnd,
};
pub use solution::{
    PlanSolution, PlanTotals, PlannedRoute, PlannedStop, SearchStats, UnservedOrder,
};
pub use travel::EARTH_RADIUS_M;

use crate::issue::{codes as core_codes, Issue};
use model::Model;
use route::Route;
use search::Search;
use serde::Serialize;

/// Issue and unserved-reason codes of the planner. Core codes (`OUT_OF_RANGE`,
/// `MISSING_FIELD`, `DUPLICATE`, `CONFLICTING_FIELDS`, `INVALID_OPTION`) are used too.
pub mod codes {
    // Input problems.
    /// An order has no usable location for the travel model (unserved reason and issue).
    pub const MISSING_LOCATION: &str = "MISSING_LOCATION";
    /// An order holds unusable data (NaN, negative duration or demand, bad window, duplicate or
    /// empty id); see the order's issues (unserved reason).
    pub const INVALID_ORDER: &str = "INVALID_ORDER";
    /// A vehicle holds unusable data and is left out of the plan (warning after its error).
    pub const INVALID_VEHICLE: &str = "INVALID_VEHICLE";
    /// A time window or work time is not `[start, end]` with finite start ≤ end.
    pub const INVALID_TIME_WINDOW: &str = "INVALID_TIME_WINDOW";
    /// No usable vehicle: nothing can be planned (the call is rejected).
    pub const NO_VEHICLES: &str = "NO_VEHICLES";
    /// A travel matrix does not hold `size × size` entries (the call is rejected).
    pub const MATRIX_SIZE_MISMATCH: &str = "MATRIX_SIZE_MISMATCH";

    // Why an order is unserved.
    /// No vehicle has every skill / feature the order requires.
    pub const NO_VEHICLE_WITH_SKILLS: &str = "NO_VEHICLE_WITH_SKILLS";
    /// The order is assigned to a vehicle that is not in the problem (or not usable).
    pub const ASSIGNED_VEHICLE_UNKNOWN: &str = "ASSIGNED_VEHICLE_UNKNOWN";
    /// The order's demand exceeds the capacity of every vehicle allowed to serve it.
    pub const CAPACITY_EXCEEDED: &str = "CAPACITY_EXCEEDED";
    /// No allowed vehicle can reach the order inside its windows and still end its route
    /// within its work time, even serving nothing else.
    pub const TIME_WINDOW_UNREACHABLE: &str = "TIME_WINDOW_UNREACHABLE";
    /// The order's pickup/delivery partner is missing or cannot be served, or no vehicle can
    /// serve both.
    pub const PAIR_INCOMPLETE: &str = "PAIR_INCOMPLETE";
    /// An order this one must follow (`after`) is missing or cannot be served, or no vehicle
    /// can serve them all.
    pub const DEPENDENCY_UNSERVED: &str = "DEPENDENCY_UNSERVED";
    /// The order is on a cycle of `after` / `deliveryOf` links.
    pub const DEPENDENCY_CYCLE: &str = "DEPENDENCY_CYCLE";
    /// The order fits a vehicle alone, but every vehicle allowed to serve it is full where it
    /// could have time for it (other orders of higher or equal weight took the room).
    pub const NO_CAPACITY_LEFT: &str = "NO_CAPACITY_LEFT";
    /// The order fits a vehicle alone, but no route has time for it among its other stops.
    pub const NO_TIME_LEFT: &str = "NO_TIME_LEFT";

    // Findings of `check_solution`.
    /// A route or unserved entry names an order id the problem does not have.
    pub const UNKNOWN_ORDER: &str = "UNKNOWN_ORDER";
    /// An order appears more than once in the solution.
    pub const ORDER_REPEATED: &str = "ORDER_REPEATED";
    /// An order appears neither in a route nor among the unserved.
    pub const ORDER_MISSING: &str = "ORDER_MISSING";
    /// A route names a vehicle id the problem does not have, or a vehicle has two routes.
    pub const UNKNOWN_VEHICLE: &str = "UNKNOWN_VEHICLE";
    /// A service starts outside every window of its order.
    pub const TIME_WINDOW_VIOLATED: &str = "TIME_WINDOW_VIOLATED";
    /// A route leaves before or ends after its vehicle's work time.
    pub const WORK_TIME_VIOLATED: &str = "WORK_TIME_VIOLATED";
    /// The load on board exceeds the vehicle's capacity in some dimension.
    pub const CAPACITY_VIOLATED: &str = "CAPACITY_VIOLATED";
    /// A vehicle lacks a skill an order on its route requires.
    pub const SKILL_VIOLATED: &str = "SKILL_VIOLATED";
    /// An order assigned to a vehicle is on another vehicle's route.
    pub const ASSIGNMENT_VIOLATED: &str = "ASSIGNMENT_VIOLATED";
    /// A pickup/delivery pair or `after` dependency is split across routes, served in the
    /// wrong order, or half served.
    pub const PRECEDENCE_VIOLATED: &str = "PRECEDENCE_VIOLATED";
    /// A reported number (time, distance, load, total) differs from the recomputed one.
    pub const VALUE_MISMATCH: &str = "VALUE_MISMATCH";
}

/// Where a search stands, reported by [`Planner::step`] and to `onProgress`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Improvement iterations run so far.
    pub iteration: u64,
    /// Objective value of the best plan so far (travel + fixed costs + balance), in objective
    /// units.
    pub best_cost: f64,
    /// Orders the best plan leaves out (including those excluded by validation).
    pub unserved: u32,
    /// Search time spent so far, ms (only time inside `step` counts).
    pub elapsed_ms: f64,
    /// True when the budget (time or iterations) is used up; further steps do nothing.
    pub done: bool,
}

/// A step whose clock reads this many times in a row without advancing (with the iterations
/// between reads doubling) gives up, so that a frozen clock cannot hang the caller.
const FROZEN_CLOCK_READS: u32 = 12;

/// A routing search that runs in slices.
#[derive(Debug, Clone)]
pub struct Planner {
    model: Model,
    issues: Vec<Issue>,
    search: Search,
    seed: u64,
    time_limit_ms: f64,
    max_iterations: u64,
    iteration: u64,
    elapsed_ms: f64,
    constructed: bool,
    done: bool,
    t_start: f64,
    t_end: f64,
}

impl Planner {
    /// Validates and compiles `problem`. `Err` holds the issues when nothing can be planned (no
    /// usable vehicle, an unusable travel model or matrix, a bad option); otherwise orders and
    /// vehicles with problems are left out and their issues are in [`Planner::issues`] and in
    /// the solution.
    pub fn new(problem: &PlanProblem, options: &PlanOptions) -> Result<Planner, Vec<Issue>> {
        let mut bad = Vec::new();
        if let Some(t) = options.time_limit_ms {
            if !(t.is_finite() && t >= 0.0) {
                bad.push(Issue::error(
                    "/timeLimitMs",
                    core_codes::INVALID_OPTION,
                    format!("timeLimitMs is {t}; give a finite number of milliseconds ≥ 0."),
                ));
            }
        }
        if !bad.is_empty() {
            return Err(bad);
        }
        let (problem, mut issues) = adapt::resolve(problem)?;
        let (model, compile_issues) = model::compile(&problem)?;
        issues.extend(compile_issues);
        let (time_limit_ms, max_iterations) = match (options.time_limit_ms, options.max_iterations)
        {
            (None, None) => (problem::DEFAULT_TIME_LIMIT_MS, u64::MAX),
            (t, i) => (t.unwrap_or(f64::INFINITY), i.unwrap_or(u64::MAX)),
        };
        let search = Search::new(&model, options.seed);
        Ok(Planner {
            model,
            issues,
            search,
            seed: options.seed,
            time_limit_ms,
            max_iterations,
            iteration: 0,
            elapsed_ms: 0.0,
            constructed: false,
            done: false,
            t_start: 1.0,
            t_end: 0.01,
        })
    }

    /// Sets a search parameter by name (for benchmark tuning; the defaults are the tuned
    /// values), before the first step. Returns false for an unknown name or a value that is
    /// not a finite number ≥ 0.
    #[doc(hidden)]
    pub fn set_param(&mut self, name: &str, value: f64) -> bool {
        self.search.params.set(name, value)
    }

    /// Issues found in the problem (orders and vehicles left out, warnings).
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Runs the search for about `budget_ms` (never past the overall time limit or iteration
    /// count), reading the time from `now` (milliseconds from any origin, e.g.
    /// `performance.now()`). The first call builds the initial solution whatever the budget.
    pub fn step(&mut self, budget_ms: f64, now: &mut dyn FnMut() -> f64) -> Progress {
        if self.done {
            return self.progress();
        }
        let started = now();
        let budget = if budget_ms.is_finite() {
            budget_ms.max(0.0)
        } else {
            f64::INFINITY
        };
        if !self.constructed {
            self.search.construct(&self.model);
            self.constructed = true;
            let served: usize = self.search.routes.iter().map(Route::len).sum();
            let used = self.search.routes.iter().filter(|r| !r.is_empty()).count();
            let arcs = (served + used).max(1) as f64;
            let avg = self.search.best.travel / arcs;
            let avg = if avg.is_finite() && avg > 0.0 {
                avg
            } else {
                1.0
            };
            self.t_start = self.search.params.t_start * avg;
            self.t_end = self.search.params.t_end * avg;
            if served == 0 || self.search.active.is_empty() {
                // Nothing to improve.
                self.done = true;
            }
        }
        if !started.is_finite() {
            // Without a usable clock no budget can be measured: keep the first solution.
            self.done = true;
            return self.progress();
        }
        // Iterations between clock reads: adapted to read about every 2 ms, and capped by
        // problem size so that a clock that stands still is noticed after bounded work.
        let cap = (409_600 / self.search.active.len().max(100)).max(1) as u64;
        let mut batch: u64 = 8.min(cap);
        let mut still = 0u32;
        let mut last = started;
        while !self.done {
            let spent = last - started;
            if self.elapsed_ms + spent >= self.time_limit_ms {
                self.done = true;
                break;
            }
            if spent >= budget {
                break;
            }
            for _ in 0..batch {
                if self.iteration >= self.max_iterations {
                    self.done = true;
                    break;
                }
                let progress = self.fraction(self.elapsed_ms + spent);
                let temperature = self.t_start * (self.t_end / self.t_start).powf(progress);
                self.search.iterate(&self.model, temperature);
                self.iteration += 1;
            }
            let t = now();
            if !t.is_finite() {
                self.done = true;
                break;
            }
            if t <= last {
                still += 1;
                if still >= FROZEN_CLOCK_READS {
                    // A time limit cannot end a search whose clock stands still (Cloudflare
                    // Workers freeze time during computation): stop; an iteration limit, if
                    // any, still applies across steps.
                    if self.max_iterations == u64::MAX {
                        self.done = true;
                    }
                    break;
                }
                batch = (batch * 2).min(cap);
            } else {
                still = 0;
                let per_iteration = (t - last) / batch as f64;
                batch = ((2.0 / per_iteration) as u64).clamp(1, cap);
                last = t;
            }
        }
        let t = now();
        if t.is_finite() && t > started {
            self.elapsed_ms += t - started;
        }
        if self.elapsed_ms >= self.time_limit_ms {
            self.done = true;
        }
        self.progress()
    }

    /// Fraction of the budget used, 0..=1, which drives the annealing temperature.
    fn fraction(&self, elapsed_ms: f64) -> f64 {
        let by_time = if self.time_limit_ms.is_finite() && self.time_limit_ms > 0.0 {
            elapsed_ms / self.time_limit_ms
        } else {
            0.0
        };
        let by_iterations = if self.max_iterations < u64::MAX {
            self.iteration as f64 / self.max_iterations.max(1) as f64
        } else {
            0.0
        };
        by_time.max(by_iterations).clamp(0.0, 1.0)
    }

    /// The current progress.
    pub fn progress(&self) -> Progress {
        let excluded = self
            .model
            .jobs
            .iter()
            .filter(|j| j.excluded.is_some())
            .count();
        Progress {
            iteration: self.iteration,
            best_cost: self.search.best.travel,
            unserved: (excluded + self.search.best_unserved.len()) as u32,
            elapsed_ms: self.elapsed_ms,
            done: self.done,
        }
    }

    /// The best plan found so far (before the first step: every order unserved).
    pub fn best(&self) -> PlanSolution {
        let stats = SearchStats {
            iterations: self.iteration,
            elapsed_ms: self.elapsed_ms,
            seed: self.seed,
        };
        let mut out = solution::build(&self.model, &self.search.best_routes, &self.issues, stats);
        let routes: Vec<Route> = self
            .search
            .best_routes
            .iter()
            .enumerate()
            .map(|(v, jobs)| {
                let mut r = Route::new(&self.model, v as u32);
                r.jobs = jobs.clone();
                r.update(&self.model);
                r
            })
            .collect();
        let model = &self.model;
        let search = &self.search;
        let constructed = self.constructed;
        solution::add_unserved(model, &mut out, &search.best_unserved, |j| {
            let id = model.order_ids.get(j as usize).cloned().unwrap_or_default();
            if !constructed {
                return (
                    codes::NO_TIME_LEFT,
                    format!("Order \"{id}\" is not planned yet: call step() first."),
                );
            }
            if search.capacity_binds(model, j, &routes) {
                (
                    codes::NO_CAPACITY_LEFT,
                    format!(
                        "Order \"{id}\" fits a vehicle on its own, but the vehicles that could reach it in time are full."
                    ),
                )
            } else {
                (
                    codes::NO_TIME_LEFT,
                    format!(
                        "Order \"{id}\" fits a vehicle on its own, but no route has time for it among its other stops."
                    ),
                )
            }
        });
        out
    }
}

/// Plans in one call: builds a [`Planner`], steps it in 50 ms slices until the budget is used,
/// calling `on_progress` after each slice, and returns the best plan.
pub fn plan(
    problem: &PlanProblem,
    options: &PlanOptions,
    now: &mut dyn FnMut() -> f64,
    mut on_progress: Option<&mut dyn FnMut(&Progress)>,
) -> Result<PlanSolution, Vec<Issue>> {
    let mut planner = Planner::new(problem, options)?;
    loop {
        let progress = planner.step(50.0, now);
        if let Some(callback) = on_progress.as_mut() {
            callback(&progress);
        }
        if progress.done {
            break;
        }
    }
    Ok(planner.best())
}
