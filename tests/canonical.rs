//! The canonical model: documented examples validate, and any order written by the model reads
//! back to the same order (serialize → parse → read is the identity).

use orderbridge::check::Checker;
use orderbridge::json::{self, Path};
use orderbridge::model::*;
use proptest::prelude::*;

fn read(text: &str) -> (Option<Order>, Vec<orderbridge::Issue>) {
    let v = json::parse(text).expect("test JSON");
    let mut ck = Checker::new();
    let o = read_order(&v, &Path::root(), &mut ck);
    (o, ck.issues)
}

#[test]
fn a_full_order_reads_without_issues_and_writes_back_identically() {
    let text = r#"{"id":"879887","number":"ORD-1","externalId":"C-9","documentNumber":"SD-1","kind":"delivery","depotRole":"first","date":"2024-03-22","location":{"lat":48.870852,"lon":2.356148,"address":"1 Rue X, Paris","addressParts":{"country":"FR","city":"Paris","postalCode":"75010","streetName":"Rue X","streetNumber":"1"},"name":"Shop","code":"LOC1","notes":"gate 4412","refined":{"lat":48.87,"lon":2.35}},"contact":{"name":"Marie Curie","firstName":"Marie","lastName":"Curie","phone":"+33 1","phone2":"+33 2","email":"m@example.com","customerId":"1838721"},"timeWindows":[{"kind":"local","start":36000,"end":50400,"date":"2024-03-22","timeZone":"Europe/Paris","endBounds":"serviceEnd"},{"kind":"absolute","start":1711101600,"end":1711108800,"utcOffsetS":3600,"startUnix":1711101600,"endUnix":1711108800,"endBounds":"completion"}],"scheduling":{"allowedWeekdays":["mon","fri"],"allowedFrom":"2024-03-01","allowedTo":"2024-03-31","allowedAdvanceS":600},"service":{"durationS":300,"sharedDurationS":120},"load":{"weightKg":5.1,"volume":0.02,"packages":3,"custom":[1,2.5]},"money":{"amount":12.5,"cost":3,"revenue":16,"paymentType":"card","paymentStatus":"unpaid"},"priority":"critical","requirements":{"skills":["SK1"],"vehicleFeatures":["FR"],"vehicleType":"van"},"assignment":{"driverSerial":"001","driverExternalId":"DRV001","unitId":"734","routeId":"77","routeNumber":"R-1","depotId":"5"},"plannedStop":{"sequence":2,"distanceFromPreviousM":1200,"travelTimeFromPreviousS":300,"visitTimeUnix":1711102000,"notifyBeforeS":900},"geofenceRadiusM":100,"completion":{"onStopInRadius":true,"confirmOnlyInRadius":true},"notes":"ring twice","description":"two boxes","statusComment":"ok","customFields":{"floor":3,"fragile":true,"intercom":"B12","none":null},"tags":["7","9"],"barcodes":["12345678"],"notifications":{"email":true,"sms":false,"beforeArrival":true},"status":"scheduled","dependsOn":["41"],"relatedOrder":{"number":"ORD-0"},"createdAtMs":1751445531350,"vendor":{"wialon":{"itemId":1,"p":{"aff":"123,456"}}}}"#;
    let (order, issues) = read(text);
    assert_eq!(issues, vec![]);
    let order = order.unwrap();
    assert_eq!(serde_json::to_string(&order).unwrap(), text);
}

#[test]
fn a_batch_reports_bad_orders_by_index_and_keeps_the_good_ones() {
    let v = json::parse(r#"{"orders":[{"number":"A"},{"number":7},{"number":"C"}]}"#).unwrap();
    let mut ck = Checker::new();
    let Some(CanonicalPayload::Batch(orders)) = read_payload(&v, &Path::root(), &mut ck) else {
        panic!("a batch");
    };
    assert_eq!(orders.len(), 3);
    assert!(orders[0].is_some() && orders[1].is_none() && orders[2].is_some());
    assert_eq!(ck.issues[0].path, "/orders/1/number");
}

#[test]
fn window_rules() {
    let (_, issues) = read(
        r#"{"timeWindows":[{"start":10,"end":5,"kind":"absolute"},{"kind":"local","start":-1,"end":90000},{"start":0}]}"#,
    );
    let got: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_ref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("/timeWindows/0/end", "WINDOW_INVERTED"),
            ("/timeWindows/1/start", "OUT_OF_RANGE"),
            ("/timeWindows/2/kind", "MISSING_FIELD"),
        ]
    );
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[a-zA-Z0-9 \"\\\\/~é😀\n-]{0,12}")
}

fn finite(lo: f64, hi: f64) -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(lo..hi)
}

prop_compose! {
    fn arb_order()(
        id in opt_text(), number in opt_text(), notes in opt_text(),
        lat in finite(-90.0, 90.0), lon in finite(-180.0, 180.0), address in opt_text(),
        duration in finite(0.0, 1e6), weight in finite(0.0, 1e5), packages in proptest::option::of(0u64..1000),
        custom in proptest::collection::vec(-1e6f64..1e6, 0..=4),
        priority in proptest::option::of(prop_oneof![Just(Priority::Low), Just(Priority::Medium), Just(Priority::High), Just(Priority::Critical)]),
        kind in proptest::option::of(prop_oneof![Just(OrderKind::Delivery), Just(OrderKind::Pickup), Just(OrderKind::Task), Just(OrderKind::DropOff)]),
        skills in proptest::collection::vec("[A-Z0-9]{1,5}", 0..3),
        start in 0i64..86_400, len in 0i64..86_400,
        radius in finite(0.0, 10_000.0),
    ) -> Order {
        Order {
            id, number, notes, kind, priority,
            location: (lat.is_some() && lon.is_some() || address.is_some()).then(|| Location {
                lat: lat.filter(|_| lon.is_some()), lon: lon.filter(|_| lat.is_some()), address, ..Default::default()
            }),
            service: duration.map(|d| Service { duration_s: Some(d), shared_duration_s: None }),
            load: (weight.is_some() || packages.is_some() || !custom.is_empty()).then_some(Load { weight_kg: weight, volume: None, packages, custom }),
            requirements: (!skills.is_empty()).then(|| Requirements { skills, ..Default::default() }),
            time_windows: vec![TimeWindow { kind: WindowKind::Local, start: Some(start), end: Some(start + len), date: None, time_zone: None, utc_offset_s: None, start_unix: None, end_unix: None, end_bounds: EndBound::ServiceStart }],
            geofence_radius_m: radius,
            ..Default::default()
        }
    }
}

proptest! {
    #[test]
    fn write_then_read_is_identity(order in arb_order()) {
        let text = serde_json::to_string(&order).unwrap();
        let (back, issues) = read(&text);
        prop_assert!(issues.iter().all(|i| !i.is_error()), "{issues:?} for {text}");
        prop_assert_eq!(back, Some(order));
    }
}

/// A few vendor slots that overlap in places (the same slot, the same nested object, the same
/// key with a different value), for the defaults' deep merge.
fn arb_vendor() -> impl Strategy<Value = json::Object<'static>> {
    prop_oneof![
        Just("{}"),
        Just(r#"{"wialon":{"itemId":1,"p":{"aff":"1"}}}"#),
        Just(r#"{"wialon":{"p":{"z":"2_3","aff":"9"},"tz":3}}"#),
        Just(r#"{"wialon":7,"yandex":{"x":[1,2]}}"#),
    ]
    .prop_map(|text| {
        json::parse(text)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .map(|o| o.into_owned())
            .unwrap_or_default()
    })
}

proptest! {
    /// Filling from the defaults by reference is the same as laying a copy of them over the
    /// order with `only_missing`, which it replaced for speed.
    #[test]
    fn filling_from_defaults_is_overlaying_a_copy(
        mut order in arb_order(), mut defaults in arb_order(),
        mine in arb_vendor(), theirs in arb_vendor(),
        email in proptest::option::of(any::<bool>()), their_email in proptest::option::of(any::<bool>()),
    ) {
        order.vendor = mine;
        defaults.vendor = theirs;
        order.notifications = email.map(|e| Notifications { email: Some(e), ..Default::default() });
        defaults.notifications = their_email.map(|e| Notifications { email: Some(e), sms: Some(true), ..Default::default() });
        let mut overlaid = order.clone();
        overlaid.overlay(defaults.clone(), true);
        fill_missing(&mut order, &defaults);
        prop_assert_eq!(order, overlaid);
    }
}

/// `(path, code)` of every error of `text` read as a canonical order.
fn error_codes(text: &str) -> Vec<(String, String)> {
    read(text)
        .1
        .iter()
        .filter(|i| i.is_error())
        .map(|i| (i.path.to_string(), i.code.to_string()))
        .collect()
}

/// Converts canonical `text` to `to`; asserts that any output validates as `to`, and returns
/// the conversion's errors as `(path, code)`.
fn convert_errors(text: &str, to: &str) -> (bool, Vec<(String, String)>) {
    use orderbridge::convert::{convert_text, ConvertOptions};
    use orderbridge::validate::{validate_text, Format};
    let to = Format::from_id(to).unwrap();
    let c = convert_text(text, &ConvertOptions::new(Format::Canonical, to)).unwrap();
    if let Some(out) = &c.output {
        let report =
            validate_text(to, out, &orderbridge::vendor::ValidateOptions::default()).unwrap();
        assert!(
            report.issues.iter().all(|i| !i.is_error()),
            "{out}: {:#?}",
            report.issues
        );
    }
    let errors = c
        .issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| (i.path.to_string(), i.code.to_string()))
        .collect();
    (c.output.is_some(), errors)
}

fn pair(path: &str, code: &str) -> (String, String) {
    (path.to_string(), code.to_string())
}

/// Issue #6: `createdAtMs` is UNIX milliseconds, not before 1970.
#[test]
fn created_at_is_not_before_1970() {
    assert_eq!(
        error_codes(r#"{"createdAtMs":-1}"#),
        vec![pair("/createdAtMs", "OUT_OF_RANGE")]
    );
    assert_eq!(error_codes(r#"{"createdAtMs":0}"#), vec![]);
}

/// Issue #6: a custom field number is a finite double, as every number of the model; one
/// past that is refused before OptimoRoute (whose validator rejects it) is written.
#[test]
fn custom_field_numbers_are_finite() {
    assert_eq!(
        error_codes(r#"{"customFields":{"floor":1e309}}"#),
        vec![pair("/customFields/floor", "OUT_OF_RANGE")]
    );
    assert_eq!(error_codes(r#"{"customFields":{"floor":1e308}}"#), vec![]);
    let order = r#"{"number":"A1","kind":"delivery","date":"2024-06-10","location":{"lat":42.4,"lon":-71.08,"address":"Boston"},"customFields":{"floor":1e309}}"#;
    assert_eq!(
        convert_errors(order, "optimoroute"),
        (false, vec![pair("/customFields/floor", "OUT_OF_RANGE")])
    );
    let (written, errors) = convert_errors(&order.replace("1e309", "3"), "optimoroute");
    assert!(written && errors.is_empty(), "{errors:?}");
}

/// Issue #6: a window's stored UNIX bounds must be its bounds (a local window's placed on its
/// date in its zone) and in order; writers use either form, so a contradiction would become
/// an inverted or shifted vendor window.
#[test]
fn stored_unix_bounds_agree_with_the_window() {
    let order = |window: &str| {
        format!(
            r#"{{"number":"A","location":{{"lat":53.9,"lon":27.5,"address":"Minsk"}},"timeWindows":[{window}],"vendor":{{"wialon":{{"itemId":1}}}}}}"#
        )
    };
    let local = r#""kind":"local","date":"2024-06-10","timeZone":"Europe/Minsk""#;
    // Minsk is UTC+3: 10:00 on 2024-06-10 is 1718002800, 14:00 is 1718017200.
    for (window, want) in [
        (
            format!(r#"{{{local},"start":36000,"endUnix":1718000000}}"#),
            vec![pair("/timeWindows/0/endUnix", "WINDOW_INVERTED")],
        ),
        (
            format!(r#"{{{local},"start":265160,"startUnix":1717992000,"endUnix":1718031960}}"#),
            vec![pair("/timeWindows/0/startUnix", "CONFLICTING_FIELDS")],
        ),
        (
            format!(r#"{{{local},"start":36000,"end":50400,"endUnix":1718017201}}"#),
            vec![pair("/timeWindows/0/endUnix", "CONFLICTING_FIELDS")],
        ),
        (
            r#"{"kind":"local","startUnix":1718017200,"endUnix":1718002800}"#.to_string(),
            vec![pair("/timeWindows/0/endUnix", "WINDOW_INVERTED")],
        ),
        (
            r#"{"kind":"absolute","start":1718002800,"end":1718017200,"startUnix":1718002801}"#
                .to_string(),
            vec![pair("/timeWindows/0/startUnix", "CONFLICTING_FIELDS")],
        ),
        (
            format!(
                r#"{{{local},"start":36000,"end":50400,"startUnix":1718002800,"endUnix":1718017200}}"#
            ),
            vec![],
        ),
        (
            format!(r#"{{{local},"start":36000,"endUnix":1718017200}}"#),
            vec![],
        ),
    ] {
        let text = order(&window);
        assert_eq!(error_codes(&text), want, "{window}");
        let (written, errors) = convert_errors(&text, "wialon");
        assert_eq!(errors, want, "{window}");
        assert_eq!(written, want.is_empty(), "{window}");
    }
    // 02:30 on 2024-10-27 happens twice in Paris: either instant is that local time.
    for unix in [1_729_989_000, 1_729_992_600] {
        let text = format!(
            r#"{{"timeWindows":[{{"kind":"local","start":9000,"date":"2024-10-27","timeZone":"Europe/Paris","startUnix":{unix}}}]}}"#
        );
        assert_eq!(error_codes(&text), vec![], "{unix}");
    }
    assert_eq!(
        error_codes(
            r#"{"timeWindows":[{"kind":"local","start":9000,"date":"2024-10-27","timeZone":"Europe/Paris","startUnix":1729996200}]}"#
        ),
        vec![pair("/timeWindows/0/startUnix", "CONFLICTING_FIELDS")]
    );
}
