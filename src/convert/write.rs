//! Helpers every target codec uses while it writes one order: whole numbers and numeric ids
//! with their checks, the one window a one-window target keeps, end-bound semantics, the other
//! vendors' verbatim fields, and the map from canonical to source pointers.

use super::{codes, WindowSemantics, WriteCx};
use crate::check::Checker;
use crate::issue::Text;
use crate::json::{Object, Path, Value};
use crate::time::{convert_bounds, EndBound, TimeWindow, WindowKind};

/// Largest integer an `f64` (and a JavaScript number) holds exactly.
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Appends `/token` to a JSON Pointer, escaping `~` and `/` (RFC 6901).
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// `pointer/token`, escaped.
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    push_token(&mut out, token);
    out
}

/// One row of a codec's pointer map: canonical pointer, source pointer (relative to the order
/// object), and whether what follows the canonical pointer is appended (lists, maps, vendor
/// slots whose nesting mirrors the source's).
pub type PointerRow = (&'static str, &'static str, bool);

/// Maps a canonical pointer to the source pointer by the longest matching row of `table`.
pub fn map_pointer(table: &[PointerRow], canonical: &str) -> Option<String> {
    let mut best: Option<&PointerRow> = None;
    for row in table {
        let matches = canonical == row.0
            || canonical
                .strip_prefix(row.0)
                .is_some_and(|rest| rest.starts_with('/'));
        if matches && best.is_none_or(|b| row.0.len() > b.0.len()) {
            best = Some(row);
        }
    }
    let (from, to, append) = *best?;
    let mut out = to.to_string();
    if append {
        out.push_str(canonical.get(from.len()..).unwrap_or(""));
    }
    Some(out)
}

/// A non-negative number for a target field that holds whole numbers: a fraction is rounded
/// to the nearest whole number (`VALUE_ADJUSTED`, carried with `preserveUnmapped`); a value the
/// field cannot hold at all is a loss.
pub fn whole(x: f64, at: &'static str, field: &str, cx: &mut WriteCx) -> Option<u64> {
    if !x.is_finite() || !(0.0..=MAX_SAFE_INTEGER).contains(&x) {
        cx.lose(
            at,
            format!("`{field}` holds whole numbers from 0 to 2^53; {x} is outside."),
        );
        return None;
    }
    let rounded = x.round();
    if rounded != x {
        cx.adjust(
            at,
            format!("{x} was rounded to {rounded}: `{field}` holds whole numbers."),
        );
    }
    // In 0..=2^53 by the check above: exact as u64.
    Some(rounded as u64)
}

/// Text holding a whole number written the canonical way (digits, no sign, no leading zero),
/// so that writing it back as text gives the same text.
pub fn numeric_id(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let canonical = !b.is_empty()
        && b.len() <= 19
        && b.iter().all(u8::is_ascii_digit)
        && (b.len() == 1 || b.first() != Some(&b'0'));
    canonical.then(|| text.parse().ok()).flatten()
}

/// A canonical id (text) for a target field that holds an integer id of at least `min`; text
/// that is not one is a loss naming the field.
pub fn integer_id(
    text: &str,
    at: &'static str,
    field: &str,
    min: u64,
    target: &str,
    cx: &mut WriteCx,
) -> Option<u64> {
    match numeric_id(text).filter(|id| *id >= min && *id <= i64::MAX as u64) {
        Some(id) => Some(id),
        None => {
            let shown: String = text.chars().take(40).collect();
            cx.lose(
                at,
                format!("{target} `{field}` is a whole number of at least {min}; \"{shown}\" is not one."),
            );
            None
        }
    }
}

/// The instant (or, for a local window without one, the day and time) a window starts at, to
/// order windows; an open start sorts first.
fn window_key(w: &TimeWindow) -> i64 {
    if let Some(s) = w.start_unix {
        return s;
    }
    let Some(start) = w.start else {
        return i64::MIN;
    };
    let day = match (
        w.kind,
        w.date
            .as_deref()
            .and_then(crate::check::CalendarDate::parse),
    ) {
        (WindowKind::Local, Some(d)) => d.days_since_epoch() * 86_400,
        _ => 0,
    };
    day.saturating_add(start)
}

/// The window a target that holds one window writes: the earliest (by start instant when
/// known, else by date and time of day; the first of equals); every other window is a loss at
/// `/timeWindows/<i>`.
pub fn earliest_window<'o>(
    windows: &'o [TimeWindow],
    target: &str,
    cx: &mut WriteCx,
) -> Option<(usize, &'o TimeWindow)> {
    let (keep, window) = windows
        .iter()
        .enumerate()
        .min_by_key(|(i, w)| (window_key(w), *i))?;
    for i in (0..windows.len()).filter(|i| *i != keep) {
        cx.lose(
            format!("/timeWindows/{i}"),
            format!("{target} holds one time window; the earliest (/timeWindows/{keep}) was kept."),
        );
    }
    Some((keep, window))
}

fn bound_words(b: EndBound) -> &'static str {
    match b {
        EndBound::ServiceStart => "the start of service",
        EndBound::ServiceEnd => "the end of service",
        EndBound::Completion => "the completion of the order",
    }
}

/// Makes the bounds of window `index` mean what the target's mean (`target_bound`), as the
/// `windowSemantics` option says: `Keep` copies the numbers and reports the change of meaning,
/// `Adjust` shifts them by the order's service duration (`time::convert_bounds`, reported as
/// `BOUNDS_ADJUSTED`). `None` when the window cannot hold the service (reported).
pub fn bounds_for(
    w: &TimeWindow,
    index: usize,
    target_bound: EndBound,
    target: &'static str,
    service_s: Option<f64>,
    cx: &mut WriteCx,
) -> Option<TimeWindow> {
    if w.end_bounds == target_bound {
        return Some(w.clone());
    }
    let at = window_pointer(index);
    let keep = |cx: &mut WriteCx, why: &'static str| {
        let (from, to) = (bound_words(w.end_bounds), bound_words(target_bound));
        // Every window of a batch may say this: the sentence is built once and shared.
        let message = Text::concat_static(&[
            why,
            ": the window bounds ",
            from,
            " in the source and ",
            to,
            " in ",
            target,
            ", so its times now mean something else. Pass windowSemantics: \"adjust\" to shift them by the service duration.",
        ]);
        cx.adjust(at.clone(), message);
        let mut out = w.clone();
        out.end_bounds = target_bound;
        out
    };
    match (cx.options.window_semantics, service_s) {
        (WindowSemantics::Keep, _) => Some(keep(cx, "The window's times were copied unchanged")),
        (WindowSemantics::Adjust, None) => Some(keep(
            cx,
            "The window's times were copied unchanged because the order has no service duration to shift them by",
        )),
        (WindowSemantics::Adjust, Some(s)) => {
            let root = Path::root();
            let list = root.key("timeWindows");
            let path = list.index(index);
            let mut ck = Checker::new();
            // Durations are at most a week here (convert_bounds checks), so rounding is exact.
            let out = convert_bounds(w, target_bound, s.round() as i64, &path, &mut ck);
            cx.absorb(ck);
            cx.carry(&at);
            out
        }
    }
}

/// `/timeWindows/{index}`, without an allocation for the first windows of an order (nearly
/// every window of a batch).
pub fn window_pointer(index: usize) -> Text {
    const FIRST: [&str; 8] = [
        "/timeWindows/0",
        "/timeWindows/1",
        "/timeWindows/2",
        "/timeWindows/3",
        "/timeWindows/4",
        "/timeWindows/5",
        "/timeWindows/6",
        "/timeWindows/7",
    ];
    match FIRST.get(index) {
        Some(pointer) => Text::from_static(pointer),
        None => Text::from(format!("/timeWindows/{index}")),
    }
}

/// A local window without a date of its own, placed on the order's `date` (the day its local
/// times belong to, before the `date` option).
pub fn on_order_date(w: TimeWindow, date: &Option<String>) -> TimeWindow {
    match (w.kind, &w.date, date) {
        (WindowKind::Local, None, Some(d)) => TimeWindow {
            date: Some(d.as_str().into()),
            ..w
        },
        _ => w,
    }
}

/// Which objects of a vendor's verbatim slot mirror the vendor's nesting (so their fields are
/// reported one by one, at the vendor's own pointers) rather than being one opaque value.
fn containers(vendor: &str) -> &'static [&'static str] {
    match vendor {
        "wialon" => &["p", "p/r"],
        "magiclane" => &["address"],
        _ => &[],
    }
}

/// Why another vendor's field is lost. The same words for every field and target: the
/// message names the field (`vendor.<id>.<field>`) and the target, and a batch that carries
/// another vendor's fields loses them in every order, so the reason is not formatted again each
/// time.
const OTHER_VENDORS_FIELD: &str =
    "it is another vendor's own field (the id after `vendor.` names that vendor), and only that vendor has a place for it.";

/// Reports every field kept verbatim for another vendor (`order.vendor.<id>`, id ≠ `target`)
/// as a loss: `target` has no place for them.
pub fn lose_other_vendors(vendor: &Object<'static>, target: &str, cx: &mut WriteCx) {
    for (id, slot) in vendor.iter() {
        if id == target {
            continue;
        }
        let pointer = child("/vendor", id);
        match slot {
            Value::Object(fields) => lose_fields(fields, &pointer, "", id, cx),
            _ => cx.lose(pointer, OTHER_VENDORS_FIELD),
        }
    }
}

fn lose_fields(
    fields: &Object<'static>,
    pointer: &str,
    relative: &str,
    vendor: &str,
    cx: &mut WriteCx,
) {
    for (key, value) in fields.iter() {
        let at = child(pointer, key);
        if let Value::Object(inner) = value {
            let rel = if relative.is_empty() {
                key.to_string()
            } else {
                format!("{relative}/{key}")
            };
            if containers(vendor).contains(&rel.as_str()) {
                lose_fields(inner, &at, &rel, vendor, cx);
                continue;
            }
        }
        cx.lose(at, OTHER_VENDORS_FIELD);
    }
}

/// The target's own verbatim slot (`order.vendor.<target>`), when the order has one.
pub fn own_slot<'a>(vendor: &'a Object<'static>, target: &str) -> Option<&'a Value<'static>> {
    vendor.get(target)
}

/// One order as itself, several as a JSON array.
pub fn wrap_list(orders: Vec<String>, shape: super::Shape) -> String {
    match single(orders, shape) {
        Ok(one) => one,
        Err(orders) => join_json(&orders, "[", ("", ""), "]"),
    }
}

/// The [`super::BatchFrame`] of [`wrap_list`]: a JSON array.
pub fn list_frame() -> super::BatchFrame {
    super::BatchFrame::new("[", "", "", "]")
}

/// The one order of a single-order payload as it is (`Ok`), or the orders back to be wrapped.
pub fn single(orders: Vec<String>, shape: super::Shape) -> Result<String, Vec<String>> {
    if shape == super::Shape::Single && orders.len() == 1 {
        return Ok(orders.into_iter().next().unwrap_or_default());
    }
    Err(orders)
}

/// `open`, the JSON texts `items` separated by commas (each between `item.0` and `item.1`), and
/// `close`, in a string allocated once at its exact size: a batch's output is the largest
/// string a conversion builds.
pub fn join_json(items: &[String], open: &str, item: (&str, &str), close: &str) -> String {
    let mut out = String::with_capacity(open.len() + joined_len(items, item) + close.len());
    out.push_str(open);
    push_joined(&mut out, items, item);
    out.push_str(close);
    out
}

/// The length [`push_joined`] adds.
pub fn joined_len(items: &[String], item: (&str, &str)) -> usize {
    let each = item.0.len() + item.1.len() + 1;
    items.iter().map(|o| o.len() + each).sum::<usize>()
}

/// Appends the JSON texts `items` separated by commas, each between `item.0` and `item.1`.
pub fn push_joined(out: &mut String, items: &[String], item: (&str, &str)) {
    for (i, o) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(item.0);
        out.push_str(o);
        out.push_str(item.1);
    }
}

/// Records the refined (courier-corrected) point as lost, one pointer per coordinate.
pub fn lose_refined(refined: &Option<crate::model::LatLon>, target: &str, cx: &mut WriteCx) {
    if refined.is_some() {
        for at in ["/location/refined/lat", "/location/refined/lon"] {
            cx.lose(
                at,
                format!("{target} has no refined (courier-corrected) point."),
            );
        }
    }
}

/// Records a loss for `at` when `value` is present.
pub fn lose_if<T>(value: &Option<T>, at: &'static str, reason: &'static str, cx: &mut WriteCx) {
    if value.is_some() {
        cx.lose(at, reason);
    }
}

/// Records a loss for `at` when `list` is not empty.
pub fn lose_list<T>(list: &[T], at: &'static str, reason: &'static str, cx: &mut WriteCx) {
    if !list.is_empty() {
        cx.lose(at, reason);
    }
}

/// Moves the issues a vendor reader recorded while reading the order's own verbatim slot
/// (`order.vendor.<target>`, at canonical paths) into `cx`: errors make the order unwritable
/// (the slot holds values the target rejects), warnings about fields the reader does not know
/// are dropped (the slot holds exactly such fields).
pub fn absorb_slot_issues(ck: Checker, cx: &mut WriteCx) {
    for issue in ck.issues {
        if issue.is_error() {
            cx.issues.push(issue);
        }
    }
}

/// The canonical words for an end-bound meaning, for messages.
pub fn describe_bound(b: EndBound) -> &'static str {
    bound_words(b)
}

/// Reports that the order cannot be written because the target requires `what` and the order
/// has none: `CANNOT_CONVERT` at the order (the field is nowhere in the input), naming the
/// option that supplies it.
pub fn require(what: &str, option: &str, target: &str, cx: &mut WriteCx) {
    cx.fail(
        "",
        codes::CANNOT_CONVERT,
        format!(
            "{target} requires {what}, and the order has none: supply it in the `{option}` option."
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_rows_match_the_longest_prefix() {
        let table: &[PointerRow] = &[
            ("/timeWindows/0", "/tf", false),
            ("/timeWindows/0/end", "/tt", false),
            ("/customFields", "/cf", true),
            ("/vendor/wialon", "", true),
        ];
        assert_eq!(
            map_pointer(table, "/timeWindows/0/end").as_deref(),
            Some("/tt")
        );
        assert_eq!(
            map_pointer(table, "/timeWindows/0/start").as_deref(),
            Some("/tf")
        );
        assert_eq!(
            map_pointer(table, "/customFields/a~1b").as_deref(),
            Some("/cf/a~1b")
        );
        assert_eq!(
            map_pointer(table, "/vendor/wialon/p/aff").as_deref(),
            Some("/p/aff")
        );
        assert_eq!(map_pointer(table, "/timeWindows/01"), None);
        assert_eq!(map_pointer(table, "/notes"), None);
    }

    #[test]
    fn numeric_ids_are_written_the_canonical_way() {
        assert_eq!(numeric_id("1042"), Some(1042));
        assert_eq!(numeric_id("0"), Some(0));
        for bad in ["", "007", "-1", "+1", "1e3", "12a", "99999999999999999999"] {
            assert_eq!(numeric_id(bad), None, "{bad}");
        }
    }
}
