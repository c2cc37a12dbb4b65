//! Property tests of the OptimoRoute codec: OptimoRoute → canonical → OptimoRoute is the identity
//! on OptimoRoute's fields; canonical → OptimoRoute → canonical with `preserveUnmapped` is the
//! identity; without it exactly the lost fields differ.

mod convert_support;

use convert_support::{opts as options, run};
use orderbridge::convert::{ConvertOptions, Converted};
use orderbridge::validate::{validate_text, Format};
use orderbridge::vendor::ValidateOptions;
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use serde_json::{json, Map, Value as Json};

/// The generators nest deeply; debug builds need more stack than a test thread has.
fn with_big_stack(f: impl FnOnce() + Send + 'static) {
    let worker = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .expect("a test thread");
    if let Err(panic) = worker.join() {
        std::panic::resume_unwind(panic);
    }
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(ProptestConfig {
        cases,
        ..ProptestConfig::default()
    })
}

fn errors(c: &Converted) -> Vec<String> {
    c.issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| format!("{} {} {}", i.path, i.code, i.message))
        .collect()
}

/// Numbers as `f64`, so that `60` and `60.0` compare equal (JSON does not tell them apart).
fn normalize(v: Json) -> Json {
    match v {
        Json::Number(n) => json!(n.as_f64().unwrap_or(f64::NAN)),
        Json::Array(a) => Json::Array(a.into_iter().map(normalize).collect()),
        Json::Object(o) => Json::Object(o.into_iter().map(|(k, v)| (k, normalize(v))).collect()),
        other => other,
    }
}

/// Parses with the crate's parser: serde_json's default float parsing may be one unit in the
/// last place off, which would make equal numbers differ.
fn parse(text: &str) -> Json {
    fn convert(v: &orderbridge::json::Value) -> Json {
        use orderbridge::json::Value as V;
        match v {
            V::Null => Json::Null,
            V::Bool(b) => json!(b),
            V::Number(n) => json!(n.as_f64()),
            V::String(s) => json!(s),
            V::Array(a) => Json::Array(a.iter().map(convert).collect()),
            V::Object(o) => {
                let mut m = Map::new();
                for (k, v) in o.iter() {
                    m.insert(k.to_string(), convert(v));
                }
                Json::Object(m)
            }
        }
    }
    convert(&orderbridge::json::parse(text).expect("JSON"))
}

fn optimoroute_errors(text: &str) -> Vec<String> {
    let report = validate_text(
        Format::from_id("optimoroute").unwrap(),
        text,
        &ValidateOptions::default(),
    )
    .unwrap();
    report
        .issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| format!("{} {} {}", i.path, i.code, i.message))
        .collect()
}

// ------------------------------------------------------------------ OptimoRoute orders

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn date(day: u32) -> String {
    // Days of 2024 from March on (no DST trouble without a zone; the zone is not set here).
    let (month, d) = match day {
        0..=30 => (3, day + 1),
        31..=60 => (4, day - 30),
        _ => (5, day - 60),
    };
    format!("2024-{month:02}-{d:02}")
}

fn datetime(day: u32, second: u32) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}",
        date(day),
        second / 3600,
        second / 60 % 60,
        second % 60
    )
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 #\"\\\\/~é-]{0,12}"
}

fn code() -> impl Strategy<Value = String> {
    "[A-Z0-9]{1,6}"
}

fn time_window() -> impl Strategy<Value = Json> {
    (0u32..1440, 0u32..1440).prop_map(|(a, b)| {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        json!({"twFrom": hhmm(from), "twTo": hhmm(to)})
    })
}

fn allowed_date_time() -> impl Strategy<Value = Json> {
    (
        proptest::option::of((0u32..80, 0u32..86_400)),
        proptest::option::of((0u32..3, 0u32..86_400)),
    )
        .prop_map(|(from, to)| {
            let mut o = Map::new();
            if let Some((day, second)) = from {
                o.insert("from".into(), json!(datetime(day, second)));
                if let Some((extra_days, s2)) = to {
                    // Not before `from`.
                    let end = if extra_days == 0 { s2.max(second) } else { s2 };
                    o.insert("to".into(), json!(datetime(day + extra_days, end)));
                }
            } else if let Some((day, second)) = to {
                o.insert("to".into(), json!(datetime(day, second)));
            }
            Json::Object(o)
        })
}

fn custom_value() -> impl Strategy<Value = Json> {
    prop_oneof![
        text().prop_map(Json::from),
        (-1e6f64..1e6).prop_map(|x| json!(x)),
        any::<bool>().prop_map(Json::from),
    ]
}

prop_compose! {
    fn optimoroute_order()(
        order_no in code(),
        id in proptest::option::of("[0-9a-f]{32}"),
        operation in proptest::option::of(prop_oneof![Just("SYNC"), Just("MERGE"), Just("UPDATE"), Just("CREATE")]),
        accept_duplicate in proptest::option::of(any::<bool>()),
        related in proptest::option::of(proptest::option::of(code())),
        day in 0u32..80,
        kind in proptest::option::of(prop_oneof![Just("D"), Just("P"), Just("T")]),
        duration in proptest::option::of(prop_oneof![0.0f64..600.0, (0u32..600).prop_map(f64::from)]),
        location in (code(), proptest::option::of(text()), proptest::option::of(text()),
                     proptest::option::of((-90.0f64..90.0, -180.0f64..180.0)),
                     proptest::option::of(0u32..30), proptest::option::of(text()),
                     proptest::option::of(any::<bool>())),
        windows in proptest::option::of(proptest::collection::vec(time_window(), 0..3)),
        weekdays in proptest::option::of(proptest::sample::subsequence(vec!["sun", "mon", "tue", "wed", "thu", "fri", "sat"], 0..=7)),
        allowed_dates in proptest::option::of(proptest::option::of((0u32..40, 0u32..40))),
        date_times in proptest::option::of(proptest::collection::vec(allowed_date_time(), 0..3)),
        assigned in proptest::option::of(proptest::option::of((proptest::option::of(code()), proptest::option::of(code())))),
        priority in proptest::option::of(prop_oneof![Just("L"), Just("M"), Just("H"), Just("C")]),
        loads in proptest::collection::vec(proptest::option::of(-1e4f64..1e4), 4),
        features in proptest::option::of(proptest::collection::vec(code(), 0..3)),
        skills in proptest::option::of(proptest::collection::vec(code(), 0..3)),
        notes in proptest::option::of(text()),
        legacy in proptest::collection::vec(proptest::option::of(text()), 5),
        custom in proptest::option::of(proptest::collection::btree_map("[a-z]{1,6}", custom_value(), 0..4)),
        email in proptest::option::of("[a-z]{1,5}@[a-z]{1,5}\\.com"),
        phone in proptest::option::of("[0-9 +]{0,12}"),
        preference in proptest::option::of(prop_oneof![Just("dont_notify"), Just("email"), Just("sms"), Just("both")]),
        barcodes in proptest::option::of(proptest::collection::vec("[0-9]{4,13}", 0..3)),
        undocumented in proptest::option::of(custom_value()),
    ) -> Json {
        let mut o = Map::new();
        let mut put = |k: &str, v: Json| { o.insert(k.to_string(), v); };
        // CREATE may not carry an id.
        let operation = operation.filter(|op| !(id.is_some() && *op == "CREATE"));
        if let Some(op) = operation { put("operation", json!(op)); }
        if let Some(b) = accept_duplicate { put("acceptDuplicateOrderNo", json!(b)); }
        if let Some(id) = id { put("id", json!(id)); }
        put("orderNo", json!(order_no));
        if let Some(r) = related { put("relatedOrderNo", json!(r)); }
        put("date", json!(date(day)));
        let (loc_no, name, address, coordinates, check_in, loc_notes, valid) = location;
        let mut l = Map::new();
        l.insert("locationNo".into(), json!(loc_no));
        if let Some(n) = name { l.insert("locationName".into(), json!(n)); }
        if let Some(a) = address { l.insert("address".into(), json!(a)); }
        if let Some((lat, lon)) = coordinates {
            l.insert("latitude".into(), json!(lat));
            l.insert("longitude".into(), json!(lon));
        }
        if let Some(c) = check_in { l.insert("checkInTime".into(), json!(c)); }
        if let Some(n) = loc_notes { l.insert("notes".into(), json!(n)); }
        let _ = valid;
        put("location", Json::Object(l));
        if let Some(k) = kind { put("type", json!(k)); }
        if let Some(d) = duration { put("duration", json!(d)); }
        if let Some(w) = windows { put("timeWindows", Json::Array(w)); }
        if let Some(w) = weekdays { put("allowedWeekdays", json!(w)); }
        match allowed_dates {
            Some(None) => put("allowedDates", json!({})),
            Some(Some((a, b))) => put("allowedDates", json!({"from": date(a.min(b)), "to": date(a.max(b))})),
            None => {}
        }
        if let Some(d) = date_times { put("allowedDateTimes", Json::Array(d)); }
        match assigned {
            Some(None) => put("assignedTo", Json::Null),
            Some(Some((serial, external))) => {
                let mut a = Map::new();
                match (serial, external) {
                    (None, None) => { a.insert("serial".into(), json!("001")); }
                    (s, e) => {
                        if let Some(s) = s { a.insert("serial".into(), json!(s)); }
                        if let Some(e) = e { a.insert("externalId".into(), json!(e)); }
                    }
                }
                put("assignedTo", Json::Object(a));
            }
            None => {}
        }
        if let Some(p) = priority { put("priority", json!(p)); }
        for (i, l) in loads.into_iter().enumerate() {
            if let Some(x) = l { put(&format!("load{}", i + 1), json!(x)); }
        }
        if let Some(f) = features { put("vehicleFeatures", json!(f)); }
        if let Some(s) = skills { put("skills", json!(s)); }
        if let Some(n) = notes { put("notes", json!(n)); }
        for (i, v) in legacy.into_iter().enumerate() {
            if let Some(v) = v { put(&format!("customField{}", i + 1), json!(v)); }
        }
        if let Some(c) = custom { put("customFields", json!(c)); }
        if let Some(e) = email { put("email", json!(e)); }
        if let Some(p) = phone { put("phone", json!(p)); }
        if let Some(p) = preference { put("notificationPreference", json!(p)); }
        if let Some(b) = barcodes {
            put("barcode", Json::Array(b.into_iter().map(|b| json!({"barcode": b})).collect()));
        }
        if let Some(u) = undocumented { put("x_extra", u); }
        Json::Object(o)
    }
}

/// `allowedDateTimes` items with an open end: the document makes `null` and an absent end the
/// same, and the typed reader does not tell them apart; the writer writes `null`.
fn open_ends_as_null(mut v: Json) -> Json {
    fn fix(order: &mut Json) {
        if let Some(items) = order
            .get_mut("allowedDateTimes")
            .and_then(Json::as_array_mut)
        {
            for item in items {
                if let Some(o) = item.as_object_mut() {
                    for end in ["from", "to"] {
                        o.entry(end).or_insert(Json::Null);
                    }
                }
            }
        }
    }
    match v.get_mut("orders").and_then(Json::as_array_mut) {
        Some(orders) => orders.iter_mut().for_each(fix),
        None => fix(&mut v),
    }
    v
}

fn optimoroute_identity(
    orders: Vec<Json>,
    single: bool,
    zone: Option<&str>,
) -> Result<(), TestCaseError> {
    // A create_order body needs an operation; bulk items may leave it out.
    let body = if single {
        let mut one = orders[0].clone();
        if one.get("operation").is_none() {
            one["operation"] = json!("SYNC");
        }
        if one.get("type").is_none() {
            one["type"] = json!("T");
        }
        one
    } else {
        json!({ "orders": orders })
    };
    let text = body.to_string();
    let source_errors = optimoroute_errors(&text);
    prop_assert_eq!(
        source_errors,
        Vec::<String>::new(),
        "the generator makes valid orders"
    );
    let mut there = options("optimoroute", "canonical");
    there.time_zone = zone.map(String::from);
    let canonical = run(&text, &there);
    prop_assert_eq!(errors(&canonical), Vec::<String>::new());
    let mut back = options("canonical", "optimoroute");
    back.time_zone = zone.map(String::from);
    let returned = run(canonical.output.as_deref().unwrap(), &back);
    prop_assert_eq!(errors(&returned), Vec::<String>::new());
    prop_assert!(returned.lost.is_empty(), "{:?}", returned.lost);
    let out = returned.output.unwrap();
    prop_assert_eq!(
        parse(&out),
        open_ends_as_null(normalize(body)),
        "canonical: {}",
        canonical.output.unwrap()
    );
    prop_assert_eq!(optimoroute_errors(&out), Vec::<String>::new());
    Ok(())
}

#[test]
fn optimoroute_through_canonical_is_the_identity() {
    with_big_stack(|| {
        let strategy = (
            proptest::collection::vec(optimoroute_order(), 1..4),
            any::<bool>(),
            proptest::option::of(prop_oneof![Just("Europe/Moscow"), Just("America/New_York")]),
        );
        runner(192)
            .run(&strategy, |(orders, single, zone)| {
                optimoroute_identity(orders, single, zone)
            })
            .unwrap();
    });
}

// ------------------------------------------------------------------ batches read from text

/// What an order item of a batch may be turned into before it is written out: the reader of a
/// batch's text takes objects, lists and scalars where the documents put them and anywhere
/// else, and must then report what the reader of the parsed batch reports.
fn mangled_item() -> impl Strategy<Value = (Json, u8, u8, u8)> {
    (optimoroute_order(), 0u8..10, 0u8..6, 0u8..7)
}

fn mangle((mut order, location, windows, text_form): (Json, u8, u8, u8)) -> String {
    match location {
        1 => order["location"] = json!("1 Main St"),
        2 => order["location"] = Json::Null,
        3 => order["location"] = json!([{"latitude": 1}]),
        4 => {
            order["location"] = json!({"latitude": "north", "longitude": 200, "valid": true,
                "acceptPartialMatch": true, "x": {"y": [1]}})
        }
        5 => {
            order["location"] = json!({"latitude": 10, "longitude": 80, "locationName": "Swapped"})
        }
        6 => order["location"] = json!({}),
        7 => order["location"] = json!({"latitude": 10}),
        _ => {}
    }
    match windows {
        1 => {
            order["timeWindows"] =
                json!([7, {"twFrom": "9:00"}, {"twTo": "10:00", "extra": [1]}, []])
        }
        2 => order["timeWindows"] = json!({"twFrom": "09:00"}),
        3 => order["timeWindows"] = json!([]),
        4 => order["timeWindows"] = json!("09:00-10:00"),
        _ => {}
    }
    if location == 8 {
        order = json!(7);
    }
    let text = order.to_string();
    match text_form {
        // Keys given twice (the last one counts, as in JSON.parse), the first of another type.
        1 => text.replacen(
            '{',
            r#"{"location": {"latitude": 45, "longitude": 100, "latitude": 100, "longitude": 45}, "orderNo": 5, "#,
            1,
        ),
        2 => text.replacen('{', r#"{"timeWindows": [{"twFrom": "08:00", "twFrom": 3}], "#, 1),
        5 => text.replacen('{', r#"{"location": {"latitude": 1}, "#, 1),
        // Whitespace everywhere JSON allows it.
        3 => text
            .replace(",\"", " ,\n\t\"")
            .replace(':', " : ")
            .replace('[', "[ ")
            .replace(']', " ]"),
        // Not JSON past this item: the walk gives up, and the batch is read whole.
        4 => text.replacen(":", ": tru", 1),
        _ => text,
    }
}

#[test]
fn a_batch_read_from_its_text_converts_as_the_parsed_batch() {
    with_big_stack(|| {
        let strategy = proptest::collection::vec(mangled_item(), 2..6);
        runner(128)
            .run(&strategy, |items| {
                let items: Vec<String> = items.into_iter().map(mangle).collect();
                let text = format!("{{\"orders\": [{}]}}", items.join(", "));
                for to in ["wialon", "yandex", "canonical", "optimoroute"] {
                    let mut o = options("optimoroute", to);
                    o.time_zone = Some("America/New_York".into());
                    let from_text = orderbridge::convert::convert_text(&text, &o);
                    let parsed = orderbridge::json::parse(&text);
                    match (from_text, parsed) {
                        (Ok(from_text), Ok(value)) => {
                            let whole = orderbridge::convert::convert_value(&value, &o);
                            prop_assert_eq!(Ok(from_text), whole, "{} → {}", &text, to);
                        }
                        (from_text, Err(_)) => prop_assert!(
                            from_text.is_err_and(|e| e.code == "INVALID_JSON"),
                            "not JSON: a usage error"
                        ),
                        (Err(e), Ok(_)) => prop_assert!(false, "usage error {e:?}"),
                    }
                }
                Ok(())
            })
            .unwrap();
    });
}

// ------------------------------------------------------------------ canonical orders

fn opt<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    proptest::option::of(s)
}

/// A canonical window: local (with or without a date) or absolute, any bound meaning, with
/// either end open now and then.
fn canonical_window(exact: bool) -> impl Strategy<Value = Json> {
    let bounds = if exact {
        prop_oneof![Just("serviceEnd")].boxed()
    } else {
        prop_oneof![Just("serviceStart"), Just("serviceEnd"), Just("completion")].boxed()
    };
    let local_date = if exact {
        Just(Some("2024-03-22".to_string())).boxed()
    } else {
        opt(prop_oneof![
            Just("2024-03-22".to_string()),
            Just("2024-03-23".to_string())
        ])
        .boxed()
    };
    let minute = if exact { 60i64 } else { 1 };
    let span = if exact { 86_399i64 } else { 2 * 86_400 };
    let local = (
        local_date,
        0i64..86_400 / minute,
        0i64..=span / minute,
        bounds.clone(),
        opt(any::<bool>()),
    )
        .prop_map(move |(date, start, len, bounds, open)| {
            let start = start * minute;
            let end = if exact {
                (start + len * minute).min(86_340)
            } else {
                start + len * minute
            };
            let (s, e) = match open {
                Some(true) if !exact => (Json::Null, json!(end)),
                Some(false) if !exact => (json!(start), Json::Null),
                _ => (json!(start), json!(end)),
            };
            let mut w = json!({"kind": "local", "start": s, "end": e, "endBounds": bounds});
            if let Some(d) = date {
                w["date"] = json!(d);
            }
            w
        });
    if exact {
        return local.boxed();
    }
    let absolute = (1_711_000_000i64..1_712_000_000, 0i64..200_000, bounds)
        .prop_map(|(start, len, bounds)| {
            json!({"kind": "absolute", "start": start, "end": start + len, "endBounds": bounds})
        });
    prop_oneof![local, absolute].boxed()
}

fn put_some(o: &mut Map<String, Json>, key: &str, v: Option<Json>) {
    if let Some(v) = v {
        o.insert(key.to_string(), v);
    }
}

fn object(pairs: Vec<(&str, Option<Json>)>) -> Option<Json> {
    let mut o = Map::new();
    for (k, v) in pairs {
        put_some(&mut o, k, v);
    }
    (!o.is_empty()).then_some(Json::Object(o))
}

/// A canonical order. With `exact`, only what OptimoRoute holds exactly or not at all (so a
/// conversion without the envelope changes nothing but the lost fields).
fn canonical_order(exact: bool) -> impl Strategy<Value = Json> {
    let text = || "[a-zA-Z0-9 #\"/~é-]{0,10}";
    let ids = prop_oneof![
        "[0-9a-f]{32}".prop_map(Json::from),
        "[1-9][0-9]{0,8}".prop_map(Json::from),
        "[A-Z]{2}-[0-9]{1,4}".prop_map(Json::from),
    ];
    let kinds: Vec<&str> = if exact {
        vec!["delivery", "pickup", "task", "break", "depot"]
    } else {
        vec!["delivery", "pickup", "dropOff", "task", "break", "depot"]
    };
    let seconds = if exact {
        (0u32..2000).prop_map(|m| f64::from(m) * 30.0).boxed()
    } else {
        (0.0f64..1e5).boxed()
    };
    let shared = if exact {
        (0u32..60).prop_map(|m| f64::from(m) * 60.0).boxed()
    } else {
        (0.0f64..7200.0).boxed()
    };
    let identity = (
        "[A-Z0-9-]{1,10}",
        opt(ids),
        opt(text()),
        opt(text()),
        opt(proptest::sample::select(kinds)),
        opt(prop_oneof![Just("first"), Just("last"), Just("reload")]),
        any::<bool>(),
        opt((opt("[A-Z0-9-]{1,8}"), opt("[0-9a-f]{32}"))),
    );
    let place = (
        "[A-Z0-9]{1,6}",
        opt((-90.0f64..90.0, -180.0f64..180.0)),
        opt(text()),
        opt(text()),
        opt(text()),
        opt((opt(text()), opt(text()), opt(text()))),
        opt((-90.0f64..90.0, -180.0f64..180.0)),
    );
    let contact = (
        opt(text()),
        opt(text()),
        opt(text()),
        opt("[0-9 +]{1,12}"),
        opt("[0-9 +]{1,12}"),
        opt("[a-z]{1,5}@[a-z]{1,5}\\.com"),
        opt(text()),
    );
    let time = (
        proptest::collection::vec(canonical_window(exact), 0..3),
        opt(proptest::sample::subsequence(
            vec!["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            1..=7,
        )),
        opt(prop_oneof![Just("2024-03-01"), Just("2024-03-10")]),
        opt(prop_oneof![Just("2024-03-31"), Just("2024-04-10")]),
        opt(0u32..3600),
        opt(seconds),
        opt(shared),
    );
    let goods = (
        opt(0.0f64..1e4),
        opt(0.0f64..100.0),
        opt(0u32..500),
        proptest::collection::vec(-1e4f64..1e4, 0..=4),
        opt((opt(0.0f64..1e4), opt(0.0f64..1e4), opt(-1e4f64..1e4))),
        opt(prop_oneof![
            Just("low"),
            Just("medium"),
            Just("high"),
            Just("critical")
        ]),
        (
            proptest::collection::vec("[A-Z0-9]{1,5}", 0..3),
            proptest::collection::vec("[A-Z0-9]{1,5}", 0..3),
            opt(text()),
        ),
    );
    let rest = (
        (
            opt("[0-9]{1,3}"),
            opt("[0-9]{1,3}"),
            opt("[0-9]{1,3}"),
            opt("[0-9]{1,3}"),
            opt("[A-Z]-[0-9]"),
            opt("[0-9]{1,3}"),
        ),
        opt((opt(0u32..20), opt(0u32..5000), opt(0u32..900))),
        opt(0.0f64..1000.0),
        (opt(text()), opt(text()), opt(text())),
        proptest::collection::btree_map(
            prop_oneof![
                "[a-z]{1,6}".boxed(),
                Just("custom_field_2".to_string()).boxed()
            ],
            prop_oneof![
                text().prop_map(Json::from),
                (-1e6f64..1e6).prop_map(|x| json!(x)),
                any::<bool>().prop_map(Json::from),
            ],
            0..4,
        ),
        (
            proptest::collection::vec("[0-9]{1,3}", 0..3),
            proptest::collection::vec("[0-9]{6,12}", 0..3),
        ),
        (opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>())),
        (
            opt(prop_oneof![Just("new"), Just("completed")]),
            proptest::collection::vec("[0-9]{1,3}", 0..2),
            opt(1_700_000_000_000i64..1_800_000_000_000),
        ),
        opt(prop_oneof![
            Just(json!({"wialon": {"itemId": 7}})),
            Just(json!({"optimoroute": {"x_custom": [1, "a"]}})),
            Just(
                json!({"optimoroute": {"acceptDuplicateOrderNo": true}, "yandex": {"eta_type": "arrival_time"}})
            ),
        ]),
    );
    (identity, place, contact, time, goods, rest).prop_map(
        move |(identity, place, contact, time, goods, rest)| {
            let (number, id, external, document, kind, depot, dated, related) = identity;
            let (code, point, address, name, notes, parts, refined) = place;
            let (cname, first, last, phone, phone2, email, customer) = contact;
            let (windows, weekdays, from, to, advance, duration, shared) = time;
            let (weight, volume, packages, custom, money, priority, (skills, features, vtype)) =
                goods;
            let (
                (unit, route, route_no, depot_id, serial, external_driver),
                stop,
                radius,
                (onotes, description, comment),
                fields,
                (tags, barcodes),
                (email_n, sms_n, second),
                (status, depends, created),
                vendor,
            ) = rest;
            let mut o = Map::new();
            o.insert("number".into(), json!(number));
            put_some(&mut o, "id", id);
            put_some(&mut o, "externalId", external.map(Json::from));
            put_some(&mut o, "documentNumber", document.map(Json::from));
            put_some(&mut o, "kind", kind.map(Json::from));
            put_some(&mut o, "depotRole", depot.map(Json::from));
            if dated || exact {
                o.insert("date".into(), json!("2024-03-22"));
            }
            put_some(
                &mut o,
                "relatedOrder",
                related.and_then(|(n, i)| {
                    object(vec![
                        ("number", n.map(Json::from)),
                        ("id", i.map(Json::from)),
                    ])
                }),
            );
            let mut location = Map::new();
            location.insert("code".into(), json!(code));
            if let Some((lat, lon)) = point {
                location.insert("lat".into(), json!(lat));
                location.insert("lon".into(), json!(lon));
            }
            put_some(&mut location, "address", address.map(Json::from));
            put_some(&mut location, "name", name.map(Json::from));
            put_some(&mut location, "notes", notes.map(Json::from));
            if !exact {
                put_some(
                    &mut location,
                    "addressParts",
                    parts.and_then(|(c, s, n)| {
                        object(vec![
                            ("city", c.map(Json::from)),
                            ("streetName", s.map(Json::from)),
                            ("streetNumber", n.map(Json::from)),
                        ])
                    }),
                );
            }
            put_some(
                &mut location,
                "refined",
                refined.map(|(lat, lon)| json!({"lat": lat, "lon": lon})),
            );
            o.insert("location".into(), Json::Object(location));
            put_some(
                &mut o,
                "contact",
                object(vec![
                    ("name", cname.map(Json::from)),
                    ("firstName", first.map(Json::from)),
                    ("lastName", last.map(Json::from)),
                    ("phone", phone.map(Json::from)),
                    ("phone2", phone2.map(Json::from)),
                    ("email", email.map(Json::from)),
                    ("customerId", customer.map(Json::from)),
                ]),
            );
            if !windows.is_empty() {
                o.insert("timeWindows".into(), Json::Array(windows));
            }
            put_some(
                &mut o,
                "scheduling",
                object(vec![
                    ("allowedWeekdays", weekdays.map(|w| json!(w))),
                    ("allowedFrom", from.map(Json::from)),
                    ("allowedTo", to.map(Json::from)),
                    ("allowedAdvanceS", advance.map(Json::from)),
                ]),
            );
            put_some(
                &mut o,
                "service",
                object(vec![
                    ("durationS", duration.map(|d| json!(d))),
                    ("sharedDurationS", shared.map(|d| json!(d))),
                ]),
            );
            put_some(
                &mut o,
                "load",
                object(vec![
                    ("weightKg", weight.map(|x| json!(x))),
                    ("volume", volume.map(|x| json!(x))),
                    ("packages", packages.map(Json::from)),
                    ("custom", (!custom.is_empty()).then(|| json!(custom))),
                ]),
            );
            put_some(
                &mut o,
                "money",
                money.and_then(|(a, c, r)| {
                    object(vec![
                        ("amount", a.map(|x| json!(x))),
                        ("cost", c.map(|x| json!(x))),
                        ("revenue", r.map(|x| json!(x))),
                    ])
                }),
            );
            put_some(&mut o, "priority", priority.map(Json::from));
            put_some(
                &mut o,
                "requirements",
                object(vec![
                    ("skills", (!skills.is_empty()).then(|| json!(skills))),
                    (
                        "vehicleFeatures",
                        (!features.is_empty()).then(|| json!(features)),
                    ),
                    ("vehicleType", vtype.map(Json::from)),
                ]),
            );
            put_some(
                &mut o,
                "assignment",
                object(vec![
                    ("unitId", unit.map(Json::from)),
                    ("routeId", route.map(Json::from)),
                    ("routeNumber", route_no.map(Json::from)),
                    ("depotId", depot_id.map(Json::from)),
                    ("driverSerial", serial.map(Json::from)),
                    ("driverExternalId", external_driver.map(Json::from)),
                ]),
            );
            put_some(
                &mut o,
                "plannedStop",
                stop.and_then(|(i, m, t)| {
                    object(vec![
                        ("sequence", i.map(Json::from)),
                        ("distanceFromPreviousM", m.map(Json::from)),
                        ("travelTimeFromPreviousS", t.map(Json::from)),
                    ])
                }),
            );
            put_some(&mut o, "geofenceRadiusM", radius.map(|x| json!(x)));
            put_some(&mut o, "notes", onotes.map(Json::from));
            put_some(&mut o, "description", description.map(Json::from));
            put_some(&mut o, "statusComment", comment.map(Json::from));
            let fields: Map<String, Json> = fields
                .into_iter()
                .filter(|(k, v)| !(exact && k == "custom_field_2" && !v.is_string()))
                .collect();
            if !fields.is_empty() {
                o.insert("customFields".into(), Json::Object(fields));
            }
            if !tags.is_empty() {
                o.insert("tags".into(), json!(tags));
            }
            if !barcodes.is_empty() {
                o.insert("barcodes".into(), json!(barcodes));
            }
            // One channel without the other reads back with the other off (reported).
            let (email_n, sms_n) = match (email_n, sms_n) {
                (Some(e), Some(s)) => (Some(e), Some(s)),
                _ => (None, None),
            };
            put_some(
                &mut o,
                "notifications",
                object(vec![
                    ("email", email_n.map(Json::from)),
                    ("sms", sms_n.map(Json::from)),
                    ("smsSecondPhone", second.map(Json::from)),
                ]),
            );
            put_some(&mut o, "status", status.map(Json::from));
            if !depends.is_empty() {
                o.insert("dependsOn".into(), json!(depends));
            }
            put_some(&mut o, "createdAtMs", created.map(Json::from));
            put_some(&mut o, "vendor", vendor);
            Json::Object(o)
        },
    )
}

fn canonical_options(from: &str, to: &str, preserve: bool) -> ConvertOptions {
    let mut o = options(from, to);
    o.time_zone = Some("Europe/Paris".into());
    o.date = Some("2024-03-22".into());
    o.preserve_unmapped = preserve;
    o
}

/// Removes the field at a canonical pointer, and the objects it leaves empty.
fn remove(v: &mut Json, pointer: &str) {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    fn go(v: &mut Json, tokens: &[&str]) {
        let Some((first, rest)) = tokens.split_first() else {
            return;
        };
        let key = first.replace("~1", "/").replace("~0", "~");
        let Some(o) = v.as_object_mut() else {
            if let (Some(a), Ok(i)) = (v.as_array_mut(), key.parse::<usize>()) {
                if rest.is_empty() {
                    if i < a.len() {
                        a[i] = Json::Null;
                    }
                } else if let Some(item) = a.get_mut(i) {
                    go(item, rest);
                }
            }
            return;
        };
        if rest.is_empty() {
            o.remove(&key);
        } else if let Some(child) = o.get_mut(&key) {
            go(child, rest);
            let empty = child.as_object().is_some_and(Map::is_empty);
            if empty {
                o.remove(&key);
            }
        }
    }
    go(v, &tokens);
}

fn envelope_identity(orders: Vec<Json>) -> Result<(), TestCaseError> {
    let body = json!({ "orders": orders }).to_string();
    let there = run(&body, &canonical_options("canonical", "optimoroute", true));
    prop_assert_eq!(errors(&there), Vec::<String>::new(), "{}", body);
    prop_assert!(there.lost.is_empty(), "{:?}", there.lost);
    let written = there.output.unwrap();
    prop_assert_eq!(
        optimoroute_errors(&written),
        Vec::<String>::new(),
        "{}",
        written
    );
    let back = run(
        &written,
        &canonical_options("optimoroute", "canonical", true),
    );
    prop_assert_eq!(errors(&back), Vec::<String>::new());
    prop_assert_eq!(
        parse(back.output.as_deref().unwrap()),
        parse(&body),
        "via {}",
        written
    );
    Ok(())
}

fn exact_losses(orders: Vec<Json>) -> Result<(), TestCaseError> {
    let body = json!({ "orders": orders }).to_string();
    let there = run(&body, &canonical_options("canonical", "optimoroute", false));
    prop_assert_eq!(errors(&there), Vec::<String>::new(), "{}", body);
    // Nothing was adjusted: every field is carried exactly or lost.
    let adjusted: Vec<_> = there
        .issues
        .iter()
        .filter(|i| {
            i.code == "VALUE_ADJUSTED" || i.code == "PRECISION_LOST" || i.code == "DERIVED_VALUE"
        })
        .collect();
    prop_assert!(adjusted.is_empty(), "{:?}", adjusted);
    let written = there.output.unwrap();
    let back = run(
        &written,
        &canonical_options("optimoroute", "canonical", false),
    );
    prop_assert_eq!(errors(&back), Vec::<String>::new());
    let mut expected = parse(&body);
    for pointer in &there.lost {
        remove(&mut expected, pointer);
    }
    // Lost list items were replaced by null above; lists keep their other items.
    fn drop_nulls(v: &mut Json) {
        match v {
            Json::Array(a) => {
                a.retain(|x| !x.is_null());
                a.iter_mut().for_each(drop_nulls);
            }
            Json::Object(o) => {
                o.values_mut().for_each(drop_nulls);
                o.retain(|_, x| {
                    !(x.as_array().is_some_and(Vec::is_empty)
                        || x.as_object().is_some_and(Map::is_empty))
                });
            }
            _ => {}
        }
    }
    drop_nulls(&mut expected);
    let mut got = parse(back.output.as_deref().unwrap());
    // Read back with the time zone, windows gain their zone and UNIX bounds.
    if let Some(orders) = got["orders"].as_array_mut() {
        for o in orders {
            if let Some(ws) = o.get_mut("timeWindows").and_then(Json::as_array_mut) {
                for w in ws.iter_mut().filter_map(Json::as_object_mut) {
                    for k in ["timeZone", "startUnix", "endUnix"] {
                        w.remove(k);
                    }
                }
            }
        }
    }
    prop_assert_eq!(got, expected, "lost {:?} via {}", there.lost, written);
    Ok(())
}

#[test]
fn canonical_through_optimoroute_with_the_envelope_is_the_identity() {
    with_big_stack(|| {
        runner(160)
            .run(
                &proptest::collection::vec(canonical_order(false), 1..3),
                envelope_identity,
            )
            .unwrap();
    });
}

#[test]
fn without_the_envelope_exactly_the_lost_fields_differ() {
    with_big_stack(|| {
        runner(160)
            .run(
                &proptest::collection::vec(canonical_order(true), 1..3),
                exact_losses,
            )
            .unwrap();
    });
}

// ------------------------------------------------------------- a report is the order's own

/// The issues of `c` about the order at `/orders/{index}`, as (pointer inside the order, code,
/// message, severity), and its lost pointers inside the order.
fn order_report(c: &Converted, index: usize) -> (Vec<String>, Vec<String>) {
    let base = format!("/orders/{index}");
    let inside = |path: &str| {
        path.strip_prefix(&base)
            .filter(|tail| tail.is_empty() || tail.starts_with('/'))
            .map(str::to_string)
    };
    let issues = c
        .issues
        .iter()
        .filter_map(|i| {
            let tail = inside(&i.path)?;
            Some(format!("{tail} {} {:?} {}", i.code, i.severity, i.message))
        })
        .collect();
    let lost = c.lost.iter().filter_map(|p| inside(p)).collect();
    (issues, lost)
}

/// Every issue and lost pointer of `c` about some order (`/orders/…`), in order.
fn orders_report(c: &Converted) -> (Vec<String>, Vec<String>) {
    let under_orders = |path: &str| path.starts_with("/orders/");
    let issues = c
        .issues
        .iter()
        .filter(|i| under_orders(&i.path))
        .map(|i| format!("{} {} {:?} {}", i.path, i.code, i.severity, i.message))
        .collect();
    let lost = c
        .lost
        .iter()
        .filter(|p| under_orders(p))
        .map(|p| p.to_string())
        .collect();
    (issues, lost)
}

/// Converts batches of `orders` from `from` to every other format and checks that each
/// order's report (the issues about it, where they fall among the others, and its lost
/// pointers) is the report it gets in a batch of its own.
fn each_reported_as_alone(
    from: &str,
    orders: &[Json],
    with_defaults: bool,
) -> Result<(), TestCaseError> {
    let batch = |orders: &[Json]| json!({ "orders": orders }).to_string();
    for to in ["wialon", "yandex", "magiclane", "canonical", "optimoroute"] {
        if to == from {
            continue;
        }
        let mut o = options(from, to);
        o.time_zone = Some("America/New_York".into());
        o.date = Some("2024-03-22".into());
        if with_defaults {
            o.defaults = Some(convert_support::canonical_order(
                r#"{"notes":"Ring twice","location":{"address":"1 Main St"},
                    "assignment":{"routeNumber":"R-1"},"vendor":{"wialon":{"itemId":734}}}"#,
            ));
        }
        let whole = run(&batch(orders), &o);
        let mut expected = (Vec::new(), Vec::new());
        for (i, order) in orders.iter().enumerate() {
            let alone = run(&batch(std::slice::from_ref(order)), &o);
            let (issues, lost) = order_report(&alone, 0);
            let at = format!("/orders/{i}");
            expected
                .0
                .extend(issues.into_iter().map(|t| format!("{at}{t}")));
            expected
                .1
                .extend(lost.into_iter().map(|t| format!("{at}{t}")));
            prop_assert_eq!(
                order_report(&whole, i),
                order_report(&alone, 0),
                "order {} {} → {}",
                i,
                from,
                to
            );
        }
        prop_assert_eq!(orders_report(&whole), expected, "{} → {}", from, to);
    }
    Ok(())
}

/// A batch of orders of a few kinds, repeated in any order, each with a number (and id) of its
/// own so that the batch has no duplicates; a kind is sometimes one the reader refuses, whose
/// error falls between the reports of the orders around it (`spoil`).
fn batch_of_kinds(
    kind: impl Strategy<Value = Json>,
    number: &'static str,
    spoil: fn(&mut Json),
) -> impl Strategy<Value = (Vec<Json>, bool)> {
    let kind = (kind, proptest::bool::weighted(0.2)).prop_map(move |(mut o, bad)| {
        if bad {
            spoil(&mut o);
        }
        o
    });
    (
        proptest::collection::vec(kind, 1..4),
        proptest::collection::vec(0usize..4, 2..10),
        any::<bool>(),
    )
        .prop_map(move |(kinds, picks, with_defaults)| {
            let orders = picks
                .iter()
                .enumerate()
                .map(|(i, pick)| {
                    let mut o = kinds[pick % kinds.len()].clone();
                    o[number] = json!(format!("N{i}"));
                    if o.get("id").is_some() {
                        o["id"] = json!(format!("{i:032x}"));
                    }
                    o
                })
                .collect();
            (orders, with_defaults)
        })
}

/// An order's report does not depend on the orders around it. The orders after the first of a
/// kind are reported by replaying the first one's report (src/convert/replay.rs), which this
/// checks against reporting each afresh, with and without defaults that the targets hold or
/// lose.
#[test]
fn each_order_of_a_batch_is_reported_as_it_is_alone() {
    with_big_stack(|| {
        let optimoroute = batch_of_kinds(optimoroute_order(), "orderNo", |o| {
            o["duration"] = json!("long");
        });
        runner(96)
            .run(&optimoroute, |(orders, with_defaults)| {
                each_reported_as_alone("optimoroute", &orders, with_defaults)
            })
            .unwrap();
        let canonical = batch_of_kinds(canonical_order(false), "number", |o| {
            o["priority"] = json!("urgent");
        });
        runner(96)
            .run(&canonical, |(orders, with_defaults)| {
                each_reported_as_alone("canonical", &orders, with_defaults)
            })
            .unwrap();
    });
}

/// Converts a batch of OptimoRoute `orders` to Wialon with `defaults` (canonical JSON), checks
/// that each order is reported as it is in a batch of its own, and returns the conversion.
fn to_wialon_each_as_alone(orders: &[Json], defaults: &str) -> Converted {
    let mut o = options("optimoroute", "wialon");
    o.time_zone = Some("America/New_York".into());
    o.defaults = Some(convert_support::canonical_order(defaults));
    let whole = run(&json!({ "orders": orders }).to_string(), &o);
    for (i, order) in orders.iter().enumerate() {
        let alone = run(&json!({ "orders": [order] }).to_string(), &o);
        assert_eq!(
            order_report(&whole, i),
            order_report(&alone, 0),
            "order {i}"
        );
    }
    whole
}

/// Two orders whose writers say the same things about their windows, read from OptimoRoute's
/// two lists split differently: each order's issues point at its own sources, though the
/// second order of each kind is reported by replaying the first one's report.
#[test]
fn a_replayed_report_points_at_each_orders_own_window() {
    // Three windows, the earliest first, read from two lists split differently: the target
    // keeps the first and loses the others, which say the same for both orders.
    let window = |from: &str| json!({"twFrom": from, "twTo": "23:00"});
    let dated =
        |from: &str| json!({"from": format!("2024-03-22T{from}:00"), "to": "2024-03-22T23:00:00"});
    let order = |no: &str, listed: Vec<Json>, dated: Vec<Json>| {
        json!({"orderNo": no, "date": "2024-03-22",
        "location": {"locationNo": "L", "latitude": 42.35, "longitude": -71.06},
        "timeWindows": listed, "allowedDateTimes": dated})
    };
    let listed = order(
        "A",
        vec![window("10:00")],
        vec![dated("14:00"), dated("16:00")],
    );
    let dated = order(
        "B",
        vec![window("10:00"), window("14:00")],
        vec![dated("16:00")],
    );
    let orders = [listed.clone(), dated.clone(), listed, dated];
    let whole = to_wialon_each_as_alone(&orders, r#"{"vendor":{"wialon":{"itemId":734}}}"#);
    // The second window's loss: where the window came from in each order.
    let lost_second = |i: usize| {
        let base = format!("/orders/{i}");
        let losses = whole.issues.iter().filter(|issue| {
            issue.path.starts_with(&base) && issue.message.starts_with("`timeWindows.1`")
        });
        losses
            .map(|issue| issue.path.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(lost_second(2), ["/orders/2/allowedDateTimes/0"]);
    assert_eq!(lost_second(3), ["/orders/3/timeWindows/1"]);
}

/// Two orders that lose the same field, one its own and one filled in by the `defaults`
/// option: only the first is listed in `lost` (defaults are not input data), also when its
/// report could be replayed for the other.
#[test]
fn a_replayed_report_tells_a_default_from_the_orders_own_field() {
    let order = |no: &str, notes: Option<&str>| {
        let mut o = json!({"orderNo": no, "date": "2024-03-22",
            "location": {"locationNo": "L", "latitude": 42.35, "longitude": -71.06},
            "timeWindows": [{"twFrom": "10:00", "twTo": "12:00"}]});
        if let Some(notes) = notes {
            o["notes"] = json!(notes);
        }
        o
    };
    let orders = [
        order("A", Some("Gate code 12")),
        order("B", None),
        order("C", Some("Gate code 12")),
        order("D", None),
    ];
    let whole = to_wialon_each_as_alone(
        &orders,
        r#"{"notes":"Ring twice","vendor":{"wialon":{"itemId":734}}}"#,
    );
    let lost_notes: Vec<&str> = whole
        .lost
        .iter()
        .map(|p| p.as_str())
        .filter(|p| p.ends_with("/notes"))
        .collect();
    assert_eq!(lost_notes, ["/orders/0/notes", "/orders/2/notes"]);
}
