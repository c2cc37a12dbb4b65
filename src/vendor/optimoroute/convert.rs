//! OptimoRoute orders as a conversion source and target (`docs/canonical.md` has the field map,
//! `docs/conversion.md` the rules; this comment adds what is particular to OptimoRoute).
//!
//! # Reading
//! A `create_order` body (one order), a `create_or_update_orders` body (a batch), or a
//! `get_orders` response (a batch of its `orders[i].data`; failed items are reported by index
//! and not converted). The payload is validated by the module's own readers on the way, with
//! the vendor's codes; an order with an error is not converted. For conversion the 500-order
//! limit of `create_or_update_orders` is a warning, not an error: it limits requests to
//! OptimoRoute, not the data.
//!
//! Every documented field maps to a canonical one (`duration` and `checkInTime` minutes × 60 →
//! seconds, exactly; `load1..4` by the `loadMapping` option; `timeWindows` as local windows on
//! the order `date` whose end is a service-end deadline; `allowedDateTimes` as local windows
//! whose end bounds the service start; the deprecated `twFrom`/`twTo` as one window when
//! `timeWindows` is absent; legacy `customField1..5` as custom fields `custom_field_1..5`).
//! What the canonical fields cannot hold stays verbatim under `vendor.optimoroute`, in
//! OptimoRoute's own names and nesting: `operation`, `acceptDuplicateOrderNo`, the `location`
//! geocoding flags and `valid`, undocumented fields, explicit `null`s (`assignedTo: null`
//! clears an assignment) and empty lists/objects (`vehicleFeatures: []`, `allowedDates: {}`),
//! a `duration` that minutes × 60 ÷ 60 would not give back exactly, a load the mapped canonical
//! field cannot hold (a fractional package count), `twFrom`/`twTo` that `timeWindows` makes
//! ineffective, list items with undocumented fields (the whole list), and `windowSources`, which
//! names, per canonical window, the OptimoRoute field it came from when that is not simply
//! `timeWindows`. So OptimoRoute → canonical → OptimoRoute is the identity on OptimoRoute's
//! fields (object key order aside).
//!
//! # Writing
//! A single order is written as a `create_order` body, a batch as `create_or_update_orders`;
//! the `endpoint` option chooses otherwise (`"create_order"`: a batch becomes a JSON array of
//! `create_order` bodies, one request each; `"create_or_update_orders"`; or
//! `"create_or_update_orders:chunks"`: a JSON array of `create_or_update_orders` bodies of at
//! most 500 orders each, to send one after another). A batch of more than 500 orders in one body
//! is reported as `TOO_MANY_ITEMS` (the body is still produced; the client must chunk it).
//!
//! `create_order` needs `operation`: `vendor.optimoroute.operation`, else
//! `defaults.vendor.optimoroute.operation`, else `"SYNC"`, the idempotent create-or-replace. Bulk
//! items carry an `operation` only when the order has one (OptimoRoute's default behaviour then
//! applies: update by `id`, else by `orderNo`, else create). An order that will or may be created
//! needs `date`, `type` and `location` (`create_order`) or `date` and `location` (bulk); a
//! missing one is `CANNOT_CONVERT` naming the option that supplies it. The `date` is the
//! order's, else the `date` option, else the local date of its first window (reported).
//!
//! Windows: an absolute window is placed in the `timeZone` option's zone (`TIME_ZONE_REQUIRED`
//! without one). A bounded window on the order date that ends by midnight becomes a
//! `timeWindows` item; one on another date, spanning days or open-ended becomes an
//! `allowedDateTimes` item; a window that came from `allowedDateTimes` or `twFrom`/`twTo` goes
//! back there. `timeWindows` ends bound the end of service and `allowedDateTimes` ends its start:
//! a window that bounds something else keeps its times and reports the change of meaning
//! (`windowSemantics: "keep"`), or is shifted by the service duration (`"adjust"`). Times are
//! rounded inward to whole minutes (`PRECISION_LOST`).
//!
//! The orderbridge envelope (`preserveUnmapped`) is the text of `customFields.orderbridge`: the
//! account needs a Text custom field with the key `orderbridge`.

mod read;
mod write;

use super::{Endpoint, MAX_BULK_ITEMS};
use crate::check::Checker;
use crate::convert::write::{
    child, join_json, joined_len, map_pointer, push_joined, single, PointerRow,
};
use crate::convert::{Codec, ConvertOptions, LoadSlot, OrderSink, Payload, Shape, WriteCx};
use crate::issue::{codes as core_codes, Issue};
use crate::json::Value;
use crate::model::Order;
use std::borrow::Cow;

/// The OptimoRoute codec.
#[derive(Debug, Clone, Copy, Default)]
pub struct OptimoRouteCodec;

/// The instance the registry hands out.
pub static CODEC: OptimoRouteCodec = OptimoRouteCodec;

/// The format id, and the key of the order's verbatim OptimoRoute fields under `vendor`.
const ID: &str = "optimoroute";

/// The vendor's name in messages.
const NAME: &str = "OptimoRoute";

/// The key of the orderbridge envelope in `customFields`.
const ENVELOPE_KEY: &str = "orderbridge";

/// The `vendor.optimoroute` key naming, per canonical window, the OptimoRoute field it came from
/// (written only when some window did not come from `timeWindows`).
const WINDOW_SOURCES: &str = "windowSources";

/// Where a canonical window came from, or goes to, in an OptimoRoute order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WindowField {
    /// An item of `timeWindows`.
    TimeWindows,
    /// An item of `allowedDateTimes`.
    AllowedDateTimes,
    /// The deprecated order-level `twFrom`/`twTo` pair (`create_order` only).
    Pair,
}

impl WindowField {
    const TIME_WINDOWS: &'static str = "timeWindows";
    const ALLOWED_DATE_TIMES: &'static str = "allowedDateTimes";
    const PAIR: &'static str = "twFrom/twTo";

    fn name(self) -> &'static str {
        match self {
            WindowField::TimeWindows => Self::TIME_WINDOWS,
            WindowField::AllowedDateTimes => Self::ALLOWED_DATE_TIMES,
            WindowField::Pair => Self::PAIR,
        }
    }

    fn from_name(name: &str) -> Option<WindowField> {
        match name {
            Self::TIME_WINDOWS => Some(WindowField::TimeWindows),
            Self::ALLOWED_DATE_TIMES => Some(WindowField::AllowedDateTimes),
            Self::PAIR => Some(WindowField::Pair),
            _ => None,
        }
    }
}

/// The form an order is written in: a `create_order` body or an item of
/// `create_or_update_orders`. They differ in what is mandatory, in geocoding, and in `twFrom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    CreateOrder,
    Bulk,
}

/// What the `endpoint` option asks of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    /// One body per shape: a single order as `create_order`, a batch as
    /// `create_or_update_orders` (the default).
    ByShape,
    /// `create_order` bodies (a batch: a JSON array of them).
    CreateOrder,
    /// One `create_or_update_orders` body.
    Bulk,
    /// A JSON array of `create_or_update_orders` bodies of at most 500 orders.
    BulkChunks,
}

/// The `endpoint` value that asks for chunked `create_or_update_orders` bodies.
const CHUNKS_ENDPOINT: &str = "create_or_update_orders:chunks";

/// The target endpoints the codec writes, for messages.
const TARGET_ENDPOINTS: &[&str] = &["create_order", "create_or_update_orders", CHUNKS_ENDPOINT];

/// Reads the `endpoint` option for the target; `None` for a name the codec does not write.
fn output(options: &ConvertOptions) -> Option<Output> {
    match options.target_endpoint.as_deref() {
        None => Some(Output::ByShape),
        Some("create_order") => Some(Output::CreateOrder),
        Some("create_or_update_orders") => Some(Output::Bulk),
        Some(CHUNKS_ENDPOINT) => Some(Output::BulkChunks),
        Some(_) => None,
    }
}

fn form(out: Output, shape: Shape) -> Form {
    match (out, shape) {
        (Output::ByShape, Shape::Single) | (Output::CreateOrder, _) => Form::CreateOrder,
        _ => Form::Bulk,
    }
}

/// The OptimoRoute field a load slot (`load1`..`load4`) is written to.
const LOAD_FIELDS: [&str; 4] = ["load1", "load2", "load3", "load4"];

/// The canonical pointer of a load slot's field.
fn load_pointer(slot: LoadSlot) -> String {
    match slot {
        LoadSlot::Weight => "/load/weightKg".to_string(),
        LoadSlot::Volume => "/load/volume".to_string(),
        LoadSlot::Packages => "/load/packages".to_string(),
        LoadSlot::Custom(i) => format!("/load/custom/{i}"),
    }
}

/// Canonical field → order field (relative to the order object). Windows and loads depend on
/// the order and the options and are mapped in [`OptimoRouteCodec::order_source_pointer`].
const POINTERS: &[PointerRow] = &[
    ("/id", "/id", false),
    ("/number", "/orderNo", false),
    ("/relatedOrder/number", "/relatedOrderNo", false),
    ("/relatedOrder/id", "/relatedId", false),
    ("/date", "/date", false),
    ("/kind", "/type", false),
    ("/location", "/location", false),
    ("/location/lat", "/location/latitude", false),
    ("/location/lon", "/location/longitude", false),
    ("/location/address", "/location/address", false),
    ("/location/name", "/location/locationName", false),
    ("/location/code", "/location/locationNo", false),
    ("/location/notes", "/location/notes", false),
    ("/service/durationS", "/duration", false),
    ("/service/sharedDurationS", "/location/checkInTime", false),
    ("/scheduling/allowedWeekdays", "/allowedWeekdays", true),
    ("/scheduling/allowedFrom", "/allowedDates/from", false),
    ("/scheduling/allowedTo", "/allowedDates/to", false),
    ("/assignment/driverSerial", "/assignedTo/serial", false),
    (
        "/assignment/driverExternalId",
        "/assignedTo/externalId",
        false,
    ),
    ("/priority", "/priority", false),
    ("/requirements/skills", "/skills", true),
    ("/requirements/vehicleFeatures", "/vehicleFeatures", true),
    ("/notes", "/notes", false),
    ("/contact/email", "/email", false),
    ("/contact/phone", "/phone", false),
    ("/notifications/email", "/notificationPreference", false),
    ("/notifications/sms", "/notificationPreference", false),
    ("/vendor/optimoroute", "", true),
];

impl OptimoRouteCodec {
    /// Where a canonical window field came from, given the order's window sources.
    fn window_pointer(canonical: &str, order: &Order) -> Option<String> {
        let mut out = String::new();
        Self::push_window_pointer(canonical, order, &mut out).then_some(out)
    }

    /// Appends [`OptimoRouteCodec::window_pointer`] to `out` (a window's issue path is built
    /// in place, once per order of a batch); false, appending nothing, when there is none.
    fn push_window_pointer(canonical: &str, order: &Order, out: &mut String) -> bool {
        let Some(rest) = canonical.strip_prefix("/timeWindows") else {
            return false;
        };
        if rest.is_empty() {
            out.push_str("/timeWindows");
            return true;
        }
        let Some(rest) = rest.strip_prefix('/') else {
            return false;
        };
        let (index, field) = match rest.split_once('/') {
            Some((i, f)) => (i, Some(f)),
            None => (rest, None),
        };
        let Ok(index) = index.parse::<usize>() else {
            return false;
        };
        let sources = read::window_sources(order);
        let source = sources
            .as_ref()
            .and_then(|s| s.get(index).copied())
            .unwrap_or(WindowField::TimeWindows);
        // The position within its own list: windows of each field keep their order.
        let position = sources.as_ref().map_or(index, |s| {
            s.iter().take(index).filter(|f| **f == source).count()
        });
        let is_start = matches!(field, Some("start" | "startUnix"));
        let is_end = matches!(field, Some("end" | "endUnix"));
        let (list, start, end) = match source {
            WindowField::Pair => {
                out.push_str(if is_end { "/twTo" } else { "/twFrom" });
                return true;
            }
            WindowField::TimeWindows => ("/timeWindows/", "/twFrom", "/twTo"),
            WindowField::AllowedDateTimes => ("/allowedDateTimes/", "/from", "/to"),
        };
        out.push_str(list);
        out.push_str(itoa::Buffer::new().format(position));
        if is_start {
            out.push_str(start);
        } else if is_end {
            out.push_str(end);
        }
        true
    }
}

impl Codec for OptimoRouteCodec {
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
        read::read(payload, options, ck, sink)
    }

    fn source_pointer(&self, canonical: &str) -> Option<String> {
        Some(static_source(canonical).into_owned())
    }

    fn order_source_pointer(
        &self,
        canonical: &str,
        order: &Order,
        options: &ConvertOptions,
    ) -> Option<String> {
        order_source(canonical, order, options).map(Cow::into_owned)
    }

    fn fixed_source_pointer(&self, canonical: &str) -> Option<Option<Cow<'static, str>>> {
        // The exact rows are the fields whose source never depends on the order: none of them
        // is one that `order_source` decides before it reads the table (a test checks this).
        if let Some(row) = POINTERS.iter().find(|row| row.0 == canonical) {
            return Some(Some(Cow::Borrowed(row.1)));
        }
        // Fields kept verbatim (OptimoRoute's own, another vendor's) come from their own key
        // whatever the order; a batch that loses them loses them in every order. Which fields
        // the windows came from depends on the order.
        let kept = canonical.starts_with("/vendor/")
            && canonical != WINDOW_SOURCES_FIELD
            && !canonical
                .strip_prefix(WINDOW_SOURCES_FIELD)
                .is_some_and(|rest| rest.starts_with('/'));
        if kept {
            return Some(Some(static_source(canonical)));
        }
        custom_field_source(canonical).map(Some)
    }

    fn push_order_source_pointer(
        &self,
        canonical: &str,
        order: &Order,
        options: &ConvertOptions,
        out: &mut String,
    ) -> bool {
        // Every lost field of every order of a batch comes this way: most are static text,
        // appended without an allocation.
        if canonical.starts_with("/timeWindows") {
            return Self::push_window_pointer(canonical, order, out);
        }
        match order_source(canonical, order, options) {
            Some(pointer) => {
                out.push_str(&pointer);
                true
            }
            None => false,
        }
    }

    fn write_order(&self, order: &Order, cx: &mut WriteCx) -> Option<String> {
        write::write_order(order, cx)
    }

    fn wrap(&self, orders: Vec<String>, shape: Shape, options: &ConvertOptions) -> String {
        const BULK: (&str, &str) = ("{\"orders\":[", "]}");
        let out = output(options).unwrap_or(Output::ByShape);
        let orders = match (out, single(orders, shape)) {
            (Output::ByShape | Output::CreateOrder, Ok(one)) => return one,
            (_, Ok(one)) => vec![one],
            (_, Err(orders)) => orders,
        };
        match out {
            Output::CreateOrder => join_json(&orders, "[", ("", ""), "]"),
            Output::BulkChunks => {
                let chunks = orders.len().div_ceil(MAX_BULK_ITEMS);
                let size = joined_len(&orders, ("", "")) + chunks * (BULK.0.len() + BULK.1.len());
                let mut text = String::with_capacity(size + 2);
                text.push('[');
                for (i, chunk) in orders.chunks(MAX_BULK_ITEMS).enumerate() {
                    if i > 0 {
                        text.push(',');
                    }
                    text.push_str(BULK.0);
                    push_joined(&mut text, chunk, ("", ""));
                    text.push_str(BULK.1);
                }
                text.push(']');
                text
            }
            Output::ByShape | Output::Bulk => join_json(&orders, BULK.0, ("", ""), BULK.1),
        }
    }

    fn batch_frame(&self, options: &ConvertOptions) -> Option<crate::convert::BatchFrame> {
        // As `wrap` joins a batch.
        match output(options).unwrap_or(Output::ByShape) {
            Output::CreateOrder => Some(crate::convert::BatchFrame::new("[", "", "", "]")),
            Output::ByShape | Output::Bulk => Some(crate::convert::BatchFrame::new(
                "{\"orders\":[",
                "",
                "",
                "]}",
            )),
            Output::BulkChunks => Some(
                crate::convert::BatchFrame::new("[{\"orders\":[", "", "", "]}]")
                    .chunked(MAX_BULK_ITEMS, "]},{\"orders\":["),
            ),
        }
    }

    fn extension_slot(&self) -> Option<&'static str> {
        Some("`customFields.orderbridge` (an OptimoRoute Text custom field with that key)")
    }

    fn target_endpoints(&self) -> &'static [&'static str] {
        TARGET_ENDPOINTS
    }

    fn batch_issues(&self, written: usize, shape: Shape, options: &ConvertOptions) -> Vec<Issue> {
        let out = output(options).unwrap_or(Output::ByShape);
        let one_body = match out {
            Output::Bulk => true,
            Output::ByShape => shape == Shape::Batch,
            Output::CreateOrder | Output::BulkChunks => false,
        };
        if !one_body || written <= MAX_BULK_ITEMS {
            return Vec::new();
        }
        vec![Issue::error(
            "",
            core_codes::TOO_MANY_ITEMS,
            format!(
                "The output holds {written} orders in one create_or_update_orders body, and OptimoRoute takes at most {MAX_BULK_ITEMS} per request: send `orders` in chunks of {MAX_BULK_ITEMS}, or pass endpoint: \"{CHUNKS_ENDPOINT}\" to get a list of bodies of at most {MAX_BULK_ITEMS} orders."
            ),
        )]
    }
}

/// Where a custom field (`/customFields/<key>`...) came from: `customFieldN` for the legacy
/// keys, `customFields/<key>` for the others, whatever the order.
fn custom_field_source(canonical: &str) -> Option<Cow<'static, str>> {
    let key = canonical.strip_prefix("/customFields/")?;
    let key = key.split('/').next().unwrap_or(key);
    Some(Cow::Owned(match read::legacy_custom_field(key) {
        Some(n) => format!("/customField{n}"),
        None => format!("/customFields/{key}"),
    }))
}

/// The canonical field that says which OptimoRoute fields an order's windows came from.
const WINDOW_SOURCES_FIELD: &str = "/vendor/optimoroute/windowSources";

/// [`Codec::order_source_pointer`] of OptimoRoute, borrowed where the pointer is static text.
fn order_source(
    canonical: &str,
    order: &Order,
    options: &ConvertOptions,
) -> Option<Cow<'static, str>> {
    if canonical.starts_with("/timeWindows") {
        return OptimoRouteCodec::window_pointer(canonical, order).map(Cow::Owned);
    }
    // A whole canonical object: where its first field came from.
    let parent = match canonical {
        "/relatedOrder" => Some(
            if order
                .related_order
                .as_ref()
                .is_some_and(|r| r.number.is_some())
            {
                "/relatedOrderNo"
            } else {
                "/relatedId"
            },
        ),
        "/assignment" => Some("/assignedTo"),
        "/notifications" => Some("/notificationPreference"),
        "/service" => Some(
            if order
                .service
                .as_ref()
                .is_some_and(|s| s.duration_s.is_some())
            {
                "/duration"
            } else {
                "/location/checkInTime"
            },
        ),
        "/scheduling" => Some(
            if order
                .scheduling
                .as_ref()
                .is_some_and(|s| !s.allowed_weekdays.is_empty())
            {
                "/allowedWeekdays"
            } else {
                "/allowedDates"
            },
        ),
        "/contact" => Some(
            if order.contact.as_ref().is_some_and(|c| c.phone.is_some()) {
                "/phone"
            } else {
                "/email"
            },
        ),
        "/requirements" => Some(
            if order
                .requirements
                .as_ref()
                .is_some_and(|r| !r.skills.is_empty())
            {
                "/skills"
            } else {
                "/vehicleFeatures"
            },
        ),
        _ => None,
    };
    if let Some(p) = parent {
        return Some(Cow::Borrowed(p));
    }
    if canonical == WINDOW_SOURCES_FIELD {
        // Which fields the windows came from: the fields that are not `timeWindows`.
        let pair = read::window_sources(order).is_some_and(|s| s.contains(&WindowField::Pair));
        return Some(Cow::Borrowed(if pair {
            "/twFrom"
        } else {
            "/allowedDateTimes"
        }));
    }
    if canonical == "/customFields" {
        return Some(Cow::Borrowed("/customFields"));
    }
    if let Some(source) = custom_field_source(canonical) {
        return Some(source);
    }
    if let Some(rest) = canonical.strip_prefix("/barcodes/") {
        let index = rest.split('/').next().unwrap_or(rest);
        return Some(Cow::Owned(format!("/barcode/{index}/barcode")));
    }
    if canonical == "/barcodes" {
        return Some(Cow::Borrowed("/barcode"));
    }
    if canonical.starts_with("/load") {
        for (slot, field) in options.load_slots.iter().zip(LOAD_FIELDS) {
            if canonical == load_pointer(*slot) {
                return Some(Cow::Owned(child("", field)));
            }
        }
        if canonical == "/load/custom" {
            let first = options
                .load_slots
                .iter()
                .zip(LOAD_FIELDS)
                .find(|(slot, _)| matches!(slot, LoadSlot::Custom(_)));
            if let Some((_, field)) = first {
                return Some(Cow::Owned(child("", field)));
            }
        }
        if canonical == "/load" {
            return Some(Cow::Borrowed(""));
        }
    }
    Some(static_source(canonical))
}

/// [`Codec::source_pointer`] of OptimoRoute, borrowed where the pointer is static text.
fn static_source(canonical: &str) -> Cow<'static, str> {
    // The exact fields first: every lost field of every order of a batch comes this way.
    if let Some(row) = POINTERS.iter().find(|row| row.0 == canonical) {
        return Cow::Borrowed(row.1);
    }
    // A field OptimoRoute has no place for can only have come from the envelope.
    Cow::Owned(map_pointer(POINTERS, canonical).unwrap_or_else(|| envelope_pointer(canonical)))
}

/// A canonical field OptimoRoute has no place for: in an OptimoRoute source it can only have
/// come from the orderbridge envelope.
fn envelope_pointer(canonical: &str) -> String {
    let mut p = String::with_capacity(canonical.len() + 27);
    p.push_str("/customFields/");
    p.push_str(ENVELOPE_KEY);
    p
}

/// The endpoint a source payload is read as.
fn source_endpoint(
    payload: &Value,
    options: &ConvertOptions,
    ck: &mut Checker,
) -> Option<(Endpoint, bool)> {
    match options.source_endpoint.as_deref() {
        Some(name) => match Endpoint::from_name(name) {
            Some(e) => Some((e, super::has_success(payload))),
            None => {
                ck.push(Issue::error(
                    "",
                    super::codes::UNKNOWN_ENDPOINT,
                    format!(
                        "\"{}\" is not an OptimoRoute endpoint; orders are converted from create_order, create_or_update_orders and get_orders (response).",
                        super::read::excerpt(name)
                    ),
                ));
                None
            }
        },
        None => super::infer(payload, false, ck),
    }
}

#[cfg(test)]
mod tests {
    use crate::convert::tables::{kind_from_optimoroute, priority_from_optimoroute};
    use crate::vendor::optimoroute::model::{OrderType, Priority};

    /// The pipeline trusts `fixed_source_pointer` instead of asking each order: for every field
    /// it answers, the per-order answer must be the same whatever the order and the options.
    #[test]
    fn fixed_source_pointers_agree_with_the_per_order_answer() -> Result<(), crate::UsageError> {
        use super::{order_source, OptimoRouteCodec, POINTERS};
        use crate::convert::{Codec, ConvertOptions, LoadSlot};
        use crate::model::{Contact, Order, OrderRef, Scheduling, Service};
        use crate::validate::Format;
        let full = Order {
            contact: Some(Contact {
                phone: Some("1".into()),
                ..Contact::default()
            }),
            service: Some(Service {
                duration_s: Some(60.0),
                ..Service::default()
            }),
            scheduling: Some(Scheduling {
                allowed_weekdays: vec!["mon".into()],
                ..Scheduling::default()
            }),
            related_order: Some(OrderRef {
                number: Some("A".into()),
                ..OrderRef::default()
            }),
            ..Order::default()
        };
        let (from, to) = (Format::from_id("optimoroute")?, Format::from_id("wialon")?);
        let plain = ConvertOptions::new(from, to);
        let mut remapped = ConvertOptions::new(from, to);
        remapped.load_slots = [
            LoadSlot::Custom(0),
            LoadSlot::Custom(1),
            LoadSlot::Weight,
            LoadSlot::Volume,
        ];
        for (canonical, ..) in POINTERS {
            let fixed = OptimoRouteCodec.fixed_source_pointer(canonical);
            assert!(fixed.is_some(), "{canonical}");
            for order in [&Order::default(), &full] {
                for options in [&plain, &remapped] {
                    let asked = order_source(canonical, order, options);
                    assert_eq!(
                        asked.as_deref(),
                        fixed.clone().flatten().as_deref(),
                        "{canonical}"
                    );
                }
            }
        }
        // Fields kept verbatim: fixed, except which fields the windows came from.
        for canonical in [
            "/vendor/optimoroute/valid",
            "/vendor/optimoroute/location/acceptPartialMatch",
            "/vendor/optimoroute/internalRef",
            "/vendor/wialon/p/n",
            "/vendor/magiclane",
            "/customFields/gate_code",
            "/customFields/custom_field_2",
        ] {
            let fixed = OptimoRouteCodec.fixed_source_pointer(canonical);
            assert!(fixed.is_some(), "{canonical}");
            for order in [&Order::default(), &full] {
                for options in [&plain, &remapped] {
                    let asked = order_source(canonical, order, options);
                    assert_eq!(
                        asked.as_deref(),
                        fixed.clone().flatten().as_deref(),
                        "{canonical}"
                    );
                }
            }
        }
        for varies in [
            "/vendor/optimoroute/windowSources",
            "/vendor/optimoroute/windowSources/0",
            "/timeWindows/0",
        ] {
            assert_eq!(
                OptimoRouteCodec.fixed_source_pointer(varies),
                None,
                "{varies}"
            );
        }
        assert_eq!(OptimoRouteCodec.fixed_source_pointer("/contact"), None);
        Ok(())
    }

    #[test]
    fn the_tables_read_every_type_and_priority_the_reader_accepts() {
        for t in OrderType::ALL {
            assert!(kind_from_optimoroute(t.as_str()).is_some(), "{t:?}");
        }
        for p in Priority::ALL {
            assert!(priority_from_optimoroute(p.as_str()).is_some(), "{p:?}");
        }
    }
}
