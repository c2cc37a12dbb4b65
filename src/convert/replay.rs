//! Earlier orders' reports, said again for a later order that reports the same things.
//!
//! The orders of a batch mostly have the same fields, so the target's writer says the same
//! issues and losses for each: the same pointers, codes and messages. Reporting them is a
//! handful of table lookups per issue (where the field came from in the input, the message's
//! shared copy, the ids of the pointer and the message in the [`LossLog`]), and it was 15% of
//! the wasm instructions of converting OptimoRoute orders to Wialon. When an order's writer
//! says exactly what an earlier order's said, and nothing else bears on the report, the entries
//! that earlier report added to the log are added again for this order, with its pointer.
//!
//! What else bears on an order's report, and so what a replay requires:
//! - the fields the caller's `defaults` set: whether such a field came from the defaults
//!   depends on the order ([`super::Origin`]), so a report that named one is not kept;
//! - the input pointer of a field whose source depends on the order (a time window read from
//!   OptimoRoute's `timeWindows` or its `allowedDateTimes`): found again for the order and
//!   compared;
//! - the issues already said about the order (by its reader, or its envelope), which the report
//!   does not repeat: neither order may have any;
//! - a report that added an issue of its own to the conversion's list (not a log entry) is not
//!   kept: a replay adds log entries only.

use super::log::Recorded;
use super::{in_order, Loss, LossLog, Report, WriteCx};
use crate::check::Checker;
use crate::issue::{same_text, Issue, QuickHash};
use std::borrow::Cow;
use std::hash::Hasher;

/// What one order's report depended on besides its writer's issues and losses, found while it
/// was made ([`Report::order_issues`]).
#[derive(Debug, Default)]
pub(super) struct Trace {
    /// False once the report depended on something a replay cannot check.
    pub replayable: bool,
    /// The items (issues first, then losses, by index in [`WriteCx`]) whose input pointer was
    /// found for the order, with where their pointer inside the order ends in `tails`.
    resolved: Vec<(usize, usize)>,
    /// The pointers inside the order of `resolved`, one after another.
    tails: String,
}

impl Trace {
    /// Ready for the next order's report.
    pub fn start(&mut self) {
        self.replayable = true;
        self.resolved.clear();
        self.tails.clear();
    }

    /// Notes that item `item`'s input pointer inside the order is `tail`, found for this order.
    pub fn resolved(&mut self, item: usize, tail: &str) {
        self.tails.push_str(tail);
        self.resolved.push((item, self.tails.len()));
    }

    /// The items whose pointer was found for the order, with that pointer.
    fn tails(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        let mut start = 0;
        self.resolved.iter().map(move |&(item, end)| {
            let tail = self.tails.get(start..end).unwrap_or("");
            start = end;
            (item, tail)
        })
    }
}

/// A report kept for replay, and what it depended on (see the module documentation).
#[derive(Debug, Default)]
struct Kept {
    /// [`fingerprint`] of what the writer said.
    fingerprint: u64,
    /// What the writer said of the order.
    issues: Vec<Issue>,
    losses: Vec<Loss>,
    trace: Trace,
    /// The entries the report added to the log.
    entries: Recorded,
}

impl Kept {
    /// True when the order of `report`, whose writer said what `cx` holds, reports what this
    /// report's order did. Finds the order's input pointers in `path`.
    fn repeated_by(&self, cx: &WriteCx, report: &Report, path: &mut String) -> bool {
        self.issues.len() == cx.issues.len()
            && self.losses.len() == cx.losses.len()
            && self
                .issues
                .iter()
                .zip(&cx.issues)
                .all(|(a, b)| same_issue(a, b))
            && self.losses.iter().zip(&cx.losses).all(|(a, b)| {
                same_text(&a.canonical, &b.canonical) && same_text(&a.reason, &b.reason)
            })
            && self.trace.tails().all(|(item, tail)| {
                let canonical = match item.checked_sub(cx.issues.len()) {
                    None => cx.issues.get(item).map(|i| i.path.as_str()),
                    Some(loss) => cx.losses.get(loss).map(|l| l.canonical.as_ref()),
                };
                canonical.is_some_and(|canonical| {
                    report.input_path(canonical, path);
                    path.get(report.base.len()..) == Some(tail)
                })
            })
    }
}

/// The reports of the last few kinds of order a conversion met (a batch's orders differ in
/// which optional fields they have, so consecutive orders often report differently).
#[derive(Debug, Default)]
pub(super) struct Reports {
    kept: Vec<Kept>,
    /// Where the next report kept goes once `kept` is full.
    next: usize,
    /// [`fingerprint`] of the order at hand, found by [`Reports::find`].
    fingerprint: u64,
}

impl Reports {
    /// How many reports are kept: enough for most orders of a realistic batch, whose optional
    /// fields make a few dozen combinations (the benchmark's 5,000 OptimoRoute orders → Wialon:
    /// 32 took 0.6% fewer instructions than 16, 64 no fewer than 32); few enough that looking
    /// through them costs little.
    const KEPT: usize = 32;

    /// The kept report that the order of `report`, whose writer said what `cx` holds, repeats;
    /// `quiet` says that nothing was said of it yet (no issue under its pointer, no reader
    /// warning in the log). Finds the order's input pointers in `path`.
    pub fn find(
        &mut self,
        cx: &WriteCx,
        report: &Report,
        quiet: bool,
        path: &mut String,
    ) -> Option<usize> {
        if !quiet {
            return None;
        }
        self.fingerprint = fingerprint(cx);
        self.kept
            .iter()
            .position(|k| k.fingerprint == self.fingerprint && k.repeated_by(cx, report, path))
    }

    /// Keeps the report just made of the order whose writer said what `cx` holds (the order
    /// [`Reports::find`] was last asked about), when it can be replayed (`replayable`): `log`
    /// holds it from entry `mark` on. The writer's lists move here, and `cx` gets the lists of
    /// the report this one replaces (the caller empties them).
    pub fn keep(
        &mut self,
        replayable: bool,
        cx: &mut WriteCx,
        trace: &mut Trace,
        log: &LossLog,
        mark: usize,
    ) {
        if replayable && trace.replayable {
            if self.kept.len() < Self::KEPT {
                self.kept.push(Kept::default());
            }
            let slot = self.next % self.kept.len().max(1);
            self.next = slot + 1;
            if let Some(k) = self.kept.get_mut(slot) {
                k.fingerprint = self.fingerprint;
                std::mem::swap(&mut k.issues, &mut cx.issues);
                std::mem::swap(&mut k.losses, &mut cx.losses);
                std::mem::swap(&mut k.trace, trace);
                log.record_since(mark, &mut k.entries);
            }
        }
    }

    /// Adds kept report `found` ([`Reports::find`]) again for the order at `base`.
    pub fn replay(&self, found: usize, log: &mut LossLog, base: &str, ck: &Checker) {
        if let Some(k) = self.kept.get(found) {
            log.replay(ck.issues.len(), base, &k.entries);
        }
    }
}

/// A hash of what a writer said (`cx`'s issues and losses) for finding a kept report: a shared
/// or static text by its address, a text of its own by its content, and not the issues' codes
/// (a message has one). The same texts give the same fingerprint; [`Kept::repeated_by`]
/// compares them all.
fn fingerprint(cx: &WriteCx) -> u64 {
    let mut h = QuickHash::default();
    let mut text = |t: &str, owned: bool| {
        if owned {
            h.write(t.as_bytes());
        } else {
            h.write_usize(t.as_ptr() as usize);
        }
    };
    for i in &cx.issues {
        text(&i.path, i.path.is_owned());
        text(&i.message, i.message.is_owned());
    }
    for l in &cx.losses {
        text(&l.canonical, matches!(l.canonical, Cow::Owned(_)));
        text(&l.reason, matches!(l.reason, Cow::Owned(_)));
    }
    h.write_usize(cx.issues.len());
    h.finish()
}

/// Whether nothing was said yet of the order of `report`: no issue of the conversion so far is
/// under its pointer (the last one would be), and its reader logged no warning.
pub(super) fn quiet(report: &Report, ck: &Checker) -> bool {
    report.reader_logged.is_empty()
        && ck
            .issues
            .last()
            .is_none_or(|last| in_order(&last.path, report.base).is_none())
}

fn same_issue(a: &Issue, b: &Issue) -> bool {
    a.severity == b.severity
        && same_text(&a.code, &b.code)
        && same_text(&a.path, &b.path)
        && same_text(&a.message, &b.message)
        && match (&a.vendor_code, &b.vendor_code) {
            (None, None) => true,
            (Some(a), Some(b)) => same_text(a, b),
            _ => false,
        }
}
