//! Planning orders given in a canonical or vendor format (`problem.ordersFrom`).

use orderbridge::plan::problem::{Location, PlanOptions, PlanProblem, PlanVehicle, TravelModel};
use orderbridge::plan::{adapt, check_solution, plan};

fn vehicle() -> PlanVehicle {
    PlanVehicle {
        id: "van1".into(),
        start: Some(Location::lat_lon(42.36, -71.06)),
        work_time: Some([7.0 * 3600.0, 20.0 * 3600.0]),
        capacity: vec![100.0],
        ..PlanVehicle::default()
    }
}

fn problem(format: &str, payload: serde_json::Value, extra: serde_json::Value) -> PlanProblem {
    let mut from = serde_json::json!({ "format": format, "payload": payload });
    if let (Some(f), Some(e)) = (from.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            f.insert(k.clone(), v.clone());
        }
    }
    PlanProblem {
        vehicles: vec![vehicle()],
        travel: TravelModel::default(),
        orders_from: Some(serde_json::from_value(from).unwrap()),
        ..PlanProblem::default()
    }
}

fn solve(p: &PlanProblem) -> orderbridge::plan::solution::PlanSolution {
    let options = PlanOptions {
        max_iterations: Some(300),
        ..PlanOptions::default()
    };
    let mut clock = 0.0;
    let s = plan(
        p,
        &options,
        &mut || {
            clock += 1.0;
            clock
        },
        None,
    )
    .unwrap();
    let (resolved, _) = adapt::resolve(p).unwrap();
    let report = check_solution(&resolved, &s);
    assert!(report.feasible, "{:?}", report.issues);
    s
}

#[test]
fn canonical_orders_with_local_windows_are_planned_on_their_day() {
    let payload = serde_json::json!({ "orders": [
        { "number": "A", "date": "2024-03-22", "location": { "lat": 42.365, "lon": -71.054 },
          "timeWindows": [{ "kind": "local", "start": 36000, "end": 39600, "date": "2024-03-22", "endBounds": "serviceStart" }],
          "service": { "durationS": 600 }, "load": { "weightKg": 10 } },
        { "number": "B", "date": "2024-03-22", "location": { "lat": 42.37, "lon": -71.06 },
          "timeWindows": [{ "kind": "local", "start": 28800, "end": 32400, "date": "2024-03-22", "endBounds": "serviceStart" }],
          "load": { "weightKg": 20 } }
    ]});
    let p = problem("canonical", payload, serde_json::json!({}));
    let (resolved, issues) = adapt::resolve(&p).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(resolved.orders[0].time_windows, vec![[36000.0, 39600.0]]);
    assert_eq!(resolved.orders[0].demand, vec![10.0]);
    let s = solve(&p);
    let route = &s.routes[0];
    let ids: Vec<&str> = route.stops.iter().map(|st| st.order_id.as_str()).collect();
    // B's window (08:00-09:00) comes before A's (10:00-11:00).
    assert_eq!(ids, vec!["B", "A"]);
}

#[test]
fn an_end_of_service_deadline_becomes_a_start_deadline() {
    // OptimoRoute twTo is the deadline to END service: 10:00-10:30 with a 20-minute duration
    // leaves service starts 10:00-10:10.
    let payload = serde_json::json!({ "orders": [
        { "orderNo": "O1", "date": "2024-03-22", "type": "D", "duration": 20,
          "location": { "locationNo": "L1", "locationName": "Shop", "latitude": 42.365, "longitude": -71.054 },
          "timeWindows": [{ "twFrom": "10:00", "twTo": "10:30" }] }
    ]});
    let p = problem("optimoroute", payload, serde_json::json!({}));
    match adapt::resolve(&p) {
        Ok((resolved, issues)) => {
            assert_eq!(resolved.orders[0].time_windows, vec![[36000.0, 36600.0]]);
            assert!(
                issues.iter().any(|i| i.code == "BOUNDS_ADJUSTED"),
                "{issues:?}"
            );
        }
        // Without the OptimoRoute codec there is nothing to plan; the error says so.
        Err(issues) => assert_eq!(issues[0].path, "/ordersFrom/format", "{issues:?}"),
    }
}

#[test]
fn absolute_windows_need_a_zone_and_then_land_on_the_plan_clock() {
    // 2024-03-22 10:00-11:00 Moscow (+03:00) = 07:00-08:00 UTC.
    let payload = serde_json::json!({ "number": "W1", "location": { "lat": 55.75, "lon": 37.62 },
        "timeWindows": [{ "kind": "absolute", "start": 1711090800, "end": 1711094400, "endBounds": "serviceStart" }] });
    let without = problem(
        "canonical",
        payload.clone(),
        serde_json::json!({ "date": "2024-03-22" }),
    );
    let (_, issues) = adapt::resolve(&without).unwrap();
    assert_eq!(issues[0].code, "TIME_ZONE_REQUIRED");
    assert_eq!(issues[0].path, "/ordersFrom/payload/timeWindows/0");
    let with = problem(
        "canonical",
        payload,
        serde_json::json!({ "date": "2024-03-22", "timeZone": "Europe/Moscow" }),
    );
    let (resolved, issues) = adapt::resolve(&with).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(resolved.orders[0].time_windows, vec![[36000.0, 39600.0]]);
}

#[test]
fn bad_orders_are_reported_at_their_payload_path_and_the_rest_is_planned() {
    let payload = serde_json::json!({ "orders": [
        { "number": "A", "location": { "lat": 42.365, "lon": -71.054 } },
        { "number": 7, "location": { "lat": 42.37, "lon": -71.06 } }
    ]});
    let p = problem("canonical", payload, serde_json::json!({}));
    let (resolved, issues) = adapt::resolve(&p).unwrap();
    assert_eq!(resolved.orders.len(), 1);
    assert_eq!(issues[0].path, "/ordersFrom/payload/orders/1/number");
    solve(&p);
}

#[test]
fn an_unknown_format_or_zone_rejects_the_call() {
    let p = problem("tomtom", serde_json::json!({}), serde_json::json!({}));
    assert_eq!(
        adapt::resolve(&p).unwrap_err()[0].path,
        "/ordersFrom/format"
    );
    let p = problem(
        "canonical",
        serde_json::json!({}),
        serde_json::json!({ "timeZone": "Mars/Base" }),
    );
    assert_eq!(adapt::resolve(&p).unwrap_err()[0].code, "UNKNOWN_TIME_ZONE");
}
