//! Visit detection with hand-built tracks, one per vendor rule.

use orderbridge::geo::distance::METRES_PER_DEGREE;
use orderbridge::geo::visits::CompletionRule;
use orderbridge::geo::{detect_visits, Timeliness, TrackPoint, VisitOptions, VisitOrder};

/// The order point: a Wialon order at y=55.75, x=37.62.
const LAT: f64 = 55.75;
const LON: f64 = 37.62;
/// A base time (2024-03-22 09:00 UTC).
const T0: f64 = 1_711_098_000.0;

/// A fix `north_m` metres north of the order point at `T0 + dt`, with a speed in m/s.
fn fix(dt: f64, north_m: f64, speed: f64) -> TrackPoint {
    TrackPoint {
        t: T0 + dt,
        lat: LAT + north_m / METRES_PER_DEGREE,
        lon: LON,
        speed: Some(speed),
        accuracy: Some(5.0),
    }
}

fn order(radius: f64, flags: u32) -> VisitOrder {
    VisitOrder {
        id: Some("A-1".into()),
        lat: LAT,
        lon: LON,
        radius_m: Some(radius),
        flags,
        ..VisitOrder::default()
    }
}

/// Approach from 500 m, drive through the 100 m area without stopping, leave.
fn drive_through() -> Vec<TrackPoint> {
    vec![
        fix(0.0, 500.0, 10.0),
        fix(30.0, 200.0, 10.0),
        fix(40.0, 90.0, 8.0),    // arrival
        fix(50.0, 0.0, 6.0),     // still moving
        fix(60.0, -90.0, 8.0),   // last inside
        fix(70.0, -200.0, 10.0), // departure
        fix(100.0, -500.0, 10.0),
    ]
}

/// Approach, stop at the door for 10 minutes, leave.
fn stop_and_leave() -> Vec<TrackPoint> {
    vec![
        fix(0.0, 500.0, 10.0),
        fix(40.0, 80.0, 5.0), // arrival
        fix(60.0, 10.0, 0.0), // stopped
        fix(300.0, 12.0, 0.0),
        fix(660.0, 11.0, 0.1),  // last inside
        fix(700.0, 150.0, 6.0), // departure
        fix(760.0, 600.0, 10.0),
    ]
}

fn run(track: &[TrackPoint], orders: &[VisitOrder]) -> Vec<orderbridge::geo::VisitResult> {
    let (results, issues) = detect_visits(track, orders, &VisitOptions::default());
    assert!(issues.is_empty(), "{issues:?}");
    results
}

#[test]
fn stays_arrival_departure_and_dwell() {
    let r = &run(&stop_and_leave(), &[order(100.0, 0)])[0];
    assert!(r.evaluated);
    assert_eq!(r.id.as_deref(), Some("A-1"));
    assert_eq!(r.stays.len(), 1);
    assert_eq!(r.arrival, Some(T0 + 40.0));
    assert_eq!(r.departure, Some(T0 + 700.0));
    assert_eq!(r.dwell_s, 620.0);
    assert_eq!(r.stays[0].first_stop, Some(T0 + 60.0));
    assert_eq!(r.stays[0].fixes, 4);
    assert!(!r.inside_at_end);
}

#[test]
fn wialon_without_flags_completes_on_arrival() {
    let r = &run(&drive_through(), &[order(100.0, 0)])[0];
    assert!(r.wialon.completed);
    assert_eq!(r.wialon.completed_at, Some(T0 + 40.0));
    assert_eq!(r.wialon.rule, Some(CompletionRule::Arrival));
    assert_eq!(r.wialon.status, 2);
    assert_eq!(r.wialon.timeliness, None, "no window");
}

#[test]
fn wialon_flag_0x1_needs_a_zero_speed_fix_inside() {
    // Driving through never stops: not completed, and the unit ended outside: status 1.
    let r = &run(&drive_through(), &[order(100.0, 0x1)])[0];
    assert!(!r.wialon.completed);
    assert_eq!(r.wialon.status, 1);
    // Stopping at the door completes at the first zero-speed fix inside.
    let r = &run(&stop_and_leave(), &[order(100.0, 0x1)])[0];
    assert_eq!(r.wialon.completed_at, Some(T0 + 60.0));
    assert_eq!(r.wialon.rule, Some(CompletionRule::ZeroSpeed));
    // A stop outside the radius does not count.
    let r = &run(&stop_and_leave(), &[order(9.0, 0x1)])[0];
    assert!(!r.wialon.completed, "{:?}", r.stays);
    // Fixes without a speed never count as stopped.
    let mut no_speed = stop_and_leave();
    for f in &mut no_speed {
        f.speed = None;
    }
    assert!(!run(&no_speed, &[order(100.0, 0x1)])[0].wialon.completed);
}

#[test]
fn wialon_flag_0x2_completes_on_leaving_and_status_5_while_inside() {
    let r = &run(&stop_and_leave(), &[order(100.0, 0x2)])[0];
    assert_eq!(r.wialon.completed_at, Some(T0 + 700.0));
    assert_eq!(r.wialon.rule, Some(CompletionRule::LeftArea));
    // The track ends at the door: not completed yet, unit in the order area.
    let still_there: Vec<TrackPoint> = stop_and_leave().into_iter().take(5).collect();
    let r = &run(&still_there, &[order(100.0, 0x2)])[0];
    assert!(!r.wialon.completed);
    assert!(r.inside_at_end);
    assert_eq!(r.wialon.status, 5);
    assert_eq!(r.departure, None);
    // Both flags: the earlier trigger (the stop) wins.
    let r = &run(&stop_and_leave(), &[order(100.0, 0x3)])[0];
    assert_eq!(r.wialon.rule, Some(CompletionRule::ZeroSpeed));
}

#[test]
fn wialon_flag_0x40_confirmable_only_inside() {
    let inside: Vec<TrackPoint> = stop_and_leave().into_iter().take(4).collect();
    assert!(run(&inside, &[order(100.0, 0x40)])[0].wialon.confirmable);
    assert!(
        !run(&stop_and_leave(), &[order(100.0, 0x40)])[0]
            .wialon
            .confirmable
    );
    // Without the flag an order can be confirmed anywhere.
    assert!(
        run(&stop_and_leave(), &[order(100.0, 0)])[0]
            .wialon
            .confirmable
    );
}

#[test]
fn wialon_status_against_tf_tt_and_trt() {
    // Completed (arrival) at T0 + 40.
    let window = |tf: f64, tt: f64, trt: Option<f64>| VisitOrder {
        time_from: Some(T0 + tf),
        time_to: Some(T0 + tt),
        advance_s: trt,
        ..order(100.0, 0)
    };
    let on_time = &run(&drive_through(), &[window(0.0, 3600.0, None)])[0];
    assert_eq!(on_time.wialon.status, 2);
    assert_eq!(on_time.wialon.timeliness, Some(Timeliness::OnTime));
    let late = &run(&drive_through(), &[window(-3600.0, 30.0, None)])[0];
    assert_eq!(late.wialon.status, 3);
    assert_eq!(late.wialon.timeliness, Some(Timeliness::Late));
    // Window opens at T0 + 600: 560 s early; trt = 300 is not enough, trt = 600 is.
    let early = &run(&drive_through(), &[window(600.0, 3600.0, Some(300.0))])[0];
    assert_eq!(early.wialon.timeliness, Some(Timeliness::Early));
    assert_eq!(early.wialon.status, 2);
    let advanced = &run(&drive_through(), &[window(600.0, 3600.0, Some(600.0))])[0];
    assert_eq!(advanced.wialon.timeliness, Some(Timeliness::OnTime));
}

#[test]
fn yandex_dwell_rule_with_coefficient_and_durations() {
    let yandex = |service: f64, shared: f64| VisitOrder {
        service_duration_s: Some(service),
        shared_service_duration_s: Some(shared),
        ..order(100.0, 0)
    };
    // The stop lasts 620 s (fixes at +40 .. +660).
    let r = &run(&stop_and_leave(), &[yandex(300.0, 60.0)])[0];
    assert_eq!(r.yandex.required_dwell_s, 360.0);
    assert!(r.yandex.visited);
    // First fix at which 360 s had passed since arrival (+40): the one at +660.
    assert_eq!(r.yandex.visited_at, Some(T0 + 660.0));
    assert_eq!(r.yandex.arrival, Some(T0 + 40.0));
    assert_eq!(r.yandex.departure, Some(T0 + 700.0));
    // Default service_duration_s is 600 s and 620 ≥ 600.
    let r = &run(&stop_and_leave(), &[order(100.0, 0)])[0];
    assert_eq!(r.yandex.required_dwell_s, 600.0);
    assert!(r.yandex.visited);
    // 600 + 60 shared = 660 > 620: not visited.
    assert!(
        !run(&stop_and_leave(), &[yandex(600.0, 60.0)])[0]
            .yandex
            .visited
    );
    // The company coefficient scales the requirement.
    let options = VisitOptions {
        service_time_coefficient: 0.5,
        ..VisitOptions::default()
    };
    let (results, _) = detect_visits(&stop_and_leave(), &[yandex(600.0, 60.0)], &options);
    assert!(results[0].yandex.visited);
    assert_eq!(results[0].yandex.visited_at, Some(T0 + 660.0)); // needs 330 s: +300 is 260 s in
                                                                // Disabled at company level: never marked.
    let options = VisitOptions {
        mark_delivered_enabled: false,
        ..VisitOptions::default()
    };
    let (results, _) = detect_visits(&stop_and_leave(), &[yandex(0.0, 0.0)], &options);
    assert!(!results[0].yandex.visited);
    assert_eq!(results[0].yandex.visited_at, None);
    // A drive-through never satisfies a non-zero requirement; a zero one is met on arrival.
    assert!(
        !run(&drive_through(), &[yandex(60.0, 0.0)])[0]
            .yandex
            .visited
    );
    let r = &run(&drive_through(), &[yandex(0.0, 0.0)])[0];
    assert_eq!(r.yandex.visited_at, Some(T0 + 40.0));
}

#[test]
fn yandex_radius_falls_back_to_the_company_default() {
    let no_radius = VisitOrder {
        radius_m: None,
        ..order(100.0, 0)
    };
    let (results, issues) = detect_visits(
        &stop_and_leave(),
        std::slice::from_ref(&no_radius),
        &VisitOptions::default(),
    );
    assert!(!results[0].evaluated);
    assert_eq!(issues.len(), 1);
    assert_eq!(
        (issues[0].path.as_str(), issues[0].code.as_ref()),
        ("/orders/0/radiusM", "MISSING_FIELD")
    );
    let options = VisitOptions {
        default_radius_m: Some(200.0),
        ..VisitOptions::default()
    };
    let (results, issues) = detect_visits(&stop_and_leave(), &[no_radius], &options);
    assert!(issues.is_empty());
    assert_eq!(results[0].radius_m, Some(200.0));
    // With 200 m the fix 150 m north at +700 is still inside: departure at +760.
    assert_eq!(results[0].departure, Some(T0 + 760.0));
}

#[test]
fn time_windows_for_yandex_use_the_arrival() {
    let o = VisitOrder {
        time_from: Some(T0 + 100.0),
        time_to: Some(T0 + 200.0),
        ..order(100.0, 0)
    };
    let r = &run(&stop_and_leave(), &[o])[0];
    assert_eq!(r.yandex.timeliness, Some(Timeliness::Early)); // arrived at +40
}

#[test]
fn late_events_are_sorted_and_reported() {
    let mut shuffled = stop_and_leave();
    shuffled.swap(1, 4);
    shuffled.swap(2, 6);
    let (results, issues) =
        detect_visits(&shuffled, &[order(100.0, 0x1)], &VisitOptions::default());
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].code, "TRACK_NOT_SORTED");
    // Times in arrival order: +0 +660 +760 +300 +40 +700 +60: four came after a later one.
    assert!(
        issues[0].message.starts_with("4 fix(es)"),
        "{}",
        issues[0].message
    );
    assert_eq!(results, run(&stop_and_leave(), &[order(100.0, 0x1)]));
}

#[test]
fn inaccurate_fixes_rule() {
    let mut track = stop_and_leave();
    // A wild fix 300 m away in the middle of the stop, with 150 m accuracy: beyond the default
    // 100 m limit, left out for all orders, so it does not split the stay.
    track.insert(
        3,
        TrackPoint {
            accuracy: Some(150.0),
            ..fix(200.0, 300.0, 0.0)
        },
    );
    // A fix 60 m out with 60 m accuracy: usable for a 100 m order, unusable for a 50 m order
    // (accuracy worse than the radius), where it is skipped rather than ending the stay.
    track.insert(
        5,
        TrackPoint {
            accuracy: Some(60.0),
            ..fix(400.0, 60.0, 0.0)
        },
    );
    let small = order(50.0, 0);
    let (results, issues) =
        detect_visits(&track, &[order(100.0, 0), small], &VisitOptions::default());
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].code, "INACCURATE_FIXES");
    assert!(
        issues[0].message.starts_with("1 fix(es)"),
        "{}",
        issues[0].message
    );
    let (big, small) = (&results[0], &results[1]);
    assert_eq!(big.stays.len(), 1);
    assert_eq!(big.ignored_fixes, 0);
    assert_eq!(big.dwell_s, 620.0);
    assert_eq!(small.ignored_fixes, 1);
    assert_eq!(small.stays.len(), 1, "{:?}", small.stays);
    // The same fix with a good accuracy does end the 50 m stay.
    let mut precise = track.clone();
    precise[5].accuracy = Some(3.0);
    let (results, _) = detect_visits(&precise, &[order(50.0, 0)], &VisitOptions::default());
    assert_eq!(
        results[0].stays.len(),
        2,
        "{:?} {:?}",
        results[0].stays,
        precise
    );
    // A looser limit keeps the wild fix: still unusable for the 100 m order (150 m accuracy),
    // but usable for a 200 m order, whose stay it splits (it is 300 m away).
    let options = VisitOptions {
        max_accuracy_m: 500.0,
        ..VisitOptions::default()
    };
    let (results, issues) = detect_visits(&track, &[order(100.0, 0), order(200.0, 0)], &options);
    assert!(issues.is_empty());
    assert_eq!((results[0].stays.len(), results[0].ignored_fixes), (1, 1));
    assert_eq!((results[1].stays.len(), results[1].ignored_fixes), (2, 0));
}

#[test]
fn the_longest_stay_is_the_visit_not_the_drive_by() {
    let mut track = drive_through();
    // Come back an hour later and stop for 10 minutes.
    for f in stop_and_leave() {
        track.push(TrackPoint {
            t: f.t + 3600.0,
            ..f
        });
    }
    let r = &run(&track, &[order(100.0, 0x1)])[0];
    assert_eq!(r.stays.len(), 2);
    assert_eq!(r.arrival, Some(T0 + 3640.0));
    assert_eq!(r.dwell_s, 620.0);
    assert_eq!(r.total_dwell_s, 640.0);
    // Wialon 0x1 completes at the stop of the second stay.
    assert_eq!(r.wialon.completed_at, Some(T0 + 3660.0));
}

#[test]
fn bad_fixes_orders_and_options_are_reported() {
    let mut track = stop_and_leave();
    track[2].lat = f64::NAN;
    track[3].speed = Some(-1.0);
    track[4].lon = 181.0;
    let bad_order = VisitOrder {
        lat: 95.0,
        time_from: Some(T0 + 10.0),
        time_to: Some(T0),
        service_duration_s: Some(-5.0),
        ..order(0.0, 0)
    };
    let (results, issues) = detect_visits(
        &track,
        &[bad_order, order(100.0, 0)],
        &VisitOptions::default(),
    );
    let got: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_ref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("/track/2/lat", "OUT_OF_RANGE"),
            ("/track/3/speed", "OUT_OF_RANGE"),
            ("/track/4/lon", "OUT_OF_RANGE"),
            ("/orders/0/lat", "OUT_OF_RANGE"),
            ("/orders/0/radiusM", "OUT_OF_RANGE"),
            ("/orders/0/serviceDurationS", "OUT_OF_RANGE"),
            ("/orders/0/timeTo", "CONFLICTING_FIELDS"),
        ]
    );
    assert!(!results[0].evaluated);
    assert!(results[1].evaluated);
    // The three bad fixes were inside the stop; what is left still makes one stay.
    assert_eq!(results[1].stays.len(), 1);

    let options = VisitOptions {
        service_time_coefficient: f64::NAN,
        max_accuracy_m: 0.0,
        ..VisitOptions::default()
    };
    let (results, issues) = detect_visits(&stop_and_leave(), &[order(100.0, 0)], &options);
    assert!(!results[0].evaluated);
    let got: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        got,
        vec!["/options/serviceTimeCoefficient", "/options/maxAccuracyM"]
    );
}

#[test]
fn empty_inputs() {
    let (results, issues) = detect_visits(&[], &[order(100.0, 0x2)], &VisitOptions::default());
    assert!(issues.is_empty());
    assert!(results[0].stays.is_empty());
    assert_eq!(results[0].wialon.status, 1);
    let (results, _) = detect_visits(&stop_and_leave(), &[], &VisitOptions::default());
    assert!(results.is_empty());
}

#[test]
fn optimoroute_positions_and_camel_case_results() {
    // Positions as OptimoRoute's Position Object names them (get_events example values).
    let track: Vec<TrackPoint> = serde_json::from_str(
        r#"[{"timestamp":1516298028,"latitude":41.79078,"longitude":-71.42226,"accuracy":4.0,"speed":0.0,"heading":90}]"#,
    )
    .unwrap();
    let orders: Vec<VisitOrder> =
        serde_json::from_str(r#"[{"lat":41.79078,"lon":-71.4219,"radiusM":50,"flags":1}]"#)
            .unwrap();
    let options: VisitOptions = serde_json::from_str(r#"{"maxAccuracyM":20}"#).unwrap();
    let (results, issues) = detect_visits(&track, &orders, &options);
    assert!(issues.is_empty());
    // 30 m away (the event's distanceToLocation is of the same order), stopped: completed.
    assert_eq!(results[0].wialon.completed_at, Some(1516298028.0));
    let json = serde_json::to_value(&results[0]).unwrap();
    assert_eq!(json["wialon"]["completedAt"], 1516298028.0);
    assert_eq!(json["wialon"]["rule"], "zeroSpeed");
    assert_eq!(json["yandex"]["requiredDwellS"], 600.0);
    assert_eq!(json["insideAtEnd"], true);
}

#[test]
fn null_coordinates_from_json_stringify_are_reported_not_rejected() {
    // JSON.stringify({lat: NaN}) gives {"lat":null}.
    let track: Vec<TrackPoint> =
        serde_json::from_str(r#"[{"t":1,"lat":null,"lon":37.6},{"t":2,"lat":55.7,"lon":37.6}]"#)
            .unwrap();
    let (_, issues) = detect_visits(&track, &[order(100.0, 0)], &VisitOptions::default());
    assert_eq!(issues.len(), 1);
    assert_eq!(
        (issues[0].path.as_str(), issues[0].code.as_ref()),
        ("/track/0/lat", "OUT_OF_RANGE")
    );
}
