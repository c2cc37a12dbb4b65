//! The canonical format as a conversion source and target: it holds every field, so writing it
//! never loses anything.

use super::walk::{walk_list, Item, Walk};
use super::{Codec, ConvertOptions, OrderSink, Payload, Shape, SourceOrder, WriteCx};
use crate::check::Checker;
use crate::json::{Path, Value};
use crate::model::{read_order, Order};

/// The canonical codec.
pub struct Canonical;

/// Reads the batch item at `path` and hands it to `sink` (without its order when it has
/// errors, which are recorded in `ck`).
fn read_item(item: &Value, path: &Path, ck: &mut Checker, sink: &mut OrderSink) {
    let before = ck.issues.len();
    let order = read_order(item, path, ck).filter(|_| !ck.errors_since(before));
    let source = SourceOrder {
        pointer: path.to_pointer(),
        order: order.map(Box::new),
        envelope: None,
        shape: Shape::Batch,
    };
    sink(source, ck);
}

/// The instance the registry hands out.
pub static CANONICAL: Canonical = Canonical;

impl Codec for Canonical {
    fn id(&self) -> &'static str {
        "canonical"
    }

    fn read(
        &self,
        payload: &Payload,
        _options: &ConvertOptions,
        ck: &mut Checker,
        sink: &mut OrderSink,
    ) -> Option<Shape> {
        let root = Path::root();
        let list = root.key("orders");
        if let Some(text) = payload.as_text() {
            // `{"orders": [...]}` given as text is read order by order, never one tree in
            // memory; anything else (another member, an empty list) is read whole below.
            let opening = ["{", "\"orders\"", ":", "["];
            let walk = walk_list(text, &opening, &["}"], None, ck, &mut |i, item, ck| {
                read_item(item, &list.index(i), ck, sink);
                Item::Taken
            });
            match walk {
                Walk::Read(_) => return Some(Shape::Batch),
                Walk::Declined => {}
                Walk::Abandoned => {
                    payload.abandon_text();
                    return None;
                }
            }
        }
        let payload = payload.parsed()?;
        let obj = ck.object(payload, &root)?;
        if !obj.contains_key("orders") {
            let order = read_order(payload, &root, ck);
            let ok = !ck.has_errors();
            let item = SourceOrder {
                pointer: String::new(),
                order: order.filter(|_| ok).map(Box::new),
                envelope: None,
                shape: Shape::Single,
            };
            sink(item, ck);
            return Some(Shape::Single);
        }
        // `{"orders": [...]}`, read (and converted) one order at a time.
        for (key, v) in obj.iter() {
            let p = root.key(key);
            if key != "orders" {
                ck.unknown_field(&p, "a canonical order batch");
                continue;
            }
            let Some(items) = ck.array(v, &p) else {
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                read_item(item, &p.index(i), ck, sink);
            }
        }
        Some(Shape::Batch)
    }

    fn source_pointer(&self, canonical: &str) -> Option<String> {
        Some(canonical.to_string())
    }

    fn write_order(&self, order: &Order, cx: &mut WriteCx) -> Option<String> {
        match serde_json::to_string(order) {
            Ok(text) => Some(text),
            Err(e) => {
                cx.fail(
                    "",
                    super::codes::CANNOT_CONVERT,
                    format!("the order could not be written ({e})."),
                );
                None
            }
        }
    }

    fn wrap(&self, orders: Vec<String>, shape: Shape, _options: &ConvertOptions) -> String {
        match super::write::single(orders, shape) {
            Ok(one) => one,
            Err(orders) => super::write::join_json(&orders, "{\"orders\":[", ("", ""), "]}"),
        }
    }

    fn batch_frame(&self, _options: &ConvertOptions) -> Option<super::BatchFrame> {
        Some(super::BatchFrame::new("{\"orders\":[", "", "", "]}"))
    }

    fn extension_slot(&self) -> Option<&'static str> {
        None
    }
}
