//! What a target codec records while it writes one order.

use super::ConvertOptions;
use crate::issue::Issue;

/// A canonical field the target could not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// Pointer into the canonical order, e.g. `/contact/phone2` or `/timeWindows/1`.
    pub canonical: String,
    /// Why, in a few words ("Yandex has no second phone").
    pub reason: String,
}

/// The writing context of one order.
#[derive(Debug)]
pub struct WriteCx<'o> {
    /// The conversion's options.
    pub options: &'o ConvertOptions,
    /// Fields that could not be written.
    pub losses: Vec<Loss>,
    /// Other issues (derived or adjusted values, orders that cannot be written), with paths
    /// that are pointers into the canonical order; the pipeline maps them to input paths.
    pub issues: Vec<Issue>,
    /// The orderbridge envelope (JSON text of a partial canonical order) to put into the
    /// target's extension slot, when `preserveUnmapped` asked for one.
    pub envelope: Option<String>,
}

impl<'o> WriteCx<'o> {
    /// A fresh context.
    pub fn new(options: &'o ConvertOptions) -> Self {
        WriteCx {
            options,
            losses: Vec::new(),
            issues: Vec::new(),
            envelope: None,
        }
    }

    /// Records that canonical field `canonical` cannot be written.
    pub fn lose(&mut self, canonical: impl Into<String>, reason: impl Into<String>) {
        self.losses.push(Loss {
            canonical: canonical.into(),
            reason: reason.into(),
        });
    }

    /// Records a warning about field `canonical` (a derived or adjusted value).
    pub fn warn(
        &mut self,
        canonical: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.issues.push(Issue::warning(canonical, code, message));
    }

    /// Records that the order cannot be written.
    pub fn fail(
        &mut self,
        canonical: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.issues.push(Issue::error(canonical, code, message));
    }
}
