//! The `.zwo` reader: a pull loop over quick-xml events that collects the metadata and raw
//! blocks; [`super::blocks`] turns the blocks into steps once the sport and duration type
//! are known.

use super::attrs::{is_blank, trim, AttrList, Problem};
use super::blocks::{Attrs, Block, Kind, Steps, TextEvent};
use super::name::{id, name};
use crate::codec::{one_line, parse_f64, too_big, Warnings};
use crate::error::{Error, ErrorKind};
use crate::limits;
use crate::model::{Note, Parsed, Sport, Workout};
use crate::span::Span;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;

/// Reads `src`: with `fast`, first by the fast reader (see [`super::fast`]), which takes
/// the usual files in one pass over the bytes and declines anything else to the quick-xml
/// reader below; tests compare the two with `fast` off.
pub(super) fn read(src: &str, fast: bool) -> Result<Parsed, Error> {
    if let Some(e) = too_big(src) {
        return Err(e);
    }
    if src.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Error::new(
            ErrorKind::Empty("empty file: expected a <workout_file> document".into()),
            Span::new(0, src.len()),
            src,
        ));
    }
    // The WASM package has a size budget and reads one file at a time: it is built
    // without the fast reader.
    #[cfg(not(target_arch = "wasm32"))]
    if fast {
        if let Some(parsed) = super::fast::read(src) {
            return Ok(parsed);
        }
    }
    #[cfg(target_arch = "wasm32")]
    let _ = fast;
    let mut r = Zwo::new(src);
    r.document()?;
    r.finish()
}

impl<'a> Zwo<'a> {
    /// A reader at the start of `src`, nothing collected yet.
    pub(super) fn new(src: &'a str) -> Zwo<'a> {
        Zwo {
            xml: Reader::from_str(src),
            src,
            warnings: Warnings::new(src),
            workout: Workout::default(),
            // About one block per 80 bytes in typical files: saves regrowing a long list.
            blocks: Vec::with_capacity((src.len() / 80).min(limits::MAX_STEPS)),
            events: Vec::new(),
            found_workout: false,
            distance: false,
            depth: 0,
            attrs: AttrList::default(),
        }
    }

    /// The collected blocks turned into steps, with the warnings.
    pub(super) fn finish(mut self) -> Result<Parsed, Error> {
        let blocks = std::mem::take(&mut self.blocks);
        let events = std::mem::take(&mut self.events);
        let mut convert = Steps {
            src: self.src,
            warnings: &mut self.warnings,
            distance: self.distance,
            run: self.workout.sport == Some(Sport::Run),
        };
        self.workout.steps = convert.build(&blocks, &events)?;
        Ok(Parsed {
            workout: self.workout,
            warnings: self.warnings.finish(),
        })
    }
}

/// Attributes Zwift and editors write that have no place in the tree; left out silently.
const IGNORED_ATTRS: &[&str] = &[
    "show_avg",
    "flatroad",
    "ftptest",
    "quantize",
    "units",
    "neverfails",
    "failthresholdduration",
    "forced_performance_test",
    "ramptest",
    "replacement_prescription",
    "replacement_verb",
    "slop",
    "target",
    "overunder",
    "locindex",
    "y",
    "textscale",
    "font_size",
];

/// Whether the attribute name is one of [`IGNORED_ATTRS`] (in any case).
fn ignored(key: &str) -> bool {
    let lower = Lower::of(key);
    IGNORED_ATTRS.iter().any(|a| a.as_bytes() == lower.bytes())
}

// Element and attribute names handled by the reader itself, as [`id`]s.
pub(super) const WORKOUT_FILE: u128 = name("workout_file");
pub(super) const TAG: u128 = name("tag");
pub(super) const TEXTEVENT: u128 = name("textevent");
const RESTDAY: u128 = name("restday");
const MESSAGE: u128 = name("message");
const TIMEOFFSET: u128 = name("timeoffset");
const DISTOFFSET: u128 = name("distoffset");
const DURATION: u128 = name("duration");
const TEXT: u128 = name("text");
const PACE: u128 = name("pace");

/// Workout-file children that are Zwift's bookkeeping; skipped silently.
const IGNORED_META: &[&str] = &[
    "uniqueid",
    "legacyidhash",
    "categoryindex",
    "categoryoverride",
    "subcategoryoverride",
    "visibleaftertime",
    "hiddenaftertime",
    "visibleoutsideplan",
    "authoricon",
    "author_alias",
    "workoutplan",
    "workoutlength",
    "ftpoverride",
    "activitysavename",
    "entid",
    "overridehash",
    "painindex",
    "showcp20",
    "skippable",
    "test_details",
];

pub(super) struct Zwo<'a> {
    xml: Reader<&'a [u8]>,
    src: &'a str,
    pub(super) warnings: Warnings<'a>,
    workout: Workout,
    pub(super) blocks: Vec<Block<'a>>,
    /// The blocks' text events, in order (each block has a range of them).
    pub(super) events: Vec<TextEvent<'a>>,
    pub(super) found_workout: bool,
    distance: bool,
    depth: usize,
    /// The one attribute list every tag's attributes are read into (see
    /// [`Zwo::attributes`]).
    pub(super) attrs: AttrList<'a>,
}

/// An element's name (as written, and as an [`id`] to match in any case) and start
/// offset.
struct Open<'a> {
    name: &'a str,
    id: u128,
    start: usize,
    empty: bool,
}

/// An ASCII-lower-cased copy of a short name on the stack; longer or non-ASCII names
/// lower-case to "" (no known name is longer than 32 bytes).
#[derive(Clone, Copy)]
pub(super) struct Lower {
    buf: [u8; 32],
    len: usize,
}

impl Lower {
    pub(super) fn of(name: &str) -> Lower {
        let mut buf = [0u8; 32];
        if name.len() > buf.len() || !name.is_ascii() {
            return Lower { buf, len: 0 };
        }
        // One pass, byte by byte: a copy of a short, variable length is a call to memcpy.
        for (d, s) in buf.iter_mut().zip(name.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        Lower {
            buf,
            len: name.len(),
        }
    }

    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(self.bytes()).unwrap_or_default()
    }

    /// The lower-cased bytes (matching on these skips `as_str`'s UTF-8 check).
    fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

impl<'a> Zwo<'a> {
    fn pos(&self) -> usize {
        usize::try_from(self.xml.buffer_position()).unwrap_or(usize::MAX)
    }

    fn error(&self, kind: ErrorKind, span: Span) -> Error {
        Error::new(kind, span, self.src)
    }

    fn syntax(&self, message: String, at: usize) -> Error {
        self.error(ErrorKind::Syntax(message), Span::new(at, self.pos()))
    }

    /// The next event and the offset it starts at.
    fn next(&mut self) -> Result<(usize, Event<'a>), Error> {
        let start = self.pos();
        match self.xml.read_event() {
            Ok(ev) => Ok((start, ev)),
            Err(e) => {
                let at = usize::try_from(self.xml.error_position()).unwrap_or(start);
                Err(self.error(ErrorKind::Xml(e.to_string()), Span::new(at, at)))
            }
        }
    }

    fn open(&mut self, e: &BytesStart<'_>, start: usize, empty: bool) -> Result<Open<'a>, Error> {
        if !empty {
            self.depth += 1;
            if self.depth > limits::MAX_XML_DEPTH {
                return Err(self.error(
                    ErrorKind::Limit {
                        what: "xml nesting depth",
                        limit: limits::MAX_XML_DEPTH as u64,
                    },
                    Span::new(start, self.pos()),
                ));
            }
        }
        // The name as it stands in the source (after `<`), borrowed from the input.
        let raw = e.name();
        let len = raw.as_ref().len();
        let start = if self.src.as_bytes().get(start) == Some(&b'<') {
            start
        } else {
            self.src
                .get(start..)
                .and_then(|s| s.find('<'))
                .map_or(start, |i| start + i)
        };
        let name = self
            .src
            .get(start + 1..start + 1 + len)
            .filter(|n| *n == raw.as_ref())
            .unwrap_or_default();
        Ok(Open {
            name,
            id: id(name),
            start,
            empty,
        })
    }

    fn eof(&self, what: &str) -> Error {
        let end = self.src.len();
        self.error(
            ErrorKind::Xml(format!("unexpected end of file: expected </{what}>")),
            Span::new(end, end),
        )
    }

    /// The whole document: prolog, the root element, and what follows it.
    fn document(&mut self) -> Result<(), Error> {
        let mut root_seen = false;
        loop {
            let (start, ev) = self.next()?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) if !root_seen => {
                    let empty = matches!(ev, Event::Empty(_));
                    let open = self.open(e, start, empty)?;
                    root_seen = true;
                    if open.id != WORKOUT_FILE {
                        self.warnings.push(
                            format!("expected <workout_file> as the root, found <{}>", open.name),
                            Span::new(start, self.pos()),
                        );
                    }
                    if !open.empty {
                        self.root()?;
                    }
                }
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let open = self.open(e, start, empty)?;
                    self.warnings.push(
                        format!("element <{}> after the root element ignored", open.name),
                        Span::new(start, self.pos()),
                    );
                    if !open.empty {
                        self.skip(&open)?;
                    }
                }
                Event::Text(t) if is_blank(&t) => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(self.syntax(
                        "expected a <workout_file> element, found text".into(),
                        start,
                    ));
                }
                Event::DocType(d) => {
                    // A byte window, not `str::contains`: that links a substring
                    // searcher (about 2 KB of `.wasm`) for this one check.
                    let bytes = d.as_bytes();
                    let declares = bytes
                        .windows(8)
                        .any(|w| w.eq_ignore_ascii_case(b"<!ENTITY"));
                    if declares {
                        self.warnings.push(
                            "entity declarations in the doctype are not used",
                            Span::new(start, self.pos()),
                        );
                    }
                }
                Event::End(_) => {
                    return Err(self.syntax("unexpected end tag".into(), start));
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        if !self.found_workout {
            let end = self.src.len();
            return Err(self.error(
                ErrorKind::Empty("expected a <workout> element in <workout_file>".into()),
                Span::new(end, end),
            ));
        }
        Ok(())
    }

    /// Children of `<workout_file>`.
    fn root(&mut self) -> Result<(), Error> {
        self.children("workout_file", |this, _, open, _| this.meta(&open))
    }

    /// Reads the children of `parent` (the name its end tag closes) up to that end tag:
    /// each child element goes to `child` opened (with its start tag and offset); text
    /// other than whitespace is a warning.
    fn children(
        &mut self,
        parent: &str,
        mut child: impl FnMut(&mut Self, &BytesStart<'_>, Open<'a>, usize) -> Result<(), Error>,
    ) -> Result<(), Error> {
        loop {
            let (start, ev) = self.next()?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let open = self.open(e, start, empty)?;
                    child(self, e, open, start)?;
                }
                Event::End(_) => {
                    self.depth -= 1;
                    return Ok(());
                }
                Event::Text(t) if is_blank(&t) => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    self.warnings.push(
                        format!("text in <{parent}> ignored"),
                        Span::new(start, self.pos()),
                    );
                }
                Event::Eof => return Err(self.eof(parent)),
                _ => {}
            }
        }
    }

    /// One child of the root: metadata, tags, the workout, or something to skip.
    fn meta(&mut self, open: &Open<'a>) -> Result<(), Error> {
        let lower = Lower::of(open.name);
        let lower = lower.as_str();
        match Meta::of(lower) {
            Meta::Workout => {
                if self.found_workout {
                    self.warnings.push(
                        "second <workout> element: its blocks follow the first's",
                        Span::new(open.start, self.pos()),
                    );
                }
                self.found_workout = true;
                if !open.empty {
                    self.blocks_in_workout()?;
                }
            }
            Meta::Tags => {
                if !open.empty {
                    self.tags()?;
                }
            }
            Meta::Text => {
                let text = if open.empty {
                    String::new()
                } else {
                    self.text(open)?
                };
                self.set_meta(lower, text.trim(), open.start);
            }
            Meta::Ignored => {
                if !open.empty {
                    self.skip(open)?;
                }
            }
            Meta::Unknown => {
                self.warnings.push(
                    format!("unknown element <{}> ignored", open.name),
                    Span::new(open.start, self.pos()),
                );
                if !open.empty {
                    self.skip(open)?;
                }
            }
        }
        Ok(())
    }

    /// Sets the metadata field `lower` (a [`Meta::Text`] name) from its trimmed text.
    pub(super) fn set_meta(&mut self, lower: &str, text: &str, start: usize) {
        let value = (!text.is_empty()).then(|| text.to_string());
        let w = &mut self.workout;
        match lower {
            "name" => w.name = value,
            "author" => w.author = value,
            "category" => w.category = value,
            "subcategory" => w.subcategory = value,
            "description" => {
                w.notes.retain(|n| n.before != 0);
                if let Some(text) = value {
                    w.notes.insert(0, Note { before: 0, text });
                }
            }
            "sporttype" => {
                w.sport = Sport::from_name(text);
                if w.sport.is_none() && !text.is_empty() {
                    let span = Span::new(start, start + 1);
                    self.warnings
                        .push(format!("unknown sportType \"{text}\" ignored"), span);
                }
            }
            _ => match text.to_ascii_lowercase().as_str() {
                "distance" => self.distance = true,
                "time" | "" => self.distance = false,
                other => {
                    let span = Span::new(start, start + 1);
                    self.warnings.push(
                        format!("unknown durationType \"{other}\": durations read as seconds"),
                        span,
                    );
                }
            },
        }
    }

    /// `<tags>`: `<tag name="…"/>` or `<tag>…</tag>`.
    fn tags(&mut self) -> Result<(), Error> {
        loop {
            let (start, ev) = self.next()?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let open = self.open(e, start, empty)?;
                    if open.id != TAG {
                        self.warnings.push(
                            format!("unknown element <{}> in <tags> ignored", open.name),
                            Span::new(start, self.pos()),
                        );
                        if !open.empty {
                            self.skip(&open)?;
                        }
                        continue;
                    }
                    let mut tag = None;
                    let list = self.attributes(e, start);
                    for (key, value) in list.iter() {
                        tag_attr(&mut tag, key, value);
                    }
                    self.attrs = list;
                    if !open.empty {
                        let text = self.text(&open)?;
                        if tag.is_none() {
                            tag = Some(text);
                        }
                    }
                    self.push_tag(tag);
                }
                Event::End(_) => {
                    self.depth -= 1;
                    return Ok(());
                }
                Event::Eof => return Err(self.eof("tags")),
                _ => {}
            }
        }
    }

    /// A tag read from `<tag name="…">` or its text, trimmed, if not empty.
    pub(super) fn push_tag(&mut self, tag: Option<String>) {
        if let Some(tag) = tag.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
            self.workout.tags.push(tag);
        }
    }

    /// Text content up to the end of `open`, with predefined and character references
    /// resolved; custom entity references are left out with a warning.
    fn text(&mut self, open: &Open<'a>) -> Result<String, Error> {
        let mut out = String::new();
        loop {
            let (start, ev) = self.next()?;
            match ev {
                Event::Text(t) => out.push_str(&t.xml10_content()),
                Event::CData(c) => out.push_str(&c.xml10_content()),
                Event::GeneralRef(r) => {
                    let span = Span::new(start, self.pos());
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => out.push(c),
                        Ok(None) => match resolve_predefined_entity(&r) {
                            Some(s) => out.push_str(s),
                            None => self.warnings.push(
                                format!("entity reference &{}; left out: not expanded", &*r),
                                span,
                            ),
                        },
                        Err(_) => self
                            .warnings
                            .push(format!("bad character reference &{}; left out", &*r), span),
                    }
                }
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let child = self.open(e, start, empty)?;
                    self.ignore_child(&child, open, start)?;
                }
                Event::End(_) => {
                    self.depth -= 1;
                    return Ok(out);
                }
                Event::Eof => return Err(self.eof(open.name)),
                _ => {}
            }
        }
    }

    /// Warns about an element `child` found in `parent` where none is expected, and skips it.
    fn ignore_child(
        &mut self,
        child: &Open<'a>,
        parent: &Open<'a>,
        start: usize,
    ) -> Result<(), Error> {
        self.warnings.push(
            format!("element <{}> in <{}> ignored", child.name, parent.name),
            Span::new(start, self.pos()),
        );
        if !child.empty {
            self.skip(child)?;
        }
        Ok(())
    }

    /// Skips to the end of `open`, following nesting within the depth limit.
    fn skip(&mut self, open: &Open<'a>) -> Result<(), Error> {
        let base = self.depth;
        loop {
            let (start, ev) = self.next()?;
            match ev {
                Event::Start(e) => {
                    self.open(&e, start, false)?;
                }
                Event::End(_) => {
                    self.depth -= 1;
                    if self.depth < base {
                        return Ok(());
                    }
                }
                Event::Eof => return Err(self.eof(open.name)),
                _ => {}
            }
        }
    }

    /// `s`, a slice of the input, as borrowed from the input itself rather than from the
    /// event holding it; "" if it is not one (events of a reader over a `&str` always
    /// borrow from it).
    fn in_src(&self, s: &str) -> &'a str {
        let src: &'a str = self.src;
        let at = (s.as_ptr() as usize).wrapping_sub(src.as_ptr() as usize);
        src.get(at..at.wrapping_add(s.len()))
            .filter(|t| t.as_ptr() == s.as_ptr())
            .unwrap_or_default()
    }

    /// Reads the attributes of `e`, borrowed where no unescaping was needed; a value with
    /// a custom entity reference is kept raw, with a warning. The list is the reader's own
    /// (taken out of `self.attrs`, to be handed back when done, so no tag allocates one).
    fn attributes(&mut self, e: &BytesStart<'_>, start: usize) -> AttrList<'a> {
        let mut list = std::mem::take(&mut self.attrs);
        let raw = self.in_src(e.attributes_raw());
        // The `.wasm` (size budget; its users read one file at a time) has only the full
        // parse, which gives the same pairs for plain tags.
        if cfg!(not(target_arch = "wasm32")) && list.scan(raw) {
            return list;
        }
        let span = Span::new(start, self.pos());
        let warnings = &mut self.warnings;
        list.parse(raw, |problem| match problem {
            Problem::Malformed => warnings.push("malformed attribute ignored", span),
            Problem::Entity(key) => warnings.push(
                format!("attribute {key} has an entity reference that is not expanded"),
                span,
            ),
        });
        list
    }

    /// Children of `<workout>`: the blocks.
    fn blocks_in_workout(&mut self) -> Result<(), Error> {
        self.children("workout", |this, e, open, _| this.block(e, &open))
    }

    fn block(&mut self, e: &BytesStart<'_>, open: &Open<'a>) -> Result<(), Error> {
        let start = open.start;
        if let Some(kind) = Kind::of(open.id) {
            self.open_block(kind, open.name, start);
            self.block_attrs(e, open)?;
            if !open.empty {
                self.block_children(open)?;
            }
            let span = Span::new(start, self.pos());
            return self
                .close_block(span)
                .map_err(|kind| self.error(kind, span));
        }
        let span = Span::new(start, self.pos());
        match open.id {
            TEXTEVENT => {
                let event = self.text_event(e, open)?;
                if !open.empty {
                    self.skip(open)?;
                }
                if let Some(event) = event {
                    if let Some(last) = self.blocks.last_mut() {
                        // The last block's events end the list: this one joins them.
                        self.events.push(event);
                        last.events.end = self.events.len();
                        self.warnings.push(
                            "text event outside a block: it belongs to the block before it",
                            span,
                        );
                    } else {
                        self.warnings
                            .push("text event before the first block ignored", span);
                    }
                }
            }
            RESTDAY => {
                self.warnings.push("rest day: no steps", span);
                if !open.empty {
                    self.skip(open)?;
                }
            }
            _ => {
                self.warnings
                    .push(format!("unknown element <{}> ignored", open.name), span);
                if !open.empty {
                    self.skip(open)?;
                }
            }
        }
        Ok(())
    }

    /// Text events inside a block, added to `self.events`.
    fn block_children(&mut self, open: &Open<'a>) -> Result<(), Error> {
        self.children(open.name, |this, e, child, start| {
            if child.id == TEXTEVENT {
                if let Some(event) = this.text_event(e, &child)? {
                    this.events.push(event);
                }
                if !child.empty {
                    this.skip(&child)?;
                }
                Ok(())
            } else {
                this.ignore_child(&child, open, start)
            }
        })
    }

    fn text_event(
        &mut self,
        e: &BytesStart<'_>,
        open: &Open<'a>,
    ) -> Result<Option<TextEvent<'a>>, Error> {
        let span = Span::new(open.start, self.pos());
        let mut draft = EventDraft::default();
        let list = self.attributes(e, open.start);
        for (key, value) in list.pairs() {
            match draft.attr(key, id(key), value) {
                Ok(Seen::Used) => {}
                Ok(seen) => self.warn_attr(seen, open.name, span),
                Err(kind) => return Err(self.error(kind, span)),
            }
        }
        self.attrs = list;
        Ok(self.event_done(draft, open.name, span))
    }

    /// A text event whose attributes are all read: `None` (with a warning) without a
    /// message; a warning for a message with a prompt-time marker.
    pub(super) fn event_done(
        &mut self,
        draft: EventDraft<'a>,
        name: &str,
        span: Span,
    ) -> Option<TextEvent<'a>> {
        let event = draft.event;
        if !draft.has_message || event.message.is_empty() {
            self.warnings
                .push(format!("<{name}> without a message ignored"), span);
            return None;
        }
        if crate::prompt::has_marker(&event.message) {
            self.warnings.push(crate::prompt::MARKER_IN_MESSAGE, span);
        }
        Some(event)
    }

    /// The warning for an attribute [`Seen`] as blank or unknown on the element `name`.
    pub(super) fn warn_attr(&mut self, seen: Seen<'_>, name: &str, span: Span) {
        let (what, key) = match seen {
            Seen::Used => return,
            Seen::Blank(key) => ("empty", key),
            Seen::Unknown(key) => ("unknown", key),
        };
        self.warnings
            .push(format!("{what} attribute {key} on <{name}> ignored"), span);
    }

    /// The attributes of the block `open` (the last in `self.blocks`) into its record.
    fn block_attrs(&mut self, e: &BytesStart<'_>, open: &Open<'a>) -> Result<(), Error> {
        let span = Span::new(open.start, self.pos());
        let mut unknown: Vec<&str> = Vec::new();
        let list = self.attributes(e, open.start);
        for (key, value) in list.iter() {
            match self.block_attr(key, id(key), value) {
                Ok(Seen::Unknown(key)) => unknown.push(key),
                Ok(seen) => self.warn_attr(seen, open.name, span),
                Err(kind) => return Err(self.error(kind, span)),
            }
        }
        self.attrs = list;
        self.warn_unknown(&unknown, open.name, span);
        Ok(())
    }

    /// One attribute of the block being read (the last in `self.blocks`) into its record,
    /// by its name and the name's [`id`]: what became of it, or the error (its span is the
    /// caller's).
    #[inline]
    pub(super) fn block_attr<'k>(
        &mut self,
        key: &'k str,
        key_id: u128,
        value: &str,
    ) -> Result<Seen<'k>, ErrorKind> {
        match key_id {
            TEXT => {
                if let Some(a) = self.block_attrs_mut() {
                    a.text = Some(one_line(value).into_owned());
                }
                return Ok(Seen::Used);
            }
            // Which threshold pace Zwift uses; meaningless numbers occur in bike files.
            PACE => {
                if let Some(a) = self.block_attrs_mut() {
                    a.pace = parse_f64(trim(value));
                }
                return Ok(Seen::Used);
            }
            _ => {}
        }
        let blank = is_blank(value);
        let Some((field, bound)) = Attrs::field(key_id) else {
            return Ok(if ignored(key) {
                Seen::Used
            } else if blank {
                Seen::Blank(key)
            } else {
                Seen::Unknown(key)
            });
        };
        if blank {
            return Ok(Seen::Blank(key));
        }
        let v = number(key, value)?;
        if bound.is_some_and(|bound| v > bound) {
            return Err(ErrorKind::Limit {
                what: "target value",
                limit: limits::MAX_TARGET_VALUE as u64,
            });
        }
        if let Some(a) = self.block_attrs_mut() {
            a.set(field, v);
        }
        Ok(Seen::Used)
    }

    /// The one warning for a block's unknown attributes, if it has any.
    pub(super) fn warn_unknown(&mut self, unknown: &[&str], name: &str, span: Span) {
        match unknown {
            [] => {}
            [one] => self.warn_attr(Seen::Unknown(one), name, span),
            many => {
                let mut message = String::from("unknown attributes ");
                for (n, attr) in many.iter().enumerate() {
                    if n > 0 {
                        message.push_str(", ");
                    }
                    message.push_str(attr);
                }
                message.push_str(" on <");
                message.push_str(name);
                message.push_str("> ignored");
                self.warnings.push(message, span);
            }
        }
    }

    /// Starts a block record (filled in place: its attributes, then its events and span;
    /// a block record is a few hundred bytes, each move of it a `memcpy`).
    pub(super) fn open_block(&mut self, kind: Kind, name: &'a str, start: usize) {
        let first_event = self.events.len();
        self.blocks.push(Block {
            kind,
            name,
            attrs: Attrs::NONE,
            events: first_event..first_event,
            span: Span::new(start, start),
        });
    }

    /// Ends the block being read at `span`'s end, with the text events read since it
    /// started: a limit error (its span is the caller's) past [`limits::MAX_STEPS`].
    pub(super) fn close_block(&mut self, span: Span) -> Result<(), ErrorKind> {
        if self.blocks.len() > limits::MAX_STEPS {
            return Err(ErrorKind::Limit {
                what: "number of steps",
                limit: limits::MAX_STEPS as u64,
            });
        }
        let end = self.events.len();
        if let Some(block) = self.blocks.last_mut() {
            (block.events.end, block.span) = (end, span);
        }
        Ok(())
    }

    /// The record of the block being read (the last one).
    fn block_attrs_mut(&mut self) -> Option<&mut Attrs> {
        self.blocks.last_mut().map(|b| &mut b.attrs)
    }
}

/// What a child of `<workout_file>` is, by its lower-cased name.
pub(super) enum Meta {
    Workout,
    Tags,
    /// A metadata field with text ([`Zwo::set_meta`]).
    Text,
    /// Zwift's bookkeeping ([`IGNORED_META`]), skipped silently.
    Ignored,
    Unknown,
}

impl Meta {
    pub(super) fn of(lower: &str) -> Meta {
        match lower {
            "workout" => Meta::Workout,
            "tags" => Meta::Tags,
            "name" | "author" | "description" | "category" | "subcategory" | "sporttype"
            | "durationtype" => Meta::Text,
            _ if IGNORED_META.contains(&lower) => Meta::Ignored,
            _ => Meta::Unknown,
        }
    }
}

/// One attribute of a `<tag>`: its `name` (in any case; the last one wins) is the tag.
pub(super) fn tag_attr(tag: &mut Option<String>, key: &str, value: &str) {
    if key.eq_ignore_ascii_case("name") {
        *tag = Some(value.to_owned());
    }
}

/// What became of one attribute: used (or left out silently), or to be warned about as
/// blank or unknown.
pub(super) enum Seen<'k> {
    Used,
    Blank(&'k str),
    Unknown(&'k str),
}

/// A text event while its attributes are read.
#[derive(Default)]
pub(super) struct EventDraft<'a> {
    event: TextEvent<'a>,
    has_message: bool,
}

impl<'a> EventDraft<'a> {
    /// One attribute of a text event, by its name and the name's [`id`]: what became of
    /// it, or the error (its span is the caller's).
    #[inline]
    #[allow(clippy::ptr_arg)] // a borrowed message keeps the input's lifetime `'a`
    pub(super) fn attr<'k>(
        &mut self,
        key: &'k str,
        key_id: u128,
        value: &Cow<'a, str>,
    ) -> Result<Seen<'k>, ErrorKind> {
        if is_blank(value) && key_id != MESSAGE {
            return Ok(Seen::Blank(key));
        }
        match key_id {
            TIMEOFFSET | DISTOFFSET => self.event.offset = number(key, value)?,
            DURATION => self.event.duration = Some(number(key, value)?),
            MESSAGE => {
                self.has_message = true;
                self.event.message = match value {
                    Cow::Borrowed(v) => one_line(v),
                    Cow::Owned(v) => Cow::Owned(one_line(v).into_owned()),
                };
            }
            _ if ignored(key) => {}
            _ => return Ok(Seen::Unknown(key)),
        }
        Ok(Seen::Used)
    }
}

/// A non-negative finite number.
#[inline]
fn number(key: &str, value: &str) -> Result<f64, ErrorKind> {
    // The usual value first, inline ([`parse_f64`] begins with the same test, so the
    // `.wasm`, which has a size budget, goes there at once).
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(v) = crate::num::plain_decimal(value.as_bytes()) {
        if v <= limits::MAX_TARGET_VALUE * 100.0 {
            return Ok(v);
        }
    }
    any_number(key, value)
}

/// [`number`] for any text.
#[cfg_attr(not(target_arch = "wasm32"), cold)]
fn any_number(key: &str, value: &str) -> Result<f64, ErrorKind> {
    match parse_f64(trim(value)) {
        Some(v) if (0.0..=limits::MAX_TARGET_VALUE * 100.0).contains(&v) => Ok(v),
        _ => Err(ErrorKind::Syntax(format!(
            "expected a non-negative number for {key}, found \"{value}\""
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_read_as_parse_f64_reads_them() {
        let mut cases: Vec<String> = crate::num::tests::PLAIN_NUMBER_EDGES
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..50_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let digits = (seed % 17) as usize;
            let mut s: String = (0..digits)
                .map(|i| char::from(b'0' + ((seed >> (i * 3)) % 10) as u8))
                .collect();
            if seed & (1 << 60) != 0 {
                let at = ((seed >> 50) as usize) % (digits + 1);
                s.insert(at, '.');
            }
            cases.push(s);
        }
        for s in cases {
            if let Some(v) = crate::num::plain_decimal(s.as_bytes()) {
                assert_eq!(Some(v.to_bits()), parse_f64(&s).map(f64::to_bits), "{s:?}");
            }
            assert_eq!(
                format!("{:?}", number("k", &s)),
                format!("{:?}", any_number("k", &s)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn names_lower_case_on_the_stack() {
        assert_eq!(Lower::of("SteadyState").as_str(), "steadystate");
        assert_eq!(Lower::of("x".repeat(40).as_str()).as_str(), "");
        assert_eq!(Lower::of("Éa").as_str(), "");
    }

    #[test]
    fn element_names_in_any_case_and_positions() {
        let xml = "<workout_file>\n<WORKOUT>\n<steadystate Duration=\"60\" POWER=\"0.5\"/>\n<Bogus/>\n</WORKOUT>\n</workout_file>";
        let parsed = read(xml, false).unwrap();
        assert_eq!(parsed.workout.steps.len(), 1);
        let w = &parsed.warnings[0];
        assert_eq!(
            (w.line, w.column, w.message.as_str()),
            (4, 1, "unknown element <Bogus> ignored")
        );
    }
}
