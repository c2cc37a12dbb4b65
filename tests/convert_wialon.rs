//! Wialon `order/update` as a conversion source and target: hand-written expected outputs
//! (field by field, exact `tf`/`tt` seconds for a zone and date, a DST day), the request
//! shapes (params, envelope, form text, `core/batch`), identity round trips on the documented
//! examples, and the rules for ids, `itemId` and the `ej` envelope.

mod convert_support;

use convert_support::*;
use orderbridge::convert::codes;
use orderbridge::time::codes as time_codes;

/// A realistic create call: Minsk, 2024-06-10 11:00–15:00 local (UTC+3).
const W1: &str = r#"{"itemId":734455,"id":0,"callMode":"create","n":"Order 2201",
  "p":{"n":"Ivan Petrov","p":"+375291234567","a":"Minsk, Nezavisimosti Ave 4","w":"12.5","ut":600,"pr":3,"ntf":1},
  "f":65,"tf":1718006400,"tt":1718020800,"r":150,"y":53.902496,"x":27.561481,"u":19283}"#;

#[test]
fn wialon_to_canonical_by_hand() {
    let c = run(W1, &opts("wialon", "canonical"));
    assert_eq!(c.issues, vec![]);
    assert_eq!(c.lost, Vec::<String>::new());
    let want = json(
        r#"{"number":"Order 2201",
        "location":{"lat":53.902496,"lon":27.561481,"address":"Minsk, Nezavisimosti Ave 4"},
        "contact":{"name":"Ivan Petrov","phone":"+375291234567"},
        "timeWindows":[{"kind":"absolute","start":1718006400,"end":1718020800,
                        "startUnix":1718006400,"endUnix":1718020800,"endBounds":"completion"}],
        "service":{"durationS":600},"load":{"weightKg":12.5},"priority":"critical",
        "assignment":{"unitId":"19283"},"geofenceRadiusM":150,
        "completion":{"onStopInRadius":true,"confirmOnlyInRadius":true},
        "notifications":{"email":false,"sms":true,"smsSecondPhone":false},
        "vendor":{"wialon":{"itemId":734455}}}"#,
    );
    assert_eq!(output(&c), want);
    assert_valid("canonical", c.output.as_deref().unwrap_or(""));
}

#[test]
fn wialon_to_yandex_by_hand() {
    let mut o = opts("wialon", "yandex");
    o.time_zone = Some("Europe/Minsk".into());
    o.defaults = Some(canonical_order(
        r#"{"assignment":{"routeNumber":"BY-0610-1"}}"#,
    ));
    let c = run(W1, &o);
    // tf 1718006400 is 08:00Z, 11:00 in Minsk (UTC+3); tt 12:00Z, 15:00.
    let want = json(
        r#"{"address":"Minsk, Nezavisimosti Ave 4","lat":53.902496,"lon":27.561481,
        "number":"Order 2201","time_interval":"2024-06-10T11:00:00+03:00/2024-06-10T15:00:00+03:00",
        "customer_name":"Ivan Petrov","phone":"+375291234567","route_number":"BY-0610-1",
        "service_duration_s":600,"weight":12.5,"mark_delivered_radius":150}"#,
    );
    assert_eq!(output(&c), want);
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        sorted(vec![
            "/p/pr".into(),
            "/p/ntf".into(),
            "/f".into(),
            "/u".into(),
            "/itemId".into()
        ])
    );
    // The end now bounds the start of service, not completion: reported, numbers unchanged.
    assert_eq!(
        paths_with(&c, codes::VALUE_ADJUSTED),
        vec!["/tf".to_string()]
    );
    assert!(errors(&c).is_empty(), "{:#?}", c.issues);
    assert_valid("yandex", c.output.as_deref().unwrap_or(""));

    // windowSemantics "adjust": completion bounds become start bounds 600 s (p.ut) earlier.
    o.window_semantics = orderbridge::convert::WindowSemantics::Adjust;
    let c = run(W1, &o);
    assert_eq!(
        output(&c)["time_interval"],
        "2024-06-10T10:50:00+03:00/2024-06-10T14:50:00+03:00"
    );
    assert_eq!(
        paths_with(&c, time_codes::BOUNDS_ADJUSTED),
        vec!["/tf".to_string()]
    );
}

#[test]
fn wialon_to_magiclane_by_hand() {
    let mut o = opts("wialon", "magiclane");
    o.time_zone = Some("Europe/Minsk".into());
    let c = run(W1, &o);
    let want = json(
        r#"{"location":[53.902496,27.561481],"alias":"Order 2201","firstName":"Ivan",
        "lastName":"Petrov","phoneNumber":"+375291234567","priority":1,"weight":12.5,
        "timeWindow":[660,900],"serviceTime":600}"#,
    );
    assert_eq!(output(&c), want);
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        sorted(vec![
            "/p/a".into(),
            "/p/ntf".into(),
            "/r".into(),
            "/f".into(),
            "/u".into(),
            "/itemId".into()
        ])
    );
    assert_eq!(
        paths_with(&c, codes::DERIVED_VALUE),
        vec!["/p/n".to_string()]
    );
    // The window's meaning and its day, and "critical" written as Magic Lane's 1 (high).
    assert_eq!(
        sorted(paths_with(&c, codes::VALUE_ADJUSTED)),
        vec!["/p/pr".to_string(), "/tf".to_string()]
    );
    assert_eq!(paths_with(&c, codes::VALUE_ADJUSTED).len(), 3);
    assert_valid("magiclane", c.output.as_deref().unwrap_or(""));

    // Without a zone the absolute window cannot become times of day: never guessed.
    let c = run(W1, &opts("wialon", "magiclane"));
    assert_eq!(c.output, None);
    assert_eq!(
        paths_with(&c, time_codes::TIME_ZONE_REQUIRED),
        vec!["/tf".to_string()]
    );
}

/// A canonical order with a local window and the order's date; Moscow is UTC+3 all year.
const C1: &str = MOSCOW_ORDER;

#[test]
fn canonical_to_wialon_by_hand_with_exact_seconds() {
    let mut o = opts("canonical", "wialon");
    o.time_zone = Some("Europe/Moscow".into());
    o.defaults = Some(canonical_order(
        r#"{"vendor":{"wialon":{"itemId":734455}}}"#,
    ));
    let c = run(C1, &o);
    // 2024-03-22 10:00 MSK = 07:00Z = 1711090800; 14:00 MSK = 11:00Z = 1711105200. The day is
    // the order's `date`: the options give only the zone.
    let want = json(
        r#"{"itemId":734455,"id":0,"callMode":"create","n":"ORD-7781",
        "p":{"n":"Olga Smirnova","p":"+79161112233","e":"olga@example.com",
             "a":"Moscow, Tverskaya St 7","v":"0.05","w":"4.2","ut":300,"pr":2},
        "tf":1711090800,"tt":1711105200,"y":55.751244,"x":37.618423,"cf":{"floor":"5"}}"#,
    );
    assert_eq!(output(&c), want);
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        sorted(
            [
                "/kind",
                "/date",
                "/location/name",
                "/load/packages",
                "/money/amount",
                "/money/paymentType",
                "/assignment/routeNumber",
                "/notes"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert_eq!(
        paths_with(&c, codes::VALUE_ADJUSTED),
        vec!["/timeWindows/0".to_string()]
    );
    assert_valid("wialon", c.output.as_deref().unwrap_or(""));
}

#[test]
fn local_windows_on_a_dst_day_in_new_york() {
    // Magic Lane 01:00–04:00 on 2024-03-10, when New York springs forward at 02:00: 01:00 EST
    // is 06:00Z and 04:00 EDT is 08:00Z, two real hours. 2024-03-10T00:00Z is 1710028800.
    let ml = r#"{"alias":"NY-1","location":[40.7128,-74.006],"timeWindow":[60,240]}"#;
    let mut o = opts_at("magiclane", "wialon", "2024-03-10", "America/New_York");
    o.defaults = Some(canonical_order(r#"{"vendor":{"wialon":{"itemId":1}}}"#));
    let c = run(ml, &o);
    let out = output(&c);
    assert_eq!(out["tf"], 1_710_028_800 + 6 * 3600);
    assert_eq!(out["tt"], 1_710_028_800 + 8 * 3600);
    assert!(errors(&c).is_empty(), "{:#?}", c.issues);

    // A start in the gap (02:30 does not exist) moves forward by the gap, with a warning:
    // 03:30 EDT = 07:30Z.
    let y = r#"{"number":"NY-2","address":"1 Wall St","lat":40.7063,"lon":-74.0090,
                "time_interval":"02:30-04:00","route_number":"R"}"#;
    let mut o = opts_at("yandex", "wialon", "2024-03-10", "America/New_York");
    o.defaults = Some(canonical_order(r#"{"vendor":{"wialon":{"itemId":1}}}"#));
    let c = run(y, &o);
    let out = output(&c);
    assert_eq!(out["tf"], 1_710_055_800);
    assert_eq!(out["tt"], 1_710_057_600);
    assert!(paths_with(&c, time_codes::DST_GAP).contains(&"/time_interval".to_string()));
}

#[test]
fn local_to_wialon_needs_a_date_and_a_zone() {
    let y = r#"{"number":"A","address":"x","lat":1,"lon":2,"time_interval":"10:00-12:00","route_id":3}"#;
    let mut o = opts("yandex", "wialon");
    o.defaults = Some(canonical_order(r#"{"vendor":{"wialon":{"itemId":1}}}"#));
    let c = run(y, &o);
    assert_eq!(c.output, None);
    assert_eq!(
        sorted(
            c.issues
                .iter()
                .filter(|i| i.is_error())
                .map(|i| format!("{} {}", i.path, i.code))
                .collect()
        ),
        vec![
            "/time_interval DATE_REQUIRED".to_string(),
            "/time_interval TIME_ZONE_REQUIRED".to_string()
        ]
    );
}

#[test]
fn every_request_shape_reads_the_same_order() {
    let o = opts("wialon", "canonical");
    let params = output(&run(&fixture("wialon/create-envelope.json"), &o));
    let inner = json(&fixture("wialon/create-envelope.json"))["params"].to_string();
    assert_eq!(output(&run(&inner, &o)), params);
    // The same call as form text (URL-encoded params) and as params given as JSON text.
    let form = format!(
        "svc=order/update&params={}&sid=abc",
        inner.replace('%', "%25").replace('+', "%2B")
    );
    assert_eq!(output(&run(&form, &o)), params);
    let text_params = format!(
        r#"{{"svc":"order/update","params":{}}}"#,
        serde_json::Value::String(inner.clone())
    );
    assert_eq!(output(&run(&text_params, &o)), params);
    // Issues inside the envelope point into it.
    let bad =
        r#"{"svc":"order/update","params":{"itemId":1,"id":0,"callMode":"create","y":95,"x":1}}"#;
    let c = run(bad, &o);
    assert_eq!(c.output, None);
    assert!(c
        .issues
        .iter()
        .any(|i| i.path == "/params/y" && i.code == "OUT_OF_RANGE"));
}

#[test]
fn documented_examples_round_trip_through_canonical() {
    // The newer document's spelling (v/w as text, dp as texts) is the written one; the older
    // document's numbers come back as text, its `dp` text as a list, its empty `tags` left out.
    for name in [
        "create-params.json",
        "update-params.json",
        "create-form.txt",
        "create-envelope.json",
        "create-params-older-doc.json",
    ] {
        let text = fixture(&format!("wialon/{name}"));
        let canonical = run(&text, &opts("wialon", "canonical"));
        assert_eq!(canonical.issues, vec![], "{name}");
        let back = run(
            canonical.output.as_deref().unwrap_or(""),
            &opts("canonical", "wialon"),
        );
        assert_eq!(back.issues, vec![], "{name}");
        assert_eq!(back.lost, Vec::<String>::new(), "{name}");
        let mut want = json(&text_params(&text));
        if name == "create-params.json" {
            // p.r numbers are written as numbers (the older document's spelling).
            want["p"]["r"] = json(r#"{"id":12,"i":2,"m":4200,"t":780,"ndt":900,"vt":1718013600}"#);
        }
        if name == "create-params-older-doc.json" {
            want["p"]["v"] = "2".into();
            want["p"]["w"] = "40".into();
            want["dp"] = json(r#"["1040","1041"]"#);
            want["p"].as_object_mut().map(|p| p.remove("tags"));
        }
        assert_eq!(output(&back), want, "{name}");
        assert_valid("wialon", back.output.as_deref().unwrap_or(""));
    }
}

/// The params object of a fixture (the envelope's params; the form text's decoded params).
fn text_params(text: &str) -> String {
    if let Some(rest) = text.strip_prefix("svc=order/update&params=") {
        return rest.split("&sid=").next().unwrap_or("").to_string();
    }
    let v = json(text);
    match v.get("params") {
        Some(p) => p.to_string(),
        None => text.to_string(),
    }
}

#[test]
fn core_batch_reads_and_writes_every_call() {
    let batch = r#"{"svc":"core/batch","params":{"params":[
        {"svc":"order/update","params":{"itemId":1,"id":0,"callMode":"create","n":"A","y":53.9,"x":27.5}},
        {"svc":"order/update","params":{"itemId":1,"id":0,"callMode":"create","n":"B","y":95,"x":27.5}},
        {"svc":"order/update","params":{"itemId":1,"id":7,"callMode":"delete"}},
        {"svc":"order/update","params":{"itemId":1,"id":8,"callMode":"update","n":"D"}}
    ],"flags":0}}"#;
    let report = orderbridge::validate::validate_text(format("wialon"), batch, &Default::default())
        .expect("JSON");
    assert_eq!(report.kind.as_deref(), Some("core/batch"));

    let c = run(batch, &opts("wialon", "canonical"));
    let out = output(&c);
    // The bad call (latitude 95) and the delete (no order content) are reported by index;
    // the other two convert.
    let numbers: Vec<_> = out["orders"]
        .as_array()
        .map(|a| a.iter().map(|o| o["number"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(numbers, vec![json(r#""A""#), json(r#""D""#)]);
    let errs: Vec<(String, String)> = errors(&c)
        .iter()
        .map(|i| (i.path.to_string(), i.code.to_string()))
        .collect();
    assert_eq!(
        errs,
        vec![
            ("/params/params/1/params/y".into(), "OUT_OF_RANGE".into()),
            (
                "/params/params/2/params".into(),
                codes::NOT_AN_ORDER_PAYLOAD.into()
            ),
        ]
    );
    // Written back, a canonical batch is a core/batch of order/update calls.
    let back = run(&out.to_string(), &opts("canonical", "wialon"));
    let written = output(&back);
    assert_eq!(written["svc"], "core/batch");
    assert_eq!(written["params"]["flags"], 0);
    assert_eq!(
        written["params"]["params"][1]["params"]["callMode"],
        "update"
    );
    assert_eq!(written["params"]["params"][1]["params"]["id"], 8);
    assert_valid("wialon", back.output.as_deref().unwrap_or(""));
    // The form text and a bare list of calls are batches too.
    let form = r#"svc=core/batch&params=[{"svc":"order/update","params":{"itemId":1,"id":0,"callMode":"create","n":"A","y":53.9,"x":27.5}}]"#;
    assert_eq!(
        output(&run(form, &opts("wialon", "canonical")))["orders"][0]["number"],
        "A"
    );
}

#[test]
fn ids_items_and_points() {
    let mut o = opts("canonical", "wialon");
    // An id that is not a whole number is lost, and the order becomes a create.
    let c = run(
        r#"{"id":"5f3a9c","number":"A","location":{"lat":1,"lon":2},"vendor":{"wialon":{"itemId":9}}}"#,
        &o,
    );
    assert_eq!(c.lost, vec!["/id".to_string()]);
    assert_eq!(output(&c)["callMode"], "create");
    assert_eq!(output(&c)["id"], 0);
    // Without itemId or (for a create) the point, the order cannot be written; the message
    // names the option that supplies it.
    let c = run(r#"{"number":"A"}"#, &o);
    assert_eq!(c.output, None);
    let messages: Vec<&str> = errors(&c).iter().map(|i| i.message.as_str()).collect();
    assert!(
        messages[0].contains("defaults.vendor.wialon.itemId"),
        "{messages:?}"
    );
    assert!(messages[1].contains("defaults.location"), "{messages:?}");
    // An update needs no point.
    o.defaults = Some(canonical_order(r#"{"vendor":{"wialon":{"itemId":9}}}"#));
    let c = run(r#"{"id":"1042","number":"A"}"#, &o);
    assert_eq!(output(&c)["callMode"], "update");
    assert_valid("wialon", c.output.as_deref().unwrap_or(""));
}

#[test]
fn flags_priorities_and_units_keep_what_the_canonical_order_cannot() {
    // f 0x1|0x4|0x8|0x400: a second warehouse role and an undocumented bit ride in
    // vendor.wialon.f; pr 7 reads as critical and keeps its number; ntf 0x20 likewise.
    let w = r#"{"itemId":1,"id":0,"callMode":"create","y":1,"x":2,"f":1037,"p":{"pr":7,"ntf":33}}"#;
    let c = run(w, &opts("wialon", "canonical"));
    let canonical = output(&c);
    assert_eq!(canonical["priority"], "critical");
    assert_eq!(canonical["depotRole"], "first");
    assert_eq!(canonical["vendor"]["wialon"]["f"], 1037);
    assert_eq!(canonical["vendor"]["wialon"]["p"]["pr"], 7);
    let back = run(&canonical.to_string(), &opts("canonical", "wialon"));
    assert_eq!(output(&back), json(w));
    // A changed priority is written from the table, not the stale number.
    let mut edited = canonical.clone();
    edited["priority"] = "low".into();
    let back = run(&edited.to_string(), &opts("canonical", "wialon"));
    assert_eq!(output(&back)["p"]["pr"], 0);
    // Fractions in whole-number fields are rounded and reported.
    let c = run(
        r#"{"number":"A","location":{"lat":1,"lon":2},"service":{"durationS":90.6},"money":{"cost":10.2},"vendor":{"wialon":{"itemId":1}}}"#,
        &opts("canonical", "wialon"),
    );
    let out = output(&c);
    assert_eq!(
        (out["p"]["ut"].clone(), out["p"]["c"].clone()),
        (json("91"), json("10"))
    );
    assert_eq!(
        paths_with(&c, codes::VALUE_ADJUSTED),
        vec!["/service/durationS".to_string(), "/money/cost".to_string()]
    );
}

#[test]
fn the_envelope_rides_in_ej_beside_the_orders_own_extended_json() {
    let y = r#"{"number":"Y-1","address":"Moscow","lat":55.7,"lon":37.6,"time_interval":"10:00-14:00",
                "route_number":"R-7","amount":120,"payment_type":"card","comments":"ring"}"#;
    let mut o = opts_at("yandex", "wialon", "2024-03-22", "Europe/Moscow");
    o.preserve_unmapped = true;
    o.defaults = Some(canonical_order(
        r#"{"vendor":{"wialon":{"itemId":5,"ej":{"erp":"X-1"}}}}"#,
    ));
    let c = run(y, &o);
    assert_eq!(c.lost, Vec::<String>::new());
    let w = output(&c);
    assert_eq!(w["ej"]["erp"], "X-1");
    assert_eq!(w["ej"]["orderbridge"]["orderbridge"], 1);
    assert_eq!(w["ej"]["orderbridge"]["order"]["money"]["amount"], 120);
    assert_eq!(
        paths_with(&c, codes::CARRIED_IN_EXTENSION),
        vec![String::new()]
    );
    assert_valid("wialon", &w.to_string());
    // Back to Yandex, the envelope restores what Wialon could not hold, and the window is
    // local again.
    let back = run(
        &w.to_string(),
        &opts_at("wialon", "yandex", "2024-03-22", "Europe/Moscow"),
    );
    let yb = output(&back);
    assert_eq!(yb, json(y));
    // The order's own Wialon fields (from the first trip's defaults, input data now) have no
    // place in Yandex.
    assert_eq!(
        sorted(back.lost.iter().map(|p| p.to_string()).collect()),
        vec!["/ej".to_string(), "/itemId".to_string()]
    );
}

/// A priority table that would write a `pr` past what Wialon reads as a whole number is a usage
/// error before any order is read (found by the conversion fuzz test: the output did not
/// validate).
#[test]
fn a_priority_table_past_wialon_s_range_is_refused() {
    let order = r#"{"number":"A-1","priority":"critical","location":{"lat":53.9,"lon":27.56},
      "vendor":{"wialon":{"itemId":734455}}}"#;
    let mut o = opts("canonical", "wialon");
    o.priorities.wialon = [0, 1, 2, u64::MAX];
    let err = orderbridge::convert::convert_text(order, &o).unwrap_err();
    assert_eq!(err.code, "INVALID_OPTION");
    assert!(
        err.message.contains("priorities.wialon[3]"),
        "{}",
        err.message
    );
    o.priorities.wialon = [0, 1, 2, i64::MAX.unsigned_abs()];
    let c = orderbridge::convert::convert_text(order, &o).unwrap();
    let out = json(c.output.as_deref().unwrap_or("null"));
    assert_eq!(
        out["p"]["pr"],
        serde_json::json!(i64::MAX),
        "{:?}",
        c.issues
    );
}

/// `(path, code)` of the errors `validate` finds in a Wialon payload.
fn wialon_validation_errors(text: &str) -> Vec<(String, String)> {
    let report = orderbridge::validate::validate_text(format("wialon"), text, &Default::default())
        .expect("JSON");
    report
        .issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| (i.path.to_string(), i.code.to_string()))
        .collect()
}

/// A whole number given as text past i64 (the documents say only `<uint>`) is an input error,
/// as the same number given as a JSON number is: `p.r` is written back as numbers and `dp` as
/// texts read again, so accepting it gave output the validator refuses (found by the conversion
/// fuzz test: `"i":"9223372036854775808"` came out as `"i":9223372036854775808`). `validate`
/// and conversion agree, and the largest accepted number converts to valid output.
#[test]
fn a_number_as_text_past_i64_is_out_of_range() {
    const BIG: &str = "9223372036854775808";
    const TOP: &str = "9223372036854775807";
    let order = |p: &str, dp: &str| {
        format!(
            r#"{{"itemId":1,"id":0,"n":"A","y":53.87,"x":27.49,"callMode":"create","p":{{"r":{p}}}{dp}}}"#
        )
    };
    let cases = [
        (order(&format!(r#"{{"i":"{BIG}"}}"#), ""), "/p/r/i"),
        (order(&format!(r#"{{"m":"{BIG}"}}"#), ""), "/p/r/m"),
        (order(&format!(r#"{{"t":"{BIG}"}}"#), ""), "/p/r/t"),
        (order(&format!(r#"{{"id":"{BIG}"}}"#), ""), "/p/r/id"),
        (order(&format!(r#"{{"vt":"{BIG}"}}"#), ""), "/p/r/vt"),
        (order(r#"{"i":"18446744073709551616"}"#, ""), "/p/r/i"),
        (order("{}", &format!(r#","dp":["{BIG}"]"#)), "/dp/0"),
        (order("{}", &format!(r#","dp":"[1,{BIG}]""#)), "/dp"),
    ];
    for (text, at) in &cases {
        let want = vec![(at.to_string(), "OUT_OF_RANGE".to_string())];
        assert_eq!(wialon_validation_errors(text), want, "{text}");
        for to in ["wialon", "canonical"] {
            let c = run(text, &opts("wialon", to));
            assert_eq!(c.output, None, "{text} → {to}");
            let errs: Vec<_> = errors(&c)
                .iter()
                .map(|i| (i.path.to_string(), i.code.to_string()))
                .collect();
            assert_eq!(errs, want, "{text} → {to}");
            let message = &errors(&c)[0].message;
            assert!(message.contains(TOP), "{message}");
        }
    }
    // The limit itself is fine, and converts to valid output either way.
    let top = order(
        &format!(r#"{{"i":"{TOP}","m":"{TOP}","t":"{TOP}"}}"#),
        &format!(r#","dp":["{TOP}"]"#),
    );
    assert_eq!(wialon_validation_errors(&top), vec![]);
    for to in ["wialon", "canonical"] {
        let c = run(&top, &opts("wialon", to));
        assert_eq!(errors(&c), Vec::<&orderbridge::issue::Issue>::new(), "{to}");
        assert_valid(to, c.output.as_deref().unwrap_or(""));
    }
    let c = run(&top, &opts("wialon", "canonical"));
    assert_eq!(
        output(&c)["plannedStop"]["sequence"],
        serde_json::json!(i64::MAX)
    );
}

/// A canonical tag or dependency that is a whole number past i64 cannot be a Wialon tag id or
/// order id (written as a number, `p.tags` failed validation): it is a loss at its input
/// pointer, and the output validates.
#[test]
fn canonical_tags_and_dependencies_past_i64_are_lost_for_wialon() {
    let order = r#"{"number":"A1","location":{"lat":53.9,"lon":27.5,"address":"Minsk"},
      "tags":["9223372036854775808","9223372036854775807"],
      "dependsOn":["18446744073709551615","12"],"vendor":{"wialon":{"itemId":1}}}"#;
    let c = run(order, &opts("canonical", "wialon"));
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        vec!["/dependsOn/0".to_string(), "/tags/0".to_string()]
    );
    assert_eq!(
        sorted(paths_with(&c, codes::LOSSY_CONVERSION)),
        vec!["/dependsOn/0".to_string(), "/tags/0".to_string()]
    );
    assert_sound(&c, &json(order), "wialon", "canonical → wialon");
    let w = output(&c);
    assert_eq!(w["p"]["tags"], json("[9223372036854775807]"));
    assert_eq!(w["dp"], json(r#"["12"]"#));
}

/// A Wialon update may move one coordinate (`x` alone); a canonical location needs both, so the
/// lone one is kept as Wialon's own field (`vendor.wialon.x`) with a warning at its input
/// pointer rather than written as half a point (which the canonical validator refuses). Back
/// to Wialon it is restored; other targets report it lost. A create without both is already a
/// Wialon input error.
#[test]
fn a_lone_wialon_coordinate_is_kept_as_wialon_s_own_field() {
    for (text, key) in [
        (
            r#"{"itemId":1,"id":1042,"x":27.5,"callMode":"update"}"#,
            "x",
        ),
        (
            r#"{"itemId":1,"id":1042,"y":53.9,"callMode":"update"}"#,
            "y",
        ),
    ] {
        let at = format!("/{key}");
        assert_eq!(wialon_validation_errors(text), vec![], "{text}");
        let c = run(text, &opts("wialon", "canonical"));
        assert_eq!(
            errors(&c),
            Vec::<&orderbridge::issue::Issue>::new(),
            "{text}"
        );
        assert_eq!(paths_with(&c, codes::VALUE_ADJUSTED), vec![at.clone()]);
        let message = &c.issues[0].message;
        assert!(message.contains("needs both coordinates"), "{message}");
        let canonical = assert_sound(&c, &json(text), "canonical", "wialon → canonical").to_owned();
        let o = json(&canonical);
        assert_eq!(o.get("location"), None, "{canonical}");
        assert_eq!(o["vendor"]["wialon"][key], json(text)[key]);

        // Back to Wialon, the same partial update.
        let back = run(&canonical, &opts("canonical", "wialon"));
        assert_eq!(back.lost, Vec::<orderbridge::issue::Text>::new());
        assert_valid("wialon", back.output.as_deref().unwrap_or(""));
        assert_eq!(output(&back), json(text));
        let direct = run(text, &opts("wialon", "wialon"));
        assert_eq!(output(&direct), json(text));

        // Other targets cannot hold it: lost at its pointer; any output validates.
        for to in ["yandex", "optimoroute", "magiclane"] {
            let c = run(text, &opts("wialon", to));
            assert!(c.lost.iter().any(|l| **l == *at), "{to}: {:?}", c.lost);
            assert!(
                paths_with(&c, codes::LOSSY_CONVERSION).contains(&at),
                "{to}: {:#?}",
                c.issues
            );
            match &c.output {
                Some(out) => assert_valid(to, out),
                None => assert!(!errors(&c).is_empty(), "{to}: no output and no error"),
            }
        }
    }
    // A create needs both: the Wialon validator says so, and nothing is converted.
    let create = r#"{"itemId":1,"id":0,"n":"A","x":27.5,"callMode":"create"}"#;
    let want = vec![("/y".to_string(), "MISSING_FIELD".to_string())];
    assert_eq!(wialon_validation_errors(create), want);
    let c = run(create, &opts("wialon", "canonical"));
    assert_eq!(c.output, None);

    // A canonical location supersedes a lone coordinate kept beside it: reported lost.
    let order = r#"{"id":"1042","location":{"lat":53.9,"lon":27.56},
      "vendor":{"wialon":{"itemId":1,"x":27.5}}}"#;
    let c = run(order, &opts("canonical", "wialon"));
    assert_eq!(
        c.lost,
        vec![orderbridge::issue::Text::from("/vendor/wialon/x")]
    );
    let w = json(assert_sound(
        &c,
        &json(order),
        "wialon",
        "canonical → wialon",
    ));
    assert_eq!(
        (w["y"].clone(), w["x"].clone()),
        (json("53.9"), json("27.56"))
    );
}

/// `svc`, `params` or `flags` kept verbatim for Wialon would make the written params read as a
/// call envelope, and `error` as an error answer: they are lost, and the output is a valid
/// order (found by the fuzz test).
#[test]
fn envelope_keys_kept_for_wialon_are_not_written_into_params() {
    let order = r#"{"number":"A1","location":{"lat":53.9,"lon":27.5,"address":"Minsk"},
      "vendor":{"wialon":{"itemId":1,"params":{},"svc":"x","error":null,"future":2}}}"#;
    let c = run(order, &opts("canonical", "wialon"));
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        [
            "/vendor/wialon/error",
            "/vendor/wialon/params",
            "/vendor/wialon/svc"
        ]
    );
    let out = output(&c);
    assert_eq!(
        out["future"],
        serde_json::json!(2),
        "an undocumented field is carried"
    );
    assert_valid("wialon", c.output.as_deref().unwrap_or("null"));
}

/// A local window without its own zone, placed in the context's zone, whose stored `endUnix`
/// (computed in another zone) falls before the placed start, is refused as inverted instead
/// of written with `tt` before `tf` (found by the conversion fuzz test).
#[test]
fn a_window_inverted_by_placing_it_is_refused() {
    let order = r#"{"number":"A","location":{"lat":53.9,"lon":27.56,"address":"Minsk"},
      "timeWindows":[{"kind":"local","start":28800,"date":"2024-06-10","endUnix":1718010000}],
      "vendor":{"wialon":{"itemId":734455}}}"#;
    let mut o = opts("canonical", "wialon");
    o.time_zone = Some("Etc/GMT+12".into());
    let c = run(order, &o);
    assert_eq!(c.output, None, "{:?}", c.issues);
    assert_eq!(paths_with(&c, "WINDOW_INVERTED"), ["/timeWindows/0"]);
    o.time_zone = Some("Europe/Minsk".into());
    let c = run(order, &o);
    assert_valid("wialon", c.output.as_deref().unwrap_or("null"));
}

/// A verbatim value that nests within a few levels of the parser's limit is read, but the
/// output would nest it deeper than any reader accepts: the order is refused with `TOO_DEEP`
/// (the other orders of the batch are converted). The deepest place a conversion writes one is
/// a Wialon batch's envelope (`params.params[].params.ej.orderbridge.order.vendor`, eight levels
/// around `vendor`): a `vendor` exactly `MAX_VERBATIM_DEPTH` deep is written there and reads
/// back, with orderbridge's parser and with `serde_json` (one level stricter).
#[test]
fn verbatim_values_too_deep_for_the_output_are_refused() {
    use orderbridge::convert::MAX_VERBATIM_DEPTH;
    let nested = |levels: usize| "[".repeat(levels) + &"]".repeat(levels);
    // `vendor` holds `optimoroute`, which Wialon cannot hold: carried in the envelope.
    let order = |vendor_depth: usize| {
        format!(
            r#"{{"number":"A1","location":{{"lat":53.9,"lon":27.5,"address":"Minsk"}},"vendor":{{"wialon":{{"itemId":1}},"optimoroute":{{"deep":{}}}}}}}"#,
            nested(vendor_depth - 2)
        )
    };
    let batch = format!(
        r#"{{"orders":[{},{}]}}"#,
        order(MAX_VERBATIM_DEPTH + 1),
        order(MAX_VERBATIM_DEPTH)
    );
    let mut o = opts("canonical", "wialon");
    o.preserve_unmapped = true;
    let c = run(&batch, &o);
    assert_eq!(
        paths_with(&c, "TOO_DEEP"),
        ["/orders/0/vendor"],
        "{:?}",
        c.issues
    );
    let out = c.output.as_deref().unwrap_or("null");
    assert_valid("wialon", out);
    let written = output(&c);
    let calls = written["params"]["params"].as_array().map_or(0, Vec::len);
    assert_eq!(calls, 1, "the second order is written");
    assert!(
        written["params"]["params"][0]["params"]["ej"]["orderbridge"]["order"]["vendor"]
            ["optimoroute"]["deep"]
            .is_array(),
        "{out}"
    );
}

#[test]
fn defaults_fill_every_order_of_a_batch_beside_their_vendor_fields() {
    // The orders after the first that take the defaults' vendor fields get them without a
    // copy: the defaults' other fields must still reach them, and an order's own value of
    // one of those fields must still win.
    let orders = r#"{"orders": [
        {"number":"A","location":{"lat":55.75,"lon":37.61}},
        {"number":"B","location":{"lat":55.76,"lon":37.62}},
        {"number":"C","location":{"lat":55.77,"lon":37.63,"address":"Own street 1"}},
        {"number":"D","location":{"lat":55.78,"lon":37.64}},
        {"number":"E","location":{"lat":55.79,"lon":37.65},"vendor":{"wialon":{"itemId":9}}},
        {"number":"F","location":{"lat":55.80,"lon":37.66}}
    ]}"#;
    let mut o = opts("canonical", "wialon");
    o.defaults = Some(canonical_order(
        r#"{"vendor":{"wialon":{"itemId":1}},"location":{"address":"Default street 2"},"contact":{"phone":"+7 900 000 00 00"}}"#,
    ));
    let c = run(orders, &o);
    assert!(errors(&c).is_empty(), "{:#?}", c.issues);
    let out = output(&c);
    let calls = out["params"]["params"].as_array().expect("a core/batch");
    let seen: Vec<(String, i64, String, String)> = calls
        .iter()
        .map(|call| {
            let p = &call["params"];
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
            (
                text(&p["n"]),
                p["itemId"].as_i64().unwrap_or(-1),
                text(&p["p"]["a"]),
                text(&p["p"]["p"]),
            )
        })
        .collect();
    let want = [
        ("A", 1, "Default street 2"),
        ("B", 1, "Default street 2"),
        ("C", 1, "Own street 1"),
        ("D", 1, "Default street 2"),
        ("E", 9, "Default street 2"),
        ("F", 1, "Default street 2"),
    ]
    .map(|(n, item, a)| {
        (
            n.to_string(),
            item,
            a.to_string(),
            "+7 900 000 00 00".to_string(),
        )
    });
    assert_eq!(seen, want);
    assert_valid("wialon", c.output.as_deref().unwrap_or(""));
}

#[test]
fn defaults_vendor_fields_reach_each_order_of_a_batch_as_its_own() {
    // Every order of a batch gets the defaults' vendor fields under its own: an order's own
    // fields win and stay with that order, and the orders around it get exactly the defaults.
    let orders = r#"{"orders": [
        {"number":"A","location":{"lat":55.75,"lon":37.61}},
        {"number":"B","location":{"lat":55.76,"lon":37.62},"vendor":{"wialon":{"f":1024,"itemId":9}}},
        {"number":"C","location":{"lat":55.77,"lon":37.63}},
        {"number":"D","location":{"lat":55.78,"lon":37.64},"vendor":{"wialon":{"f":1024}}},
        {"number":"E","location":{"lat":55.79,"lon":37.65}}
    ]}"#;
    let mut o = opts("canonical", "wialon");
    o.defaults = Some(canonical_order(r#"{"vendor":{"wialon":{"itemId":1}}}"#));
    let c = run(orders, &o);
    assert!(errors(&c).is_empty(), "{:#?}", c.issues);
    let out = output(&c);
    let calls = out["params"]["params"].as_array().expect("a core/batch");
    let seen: Vec<(String, i64, Option<i64>)> = calls
        .iter()
        .map(|call| {
            let p = &call["params"];
            (
                p["n"].as_str().unwrap_or_default().to_string(),
                p["itemId"].as_i64().unwrap_or(-1),
                p["f"].as_i64(),
            )
        })
        .collect();
    let want = [
        ("A", 1, None),
        ("B", 9, Some(1024)),
        ("C", 1, None),
        ("D", 1, Some(1024)),
        ("E", 1, None),
    ]
    .map(|(n, item, u)| (n.to_string(), item, u));
    assert_eq!(seen, want);
    assert_valid("wialon", c.output.as_deref().unwrap_or(""));
}
