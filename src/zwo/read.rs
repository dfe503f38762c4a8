//! The `.zwo` reader: a pull loop over quick-xml events that collects raw blocks, then
//! turns them into steps once the sport and duration type are known.

use crate::codec::{round_to, too_big, Warnings};
use crate::error::{Error, ErrorKind};
use crate::limits;
use crate::model::{
    Amount, DistanceUnit, Interval, Length, Note, PaceUnit, Parsed, PowerUnit, Prompt, Repeat,
    Sport, Step, Target, Workout,
};
use crate::span::Span;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

pub(super) fn read(src: &str) -> Result<Parsed, Error> {
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
    let mut r = Zwo {
        xml: Reader::from_str(src),
        src,
        warnings: Warnings::new(src),
        workout: Workout::default(),
        blocks: Vec::new(),
        found_workout: false,
        distance: false,
        depth: 0,
    };
    r.document()?;
    let steps = r.steps()?;
    r.workout.steps = steps;
    Ok(Parsed {
        workout: r.workout,
        warnings: r.warnings.finish(),
    })
}

/// Block element kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Steady,
    Warmup,
    Cooldown,
    Ramp,
    Intervals,
    FreeRide,
    MaxEffort,
}

impl Kind {
    fn of(lower: &str) -> Option<Kind> {
        Some(match lower {
            "steadystate" | "solidstate" => Kind::Steady,
            "warmup" => Kind::Warmup,
            "cooldown" => Kind::Cooldown,
            "ramp" => Kind::Ramp,
            "intervalst" => Kind::Intervals,
            "freeride" => Kind::FreeRide,
            "maxeffort" => Kind::MaxEffort,
            _ => return None,
        })
    }
}

/// The numeric attributes a block may carry (names matched in any case).
#[derive(Debug, Default, Clone)]
struct Attrs {
    duration: Option<f64>,
    distance: Option<f64>,
    power: Option<f64>,
    power_low: Option<f64>,
    power_high: Option<f64>,
    zone: Option<f64>,
    repeat: Option<f64>,
    on_duration: Option<f64>,
    off_duration: Option<f64>,
    on_power: Option<f64>,
    off_power: Option<f64>,
    on_low: Option<f64>,
    on_high: Option<f64>,
    off_low: Option<f64>,
    off_high: Option<f64>,
    on_zone: Option<f64>,
    off_zone: Option<f64>,
    cadence: Option<f64>,
    cadence_low: Option<f64>,
    cadence_high: Option<f64>,
    cadence_resting: Option<f64>,
    pace: Option<f64>,
    text: Option<String>,
}

/// A text event as read: offset (seconds, or metres in distance workouts) from its block.
#[derive(Debug, Clone)]
struct TextEvent {
    offset: f64,
    duration: Option<f64>,
    message: String,
}

struct Block {
    kind: Kind,
    name: String,
    attrs: Attrs,
    events: Vec<TextEvent>,
    span: Span,
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

struct Zwo<'a> {
    xml: Reader<&'a [u8]>,
    src: &'a str,
    warnings: Warnings<'a>,
    workout: Workout,
    blocks: Vec<Block>,
    found_workout: bool,
    distance: bool,
    depth: usize,
}

/// An element's lower-cased name and start offset.
struct Open {
    name: String,
    lower: String,
    start: usize,
    empty: bool,
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

    fn open(&mut self, e: &BytesStart<'_>, start: usize, empty: bool) -> Result<Open, Error> {
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
        let name = e.name().as_ref().to_string();
        let lower = name.to_ascii_lowercase();
        Ok(Open {
            name,
            lower,
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
                    if open.lower != "workout_file" {
                        self.warnings.push(
                            format!("expected <workout_file> as the root, found <{}>", open.name),
                            Span::new(start, self.pos()),
                        );
                    }
                    if !open.empty {
                        self.root(&open)?;
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
                Event::Text(t) if t.trim().is_empty() => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(self.syntax(
                        "expected a <workout_file> element, found text".into(),
                        start,
                    ));
                }
                Event::DocType(d) => {
                    if d.to_ascii_uppercase().contains("<!ENTITY") {
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
    fn root(&mut self, _root: &Open) -> Result<(), Error> {
        loop {
            let (start, ev) = self.next()?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let open = self.open(e, start, empty)?;
                    self.meta(&open)?;
                }
                Event::End(_) => {
                    self.depth -= 1;
                    return Ok(());
                }
                Event::Text(t) if t.trim().is_empty() => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    self.warnings.push(
                        "text in <workout_file> ignored",
                        Span::new(start, self.pos()),
                    );
                }
                Event::Eof => return Err(self.eof("workout_file")),
                _ => {}
            }
        }
    }

    /// One child of the root: metadata, tags, the workout, or something to skip.
    fn meta(&mut self, open: &Open) -> Result<(), Error> {
        let lower = open.lower.as_str();
        match lower {
            "workout" => {
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
            "tags" => {
                if !open.empty {
                    self.tags()?;
                }
            }
            "name" | "author" | "description" | "category" | "subcategory" | "sporttype"
            | "durationtype" => {
                let text = if open.empty {
                    String::new()
                } else {
                    self.text(open)?
                };
                self.set_meta(lower, text.trim(), open.start);
            }
            _ if IGNORED_META.contains(&lower) => {
                if !open.empty {
                    self.skip(open)?;
                }
            }
            _ => {
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

    fn set_meta(&mut self, lower: &str, text: &str, start: usize) {
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
                    if open.lower != "tag" {
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
                    for (key, value) in self.attributes(e, start) {
                        if key.eq_ignore_ascii_case("name") {
                            tag = Some(value);
                        }
                    }
                    if !open.empty {
                        let text = self.text(&open)?;
                        if tag.is_none() {
                            tag = Some(text);
                        }
                    }
                    if let Some(tag) = tag.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
                        self.workout.tags.push(tag);
                    }
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

    /// Text content up to the end of `open`, with predefined and character references
    /// resolved; custom entity references are left out with a warning.
    fn text(&mut self, open: &Open) -> Result<String, Error> {
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
                    self.warnings.push(
                        format!("element <{}> in <{}> ignored", child.name, open.name),
                        Span::new(start, self.pos()),
                    );
                    if !child.empty {
                        self.skip(&child)?;
                    }
                }
                Event::End(_) => {
                    self.depth -= 1;
                    return Ok(out);
                }
                Event::Eof => return Err(self.eof(&open.name)),
                _ => {}
            }
        }
    }

    /// Skips to the end of `open`, following nesting within the depth limit.
    fn skip(&mut self, open: &Open) -> Result<(), Error> {
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
                Event::Eof => return Err(self.eof(&open.name)),
                _ => {}
            }
        }
    }

    /// The attributes of `e` as (name, value), values unescaped; a value with a custom
    /// entity reference is kept raw, with a warning.
    fn attributes(&mut self, e: &BytesStart<'_>, start: usize) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let span = Span::new(start, self.pos());
        for attr in e.attributes().with_checks(false) {
            let Ok(attr) = attr else {
                self.warnings.push("malformed attribute ignored", span);
                continue;
            };
            let key = attr.key.as_ref().to_string();
            let value = match attr.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(_) => {
                    self.warnings.push(
                        format!("attribute {key} has an entity reference that is not expanded"),
                        span,
                    );
                    attr.value.into_owned()
                }
            };
            out.push((key, value));
        }
        out
    }

    /// Children of `<workout>`: the blocks.
    fn blocks_in_workout(&mut self) -> Result<(), Error> {
        loop {
            let (start, ev) = self.next()?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let open = self.open(e, start, empty)?;
                    self.block(e, &open)?;
                }
                Event::End(_) => {
                    self.depth -= 1;
                    return Ok(());
                }
                Event::Text(t) if t.trim().is_empty() => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    self.warnings
                        .push("text in <workout> ignored", Span::new(start, self.pos()));
                }
                Event::Eof => return Err(self.eof("workout")),
                _ => {}
            }
        }
    }

    fn block(&mut self, e: &BytesStart<'_>, open: &Open) -> Result<(), Error> {
        let start = open.start;
        if let Some(kind) = Kind::of(&open.lower) {
            let attrs = self.block_attrs(e, open)?;
            let events = if open.empty {
                Vec::new()
            } else {
                self.block_children(open)?
            };
            if self.blocks.len() >= limits::MAX_STEPS {
                return Err(self.error(
                    ErrorKind::Limit {
                        what: "number of steps",
                        limit: limits::MAX_STEPS as u64,
                    },
                    Span::new(start, self.pos()),
                ));
            }
            self.blocks.push(Block {
                kind,
                name: open.name.clone(),
                attrs,
                events,
                span: Span::new(start, self.pos()),
            });
            return Ok(());
        }
        let span = Span::new(start, self.pos());
        match open.lower.as_str() {
            "textevent" => {
                let event = self.text_event(e, open)?;
                if !open.empty {
                    self.skip(open)?;
                }
                if let Some(event) = event {
                    if let Some(last) = self.blocks.last_mut() {
                        last.events.push(event);
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
            "restday" => {
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

    /// Text events inside a block.
    fn block_children(&mut self, open: &Open) -> Result<Vec<TextEvent>, Error> {
        let mut events = Vec::new();
        loop {
            let (start, ev) = self.next()?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let child = self.open(e, start, empty)?;
                    if child.lower == "textevent" {
                        if let Some(event) = self.text_event(e, &child)? {
                            events.push(event);
                        }
                    } else {
                        self.warnings.push(
                            format!("element <{}> in <{}> ignored", child.name, open.name),
                            Span::new(start, self.pos()),
                        );
                    }
                    if !child.empty {
                        self.skip(&child)?;
                    }
                }
                Event::End(_) => {
                    self.depth -= 1;
                    return Ok(events);
                }
                Event::Text(t) if t.trim().is_empty() => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    self.warnings.push(
                        format!("text in <{}> ignored", open.name),
                        Span::new(start, self.pos()),
                    );
                }
                Event::Eof => return Err(self.eof(&open.name)),
                _ => {}
            }
        }
    }

    fn text_event(&mut self, e: &BytesStart<'_>, open: &Open) -> Result<Option<TextEvent>, Error> {
        let span = Span::new(open.start, self.pos());
        let mut event = TextEvent {
            offset: 0.0,
            duration: None,
            message: String::new(),
        };
        let mut has_message = false;
        for (key, value) in self.attributes(e, open.start) {
            let lower = key.to_ascii_lowercase();
            if value.trim().is_empty() && lower != "message" {
                self.warnings.push(
                    format!("empty attribute {key} on <{}> ignored", open.name),
                    span,
                );
                continue;
            }
            match lower.as_str() {
                "timeoffset" | "distoffset" => event.offset = self.number(&key, &value, span)?,
                "duration" => event.duration = Some(self.number(&key, &value, span)?),
                "message" => {
                    has_message = true;
                    event.message = value.split_whitespace().collect::<Vec<_>>().join(" ");
                }
                _ if IGNORED_ATTRS.contains(&lower.as_str()) => {}
                _ => self.warnings.push(
                    format!("unknown attribute {key} on <{}> ignored", open.name),
                    span,
                ),
            }
        }
        if !has_message || event.message.is_empty() {
            self.warnings
                .push(format!("<{}> without a message ignored", open.name), span);
            return Ok(None);
        }
        Ok(Some(event))
    }

    /// A non-negative finite number.
    fn number(&self, key: &str, value: &str, span: Span) -> Result<f64, Error> {
        match value.trim().parse::<f64>() {
            Ok(v) if (0.0..=limits::MAX_TARGET_VALUE * 100.0).contains(&v) => Ok(v),
            _ => Err(self.error(
                ErrorKind::Syntax(format!(
                    "expected a non-negative number for {key}, found \"{value}\""
                )),
                span,
            )),
        }
    }

    fn block_attrs(&mut self, e: &BytesStart<'_>, open: &Open) -> Result<Attrs, Error> {
        let span = Span::new(open.start, self.pos());
        let mut a = Attrs::default();
        let mut unknown: Vec<String> = Vec::new();
        for (key, value) in self.attributes(e, open.start) {
            let lower = key.to_ascii_lowercase();
            let ignored = IGNORED_ATTRS.contains(&lower.as_str()) || lower == "pace";
            if value.trim().is_empty() && lower != "text" && !ignored {
                self.warnings.push(
                    format!("empty attribute {key} on <{}> ignored", open.name),
                    span,
                );
                continue;
            }
            let slot = match lower.as_str() {
                "duration" => &mut a.duration,
                "distance" => &mut a.distance,
                "power" => &mut a.power,
                "powerlow" => &mut a.power_low,
                "powerhigh" => &mut a.power_high,
                "zone" => &mut a.zone,
                "repeat" => &mut a.repeat,
                "onduration" => &mut a.on_duration,
                "offduration" => &mut a.off_duration,
                "onpower" => &mut a.on_power,
                "offpower" => &mut a.off_power,
                "poweronlow" => &mut a.on_low,
                "poweronhigh" => &mut a.on_high,
                "powerofflow" => &mut a.off_low,
                "poweroffhigh" => &mut a.off_high,
                "poweronzone" => &mut a.on_zone,
                "poweroffzone" => &mut a.off_zone,
                "cadence" => &mut a.cadence,
                "cadencelow" => &mut a.cadence_low,
                "cadencehigh" => &mut a.cadence_high,
                "cadenceresting" => &mut a.cadence_resting,
                "pace" => &mut a.pace,
                "text" => {
                    a.text = Some(value);
                    continue;
                }
                _ => {
                    if !ignored {
                        unknown.push(key);
                    }
                    continue;
                }
            };
            if lower == "pace" {
                // Which threshold pace Zwift uses; meaningless numbers occur in bike files.
                *slot = value.trim().parse::<f64>().ok();
                continue;
            }
            *slot = Some(self.number(&key, &value, span)?);
        }
        match unknown.as_slice() {
            [] => {}
            [one] => self.warnings.push(
                format!("unknown attribute {one} on <{}> ignored", open.name),
                span,
            ),
            many => self.warnings.push(
                format!(
                    "unknown attributes {} on <{}> ignored",
                    many.join(", "),
                    open.name
                ),
                span,
            ),
        }
        Ok(a)
    }

    /// Turns the collected blocks into steps.
    fn steps(&mut self) -> Result<Vec<Step>, Error> {
        let run = self.workout.sport == Some(Sport::Run);
        let blocks = std::mem::take(&mut self.blocks);
        let mut steps = Vec::with_capacity(blocks.len());
        for b in &blocks {
            if run && b.attrs.pace.is_some_and(|p| p != 0.0) {
                self.warnings.push(
                    "pace attribute (which threshold pace Zwift uses) left out",
                    b.span,
                );
            }
            if b.kind != Kind::Intervals
                && (b.attrs.on_duration.is_some() || b.attrs.repeat.is_some())
            {
                self.warnings
                    .push(format!("repeat attributes on <{}> ignored", b.name), b.span);
            }
            if b.attrs.cadence_resting.is_some() && b.kind != Kind::Intervals {
                self.warnings
                    .push(format!("CadenceResting on <{}> ignored", b.name), b.span);
            }
            if b.kind == Kind::Intervals {
                self.intervals(b, run, &mut steps)?;
            } else {
                steps.push(Step::Interval(self.interval(b, run)?));
            }
            if steps.len() > limits::MAX_STEPS {
                return Err(self.error(
                    ErrorKind::Limit {
                        what: "number of steps",
                        limit: limits::MAX_STEPS as u64,
                    },
                    b.span,
                ));
            }
        }
        Ok(steps)
    }

    fn length(&self, b: &Block, value: Option<f64>, what: &str) -> Result<Length, Error> {
        if let Some(m) = b.attrs.distance.filter(|_| what == "Duration") {
            return self.metres(b, m);
        }
        let Some(v) = value else {
            return Err(self.error(
                ErrorKind::Syntax(format!("expected a {what} attribute on <{}>", b.name)),
                b.span,
            ));
        };
        if self.distance {
            return self.metres(b, v);
        }
        let secs = v.round();
        if secs > f64::from(limits::MAX_STEP_SECONDS) {
            return Err(self.error(
                ErrorKind::Limit {
                    what: "step duration in seconds",
                    limit: u64::from(limits::MAX_STEP_SECONDS),
                },
                b.span,
            ));
        }
        // In range and non-negative: the cast is exact.
        Ok(Length::Time(secs as u32))
    }

    fn metres(&self, b: &Block, m: f64) -> Result<Length, Error> {
        if m > limits::MAX_STEP_METRES {
            return Err(self.error(
                ErrorKind::Limit {
                    what: "step distance in metres",
                    limit: limits::MAX_STEP_METRES as u64,
                },
                b.span,
            ));
        }
        Ok(Length::Distance {
            value: round_to(m, 3),
            unit: DistanceUnit::Metre,
        })
    }

    /// A steady or ramp step.
    fn interval(&mut self, b: &Block, run: bool) -> Result<Interval, Error> {
        let a = &b.attrs;
        let mut i = Interval {
            length: self.length(b, a.duration, "Duration")?,
            ..Interval::default()
        };
        let amount = pair(a.power_low, a.power_high).or(a.power.map(Amount::Value));
        let amount = amount.map(|x| x.map(percent));
        match b.kind {
            Kind::Warmup => i.warmup = true,
            Kind::Cooldown => i.cooldown = true,
            Kind::FreeRide => i.freeride = true,
            Kind::MaxEffort => i.maxeffort = true,
            _ => {}
        }
        i.ramp = matches!(b.kind, Kind::Warmup | Kind::Cooldown | Kind::Ramp)
            && matches!(amount, Some(Amount::Range { .. }));
        set_target(&mut i, amount, a.zone, run);
        i.cadence = pair(a.cadence_low, a.cadence_high).or(a.cadence.map(Amount::Value));
        let mut prompts: Vec<Prompt> = Vec::new();
        if let Some(text) = a.text.as_deref().map(one_line).filter(|t| !t.is_empty()) {
            prompts.push(Prompt {
                offset: 0,
                duration: None,
                text,
            });
        }
        prompts.extend(b.events.iter().map(prompt));
        i.text = joined(prompts);
        i.span = b.span;
        Ok(i)
    }

    /// An `IntervalsT` block.
    fn intervals(&mut self, b: &Block, run: bool, out: &mut Vec<Step>) -> Result<(), Error> {
        let a = &b.attrs;
        let reps = match a.repeat {
            None => {
                self.warnings
                    .push(format!("<{}> without Repeat: done once", b.name), b.span);
                1
            }
            Some(r) if r.round() < 1.0 => {
                return Err(self.error(
                    ErrorKind::Syntax(format!("expected a Repeat of at least 1 on <{}>", b.name)),
                    b.span,
                ));
            }
            Some(r) if r.round() > f64::from(limits::MAX_REPEATS) => {
                return Err(self.error(
                    ErrorKind::Limit {
                        what: "repeat count",
                        limit: u64::from(limits::MAX_REPEATS),
                    },
                    b.span,
                ));
            }
            Some(r) => r.round() as u32,
        };
        let mut on = Interval {
            length: self.length(b, a.on_duration, "OnDuration")?,
            span: b.span,
            ..Interval::default()
        };
        let mut off = Interval {
            length: self.length(b, a.off_duration, "OffDuration")?,
            span: b.span,
            ..Interval::default()
        };
        let on_amount = pair(a.on_low, a.on_high).or(a.on_power.map(Amount::Value));
        let off_amount = pair(a.off_low, a.off_high).or(a.off_power.map(Amount::Value));
        set_target(&mut on, on_amount.map(|x| x.map(percent)), a.on_zone, run);
        set_target(
            &mut off,
            off_amount.map(|x| x.map(percent)),
            a.off_zone,
            run,
        );
        on.cadence = pair(a.cadence_low, a.cadence_high).or(a.cadence.map(Amount::Value));
        off.cadence = a.cadence_resting.map(Amount::Value);

        let on_len = extent(on.length);
        let cycle = on_len + extent(off.length);
        let text = a.text.as_deref().map(one_line).filter(|t| !t.is_empty());
        let late = cycle > 0.0 && b.events.iter().any(|ev| ev.offset.round() >= cycle);
        let unroll = late && (reps as usize).saturating_mul(2) <= limits::MAX_STEPS;
        let copies = if unroll { reps as usize } else { 1 };
        // prompts[2k] for the k-th on step, prompts[2k+1] for the k-th off step.
        let mut prompts: Vec<Vec<Prompt>> = vec![Vec::new(); 2 * copies];
        if let (Some(text), Some(first)) = (text, prompts.first_mut()) {
            first.push(Prompt {
                offset: 0,
                duration: None,
                text,
            });
        }
        for ev in &b.events {
            let mut at = ev.offset.round();
            let mut rep = 0.0;
            if cycle > 0.0 && at >= cycle {
                rep = (at / cycle).floor().min(copies as f64 - 1.0);
                at -= rep * cycle;
                if !unroll {
                    self.warnings.push(
                        format!(
                            "text event at {} in <{}> is past the first repetition: shown in every repetition",
                            ev.offset, b.name
                        ),
                        b.span,
                    );
                }
            }
            let mut p = prompt(ev);
            let (slot, offset) = if at < on_len || cycle <= 0.0 {
                (2 * rep as usize, at)
            } else {
                (2 * rep as usize + 1, at - on_len)
            };
            p.offset = clamp_u32(offset);
            if let Some(list) = prompts.get_mut(slot) {
                list.push(p);
            }
        }
        let mut texts = prompts.into_iter().map(joined);
        if unroll {
            self.warnings.push(
                format!(
                    "<{}> with text events past its first repetition written out step by step, so each event shows once",
                    b.name
                ),
                b.span,
            );
            for _ in 0..reps {
                for template in [&on, &off] {
                    let mut step = template.clone();
                    step.text = texts.next().flatten();
                    out.push(Step::Interval(step));
                }
            }
            return Ok(());
        }
        on.text = texts.next().flatten();
        off.text = texts.next().flatten();
        out.push(Step::Repeat(Repeat {
            reps,
            text: format!("Main set {reps}x"),
            steps: vec![on, off],
            span: b.span,
        }));
        Ok(())
    }
}

/// Seconds or metres of a length.
fn extent(l: Length) -> f64 {
    match l {
        Length::Time(s) => f64::from(s),
        Length::Distance { .. } => l.metres().unwrap_or(0.0),
    }
}

/// A fraction of FTP (or of threshold pace) as a percent, float noise dropped.
fn percent(fraction: f64) -> f64 {
    round_to(fraction * 100.0, 4)
}

/// `low`/`high` as a range, or a value when equal.
fn pair(low: Option<f64>, high: Option<f64>) -> Option<Amount> {
    match (low, high) {
        (Some(l), Some(h)) if l == h => Some(Amount::Value(l)),
        (Some(start), Some(end)) => Some(Amount::Range { start, end }),
        (Some(v), None) | (None, Some(v)) => Some(Amount::Value(v)),
        (None, None) => None,
    }
}

/// Sets the power (or, in run workouts, pace) target from a percent amount or a zone.
fn set_target(i: &mut Interval, amount: Option<Amount>, zone: Option<f64>, run: bool) {
    let (amount, zone) = match (amount, zone) {
        (Some(a), _) => (a, false),
        (None, Some(z)) => (Amount::Value(z), true),
        (None, None) => return,
    };
    if run {
        let units = if zone {
            PaceUnit::Zone
        } else {
            PaceUnit::PercentThreshold
        };
        i.pace = Some(Target::new(units, amount));
    } else {
        let units = if zone {
            PowerUnit::Zone
        } else {
            PowerUnit::PercentFtp
        };
        i.power = Some(Target::new(units, amount));
    }
}

fn prompt(ev: &TextEvent) -> Prompt {
    Prompt {
        offset: clamp_u32(ev.offset),
        duration: ev.duration.map(clamp_u32),
        text: ev.message.clone(),
    }
}

fn clamp_u32(v: f64) -> u32 {
    // `number` keeps values finite, non-negative and far below u32::MAX.
    v.round().min(f64::from(u32::MAX)) as u32
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Prompts in time order joined into step text.
fn joined(mut prompts: Vec<Prompt>) -> Option<String> {
    prompts.sort_by_key(|p| p.offset);
    let text = Prompt::join(&prompts);
    (!text.is_empty()).then_some(text)
}
