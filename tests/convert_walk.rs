//! A canonical, Yandex or Wialon batch given as text is read order by order (`convert::walk`), and must
//! convert exactly as when it is parsed whole; what the walk does not take is read whole.

mod convert_support;

use convert_support::*;
use orderbridge::convert::{Codec, ConvertOptions, Payload};

/// [`walks_with`] the canonical codec.
fn walks(text: &str, o: &ConvertOptions) -> bool {
    let payload = Payload::text(text, false);
    let mut ck = orderbridge::check::Checker::new();
    let mut handed = 0;
    let shape =
        orderbridge::convert::canonical::CANONICAL
            .read(&payload, o, &mut ck, &mut |_, _| handed += 1);
    shape.is_some() && handed > 0 && !payload.was_parsed() && !payload.is_abandoned()
}

#[test]
fn a_canonical_batch_read_order_by_order_gives_what_reading_it_whole_gives() {
    // Good and bad orders of different shapes one after another: an unknown field, a window
    // the wrong way round, escaped text, nested custom fields, an order that is not an object.
    let batch = format!(
        r#" {{ "orders" : [
          {MOSCOW_ORDER},
          {{"number": "B \"2\"\n", "location": {{"lat": 55.75, "lon": 37.61}}, "surprise": 1}},
          {{"number": "C", "timeWindows": [{{"kind": "absolute", "start": 20, "end": 10}}]}},
          {{"number": "D", "customFields": {{"a": [1, {{"b": [2, {{"c": "\u00e9"}}]}}]}}, "location": {{"address": "1 Main St"}}}},
          7,
          {{"number": "F", "kind": "pickup", "location": {{"lat": 55.7, "lon": 37.6}}}}
        ] }} "#
    );
    for to in ["optimoroute", "wialon", "yandex", "magiclane", "canonical"] {
        let mut o = opts_at("canonical", to, "2024-03-22", "Europe/Moscow");
        o.defaults = Some(canonical_order(
            r#"{"vendor":{"wialon":{"itemId":7}},"assignment":{"routeNumber":"R-1"}}"#,
        ));
        assert!(walks(&batch, &o), "{to}");
        let streamed = run(&batch, &o);
        let value = orderbridge::json::parse(&batch).unwrap();
        let whole = orderbridge::convert::convert_value(&value, &o).unwrap();
        assert_eq!(streamed, whole, "{to}");
        assert!(streamed
            .issues
            .iter()
            .any(|i| i.path.starts_with("/orders/4")));
    }
    // Not a batch the walk takes: a single order, an empty list, another member first or
    // after the list, text after the body.
    let o = opts("canonical", "wialon");
    assert!(!walks(MOSCOW_ORDER, &o));
    assert!(!walks(r#"{"orders": []}"#, &o));
    assert!(!walks(r#"{"note": 1, "orders": [{"number": "A"}]}"#, &o));
    assert!(!walks(r#"{"orders": [{"number": "A"}], "note": 1}"#, &o));
    assert!(!walks(r#"{"orders": [{"number": "A"}]} x"#, &o));
}

/// Whether `codec` reads `text` order by order, handing over every order without parsing the
/// text whole or giving up on it.
fn walks_with(codec: &dyn Codec, text: &str, o: &ConvertOptions) -> bool {
    let payload = Payload::text(text, false);
    let mut ck = orderbridge::check::Checker::new();
    let mut handed = 0;
    let shape = codec.read(&payload, o, &mut ck, &mut |_, _| handed += 1);
    shape.is_some() && handed > 0 && !payload.was_parsed() && !payload.is_abandoned()
}

#[test]
fn a_yandex_batch_read_order_by_order_gives_what_reading_it_whole_gives() {
    let request = fixture("yandex/add-order-request.json");
    let minimal = fixture("yandex/add-order-minimal.json");
    // Documented orders between bad ones: no address, a window the wrong way round, a number
    // that is not text, escaped text, an item that is not an object.
    let batch = format!(
        r#"[{request},
          {{"number": "B", "lat": 55.78, "lon": 49.11, "route_number": "R"}},
          {{"number": "C \"3\"\n", "address": "Kazan", "route_number": "R", "time_interval": "12:00-10:00"}},
          {minimal},
          {{"number": 4, "address": "Kazan", "route_number": "R"}},
          "x",
          {minimal}]"#
    );
    let yandex = orderbridge::vendor::yandex::convert::CODEC;
    for to in ["optimoroute", "wialon", "magiclane", "canonical"] {
        let mut o = opts_at("yandex", to, "2024-06-11", "Europe/Moscow");
        o.defaults = Some(canonical_order(r#"{"vendor":{"wialon":{"itemId":7}}}"#));
        assert!(walks_with(&yandex, &batch, &o), "{to}");
        let streamed = run(&batch, &o);
        let value = orderbridge::json::parse(&batch).unwrap();
        let whole = orderbridge::convert::convert_value(&value, &o).unwrap();
        assert_eq!(streamed, whole, "{to}");
        assert!(streamed.issues.iter().any(|i| i.path.starts_with("/5")));
    }
    let o = opts("yandex", "canonical");
    assert!(!walks_with(&yandex, &request, &o));
    assert!(!walks_with(&yandex, "[]", &o));
    assert!(!walks_with(&yandex, &format!("[{minimal}] x"), &o));
}

#[test]
fn a_wialon_batch_read_call_by_call_gives_what_reading_it_whole_gives() {
    let wialon = orderbridge::vendor::wialon::convert::CODEC;
    // Good calls between bad ones: another service, params that are not an object, a call
    // without params, a create without coordinates, escaped text, an unknown key in a call.
    let calls = [
        r#"{"svc":"order/update","params":{"itemId":7,"id":0,"callMode":"create","n":"A \"1\"\n","y":55.75,"x":37.61,"tf":1711094400,"tt":1711105200,"p":{"p":"+7 495"}}}"#,
        r#"{"svc":"order/list","params":{"itemId":7}}"#,
        r#"{"svc":"order/update","params":7}"#,
        r#"{"svc":"order/update"}"#,
        r#"{"svc":"order/update","params":{"itemId":7,"id":0,"callMode":"create","n":"B"}}"#,
        r#"{"svc":"order/update","params":{"itemId":7,"id":12,"callMode":"update","n":"C","y":55.7,"x":37.6},"extra":1}"#,
    ];
    let batch = |calls: &[&str], flags: u8| {
        format!(
            "{{\"svc\":\"core/batch\",\"params\":{{\"params\":[{}],\"flags\":{flags}}}}}",
            calls.join(",\n ")
        )
    };
    let many: Vec<&str> = std::iter::repeat_n(calls[0], 1001).collect();
    for text in [batch(&calls, 0), batch(&many, 0)] {
        for to in ["optimoroute", "yandex", "magiclane", "canonical"] {
            let mut o = opts_at("wialon", to, "2024-03-22", "Europe/Moscow");
            o.defaults = Some(canonical_order(r#"{"assignment":{"routeNumber":"R-1"}}"#));
            assert!(walks_with(&wialon, &text, &o), "{to}");
            let streamed = run(&text, &o);
            let value = orderbridge::json::parse(&text).unwrap();
            let whole = orderbridge::convert::convert_value(&value, &o).unwrap();
            let first_difference = streamed
                .issues
                .iter()
                .zip(&whole.issues)
                .position(|(a, b)| a != b);
            assert_eq!(
                first_difference.map(|i| (&streamed.issues[i], &whole.issues[i])),
                None,
                "{to}"
            );
            assert!(streamed == whole, "{to}");
        }
    }
    // Read whole: flags other than 0, a single call, an empty batch, a key before `svc`.
    let o = opts("wialon", "canonical");
    assert!(!walks_with(&wialon, &batch(&calls, 1), &o));
    assert!(!walks_with(&wialon, calls[0], &o));
    assert!(!walks_with(&wialon, &batch(&[], 0), &o));
    assert!(!walks_with(
        &wialon,
        &format!("{{\"sid\":\"x\",{}", &batch(&calls, 0)[1..]),
        &o
    ));
    // The same conversions for those, walked or not.
    for text in [
        batch(&calls, 1),
        format!("{{\"sid\":\"x\",{}", &batch(&calls, 0)[1..]),
    ] {
        let o = opts("wialon", "canonical");
        let value = orderbridge::json::parse(&text).unwrap();
        assert_eq!(
            run(&text, &o),
            orderbridge::convert::convert_value(&value, &o).unwrap()
        );
    }
}
