//! The planner's input: [`PlanProblem`] (orders, vehicles, travel model, objective) and
//! [`PlanOptions`] (time budget, seed).
//!
//! Every time is a number of seconds on the *plan clock*: an arbitrary zero chosen by the caller
//! (usually midnight of the plan date, or a UNIX time). The renderers take the UNIX time of that
//! zero to write wall-clock fields. Distances are metres for the great-circle model, the matrix's
//! own unit for the matrix model, and coordinate units for the Euclidean model.
//!
//! The shapes are deliberately lenient for serde (every field but `id` has a default) so that
//! semantic problems — a NaN, an impossible window, an unknown vehicle — are reported per order
//! with a JSON Pointer by [`crate::plan::Planner::new`] instead of failing the whole call.

use serde::{Deserialize, Deserializer, Serialize};

/// A routing problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PlanProblem {
    /// The orders (stops) to serve.
    #[serde(default)]
    pub orders: Vec<PlanOrder>,
    /// The vehicles (drivers) available.
    #[serde(default)]
    pub vehicles: Vec<PlanVehicle>,
    /// How distances and travel times are obtained.
    #[serde(default)]
    pub travel: TravelModel,
    /// What the planner minimises.
    #[serde(default)]
    pub objective: Objective,
    /// Orders in a canonical or vendor format, converted and added to `orders` (see
    /// [`crate::plan::adapt`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orders_from: Option<super::adapt::OrdersFrom>,
}

/// A place: `{lat, lon}` in degrees for the great-circle model, `{x, y}` for the Euclidean model,
/// or `{index}` (a row of the distance/duration matrices) for the matrix model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// Latitude in degrees (WGS 84), −90..90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees (WGS 84), −180..180.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Planar x coordinate (Euclidean model), in distance units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<f64>,
    /// Planar y coordinate (Euclidean model), in distance units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<f64>,
    /// Row/column of the caller's matrices (matrix model), from 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
}

impl Location {
    /// A latitude/longitude in degrees.
    pub fn lat_lon(lat: f64, lon: f64) -> Self {
        Location {
            lat: Some(lat),
            lon: Some(lon),
            ..Location::default()
        }
    }

    /// A planar point.
    pub fn xy(x: f64, y: f64) -> Self {
        Location {
            x: Some(x),
            y: Some(y),
            ..Location::default()
        }
    }

    /// A matrix row.
    pub fn index(index: u32) -> Self {
        Location {
            index: Some(index),
            ..Location::default()
        }
    }
}

/// How urgent an order is. Unserved orders cost their priority's weight (see
/// [`Priority::weight`]); the planner serves a critical order whenever any feasible plan can hold
/// it, at any cost in distance.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "camelCase")]
pub enum Priority {
    /// Left out first.
    Low,
    /// The default.
    #[default]
    Medium,
    /// Left out only to keep medium and low orders that together weigh more.
    High,
    /// Served whenever feasible.
    Critical,
}

impl Priority {
    /// The number of low-priority orders one unserved order of this priority is worth: 1, 3, 10,
    /// and for critical 10 000 (more than any realistic plan holds, so that dropping a critical
    /// order never pays).
    pub fn weight(self) -> f64 {
        match self {
            Priority::Low => 1.0,
            Priority::Medium => 3.0,
            Priority::High => 10.0,
            Priority::Critical => 10_000.0,
        }
    }
}

/// What happens to an order's load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum OrderKind {
    /// Goods loaded at the vehicle's start and unloaded here (the default).
    #[default]
    Delivery,
    /// Goods loaded here and carried to the vehicle's end (or to the order whose `deliveryOf`
    /// names this one).
    Pickup,
}

/// One order: a stop to serve at a place, inside time windows, with a load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PlanOrder {
    /// Unique order id (e.g. OptimoRoute `orderNo`, Yandex `number`, Wialon order id). A
    /// missing or empty id is reported for that order alone.
    #[serde(default)]
    pub id: String,
    /// Where the order is served. Without one the order is unserved (`MISSING_LOCATION`).
    #[serde(default)]
    pub location: Option<Location>,
    /// When service may *start*, as `[start, end]` pairs in plan-clock seconds; arriving early
    /// means waiting. Empty means any time within the vehicle's work time. Overlapping windows
    /// are merged. (A vendor deadline for the *end* of service, such as OptimoRoute `twTo`, is
    /// `end − serviceS` here.)
    #[serde(default)]
    pub time_windows: Vec<[f64; 2]>,
    /// Service duration at the stop, seconds.
    #[serde(default)]
    pub service_s: f64,
    /// Extra time spent once per run of consecutive stops at the same place (parking, check-in:
    /// Yandex `shared_service_duration_s`, OptimoRoute `checkInTime` × 60), seconds. Only the
    /// first stop of such a run pays it.
    #[serde(default)]
    pub shared_service_s: f64,
    /// What "the same place" means for `sharedServiceS` (e.g. OptimoRoute `locationNo`). When
    /// absent, orders at identical coordinates (or matrix index) share a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_key: Option<String>,
    /// Load in each capacity dimension (e.g. `[kg, m³, boxes]`); missing trailing dimensions
    /// are 0.
    #[serde(default)]
    pub demand: Vec<f64>,
    /// Delivery (loaded at the start, the default) or pickup (loaded here).
    #[serde(default)]
    pub kind: OrderKind,
    /// Skills and vehicle features the serving vehicle must all have (OptimoRoute `skills` and
    /// `vehicleFeatures`, Wialon vehicle type, Yandex tags).
    #[serde(default)]
    pub skills: Vec<String>,
    /// How much leaving the order out costs.
    #[serde(default)]
    pub priority: Priority,
    /// Id of the only vehicle allowed to serve it (OptimoRoute `assignedTo`, Wialon `u`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_vehicle: Option<String>,
    /// Makes this order the delivery of the pickup order with this id (OptimoRoute
    /// `relatedOrderNo`): both go on the same vehicle, the pickup first, and the pickup's demand
    /// is on board between them. This order's own `demand` is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_of: Option<String>,
    /// Ids of orders that must be visited before this one (Wialon `dp`). They are served by the
    /// same vehicle, earlier in its route; if one of them cannot be served, neither can this one.
    #[serde(default)]
    pub after: Vec<String>,
}

/// Where a vehicle ends its day.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum VehicleEnd {
    /// Back to its start location (JSON `"start"`, and the default when `end` is absent).
    #[default]
    ReturnToStart,
    /// Wherever its last stop is (JSON `null`): the route is open.
    Open,
    /// At this location.
    At(Location),
}

impl Serialize for VehicleEnd {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            VehicleEnd::ReturnToStart => s.serialize_str("start"),
            VehicleEnd::Open => s.serialize_none(),
            VehicleEnd::At(l) => l.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for VehicleEnd {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Keyword(String),
            At(Location),
        }
        match Option::<Raw>::deserialize(d)? {
            None => Ok(VehicleEnd::Open),
            Some(Raw::At(l)) => Ok(VehicleEnd::At(l)),
            Some(Raw::Keyword(k)) if k == "start" => Ok(VehicleEnd::ReturnToStart),
            Some(Raw::Keyword(k)) => Err(serde::de::Error::custom(format!(
                "vehicle `end` is \"{k}\"; use \"start\", null (open route) or a location"
            ))),
        }
    }
}

/// One vehicle with its driver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanVehicle {
    /// Unique vehicle id (OptimoRoute driver serial, Wialon unit id, Yandex courier). A
    /// missing or empty id leaves that vehicle out, with an issue.
    #[serde(default)]
    pub id: String,
    /// Where the route starts (required).
    #[serde(default)]
    pub start: Option<Location>,
    /// Where it ends: `"start"` (default), `null` for an open route, or a location.
    #[serde(default)]
    pub end: VehicleEnd,
    /// `[from, to]` in plan-clock seconds: the earliest departure from the start and the latest
    /// arrival at the end (the last service end for an open route). Absent means unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_time: Option<[f64; 2]>,
    /// Capacity per dimension, matching order `demand`; missing dimensions are unlimited.
    #[serde(default)]
    pub capacity: Vec<f64>,
    /// Skills and features this vehicle and driver have.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Cost of using the vehicle at all, in objective units (metres or seconds); adds to
    /// [`Objective::vehicle_fixed_cost`].
    #[serde(default)]
    pub fixed_cost: f64,
    /// Travel-time multiplier's inverse: 2.0 drives twice as fast as the travel model says,
    /// 0.5 half as fast. Default 1.
    #[serde(default = "one")]
    pub speed_factor: f64,
}

fn one() -> f64 {
    1.0
}

impl Default for PlanVehicle {
    fn default() -> Self {
        PlanVehicle {
            id: String::new(),
            start: None,
            end: VehicleEnd::ReturnToStart,
            work_time: None,
            capacity: Vec::new(),
            skills: Vec::new(),
            fixed_cost: 0.0,
            speed_factor: 1.0,
        }
    }
}

/// Default road-detour factor of the great-circle model: road distance ≈ 1.3 × great-circle
/// distance, a common figure for street networks.
pub const DEFAULT_DETOUR_FACTOR: f64 = 1.3;
/// Default average speed of the great-circle model, km/h (urban driving including stops at
/// lights).
pub const DEFAULT_SPEED_KMH: f64 = 30.0;

/// How distances (metres or units) and travel times (seconds) are obtained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "camelCase")]
pub enum TravelModel {
    /// Great-circle (haversine, mean Earth radius 6 371 008.8 m) distance × `detourFactor`, driven
    /// at `speedKmh`. Locations are `{lat, lon}`.
    #[serde(rename_all = "camelCase")]
    GreatCircle {
        /// Road distance / straight distance, ≥ 1. Default [`DEFAULT_DETOUR_FACTOR`].
        #[serde(default = "default_detour")]
        detour_factor: f64,
        /// Average speed, km/h. Default [`DEFAULT_SPEED_KMH`].
        #[serde(default = "default_speed_kmh")]
        speed_kmh: f64,
    },
    /// Planar Euclidean distance (unrounded), travel time = distance / `speed` (benchmarks such
    /// as Solomon use speed 1). Locations are `{x, y}`.
    #[serde(rename_all = "camelCase")]
    Euclidean {
        /// Distance units per second. Default 1.
        #[serde(default = "one")]
        speed: f64,
    },
    /// Caller-supplied matrices (OSRM, Valhalla, a vendor): flat row-major `size × size`
    /// arrays, entry `from * size + to`. Locations are `{index}`.
    #[serde(rename_all = "camelCase")]
    Matrix {
        /// Distances, metres (or any unit: it is reported as given).
        #[serde(default)]
        distances: Vec<f64>,
        /// Travel times, seconds.
        #[serde(default)]
        durations: Vec<f64>,
        /// Number of locations; when absent it is the square root of the array length.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<u32>,
    },
}

fn default_detour() -> f64 {
    DEFAULT_DETOUR_FACTOR
}

fn default_speed_kmh() -> f64 {
    DEFAULT_SPEED_KMH
}

impl Default for TravelModel {
    fn default() -> Self {
        TravelModel::GreatCircle {
            detour_factor: DEFAULT_DETOUR_FACTOR,
            speed_kmh: DEFAULT_SPEED_KMH,
        }
    }
}

/// The cost the travel part of the objective counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Minimize {
    /// Total distance (metres / units).
    #[default]
    Distance,
    /// Total driving time, seconds (waiting and service are not counted: they do not depend on
    /// the order of stops once windows are met).
    Duration,
}

/// What route balancing evens out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BalanceBy {
    /// Working time (OptimoRoute `WT`): from leaving the start to reaching the end, in hours for
    /// the penalty.
    WorkingTime,
    /// Orders per route (OptimoRoute `NUM`).
    OrderCount,
}

/// Route balancing: adds `factor × Σ x²` over used routes, where `x` is a route's working time
/// in hours or its order count. With a fixed total, a sum of squares is smallest when routes
/// are equal, so a larger factor trades distance for evenness.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Balance {
    /// What is balanced.
    pub by: BalanceBy,
    /// Objective units (metres or seconds) per hour² or per order²; ≥ 0.
    pub factor: f64,
}

/// The objective, lexicographic: first the fewest unserved orders weighted by
/// [`Priority::weight`], then `minimize` plus fixed vehicle costs plus the balancing penalty.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Objective {
    /// Distance (default) or driving time.
    #[serde(default)]
    pub minimize: Minimize,
    /// Cost of each used vehicle, in objective units, added to each vehicle's own `fixedCost`.
    #[serde(default)]
    pub vehicle_fixed_cost: f64,
    /// Optional balancing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<Balance>,
}

/// How long and how the planner searches.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanOptions {
    /// Search time budget, ms, counted over [`crate::plan::Planner::step`] calls (time spent
    /// outside them, e.g. while a page renders, is not counted). Default 1000 when
    /// `maxIterations` is absent too. Where the clock stands still during computation
    /// (Cloudflare Workers), a time limit cannot be measured: the search stops after a bounded
    /// amount of work; give `maxIterations` there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_ms: Option<f64>,
    /// Stop after this many improvement iterations. With the same seed and no time limit the
    /// result is identical on every machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_iterations: Option<u64>,
    /// Random seed (default 1).
    #[serde(default = "default_seed")]
    pub seed: u64,
}

fn default_seed() -> u64 {
    1
}

/// The default budget when neither a time limit nor an iteration count is given, ms.
pub const DEFAULT_TIME_LIMIT_MS: f64 = 1000.0;

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            time_limit_ms: None,
            max_iterations: None,
            seed: 1,
        }
    }
}
