//! Visit detection: from a GPS track and a list of orders, when the courier arrived at each
//! order, how long they stayed, when they left, and whether each vendor's automatic rule would
//! count the order as visited or completed, on time or late.
//!
//! # Rules
//!
//! **Track.** Fixes are sorted by time first (OptimoRoute warns that events arrive late and out
//! of order; a `TRACK_NOT_SORTED` warning says how many were out of place). Fixes with a time,
//! latitude or longitude that is missing, not finite or out of range, or with a negative or
//! non-finite `speed` / `accuracy`, are errors and are left out.
//!
//! **Accuracy.** A fix whose `accuracy` (radius of uncertainty, metres) is worse than
//! [`VisitOptions::max_accuracy_m`] is left out for every order (one `INACCURATE_FIXES` warning
//! counts them). A fix whose accuracy is worse than an order's radius is left out for that order
//! only (it cannot tell inside from outside): it neither starts, extends nor ends a stay, and is
//! counted in [`VisitResult::ignored_fixes`]. Fixes without `accuracy` are used as they are.
//!
//! **Stays.** A fix is inside an order's area when its great-circle distance to the order point is
//! at most the radius (boundary inside, see [`super::fence`]). A stay is a run of consecutive
//! usable fixes inside: its arrival is the first fix inside, its departure the first usable fix
//! outside after it (none when the track ends inside), and its dwell the time from the first to
//! the last fix inside (the time between the last fix inside and the departure fix is not
//! observed, so it is not counted; a gap in the track within a stay is counted).
//!
//! **Wialon** (`order/update` flags `f`, window `tf`/`tt`, advance `trt`):
//! - flag 0x1: completed at the first fix inside the area whose speed is "zero" (below
//!   [`VisitOptions::stopped_below_mps`]; fixes without a speed never count as stopped);
//! - flag 0x2: completed at the departure of the first stay;
//! - both flags: whichever happens first (each flag is read as its own trigger — an inference,
//!   the document does not say how they combine);
//! - neither flag: completed at the first arrival (an inference: the flags describe stricter
//!   rules than entering the area);
//! - flag 0x40: an order can be confirmed only inside the radius, so
//!   [`WialonOutcome::confirmable`] is true only when the track ends inside;
//! - status: 2 (completed on time) or 3 (completed late: after `tt`); not completed: 5 when the
//!   track ends inside the area, else 1. Completing before `tf − trt` is reported as
//!   [`Timeliness::Early`] with status 2 (the document names no status for early completion).
//!
//! **Yandex** (`mark_delivered_radius`, `service_duration_s`, `shared_service_duration_s`):
//! visited when the courier "spent at least `coefficient × (service_duration_s +
//! shared_service_duration_s)` seconds within the radius" — read here as one continuous stay; the
//! visit time (the `ORDER_VISIT` event) is the first fix of that stay at which the dwell reaches
//! the requirement. A missing radius takes [`VisitOptions::default_radius_m`] (the depot's or
//! company's radius); durations default to 600 s and 0 s as in the document. Timeliness compares
//! the arrival of that stay with the order's window.

use super::distance::{haversine_term, haversine_term_of_distance, METRES_PER_DEGREE};
use super::fence::MAX_RADIUS_M;
use crate::issue::{codes, Issue};
use serde::{Deserialize, Serialize};

/// One GPS fix. Accepts OptimoRoute's position names (`timestamp`, `latitude`, `longitude`) as
/// aliases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackPoint {
    /// Time of the fix, UNIX seconds.
    #[serde(alias = "timestamp", deserialize_with = "number_or_nan")]
    pub t: f64,
    /// Latitude in degrees.
    #[serde(alias = "latitude", deserialize_with = "number_or_nan")]
    pub lat: f64,
    /// Longitude in degrees.
    #[serde(alias = "longitude", deserialize_with = "number_or_nan")]
    pub lon: f64,
    /// Ground speed in metres per second (OptimoRoute `speed`; Wialon messages give km/h:
    /// divide by 3.6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<f64>,
    /// Radius of uncertainty in metres (OptimoRoute `accuracy`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<f64>,
}

/// An order as visit detection needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct VisitOrder {
    /// The caller's identifier, echoed in the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Latitude of the order point in degrees (Wialon `y`, Yandex `lat`).
    #[serde(deserialize_with = "number_or_nan")]
    pub lat: f64,
    /// Longitude of the order point in degrees (Wialon `x`, Yandex `lon`).
    #[serde(deserialize_with = "number_or_nan")]
    pub lon: f64,
    /// Radius of the order area in metres (Wialon `r`, Yandex `mark_delivered_radius`); when
    /// absent, [`VisitOptions::default_radius_m`].
    #[serde(default)]
    pub radius_m: Option<f64>,
    /// Yandex `service_duration_s`, seconds (default 600).
    #[serde(default)]
    pub service_duration_s: Option<f64>,
    /// Yandex `shared_service_duration_s`, seconds (default 0).
    #[serde(default)]
    pub shared_service_duration_s: Option<f64>,
    /// Start of the time window, UNIX seconds (Wialon `tf`).
    #[serde(default)]
    pub time_from: Option<f64>,
    /// End of the time window, UNIX seconds (Wialon `tt`).
    #[serde(default)]
    pub time_to: Option<f64>,
    /// Acceptable schedule advancement in seconds (Wialon `trt`): completing before
    /// `time_from − advance_s` is early.
    #[serde(default)]
    pub advance_s: Option<f64>,
    /// Wialon order flags `f` (0x1, 0x2 and 0x40 matter here).
    #[serde(default)]
    pub flags: u32,
}

/// Reads a number, taking `null` as NaN: `JSON.stringify` turns NaN and ±Infinity into `null`,
/// and the validation then reports the value as not a number instead of failing to parse.
fn number_or_nan<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

/// Company- and caller-level settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VisitOptions {
    /// Radius in metres for orders without one (Yandex: the depot's or company's
    /// `mark_delivered_radius`). No default: an order without a radius is an error without it.
    pub default_radius_m: Option<f64>,
    /// Yandex `mark_delivered_service_time_coefficient` (a company setting; default 1).
    pub service_time_coefficient: f64,
    /// Yandex `mark_delivered_enabled` (a company setting; default true).
    pub mark_delivered_enabled: bool,
    /// Fixes with a worse `accuracy` (metres) are left out (default 100).
    pub max_accuracy_m: f64,
    /// A fix is "zero speed" for Wialon flag 0x1 when its speed is below this, in m/s (default
    /// 1 km/h = 0.2777… m/s: Wialon stores speeds in whole km/h, so slower fixes read as 0 there —
    /// an inference).
    pub stopped_below_mps: f64,
}

impl Default for VisitOptions {
    fn default() -> Self {
        VisitOptions {
            default_radius_m: None,
            service_time_coefficient: 1.0,
            mark_delivered_enabled: true,
            max_accuracy_m: 100.0,
            stopped_below_mps: 1.0 / 3.6,
        }
    }
}

/// One continuous stay inside an order's area.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stay {
    /// Time of the first fix inside, UNIX seconds.
    pub arrival: f64,
    /// Time of the first usable fix outside after the stay; `None` when the track ends inside.
    pub departure: Option<f64>,
    /// Time of the last fix inside.
    pub last_inside: f64,
    /// `last_inside − arrival`, seconds.
    pub dwell_s: f64,
    /// Time of the first fix inside with zero speed (Wialon flag 0x1), if any.
    pub first_stop: Option<f64>,
    /// Number of fixes inside.
    pub fixes: usize,
}

/// Completion time against the order's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Timeliness {
    /// Before the window opened (Wialon: before `tf − trt`).
    Early,
    /// Within the window.
    OnTime,
    /// After the window closed (after `tt`).
    Late,
}

/// Which Wialon rule completed the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CompletionRule {
    /// No 0x1/0x2 flag: entering the area.
    Arrival,
    /// Flag 0x1: a zero-speed fix inside.
    ZeroSpeed,
    /// Flag 0x2: leaving the area.
    LeftArea,
}

/// What Wialon's automatic rules make of the track for one order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WialonOutcome {
    /// Completed by a rule.
    pub completed: bool,
    /// When, UNIX seconds.
    pub completed_at: Option<f64>,
    /// Which rule.
    pub rule: Option<CompletionRule>,
    /// Order status `s`: 1 active, 2 completed on time, 3 completed late, 5 unit in the order
    /// area.
    pub status: u8,
    /// Completion against `[tf − trt, tt]`; `None` when not completed or without a window.
    pub timeliness: Option<Timeliness>,
    /// Whether a manual confirmation at the end of the track would be accepted (flag 0x40
    /// allows it only inside the radius).
    pub confirmable: bool,
}

/// What Yandex's automatic delivery rule makes of the track for one order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct YandexOutcome {
    /// Marked delivered (`ORDER_VISIT`): enabled, and one stay long enough.
    pub visited: bool,
    /// When the stay reached the required dwell (the `ORDER_VISIT` time), UNIX seconds.
    pub visited_at: Option<f64>,
    /// `coefficient × (service_duration_s + shared_service_duration_s)`, seconds.
    pub required_dwell_s: f64,
    /// `ARRIVAL`: arrival of the visiting stay (or of the first stay when not visited).
    pub arrival: Option<f64>,
    /// `DEPARTURE`: departure of that stay.
    pub departure: Option<f64>,
    /// Arrival against `[timeFrom, timeTo]`; `None` without an arrival or a window.
    pub timeliness: Option<Timeliness>,
}

/// The outcome for one order (results are in the order of the input orders).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitResult {
    /// Position of the order in the input.
    pub index: usize,
    /// The order's `id`, if it had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// False when the order could not be evaluated (its issues say why); everything else is
    /// then empty.
    pub evaluated: bool,
    /// Radius used, metres.
    pub radius_m: Option<f64>,
    /// Every stay, in time order.
    pub stays: Vec<Stay>,
    /// Arrival of the longest stay (the earliest among equals), so that a drive-by does not
    /// hide the real visit.
    pub arrival: Option<f64>,
    /// Departure of that stay.
    pub departure: Option<f64>,
    /// Dwell of that stay, seconds.
    pub dwell_s: f64,
    /// Sum of all stays' dwell, seconds.
    pub total_dwell_s: f64,
    /// The last usable fix is inside the area.
    pub inside_at_end: bool,
    /// Fixes left out for this order because their accuracy is worse than its radius.
    pub ignored_fixes: usize,
    /// Wialon's rules.
    pub wialon: WialonOutcome,
    /// Yandex's rule.
    pub yandex: YandexOutcome,
}

/// A usable fix, in the form the scan wants.
#[derive(Debug, Clone, Copy)]
struct Fix {
    t: f64,
    lat: f64,
    lon: f64,
    stopped: bool,
    accuracy: f64,
}

/// Detects visits of `track` at each of `orders`.
///
/// Returns one result per order, in input order, and the issues found; paths are
/// `/track/<i>/<field>`, `/orders/<i>/<field>` and `/options/<field>`, as if the three arguments
/// were members of one payload. An invalid order gets a result with `evaluated: false`; invalid
/// options make every order unevaluated.
pub fn detect_visits(
    track: &[TrackPoint],
    orders: &[VisitOrder],
    options: &VisitOptions,
) -> (Vec<VisitResult>, Vec<Issue>) {
    let mut issues = Vec::new();
    let options_ok = check_options(options, &mut issues);
    // With unusable options the track is still checked, but not filtered by them.
    let unfiltered = VisitOptions {
        max_accuracy_m: f64::INFINITY,
        stopped_below_mps: 0.0,
        ..VisitOptions::default()
    };
    let fixes = prepare_track(
        track,
        if options_ok { options } else { &unfiltered },
        &mut issues,
    );
    let results = orders
        .iter()
        .enumerate()
        .map(|(i, order)| {
            let radius = order.radius_m.or(options.default_radius_m);
            if options_ok && check_order(i, order, radius, &mut issues) {
                evaluate(i, order, radius.unwrap_or(0.0), &fixes, options)
            } else {
                unevaluated(i, order)
            }
        })
        .collect();
    (results, issues)
}

fn check_options(o: &VisitOptions, issues: &mut Vec<Issue>) -> bool {
    let mut ok = true;
    let mut bad = |field: &str, value: f64, rule: &str| {
        ok = false;
        issues.push(Issue::error(
            format!("/options/{field}"),
            codes::INVALID_OPTION,
            format!("Option `{field}` is {value}; it must be {rule}."),
        ));
    };
    if let Some(r) = o.default_radius_m {
        if !(r.is_finite() && r > 0.0 && r <= MAX_RADIUS_M) {
            bad("defaultRadiusM", r, "a number of metres greater than 0");
        }
    }
    let c = o.service_time_coefficient;
    if !(c.is_finite() && c >= 0.0) {
        bad("serviceTimeCoefficient", c, "a number, 0 or more");
    }
    let a = o.max_accuracy_m;
    if a.is_nan() || a <= 0.0 {
        bad(
            "maxAccuracyM",
            a,
            "a number of metres greater than 0 (Infinity keeps every fix)",
        );
    }
    let s = o.stopped_below_mps;
    if !(s.is_finite() && s >= 0.0) {
        bad("stoppedBelowMps", s, "a speed in m/s, 0 or more");
    }
    ok
}

/// Validates, filters and sorts the track.
fn prepare_track(
    track: &[TrackPoint],
    options: &VisitOptions,
    issues: &mut Vec<Issue>,
) -> Vec<Fix> {
    let mut fixes = Vec::with_capacity(track.len());
    let mut inaccurate = 0usize;
    let mut out_of_order = 0usize;
    let mut latest = f64::NEG_INFINITY;
    for (i, p) in track.iter().enumerate() {
        let mut ok = true;
        let mut bad = |field: &str, message: String| {
            ok = false;
            issues.push(Issue::error(
                format!("/track/{i}/{field}"),
                codes::OUT_OF_RANGE,
                message,
            ));
        };
        if !p.t.is_finite() {
            bad(
                "t",
                format!(
                    "Fix time {} is not a UNIX time in seconds; the fix is left out.",
                    p.t
                ),
            );
        }
        if !(p.lat.is_finite() && (-90.0..=90.0).contains(&p.lat)) {
            bad(
                "lat",
                format!(
                    "Latitude {} is not from -90 to 90 degrees; the fix is left out.",
                    p.lat
                ),
            );
        }
        if !(p.lon.is_finite() && (-180.0..=180.0).contains(&p.lon)) {
            bad(
                "lon",
                format!(
                    "Longitude {} is not from -180 to 180 degrees; the fix is left out.",
                    p.lon
                ),
            );
        }
        if let Some(s) = p.speed.filter(|s| !(s.is_finite() && *s >= 0.0)) {
            bad(
                "speed",
                format!("Speed {s} is not a speed in m/s (0 or more); the fix is left out."),
            );
        }
        if let Some(a) = p.accuracy.filter(|a| !(a.is_finite() && *a >= 0.0)) {
            bad(
                "accuracy",
                format!("Accuracy {a} is not a radius in metres (0 or more); the fix is left out."),
            );
        }
        if !ok {
            continue;
        }
        if p.t < latest {
            out_of_order += 1;
        }
        latest = latest.max(p.t);
        let accuracy = p.accuracy.unwrap_or(0.0);
        if accuracy > options.max_accuracy_m {
            inaccurate += 1;
            continue;
        }
        fixes.push(Fix {
            t: p.t,
            lat: p.lat,
            lon: p.lon,
            stopped: p.speed.is_some_and(|s| s < options.stopped_below_mps),
            accuracy,
        });
    }
    if out_of_order > 0 {
        issues.push(Issue::warning(
            "/track",
            super::codes::TRACK_NOT_SORTED,
            format!(
                "{out_of_order} fix(es) came after a later one (late events); the track was sorted \
                 by time before use."
            ),
        ));
        // Stable: fixes with equal times keep their input order.
        fixes.sort_by(|a, b| a.t.total_cmp(&b.t));
    }
    if inaccurate > 0 {
        issues.push(Issue::warning(
            "/track",
            super::codes::INACCURATE_FIXES,
            format!(
                "{inaccurate} fix(es) have an accuracy worse than {} m (option maxAccuracyM) and \
                 were left out.",
                options.max_accuracy_m
            ),
        ));
    }
    fixes
}

fn check_order(i: usize, o: &VisitOrder, radius: Option<f64>, issues: &mut Vec<Issue>) -> bool {
    let before = issues.len();
    let mut bad = |field: &str, code: &'static str, message: String| {
        issues.push(Issue::error(format!("/orders/{i}/{field}"), code, message));
    };
    if !(o.lat.is_finite() && (-90.0..=90.0).contains(&o.lat)) {
        bad(
            "lat",
            codes::OUT_OF_RANGE,
            format!("Latitude {} is not from -90 to 90 degrees.", o.lat),
        );
    }
    if !(o.lon.is_finite() && (-180.0..=180.0).contains(&o.lon)) {
        bad(
            "lon",
            codes::OUT_OF_RANGE,
            format!("Longitude {} is not from -180 to 180 degrees.", o.lon),
        );
    }
    match radius {
        None => bad(
            "radiusM",
            codes::MISSING_FIELD,
            "The order has no radius: give `radiusM` (Wialon `r`, Yandex `mark_delivered_radius`) \
             or the `defaultRadiusM` option (the Yandex depot or company radius)."
                .to_string(),
        ),
        Some(r) if !(r.is_finite() && r > 0.0 && r <= MAX_RADIUS_M) => bad(
            "radiusM",
            codes::OUT_OF_RANGE,
            format!("The radius is {r}; it must be a number of metres greater than 0."),
        ),
        Some(_) => {}
    }
    for (field, value) in [
        ("serviceDurationS", o.service_duration_s),
        ("sharedServiceDurationS", o.shared_service_duration_s),
        ("advanceS", o.advance_s),
    ] {
        if let Some(v) = value.filter(|v| !(v.is_finite() && *v >= 0.0)) {
            bad(
                field,
                codes::OUT_OF_RANGE,
                format!("`{field}` is {v}; it must be a number of seconds, 0 or more."),
            );
        }
    }
    for (field, value) in [("timeFrom", o.time_from), ("timeTo", o.time_to)] {
        if let Some(v) = value.filter(|v| !v.is_finite()) {
            bad(
                field,
                codes::OUT_OF_RANGE,
                format!("`{field}` is {v}; it must be a UNIX time in seconds."),
            );
        }
    }
    if let (Some(from), Some(to)) = (o.time_from, o.time_to) {
        if from > to {
            bad(
                "timeTo",
                codes::CONFLICTING_FIELDS,
                format!("The window ends ({to}) before it starts ({from})."),
            );
        }
    }
    issues.len() == before
}

fn unevaluated(index: usize, order: &VisitOrder) -> VisitResult {
    VisitResult {
        index,
        id: order.id.clone(),
        evaluated: false,
        radius_m: None,
        stays: Vec::new(),
        arrival: None,
        departure: None,
        dwell_s: 0.0,
        total_dwell_s: 0.0,
        inside_at_end: false,
        ignored_fixes: 0,
        wialon: WialonOutcome {
            completed: false,
            completed_at: None,
            rule: None,
            status: 1,
            timeliness: None,
            confirmable: false,
        },
        yandex: YandexOutcome {
            visited: false,
            visited_at: None,
            required_dwell_s: 0.0,
            arrival: None,
            departure: None,
            timeliness: None,
        },
    }
}

/// Wialon flag: completed on a zero-speed message inside the area.
const FLAG_ZERO_SPEED: u32 = 0x1;
/// Wialon flag: completed after leaving the area.
const FLAG_LEAVE: u32 = 0x2;
/// Wialon flag: can be confirmed only inside the radius.
const FLAG_CONFIRM_INSIDE: u32 = 0x40;

fn evaluate(
    index: usize,
    order: &VisitOrder,
    radius_m: f64,
    fixes: &[Fix],
    options: &VisitOptions,
) -> VisitResult {
    let required = options.service_time_coefficient
        * (order.service_duration_s.unwrap_or(600.0)
            + order.shared_service_duration_s.unwrap_or(0.0));
    let term_limit = haversine_term_of_distance(radius_m);
    let cos_order = order.lat.to_radians().cos();
    // Quick reject in latitude before the trigonometry (with a margin for rounding).
    let dlat = radius_m / METRES_PER_DEGREE * (1.0 + 1e-9) + 1e-9;

    let mut stays: Vec<Stay> = Vec::new();
    let mut current: Option<Stay> = None;
    let mut ignored = 0usize;
    let mut inside_at_end = false;
    // Yandex: (stay index, visit time) of the first stay reaching the required dwell.
    let mut yandex_visit: Option<(usize, f64)> = None;
    for f in fixes {
        if f.accuracy > radius_m {
            ignored += 1;
            continue;
        }
        let inside = (f.lat - order.lat).abs() <= dlat
            && haversine_term(f.lat, f.lon, cos_order, order.lat, order.lon) <= term_limit;
        inside_at_end = inside;
        if inside {
            let stay = current.get_or_insert(Stay {
                arrival: f.t,
                departure: None,
                last_inside: f.t,
                dwell_s: 0.0,
                first_stop: None,
                fixes: 0,
            });
            stay.last_inside = f.t;
            stay.dwell_s = f.t - stay.arrival;
            stay.fixes += 1;
            if f.stopped && stay.first_stop.is_none() {
                stay.first_stop = Some(f.t);
            }
            if yandex_visit.is_none() && stay.dwell_s >= required {
                yandex_visit = Some((stays.len(), f.t));
            }
        } else if let Some(mut stay) = current.take() {
            stay.departure = Some(f.t);
            stays.push(stay);
        }
    }
    if let Some(stay) = current.take() {
        stays.push(stay);
    }

    let longest = stays
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.dwell_s.total_cmp(&b.dwell_s).then(ib.cmp(ia)))
        .map(|(_, s)| s);
    let total_dwell_s = stays.iter().map(|s| s.dwell_s).sum();

    // Wialon.
    let mut triggers: Vec<(f64, CompletionRule)> = Vec::new();
    if order.flags & (FLAG_ZERO_SPEED | FLAG_LEAVE) == 0 {
        if let Some(s) = stays.first() {
            triggers.push((s.arrival, CompletionRule::Arrival));
        }
    }
    if order.flags & FLAG_ZERO_SPEED != 0 {
        if let Some(t) = stays.iter().find_map(|s| s.first_stop) {
            triggers.push((t, CompletionRule::ZeroSpeed));
        }
    }
    if order.flags & FLAG_LEAVE != 0 {
        if let Some(t) = stays.first().and_then(|s| s.departure) {
            triggers.push((t, CompletionRule::LeftArea));
        }
    }
    let completion = triggers.into_iter().min_by(|a, b| a.0.total_cmp(&b.0));
    let earliest_ok = order
        .time_from
        .map(|from| from - order.advance_s.unwrap_or(0.0));
    let wialon_timeliness = completion.and_then(|(t, _)| timeliness(t, earliest_ok, order.time_to));
    let status = match (completion, wialon_timeliness) {
        (Some(_), Some(Timeliness::Late)) => 3,
        (Some(_), _) => 2,
        (None, _) if inside_at_end => 5,
        (None, _) => 1,
    };

    // Yandex.
    let visited = options.mark_delivered_enabled && yandex_visit.is_some();
    let yandex_stay = match yandex_visit {
        Some((i, _)) if visited => stays.get(i),
        _ => stays.first(),
    };
    let yandex_arrival = yandex_stay.map(|s| s.arrival);

    VisitResult {
        index,
        id: order.id.clone(),
        evaluated: true,
        radius_m: Some(radius_m),
        arrival: longest.map(|s| s.arrival),
        departure: longest.and_then(|s| s.departure),
        dwell_s: longest.map_or(0.0, |s| s.dwell_s),
        total_dwell_s,
        inside_at_end,
        ignored_fixes: ignored,
        wialon: WialonOutcome {
            completed: completion.is_some(),
            completed_at: completion.map(|c| c.0),
            rule: completion.map(|c| c.1),
            status,
            timeliness: wialon_timeliness,
            confirmable: order.flags & FLAG_CONFIRM_INSIDE == 0 || inside_at_end,
        },
        yandex: YandexOutcome {
            visited,
            visited_at: yandex_visit.filter(|_| visited).map(|v| v.1),
            required_dwell_s: required,
            arrival: yandex_arrival,
            departure: yandex_stay.and_then(|s| s.departure),
            timeliness: yandex_arrival.and_then(|t| timeliness(t, order.time_from, order.time_to)),
        },
        stays,
    }
}

/// `t` against a window; `None` when there is no bound at all.
fn timeliness(t: f64, from: Option<f64>, to: Option<f64>) -> Option<Timeliness> {
    if from.is_none() && to.is_none() {
        return None;
    }
    Some(if from.is_some_and(|f| t < f) {
        Timeliness::Early
    } else if to.is_some_and(|to| t > to) {
        Timeliness::Late
    } else {
        Timeliness::OnTime
    })
}
