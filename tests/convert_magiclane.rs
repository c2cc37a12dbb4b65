//! Magic Lane orders as a conversion source and target: hand-written expected outputs,
//! derived names and addresses, the `status`/`state` pair, the two-level priority, the window
//! unit, the `customData` envelope, and identity round trips on the documented examples.

mod convert_support;

use convert_support::*;
use orderbridge::convert::codes;

/// A realistic returned order (it has an id): Lyon, 09:00–12:00.
const ML1: &str = r#"{"id":879901,"alias":"Lyon 17","location":[45.764043,4.835659],
  "firstName":"Claire","lastName":"Martin",
  "address":{"country":"France","city":"Lyon","postalCode":"69002","streetName":"Rue de la République","streetNumber":"17"},
  "phoneNumber":"+33478000000","type":1,"status":1,"state":0,"priority":1,"numberOfPackages":1,
  "weight":2.4,"cube":0.02,"revenue":39.9,"timeWindow":[540,720],"serviceTime":300,"depotId":0}"#;

#[test]
fn magiclane_to_canonical_by_hand() {
    let c = run(ML1, &opts("magiclane", "canonical"));
    assert_eq!(c.issues, vec![]);
    let want = json(
        r#"{"id":"879901","number":"Lyon 17","kind":"delivery",
        "location":{"lat":45.764043,"lon":4.835659,"addressParts":{"country":"France","city":"Lyon",
          "postalCode":"69002","streetName":"Rue de la République","streetNumber":"17"}},
        "contact":{"firstName":"Claire","lastName":"Martin","phone":"+33478000000"},
        "timeWindows":[{"kind":"local","start":32400,"end":43200,"endBounds":"serviceStart"}],
        "service":{"durationS":300},"load":{"weightKg":2.4,"volume":0.02,"packages":1},
        "money":{"revenue":39.9},"priority":"high","status":"scheduled",
        "vendor":{"magiclane":{"depotId":0}}}"#,
    );
    assert_eq!(output(&c), want);
}

#[test]
fn magiclane_to_wialon_by_hand() {
    let mut o = opts_at("magiclane", "wialon", "2024-03-22", "Europe/Paris");
    o.defaults = Some(canonical_order(
        r#"{"vendor":{"wialon":{"itemId":734455}}}"#,
    ));
    let c = run(ML1, &o);
    // Paris is UTC+1 until 2024-03-31: 09:00 CET = 08:00Z = 1711094400, 12:00 = 1711105200.
    // The Magic Lane id is an integer, so it is the Wialon id: an update.
    let want = json(
        r#"{"itemId":734455,"id":879901,"callMode":"update","n":"Lyon 17",
        "p":{"n":"Claire Martin","p":"+33478000000","a":"17 Rue de la République, 69002 Lyon, France",
             "v":"0.02","w":"2.4","ut":300,"pr":2},
        "tf":1711094400,"tt":1711105200,"y":45.764043,"x":4.835659}"#,
    );
    assert_eq!(output(&c), want);
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        sorted(
            [
                "/type",
                "/address",
                "/numberOfPackages",
                "/revenue",
                "/status",
                "/depotId"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert_eq!(
        paths_with(&c, codes::DERIVED_VALUE),
        vec!["/address".to_string(), "/firstName".to_string()]
    );
    assert_valid("wialon", c.output.as_deref().unwrap_or(""));
}

#[test]
fn magiclane_to_yandex_by_hand() {
    let mut o = opts("magiclane", "yandex");
    o.defaults = Some(canonical_order(r#"{"assignment":{"routeNumber":"FR-1"}}"#));
    let c = run(ML1, &o);
    let want = json(
        r#"{"address":"17 Rue de la République, 69002 Lyon, France","lat":45.764043,
        "lon":4.835659,"number":"Lyon 17","time_interval":"09:00-12:00",
        "customer_name":"Claire Martin","phone":"+33478000000","route_number":"FR-1",
        "service_duration_s":300,"volume":0.02,"weight":2.4,"type":"delivery"}"#,
    );
    assert_eq!(output(&c), want);
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        sorted(
            [
                "/id",
                "/address",
                "/numberOfPackages",
                "/revenue",
                "/priority",
                "/status",
                "/depotId"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert_valid("yandex", c.output.as_deref().unwrap_or(""));
}

#[test]
fn canonical_to_magiclane_by_hand() {
    let canonical = MOSCOW_ORDER;
    let c = run(canonical, &opts("canonical", "magiclane"));
    let want = json(
        r#"{"location":[55.751244,37.618423],"alias":"ORD-7781","firstName":"Olga",
        "lastName":"Smirnova","phoneNumber":"+79161112233","type":1,"priority":1,
        "numberOfPackages":2,"weight":4.2,"cube":0.05,"timeWindow":[600,840],"serviceTime":300}"#,
    );
    assert_eq!(output(&c), want);
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        sorted(
            [
                "/date",
                "/location/address",
                "/location/name",
                // Split into first and last name (derived), but a canonical order holds the
                // full name too, and nothing joins it again on the way back.
                "/contact/name",
                "/contact/email",
                "/money/amount",
                "/money/paymentType",
                "/assignment/routeNumber",
                "/notes",
                "/customFields/floor"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert_eq!(
        paths_with(&c, codes::DERIVED_VALUE),
        vec!["/contact/name".to_string()]
    );
    // The window's day is the order's date, itself reported lost: no second report.
    assert_eq!(paths_with(&c, codes::VALUE_ADJUSTED), Vec::<String>::new());
    assert_valid("magiclane", c.output.as_deref().unwrap_or(""));
}

#[test]
fn names_split_only_when_they_come_back() {
    let y = |name: &str| {
        format!(
            r#"{{"number":"A","address":"x","lat":1,"lon":2,"time_interval":"10-12","route_id":1,"customer_name":"{name}"}}"#
        )
    };
    // "Anna Maria Rossi" splits at the last word and joins back: derived, not lost.
    let c = run(&y("Anna Maria Rossi"), &opts("yandex", "magiclane"));
    let m = output(&c);
    assert_eq!(
        (m["firstName"].clone(), m["lastName"].clone()),
        (json(r#""Anna Maria""#), json(r#""Rossi""#))
    );
    assert!(!c.lost.iter().any(|p| p == "/customer_name"));
    // Extra spaces do not come back: the full name is reported lost.
    let c = run(&y("Anna  Rossi"), &opts("yandex", "magiclane"));
    assert!(c.lost.iter().any(|p| p == "/customer_name"));
    // The other way, a last name of several words does not survive the split.
    let ml = r#"{"alias":"A","location":[1,2],"firstName":"Marie","lastName":"de la Tour","timeWindow":[600,660]}"#;
    let mut o = opts("magiclane", "yandex");
    o.defaults = Some(canonical_order(
        r#"{"assignment":{"routeId":"1"},"location":{"address":"x"}}"#,
    ));
    let c = run(ml, &o);
    assert_eq!(output(&c)["customer_name"], "Marie de la Tour");
    assert_eq!(
        c.lost,
        vec!["/firstName".to_string(), "/lastName".to_string()]
    );
}

#[test]
fn status_state_pairs_and_priorities() {
    // The documented examples say status 0 (unscheduled) with state 1 (on route): read as
    // "onRoute", the pair itself kept so that writing back restores it.
    let order = fixture("magiclane/order.json");
    let c = run(&order, &opts("magiclane", "canonical"));
    let canonical = output(&c);
    assert_eq!(canonical["status"], "onRoute");
    assert_eq!(canonical["vendor"]["magiclane"]["status"], 0);
    assert_eq!(canonical["vendor"]["magiclane"]["state"], 1);
    // A status of its own is written as its pair.
    let mut edited = canonical.clone();
    edited["status"] = "completed".into();
    let m = output(&run(&edited.to_string(), &opts("canonical", "magiclane")));
    assert_eq!(
        (m["status"].clone(), m["state"].clone()),
        (json("1"), json("4"))
    );
    // Medium is written as 0 (low) and reported; the mapping can be changed.
    let c = run(
        r#"{"number":"A","priority":"medium"}"#,
        &opts("canonical", "magiclane"),
    );
    assert_eq!(output(&c)["priority"], 0);
    assert_eq!(
        paths_with(&c, codes::VALUE_ADJUSTED),
        vec!["/priority".to_string()]
    );
    let mut o = opts("canonical", "magiclane");
    o.priorities.magic_lane_high_from = orderbridge::model::Priority::Medium;
    assert_eq!(
        output(&run(r#"{"number":"A","priority":"medium"}"#, &o))["priority"],
        1
    );
}

#[test]
fn the_window_unit_is_an_option() {
    let ml = r#"{"alias":"A","location":[1,2],"timeWindow":[540,720]}"#;
    let c = run(ml, &opts("magiclane", "canonical"));
    assert_eq!(output(&c)["timeWindows"][0]["start"], 32_400);
    let mut o = opts("magiclane", "canonical");
    o.magic_lane_window_seconds = true;
    assert_eq!(output(&run(ml, &o))["timeWindows"][0]["start"], 540);
    // Written in minutes, seconds are rounded inward (never allowing more than the window).
    let c = run(
        r#"{"number":"A","timeWindows":[{"kind":"local","start":32430,"end":43230,"endBounds":"serviceStart"}]}"#,
        &opts("canonical", "magiclane"),
    );
    assert_eq!(output(&c)["timeWindow"], json("[541,720]"));
    assert_eq!(
        paths_with(&c, orderbridge::time::codes::PRECISION_LOST),
        vec!["/timeWindows/0".to_string()]
    );
}

#[test]
fn the_envelope_is_customdata_and_the_orders_own_customdata_rides_inside() {
    let lyon = fixture("magiclane/create-lyon.json");
    let mut o = opts_at("magiclane", "yandex", "2024-03-22", "Europe/Paris");
    o.defaults = Some(canonical_order(r#"{"assignment":{"routeNumber":"FR-1"}}"#));
    // Yandex has no slot: with preserveUnmapped the losses are still lost.
    o.preserve_unmapped = true;
    let c = run(&lyon, &o);
    assert!(c.lost.iter().any(|p| p == "/0/customData"));

    // Through Wialon and back with preserveUnmapped, the order comes back as it was, its own
    // customData included.
    let mut to_w = opts_at("magiclane", "wialon", "2024-03-22", "Europe/Paris");
    to_w.preserve_unmapped = true;
    to_w.defaults = Some(canonical_order(r#"{"vendor":{"wialon":{"itemId":1}}}"#));
    let w = run(&lyon, &to_w);
    assert_eq!(w.lost, Vec::<String>::new());
    let mut back_o = opts_at("wialon", "magiclane", "2024-03-22", "Europe/Paris");
    back_o.preserve_unmapped = true;
    let back = run(w.output.as_deref().unwrap_or(""), &back_o);
    let mut back_json = output(&back);
    // Wialon's itemId (a default on the way there) rides back in the envelope: the only
    // difference is customData holding it, with the order's own customData inside.
    let data = back_json[0]["customData"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let envelope = json(&data);
    assert_eq!(envelope["order"]["vendor"]["wialon"]["itemId"], 1);
    assert_eq!(
        envelope["order"]["vendor"]["magiclane"]["customData"],
        "{\"erp\":\"SO-88121\"}"
    );
    back_json[0]["customData"] = "{\"erp\":\"SO-88121\"}".into();
    assert_eq!(back_json, json(&lyon));
}

#[test]
fn documented_examples_round_trip_through_canonical() {
    // The create list and the orders answer are batches; the order object a single order.
    for (name, want_list) in [
        ("create-request.json", true),
        ("create-lyon.json", true),
        ("order.json", false),
        ("orders-response.json", true),
    ] {
        let text = fixture(&format!("magiclane/{name}"));
        let c = run(&text, &opts("magiclane", "canonical"));
        assert!(errors(&c).is_empty(), "{name}: {:#?}", c.issues);
        let back = run(
            c.output.as_deref().unwrap_or(""),
            &opts("canonical", "magiclane"),
        );
        assert_eq!(back.lost, Vec::<String>::new(), "{name}");
        assert!(errors(&back).is_empty(), "{name}: {:#?}", back.issues);
        let mut want = json(&text);
        if name == "orders-response.json" {
            // Written back as a create list.
            want = want["orders"].clone();
        }
        assert_eq!(output(&back).is_array(), want_list, "{name}");
        assert_eq!(output(&back), want, "{name}");
    }
}

/// Issue #6: what the Magic Lane validator does not read as an order payload is not converted
/// as one: `{}` is ambiguous, a delete request or answer, a get-all query and a get-by-id
/// request hold no order.
#[test]
fn payloads_that_hold_no_order_are_refused() {
    for (payload, code) in [
        ("{}", "AMBIGUOUS_PAYLOAD"),
        ("true", "AMBIGUOUS_PAYLOAD"),
        (r#"{"ids":["x"]}"#, codes::NOT_AN_ORDER_PAYLOAD),
        (r#"{"ids":[78910]}"#, codes::NOT_AN_ORDER_PAYLOAD),
        (r#"{"message":{}}"#, codes::NOT_AN_ORDER_PAYLOAD),
        (r#"{"page":1,"per_page":20}"#, codes::NOT_AN_ORDER_PAYLOAD),
        (
            r#"{"alias":"A","sort":"id:desc"}"#,
            codes::NOT_AN_ORDER_PAYLOAD,
        ),
        (
            r#"{"alias":"A","city":"Paris"}"#,
            codes::NOT_AN_ORDER_PAYLOAD,
        ),
        (r#"{"includeColumns":"id"}"#, codes::NOT_AN_ORDER_PAYLOAD),
        (r#"{"id":879887}"#, codes::NOT_AN_ORDER_PAYLOAD),
        ("879887", codes::NOT_AN_ORDER_PAYLOAD),
    ] {
        for to in ["magiclane", "canonical", "wialon"] {
            let c = run(payload, &opts("magiclane", to));
            assert_eq!(c.output, None, "{payload} → {to}");
            assert!(
                c.issues
                    .iter()
                    .any(|i| i.is_error() && i.code == code && i.path.is_empty()),
                "{payload} → {to}: {:#?}",
                c.issues
            );
        }
    }
}

/// Issue #6: the documented update request `{"query": {"autoAssignDepot": 1}, "body": order}`
/// is read as the order in `body`; the query parameter is reported as not converted. An
/// invalid envelope is reported as validation reports it, and nothing is written.
#[test]
fn the_update_envelope_is_read_as_its_body() {
    let text = fixture("magiclane/update-envelope.json");
    let c = run(&text, &opts("magiclane", "canonical"));
    assert!(errors(&c).is_empty(), "{:#?}", c.issues);
    assert_eq!(
        output(&c),
        json(
            r#"{"id":"879887","number":"Magic Order","priority":"high",
            "timeWindows":[{"kind":"local","start":28800,"end":43200,"endBounds":"serviceStart"}],
            "service":{"durationS":300}}"#
        )
    );
    assert_eq!(
        paths_with(&c, codes::LOSSY_CONVERSION),
        vec!["/query".to_string()]
    );
    assert_valid("canonical", c.output.as_deref().unwrap_or(""));

    let same = run(&text, &opts("magiclane", "magiclane"));
    assert!(errors(&same).is_empty(), "{:#?}", same.issues);
    assert_eq!(output(&same), json(&text)["body"]);
    assert_valid("magiclane", same.output.as_deref().unwrap_or(""));

    for (bad, at) in [
        (
            r#"{"query":{"autoAssignDepot":{}},"body":{"alias":"A"}}"#,
            "/query/autoAssignDepot",
        ),
        (r#"{"query":{"autoAssignDepot":1},"body":[]}"#, "/body"),
        (
            r#"{"query":{"autoAssignDepot":1},"body":{"id":879887,"timeWindow":{}}}"#,
            "/body/timeWindow",
        ),
    ] {
        for to in ["magiclane", "canonical"] {
            let c = run(bad, &opts("magiclane", to));
            assert_eq!(c.output, None, "{bad} → {to}");
            assert!(
                errors(&c).iter().any(|i| i.path == at),
                "{bad} → {to}: {:#?}",
                c.issues
            );
        }
    }
}

/// Issue #6: a lone Magic Lane order must hold a field besides `id`, or Magic Lane does not
/// read it as an order (`{}` is nothing, `{"id": N}` a get-by-id request): CANNOT_CONVERT
/// naming the `defaults` option. In a create list any object is an order.
#[test]
fn an_order_with_no_field_is_not_written_alone() {
    for canonical in ["{}", r#"{"notes":"x"}"#, r#"{"id":"5","notes":"x"}"#] {
        let c = run(canonical, &opts("canonical", "magiclane"));
        assert_eq!(c.output, None, "{canonical}");
        let refused: Vec<_> = errors(&c)
            .into_iter()
            .filter(|i| i.code == codes::CANNOT_CONVERT && i.path.is_empty())
            .collect();
        assert_eq!(refused.len(), 1, "{canonical}: {:#?}", c.issues);
        assert!(refused[0].message.contains("`defaults`"), "{canonical}");
    }
    // The defaults option supplies the missing field.
    let mut o = opts("canonical", "magiclane");
    o.defaults = Some(canonical_order(r#"{"number":"A1"}"#));
    let c = run(r#"{"notes":"x"}"#, &o);
    assert_eq!(output(&c), json(r#"{"alias":"A1"}"#));
    assert_valid("magiclane", c.output.as_deref().unwrap_or(""));

    let batch = run(
        r#"{"orders":[{"notes":"x"},{"number":"A2"}]}"#,
        &opts("canonical", "magiclane"),
    );
    assert!(errors(&batch).is_empty(), "{:#?}", batch.issues);
    assert_valid("magiclane", batch.output.as_deref().unwrap_or(""));
}

/// Issue #6: keys of `vendor.magiclane` that make Magic Lane read an object as another payload
/// (delete, update envelope, get-all query) are lost, not copied into the order.
#[test]
fn payload_markers_in_the_vendor_slot_are_lost() {
    for (key, value) in [
        ("ids", "[]"),
        ("body", "[]"),
        ("query", r#"{"autoAssignDepot":1}"#),
        ("message", r#""done""#),
        ("orders", "[]"),
        ("page", "1"),
        ("city", r#""Paris""#),
    ] {
        let text = format!(
            r#"{{"number":"A1","location":{{"lat":48.87,"lon":2.35}},"vendor":{{"magiclane":{{"{key}":{value},"floor":"3"}}}}}}"#
        );
        let c = run(&text, &opts("canonical", "magiclane"));
        assert!(errors(&c).is_empty(), "{key}: {:#?}", c.issues);
        assert_eq!(c.lost, vec![format!("/vendor/magiclane/{key}")], "{key}");
        assert_eq!(
            output(&c),
            json(r#"{"location":[48.87,2.35],"alias":"A1","floor":"3"}"#),
            "{key}"
        );
        assert_valid("magiclane", c.output.as_deref().unwrap_or(""));
    }
    // With nothing else to write, the order cannot be written alone.
    let c = run(
        r#"{"vendor":{"magiclane":{"query":{"autoAssignDepot":{}},"body":[]}}}"#,
        &opts("canonical", "magiclane"),
    );
    assert_eq!(c.output, None);
    assert_eq!(paths_with(&c, codes::CANNOT_CONVERT), vec![String::new()]);
}

/// Issue #6: a creation time before 1970 is not a canonical `createdAtMs` (Magic Lane's
/// `creationTimestamp` starts at 0 too): input validation and conversion both refuse it.
#[test]
fn a_negative_creation_time_is_refused() {
    let text = r#"{"number":"A1","location":{"lat":48.87,"lon":2.35},"createdAtMs":-1}"#;
    let c = run(text, &opts("canonical", "magiclane"));
    assert_eq!(c.output, None);
    assert_eq!(
        errors(&c)
            .iter()
            .map(|i| (i.path.to_string(), i.code.to_string()))
            .collect::<Vec<_>>(),
        vec![("/createdAtMs".to_string(), "OUT_OF_RANGE".to_string())]
    );
    let ok = run(
        &text.replace("-1", "1751445531350"),
        &opts("canonical", "magiclane"),
    );
    assert_eq!(output(&ok)["creationTimestamp"], json("1751445531350"));
    assert_valid("magiclane", ok.output.as_deref().unwrap_or(""));
}

/// `sourceEndpoint` names the payload when inference would read it otherwise: an object with
/// an `id` is read as a returned order (leniently: `null` means "not set") unless it is named
/// an update body, which is read as validation reads an update body. A name that does not fit
/// the payload, or that Magic Lane does not have, is an error, and nothing is converted.
#[test]
fn the_source_endpoint_names_the_payload() {
    use orderbridge::validate::validate_text;
    use orderbridge::vendor::ValidateOptions;
    let with_null = ML1.replacen("\"alias\"", "\"customerId\":null,\"alias\"", 1);
    let named = |name: &str| {
        let mut o = opts("magiclane", "canonical");
        o.source_endpoint = Some(name.into());
        o
    };
    let returned = run(&with_null, &opts("magiclane", "canonical"));
    assert_eq!(returned.issues, vec![]);
    assert_eq!(run(&with_null, &named("get")).output, returned.output);

    let update = run(&with_null, &named("update"));
    let update_errors: Vec<(String, String)> = errors(&update)
        .iter()
        .map(|i| (i.path.to_string(), i.code.to_string()))
        .collect();
    let validation = validate_text(
        format("magiclane"),
        &with_null,
        &ValidateOptions {
            endpoint: Some("update".into()),
            ..ValidateOptions::default()
        },
    )
    .expect("JSON");
    let validation_errors: Vec<(String, String)> = validation
        .issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| (i.path.to_string(), i.code.to_string()))
        .collect();
    assert!(!update_errors.is_empty(), "{:?}", update.issues);
    assert_eq!(update_errors, validation_errors);
    assert_eq!(update.output, None);

    let list = format!(r#"{{"orders":[{ML1}]}}"#);
    assert_eq!(
        run(&list, &named("get_all")).output,
        run(&list, &opts("magiclane", "canonical")).output
    );
    for (name, payload, code) in [
        ("create", ML1, codes::NOT_AN_ORDER_PAYLOAD),
        ("delete", ML1, codes::NOT_AN_ORDER_PAYLOAD),
        ("get", "879901", codes::NOT_AN_ORDER_PAYLOAD),
        ("get_orders", ML1, "UNKNOWN_ENDPOINT"),
    ] {
        let c = run(payload, &named(name));
        assert_eq!(c.output, None, "{name}");
        assert!(
            c.issues.iter().any(|i| i.is_error() && i.code == code),
            "{name}: {:#?}",
            c.issues
        );
    }
}

/// Whether the Magic Lane codec reads `text` order by order from the text, handing over every
/// order without parsing the text whole or giving up on it.
fn walks(text: &str, o: &orderbridge::convert::ConvertOptions) -> bool {
    use orderbridge::convert::{Codec, Payload};
    let payload = Payload::text(text, false);
    let mut ck = orderbridge::check::Checker::new();
    let mut handed = 0;
    let shape =
        orderbridge::vendor::magiclane::convert::CODEC
            .read(&payload, o, &mut ck, &mut |_, _| handed += 1);
    shape.is_some() && handed > 0 && !payload.was_parsed() && !payload.is_abandoned()
}

#[test]
fn a_create_list_read_order_by_order_gives_what_reading_it_whole_gives() {
    // Good and bad orders of different shapes one after another: a missing location, a
    // window the wrong way round, escaped text, nested customData text, an empty object.
    let varied = r#" [
      {"customerId": 1, "location": [48.870852, 2.356148], "alias": "A \"1\"\n", "timeWindow": [420, 1086], "weight": 5.1},
      {"customerId": 2, "alias": "no location"},
      {"customerId": 3, "location": [91, 2.3], "timeWindow": [600, 500]},
      {"customerId": 4, "location": [48.8, 2.3], "customData": "{\"a\":[1,{\"b\":2}]}", "address": {"city": "Paris", "streetName": "Rue \u00e9"}},
      {},
      {"customerId": 6, "location": [48.8, 2.3], "priority": 1}
    ] "#;
    for (text, to) in [
        (fixture("magiclane/create-request.json"), "wialon"),
        (fixture("magiclane/create-lyon.json"), "yandex"),
        (varied.to_string(), "canonical"),
        (varied.to_string(), "optimoroute"),
    ] {
        let o = opts_at("magiclane", to, "2024-03-22", "Europe/Paris");
        assert!(walks(&text, &o), "{text}");
        let streamed = run(&text, &o);
        let value = orderbridge::json::parse(&text).unwrap();
        let whole = orderbridge::convert::convert_value(&value, &o).unwrap();
        assert_eq!(streamed, whole, "{text}");
    }
    // What is not a create list of orders is read whole, as before.
    let o = opts("magiclane", "canonical");
    assert!(!walks("[]", &o));
    assert!(!walks(&fixture("magiclane/orders-response.json"), &o));
    assert!(!walks("[{\"customerId\": 1}] trailing", &o));
    let mut named = opts("magiclane", "canonical");
    named.source_endpoint = Some("update".into());
    assert!(!walks(&fixture("magiclane/create-request.json"), &named));
}
