//! Yandex Courier add-order bodies as a conversion source and target (`docs/canonical.md` has
//! the field map, `docs/conversion.md` the rules).
//!
//! Reading accepts one add-order body, or a JSON array of them as a batch. Every body field maps
//! to a canonical field or is kept verbatim under `vendor.yandex` (`shared_with_company_ids`,
//! `shared_with_company_numbers`, `eta_type`, `show_yandex_pay_button`, undocumented keys, and
//! `notifications` when it is not simply `[]` or `[{"type": "before_arrival"}]`). `null` reads
//! as absent. The window is read with the time module: a local `"HH:MM-HH:MM"` stays local (its
//! date and zone filled from the `date` and `timeZone` options when given), an ISO interval
//! stays absolute.
//!
//! Writing needs what Yandex requires: `number`, `address` (joined from address parts when the
//! order has only those), `lat`/`lon`, `time_interval` and `route_number` or `route_id`; an order
//! without one of them, after `defaults`, cannot be written (`CANNOT_CONVERT`, naming the
//! option). Yandex has no extension slot: with `preserveUnmapped` the losses are still lost.
//!
//! A single order is written as one add-order body, a batch as orderbridge's batch form (a JSON
//! array of bodies, `add_order_batch`). The `endpoint` option chooses otherwise: `"add_order"`
//! (a batch becomes a JSON array of bodies sent one request each, so no batch limit applies),
//! `"add_order_batch"`, or `"add_order_batch:chunks"` (a JSON array of batches of at most 1000
//! bodies, to send one after another). One batch of more than 1000 orders is still produced,
//! with a `TOO_MANY_ITEMS` error saying to chunk it, as the validator reports it.

use super::model::{
    Notification, NotificationType, Order as YandexOrder, OrderFields, OrderStatus, OrderType,
    PaymentStatus as YPaymentStatus, PaymentType as YPaymentType,
};
use super::read::{read_order, shared_field, Mode};
use super::{ADD_ORDER, ADD_ORDER_BATCH, BATCH_LIMIT};
use crate::check::Checker;
use crate::convert::derive::{join_address, join_name, name_round_trips, SourceRebuilds};
use crate::convert::derive::{joined_address_form, joined_name_form};
use crate::convert::tables::{kind_from_yandex, kind_name, yandex_kind};
use crate::convert::walk::{walk_list, Item, Walk};
use crate::convert::write::{
    absorb_slot_issues, bounds_for, child, earliest_window, integer_id, join_json, joined_len,
    lose_if, lose_list, lose_other_vendors, map_pointer, on_order_date, push_joined, require,
    single, whole, PointerRow,
};
use crate::convert::{
    codes, time_context, Codec, ConvertOptions, OrderSink, Payload, Shape, SourceOrder, WriteCx,
};
use crate::issue::Text;
use crate::issue::{codes as core_codes, Issue};
use crate::json::{Object, Path, Value};
use crate::model::{
    Assignment, Contact, LatLon, Load, Location, Money, Notifications, Order, PaymentStatus,
    PaymentType, Service, Status,
};
use crate::time::forms::{format_yandex_interval, parse_yandex_interval};
use crate::time::{EndBound, TimeContext};
use crate::vendor::tag_vendor_code;
use std::borrow::Cow;

/// The Yandex codec.
#[derive(Debug, Clone, Copy, Default)]
pub struct YandexCodec;

/// The instance the registry hands out.
pub static CODEC: YandexCodec = YandexCodec;

const ID: &str = "yandex";
const NAME: &str = "Yandex";

/// The form the orders are written in (the `endpoint` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    /// A single order as one body, a batch as one batch array (the default).
    ByShape,
    /// Bodies sent one request each (a batch: a JSON array of them, no batch limit).
    AddOrder,
    /// One batch array.
    Batch,
    /// A JSON array of batch arrays of at most [`BATCH_LIMIT`] bodies.
    BatchChunks,
}

/// The `endpoint` value that asks for chunked batches.
const CHUNKS_ENDPOINT: &str = "add_order_batch:chunks";

/// The target endpoints the codec writes, for messages.
const TARGET_ENDPOINTS: &[&str] = &[ADD_ORDER, ADD_ORDER_BATCH, CHUNKS_ENDPOINT];

/// Reads the `endpoint` option for the target; `None` for a name the codec does not write (the
/// pipeline rejects those before any order is written).
fn output(options: &ConvertOptions) -> Option<Output> {
    match options.target_endpoint.as_deref() {
        None => Some(Output::ByShape),
        Some(ADD_ORDER) => Some(Output::AddOrder),
        Some(ADD_ORDER_BATCH) => Some(Output::Batch),
        Some(CHUNKS_ENDPOINT) => Some(Output::BatchChunks),
        Some(_) => None,
    }
}

/// Canonical field → body field.
const POINTERS: &[PointerRow] = &[
    ("/id", "/id", false),
    ("/number", "/number", false),
    ("/kind", "/type", false),
    ("/location/lat", "/lat", false),
    ("/location/lon", "/lon", false),
    ("/location/address", "/address", false),
    ("/location/refined", "/refined_lat", false),
    ("/location/refined/lat", "/refined_lat", false),
    ("/location/refined/lon", "/refined_lon", false),
    ("/contact/name", "/customer_name", false),
    ("/contact/phone", "/phone", false),
    ("/contact/customerId", "/customer_number", false),
    ("/timeWindows/0", "/time_interval", false),
    ("/service/durationS", "/service_duration_s", false),
    (
        "/service/sharedDurationS",
        "/shared_service_duration_s",
        false,
    ),
    ("/load/weightKg", "/weight", false),
    ("/load/volume", "/volume", false),
    ("/money/amount", "/amount", false),
    ("/money/paymentType", "/payment_type", false),
    ("/money/paymentStatus", "/payment_status", false),
    ("/assignment/routeId", "/route_id", false),
    ("/assignment/routeNumber", "/route_number", false),
    ("/geofenceRadiusM", "/mark_delivered_radius", false),
    ("/notes", "/comments", false),
    ("/description", "/description", false),
    ("/notifications/beforeArrival", "/notifications", false),
    ("/status", "/status", false),
    ("/vendor/yandex", "", true),
];

impl Codec for YandexCodec {
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
        let root = Path::root();
        let mut one = |item: &Value, path: &Path, shape: Shape, ck: &mut Checker| {
            let from = ck.issues.len();
            let order = read_one(item, path, shape, &ctx, ck);
            tag_vendor_code(ck, from, super::UNPROCESSABLE);
            sink(order, ck);
        };
        if let Some(text) = payload.as_text() {
            // A batch `[...]` given as text is read order by order, never one tree in memory;
            // an empty list, or text that is not a list, is read whole below.
            let walk = walk_list(text, &["["], &[], None, ck, &mut |i, item, ck| {
                one(item, &root.index(i), Shape::Batch, ck);
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
        match payload {
            Value::Array(items) => {
                if items.is_empty() {
                    ck.error(
                        &root,
                        crate::issue::codes::EMPTY,
                        "The batch is an empty list: there is no order to convert.",
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    one(item, &root.index(i), Shape::Batch, ck);
                }
                Some(Shape::Batch)
            }
            _ => {
                one(payload, &root, Shape::Single, ck);
                Some(Shape::Single)
            }
        }
    }

    fn source_pointer(&self, canonical: &str) -> Option<String> {
        map_pointer(POINTERS, canonical)
    }

    fn write_order(&self, order: &Order, cx: &mut WriteCx) -> Option<String> {
        // Sized for a typical order, so that the text rarely grows.
        let mut text = Vec::with_capacity(512);
        if !self.write_order_into(order, cx, &mut text) {
            return None;
        }
        match String::from_utf8(text) {
            Ok(text) => Some(text),
            Err(e) => {
                cx.fail(
                    "",
                    codes::CANNOT_CONVERT,
                    format!("the Yandex order could not be written ({e})."),
                );
                None
            }
        }
    }

    fn write_order_into(&self, order: &Order, cx: &mut WriteCx, out: &mut Vec<u8>) -> bool {
        let body = write(order, cx);
        if cx.failed() {
            return false;
        }
        let Some(body) = body else {
            return false;
        };
        let start = out.len();
        match body.write_json(out) {
            Ok(()) => {
                #[cfg(all(debug_assertions, not(target_arch = "wasm32")))]
                crate::json::check_like_serde(out.get(start..), &body);
                true
            }
            Err(e) => {
                out.truncate(start);
                cx.fail(
                    "",
                    codes::CANNOT_CONVERT,
                    format!("the Yandex order could not be written ({e})."),
                );
                false
            }
        }
    }

    fn wrap(&self, orders: Vec<String>, shape: Shape, options: &ConvertOptions) -> String {
        let out = output(options).unwrap_or(Output::ByShape);
        let orders = match (out, single(orders, shape)) {
            (Output::ByShape | Output::AddOrder, Ok(one)) => return one,
            (_, Ok(one)) => vec![one],
            (_, Err(orders)) => orders,
        };
        if out != Output::BatchChunks {
            return join_json(&orders, "[", ("", ""), "]");
        }
        let chunks = orders.len().div_ceil(BATCH_LIMIT);
        let mut text = String::with_capacity(joined_len(&orders, ("", "")) + 3 * chunks + 2);
        text.push('[');
        for (i, chunk) in orders.chunks(BATCH_LIMIT).enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push('[');
            push_joined(&mut text, chunk, ("", ""));
            text.push(']');
        }
        text.push(']');
        text
    }

    fn extension_slot(&self) -> Option<&'static str> {
        None
    }

    fn target_endpoints(&self) -> &'static [&'static str] {
        TARGET_ENDPOINTS
    }

    fn batch_frame(&self, options: &ConvertOptions) -> Option<crate::convert::BatchFrame> {
        // As `wrap` joins a batch.
        match output(options).unwrap_or(Output::ByShape) {
            Output::BatchChunks => Some(
                crate::convert::BatchFrame::new("[[", "", "", "]]").chunked(BATCH_LIMIT, "],["),
            ),
            Output::ByShape | Output::AddOrder | Output::Batch => {
                Some(crate::convert::write::list_frame())
            }
        }
    }

    fn batch_issues(&self, written: usize, shape: Shape, options: &ConvertOptions) -> Vec<Issue> {
        let one_batch = match output(options).unwrap_or(Output::ByShape) {
            Output::Batch => true,
            Output::ByShape => shape == Shape::Batch,
            Output::AddOrder | Output::BatchChunks => false,
        };
        if !one_batch || written <= BATCH_LIMIT {
            return Vec::new();
        }
        vec![Issue::error(
            "",
            core_codes::TOO_MANY_ITEMS,
            format!(
                "The output holds {written} orders in one batch, and Yandex batch requests take at most {BATCH_LIMIT}: send it in chunks of {BATCH_LIMIT}, pass endpoint: \"{CHUNKS_ENDPOINT}\" to get a list of batches of at most {BATCH_LIMIT} orders, or endpoint: \"{ADD_ORDER}\" to send the bodies one by one."
            ),
        )]
    }
}

// ------------------------------------------------------------------------------------ read

/// Reads one body at `path`, of a payload of `shape`; an order with errors is `None` (its
/// issues are recorded).
fn read_one(
    v: &Value,
    path: &Path,
    shape: Shape,
    ctx: &TimeContext,
    ck: &mut Checker,
) -> SourceOrder {
    let pointer = path.to_pointer();
    let before = ck.issues.len();
    let order = match ck.object(v, path) {
        Some(raw) => read_order(v, path, ck)
            .filter(|_| !ck.errors_since(before))
            .map(|body| to_canonical(body, raw, &pointer, ctx, ck)),
        None => None,
    };
    SourceOrder {
        pointer,
        order: order.map(Box::new),
        envelope: None,
        shape,
    }
}

fn status_from_yandex(s: OrderStatus) -> Status {
    match s {
        OrderStatus::New => Status::New,
        OrderStatus::Confirmed => Status::Confirmed,
        OrderStatus::Finished => Status::Completed,
        OrderStatus::PartiallyFinished => Status::PartiallyCompleted,
        OrderStatus::Cancelled => Status::Cancelled,
        OrderStatus::Postponed => Status::Postponed,
    }
}

fn yandex_status(s: Status) -> Option<OrderStatus> {
    Some(match s {
        Status::New => OrderStatus::New,
        Status::Confirmed => OrderStatus::Confirmed,
        Status::Completed => OrderStatus::Finished,
        Status::PartiallyCompleted => OrderStatus::PartiallyFinished,
        Status::Cancelled => OrderStatus::Cancelled,
        Status::Postponed => OrderStatus::Postponed,
        Status::Scheduled
        | Status::OnRoute
        | Status::AtLocation
        | Status::CompletedLate
        | Status::Rejected
        | Status::Failed => return None,
    })
}

fn payment_type(p: YPaymentType) -> PaymentType {
    match p {
        YPaymentType::Cash => PaymentType::Cash,
        YPaymentType::Card => PaymentType::Card,
        YPaymentType::Prepaid => PaymentType::Prepaid,
        YPaymentType::YandexPay => PaymentType::YandexPay,
    }
}

fn yandex_payment_type(p: PaymentType) -> YPaymentType {
    match p {
        PaymentType::Cash => YPaymentType::Cash,
        PaymentType::Card => YPaymentType::Card,
        PaymentType::Prepaid => YPaymentType::Prepaid,
        PaymentType::YandexPay => YPaymentType::YandexPay,
    }
}

/// True when `list` is exactly what the canonical `beforeArrival` writes back.
fn plain_notifications(list: &[Notification]) -> bool {
    match list {
        [] => true,
        [n] => n.notification_type == Some(NotificationType::BeforeArrival) && n.extra.is_empty(),
        _ => false,
    }
}

/// Maps a read body (with its raw object, for fields kept verbatim) to a canonical order.
fn to_canonical(
    body: YandexOrder<'static>,
    raw: &Object,
    pointer: &str,
    ctx: &TimeContext,
    ck: &mut Checker,
) -> Order {
    let YandexOrder {
        address,
        lat,
        lon,
        number,
        time_interval,
        fields,
        extra,
    } = body;
    let OrderFields {
        amount,
        comments,
        customer_name,
        description,
        customer_number,
        payment_type: pay_type,
        payment_status,
        phone,
        route_id,
        route_number,
        service_duration_s,
        shared_service_duration_s,
        status,
        volume,
        weight,
        shared_with_company_ids,
        shared_with_company_numbers,
        mark_delivered_radius,
        eta_type,
        order_type,
        refined_lat,
        refined_lon,
        notifications,
        show_yandex_pay_button,
    } = fields;
    let mut own = Object::new();
    let keep = |key: &str, own: &mut Object<'static>| {
        if let Some(v) = raw.get(key) {
            own.push(key.to_string(), v.clone().into_owned());
        }
    };
    if shared_with_company_ids.is_some() {
        keep("shared_with_company_ids", &mut own);
    }
    if shared_with_company_numbers.is_some() {
        keep("shared_with_company_numbers", &mut own);
    }
    if let Some(eta) = eta_type {
        own.push("eta_type", Value::str(eta.name()));
    }
    if let Some(b) = show_yandex_pay_button {
        own.push("show_yandex_pay_button", Value::Bool(b));
    }
    let before_arrival = notifications.as_ref().map(|list| {
        list.iter()
            .any(|n| n.notification_type == Some(NotificationType::BeforeArrival))
    });
    if notifications
        .as_deref()
        .is_some_and(|l| !plain_notifications(l))
    {
        keep("notifications", &mut own);
    }
    for (k, v) in extra {
        own.push(k, v);
    }

    // The window, through the time module (which records DST decisions when placing it).
    let mut wck = Checker::new();
    let window = parse_yandex_interval(&time_interval, ctx, &Path::root(), &mut wck);
    let at = format!("{pointer}/time_interval");
    for issue in wck.issues {
        ck.push(issue.under(&at));
    }

    let mut o = Order {
        number: Some(number.into_owned()),
        kind: order_type.and_then(|t| kind_from_yandex(t.name())),
        location: Some(Location {
            lat: Some(lat),
            lon: Some(lon),
            address: Some(address.into_owned()),
            refined: match (refined_lat, refined_lon) {
                (Some(lat), Some(lon)) => Some(LatLon { lat, lon }),
                _ => None,
            },
            ..Location::default()
        }),
        time_windows: window.into_iter().collect(),
        geofence_radius_m: mark_delivered_radius,
        notes: comments.map(Cow::into_owned),
        description: description.map(Cow::into_owned),
        status: status.map(status_from_yandex),
        ..Order::default()
    };
    // A lone refined coordinate (the reader warns) has no canonical place: kept verbatim.
    if refined_lat.is_some() != refined_lon.is_some() {
        keep(
            if refined_lat.is_some() {
                "refined_lat"
            } else {
                "refined_lon"
            },
            &mut own,
        );
    }
    let contact = Contact {
        name: customer_name.map(Cow::into_owned),
        phone: phone.map(Cow::into_owned),
        customer_id: customer_number.map(Cow::into_owned),
        ..Contact::default()
    };
    if contact != Contact::default() {
        o.contact = Some(contact);
    }
    if service_duration_s.is_some() || shared_service_duration_s.is_some() {
        o.service = Some(Service {
            duration_s: service_duration_s.map(|s| s as f64),
            shared_duration_s: shared_service_duration_s.map(|s| s as f64),
        });
    }
    if volume.is_some() || weight.is_some() {
        o.load = Some(Load {
            weight_kg: weight,
            volume,
            ..Load::default()
        });
    }
    let money = Money {
        amount,
        payment_type: pay_type.map(payment_type),
        payment_status: payment_status.map(|p| match p {
            YPaymentStatus::Paid => PaymentStatus::Paid,
            YPaymentStatus::Unpaid => PaymentStatus::Unpaid,
        }),
        ..Money::default()
    };
    if money != Money::default() {
        o.money = Some(money);
    }
    if route_id.is_some() || route_number.is_some() {
        o.assignment = Some(Assignment {
            route_id: route_id.map(|r| r.to_string()),
            route_number: route_number.map(Cow::into_owned),
            ..Assignment::default()
        });
    }
    if let Some(b) = before_arrival {
        o.notifications = Some(Notifications {
            before_arrival: Some(b),
            ..Notifications::default()
        });
    }
    if !own.is_empty() {
        o.vendor.push(ID, Value::Object(own));
    }
    o
}

// ----------------------------------------------------------------------------------- write

/// The order's own Yandex fields (`vendor.yandex`), read with the Yandex field reader: a value
/// Yandex would reject is reported rather than copied out.
fn own_fields(order: &Order, cx: &mut WriteCx) -> (OrderFields<'static>, Object<'static>) {
    let mut fields = OrderFields::default();
    let mut extra = Object::new();
    let Some(Value::Object(slot)) = order.vendor.get(ID) else {
        return (fields, extra);
    };
    let root = Path::root();
    let vendor = root.key("vendor");
    let path = vendor.key(ID);
    let mut ck = Checker::new();
    for (key, value) in slot.iter() {
        let p = path.key(key);
        if shared_field(&mut fields, key, value, &p, &mut ck, Mode::Request) {
            continue;
        }
        // A field Yandex sets in its answers (the order's `id`, its status history...) is not
        // one an order request may carry: copied out, it would make the body read as a
        // response. A field Yandex does not document at all is carried as it is.
        if key == "id" || super::RESPONSE_ONLY.contains(&key) {
            cx.lose(
                child("/vendor/yandex", key),
                "it is a field of Yandex's answers, which an order request does not carry.",
            );
        } else {
            extra.push(key.to_string(), value.clone());
        }
    }
    absorb_slot_issues(ck, cx);
    (fields, extra)
}

/// Builds the body of one order; `None` when a required field is missing (reported).
fn write<'o>(order: &'o Order, cx: &mut WriteCx) -> Option<YandexOrder<'o>> {
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
    let (own, extra) = own_fields(order, cx);
    let mut f = OrderFields {
        shared_with_company_ids: own.shared_with_company_ids,
        shared_with_company_numbers: own.shared_with_company_numbers,
        eta_type: own.eta_type,
        show_yandex_pay_button: own.show_yandex_pay_button,
        ..OrderFields::default()
    };

    lose_if(
        id,
        "/id",
        "Yandex assigns order ids itself (`id` is in responses only).",
        cx,
    );
    let number = match number {
        Some(n) if n.chars().count() <= 80 => Some(Cow::Borrowed(n.as_str())),
        Some(_) => {
            cx.fail(
                "/number",
                codes::CANNOT_CONVERT,
                "Yandex order numbers hold at most 80 characters; this one is longer.",
            );
            None
        }
        None => {
            require("an order number (`number`)", "defaults.number", NAME, cx);
            None
        }
    };
    lose_if(
        external_id,
        "/externalId",
        "Yandex has no second client id.",
        cx,
    );
    lose_if(
        document_number,
        "/documentNumber",
        "Yandex has no shipping document number.",
        cx,
    );
    if let Some(k) = kind {
        f.order_type = yandex_kind(*k).and_then(OrderType::from_name);
        if f.order_type.is_none() {
            cx.lose(
                "/kind",
                format!(
                    "Yandex order types are delivery, pickup and drop_off; \"{}\" is none of them.",
                    kind_name(*k)
                ),
            );
        }
    }
    lose_if(
        depot_role,
        "/depotRole",
        "Yandex orders are never depot stops.",
        cx,
    );
    lose_if(
        date,
        "/date",
        "Yandex orders have no date: a local time_interval is read against the route's date.",
        cx,
    );

    // Location: all of address, lat and lon are required.
    let mut address = location
        .as_ref()
        .and_then(|l| l.address.as_deref().map(Cow::Borrowed));
    let (mut lat, mut lon) = (None, None);
    if let Some(l) = location {
        lat = l.lat;
        lon = l.lon;
        if let Some(parts) = &l.address_parts {
            if address.is_none() {
                address = join_address(parts).map(Cow::Owned);
                if address.is_some() {
                    cx.derive(
                        "/location/addressParts",
                        &["/location/address"],
                        Text::from_static(concat!(
                            "the address was joined from the address parts as ",
                            joined_address_form!(),
                            "."
                        )),
                    );
                }
            }
            cx.lose(
                "/location/addressParts",
                "Yandex holds the address on one line; its parts cannot be kept apart.",
            );
        }
        lose_if(&l.name, "/location/name", "Yandex has no place name.", cx);
        lose_if(
            &l.code,
            "/location/code",
            "Yandex has no location code.",
            cx,
        );
        lose_if(
            &l.notes,
            "/location/notes",
            "Yandex has no location notes.",
            cx,
        );
        if let Some(r) = &l.refined {
            f.refined_lat = Some(r.lat);
            f.refined_lon = Some(r.lon);
        }
    }
    if address.is_none() {
        require(
            "the delivery address (`address`)",
            "defaults.location.address",
            NAME,
            cx,
        );
    }
    if lat.is_none() || lon.is_none() {
        require(
            "the delivery point (`lat` and `lon`)",
            "defaults.location",
            NAME,
            cx,
        );
    }

    if let Some(c) = contact {
        write_contact(c, &mut f, cx);
    }

    // The one window, as `time_interval` (local "HH:MM-HH:MM" or ISO with offsets).
    let mut time_interval = None;
    match earliest_window(time_windows, NAME, cx) {
        Some((i, w)) => {
            let duration = service.as_ref().and_then(|s| s.duration_s);
            if let Some(w) = bounds_for(w, i, EndBound::ServiceStart, NAME, duration, cx) {
                let w = on_order_date(w, date);
                let root = Path::root();
                let list = root.key("timeWindows");
                let path = list.index(i);
                let mut ck = Checker::new();
                time_interval = format_yandex_interval(&w, cx.time, &path, &mut ck);
                cx.absorb(ck);
            }
        }
        None => require(
            "a delivery interval (`time_interval`)",
            "defaults.timeWindows",
            NAME,
            cx,
        ),
    }
    if let Some(s) = scheduling {
        lose_list(
            &s.allowed_weekdays,
            "/scheduling/allowedWeekdays",
            "Yandex has no allowed weekdays.",
            cx,
        );
        lose_if(
            &s.allowed_from,
            "/scheduling/allowedFrom",
            "Yandex has no allowed dates.",
            cx,
        );
        lose_if(
            &s.allowed_to,
            "/scheduling/allowedTo",
            "Yandex has no allowed dates.",
            cx,
        );
        lose_if(
            &s.allowed_advance_s,
            "/scheduling/allowedAdvanceS",
            "Yandex has no allowed advance.",
            cx,
        );
    }

    if let Some(s) = service {
        f.service_duration_s = s
            .duration_s
            .and_then(|d| whole(d, "/service/durationS", "service_duration_s", cx));
        f.shared_service_duration_s = s.shared_duration_s.and_then(|d| {
            whole(
                d,
                "/service/sharedDurationS",
                "shared_service_duration_s",
                cx,
            )
        });
    }
    if let Some(l) = load {
        f.weight = l.weight_kg;
        f.volume = l.volume;
        lose_if(
            &l.packages,
            "/load/packages",
            "Yandex has no package count.",
            cx,
        );
        lose_list(
            &l.custom,
            "/load/custom",
            "Yandex has no load dimensions besides weight and volume.",
            cx,
        );
    }
    if let Some(m) = money {
        f.amount = m.amount;
        f.payment_type = m.payment_type.map(yandex_payment_type);
        f.payment_status = m.payment_status.map(|p| match p {
            PaymentStatus::Paid => YPaymentStatus::Paid,
            PaymentStatus::Unpaid => YPaymentStatus::Unpaid,
        });
        lose_if(
            &m.cost,
            "/money/cost",
            "Yandex has no order cost (amount is what the recipient pays).",
            cx,
        );
        lose_if(&m.revenue, "/money/revenue", "Yandex has no revenue.", cx);
    }
    lose_if(priority, "/priority", "Yandex orders have no priority.", cx);
    if let Some(r) = requirements {
        lose_list(
            &r.skills,
            "/requirements/skills",
            "Yandex has no skills.",
            cx,
        );
        lose_list(
            &r.vehicle_features,
            "/requirements/vehicleFeatures",
            "Yandex has no vehicle features.",
            cx,
        );
        lose_if(
            &r.vehicle_type,
            "/requirements/vehicleType",
            "Yandex has no vehicle type.",
            cx,
        );
    }

    // The route: route_number (which Yandex prefers) or route_id.
    if let Some(a) = assignment {
        f.route_number = a.route_number.as_deref().map(Cow::Borrowed);
        if let Some(r) = &a.route_id {
            f.route_id =
                integer_id(r, "/assignment/routeId", "route_id", 0, NAME, cx).map(|r| r as i64);
        }
        lose_if(
            &a.unit_id,
            "/assignment/unitId",
            "Yandex assigns routes, not units.",
            cx,
        );
        lose_if(
            &a.driver_serial,
            "/assignment/driverSerial",
            "Yandex assigns routes, not drivers.",
            cx,
        );
        lose_if(
            &a.driver_external_id,
            "/assignment/driverExternalId",
            "Yandex assigns routes, not drivers.",
            cx,
        );
        lose_if(
            &a.depot_id,
            "/assignment/depotId",
            "Yandex orders have no depot id.",
            cx,
        );
    }
    if f.route_number.is_none() && f.route_id.is_none() {
        require(
            "the route the order belongs to (`route_number` or `route_id`)",
            "defaults.assignment.routeNumber",
            NAME,
            cx,
        );
    }
    if let Some(s) = planned_stop {
        for (value, at) in [
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
            if value {
                cx.lose(
                    at,
                    "Yandex plans routes itself; an add-order body has no planned stop.",
                );
            }
        }
    }
    if let Some(r) = geofence_radius_m {
        if *r <= 10_000.0 {
            f.mark_delivered_radius = Some(*r);
        } else {
            cx.lose(
                "/geofenceRadiusM",
                format!("Yandex mark_delivered_radius is at most 10000 m; {r} m is more."),
            );
        }
    }
    lose_if(
        completion,
        "/completion",
        "Yandex has no completion rules per order.",
        cx,
    );
    f.comments = notes.as_deref().map(Cow::Borrowed);
    if let Some(d) = description {
        if d.chars().count() <= 1023 {
            f.description = Some(Cow::Borrowed(d.as_str()));
        } else {
            cx.lose(
                "/description",
                "Yandex descriptions hold at most 1023 characters.",
            );
        }
    }
    lose_if(
        status_comment,
        "/statusComment",
        "Yandex keeps status comments itself (order_status_comments, in responses).",
        cx,
    );
    for (key, _) in custom_fields.iter() {
        cx.lose(
            crate::convert::write::child("/customFields", key),
            "Yandex orders have no custom fields.",
        );
    }
    lose_list(tags, "/tags", "Yandex orders have no tags.", cx);
    lose_list(barcodes, "/barcodes", "Yandex orders have no barcodes.", cx);
    if let Some(n) = notifications {
        lose_if(
            &n.email,
            "/notifications/email",
            "Yandex has no email notification setting.",
            cx,
        );
        lose_if(
            &n.sms,
            "/notifications/sms",
            "Yandex has no SMS notification setting.",
            cx,
        );
        lose_if(
            &n.sms_second_phone,
            "/notifications/smsSecondPhone",
            "Yandex has no second phone.",
            cx,
        );
        if let Some(b) = n.before_arrival {
            // The order's own list when it says the same (it may hold more), else the plain one.
            f.notifications = match own.notifications {
                Some(list)
                    if list
                        .iter()
                        .any(|x| x.notification_type == Some(NotificationType::BeforeArrival))
                        == b =>
                {
                    Some(list)
                }
                _ if b => Some(vec![Notification {
                    notification_type: Some(NotificationType::BeforeArrival),
                    extra: Object::new(),
                }]),
                _ => Some(Vec::new()),
            };
        }
    }
    if let Some(s) = status {
        f.status = yandex_status(*s);
        if f.status.is_none() {
            cx.lose(
                "/status",
                "Yandex order statuses are new, confirmed, finished, partially_finished, cancelled and postponed; this one has no equivalent.",
            );
        }
    }
    lose_list(
        depends_on,
        "/dependsOn",
        "Yandex has no order dependencies.",
        cx,
    );
    lose_if(
        related_order,
        "/relatedOrder",
        "Yandex has no related (paired) order.",
        cx,
    );
    lose_if(
        created_at_ms,
        "/createdAtMs",
        "Yandex sets the creation time itself.",
        cx,
    );
    lose_other_vendors(vendor, ID, cx);

    Some(YandexOrder {
        address: address?,
        lat: lat?,
        lon: lon?,
        number: number?,
        time_interval: time_interval?,
        fields: f,
        extra,
    })
}

/// Writes the contact: Yandex holds one name, one phone and a customer number.
fn write_contact<'o>(c: &'o Contact, f: &mut OrderFields<'o>, cx: &mut WriteCx) {
    let Contact {
        name,
        first_name,
        last_name,
        phone,
        phone2,
        email,
        customer_id,
    } = c;
    let (first, last) = (first_name.as_deref(), last_name.as_deref());
    let mut line = name.clone();
    if line.is_none() {
        line = join_name(first, last);
        if line.is_some() {
            let from = if first.is_some() {
                "/contact/firstName"
            } else {
                "/contact/lastName"
            };
            cx.derive(
                from,
                &["/contact/name"],
                Text::from_static(concat!(
                    "customer_name was joined from the first and last name as ",
                    joined_name_form!(),
                    "."
                )),
            );
        }
    }
    match line {
        Some(l) if l.chars().count() > 1023 => {
            cx.lose(
                "/contact/name",
                "Yandex customer_name holds at most 1023 characters.",
            );
            line = None;
        }
        _ => {}
    }
    let recoverable = SourceRebuilds::of(cx.options).name_parts
        && line
            .as_deref()
            .is_some_and(|n| name_round_trips(n, first, last));
    for (value, at) in [
        (first_name, "/contact/firstName"),
        (last_name, "/contact/lastName"),
    ] {
        if value.is_some() {
            if recoverable {
                cx.carry(at);
            } else {
                cx.lose(
                    at,
                    "Yandex holds one customer name; splitting it would not give this part back.",
                );
            }
        }
    }
    f.customer_name = line.map(Cow::Owned);
    f.phone = phone.as_deref().map(Cow::Borrowed);
    lose_if(phone2, "/contact/phone2", "Yandex has no second phone.", cx);
    lose_if(
        email,
        "/contact/email",
        "Yandex has no recipient email.",
        cx,
    );
    if let Some(n) = customer_id {
        if n.chars().count() <= 128 {
            f.customer_number = Some(Cow::Borrowed(n.as_str()));
        } else {
            cx.lose(
                "/contact/customerId",
                "Yandex customer_number holds at most 128 characters.",
            );
        }
    }
}
