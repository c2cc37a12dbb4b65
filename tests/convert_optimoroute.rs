//! OptimoRoute conversion: the documented examples, hand-written expected outputs, round trips.

use orderbridge::convert::{convert_text, ConvertOptions, Converted};
use orderbridge::validate::{validate_text, Format};
use orderbridge::vendor::ValidateOptions;
use serde_json::{json, Value as Json};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/optimoroute/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn options(from: &str, to: &str) -> ConvertOptions {
    ConvertOptions::new(Format::from_id(from).unwrap(), Format::from_id(to).unwrap())
}

fn run(text: &str, o: &ConvertOptions) -> Converted {
    convert_text(text, o).expect("no usage error")
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

#[test]
#[ignore]
fn show() {
    for name in [
        "create_order_request.json",
        "own_create_order_sync.json",
        "create_or_update_orders_request.json",
    ] {
        let there = run(&fixture(name), &options("optimoroute", "canonical"));
        println!("{}\n{:#?}", there.output.clone().unwrap(), there.issues);
        let back = run(
            there.output.as_deref().unwrap(),
            &options("canonical", "optimoroute"),
        );
        println!("{}\n{:#?}", back.output.unwrap(), back.issues);
    }
}
