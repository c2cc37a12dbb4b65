//! Finding the members of a JSON object and the items of an array without building them, so that
//! a batch of orders can be parsed one order at a time: a large batch then never exists as one
//! tree in memory, and each order's allocations are reused by the next.
//!
//! The scan only finds boundaries (it follows strings, escapes and brackets); it does not check
//! the values between them. Callers parse each piece with [`crate::json::parse`], and on any
//! doubt (`None` here, or a piece that does not parse) parse the whole text instead, which gives
//! the precise error.

use super::parse::MAX_DEPTH;
use std::ops::Range;

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// The index just past the string starting at the quote `b[i]`.
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match b.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// The index just past the value starting at `b[i]` (after whitespace), whose arrays and objects
/// may nest `max_depth` levels (the parser's limit less the levels around the value).
fn skip_value(b: &[u8], i: usize, max_depth: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => {
                        depth += 1;
                        if depth > max_depth {
                            return None;
                        }
                    }
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while let Some(c) = b.get(j) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// The members of the object that is the whole of `text`: each key (without escapes; a key
/// with an escape gives `None`) and the byte range of its value. `None` when `text` is not an
/// object or its structure is broken.
pub fn object_members(text: &str) -> Option<Vec<(&str, Range<usize>)>> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(b, i + 1);
    let mut members = Vec::new();
    if b.get(i) == Some(&b'}') {
        return (skip_ws(b, i + 1) == b.len()).then_some(members);
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let key_end = skip_string(b, i)?;
        let key = text.get(i + 1..key_end - 1)?;
        if key.contains('\\') {
            return None;
        }
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let start = skip_ws(b, i + 1);
        let end = skip_value(b, start, MAX_DEPTH - 1)?;
        members.push((key, start..end));
        i = skip_ws(b, end);
        match b.get(i)? {
            b',' => i = skip_ws(b, i + 1),
            b'}' => {
                return (skip_ws(b, i + 1) == b.len()).then_some(members);
            }
            _ => return None,
        }
    }
}

/// The byte ranges (within `text`) of the items of the array at `range`, which is nested in
/// `outer` arrays and objects (1 for a member of the top-level object). `None` when it is not an
/// array or its structure is broken.
pub fn array_items(text: &str, range: Range<usize>, outer: usize) -> Option<Vec<Range<usize>>> {
    let b = text.as_bytes().get(..range.end)?;
    let mut i = skip_ws(b, range.start);
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i = skip_ws(b, i + 1);
    let mut items = Vec::new();
    if b.get(i) == Some(&b']') {
        return (skip_ws(b, i + 1) == b.len()).then_some(items);
    }
    let max_depth = MAX_DEPTH.checked_sub(outer + 1)?;
    loop {
        let end = skip_value(b, i, max_depth)?;
        items.push(i..end);
        i = skip_ws(b, end);
        match b.get(i)? {
            b',' => i = skip_ws(b, i + 1),
            b']' => return (skip_ws(b, i + 1) == b.len()).then_some(items),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_members_and_items_without_parsing_them() {
        let text = r#" { "orders" : [ {"a": "x\"]}"}, [1, [2]] ,3, "s" ,null] , "k":{"b":[]} } "#;
        let members = object_members(text).unwrap();
        let keys: Vec<&str> = members.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["orders", "k"]);
        let items = array_items(text, members[0].1.clone(), 1).unwrap();
        let got: Vec<&str> = items.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            got,
            [r#"{"a": "x\"]}"}"#, "[1, [2]]", "3", r#""s""#, "null"]
        );
        assert_eq!(&text[members[1].1.clone()], r#"{"b":[]}"#);
    }

    #[test]
    fn broken_structure_is_none() {
        for bad in [
            "",
            "[]",
            "{",
            r#"{"a" 1}"#,
            r#"{"a":1,}"#,
            r#"{"a":1} x"#,
            r#"{"a\u0062":1}"#,
            r#"{"a":"x}"#,
        ] {
            assert!(object_members(bad).is_none(), "{bad}");
        }
        let text = r#"{"a":[1,2"#;
        assert!(object_members(text).is_none());
        let deep = format!(
            "{{\"a\":{}{}}}",
            "[".repeat(MAX_DEPTH + 1),
            "]".repeat(MAX_DEPTH + 1)
        );
        assert!(object_members(&deep).is_none());
    }
}
