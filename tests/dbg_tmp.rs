use orderbridge::convert::{convert_text, ConvertOptions};
use orderbridge::validate::Format;
fn f(id: &str) -> Format { Format::from_id(id).unwrap() }
#[test]
fn dbg() {
    for name in ["create-params.json", "create-params-older-doc.json", "create-envelope.json", "create-form.txt", "update-params.json"] {
        let text = std::fs::read_to_string(format!("tests/fixtures/wialon/{name}")).unwrap();
        let c = convert_text(&text, &ConvertOptions::new(f("wialon"), f("canonical"))).unwrap();
        println!("{name}\n{}\n{:?}\n", c.output.clone().unwrap_or_default(), c.issues);
        let back = convert_text(&c.output.unwrap(), &ConvertOptions::new(f("canonical"), f("wialon"))).unwrap();
        println!("BACK {}\n{:?}\n{:?}\n", back.output.unwrap_or_default(), back.issues, back.lost);
    }
}
