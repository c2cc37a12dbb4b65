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
mod loss;
pub mod options;
pub mod tables;
pub mod write;

pub use loss::{Loss, WriteCx};
pub use options::{ConvertOptions, LoadSlot, PriorityTable, WindowSemantics};

use crate::check::{CalendarDate, Checker};
use crate::issue::{Issue, UsageError};
use crate::json::{self, Path, Value};
use crate::model::Order;
use crate::time::{TimeContext, Zone};
use crate::validate::Format;

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
    /// The order, or `None` when it had errors (already reported).
    pub order: Option<Order>,
    /// The text of an orderbridge envelope found in the order's extension slot.
    pub envelope: Option<String>,
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
    /// shape, or `None` when it is not an order payload at all.
    fn read(
        &self,
        payload: &Value,
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

    /// Writes one order as JSON text in this format, recording what it cannot hold in `cx`.
    /// Returns `None` when the order cannot be written (recorded as an issue in `cx`).
    fn write_order(&self, order: &Order, cx: &mut WriteCx) -> Option<String>;

    /// Wraps written orders into the payload of `shape` (e.g. `{"orders": [...]}`).
    fn wrap(&self, orders: Vec<String>, shape: Shape, options: &ConvertOptions) -> String;

    /// Where this format carries data it has no field for, in words (`None`: it has no such
    /// place, and `preserveUnmapped` cannot help).
    fn extension_slot(&self) -> Option<&'static str>;
}

/// The result of a conversion.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The payload in the target format (JSON text); `None` when nothing could be converted, or
    /// with `strict` when anything would be lost.
    pub output: Option<String>,
    /// Every problem and every interpretation, with paths into the input.
    pub issues: Vec<Issue>,
    /// JSON Pointers into the input of the data the output does not carry.
    pub lost: Vec<String>,
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
    let payload = match json::parse(text) {
        Ok(v) => v,
        Err(e) => {
            let accepts = matches!(options.from, Format::Vendor(v) if v.accepts_text(text));
            if !accepts {
                return Err(crate::validate::parse_error(&e));
            }
            Value::str(text)
        }
    };
    convert_value(&payload, options)
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
    let source = codec(options.from)?;
    let target = codec(options.to)?;
    let time = time_context(options)?;
    let defaults_json = options
        .defaults
        .as_ref()
        .map(|d| serde_json::to_value(d).unwrap_or(serde_json::Value::Null));
    let mut ck = Checker::new();
    let mut run = Run {
        source,
        target,
        options,
        time: &time,
        defaults: defaults_json.as_ref(),
        written: Vec::new(),
        failed: 0,
        lost: Vec::new(),
    };
    let shape = source.read(payload, options, &mut ck, &mut |item, ck| {
        run.order(item, ck)
    });
    let Some(shape) = shape else {
        if !ck.has_errors() {
            ck.error(
                &Path::root(),
                codes::NOT_AN_ORDER_PAYLOAD,
                format!("this {} payload holds no orders to convert.", source.id()),
            );
        }
        return Ok(Converted {
            output: None,
            issues: ck.issues,
            lost: Vec::new(),
        });
    };
    let Run {
        written,
        failed,
        lost,
        ..
    } = run;
    // Nothing is produced when any loss is forbidden, or when no order could be written; a
    // single order that failed produces nothing either. A batch keeps its good orders (the bad
    // ones are reported by index).
    let nothing = (options.strict && !lost.is_empty())
        || written.is_empty()
        || (shape == Shape::Single && failed > 0);
    let output = (!nothing).then(|| target.wrap(written, shape, options));
    Ok(Converted {
        output,
        issues: ck.issues,
        lost,
    })
}

/// One conversion in progress: what every order needs, and what the written ones produced.
struct Run<'a> {
    source: &'a dyn Codec,
    target: &'a dyn Codec,
    options: &'a ConvertOptions,
    time: &'a TimeContext,
    defaults: Option<&'a serde_json::Value>,
    written: Vec<String>,
    failed: usize,
    lost: Vec<String>,
}

impl Run<'_> {
    /// Converts one order read from the source.
    fn order(&mut self, item: SourceOrder, ck: &mut Checker) {
        let options = self.options;
        let Some(mut order) = item.order else {
            self.failed += 1;
            return;
        };
        if let Some(text) = &item.envelope {
            envelope::merge(&mut order, text, &item.pointer, ck);
        }
        let mut origin = Origin {
            defaults: self.defaults,
            before_defaults: None,
            before_json: None,
        };
        if let Some(defaults) = &options.defaults {
            origin.before_defaults = Some(order.clone());
            crate::model::fill_missing(&mut order, defaults);
        }
        let mut cx = WriteCx::new(options, self.time);
        let mut out = self.target.write_order(&order, &mut cx);
        if options.preserve_unmapped && out.is_some() && cx.needs_envelope() {
            if let Some(slot) = self.target.extension_slot() {
                // Write again, now carrying the lost fields (and the original values of those
                // the target holds in another form) in the target's extension slot: they are in
                // the output, so they are no longer lost.
                let carried: Vec<&str> = cx
                    .losses
                    .iter()
                    .map(|l| l.canonical.as_ref())
                    .chain(cx.carried.iter().map(String::as_str))
                    .collect();
                let mut second = WriteCx::new(options, self.time);
                second.envelope = Some(envelope::build(
                    &order,
                    carried.iter().copied(),
                    &cx.derived,
                ));
                out = self.target.write_order(&order, &mut second);
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
        report_order(
            self.source,
            &item.pointer,
            &mut cx,
            options,
            &mut origin,
            &mut self.lost,
            ck,
        );
        match out {
            Some(text) => self.written.push(text),
            None => self.failed += 1,
        }
    }
}

/// Whether a canonical field of an order came from the caller's `defaults` rather than the
/// input (then it has no place in the input, and issues about it point at the order).
struct Origin<'a> {
    defaults: Option<&'a serde_json::Value>,
    before_defaults: Option<Order>,
    before_json: Option<serde_json::Value>,
}

impl Origin<'_> {
    fn is_default(&mut self, canonical: &str) -> bool {
        let Some(defaults) = self.defaults else {
            return false;
        };
        if canonical.is_empty() || defaults.pointer(canonical).is_none() {
            return false;
        }
        // Only orders with an issue about a defaultable field pay for this serialization.
        let before = &self.before_defaults;
        let json = self.before_json.get_or_insert_with(|| {
            before.as_ref().map_or(serde_json::Value::Null, |o| {
                serde_json::to_value(o).unwrap_or(serde_json::Value::Null)
            })
        });
        json.pointer(canonical).is_none()
    }
}

/// Moves an order's losses and issues into the result, with input paths.
fn report_order(
    source: &dyn Codec,
    base: &str,
    cx: &mut WriteCx,
    options: &ConvertOptions,
    origin: &mut Origin,
    lost: &mut Vec<String>,
    ck: &mut Checker,
) {
    // Pointers of different orders never coincide: deduplicate within this order only (a
    // batch-wide search would make large batches quadratic).
    let first = lost.len();
    for issue in cx.issues.drain(..) {
        let path = if origin.is_default(&issue.path) {
            base.to_string()
        } else {
            input_path(source, base, &issue.path)
        };
        ck.push(Issue { path, ..issue });
    }
    for loss in cx.losses.drain(..) {
        // A default the target cannot hold is reported at the order, but it is not input
        // data, so it is not in `lost`.
        if origin.is_default(&loss.canonical) {
            ck.push(Issue::warning(
                base,
                codes::LOSSY_CONVERSION,
                format!(
                    "{} (from the `defaults` option) cannot be carried to {}: {}",
                    describe_field(&loss.canonical),
                    options.to.id(),
                    loss.reason
                ),
            ));
            continue;
        }
        let path = input_path(source, base, &loss.canonical);
        // Built in one buffer: this runs for every lost field of every order.
        let target = options.to.id();
        let mut message =
            String::with_capacity(loss.canonical.len() + target.len() + loss.reason.len() + 28);
        push_field(&mut message, &loss.canonical);
        message.push_str(" cannot be carried to ");
        message.push_str(target);
        message.push_str(": ");
        message.push_str(&loss.reason);
        let issue = if options.strict {
            Issue::error(path.clone(), codes::LOSSY_CONVERSION, message)
        } else {
            Issue::warning(path.clone(), codes::LOSSY_CONVERSION, message)
        };
        ck.push(issue);
        if !lost.get(first..).is_some_and(|mine| mine.contains(&path)) {
            lost.push(path);
        }
    }
}

/// Maps a canonical pointer of an order to the input pointer it came from; a field with no
/// single source in the input (a derived value, a caller default) points at the order.
fn input_path(source: &dyn Codec, base: &str, canonical: &str) -> String {
    if canonical.is_empty() {
        return base.to_string();
    }
    match source.source_pointer(canonical) {
        Some(relative) if base.is_empty() => relative,
        Some(relative) => {
            let mut path = String::with_capacity(base.len() + relative.len());
            path.push_str(base);
            path.push_str(&relative);
            path
        }
        None => base.to_string(),
    }
}

/// Appends a canonical field for messages: `/contact/phone` as `` `contact.phone` ``.
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

fn describe_field(canonical: &str) -> String {
    let mut out = String::with_capacity(canonical.len() + 2);
    push_field(&mut out, canonical);
    out
}
