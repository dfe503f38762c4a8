//! Start-tag attributes as `(name, value)` pairs borrowed from the input: a plain scan for
//! the usual `name="value"` tags, and a full one (unescaping, normalising and recovering
//! from malformed attributes as quick-xml's attribute parser does) for everything else.

use crate::swar;
use quick_xml::escape::resolve_predefined_entity;
use std::borrow::Cow;

/// XML whitespace, as quick-xml's attribute parser sees it.
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// Most attributes the plain scan takes; tags with more go to [`AttrList::parse`].
const MAX_PLAIN: usize = 12;

/// A start tag's attributes as (name, value) pairs, in order: borrowed from the tag when
/// they are plain (see [`AttrList::scan`]), else as [`AttrList::parse`] read them. Its
/// owner keeps one list for every tag (cleared, not allocated, per tag).
#[derive(Default)]
pub(super) struct AttrList<'x> {
    pairs: Vec<(&'x str, Cow<'x, str>)>,
}

impl<'x> AttrList<'x> {
    /// Reads a tag's attribute text when every attribute is plain: a name (no quote, not
    /// starting with `=` or `/`), then `=` and a quoted value that is borrowed as it
    /// stands or, with references, tabs or line breaks, normalised (see [`normalize`]).
    /// quick-xml's parser gives exactly these pairs for such text. `false` (and no pairs)
    /// for anything else, such as a reference [`normalize`] does not resolve.
    pub(super) fn scan(&mut self, raw: &'x str) -> bool {
        self.pairs.clear();
        let pairs = &mut self.pairs;
        let plain = plain(raw, 0, |key, value| {
            if pairs.len() >= MAX_PLAIN {
                return None;
            }
            pairs.push((key, value));
            Some(())
        }) == Some(raw.len());
        if !plain {
            self.pairs.clear();
        }
        plain
    }

    /// Reads any tag's attribute text (for tags [`AttrList::scan`] refused) as quick-xml's
    /// attribute parser does, without its duplicate check: values normalised (see
    /// [`normalize`]), a value it cannot normalise kept raw with [`Problem::Entity`], and
    /// each malformed attribute skipped with [`Problem::Malformed`], resuming where
    /// quick-xml resumes.
    pub(super) fn parse(&mut self, raw: &'x str, mut problem: impl FnMut(Problem<'x>)) {
        self.pairs.clear();
        let b = raw.as_bytes();
        // Where the next attribute may start; `None` once nothing more can be read.
        let mut next = Some(0);
        while let Some(from) = next {
            let Some(key_start) = position(b, from, |c| !is_ws(c)) else {
                break;
            };
            // The key is at least its first byte (even `=`), up to `=` or whitespace.
            let eq = match position(b, key_start + 1, |c| c == b'=' || is_ws(c)) {
                Some(e) if first_is(b, e, b'=') => Some((e, e)),
                Some(e) => match position(b, e + 1, |c| !is_ws(c)) {
                    Some(o) if first_is(b, o, b'=') => Some((e, o)),
                    // A key without `=`: the next attribute starts at `o`.
                    o => {
                        next = o;
                        None
                    }
                },
                None => {
                    next = None;
                    None
                }
            };
            let Some((key_end, eq)) = eq else {
                problem(Problem::Malformed);
                continue;
            };
            let quoted = position(b, eq + 1, |c| !is_ws(c)).map(|open| {
                let quote = b.get(open).copied().filter(|&q| q == b'"' || q == b'\'');
                (open, quote)
            });
            match quoted {
                Some((open, Some(quote))) => match position(b, open + 1, |c| c == quote) {
                    Some(close) => {
                        next = Some(close + 1);
                        let key = raw.get(key_start..key_end).unwrap_or_default();
                        let value = raw.get(open + 1..close).unwrap_or_default();
                        let value = match normalize(value) {
                            Some(v) => v,
                            None => {
                                problem(Problem::Entity(key));
                                Cow::Borrowed(value)
                            }
                        };
                        self.pairs.push((key, value));
                    }
                    None => {
                        problem(Problem::Malformed);
                        next = None;
                    }
                },
                // An unquoted value: skipped up to the next whitespace.
                Some((open, None)) => {
                    problem(Problem::Malformed);
                    next = position(b, open, is_ws);
                }
                None => {
                    problem(Problem::Malformed);
                    next = None;
                }
            }
        }
    }

    /// The pairs in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&'x str, &str)> {
        self.pairs.iter().map(|(k, v)| (*k, &**v))
    }

    /// The pairs, values as read (borrowed from the input where they stand there).
    pub(super) fn pairs(&self) -> impl Iterator<Item = (&'x str, &Cow<'x, str>)> {
        self.pairs.iter().map(|(k, v)| (*k, v))
    }
}

/// What [`AttrList::parse`] reports.
pub(super) enum Problem<'x> {
    /// An attribute that is not `name="value"`, skipped.
    Malformed,
    /// The attribute (by name) whose value has a reference that is not resolved.
    Entity(&'x str),
}

/// Reads plain attributes (see [`AttrList::scan`]) from `text[from..]`, handing each
/// `(name, value)` to `each` as it is found, up to the first byte after whitespace that
/// cannot start a name (`/`, `>`) or the end of `text`: that byte's offset. `None` when an
/// attribute is not plain (or `each` says `None`), and for a name holding `>` (where a
/// start tag ends) or a quote. Over a whole tag's attribute text the pairs are exactly
/// quick-xml's; over the rest of a document from a start tag's name, the offset is where
/// the tag ends.
#[inline]
pub(super) fn plain<'x>(
    text: &'x str,
    from: usize,
    mut each: impl FnMut(&'x str, Cow<'x, str>) -> Option<()>,
) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, from);
    loop {
        match b.get(i) {
            None | Some(b'/' | b'>') => return Some(i),
            Some(b'=') => return None,
            Some(_) => {}
        }
        // A quote in a name opens a quoted run for quick-xml's tag scan: not plain.
        let key_end = find(b, i, b'>', |c| {
            matches!(c, b'=' | b'>' | b'"' | b'\'') || is_ws(c)
        })?;
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
        let mut value_end = find(b, open + 1, b'\'', |c| {
            c == quote || matches!(c, b'&' | b'\t' | b'\r' | b'\n')
        })?;
        let value = if first_is(b, value_end, quote) {
            Cow::Borrowed(text.get(open + 1..value_end)?)
        } else {
            // A reference, tab or line break: the value normalised as quick-xml does, if
            // it can be (else not plain: the full parse warns).
            value_end = position(b, value_end, |c| c == quote)?;
            normalize(text.get(open + 1..value_end)?)?
        };
        each(text.get(i..key_end)?, value)?;
        i = skip_ws(b, value_end + 1);
    }
}

/// The offset of the first byte of `b` at or after `i` for which `stop` holds.
fn position(b: &[u8], i: usize, stop: impl Fn(u8) -> bool) -> Option<usize> {
    Some(i + b.get(i..)?.iter().position(|&c| stop(c))?)
}

/// An attribute value normalised as XML 1.0 says (and quick-xml does): tab, line feed,
/// carriage return and CR LF each one space; predefined entities and character references
/// resolved. `None` for any other reference (or a bad one): it is not expanded.
pub(super) fn normalize(v: &str) -> Option<Cow<'_, str>> {
    let b = v.as_bytes();
    let Some(first) = b
        .iter()
        .position(|&c| matches!(c, b'&' | b'\t' | b'\r' | b'\n'))
    else {
        return Some(Cow::Borrowed(v));
    };
    let mut out = String::with_capacity(v.len());
    // `v[done..i]` is to be copied as it stands.
    let (mut done, mut i) = (0, first);
    while let Some(&c) = b.get(i) {
        let next = match c {
            b'&' => {
                out.push_str(v.get(done..i)?);
                let end = position(b, i + 1, |c| c == b';')?;
                let name = v.get(i + 1..end)?;
                match name.strip_prefix('#') {
                    Some(number) => out.push(char_ref(number)?),
                    None => out.push_str(resolve_predefined_entity(name)?),
                }
                end + 1
            }
            b'\t' | b'\n' | b'\r' => {
                out.push_str(v.get(done..i)?);
                out.push(' ');
                if c == b'\r' && first_is(b, i + 1, b'\n') {
                    i + 2
                } else {
                    i + 1
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        done = next;
        i = next;
    }
    out.push_str(v.get(done..)?);
    Some(Cow::Owned(out))
}

/// The character of a reference `&#…;` (`number` without the `#`): decimal, or hex after
/// `x`; no sign, not 0, a Unicode scalar value.
pub(super) fn char_ref(number: &str) -> Option<char> {
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    if digits.starts_with(['+', '-']) {
        return None;
    }
    let code = u32::from_str_radix(digits, radix).ok()?;
    char::from_u32(code).filter(|&c| c != '\0')
}

/// Whether `b[i]` is `c`.
fn first_is(b: &[u8], i: usize, c: u8) -> bool {
    b.get(i) == Some(&c)
}

/// The offset of the first non-whitespace byte of `b` at or after `i`.
#[inline]
fn skip_ws(b: &[u8], i: usize) -> usize {
    // Usually no whitespace, or one space before a name.
    match b.get(i) {
        Some(&c) if !is_ws(c) => return i,
        Some(b' ') if b.get(i + 1).is_some_and(|&c| !is_ws(c)) => return i + 1,
        _ => {}
    }
    i + b
        .get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| is_ws(c)).count())
}

/// The offset of the first byte at or after `i` for which `stop` holds, looking only at
/// bytes up to `max` (every byte `stop` accepts must be at most `max`), so the usual names
/// and numbers, which lie above it, are passed over eight bytes at a time.
#[inline]
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
#[inline]
pub(super) fn first_at_most(b: &[u8], mut i: usize, max: u8) -> Option<usize> {
    while let Some(chunk) = b.get(i..i + 8) {
        let found = swar::below(swar::load(chunk), max + 1);
        if found != 0 {
            return Some(i + swar::first(found));
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

/// Whether `s` is empty or all whitespace (ASCII checked eight bytes at a time; a value
/// starting with a visible ASCII character, such as a number, is decided at its first
/// byte).
#[inline]
pub(super) fn is_blank(s: &str) -> bool {
    // Inline, so that the usual value is decided without a call.
    if s.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        return false;
    }
    is_blank_scan(s)
}

/// [`is_blank`] past its first byte's check.
fn is_blank_scan(s: &str) -> bool {
    all_ascii_space(s.as_bytes()) || (!s.is_ascii() && s.trim().is_empty())
}

/// Whether every byte is an ASCII space, tab, line feed, vertical tab, form feed or
/// carriage return (the indentation between elements, usually a line break and spaces).
fn all_ascii_space(b: &[u8]) -> bool {
    use swar::{HIGH, ONES};
    const LOWS: u64 = ONES * 0x7f;
    let mut chunks = b.chunks_exact(8);
    for chunk in &mut chunks {
        // A chunk that is somehow not 8 bytes reads as zeros: not blank.
        let x = swar::load(chunk);
        // Per byte, on the low seven bits (no sum carries into the next byte): the top bit
        // of `ge(n)` says whether the byte is at least `n`.
        let low = x & LOWS;
        let ge = |n: u64| low + ONES * (0x80 - n);
        let spaces = x ^ (ONES * 0x20);
        let is_space = !(((spaces & LOWS) + LOWS) | spaces);
        let is_control_space = ge(0x09) & !ge(0x0e) & !x;
        if (is_space | is_control_space) & HIGH != HIGH {
            return false;
        }
    }
    chunks
        .remainder()
        .iter()
        .all(|c| matches!(c, b' ' | b'\t'..=b'\r'))
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
            r#"a x="a&amp;b" y='&#x41;&apos;'"#,
            "a x=\"a\nb\r\nc\td\"",
        ] {
            let e = BytesStart::from_content(tag, tag.find([' ', '\t']).unwrap_or(tag.len()));
            let mut list = AttrList::default();
            assert!(list.scan(e.attributes_raw()), "{tag}");
            let ours: Vec<(String, String)> = list
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(ours, quick(tag), "{tag}");
        }
    }

    /// What quick-xml's attribute parser gives for `raw`: the problems in order, and the
    /// pairs in order (the reader warns about the problems before it looks at any pair).
    fn quick_all(raw: &str) -> (Vec<String>, Vec<(String, String)>) {
        let e = BytesStart::from_content(format!("t{raw}"), 1);
        let (mut problems, mut pairs) = (Vec::new(), Vec::new());
        for a in e.attributes().with_checks(false) {
            let Ok(a) = a else {
                problems.push("malformed".to_string());
                continue;
            };
            let key = a.key.into_inner().to_string();
            let value = match a.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(_) => {
                    problems.push(format!("entity {key}"));
                    a.value.into_owned()
                }
            };
            pairs.push((key, value));
        }
        (problems, pairs)
    }

    fn ours_all(raw: &str) -> (Vec<String>, Vec<(String, String)>) {
        let mut list = AttrList::default();
        let mut problems = Vec::new();
        list.parse(raw, |p| {
            problems.push(match p {
                Problem::Malformed => "malformed".to_string(),
                Problem::Entity(key) => format!("entity {key}"),
            })
        });
        let pairs = list
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        (problems, pairs)
    }

    #[test]
    fn full_parse_agrees_with_quick_xml() {
        const PIECES: [&str; 24] = [
            " ", "\t", "\n", "\r", "=", "\"", "'", "a", "b", "&", ";", "#", "x", "1", "0", "amp;",
            "lt;", "#x41;", "#65;", "é", "\r\n", "/", "-", "+",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..100_000 {
            let n = 1 + rnd() % 14;
            let raw: String = (0..n)
                .map(|_| PIECES[(rnd() % PIECES.len() as u64) as usize])
                .collect();
            assert_eq!(ours_all(&raw), quick_all(&raw), "{raw:?}");
        }
        for raw in [
            r#" a="&amp;&lt;&gt;&apos;&quot;""#,
            r#" a="&#x10FFFF;&#xD800;&#0;&#x;&#X41;&#+1;""#,
            r#" a="&#4294967296;" b='&#x110000;'"#,
            " a=\"x\r\ny\rz\n\tw\"",
            r#" a="&foo;" b"#,
            r#" a="&amp" b="&a&b;""#,
        ] {
            assert_eq!(ours_all(raw), quick_all(raw), "{raw:?}");
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
    fn anything_unusual_is_left_to_the_full_parse() {
        for raw in [
            r#" x="a&foo;b""#,
            r#" x="a&b""#,
            r#" x=1"#,
            r#" x"#,
            r#" x y="1""#,
            r#" ="1""#,
            r#" x="1"#,
            r#" x="1" y"#,
            &r#" x="1""#.repeat(MAX_PLAIN + 1),
        ] {
            let mut list = AttrList::default();
            assert!(!list.scan(raw), "{raw}");
            assert_eq!(list.iter().count(), 0);
        }
    }

    #[test]
    fn ascii_space_words_agree_with_bytes() {
        for len in [8, 9, 16, 17] {
            for at in 0..len {
                for c in 0..=255u8 {
                    let mut b = vec![b' '; len];
                    b[at] = c;
                    b[len - 1 - at / 2] = b'\t';
                    let slow = b.iter().all(|c| matches!(c, b' ' | b'\t'..=b'\r'));
                    assert_eq!(all_ascii_space(&b), slow, "{b:?}");
                }
            }
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
