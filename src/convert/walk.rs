//! Reading a batch's orders from its JSON text one at a time, for source codecs whose bulk form
//! is one list (OptimoRoute `{"orders": [...]}`, a Magic Lane create list `[...]`): the batch is
//! never one tree in memory, each order is parsed into the memory the one before used
//! ([`json::Scratch`]), and an order is converted before the next is read.

use crate::json::{self, Value};

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

/// Walks the items of the list that `text` opens with the JSON tokens `opening` (whitespace
/// allowed around each; the last one is `[`) and closes, after the list's `]`, with the tokens
/// `closing`, and nothing after. Each item is parsed and handed to `each` with its index; its
/// memory is reused for the next.
pub fn walk_list<'a>(
    text: &'a str,
    opening: &[&str],
    closing: &[&str],
    each: &mut dyn FnMut(usize, &Value<'a>) -> Item,
) -> Walk {
    let b = text.as_bytes();
    let ws = |mut i: usize| {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(i) {
            i += 1;
        }
        i
    };
    // Past `tokens` from `i` (and the whitespace after each), or `None` where one is missing.
    let past = |mut i: usize, tokens: &[&str]| {
        for token in tokens {
            if !b.get(i..)?.starts_with(token.as_bytes()) {
                return None;
            }
            i = ws(i + token.len());
        }
        Some(i)
    };
    let Some(mut i) = past(ws(0), opening) else {
        return Walk::Declined;
    };
    if b.get(i) == Some(&b']') {
        return Walk::Declined;
    }
    // The items sit inside every object and list the opening tokens open.
    let depth = opening.iter().filter(|t| matches!(**t, "{" | "[")).count();
    let mut count = 0;
    let mut scratch = json::Scratch::default();
    loop {
        let Ok((value, end)) = json::parse_value_at_in(text, i, depth, &mut scratch) else {
            return if count == 0 {
                Walk::Declined
            } else {
                Walk::Abandoned
            };
        };
        match each(count, &value) {
            Item::Taken => {}
            Item::Decline if count == 0 => return Walk::Declined,
            Item::Decline => return Walk::Abandoned,
        }
        scratch.recycle(value);
        count += 1;
        i = ws(end);
        match b.get(i) {
            Some(b',') => i = ws(i + 1),
            Some(b']') => break,
            _ => return Walk::Abandoned,
        }
    }
    if past(ws(i + 1), closing) != Some(b.len()) {
        return Walk::Abandoned;
    }
    Walk::Read(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, opening: &[&str], closing: &[&str]) -> (Vec<String>, &'static str) {
        let mut seen = Vec::new();
        let walk = walk_list(text, opening, closing, &mut |_, v| {
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
