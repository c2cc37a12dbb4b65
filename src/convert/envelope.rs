//! The orderbridge envelope: what a conversion with `preserveUnmapped` puts into the target's
//! extension slot so that converting back restores it.
//!
//! The envelope is JSON text `{"orderbridge":1,"order":{...},"derived":[...]}` where `order` is
//! a partial canonical order holding exactly the fields the target could not carry, or holds
//! only in a changed form (a rounded duration, a window placed in time), in canonical names
//! (vendor-only fields stay under `vendor.<id>` in the source vendor's own names), and
//! `derived` (optional) lists the canonical fields the target derived (a one-line address
//! joined from parts), which a conversion back removes. Lists travel whole (see
//! `WHOLE_LISTS`). Being canonical, one reader and one writer serve every pair of formats.
//! Each vendor stores the text in its slot as its document allows (see `docs/conversion.md`).

use super::codes;
use crate::check::Checker;
use crate::json::{self, Path};
use crate::model::{read_order, Order, Overlay};
use serde_json::{Map, Value as Json};

/// The envelope format version.
pub const VERSION: u64 = 1;

/// The key of the envelope marker.
pub const MARKER: &str = "orderbridge";

/// The canonical lists that travel whole: when one item is lost or carried the envelope
/// holds the complete list, and merging replaces the list the target gave back, so items keep
/// their order and a window the target changed (placed in time, re-bounded) is restored.
const WHOLE_LISTS: [&str; 8] = [
    "/timeWindows",
    "/tags",
    "/barcodes",
    "/dependsOn",
    "/load/custom",
    "/requirements/skills",
    "/requirements/vehicleFeatures",
    "/scheduling/allowedWeekdays",
];

/// The canonical fields a target may derive (and the envelope may name for removal).
const DERIVABLE: [&str; 9] = [
    "/date",
    "/location/address",
    "/location/name",
    "/contact/name",
    "/contact/firstName",
    "/contact/lastName",
    "/notifications/email",
    "/notifications/sms",
    "/notifications/smsSecondPhone",
];

/// The list a pointer falls in, when it is one of [`WHOLE_LISTS`].
fn whole_list(pointer: &str) -> Option<&'static str> {
    WHOLE_LISTS.iter().copied().find(|list| {
        pointer == *list
            || pointer
                .strip_prefix(list)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// Builds the envelope text holding the fields of `order` at `pointers` (lost or carried
/// fields, canonical pointers) and naming the `derived` fields a conversion back removes.
pub fn build<'p>(
    order: &Order,
    pointers: impl IntoIterator<Item = &'p str>,
    derived: &[String],
) -> String {
    let full = serde_json::to_value(order).unwrap_or(Json::Null);
    let mut partial = Json::Object(Map::new());
    let mut done: Vec<&str> = Vec::new();
    for pointer in pointers {
        let pointer = whole_list(pointer).unwrap_or(pointer);
        if done.contains(&pointer) {
            continue;
        }
        done.push(pointer);
        if let Some(value) = full.pointer(pointer) {
            insert(&mut partial, &full, pointer, value.clone());
        }
    }
    let mut envelope = Map::new();
    envelope.insert(MARKER.into(), Json::from(VERSION));
    envelope.insert("order".into(), partial);
    if !derived.is_empty() {
        envelope.insert(
            "derived".into(),
            Json::Array(derived.iter().cloned().map(Json::String).collect()),
        );
    }
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
        Some(mut partial) if !inner_ck.has_errors() => {
            replace_whole_lists(order, &mut partial);
            order.overlay(partial, false);
            let derived = parsed.get("derived").and_then(json::Value::as_array);
            for pointer in derived
                .unwrap_or(&[])
                .iter()
                .filter_map(json::Value::as_str)
            {
                remove_derived(order, pointer);
            }
        }
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

/// Moves the lists the envelope carries whole into `order`, replacing what the target gave back
/// (see [`WHOLE_LISTS`]); the emptied lists of `partial` then overlay nothing.
fn replace_whole_lists(order: &mut Order, partial: &mut Order) {
    fn take<T>(to: &mut Vec<T>, from: &mut Vec<T>) {
        if !from.is_empty() {
            *to = std::mem::take(from);
        }
    }
    take(&mut order.time_windows, &mut partial.time_windows);
    take(&mut order.tags, &mut partial.tags);
    take(&mut order.barcodes, &mut partial.barcodes);
    take(&mut order.depends_on, &mut partial.depends_on);
    if let (Some(to), Some(from)) = (order.load.as_mut(), partial.load.as_mut()) {
        take(&mut to.custom, &mut from.custom);
    }
    if let (Some(to), Some(from)) = (order.requirements.as_mut(), partial.requirements.as_mut()) {
        take(&mut to.skills, &mut from.skills);
        take(&mut to.vehicle_features, &mut from.vehicle_features);
    }
    if let (Some(to), Some(from)) = (order.scheduling.as_mut(), partial.scheduling.as_mut()) {
        take(&mut to.allowed_weekdays, &mut from.allowed_weekdays);
    }
}

/// Removes a field an earlier conversion derived (listed under `"derived"` in the envelope):
/// the original order did not hold it. Only the [`DERIVABLE`] fields are ever named.
fn remove_derived(order: &mut Order, pointer: &str) {
    // A vendor's own field a target wrote although the order had none (OptimoRoute's
    // `operation`, which create_order requires): `/vendor/<id>/<key>`.
    if let Some((id, key)) = pointer
        .strip_prefix("/vendor/")
        .and_then(|rest| rest.split_once('/'))
    {
        if let Some(json::Value::Object(slot)) = order.vendor.get(id) {
            let mut slot = slot.clone();
            slot.remove(key);
            if slot.is_empty() {
                order.vendor.remove(id);
            } else {
                order.vendor.set(id.to_string(), json::Value::Object(slot));
            }
        }
        return;
    }
    if !DERIVABLE.contains(&pointer) {
        return;
    }
    match pointer {
        // OptimoRoute orders have a date: one taken from a window or the `date` option.
        "/date" => order.date = None,
        "/location/address" => {
            if let Some(l) = order.location.as_mut() {
                l.address = None;
            }
        }
        // OptimoRoute's create_order uses coordinates only with a location name.
        "/location/name" => {
            if let Some(l) = order.location.as_mut() {
                l.name = None;
            }
        }
        "/notifications/email" | "/notifications/sms" | "/notifications/smsSecondPhone" => {
            if let Some(n) = order.notifications.as_mut() {
                match pointer {
                    "/notifications/email" => n.email = None,
                    "/notifications/sms" => n.sms = None,
                    _ => n.sms_second_phone = None,
                }
            }
        }
        "/contact/name" | "/contact/firstName" | "/contact/lastName" => {
            if let Some(c) = order.contact.as_mut() {
                match pointer {
                    "/contact/name" => c.name = None,
                    "/contact/firstName" => c.first_name = None,
                    _ => c.last_name = None,
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Loss;
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
                canonical: (*p).into(),
                reason: "".into(),
            })
            .collect();
        let text = build(&original, losses.iter().map(|l| l.canonical.as_ref()), &[]);
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
