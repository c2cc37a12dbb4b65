//! Property tests on generated vendor orders (Wialon params, Yandex bodies, Magic Lane orders),
//! written in each vendor's canonical spelling (see the codecs' module documentation):
//!
//! 1. A → canonical → A is the identity;
//! 2. A → B → A with `preserveUnmapped` is the identity for every B with an extension slot
//!    (Wialon `ej`, Magic Lane `customData`, and canonical, which holds everything); Yandex has
//!    no slot, so through Yandex only (3) holds;
//! 3. A → B → A without it: every field that differs was reported — lost (`lost`), or changed
//!    on the way (`VALUE_ADJUSTED`, `DERIVED_VALUE`) — and every lost field differs.
//!
//! Both legs get the same date and zone (2024-03-22, Europe/Moscow), which the generated times
//! fall on. A Yandex `time_interval` is compared by the instants it means on that date: a local
//! window that went through an absolute format comes back as an ISO interval (the same
//! instants, spelled otherwise). What a leg requires and the order lacks comes from `defaults`
//! with marker values; a marker the original did not hold is not a difference.

#![cfg(not(target_arch = "wasm32"))] // proptest has no wasm32-unknown-unknown backend.

mod convert_support;

use convert_support::*;
use orderbridge::check::{CalendarDate, Checker};
use orderbridge::convert::{codes, ConvertOptions};
use orderbridge::json::Path;
use orderbridge::time::forms::parse_yandex_interval;
use orderbridge::time::{TimeContext, Zone};
use proptest::prelude::*;
use serde_json::{json as j, Map, Value as Json};

const DATE: &str = "2024-03-22";
const ZONE: &str = "Europe/Moscow";
/// 2024-03-22T00:00 in Moscow (UTC+3), UNIX seconds.
const DAY_START: i64 = 1_711_054_800;
/// Values `defaults` supply, recognisable in the output.
const MARK: &str = "ZZ-DEFAULT";
const MARK_ITEM: i64 = 999_999;

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 éß\"/~-]{0,10}"
}

fn word() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{0,6}"
}

fn opt<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(s)
}

fn tenths(max: u32) -> impl Strategy<Value = f64> {
    (0..max).prop_map(|n| f64::from(n) / 10.0)
}

fn put(o: &mut Map<String, Json>, key: &str, v: Option<Json>) {
    if let Some(v) = v {
        o.insert(key.to_string(), v);
    }
}

fn num_text(x: f64) -> Json {
    Json::String(x.to_string())
}

// ------------------------------------------------------------------------------ generators

prop_compose! {
    fn wialon_p()(
        names in (opt(text()), opt(text()), opt(text()), opt(text()), text()),
        load in (opt(tenths(100_000)), opt(tenths(100_000)), opt(0u64..100_000), opt(0u64..7_200)),
        texts in (opt(text()), opt(text()), opt(text()), opt(text()), opt(text())),
        warehouse in (opt(prop_oneof![Just(""), Just("12,34")]), opt(prop_oneof![Just(""), Just("7_1,7_2")])),
        flags in (opt(prop::sample::select(vec![0u64, 1, 2, 3, 16, 17, 18, 19, 33])), opt(0u64..10)),
        tags in opt(prop::collection::vec(0u64..1000, 1..3)),
        route in opt((opt(1u64..1000), opt(0u64..20), opt(0u64..50_000), opt(0u64..3_600), opt(0u64..3_600), opt(DAY_START as u64..DAY_START as u64 + 86_400))),
    ) -> Json {
        let mut p = Map::new();
        put(&mut p, "n", names.0.map(Json::from));
        put(&mut p, "p", names.1.map(Json::from));
        put(&mut p, "p2", names.2.map(Json::from));
        put(&mut p, "e", names.3.map(Json::from));
        p.insert("a".into(), names.4.into());
        put(&mut p, "v", load.0.map(num_text));
        put(&mut p, "w", load.1.map(num_text));
        put(&mut p, "c", load.2.map(Json::from));
        put(&mut p, "ut", load.3.map(Json::from));
        put(&mut p, "t", texts.0.map(Json::from));
        put(&mut p, "d", texts.1.map(Json::from));
        put(&mut p, "uic", texts.2.map(Json::from));
        put(&mut p, "cid", texts.3.map(Json::from));
        put(&mut p, "cm", texts.4.map(Json::from));
        put(&mut p, "aff", warehouse.0.map(Json::from));
        put(&mut p, "z", warehouse.1.map(Json::from));
        put(&mut p, "ntf", flags.0.map(Json::from));
        put(&mut p, "pr", flags.1.map(Json::from));
        put(&mut p, "tags", tags.map(Json::from));
        if let Some((id, i, m, t, ndt, vt)) = route {
            let mut r = Map::new();
            put(&mut r, "id", id.map(Json::from));
            put(&mut r, "i", i.map(Json::from));
            put(&mut r, "m", m.map(Json::from));
            put(&mut r, "t", t.map(Json::from));
            put(&mut r, "ndt", ndt.map(Json::from));
            put(&mut r, "vt", vt.map(Json::from));
            if !r.is_empty() {
                p.insert("r".into(), Json::Object(r));
            }
        }
        Json::Object(p)
    }
}

prop_compose! {
    fn wialon_order()(
        head in (1i64..1_000_000, prop_oneof![Just(0i64), 1i64..1_000_000], word()),
        p in wialon_p(),
        times in (0i64..86_400, prop_oneof![0i64..43_200, 86_400i64..90_000], opt(0u64..3_600)),
        place in (-80.0f64..80.0, -170.0f64..170.0, opt(0u64..5_000)),
        flags in opt(prop::sample::select(vec![1u64, 2, 3, 4, 8, 16, 32, 64, 65, 128, 256, 0x1ff, 0x401])),
        unit in opt(0i64..1_000),
        extras in (opt(Just("m||gIoocgD}Yai@ga@ug@")), opt(Just(10_800i64)), opt(prop::collection::btree_map("[a-z]{1,4}", text(), 1..3)), opt(prop::collection::vec(1u64..5_000, 1..3)), opt(Just(j!({"erp": {"wh": "MSK-1"}}))), opt(1i64..1_000)),
    ) -> Json {
        let (item, id, n) = head;
        let mut o = Map::new();
        o.insert("itemId".into(), item.into());
        o.insert("id".into(), id.into());
        o.insert("callMode".into(), if id == 0 { "create" } else { "update" }.into());
        o.insert("n".into(), n.into());
        o.insert("p".into(), p);
        let tf = DAY_START + times.0;
        o.insert("tf".into(), tf.into());
        o.insert("tt".into(), (tf + times.1).into());
        put(&mut o, "trt", times.2.map(Json::from));
        // Rounded to 6 decimals, as coordinates are written.
        let round = |x: f64| (x * 1e6).round() / 1e6;
        o.insert("y".into(), round(place.0).into());
        o.insert("x".into(), round(place.1).into());
        put(&mut o, "r", place.2.map(Json::from));
        put(&mut o, "f", flags.map(Json::from));
        put(&mut o, "u", unit.map(Json::from));
        put(&mut o, "rp", extras.0.map(Json::from));
        put(&mut o, "tz", extras.1.map(Json::from));
        put(&mut o, "cf", extras.2.map(|m| Json::Object(m.into_iter().map(|(k, v)| (k, Json::from(v))).collect())));
        put(&mut o, "dp", extras.3.map(|ids| Json::from(ids.iter().map(u64::to_string).collect::<Vec<_>>())));
        put(&mut o, "ej", extras.4);
        put(&mut o, "oldOrderId", extras.5.map(Json::from));
        Json::Object(o)
    }
}

/// A clock time in canonical spelling (seconds only when not zero).
fn clock(s: i64) -> String {
    let s = if s == 86_400 { s } else { s.rem_euclid(86_400) };
    if s % 60 == 0 {
        format!("{:02}:{:02}", s / 3600, s / 60 % 60)
    } else {
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

fn iso(unix: i64) -> String {
    // Moscow wall time, whole minutes, relative to 2024-03-22.
    let since = unix - DAY_START;
    let day = 22 + since.div_euclid(86_400);
    let s = since.rem_euclid(86_400);
    format!(
        "2024-03-{day:02}T{:02}:{:02}:00+03:00",
        s / 3600,
        s / 60 % 60
    )
}

fn yandex_interval() -> impl Strategy<Value = String> {
    prop_oneof![
        // Local, whole minutes; an end before the start crosses midnight; `00:00-24:00` is the
        // whole day (a later start ending at midnight is written `-00:00`, Yandex's crossing
        // form, so that is the form generated).
        (0i64..1440, 0i64..=1440).prop_map(|(a, b)| {
            if b == 1440 && a == 0 {
                "00:00-24:00".to_string()
            } else if b == 1440 {
                format!("{}-00:00", clock(a * 60))
            } else {
                format!("{}-{}", clock(a * 60), clock(b * 60))
            }
        }),
        // Absolute, on the test day in Moscow time, possibly ending the next day.
        (0i64..1440, 0i64..1440).prop_map(|(a, len)| {
            let start = DAY_START + a * 60;
            format!("{}/{}", iso(start), iso(start + len * 60))
        }),
    ]
}

prop_compose! {
    fn yandex_order()(
        head in (text(), text(), -80.0f64..80.0, -170.0f64..170.0, yandex_interval()),
        route in prop_oneof![
            (1i64..10_000).prop_map(|r| (Some(r), None)),
            word().prop_map(|r| (None, Some(r))),
            (1i64..10_000, word()).prop_map(|(a, b)| (Some(a), Some(b))),
        ],
        who in (opt(text()), opt(word()), opt(text()), opt("[0-9]{1,6}")),
        money in (opt(tenths(100_000)), opt(prop::sample::select(vec!["cash", "card", "prepaid"])), opt(prop::sample::select(vec!["paid", "unpaid"]))),
        service in (opt(0u64..3_600), opt(0u64..600), opt(tenths(10_000)), opt(tenths(10_000))),
        more in (opt(text()), opt(text()), opt(prop::sample::select(vec!["new", "confirmed", "finished", "partially_finished", "cancelled", "postponed"])), opt(prop::sample::select(vec!["delivery", "pickup", "drop_off"])), opt(tenths(100_000)), opt(any::<bool>())),
        own in (opt(prop::collection::vec(1i64..100, 1..3)), opt(prop::collection::vec(word(), 1..3)), opt(prop::sample::select(vec!["arrival_time", "delivery_time"])), opt(any::<bool>()), opt((-80.0f64..80.0, -170.0f64..170.0))),
    ) -> Json {
        let round = |x: f64| (x * 1e6).round() / 1e6;
        let mut o = Map::new();
        o.insert("number".into(), head.0.into());
        o.insert("address".into(), head.1.into());
        o.insert("lat".into(), round(head.2).into());
        o.insert("lon".into(), round(head.3).into());
        o.insert("time_interval".into(), head.4.into());
        put(&mut o, "route_id", route.0.map(Json::from));
        put(&mut o, "route_number", route.1.map(Json::from));
        put(&mut o, "customer_name", who.0.map(Json::from));
        put(&mut o, "phone", who.1.map(Json::from));
        put(&mut o, "comments", who.2.map(Json::from));
        put(&mut o, "customer_number", who.3.map(Json::from));
        put(&mut o, "amount", money.0.map(Json::from));
        put(&mut o, "payment_type", money.1.map(Json::from));
        put(&mut o, "payment_status", money.2.map(Json::from));
        put(&mut o, "service_duration_s", service.0.map(Json::from));
        put(&mut o, "shared_service_duration_s", service.1.map(Json::from));
        put(&mut o, "volume", service.2.map(Json::from));
        put(&mut o, "weight", service.3.map(Json::from));
        put(&mut o, "description", more.0.map(Json::from));
        put(&mut o, "comments", more.1.map(Json::from));
        put(&mut o, "status", more.2.map(Json::from));
        put(&mut o, "type", more.3.map(Json::from));
        put(&mut o, "mark_delivered_radius", more.4.map(Json::from));
        put(
            &mut o,
            "notifications",
            more.5.map(|b| if b { j!([{"type": "before_arrival"}]) } else { j!([]) }),
        );
        put(&mut o, "shared_with_company_ids", own.0.map(Json::from));
        put(&mut o, "shared_with_company_numbers", own.1.map(Json::from));
        put(&mut o, "eta_type", own.2.map(Json::from));
        put(&mut o, "show_yandex_pay_button", own.3.map(Json::from));
        if let Some((la, lo)) = own.4 {
            o.insert("refined_lat".into(), round(la).into());
            o.insert("refined_lon".into(), round(lo).into());
        }
        Json::Object(o)
    }
}

prop_compose! {
    fn magiclane_order()(
        head in (opt(1i64..1_000_000), word(), -80.0f64..80.0, -170.0f64..170.0, (0i64..1440, 0i64..1440)),
        who in (opt(text()), opt(text()), opt(word()), opt(1i64..1_000_000), opt("[a-z0-9 ]{0,8}")),
        address in opt((opt(word()), opt(word()), opt(word()), opt(word()), opt("[0-9]{5}"), opt(text()), opt("[0-9]{1,3}"), opt(text()))),
        codes in (opt(0i64..2), opt(0i64..2), opt(0i64..6), opt(0i64..2)),
        load in (opt(0u64..50), opt(tenths(10_000)), opt(tenths(1_000)), opt(tenths(100_000))),
        rest in (opt(0u64..3_600), opt(0i64..50), opt(1_700_000_000_000i64..1_800_000_000_000)),
    ) -> Json {
        let round = |x: f64| (x * 1e6).round() / 1e6;
        let mut o = Map::new();
        put(&mut o, "id", head.0.map(Json::from));
        o.insert("alias".into(), head.1.into());
        o.insert("location".into(), j!([round(head.2), round(head.3)]));
        // An end past 1440 crosses midnight (an end below the start is refused as inverted).
        o.insert("timeWindow".into(), j!([head.4 .0, head.4 .0 + head.4 .1]));
        put(&mut o, "firstName", who.0.map(Json::from));
        put(&mut o, "lastName", who.1.map(Json::from));
        put(&mut o, "phoneNumber", who.2.map(Json::from));
        put(&mut o, "customerId", who.3.map(Json::from));
        put(&mut o, "customData", who.4.map(Json::from));
        if let Some((country, state, county, city, postal, street, number, extra)) = address {
            let mut a = Map::new();
            put(&mut a, "country", country.map(Json::from));
            put(&mut a, "state", state.map(Json::from));
            put(&mut a, "county", county.map(Json::from));
            put(&mut a, "city", city.map(Json::from));
            put(&mut a, "postalCode", postal.map(Json::from));
            put(&mut a, "streetName", street.map(Json::from));
            put(&mut a, "streetNumber", number.map(Json::from));
            put(&mut a, "extra", extra.map(Json::from));
            o.insert("address".into(), Json::Object(a));
        }
        put(&mut o, "type", codes.0.map(Json::from));
        put(&mut o, "status", codes.1.map(Json::from));
        put(&mut o, "state", codes.2.map(Json::from));
        put(&mut o, "priority", codes.3.map(Json::from));
        put(&mut o, "numberOfPackages", load.0.map(Json::from));
        put(&mut o, "weight", load.1.map(Json::from));
        put(&mut o, "cube", load.2.map(Json::from));
        put(&mut o, "revenue", load.3.map(Json::from));
        put(&mut o, "serviceTime", rest.0.map(Json::from));
        put(&mut o, "depotId", rest.1.map(Json::from));
        put(&mut o, "creationTimestamp", rest.2.map(Json::from));
        Json::Object(o)
    }
}

fn any_order() -> impl Strategy<Value = (&'static str, Json)> {
    prop_oneof![
        wialon_order().prop_map(|o| ("wialon", o)),
        yandex_order().prop_map(|o| ("yandex", o)),
        magiclane_order().prop_map(|o| ("magiclane", o)),
    ]
}

// ------------------------------------------------------------------------------- the checks

fn leg(from: &str, to: &str, preserve: bool) -> ConvertOptions {
    let mut o = opts_at(from, to, DATE, ZONE);
    o.preserve_unmapped = preserve;
    o.defaults = Some(canonical_order(&format!(
        r#"{{"number":"{MARK}","location":{{"address":"{MARK}"}},
            "assignment":{{"routeNumber":"{MARK}"}},"vendor":{{"wialon":{{"itemId":{MARK_ITEM}}}}}}}"#
    )));
    o
}

/// Replaces a Yandex `time_interval` by the instants it means on the test day.
fn instants(format: &str, v: &mut Json) {
    if format != "yandex" {
        return;
    }
    let Some(text) = v
        .get("time_interval")
        .and_then(Json::as_str)
        .map(str::to_string)
    else {
        return;
    };
    let ctx = TimeContext::new(CalendarDate::parse(DATE), Zone::get(ZONE));
    let mut ck = Checker::new();
    let w = parse_yandex_interval(&text, &ctx, &Path::root(), &mut ck);
    v["time_interval"] = match w {
        Some(w) => j!([w.start_unix, w.end_unix]),
        None => Json::String(format!("unreadable: {text}")),
    };
}

/// Drops the marker values `defaults` put where the original had nothing.
fn drop_markers(original: &Json, back: &mut Json) {
    if let (Some(o), Some(b)) = (original.as_object(), back.as_object_mut()) {
        b.retain(|k, v| o.contains_key(k) || !(v == MARK || v.as_i64() == Some(MARK_ITEM)));
    }
}

/// Options of a `preserveUnmapped` leg: only Wialon's resource is supplied (Wialon requires it),
/// with a marker value.
fn preserve_leg(from: &str, to: &str) -> ConvertOptions {
    let mut o = opts_at(from, to, DATE, ZONE);
    o.preserve_unmapped = true;
    if to == "wialon" && from != "wialon" {
        o.defaults = Some(canonical_order(&format!(
            r#"{{"vendor":{{"wialon":{{"itemId":{MARK_ITEM}}}}}}}"#
        )));
    }
    o
}

/// On the way back, the resource supplied on the way there is Wialon's own field, carried in
/// the source's slot: remove exactly that from a Magic Lane envelope.
fn strip_marker_envelope(from: &str, v: &mut Json) {
    if from == "canonical" {
        // Canonical holds everything, the supplied resource too.
        if v["vendor"]["wialon"] == j!({"itemId": MARK_ITEM}) {
            if let Some(vendor) = v.get_mut("vendor").and_then(Json::as_object_mut) {
                vendor.remove("wialon");
                if vendor.is_empty() {
                    v.as_object_mut().map(|o| o.remove("vendor"));
                }
            }
        }
        return;
    }
    if from != "magiclane" {
        return;
    }
    let Some(text) = v.get("customData").and_then(Json::as_str) else {
        return;
    };
    let Ok(mut envelope) = serde_json::from_str::<Json>(text) else {
        return;
    };
    if envelope["order"]["vendor"]["wialon"] != j!({"itemId": MARK_ITEM}) {
        return;
    }
    let own = envelope["order"]["vendor"]["magiclane"]["customData"].clone();
    if let Some(vendor) = envelope["order"]["vendor"].as_object_mut() {
        vendor.remove("wialon");
        vendor.remove("magiclane");
    }
    let rest_empty = envelope["order"].as_object().is_some_and(|o| {
        o.iter()
            .all(|(k, x)| k == "vendor" && x.as_object().is_some_and(Map::is_empty))
    });
    if rest_empty && envelope.get("derived").is_none() {
        match own {
            Json::String(own) => v["customData"] = own.into(),
            _ => {
                v.as_object_mut().map(|o| o.remove("customData"));
            }
        }
    }
}

fn round_trip(from: &str, via: &str, a: &Json) -> Result<(Json, Vec<String>), String> {
    let there = run(&a.to_string(), &preserve_leg(from, via));
    let out = there
        .output
        .as_deref()
        .ok_or_else(|| format!("{from} -> {via} wrote nothing: {:#?}", there.issues))?;
    let back = run(out, &preserve_leg(via, from));
    let text = back
        .output
        .as_deref()
        .ok_or_else(|| format!("{via} -> {from} wrote nothing: {:#?}", back.issues))?;
    let mut got: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
    strip_marker_envelope(from, &mut got);
    Ok((got, there.lost.iter().map(|p| p.to_string()).collect()))
}

/// The codes that report a value written in a changed form (not lost).
const CHANGE_CODES: [&str; 4] = [
    codes::VALUE_ADJUSTED,
    codes::DERIVED_VALUE,
    orderbridge::time::codes::PRECISION_LOST,
    orderbridge::time::codes::BOUNDS_ADJUSTED,
];

/// Fields that stand or fall together: Magic Lane's first and last name (a name that does not
/// split back moves between them) and `status`/`state` (one canonical status), Wialon's `tf`/`tt` (one window) and `id`/`callMode`.
fn group(format: &str, pointer: &str) -> String {
    match (format, pointer) {
        ("magiclane", "/firstName" | "/lastName") => "/name".into(),
        // One canonical status is the pair.
        ("magiclane", "/status" | "/state") => "/status".into(),
        ("wialon", "/tf" | "/tt") => "/window".into(),
        // callMode follows from id (update with one, create without).
        ("wialon", "/id" | "/callMode") => "/id".into(),
        _ => pointer.to_string(),
    }
}

fn check_exactly_lost(from: &str, via: &str, a: &Json) -> Result<(), TestCaseError> {
    let there = run(&a.to_string(), &leg(from, via, false));
    let Some(out) = there.output.as_deref() else {
        // Nothing written: the reason is an error, never a silent drop.
        prop_assert!(
            !errors(&there).is_empty(),
            "{from} -> {via}: no output and no error"
        );
        return Ok(());
    };
    assert_valid(via, out);
    let back = run(out, &leg(via, from, false));
    let Some(back_out) = back.output.as_deref() else {
        prop_assert!(!errors(&back).is_empty());
        return Ok(());
    };
    let mut got: Json = serde_json::from_str(back_out).expect("JSON");
    let mut want = a.clone();
    drop_markers(&want, &mut got);
    instants(from, &mut got);
    instants(from, &mut want);
    let changed: Vec<String> = there
        .issues
        .iter()
        .filter(|i| CHANGE_CODES.contains(&i.code.as_ref()))
        .map(|i| group(from, &i.path))
        .collect();
    let lost: Vec<String> = there.lost.iter().map(|l| group(from, l)).collect();
    let d: Vec<String> = diff(&want, &got).iter().map(|p| group(from, p)).collect();
    for p in &d {
        prop_assert!(
            lost.iter().chain(&changed).any(|l| related(p, l)),
            "{from} -> {via} -> {from}: {p} differs but was not reported (lost {lost:?}, changed {changed:?})\n  a    {want}\n  back {got}"
        );
    }
    for l in &lost {
        prop_assert!(
            d.iter().any(|p| related(p, l)),
            "{from} -> {via} -> {from}: {l} reported lost but came back (diff {d:?})\n  a    {want}\n  back {got}"
        );
    }
    Ok(())
}

/// Runs a property on a thread with a large stack: the composite strategies recurse deeply in
/// unoptimized builds.
fn check<S, F>(strategy: fn() -> S, property: F)
where
    S: Strategy + 'static,
    S::Value: std::fmt::Debug,
    F: Fn(S::Value) -> Result<(), TestCaseError> + Send + 'static,
{
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(128);
    let outcome = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
                cases,
                ..ProptestConfig::default()
            });
            runner.run(&strategy(), property).map_err(|e| e.to_string())
        })
        .expect("a test thread")
        .join();
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => panic!("{e}"),
        Err(_) => panic!("the property panicked"),
    }
}

fn with_via(
    vias: &'static [&'static str],
) -> impl Strategy<Value = ((&'static str, Json), &'static str)> {
    (any_order(), prop::sample::select(vias))
}

#[test]
fn vendor_to_canonical_and_back_is_the_identity() {
    check(any_order, |(from, a)| {
        let c = run(&a.to_string(), &opts_at(from, "canonical", DATE, ZONE));
        prop_assert!(errors(&c).is_empty(), "{from}: {:#?}\n{a}", c.issues);
        let back = run(
            c.output.as_deref().unwrap_or(""),
            &opts_at("canonical", from, DATE, ZONE),
        );
        prop_assert_eq!(&back.lost, &Vec::<String>::new());
        let got: Json =
            serde_json::from_str(back.output.as_deref().unwrap_or("null")).expect("JSON");
        let d = diff(&a, &got);
        prop_assert!(
            d.is_empty(),
            "{from} differs at {d:?}\n  a    {a}\n  back {got}"
        );
        Ok(())
    });
}

#[test]
fn through_a_slot_with_preserve_unmapped_is_the_identity() {
    check(
        || with_via(&["canonical", "wialon", "magiclane"]),
        |((from, a), via)| {
            let (mut got, lost) = round_trip(from, via, &a).map_err(TestCaseError::fail)?;
            prop_assert_eq!(lost, Vec::<String>::new());
            let mut want = a.clone();
            instants(from, &mut got);
            instants(from, &mut want);
            let d = diff(&want, &got);
            prop_assert!(
                d.is_empty(),
                "{from} -> {via} -> {from} differs at {d:?}\n  a    {want}\n  back {got}"
            );
            Ok(())
        },
    );
}

#[test]
fn without_preserve_unmapped_exactly_the_lost_fields_differ() {
    check(
        || with_via(&["wialon", "yandex", "magiclane"]),
        |((from, a), via)| {
            if from != via {
                check_exactly_lost(from, via, &a)?;
            }
            Ok(())
        },
    );
}

#[test]
fn the_generators_write_valid_orders() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    for _ in 0..200 {
        let (from, a) = any_order().new_tree(&mut runner).expect("tree").current();
        let report =
            orderbridge::validate::validate_text(format(from), &a.to_string(), &Default::default())
                .expect("JSON");
        assert!(report.ok, "{from}: {:#?}\n{a}", report.issues);
    }
}

#[test]
fn canonical_through_a_slot_with_preserve_unmapped_is_the_identity() {
    // Canonical orders as the vendors' orders read: every kind of content, every window form.
    check(
        || with_via(&["wialon", "magiclane"]),
        |((from, a), via)| {
            let c = run(&a.to_string(), &opts_at(from, "canonical", DATE, ZONE));
            let canonical = output(&c);
            let (got, lost) =
                round_trip("canonical", via, &canonical).map_err(TestCaseError::fail)?;
            prop_assert_eq!(lost, Vec::<String>::new());
            let d = diff(&canonical, &got);
            prop_assert!(
                d.is_empty(),
                "canonical (from {from}) -> {via} -> canonical differs at {d:?}\n  a    {canonical}\n  back {got}"
            );
            Ok(())
        },
    );
}
