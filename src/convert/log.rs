//! The losses of one conversion, and the warnings its writer repeats order after order,
//! recorded compactly.
//!
//! A batch loses the same few fields in every order: 100,000 OptimoRoute orders converted to
//! Yandex record some 700,000 losses. As [`Issue`]s each would be a 104-byte struct, its own
//! pointer text, and the same pointer again in `lost`: a third of the conversion's time went
//! to building and storing them (measured in the wasm build, `benches/convert.mjs`). Here a
//! loss is a few numbers: the order's pointer (kept once per order), the pointer inside the
//! order (kept once per distinct text), the message (kept once per distinct message) and its
//! place among the conversion's other issues. The issues and pointers are built when asked for
//! ([`LossLog::merge`] for Rust callers), or written straight into JSON ([`LossLog::views`],
//! the wasm binding's lazily built report) without building them at all.
//!
//! A writer's warnings with a fixed code and a shared message (a window's times copied
//! unchanged, a derived notification flag: one or two for every order of a batch) are kept the
//! same way ([`LossLog::push_warning`]), but never listed in `lost`.

use super::codes;
use crate::issue::{Issue, QuickHash, Severity, Text};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::Arc;

/// One recorded loss (or warning), in 24 bytes: a batch of 100,000 orders records some
/// 700,000 of them, so their size is most of the log's memory and of the time it takes to
/// write them.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// How many of the conversion's other issues come before it.
    after: u32,
    /// The order's pointer: a byte range of [`LossLog::bases`].
    base: (u32, u32),
    /// Index of the pointer inside the order in [`LossLog::tails`].
    tail: u32,
    /// Index of the message in [`LossLog::messages`].
    message: u32,
    /// The issue's code: [`LOSS_CODE`] for a loss, else 1 + its index in [`LossLog::codes`].
    code: u8,
    /// An error (`strict`) rather than a warning.
    error: bool,
    /// Listed in `lost` (its first report in the order).
    listed: bool,
}

/// [`Entry::code`] of a loss (`LOSSY_CONVERSION`); other codes are kept in [`LossLog::codes`].
const LOSS_CODE: u8 = 0;

/// An index or a length as an [`Entry`] keeps it. The wasm build's `usize` is 32 bits, so
/// nothing is cut there; natively the log would need 4 GiB of pointers or four billion issues
/// before anything were.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A recorded loss's pointer tail and message, as ids of the [`LossLog`] that returned them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LossIds {
    tail: usize,
    message: usize,
}

/// What one order's report added to a [`LossLog`] ([`LossLog::record_since`]), to add again
/// for a later order whose report says the same ([`LossLog::replay`]).
#[derive(Debug, Clone, Default)]
pub struct Recorded {
    entries: Vec<Entry>,
}

/// How many distinct tails or messages a log finds by a scan before it builds a hash table.
/// A one-order conversion records a handful: building, probing and freeing the tables was 10%
/// of such a conversion (natively), more than the scans cost.
const SCANNED: usize = 16;

/// Distinct pointer tails, each once, numbered in the order they were first recorded: one text
/// for all of them, and a hash table only past [`SCANNED`] tails.
#[derive(Debug, Clone, Default)]
struct Tails {
    /// The tails one after another.
    text: String,
    /// Where each tail ends in `text` (it starts where the one before it ends).
    ends: Vec<usize>,
    /// The ids by text; empty while the tails are few enough to scan.
    ids: HashMap<Box<str>, usize, BuildHasherDefault<QuickHash>>,
}

impl Tails {
    /// The id of `tail`, recorded now if it is new.
    fn id(&mut self, tail: &str) -> usize {
        let known = if self.ids.is_empty() {
            self.iter().position(|t| t == tail)
        } else {
            self.ids.get(tail).copied()
        };
        if let Some(id) = known {
            return id;
        }
        let id = self.ends.len();
        if id == 0 {
            // Room for a one-order log's tails at once, rather than five doublings.
            self.text.reserve(SCANNED * 16);
            self.ends.reserve(SCANNED);
        }
        self.text.push_str(tail);
        self.ends.push(self.text.len());
        if !self.ids.is_empty() {
            self.ids.insert(Box::from(tail), id);
        } else if self.ends.len() > SCANNED {
            self.ids = self.iter().map(Box::from).zip(0..).collect();
        }
        id
    }

    fn get(&self, id: usize) -> Option<&str> {
        let start = match id.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.text.get(start..*self.ends.get(id)?)
    }

    fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|id| self.get(id).unwrap_or_default())
    }

    fn heap_bytes(&self) -> usize {
        let indexed: usize = self.ids.keys().map(|t| t.len() + 48).sum();
        self.text.capacity() + self.ends.capacity() * std::mem::size_of::<usize>() + indexed
    }
}

/// The losses of one conversion (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct LossLog {
    entries: Vec<Entry>,
    /// The pointers of the orders that lost something, one after another.
    bases: String,
    /// The current order's pointer in `bases`, once it lost something.
    current_base: Option<(u32, u32)>,
    /// Pointers inside an order, each once.
    tails: Tails,
    /// Messages, each once (shared messages are recognized by their address).
    messages: Vec<Text>,
    /// The ids of the shared messages by address and length, once `messages_indexed`; until
    /// there are more than [`SCANNED`] messages, they are found by a scan.
    message_ids: HashMap<(usize, usize), usize, BuildHasherDefault<QuickHash>>,
    messages_indexed: bool,
    /// Tails already listed in `lost` for the current order.
    listed_in_order: Vec<usize>,
    listed: usize,
    /// Where the current order's entries start in `entries`.
    order_start: usize,
    /// The codes of the entries that are not losses, each once: the few warnings the log keeps
    /// ([`super::compact_code`]).
    codes: Vec<&'static str>,
}

impl LossLog {
    /// Starts recording the losses of the next order (its pointer is kept with its first loss).
    pub fn start_order(&mut self) {
        self.current_base = None;
        self.listed_in_order.clear();
        self.order_start = self.entries.len();
        if self.entries.capacity() == 0 {
            // An order's report at once (a realistic one-order conversion records six to ten
            // entries and messages), rather than growing from nothing by doublings.
            self.entries.reserve(SCANNED);
            self.messages.reserve(SCANNED);
        }
    }

    /// Records that the order at `base` lost the field at `base` + `tail`, after `after` other
    /// issues of the conversion, reported with `message` (an error when `error`). A field lost
    /// twice in one order is listed in `lost` once, as before.
    ///
    /// Returns the loss's tail and message as [`LossIds`] when they can be recorded again by
    /// [`LossLog::push_ids`] (a message that is shared, so that its id names it), which skips
    /// looking both up for the next order that loses the same field.
    pub fn push(
        &mut self,
        after: usize,
        base: &str,
        tail: &str,
        message: Text,
        error: bool,
    ) -> Option<LossIds> {
        let tail = self.tail_id(tail);
        let reusable = message.shared_address().is_some();
        let message = self.message_id(message);
        let ids = LossIds { tail, message };
        self.push_ids(after, base, ids, error);
        reusable.then_some(ids)
    }

    /// [`LossLog::push`] with the tail and message ids it returned for an earlier order.
    pub fn push_ids(&mut self, after: usize, base: &str, ids: LossIds, error: bool) {
        let LossIds { tail, message } = ids;
        let base = self.base_range(base);
        let listed = !self.listed_in_order.contains(&tail);
        if listed {
            self.listed_in_order.push(tail);
            self.listed += 1;
        }
        self.entries.push(Entry {
            after: narrow(after),
            base,
            tail: narrow(tail),
            message: narrow(message),
            code: LOSS_CODE,
            error,
            listed,
        });
    }

    /// Keeps in `into` what was recorded since the log had `mark` entries ([`LossLog::len`]):
    /// one order's report, for [`LossLog::replay`].
    pub fn record_since(&self, mark: usize, into: &mut Recorded) {
        into.entries.clear();
        if let Some(entries) = self.entries.get(mark..) {
            into.entries.extend_from_slice(entries);
        }
    }

    /// Records for the order at `base`, after `after` other issues, what `recorded` holds
    /// again: the report of an earlier order that said the same things, made with this log's
    /// ids. The order's losses are listed in `lost` as they were for that order, which started
    /// from nothing listed, as this one does ([`LossLog::start_order`]).
    pub fn replay(&mut self, after: usize, base: &str, recorded: &Recorded) {
        if recorded.entries.is_empty() {
            return;
        }
        let base = self.base_range(base);
        let after = narrow(after);
        self.entries
            .extend(recorded.entries.iter().map(|e| Entry { after, base, ..*e }));
        for e in recorded.entries.iter().filter(|e| e.listed) {
            self.listed_in_order.push(e.tail as usize);
            self.listed += 1;
        }
    }

    /// The index of `code` in [`LossLog::codes`], after [`LOSS_CODE`]. The codes the log keeps
    /// are a few of the crate's constants, far fewer than 255; the last index is shared past
    /// that, and such a code would read back as that index's.
    fn code_id(&mut self, code: &'static str) -> u8 {
        if code == codes::LOSSY_CONVERSION {
            return LOSS_CODE;
        }
        let index = match self.codes.iter().position(|c| *c == code) {
            Some(index) => index,
            None => {
                self.codes.push(code);
                self.codes.len() - 1
            }
        };
        u8::try_from(index + 1).unwrap_or(u8::MAX)
    }

    /// The code of `e`.
    fn code_of(&self, e: &Entry) -> &'static str {
        match e.code.checked_sub(1) {
            Some(index) => self
                .codes
                .get(usize::from(index))
                .copied()
                .unwrap_or(codes::LOSSY_CONVERSION),
            None => codes::LOSSY_CONVERSION,
        }
    }

    /// Whether the entries in `range` hold a warning or loss `code` at `tail` (inside its
    /// order) that says `message`.
    pub fn said_among(&self, range: Range<usize>, tail: &str, code: &str, message: &str) -> bool {
        self.entries.get(range).is_some_and(|entries| {
            entries.iter().any(|e| {
                self.code_of(e) == code
                    && self.tails.get(e.tail as usize) == Some(tail)
                    && self
                        .messages
                        .get(e.message as usize)
                        .is_some_and(|m| m.as_str() == message)
            })
        })
    }

    /// Records a warning `code` at `base` + `tail` that is not a loss (it is not listed in
    /// `lost`), after `after` other issues, once per order: a repeat of the same warning at the
    /// same pointer in the same order is not recorded again. `message` must be shared (static
    /// or reference-counted), so that its address names it; for an owned message this returns
    /// false and records nothing (the caller reports it as an [`Issue`] of its own).
    pub fn push_warning(
        &mut self,
        after: usize,
        base: &str,
        tail: &str,
        code: &'static str,
        message: &Text,
    ) -> bool {
        if message.shared_address().is_none() {
            return false;
        }
        let tail = narrow(self.tail_id(tail));
        let code = self.code_id(code);
        let repeated = self.entries.get(self.order_start..).is_some_and(|order| {
            order.iter().any(|e| {
                e.code == code
                    && e.tail == tail
                    && self
                        .messages
                        .get(e.message as usize)
                        .is_some_and(|m| m.as_str() == message.as_str())
            })
        });
        if !repeated {
            let message = narrow(self.message_id(message.clone()));
            let base = self.base_range(base);
            self.entries.push(Entry {
                after: narrow(after),
                base,
                tail,
                message,
                code,
                error: false,
                listed: false,
            });
        }
        true
    }

    /// The current order's pointer in `bases`, kept there with its first entry.
    fn base_range(&mut self, base: &str) -> (u32, u32) {
        match self.current_base {
            Some(range) => range,
            None => {
                let start = narrow(self.bases.len());
                self.bases.push_str(base);
                let range = (start, narrow(self.bases.len()));
                self.current_base = Some(range);
                range
            }
        }
    }

    fn tail_id(&mut self, tail: &str) -> usize {
        self.tails.id(tail)
    }

    fn message_id(&mut self, message: Text) -> usize {
        let Some(address) = message.shared_address().map(|a| (a, message.len())) else {
            self.messages.push(message);
            return self.messages.len() - 1;
        };
        // Past a few messages (owned ones count: they are scanned too), the shared ones are
        // indexed once and for all, so that no scan is longer than SCANNED.
        if !self.messages_indexed && self.messages.len() > SCANNED {
            self.message_ids = (self.messages.iter().enumerate())
                .filter_map(|(id, m)| Some(((m.shared_address()?, m.len()), id)))
                .collect();
            self.messages_indexed = true;
        }
        let known = if self.messages_indexed {
            self.message_ids.get(&address).copied()
        } else {
            self.messages
                .iter()
                .position(|m| m.shared_address().map(|a| (a, m.len())) == Some(address))
        };
        if let Some(id) = known {
            return id;
        }
        let id = self.messages.len();
        // The log keeps the message alive, so its address names it for the log's life.
        self.messages.push(message);
        if self.messages_indexed {
            self.message_ids.insert(address, id);
        }
        id
    }

    /// About how many bytes of memory the log holds (its vectors and texts).
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.bases.capacity()
            + self.tails.heap_bytes()
            + self.messages.capacity() * std::mem::size_of::<Text>()
            + self.message_ids.capacity() * 3 * std::mem::size_of::<usize>()
            + self.listed_in_order.capacity() * std::mem::size_of::<usize>()
            + self.codes.capacity() * std::mem::size_of::<&str>()
    }

    /// How many pointers `lost` holds.
    pub fn lost_len(&self) -> usize {
        self.listed
    }

    /// How many losses and warnings were recorded ([`LossLog::said_among`] takes a range of
    /// them).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing was lost.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The losses in order, as indices into the log's tables ([`LossLog::bases`],
    /// [`LossLog::tails`], [`LossLog::messages`]): for a caller that moves the whole report
    /// elsewhere (the wasm binding hands JavaScript the tables, not a million issue texts).
    pub fn entries(&self) -> impl ExactSizeIterator<Item = LossEntry> + '_ {
        self.entries.iter().map(|e| LossEntry {
            code: self.code_of(e),
            after: e.after as usize,
            base: (e.base.0 as usize, e.base.1 as usize),
            tail: e.tail as usize,
            message: e.message as usize,
            error: e.error,
            listed: e.listed,
        })
    }

    /// The pointers of the orders that lost something, one after another
    /// ([`LossEntry::base`] is a byte range of this text).
    pub fn bases(&self) -> &str {
        &self.bases
    }

    /// The distinct pointers inside an order ([`LossEntry::tail`] indexes them).
    pub fn tails(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.tails.iter()
    }

    /// The distinct messages ([`LossEntry::message`] indexes them).
    pub fn messages(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.messages.iter().map(Text::as_str)
    }

    fn view<'l>(&'l self, e: &Entry) -> LossView<'l> {
        LossView {
            code: self.code_of(e),
            base: self
                .bases
                .get(e.base.0 as usize..e.base.1 as usize)
                .unwrap_or_default(),
            tail: self.tails.get(e.tail as usize).unwrap_or_default(),
            message: self
                .messages
                .get(e.message as usize)
                .map_or("", Text::as_str),
            error: e.error,
        }
    }

    /// The conversion's issues in order: `others` (the issues that are not losses, in the
    /// order they were found) with the losses in their places.
    pub fn views<'l>(&'l self, others: &'l [Issue]) -> impl Iterator<Item = IssueView<'l>> + 'l {
        let mut others = others.iter().enumerate().peekable();
        let mut losses = self.entries.iter().peekable();
        std::iter::from_fn(move || {
            let next_other = others.peek().map(|(i, _)| *i);
            match (next_other, losses.peek()) {
                (Some(i), Some(loss)) if loss.after as usize > i => {
                    others.next().map(|(_, issue)| IssueView::Other(issue))
                }
                (_, Some(_)) => losses.next().map(|e| IssueView::Loss(self.view(e))),
                (Some(_), None) => others.next().map(|(_, issue)| IssueView::Other(issue)),
                (None, None) => None,
            }
        })
    }

    /// The pointers of `lost`, in order.
    pub fn lost_views(&self) -> impl Iterator<Item = LossView<'_>> + '_ {
        self.entries
            .iter()
            .filter(|e| e.listed)
            .map(|e| self.view(e))
    }

    /// The issues and `lost` as values: `others` with the losses in their places, each loss's
    /// pointer shared by its issue and `lost`.
    pub fn merge(self, others: Vec<Issue>) -> (Vec<Issue>, Vec<Text>) {
        let mut issues = Vec::with_capacity(others.len() + self.entries.len());
        let mut lost = Vec::with_capacity(self.listed);
        let mut others = others.into_iter().enumerate().peekable();
        let mut path = String::new();
        for e in &self.entries {
            while let Some((_, issue)) = others.next_if(|(i, _)| *i < e.after as usize) {
                issues.push(issue);
            }
            let view = self.view(e);
            path.clear();
            path.push_str(view.base);
            path.push_str(view.tail);
            let pointer = Text::shared(Arc::from(path.as_str()));
            let message = self
                .messages
                .get(e.message as usize)
                .cloned()
                .unwrap_or_default();
            let code = self.code_of(e);
            issues.push(if e.error {
                Issue::error(pointer.clone(), code, message)
            } else {
                Issue::warning(pointer.clone(), code, message)
            });
            if e.listed {
                lost.push(pointer);
            }
        }
        issues.extend(others.map(|(_, issue)| issue));
        (issues, lost)
    }
}

/// One recorded loss (or warning) as [`LossLog::entries`] gives it. Its issue is a `code` at
/// the pointer `base` + `tail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LossEntry {
    /// The issue's code: `LOSSY_CONVERSION` for a loss.
    pub code: &'static str,
    /// How many of the conversion's other issues come before it.
    pub after: usize,
    /// The order's pointer: a byte range of [`LossLog::bases`].
    pub base: (usize, usize),
    /// Index of the pointer inside the order in [`LossLog::tails`].
    pub tail: usize,
    /// Index of the message in [`LossLog::messages`].
    pub message: usize,
    /// An error (`strict`) rather than a warning.
    pub error: bool,
    /// Listed in `lost` (the field's first report in its order).
    pub listed: bool,
}

/// One loss, read from a [`LossLog`].
#[derive(Debug, Clone, Copy)]
pub struct LossView<'l> {
    code: &'static str,
    base: &'l str,
    tail: &'l str,
    message: &'l str,
    error: bool,
}

impl LossView<'_> {
    /// The loss's pointer, written without building it.
    pub fn pointer(&self) -> impl fmt::Display + '_ {
        Pointer(self.base, self.tail)
    }
}

/// A pointer in two parts.
struct Pointer<'a>(&'a str, &'a str);

impl fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)?;
        f.write_str(self.1)
    }
}

impl Serialize for LossView<'_> {
    /// As the pointer string `lost` holds.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.pointer())
    }
}

/// One issue of a conversion, read from a [`LossLog`] and the other issues.
#[derive(Debug, Clone, Copy)]
pub enum IssueView<'l> {
    /// An issue that is not a loss.
    Other(&'l Issue),
    /// A loss.
    Loss(LossView<'l>),
}

impl Serialize for IssueView<'_> {
    /// As the [`Issue`] it stands for serializes.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            IssueView::Other(issue) => issue.serialize(serializer),
            IssueView::Loss(loss) => {
                let mut s = serializer.serialize_struct("Issue", 4)?;
                s.serialize_field("path", &PointerText(loss))?;
                s.serialize_field("code", loss.code)?;
                s.serialize_field("message", loss.message)?;
                let severity = if loss.error {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                s.serialize_field("severity", &severity)?;
                s.end()
            }
        }
    }
}

/// A loss's pointer as a JSON string.
struct PointerText<'a, 'l>(&'a LossView<'l>);

impl Serialize for PointerText<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.pointer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(s: &str) -> Text {
        Text::shared(Arc::from(s))
    }

    /// Each item as its JSON text.
    fn as_json<T: Serialize>(items: impl IntoIterator<Item = T>) -> Vec<String> {
        items
            .into_iter()
            .map(|v| serde_json::to_string(&v).unwrap_or_default())
            .collect()
    }

    #[test]
    fn losses_keep_their_places_among_the_other_issues_and_serialize_alike() {
        let message = shared("`kind` cannot be carried: none");
        let mut log = LossLog::default();
        let others = vec![
            Issue::warning("/orders/0/a", "A", "first"),
            Issue::warning("/orders/1/b", "B", "second"),
            Issue::warning("/orders/1/c", "C", "third"),
        ];
        log.start_order();
        // Before any other issue, twice at the same pointer (listed once), then another field.
        log.push(0, "/orders/0", "/type", message.clone(), false);
        log.push(0, "/orders/0", "/type", message.clone(), false);
        log.push(1, "/orders/0", "/date", Text::from("owned"), true);
        log.start_order();
        log.push(3, "/orders/1", "/type", message, false);
        assert_eq!((log.len(), log.lost_len()), (4, 3));

        let viewed = as_json(log.views(&others));
        let lost: Vec<String> = log.lost_views().map(|v| v.pointer().to_string()).collect();
        // The tables give the same losses: each entry's pointer, message and listing.
        let tails: Vec<&str> = log.tails().collect();
        let messages: Vec<&str> = log.messages().collect();
        let from_tables: Vec<(String, &str, bool, bool)> = log
            .entries()
            .map(|e| {
                let base = log.bases().get(e.base.0..e.base.1).unwrap_or("?");
                let tail = tails.get(e.tail).copied().unwrap_or("?");
                let message = messages.get(e.message).copied().unwrap_or("?");
                (format!("{base}{tail}"), message, e.error, e.listed)
            })
            .collect();
        let from_views: Vec<(String, &str, bool, bool)> = log
            .entries
            .iter()
            .map(|e| {
                let v = log.view(e);
                let pointer = v.pointer().to_string();
                (pointer, v.message, v.error, e.listed)
            })
            .collect();
        assert_eq!(from_tables, from_views);
        let afters: Vec<usize> = log.entries().map(|e| e.after).collect();
        assert_eq!(afters, [0, 0, 1, 3]);
        let (issues, merged_lost) = log.merge(others);
        let built = as_json(&issues);
        assert_eq!(viewed, built);
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/orders/0/type",
                "/orders/0/type",
                "/orders/0/a",
                "/orders/0/date",
                "/orders/1/b",
                "/orders/1/c",
                "/orders/1/type"
            ]
        );
        assert!(issues
            .get(3)
            .is_some_and(|i| i.is_error() && i.message == "owned"));
        assert_eq!(lost, ["/orders/0/type", "/orders/0/date", "/orders/1/type"]);
        assert_eq!(merged_lost, lost);
    }

    #[test]
    fn warnings_are_logged_in_their_places_once_per_order_and_never_lost() {
        let adjusted = Text::from_static("The window's times were copied unchanged.");
        let loss = shared("`date` cannot be carried: none");
        let mut log = LossLog::default();
        let others = vec![Issue::warning("/orders/1/x", "X", "other")];
        log.start_order();
        assert!(log.push_warning(0, "/orders/0", "/tw/0", codes::VALUE_ADJUSTED, &adjusted));
        // The same warning again in the same order is taken but not recorded twice.
        assert!(log.push_warning(0, "/orders/0", "/tw/0", codes::VALUE_ADJUSTED, &adjusted));
        log.push(0, "/orders/0", "/date", loss.clone(), false);
        // An owned message is left to the caller.
        assert!(!log.push_warning(
            0,
            "/orders/0",
            "/n",
            codes::DERIVED_VALUE,
            &Text::from("own".to_string())
        ));
        log.start_order();
        assert!(log.push_warning(1, "/orders/1", "/tw/0", codes::VALUE_ADJUSTED, &adjusted));
        assert_eq!((log.len(), log.lost_len()), (3, 1));
        let viewed = as_json(log.views(&others));
        let (issues, lost) = log.merge(others);
        let built = as_json(&issues);
        assert_eq!(viewed, built);
        let got: Vec<(&str, &str)> = issues
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_ref()))
            .collect();
        assert_eq!(
            got,
            [
                ("/orders/0/tw/0", codes::VALUE_ADJUSTED),
                ("/orders/0/date", codes::LOSSY_CONVERSION),
                ("/orders/1/x", "X"),
                ("/orders/1/tw/0", codes::VALUE_ADJUSTED),
            ]
        );
        assert!(issues.iter().all(|i| !i.is_error()));
        assert_eq!(lost, ["/orders/0/date"]);
    }

    /// Tails and messages keep their ids, and are found again, whether the log scans them (a
    /// few) or has built its hash tables (past `SCANNED`), across the switch between the two.
    #[test]
    fn tails_and_messages_keep_their_ids_past_the_switch_to_hash_tables() {
        let count = 3 * SCANNED;
        let texts: Vec<Text> = (0..count)
            .map(|i| shared(&format!("message {i}")))
            .collect();
        let mut log = LossLog::default();
        let mut first_ids = Vec::new();
        for round in 0..3 {
            log.start_order();
            for (i, text) in texts.iter().enumerate() {
                let ids = log.push(
                    0,
                    &format!("/orders/{round}"),
                    &format!("/field{i}"),
                    text.clone(),
                    false,
                );
                if round == 0 {
                    first_ids.push(ids);
                } else {
                    assert_eq!(
                        ids,
                        first_ids.get(i).copied().flatten(),
                        "round {round}, field {i}"
                    );
                }
            }
            // An owned message has no address to be found by: recorded anew each time.
            log.push(
                0,
                &format!("/orders/{round}"),
                "/owned",
                Text::from("owned".to_string()),
                false,
            );
        }
        assert_eq!(first_ids.iter().flatten().count(), count);
        let tails: Vec<&str> = log.tails().collect();
        let expected: Vec<String> = (0..count)
            .map(|i| format!("/field{i}"))
            .chain(["/owned".into()])
            .collect();
        assert_eq!(tails, expected);
        assert_eq!(log.messages().count(), count + 3);
        for (i, ids) in first_ids.iter().flatten().enumerate() {
            assert_eq!(ids.tail, i);
            assert_eq!(ids.message, i);
            assert_eq!(log.messages().nth(i), Some(format!("message {i}").as_str()));
        }
        assert_eq!(log.lost_len(), 3 * (count + 1));

        // Owned messages alone push a log past the scan: its shared ones are then indexed.
        let mut log = LossLog::default();
        log.start_order();
        for i in 0..count {
            log.push(
                0,
                "/orders/0",
                "/f",
                Text::from(format!("owned {i}")),
                false,
            );
        }
        let shared_ids: Vec<_> = (0..2)
            .map(|_| log.push(0, "/orders/0", "/g", texts[0].clone(), false))
            .collect();
        assert_eq!(
            shared_ids.first().copied().flatten().map(|ids| ids.message),
            Some(count)
        );
        assert_eq!(shared_ids.first(), shared_ids.get(1));
        assert_eq!(log.messages().count(), count + 1);
    }
}
