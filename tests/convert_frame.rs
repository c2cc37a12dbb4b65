//! A target's batch frame (the text the pipeline writes around each order as it goes) must give
//! exactly what its `wrap` gives for the same orders.

use orderbridge::convert::{codec, ConvertOptions, Shape};
use orderbridge::validate::Format;

fn framed(frame: &orderbridge::convert::BatchFrame, orders: &[&str]) -> String {
    let mut out = frame.open.to_string();
    for (i, o) in orders.iter().enumerate() {
        match &frame.chunks {
            _ if i == 0 => {}
            Some((n, between)) if i % n == 0 => out.push_str(between),
            _ => out.push(','),
        }
        out.push_str(&frame.before_each);
        out.push_str(o);
        out.push_str(&frame.after_each);
    }
    out.push_str(&frame.close);
    out
}

#[test]
fn every_batch_frame_joins_as_wrap_does() {
    let shapes = [r#"{"a":1}"#, r#"{"b":[2,3]}"#, r#"{"c":"x"}"#];
    // Enough orders to fill a chunk of either chunked endpoint (500 and 1000) and start the next.
    let orders: Vec<&str> = shapes.iter().cycle().take(1002).copied().collect();
    let mut framed_targets = Vec::new();
    for id in ["canonical", "wialon", "yandex", "magiclane", "optimoroute"] {
        let to = Format::from_id(id).expect(id);
        let endpoints: &[Option<&str>] = if id == "optimoroute" {
            &[
                None,
                Some("create_order"),
                Some("create_or_update_orders"),
                Some("create_or_update_orders:chunks"),
            ]
        } else if id == "yandex" {
            &[
                None,
                Some("add_order"),
                Some("add_order_batch"),
                Some("add_order_batch:chunks"),
            ]
        } else {
            &[None]
        };
        for endpoint in endpoints {
            let mut options = ConvertOptions::new(Format::Canonical, to);
            options.target_endpoint = endpoint.map(str::to_string);
            let target = codec(to).expect(id);
            let Some(frame) = target.batch_frame(&options) else {
                continue;
            };
            framed_targets.push(format!("{id} {endpoint:?}"));
            for n in [1, 2, 3, 499, 500, 501, 999, 1000, 1001, 1002] {
                let wrapped = target.wrap(
                    orders[..n].iter().map(|o| o.to_string()).collect(),
                    Shape::Batch,
                    &options,
                );
                assert_eq!(
                    framed(&frame, &orders[..n]),
                    wrapped,
                    "{id} {endpoint:?}, {n} orders"
                );
            }
        }
    }
    // The frames exist where they pay: the large batches of every writer.
    for expected in [
        "optimoroute Some(\"create_or_update_orders:chunks\")",
        "yandex Some(\"add_order_batch:chunks\")",
        "canonical None",
        "wialon None",
        "magiclane None",
        "optimoroute None",
        "yandex None",
        "yandex Some(\"add_order_batch\")",
    ] {
        assert!(
            framed_targets.iter().any(|t| t == expected),
            "{expected}: {framed_targets:?}"
        );
    }
}
