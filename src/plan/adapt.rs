//! Orders for the planner from any format: `problem.ordersFrom = { format, payload, ... }` reads
//! a canonical or vendor order payload through its conversion codec (which validates it) and
//! turns each order into a [`PlanOrder`].
//!
//! The plan clock for such orders is *seconds after local midnight of `date` in `timeZone`*:
//! local windows on another day are offset by whole days, absolute windows (Wialon `tf`/`tt`,
//! Yandex ISO intervals) are placed with the zone. Vehicle work times are given on the same
//! clock, and the renderers take `date` and the zone's midnight to write wall-clock fields.
//!
//! Window ends become ends of the *service start*, as the planner wants: an OptimoRoute `twTo`
//! (end of service) or a Wialon `tt` (completion) is moved earlier by the order's service
//! duration, and each such move is reported.

use super::codes;
use super::problem::{
    Location, OrderKind as PlanKind, PlanOrder, PlanProblem, Priority as PlanPriority,
};
use crate::check::{CalendarDate, Checker};
use crate::convert::{codec, ConvertOptions, Payload};
use crate::issue::{codes as core_codes, Issue};
use crate::json::{self, Path};
use crate::model::{EndBound, Order, OrderKind, Priority, TimeWindow, WindowKind};
use crate::time::{self, TimeContext, Zone};
use crate::validate::Format;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// Orders given in a canonical or vendor format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct OrdersFrom {
    /// `"canonical"`, `"wialon"`, `"yandex"`, `"optimoroute"` or `"magiclane"`.
    pub format: String,
    /// The order payload (one order or the format's bulk form), as JSON.
    pub payload: serde_json::Value,
    /// The plan date, `YYYY-MM-DD`: plan-clock zero is its local midnight. Default: the first
    /// order's `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// IANA zone of the plan clock; required when orders carry absolute times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Canonical load fields that make the demand vector, in the order of the vehicles'
    /// `capacity`: `weightKg`, `volume`, `packages`, `custom1`..`custom4`. Default `["weightKg"]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_dims: Option<Vec<String>>,
}

const PREFIX: &str = "/ordersFrom/payload";

/// The problem with `ordersFrom` turned into `orders` (appended to any given directly), and the
/// issues found on the way. Fails when `ordersFrom` itself is unusable (unknown format, bad
/// zone or date, a payload with no orders).
pub fn resolve(problem: &PlanProblem) -> Result<(Cow<'_, PlanProblem>, Vec<Issue>), Vec<Issue>> {
    let Some(from) = &problem.orders_from else {
        return Ok((Cow::Borrowed(problem), Vec::new()));
    };
    let fail =
        |path: &str, code: &'static str, message: String| vec![Issue::error(path, code, message)];
    let format =
        Format::from_id(&from.format).map_err(|e| fail("/ordersFrom/format", e.code, e.message))?;
    let zone = match &from.time_zone {
        Some(name) => Some(Zone::get(name).ok_or_else(|| {
            fail(
                "/ordersFrom/timeZone",
                time::codes::UNKNOWN_TIME_ZONE,
                format!("\"{name}\" is not an IANA time zone (e.g. \"Europe/Moscow\")."),
            )
        })?),
        None => None,
    };
    let mut date = match &from.date {
        Some(d) => Some(CalendarDate::parse(d).ok_or_else(|| {
            fail(
                "/ordersFrom/date",
                core_codes::INVALID_FORMAT,
                format!("`date` is \"{d}\"; use YYYY-MM-DD."),
            )
        })?),
        None => None,
    };
    let dims = load_dims(from.load_dims.as_deref())?;

    let source = codec(format).map_err(|e| fail("/ordersFrom/format", e.code, e.message))?;
    let text = from.payload.to_string();
    let payload =
        json::parse(&text).map_err(|e| fail(PREFIX, core_codes::INVALID_JSON, e.to_string()))?;
    let mut options = ConvertOptions::new(format, Format::Canonical);
    options.time_zone = from.time_zone.clone();
    options.date = from.date.clone();
    let mut ck = Checker::new();
    // The planner needs every order at once: collect what the codec hands over.
    let mut orders: Vec<(String, Order)> = Vec::new();
    let payload = Payload::value(&payload);
    let shape = source.read(&payload, &options, &mut ck, &mut |o, _| {
        if let Some(order) = o.order {
            orders.push((o.pointer, *order));
        }
    });
    let mut issues: Vec<Issue> = ck.issues.into_iter().map(|i| i.under(PREFIX)).collect();
    if shape.is_none() {
        issues.push(Issue::error(
            PREFIX,
            core_codes::INVALID_TYPE,
            format!("this {} payload holds no orders.", from.format),
        ));
        return Err(issues);
    }
    if date.is_none() {
        date = orders
            .iter()
            .find_map(|(_, o)| o.date.as_deref().and_then(CalendarDate::parse));
    }
    let cx = TimeContext { date, zone };

    // Plan ids: the order number, else its id, else its position; canonical ids map to them so
    // that dependencies written with ids (Wialon `dp`) resolve.
    let plan_ids: Vec<String> = orders
        .iter()
        .enumerate()
        .map(|(i, (_, o))| {
            o.number
                .clone()
                .or_else(|| o.id.clone())
                .unwrap_or_else(|| format!("#{i}"))
        })
        .collect();
    let mut by_ref: HashMap<&str, &str> = HashMap::new();
    for ((_, o), pid) in orders.iter().zip(&plan_ids) {
        for r in [o.id.as_deref(), o.number.as_deref()].into_iter().flatten() {
            by_ref.entry(r).or_insert(pid.as_str());
        }
    }

    let mut resolved = problem.clone();
    resolved.orders_from = None;
    let first_new = resolved.orders.len();
    for ((pointer, order), pid) in orders.iter().zip(&plan_ids) {
        let base = format!("{PREFIX}{pointer}");
        resolved.orders.push(plan_order(
            order,
            pid,
            &dims,
            &cx,
            &by_ref,
            &base,
            &mut issues,
        ));
    }
    // A pickup that names its delivery: the delivery carries the link in the planner.
    let pickups: Vec<(usize, String)> = orders
        .iter()
        .enumerate()
        .filter(|(_, (_, o))| o.kind == Some(OrderKind::Pickup))
        .filter_map(|(i, (_, o))| related(o, &by_ref).map(|r| (i, r.to_string())))
        .collect();
    for (pickup, delivery) in pickups {
        let pickup_id = plan_ids.get(pickup).cloned();
        if let Some(d) = resolved.orders[first_new..]
            .iter_mut()
            .find(|p| p.id == delivery)
        {
            if d.delivery_of.is_none() {
                d.delivery_of = pickup_id;
            }
        }
    }
    Ok((Cow::Owned(resolved), issues))
}

fn related<'a>(o: &'a Order, by_ref: &HashMap<&str, &'a str>) -> Option<&'a str> {
    let r = o.related_order.as_ref()?;
    [r.number.as_deref(), r.id.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|k| by_ref.get(k).copied())
}

/// A load dimension of the demand vector.
#[derive(Debug, Clone, Copy)]
enum Dim {
    Weight,
    Volume,
    Packages,
    Custom(usize),
}

fn load_dims(names: Option<&[String]>) -> Result<Vec<Dim>, Vec<Issue>> {
    let Some(names) = names else {
        return Ok(vec![Dim::Weight]);
    };
    names
        .iter()
        .enumerate()
        .map(|(i, n)| match n.as_str() {
            "weightKg" => Ok(Dim::Weight),
            "volume" => Ok(Dim::Volume),
            "packages" => Ok(Dim::Packages),
            "custom1" => Ok(Dim::Custom(0)),
            "custom2" => Ok(Dim::Custom(1)),
            "custom3" => Ok(Dim::Custom(2)),
            "custom4" => Ok(Dim::Custom(3)),
            other => Err(vec![Issue::error(
                format!("/ordersFrom/loadDims/{i}"),
                core_codes::UNKNOWN_ENUM_VALUE,
                format!("\"{other}\" is not a load field; use weightKg, volume, packages or custom1..custom4."),
            )]),
        })
        .collect()
}

fn plan_order(
    o: &Order,
    id: &str,
    dims: &[Dim],
    cx: &TimeContext,
    by_ref: &HashMap<&str, &str>,
    base: &str,
    issues: &mut Vec<Issue>,
) -> PlanOrder {
    let service = o.service.as_ref().and_then(|s| s.duration_s).unwrap_or(0.0);
    let load = o.load.as_ref();
    let demand = dims
        .iter()
        .map(|d| match (d, load) {
            (_, None) => 0.0,
            (Dim::Weight, Some(l)) => l.weight_kg.unwrap_or(0.0),
            (Dim::Volume, Some(l)) => l.volume.unwrap_or(0.0),
            (Dim::Packages, Some(l)) => l.packages.map_or(0.0, |p| p as f64),
            (Dim::Custom(i), Some(l)) => l.custom.get(*i).copied().unwrap_or(0.0),
        })
        .collect();
    let mut skills: Vec<String> = Vec::new();
    if let Some(r) = &o.requirements {
        skills.extend(r.skills.iter().cloned());
        // One list in the planner: features and the vehicle type are prefixed so that a skill
        // and a feature with the same code stay different requirements.
        skills.extend(r.vehicle_features.iter().map(|f| format!("feature:{f}")));
        skills.extend(r.vehicle_type.iter().map(|t| format!("type:{t}")));
    }
    let assignment = o.assignment.as_ref();
    let assigned_vehicle = assignment.and_then(|a| {
        a.driver_external_id
            .clone()
            .or_else(|| a.driver_serial.clone())
            .or_else(|| a.unit_id.clone())
    });
    let mut time_windows = Vec::new();
    for (i, w) in o.time_windows.iter().enumerate() {
        let path = format!("{base}/timeWindows/{i}");
        if let Some(pair) = plan_window(w, service, cx, &path, issues) {
            time_windows.push(pair);
        }
    }
    PlanOrder {
        id: id.to_string(),
        location: o.location.as_ref().and_then(|l| match (l.lat, l.lon) {
            (Some(lat), Some(lon)) => Some(Location {
                lat: Some(lat),
                lon: Some(lon),
                ..Location::default()
            }),
            _ => None,
        }),
        time_windows,
        service_s: service,
        shared_service_s: o
            .service
            .as_ref()
            .and_then(|s| s.shared_duration_s)
            .unwrap_or(0.0),
        location_key: o.location.as_ref().and_then(|l| l.code.clone()),
        demand,
        kind: if o.kind == Some(OrderKind::Pickup) {
            PlanKind::Pickup
        } else {
            PlanKind::Delivery
        },
        skills,
        priority: match o.priority {
            Some(Priority::Low) => PlanPriority::Low,
            None | Some(Priority::Medium) => PlanPriority::Medium,
            Some(Priority::High) => PlanPriority::High,
            Some(Priority::Critical) => PlanPriority::Critical,
        },
        assigned_vehicle,
        delivery_of: (o.kind != Some(OrderKind::Pickup))
            .then(|| related(o, by_ref).map(str::to_string))
            .flatten(),
        after: o
            .depends_on
            .iter()
            .map(|d| {
                by_ref
                    .get(d.as_str())
                    .map_or_else(|| d.clone(), |p| p.to_string())
            })
            .collect(),
    }
}

/// A canonical window as `[start, end]` of the service start on the plan clock.
fn plan_window(
    w: &TimeWindow,
    service: f64,
    cx: &TimeContext,
    path: &str,
    issues: &mut Vec<Issue>,
) -> Option<[f64; 2]> {
    let mut ck = Checker::new();
    let p = Path::root();
    let (start, end) = match w.kind {
        WindowKind::Local => {
            // Local on its own day: shift by whole days from the plan date.
            let days = match (w.date.as_deref().and_then(CalendarDate::parse), cx.date) {
                (Some(d), Some(plan)) => d.days_since_epoch() - plan.days_since_epoch(),
                _ => 0,
            };
            (
                w.start.map(|s| s + days * 86_400),
                w.end.map(|e| e + days * 86_400),
            )
        }
        WindowKind::Absolute => {
            let Some(zone) = cx.zone.as_ref() else {
                issues.push(Issue::error(
                    path,
                    time::codes::TIME_ZONE_REQUIRED,
                    "this window is absolute; give ordersFrom.timeZone to place it on the plan clock.",
                ));
                return None;
            };
            let local = time::to_local(w, zone, cx, &p, &mut ck)?;
            let days = match (local.date.as_deref().and_then(CalendarDate::parse), cx.date) {
                (Some(d), Some(plan)) => d.days_since_epoch() - plan.days_since_epoch(),
                _ => 0,
            };
            (
                local.start.map(|s| s + days * 86_400),
                local.end.map(|e| e + days * 86_400),
            )
        }
    };
    issues.extend(ck.issues.into_iter().map(|i| i.under(path)));
    let start = start.map_or(f64::NEG_INFINITY, |s| s as f64);
    let mut end = end.map_or(f64::INFINITY, |e| e as f64);
    if w.end_bounds != EndBound::ServiceStart && end.is_finite() && service > 0.0 {
        end -= service;
        issues.push(Issue::warning(
            format!("{path}/end"),
            time::codes::BOUNDS_ADJUSTED,
            format!(
                "the window's end bounds the {}; the planner bounds the service start, so the end was moved {service} s earlier.",
                if w.end_bounds == EndBound::ServiceEnd { "end of service" } else { "order's completion" }
            ),
        ));
    }
    if end < start {
        issues.push(Issue::error(
            path,
            codes::INVALID_TIME_WINDOW,
            "the window is shorter than the service duration: no service start fits in it.",
        ));
        return None;
    }
    // Open ends are left to the vehicle's work time.
    Some([start.max(-1.0e12), end.min(1.0e12)])
}
