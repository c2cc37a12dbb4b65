//! The parser behind [`crate::json::parse`]: RFC 8259 JSON, iterative over bytes, with a nesting
//! limit so that hostile input cannot exhaust the (small, fixed) wasm stack.

use super::{Number, Object, Value};
use std::borrow::Cow;
use std::fmt;

/// Deepest nesting of arrays and objects accepted. Vendor payloads nest five or six levels; the
/// limit only stops input built to overflow the stack.
pub const MAX_DEPTH: usize = 128;

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What was expected or found.
    pub message: String,
    /// Position of the problem in characters (UTF-16 code units would differ only for
    /// characters outside the Basic Multilingual Plane).
    pub char_index: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// True when the nesting limit, not the syntax, was the problem.
    pub too_deep: bool,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {} (character {})",
            self.message, self.line, self.column, self.char_index
        )
    }
}

impl std::error::Error for ParseError {}

/// Parses a complete JSON text (surrounding whitespace allowed, nothing else).
pub fn parse(text: &str) -> Result<Value<'_>, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        members: Vec::new(),
        items: Vec::new(),
        spare: Spare::default(),
    };
    p.skip_ws();
    let v = p.value().map_err(|e| *e)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(*p.error("unexpected text after the JSON value"));
    }
    Ok(v)
}

/// Parses the one JSON value that starts at byte `start` of `text` (after any whitespace),
/// nested inside `depth` arrays and objects of the enclosing text, and returns it with the byte
/// position just past it. Lets a reader walk a large array item by item; error positions are
/// positions in the whole `text`.
pub fn parse_value_at(
    text: &str,
    start: usize,
    depth: usize,
) -> Result<(Value<'_>, usize), ParseError> {
    parse_value_at_in(text, start, depth, &mut Scratch::default())
}

/// The parser's working memory, kept between calls of [`parse_value_at_in`]: a reader that
/// walks a batch item by item would otherwise grow it afresh for every item. An item handed
/// back with [`Scratch::recycle`] lends its objects' and arrays' vectors to the next one, so a
/// batch of orders of the same shape is parsed without allocating a vector per object.
#[derive(Default)]
pub struct Scratch<'a> {
    members: Vec<(Cow<'a, str>, Value<'a>)>,
    items: Vec<Value<'a>>,
    spare: Spare<'a>,
}

/// Emptied vectors of recycled values, for the parser to fill instead of allocating.
#[derive(Default)]
struct Spare<'a> {
    objects: Vec<Vec<(Cow<'a, str>, Value<'a>)>>,
    arrays: Vec<Vec<Value<'a>>>,
}

impl<'a> Spare<'a> {
    /// How many emptied vectors of each kind are kept: an order holds a handful of objects
    /// and arrays; what a rare larger item frees beyond this is dropped.
    const KEPT: usize = 32;
    /// The largest vector kept: an item with a huge list should not pin its memory.
    const KEPT_CAPACITY: usize = 256;

    fn object(&mut self) -> Vec<(Cow<'a, str>, Value<'a>)> {
        self.objects.pop().unwrap_or_default()
    }

    fn array(&mut self) -> Vec<Value<'a>> {
        self.arrays.pop().unwrap_or_default()
    }

    /// Empties the vectors of `value` (the nested ones first) and keeps them for the parser.
    fn take_apart(&mut self, value: Value<'a>) {
        match value {
            Value::Object(object) => {
                let mut entries = object.into_entries();
                for (_, v) in entries.drain(..) {
                    self.take_apart(v);
                }
                if self.objects.len() < Self::KEPT && entries.capacity() <= Self::KEPT_CAPACITY {
                    self.objects.push(entries);
                }
            }
            Value::Array(mut items) => {
                for v in items.drain(..) {
                    self.take_apart(v);
                }
                if self.arrays.len() < Self::KEPT && items.capacity() <= Self::KEPT_CAPACITY {
                    self.arrays.push(items);
                }
            }
            _ => {}
        }
    }
}

impl<'a> Scratch<'a> {
    /// Takes back a value parsed with this scratch once the reader is done with it (what
    /// dropping it would do, but its vectors are kept for the next value).
    pub fn recycle(&mut self, value: Value<'a>) {
        self.spare.take_apart(value);
    }
}

/// [`parse_value_at`] with working memory that the caller keeps for the next call.
pub fn parse_value_at_in<'a>(
    text: &'a str,
    start: usize,
    depth: usize,
    scratch: &mut Scratch<'a>,
) -> Result<(Value<'a>, usize), ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: start.min(text.len()),
        depth,
        members: std::mem::take(&mut scratch.members),
        items: std::mem::take(&mut scratch.items),
        spare: std::mem::take(&mut scratch.spare),
    };
    p.skip_ws();
    let v = p.value();
    let pos = p.pos;
    // After an error the stacks may hold what was read so far: the next call starts empty.
    p.members.clear();
    p.items.clear();
    scratch.members = p.members;
    scratch.items = p.items;
    scratch.spare = p.spare;
    Ok((v.map_err(|e| *e)?, pos))
}

/// Whether the list whose first item starts at byte `start` of `text` holds more than `n`
/// items, found by stepping over strings and counting the commas outside any nested value,
/// without reading the items: a reader that must know this before it reads them (OptimoRoute's
/// limit of 500 orders per request) would otherwise read a typical request twice. The answer
/// is exact for JSON text; for text that is not JSON it is unspecified, and reading the items
/// then reports the problem.
pub fn list_holds_more_than(text: &str, start: usize, n: usize) -> bool {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // The first item is there (the caller is at it).
    let mut items = 1usize;
    if items > n {
        return true;
    }
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i = past_string(bytes, i + 1);
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth == 0 => return false,
            b']' | b'}' => depth -= 1,
            b',' if depth == 0 => {
                items += 1;
                if items > n {
                    return true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// Past the closing quote of the string whose text starts at `from` (or the end of `bytes`).
fn past_string(bytes: &[u8], mut from: usize) -> usize {
    loop {
        from = plain_run_end(bytes, from);
        match bytes.get(from) {
            Some(b'"') => return from + 1,
            // An escape: the escaped character cannot end the string.
            Some(b'\\') => from += 2,
            Some(_) => from += 1,
            None => return bytes.len(),
        }
    }
}

/// Reads JSON text a token at a time, for a reader that fills its own model straight from the
/// text of a batch's items instead of from a [`Value`] tree: building the tree, walking it and
/// taking it apart again is about a third of the work of converting an order. Scalars come out
/// as borrowed [`Value`]s, so a reader can hand them to the same code that reads a tree; a value
/// the reader does not take apart itself is parsed whole ([`Cursor::value`]).
///
/// Any method that meets text it cannot read returns `Err(Unreadable)` and leaves the position
/// unspecified: the caller gives up on the item and parses it whole, which reports the problem
/// with its position.
pub struct Cursor<'a, 's> {
    parser: Parser<'a>,
    scratch: &'s mut Scratch<'a>,
}

/// A [`Cursor`] met text it does not read: not JSON, or not the value asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// Whether a container being read with a [`Cursor`] has had a member or item yet (the next one
/// then needs a comma before it).
#[derive(Debug, Default, Clone, Copy)]
pub struct Container {
    started: bool,
}

impl<'a, 's> Cursor<'a, 's> {
    /// A cursor at byte `pos` of `text`, inside `depth` arrays and objects; values parsed whole
    /// use (and should be [`Cursor::recycle`]d into) `scratch`.
    pub fn new(text: &'a str, pos: usize, depth: usize, scratch: &'s mut Scratch<'a>) -> Self {
        Cursor {
            parser: Parser {
                text,
                bytes: text.as_bytes(),
                pos: pos.min(text.len()),
                depth,
                members: Vec::new(),
                items: Vec::new(),
                spare: Spare::default(),
            },
            scratch,
        }
    }

    /// The byte position: past the last token read.
    pub fn pos(&self) -> usize {
        self.parser.pos
    }

    /// The first byte of the next token (after whitespace), without reading it.
    pub fn peek(&mut self) -> Option<u8> {
        self.parser.skip_ws();
        self.parser.peek()
    }

    /// Enters the object that comes next; `Err` when the next value is not an object.
    pub fn open_object(&mut self) -> Result<Container, Unreadable> {
        self.open(b'{')
    }

    /// Enters the array that comes next; `Err` when the next value is not an array.
    pub fn open_array(&mut self) -> Result<Container, Unreadable> {
        self.open(b'[')
    }

    fn open(&mut self, bracket: u8) -> Result<Container, Unreadable> {
        if self.peek() != Some(bracket) {
            return Err(Unreadable);
        }
        self.parser.enter().map_err(|_| Unreadable)?;
        self.parser.pos += 1;
        Ok(Container::default())
    }

    /// The key of the open object's next member, with the cursor at its value; `None` past the
    /// object's closing brace.
    pub fn key(&mut self, members: &mut Container) -> Result<Option<Cow<'a, str>>, Unreadable> {
        if let Some(key) = self.compact_key(members) {
            return Ok(Some(key));
        }
        if !self.next_in(members, b'}')? {
            return Ok(None);
        }
        if self.parser.peek() != Some(b'"') {
            return Err(Unreadable);
        }
        let key = self.parser.string().map_err(|_| Unreadable)?;
        if self.peek() != Some(b':') {
            return Err(Unreadable);
        }
        self.parser.pos += 1;
        self.parser.skip_ws();
        Ok(Some(key))
    }

    /// [`Cursor::key`] for the member of compact text, `"name":` or `,"name":` right at the
    /// cursor with a name without escapes, as machines write JSON: read in one pass over those
    /// bytes instead of a step per token, since a batch's orders have a couple of dozen members
    /// each. Anything else (whitespace, an escape, the object's end, text that is not JSON)
    /// gives `None` with nothing read, and the general steps take over.
    #[inline(always)]
    fn compact_key(&mut self, members: &mut Container) -> Option<Cow<'a, str>> {
        let bytes = self.parser.bytes;
        let open = self.parser.pos + usize::from(members.started);
        if members.started && bytes.get(self.parser.pos) != Some(&b',') {
            return None;
        }
        if bytes.get(open) != Some(&b'"') {
            return None;
        }
        let end = plain_run_end(bytes, open + 1);
        if bytes.get(end..end + 2) != Some(b"\":".as_slice()) {
            return None;
        }
        // Both ends are next to ASCII quotes, so on character boundaries.
        let key = self.parser.text.get(open + 1..end)?;
        members.started = true;
        self.parser.pos = end + 2;
        self.parser.skip_ws();
        Some(Cow::Borrowed(key))
    }

    /// True with the cursor at the open array's next item; false past its closing bracket.
    pub fn item(&mut self, items: &mut Container) -> Result<bool, Unreadable> {
        self.next_in(items, b']')
    }

    /// Steps over the comma before a member or item, or over the container's closing bracket
    /// (false). A comma right before the bracket is an error, as in the parser.
    fn next_in(&mut self, members: &mut Container, close: u8) -> Result<bool, Unreadable> {
        let next = self.peek();
        if members.started {
            match next {
                Some(b',') => {
                    self.parser.pos += 1;
                    if self.peek() == Some(close) {
                        return Err(Unreadable);
                    }
                    Ok(true)
                }
                Some(b) if b == close => self.close(),
                _ => Err(Unreadable),
            }
        } else if next == Some(close) {
            self.close()
        } else {
            members.started = true;
            Ok(true)
        }
    }

    fn close(&mut self) -> Result<bool, Unreadable> {
        self.parser.pos += 1;
        self.parser.depth = self.parser.depth.saturating_sub(1);
        Ok(false)
    }

    /// The next value, whole: a scalar borrows from the text; an array or object is built in
    /// the scratch's memory and should be given back with [`Cursor::recycle`].
    pub fn value(&mut self) -> Result<Value<'a>, Unreadable> {
        match self.peek() {
            // Most of an order's values are strings: read straight away.
            Some(b'"') => self
                .parser
                .string()
                .map(Value::String)
                .map_err(|_| Unreadable),
            Some(b'{' | b'[') => {
                let (value, end) = parse_value_at_in(
                    self.parser.text,
                    self.parser.pos,
                    self.parser.depth,
                    self.scratch,
                )
                .map_err(|_| Unreadable)?;
                self.parser.pos = end;
                Ok(value)
            }
            _ => self.parser.value().map_err(|_| Unreadable),
        }
    }

    /// True when what follows (after whitespace) is a comma or a closing bracket: the value
    /// just read is an item of a list that goes on or ends here, as a batch's item must be
    /// before it is handed over.
    pub fn at_item_end(&mut self) -> bool {
        matches!(self.peek(), Some(b',' | b']'))
    }

    /// Takes back a value read with [`Cursor::value`].
    pub fn recycle(&mut self, value: Value<'a>) {
        if matches!(value, Value::Object(_) | Value::Array(_)) {
            self.scratch.recycle(value);
        }
    }
}

/// A parser step's result. The error is boxed: a `Result` of a `Value` and a whole
/// `ParseError` is twice the size of the `Value`, and the parser moves one per value it reads.
type Step<T> = Result<T, Box<ParseError>>;

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Members of the objects being read, innermost last: each object takes its own off the
    /// top when it closes, so its vector is allocated once at its exact size instead of growing.
    members: Vec<(Cow<'a, str>, Value<'a>)>,
    /// Items of the arrays being read, the same way.
    items: Vec<Value<'a>>,
    /// Vectors of recycled values, filled before any new one is allocated.
    spare: Spare<'a>,
}

impl<'a> Parser<'a> {
    fn error(&self, message: &str) -> Box<ParseError> {
        let at = self.pos.min(self.bytes.len());
        let before = self.text.get(..at).unwrap_or(self.text);
        let char_index = before.chars().count();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Box::new(ParseError {
            message: message.to_string(),
            char_index,
            line,
            column,
            too_deep: false,
        })
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, literal: &str, value: Value<'a>) -> Step<Value<'a>> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.starts_with(literal.as_bytes()) {
            self.pos += literal.len();
            Ok(value)
        } else {
            Err(self.error("unexpected character; expected a JSON value"))
        }
    }

    fn value(&mut self) -> Step<Value<'a>> {
        match self.peek() {
            None => Err(self.error("unexpected end of text; expected a JSON value")),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.expect_literal("true", Value::Bool(true)),
            Some(b'f') => self.expect_literal("false", Value::Bool(false)),
            Some(b'n') => self.expect_literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character; expected a JSON value")),
        }
    }

    fn enter(&mut self) -> Step<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let mut e = self.error(&format!("nesting deeper than {MAX_DEPTH} levels"));
            e.too_deep = true;
            return Err(e);
        }
        Ok(())
    }

    fn object(&mut self) -> Step<Value<'a>> {
        self.enter()?;
        self.pos += 1; // '{'
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(Object::new()));
        }
        let first = self.members.len();
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key in double quotes"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':' after the key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            self.members.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        return Err(self.error("trailing comma before '}'"));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    let mut entries = self.spare.object();
                    entries.extend(self.members.drain(first..));
                    return Ok(Value::Object(Object::from_entries(entries)));
                }
                _ => return Err(self.error("expected ',' or '}' in object")),
            }
        }
    }

    fn array(&mut self) -> Step<Value<'a>> {
        self.enter()?;
        self.pos += 1; // '['
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(Vec::new()));
        }
        let first = self.items.len();
        loop {
            self.skip_ws();
            let item = self.value()?;
            self.items.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        return Err(self.error("trailing comma before ']'"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    let mut items = self.spare.array();
                    items.extend(self.items.drain(first..));
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']' in array")),
            }
        }
    }

    fn number(&mut self) -> Step<Value<'a>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number: expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number: expected a digit after '.'"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number: expected a digit in the exponent"));
            }
            self.digits();
        }
        // Only ASCII bytes were consumed, so both ends are character boundaries.
        let raw = self.text.get(start..self.pos).unwrap_or("0");
        Ok(Value::Number(Number::from_raw(Cow::Borrowed(raw))))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    /// Parses a string starting at the opening quote.
    fn string(&mut self) -> Step<Cow<'a, str>> {
        self.pos += 1; // opening quote
        let start = self.pos;
        let end = plain_run_end(self.bytes, start);
        // Nearly every string of a payload has no escape and ends here, borrowed from the text;
        // the rest is out of line so that this path, run for every key, stays short.
        if self.bytes.get(end) == Some(&b'"') {
            self.pos = end + 1;
            return Ok(Cow::Borrowed(self.text.get(start..end).unwrap_or("")));
        }
        self.pos = end;
        self.string_rest(start)
    }

    /// [`Parser::string`] past its first run of plain bytes, which began at `start`: the tail of
    /// the input (shorter than the scan's word), escapes, and the errors.
    #[cold]
    #[inline(never)]
    fn string_rest(&mut self, start: usize) -> Step<Cow<'a, str>> {
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    let s = self.text.get(start..self.pos).unwrap_or("");
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(b) if b < 0x20 => {
                    return Err(self.error("control character in string; escape it"))
                }
                Some(_) => self.pos += 1,
            }
        }
        let mut out = String::from(self.text.get(start..self.pos).unwrap_or(""));
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape in string")),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(b) if b < 0x20 => {
                    return Err(self.error("control character in string; escape it"))
                }
                Some(_) => {
                    // Copy the run up to the next quote or backslash at once.
                    let run_start = self.pos;
                    while let Some(b) = self.peek() {
                        if b == b'"' || b == b'\\' || b < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    out.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
                }
            }
        }
    }

    fn hex4(&mut self) -> Step<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.error("invalid \\u escape: expected 4 hex digits")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    /// After `\u`: one code point, joining surrogate pairs. A lone surrogate (legal in
    /// JavaScript strings, impossible in Rust ones) becomes U+FFFD.
    fn unicode_escape(&mut self) -> Step<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first)
            && self
                .bytes
                .get(self.pos..)
                .is_some_and(|rest| rest.starts_with(b"\\u"))
        {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            self.pos = save;
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }
}

/// The position of the first byte at or after `from` that ends a run of plain string bytes: a
/// quote, a backslash or a control character (or the end of the input). Eight bytes are tested
/// at a time (wasm has no vector instructions by default), which matters because strings are
/// most of a vendor payload's bytes.
pub(super) fn plain_run_end(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero exactly where this sets its high bit (no false positives before
    // the first zero byte, which is all that is used here).
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut pos = from;
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let quote = zero_bytes(x ^ (ONES * u64::from(b'"')));
        let backslash = zero_bytes(x ^ (ONES * u64::from(b'\\')));
        // Bytes below 0x20: subtracting 0x20 borrows into the high bit (for bytes < 0x80).
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        let found = quote | backslash | control;
        if found != 0 {
            return pos + (found.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// The eight-bytes-at-a-time scan stops where a byte-by-byte scan does, for any bytes
        /// (quotes, backslashes, control characters and multi-byte characters anywhere).
        #[test]
        fn plain_run_end_matches_a_byte_scan(
            bytes in proptest::collection::vec(proptest::prop_oneof![
                proptest::prelude::Just(b'"'), proptest::prelude::Just(b'\\'), 0u8..0x20, 0x20u8..=0xff,
                proptest::prelude::Just(b'a'),
            ], 0..40),
            from in 0usize..40,
        ) {
            let from = from.min(bytes.len());
            let naive = bytes
                .iter()
                .skip(from)
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .map_or(bytes.len(), |i| from + i);
            let fast = plain_run_end(&bytes, from);
            // The fast scan may stop short of the end only at a stop byte; past its last whole
            // word it leaves the tail to the byte loop, so it may also stop early there.
            proptest::prop_assert!(fast <= naive);
            proptest::prop_assert!(fast == naive || naive - fast < 8 && bytes.len() - fast < 8);
        }

        /// A string reads back as the text serde_json escaped, whether it ends mid-input or
        /// within the scan's last word, and is borrowed exactly when it needed no escape; cut
        /// short or with a raw control character, it is refused.
        #[test]
        fn strings_read_back_what_serde_json_wrote(
            text in proptest::collection::vec(proptest::prop_oneof![
                proptest::prelude::Just('"'), proptest::prelude::Just('\\'),
                proptest::char::range('\u{0}', '\u{1f}'), proptest::char::range(' ', '~'),
                proptest::prelude::Just('é'), proptest::prelude::Just('\u{1F69A}'),
            ], 0..24).prop_map(String::from_iter),
            padding in 0usize..10,
        ) {
            let literal = serde_json::to_string(&text).unwrap_or_default();
            let plain = !text.contains(|c: char| c == '"' || c == '\\' || c < ' ');
            for source in [literal.clone(), format!("[{literal}{}]", " ".repeat(padding))] {
                let value = parse(&source).map_err(|e| proptest::test_runner::TestCaseError::fail(e.message))?;
                let read = match value {
                    Value::Array(items) => items.into_iter().next(),
                    other => Some(other),
                };
                let Some(Value::String(read)) = read else {
                    return Err(proptest::test_runner::TestCaseError::fail("not a string"));
                };
                proptest::prop_assert_eq!(matches!(read, Cow::Borrowed(_)), plain);
                proptest::prop_assert_eq!(read.as_ref(), text.as_str());
            }
            // A literal is at least `""` and ends with its ASCII closing quote, so the slice
            // without it is in bounds and on a character boundary.
            proptest::prop_assert!(parse(&literal[..literal.len() - 1]).is_err());
            if !plain && text.contains(|c: char| c < ' ') {
                let raw = format!("\"{text}\"");
                proptest::prop_assert!(parse(&raw).is_err());
            }
        }
    }

    #[test]
    fn a_cursor_reads_members_and_items_and_refuses_what_is_not_json() {
        let text = r#" { "a" : [ 1 , "x" , {"b": null} ] , "c": true } ,"#;
        // The text is JSON: any step the cursor refuses is the failure this test looks for.
        let mut scratch = Scratch::default();
        let mut cursor = Cursor::new(text, 0, 0, &mut scratch);
        let mut read = Vec::new();
        let mut members = cursor.open_object().unwrap();
        while let Some(key) = cursor.key(&mut members).unwrap() {
            if cursor.peek() == Some(b'[') {
                let mut items = cursor.open_array().unwrap();
                while cursor.item(&mut items).unwrap() {
                    let v = cursor.value().unwrap();
                    read.push(format!("{key}[]={v:?}"));
                    cursor.recycle(v);
                }
            } else {
                read.push(format!("{key}={:?}", cursor.value().unwrap()));
            }
        }
        assert_eq!(read.len(), 4);
        assert!(read[2].starts_with("a[]=Object"));
        assert!(cursor.at_item_end());
        assert_eq!(&text[cursor.pos()..], ",");
        for bad in [
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"{"a":1 "b":2}"#,
            r#"{a:1}"#,
            "[1,]",
            "{",
            "[1 2]",
        ] {
            let mut scratch = Scratch::default();
            let mut cursor = Cursor::new(bad, 0, 0, &mut scratch);
            let read_all = |cursor: &mut Cursor| -> Result<(), Unreadable> {
                if cursor.peek() == Some(b'[') {
                    let mut items = cursor.open_array()?;
                    while cursor.item(&mut items)? {
                        cursor.value()?;
                    }
                } else {
                    let mut members = cursor.open_object()?;
                    while cursor.key(&mut members)?.is_some() {
                        cursor.value()?;
                    }
                }
                Ok(())
            };
            assert!(read_all(&mut cursor).is_err(), "{bad}");
        }
        // Nesting is counted as by the parser.
        let deep = "[".repeat(MAX_DEPTH + 1);
        let mut scratch = Scratch::default();
        let mut cursor = Cursor::new(&deep, 0, MAX_DEPTH, &mut scratch);
        assert!(cursor.open_array().is_err());
    }

    proptest::proptest! {
        #[test]
        fn a_list_is_counted_as_parsing_counts_it(
            items in proptest::collection::vec(proptest::prop_oneof![
                proptest::prelude::Just(r#"{"a": [1, "]", {"b": "x\"],"}], "c": null}"#.to_string()),
                proptest::prelude::Just(r#""a \\\" , b""#.to_string()),
                proptest::prelude::Just("[[], {}, [[,]]]".replace(",]]", "]]")),
                proptest::prelude::Just("-1.5e3".to_string()),
                proptest::prelude::Just(r#"{"\\\\": "\\\\"}"#.to_string()),
            ], 1..8),
            n in 0usize..10,
        ) {
            let text = format!("[{} ] , 7", items.join(" ,\n"));
            proptest::prop_assert!(parse_value_at(&text, 0, 0).is_ok(), "{}", text);
            proptest::prop_assert_eq!(list_holds_more_than(&text, 1, n), items.len() > n);
        }

        /// A cursor reads an object's members alike from compact text (its one-pass path for
        /// `,"name":`) and from text with whitespace between the tokens (its general steps):
        /// keys with escapes, quotes and non-ASCII characters, empty keys, nested values. Cut
        /// anywhere, or with a comma before the closing brace, the text is refused.
        #[test]
        fn a_cursor_reads_compact_and_spaced_members_alike(
            members in proptest::collection::vec((
                proptest::collection::vec(proptest::prop_oneof![
                    proptest::prelude::Just('"'), proptest::prelude::Just('\\'),
                    proptest::prelude::Just('\n'), proptest::char::range('a', 'z'),
                    proptest::prelude::Just('é'), proptest::prelude::Just(':'),
                ], 0..12).prop_map(String::from_iter),
                proptest::prop_oneof![
                    proptest::prelude::Just(serde_json::json!("v")),
                    proptest::prelude::Just(serde_json::json!(-1.5)),
                    proptest::prelude::Just(serde_json::json!({"k": [1, {"x": null}]})),
                    proptest::prelude::Just(serde_json::json!([])),
                    proptest::prelude::Just(serde_json::json!(true)),
                ],
            ), 0..6),
            cut in 1usize..200,
        ) {
            // Written by hand: serde_json's map would drop repeated keys.
            let body = |sep: &str| members.iter().map(|(k, v)| {
                format!("{}{sep}:{sep}{}", serde_json::to_string(k).unwrap_or_default(), v)
            }).collect::<Vec<_>>();
            let compact = format!("{{{}}}", body("").join(","));
            let spaced = format!("{{ {} }}", body(" ").join(" ,\n "));
            let read = |text: &str| -> Result<Vec<(String, String)>, Unreadable> {
                let mut scratch = Scratch::default();
                let mut cursor = Cursor::new(text, 0, 0, &mut scratch);
                let mut object = cursor.open_object()?;
                let mut read = Vec::new();
                while let Some(key) = cursor.key(&mut object)? {
                    let value = cursor.value()?;
                    read.push((key.into_owned(), serde_json::to_string(&value).unwrap_or_default()));
                    cursor.recycle(value);
                }
                Ok(read)
            };
            let expected: Vec<(String, String)> = members.iter().map(|(k, v)| (k.clone(), v.to_string())).collect();
            proptest::prop_assert_eq!(read(&compact), Ok(expected.clone()));
            proptest::prop_assert_eq!(read(&spaced), Ok(expected));
            if cut < compact.len() && compact.is_char_boundary(cut) {
                proptest::prop_assert!(read(&compact[..cut]).is_err());
            }
            if !members.is_empty() {
                let trailing = format!("{},}}", &compact[..compact.len() - 1]);
                proptest::prop_assert!(read(&trailing).is_err());
            }
        }
    }

    #[test]
    fn rejects_with_position() {
        let e = parse("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("trailing comma"));
        let e = parse("not json").unwrap_err();
        assert_eq!(e.char_index, 0);
        assert!(parse("").is_err());
        assert!(parse("[1] x").is_err());
        assert!(parse("01").is_err());
        assert!(parse("1.").is_err());
        assert!(parse("\"abc").is_err());
        assert!(parse("\"a\u{1}\"").is_err());
    }

    #[test]
    fn decodes_escapes_and_surrogates() {
        let v = parse(r#""a\"b\\c\u00e9\ud83d\ude00\ud800x""#).unwrap();
        assert_eq!(v.as_str(), Some("a\"b\\cé😀\u{FFFD}x"));
    }

    #[test]
    fn depth_limit_is_an_error_not_a_crash() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        let e = parse(&deep).unwrap_err();
        assert!(e.too_deep);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn values_parse_one_at_a_time_with_positions_in_the_whole_text() {
        let text = r#"{"orders": [ {"a": 1} , [2, 3] ]}"#;
        let (first, end) = parse_value_at(text, 12, 2).unwrap();
        assert_eq!(first.get("a").and_then(Value::as_i64), Some(1));
        assert_eq!(&text[end..end + 2], " ,");
        let (second, end) = parse_value_at(text, end + 2, 2).unwrap();
        assert_eq!(second.as_array().map(<[Value]>::len), Some(2));
        assert_eq!(&text[end..], " ]}");
        let e = parse_value_at(r#"[1, {"a": x}]"#, 4, 1).unwrap_err();
        assert_eq!(e.char_index, 10);
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse_value_at(&deep, 0, 1).unwrap_err().too_deep);
    }

    #[test]
    fn non_ascii_positions_count_characters() {
        let e = parse("{\"é\": x}").unwrap_err();
        assert_eq!(e.char_index, 6);
    }
}
