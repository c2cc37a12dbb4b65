//! What a target codec records while it writes one order.

use super::{codes, ConvertOptions, Shape};
use crate::check::Checker;
use crate::issue::{Issue, Text};
use crate::time::TimeContext;
use std::borrow::Cow;

/// A canonical field the target could not hold. Both texts are usually static: a batch of
/// lossy orders records a few losses per order, and they cost no allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// Pointer into the canonical order, e.g. `/contact/phone2` or `/timeWindows/1`.
    pub canonical: Cow<'static, str>,
    /// Why, in a few words ("Yandex has no second phone").
    pub reason: Cow<'static, str>,
}

/// The writing context of one order.
#[derive(Debug)]
pub struct WriteCx<'o> {
    /// The conversion's options.
    pub options: &'o ConvertOptions,
    /// The date and IANA zone from the options, looked up once per conversion.
    pub time: &'o TimeContext,
    /// Whether the order is written alone or as an item of the target's bulk form (set by the
    /// pipeline from the source payload's shape): some targets write an order differently in
    /// each (OptimoRoute `create_order` vs `create_or_update_orders`).
    pub shape: Shape,
    /// Fields that could not be written.
    pub losses: Vec<Loss>,
    /// Fields the target holds in a changed form (rounded, re-bounded, placed in time, written
    /// as text): not lost, but with `preserveUnmapped` their original values ride in the
    /// envelope so that converting back restores them exactly. Recorded only with
    /// `preserveUnmapped`.
    pub carried: Vec<String>,
    /// Canonical fields that reading the output back will hold although the order did not
    /// (a one-line address joined from parts): with `preserveUnmapped` the envelope names them
    /// so that converting back removes them again. Recorded only with `preserveUnmapped`.
    pub derived: Vec<String>,
    /// Other issues (derived or adjusted values, orders that cannot be written), with paths
    /// that are pointers into the canonical order; the pipeline maps them to input paths.
    pub issues: Vec<Issue>,
    /// The orderbridge envelope (JSON text of a partial canonical order) to put into the
    /// target's extension slot, when `preserveUnmapped` asked for one.
    pub envelope: Option<String>,
}

impl<'o> WriteCx<'o> {
    /// A fresh context.
    pub fn new(options: &'o ConvertOptions, time: &'o TimeContext) -> Self {
        WriteCx {
            options,
            time,
            shape: Shape::Single,
            losses: Vec::new(),
            carried: Vec::new(),
            derived: Vec::new(),
            issues: Vec::new(),
            envelope: None,
        }
    }

    /// Records that canonical field `canonical` cannot be written.
    pub fn lose(
        &mut self,
        canonical: impl Into<Cow<'static, str>>,
        reason: impl Into<Cow<'static, str>>,
    ) {
        self.losses.push(Loss {
            canonical: canonical.into(),
            reason: reason.into(),
        });
    }

    /// Records a warning about field `canonical` (a derived or adjusted value).
    pub fn warn(
        &mut self,
        canonical: impl Into<Text>,
        code: &'static str,
        message: impl Into<Text>,
    ) {
        self.issues.push(Issue::warning(canonical, code, message));
    }

    /// Records that the order cannot be written.
    pub fn fail(
        &mut self,
        canonical: impl Into<Text>,
        code: &'static str,
        message: impl Into<Text>,
    ) {
        self.issues.push(Issue::error(canonical, code, message));
    }

    /// Records that field `canonical` was written in a changed form (`VALUE_ADJUSTED`); with
    /// `preserveUnmapped` its original value is carried in the envelope.
    pub fn adjust(&mut self, canonical: impl Into<Text>, message: impl Into<Text>) {
        let canonical = canonical.into();
        self.carry(&canonical);
        self.warn(canonical, codes::VALUE_ADJUSTED, message);
    }

    /// Marks `canonical` to be carried in the envelope (with `preserveUnmapped`) without a
    /// warning: the caller has reported the change already, or it changes nothing visible.
    pub fn carry(&mut self, canonical: &str) {
        // Only an envelope uses them: without one, recording them would cost an allocation
        // per order of a large batch for nothing.
        if self.options.preserve_unmapped && !self.carried.iter().any(|c| c == canonical) {
            self.carried.push(canonical.to_string());
        }
    }

    /// Records that a target value was derived from canonical field `from` and that reading
    /// the output back yields the canonical fields `created`, which the order did not hold
    /// (`DERIVED_VALUE` warning at `from`).
    pub fn derive(&mut self, from: impl Into<Text>, created: &[&str], message: impl Into<Text>) {
        self.warn(from, codes::DERIVED_VALUE, message);
        for c in created {
            self.created(c);
        }
    }

    /// Records, without a warning, that reading the output back yields canonical field
    /// `created`, which the order did not hold (a value the target requires and the writer
    /// filled in, e.g. OptimoRoute's `operation`): with `preserveUnmapped` the envelope names it
    /// so that converting back removes it again.
    pub fn created(&mut self, created: &str) {
        // Only an envelope uses them (as with `carry`).
        if self.options.preserve_unmapped && !self.derived.iter().any(|d| d == created) {
            self.derived.push(created.to_string());
        }
    }

    /// Moves the issues a time-module call recorded (at canonical paths) into this context.
    pub fn absorb(&mut self, checker: Checker) {
        self.issues.extend(checker.issues);
    }

    /// True when an error was recorded: the order cannot be written.
    pub fn failed(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }

    /// True when, with `preserveUnmapped`, an envelope has something to carry.
    pub fn needs_envelope(&self) -> bool {
        !self.losses.is_empty() || !self.carried.is_empty() || !self.derived.is_empty()
    }
}
