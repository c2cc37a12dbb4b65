//! Renderers of a plan into the vendors' route and assignment fields:
//!
//! - [`optimoroute_routes`]: an OptimoRoute `get_routes` response (`routes[].stops[]` with
//!   `scheduledAt`, `scheduledAtDt`, `arrivalTimeDt`, per-stop `distance` in metres and
//!   `travelTime` in seconds, route `duration` in minutes and `distance` in km, `load1..4`,
//!   `routePolyline`);
//! - [`wialon_route_info`]: per order, the `order/update` fields `u` (unit id) and `p.r`
//!   (`id` route id, `i` index from 0, `m` metres and `t` seconds from the previous point, `vt`
//!   planned visit time as UNIX seconds);
//! - [`yandex_route_numbers`]: per order, its Yandex `number` and the `route_number` of its
//!   route.
//!
//! Wall-clock fields need to know what plan-clock zero is: either its UNIX time
//! ([`RenderOptions::clock_zero_unix`]) or a plan date, whose local midnight is zero. Local
//! times are written in [`RenderOptions::time_zone`] (IANA, UTC by default), DST included.

use super::problem::PlanProblem;
use super::solution::{PlanSolution, PlannedRoute};
use crate::check::CalendarDate;
use crate::issue::{codes as core_codes, Issue, UsageError};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Options shared by the renderers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RenderOptions {
    /// The plan date, `YYYY-MM-DD`; when `clockZeroUnix` is absent, plan-clock zero is local
    /// midnight of this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// UNIX time (seconds) of plan-clock zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock_zero_unix: Option<f64>,
    /// IANA time zone of local times (e.g. `"Europe/Berlin"`); default UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Metres per distance unit of the plan; default 1 (great-circle plans and metre
    /// matrices are in metres already).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metres_per_unit: Option<f64>,
    /// Wialon: the id of the first route; route `k` (in solution order) gets `routeIdBase + k`.
    /// Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_id_base: Option<u64>,
    /// Wialon: write the `p.r` numbers as strings (`"<uint>"`, as the newer `order/update`
    /// document shows) instead of JSON numbers (as the older one and the responses do).
    #[serde(default)]
    pub numbers_as_strings: bool,
    /// Yandex: text before the vehicle id in `route_number`; default `"<date>-"` when a date
    /// is known, else empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_number_prefix: Option<String>,
}

/// A rendered document and the problems met while writing it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rendered {
    /// The vendor-shaped JSON.
    pub output: Value,
    /// What could not be written as the vendor expects (e.g. a vehicle id that is not a Wialon
    /// unit number).
    pub issues: Vec<Issue>,
}

/// Converts plan-clock seconds to instants and local times.
struct Clock {
    zero_unix: f64,
    zone: jiff::tz::TimeZone,
}

impl Clock {
    fn new(options: &RenderOptions) -> Result<Clock, UsageError> {
        let zone = match &options.time_zone {
            None => jiff::tz::TimeZone::UTC,
            Some(name) => jiff::tz::TimeZone::get(name).map_err(|_| {
                UsageError::new(
                    core_codes::INVALID_OPTION,
                    format!("timeZone \"{name}\" is not an IANA time zone name such as \"Europe/Berlin\"."),
                )
            })?,
        };
        let zero_unix = match (options.clock_zero_unix, &options.date) {
            (Some(z), _) if z.is_finite() => z,
            (Some(z), _) => {
                return Err(UsageError::new(
                    core_codes::INVALID_OPTION,
                    format!("clockZeroUnix is {z}; give the UNIX time in seconds of plan-clock zero."),
                ))
            }
            (None, Some(d)) => {
                let date = CalendarDate::parse(d).ok_or_else(|| {
                    UsageError::new(
                        core_codes::INVALID_OPTION,
                        format!("date is \"{d}\"; give the plan date as YYYY-MM-DD."),
                    )
                })?;
                let civil = jiff::civil::Date::new(date.year, date.month, date.day).map_err(|e| {
                    UsageError::new(core_codes::INVALID_OPTION, format!("date \"{d}\": {e}"))
                })?;
                let midnight = civil.to_zoned_datetime(zone.clone()).map_err(|e| {
                    UsageError::new(core_codes::INVALID_OPTION, format!("date \"{d}\": {e}"))
                })?;
                midnight.timestamp().as_second() as f64
            }
            (None, None) => {
                return Err(UsageError::new(
                    core_codes::INVALID_OPTION,
                    "Wall-clock times need to know plan-clock zero: give clockZeroUnix (UNIX seconds) or date (YYYY-MM-DD, zero = local midnight).",
                ))
            }
        };
        Ok(Clock { zero_unix, zone })
    }

    /// UNIX seconds of plan time `t`, rounded to the second.
    fn unix(&self, t: f64) -> i64 {
        let x = (self.zero_unix + t).round();
        x.clamp(-9.0e15, 9.0e15) as i64
    }

    /// Local `(YYYY-MM-DD HH:MM:SS, HH:MM)` of plan time `t`; `None` outside jiff's range.
    fn local(&self, t: f64) -> Option<(String, String)> {
        let ts = jiff::Timestamp::from_second(self.unix(t)).ok()?;
        let z = ts.to_zoned_datetime(self.zone.clone());
        Some((
            z.strftime("%Y-%m-%d %H:%M:%S").to_string(),
            z.strftime("%H:%M").to_string(),
        ))
    }
}

fn metres(options: &RenderOptions) -> Result<f64, UsageError> {
    match options.metres_per_unit {
        None => Ok(1.0),
        Some(m) if m.is_finite() && m > 0.0 => Ok(m),
        Some(m) => Err(UsageError::new(
            core_codes::INVALID_OPTION,
            format!("metresPerUnit is {m}; give a finite number > 0."),
        )),
    }
}

/// `(lat, lon)` of an order, when its location has them (any travel model: a matrix
/// problem may carry coordinates for display).
fn lat_lon(problem: &PlanProblem, order_index: u32) -> Option<(f64, f64)> {
    let l = problem.orders.get(order_index as usize)?.location?;
    Some((l.lat?, l.lon?))
}

/// The route's polyline: start, stops, end (when not open), Google encoding precision 5;
/// `None` when a point lacks coordinates.
fn polyline(problem: &PlanProblem, route: &PlannedRoute) -> Option<String> {
    let vehicle = problem.vehicles.get(route.vehicle_index as usize)?;
    let point = |l: &super::problem::Location| -> Option<geo::Coord<f64>> {
        Some(geo::Coord {
            x: l.lon?,
            y: l.lat?,
        })
    };
    let mut coords = Vec::with_capacity(route.stops.len() + 2);
    coords.push(point(vehicle.start.as_ref()?)?);
    for s in &route.stops {
        let (lat, lon) = lat_lon(problem, s.order_index)?;
        coords.push(geo::Coord { x: lon, y: lat });
    }
    match &vehicle.end {
        super::problem::VehicleEnd::ReturnToStart => coords.push(point(vehicle.start.as_ref()?)?),
        super::problem::VehicleEnd::At(l) => coords.push(point(l)?),
        super::problem::VehicleEnd::Open => {}
    }
    polyline::encode_coordinates(coords, 5).ok()
}

/// The OptimoRoute `get_routes` response for the plan (with `routePolyline` when every point of
/// a route has `lat`/`lon`). Driver serial and external id are the vehicle id; the stop's
/// `locationNo` is the order's `locationKey`; fields the plan does not know (order `id`,
/// names, addresses) are empty strings.
pub fn optimoroute_routes(
    problem: &PlanProblem,
    solution: &PlanSolution,
    options: &RenderOptions,
) -> Result<Rendered, UsageError> {
    let clock = Clock::new(options)?;
    let scale = metres(options)?;
    let mut issues = Vec::new();
    let mut routes = Vec::with_capacity(solution.routes.len());
    for (r, route) in solution.routes.iter().enumerate() {
        let mut loads = [0.0f64; 4];
        let mut stops = Vec::with_capacity(route.stops.len());
        for (k, stop) in route.stops.iter().enumerate() {
            let order = problem.orders.get(stop.order_index as usize);
            if let Some(o) = order {
                for (l, d) in loads.iter_mut().zip(&o.demand) {
                    *l += d;
                }
                if o.demand.len() > 4 {
                    issues.push(Issue::warning(
                        format!("/routes/{r}/stops/{k}"),
                        core_codes::TOO_MANY_ITEMS,
                        format!(
                            "Order \"{}\" has {} load dimensions; OptimoRoute holds load1..load4, the rest is not written.",
                            o.id,
                            o.demand.len()
                        ),
                    ));
                }
            }
            let (scheduled_dt, scheduled) = clock.local(stop.service_start).unwrap_or_default();
            let (arrival_dt, _) = clock.local(stop.arrival).unwrap_or_default();
            let (lat, lon) = lat_lon(problem, stop.order_index)
                .map_or((Value::Null, Value::Null), |(a, b)| (json!(a), json!(b)));
            stops.push(json!({
                "stopNumber": k + 1,
                "orderNo": stop.order_id,
                "id": "",
                "locationNo": order.and_then(|o| o.location_key.clone()).unwrap_or_default(),
                "locationName": "",
                "address": "",
                "latitude": lat,
                "longitude": lon,
                "scheduledAt": scheduled,
                "scheduledAtDt": scheduled_dt,
                "arrivalTimeDt": arrival_dt,
                "distance": (stop.distance * scale).round() as i64,
                "travelTime": stop.travel_time.round() as i64,
            }));
        }
        let mut obj = Map::new();
        obj.insert("driverExternalId".into(), json!(route.vehicle_id));
        obj.insert("driverSerial".into(), json!(route.vehicle_id));
        obj.insert("driverName".into(), json!(""));
        obj.insert("vehicleRegistration".into(), json!(""));
        obj.insert("vehicleLabel".into(), json!(""));
        obj.insert(
            "duration".into(),
            json!((route.duration / 60.0).round() as i64),
        );
        obj.insert(
            "distance".into(),
            json!((route.distance * scale / 1000.0 * 1000.0).round() / 1000.0),
        );
        for (d, l) in loads.iter().enumerate() {
            obj.insert(format!("load{}", d + 1), json!(l.round() as i64));
        }
        obj.insert("stops".into(), Value::Array(stops));
        if let Some(p) = polyline(problem, route) {
            obj.insert("routePolyline".into(), json!(p));
        }
        routes.push(Value::Object(obj));
    }
    Ok(Rendered {
        output: json!({ "success": true, "routes": routes }),
        issues,
    })
}

/// Per served order, the Wialon `order/update` fields the plan fills: `id` (the order id, as a
/// number when it is one), `u` (the unit id: the vehicle id, which must be a number) and `p.r`
/// (`id`, `i` from 0, `m`, `t`, `vt`). Merge each entry into that order's update params.
pub fn wialon_route_info(
    solution: &PlanSolution,
    options: &RenderOptions,
) -> Result<Rendered, UsageError> {
    let clock = Clock::new(options)?;
    let scale = metres(options)?;
    let base = options.route_id_base.unwrap_or(1);
    let number = |x: i64| -> Value {
        if options.numbers_as_strings {
            json!(x.to_string())
        } else {
            json!(x)
        }
    };
    let mut issues = Vec::new();
    let mut out = Vec::new();
    for (r, route) in solution.routes.iter().enumerate() {
        let unit = match route.vehicle_id.parse::<i64>() {
            Ok(u) => json!(u),
            Err(_) => {
                issues.push(Issue::warning(
                    format!("/routes/{r}/vehicleId"),
                    core_codes::INVALID_TYPE,
                    format!(
                        "Wialon unit ids are numbers, and vehicle id \"{}\" is not one; `u` holds it as text.",
                        route.vehicle_id
                    ),
                ));
                json!(route.vehicle_id)
            }
        };
        for (i, stop) in route.stops.iter().enumerate() {
            let id = match stop.order_id.parse::<i64>() {
                Ok(n) => json!(n),
                Err(_) => json!(stop.order_id),
            };
            out.push(json!({
                "id": id,
                "u": unit,
                "p": { "r": {
                    "id": number((base + r as u64).min(i64::MAX as u64) as i64),
                    "i": number(i as i64),
                    "m": number((stop.distance * scale).round() as i64),
                    "t": number(stop.travel_time.round() as i64),
                    "vt": number(clock.unix(stop.service_start)),
                }},
            }));
        }
    }
    Ok(Rendered {
        output: Value::Array(out),
        issues,
    })
}

/// Per served order, its Yandex `number` (the order id) and `route_number`
/// (`routeNumberPrefix` + vehicle id).
pub fn yandex_route_numbers(solution: &PlanSolution, options: &RenderOptions) -> Rendered {
    let prefix = options.route_number_prefix.clone().unwrap_or_else(|| {
        options
            .date
            .as_ref()
            .map_or(String::new(), |d| format!("{d}-"))
    });
    let mut out = Vec::new();
    for route in &solution.routes {
        for stop in &route.stops {
            out.push(json!({
                "number": stop.order_id,
                "route_number": format!("{prefix}{}", route.vehicle_id),
            }));
        }
    }
    Rendered {
        output: Value::Array(out),
        issues: Vec::new(),
    }
}
