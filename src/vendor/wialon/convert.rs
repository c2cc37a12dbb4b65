//! Wialon `order/update` as a conversion source and target (`docs/canonical.md` has the field
//! map, `docs/conversion.md` the rules).
//!
//! Reading accepts what the validator accepts: the params object, the `{svc, params}`
//! envelope, the form text, and a `core/batch` of `order/update` calls; only `create` and
//! `update` calls carry an order. Every params field maps to a canonical field or is kept
//! verbatim under `vendor.wialon` in Wialon's own names and nesting (`itemId`, `oldOrderId`,
//! `oldOrderFiles`, `force`, `rp`, `tz`, `ej`, `p.aff`, `p.z`, undocumented keys at any level,
//! `u: 0`, a lone `y` or `x` (a canonical location holds both coordinates or neither), and the
//! exact `f`, `p.ntf`, `p.pr` when the canonical fields cannot reproduce them).
//! `callMode` is not kept: a written order with an `id` is an `update`, without one a `create`.
//!
//! Writing starts from `vendor.wialon` (read back with the Wialon reader, so a bad value there
//! is reported, not written) and sets every mapped field from the canonical order. The written
//! spelling is the newer document's for `p.v`/`p.w` (text) and `dp` (texts), and numbers for
//! `p.r`; `f`, `p.ntf` of 0 and empty `p`, `p.tags`, `dp` are left out. Within those spellings,
//! reading and writing back is the identity on the order's fields.

use super::model::{
    flags, notify, CallMode, CustomFields, Dependencies, DependencyForm, OrderCore, OrderParams,
    OrderProps, RouteInfo,
};
use super::{
    read::read_params_into, read_request, walk_batch, ParamsItem, BATCH_SERVICE, ENDPOINT,
    INVALID_INPUT,
};
use crate::check::Checker;
use crate::convert::derive::{join_address, join_name, name_round_trips, SourceRebuilds};
use crate::convert::derive::{joined_address_form, joined_name_form};
use crate::convert::tables::{priority_from_wialon, wialon_pr};
use crate::convert::walk::Walk;
use crate::convert::write::{
    absorb_slot_issues, bounds_for, child, earliest_window, integer_id, join_json, lose_if,
    lose_list, lose_other_vendors, lose_refined, map_pointer, numeric_id, on_order_date, require,
    single, whole, window_pointer, PointerRow,
};
use crate::convert::{
    codes, BatchFrame, Codec, ConvertOptions, OrderSink, Payload, Shape, SourceOrder, WriteCx,
};
use crate::issue::{Issue, Text};
use crate::json::{self, Object, Path, Value};
use crate::model::{
    Assignment, CompletionRules, Contact, DepotRole, Load, Location, Money, Notifications, Order,
    PlannedStop, Requirements, Scheduling, Service,
};
use crate::time::forms::format_wialon;
use crate::time::{EndBound, TimeWindow};
use crate::validate::Format;
use crate::vendor::tag_vendor_code;
use std::borrow::Cow;

/// The Wialon codec.
#[derive(Debug, Clone, Copy, Default)]
pub struct WialonCodec;

/// The instance the registry hands out.
pub static CODEC: WialonCodec = WialonCodec;

const ID: &str = "wialon";
const NAME: &str = "Wialon";

/// Where the orderbridge envelope sits in `ej`.
const ENVELOPE_KEY: &str = "orderbridge";

/// The completion-rule bits of `f` (the rest are warehouse roles).
const COMPLETION_BITS: u64 = flags::COMPLETE_ON_STOP
    | flags::COMPLETE_ON_LEAVE
    | flags::PERMANENT
    | flags::CONFIRM_IN_RADIUS_ONLY
    | flags::KEEP_STATUS_ON_AUTO_COMPLETE
    | flags::COPY_UNVISITED;

/// Canonical field → params field.
const POINTERS: &[PointerRow] = &[
    ("/id", "/id", false),
    ("/number", "/n", false),
    ("/externalId", "/p/cid", false),
    ("/documentNumber", "/p/uic", false),
    ("/depotRole", "/f", false),
    ("/location/lat", "/y", false),
    ("/location/lon", "/x", false),
    ("/location/address", "/p/a", false),
    ("/contact/name", "/p/n", false),
    ("/contact/phone", "/p/p", false),
    ("/contact/phone2", "/p/p2", false),
    ("/contact/email", "/p/e", false),
    ("/timeWindows/0", "/tf", false),
    ("/timeWindows/0/end", "/tt", false),
    ("/timeWindows/0/endUnix", "/tt", false),
    ("/scheduling/allowedAdvanceS", "/trt", false),
    ("/service/durationS", "/p/ut", false),
    ("/load/weightKg", "/p/w", false),
    ("/load/volume", "/p/v", false),
    ("/money/cost", "/p/c", false),
    ("/priority", "/p/pr", false),
    ("/requirements/vehicleType", "/p/t", false),
    ("/assignment/unitId", "/u", false),
    ("/assignment/routeId", "/p/r/id", false),
    ("/plannedStop/sequence", "/p/r/i", false),
    ("/plannedStop/distanceFromPreviousM", "/p/r/m", false),
    ("/plannedStop/travelTimeFromPreviousS", "/p/r/t", false),
    ("/plannedStop/visitTimeUnix", "/p/r/vt", false),
    ("/plannedStop/notifyBeforeS", "/p/r/ndt", false),
    ("/geofenceRadiusM", "/r", false),
    ("/completion", "/f", false),
    ("/description", "/p/d", false),
    ("/statusComment", "/p/cm", false),
    ("/customFields", "/cf", true),
    ("/tags", "/p/tags", true),
    ("/notifications/email", "/p/ntf", false),
    ("/notifications/sms", "/p/ntf", false),
    ("/notifications/smsSecondPhone", "/p/ntf", false),
    ("/dependsOn", "/dp", true),
    ("/vendor/wialon", "", true),
];

impl Codec for WialonCodec {
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
        // Read errors carry Wialon's "invalid input" code; each batch call's are tagged before
        // the call is converted, so conversion issues never are.
        let mut tagged = ck.issues.len();
        let read = {
            let mut visit = |item: ParamsItem, batch: bool, ck: &mut Checker| {
                tag_vendor_code(ck, tagged, INVALID_INPUT);
                // A single call is usable only when the whole payload is (e.g. its `svc` is
                // right); a call of a batch when the call is.
                let usable = item.ok && (batch || !ck.has_errors());
                let mut source = SourceOrder {
                    pointer: item.pointer,
                    order: None,
                    envelope: None,
                    shape: if batch { Shape::Batch } else { Shape::Single },
                };
                if let (Some(params), Some(mode), true) = (item.params, item.mode, usable) {
                    if mode.carries_content() {
                        if matches!(options.to, Format::Canonical) {
                            lone_coordinate_note(&params.core, &source.pointer, ck);
                        }
                        let (order, envelope) = to_canonical(params, options);
                        source.order = Some(Box::new(order));
                        source.envelope = envelope;
                    } else {
                        ck.push(Issue::error(
                            source.pointer.clone(),
                            codes::NOT_AN_ORDER_PAYLOAD,
                            format!(
                                "callMode {} carries no order content to convert; only create and update do.",
                                mode.name()
                            ),
                        ));
                    }
                }
                sink(source, ck);
                tagged = ck.issues.len();
            };
            // A core/batch given as text is read call by call; what the walk does not take
            // is read whole.
            let walked = match payload
                .as_text()
                .map(|text| walk_batch(text, ck, &mut visit))
            {
                Some(Walk::Read(_)) => Some(Shape::Batch),
                Some(Walk::Abandoned) => {
                    payload.abandon_text();
                    return None;
                }
                Some(Walk::Declined) | None => None,
            };
            match walked {
                Some(shape) => Some(shape),
                None => {
                    let request = read_request(payload.parsed()?, None, ck, &mut visit);
                    request.map(|r| if r.batch { Shape::Batch } else { Shape::Single })
                }
            }
        };
        tag_vendor_code(ck, tagged, INVALID_INPUT);
        read
    }

    fn source_pointer(&self, canonical: &str) -> Option<String> {
        // A field Wialon has no place for can only have come from the envelope in `ej`.
        Some(
            map_pointer(POINTERS, canonical)
                .unwrap_or_else(|| format!("/ej/{ENVELOPE_KEY}/order{canonical}")),
        )
    }

    fn write_order(&self, order: &Order, cx: &mut WriteCx) -> Option<String> {
        // Sized for a typical order, so that the text rarely grows (serde_json starts small
        // and doubles, a reallocation and copy each time).
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
                    format!("the Wialon order could not be written ({e})."),
                );
                None
            }
        }
    }

    fn write_order_into(&self, order: &Order, cx: &mut WriteCx, out: &mut Vec<u8>) -> bool {
        // Filled where it stands (see `write`).
        let mut params = OrderParams::default();
        if write(order, cx, &mut params).is_none() {
            return false;
        }
        if cx.failed() {
            return false;
        }
        let start = out.len();
        match params.write_json(out) {
            Ok(()) => {
                #[cfg(all(debug_assertions, not(target_arch = "wasm32")))]
                crate::json::check_like_serde(out.get(start..), &params);
                true
            }
            Err(e) => {
                out.truncate(start);
                cx.fail(
                    "",
                    codes::CANNOT_CONVERT,
                    format!("the Wialon order could not be written ({e})."),
                );
                false
            }
        }
    }

    fn wrap(&self, orders: Vec<String>, shape: Shape, _options: &ConvertOptions) -> String {
        let orders = match single(orders, shape) {
            Ok(one) => return one,
            Err(orders) => orders,
        };
        let open = format!("{{\"svc\":\"{BATCH_SERVICE}\",\"params\":{{\"params\":[");
        let call = format!("{{\"svc\":\"{ENDPOINT}\",\"params\":");
        join_json(&orders, &open, (&call, "}"), "],\"flags\":0}}")
    }

    fn batch_frame(&self, _options: &ConvertOptions) -> Option<BatchFrame> {
        Some(BatchFrame::new(
            format!("{{\"svc\":\"{BATCH_SERVICE}\",\"params\":{{\"params\":["),
            format!("{{\"svc\":\"{ENDPOINT}\",\"params\":"),
            "}",
            "],\"flags\":0}}",
        ))
    }

    fn extension_slot(&self) -> Option<&'static str> {
        Some("`ej.orderbridge` (Wialon's extended JSON)")
    }
}

// ------------------------------------------------------------------------------------ read

/// The first warehouse role set in `f` (0x4, then 0x8, then 0x10).
fn first_role_bit(f: u64) -> u64 {
    [
        flags::FIRST_WAREHOUSE,
        flags::LAST_WAREHOUSE,
        flags::RELOAD_WAREHOUSE,
    ]
    .into_iter()
    .find(|bit| f & bit != 0)
    .unwrap_or(0)
}

/// The bits of `f` the canonical order cannot hold (undocumented ones, a second warehouse role).
fn flag_residue(f: u64) -> u64 {
    f & !(COMPLETION_BITS | first_role_bit(f))
}

fn uint(x: u64) -> Value<'static> {
    match i64::try_from(x) {
        Ok(i) => Value::int(i),
        // Above i64: written from its digits, exactly.
        Err(_) => json::parse(&x.to_string()).map_or(Value::Null, Value::into_owned),
    }
}

fn texts(items: Vec<String>) -> Value<'static> {
    Value::Array(items.into_iter().map(Value::str).collect())
}

/// Maps read params to a canonical order, with the envelope text found in `ej`.
fn to_canonical(params: OrderParams<'static>, options: &ConvertOptions) -> (Order, Option<String>) {
    let OrderParams {
        resource_id,
        order_id,
        call_mode: _,
        force,
        old_order_id,
        old_order_files,
        core,
        extended,
        extra,
    } = params;
    let OrderCore {
        name,
        props,
        route_polyline,
        flags: f,
        time_from,
        time_to,
        advance_allowance_s,
        radius_m,
        lat,
        lon,
        unit_id,
        time_zone,
        custom_fields,
        dependencies,
    } = core;
    let mut own = Object::new();
    if let Some(id) = resource_id {
        own.push("itemId", Value::int(id));
    }
    if let Some(x) = force {
        own.push("force", uint(x));
    }
    if let Some(x) = old_order_id {
        own.push("oldOrderId", Value::int(x));
    }
    if let Some(files) = old_order_files {
        own.push("oldOrderFiles", texts(files));
    }
    if let Some(rp) = route_polyline {
        own.push("rp", Value::str(rp));
    }
    if let Some(tz) = time_zone {
        own.push("tz", Value::int(tz));
    }
    // A canonical location holds both coordinates or neither (its validator refuses half a
    // point), while a Wialon update may move just one: a lone coordinate is kept verbatim as
    // Wialon's own field, so that converting back to Wialon restores it and any other target
    // reports it as lost.
    let (lat, lon) = match (lat, lon) {
        (Some(_), Some(_)) | (None, None) => (lat, lon),
        (lone_lat, lone_lon) => {
            for (key, value) in [("y", lone_lat), ("x", lone_lon)] {
                if let Some(value) = value {
                    own.push(key, Value::f64(value));
                }
            }
            (None, None)
        }
    };
    let mut o = Order {
        id: order_id.filter(|id| *id > 0).map(|id| id.to_string()),
        number: name.map(Cow::into_owned),
        ..Order::default()
    };

    // The order point.
    let mut location = Location {
        lat,
        lon,
        ..Location::default()
    };
    let mut contact = Contact::default();
    let mut p_own = Object::new();
    if let Some(p) = props {
        read_props(p, &mut o, &mut location, &mut contact, &mut p_own, options);
    }
    if location != Location::default() {
        o.location = Some(location);
    }
    if contact != Contact::default() {
        o.contact = Some(contact);
    }

    // Flags: completion rules and warehouse role; what they cannot hold stays verbatim.
    if let Some(f) = f {
        let rules = CompletionRules {
            on_stop_in_radius: f & flags::COMPLETE_ON_STOP != 0,
            on_leaving_radius: f & flags::COMPLETE_ON_LEAVE != 0,
            confirm_only_in_radius: f & flags::CONFIRM_IN_RADIUS_ONLY != 0,
            keep_status_after_route: f & flags::KEEP_STATUS_ON_AUTO_COMPLETE != 0,
            copy_if_unvisited: f & flags::COPY_UNVISITED != 0,
            permanent: f & flags::PERMANENT != 0,
        };
        if f & COMPLETION_BITS != 0 {
            o.completion = Some(rules);
        }
        o.depot_role = match first_role_bit(f) {
            flags::FIRST_WAREHOUSE => Some(DepotRole::First),
            flags::LAST_WAREHOUSE => Some(DepotRole::Last),
            flags::RELOAD_WAREHOUSE => Some(DepotRole::Reload),
            _ => None,
        };
        if flag_residue(f) != 0 {
            own.push("f", uint(f));
        }
    }

    // tf/tt bound the completion time, in UNIX seconds.
    let instant = |t: Option<u64>, key: &'static str, own: &mut Object<'static>| {
        t.and_then(|t| match i64::try_from(t) {
            Ok(t) => Some(t),
            Err(_) => {
                own.push(key, uint(t));
                None
            }
        })
    };
    let (tf, tt) = (
        instant(time_from, "tf", &mut own),
        instant(time_to, "tt", &mut own),
    );
    if tf.is_some() || tt.is_some() {
        o.time_windows = vec![TimeWindow::absolute(tf, tt, None, EndBound::Completion)];
    }
    if let Some(trt) = advance_allowance_s {
        o.scheduling = Some(Scheduling {
            allowed_advance_s: Some(trt),
            ..Scheduling::default()
        });
    }
    o.geofence_radius_m = radius_m.map(|r| r as f64);
    match unit_id {
        // 0 is "no unit": kept verbatim, not an assignment.
        Some(0) => own.push("u", Value::int(0)),
        Some(u) => {
            o.assignment.get_or_insert_with(Assignment::default).unit_id = Some(u.to_string())
        }
        None => {}
    }
    if let Some(CustomFields(fields)) = custom_fields {
        let mut cf = Object::with_capacity(fields.len());
        for (k, v) in fields {
            cf.push(k, Value::str(v));
        }
        o.custom_fields = cf;
    }
    if let Some(dp) = dependencies {
        o.depends_on = dp.ids.iter().map(u64::to_string).collect();
    }
    let mut envelope = None;
    if let Some(mut ej) = extended {
        match ej.remove(ENVELOPE_KEY) {
            Some(Value::String(text)) => envelope = Some(text.into_owned()),
            Some(v @ Value::Object(_)) => envelope = Some(v.to_json()),
            // Not ours after all: kept as it was.
            Some(other) => ej.push(ENVELOPE_KEY, other),
            None => {}
        }
        if envelope.is_none() || !ej.is_empty() {
            own.push("ej", Value::Object(ej));
        }
    }
    if !p_own.is_empty() {
        own.push("p", Value::Object(p_own));
    }
    for (k, v) in extra {
        own.push(k, v);
    }
    if !own.is_empty() {
        o.vendor.push(ID, Value::Object(own));
    }
    (o, envelope)
}

/// Tells a canonical reader why a lone `y` or `x` (a Wialon update moving one coordinate) is
/// not in `location` but in `vendor.wialon`: a canonical location needs both coordinates.
fn lone_coordinate_note(core: &OrderCore, order: &str, ck: &mut Checker) {
    let (key, name, other) = match (core.lat, core.lon) {
        (Some(_), None) => ("y", "latitude", "x (longitude)"),
        (None, Some(_)) => ("x", "longitude", "y (latitude)"),
        _ => return,
    };
    ck.push(Issue::warning(
        format!("{order}/{key}"),
        codes::VALUE_ADJUSTED,
        format!(
            "`{key}` ({name}) is kept as vendor.wialon.{key}, not in location: a canonical location needs both coordinates, and {other} is not given. Give both to convert the point."
        ),
    ));
}

/// Maps the `p` object; its own fields go to `p_own`.
fn read_props(
    p: OrderProps,
    o: &mut Order,
    location: &mut Location,
    contact: &mut Contact,
    p_own: &mut Object<'static>,
    options: &ConvertOptions,
) {
    let OrderProps {
        client_name,
        phone,
        phone2,
        email,
        address,
        volume,
        weight_kg,
        cost,
        service_time_s,
        vehicle_type,
        description,
        shipping_document,
        custom_id,
        comment,
        warehouse_units,
        warehouse_geofences,
        notify: ntf,
        priority,
        tags,
        route,
        extra,
    } = p;
    contact.name = client_name.map(Cow::into_owned);
    contact.phone = phone.map(Cow::into_owned);
    contact.phone2 = phone2.map(Cow::into_owned);
    contact.email = email.map(Cow::into_owned);
    location.address = address.map(Cow::into_owned);
    if volume.is_some() || weight_kg.is_some() {
        o.load = Some(Load {
            weight_kg,
            volume,
            ..Load::default()
        });
    }
    if let Some(c) = cost {
        o.money = Some(Money {
            cost: Some(c as f64),
            ..Money::default()
        });
    }
    if let Some(ut) = service_time_s {
        o.service = Some(Service {
            duration_s: Some(ut as f64),
            shared_duration_s: None,
        });
    }
    if vehicle_type.is_some() {
        o.requirements = Some(Requirements {
            vehicle_type: vehicle_type.map(Cow::into_owned),
            ..Requirements::default()
        });
    }
    o.description = description.map(Cow::into_owned);
    o.document_number = shipping_document.map(Cow::into_owned);
    o.external_id = custom_id.map(Cow::into_owned);
    o.status_comment = comment.map(Cow::into_owned);
    if let Some(aff) = warehouse_units {
        p_own.push("aff", Value::str(aff));
    }
    if let Some(z) = warehouse_geofences {
        p_own.push("z", Value::str(z));
    }
    if let Some(n) = ntf {
        o.notifications = Some(Notifications {
            email: Some(n & notify::EMAIL != 0),
            sms: Some(n & notify::SMS_PHONE != 0),
            sms_second_phone: Some(n & notify::SMS_PHONE2 != 0),
            before_arrival: None,
        });
        if n & !notify::DOCUMENTED != 0 {
            p_own.push("ntf", uint(n));
        }
    }
    if let Some(pr) = priority {
        let p = priority_from_wialon(pr, &options.priorities);
        o.priority = Some(p);
        // The exact number, when the table cannot reproduce it (e.g. 7 reads as critical).
        if wialon_pr(p, &options.priorities) != pr {
            p_own.push("pr", uint(pr));
        }
    }
    if let Some(tags) = tags {
        o.tags = tags.iter().map(u64::to_string).collect();
    }
    if let Some(r) = route {
        let RouteInfo {
            route_id,
            index,
            mileage_m,
            time_s,
            notify_before_s,
            visit_time,
            extra: r_extra,
        } = r;
        if let Some(id) = route_id {
            o.assignment
                .get_or_insert_with(Assignment::default)
                .route_id = Some(id.to_string());
        }
        let mut r_own = r_extra;
        let visit_time_unix = visit_time.and_then(|vt| match i64::try_from(vt) {
            Ok(t) => Some(t),
            Err(_) => {
                r_own.push("vt", uint(vt));
                None
            }
        });
        let stop = PlannedStop {
            sequence: index,
            distance_from_previous_m: mileage_m,
            travel_time_from_previous_s: time_s,
            visit_time_unix,
            notify_before_s,
        };
        if stop != PlannedStop::default() {
            o.planned_stop = Some(stop);
        }
        if !r_own.is_empty() {
            p_own.push("r", Value::Object(r_own));
        }
    }
    for (k, v) in extra {
        p_own.push(k, v);
    }
}

// ----------------------------------------------------------------------------------- write

const ENVELOPE_KEY_REASON: &str = "it names Wialon's call envelope (svc, params, flags), which the conversion writes itself; an order's params do not hold it.";

/// Reads the order's own Wialon fields (`vendor.wialon`) into `params` (empty when called) with
/// the Wialon reader: a value Wialon would reject is reported (and the order not written) rather
/// than copied out.
fn own_params(order: &Order, cx: &mut WriteCx, params: &mut OrderParams<'_>) {
    let Some(slot) = order.vendor.get(ID) else {
        return;
    };
    let root = Path::root();
    let vendor = root.key("vendor");
    let path = vendor.key(ID);
    let mut ck = Checker::new();
    // Not an object: reported, and the params stay empty.
    let _ = read_params_into(slot, &path, &mut ck, params);
    absorb_slot_issues(ck, cx);
    if params.extra.is_empty() {
        return;
    }
    // Copied into the params, these keys would make the output read as another payload:
    // `svc`, `params` and `flags` as a call envelope around nothing, `error` as an error answer.
    for (key, reason) in [
        ("svc", ENVELOPE_KEY_REASON),
        ("params", ENVELOPE_KEY_REASON),
        ("flags", ENVELOPE_KEY_REASON),
        ("error", "it marks a Wialon error answer (`{\"error\": N}`), not an order field; written into a request, it would make the request read as an answer."),
    ] {
        if params.extra.remove(key).is_some() {
            cx.lose(child("/vendor/wialon", key), reason);
        }
    }
}

/// Builds the params of one order in `params` (empty when called: the params are large, and
/// returning them was a bulk copy in wasm); `None` when the order cannot be written (reported in
/// `cx`).
fn write<'o>(order: &'o Order, cx: &mut WriteCx, params: &mut OrderParams<'o>) -> Option<()> {
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
    own_params(order, cx, params);
    let core = &mut params.core;
    // `p` is filled where it stands in the params (and left out at the end when empty): taking
    // it out and putting it back moved half a kilobyte twice an order, as bulk copies in wasm.
    let props = core.props.get_or_insert_with(OrderProps::default);
    let mut route = props.route.take().unwrap_or_default();
    let own_f = core.flags.take();
    let own_ntf = props.notify.take();
    let own_pr = props.priority.take();
    let own_u = core.unit_id.take();

    // Identity: an id makes an update, no id a create.
    if params.resource_id.is_none() {
        require(
            "the id of the resource that holds the orders (`itemId`)",
            "defaults.vendor.wialon.itemId",
            NAME,
            cx,
        );
    }
    let order_id = id
        .as_deref()
        .and_then(|id| integer_id(id, "/id", "id", 1, NAME, cx));
    params.order_id = Some(order_id.map_or(0, |id| id as i64));
    params.call_mode = Some(if order_id.is_some() {
        CallMode::Update
    } else {
        CallMode::Create
    });
    core.name = number.as_deref().map(Cow::Borrowed);
    props.custom_id = external_id.as_deref().map(Cow::Borrowed);
    props.shipping_document = document_number.as_deref().map(Cow::Borrowed);
    lose_if(
        kind,
        "/kind",
        "Wialon orders have no kind (delivery, pickup...); only warehouse stops are marked (depotRole).",
        cx,
    );
    lose_if(
        date,
        "/date",
        "Wialon orders have no date field; the day is carried only by the instants tf/tt.",
        cx,
    );

    // Location. An own `y`/`x` is a lone coordinate kept by the reader (a canonical location
    // holds both or neither): it is written when the location gives no point, and superseded,
    // as a loss, when it does.
    let (own_lat, own_lon) = (core.lat.take(), core.lon.take());
    let (lat, lon) = (
        location.as_ref().and_then(|l| l.lat),
        location.as_ref().and_then(|l| l.lon),
    );
    if lat.is_none() && lon.is_none() {
        (core.lat, core.lon) = (own_lat, own_lon);
    } else {
        (core.lat, core.lon) = (lat, lon);
        for (own, written, at) in [
            (own_lat, lat, "/vendor/wialon/y"),
            (own_lon, lon, "/vendor/wialon/x"),
        ] {
            if own.is_some() && own != written {
                cx.lose(
                    at,
                    "the order's location gives the point; this lone Wialon coordinate kept beside it is not written.",
                );
            }
        }
    }
    props.address = None;
    if let Some(l) = location {
        props.address = l.address.as_deref().map(Cow::Borrowed);
        if let Some(parts) = &l.address_parts {
            if props.address.is_none() {
                props.address = join_address(parts).map(Cow::Owned);
                if props.address.is_some() {
                    cx.derive(
                        "/location/addressParts",
                        &["/location/address"],
                        Text::from_static(concat!(
                            "the one-line address p.a was joined from the address parts as ",
                            joined_address_form!(),
                            "."
                        )),
                    );
                }
            }
            cx.lose(
                "/location/addressParts",
                "Wialon holds the address on one line (p.a); its parts cannot be kept apart.",
            );
        }
        lose_if(&l.name, "/location/name", "Wialon has no place name.", cx);
        lose_if(
            &l.code,
            "/location/code",
            "Wialon has no location code.",
            cx,
        );
        lose_if(
            &l.notes,
            "/location/notes",
            "Wialon has no location notes.",
            cx,
        );
        lose_refined(&l.refined, NAME, cx);
    }
    if params.call_mode == Some(CallMode::Create) && (core.lat.is_none() || core.lon.is_none()) {
        require(
            "the order point (latitude y and longitude x) to create an order",
            "defaults.location",
            NAME,
            cx,
        );
    }

    // Contact.
    props.client_name = None;
    props.phone = None;
    props.phone2 = None;
    props.email = None;
    if let Some(c) = contact {
        write_contact(c, props, cx);
    }

    // Time window and allowed advance.
    core.time_from = None;
    core.time_to = None;
    if let Some((i, w)) = earliest_window(time_windows, NAME, cx) {
        let duration = service.as_ref().and_then(|s| s.duration_s);
        let w = on_order_date(
            bounds_for(w, i, EndBound::Completion, NAME, duration, cx)?,
            date,
        );
        let root = Path::root();
        let list = root.key("timeWindows");
        let path = list.index(i);
        let mut ck = Checker::new();
        let times = format_wialon(&w, None, cx.time, &path, &mut ck);
        cx.absorb(ck);
        let times = times?;
        core.time_from = times.tf.and_then(|t| u64::try_from(t).ok());
        core.time_to = times.tt.and_then(|t| u64::try_from(t).ok());
        if let Some(original) = time_windows.get(i) {
            let back = TimeWindow::absolute(times.tf, times.tt, None, EndBound::Completion);
            if back != *original {
                cx.carry(&window_pointer(i));
            }
        }
    }
    core.advance_allowance_s = None;
    if let Some(s) = scheduling {
        core.advance_allowance_s = s.allowed_advance_s;
        lose_list(
            &s.allowed_weekdays,
            "/scheduling/allowedWeekdays",
            "Wialon has no allowed weekdays.",
            cx,
        );
        lose_if(
            &s.allowed_from,
            "/scheduling/allowedFrom",
            "Wialon has no allowed dates.",
            cx,
        );
        lose_if(
            &s.allowed_to,
            "/scheduling/allowedTo",
            "Wialon has no allowed dates.",
            cx,
        );
    }

    // Service, load, money.
    props.service_time_s = None;
    if let Some(s) = service {
        props.service_time_s = s
            .duration_s
            .and_then(|d| whole(d, "/service/durationS", "p.ut", cx));
        lose_if(
            &s.shared_duration_s,
            "/service/sharedDurationS",
            "Wialon has no service time shared between orders at one place.",
            cx,
        );
    }
    props.weight_kg = load.as_ref().and_then(|l| l.weight_kg);
    props.volume = load.as_ref().and_then(|l| l.volume);
    if let Some(l) = load {
        lose_if(
            &l.packages,
            "/load/packages",
            "Wialon has no package count.",
            cx,
        );
        lose_list(
            &l.custom,
            "/load/custom",
            "Wialon has no load dimensions besides weight and volume.",
            cx,
        );
    }
    props.cost = None;
    if let Some(m) = money {
        props.cost = m.cost.and_then(|c| whole(c, "/money/cost", "p.c", cx));
        lose_if(
            &m.amount,
            "/money/amount",
            "Wialon has no amount to collect.",
            cx,
        );
        lose_if(&m.revenue, "/money/revenue", "Wialon has no revenue.", cx);
        lose_if(
            &m.payment_type,
            "/money/paymentType",
            "Wialon has no payment type.",
            cx,
        );
        lose_if(
            &m.payment_status,
            "/money/paymentStatus",
            "Wialon has no payment status.",
            cx,
        );
    }

    // Priority: the exact number kept from a Wialon source when it still reads the same.
    let table = &cx.options.priorities;
    props.priority = priority.map(|p| {
        own_pr
            .filter(|pr| priority_from_wialon(*pr, table) == p)
            .unwrap_or_else(|| wialon_pr(p, table))
    });

    props.vehicle_type = None;
    if let Some(r) = requirements {
        props.vehicle_type = r.vehicle_type.as_deref().map(Cow::Borrowed);
        lose_list(
            &r.skills,
            "/requirements/skills",
            "Wialon has no skills.",
            cx,
        );
        lose_list(
            &r.vehicle_features,
            "/requirements/vehicleFeatures",
            "Wialon has no vehicle features.",
            cx,
        );
    }

    // Assignment and planned stop.
    core.unit_id = own_u.filter(|u| *u == 0);
    route.route_id = None;
    if let Some(a) = assignment {
        if let Some(u) = &a.unit_id {
            if let Some(u) = integer_id(u, "/assignment/unitId", "u", 1, NAME, cx) {
                core.unit_id = Some(u as i64);
            }
        }
        if let Some(r) = &a.route_id {
            route.route_id = integer_id(r, "/assignment/routeId", "p.r.id", 0, NAME, cx);
        }
        lose_if(
            &a.route_number,
            "/assignment/routeNumber",
            "Wialon routes have ids, not numbers.",
            cx,
        );
        lose_if(
            &a.driver_serial,
            "/assignment/driverSerial",
            "Wialon assigns units, not drivers.",
            cx,
        );
        lose_if(
            &a.driver_external_id,
            "/assignment/driverExternalId",
            "Wialon assigns units, not drivers.",
            cx,
        );
        lose_if(
            &a.depot_id,
            "/assignment/depotId",
            "Wialon has no depot id.",
            cx,
        );
    }
    route.index = None;
    route.mileage_m = None;
    route.time_s = None;
    route.visit_time = None;
    route.notify_before_s = None;
    if let Some(s) = planned_stop {
        route.index = s.sequence;
        route.mileage_m = s.distance_from_previous_m;
        route.time_s = s.travel_time_from_previous_s;
        route.notify_before_s = s.notify_before_s;
        if let Some(vt) = s.visit_time_unix {
            match u64::try_from(vt) {
                Ok(vt) => route.visit_time = Some(vt),
                Err(_) => cx.lose(
                    "/plannedStop/visitTimeUnix",
                    "Wialon `p.r.vt` holds UNIX times from 1970 on.",
                ),
            }
        }
    }
    core.radius_m = geofence_radius_m.and_then(|r| whole(r, "/geofenceRadiusM", "r", cx));

    // Flags: the canonical bits, plus those of the own `f` the canonical order cannot hold.
    let mut f = own_f.map_or(0, flag_residue);
    if let Some(c) = completion {
        let CompletionRules {
            on_stop_in_radius,
            on_leaving_radius,
            confirm_only_in_radius,
            keep_status_after_route,
            copy_if_unvisited,
            permanent,
        } = c;
        for (set, bit) in [
            (on_stop_in_radius, flags::COMPLETE_ON_STOP),
            (on_leaving_radius, flags::COMPLETE_ON_LEAVE),
            (confirm_only_in_radius, flags::CONFIRM_IN_RADIUS_ONLY),
            (keep_status_after_route, flags::KEEP_STATUS_ON_AUTO_COMPLETE),
            (copy_if_unvisited, flags::COPY_UNVISITED),
            (permanent, flags::PERMANENT),
        ] {
            if *set {
                f |= bit;
            }
        }
    }
    f |= match depot_role {
        Some(DepotRole::First) => flags::FIRST_WAREHOUSE,
        Some(DepotRole::Last) => flags::LAST_WAREHOUSE,
        Some(DepotRole::Reload) => flags::RELOAD_WAREHOUSE,
        None => 0,
    };
    core.flags = (f != 0).then_some(f);

    lose_if(
        notes,
        "/notes",
        "Wialon has no driver notes (p.d is the description).",
        cx,
    );
    props.description = description.as_deref().map(Cow::Borrowed);
    props.comment = status_comment.as_deref().map(Cow::Borrowed);

    // Custom fields: Wialon's `cf` holds text.
    core.custom_fields = None;
    let mut cf = Vec::with_capacity(custom_fields.len());
    for (key, value) in custom_fields.iter() {
        let at = crate::convert::write::child("/customFields", key);
        match value {
            Value::String(s) => cf.push((key.to_string(), s.to_string())),
            Value::Number(_) | Value::Bool(_) => {
                let text = match value {
                    Value::Number(n) => n.raw().to_string(),
                    _ => value.to_json(),
                };
                cx.adjust(
                    &at,
                    format!("custom field `{key}` was written as the text \"{text}\": Wialon custom fields hold text."),
                );
                cf.push((key.to_string(), text));
            }
            _ => cx.lose(
                at,
                "Wialon custom fields hold text, not null, lists or objects.",
            ),
        }
    }
    if !cf.is_empty() {
        core.custom_fields = Some(CustomFields(cf));
    }

    props.tags = None;
    let mut tag_ids = Vec::with_capacity(tags.len());
    for (i, tag) in tags.iter().enumerate() {
        // Past i64 a tag would be a JSON number that Wialon payloads cannot hold.
        match numeric_id(tag).filter(|t| *t <= i64::MAX as u64) {
            Some(t) => tag_ids.push(t),
            None => cx.lose(
                format!("/tags/{i}"),
                "Wialon tags are numeric ids (p.tags) from 0 to 9223372036854775807; this one is not such a whole number.",
            ),
        }
    }
    if !tag_ids.is_empty() {
        props.tags = Some(tag_ids);
    }
    lose_list(barcodes, "/barcodes", "Wialon has no barcodes.", cx);

    // Notifications: the canonical bits, plus undocumented ones of the own `ntf`.
    let residue = own_ntf.map_or(0, |n| n & !notify::DOCUMENTED);
    let mut ntf = residue;
    let mut said = residue != 0;
    if let Some(n) = notifications {
        for (flag, bit) in [
            (n.sms, notify::SMS_PHONE),
            (n.sms_second_phone, notify::SMS_PHONE2),
            (n.email, notify::EMAIL),
        ] {
            if let Some(on) = flag {
                said = true;
                if on {
                    ntf |= bit;
                }
            }
        }
        lose_if(
            &n.before_arrival,
            "/notifications/beforeArrival",
            "Wialon has no push notification before arrival.",
            cx,
        );
    }
    if let Some(n) = notifications {
        // The notifications the order does not mention, by which of sms, smsSecondPhone and
        // email they are (a batch says the same few sentences for every order).
        let unsaid = [n.sms, n.sms_second_phone, n.email].map(|flag| flag.is_none());
        // The sentence for each combination is spelt out whole: a shared static text costs
        // nothing to hand to every order, where joining its pieces meant a lookup per order.
        macro_rules! unsaid_written_off {
            ($names:literal) => {
                concat!(
                    "Wialon's ntf sets every notification on or off: ",
                    $names,
                    " (not said in the order) written as off."
                )
            };
        }
        let (message, created): (&'static str, &'static [&'static str]) = match unsaid {
            [false, false, false] => ("", &[]),
            [true, false, false] => (unsaid_written_off!("sms"), &["/notifications/sms"]),
            [false, true, false] => (
                unsaid_written_off!("smsSecondPhone"),
                &["/notifications/smsSecondPhone"],
            ),
            [false, false, true] => (unsaid_written_off!("email"), &["/notifications/email"]),
            [true, true, false] => (
                unsaid_written_off!("sms, smsSecondPhone"),
                &["/notifications/sms", "/notifications/smsSecondPhone"],
            ),
            [true, false, true] => (
                unsaid_written_off!("sms, email"),
                &["/notifications/sms", "/notifications/email"],
            ),
            [false, true, true] => (
                unsaid_written_off!("smsSecondPhone, email"),
                &["/notifications/smsSecondPhone", "/notifications/email"],
            ),
            [true, true, true] => (
                unsaid_written_off!("sms, smsSecondPhone, email"),
                &[
                    "/notifications/sms",
                    "/notifications/smsSecondPhone",
                    "/notifications/email",
                ],
            ),
        };
        if said && !created.is_empty() {
            cx.derive(
                Text::from_static("/notifications"),
                created,
                Text::from_static(message),
            );
        }
    }
    props.notify = said.then_some(ntf);

    lose_if(
        status,
        "/status",
        "Wialon sets an order's status itself (`s`, in responses); a request cannot carry it.",
        cx,
    );
    core.dependencies = None;
    let mut dp = Vec::with_capacity(depends_on.len());
    for (i, d) in depends_on.iter().enumerate() {
        // Past i64 the id is one Wialon's reader refuses (even as text).
        match numeric_id(d).filter(|id| *id <= i64::MAX as u64) {
            Some(id) => dp.push(id),
            None => cx.lose(
                format!("/dependsOn/{i}"),
                "Wialon dependencies (dp) are numeric order ids from 0 to 9223372036854775807; this one is not such a whole number.",
            ),
        }
    }
    if !dp.is_empty() {
        core.dependencies = Some(Dependencies {
            ids: dp,
            form: DependencyForm::Texts,
        });
    }
    lose_if(
        related_order,
        "/relatedOrder",
        "Wialon has no related (paired) order.",
        cx,
    );
    lose_if(
        created_at_ms,
        "/createdAtMs",
        "Wialon sets the creation time itself (`ct`, in responses).",
        cx,
    );
    lose_other_vendors(vendor, ID, cx);

    // The envelope rides in `ej`, beside the order's own extended JSON.
    if let Some(text) = &cx.envelope {
        let value = json::parse(text).map_or_else(|_| Value::str(text.clone()), Value::into_owned);
        params
            .extended
            .get_or_insert_with(Object::new)
            .set(ENVELOPE_KEY, value);
    }
    if route != RouteInfo::default() {
        props.route = Some(route);
    }
    if params.core.props.as_ref() == Some(&OrderProps::default()) {
        params.core.props = None;
    }
    Some(())
}

/// Writes the contact into `p`: Wialon holds one name line, two phones and an email.
fn write_contact<'o>(c: &'o Contact, props: &mut OrderProps<'o>, cx: &mut WriteCx) {
    let Contact {
        name,
        first_name,
        last_name,
        phone,
        phone2,
        email,
        customer_id,
    } = c;
    props.client_name = name.as_deref().map(Cow::Borrowed);
    let (first, last) = (first_name.as_deref(), last_name.as_deref());
    if name.is_none() {
        props.client_name = join_name(first, last).map(Cow::Owned);
        if props.client_name.is_some() {
            let from = if first.is_some() {
                "/contact/firstName"
            } else {
                "/contact/lastName"
            };
            cx.derive(
                from,
                &["/contact/name"],
                Text::from_static(concat!(
                    "the client name p.n was joined from the first and last name as ",
                    joined_name_form!(),
                    "."
                )),
            );
        }
    }
    // First and last name survive only when splitting the written name gives them back.
    let recoverable = SourceRebuilds::of(cx.options).name_parts
        && props
            .client_name
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
                    "Wialon holds one client name (p.n); splitting it would not give this part back.",
                );
            }
        }
    }
    props.phone = phone.as_deref().map(Cow::Borrowed);
    props.phone2 = phone2.as_deref().map(Cow::Borrowed);
    props.email = email.as_deref().map(Cow::Borrowed);
    lose_if(
        customer_id,
        "/contact/customerId",
        "Wialon has no customer id (p.cid is the order's custom id, externalId).",
        cx,
    );
}
