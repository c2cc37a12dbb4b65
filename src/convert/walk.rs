//! Reading a batch's orders from its JSON text one at a time, for source codecs whose bulk form
//! is one list (OptimoRoute and canonical `{"orders": [...]}`, a Magic Lane create list or a
//! Yandex batch `[...]`, the calls of a Wialon `core/batch`): the batch is never one tree in
//! memory, each order is parsed into the memory the one before used ([`json::Scratch`]), and an
//! order is converted before the next is read.

use crate::check::Checker;
use crate::issue::Issue;
use crate::json::{self, Cursor, Value};

/// How walking a batch's text ended.
pub enum Walk {
    /// Every item of the list was read and handed over; how many.
    Read(usize),
    /// The text is not a list this walk reads (another shape, an empty list, a first item that
    /// is not JSON or that the reader declined); nothing was handed over or recorded.
    Declined,
    /// Items were handed over, and then the text turned out not to be walkable (a member after
    /// the list, a piece that is not JSON): the pipeline starts again with the parsed payload
    /// ([`super::Payload::abandon_text`]).
    Abandoned,
}

/// What the reader of one item says.
pub enum Item {
    /// The item was read and handed over.
    Taken,
    /// The first item shows the payload is not what the walk is for: nothing was recorded, and
    /// the payload is read whole. Only the first item may decline.
    Decline,
}

/// A limit on a list's length that a format reports before the list's items (OptimoRoute's 500
/// orders per request, Wialon's 1,000 calls per batch): the `warning` for a list of the given
/// length.
pub struct Limit<'l> {
    /// The longest list that draws no warning.
    pub max: usize,
    /// The warning for a longer list, given its length.
    pub warning: &'l dyn Fn(usize) -> Issue,
}

/// Walks the items of the list that `text` opens with the JSON tokens `opening` (whitespace
/// allowed around each; the last one is `[`) and closes, after the list's `]`, with the tokens
/// `closing`, and nothing after. Each item is parsed and handed to `each` with its index and
/// `ck`; its memory is reused for the next.
///
/// With a `limit`, a list longer than `limit.max` gets its warning in `ck` before the first
/// item's issues, where reading the payload whole puts it: the walk parses the first
/// `max + 1` items ahead to find out, and gives the warning the list's length at the end.
pub fn walk_list<'a>(
    text: &'a str,
    opening: &[&str],
    closing: &[&str],
    limit: Option<Limit>,
    ck: &mut Checker,
    each: &mut dyn FnMut(usize, &Value<'a>, &mut Checker) -> Item,
) -> Walk {
    walk_list_with(text, opening, closing, limit, ck, &mut Parsed(each))
}

/// Reads a batch's items for [`walk_list_with`].
pub trait ItemReader<'a> {
    /// Reads the item at `index`, parsed (what [`walk_list`]'s `each` does).
    fn parsed(&mut self, index: usize, value: &Value<'a>, ck: &mut Checker) -> Item;

    /// Reads the item at `index` straight from its text, at `cursor`, and hands it over: true
    /// when it did, with the cursor just past the item and the item followed by a comma or
    /// the list's end ([`Cursor::at_item_end`]). False when the reader could not, having
    /// recorded nothing: the item is then parsed and given to [`ItemReader::parsed`]. A reader
    /// that only reads parsed items keeps this default.
    fn read_text(&mut self, index: usize, cursor: &mut Cursor<'a, '_>, ck: &mut Checker) -> bool {
        let _ = (index, cursor, ck);
        false
    }
}

/// [`walk_list`]'s reader: parsed items only.
struct Parsed<'e, 'a>(&'e mut dyn FnMut(usize, &Value<'a>, &mut Checker) -> Item);

impl<'a> ItemReader<'a> for Parsed<'_, 'a> {
    fn parsed(&mut self, index: usize, value: &Value<'a>, ck: &mut Checker) -> Item {
        (self.0)(index, value, ck)
    }
}

/// [`walk_list`] with a reader that may read items straight from the text.
pub fn walk_list_with<'a>(
    text: &'a str,
    opening: &[&str],
    closing: &[&str],
    limit: Option<Limit>,
    ck: &mut Checker,
    reader: &mut dyn ItemReader<'a>,
) -> Walk {
    let Some(mut list) = List::open(text, opening) else {
        return Walk::Declined;
    };
    let over = limit
        .filter(|l| List::open(text, opening).is_some_and(|ahead| ahead.holds_more_than(l.max)));
    let warning_at = ck.issues.len();
    if let Some(limit) = &over {
        ck.push((limit.warning)(limit.max + 1));
    }
    let mut count = 0;
    let walk = loop {
        if !list.done {
            let mut cursor = Cursor::new(text, list.pos, list.depth, &mut list.scratch);
            if reader.read_text(count, &mut cursor, ck) {
                let end = cursor.pos();
                if list.step_past(end).is_err() {
                    break Walk::Abandoned;
                }
                count += 1;
                continue;
            }
        }
        match list.next() {
            Err(()) if count == 0 => break Walk::Declined,
            Err(()) => break Walk::Abandoned,
            Ok(None) => {
                let end = past(text.as_bytes(), list.pos, closing);
                break if end == Some(text.len()) {
                    Walk::Read(count)
                } else {
                    Walk::Abandoned
                };
            }
            Ok(Some(value)) => {
                match reader.parsed(count, &value, ck) {
                    Item::Taken => {}
                    Item::Decline if count == 0 => break Walk::Declined,
                    Item::Decline => break Walk::Abandoned,
                }
                list.scratch.recycle(value);
                count += 1;
            }
        }
    };
    match (&walk, &over) {
        (Walk::Read(count), Some(limit)) => {
            if let Some(warning) = ck.issues.get_mut(warning_at) {
                *warning = (limit.warning)(*count);
            }
        }
        // Nothing is recorded when the walk declines: the payload is read whole.
        (Walk::Declined, _) => ck.issues.truncate(warning_at),
        _ => {}
    }
    walk
}

/// Past the JSON whitespace at `i` of `b`.
fn ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// Past `tokens` from `i` of `b` (and the whitespace before and after each), or `None` where
/// one is missing.
fn past(b: &[u8], i: usize, tokens: &[&str]) -> Option<usize> {
    let mut i = ws(b, i);
    for token in tokens {
        if !b.get(i..)?.starts_with(token.as_bytes()) {
            return None;
        }
        i = ws(b, i + token.len());
    }
    Some(i)
}

/// A list in JSON text, read item by item.
struct List<'a> {
    text: &'a str,
    /// At the next item; just past the `]` once the last was read.
    pos: usize,
    /// How many objects and lists the items sit in.
    depth: usize,
    scratch: json::Scratch<'a>,
    done: bool,
}

impl<'a> List<'a> {
    /// The list that `text` opens with `opening`, at its first item; `None` when the text does
    /// not open so or the list is empty.
    fn open(text: &'a str, opening: &[&str]) -> Option<Self> {
        let pos = past(text.as_bytes(), 0, opening)?;
        if text.as_bytes().get(pos) == Some(&b']') {
            return None;
        }
        Some(List {
            text,
            pos,
            depth: opening.iter().filter(|t| matches!(**t, "{" | "[")).count(),
            scratch: json::Scratch::default(),
            done: false,
        })
    }

    /// The next item, `None` after the last; `Err` where the text is not such a list.
    fn next(&mut self) -> Result<Option<Value<'a>>, ()> {
        if self.done {
            return Ok(None);
        }
        let (value, end) =
            json::parse_value_at_in(self.text, self.pos, self.depth, &mut self.scratch)
                .map_err(|_| ())?;
        self.step_past(end)?;
        Ok(Some(value))
    }

    /// Moves to the item after the one that ends at byte `end`, or past the list's `]`.
    fn step_past(&mut self, end: usize) -> Result<(), ()> {
        let b = self.text.as_bytes();
        let after = ws(b, end);
        match b.get(after) {
            Some(b',') => self.pos = ws(b, after + 1),
            Some(b']') => {
                self.pos = after + 1;
                self.done = true;
            }
            _ => return Err(()),
        }
        Ok(())
    }

    /// Whether the list holds more than `n` items ([`json::list_holds_more_than`]).
    fn holds_more_than(&self, n: usize) -> bool {
        !self.done && json::list_holds_more_than(self.text, self.pos, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, opening: &[&str], closing: &[&str]) -> (Vec<String>, &'static str) {
        let mut seen = Vec::new();
        let mut ck = Checker::new();
        let walk = walk_list(text, opening, closing, None, &mut ck, &mut |_, v, _| {
            if v.get("skip").is_some() {
                return Item::Decline;
            }
            seen.push(
                v.get("n")
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_string(),
            );
            Item::Taken
        });
        let how = match walk {
            Walk::Read(n) => {
                assert_eq!(n, seen.len());
                "read"
            }
            Walk::Declined => "declined",
            Walk::Abandoned => "abandoned",
        };
        (seen, how)
    }

    #[test]
    fn a_list_over_its_limit_is_warned_about_first_with_its_length() {
        let warning = |n: usize| Issue::warning("", "TOO_MANY_ITEMS", format!("{n} items"));
        let run = |text: &str| {
            let mut ck = Checker::new();
            let limit = Limit {
                max: 2,
                warning: &warning,
            };
            let walk = walk_list(text, &["["], &[], Some(limit), &mut ck, &mut |i, v, ck| {
                if v.get("skip").is_some() {
                    return Item::Decline;
                }
                ck.warning(&crate::json::Path::root().index(i), "SEEN", "seen");
                Item::Taken
            });
            let issues: Vec<String> = ck
                .issues
                .iter()
                .map(|i| format!("{} {}", i.code, i.message))
                .collect();
            (matches!(walk, Walk::Read(_)), issues)
        };
        assert_eq!(
            run("[{},{},{},{}]"),
            (
                true,
                vec![
                    "TOO_MANY_ITEMS 4 items".to_string(),
                    "SEEN seen".into(),
                    "SEEN seen".into(),
                    "SEEN seen".into(),
                    "SEEN seen".into()
                ]
            )
        );
        assert_eq!(run("[{},{}]").1.len(), 2);
        // Declined: nothing recorded, the warning included.
        assert_eq!(run("[{\"skip\":1},{},{}]"), (false, vec![]));
    }

    #[test]
    fn walks_a_list_in_its_frame_and_gives_up_on_what_it_cannot_read() {
        let body: &[&str] = &["{", "\"orders\"", ":", "["];
        let (seen, how) = names(
            " { \"orders\" :\n[{\"n\":\"a\"} , {\"n\":\"b\"}] }\n",
            body,
            &["}"],
        );
        assert_eq!(
            (seen, how),
            (vec!["a".to_string(), "b".to_string()], "read")
        );
        let (seen, how) = names("[{\"n\":\"a\"},{\"n\":\"b\"}]", &["["], &[]);
        assert_eq!((seen.len(), how), (2, "read"));
        // Not the frame, an empty list, a first item declined or not JSON: nothing read.
        assert_eq!(names("{\"other\":[]}", body, &["}"]).1, "declined");
        assert_eq!(names("[ ]", &["["], &[]).1, "declined");
        assert_eq!(
            names("[{\"skip\":1},{\"n\":\"b\"}]", &["["], &[]),
            (vec![], "declined")
        );
        assert_eq!(names("[{\"n\":}]", &["["], &[]).1, "declined");
        // Something wrong after the first item: what was handed over is to be discarded.
        assert_eq!(
            names("[{\"n\":\"a\"},{\"n\":}]", &["["], &[]).1,
            "abandoned"
        );
        assert_eq!(names("[{\"n\":\"a\"}] x", &["["], &[]).1, "abandoned");
        assert_eq!(
            names("{\"orders\":[{\"n\":\"a\"}],\"x\":1}", body, &["}"]).1,
            "abandoned"
        );
        assert_eq!(
            names("[{\"n\":\"a\"},{\"skip\":1}]", &["["], &[]).1,
            "abandoned"
        );
    }
}
