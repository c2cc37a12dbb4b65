//! The orderbridge envelope: what a conversion with `preserveUnmapped` puts into the target's
//! extension slot so that converting back restores it.
//!
//! The envelope is JSON text `{"orderbridge":1,"order":{...}}` where `order` is a partial
//! canonical order holding exactly the fields the target could not carry, in canonical names
//! (vendor-only fields stay under `vendor.<id>` in the source vendor's own names). Being
//! canonical, one reader and one writer serve every pair of formats. Each vendor stores the
//! text in its slot as its document allows (see `docs/conversion.md`).

use super::{codes, Loss};
use crate::check::Checker;
use crate::json::{self, Path};
use crate::model::{read_order, Order, Overlay};
use serde_json::{Map, Value as Json};

/// The envelope format version.
pub const VERSION: u64 = 1;

/// The key of the envelope marker.
pub const MARKER: &str = "orderbridge";

/// Builds the envelope text holding the fields of `order` named by `losses`.
pub fn build(order: &Order, losses: &[Loss]) -> String {
    let full = serde_json::to_value(order).unwrap_or(Json::Null);
    let mut partial = Json::Object(Map::new());
    for loss in losses {
        if let Some(value) = full.pointer(&loss.canonical) {
            insert(&mut partial, &full, &loss.canonical, value.clone());
        }
    }
    let mut envelope = Map::new();
    envelope.insert(MARKER.into(), Json::from(VERSION));
    envelope.insert("order".into(), partial);
    Json::Object(envelope).to_string()
}

/// Inserts `value` at `pointer` in `partial`, creating objects, and arrays where `full` has
/// arrays (array items are appended in the order they are lost).
fn insert(partial: &mut Json, full: &Json, pointer: &str, value: Json) {
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let Some((last, parents)) = tokens.split_last() else {
        return;
    };
    let mut here = partial;
    let mut mirror = full;
    for token in parents {
        let next_mirror = match mirror {
            Json::Object(m) => m.get(token),
            Json::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        };
        let Some(next_mirror) = next_mirror else {
            return;
        };
        let Json::Object(map) = here else {
            return;
        };
        let fresh = if next_mirror.is_array() {
            Json::Array(Vec::new())
        } else {
            Json::Object(Map::new())
        };
        here = map.entry(token.clone()).or_insert(fresh);
        mirror = next_mirror;
    }
    match here {
        Json::Object(map) => {
            map.insert(last.clone(), value);
        }
        Json::Array(items) => items.push(value),
        _ => {}
    }
}

/// True when `text` looks like an orderbridge envelope (cheap check before parsing).
pub fn is_envelope(text: &str) -> bool {
    text.trim_start().starts_with('{') && text.contains("\"orderbridge\"")
}

/// Merges the envelope `text` into `order`. Problems are warnings at `pointer` (the order in the
/// input): a damaged envelope must not make a valid order fail.
pub fn merge(order: &mut Order, text: &str, pointer: &str, ck: &mut Checker) {
    let fail = |ck: &mut Checker, why: String| {
        ck.push(crate::issue::Issue::warning(
            pointer,
            codes::BAD_ENVELOPE,
            format!("the orderbridge envelope in this order could not be restored ({why}); its fields were not merged."),
        ));
    };
    let parsed = match json::parse(text) {
        Ok(v) => v,
        Err(e) => return fail(ck, e.to_string()),
    };
    if parsed.get(MARKER).and_then(json::Value::as_i64) != Some(VERSION as i64) {
        return fail(ck, format!("expected \"{MARKER}\": {VERSION}"));
    }
    let Some(inner) = parsed.get("order") else {
        return fail(ck, "no \"order\" object".into());
    };
    let mut inner_ck = Checker::new();
    match read_order(inner, &Path::root(), &mut inner_ck) {
        Some(partial) if !inner_ck.has_errors() => order.overlay(partial, false),
        _ => {
            let first = inner_ck
                .issues
                .iter()
                .find(|i| i.is_error())
                .map(|i| format!("{} at {}", i.message, i.path))
                .unwrap_or_default();
            fail(ck, first)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, TimeWindow};

    #[test]
    fn build_then_merge_restores_the_lost_fields() {
        let w = |s: i64| TimeWindow {
            kind: crate::model::WindowKind::Local,
            start: Some(s),
            end: Some(s + 3600),
            date: None,
            time_zone: None,
            utc_offset_s: None,
            start_unix: None,
            end_unix: None,
            end_bounds: Default::default(),
        };
        let original = Order {
            number: Some("A".into()),
            contact: Some(Contact {
                phone: Some("1".into()),
                phone2: Some("2".into()),
                ..Default::default()
            }),
            time_windows: vec![w(0), w(7200), w(14400)],
            ..Default::default()
        };
        let losses: Vec<Loss> = ["/contact/phone2", "/timeWindows/1", "/timeWindows/2"]
            .iter()
            .map(|p| Loss {
                canonical: p.to_string(),
                reason: String::new(),
            })
            .collect();
        let text = build(&original, &losses);
        assert!(is_envelope(&text));
        let mut received = Order {
            number: Some("A".into()),
            contact: Some(Contact {
                phone: Some("1".into()),
                ..Default::default()
            }),
            time_windows: vec![w(0)],
            ..Default::default()
        };
        let mut ck = Checker::new();
        merge(&mut received, &text, "/orders/0", &mut ck);
        assert!(ck.issues.is_empty(), "{:?}", ck.issues);
        assert_eq!(received, original);
    }

    #[test]
    fn a_damaged_envelope_is_a_warning() {
        let mut o = Order::default();
        let mut ck = Checker::new();
        merge(
            &mut o,
            "{\"orderbridge\": 1, \"order\": {\"priority\": \"urgent\"}}",
            "/orders/2",
            &mut ck,
        );
        assert_eq!(ck.issues[0].code, codes::BAD_ENVELOPE);
        assert_eq!(ck.issues[0].path, "/orders/2");
        assert!(!ck.has_errors());
    }
}
