//! Conversion between formats: source → canonical → target, with every loss reported.
//!
//! The pipeline is the same for every pair of formats:
//! 1. the source [`Codec`] reads (and so validates) the payload into canonical orders, each with
//!    the JSON Pointer of the order object in the input; orders with errors are reported by
//!    index and not converted;
//! 2. an orderbridge envelope found in the source's extension slot (written by an earlier
//!    conversion with `preserveUnmapped`) is merged back into its order;
//! 3. the caller's `defaults` fill fields the source did not have;
//! 4. the target [`Codec`] writes each order, recording every canonical field it cannot hold as
//!    a loss; the pipeline maps each loss to the input pointer it came from (through the source
//!    codec's provenance), lists it in `lost` and reports it as a `LOSSY_CONVERSION` warning;
//! 5. with `preserveUnmapped`, the lost fields are written as a partial canonical order into the
//!    target's extension slot ([`envelope`]) so that converting back restores them; with
//!    `strict`, any loss is an error and there is no output.
//!
//! Each codec writes order JSON text directly, so a batch goes string in, string out without
//! building an intermediate tree of the output.

pub mod canonical;
pub mod envelope;
mod loss;
pub mod options;

pub use loss::{Loss, WriteCx};
pub use options::{ConvertOptions, LoadSlot, PriorityTable, WindowSemantics};

use crate::check::Checker;
use crate::issue::{Issue, UsageError};
use crate::json::{self, Path, Value};
use crate::model::Order;
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

/// Everything a source codec read.
#[derive(Debug, Clone)]
pub struct SourceOrders {
    /// One order or a batch.
    pub shape: Shape,
    /// The orders in input order.
    pub orders: Vec<SourceOrder>,
}

/// Reads and writes one format's order payloads in canonical terms.
pub trait Codec: Sync {
    /// The format id.
    fn id(&self) -> &'static str;

    /// Reads (and validates) an order payload. Problems are recorded in `ck` at input paths.
    /// Returns `None` when the payload is not an order payload at all.
    fn read(
        &self,
        payload: &Value,
        options: &ConvertOptions,
        ck: &mut Checker,
    ) -> Option<SourceOrders>;

    /// Where canonical field `canonical` (a pointer into the canonical order, e.g.
    /// `/contact/phone`) came from in an order read by this codec, relative to the order's
    /// pointer (e.g. `/phone`). `None` when the field has no single source.
    fn source_pointer(&self, canonical: &str) -> Option<String>;

    /// Writes one order as JSON text in this format, recording what it cannot hold in `cx`.
    /// Returns `None` when the order cannot be written (recorded as an issue in `cx`).
    fn write_order(&self, order: &Order, cx: &mut WriteCx) -> Option<String>;

    /// Wraps written orders into the payload of `shape` (e.g. `{"orders": [...]}`).
    fn wrap(&self, orders: &[String], shape: Shape, options: &ConvertOptions) -> String;

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

/// Converts a parsed payload.
pub fn convert_value(payload: &Value, options: &ConvertOptions) -> Result<Converted, UsageError> {
    let source = codec(options.from)?;
    let target = codec(options.to)?;
    let mut ck = Checker::new();
    let Some(read) = source.read(payload, options, &mut ck) else {
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

    let mut lost = Vec::new();
    let mut written = Vec::with_capacity(read.orders.len());
    let mut failed = 0usize;
    for item in read.orders {
        let Some(mut order) = item.order else {
            failed += 1;
            continue;
        };
        if let Some(text) = &item.envelope {
            envelope::merge(&mut order, text, &item.pointer, &mut ck);
        }
        if let Some(defaults) = &options.defaults {
            crate::model::fill_missing(&mut order, defaults);
        }
        let mut cx = WriteCx::new(options);
        let mut out = target.write_order(&order, &mut cx);
        if options.preserve_unmapped && !cx.losses.is_empty() {
            if let Some(slot) = target.extension_slot() {
                // Write again, now carrying the lost fields in the target's extension slot:
                // they are in the output, so they are no longer lost.
                let carried: Vec<String> = cx.losses.iter().map(|l| l.canonical.clone()).collect();
                let mut second = WriteCx::new(options);
                second.envelope = Some(envelope::build(&order, &cx.losses));
                out = target.write_order(&order, &mut second);
                second.losses.clear();
                second.warn(
                    "",
                    codes::CARRIED_IN_EXTENSION,
                    format!(
                        "{} field(s) the target has no place for were carried in {slot}: {}.",
                        carried.len(),
                        carried
                            .iter()
                            .map(|c| describe_field(c))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                cx = second;
            }
        }
        report_order(source, &item.pointer, &mut cx, options, &mut lost, &mut ck);
        match out {
            Some(text) => written.push(text),
            None => failed += 1,
        }
    }
    // Nothing is produced when any loss is forbidden, or when no order could be written; a
    // single order that failed produces nothing either. A batch keeps its good orders (the bad
    // ones are reported by index).
    let nothing = (options.strict && !lost.is_empty())
        || written.is_empty()
        || (read.shape == Shape::Single && failed > 0);
    let output = (!nothing).then(|| target.wrap(&written, read.shape, options));
    Ok(Converted {
        output,
        issues: ck.issues,
        lost,
    })
}

/// Moves an order's losses and issues into the result, with input paths.
fn report_order(
    source: &dyn Codec,
    base: &str,
    cx: &mut WriteCx,
    options: &ConvertOptions,
    lost: &mut Vec<String>,
    ck: &mut Checker,
) {
    for issue in cx.issues.drain(..) {
        let path = input_path(source, base, &issue.path);
        ck.push(Issue { path, ..issue });
    }
    for loss in cx.losses.drain(..) {
        let path = input_path(source, base, &loss.canonical);
        let severity_error = options.strict;
        let message = format!(
            "{} cannot be carried to {}: {}",
            describe_field(&loss.canonical),
            options.to.id(),
            loss.reason
        );
        let issue = if severity_error {
            Issue::error(path.clone(), codes::LOSSY_CONVERSION, message)
        } else {
            Issue::warning(path.clone(), codes::LOSSY_CONVERSION, message)
        };
        ck.push(issue);
        if !lost.contains(&path) {
            lost.push(path);
        }
    }
}

/// Maps a canonical pointer of an order to the input pointer it came from.
fn input_path(source: &dyn Codec, base: &str, canonical: &str) -> String {
    let relative = source
        .source_pointer(canonical)
        .unwrap_or_else(|| canonical.to_string());
    format!("{base}{relative}")
}

fn describe_field(canonical: &str) -> String {
    format!("`{}`", canonical.trim_start_matches('/').replace('/', "."))
}
