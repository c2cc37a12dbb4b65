//! The canonical format as a conversion source and target: it holds every field, so writing it
//! never loses anything.

use super::{Codec, ConvertOptions, Shape, SourceOrder, SourceOrders, WriteCx};
use crate::check::Checker;
use crate::json::{Path, Value};
use crate::model::{read_payload, CanonicalPayload, Order};

/// The canonical codec.
pub struct Canonical;

/// The instance the registry hands out.
pub static CANONICAL: Canonical = Canonical;

impl Codec for Canonical {
    fn id(&self) -> &'static str {
        "canonical"
    }

    fn read(
        &self,
        payload: &Value,
        _options: &ConvertOptions,
        ck: &mut Checker,
    ) -> Option<SourceOrders> {
        match read_payload(payload, &Path::root(), ck)? {
            CanonicalPayload::Order(order) => {
                let ok = !ck.has_errors();
                Some(SourceOrders {
                    shape: Shape::Single,
                    orders: vec![SourceOrder {
                        pointer: String::new(),
                        order: ok.then_some(*order),
                        envelope: None,
                    }],
                })
            }
            CanonicalPayload::Batch(orders) => Some(SourceOrders {
                shape: Shape::Batch,
                orders: orders
                    .into_iter()
                    .enumerate()
                    .map(|(i, order)| SourceOrder {
                        pointer: format!("/orders/{i}"),
                        order,
                        envelope: None,
                    })
                    .collect(),
            }),
        }
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

    fn wrap(&self, orders: &[String], shape: Shape, _options: &ConvertOptions) -> String {
        match (shape, orders) {
            (Shape::Single, [one]) => one.clone(),
            _ => {
                let mut out =
                    String::with_capacity(orders.iter().map(|o| o.len() + 1).sum::<usize>() + 12);
                out.push_str("{\"orders\":[");
                out.push_str(&orders.join(","));
                out.push_str("]}");
                out
            }
        }
    }

    fn extension_slot(&self) -> Option<&'static str> {
        None
    }
}
