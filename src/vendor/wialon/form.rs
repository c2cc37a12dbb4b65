//! The form text of a Wialon request, `svc=order/update&params={...}&sid=...`, as sent in a
//! form-encoded POST body or a GET query. A whole URL (`https://host/wialon/ajax.html?svc=...`)
//! is accepted too: only its query is read.
//!
//! Values are decoded as the server decodes them (`%XX` escapes, `+` as a space). The Wialon
//! documents print `params` unencoded, so a raw JSON value (starting with `{`) is taken whole,
//! even when it holds `&`.

/// One `key=value` pair of the form, value decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    /// The key as written.
    pub key: String,
    /// The decoded value, or why it cannot be decoded.
    pub value: Result<String, DecodeError>,
    /// The value was raw JSON holding characters that form decoding changes (`+`, `%`).
    pub raw_json_altered: bool,
}

/// Why a form value cannot be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// The `%XX` escapes decode to bytes that are not UTF-8.
    NotUtf8,
}

/// Splits and decodes a form text. Never fails: what cannot be decoded is reported per field.
pub(crate) fn parse(text: &str) -> Vec<Field> {
    let query = query_part(text.trim());
    let bytes = query.as_bytes();
    let mut fields = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let key_start = i;
        while bytes.get(i).is_some_and(|&b| b != b'=' && b != b'&') {
            i += 1;
        }
        // Every boundary used here sits next to an ASCII byte ('=', '&', '{') or at an end, so
        // `get` never falls inside a character; it returns "" rather than panicking anyway.
        let key = query.get(key_start..i).unwrap_or("");
        let mut raw_value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            let value_start = i;
            let scan_from = if bytes.get(i) == Some(&b'{') {
                json_span_end(bytes, i).unwrap_or(i)
            } else {
                i
            };
            i = next_ampersand(bytes, scan_from);
            raw_value = query.get(value_start..i).unwrap_or("");
        }
        if !key.is_empty() || !raw_value.is_empty() {
            let raw_json = raw_value.starts_with('{');
            fields.push(Field {
                key: decode(key).unwrap_or_else(|_| key.to_owned()),
                value: decode(raw_value),
                raw_json_altered: raw_json && raw_value.contains(['+', '%']),
            });
        }
        i += 1; // the '&'
    }
    fields
}

/// The query of a URL, or the whole text when it is a bare form.
fn query_part(text: &str) -> &str {
    match text.find(['?', '=']) {
        Some(q) if text.as_bytes().get(q) == Some(&b'?') => text.get(q + 1..).unwrap_or(""),
        _ => text,
    }
}

fn next_ampersand(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while bytes.get(i).is_some_and(|&b| b != b'&') {
        i += 1;
    }
    i
}

/// The index just after the JSON object starting at `start`, skipping braces inside strings;
/// `None` when it never closes. Iterative, so hostile nesting costs nothing but the loop.
fn json_span_end(bytes: &[u8], start: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (offset, &b) in bytes.get(start..)?.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(start + offset + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte; a `%` not
/// followed by two hex digits stays as written (as lenient servers do).
fn decode(raw: &str) -> Result<String, DecodeError> {
    if !raw.contains(['+', '%']) {
        return Ok(raw.to_owned());
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = (
                    bytes.get(i + 1).and_then(|&h| hex_value(h)),
                    bytes.get(i + 2).and_then(|&h| hex_value(h)),
                );
                if let (Some(hi), Some(lo)) = hex {
                    out.push(hi << 4 | lo);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| DecodeError::NotUtf8)
}

fn hex_value(h: u8) -> Option<u8> {
    match h {
        b'0'..=b'9' => Some(h - b'0'),
        b'a'..=b'f' => Some(h - b'a' + 10),
        b'A'..=b'F' => Some(h - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        parse(text)
            .into_iter()
            .map(|f| (f.key, f.value.unwrap_or_else(|_| "<bad>".into())))
            .collect()
    }

    #[test]
    fn reads_encoded_and_raw_forms() {
        assert_eq!(
            pairs("svc=order/update&params=%7B%22id%22%3A1%7D&sid=abc"),
            vec![
                ("svc".into(), "order/update".into()),
                ("params".into(), "{\"id\":1}".into()),
                ("sid".into(), "abc".into())
            ]
        );
        // Raw JSON holding '&' inside a string stays whole.
        assert_eq!(
            pairs(r#"svc=order/update&params={"n":"A&B","p":{}}&sid=x"#),
            vec![
                ("svc".into(), "order/update".into()),
                ("params".into(), r#"{"n":"A&B","p":{}}"#.into()),
                ("sid".into(), "x".into())
            ]
        );
        assert_eq!(
            pairs("https://hst-api.wialon.com/wialon/ajax.html?svc=order/update&params={}"),
            vec![
                ("svc".into(), "order/update".into()),
                ("params".into(), "{}".into())
            ]
        );
    }

    #[test]
    fn flags_raw_json_that_decoding_changes() {
        let fields = parse(r#"params={"p":{"p":"+79001234567"}}"#);
        assert!(fields[0].raw_json_altered);
        assert_eq!(
            fields[0].value.as_deref(),
            Ok(r#"{"p":{"p":" 79001234567"}}"#)
        );
    }

    #[test]
    fn survives_hostile_text() {
        assert_eq!(decode("%E9"), Err(DecodeError::NotUtf8));
        assert_eq!(decode("100%"), Ok("100%".into()));
        assert_eq!(decode("%4"), Ok("%4".into()));
        let unclosed = format!("params={}", "{".repeat(10_000));
        assert_eq!(parse(&unclosed).len(), 1);
        assert!(parse("&&&==&")
            .iter()
            .all(|f| f.key.is_empty() || f.key == "="));
        assert_eq!(
            pairs("é=ü&a"),
            vec![("é".into(), "ü".into()), ("a".into(), "".into())]
        );
    }
}
