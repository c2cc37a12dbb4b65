//! OptimoRoute conversion: the documented examples, hand-written expected outputs, round trips.

mod convert_support;

use convert_support::{opts as options, run};
use orderbridge::convert::{Codec, ConvertOptions, Converted, WindowSemantics};
use orderbridge::model::{Order, OrderKind};
use orderbridge::validate::{validate_text, Format};
use orderbridge::vendor::ValidateOptions;
use serde_json::{json, Value as Json};

fn fixture(name: &str) -> String {
    convert_support::fixture(&format!("optimoroute/{name}"))
}

fn parse(text: &str) -> Json {
    serde_json::from_str(text).expect("JSON output")
}

fn errors(c: &Converted) -> Vec<String> {
    c.issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| format!("{} {} {}", i.path, i.code, i.message))
        .collect()
}

/// OptimoRoute → canonical → OptimoRoute.
fn round_trip(text: &str) -> (Json, Converted, Converted) {
    let there = run(text, &options("optimoroute", "canonical"));
    assert_eq!(errors(&there), Vec::<String>::new());
    let canonical = there.output.clone().expect("canonical output");
    let back = run(&canonical, &options("canonical", "optimoroute"));
    assert_eq!(errors(&back), Vec::<String>::new(), "{canonical}");
    let out = parse(back.output.as_deref().expect("OptimoRoute output"));
    (out, there, back)
}

fn assert_valid_optimoroute(text: &str) {
    let report = validate_text(
        Format::from_id("optimoroute").unwrap(),
        text,
        &ValidateOptions::default(),
    )
    .unwrap();
    let errs: Vec<_> = report.issues.iter().filter(|i| i.is_error()).collect();
    assert!(errs.is_empty(), "{errs:#?}\n{text}");
}

#[test]
fn documented_examples_round_trip_through_canonical() {
    for name in [
        "create_order_request.json",
        "create_or_update_orders_request.json",
        "own_create_order_sync.json",
        "own_create_or_update_orders_mixed.json",
    ] {
        let text = fixture(name);
        let (out, there, back) = round_trip(&text);
        let input = parse(&text);
        assert_eq!(out, input, "{name}\ncanonical: {}", there.output.unwrap());
        assert!(back.lost.is_empty(), "{name}: {:?}", back.lost);
    }
}

fn warnings(c: &Converted) -> Vec<(String, String)> {
    c.issues
        .iter()
        .filter(|i| !i.is_error())
        .map(|i| (i.path.to_string(), i.code.to_string()))
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn the_documented_order_object_round_trips_in_a_bulk_body() {
    let order = parse(&fixture("order_object.json"));
    let body = json!({ "orders": [order] }).to_string();
    let (out, _, _) = round_trip(&body);
    assert_eq!(out, parse(&body));
}

#[test]
fn a_full_canonical_order_by_hand() {
    let canonical = json!({
        "id": "879887",
        "number": "ORD-1",
        "externalId": "C-9",
        "kind": "delivery",
        "date": "2024-03-22",
        "location": {"lat": 55.75, "lon": 37.61, "address": "Tverskaya 1, Moscow", "name": "Shop", "code": "LOC1", "notes": "gate 4412"},
        "contact": {"name": "Ivan Petrov", "phone": "+7 495 0000000", "phone2": "+7 2", "email": "i@example.com"},
        "timeWindows": [{"kind": "local", "start": 36000, "end": 50400, "date": "2024-03-22", "endBounds": "serviceEnd"}],
        "scheduling": {"allowedWeekdays": ["mon", "fri"], "allowedFrom": "2024-03-01", "allowedTo": "2024-03-31", "allowedAdvanceS": 600},
        "service": {"durationS": 450, "sharedDurationS": 120},
        "load": {"weightKg": 5.5, "volume": 0.02, "packages": 3, "custom": [7]},
        "money": {"amount": 12.5},
        "priority": "critical",
        "requirements": {"skills": ["SK1"], "vehicleFeatures": ["FR"], "vehicleType": "van"},
        "assignment": {"driverSerial": "001", "routeNumber": "R-1"},
        "notes": "ring twice",
        "description": "two boxes",
        "customFields": {"custom_field_2": "B12", "floor": 3, "fragile": true},
        "barcodes": ["12345678"],
        "notifications": {"email": true, "sms": false, "smsSecondPhone": true},
        "relatedOrder": {"number": "ORD-0"},
        "tags": ["7"]
    })
    .to_string();
    let got = run(&canonical, &options("canonical", "optimoroute"));
    assert_eq!(errors(&got), Vec::<String>::new());
    let out = got.output.as_deref().unwrap();
    assert_eq!(
        parse(out),
        json!({
            "operation": "SYNC",
            "orderNo": "ORD-1",
            "relatedOrderNo": "ORD-0",
            "date": "2024-03-22",
            "location": {"locationNo": "LOC1", "locationName": "Shop", "address": "Tverskaya 1, Moscow",
                         "latitude": 55.75, "longitude": 37.61, "checkInTime": 2, "notes": "gate 4412"},
            "type": "D",
            "duration": 7.5,
            "timeWindows": [{"twFrom": "10:00", "twTo": "14:00"}],
            "allowedWeekdays": ["mon", "fri"],
            "allowedDates": {"from": "2024-03-01", "to": "2024-03-31"},
            "assignedTo": {"serial": "001"},
            "priority": "C",
            "load1": 5.5,
            "load2": 0.02,
            "load3": 3,
            "load4": 7,
            "vehicleFeatures": ["FR"],
            "skills": ["SK1"],
            "notes": "ring twice",
            "customField2": "B12",
            "customFields": {"floor": 3, "fragile": true},
            "email": "i@example.com",
            "phone": "+7 495 0000000",
            "notificationPreference": "email",
            "barcode": [{"barcode": "12345678"}]
        })
    );
    assert_valid_optimoroute(out);
    assert_eq!(
        sorted(got.lost.iter().map(|p| p.to_string()).collect()),
        sorted(
            [
                "/id",
                "/externalId",
                "/contact/name",
                "/contact/phone2",
                "/scheduling/allowedAdvanceS",
                "/money/amount",
                "/requirements/vehicleType",
                "/assignment/routeNumber",
                "/description",
                "/tags",
                "/notifications/smsSecondPhone",
            ]
            .map(String::from)
            .to_vec()
        )
    );
    // Each loss is also a warning naming the field.
    for path in &got.lost {
        assert!(
            got.issues
                .iter()
                .any(|i| &i.path == path && i.code == "LOSSY_CONVERSION"),
            "{path}"
        );
    }
}

/// A Wialon-like order: an absolute window bounding completion, no date, no kind.
fn wialon_like() -> String {
    json!({
        "number": "W-1",
        "location": {"lat": 55.75, "lon": 37.61, "address": "Tverskaya 1, Moscow"},
        "timeWindows": [{"kind": "absolute", "start": 1711090800, "end": 1711105200, "endBounds": "completion"}],
        "service": {"durationS": 600}
    })
    .to_string()
}

#[test]
fn an_absolute_window_needs_the_time_zone() {
    let mut o = options("canonical", "optimoroute");
    o.defaults = Some(Order {
        kind: Some(OrderKind::Delivery),
        ..Order::default()
    });
    let got = run(&wialon_like(), &o);
    assert!(got.output.is_none());
    assert!(got
        .issues
        .iter()
        .any(|i| i.code == "TIME_ZONE_REQUIRED" && i.path == "/timeWindows/0" && i.is_error()));
}

#[test]
fn an_absolute_window_is_placed_in_moscow_on_its_own_day() {
    let mut o = options("canonical", "optimoroute");
    o.time_zone = Some("Europe/Moscow".into());
    o.defaults = Some(Order {
        kind: Some(OrderKind::Delivery),
        ..Order::default()
    });
    let got = run(&wialon_like(), &o);
    assert_eq!(errors(&got), Vec::<String>::new());
    let out = got.output.as_deref().unwrap();
    assert_valid_optimoroute(out);
    assert_eq!(
        parse(out),
        json!({
            "operation": "SYNC",
            "orderNo": "W-1",
            "date": "2024-03-22",
            "location": {"locationName": "Tverskaya 1, Moscow", "address": "Tverskaya 1, Moscow",
                         "latitude": 55.75, "longitude": 37.61},
            "type": "D",
            "duration": 10,
            "timeWindows": [{"twFrom": "10:00", "twTo": "14:00"}]
        })
    );
    let w = warnings(&got);
    for expected in [
        ("/timeWindows/0", "DERIVED_VALUE"),
        ("/location/address", "DERIVED_VALUE"),
        ("/timeWindows/0", "VALUE_ADJUSTED"),
    ] {
        assert!(
            w.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} in {w:?}"
        );
    }
    assert!(got.lost.is_empty(), "{:?}", got.lost);

    // Adjusted: a completion window's start moves earlier by the service (10 min).
    o.window_semantics = WindowSemantics::Adjust;
    let got = run(&wialon_like(), &o);
    let out = parse(got.output.as_deref().unwrap());
    assert_eq!(
        out["timeWindows"],
        json!([{"twFrom": "09:50", "twTo": "14:00"}])
    );
    assert!(got.issues.iter().any(|i| i.code == "BOUNDS_ADJUSTED"));
}

#[test]
fn a_start_bounded_local_window_keeps_or_shifts_its_end() {
    // A Yandex-like window: 10:00-14:00 bounds the start of a 10-minute service.
    let canonical = json!({
        "number": "Y-1", "kind": "delivery", "date": "2024-03-22",
        "location": {"lat": 55.75, "lon": 37.61, "name": "Shop"},
        "timeWindows": [{"kind": "local", "start": 36000, "end": 50400, "endBounds": "serviceStart"}],
        "service": {"durationS": 600}
    })
    .to_string();
    let mut o = options("canonical", "optimoroute");
    let kept = run(&canonical, &o);
    let out = parse(kept.output.as_deref().unwrap());
    assert_eq!(
        out["timeWindows"],
        json!([{"twFrom": "10:00", "twTo": "14:00"}])
    );
    assert!(warnings(&kept).contains(&("/timeWindows/0".into(), "VALUE_ADJUSTED".into())));
    o.window_semantics = WindowSemantics::Adjust;
    let adjusted = run(&canonical, &o);
    let out = parse(adjusted.output.as_deref().unwrap());
    assert_eq!(
        out["timeWindows"],
        json!([{"twFrom": "10:00", "twTo": "14:10"}])
    );
    assert!(warnings(&adjusted).contains(&("/timeWindows/0".into(), "BOUNDS_ADJUSTED".into())));
}

#[test]
fn windows_off_the_order_date_or_across_midnight_go_to_allowed_date_times() {
    let canonical = json!({
        "number": "N-1", "kind": "pickup", "date": "2024-03-22",
        "location": {"code": "WH-2"},
        "timeWindows": [
            {"kind": "local", "start": 79200, "end": 93600, "date": "2024-03-22", "endBounds": "serviceStart"},
            {"kind": "local", "start": 32400, "end": 36000, "date": "2024-03-23", "endBounds": "serviceStart"},
            {"kind": "local", "start": 32400, "end": 36000, "date": "2024-03-22", "endBounds": "serviceEnd"}
        ]
    })
    .to_string();
    let got = run(&canonical, &options("canonical", "optimoroute"));
    assert_eq!(errors(&got), Vec::<String>::new());
    let out = got.output.as_deref().unwrap();
    assert_valid_optimoroute(out);
    let out = parse(out);
    assert_eq!(
        out["timeWindows"],
        json!([{"twFrom": "09:00", "twTo": "10:00"}])
    );
    assert_eq!(
        out["allowedDateTimes"],
        json!([
            {"from": "2024-03-22T22:00:00", "to": "2024-03-23T02:00:00"},
            {"from": "2024-03-23T09:00:00", "to": "2024-03-23T10:00:00"}
        ])
    );
}

#[test]
fn new_york_dst_day_both_ways() {
    // 01:00-04:00 on 2024-03-10 spans the spring-forward gap: 3 hours of wall time, 2 real.
    let body = json!({"orders": [{
        "orderNo": "NY-1", "date": "2024-03-10", "type": "D",
        "location": {"locationNo": "L1"},
        "timeWindows": [{"twFrom": "01:00", "twTo": "04:00"}, {"twFrom": "02:30", "twTo": "05:00"}]
    }]})
    .to_string();
    let mut o = options("optimoroute", "canonical");
    o.time_zone = Some("America/New_York".into());
    let got = run(&body, &o);
    assert_eq!(errors(&got), Vec::<String>::new());
    let canonical = parse(got.output.as_deref().unwrap());
    let w = &canonical["orders"][0]["timeWindows"];
    assert_eq!(w[0]["startUnix"], json!(1710050400));
    assert_eq!(w[0]["endUnix"], json!(1710057600));
    // 02:30 does not exist that day: moved forward to 03:30 EDT, and reported.
    assert_eq!(w[1]["startUnix"], json!(1710055800));
    assert!(got
        .issues
        .iter()
        .any(|i| i.code == "DST_GAP" && i.path == "/orders/0/timeWindows/1"));

    // Absolute → local on the same day.
    let canonical = json!({
        "number": "NY-2", "kind": "delivery",
        "location": {"code": "L1"},
        "timeWindows": [{"kind": "absolute", "start": 1710050400, "end": 1710057600, "endBounds": "serviceEnd"}]
    })
    .to_string();
    let mut o = options("canonical", "optimoroute");
    o.time_zone = Some("America/New_York".into());
    let got = run(&canonical, &o);
    let out = parse(got.output.as_deref().unwrap());
    assert_eq!(out["date"], json!("2024-03-10"));
    assert_eq!(
        out["timeWindows"],
        json!([{"twFrom": "01:00", "twTo": "04:00"}])
    );
}

#[test]
fn get_orders_response_converts_the_found_orders() {
    let got = run(
        &fixture("get_orders_response.json"),
        &options("optimoroute", "canonical"),
    );
    let out = parse(got.output.as_deref().unwrap());
    let orders = out["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0]["id"], json!("04e7b09e993e8488024f46aaf9d8c72d"));
    assert_eq!(orders[0]["service"]["durationS"], json!(3600));
    assert_eq!(orders[1]["number"], json!("-"));
    // The failed item is reported by index, not dropped silently.
    assert!(got
        .issues
        .iter()
        .any(|i| i.path == "/orders/1" && i.code == "VENDOR_ERROR"));
}

#[test]
fn a_batch_converts_its_good_orders_and_reports_the_bad_ones_by_index() {
    let body = json!({"orders": [
        {"orderNo": "A", "date": "2024-03-22", "location": {"locationNo": "L1"}},
        {"orderNo": "B", "date": "2024-02-30", "location": {"locationNo": "L1"}},
        {"orderNo": "C", "date": "2024-03-22", "location": {"locationNo": "L1"}, "type": "X"},
        {"orderNo": "D", "date": "2024-03-22", "location": {"locationNo": "L1"},
         "timeWindows": [{"twFrom": "14:00", "twTo": "10:00"}]},
        {"orderNo": "E", "date": "2024-03-22", "location": {"locationNo": "L1"}}
    ]})
    .to_string();
    let got = run(&body, &options("optimoroute", "canonical"));
    let out = parse(got.output.as_deref().unwrap());
    let numbers: Vec<&str> = out["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["A", "E"]);
    let error_paths: Vec<&str> = got
        .issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| i.path.as_str())
        .collect();
    assert_eq!(
        error_paths,
        [
            "/orders/1/date",
            "/orders/2/type",
            "/orders/3/timeWindows/0/twTo"
        ]
    );
}

#[test]
fn strict_turns_losses_into_errors_and_produces_nothing() {
    let canonical = json!({
        "number": "S-1", "kind": "task", "date": "2024-03-22", "location": {"code": "L1"},
        "contact": {"phone2": "+1 555"}
    })
    .to_string();
    let mut o = options("canonical", "optimoroute");
    let lenient = run(&canonical, &o);
    assert!(lenient.output.is_some());
    assert_eq!(lenient.lost, ["/contact/phone2"]);
    o.strict = true;
    let strict = run(&canonical, &o);
    assert!(strict.output.is_none());
    assert_eq!(strict.lost, ["/contact/phone2"]);
    assert!(strict
        .issues
        .iter()
        .any(|i| i.is_error() && i.code == "LOSSY_CONVERSION" && i.path == "/contact/phone2"));
}

#[test]
fn a_created_order_needs_date_type_and_location_or_their_options() {
    let canonical = json!({"number": "R-1"}).to_string();
    let got = run(&canonical, &options("canonical", "optimoroute"));
    assert!(got.output.is_none());
    let cannot: Vec<(&str, bool)> = got
        .issues
        .iter()
        .filter(|i| i.code == "CANNOT_CONVERT")
        .map(|i| (i.path.as_str(), i.message.contains('`')))
        .collect();
    // Reported at the order (the fields are nowhere in the input), naming the options.
    assert_eq!(cannot, [("", true), ("", true), ("", true)]);
    let messages: Vec<&str> = got.issues.iter().map(|i| i.message.as_str()).collect();
    for option in ["`date`", "`defaults.location`", "`defaults.kind`"] {
        assert!(
            messages.iter().any(|m| m.contains(option)),
            "{option} in {messages:?}"
        );
    }

    // The options supply them.
    let mut o = options("canonical", "optimoroute");
    o.date = Some("2024-03-22".into());
    o.defaults = Some(Order {
        kind: Some(OrderKind::Task),
        location: Some(orderbridge::model::Location {
            code: Some("HQ".into()),
            ..Default::default()
        }),
        ..Order::default()
    });
    let got = run(&canonical, &o);
    let out = got.output.as_deref().unwrap();
    assert_valid_optimoroute(out);
    assert_eq!(
        parse(out),
        json!({"operation": "SYNC", "orderNo": "R-1", "date": "2024-03-22",
               "location": {"locationNo": "HQ"}, "type": "T"})
    );

    // An UPDATE needs none of them.
    let mut o = options("canonical", "optimoroute");
    o.defaults = Some(Order {
        vendor: orderbridge::json::parse(r#"{"optimoroute": {"operation": "UPDATE"}}"#)
            .unwrap()
            .as_object()
            .unwrap()
            .clone()
            .into_owned(),
        ..Order::default()
    });
    let got = run(&canonical, &o);
    assert_eq!(
        parse(got.output.as_deref().unwrap()),
        json!({"operation": "UPDATE", "orderNo": "R-1"})
    );
}

fn minimal_batch(n: usize) -> String {
    let orders: Vec<Json> = (0..n)
        .map(|i| json!({"number": format!("N-{i}"), "date": "2024-03-22", "location": {"code": "L1"}}))
        .collect();
    json!({ "orders": orders }).to_string()
}

#[test]
fn more_than_500_orders_are_reported_or_chunked() {
    let batch = minimal_batch(501);
    let got = run(&batch, &options("canonical", "optimoroute"));
    let out = parse(got.output.as_deref().unwrap());
    assert_eq!(out["orders"].as_array().unwrap().len(), 501);
    assert!(got
        .issues
        .iter()
        .any(|i| i.code == "TOO_MANY_ITEMS" && i.is_error() && i.message.contains("500")));

    let mut o = options("canonical", "optimoroute");
    o.target_endpoint = Some("create_or_update_orders:chunks".into());
    let got = run(&batch, &o);
    assert!(!got.issues.iter().any(|i| i.code == "TOO_MANY_ITEMS"));
    let chunks = parse(got.output.as_deref().unwrap());
    let chunks = chunks.as_array().unwrap();
    assert_eq!(chunks.len(), 2);
    assert_eq!(chunks[0]["orders"].as_array().unwrap().len(), 500);
    assert_eq!(chunks[1]["orders"][0]["orderNo"], json!("N-500"));
    for chunk in chunks {
        assert_valid_optimoroute(&chunk.to_string());
    }
}

#[test]
fn preserve_unmapped_carries_what_optimoroute_cannot_hold() {
    let canonical = json!({
        "number": "P-1", "kind": "dropOff", "date": "2024-03-22",
        "location": {"lat": 48.87, "lon": 2.35, "address": "1 Rue X, Paris",
                     "addressParts": {"city": "Paris", "streetName": "Rue X", "streetNumber": "1"}},
        "contact": {"name": "Marie Curie", "phone": "+33 1"},
        "timeWindows": [
            {"kind": "local", "start": 36000, "end": 39600, "date": "2024-03-22", "endBounds": "serviceEnd"},
            {"kind": "absolute", "start": 1711101600, "end": 1711108800, "endBounds": "completion"}
        ],
        "service": {"durationS": 100},
        "money": {"amount": 3},
        "tags": ["1", "2"],
        "vendor": {"wialon": {"itemId": 7}}
    })
    .to_string();
    let mut there = options("canonical", "optimoroute");
    there.preserve_unmapped = true;
    there.time_zone = Some("Europe/Paris".into());
    let got = run(&canonical, &there);
    assert_eq!(errors(&got), Vec::<String>::new());
    assert!(got.lost.is_empty(), "{:?}", got.lost);
    let out = got.output.as_deref().unwrap();
    assert_valid_optimoroute(out);
    let written = parse(out);
    assert!(written["customFields"]["orderbridge"]
        .as_str()
        .unwrap()
        .contains("\"orderbridge\":1"));
    assert!(got.issues.iter().any(|i| i.code == "CARRIED_IN_EXTENSION"));

    let mut back = options("optimoroute", "canonical");
    back.time_zone = Some("Europe/Paris".into());
    let returned = run(out, &back);
    assert_eq!(errors(&returned), Vec::<String>::new());
    let returned = parse(returned.output.as_deref().unwrap());
    assert_eq!(returned, parse(&canonical));
}

#[test]
fn window_and_load_sources_point_into_the_optimoroute_input() {
    let text = fixture("own_create_order_sync.json");
    let got = run(&text, &options("optimoroute", "canonical"));
    let o = orderbridge::json::parse(got.output.as_deref().unwrap()).unwrap();
    let mut ck = orderbridge::check::Checker::new();
    let order =
        orderbridge::model::read_order(&o, &orderbridge::json::Path::root(), &mut ck).unwrap();
    let codec = orderbridge::vendor::optimoroute::CODEC;
    let opts = options("optimoroute", "canonical");
    let at = |p: &str| codec.order_source_pointer(p, &order, &opts);
    assert_eq!(
        at("/timeWindows/1/end").as_deref(),
        Some("/timeWindows/1/twTo")
    );
    assert_eq!(at("/timeWindows/2").as_deref(), Some("/allowedDateTimes/0"));
    assert_eq!(
        at("/timeWindows/2/start").as_deref(),
        Some("/allowedDateTimes/0/from")
    );
    assert_eq!(at("/load/volume").as_deref(), Some("/load2"));
    assert_eq!(
        at("/service/sharedDurationS").as_deref(),
        Some("/location/checkInTime")
    );
    assert_eq!(
        at("/customFields/crates").as_deref(),
        Some("/customFields/crates")
    );
    assert_eq!(at("/barcodes/0").as_deref(), Some("/barcode/0/barcode"));
    assert_eq!(
        at("/contact/phone2").as_deref(),
        Some("/customFields/orderbridge")
    );
}

/// Whether the OptimoRoute codec reads `text` order by order from the text, handing over every
/// order without parsing the text whole or giving up on it.
fn walks(text: &str, o: &ConvertOptions) -> bool {
    use orderbridge::convert::{Codec, Payload};
    let payload = Payload::text(text, false);
    let mut ck = orderbridge::check::Checker::new();
    let mut handed = 0;
    let shape =
        orderbridge::vendor::optimoroute::CODEC.read(&payload, o, &mut ck, &mut |_, _| handed += 1);
    shape.is_some() && handed > 0 && !payload.was_parsed() && !payload.is_abandoned()
}

#[test]
fn reading_a_batch_order_by_order_gives_what_parsing_it_whole_gives() {
    let bad_batch = json!({"orders": [
        {"orderNo": "A", "date": "2024-03-22", "location": {"locationNo": "L1"}, "timeWindows": [{"twFrom": "09:00", "twTo": "10:00"}]},
        {"orderNo": "B", "date": "2024-02-30", "location": {"locationNo": "L1"}},
        {"orderNo": "C", "date": "2024-03-22", "location": {"address": "1 Main St"}, "twFrom": "10:00"},
        {"orderNo": "D", "date": "2024-03-10", "location": {"locationNo": "L1"}, "timeWindows": [{"twFrom": "02:30", "twTo": "04:00"}, {"twFrom": "14:00", "twTo": "10:00"}]}
    ]})
    .to_string();
    let big: Vec<Json> = (0..501)
        .map(|i| {
            let date = if i == 7 { "2024-02-30" } else { "2024-03-22" };
            json!({"orderNo": format!("B-{i}"), "date": date, "location": {"locationNo": "L1"}})
        })
        .collect();
    let big = format!(
        "\n {{ \"orders\" :\n[{}] }}\n",
        big.iter()
            .map(Json::to_string)
            .collect::<Vec<_>>()
            .join(" ,\n")
    );
    // Orders of different shapes one after another, so that each is parsed into the vectors
    // the one before left (see `json::Scratch::recycle`): nested custom fields, a list longer
    // than the parser keeps, escaped strings, then small orders again.
    let long_skills: Vec<String> = (0..300).map(|i| format!("S{i}")).collect();
    let varied = json!({"orders": [
        {"orderNo": "V1", "date": "2024-03-22", "location": {"locationNo": "L1", "locationName": "Dock \"A\"\n", "latitude": 42.353909, "longitude": -71.029173}, "customFields": {"deep": {"a": [1, [2, {"b": [3]}]], "c": "\u{e9}"}}, "skills": ["COLD_CHAIN"]},
        {"orderNo": "V2", "date": "2024-03-22", "location": {"locationNo": "L2"}, "skills": long_skills},
        {"orderNo": "V3", "date": "2024-03-22", "location": {"locationNo": "L3"}, "timeWindows": [{"twFrom": "09:00", "twTo": "10:00"}, {"twFrom": "11:00", "twTo": "12:30"}], "load1": 4, "load2": 0.23},
        {"orderNo": "V4", "date": "2024-03-22", "location": {"locationNo": "L4", "latitude": 91, "longitude": 0}},
        {"orderNo": "V5", "date": "2024-03-22", "location": {"locationNo": "L5"}, "customFields": {"x": []}, "notes": "tab\tand quote \""}
    ]})
    .to_string();
    for text in [
        fixture("create_or_update_orders_request.json"),
        fixture("own_create_or_update_orders_mixed.json"),
        bad_batch,
        big,
        varied,
    ] {
        let mut o = options("optimoroute", "canonical");
        o.time_zone = Some("America/New_York".into());
        assert!(walks(&text, &o), "{text}");
        let streamed = run(&text, &o);
        let value = orderbridge::json::parse(&text).unwrap();
        let whole = orderbridge::convert::convert_value(&value, &o).unwrap();
        assert_eq!(streamed, whole, "{text}");
        // A lossy target too: its losses keep their places among the read issues (and after
        // the warning about a body over 500 orders, which comes first).
        let mut lossy = options("optimoroute", "yandex");
        lossy.time_zone = Some("America/New_York".into());
        lossy.date = o.date.clone().or(Some("2024-03-22".into()));
        let streamed_lossy = run(&text, &lossy);
        let whole_lossy = orderbridge::convert::convert_value(&value, &lossy).unwrap();
        assert!(streamed_lossy == whole_lossy, "to yandex: {text}");
        if text.contains("B-500") {
            let codes: Vec<(&str, &str)> = streamed
                .issues
                .iter()
                .map(|i| (i.path.as_str(), i.code.as_ref()))
                .collect();
            assert_eq!(codes[0], ("/orders", "TOO_MANY_ITEMS"));
            assert!(
                codes.contains(&("/orders/7/date", "INVALID_FORMAT")),
                "{codes:?}"
            );
        }
    }
}

#[test]
fn a_body_with_more_than_orders_is_read_whole() {
    let o = options("optimoroute", "canonical");
    for text in [
        r#"{"orders": [{"orderNo": "A", "date": "2024-03-22", "location": {"locationNo": "L"}}], "x": 1}"#,
        r#"{"x": 1, "orders": [{"orderNo": "A", "date": "2024-03-22", "location": {"locationNo": "L"}}]}"#,
        r#"{"orders": []}"#,
        r#"{"orders": [{"orderNo": "A"}]}"#,
        r#"{"orders": [{"orderNo": "A", "date": "2024-03-22"}, {"orderNo": x}]}"#,
    ] {
        assert!(!walks(text, &o), "{text}");
    }
    // Read whole, the unknown member is reported, not dropped silently.
    let got = run(
        r#"{"orders": [{"orderNo": "A", "date": "2024-03-22", "location": {"locationNo": "L"}}], "x": 1}"#,
        &o,
    );
    assert!(got
        .issues
        .iter()
        .any(|i| i.path == "/x" && i.code == "LOSSY_CONVERSION"));
}

#[test]
fn a_window_starting_in_a_dst_gap_and_ending_just_after_it_is_its_end_not_inverted() {
    // New York jumps from 02:00 to 03:00 on 2024-03-10. Moved forward by the gap, 02:01 would be
    // 03:01, after the 03:00 end: of 02:01–03:00 only 03:00 exists, so the window is that
    // instant (07:00Z), with the gap reported, instead of an inverted window (an error).
    let order = json!({
        "operation": "SYNC", "orderNo": "A2", "date": "2024-03-10", "type": "D",
        "location": {"address": "1 Main St", "locationName": "Home", "latitude": 42.3, "longitude": -71.1},
        "timeWindows": [{"twFrom": "02:01", "twTo": "03:00"}]
    })
    .to_string();
    let mut o = options("optimoroute", "wialon");
    o.time_zone = Some("America/New_York".into());
    o.defaults = Some(convert_support::canonical_order(
        r#"{"vendor": {"wialon": {"itemId": 1}}}"#,
    ));
    let got = run(&order, &o);
    assert!(errors(&got).is_empty(), "{:?}", got.issues);
    let gap = got.issues.iter().find(|i| i.code == "DST_GAP");
    assert!(
        gap.is_some_and(|i| i
            .message
            .contains("moved forward to 2024-03-10T03:00:00-04:00")),
        "{:?}",
        got.issues
    );
    let out: Json = serde_json::from_str(got.output.as_deref().unwrap()).unwrap();
    assert_eq!(
        (&out["tf"], &out["tt"]),
        (&json!(1710054000), &json!(1710054000))
    );
    // Back in OptimoRoute's own terms the window reads as it was written.
    o.to = Format::from_id("canonical").unwrap();
    let canonical = run(&order, &o);
    assert!(errors(&canonical).is_empty(), "{:?}", canonical.issues);
    let mut back = options("canonical", "optimoroute");
    back.time_zone = Some("America/New_York".into());
    let again = run(canonical.output.as_deref().unwrap(), &back);
    assert!(errors(&again).is_empty(), "{:?}", again.issues);
    let again: Json = serde_json::from_str(again.output.as_deref().unwrap()).unwrap();
    assert_eq!(
        again["timeWindows"],
        json!([{"twFrom": "02:01", "twTo": "03:00"}])
    );
}

#[test]
fn a_dst_gap_is_reported_once_although_read_and_written() {
    // 02:30 does not exist in New York on 2024-03-10: the reader places the window and warns;
    // the Wialon writer places it again and must not warn a second time.
    let order = json!({
        "operation": "SYNC", "orderNo": "A1", "date": "2024-03-10", "type": "D",
        "location": {"address": "1 Main St", "locationName": "Home", "latitude": 42.3, "longitude": -71.1},
        "duration": 5, "timeWindows": [{"twFrom": "02:30", "twTo": "04:00"}]
    })
    .to_string();
    let mut o = options("optimoroute", "wialon");
    o.time_zone = Some("America/New_York".into());
    o.defaults = Some(convert_support::canonical_order(
        r#"{"vendor": {"wialon": {"itemId": 1}}}"#,
    ));
    for (text, at) in [
        (order.clone(), "/timeWindows/0".to_string()),
        (
            format!(r#"{{"orders":[{order},{order}]}}"#),
            "/orders/1/timeWindows/0".to_string(),
        ),
    ] {
        let got = run(&text, &o);
        let gaps: Vec<&str> = got
            .issues
            .iter()
            .filter(|i| i.code == "DST_GAP")
            .map(|i| i.path.as_str())
            .collect();
        let expected = if at.starts_with("/orders") { 2 } else { 1 };
        assert_eq!(gaps.len(), expected, "{:?}", got.issues);
        assert!(gaps.contains(&at.as_str()), "{gaps:?}");
        // 03:30 EDT (the gap's 02:30 moved forward) = 07:30Z; 04:00 EDT = 08:00Z.
        let out: Json = serde_json::from_str(got.output.as_deref().unwrap()).unwrap();
        let first = if at.starts_with("/orders") {
            &out["params"]["params"][1]["params"]
        } else {
            &out
        };
        assert_eq!(first["tf"], json!(1710055800));
        assert_eq!(first["tt"], json!(1710057600));
    }
}

/// OptimoRoute's own `assignedTo` without a driver (`serial` or `externalId`) is not written,
/// where it would fail OptimoRoute's rules: it is lost (found by the conversion fuzz test).
#[test]
fn an_assignment_without_a_driver_is_not_written() {
    let order = r#"{"number":"A1","kind":"delivery","date":"2024-06-10",
      "location":{"lat":42.4,"lon":-71.08,"address":"Boston"},
      "vendor":{"optimoroute":{"assignedTo":{}}}}"#;
    let c = run(order, &options("canonical", "optimoroute"));
    assert_eq!(
        c.lost,
        vec!["/vendor/optimoroute/assignedTo"],
        "{:?}",
        c.issues
    );
    convert_support::assert_valid("optimoroute", c.output.as_deref().unwrap_or("null"));
}

/// A response may give one coordinate alone (OptimoRoute checks the pair only in requests):
/// it is kept as OptimoRoute's own field, not written as half a canonical point, and a request
/// written from it reports it lost (found by the conversion fuzz test).
#[test]
fn a_lone_coordinate_of_a_response_is_not_half_a_point() {
    let response = r#"{"success":true,"orders":[{"success":true,"id":"04e7b09e993e8488024f46aaf9d8c72d",
      "data":{"orderNo":"ORD001","date":"2018-11-12","duration":60,"type":"D",
      "location":{"address":"393 Hanover St, Boston, MA 02113, USA","longitude":-71.052882}}}]}"#;
    let c = run(response, &options("optimoroute", "canonical"));
    let text = c.output.as_deref().unwrap_or("null");
    convert_support::assert_valid("canonical", text);
    let out: Json = serde_json::from_str(text).unwrap_or(Json::Null);
    let order = &out["orders"][0];
    assert_eq!(order["location"].get("lon"), None, "{text}");
    assert_eq!(
        order["vendor"]["optimoroute"]["location"]["longitude"],
        json!(-71.052882),
        "{text}"
    );
    // Without a point, a bulk body cannot geocode the address: the order is refused, and
    // the lone coordinate is reported lost on the way.
    let c = run(response, &options("optimoroute", "optimoroute"));
    assert_eq!(c.output, None);
    assert_eq!(
        convert_support::paths_with(&c, "CANNOT_CONVERT"),
        ["/orders/0/data/location"]
    );
    assert!(
        c.lost.iter().any(|p| p.ends_with("/location/longitude")),
        "{:?}",
        c.lost
    );
}

/// A window that runs past 9999-12-31 has no `allowedDateTimes` spelling (four-digit years):
/// the order is refused, not written with a year 10000 (found by the conversion fuzz test).
#[test]
fn a_window_past_year_9999_is_not_written() {
    let order = r#"{"number":"A1","kind":"delivery","date":"9999-12-31",
      "location":{"lat":42.4,"lon":-71.08,"address":"Boston"},
      "timeWindows":[{"kind":"local","start":79200,"end":93600,"date":"9999-12-31","timeZone":"America/New_York"}]}"#;
    let c = run(order, &options("canonical", "optimoroute"));
    assert_eq!(c.output, None);
    assert_eq!(
        convert_support::paths_with(&c, "WINDOW_NOT_REPRESENTABLE"),
        ["/timeWindows/0"]
    );
    // Ending at the last minute of 9999 it is written, and valid.
    let last = order.replace("93600", "86340");
    let c = run(&last, &options("canonical", "optimoroute"));
    convert_support::assert_valid("optimoroute", c.output.as_deref().unwrap_or("null"));
}

/// OptimoRoute's answer fields (`success`, `code`, `message`) kept verbatim are lost, not
/// written into a request, where they made the body read as an answer (found by the fuzz test).
#[test]
fn answer_fields_are_not_copied_into_a_request() {
    let order = r#"{"number":"A1","kind":"delivery","date":"2024-06-10",
      "location":{"lat":42.4,"lon":-71.08,"address":"Boston","name":"Shop"},
      "vendor":{"optimoroute":{"success":false,"code":"ERR_LOC_NON_EXISTING_LOC","message":"x","future":1}}}"#;
    let c = run(order, &options("canonical", "optimoroute"));
    let mut lost: Vec<String> = c.lost.iter().map(|p| p.to_string()).collect();
    lost.sort();
    assert_eq!(
        lost,
        [
            "/vendor/optimoroute/code",
            "/vendor/optimoroute/message",
            "/vendor/optimoroute/success"
        ]
    );
    let text = c.output.as_deref().unwrap_or("null");
    convert_support::assert_valid("optimoroute", text);
    assert!(text.contains(r#""future":1"#), "{text}");
}

/// A local window in another zone than the target's, without a date of its own, belongs to the
/// order's date: moved into the target's zone, its start and its stored `endUnix` land on the
/// same day, not the start on the `date` option's day and the end on the order's (found by the
/// conversion fuzz test: the output was an inverted `allowedDateTimes`, 2024-06-10T07:00 to
/// 2024-03-22T09:00).
#[test]
fn a_dateless_window_in_another_zone_is_placed_on_the_order_date() {
    let order = r#"{"number":"PU-881","kind":"pickup","date":"2024-03-22",
      "location":{"lat":42.4021,"lon":-71.0812,"address":"Minsk"},"service":{"durationS":600},
      "timeWindows":[{"kind":"local","start":25200,"timeZone":"Europe/Minsk",
        "startUnix":1711080000,"endUnix":1711087200,"endBounds":"serviceEnd"}]}"#;
    let mut o = options("canonical", "optimoroute");
    o.date = Some("2024-06-10".into());
    o.time_zone = Some("Europe/Moscow".into());
    let c = run(order, &o);
    assert_eq!(errors(&c), Vec::<String>::new());
    let out = c.output.as_deref().expect("output");
    assert_valid_optimoroute(out);
    // Minsk and Moscow were both UTC+3 in 2024: the same wall times, on the order's date,
    // which `timeWindows` holds.
    let out = parse(out);
    assert_eq!(
        out["timeWindows"],
        json!([{"twFrom": "07:00", "twTo": "09:00"}])
    );
    assert_eq!(out["allowedDateTimes"], Json::Null);
}

/// Defaults the target cannot hold (another vendor's slot, a route number for Wialon) are said
/// once per order, at the order, among that order's other issues, and are not in `lost`: they
/// are not input data. (The batch logs them compactly; what the caller reads is unchanged.)
#[test]
fn defaults_the_target_cannot_hold_are_warned_at_each_order() {
    let order = |n: u32| {
        json!({"orderNo": format!("A{n}"), "type": "D", "date": "2024-03-22",
            "location": {"address": "1 Main St", "latitude": 42.35, "longitude": -71.06},
            "duration": 5, "timeWindows": [{"twFrom": "09:00", "twTo": "11:00"}], "notes": "ring"})
    };
    let body = json!({"orders": [order(1), order(2), order(3)]}).to_string();
    let mut o: ConvertOptions = options("optimoroute", "wialon");
    o.time_zone = Some("America/New_York".into());
    o.defaults = Some(convert_support::canonical_order(
        r#"{"assignment":{"routeNumber":"R-1"},
            "vendor":{"wialon":{"itemId":734},"yandex":{"foo":1},"magiclane":{"bar":[2]}}}"#,
    ));
    let c = run(&body, &o);
    assert!(c.output.is_some(), "{:#?}", c.issues);
    let from_defaults: Vec<(String, String)> = c
        .issues
        .iter()
        .filter(|i| i.message.contains("(from the `defaults` option)"))
        .map(|i| {
            assert!(!i.is_error() && i.code == "LOSSY_CONVERSION", "{i:?}");
            (i.path.to_string(), i.message.to_string())
        })
        .collect();
    let said = |field: &str| {
        format!("`{field}` (from the `defaults` option) cannot be carried to wialon: ")
    };
    assert_eq!(from_defaults.len(), 9, "{from_defaults:#?}");
    for (k, (path, message)) in from_defaults.iter().enumerate() {
        assert_eq!(path, &format!("/orders/{}", k / 3));
        let field = [
            "assignment.routeNumber",
            "vendor.yandex.foo",
            "vendor.magiclane.bar",
        ][k % 3];
        assert!(message.starts_with(&said(field)), "{message}");
    }
    // Each order's issues come together, in order of the orders.
    let order_of = |path: &str| -> usize {
        let rest = path.strip_prefix("/orders/").expect("an order's issue");
        rest.split('/')
            .next()
            .and_then(|i| i.parse().ok())
            .expect("an index")
    };
    let indexes: Vec<usize> = c
        .issues
        .iter()
        .filter(|i| i.path.starts_with("/orders/"))
        .map(|i| order_of(&i.path))
        .collect();
    assert!(indexes.windows(2).all(|w| w[0] <= w[1]), "{indexes:?}");
    assert!(c
        .lost
        .iter()
        .all(|p| p.as_str() != "/orders/0" && p.starts_with("/orders/")));
    assert!(!c.lost.is_empty());
}

/// The reader's warnings about each order of a batch (an undocumented field, an email without
/// `@`, a deprecated field) reach the caller exactly as validation reports them, in the same
/// order, each among its own order's issues. (A batch logs them compactly.)
#[test]
fn reader_warnings_of_a_batch_are_reported_as_validation_reports_them() {
    let order = |n: u32| {
        let mut o = json!({"orderNo": format!("A{n}"), "type": "D", "date": "2024-03-22",
            "location": {"address": "1 Main St", "latitude": 42.35, "longitude": -71.06, "floor": n},
            "duration": 5, "timeWindows": [{"twFrom": "09:00", "twTo": "11:00"}],
            "internalRef": format!("R{n}"), "email": format!("nobody{n}")});
        if n == 1 {
            // One order differs: the warnings need not be the same in every order.
            o["twFrom"] = json!("08:00");
        }
        o
    };
    let body = json!({"orders": [order(0), order(1), order(2)]}).to_string();
    let validated = validate_text(
        Format::from_id("optimoroute").unwrap(), // test
        &body,
        &ValidateOptions::default(),
    )
    .unwrap(); // test
    let said = |issues: &[orderbridge::issue::Issue]| -> Vec<String> {
        issues
            .iter()
            .filter(|i| !i.is_error() && i.path.starts_with("/orders/"))
            .filter(|i| i.code != "LOSSY_CONVERSION" && i.code != "VALUE_ADJUSTED")
            .filter(|i| i.code != "DERIVED_VALUE")
            .map(|i| format!("{} {} {}", i.path, i.code, i.message))
            .collect()
    };
    let expected = said(&validated.issues);
    assert_eq!(expected.len(), 10, "{expected:#?}");
    for to in ["wialon", "yandex", "canonical"] {
        let mut o: ConvertOptions = options("optimoroute", to);
        o.time_zone = Some("America/New_York".into());
        o.defaults = Some(convert_support::canonical_order(
            r#"{"assignment":{"routeNumber":"R-1"},"vendor":{"wialon":{"itemId":734}}}"#,
        ));
        let c = run(&body, &o);
        assert!(c.output.is_some(), "{to}: {:#?}", c.issues);
        assert_eq!(said(&c.issues), expected, "{to}");
        // Every order's issues together, in the orders' order.
        let indexes: Vec<usize> = c
            .issues
            .iter()
            .filter_map(|i| i.path.strip_prefix("/orders/"))
            .filter_map(|rest| rest.split('/').next()?.parse().ok())
            .collect();
        assert!(
            indexes.windows(2).all(|w| w[0] <= w[1]),
            "{to}: {indexes:?}"
        );
    }
}
