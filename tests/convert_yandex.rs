//! Yandex add-order bodies as a conversion source and target: hand-written expected outputs,
//! the required fields and the options that supply them, local and absolute `time_interval`,
//! batches as JSON arrays, and identity round trips on the documented examples.

mod convert_support;

use convert_support::*;
use orderbridge::convert::codes;
use orderbridge::issue::Issue;

/// A realistic body: Moscow, 2024-03-22, a local window.
const Y1: &str = r#"{"number":"ORD-2024-0322-17","address":"Moscow, Leo Tolstoy St 16",
  "lat":55.733969,"lon":37.587093,"time_interval":"10:00-14:00","route_number":"R-0322-7",
  "customer_name":"Ivan Ivanov","phone":"+79161234567","type":"pickup","service_duration_s":300,
  "weight":7.5,"amount":1490.5,"payment_type":"cash","payment_status":"unpaid",
  "comments":"Call ahead","eta_type":"arrival_time"}"#;

#[test]
fn yandex_to_canonical_by_hand() {
    let c = run(
        Y1,
        &opts_at("yandex", "canonical", "2024-03-22", "Europe/Moscow"),
    );
    assert_eq!(c.issues, vec![]);
    // The date and zone of the options place the local window: 10:00 MSK is 07:00Z.
    let want = json(
        r#"{"number":"ORD-2024-0322-17","kind":"pickup",
        "location":{"lat":55.733969,"lon":37.587093,"address":"Moscow, Leo Tolstoy St 16"},
        "contact":{"name":"Ivan Ivanov","phone":"+79161234567"},
        "timeWindows":[{"kind":"local","start":36000,"end":50400,"date":"2024-03-22",
          "timeZone":"Europe/Moscow","startUnix":1711090800,"endUnix":1711105200,
          "endBounds":"serviceStart"}],
        "service":{"durationS":300},"load":{"weightKg":7.5},
        "money":{"amount":1490.5,"paymentType":"cash","paymentStatus":"unpaid"},
        "assignment":{"routeNumber":"R-0322-7"},"notes":"Call ahead",
        "vendor":{"yandex":{"eta_type":"arrival_time"}}}"#,
    );
    assert_eq!(output(&c), want);
    // Without options the window stays local, unplaced.
    let bare = output(&run(Y1, &opts("yandex", "canonical")));
    assert_eq!(
        bare["timeWindows"],
        json(r#"[{"kind":"local","start":36000,"end":50400,"endBounds":"serviceStart"}]"#)
    );
}

#[test]
fn yandex_to_wialon_by_hand() {
    let mut o = opts_at("yandex", "wialon", "2024-03-22", "Europe/Moscow");
    o.defaults = Some(canonical_order(
        r#"{"vendor":{"wialon":{"itemId":734455}}}"#,
    ));
    let c = run(Y1, &o);
    let want = json(
        r#"{"itemId":734455,"id":0,"callMode":"create","n":"ORD-2024-0322-17",
        "p":{"n":"Ivan Ivanov","p":"+79161234567","a":"Moscow, Leo Tolstoy St 16","w":"7.5","ut":300},
        "tf":1711090800,"tt":1711105200,"y":55.733969,"x":37.587093}"#,
    );
    assert_eq!(output(&c), want);
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        sorted(
            [
                "/type",
                "/amount",
                "/payment_type",
                "/payment_status",
                "/route_number",
                "/comments",
                "/eta_type"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert_eq!(
        paths_with(&c, codes::VALUE_ADJUSTED),
        vec!["/time_interval".to_string()]
    );
    assert_valid("wialon", c.output.as_deref().unwrap_or(""));
}

#[test]
fn yandex_to_magiclane_by_hand() {
    let c = run(Y1, &opts("yandex", "magiclane"));
    let want = json(
        r#"{"location":[55.733969,37.587093],"alias":"ORD-2024-0322-17","firstName":"Ivan",
        "lastName":"Ivanov","phoneNumber":"+79161234567","type":0,"weight":7.5,
        "timeWindow":[600,840],"serviceTime":300}"#,
    );
    assert_eq!(output(&c), want);
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        sorted(
            [
                "/address",
                "/amount",
                "/payment_type",
                "/payment_status",
                "/route_number",
                "/comments",
                "/eta_type"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert_eq!(
        paths_with(&c, codes::DERIVED_VALUE),
        vec!["/customer_name".to_string()]
    );
    assert_valid("magiclane", c.output.as_deref().unwrap_or(""));
}

#[test]
fn canonical_to_yandex_by_hand() {
    let canonical = MOSCOW_ORDER;
    let c = run(canonical, &opts("canonical", "yandex"));
    let want = json(
        r#"{"address":"Moscow, Tverskaya St 7","lat":55.751244,"lon":37.618423,
        "number":"ORD-7781","time_interval":"10:00-14:00","customer_name":"Olga Smirnova",
        "phone":"+79161112233","amount":2500,"payment_type":"card","route_number":"MSK-0322-4",
        "service_duration_s":300,"volume":0.05,"weight":4.2,"type":"delivery",
        "comments":"Entrance from the yard"}"#,
    );
    assert_eq!(output(&c), want);
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        sorted(
            [
                "/date",
                "/location/name",
                "/contact/email",
                "/load/packages",
                "/priority",
                "/customFields/floor"
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert!(errors(&c).is_empty());
    assert_valid("yandex", c.output.as_deref().unwrap_or(""));
}

#[test]
fn required_fields_come_from_the_order_or_the_defaults() {
    let ml = r#"{"alias":"M-1","location":[48.87,2.35],"timeWindow":[540,600]}"#;
    let c = run(ml, &opts("magiclane", "yandex"));
    assert_eq!(c.output, None);
    let messages: Vec<String> = errors(&c).iter().map(|i| i.message.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("defaults.location.address"));
    assert!(messages[1].contains("defaults.assignment.routeNumber"));
    assert!(errors(&c)
        .iter()
        .all(|i| i.code == codes::CANNOT_CONVERT && i.path.is_empty()));

    let mut o = opts("magiclane", "yandex");
    o.defaults = Some(canonical_order(
        r#"{"location":{"address":"Paris"},"assignment":{"routeNumber":"FR-1"}}"#,
    ));
    let c = run(ml, &o);
    let y = output(&c);
    assert_eq!(
        y,
        json(
            r#"{"address":"Paris","lat":48.87,"lon":2.35,"number":"M-1",
            "time_interval":"09:00-10:00","route_number":"FR-1"}"#
        )
    );
    // Values from the defaults are not input data: never in `lost`.
    assert_eq!(c.lost, Vec::<String>::new());
    assert_valid("yandex", &y.to_string());

    // No window at all: the option that supplies one is named.
    let c = run(
        r#"{"number":"A","location":{"lat":1,"lon":2,"address":"x"},"assignment":{"routeId":"5"}}"#,
        &opts("canonical", "yandex"),
    );
    assert_eq!(c.output, None);
    assert!(errors(&c)[0].message.contains("defaults.timeWindows"));
}

#[test]
fn absolute_windows_are_iso_intervals_in_their_offset() {
    // An ISO interval stays absolute, in the offset it was written in.
    let minimal = fixture("yandex/add-order-minimal.json");
    let c = run(&minimal, &opts("yandex", "canonical"));
    let canonical = output(&c);
    assert_eq!(
        canonical["timeWindows"],
        json(
            r#"[{"kind":"absolute","start":1718089200,"end":1718098200,"utcOffsetS":10800,
            "startUnix":1718089200,"endUnix":1718098200,"endBounds":"serviceStart"}]"#
        )
    );
    let back = run(&canonical.to_string(), &opts("canonical", "yandex"));
    assert_eq!(output(&back), json(&minimal));
    // Without a written offset, the zone option gives one; without either, UTC.
    let c = run(
        r#"{"number":"A","location":{"lat":1,"lon":2,"address":"x"},"assignment":{"routeId":"5"},
            "timeWindows":[{"kind":"absolute","start":1711090800,"end":1711105200,"endBounds":"serviceStart"}]}"#,
        &opts("canonical", "yandex"),
    );
    assert_eq!(
        output(&c)["time_interval"],
        "2024-03-22T07:00:00Z/2024-03-22T11:00:00Z"
    );
}

#[test]
fn several_windows_keep_the_earliest() {
    let canonical = r#"{"number":"A","location":{"lat":1,"lon":2,"address":"x"},"assignment":{"routeId":"5"},
      "timeWindows":[{"kind":"local","start":50400,"end":57600,"endBounds":"serviceStart"},
                     {"kind":"local","start":32400,"end":36000,"endBounds":"serviceStart"},
                     {"kind":"local","start":72000,"end":75600,"endBounds":"serviceStart"}]}"#;
    let c = run(canonical, &opts("canonical", "yandex"));
    assert_eq!(output(&c)["time_interval"], "09:00-10:00");
    assert_eq!(
        c.lost,
        vec!["/timeWindows/0".to_string(), "/timeWindows/2".to_string()]
    );
    let mut strict = opts("canonical", "yandex");
    strict.strict = true;
    let c = run(canonical, &strict);
    assert_eq!(c.output, None);
    assert_eq!(
        errors(&c)
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_ref()))
            .collect::<Vec<_>>(),
        vec![
            ("/timeWindows/0", codes::LOSSY_CONVERSION),
            ("/timeWindows/2", codes::LOSSY_CONVERSION)
        ]
    );
}

#[test]
fn documented_examples_round_trip_through_canonical() {
    // The request example keeps every field; `null`s read as absent and the interval's
    // spaces are not kept ("10:00 - 14:00" is written "10:00-14:00").
    for name in ["add-order-request.json", "add-order-minimal.json"] {
        let text = fixture(&format!("yandex/{name}"));
        let c = run(&text, &opts("yandex", "canonical"));
        assert!(errors(&c).is_empty(), "{name}: {:#?}", c.issues);
        let back = run(
            c.output.as_deref().unwrap_or(""),
            &opts("canonical", "yandex"),
        );
        assert_eq!(back.lost, Vec::<String>::new(), "{name}");
        let mut want = json(&text);
        if let Some(o) = want.as_object_mut() {
            o.retain(|_, v| !v.is_null());
            if o.get("time_interval").and_then(|t| t.as_str()) == Some("10:00 - 14:00") {
                o.insert("time_interval".into(), "10:00-14:00".into());
            }
        }
        assert_eq!(output(&back), want, "{name}");
    }
}

#[test]
fn a_batch_is_a_json_array_and_bad_orders_are_reported_by_index() {
    let batch = r#"[
      {"number":"A","address":"x","lat":55.7,"lon":37.6,"time_interval":"10:00-12:00","route_id":1},
      {"number":"B","address":"x","lat":55.7,"lon":37.6,"time_interval":"25:00-26:00","route_id":1},
      {"number":"C","address":"x","lat":55.7,"lon":37.6,"time_interval":"12:00-13:00"},
      {"number":"D","address":"x","lat":55.7,"lon":37.6,"time_interval":"14:00-15:00","route_id":1}
    ]"#;
    let c = run(batch, &opts("yandex", "magiclane"));
    let out = output(&c);
    let aliases: Vec<_> = out
        .as_array()
        .map(|a| a.iter().map(|o| o["alias"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(aliases, vec![json(r#""A""#), json(r#""D""#)]);
    let errs: Vec<String> = errors(&c)
        .iter()
        .map(|i| format!("{} {}", i.path, i.code))
        .collect();
    assert_eq!(
        errs,
        vec![
            "/1/time_interval INVALID_FORMAT".to_string(),
            "/2/route_id MISSING_FIELD".to_string()
        ]
    );
    assert_valid("magiclane", c.output.as_deref().unwrap_or(""));
    // Written back as Yandex, a batch is a JSON array, which validates as one.
    let back = run(c.output.as_deref().unwrap_or(""), &{
        let mut o = opts("magiclane", "yandex");
        o.defaults = Some(canonical_order(
            r#"{"assignment":{"routeNumber":"R"},"location":{"address":"x"}}"#,
        ));
        o
    });
    assert_eq!(output(&back).as_array().map(Vec::len), Some(2));
    assert_valid("yandex", back.output.as_deref().unwrap_or(""));
}

#[test]
fn customer_ids_numbers_and_lengths() {
    // A Magic Lane customerId is an integer: a Yandex customer number that is not one is lost.
    let y = r#"{"number":"A","address":"x","lat":1,"lon":2,"time_interval":"10-12","route_id":1,
               "customer_number":"C-11873"}"#;
    let c = run(y, &opts("yandex", "magiclane"));
    assert_eq!(
        c.lost,
        ["/address", "/customer_number", "/route_id"].map(String::from)
    );
    let y2 = y.replace("C-11873", "11873");
    let c = run(&y2, &opts("yandex", "magiclane"));
    assert_eq!(output(&c)["customerId"], 11873);
    // Too long for Yandex: the number cannot be written, the description is lost.
    let long = "x".repeat(81);
    let c = run(
        &format!(
            r#"{{"number":"{long}","location":{{"lat":1,"lon":2,"address":"x"}},"assignment":{{"routeId":"1"}},
                "timeWindows":[{{"kind":"local","start":0,"end":60,"endBounds":"serviceStart"}}],
                "description":"{}"}}"#,
            "d".repeat(1024)
        ),
        &opts("canonical", "yandex"),
    );
    assert_eq!(c.output, None);
    assert_eq!(errors(&c)[0].path, "/number");
    assert!(c.lost.iter().any(|p| p == "/description"));
}

fn canonical_batch(n: usize) -> String {
    let orders: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"number":"N-{i}","location":{{"lat":55.7,"lon":37.6,"address":"Tverskaya 1"}},
                "timeWindows":[{{"kind":"local","start":36000,"end":50400}}],
                "assignment":{{"routeNumber":"R-1"}}}}"#
            )
        })
        .collect();
    format!(r#"{{"orders":[{}]}}"#, orders.join(","))
}

#[test]
fn a_batch_over_the_yandex_limit_is_reported_or_chunked() {
    let batch = canonical_batch(1001);
    let got = run(&batch, &opts("canonical", "yandex"));
    assert_eq!(output(&got).as_array().unwrap().len(), 1001);
    let too_many: Vec<&Issue> = got
        .issues
        .iter()
        .filter(|i| i.code == "TOO_MANY_ITEMS")
        .collect();
    assert_eq!(too_many.len(), 1, "{:?}", got.issues);
    assert!(too_many[0].is_error() && too_many[0].message.contains("add_order_batch:chunks"));

    let mut chunked = opts("canonical", "yandex");
    chunked.target_endpoint = Some("add_order_batch:chunks".into());
    let got = run(&batch, &chunked);
    assert_eq!(errors(&got), Vec::<&Issue>::new());
    let chunks = output(&got);
    let chunks = chunks.as_array().unwrap();
    assert_eq!(chunks.len(), 2);
    assert_eq!(chunks[0].as_array().unwrap().len(), 1000);
    assert_eq!(chunks[1][0]["number"], "N-1000");
    for chunk in chunks {
        assert_valid("yandex", &chunk.to_string());
    }

    let mut one_by_one = opts("canonical", "yandex");
    one_by_one.target_endpoint = Some("add_order".into());
    let got = run(&batch, &one_by_one);
    assert_eq!(errors(&got), Vec::<&Issue>::new());
    assert_eq!(output(&got).as_array().unwrap().len(), 1001);
}

/// Orders are written straight into the framed output; one that cannot be written is taken
/// back out with its separator. Bad orders first, last and on either side of a chunk boundary
/// leave the good ones in order, chunked by the good orders alone.
#[test]
fn bad_orders_leave_no_trace_in_a_chunked_batch() {
    let bad = [0, 999, 1000, 1001, 1005];
    let orders: Vec<String> = (0..1006)
        .map(|i| {
            // No route: Yandex cannot take the order, and no default names one.
            let assignment = if bad.contains(&i) {
                ""
            } else {
                r#","assignment":{"routeNumber":"R-1"}"#
            };
            format!(
                r#"{{"number":"N-{i}","location":{{"lat":55.7,"lon":37.6,"address":"Tverskaya 1"}},
                "timeWindows":[{{"kind":"local","start":36000,"end":50400}}]{assignment}}}"#
            )
        })
        .collect();
    let batch = format!(r#"{{"orders":[{}]}}"#, orders.join(","));
    let mut chunked = opts("canonical", "yandex");
    chunked.target_endpoint = Some("add_order_batch:chunks".into());
    let got = run(&batch, &chunked);
    let failed: Vec<&str> = errors(&got).iter().map(|i| i.path.as_str()).collect();
    let expected: Vec<String> = bad.iter().map(|i| format!("/orders/{i}")).collect();
    assert_eq!(failed, expected);
    let chunks = output(&got);
    let chunks = chunks.as_array().unwrap();
    assert_eq!(chunks.len(), 2);
    assert_eq!(chunks[0].as_array().unwrap().len(), 1000);
    let numbers: Vec<String> = chunks
        .iter()
        .flat_map(|c| c.as_array().unwrap())
        .map(|o| o["number"].as_str().unwrap().to_string())
        .collect();
    let good: Vec<String> = (0..1006)
        .filter(|i| !bad.contains(i))
        .map(|i| format!("N-{i}"))
        .collect();
    assert_eq!(numbers, good);
    for chunk in chunks {
        assert_valid("yandex", &chunk.to_string());
    }
}

#[test]
fn a_batch_within_the_limit_can_still_be_asked_for_in_chunks() {
    let mut chunked = opts("canonical", "yandex");
    chunked.target_endpoint = Some("add_order_batch:chunks".into());
    let got = run(&canonical_batch(2), &chunked);
    assert_eq!(errors(&got), Vec::<&Issue>::new());
    let out = output(&got);
    assert_eq!(out.as_array().unwrap().len(), 1);
    assert_eq!(out[0][1]["number"], "N-1");

    // One order asked for as a batch is a batch of one.
    let mut batch = opts("canonical", "yandex");
    batch.target_endpoint = Some("add_order_batch".into());
    let single = r#"{"number":"N-0","location":{"lat":55.7,"lon":37.6,"address":"Tverskaya 1"},
        "timeWindows":[{"kind":"local","start":36000,"end":50400}],"assignment":{"routeNumber":"R-1"}}"#;
    let got = run(single, &batch);
    assert_eq!(output(&got)[0]["number"], "N-0");
}

#[test]
fn an_endpoint_the_target_does_not_write_is_a_usage_error() {
    let mut o = opts("canonical", "yandex");
    o.target_endpoint = Some("add_orders".into());
    let err = orderbridge::convert::convert_text(&canonical_batch(2), &o).unwrap_err();
    assert_eq!(err.code, "INVALID_OPTION");
    assert!(
        err.message.contains("add_order_batch:chunks"),
        "{}",
        err.message
    );

    // Wialon writes one form: any endpoint is a mistake, not silently ignored.
    let mut o = opts("canonical", "wialon");
    o.target_endpoint = Some("core/batch".into());
    let err = orderbridge::convert::convert_text(&canonical_batch(2), &o).unwrap_err();
    assert_eq!(err.code, "INVALID_OPTION");
    assert!(err.message.contains("one output form"), "{}", err.message);
}

/// An instant past year 9999 (a Wialon `tt` in milliseconds, say) has no ISO spelling with a
/// four-digit year: the order is refused with a message about the unit, instead of written as
/// a `time_interval` Yandex cannot read (found by the conversion fuzz test).
#[test]
fn an_instant_past_year_9999_is_not_written_as_an_interval() {
    let far = r#"{"itemId":1,"id":0,"n":"A","y":53.87,"x":27.49,"tf":1718006400,"tt":253402300800,
      "callMode":"create","p":{"a":"Minsk","r":{"id":"1"}}}"#;
    let c = run(far, &opts("wialon", "yandex"));
    assert_eq!(c.output, None, "{:?}", c.issues);
    assert_eq!(
        paths_with(&c, "WINDOW_NOT_REPRESENTABLE").len(),
        1,
        "{:?}",
        c.issues
    );
    // The last second of 9999 still has one.
    let last = far.replace("253402300800", "253402300799");
    let c = run(&last, &opts("wialon", "yandex"));
    assert_valid("yandex", c.output.as_deref().unwrap_or("null"));
}

/// A field only Yandex's answers hold (`confirmed_at`, the order's `id`...) kept verbatim for
/// Yandex is not copied into a request, where it would make the body read as a response: it is
/// lost, at its input pointer (found by the conversion fuzz test).
#[test]
fn response_fields_are_not_copied_into_a_request() {
    let y = r#"{"number":"A1","address":"Moscow","lat":55.7,"lon":37.6,"route_id":1,
      "time_interval":"10:00 - 14:00","confirmed_at":"2024-06-10T10:00:00+03:00"}"#;
    let c = run(y, &opts("yandex", "yandex"));
    assert_eq!(c.lost, vec!["/confirmed_at"], "{:?}", c.issues);
    assert_valid("yandex", c.output.as_deref().unwrap_or("null"));
    let canonical = r#"{"number":"A1","location":{"lat":55.7,"lon":37.6,"address":"Moscow"},
      "timeWindows":[{"kind":"local","start":36000,"end":50400}],"assignment":{"routeId":"1"},
      "vendor":{"yandex":{"id":[],"confirmed_at":{},"future_field":1}}}"#;
    let c = run(canonical, &opts("canonical", "yandex"));
    assert_eq!(
        sorted(c.lost.iter().map(|p| p.to_string()).collect()),
        ["/vendor/yandex/confirmed_at", "/vendor/yandex/id"]
    );
    let out = output(&c);
    assert_eq!(
        out["future_field"],
        serde_json::json!(1),
        "an undocumented field is carried"
    );
    assert_valid("yandex", c.output.as_deref().unwrap_or("null"));
}
