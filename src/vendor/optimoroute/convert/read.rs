//! OptimoRoute payloads → canonical orders.

use super::{source_endpoint, WindowField, ENVELOPE_KEY, ID, WINDOW_SOURCES};
use crate::check::{CalendarDate, Checker};
use crate::convert::envelope::is_envelope;
use crate::convert::tables::{kind_from_optimoroute, priority_from_optimoroute};
use crate::convert::walk::{walk_list_with, Item, ItemReader, Limit, Walk};
use crate::convert::write::MAX_SAFE_INTEGER;
use crate::convert::{
    codes as convert_codes, time_context, ConvertOptions, LoadSlot, OrderSink, Payload, Shape,
    SourceOrder,
};
use crate::issue::{codes as core_codes, Issue};
use crate::json::{Cursor, Object, Path, Value};
use crate::model::{
    Assignment, Contact, Load, Location, Notifications, Order, OrderRef, Requirements, Scheduling,
    Service,
};
use crate::time::forms::finish_local;
use crate::time::text::DAY_S;
use crate::time::{EndBound, TimeContext, TimeWindow};
use crate::vendor::optimoroute::formats::{clock_minutes, local_datetime};
use crate::vendor::optimoroute::model::{
    Barcode, CustomFieldValue, DateTimeWindow, Location as OrLocation, NotificationPreference,
    Order as OrOrder, TimeWindow as OrTimeWindow,
};
use crate::vendor::optimoroute::order::{read_order_as, read_order_text, OrderContext};
use crate::vendor::optimoroute::read::{unknown, Side};
use crate::vendor::optimoroute::{attach_vendor_codes, Endpoint, MAX_BULK_ITEMS};

/// Reads an OptimoRoute order payload (see the module documentation for the forms), handing
/// each order to `sink` as soon as it is read. A `create_or_update_orders` body given as text is
/// walked order by order, never parsed whole.
pub(super) fn read(
    payload: &Payload,
    options: &ConvertOptions,
    ck: &mut Checker,
    sink: &mut OrderSink,
) -> Option<Shape> {
    if let Some(text) = payload.as_text() {
        match walk_bulk(text, options, ck, sink) {
            Walk::Read(_) => return Some(Shape::Batch),
            Walk::Declined => {}
            Walk::Abandoned => {
                payload.abandon_text();
                return None;
            }
        }
    }
    read_value(payload.parsed()?, options, ck, sink)
}

/// Hands each order to the pipeline, first giving the read issues recorded since the previous
/// order OptimoRoute's error codes (in a request; the errors of a response are the vendor's own,
/// and the pipeline's issues about converting an order never get them).
struct Handover<'h, 's> {
    sink: &'h mut OrderSink<'s>,
    request: bool,
    mark: usize,
}

impl<'h, 's> Handover<'h, 's> {
    fn new(sink: &'h mut OrderSink<'s>, request: bool, ck: &Checker) -> Self {
        Handover {
            sink,
            request,
            mark: ck.issues.len(),
        }
    }

    fn give(&mut self, item: SourceOrder, ck: &mut Checker) {
        self.tag(ck);
        (self.sink)(item, ck);
        self.mark = ck.issues.len();
    }

    fn tag(&mut self, ck: &mut Checker) {
        if self.request {
            attach_vendor_codes(ck.issues.iter_mut().skip(self.mark));
        }
        self.mark = ck.issues.len();
    }
}

/// Reads a parsed payload.
fn read_value(
    payload: &Value,
    options: &ConvertOptions,
    ck: &mut Checker,
    sink: &mut OrderSink,
) -> Option<Shape> {
    let mut handover = Handover::new(sink, true, ck);
    let endpoint = source_endpoint(payload, options, ck);
    let Some((endpoint, response)) = endpoint else {
        handover.tag(ck);
        return None;
    };
    handover.request = !response;
    // The pipeline has already turned a bad `timeZone` or `date` option into a usage error.
    let ctx = time_context(options).unwrap_or_default();
    let root = Path::root();
    let read = match (endpoint, response) {
        (Endpoint::CreateOrder, false) => {
            let start = ck.issues.len();
            let typed = read_order_as(payload, &root, OrderContext::CreateOrder, ck);
            let item = one(
                typed.map(Box::new),
                start,
                Shape::Single,
                (&root, root.to_pointer()),
                &ctx,
                options,
                ck,
            );
            handover.give(item, ck);
            Some(Shape::Single)
        }
        (Endpoint::CreateOrUpdateOrders, false) => {
            read_bulk(payload, &ctx, options, ck, &mut handover)
        }
        (Endpoint::GetOrders, true) => read_get_orders(payload, &ctx, options, ck, &mut handover),
        (other, response) => {
            ck.push(Issue::error(
                "",
                convert_codes::NOT_AN_ORDER_PAYLOAD,
                format!(
                    "This is {} {}{}, which holds no orders to convert; orders are converted from create_order and create_or_update_orders requests and get_orders responses (pass sourceEndpoint if the payload was taken for something else).",
                    if response { "a" } else { "an" },
                    other.name(),
                    if response { " response" } else { " request" },
                ),
            ));
            None
        }
    };
    handover.tag(ck);
    read
}

/// Reads a `create_or_update_orders` body `{"orders": [...]}` order by order from its text
/// ([`walk_list`]): the batch is never one tree in memory. Anything else (another member, an
/// escape in the key, an empty list, a first item that only references an order) is read whole.
fn walk_bulk(text: &str, options: &ConvertOptions, ck: &mut Checker, sink: &mut OrderSink) -> Walk {
    if options
        .source_endpoint
        .as_deref()
        .is_some_and(|e| e != Endpoint::CreateOrUpdateOrders.name())
    {
        return Walk::Declined;
    }
    let ctx = time_context(options).unwrap_or_default();
    let root = Path::root();
    let list = root.key("orders");
    let mut handover = Handover::new(sink, true, ck);
    let warning = |count| too_many_warning(count, &list);
    let limit = Limit {
        max: MAX_BULK_ITEMS,
        warning: &warning,
    };
    let opening = ["{", "\"orders\"", ":", "["];
    let mut reader = BulkReader {
        list: &list,
        prefix: format!("{}/", list.to_pointer()),
        ctx: &ctx,
        options,
        handover: &mut handover,
    };
    walk_list_with(text, &opening, &["}"], Some(limit), ck, &mut reader)
}

/// Reads the orders of a `create_or_update_orders` body whose text is walked: straight from
/// the text where it can, else parsed.
struct BulkReader<'r, 'h, 's> {
    list: &'r Path<'r>,
    /// The list's pointer and a slash, `/orders/`: each order's pointer starts with it.
    prefix: String,
    ctx: &'r TimeContext,
    options: &'r ConvertOptions,
    handover: &'r mut Handover<'h, 's>,
}

impl<'a> ItemReader<'a> for BulkReader<'_, '_, '_> {
    fn parsed(&mut self, i: usize, value: &Value<'a>, ck: &mut Checker) -> Item {
        if i == 0 && self.options.source_endpoint.is_none() {
            // As when the payload is parsed whole (`infer`): whole orders, not only references.
            let whole = value
                .as_object()
                .is_some_and(|o| o.iter().any(|(k, _)| k != "orderNo" && k != "id"));
            if !whole {
                return Item::Decline;
            }
        }
        let path = self.list.index(i);
        bulk_item(value, &path, self.ctx, self.options, ck, self.handover);
        Item::Taken
    }

    fn read_text(&mut self, i: usize, cursor: &mut Cursor<'a, '_>, ck: &mut Checker) -> bool {
        // The first item decides whether the walk goes on at all (`parsed`).
        if i == 0 {
            return false;
        }
        let start = ck.issues.len();
        let path = self.list.index(i);
        let typed = read_order_text(cursor, &path, OrderContext::CreateOrUpdateOrders, ck);
        match typed {
            Ok(typed) if cursor.at_item_end() => {
                // `/orders/<i>` from the list's pointer, made once: rendering the path for each
                // order walked it and scanned its key again.
                let mut digits = itoa::Buffer::new();
                let index = digits.format(i);
                let mut pointer = String::with_capacity(self.prefix.len() + index.len());
                pointer.push_str(&self.prefix);
                pointer.push_str(index);
                let order = one(
                    Some(typed),
                    start,
                    Shape::Batch,
                    (&path, pointer),
                    self.ctx,
                    self.options,
                    ck,
                );
                self.handover.give(order, ck);
                true
            }
            _ => {
                ck.issues.truncate(start);
                false
            }
        }
    }
}

fn too_many(count: usize, path: &Path, ck: &mut Checker) {
    ck.push(too_many_warning(count, path));
}

/// The warning for `orders` at `path` holding `count` orders, past [`MAX_BULK_ITEMS`].
fn too_many_warning(count: usize, path: &Path) -> Issue {
    Issue::warning(
        path.to_pointer(),
        core_codes::TOO_MANY_ITEMS,
        format!(
            "`orders` holds {count} orders; OptimoRoute takes at most {MAX_BULK_ITEMS} per request, so this body cannot be sent as it is (the conversion reads them all)."
        ),
    )
}

/// Converts one typed order read at `path`, whose pointer text is `pointer` (its issues
/// recorded from position `start` of `ck.issues` on), into a source order of a payload of
/// `shape`; an order with errors is left out.
fn one(
    typed: Option<Box<OrOrder>>,
    start: usize,
    shape: Shape,
    (path, pointer): (&Path, String),
    ctx: &TimeContext,
    options: &ConvertOptions,
    ck: &mut Checker,
) -> SourceOrder {
    // The test suite's debug builds check each caller's pointer.
    debug_assert_eq!(pointer, path.to_pointer());
    let mut item = SourceOrder {
        pointer,
        order: None,
        envelope: None,
        shape,
    };
    let Some(typed) = typed else {
        return item;
    };
    if ck.errors_since(start) {
        return item;
    }
    let (order, envelope) = to_canonical(typed, path, ctx, options, ck);
    if !ck.errors_since(start) {
        item.order = Some(order);
        item.envelope = envelope;
    }
    item
}

/// Reads the `create_or_update_orders` item at `path` and hands it over.
fn bulk_item(
    item: &Value,
    path: &Path,
    ctx: &TimeContext,
    options: &ConvertOptions,
    ck: &mut Checker,
    handover: &mut Handover,
) {
    let start = ck.issues.len();
    let typed = read_order_as(item, path, OrderContext::CreateOrUpdateOrders, ck);
    let order = one(
        typed.map(Box::new),
        start,
        Shape::Batch,
        (path, path.to_pointer()),
        ctx,
        options,
        ck,
    );
    handover.give(order, ck);
}

/// A `create_or_update_orders` body. Each order is read (and validated), converted and handed
/// over at once, so the typed orders of a large batch are never all held together.
fn read_bulk(
    payload: &Value,
    ctx: &TimeContext,
    options: &ConvertOptions,
    ck: &mut Checker,
    handover: &mut Handover,
) -> Option<Shape> {
    let root = Path::root();
    let obj = ck.object(payload, &root)?;
    let mut extra = Object::new();
    for (k, val) in obj.iter() {
        let p = root.key(k);
        match k {
            "orders" => {
                let Some(items) = ck.array(val, &p) else {
                    continue;
                };
                if items.is_empty() {
                    ck.error(
                        &p,
                        core_codes::EMPTY,
                        "`orders` is empty; there is no order to convert.",
                    );
                }
                if items.len() > MAX_BULK_ITEMS {
                    too_many(items.len(), &p, ck);
                }
                for (i, v) in items.iter().enumerate() {
                    bulk_item(v, &p.index(i), ctx, options, ck, handover);
                }
            }
            _ => {
                unknown(
                    ck,
                    Side::Request,
                    &root,
                    k,
                    val,
                    "a create_or_update_orders request",
                    &["orders"],
                    &mut extra,
                );
                ck.warning(
                    &p,
                    convert_codes::LOSSY_CONVERSION,
                    format!("`{k}` is not part of any order, and a batch of orders has no place for it: it is not converted."),
                );
            }
        }
    }
    if !obj.contains_key("orders") {
        ck.missing(&root, "orders", "a list of orders");
        return None;
    }
    Some(Shape::Batch)
}

/// A `get_orders` response: each successful item's `data` is an order; failed items are
/// reported (as `VENDOR_ERROR`, by the response reader) and not converted.
fn read_get_orders(
    payload: &Value,
    ctx: &TimeContext,
    options: &ConvertOptions,
    ck: &mut Checker,
    handover: &mut Handover,
) -> Option<Shape> {
    let root = Path::root();
    // The whole response is read for its issues (vendor failures, malformed items).
    let first = ck.issues.len();
    crate::vendor::optimoroute::read_response(Endpoint::GetOrders, payload, &root, ck)?;
    let items = payload
        .get("orders")
        .and_then(Value::as_array)
        .unwrap_or_default();
    // The items the response reader found errors in, marked in one pass over its issues.
    let mut erroneous = vec![false; items.len()];
    for issue in ck.issues.get(first..).unwrap_or_default() {
        let index = issue
            .path
            .strip_prefix("/orders/")
            .map(|rest| rest.split('/').next().unwrap_or(rest))
            .and_then(|i| i.parse::<usize>().ok());
        if let (true, Some(flag)) = (issue.is_error(), index.and_then(|i| erroneous.get_mut(i))) {
            *flag = true;
        }
    }
    let list = root.key("orders");
    for (i, item) in items.iter().enumerate() {
        let ip = list.index(i);
        let pointer = ip.to_pointer();
        let failed = item.get("success").and_then(Value::as_bool) == Some(false);
        let has_errors = erroneous.get(i).copied().unwrap_or(false);
        let data = item.get("data").filter(|d| !d.is_null());
        let source = match data {
            Some(data) if !failed && !has_errors => {
                let dp = ip.key("data");
                // Already validated and reported by the response reader: read it again quietly
                // for the typed order; converting it may report more (DST decisions).
                let mut quiet = Checker::new();
                let typed = read_order_as(data, &dp, OrderContext::Response, &mut quiet);
                let start = ck.issues.len();
                one(
                    typed.map(Box::new),
                    start,
                    Shape::Batch,
                    (&dp, dp.to_pointer()),
                    ctx,
                    options,
                    ck,
                )
            }
            _ => {
                if !failed && !has_errors && data.is_none() {
                    ck.error(
                        &ip,
                        convert_codes::NOT_AN_ORDER_PAYLOAD,
                        "This get_orders item has no `data`: there is no order to convert.",
                    );
                }
                SourceOrder {
                    pointer,
                    order: None,
                    envelope: None,
                    shape: Shape::Batch,
                }
            }
        };
        handover.give(source, ck);
    }
    Some(Shape::Batch)
}

/// The window sources an order names in `vendor.optimoroute.windowSources`, when it names a
/// valid one for each window.
pub(super) fn window_sources(order: &Order) -> Option<Vec<WindowField>> {
    let names = order.vendor.get(ID)?.get(WINDOW_SOURCES)?.as_array()?;
    let sources: Option<Vec<WindowField>> = names
        .iter()
        .map(|n| n.as_str().and_then(WindowField::from_name))
        .collect();
    sources.filter(|s| s.len() == order.time_windows.len())
}

/// `Some(n)` when `key` is a legacy custom field key `custom_field_n`, n in 1..=5.
pub(super) fn legacy_custom_field(key: &str) -> Option<u8> {
    match key.strip_prefix("custom_field_")?.as_bytes() {
        [d @ b'1'..=b'5'] => Some(d - b'0'),
        _ => None,
    }
}

fn empty_list() -> Value<'static> {
    Value::Array(Vec::new())
}

/// Maps a typed order to a canonical one, with the text of an orderbridge envelope found in
/// `customFields`. Window problems are recorded at `path` (the order in the input).
fn to_canonical(
    o: Box<OrOrder>,
    path: &Path,
    ctx: &TimeContext,
    options: &ConvertOptions,
    ck: &mut Checker,
) -> (Box<Order>, Option<String>) {
    let OrOrder {
        operation,
        accept_duplicate_order_no,
        id,
        order_no,
        related_order_no,
        related_id,
        date,
        location,
        order_type,
        duration,
        time_windows,
        tw_from,
        tw_to,
        allowed_weekdays,
        allowed_dates,
        allowed_date_times,
        assigned_to,
        priority: order_priority,
        load1,
        load2,
        load3,
        load4,
        vehicle_features,
        skills,
        notes,
        custom_field1,
        custom_field2,
        custom_field3,
        custom_field4,
        custom_field5,
        custom_fields,
        email,
        phone,
        notification_preference,
        barcode,
        extra,
    } = *o;
    // What the canonical fields cannot hold, in OptimoRoute's names and nesting.
    let mut own = Object::new();
    // Boxed from the start: the canonical order is large, and is handed over boxed.
    let mut out = Box::new(Order {
        id,
        number: order_no,
        notes,
        // The tables cover every value of the typed enums (tested in `convert.rs`).
        kind: order_type.and_then(|t| kind_from_optimoroute(t.as_str())),
        priority: order_priority.and_then(|p| priority_from_optimoroute(p.as_str())),
        ..Order::default()
    });
    if let Some(op) = operation {
        own.push("operation", Value::str(op.as_str()));
    }
    if let Some(b) = accept_duplicate_order_no {
        own.push("acceptDuplicateOrderNo", Value::Bool(b));
    }

    let mut related = OrderRef::default();
    for (value, key, slot) in [
        (related_order_no, "relatedOrderNo", &mut related.number),
        (related_id, "relatedId", &mut related.id),
    ] {
        match value {
            Some(Some(v)) => *slot = Some(v),
            // An explicit null (no link) differs from an absent field on MERGE.
            Some(None) => own.push(key, Value::Null),
            None => {}
        }
    }
    if related != OrderRef::default() {
        out.related_order = Some(related);
    }

    let mut service = Service::default();
    if let Some(l) = location {
        read_location(l, &mut out, &mut service, &mut own);
    }
    if let Some(minutes) = duration {
        let seconds = minutes * 60.0;
        service.duration_s = Some(seconds);
        if seconds / 60.0 != minutes {
            own.push("duration", Value::f64(minutes));
        }
    }
    if service != Service::default() {
        out.service = Some(service);
    }

    // Windows: `timeWindows` (or the deprecated pair), then `allowedDateTimes`.
    let order_days = date
        .as_deref()
        .and_then(CalendarDate::parse)
        .map(|d| d.days_since_epoch());
    out.date = date;
    let mut sources: Vec<WindowField> = Vec::new();
    if let Some(list) = time_windows {
        read_time_windows(&list, order_days, path, ctx, ck, &mut out, &mut sources);
        if list.is_empty() {
            own.push("timeWindows", empty_list());
        } else if list.iter().any(|w| !w.extra.is_empty()) {
            own.push("timeWindows", verbatim_time_windows(&list));
        }
        for (key, value) in [("twFrom", tw_from), ("twTo", tw_to)] {
            // Ignored by OptimoRoute next to timeWindows (and reported by the validator).
            if let Some(v) = value {
                own.push(key, Value::str(v));
            }
        }
    } else if tw_from.is_some() || tw_to.is_some() {
        let minutes = |s: &Option<String>| {
            s.as_deref()
                .and_then(clock_minutes)
                .map(|m| i64::from(m) * 60)
        };
        let (from, to) = (minutes(&tw_from), minutes(&tw_to));
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                ck.error(
                    &path.key("twTo"),
                    core_codes::WINDOW_INVERTED,
                    "`twTo` is before `twFrom`: OptimoRoute times run from 00:00 to 23:59 on the order date and cannot cross midnight; use allowedDateTimes for a window that does.",
                );
            }
        }
        out.time_windows
            .push(clock_window(from, to, order_days, ctx, path, ck));
        sources.push(WindowField::Pair);
    }
    if let Some(list) = allowed_date_times {
        let lp = path.key("allowedDateTimes");
        for (j, w) in list.iter().enumerate() {
            let p = lp.index(j);
            out.time_windows.push(allowed_window(w, ctx, &p, ck));
            sources.push(WindowField::AllowedDateTimes);
        }
        if list.is_empty() {
            own.push("allowedDateTimes", empty_list());
        } else if list.iter().any(|w| !w.extra.is_empty()) {
            own.push("allowedDateTimes", verbatim_date_times(&list));
        }
    }
    if sources.iter().any(|s| *s != WindowField::TimeWindows) {
        own.push(
            WINDOW_SOURCES,
            Value::Array(sources.iter().map(|s| Value::str(s.name())).collect()),
        );
    }

    // Scheduling.
    let mut scheduling = Scheduling::default();
    if let Some(days) = allowed_weekdays {
        if days.is_empty() {
            own.push("allowedWeekdays", empty_list());
        }
        scheduling.allowed_weekdays = days.iter().map(|d| d.as_str().to_string()).collect();
    }
    if let Some(range) = allowed_dates {
        // `{}` means "no restriction" and is kept as written; so are undocumented fields.
        if (range.from.is_none() && range.to.is_none()) || !range.extra.is_empty() {
            own.push("allowedDates", Value::Object(range.extra));
        }
        scheduling.allowed_from = range.from;
        scheduling.allowed_to = range.to;
    }
    if scheduling != Scheduling::default() {
        out.scheduling = Some(scheduling);
    }

    match assigned_to {
        // `null` clears an assignment on MERGE; absent leaves it alone.
        Some(None) => own.push("assignedTo", Value::Null),
        Some(Some(d)) => {
            let a = Assignment {
                driver_serial: d.serial,
                driver_external_id: d.external_id,
                ..Assignment::default()
            };
            if !d.extra.is_empty() || a == Assignment::default() {
                own.push("assignedTo", Value::Object(d.extra));
            }
            if a != Assignment::default() {
                out.assignment = Some(a);
            }
        }
        None => {}
    }

    read_loads(
        [load1, load2, load3, load4],
        &options.load_slots,
        &mut out,
        &mut own,
    );

    let mut requirements = Requirements::default();
    for (list, key, slot) in [
        (skills, "skills", &mut requirements.skills),
        (
            vehicle_features,
            "vehicleFeatures",
            &mut requirements.vehicle_features,
        ),
    ] {
        if let Some(list) = list {
            if list.is_empty() {
                own.push(key, empty_list());
            }
            *slot = list;
        }
    }
    if requirements != Requirements::default() {
        out.requirements = Some(requirements);
    }

    // Custom fields: the legacy five as `custom_field_1..5`, then the typed ones.
    let mut envelope = None;
    for (n, value) in [
        custom_field1,
        custom_field2,
        custom_field3,
        custom_field4,
        custom_field5,
    ]
    .into_iter()
    .enumerate()
    {
        if let Some(v) = value {
            out.custom_fields
                .push(format!("custom_field_{}", n + 1), Value::str(v));
        }
    }
    if let Some(fields) = custom_fields {
        if fields.0.is_empty() {
            own.push("customFields", Value::Object(Object::new()));
        }
        for (key, value) in fields.0 {
            let value = match value {
                CustomFieldValue::Text(t) if key == ENVELOPE_KEY && is_envelope(&t) => {
                    envelope = Some(t);
                    continue;
                }
                CustomFieldValue::Text(t) => Value::str(t),
                CustomFieldValue::Number(n) => Value::f64(n),
                CustomFieldValue::Bool(b) => Value::Bool(b),
            };
            out.custom_fields.set(key, value);
        }
    }

    let contact = Contact {
        email,
        phone,
        ..Contact::default()
    };
    if contact != Contact::default() {
        out.contact = Some(contact);
    }
    if let Some(pref) = notification_preference {
        let (email, sms) = match pref {
            NotificationPreference::DontNotify => (false, false),
            NotificationPreference::Email => (true, false),
            NotificationPreference::Sms => (false, true),
            NotificationPreference::Both => (true, true),
        };
        out.notifications = Some(Notifications {
            email: Some(email),
            sms: Some(sms),
            ..Notifications::default()
        });
    }
    if let Some(list) = barcode {
        let complete = list
            .iter()
            .all(|b| b.barcode.is_some() && b.extra.is_empty());
        if list.is_empty() {
            own.push("barcode", empty_list());
        } else if !complete {
            own.push("barcode", verbatim_barcodes(&list));
        }
        out.barcodes = list.into_iter().filter_map(|b| b.barcode).collect();
    }

    for (k, v) in extra {
        own.push(k, v);
    }
    if !own.is_empty() {
        out.vendor.push(ID, Value::Object(own));
    }
    (out, envelope)
}

/// Maps the Location Object; its own fields (`valid`, geocoding flags, undocumented ones) go to
/// `own.location`.
fn read_location(l: OrLocation, out: &mut Order, service: &mut Service, own: &mut Object<'static>) {
    let OrLocation {
        location_no,
        location_name,
        address,
        latitude,
        longitude,
        valid,
        check_in_time,
        notes,
        accept_multiple_results,
        accept_partial_match,
        store_invalid,
        extra,
    } = l;
    // A canonical location holds both coordinates or neither; a response may give one alone
    // (OptimoRoute checks the pair only in requests). It is kept as OptimoRoute's own field,
    // not written as half a point.
    let (lat, lon, lone) = match (latitude, longitude) {
        (Some(_), None) => (None, None, latitude.map(|v| ("latitude", v))),
        (None, Some(_)) => (None, None, longitude.map(|v| ("longitude", v))),
        _ => (latitude, longitude, None),
    };
    let location = Location {
        lat,
        lon,
        address,
        name: location_name,
        code: location_no,
        notes,
        ..Location::default()
    };
    let mut own_location = Object::new();
    for (key, flag) in [
        ("valid", valid),
        ("acceptMultipleResults", accept_multiple_results),
        ("acceptPartialMatch", accept_partial_match),
        ("storeInvalid", store_invalid),
    ] {
        if let Some(b) = flag {
            own_location.push(key, Value::Bool(b));
        }
    }
    if let Some((key, value)) = lone {
        own_location.push(key, Value::f64(value));
    }
    for (k, v) in extra {
        own_location.push(k, v);
    }
    if let Some(minutes) = check_in_time {
        // Whole minutes: × 60 is exact for every count a JSON number can hold exactly.
        service.shared_duration_s = Some(minutes as f64 * 60.0);
    }
    let empty = location == Location::default();
    if !own_location.is_empty() || (empty && check_in_time.is_none()) {
        own.push("location", Value::Object(own_location));
    }
    if !empty {
        out.location = Some(location);
    }
}

/// `timeWindows` items: local `HH:MM` windows on the order date whose end is a service-end
/// deadline.
fn read_time_windows(
    list: &[OrTimeWindow],
    order_days: Option<i64>,
    path: &Path,
    ctx: &TimeContext,
    ck: &mut Checker,
    out: &mut Order,
    sources: &mut Vec<WindowField>,
) {
    let lp = path.key("timeWindows");
    for (j, w) in list.iter().enumerate() {
        let p = lp.index(j);
        let minutes = |s: &Option<String>| {
            s.as_deref()
                .and_then(clock_minutes)
                .map(|m| i64::from(m) * 60)
        };
        // A response may leave a bound out: that side is open.
        let (from, to) = (minutes(&w.tw_from), minutes(&w.tw_to));
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                ck.error(
                    &p.key("twTo"),
                    core_codes::WINDOW_INVERTED,
                    "`twTo` is before `twFrom`: OptimoRoute times run from 00:00 to 23:59 on the order date and cannot cross midnight; split the window or use allowedDateTimes.",
                );
                continue;
            }
        }
        out.time_windows
            .push(clock_window(from, to, order_days, ctx, &p, ck));
        sources.push(WindowField::TimeWindows);
    }
}

/// One `allowedDateTimes` item: local date-times bounding the service start; the window's date
/// is that of `from` (of `to` when `from` is open), and `end` counts from its midnight.
fn allowed_window(
    w: &DateTimeWindow,
    ctx: &TimeContext,
    path: &Path,
    ck: &mut Checker,
) -> TimeWindow {
    allowed_window_texts(w.from.as_deref(), w.to.as_deref(), ctx, path, ck)
}

/// [`allowed_window`] from the two texts (also what the writer's output reads back as).
pub(super) fn allowed_window_texts(
    from: Option<&str>,
    to: Option<&str>,
    ctx: &TimeContext,
    path: &Path,
    ck: &mut Checker,
) -> TimeWindow {
    let at = |s: Option<&str>| {
        s.and_then(|s| local_datetime(s, b'T'))
            .map(|(d, secs)| d.days_since_epoch() * DAY_S + i64::from(secs))
    };
    let (from, to) = (at(from), at(to));
    let days = from.or(to).map(|s| s.div_euclid(DAY_S));
    let base = days.map_or(0, |d| d * DAY_S);
    let window = TimeWindow::local(
        from.map(|f| f - base),
        to.map(|t| t - base),
        EndBound::ServiceStart,
    );
    if days.is_none() {
        // Open on both sides: no date to place it on (and none is invented).
        return window;
    }
    finish_local(window, days, ctx, path, ck)
}

/// What a `timeWindows` item (or the `twFrom`/`twTo` pair) of `from`..`to` seconds reads back as
/// on the order's day.
pub(super) fn clock_window(
    from: Option<i64>,
    to: Option<i64>,
    order_days: Option<i64>,
    ctx: &TimeContext,
    path: &Path,
    ck: &mut Checker,
) -> TimeWindow {
    let window = TimeWindow::local(from, to, EndBound::ServiceEnd);
    finish_local(window, order_days, ctx, path, ck)
}

/// Loads by the load mapping. A value the mapped canonical field cannot hold (a negative weight,
/// a fractional package count) stays verbatim in `own`, as does a second value for a field
/// another slot already filled.
fn read_loads(
    values: [Option<f64>; 4],
    slots: &[LoadSlot; 4],
    out: &mut Order,
    own: &mut Object<'static>,
) {
    let mut load = Load::default();
    let mut custom: [Option<f64>; 4] = [None; 4];
    for ((value, slot), key) in values.into_iter().zip(slots).zip(super::LOAD_FIELDS) {
        let Some(x) = value else {
            continue;
        };
        let kept = match slot {
            LoadSlot::Weight if x >= 0.0 && load.weight_kg.is_none() => {
                load.weight_kg = Some(x);
                true
            }
            LoadSlot::Volume if x >= 0.0 && load.volume.is_none() => {
                load.volume = Some(x);
                true
            }
            LoadSlot::Packages
                if x >= 0.0
                    && x.fract() == 0.0
                    && x <= MAX_SAFE_INTEGER
                    && load.packages.is_none() =>
            {
                // Whole and within 2^53: exact as u64.
                load.packages = Some(x as u64);
                true
            }
            LoadSlot::Custom(i) => match custom.get_mut(*i) {
                Some(slot @ None) => {
                    *slot = Some(x);
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if !kept {
            own.push(key, Value::f64(x));
        }
    }
    // Custom dimensions are positional; a gap before a used one holds OptimoRoute's default, 0.
    if let Some(last) = custom.iter().rposition(Option::is_some) {
        load.custom = custom
            .iter()
            .take(last + 1)
            .map(|x| x.unwrap_or(0.0))
            .collect();
    }
    if load != Load::default() {
        out.load = Some(load);
    }
}

fn verbatim_time_windows(list: &[OrTimeWindow]) -> Value<'static> {
    Value::Array(
        list.iter()
            .map(|w| {
                let mut o = Object::with_capacity(2 + w.extra.len());
                if let Some(f) = &w.tw_from {
                    o.push("twFrom", Value::str(f.clone()));
                }
                if let Some(t) = &w.tw_to {
                    o.push("twTo", Value::str(t.clone()));
                }
                for (k, v) in w.extra.iter() {
                    o.push(k.to_string(), v.clone());
                }
                Value::Object(o)
            })
            .collect(),
    )
}

fn verbatim_date_times(list: &[DateTimeWindow]) -> Value<'static> {
    Value::Array(
        list.iter()
            .map(|w| {
                let mut o = Object::with_capacity(2 + w.extra.len());
                if let Some(f) = &w.from {
                    o.push("from", Value::str(f.clone()));
                }
                if let Some(t) = &w.to {
                    o.push("to", Value::str(t.clone()));
                }
                for (k, v) in w.extra.iter() {
                    o.push(k.to_string(), v.clone());
                }
                Value::Object(o)
            })
            .collect(),
    )
}

fn verbatim_barcodes(list: &[Barcode]) -> Value<'static> {
    Value::Array(
        list.iter()
            .map(|b| {
                let mut o = Object::with_capacity(1 + b.extra.len());
                if let Some(text) = &b.barcode {
                    o.push("barcode", Value::str(text.clone()));
                }
                for (k, v) in b.extra.iter() {
                    o.push(k.to_string(), v.clone());
                }
                Value::Object(o)
            })
            .collect(),
    )
}
