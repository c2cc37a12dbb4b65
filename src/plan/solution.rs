//! The planner's output: routes with timed stops, totals, and unserved orders with the
//! constraint that kept each one out.

use super::model::{Model, DEPOT_KEY};
use super::route::{schedule_bounds, Route};
use crate::issue::Issue;
use serde::{Deserialize, Serialize};

/// A plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PlanSolution {
    /// One route per used vehicle, in the order of the problem's vehicles.
    pub routes: Vec<PlannedRoute>,
    /// Orders left out, each with its reason.
    #[serde(default)]
    pub unserved: Vec<UnservedOrder>,
    /// Sums over all routes.
    #[serde(default)]
    pub totals: PlanTotals,
    /// Problems found in the input (errors for orders or vehicles left out, warnings).
    #[serde(default, skip_deserializing)]
    pub issues: Vec<Issue>,
    /// How the search went.
    #[serde(default)]
    pub stats: SearchStats,
}

/// One vehicle's route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PlannedRoute {
    /// The vehicle's id.
    pub vehicle_id: String,
    /// The vehicle's index in the problem's `vehicles`.
    #[serde(default)]
    pub vehicle_index: u32,
    /// Departure from the start location, plan-clock seconds (as late as possible without
    /// delaying the first service).
    #[serde(default)]
    pub departure: f64,
    /// The stops, in visiting order.
    pub stops: Vec<PlannedStop>,
    /// Arrival at the end location (the last departure for an open route), plan-clock seconds.
    #[serde(default)]
    pub arrival: f64,
    /// Distance from the last stop to the end (0 for an open route).
    #[serde(default)]
    pub end_distance: f64,
    /// Travel time from the last stop to the end, seconds.
    #[serde(default)]
    pub end_travel_time: f64,
    /// Route distance (metres for great-circle, matrix units, coordinate units).
    #[serde(default)]
    pub distance: f64,
    /// Driving time, seconds.
    #[serde(default)]
    pub travel_time: f64,
    /// Service time including shared service, seconds.
    #[serde(default)]
    pub service_time: f64,
    /// Waiting for windows to open, seconds.
    #[serde(default)]
    pub waiting_time: f64,
    /// Working time, `arrival − departure`, seconds.
    #[serde(default)]
    pub duration: f64,
    /// The route's share of the objective (travel + fixed cost + balance penalty).
    #[serde(default)]
    pub cost: f64,
}

/// One stop of a route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PlannedStop {
    /// The order's id.
    pub order_id: String,
    /// The order's index in the problem's `orders`.
    #[serde(default)]
    pub order_index: u32,
    /// Arrival, plan-clock seconds.
    #[serde(default)]
    pub arrival: f64,
    /// Waiting before service, seconds.
    #[serde(default)]
    pub wait: f64,
    /// Service start, plan-clock seconds (inside one of the order's windows).
    #[serde(default)]
    pub service_start: f64,
    /// Departure, plan-clock seconds (service start + service + shared service if paid here).
    #[serde(default)]
    pub departure: f64,
    /// Distance from the previous stop (or the start).
    #[serde(default)]
    pub distance: f64,
    /// Travel time from the previous stop (or the start), seconds.
    #[serde(default)]
    pub travel_time: f64,
    /// Load on board after the stop, per dimension.
    #[serde(default)]
    pub load: Vec<f64>,
}

/// An order that is not in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct UnservedOrder {
    /// The order's id.
    pub order_id: String,
    /// The order's index in the problem's `orders`.
    #[serde(default)]
    pub order_index: u32,
    /// The constraint that kept it out, one of [`crate::plan::codes`].
    pub code: String,
    /// A sentence explaining it.
    #[serde(default)]
    pub reason: String,
}

/// Sums over a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PlanTotals {
    /// Total distance.
    pub distance: f64,
    /// Total driving time, seconds.
    pub travel_time: f64,
    /// Total working time over routes, seconds.
    pub duration: f64,
    /// Vehicles used.
    pub vehicles: u32,
    /// Orders served.
    pub served: u32,
    /// Orders unserved.
    pub unserved: u32,
    /// Sum of the unserved orders' priority weights.
    pub unserved_weight: f64,
    /// Objective value of the routes (travel + fixed costs + balance penalty).
    pub cost: f64,
}

/// Search statistics.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SearchStats {
    /// Improvement iterations run.
    pub iterations: u64,
    /// Search time spent, ms.
    pub elapsed_ms: f64,
    /// Seed used.
    pub seed: u64,
}

/// Builds the output for the given job lists (one per model vehicle).
pub(crate) fn build(
    model: &Model,
    routes: &[Vec<u32>],
    issues: &[Issue],
    stats: SearchStats,
) -> PlanSolution {
    let mut out = PlanSolution {
        issues: issues.to_vec(),
        stats,
        ..PlanSolution::default()
    };
    let dims = model.dims;
    for (v, jobs) in routes.iter().enumerate() {
        if jobs.is_empty() {
            continue;
        }
        let Some(veh) = model.vehicles.get(v) else {
            continue;
        };
        let mut cached = Route::new(model, v as u32);
        cached.jobs = jobs.clone();
        cached.update(model);
        let (departure, _) = schedule_bounds(model, v as u32, jobs);
        let mut load = vec![0.0; dims];
        for &j in jobs {
            for (l, s) in load.iter_mut().zip(model.start_load(j)) {
                *l += s;
            }
        }
        let mut route = PlannedRoute {
            vehicle_id: model
                .vehicle_ids
                .get(veh.source as usize)
                .cloned()
                .unwrap_or_default(),
            vehicle_index: veh.source,
            departure,
            ..PlannedRoute::default()
        };
        let (mut time, mut loc, mut key) = (departure, veh.start, DEPOT_KEY);
        for &j in jobs {
            let Some(job) = model.jobs.get(j as usize) else {
                continue;
            };
            let [d, t] = model.travel.between(loc, job.loc);
            let t = t * veh.time_scale;
            let arrival = time + t;
            let start = model.earliest_start(j, arrival).unwrap_or(arrival);
            let service = model.service(j, key);
            for (l, dl) in load.iter_mut().zip(model.delta(j)) {
                *l += dl;
            }
            route.stops.push(PlannedStop {
                order_id: model.order_ids.get(j as usize).cloned().unwrap_or_default(),
                order_index: j,
                arrival,
                wait: start - arrival,
                service_start: start,
                departure: start + service,
                distance: d,
                travel_time: t,
                load: load.iter().map(|x| clean(*x)).collect(),
            });
            route.distance += d;
            route.travel_time += t;
            route.service_time += service;
            route.waiting_time += start - arrival;
            time = start + service;
            loc = job.loc;
            key = job.key;
        }
        let [d, t] = model.travel.between(loc, veh.end);
        let t = t * veh.time_scale;
        route.end_distance = d;
        route.end_travel_time = t;
        route.distance += d;
        route.travel_time += t;
        route.arrival = time + t;
        route.duration = route.arrival - route.departure;
        route.cost = cached.cost;
        out.totals.distance += route.distance;
        out.totals.travel_time += route.travel_time;
        out.totals.duration += route.duration;
        out.totals.vehicles += 1;
        out.totals.served += route.stops.len() as u32;
        out.totals.cost += route.cost;
        out.routes.push(route);
    }
    out.routes.sort_by_key(|r| r.vehicle_index);
    out
}

/// Appends the unserved orders: excluded ones with their static reason, and `dynamic` ones
/// (plannable but left out) with the reason `diagnose` gives.
pub(crate) fn add_unserved(
    model: &Model,
    out: &mut PlanSolution,
    dynamic: &[u32],
    mut diagnose: impl FnMut(u32) -> (&'static str, String),
) {
    let mut list: Vec<UnservedOrder> = Vec::new();
    for (j, job) in model.jobs.iter().enumerate() {
        if let Some(reason) = &job.excluded {
            list.push(UnservedOrder {
                order_id: model.order_ids.get(j).cloned().unwrap_or_default(),
                order_index: j as u32,
                code: reason.code.to_string(),
                reason: reason.message.clone(),
            });
        }
    }
    for &j in dynamic {
        let (code, reason) = diagnose(j);
        list.push(UnservedOrder {
            order_id: model.order_ids.get(j as usize).cloned().unwrap_or_default(),
            order_index: j,
            code: code.to_string(),
            reason,
        });
    }
    list.sort_by_key(|u| u.order_index);
    out.totals.unserved = list.len() as u32;
    out.totals.unserved_weight = list
        .iter()
        .map(|u| {
            model
                .jobs
                .get(u.order_index as usize)
                .map_or(0.0, |j| j.weight)
        })
        .sum::<f64>()
        + 0.0; // an empty sum is -0.0
    out.unserved = list;
}

/// Rounds float noise away from loads (0.30000000000000004 → 0.3) without hiding real
/// fractions.
fn clean(x: f64) -> f64 {
    let r = (x * 1e9).round() / 1e9;
    if (r - x).abs() < 1e-9 {
        r
    } else {
        x
    }
}
