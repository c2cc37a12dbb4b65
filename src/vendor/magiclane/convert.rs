//! Magic Lane `/v1/orders` orders as a conversion source and target (`docs/canonical.md` has the
//! field map, `docs/conversion.md` the rules).
//!
//! Reading accepts a create list `[order, ...]` (a batch; given as text, it is read order by
//! order, [`crate::convert::walk`]), the `{"orders": [...]}` answer of
//! create and get-all (a batch), one order object (an update body, or a returned order when
//! it has an `id`), and the update request `{"query", "body"}` (the order is `body`). What the
//! validator infers to be another payload (`{}`, a get-by-id, delete or get-all request, a
//! delete answer) is refused, so only what validation reads as orders converts as orders.
//! Every order field maps to a canonical field or is kept verbatim under `vendor.magiclane`
//! (`customerInfo`, which the server keeps read-only; `customData` unless it holds an
//! orderbridge envelope; `depotId: 0`, "no depot"; the `status`/`state` pair when the
//! canonical status cannot reproduce it; undocumented keys, also inside `address`).
//!
//! Writing sets every mapped field from the canonical order over the order's own
//! `vendor.magiclane` fields (except keys that would make the order read as another payload,
//! which are lost); a lone order with no field besides `id` is not written (`CANNOT_CONVERT`).
//! A one-line address or full name is derived into parts only where Magic Lane needs them (a
//! name is split at its last word); the window is written as minutes after midnight (or
//! seconds, `magicLaneWindowUnit`), an absolute window placed in the `timeZone` option first.
//! The envelope rides in `customData`; an order's own `customData` then rides inside the
//! envelope and comes back on the way back.

use super::model::{
    Address, LatLon as MLatLon, Order as MOrder, OrderState, OrderStatus, OrderType,
    Priority as MPriority,
};
use super::read::{read_order, read_returned_order, read_update};
use crate::check::Checker;
use crate::convert::derive::{join_address, join_name, split_name, SourceRebuilds};
use crate::convert::envelope::is_envelope;
use crate::convert::tables::{
    kind_from_magic_lane, kind_name, magic_lane_kind, magic_lane_priority,
    priority_from_magic_lane, priority_name,
};
use crate::convert::walk::{walk_list, Item, Walk};
use crate::convert::write::{
    absorb_slot_issues, bounds_for, earliest_window, integer_id, lose_if, lose_list,
    lose_other_vendors, lose_refined, map_pointer, whole, PointerRow,
};
use crate::convert::{
    codes, time_context, Codec, ConvertOptions, OrderSink, Payload, Shape, SourceOrder, WriteCx,
};
use crate::issue::Severity;
use crate::json::{Object, Path, Value};
use crate::model::{
    AddressParts, Assignment, Contact, Load, Location, Money, Order, Service, Status,
};
use crate::time::forms::{format_magic_lane, parse_magic_lane, MagicLaneUnit};
use crate::time::{codes as time_codes, to_local, EndBound, TimeContext, TimeWindow, WindowKind};
use crate::vendor::codes::AMBIGUOUS_PAYLOAD;
use crate::vendor::tag_vendor_code;

/// The Magic Lane codec.
#[derive(Debug, Clone, Copy, Default)]
pub struct MagicLaneCodec;

/// The instance the registry hands out.
pub static CODEC: MagicLaneCodec = MagicLaneCodec;

const ID: &str = "magiclane";
const NAME: &str = "Magic Lane";

/// Canonical field → order field.
const POINTERS: &[PointerRow] = &[
    ("/id", "/id", false),
    ("/number", "/alias", false),
    ("/kind", "/type", false),
    ("/location/lat", "/location/0", false),
    ("/location/lon", "/location/1", false),
    ("/location/addressParts", "/address", true),
    ("/contact/firstName", "/firstName", false),
    ("/contact/lastName", "/lastName", false),
    ("/contact/phone", "/phoneNumber", false),
    ("/contact/customerId", "/customerId", false),
    ("/contact/email", "/customerInfo/email", false),
    ("/timeWindows/0", "/timeWindow", false),
    ("/timeWindows/0/start", "/timeWindow/0", false),
    ("/timeWindows/0/end", "/timeWindow/1", false),
    ("/service/durationS", "/serviceTime", false),
    ("/load/weightKg", "/weight", false),
    ("/load/volume", "/cube", false),
    ("/load/packages", "/numberOfPackages", false),
    ("/money/revenue", "/revenue", false),
    ("/priority", "/priority", false),
    ("/assignment/depotId", "/depotId", false),
    ("/status", "/status", false),
    ("/createdAtMs", "/creationTimestamp", false),
    ("/vendor/magiclane", "", true),
];

fn unit(options: &ConvertOptions) -> MagicLaneUnit {
    if options.magic_lane_window_seconds {
        MagicLaneUnit::Seconds
    } else {
        MagicLaneUnit::Minutes
    }
}

impl Codec for MagicLaneCodec {
    fn id(&self) -> &'static str {
        ID
    }

    fn read(
        &self,
        payload: &Payload,
        options: &ConvertOptions,
        ck: &mut Checker,
        sink: &mut OrderSink,
    ) -> Option<Shape> {
        let ctx = time_context(options).unwrap_or_default();
        let unit = unit(options);
        let root = Path::root();
        let mut one =
            |item: &Value, path: &Path, reader: Reader, shape: Shape, ck: &mut Checker| {
                let from = ck.issues.len();
                let order = read_one(item, path, reader, shape, unit, &ctx, ck);
                tag_vendor_code(ck, from, super::BAD_REQUEST);
                sink(order, ck);
            };
        if let Some(text) = payload.as_text() {
            let walk = walk_create(text, options, ck, &mut |i, item, ck| {
                one(item, &root.index(i), Reader::Create, Shape::Batch, ck);
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
        // Read as orders exactly what validation reads as orders: the same inference decides,
        // unless the caller named the payload (`sourceEndpoint`).
        let named = match options.source_endpoint.as_deref() {
            None => None,
            Some(name) => match named_endpoint(name) {
                Some(endpoint) => Some(endpoint),
                None => {
                    crate::vendor::unknown_endpoint(ck, &super::MAGICLANE, name);
                    return None;
                }
            },
        };
        let Some(endpoint) = named.or_else(|| super::infer_endpoint(payload, false)) else {
            ck.error(
                &root,
                AMBIGUOUS_PAYLOAD,
                format!(
                    "Cannot tell what this Magic Lane payload ({}) is, so there is no order to convert; {ORDER_FORMS}",
                    crate::check::describe(payload)
                ),
            );
            return None;
        };
        match (endpoint, payload) {
            (("create", false), Value::Array(items)) => {
                if items.is_empty() {
                    ck.error(
                        &root,
                        crate::issue::codes::EMPTY,
                        "The create body is an empty list: there is no order to convert.",
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    one(item, &root.index(i), Reader::Create, Shape::Batch, ck);
                }
                Some(Shape::Batch)
            }
            (("get_all", true), Value::Object(o)) => {
                let list = root.key("orders");
                for (key, value) in o.iter() {
                    if key != "orders" {
                        ck.unknown_field(&root.key(key), "a Magic Lane orders answer");
                        continue;
                    }
                    if let Some(items) = ck.array(value, &list) {
                        for (i, item) in items.iter().enumerate() {
                            one(item, &list.index(i), Reader::Returned, Shape::Batch, ck);
                        }
                    }
                }
                Some(Shape::Batch)
            }
            (("update", false), Value::Object(o)) if o.contains_key("body") => {
                read_update_envelope(o, unit, &ctx, ck, sink);
                Some(Shape::Single)
            }
            // An object with an `id` is read as a returned order unless named an update body.
            (("update", false), Value::Object(o)) => {
                let reader = if o.contains_key("id") && named.is_none() {
                    Reader::Returned
                } else {
                    Reader::Update
                };
                one(payload, &root, reader, Shape::Single, ck);
                Some(Shape::Single)
            }
            (("get", true), Value::Object(_)) => {
                one(payload, &root, Reader::Returned, Shape::Single, ck);
                Some(Shape::Single)
            }
            ((name, response), _) if named.is_some() => {
                ck.error(
                    &root,
                    codes::NOT_AN_ORDER_PAYLOAD,
                    format!(
                        "sourceEndpoint \"{name}\" names {}, but the payload is {}; {ORDER_FORMS}",
                        named_form(name, response),
                        crate::check::describe(payload)
                    ),
                );
                None
            }
            ((name, response), _) => {
                ck.error(
                    &root,
                    codes::NOT_AN_ORDER_PAYLOAD,
                    format!(
                        "This is a Magic Lane {}{}, which holds no order to convert; {ORDER_FORMS}",
                        payload_name(name, response),
                        payload_hint(payload)
                    ),
                );
                None
            }
        }
    }

    fn source_pointer(&self, canonical: &str) -> Option<String> {
        // A field Magic Lane has no place for can only have come from the envelope, which is
        // the text of `customData`.
        Some(map_pointer(POINTERS, canonical).unwrap_or_else(|| "/customData".to_string()))
    }

    fn write_order(&self, order: &Order, cx: &mut WriteCx) -> Option<String> {
        let body = write(order, cx);
        // A lone order must be recognizable as one (a create list is, whatever its items
        // hold): Magic Lane documents no required field, but an object with no order field is
        // not an order payload to it.
        if cx.shape == Shape::Single && body.as_ref().is_some_and(holds_no_order_field) {
            crate::convert::write::require(
                "at least one order field besides `id` (e.g. `number` for `alias`, or `location`), since an object without one is not read as an order",
                "defaults",
                NAME,
                cx,
            );
        }
        if cx.failed() {
            return None;
        }
        match serde_json::to_string(&body?) {
            Ok(text) => Some(text),
            Err(e) => {
                cx.fail(
                    "",
                    codes::CANNOT_CONVERT,
                    format!("the Magic Lane order could not be written ({e})."),
                );
                None
            }
        }
    }

    fn wrap(&self, orders: Vec<String>, shape: Shape, _options: &ConvertOptions) -> String {
        // A batch is the create list.
        crate::convert::write::wrap_list(orders, shape)
    }

    fn batch_frame(&self, _options: &ConvertOptions) -> Option<crate::convert::BatchFrame> {
        Some(crate::convert::write::list_frame())
    }

    fn extension_slot(&self) -> Option<&'static str> {
        Some("`customData` (as the envelope's JSON text)")
    }
}

// ------------------------------------------------------------------------------------ read

/// The payloads orders are converted from, for the messages of the others.
const ORDER_FORMS: &str = "orders are converted from a create list [order, ...], the {\"orders\": [...]} answer of create and get-all, one order object (an update body or a returned order), or the update request {\"query\": {...}, \"body\": order}.";

/// The payload `sourceEndpoint` names: the endpoint, and whether it is that endpoint's
/// answer. Orders come in a create list (`create`), an update body or envelope (`update`), a
/// returned order (`get`, its answer) and the orders answer (`get_all`); `delete` holds none.
fn named_endpoint(name: &str) -> Option<(&'static str, bool)> {
    Some(match name {
        "create" => ("create", false),
        "update" => ("update", false),
        "get" => ("get", true),
        "get_all" => ("get_all", true),
        "delete" => ("delete", false),
        _ => return None,
    })
}

/// The form a payload named by `sourceEndpoint` takes, for messages.
fn named_form(endpoint: &str, response: bool) -> &'static str {
    match (endpoint, response) {
        ("create", _) => "a create list [order, ...]",
        ("update", _) => {
            "an update body (an order object) or the request {\"query\": {...}, \"body\": order}"
        }
        ("get", _) => "the answer of get, one order object",
        ("get_all", _) => "the answer of get-all, {\"orders\": [...]}",
        _ => "a delete request, which holds no order",
    }
}

/// What a payload of `endpoint` that holds no order is, for messages.
fn payload_name(endpoint: &str, response: bool) -> &'static str {
    match (endpoint, response) {
        ("get", _) => "get-by-id request",
        ("get_all", false) => "get-all query",
        ("delete", false) => "delete request",
        ("delete", true) => "delete response",
        _ => "payload of another endpoint",
    }
}

/// Why an object was taken for a payload that holds no order: the key that decided it.
fn payload_hint(payload: &Value) -> String {
    let Some(o) = payload.as_object() else {
        return " (a bare order id)".to_string();
    };
    if let Some(key) = ["ids", "message"]
        .into_iter()
        .chain(super::QUERY_ONLY)
        .find(|k| o.contains_key(k))
    {
        return format!(" (`{key}` is not an order field)");
    }
    if o.len() == 1 && o.contains_key("id") {
        return " (an object holding only `id`)".to_string();
    }
    String::new()
}

/// Reads the update request `{"query": {"autoAssignDepot": 0|1}, "body": order}`: the order is
/// the body. The query parameter is no part of the order, so it is reported as not converted;
/// an invalid one is an error, as validation reports it, and then no order is converted.
fn read_update_envelope(
    o: &Object,
    unit: MagicLaneUnit,
    ctx: &TimeContext,
    ck: &mut Checker,
    sink: &mut OrderSink,
) {
    let root = Path::root();
    let from = ck.issues.len();
    for (key, value) in o.iter() {
        let p = root.key(key);
        match key {
            "body" => {}
            "query" => {
                let before = ck.issues.len();
                super::read_update_query(value, &p, ck);
                if !ck.errors_since(before) {
                    ck.warning(
                        &p,
                        codes::LOSSY_CONVERSION,
                        "`query` (autoAssignDepot) is a parameter of the update request, not part of the order: it is not converted.",
                    );
                }
            }
            _ => ck.unknown_field(&p, "a Magic Lane update request ({query, body})"),
        }
    }
    let query_failed = ck.errors_since(from);
    tag_vendor_code(ck, from, super::BAD_REQUEST);
    let Some(body) = o.get("body") else {
        return;
    };
    let from = ck.issues.len();
    let mut order = read_one(
        body,
        &root.key("body"),
        Reader::Update,
        Shape::Single,
        unit,
        ctx,
        ck,
    );
    tag_vendor_code(ck, from, super::BAD_REQUEST);
    if query_failed {
        order.order = None;
        order.envelope = None;
    }
    sink(order, ck);
}

/// Which reader an order object goes through.
#[derive(Clone, Copy)]
enum Reader {
    Create,
    Update,
    Returned,
}

/// Reads a create list `[...]` given as text order by order ([`walk_list`]), as reading it
/// whole would (any list is a create body unless the caller named another payload): the batch
/// is never one tree in memory. An empty list, or text that is not such a list, is read whole.
fn walk_create<'a>(
    text: &'a str,
    options: &ConvertOptions,
    ck: &mut Checker,
    each: &mut dyn FnMut(usize, &Value<'a>, &mut Checker) -> Item,
) -> Walk {
    if options
        .source_endpoint
        .as_deref()
        .is_some_and(|name| named_endpoint(name) != Some(("create", false)))
    {
        return Walk::Declined;
    }
    walk_list(text, &["["], &[], None, ck, each)
}

fn read_one(
    v: &Value,
    path: &Path,
    reader: Reader,
    shape: Shape,
    unit: MagicLaneUnit,
    ctx: &TimeContext,
    ck: &mut Checker,
) -> SourceOrder {
    let pointer = path.to_pointer();
    let before = ck.issues.len();
    let read = match reader {
        Reader::Create => read_order(v, path, ck),
        Reader::Update => read_update(v, path, ck),
        Reader::Returned => read_returned_order(v, path, ck),
    };
    let mut out = SourceOrder {
        pointer,
        order: None,
        envelope: None,
        shape,
    };
    if let (Some(m), Some(raw)) = (read, v.as_object()) {
        if !ck.errors_since(before) {
            let (order, envelope) = to_canonical(m, raw, &out.pointer, unit, ctx, ck);
            if !ck.errors_since(before) {
                out.order = Some(Box::new(order));
                out.envelope = envelope;
            }
        }
    }
    out
}

/// The canonical status of a `status`/`state` pair: the state when it says more than "none",
/// else the status.
fn status_from_pair(status: Option<OrderStatus>, state: Option<OrderState>) -> Option<Status> {
    match state {
        Some(OrderState::OnRoute) => Some(Status::OnRoute),
        Some(OrderState::Servicing) => Some(Status::AtLocation),
        Some(OrderState::Rejected) => Some(Status::Rejected),
        Some(OrderState::Completed) => Some(Status::Completed),
        Some(OrderState::Failed) => Some(Status::Failed),
        Some(OrderState::None) | None => match status {
            Some(OrderStatus::Unscheduled) => Some(Status::New),
            Some(OrderStatus::Scheduled) => Some(Status::Scheduled),
            None => None,
        },
    }
}

/// The `status`/`state` pair written for a canonical status (a state past "none" implies the
/// order is scheduled).
fn pair_for(status: Status) -> Option<(OrderStatus, OrderState)> {
    let scheduled = OrderStatus::Scheduled;
    Some(match status {
        Status::New => (OrderStatus::Unscheduled, OrderState::None),
        Status::Scheduled => (scheduled, OrderState::None),
        Status::OnRoute => (scheduled, OrderState::OnRoute),
        Status::AtLocation => (scheduled, OrderState::Servicing),
        Status::Rejected => (scheduled, OrderState::Rejected),
        Status::Completed => (scheduled, OrderState::Completed),
        Status::Failed => (scheduled, OrderState::Failed),
        Status::Confirmed
        | Status::CompletedLate
        | Status::PartiallyCompleted
        | Status::Cancelled
        | Status::Postponed => return None,
    })
}

/// Maps a read order (with its raw object, for the fields kept verbatim) to a canonical order
/// and the envelope found in `customData`. Window problems the validator tolerates but the time
/// module cannot read (a start past midnight, a fraction of a minute) are errors here.
fn to_canonical(
    m: MOrder,
    raw: &Object,
    pointer: &str,
    unit: MagicLaneUnit,
    ctx: &TimeContext,
    ck: &mut Checker,
) -> (Order, Option<String>) {
    let MOrder {
        id,
        customer_id,
        customer_info,
        location,
        alias,
        first_name,
        last_name,
        address,
        phone_number,
        custom_data,
        order_type,
        status,
        state,
        priority,
        number_of_packages,
        weight,
        cube,
        revenue,
        time_window,
        service_time_s,
        depot_id,
        creation_timestamp_ms,
        extra,
    } = m;
    let mut own = Object::new();
    let mut o = Order {
        id: id.map(|i| i.to_string()),
        number: alias,
        kind: order_type.and_then(|t| kind_from_magic_lane(t.code())),
        priority: priority.map(|p| priority_from_magic_lane(p.code())),
        created_at_ms: creation_timestamp_ms,
        ..Order::default()
    };

    let mut contact = Contact {
        first_name,
        last_name,
        phone: phone_number,
        customer_id: customer_id.map(|c| c.to_string()),
        ..Contact::default()
    };
    // `customerInfo` (read-only) is kept whole; its email is the order's only email, but its
    // id stays inside it: a canonical customerId is the order's own `customerId`.
    if let Some(info) = &customer_info {
        contact.email = info.email.clone();
        if let Some(v) = raw.get("customerInfo") {
            own.push("customerInfo", v.clone().into_owned());
        }
    }
    if contact != Contact::default() {
        o.contact = Some(contact);
    }

    let mut loc = Location::default();
    if let Some(MLatLon { lat, lon }) = location {
        loc.lat = Some(lat);
        loc.lon = Some(lon);
    }
    if let Some(a) = address {
        let Address {
            country,
            state: region,
            county,
            city,
            postal_code,
            street_name,
            street_number,
            extra_line,
            extra: address_extra,
        } = a;
        loc.address_parts = Some(AddressParts {
            country,
            state: region,
            county,
            city,
            postal_code,
            street_name,
            street_number,
            extra: extra_line,
        });
        if !address_extra.is_empty() {
            own.push("address", Value::Object(address_extra));
        }
    }
    if loc != Location::default() {
        o.location = Some(loc);
    }

    let mut envelope = None;
    match custom_data {
        Some(text) if is_envelope(&text) => envelope = Some(text),
        Some(text) => own.push("customData", Value::str(text)),
        None => {}
    }

    o.status = status_from_pair(status, state);
    let derived = o.status.and_then(pair_for);
    if (status.is_some() || state.is_some())
        && derived.map(|(s, t)| (Some(s), Some(t))) != Some((status, state))
    {
        if let Some(s) = status {
            own.push("status", Value::int(i64::from(s.code())));
        }
        if let Some(t) = state {
            own.push("state", Value::int(i64::from(t.code())));
        }
    }

    if number_of_packages.is_some() || weight.is_some() || cube.is_some() {
        o.load = Some(Load {
            weight_kg: weight,
            volume: cube,
            packages: number_of_packages,
            ..Load::default()
        });
    }
    if revenue.is_some() {
        o.money = Some(Money {
            revenue,
            ..Money::default()
        });
    }
    if time_window.is_some() {
        if let Some(v) = raw.get("timeWindow") {
            let mut wck = Checker::new();
            let w = parse_magic_lane(v, unit, ctx, &Path::root(), &mut wck);
            let at = format!("{pointer}/timeWindow");
            for issue in wck.issues {
                ck.push(issue.under(&at));
            }
            o.time_windows = w.into_iter().collect();
        }
    }
    if let Some(s) = service_time_s {
        o.service = Some(Service {
            duration_s: Some(s as f64),
            shared_duration_s: None,
        });
    }
    match depot_id {
        // 0 is "no depot" in every example: kept verbatim, not an assignment.
        Some(0) => own.push("depotId", Value::int(0)),
        Some(d) => {
            o.assignment = Some(Assignment {
                depot_id: Some(d.to_string()),
                ..Assignment::default()
            })
        }
        None => {}
    }
    for (k, v) in extra {
        own.push(k, v);
    }
    if !own.is_empty() {
        o.vendor.push(ID, Value::Object(own));
    }
    (o, envelope)
}

// ----------------------------------------------------------------------------------- write

/// The order's own Magic Lane fields (`vendor.magiclane`), read with the Magic Lane reader: a
/// value Magic Lane would reject is reported rather than copied out.
fn own_order(order: &Order, cx: &mut WriteCx) -> MOrder {
    let Some(slot) = order.vendor.get(ID) else {
        return MOrder::default();
    };
    let root = Path::root();
    let vendor = root.key("vendor");
    let path = vendor.key(ID);
    let mut ck = Checker::new();
    let m = super::read::order(slot, &path, &mut ck, super::read::Mode::Update);
    // `customerInfo` is read-only on update: that warning is about requests, not this slot.
    ck.issues.retain(|i| i.severity == Severity::Error);
    absorb_slot_issues(ck, cx);
    m.unwrap_or_default()
}

/// Keys that make the Magic Lane validator take an object for another payload than an order
/// (a delete request or response, an update request envelope, an orders answer, a get-all
/// query).
fn marks_other_payload(key: &str) -> bool {
    matches!(key, "orders" | "ids" | "message" | "body" | "query")
        || super::QUERY_ONLY.contains(&key)
}

/// The undocumented keys of the order's own `vendor.magiclane` slot that can be written: one
/// that would make the order read as another payload is reported lost instead of copied.
fn own_extra(extra: &Object<'static>, cx: &mut WriteCx) -> Object<'static> {
    let mut out = Object::with_capacity(extra.len());
    for (key, value) in extra.iter() {
        if marks_other_payload(key) {
            cx.lose(
                crate::convert::write::child("/vendor/magiclane", key),
                format!("`{key}` is not a Magic Lane order field: written into an order, it would make Magic Lane read the order as another request (delete, get-all or the update envelope)."),
            );
        } else {
            out.push(key.to_owned(), value.clone());
        }
    }
    out
}

/// True when a written order holds nothing but (at most) its `id`: Magic Lane reads `{}` as
/// nothing and `{"id": N}` as a get-by-id request, not as an order.
fn holds_no_order_field(m: &MOrder) -> bool {
    let bare = MOrder {
        id: None,
        ..m.clone()
    };
    bare == MOrder::default()
}

/// Builds one order; `None` when it cannot be written (reported).
fn write(order: &Order, cx: &mut WriteCx) -> Option<MOrder> {
    let Order {
        id,
        number,
        external_id,
        document_number,
        kind,
        depot_role,
        date,
        location,
        contact,
        time_windows,
        scheduling,
        service,
        load,
        money,
        priority,
        requirements,
        assignment,
        planned_stop,
        geofence_radius_m,
        completion,
        notes,
        description,
        status_comment,
        custom_fields,
        tags,
        barcodes,
        notifications,
        status,
        depends_on,
        related_order,
        created_at_ms,
        vendor,
    } = order;
    let own = own_order(order, cx);
    let mut m = MOrder {
        customer_info: own.customer_info.clone(),
        extra: own_extra(&own.extra, cx),
        ..MOrder::default()
    };

    m.id = id
        .as_deref()
        .and_then(|i| integer_id(i, "/id", "id", 1, NAME, cx))
        .map(|i| i as i64);
    m.alias = number.clone();
    lose_if(
        external_id,
        "/externalId",
        "Magic Lane has no second client id.",
        cx,
    );
    lose_if(
        document_number,
        "/documentNumber",
        "Magic Lane has no shipping document number.",
        cx,
    );
    if let Some(k) = kind {
        m.order_type = magic_lane_kind(*k).and_then(|c| OrderType::from_code(i64::from(c)));
        if m.order_type.is_none() {
            cx.lose(
                "/kind",
                format!(
                    "Magic Lane order types are pickup (0) and delivery (1); \"{}\" is neither.",
                    kind_name(*k)
                ),
            );
        }
    }
    lose_if(
        depot_role,
        "/depotRole",
        "Magic Lane orders are never depot stops.",
        cx,
    );
    lose_if(
        date,
        "/date",
        "Magic Lane orders have no date; timeWindow holds times of day.",
        cx,
    );

    // Location: [lat, lon] and the address in parts.
    if let Some(l) = location {
        match (l.lat, l.lon) {
            (Some(lat), Some(lon)) => m.location = Some(MLatLon { lat, lon }),
            (lat, lon) => {
                lose_if(
                    &lat,
                    "/location/lat",
                    "Magic Lane needs both coordinates.",
                    cx,
                );
                lose_if(
                    &lon,
                    "/location/lon",
                    "Magic Lane needs both coordinates.",
                    cx,
                );
            }
        }
        let own_address = own.address.clone().unwrap_or_default();
        if let Some(p) = &l.address_parts {
            let AddressParts {
                country,
                state,
                county,
                city,
                postal_code,
                street_name,
                street_number,
                extra,
            } = p;
            m.address = Some(Address {
                country: country.clone(),
                state: state.clone(),
                county: county.clone(),
                city: city.clone(),
                postal_code: postal_code.clone(),
                street_name: street_name.clone(),
                street_number: street_number.clone(),
                extra_line: extra.clone(),
                extra: own_address.extra,
            });
        } else if !own_address.extra.is_empty() {
            m.address = Some(Address {
                extra: own_address.extra,
                ..Address::default()
            });
        }
        if let Some(line) = &l.address {
            // The one-line address survives when converting back joins the parts into it.
            if SourceRebuilds::of(cx.options).address_line
                && l.address_parts.as_ref().and_then(join_address).as_deref() == Some(line.as_str())
            {
                cx.carry("/location/address");
            } else {
                cx.lose(
                    "/location/address",
                    "Magic Lane holds the address in parts only (country, city, street...); a one-line address cannot be split reliably.",
                );
            }
        }
        lose_if(
            &l.name,
            "/location/name",
            "Magic Lane has no place name.",
            cx,
        );
        lose_if(
            &l.code,
            "/location/code",
            "Magic Lane has no location code.",
            cx,
        );
        lose_if(
            &l.notes,
            "/location/notes",
            "Magic Lane has no location notes.",
            cx,
        );
        lose_refined(&l.refined, NAME, cx);
    }

    if let Some(c) = contact {
        write_contact(c, &own, &mut m, cx);
    }

    // The one window, as [start, end] after midnight.
    if let Some((i, w)) = earliest_window(time_windows, NAME, cx) {
        let duration = service.as_ref().and_then(|s| s.duration_s);
        let w = bounds_for(w, i, EndBound::ServiceStart, NAME, duration, cx)?;
        m.time_window = write_window(&w, i, time_windows.get(i), date.as_deref(), cx);
    }
    if let Some(s) = scheduling {
        lose_list(
            &s.allowed_weekdays,
            "/scheduling/allowedWeekdays",
            "Magic Lane has no allowed weekdays.",
            cx,
        );
        lose_if(
            &s.allowed_from,
            "/scheduling/allowedFrom",
            "Magic Lane has no allowed dates.",
            cx,
        );
        lose_if(
            &s.allowed_to,
            "/scheduling/allowedTo",
            "Magic Lane has no allowed dates.",
            cx,
        );
        lose_if(
            &s.allowed_advance_s,
            "/scheduling/allowedAdvanceS",
            "Magic Lane has no allowed advance.",
            cx,
        );
    }
    if let Some(s) = service {
        m.service_time_s = s
            .duration_s
            .and_then(|d| whole(d, "/service/durationS", "serviceTime", cx));
        lose_if(
            &s.shared_duration_s,
            "/service/sharedDurationS",
            "Magic Lane has no service time shared between orders at one place.",
            cx,
        );
    }
    if let Some(l) = load {
        m.weight = l.weight_kg;
        m.cube = l.volume;
        m.number_of_packages = l.packages;
        lose_list(
            &l.custom,
            "/load/custom",
            "Magic Lane has no load dimensions besides weight, volume and packages.",
            cx,
        );
    }
    if let Some(mo) = money {
        m.revenue = mo.revenue;
        lose_if(
            &mo.amount,
            "/money/amount",
            "Magic Lane has no amount to collect.",
            cx,
        );
        lose_if(&mo.cost, "/money/cost", "Magic Lane has no order cost.", cx);
        lose_if(
            &mo.payment_type,
            "/money/paymentType",
            "Magic Lane has no payment type.",
            cx,
        );
        lose_if(
            &mo.payment_status,
            "/money/paymentStatus",
            "Magic Lane has no payment status.",
            cx,
        );
    }
    if let Some(p) = priority {
        let code = magic_lane_priority(*p, &cx.options.priorities);
        m.priority = MPriority::from_code(i64::from(code));
        if priority_from_magic_lane(code) != *p {
            cx.adjust(
                "/priority",
                format!(
                    "priority \"{}\" was written as {code} ({}): Magic Lane has two levels, low (0) and high (1). Change the mapping with priorities.magicLaneHighFrom.",
                    priority_name(*p),
                    if code == 1 { "high" } else { "low" }
                ),
            );
        }
    }
    if let Some(r) = requirements {
        lose_list(
            &r.skills,
            "/requirements/skills",
            "Magic Lane has no skills.",
            cx,
        );
        lose_list(
            &r.vehicle_features,
            "/requirements/vehicleFeatures",
            "Magic Lane has no vehicle features.",
            cx,
        );
        lose_if(
            &r.vehicle_type,
            "/requirements/vehicleType",
            "Magic Lane has no vehicle type.",
            cx,
        );
    }
    m.depot_id = own.depot_id.filter(|d| *d == 0);
    if let Some(a) = assignment {
        if let Some(d) = &a.depot_id {
            if let Some(d) = integer_id(d, "/assignment/depotId", "depotId", 1, NAME, cx) {
                m.depot_id = Some(d as i64);
            }
        }
        lose_if(
            &a.unit_id,
            "/assignment/unitId",
            "Magic Lane has no unit assignment.",
            cx,
        );
        lose_if(
            &a.route_id,
            "/assignment/routeId",
            "Magic Lane orders have no route id.",
            cx,
        );
        lose_if(
            &a.route_number,
            "/assignment/routeNumber",
            "Magic Lane orders have no route number.",
            cx,
        );
        lose_if(
            &a.driver_serial,
            "/assignment/driverSerial",
            "Magic Lane orders have no driver.",
            cx,
        );
        lose_if(
            &a.driver_external_id,
            "/assignment/driverExternalId",
            "Magic Lane orders have no driver.",
            cx,
        );
    }
    if let Some(s) = planned_stop {
        for (present, at) in [
            (s.sequence.is_some(), "/plannedStop/sequence"),
            (
                s.distance_from_previous_m.is_some(),
                "/plannedStop/distanceFromPreviousM",
            ),
            (
                s.travel_time_from_previous_s.is_some(),
                "/plannedStop/travelTimeFromPreviousS",
            ),
            (s.visit_time_unix.is_some(), "/plannedStop/visitTimeUnix"),
            (s.notify_before_s.is_some(), "/plannedStop/notifyBeforeS"),
        ] {
            if present {
                cx.lose(at, "Magic Lane orders have no planned stop.");
            }
        }
    }
    lose_if(
        geofence_radius_m,
        "/geofenceRadiusM",
        "Magic Lane has no geofence radius.",
        cx,
    );
    lose_if(
        completion,
        "/completion",
        "Magic Lane has no completion rules.",
        cx,
    );
    lose_if(notes, "/notes", "Magic Lane has no driver notes.", cx);
    lose_if(
        description,
        "/description",
        "Magic Lane has no description.",
        cx,
    );
    lose_if(
        status_comment,
        "/statusComment",
        "Magic Lane has no status comment.",
        cx,
    );
    for (key, _) in custom_fields.iter() {
        cx.lose(
            crate::convert::write::child("/customFields", key),
            "Magic Lane has no custom fields (customData is one text).",
        );
    }
    lose_list(tags, "/tags", "Magic Lane orders have no tags.", cx);
    lose_list(
        barcodes,
        "/barcodes",
        "Magic Lane orders have no barcodes.",
        cx,
    );
    if let Some(n) = notifications {
        lose_if(
            &n.email,
            "/notifications/email",
            "Magic Lane has no notification settings.",
            cx,
        );
        lose_if(
            &n.sms,
            "/notifications/sms",
            "Magic Lane has no notification settings.",
            cx,
        );
        lose_if(
            &n.sms_second_phone,
            "/notifications/smsSecondPhone",
            "Magic Lane has no notification settings.",
            cx,
        );
        lose_if(
            &n.before_arrival,
            "/notifications/beforeArrival",
            "Magic Lane has no notification settings.",
            cx,
        );
    }
    // The order's own pair when it still says the same (also when it says nothing the
    // canonical status holds, e.g. a lone state 0), else the pair for the status.
    if (own.status.is_some() || own.state.is_some())
        && status_from_pair(own.status, own.state) == *status
    {
        m.status = own.status;
        m.state = own.state;
    } else if let Some(s) = status {
        if let Some((st, state)) = pair_for(*s) {
            m.status = Some(st);
            m.state = Some(state);
        } else {
            cx.lose(
                "/status",
                "Magic Lane statuses are unscheduled/scheduled with the states none, on route, servicing, rejected, completed and failed; this one has no equivalent.",
            );
        }
    }
    lose_list(
        depends_on,
        "/dependsOn",
        "Magic Lane has no order dependencies.",
        cx,
    );
    lose_if(
        related_order,
        "/relatedOrder",
        "Magic Lane has no related (paired) order.",
        cx,
    );
    // Magic Lane (and its validator) takes creationTimestamp from 0; canonical validation
    // rejects a negative createdAtMs, so this guards orders built in code.
    match created_at_ms {
        Some(ms) if *ms < 0 => cx.lose(
            "/createdAtMs",
            "Magic Lane creationTimestamp is UNIX milliseconds from 0 (1970-01-01); a time before that has no equivalent.",
        ),
        _ => m.creation_timestamp_ms = *created_at_ms,
    }
    lose_other_vendors(vendor, ID, cx);

    // customData: the envelope when there is one, else the order's own text. With
    // preserveUnmapped and anything to carry, the own text rides inside the envelope.
    match &cx.envelope {
        Some(text) => m.custom_data = Some(text.clone()),
        None => {
            m.custom_data = own.custom_data;
            if m.custom_data.is_some() && cx.options.preserve_unmapped && cx.needs_envelope() {
                cx.lose(
                    "/vendor/magiclane/customData",
                    "customData carries the orderbridge envelope; the order's own customData rides inside it.",
                );
            }
        }
    }
    Some(m)
}

/// Writes the window as Magic Lane's pair: an absolute window is placed in the `timeZone`
/// option first (its day is not carried, which is reported); a window the pair cannot hold
/// (open-ended, a day long or more) is a loss.
fn write_window(
    w: &TimeWindow,
    index: usize,
    original: Option<&TimeWindow>,
    order_date: Option<&str>,
    cx: &mut WriteCx,
) -> Option<super::model::TimeWindow> {
    let at = format!("/timeWindows/{index}");
    let root = Path::root();
    let list = root.key("timeWindows");
    let path = list.index(index);
    let mut ck = Checker::new();
    let local = match (w.kind, &cx.time.zone) {
        (WindowKind::Local, _) => Some(w.clone()),
        (WindowKind::Absolute, Some(zone)) => to_local(w, zone, cx.time, &path, &mut ck),
        (WindowKind::Absolute, None) => {
            ck.error(
                &path,
                time_codes::TIME_ZONE_REQUIRED,
                "Magic Lane timeWindow holds times of day: pass the IANA zone to place this absolute window in (`timeZone` option).",
            );
            None
        }
    };
    let unit = unit(cx.options);
    let pair = local
        .as_ref()
        .and_then(|l| format_magic_lane(l, unit, cx.time, &path, &mut ck));
    if pair.is_none()
        && ck
            .issues
            .iter()
            .all(|i| !i.is_error() || i.code == time_codes::WINDOW_NOT_REPRESENTABLE)
        && ck
            .issues
            .iter()
            .any(|i| i.code == time_codes::WINDOW_NOT_REPRESENTABLE)
    {
        let why = ck
            .issues
            .iter()
            .find(|i| i.code == time_codes::WINDOW_NOT_REPRESENTABLE)
            .map(|i| i.message.to_string())
            .unwrap_or_default();
        ck.issues.retain(|i| !i.is_error());
        cx.absorb(ck);
        cx.lose(at, why);
        return None;
    }
    cx.absorb(ck);
    let [start, mut end] = pair?;
    // The time module writes an end past midnight below the start; the Magic Lane validator
    // reads that as inverted, but accepts (with a warning) values past a day: write those.
    if end < start {
        end += match unit {
            MagicLaneUnit::Minutes => 1440,
            MagicLaneUnit::Seconds => 86_400,
        };
    }
    if let Some(day) = local.as_ref().and_then(|l| l.date.as_deref()) {
        // The day is reported unless the order's date (reported lost itself) or the `date`
        // option says it.
        let context_day = cx.time.date.map(|d| d.to_string());
        if context_day.as_deref() != Some(day) && order_date != Some(day) {
            cx.adjust(
                &at,
                format!("the window falls on {day}; Magic Lane timeWindow holds times of day only, so the day is not carried (converting back needs the `date` option)."),
            );
        }
    }
    // Read back the way the Magic Lane reader would: any difference rides in the envelope.
    if let Some(original) = original {
        let pair_value = Value::Array(vec![Value::int(start), Value::int(end)]);
        let mut back_ck = Checker::new();
        let back = parse_magic_lane(&pair_value, unit, cx.time, &Path::root(), &mut back_ck);
        if back.as_ref() != Some(original) {
            cx.carry(&at);
        }
    }
    Some(super::model::TimeWindow {
        start_min: start as f64,
        end_min: end as f64,
    })
}

/// Writes the contact: first and last name (split from a full name when that is all there
/// is), phone and customer id; the email only where the order's own `customerInfo` holds it.
fn write_contact(c: &Contact, own: &MOrder, m: &mut MOrder, cx: &mut WriteCx) {
    let Contact {
        name,
        first_name,
        last_name,
        phone,
        phone2,
        email,
        customer_id,
    } = c;
    m.first_name = first_name.clone();
    m.last_name = last_name.clone();
    if first_name.is_none() && last_name.is_none() {
        if let Some(n) = name {
            let (first, last) = split_name(n);
            let created: Vec<&str> = [
                (first.is_some(), "/contact/firstName"),
                (last.is_some(), "/contact/lastName"),
            ]
            .into_iter()
            .filter_map(|(made, at)| made.then_some(at))
            .collect();
            if !created.is_empty() {
                cx.derive(
                    "/contact/name",
                    &created,
                    format!("firstName and lastName were split from \"{n}\" at its last word."),
                );
            }
            m.first_name = first;
            m.last_name = last;
        }
    }
    if let Some(n) = name {
        // The full name survives when converting back joins the written parts into it.
        if SourceRebuilds::of(cx.options).full_name
            && join_name(m.first_name.as_deref(), m.last_name.as_deref()).as_deref()
                == Some(n.as_str())
        {
            cx.carry("/contact/name");
        } else {
            cx.lose(
                "/contact/name",
                "Magic Lane holds first and last name only; they do not give this full name back.",
            );
        }
    }
    m.phone_number = phone.clone();
    lose_if(
        phone2,
        "/contact/phone2",
        "Magic Lane has no second phone.",
        cx,
    );
    let info = own.customer_info.as_ref();
    if let Some(e) = email {
        if info.and_then(|i| i.email.as_deref()) != Some(e.as_str()) {
            cx.lose(
                "/contact/email",
                "Magic Lane keeps the email in customerInfo, which cannot be changed through an order.",
            );
        }
    }
    if let Some(id) = customer_id {
        m.customer_id =
            integer_id(id, "/contact/customerId", "customerId", 0, NAME, cx).map(|i| i as i64);
    }
}
