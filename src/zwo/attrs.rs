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

/// A tag's plain attributes (see [`scan`]), in order: name and value as byte ranges of the
/// attribute text (small, so cheap to pass around).
pub(super) struct Plain<'x> {
    raw: &'x str,
    list: [[u16; 4]; MAX_PLAIN],
    len: usize,
}

/// The attributes of a tag's attribute text when every one is plain: a name not starting
/// with `=`, then `=` and a quoted value holding no reference (`&`), tab or line break.
/// quick-xml's parser gives exactly these pairs for such text, with values needing no
/// normalising, so they can be borrowed as they stand. `None` for anything else.
pub(super) fn scan(raw: &str) -> Option<Plain<'_>> {
    let b = raw.as_bytes();
    if b.len() > usize::from(u16::MAX) {
        return None;
    }
    let mut out = Plain {
        raw,
        list: [[0; 4]; MAX_PLAIN],
        len: 0,
    };
    let mut i = 0;
    loop {
        while b.get(i).copied().is_some_and(is_ws) {
            i += 1;
        }
        match b.get(i) {
            None => return Some(out),
            Some(b'=') => return None,
            Some(_) => {}
        }
        let key_start = i;
        while b.get(i).is_some_and(|&c| c != b'=' && !is_ws(c)) {
            i += 1;
        }
        let key_end = i;
        while b.get(i).copied().is_some_and(is_ws) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while b.get(i).copied().is_some_and(is_ws) {
            i += 1;
        }
        let quote = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return None,
        };
        i += 1;
        let value_start = i;
        loop {
            match b.get(i) {
                Some(&c) if c == quote => break,
                Some(b'&' | b'\t' | b'\r' | b'\n') | None => return None,
                Some(_) => i += 1,
            }
        }
        let range = |i: usize| u16::try_from(i).unwrap_or_default();
        *out.list.get_mut(out.len)? = [key_start, key_end, value_start, i].map(range);
        out.len += 1;
        i += 1;
    }
}

/// A tag's attributes: scanned in place when plain, else as quick-xml gave them.
pub(super) enum AttrIter<'x> {
    Plain(Plain<'x>, usize),
    Parsed(std::vec::IntoIter<(&'x str, Cow<'x, str>)>),
}

impl<'x> Iterator for AttrIter<'x> {
    type Item = (&'x str, Cow<'x, str>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            AttrIter::Plain(plain, at) => {
                let [k0, k1, v0, v1] = plain.list.get(..plain.len)?.get(*at)?.map(usize::from);
                *at += 1;
                let key = plain.raw.get(k0..k1)?;
                Some((key, Cow::Borrowed(plain.raw.get(v0..v1)?)))
            }
            AttrIter::Parsed(list) => list.next(),
        }
    }
}

/// `s` without leading and trailing whitespace; no scan when both ends are visible ASCII.
pub(super) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Whether `s` is empty or all whitespace (ASCII checked byte by byte).
pub(super) fn is_blank(s: &str) -> bool {
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
            let plain = scan(e.attributes_raw()).expect(tag);
            let ours: Vec<(String, String)> = AttrIter::Plain(plain, 0)
                .map(|(k, v)| (k.to_string(), v.into_owned()))
                .collect();
            assert_eq!(ours, quick(tag), "{tag}");
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
            assert!(scan(raw).is_none(), "{raw}");
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
