//! Start-tag attributes as `(name, value)` pairs borrowed from the input: a plain scan for
//! the usual `name="value"` tags, and quick-xml's attribute parser (with its unescaping,
//! normalising and error recovery) for everything else.

use std::borrow::Cow;

/// XML whitespace, as quick-xml's attribute parser sees it.
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// Most attributes the plain scan holds; tags with more go to quick-xml.
const MAX_PLAIN: usize = 12;

/// A start tag's attributes as (name, value) pairs, in order: borrowed from the tag when
/// they are plain (see [`AttrList::scan`]), else as quick-xml's parser gave them. Filled
/// in place by its owner (it is a few hundred bytes: moving it costs a `memcpy`).
pub(super) struct AttrList<'x> {
    plain: [(&'x str, &'x str); MAX_PLAIN],
    len: usize,
    parsed: Vec<(&'x str, Cow<'x, str>)>,
}

impl<'x> AttrList<'x> {
    pub(super) fn new() -> Self {
        AttrList {
            plain: [("", ""); MAX_PLAIN],
            len: 0,
            parsed: Vec::new(),
        }
    }

    /// Reads a tag's attribute text when every attribute is plain: a name not starting
    /// with `=`, then `=` and a quoted value holding no reference (`&`), tab or line
    /// break. quick-xml's parser gives exactly these pairs for such text, with values
    /// needing no normalising, so they can be borrowed as they stand. `false` (and no
    /// pairs) for anything else.
    pub(super) fn scan(&mut self, raw: &'x str) -> bool {
        self.len = 0;
        let plain = self.scan_plain(raw).is_some();
        if !plain {
            self.len = 0;
        }
        plain
    }

    fn scan_plain(&mut self, raw: &'x str) -> Option<()> {
        let b = raw.as_bytes();
        let mut i = skip_ws(b, 0);
        while let Some(&first) = b.get(i) {
            if first == b'=' {
                return None;
            }
            let key_end = find(b, i, b'=', |c| c == b'=' || is_ws(c))?;
            // Usually `name="value"`: no whitespace around `=`.
            let eq = if first_is(b, key_end, b'=') {
                key_end
            } else {
                skip_ws(b, key_end)
            };
            if !first_is(b, eq, b'=') {
                return None;
            }
            let open = if first_is(b, eq + 1, b'"') {
                eq + 1
            } else {
                skip_ws(b, eq + 1)
            };
            let quote = match b.get(open) {
                Some(&q @ (b'"' | b'\'')) => q,
                _ => return None,
            };
            let value_end = find(b, open + 1, b'\'', |c| {
                c == quote || matches!(c, b'&' | b'\t' | b'\r' | b'\n')
            })?;
            if !first_is(b, value_end, quote) {
                return None;
            }
            *self.plain.get_mut(self.len)? = (raw.get(i..key_end)?, raw.get(open + 1..value_end)?);
            self.len += 1;
            i = skip_ws(b, value_end + 1);
        }
        Some(())
    }

    /// Holds what quick-xml's attribute parser gave (for tags [`AttrList::scan`] refused).
    pub(super) fn set_parsed(&mut self, parsed: Vec<(&'x str, Cow<'x, str>)>) {
        self.len = 0;
        self.parsed = parsed;
    }

    /// The pairs in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&'x str, &str)> {
        let plain = self.plain.get(..self.len).unwrap_or_default();
        let parsed = self.parsed.iter().map(|(k, v)| (*k, &**v));
        plain.iter().copied().chain(parsed)
    }
}

/// Whether `b[i]` is `c`.
fn first_is(b: &[u8], i: usize, c: u8) -> bool {
    b.get(i) == Some(&c)
}

/// The offset of the first non-whitespace byte of `b` at or after `i`.
fn skip_ws(b: &[u8], i: usize) -> usize {
    i + b
        .get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| is_ws(c)).count())
}

/// The offset of the first byte at or after `i` for which `stop` holds, looking only at
/// bytes up to `max` (every byte `stop` accepts must be at most `max`), so the usual names
/// and numbers, which lie above it, are passed over eight bytes at a time.
#[inline(never)]
fn find(b: &[u8], mut i: usize, max: u8, stop: impl Fn(u8) -> bool) -> Option<usize> {
    loop {
        i = first_at_most(b, i, max)?;
        if stop(*b.get(i)?) {
            return Some(i);
        }
        i += 1;
    }
}

/// The offset of the first byte at or after `i` that is at most `max` (below 0x80).
fn first_at_most(b: &[u8], mut i: usize, max: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let below = ONES * u64::from(max + 1);
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().ok()?);
        // Subtracting `max + 1` from each byte borrows out of (sets the top bit of) the
        // first byte below it that has no top bit of its own; bytes before it are above
        // `max` and lend nothing, so the lowest set bit marks the first such byte.
        let found = x.wrapping_sub(below) & !x & TOPS;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    Some(i + b.get(i..)?.iter().position(|&c| c <= max)?)
}

/// `s` without leading and trailing whitespace; no scan when both ends are visible ASCII.
pub(super) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Whether `s` is empty or all whitespace (ASCII checked byte by byte; a value starting
/// with a visible ASCII character, such as a number, is decided at its first byte).
pub(super) fn is_blank(s: &str) -> bool {
    if s.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        return false;
    }
    s.bytes().all(|b| matches!(b, b' ' | b'\t'..=b'\r')) || (!s.is_ascii() && s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::BytesStart;
    use quick_xml::XmlVersion;

    /// What quick-xml's own attribute parser gives for `tag`.
    fn quick(tag: &str) -> Vec<(String, String)> {
        let e = BytesStart::from_content(tag, tag.find([' ', '\t']).unwrap_or(tag.len()));
        e.attributes()
            .with_checks(false)
            .filter_map(Result::ok)
            .map(|a| {
                let v = a.normalized_value(XmlVersion::Implicit1_0).unwrap();
                (a.key.into_inner().to_string(), v.into_owned())
            })
            .collect()
    }

    #[test]
    fn plain_scan_agrees_with_quick_xml() {
        for tag in [
            "a",
            "a ",
            r#"a x="1""#,
            r#"a x="1"  y="two words" "#,
            r#"a x="""#,
            r#"a x="é" é="x""#,
            r#"a x="1"y="2""#,
            r#"a x = '1'  y="it's" "#,
            "a\tx=\"1\"\ny='2'",
        ] {
            let e = BytesStart::from_content(tag, tag.find([' ', '\t']).unwrap_or(tag.len()));
            let mut list = AttrList::new();
            assert!(list.scan(e.attributes_raw()), "{tag}");
            let ours: Vec<(String, String)> = list
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(ours, quick(tag), "{tag}");
        }
    }

    #[test]
    fn first_at_most_finds_the_first_low_byte() {
        let text = b"abcdefghijklmnop=qrstuvwxyz 0123456789\xc3\xa9=";
        for max in [b'=', b'\'', b' ', 0x7f] {
            for i in 0..=text.len() {
                let slow = text
                    .get(i..)
                    .and_then(|r| r.iter().position(|&c| c <= max))
                    .map(|p| i + p);
                assert_eq!(first_at_most(text, i, max), slow, "{max} {i}");
            }
        }
    }

    #[test]
    fn anything_unusual_is_left_to_quick_xml() {
        for raw in [
            r#" x="a&amp;b""#,
            " x=\"a\nb\"",
            r#" x=1"#,
            r#" x"#,
            r#" x y="1""#,
            r#" ="1""#,
            r#" x="1"#,
            r#" x="1" y"#,
            &r#" x="1""#.repeat(MAX_PLAIN + 1),
        ] {
            let mut list = AttrList::new();
            assert!(!list.scan(raw), "{raw}");
            assert_eq!(list.iter().count(), 0);
        }
    }

    #[test]
    fn trims_like_str_trim() {
        for s in ["", " ", "a", " a ", "\u{a0}a", "a\u{2003}", "\x0b", "ab"] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
            assert_eq!(is_blank(s), s.trim().is_empty(), "{s:?}");
        }
    }
}
