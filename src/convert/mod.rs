//! Conversion between formats: source → canonical → target, with every loss reported.
//!
//! The pipeline is the same for every pair of formats:
//! 1. the source [`Codec`] reads (and so validates) the payload into canonical orders, each with
//!    the JSON Pointer of the order object in the input, and hands each to the pipeline as soon
//!    as it is read (an [`OrderSink`]), so a batch is converted one order at a time; orders with
//!    errors are reported by index and not converted;
//! 2. an orderbridge envelope found in the source's extension slot (written by an earlier
//!    conversion with `preserveUnmapped`) is merged back into its order;
//! 3. the caller's `defaults` fill fields the source did not have;
//! 4. the target [`Codec`] writes each order, recording every canonical field it cannot hold as
//!    a loss; the pipeline maps each loss to the input pointer it came from (through the source
//!    codec's provenance), lists it in `lost` and reports it as a `LOSSY_CONVERSION` warning;
//! 5. with `preserveUnmapped`, the lost fields (and the original values of fields written in
//!    another form) are written as a partial canonical order into the target's extension slot
//!    ([`envelope`]) so that converting back restores them; with `strict`, any loss is an error
//!    and there is no output.
//!
//! Each codec writes order JSON text directly, so a batch goes string in, string out without
//! building an intermediate tree of the output. What every codec needs lives here: the default
//! tables ([`tables`]), derived values ([`mod@derive`]) and the writing helpers ([`mod@write`]: whole
//! numbers, ids, the one window of a one-window target, end-bound semantics, other vendors'
//! verbatim fields, pointer maps).

pub mod canonical;
pub mod derive;
pub mod envelope;
mod log;
mod loss;
pub mod options;
mod replay;
pub mod tables;
pub mod walk;
pub mod write;

pub use log::{IssueView, LossEntry, LossIds, LossLog, LossView};
pub use loss::{Loss, WriteCx};
pub use options::{ConvertOptions, LoadSlot, PriorityTable, WindowSemantics};

use crate::check::{CalendarDate, Checker};
use crate::issue::QuickHash;
use crate::issue::{Issue, Severity, Text, UsageError};
use crate::json::{self, Path, Value};
use crate::model::Order;
use crate::time::{TimeContext, Zone};
use crate::validate::Format;
use std::borrow::Cow;
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

/// Codes of the conversion module.
pub mod codes {
    /// A field of the input cannot be represented in the target format (warning; an error with
    /// `strict`).
    pub const LOSSY_CONVERSION: &str = "LOSSY_CONVERSION";
    /// An order cannot be written in the target format (e.g. a required field is missing and no
    /// default was given); the message says which option supplies it.
    pub const CANNOT_CONVERT: &str = "CANNOT_CONVERT";
    /// A value was derived rather than copied (e.g. a one-line address joined from parts, a name
    /// split into first and last) (warning).
    pub const DERIVED_VALUE: &str = "DERIVED_VALUE";
    /// A value was changed to fit the target (rounded, converted between units or time forms)
    /// (warning).
    pub const VALUE_ADJUSTED: &str = "VALUE_ADJUSTED";
    /// The source has no conversion support for this kind of payload (e.g. a response without
    /// orders).
    pub const NOT_AN_ORDER_PAYLOAD: &str = "NOT_AN_ORDER_PAYLOAD";
    /// Fields the target has no place for were carried in its extension slot (warning).
    pub const CARRIED_IN_EXTENSION: &str = "CARRIED_IN_EXTENSION";
    /// The orderbridge envelope in an extension slot could not be read.
    pub const BAD_ENVELOPE: &str = "BAD_ENVELOPE";
}

/// The deepest an order's verbatim fields (`customFields`, `vendor`, as objects) may nest. A
/// conversion writes them inside its output's frame and order, and with `preserveUnmapped` an
/// envelope holding a partial order: at most eight levels around `vendor`, in a Wialon batch
/// (`params.params[].params.ej.orderbridge.order.vendor`). The output must stay within the
/// [`json::MAX_DEPTH`] levels orderbridge's readers (and so `validate`) accept, and within the
/// one level fewer that `serde_json` reads by default. Input within the parser's limit can
/// hold a deeper value than this (an order sits shallower in some formats than in others);
/// such an order is refused (`TOO_DEEP`) rather than written as output nobody can read back.
pub const MAX_VERBATIM_DEPTH: usize = json::MAX_DEPTH - 9;

/// The shape of an order payload: one order, or the format's bulk form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One order (OptimoRoute `create_order`, Wialon `order/update` params, a Yandex add-order
    /// body, a Magic Lane order).
    Single,
    /// Several orders (OptimoRoute `create_or_update_orders`, a Magic Lane create list, a
    /// canonical batch, a Wialon `core/batch`-style list of params).
    Batch,
}

/// One order read from the source.
#[derive(Debug, Clone)]
pub struct SourceOrder {
    /// JSON Pointer of the order object in the input (`""` for a single order,
    /// `/orders/3` in a batch).
    pub pointer: String,
    /// The order, or `None` when it had errors (already reported). Boxed: an order is over a
    /// kilobyte, and it is moved from reader to writer several times.
    pub order: Option<Box<Order>>,
    /// The text of an orderbridge envelope found in the order's extension slot.
    pub envelope: Option<String>,
    /// The shape of the payload the order came in: some targets write an order of a batch
    /// differently from a single order (OptimoRoute `create_or_update_orders` items vs
    /// `create_order`), and a streamed order is written before the payload ends.
    pub shape: Shape,
}

/// An order payload as the pipeline hands it to a source codec: parsed, or JSON text that is
/// parsed the first time a codec asks for the tree (a codec that walks the text item by item
/// never does).
pub struct Payload<'p, 'a> {
    /// The JSON text, while a codec may still walk it.
    text: Option<&'a str>,
    /// A payload parsed by the caller.
    given: Option<&'p Value<'a>>,
    /// The text parsed on first use (or the parse error).
    parsed: OnceCell<Result<Value<'a>, json::ParseError>>,
    /// Whether the source format also takes text that is not JSON (then such text is the
    /// payload, as a JSON string).
    accepts_text: bool,
    /// Set when a codec gave up walking the text (see [`Payload::abandon_text`]).
    abandoned: Cell<bool>,
}

impl<'p, 'a> Payload<'p, 'a> {
    /// A payload given as JSON text; `accepts_text`: the source format also takes text that is
    /// not JSON (a Wialon search string, say), which then stands as a JSON string.
    pub fn text(text: &'a str, accepts_text: bool) -> Self {
        Payload {
            text: Some(text),
            given: None,
            parsed: OnceCell::new(),
            accepts_text,
            abandoned: Cell::new(false),
        }
    }

    /// A payload already parsed.
    pub fn value(value: &'p Value<'a>) -> Self {
        Payload {
            text: None,
            given: Some(value),
            parsed: OnceCell::new(),
            accepts_text: false,
            abandoned: Cell::new(false),
        }
    }

    /// The JSON text, for a codec that walks it item by item; `None` when the payload came
    /// parsed.
    pub fn as_text(&self) -> Option<&'a str> {
        self.text
    }

    /// The parsed payload (the text is parsed on the first call); `None` when the text is not
    /// JSON, which the pipeline reports as a usage error once the codec returns.
    pub fn parsed(&self) -> Option<&Value<'a>> {
        if let Some(v) = self.given {
            return Some(v);
        }
        let text = self.text?;
        let parsed = self.parsed.get_or_init(|| match json::parse(text) {
            Err(_) if self.accepts_text => Ok(Value::str(text)),
            other => other,
        });
        parsed.as_ref().ok()
    }

    /// Tells the pipeline that a walk of the text cannot go on (a member that changes how the
    /// payload is read came after the orders, a piece is not JSON): what the sink received is
    /// discarded, and the codec is asked again to read the parsed payload alone.
    pub fn abandon_text(&self) {
        self.abandoned.set(true);
    }

    /// Whether a codec gave up walking the text ([`Payload::abandon_text`]).
    pub fn is_abandoned(&self) -> bool {
        self.abandoned.get()
    }

    /// Whether the text was parsed into one tree (a codec asked for [`Payload::parsed`]).
    pub fn was_parsed(&self) -> bool {
        self.parsed.get().is_some()
    }

    /// The parse error of a text payload that is not JSON (once parsed).
    fn parse_error(&self) -> Option<&json::ParseError> {
        self.parsed.get().and_then(|r| r.as_ref().err())
    }
}

/// Receives each order as the source codec reads it, with the checker, so that the
/// conversion's issues about an order follow the issues of reading it and a batch is converted
/// one order at a time (never holding every canonical order at once).
pub type OrderSink<'s> = dyn FnMut(SourceOrder, &mut Checker) + 's;

/// Reads and writes one format's order payloads in canonical terms.
pub trait Codec: Sync {
    /// The format id.
    fn id(&self) -> &'static str;

    /// Reads (and validates) an order payload, handing each order to `sink` in input order as
    /// soon as it is read. Problems are recorded in `ck` at input paths. Returns the payload's
    /// shape, or `None` when it is not an order payload at all (or, for a payload given as
    /// text, when the text is not JSON: [`Payload::parsed`] says so and the pipeline reports it).
    ///
    /// Most codecs read [`Payload::parsed`]. A codec may instead walk a batch's JSON text item
    /// by item ([`Payload::text`], [`walk::walk_list`]), so that the batch is never one tree
    /// in memory; when the text turns out not to be what it can walk that way, it calls
    /// [`Payload::abandon_text`] and returns, and is called again with the parsed payload alone.
    fn read(
        &self,
        payload: &Payload,
        options: &ConvertOptions,
        ck: &mut Checker,
        sink: &mut OrderSink,
    ) -> Option<Shape>;

    /// Where canonical field `canonical` (a pointer into the canonical order, e.g.
    /// `/contact/phone`) came from in an order read by this codec, relative to the order's
    /// pointer (e.g. `/phone`). A field the format has no place for can only have come from an
    /// orderbridge envelope: codecs with an extension slot point into it. `None` when the field
    /// has no single source (the pipeline then points at the order).
    fn source_pointer(&self, canonical: &str) -> Option<String>;

    /// [`Codec::source_pointer`] for one order read by this codec, for formats where a field's
    /// source depends on the order or the options (OptimoRoute's two window lists share the
    /// canonical `timeWindows`, and its `load1..4` follow the load mapping). The default asks
    /// [`Codec::source_pointer`].
    fn order_source_pointer(
        &self,
        canonical: &str,
        _order: &Order,
        _options: &ConvertOptions,
    ) -> Option<String> {
        self.source_pointer(canonical)
    }

    /// [`Codec::order_source_pointer`] of a field whose source does not depend on the order or
    /// the options: `Some(Some(relative))`, or `Some(None)` when it has no single source; `None`
    /// when it may depend on them (the pipeline then asks [`Codec::push_order_source_pointer`]
    /// for each order). A batch loses the same few fields in every order, and this lets the
    /// pipeline look each up once. The default is [`Codec::source_pointer`], which depends on
    /// nothing else: a codec that overrides `order_source_pointer` or
    /// `push_order_source_pointer` overrides this too.
    fn fixed_source_pointer(&self, canonical: &str) -> Option<Option<Cow<'static, str>>> {
        Some(self.source_pointer(canonical).map(Cow::Owned))
    }

    /// The `endpoint` option values this codec writes as a target (its payload forms, in the
    /// vendor's naming); empty when it has one form, so that any `endpoint` is a mistake.
    fn target_endpoints(&self) -> &'static [&'static str] {
        &[]
    }

    /// [`Codec::order_source_pointer`] appended to `out`; false (and `out` unchanged) when the
    /// field has no single source. Reporting a batch's losses asks this once per loss, so a
    /// codec whose pointers are mostly static text appends them without an allocation; the
    /// default appends what [`Codec::order_source_pointer`] returns.
    fn push_order_source_pointer(
        &self,
        canonical: &str,
        order: &Order,
        options: &ConvertOptions,
        out: &mut String,
    ) -> bool {
        match self.order_source_pointer(canonical, order, options) {
            Some(relative) => {
                out.push_str(&relative);
                true
            }
            None => false,
        }
    }

    /// Issues about the written batch as a whole (e.g. more orders than one request of the
    /// target takes), with paths into the input. `written` counts the orders in the output.
    /// The default has none.
    fn batch_issues(
        &self,
        _written: usize,
        _shape: Shape,
        _options: &ConvertOptions,
    ) -> Vec<Issue> {
        Vec::new()
    }

    /// Writes one order as JSON text in this format, recording what it cannot hold in `cx`.
    /// Returns `None` when the order cannot be written (recorded as an issue in `cx`).
    fn write_order(&self, order: &Order, cx: &mut WriteCx) -> Option<String>;

    /// [`Codec::write_order`], appending the text (UTF-8 JSON) to `out` instead: the pipeline
    /// writes every order of a batch into one buffer, reused from order to order, so a codec
    /// that overrides this writes an order without a text of its own. Returns false (having
    /// recorded why in `cx`) when the order cannot be written; what it appended is then
    /// discarded.
    fn write_order_into(&self, order: &Order, cx: &mut WriteCx, out: &mut Vec<u8>) -> bool {
        match self.write_order(order, cx) {
            Some(text) => {
                out.extend_from_slice(text.as_bytes());
                true
            }
            None => false,
        }
    }

    /// Wraps written orders into the payload of `shape` (e.g. `{"orders": [...]}`).
    fn wrap(&self, orders: Vec<String>, shape: Shape, options: &ConvertOptions) -> String;

    /// How [`Codec::wrap`] joins the orders of a [`Shape::Batch`] payload, when it is the same
    /// text around every order: the pipeline then appends each order to the output as it is
    /// written instead of holding every order's text until the end. `None` (the default)
    /// when the wrapping depends on more (then [`Codec::wrap`] is called). Must give exactly
    /// what [`Codec::wrap`] gives.
    fn batch_frame(&self, _options: &ConvertOptions) -> Option<BatchFrame> {
        None
    }

    /// Where this format carries data it has no field for, in words (`None`: it has no such
    /// place, and `preserveUnmapped` cannot help).
    fn extension_slot(&self) -> Option<&'static str>;
}

/// The text around a batch's orders ([`Codec::batch_frame`]): `open`, then each order between
/// `before_each` and `after_each`, separated by commas, then `close`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchFrame {
    /// Before the first order.
    pub open: Cow<'static, str>,
    /// Before each order.
    pub before_each: Cow<'static, str>,
    /// After each order.
    pub after_each: Cow<'static, str>,
    /// After the last order.
    pub close: Cow<'static, str>,
    /// For a list of request bodies of at most `n` orders each: `n` and the text between the
    /// last order of one body and the first of the next (instead of a comma).
    pub chunks: Option<(usize, Cow<'static, str>)>,
}

impl BatchFrame {
    /// A frame with the same text around every order.
    pub fn new(
        open: impl Into<Cow<'static, str>>,
        before_each: impl Into<Cow<'static, str>>,
        after_each: impl Into<Cow<'static, str>>,
        close: impl Into<Cow<'static, str>>,
    ) -> Self {
        BatchFrame {
            open: open.into(),
            before_each: before_each.into(),
            after_each: after_each.into(),
            close: close.into(),
            chunks: None,
        }
    }

    /// The frame for bodies of at most `n` orders (`n` ≥ 1), `between` joining two bodies:
    /// `open` then starts the first body and `close` ends the last.
    pub fn chunked(mut self, n: usize, between: impl Into<Cow<'static, str>>) -> Self {
        self.chunks = Some((n.max(1), between.into()));
        self
    }
}

/// The orders written so far.
enum Written {
    /// Written straight into the output as they come, in the target's [`BatchFrame`] (a
    /// batch).
    Framed {
        frame: BatchFrame,
        /// The output so far: the frame's opening and the orders, each in place. Every piece
        /// appended is UTF-8 (the frame's texts, and orders checked as they are written).
        out: Vec<u8>,
        /// Where each order's own text is in `out`, to fall back on [`Codec::wrap`] should
        /// the payload's shape turn out other than a batch.
        items: Vec<std::ops::Range<usize>>,
    },
    /// Each order's text, for [`Codec::wrap`].
    Pieces(Vec<String>),
}

impl Written {
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn len(&self) -> usize {
        match self {
            Written::Framed { items, .. } => items.len(),
            Written::Pieces(pieces) => pieces.len(),
        }
    }

    /// Frames the output when the first order of a batch is about to be written and the
    /// target has a frame: the orders are then written into it directly. `capacity` is a guess
    /// of the output's size (the input's), so that a large batch's output need not be copied
    /// as it grows.
    fn frame_if_batch(
        &mut self,
        shape: Shape,
        target: &dyn Codec,
        options: &ConvertOptions,
        capacity: usize,
    ) {
        if let Written::Pieces(pieces) = self {
            if pieces.is_empty() && shape == Shape::Batch {
                if let Some(frame) = target.batch_frame(options) {
                    let mut out = Vec::with_capacity(capacity.max(frame.open.len()));
                    out.extend_from_slice(frame.open.as_bytes());
                    *self = Written::Framed {
                        out,
                        frame,
                        items: Vec::new(),
                    };
                }
            }
        }
    }

    /// Where the next order is to be written: the framed output (after the separator and the
    /// frame's text before each order), or else `spare`, the caller's buffer for one order.
    /// [`Written::commit`] or [`Written::discard`] finishes it.
    fn slot<'w>(&'w mut self, spare: &'w mut Vec<u8>) -> Slot<'w> {
        match self {
            Written::Framed { frame, out, items } => {
                let mark = out.len();
                match &frame.chunks {
                    _ if items.is_empty() => {}
                    Some((n, between)) if items.len() % n == 0 => {
                        out.extend_from_slice(between.as_bytes())
                    }
                    _ => out.push(b','),
                }
                out.extend_from_slice(frame.before_each.as_bytes());
                Slot {
                    start: out.len(),
                    mark,
                    buf: out,
                }
            }
            Written::Pieces(_) => {
                spare.clear();
                Slot {
                    start: 0,
                    mark: 0,
                    buf: spare,
                }
            }
        }
    }

    /// Keeps the order written from `start` to the end of the framed output, or `piece`, its
    /// text, when the output is not framed.
    fn commit(&mut self, start: usize, piece: Option<String>) {
        match self {
            Written::Framed { frame, out, items } => {
                items.push(start..out.len());
                out.extend_from_slice(frame.after_each.as_bytes());
            }
            Written::Pieces(pieces) => pieces.push(piece.unwrap_or_default()),
        }
    }

    /// Takes back what an order that could not be written left in the framed output.
    fn discard(&mut self, mark: usize) {
        if let Written::Framed { out, .. } = self {
            out.truncate(mark);
        }
    }

    /// The wrapped payload of `shape`.
    fn wrap(self, target: &dyn Codec, shape: Shape, options: &ConvertOptions) -> String {
        match self {
            Written::Framed { frame, mut out, .. } if shape == Shape::Batch => {
                out.extend_from_slice(frame.close.as_bytes());
                framed_text(out)
            }
            Written::Framed { out, items, .. } => {
                let pieces = items
                    .into_iter()
                    .map(|r| {
                        out.get(r)
                            .map(|piece| String::from_utf8_lossy(piece).into_owned())
                            .unwrap_or_default()
                    })
                    .collect();
                target.wrap(pieces, shape, options)
            }
            Written::Pieces(pieces) => target.wrap(pieces, shape, options),
        }
    }
}

/// The framed output as text. Every piece of it was checked as it was appended, so the lossy
/// branch is never taken; it is there so that a broken writer could not make this panic. The
/// bytes are checked once more here (one pass over the output): the core has no `unsafe` (only
/// the allocator and the binding's string copy do), and safe Rust makes a `String` of bytes
/// only by checking them.
fn framed_text(out: Vec<u8>) -> String {
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Where one order is being written ([`Written::slot`]).
struct Slot<'w> {
    buf: &'w mut Vec<u8>,
    /// Where the order's text starts in `buf`.
    start: usize,
    /// Where `buf` ended before the separator: what [`Written::discard`] cuts back to.
    mark: usize,
}

/// The result of a conversion.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The payload in the target format (JSON text); `None` when nothing could be converted, or
    /// with `strict` when anything would be lost.
    pub output: Option<String>,
    /// Every problem and every interpretation, with paths into the input.
    pub issues: Vec<Issue>,
    /// JSON Pointers into the input of the data the output does not carry (each shares its text
    /// with the issue that reports it).
    pub lost: Vec<Text>,
}

/// A conversion's result with its losses still compact ([`LossLog`]): for callers that write
/// the report out (as the wasm binding does) rather than keep it as values.
#[derive(Debug, Clone)]
pub struct ConvertedLog {
    /// As [`Converted::output`].
    pub output: Option<String>,
    /// The issues that are not losses, in order.
    pub others: Vec<Issue>,
    /// The losses, each with its place among `others`.
    pub losses: LossLog,
}

impl ConvertedLog {
    /// The result with its issues and `lost` built.
    pub fn into_converted(self) -> Converted {
        let (issues, lost) = self.losses.merge(self.others);
        Converted {
            output: self.output,
            issues,
            lost,
        }
    }
}

/// The codec of a format.
pub fn codec(format: Format) -> Result<&'static dyn Codec, UsageError> {
    match format {
        Format::Canonical => Ok(&canonical::CANONICAL),
        Format::Vendor(v) => v.codec().ok_or_else(|| {
            UsageError::new(
                crate::issue::codes::UNKNOWN_FORMAT,
                format!(
                    "conversion to and from \"{}\" is not available in this build.",
                    v.id()
                ),
            )
        }),
    }
}

/// Converts JSON text. Text that is not JSON is a usage error.
pub fn convert_text(text: &str, options: &ConvertOptions) -> Result<Converted, UsageError> {
    convert_text_log(text, options).map(ConvertedLog::into_converted)
}

/// [`convert_text`] with the losses left compact: a large batch's report costs a few numbers
/// per loss instead of an [`Issue`] and a pointer each ([`LossLog`]).
pub fn convert_text_log(text: &str, options: &ConvertOptions) -> Result<ConvertedLog, UsageError> {
    let accepts_text = matches!(options.from, Format::Vendor(v) if v.accepts_text(text));
    let payload = Payload::text(text, accepts_text);
    let converted = convert_payload(&payload, options)?;
    if !payload.is_abandoned() {
        return Ok(converted);
    }
    // The source stopped walking the text: read it again, parsed whole.
    let Some(value) = payload.parsed() else {
        return Err(payload
            .parse_error()
            .map_or_else(not_json, crate::validate::parse_error));
    };
    convert_payload(&Payload::value(value), options)
}

/// The usage error for text that could not be read as JSON (a parse that left no error).
fn not_json() -> UsageError {
    UsageError::new(
        crate::issue::codes::INVALID_JSON,
        "the payload is not JSON text.",
    )
}

/// The date and IANA zone of the options, looked up once: an unknown zone is a usage error
/// (`UNKNOWN_TIME_ZONE`), a malformed date `INVALID_OPTION`.
pub fn time_context(options: &ConvertOptions) -> Result<TimeContext, UsageError> {
    let date = match options.date.as_deref() {
        None => None,
        Some(text) => Some(CalendarDate::parse(text).ok_or_else(|| {
            UsageError::new(
                crate::issue::codes::INVALID_OPTION,
                format!(
                    "option `date` is \"{}\"; use YYYY-MM-DD.",
                    text.chars().take(40).collect::<String>()
                ),
            )
        })?),
    };
    let zone = match options.time_zone.as_deref() {
        None => None,
        Some(name) => Some(Zone::get(name).ok_or_else(|| {
            UsageError::new(
                crate::time::codes::UNKNOWN_TIME_ZONE,
                crate::time::zone::unknown_zone_message(name),
            )
        })?),
    };
    Ok(TimeContext::new(date, zone))
}

/// Converts a parsed payload.
pub fn convert_value(payload: &Value, options: &ConvertOptions) -> Result<Converted, UsageError> {
    convert_payload(&Payload::value(payload), options).map(ConvertedLog::into_converted)
}

/// Converts a payload: the source codec hands each order to the [`Run`] as it reads it.
fn convert_payload(
    payload: &Payload,
    options: &ConvertOptions,
) -> Result<ConvertedLog, UsageError> {
    let source = codec(options.from)?;
    let target = codec(options.to)?;
    check_target_endpoint(target, options)?;
    check_priorities(options)?;
    let time = time_context(options)?;
    let mut ck = Checker::new();
    let capacity = payload.as_text().map_or(0, str::len);
    let mut run = Run::new(source, target, options, &time, capacity);
    let shape = source.read(payload, options, &mut ck, &mut |item, ck| {
        run.order(item, ck)
    });
    if let Some(e) = payload.parse_error() {
        return Err(crate::validate::parse_error(e));
    }
    let Some(shape) = shape else {
        if !ck.has_errors() {
            ck.error(
                &Path::root(),
                codes::NOT_AN_ORDER_PAYLOAD,
                format!("this {} payload holds no orders to convert.", source.id()),
            );
        }
        return Ok(ConvertedLog {
            output: None,
            others: ck.issues,
            losses: LossLog::default(),
        });
    };
    Ok(run.finish(shape, ck))
}

/// A Wialon priority the table would write must be one Wialon's `pr` (and the validator) reads
/// as a whole number: at most `i64::MAX`. Checked before any order is read, so a bad table is a
/// usage error, not output that fails validation.
fn check_priorities(options: &ConvertOptions) -> Result<(), UsageError> {
    let limit = i64::MAX.unsigned_abs();
    match options.priorities.wialon.iter().position(|&pr| pr > limit) {
        Some(i) => Err(UsageError::new(
            crate::issue::codes::INVALID_OPTION,
            format!(
                "option `priorities.wialon[{i}]` is {}; a Wialon `pr` is a whole number from 0 to {limit}.",
                options.priorities.wialon.get(i).copied().unwrap_or_default()
            ),
        )),
        None => Ok(()),
    }
}

/// An `endpoint` option the target does not write is a usage error, raised before any order is
/// read: ignoring it would hand the caller a payload shaped other than asked for.
fn check_target_endpoint(target: &dyn Codec, options: &ConvertOptions) -> Result<(), UsageError> {
    let Some(asked) = options.target_endpoint.as_deref() else {
        return Ok(());
    };
    let known = target.target_endpoints();
    if known.contains(&asked) {
        return Ok(());
    }
    let shown: String = asked.chars().take(40).collect();
    let message = if known.is_empty() {
        format!(
            "{} has one output form, so the `endpoint` option does not apply (it was \"{shown}\"); leave it out.",
            target.id()
        )
    } else {
        format!(
            "{} orders are written for the endpoints {}; \"{shown}\" is not one of them.",
            target.id(),
            crate::check::quote_list(known)
        )
    };
    Err(UsageError::new(
        crate::issue::codes::INVALID_OPTION,
        message,
    ))
}

/// One conversion under way: what every order needs, and the orders written so far with what
/// they lost.
struct Run<'o> {
    source: &'static dyn Codec,
    target: &'static dyn Codec,
    options: &'o ConvertOptions,
    time: &'o TimeContext,
    /// The caller's defaults, to tell their fields from the input's.
    defaults: Option<Rc<Defaults>>,
    losses: LossLog,
    /// An input path being built, reused so that a path costs only its shared copy.
    path: String,
    messages: LossMessages,
    written: Written,
    /// Emptied loss and issue lists of the last order's [`WriteCx`], reused for the next.
    spare: (Vec<Loss>, Vec<Issue>),
    /// The `defaults` as filled into each order, with what is lent from one order to the next.
    defaults_fill: crate::model::DefaultsFill,
    /// The text of an order being written when the output is not framed, reused for the next
    /// ([`Codec::write_order_into`]).
    text: Vec<u8>,
    /// The size the framed output is first given: the input's ([`Written::frame_if_batch`]).
    capacity: usize,
    failed: usize,
    /// How many of the conversion's issues there were when the last order was done: the ones
    /// after it are what the source's reader said of the order at hand.
    reader_mark: usize,
    /// The reader's issues of the order at hand, taken out to be logged compactly
    /// ([`Run::log_reader_warnings`]).
    read_issues: Vec<Issue>,
    /// Where in the log the reader's warnings about the order at hand are.
    reader_logged: Range<usize>,
    /// Reports of earlier orders, for the next order that reports the same.
    reports: replay::Reports,
    /// What the report being made depends on, reused from order to order.
    trace: replay::Trace,
}

impl<'o> Run<'o> {
    fn new(
        source: &'static dyn Codec,
        target: &'static dyn Codec,
        options: &'o ConvertOptions,
        time: &'o TimeContext,
        capacity: usize,
    ) -> Self {
        Run {
            source,
            target,
            options,
            time,
            defaults: options.defaults.as_ref().map(Defaults::for_conversion),
            losses: LossLog::default(),
            path: String::new(),
            messages: LossMessages::for_conversion(source, target),
            written: Written::Pieces(Vec::new()),
            spare: (Vec::new(), Vec::new()),
            defaults_fill: crate::model::DefaultsFill::default(),
            text: Vec::new(),
            capacity,
            failed: 0,
            reader_mark: 0,
            read_issues: Vec::new(),
            reader_logged: 0..0,
            reports: replay::Reports::default(),
            trace: replay::Trace::default(),
        }
    }

    /// Logs the warnings the source's reader gave about the order at `base` as compactly as the
    /// order's losses. A batch whose orders all carry the same oddity (an undocumented field, a
    /// deprecated one) otherwise keeps an `Issue`, with its own path and message, per order.
    /// The order of the issues, as the caller reads them, is unchanged.
    fn log_reader_warnings(&mut self, base: &str, ck: &mut Checker) {
        let logged_from = self.losses.len();
        self.reader_logged = logged_from..logged_from;
        let start = self.reader_mark.min(ck.issues.len());
        if start == ck.issues.len() {
            return;
        }
        let mut read = std::mem::take(&mut self.read_issues);
        read.extend(ck.issues.drain(start..));
        for Issue {
            path,
            code,
            message,
            severity,
            vendor_code,
        } in read.drain(..)
        {
            let (message, logged) = match (
                compact_code(severity, &code, &vendor_code),
                in_order(&path, base),
            ) {
                (Some(code), Some(tail)) => {
                    let message = self.messages.share(&message);
                    let logged =
                        self.losses
                            .push_warning(ck.issues.len(), base, tail, code, &message);
                    (message, logged)
                }
                _ => (message, false),
            };
            if !logged {
                ck.issues.push(Issue {
                    path,
                    code,
                    message,
                    severity,
                    vendor_code,
                });
            }
        }
        self.read_issues = read;
        self.reader_logged.end = self.losses.len();
    }

    /// Converts one source order: merges its envelope, fills the defaults, writes it, and
    /// reports what it lost.
    fn order(&mut self, item: SourceOrder, ck: &mut Checker) {
        self.losses.start_order();
        self.log_reader_warnings(&item.pointer, ck);
        self.convert_order(item, ck);
        self.reader_mark = ck.issues.len();
    }

    /// [`Run::order`] once the reader's warnings are logged.
    fn convert_order(&mut self, item: SourceOrder, ck: &mut Checker) {
        let (source, target, options, time) = (self.source, self.target, self.options, self.time);
        let Some(mut order) = item.order else {
            self.failed += 1;
            return;
        };
        if let Some(text) = &item.envelope {
            envelope::merge(&mut order, text, &item.pointer, ck);
        }
        let origin = Origin::before(self.defaults.as_deref(), &order);
        let took_default_vendor = match &options.defaults {
            Some(defaults) => self.defaults_fill.fill(&mut order, defaults),
            None => false,
        };
        let mut cx = WriteCx::new(options, time);
        cx.shape = item.shape;
        // The lists of the previous order, emptied: most orders of a batch record as many
        // losses and warnings as the one before, so the lists need not grow again.
        cx.losses = std::mem::take(&mut self.spare.0);
        cx.issues = std::mem::take(&mut self.spare.1);
        self.written
            .frame_if_batch(item.shape, target, options, self.capacity);
        let framed = matches!(self.written, Written::Framed { .. });
        let Slot { buf, start, mark } = self.written.slot(&mut self.text);
        let mut written =
            verbatim_fits(&order, &mut cx) && target.write_order_into(&order, &mut cx, buf);
        if options.preserve_unmapped && written && cx.needs_envelope() {
            if let Some(slot) = target.extension_slot() {
                // Write again, now carrying the lost fields (and the original values of those
                // the target holds in another form) in the target's extension slot: they are in
                // the output, so they are no longer lost.
                let carried: Vec<&str> = cx
                    .losses
                    .iter()
                    .map(|l| l.canonical.as_ref())
                    .chain(cx.carried.iter().map(String::as_str))
                    .collect();
                let mut second = WriteCx::new(options, time);
                second.shape = item.shape;
                second.envelope = Some(envelope::build(
                    &order,
                    carried.iter().copied(),
                    &cx.derived,
                ));
                buf.truncate(start);
                written = target.write_order_into(&order, &mut second, buf);
                second.losses.clear();
                if !carried.is_empty() {
                    let mut names: Vec<String> = Vec::with_capacity(carried.len());
                    for c in &carried {
                        let name = describe_field(c);
                        if !names.contains(&name) {
                            names.push(name);
                        }
                    }
                    second.warn(
                        "",
                        codes::CARRIED_IN_EXTENSION,
                        format!(
                            "{} field(s) the target has no place for, or holds only in another form, were carried in {slot}: {}.",
                            names.len(),
                            names.join(", ")
                        ),
                    );
                }
                cx = second;
            }
        }
        // A codec's writer gives JSON text, always UTF-8; should one not, the order is
        // reported as not written rather than dropped unseen.
        let text = buf
            .get(start..)
            .filter(|_| written)
            .and_then(|t| std::str::from_utf8(t).ok());
        if written && text.is_none() {
            cx.fail(
                "",
                codes::CANNOT_CONVERT,
                "the order could not be written: the writer gave text that is not UTF-8.",
            );
        }
        let kept = text.is_some();
        // A piece (not framed) needs a text of its own; a framed order stays where it is.
        let piece = text.filter(|_| !framed).map(str::to_owned);

        let mut report = Report {
            source,
            base: &item.pointer,
            order: &order,
            options,
            origin: &origin,
            reader_logged: self.reader_logged.clone(),
        };
        let quiet = replay::quiet(&report, ck);
        if let Some(found) = self.reports.find(&cx, &report, quiet, &mut self.path) {
            self.reports
                .replay(found, &mut self.losses, report.base, ck);
        } else {
            let (mark, said) = (self.losses.len(), ck.issues.len());
            self.trace.start();
            report.order_issues(
                &cx,
                &mut self.losses,
                &mut self.path,
                &mut self.messages,
                ck,
                &mut self.trace,
            );
            // A report that added an issue of its own is not replayed: see `replay`.
            let replayable = quiet && ck.issues.len() == said;
            self.reports
                .keep(replayable, &mut cx, &mut self.trace, &self.losses, mark);
        }
        self.defaults_fill
            .give_back(&mut order, took_default_vendor);
        cx.losses.clear();
        cx.issues.clear();
        self.spare = (
            std::mem::take(&mut cx.losses),
            std::mem::take(&mut cx.issues),
        );
        if kept {
            self.written.commit(start, piece);
        } else {
            self.written.discard(mark);
            self.failed += 1;
        }
    }

    /// The result: nothing is produced when any loss is forbidden, or when no order could be
    /// written; a single order that failed produces nothing either. A batch keeps its good
    /// orders (the bad ones are reported by index).
    fn finish(mut self, shape: Shape, mut ck: Checker) -> ConvertedLog {
        std::mem::take(&mut self.messages).keep(self.source, self.target);
        let nothing = (self.options.strict && self.losses.lost_len() > 0)
            || self.written.is_empty()
            || (shape == Shape::Single && self.failed > 0);
        if !nothing {
            for issue in self
                .target
                .batch_issues(self.written.len(), shape, self.options)
            {
                ck.push(issue);
            }
        }
        let output = (!nothing).then(|| self.written.wrap(self.target, shape, self.options));
        ConvertedLog {
            output,
            others: ck.issues,
            losses: self.losses,
        }
    }
}

/// Whether the order's verbatim fields fit [`MAX_VERBATIM_DEPTH`]; otherwise the order fails
/// (recorded in `cx`).
fn verbatim_fits(order: &Order, cx: &mut WriteCx) -> bool {
    for (pointer, name, object) in [
        ("/customFields", "customFields", &order.custom_fields),
        ("/vendor", "vendor", &order.vendor),
    ] {
        let depth = object.depth();
        if depth > MAX_VERBATIM_DEPTH {
            cx.fail(
                pointer,
                crate::issue::codes::TOO_DEEP,
                format!(
                    "`{name}` nests {depth} levels of objects and arrays; a conversion writes it up to {} levels deeper, and output nested past {} levels cannot be read back, so the order is not converted. Nest these values at most {MAX_VERBATIM_DEPTH} levels deep.",
                    json::MAX_DEPTH - MAX_VERBATIM_DEPTH,
                    json::MAX_DEPTH
                ),
            );
            return false;
        }
    }
    true
}

/// The caller's defaults, prepared once per conversion to tell their fields from the input's.
struct Defaults {
    /// Every pointer that resolves in the defaults (objects and what they hold).
    pointers: Vec<String>,
    /// The order's top-level fields the defaults set (JSON names).
    fields: Vec<String>,
}

/// Puts `value` in a thread's one-slot cache for the next conversion. During thread teardown,
/// or were a conversion ever to run inside another, it is simply not kept.
fn keep_for_next<T: 'static>(slot: &'static std::thread::LocalKey<RefCell<Option<T>>>, value: T) {
    let _ = slot.try_with(|cell| {
        if let Ok(mut kept) = cell.try_borrow_mut() {
            *kept = Some(value);
        }
    });
}

thread_local! {
    /// The last conversion's `defaults`, prepared: requests that pass the same defaults (an
    /// edge worker's or an order form's, one order each) skip serializing and walking them.
    static WARM_DEFAULTS: RefCell<Option<(Order, Rc<Defaults>)>> = const { RefCell::new(None) };
}

impl Defaults {
    /// The most pointers prepared defaults may list to be kept for the next conversion: far
    /// more than defaults name (a field or two), so that a huge `defaults` is not held on to.
    const MAX_KEPT_POINTERS: usize = 256;

    /// `defaults` prepared: the last conversion's preparation when its defaults were equal.
    fn for_conversion(defaults: &Order) -> Rc<Self> {
        let warm = WARM_DEFAULTS
            .try_with(|cell| {
                let kept = cell.try_borrow().ok()?;
                let (order, prepared) = kept.as_ref()?;
                (order == defaults).then(|| Rc::clone(prepared))
            })
            .ok()
            .flatten();
        if let Some(prepared) = warm {
            return prepared;
        }
        let prepared = Rc::new(Defaults::new(defaults));
        if prepared.pointers.len() <= Self::MAX_KEPT_POINTERS {
            keep_for_next(&WARM_DEFAULTS, (defaults.clone(), Rc::clone(&prepared)));
        }
        prepared
    }

    fn new(defaults: &Order) -> Self {
        fn walk(v: &serde_json::Value, at: &mut String, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, child) in m {
                        let len = at.len();
                        write::push_token(at, k);
                        out.push(at.clone());
                        walk(child, at, out);
                        at.truncate(len);
                    }
                }
                serde_json::Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        let len = at.len();
                        at.push('/');
                        at.push_str(&i.to_string());
                        out.push(at.clone());
                        walk(child, at, out);
                        at.truncate(len);
                    }
                }
                _ => {}
            }
        }
        let json = serde_json::to_value(defaults).unwrap_or(serde_json::Value::Null);
        let mut pointers = Vec::new();
        walk(&json, &mut String::new(), &mut pointers);
        let fields = json
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        Defaults { pointers, fields }
    }
}

/// An order's top-level field as JSON (`null` when absent), by its JSON name.
fn top_field(order: &Order, name: &str) -> serde_json::Value {
    // An absent field is `null` without serializing anything: the defaults name a field or two,
    // and most orders lack them, so this runs once per order for nothing.
    fn opt<T: serde::Serialize>(x: &Option<T>) -> serde_json::Result<serde_json::Value> {
        x.as_ref()
            .map_or(Ok(serde_json::Value::Null), serde_json::to_value)
    }
    fn many<T: serde::Serialize>(xs: &[T]) -> serde_json::Result<serde_json::Value> {
        if xs.is_empty() {
            Ok(serde_json::Value::Null)
        } else {
            serde_json::to_value(xs)
        }
    }
    fn map(o: &crate::json::Object<'static>) -> serde_json::Result<serde_json::Value> {
        if o.is_empty() {
            Ok(serde_json::Value::Null)
        } else {
            serde_json::to_value(o)
        }
    }
    // Destructured field by field: a field added to the model does not compile until it is
    // named here.
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
    let value = match name {
        "id" => opt(id),
        "number" => opt(number),
        "externalId" => opt(external_id),
        "documentNumber" => opt(document_number),
        "kind" => opt(kind),
        "depotRole" => opt(depot_role),
        "date" => opt(date),
        "location" => opt(location),
        "contact" => opt(contact),
        "timeWindows" => many(time_windows),
        "scheduling" => opt(scheduling),
        "service" => opt(service),
        "load" => opt(load),
        "money" => opt(money),
        "priority" => opt(priority),
        "requirements" => opt(requirements),
        "assignment" => opt(assignment),
        "plannedStop" => opt(planned_stop),
        "geofenceRadiusM" => opt(geofence_radius_m),
        "completion" => opt(completion),
        "notes" => opt(notes),
        "description" => opt(description),
        "statusComment" => opt(status_comment),
        "customFields" => map(custom_fields),
        "tags" => many(tags),
        "barcodes" => many(barcodes),
        "notifications" => opt(notifications),
        "status" => opt(status),
        "dependsOn" => many(depends_on),
        "relatedOrder" => opt(related_order),
        "createdAtMs" => opt(created_at_ms),
        "vendor" => map(vendor),
        _ => Ok(serde_json::Value::Null),
    };
    value.unwrap_or(serde_json::Value::Null)
}

/// Whether a canonical field of an order came from the caller's `defaults` rather than the
/// input (then it has no place in the input, and issues about it point at the order).
struct Origin<'a> {
    defaults: Option<&'a Defaults>,
    /// Before the defaults were filled in: the fields the defaults set that the order had.
    before: Vec<(&'a str, serde_json::Value)>,
}

impl<'a> Origin<'a> {
    /// Notes, before the defaults fill `order`, what it held of the fields they set: only those
    /// few fields are looked at, not the whole order.
    /// A field the order lacked is not kept: [`Origin::is_default`] reads a field it does not
    /// find as absent, and most orders of a batch lack what the defaults set (so this costs them
    /// no allocation).
    fn before(defaults: Option<&'a Defaults>, order: &Order) -> Self {
        let before = defaults.map_or_else(Vec::new, |d| {
            d.fields
                .iter()
                .map(|f| (f.as_str(), top_field(order, f)))
                .filter(|(_, v)| !v.is_null())
                .collect()
        });
        Origin { defaults, before }
    }

    /// Whether [`Origin::is_default`] may answer differently for another order: only for a
    /// field the defaults set.
    fn depends_on_order(&self, canonical: &str) -> bool {
        self.defaults
            .is_some_and(|d| !canonical.is_empty() && d.pointers.iter().any(|p| p == canonical))
    }

    fn is_default(&self, canonical: &str) -> bool {
        let Some(defaults) = self.defaults else {
            return false;
        };
        if canonical.is_empty() || !defaults.pointers.iter().any(|p| p == canonical) {
            return false;
        }
        let rest = canonical.get(1..).unwrap_or("");
        let (field, below) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let absent = |v: &serde_json::Value| match v {
            serde_json::Value::Null => true,
            serde_json::Value::Array(a) => a.is_empty(),
            serde_json::Value::Object(m) => m.is_empty(),
            _ => false,
        };
        self.before
            .iter()
            .find(|(f, _)| *f == field)
            .is_none_or(|(_, v)| v.pointer(below).is_none_or(absent))
    }
}

/// The code of an issue the loss log can hold ([`LossLog::push_warning`]): a warning with a
/// fixed code and no vendor code.
// The code comes as a `Cow` because only a borrowed one is `'static`, which the log keeps.
#[allow(clippy::ptr_arg)]
fn compact_code(
    severity: Severity,
    code: &Cow<'static, str>,
    vendor_code: &Option<Cow<'static, str>>,
) -> Option<&'static str> {
    match (severity, code, vendor_code) {
        (Severity::Warning, Cow::Borrowed(code), None) => Some(code),
        _ => None,
    }
}

/// The part of `path` inside the order at `base` (`""` for the order itself), or `None` when
/// the path is not in that order.
fn in_order<'p>(path: &'p str, base: &str) -> Option<&'p str> {
    path.strip_prefix(base)
        .filter(|tail| tail.is_empty() || tail.starts_with('/'))
}

/// What reporting one order's issues and losses needs to know.
struct Report<'r, 'a> {
    source: &'r dyn Codec,
    /// The order's pointer in the input.
    base: &'r str,
    /// The order as written (after envelope and defaults).
    order: &'r Order,
    options: &'r ConvertOptions,
    origin: &'r Origin<'a>,
    /// Where in the log the reader's warnings about this order are.
    reader_logged: Range<usize>,
}

impl Report<'_, '_> {
    /// True when this order's issues so far (the last ones recorded, all under its pointer, and
    /// the reader's warnings in the log) hold `issue` at `path` already.
    fn already_reported(&self, path: &str, issue: &Issue, ck: &Checker, losses: &LossLog) -> bool {
        let base = self.base;
        // The reader's warnings about this order are in the log ([`Run::log_reader_warnings`]).
        let logged = !self.reader_logged.is_empty()
            && in_order(path, base).is_some_and(|tail| {
                losses.said_among(
                    self.reader_logged.clone(),
                    tail,
                    &issue.code,
                    &issue.message,
                )
            });
        if logged {
            return true;
        }
        ck.issues
            .iter()
            .rev()
            .take_while(|seen| in_order(&seen.path, base).is_some())
            .any(|seen| {
                seen.code == issue.code && seen.path == path && seen.message == issue.message
            })
    }

    /// Reports an order's losses and issues (what its writer said, in `cx`) in the result, with
    /// input paths; what the report depended on besides `cx` is noted in `trace`
    /// ([`replay::Trace`]).
    fn order_issues(
        &mut self,
        cx: &WriteCx,
        losses: &mut LossLog,
        scratch: &mut String,
        messages: &mut LossMessages,
        ck: &mut Checker,
        trace: &mut replay::Trace,
    ) {
        for (item, issue) in cx.issues.iter().enumerate() {
            let defaulted = self.origin.depends_on_order(&issue.path);
            trace.replayable &= !defaulted;
            if defaulted && self.origin.is_default(&issue.path) {
                scratch.clear();
                scratch.push_str(self.base);
            } else {
                let fixed = messages.source_of(&issue.path, self.source);
                self.known_input_path(
                    &issue.path,
                    fixed.map(|i| messages.fixed_pointer(i)),
                    scratch,
                );
                if fixed.is_none() {
                    trace.resolved(item, scratch.get(self.base.len()..).unwrap_or(""));
                }
            }
            // Placing a local window in its zone again while writing repeats the reader's
            // warnings (a DST gap or fold): the caller hears each once.
            if self.already_reported(scratch, issue, ck, losses) {
                continue;
            }
            let message = messages.share(&issue.message);
            // A warning the writer says for every order (a window copied unchanged, a derived
            // flag) is logged as compactly as a loss.
            if let (Some(code), Some(tail)) = (
                compact_code(issue.severity, &issue.code, &issue.vendor_code),
                scratch.strip_prefix(self.base),
            ) {
                if losses.push_warning(ck.issues.len(), self.base, tail, code, &message) {
                    continue;
                }
            }
            ck.push(Issue {
                path: Text::from(scratch.as_str()),
                message,
                code: issue.code.clone(),
                severity: issue.severity,
                vendor_code: issue.vendor_code.clone(),
            });
        }
        for (index, loss) in cx.losses.iter().enumerate() {
            let defaulted = self.origin.depends_on_order(&loss.canonical);
            trace.replayable &= !defaulted;
            // A default the target cannot hold is reported at the order, but it is not input
            // data, so it is not in `lost`.
            if defaulted && self.origin.is_default(&loss.canonical) {
                // Every order of a batch gets the same defaults, so it says the same warnings:
                // logged as compactly as a loss, with one shared message (an `Issue` each made
                // a batch's report several times larger, and slower to build).
                let message = messages.default_loss(loss, self.options.to.id());
                if !losses.push_warning(
                    ck.issues.len(),
                    self.base,
                    "",
                    codes::LOSSY_CONVERSION,
                    &message,
                ) {
                    ck.push(Issue::warning(self.base, codes::LOSSY_CONVERSION, message));
                }
                continue;
            }
            let strict = self.options.strict;
            // Every order of a batch loses the same few fields: once one was recorded, the next
            // order's loss of it is recorded by its ids.
            if let Some(ids) = messages.known_ids(loss) {
                losses.push_ids(ck.issues.len(), self.base, ids, strict);
                continue;
            }
            let to = self.options.to.id();
            let (message, fixed) = messages.loss(loss, to, self.source);
            self.known_input_path(
                &loss.canonical,
                fixed.map(|i| messages.fixed_pointer(i)),
                scratch,
            );
            let tail = scratch.get(self.base.len()..).unwrap_or("");
            if fixed.is_none() {
                trace.resolved(cx.issues.len() + index, tail);
            }
            let ids = losses.push(ck.issues.len(), self.base, tail, message, strict);
            // Only where the tail is the field's fixed source pointer, the same for every order.
            if let (Some(ids), Some(_)) = (ids, fixed) {
                messages.remember_ids(loss, ids);
            }
        }
    }

    /// [`Report::input_path`] when the conversion already knows the field's source pointer is
    /// fixed (`Some`, with `None` inside for no single source): the codec is not asked again.
    fn known_input_path(&self, canonical: &str, fixed: Option<Option<&str>>, path: &mut String) {
        match fixed {
            Some(relative) => {
                path.clear();
                path.push_str(self.base);
                path.push_str(relative.unwrap_or(""));
            }
            None => self.input_path(canonical, path),
        }
    }

    /// Maps a canonical pointer of the order to the input pointer it came from; a field with
    /// no single source in the input (a derived value, a caller default) points at the order.
    /// The pointer is built in `path` (cleared first).
    fn input_path(&self, canonical: &str, path: &mut String) {
        path.clear();
        path.push_str(self.base);
        if !canonical.is_empty() {
            let found =
                self.source
                    .push_order_source_pointer(canonical, self.order, self.options, path);
            if !found {
                path.truncate(self.base.len());
            }
        }
    }
}

/// The messages of one conversion's losses and writer warnings, each kept once and shared by
/// every issue that says it: a loss's text depends only on the field, the reason and the
/// target, so a batch of 100,000 orders that lose the same few fields holds a few messages,
/// not 500,000. The fields' fixed source pointers are kept here too, found once per field.
#[derive(Default)]
struct LossMessages {
    /// Message text → its shared copy.
    known: HashMap<Box<str>, Arc<str>, BuildHasherDefault<QuickHash>>,
    /// A loss whose field and reason are both static text → its message: found by the two
    /// texts' addresses and lengths, without building the message to look it up. (A static
    /// text's address is fixed for the life of the program, so equal keys mean equal texts.)
    /// With the index in `fixed` of the field's [`Codec::fixed_source_pointer`] in the source.
    /// Once the loss was recorded with its fixed source pointer, its ids in the conversion's
    /// [`LossLog`] ([`LossMessages::known_ids`]).
    by_static: HashMap<[usize; 4], KnownLoss, BuildHasherDefault<QuickHash>>,
    /// The fixed source pointers found: `None` for a field with no single source.
    fixed: Vec<Option<Cow<'static, str>>>,
    /// Canonical pointer → the index in `fixed` of its source pointer, for the writers'
    /// warnings (each order of a batch repeats them at the same fields); `None` when the
    /// source depends on the order.
    fixed_by_text: HashMap<Box<str>, Option<usize>, BuildHasherDefault<QuickHash>>,
    /// The message being looked up, reused so that a known message costs no allocation.
    scratch: String,
    /// The losses of defaults said so far (canonical pointer, reason) with their messages.
    default_losses: Vec<(Cow<'static, str>, Cow<'static, str>, Text)>,
    /// Bytes of text the tables hold (messages and pointers), which bounds what
    /// [`LossMessages::keep`] keeps after the conversion.
    held: usize,
}

thread_local! {
    /// The last conversion's tables, with the ids of its source and target, for the next
    /// conversion between the same formats. Everything in them depends only on the two formats
    /// (a message names the field, the reason and the target; a fixed source pointer is the
    /// source codec's), so a stream of one-order requests, as an order form or an edge worker
    /// makes, finds its messages made instead of formatting and hashing them again per call.
    static WARM_MESSAGES: RefCell<Option<(&'static str, &'static str, LossMessages)>> =
        const { RefCell::new(None) };
}

impl LossMessages {
    /// Past this many distinct messages (hostile input naming ever new vendor fields), new
    /// ones are no longer remembered, so the table stays small; they are still reported.
    const MAX_KNOWN: usize = 4096;
    /// How many losses of defaults [`LossMessages::default_loss`] remembers.
    const MAX_DEFAULT_LOSSES: usize = 64;
    /// The most text tables may hold to be kept for the next conversion: far above what the
    /// four vendors' fields make (a few kilobytes), so only tables grown by input that names
    /// ever new fields are let go, rather than held for the life of the module.
    const MAX_KEPT_BYTES: usize = 256 * 1024;

    /// The tables for a conversion from `source` to `target`: the last conversion's when it was
    /// between the same formats, else empty.
    fn for_conversion(source: &dyn Codec, target: &dyn Codec) -> Self {
        let warm = WARM_MESSAGES
            .try_with(|cell| cell.try_borrow_mut().ok().and_then(|mut kept| kept.take()))
            .ok()
            .flatten();
        match warm {
            Some((from, to, mut tables)) if from == source.id() && to == target.id() => {
                // The ids point into the earlier conversion's log.
                for known in tables.by_static.values_mut() {
                    known.ids = None;
                }
                tables
            }
            _ => LossMessages::default(),
        }
    }

    /// Keeps the tables for the next conversion from `source` to `target`, unless they grew past
    /// [`LossMessages::MAX_KEPT_BYTES`] or [`LossMessages::MAX_KNOWN`].
    fn keep(mut self, source: &dyn Codec, target: &dyn Codec) {
        let full = self.known.len() >= Self::MAX_KNOWN
            || self.fixed_by_text.len() >= Self::MAX_KNOWN
            || self.by_static.len() >= Self::MAX_KNOWN;
        if full || self.held > Self::MAX_KEPT_BYTES {
            return;
        }
        self.scratch.clear();
        keep_for_next(&WARM_MESSAGES, (source.id(), target.id(), self));
    }

    /// `message` as a shared copy when it was said before (most writer warnings, such as a
    /// window's changed meaning, read the same for every order): the batch then holds one copy.
    fn share(&mut self, message: &Text) -> Text {
        if !message.is_owned() {
            return message.clone();
        }
        if let Some(shared) = self.known.get(message.as_str()) {
            return Text::shared(Arc::clone(shared));
        }
        if self.known.len() >= Self::MAX_KNOWN {
            return message.clone();
        }
        let shared: Arc<str> = Arc::from(message.as_str());
        self.held += 2 * shared.len();
        self.known
            .insert(Box::from(message.as_str()), Arc::clone(&shared));
        Text::shared(shared)
    }

    /// The warning for a default the target cannot hold: "`field` (from the `defaults` option)
    /// cannot be carried to `to`: reason", shared when it was said before.
    fn default_loss(&mut self, loss: &Loss, to: &str) -> Text {
        let key = (loss.canonical.as_ref(), loss.reason.as_ref());
        if let Some((.., shared)) = self
            .default_losses
            .iter()
            .find(|(field, reason, _)| (field.as_ref(), reason.as_ref()) == key)
        {
            return shared.clone();
        }
        let message = self.share(&Text::from(format!(
            "{} (from the `defaults` option) cannot be carried to {to}: {}",
            describe_field(&loss.canonical),
            loss.reason
        )));
        // A batch's defaults are one object, so their losses are a handful; the bound only keeps
        // the linear search short should a codec name ever new fields.
        if self.default_losses.len() < Self::MAX_DEFAULT_LOSSES {
            self.default_losses.push((
                loss.canonical.clone(),
                loss.reason.clone(),
                message.clone(),
            ));
        }
        message
    }

    /// "`field` cannot be carried to `to`: reason", shared when it was said before, and where
    /// the field came from in `source` when that is fixed ([`Codec::fixed_source_pointer`]), as
    /// an index for [`LossMessages::fixed_pointer`].
    fn loss(&mut self, loss: &Loss, to: &str, source: &dyn Codec) -> (Text, Option<usize>) {
        let (Some(key), Cow::Borrowed(field)) = (static_key(loss), &loss.canonical) else {
            // A field named at run time (a vendor's own field, a custom field): its source is
            // looked up by its text, once per conversion where the codec says it is fixed.
            let message = self.loss_by_text(loss, to);
            return (message, self.source_of(&loss.canonical, source));
        };
        // `to` is the same for the whole conversion, which is this table's life.
        if let Some(known) = self.by_static.get(&key) {
            return (known.message.clone(), known.fixed);
        }
        let message = self.loss_by_text(loss, to);
        if self.by_static.len() >= Self::MAX_KNOWN {
            return (message, None);
        }
        let fixed = self.source_of(field, source);
        self.by_static.insert(
            key,
            KnownLoss {
                message: message.clone(),
                fixed,
                ids: None,
            },
        );
        (message, fixed)
    }

    /// The ids a loss of a static field for a static reason was recorded with before
    /// ([`LossMessages::remember_ids`]).
    fn known_ids(&self, loss: &Loss) -> Option<LossIds> {
        self.by_static.get(&static_key(loss)?)?.ids
    }

    /// Remembers the ids a loss was recorded with, for [`LossMessages::known_ids`]; only for a
    /// loss whose pointer tail is its field's fixed source pointer.
    fn remember_ids(&mut self, loss: &Loss, ids: LossIds) {
        if let Some(known) = static_key(loss).and_then(|key| self.by_static.get_mut(&key)) {
            known.ids = Some(ids);
        }
    }

    /// Where canonical field `canonical` came from in `source` when that is fixed, as an index
    /// for [`LossMessages::fixed_pointer`]; looked up once per field and conversion.
    fn source_of(&mut self, canonical: &str, source: &dyn Codec) -> Option<usize> {
        // The whole order (`Report::input_path` points at it without asking the codec).
        if canonical.is_empty() {
            return None;
        }
        if let Some(known) = self.fixed_by_text.get(canonical) {
            return *known;
        }
        // Past the table's size (fields named by hostile input), each order asks the codec.
        if self.fixed_by_text.len() >= Self::MAX_KNOWN {
            return None;
        }
        self.held += canonical.len();
        let fixed = source.fixed_source_pointer(canonical).map(|pointer| {
            self.held += pointer.as_deref().map_or(0, str::len);
            self.fixed.push(pointer);
            self.fixed.len() - 1
        });
        self.fixed_by_text.insert(Box::from(canonical), fixed);
        fixed
    }

    /// A fixed source pointer found by [`LossMessages::loss`] or [`LossMessages::source_of`]:
    /// `None` when the field has no single source (it is reported at the order).
    fn fixed_pointer(&self, index: usize) -> Option<&str> {
        self.fixed.get(index).and_then(|p| p.as_deref())
    }

    /// [`LossMessages::loss`] looked up by the message's text.
    fn loss_by_text(&mut self, loss: &Loss, to: &str) -> Text {
        let message = &mut self.scratch;
        message.clear();
        push_field(message, &loss.canonical);
        message.push_str(" cannot be carried to ");
        message.push_str(to);
        message.push_str(": ");
        message.push_str(&loss.reason);
        if let Some(shared) = self.known.get(message.as_str()) {
            return Text::shared(Arc::clone(shared));
        }
        if self.known.len() >= Self::MAX_KNOWN {
            return Text::from(message.as_str());
        }
        let shared: Arc<str> = Arc::from(message.as_str());
        self.held += 2 * shared.len();
        self.known
            .insert(Box::from(message.as_str()), Arc::clone(&shared));
        Text::shared(shared)
    }
}

/// A loss of a static field for a static reason, as [`LossMessages`] knows it.
struct KnownLoss {
    message: Text,
    /// The index of the field's fixed source pointer ([`LossMessages::fixed_pointer`]).
    fixed: Option<usize>,
    ids: Option<LossIds>,
}

/// A loss whose field and reason are both static texts, by their addresses and lengths (a
/// static text's address is fixed for the life of the program, so equal keys mean equal
/// texts); `None` for a loss with a text of its own.
fn static_key(loss: &Loss) -> Option<[usize; 4]> {
    match (&loss.canonical, &loss.reason) {
        (Cow::Borrowed(field), Cow::Borrowed(reason)) => Some([
            field.as_ptr() as usize,
            field.len(),
            reason.as_ptr() as usize,
            reason.len(),
        ]),
        _ => None,
    }
}

fn describe_field(canonical: &str) -> String {
    let mut out = String::with_capacity(canonical.len() + 2);
    push_field(&mut out, canonical);
    out
}

/// Appends a canonical field's name as messages write it: `/contact/phone` as `` `contact.phone` ``.
fn push_field(out: &mut String, canonical: &str) {
    out.push('`');
    for (i, part) in canonical.trim_start_matches('/').split('/').enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(part);
    }
    out.push('`');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codecs() -> Result<(&'static dyn Codec, &'static dyn Codec), UsageError> {
        Ok((
            codec(Format::from_id("optimoroute")?)?,
            codec(Format::from_id("wialon")?)?,
        ))
    }

    #[test]
    fn loss_tables_are_kept_only_for_the_same_formats_and_without_the_old_ids(
    ) -> Result<(), UsageError> {
        let (source, target) = codecs()?;
        let mut tables = LossMessages::for_conversion(source, target);
        let message = tables.share(&Text::from("said once"));
        let key = [1, 2, 3, 4];
        let ids = LossLog::default().push(0, "/orders/0", "/notes", message.clone(), false);
        assert!(ids.is_some());
        tables.by_static.insert(
            key,
            KnownLoss {
                message,
                fixed: None,
                ids,
            },
        );
        tables.keep(source, target);

        let again = LossMessages::for_conversion(source, target);
        assert!(again.known.contains_key("said once"));
        assert!(again.by_static.get(&key).is_some_and(|k| k.ids.is_none()));
        again.keep(source, target);

        // Another pair of formats starts from empty tables (and drops the kept ones).
        let other = LossMessages::for_conversion(target, source);
        assert!(other.known.is_empty() && other.by_static.is_empty());
        assert!(LossMessages::for_conversion(source, target)
            .known
            .is_empty());
        Ok(())
    }

    #[test]
    fn loss_tables_grown_past_the_budget_are_let_go() -> Result<(), UsageError> {
        let (source, target) = codecs()?;
        let mut tables = LossMessages::for_conversion(source, target);
        let long = "x".repeat(LossMessages::MAX_KEPT_BYTES);
        tables.share(&Text::from(long.as_str()));
        assert!(tables.held > LossMessages::MAX_KEPT_BYTES);
        tables.keep(source, target);
        assert!(LossMessages::for_conversion(source, target)
            .known
            .is_empty());
        Ok(())
    }

    #[test]
    fn prepared_defaults_are_reused_only_for_equal_defaults() {
        let mut defaults = Order {
            number: Some("D-1".into()),
            ..Order::default()
        };
        let first = Defaults::for_conversion(&defaults);
        assert!(Rc::ptr_eq(&first, &Defaults::for_conversion(&defaults)));
        defaults.notes = Some("changed".into());
        let second = Defaults::for_conversion(&defaults);
        assert!(!Rc::ptr_eq(&first, &second));
        assert!(second.fields.iter().any(|f| f == "notes"));
        assert!(!first.fields.iter().any(|f| f == "notes"));
    }
}
