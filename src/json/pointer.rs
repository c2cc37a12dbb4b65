//! JSON Pointer paths (RFC 6901) built on the stack while a payload is walked.
//!
//! A validator creates a child path for every field it enters; nothing is allocated unless an
//! issue is reported, when [`Path::to_pointer`] renders the pointer text.

/// A location inside a payload: a chain of object keys and array indexes.
#[derive(Debug, Clone, Copy)]
pub struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    segment: Segment<'p>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl Default for Path<'_> {
    fn default() -> Self {
        Path::root()
    }
}

impl<'p> Path<'p> {
    /// The whole payload (`""`).
    pub const fn root() -> Path<'static> {
        Path {
            parent: None,
            segment: Segment::Root,
        }
    }

    /// The member `key` of the object at this path.
    pub fn key<'c>(&'c self, key: &'c str) -> Path<'c> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    /// The item `index` of the array at this path.
    pub fn index(&'p self, index: usize) -> Path<'p> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// A short name for messages: the last key (`latitude`), `item 3` for an array element, or
    /// `payload` for the root.
    pub fn name(&self) -> String {
        match self.segment {
            Segment::Root => "payload".to_string(),
            Segment::Key(k) => format!("`{k}`"),
            Segment::Index(i) => match self.parent.map(|p| p.segment) {
                Some(Segment::Key(k)) => format!("`{k}[{i}]`"),
                _ => format!("item {i}"),
            },
        }
    }

    /// Renders the RFC 6901 pointer, e.g. `/orders/3/location/latitude`.
    pub fn to_pointer(&self) -> String {
        // Sized exactly first: every issue keeps its pointer, and growing it would cost two or
        // three reallocations each.
        let mut out = String::with_capacity(self.pointer_len());
        self.write_into(&mut out);
        out
    }

    /// The length in bytes of [`Path::to_pointer`].
    fn pointer_len(&self) -> usize {
        let own = match self.segment {
            Segment::Root => 0,
            Segment::Key(k) => 1 + k.len() + k.bytes().filter(|b| matches!(b, b'~' | b'/')).count(),
            Segment::Index(i) => 1 + i.checked_ilog10().map_or(1, |d| d as usize + 1),
        };
        own + self.parent.map_or(0, Path::pointer_len)
    }

    fn write_into(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write_into(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Key(k) => {
                out.push('/');
                // Keys almost never need escaping; copying them whole is what makes a batch's
                // per-order pointers cheap.
                if !k.bytes().any(|b| matches!(b, b'~' | b'/')) {
                    out.push_str(k);
                    return;
                }
                for c in k.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            Segment::Index(i) => {
                out.push('/');
                out.push_str(itoa::Buffer::new().format(i));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_escaped_pointer() {
        let root = Path::root();
        let orders = root.key("orders");
        let third = orders.index(3);
        let odd = third.key("a/b~c");
        assert_eq!(odd.to_pointer(), "/orders/3/a~1b~0c");
        assert_eq!(root.to_pointer(), "");
    }

    #[test]
    fn pointer_length_is_computed_exactly() {
        let root = Path::root();
        let orders = root.key("orders");
        for i in [0, 9, 10, 99, 100, 12_345, usize::MAX] {
            let item = orders.index(i);
            let odd = item.key("a/b~c");
            let empty = odd.key("");
            for p in [&root, &orders, &item, &odd, &empty] {
                assert_eq!(p.pointer_len(), p.to_pointer().len(), "{}", p.to_pointer());
            }
        }
    }
}
