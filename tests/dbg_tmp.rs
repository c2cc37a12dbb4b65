use orderbridge::convert::{convert_text, ConvertOptions};
use orderbridge::validate::Format;
fn f(id: &str) -> Format { Format::from_id(id).unwrap() }
#[test]
fn dbg() {
    for (name, to) in [("yandex/add-order-request.json", "canonical"), ("yandex/add-order-minimal.json", "canonical"), ("wialon/create-params.json", "yandex"), ("yandex/add-order-request.json", "wialon")] {
        let text = std::fs::read_to_string(format!("tests/fixtures/{name}")).unwrap();
        let from = name.split('/').next().unwrap();
        let mut o = ConvertOptions::new(f(from), f(to));
        o.date = Some("2024-03-22".into()); o.time_zone = Some("Europe/Moscow".into());
        let mut d = orderbridge::model::Order::default();
        d.assignment = Some(orderbridge::model::Assignment { route_number: Some("R-1".into()), ..Default::default() });
        d.vendor.push("wialon", orderbridge::json::parse(r#"{"itemId": 5}"#).unwrap().into_owned());
        o.defaults = Some(d);
        let c = convert_text(&text, &o).unwrap();
        println!("{name} -> {to}\n{}\n{:#?}\n{:?}\n", c.output.clone().unwrap_or_default(), c.issues.iter().map(|i| format!("{} {} {}", i.path, i.code, i.message)).collect::<Vec<_>>(), c.lost);
    }
}
