//! The fast `.zwo` reader: the usual file (an optional XML declaration, `<workout_file>`
//! with metadata, tags and `<workout>`, blocks with plain attributes and `<textevent/>`s,
//! whitespace between elements) read in one pass over the bytes, without quick-xml's
//! events. It fills the general reader's own record ([`Zwo`]) through the same handling
//! of each attribute, block, text event and metadata field, so it gives the same tree and
//! warnings; anything else (a comment, CDATA, a reference other than the five predefined
//! entities in text, a carriage return in text, an element or attribute that is not
//! plain, text where none is expected, any error) makes it decline, and
//! [`super::read`] reads the file again with quick-xml from the start. Errors therefore
//! always come from the general reader.

use super::attrs::{char_ref, first_at_most, plain};
use super::blocks::Kind;
use super::name::id;
use super::read::{tag_attr, EventDraft, Lower, Meta, Seen, Zwo, TAG, TEXTEVENT, WORKOUT_FILE};
use crate::model::Parsed;
use crate::span::Span;
use quick_xml::escape::resolve_predefined_entity;
use std::borrow::Cow;

/// Reads `src` if it is a usual file; `None` to leave it to the general reader.
pub(super) fn read(src: &str) -> Option<Parsed> {
    let mut f = Fast {
        src,
        b: src.as_bytes(),
        i: 0,
        z: Zwo::new(src),
        seen: Vec::new(),
        unknown: Vec::new(),
    };
    f.document()?;
    f.z.finish().ok()
}

struct Fast<'a> {
    src: &'a str,
    b: &'a [u8],
    /// Where the scan is.
    i: usize,
    /// The general reader's record, filled in as it fills it.
    z: Zwo<'a>,
    /// Blank or unknown attributes of the tag being read, warned about once its end (the
    /// end of the warnings' span) is known; reused from tag to tag.
    seen: Vec<Seen<'a>>,
    /// A block's unknown attributes (one warning for them all), reused.
    unknown: Vec<&'a str>,
}

/// Whitespace between elements, as quick-xml's text and the blank check see it (the rarer
/// vertical tab and form feed are left to the general reader).
fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\t' | b'\r')
}

/// A start tag's name as written and the offset of its `<`.
struct Open<'a> {
    name: &'a str,
    start: usize,
}

impl Open<'_> {
    /// The name's [`id`].
    fn id(&self) -> u128 {
        id(self.name)
    }
}

impl<'a> Fast<'a> {
    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    /// Past whitespace; runs of spaces (indentation) eight at a time.
    fn skip_ws(&mut self) {
        loop {
            match self.at(self.i) {
                Some(b' ') => {
                    while let Some(chunk) = self.b.get(self.i..self.i + 8) {
                        // Zero bytes where there are spaces: the first other byte ends it.
                        let other = crate::swar::load(chunk) ^ (crate::swar::ONES * 0x20);
                        if other != 0 {
                            self.i += (other.trailing_zeros() / 8) as usize;
                            break;
                        }
                        self.i += 8;
                    }
                    while self.at(self.i) == Some(b' ') {
                        self.i += 1;
                    }
                }
                Some(c) if is_ws(c) => self.i += 1,
                _ => return,
            }
        }
    }

    /// At `<` and a name: the start tag's name, the scan left just after it. The name
    /// starts with a letter or `_` and holds no byte up to `>` (such as digits, `-`, `.`,
    /// quotes or `<`): every name the readers know is letters and `_`, and what follows
    /// it must be whitespace, `>` or `/>`, so the name is quick-xml's.
    fn open(&mut self) -> Option<Open<'a>> {
        let start = self.i;
        if self.at(start) != Some(b'<') {
            return None;
        }
        let first = self.at(start + 1)?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        let end = first_at_most(self.b, start + 2, b'>')?;
        match self.at(end)? {
            b'/' if self.at(end + 1) == Some(b'>') => {}
            c if c == b'>' || is_ws(c) => {}
            _ => return None,
        }
        self.i = end;
        Some(Open {
            name: self.src.get(start + 1..end)?,
            start,
        })
    }

    /// At `>` or `/>`: whether the tag is empty, the scan left after it.
    fn close(&mut self, at: usize) -> Option<bool> {
        match (self.at(at)?, self.at(at + 1)) {
            (b'>', _) => {
                self.i = at + 1;
                Some(false)
            }
            (b'/', Some(b'>')) => {
                self.i = at + 2;
                Some(true)
            }
            _ => None,
        }
    }

    /// The rest of a start tag whose attributes the reader does not look at: up to the
    /// first `>`, with no quote (where a `>` may hide) or `<` before it. Whether it is empty.
    fn rest_of_tag(&mut self) -> Option<bool> {
        let from = self.i;
        let len = self
            .b
            .get(from..)?
            .iter()
            .position(|&c| matches!(c, b'>' | b'"' | b'\'' | b'<'))?;
        let gt = from + len;
        if self.at(gt) != Some(b'>') {
            return None;
        }
        self.i = gt + 1;
        Some(gt > from && self.at(gt - 1) == Some(b'/'))
    }

    /// At `</`: the end tag of `name` exactly as its start tag wrote it.
    fn end_tag(&mut self, name: &str) -> Option<()> {
        let rest = self.b.get(self.i..)?;
        let after = rest.strip_prefix(b"</")?.strip_prefix(name.as_bytes())?;
        if after.first() != Some(&b'>') {
            return None;
        }
        self.i += name.len() + 3;
        Some(())
    }

    fn at_end_tag(&self) -> bool {
        self.at(self.i) == Some(b'<') && self.at(self.i + 1) == Some(b'/')
    }

    /// The document: declaration, the root element, nothing after it but whitespace.
    fn document(&mut self) -> Option<()> {
        if self.b.starts_with(b"<?xml") && self.at(5).is_some_and(is_ws) {
            let gt = self.b.iter().position(|&c| c == b'>')?;
            if gt < 7 || self.at(gt - 1) != Some(b'?') || self.b.get(1..gt)?.contains(&b'<') {
                return None;
            }
            self.i = gt + 1;
        }
        self.skip_ws();
        let root = self.open()?;
        if root.id() != WORKOUT_FILE || self.rest_of_tag()? {
            return None;
        }
        loop {
            self.skip_ws();
            if self.at_end_tag() {
                self.end_tag(root.name)?;
                break;
            }
            let open = self.open()?;
            self.meta(open)?;
        }
        self.skip_ws();
        (self.i == self.b.len() && self.z.found_workout).then_some(())
    }

    /// One child of the root.
    fn meta(&mut self, open: Open<'a>) -> Option<()> {
        let lower = Lower::of(open.name);
        let lower = lower.as_str();
        let empty = self.rest_of_tag()?;
        match Meta::of(lower) {
            Meta::Workout => {
                if self.z.found_workout {
                    return None;
                }
                self.z.found_workout = true;
                if !empty {
                    self.blocks(open.name)?;
                }
            }
            Meta::Tags => {
                if !empty {
                    self.tags(open.name)?;
                }
            }
            Meta::Text => {
                let text = if empty {
                    Cow::Borrowed("")
                } else {
                    self.text(open.name)?
                };
                self.z.set_meta(lower, text.trim(), open.start);
            }
            Meta::Ignored => {
                if !empty {
                    self.text(open.name)?;
                }
            }
            Meta::Unknown => return None,
        }
        Some(())
    }

    /// Text up to the end tag of `name`: no markup, no carriage return (which quick-xml's
    /// text turns into a line feed), references only to characters and the five
    /// predefined entities.
    fn text(&mut self, name: &str) -> Option<Cow<'a, str>> {
        let from = self.i;
        let len = self
            .b
            .get(from..)?
            .iter()
            .position(|&c| matches!(c, b'<' | b'\r' | b'&'))?;
        let mut end = from + len;
        let mut text = Cow::Borrowed(self.src.get(from..end)?);
        while self.at(end) == Some(b'&') {
            // A character reference or a predefined entity, resolved as quick-xml does;
            // any other is left to the general reader (which warns).
            let semi = end
                + self
                    .b
                    .get(end..)?
                    .iter()
                    .take(12)
                    .position(|&c| c == b';')?;
            let name = self.src.get(end + 1..semi)?;
            let mut one = [0; 4];
            let c = match name.strip_prefix('#') {
                Some(number) => &*char_ref(number)?.encode_utf8(&mut one),
                None => resolve_predefined_entity(name)?,
            };
            let from = semi + 1;
            let len = self
                .b
                .get(from..)?
                .iter()
                .position(|&c| matches!(c, b'<' | b'\r' | b'&'))?;
            end = from + len;
            let owned = text.to_mut();
            owned.push_str(c);
            owned.push_str(self.src.get(from..end)?);
        }
        self.i = end;
        self.end_tag(name)?;
        Some(text)
    }

    /// The children of `<tags>` up to its end tag `name`.
    fn tags(&mut self, name: &str) -> Option<()> {
        loop {
            // Text in `<tags>` is ignored; references are left to the general reader.
            let from = self.i;
            self.i += self
                .b
                .get(from..)?
                .iter()
                .position(|&c| matches!(c, b'<' | b'&'))?;
            if self.at_end_tag() {
                return self.end_tag(name);
            }
            let open = self.open()?;
            if open.id() != TAG {
                return None;
            }
            let mut tag = None;
            let end = plain(self.src, self.i, |key, value| {
                tag_attr(&mut tag, key, &value);
                Some(())
            })?;
            if !self.close(end)? {
                let text = self.text(open.name)?;
                if tag.is_none() {
                    tag = Some(text.into_owned());
                }
            }
            self.z.push_tag(tag);
        }
    }

    /// The blocks in `<workout>` up to its end tag `name`.
    fn blocks(&mut self, name: &str) -> Option<()> {
        loop {
            self.skip_ws();
            if self.at_end_tag() {
                return self.end_tag(name);
            }
            let open = self.open()?;
            let kind = Kind::of(open.id())?;
            self.block(kind, open)?;
        }
    }

    /// A block, its attributes and text events.
    fn block(&mut self, kind: Kind, open: Open<'a>) -> Option<()> {
        let Fast {
            z, seen, unknown, ..
        } = self;
        z.open_block(kind, open.name, open.start);
        seen.clear();
        unknown.clear();
        let src = self.src;
        let end = plain(src, self.i, |key, value| {
            match z.block_attr(key, id(key), &value).ok()? {
                Seen::Used => {}
                Seen::Unknown(key) => unknown.push(key),
                blank => seen.push(blank),
            }
            Some(())
        })?;
        let empty = self.close(end)?;
        let span = Span::new(open.start, self.i);
        if !(self.seen.is_empty() && self.unknown.is_empty()) {
            for s in self.seen.drain(..) {
                self.z.warn_attr(s, open.name, span);
            }
            self.z.warn_unknown(&self.unknown, open.name, span);
        }
        if !empty {
            loop {
                self.skip_ws();
                if self.at_end_tag() {
                    self.end_tag(open.name)?;
                    break;
                }
                self.text_event()?;
            }
        }
        self.z.close_block(Span::new(open.start, self.i)).ok()
    }

    /// A `<textevent …/>` in a block.
    fn text_event(&mut self) -> Option<()> {
        let open = self.open()?;
        if open.id() != TEXTEVENT {
            return None;
        }
        let mut draft = EventDraft::default();
        let seen = &mut self.seen;
        seen.clear();
        let src = self.src;
        let end = plain(src, self.i, |key, value| {
            match draft.attr(key, id(key), &value).ok()? {
                Seen::Used => {}
                other => seen.push(other),
            }
            Some(())
        })?;
        if !self.close(end)? {
            return None;
        }
        let span = Span::new(open.start, self.i);
        if !self.seen.is_empty() {
            for s in self.seen.drain(..) {
                self.z.warn_attr(s, open.name, span);
            }
        }
        if let Some(event) = self.z.event_done(draft, open.name, span) {
            self.z.events.push(event);
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::read::read as read_with;

    /// Both readers on `src`: the whole results (tree and warnings, or the error) alike.
    /// Whether the fast reader took it.
    fn same(src: &str) -> bool {
        let fast = read_with(src, true);
        let general = read_with(src, false);
        assert_eq!(format!("{fast:?}"), format!("{general:?}"), "{src:?}");
        super::read(src).is_some()
    }

    /// The `.zwo` files of `dir` and the folders in it.
    fn files(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|e| e == "zwo") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    out.push(text);
                }
            }
        }
    }

    const PIECES: [&str; 56] = [
        " ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\x0b",
        "\0",
        "=",
        "\"",
        "'",
        "<",
        ">",
        "/",
        "/>",
        "&",
        ";",
        "&amp;",
        "&lt;",
        "&quot;",
        "&foo;",
        "&#x41;",
        "&#65;",
        "&#X41;",
        "&#0;",
        "&#x110000;",
        "&#xD800;",
        "&#+1;",
        "&#;",
        "&apos;",
        "&#x1F600;",
        "é",
        "\u{a0}",
        " x=\"1\"",
        " Foo='bar'",
        " Duration=\"\"",
        " Power=\" \"",
        " Power=\"abc\"",
        " Power=\"1e9\"",
        " message=\"\"",
        " message='a  b'",
        " Text=\"Hi 60^ x\"",
        " pace=\"2\"",
        " show_avg=\"1\"",
        " Repeat=\"0\"",
        "<textevent timeoffset=\"5\" message=\"hi\"/>",
        "<TextEvent TimeOffset='5000' message=\"late\" duration=\"9\"/>",
        "<Unknown/>",
        "<RestDay/>",
        "<!-- c -->",
        "<![CDATA[x]]>",
        "<?pi x?>",
        "</workout>",
        "<SteadyState Duration=\"60\" Power=\"0.5\"/>",
        "<sportType>run</sportType>",
        "<durationType>distance</durationType>",
        "<tag name=\" t \"/>",
    ];

    #[test]
    fn fast_and_general_readers_agree() {
        let mut docs = Vec::new();
        files(std::path::Path::new("fixtures/zwo"), &mut docs);
        assert!(!docs.is_empty());
        let fixtures = docs.len();
        let corpus = std::path::Path::new("../shared/corpus/zwo");
        if corpus.is_dir() {
            files(corpus, &mut docs);
        } else {
            println!("{} not found: skipped", corpus.display());
        }
        let mut taken = [0, 0];
        for (n, doc) in docs.iter().enumerate() {
            if same(doc) {
                taken[usize::from(n >= fixtures)] += 1;
            }
        }
        println!(
            "fast reader took {} of {fixtures} fixtures, {} of {} corpus files",
            taken[0],
            taken[1],
            docs.len() - fixtures
        );
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut rnd = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut variants, mut fast) = (0, 0);
        for round in 0..6000 {
            let mut doc = docs[round % docs.len()].clone();
            for _ in 0..1 + rnd(3) {
                // A place at a char boundary, usually inside or next to a tag.
                let mut at = rnd(doc.len() + 1);
                while !doc.is_char_boundary(at) {
                    at -= 1;
                }
                match rnd(6) {
                    0..=2 => doc.insert_str(at, PIECES[rnd(PIECES.len())]),
                    3 => {
                        let mut end = (at + 1 + rnd(8)).min(doc.len());
                        while !doc.is_char_boundary(end) {
                            end -= 1;
                        }
                        doc.replace_range(at..end, "");
                    }
                    4 => {
                        let mut end = (at + 1 + rnd(40)).min(doc.len());
                        while !doc.is_char_boundary(end) {
                            end -= 1;
                        }
                        let changed = if rnd(2) == 0 {
                            doc[at..end].to_ascii_uppercase()
                        } else {
                            doc[at..end].to_ascii_lowercase()
                        };
                        doc.replace_range(at..end, &changed);
                    }
                    _ => {
                        // A quote or `=` of an attribute swapped for another.
                        let swap = ["'", "\"", " = ", "=\"\" "][rnd(4)];
                        if let Some(q) = doc[at..].find(['"', '=']) {
                            doc.replace_range(at + q..at + q + 1, swap);
                        }
                    }
                }
            }
            variants += 1;
            if same(&doc) {
                fast += 1;
            }
        }
        println!("{variants} mutated variants: the fast reader took {fast}");
        assert!(fast > 0);
    }
}
