//! The Intervals.icu workout text language: [`parse`] reads it, [`write()`] gives the
//! canonical text back. The rules as implemented are in [`crate::syntax`].
//!
//! ```
//! use workout_doc::text;
//! let src = "Warmup\n- 10m ramp 50-75%\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n";
//! let w = text::parse(src)?.workout;
//! assert_eq!(w.steps.len(), 2);
//! assert_eq!(text::write(&w), src);
//! # Ok::<(), workout_doc::Error>(())
//! ```

mod place;
mod quick;
mod scan;
mod step;
mod token;
mod writer;

pub(crate) use writer::left_out;
pub use writer::write;

use crate::error::{Error, ErrorKind, Warning};
use crate::limits;
use crate::model::{Interval, Note, Parsed, Repeat, Step, Workout};
use crate::span::Span;

/// Reads workout text into a [`Workout`] with warnings for what was kept but not understood.
///
/// Lines starting with `-` are steps; a line whose last word is `Nx` opens a repeat block of
/// the step lines under it, up to a blank or other line; `Warmup` / `Cooldown` lines flag
/// the steps under them; `Category: …` sets the category; other lines are notes.
///
/// ```
/// let parsed = workout_doc::text::parse("- 20m 60% 90-100rpm\n\nMain set 4x\n- 8m 110%\n- 8m 50%")?;
/// assert_eq!(parsed.workout.steps.len(), 2);
/// assert!(parsed.warnings.is_empty());
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// Input over [`limits::MAX_INPUT_BYTES`], a repeat count over [`limits::MAX_REPEATS`], and
/// durations, distances or target numbers over their limits are errors with a position.
pub fn parse(src: &str) -> Result<Parsed, Error> {
    // The WASM package has a size budget, and its users parse one workout at a time: it
    // is built without the fast reader (which the optimiser then drops as dead code).
    read(src, SHORTCUTS)
}

/// [`parse`] without its fast reader for usual step lines: what that reader must agree
/// with, for tests and the fuzz target that compare the two.
///
/// ```
/// let src = "- 10m 75% 90rpm\n- Go 5m 50%";
/// let general = workout_doc::text::parse_general(src)?;
/// assert_eq!(format!("{general:?}"), format!("{:?}", workout_doc::text::parse(src)?));
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// As [`parse`].
#[doc(hidden)]
pub fn parse_general(src: &str) -> Result<Parsed, Error> {
    read(src, false)
}

/// Whether the shortcuts that only save time are built in: the fast reader for usual step
/// lines ([`quick`]) and a few quick answers for usual lines. Not in the `.wasm`, which
/// has a size budget (they give the same results, so the optimiser drops them there as
/// dead code).
const SHORTCUTS: bool = cfg!(not(target_arch = "wasm32"));

/// [`parse`], with the fast reader for usual step lines ([`quick`]) or, for tests that
/// compare the two, without it.
fn read(src: &str, quick: bool) -> Result<Parsed, Error> {
    if src.len() > limits::MAX_INPUT_BYTES {
        return Err(Error::new(
            ErrorKind::Limit {
                what: "input size in bytes",
                limit: limits::MAX_INPUT_BYTES as u64,
            },
            Span::new(limits::MAX_INPUT_BYTES, src.len()),
            src,
        ));
    }
    let mut reader = Reader {
        src,
        steps: Vec::with_capacity(step_room(src)),
        notes: Vec::new(),
        category: None,
        warnings: Vec::new(),
        block: None,
        paragraph: None,
        count: 0,
    };
    let mut words = Vec::new();
    let bytes = src.as_bytes();
    let mut start = 0;
    let mut numbered = place::Line::FIRST;
    loop {
        let before = reader.warnings.len();
        // A line the quick reader took is printable ASCII after its indent of spaces and
        // tabs: when it starts its numbered line, columns are byte offsets.
        let (end, ascii) = match quick.then(|| reader.quick_step(start)) {
            Some(Some(brk)) => (line_end(bytes, brk?), start == numbered.start),
            _ => (reader.general_line(start, &mut words)?, false),
        };
        if reader.warnings.len() > before {
            let new = reader.warnings.get_mut(before..).unwrap_or_default();
            if ascii {
                place::ascii_warnings(numbered, new);
            } else {
                place::warnings(src, numbered, new);
            }
        }
        numbered = numbered.after(src, end);
        if end >= bytes.len() {
            break;
        }
        start = end + 1;
    }
    reader.close_block();
    reader.close_paragraph();
    // The workout is made here, in the returned value, from the parts read (a whole
    // `Workout` kept in the reader was copied twice, in and out).
    Ok(Parsed {
        workout: Workout {
            steps: reader.steps,
            notes: reader.notes,
            category: reader.category,
            ..Workout::default()
        },
        warnings: reader.warnings,
    })
}

/// Room for the steps, reserved up front so the list is not copied as it grows (a step is
/// 184 bytes): a step line takes some 16 bytes, and no more than the limit are read. A
/// text under 256 bytes gets room for 5 at most, which most such texts stay within (the
/// steps of a repeat are in its own list): 920 bytes stay in malloc's per-thread cache,
/// where a larger block costs several times more to get and to free. Longer texts get
/// their full room (growing from 5 copies the steps, and costs more than it saves there).
fn step_room(src: &str) -> usize {
    let room = (src.len() / 16).min(limits::MAX_STEPS + 1);
    if room > 5 && src.len() < 256 {
        5
    } else {
        room
    }
}

/// Where a line ends, given the line break `brk` found after it: a line ends at `\n`, or
/// at a `\r` that no `\n` follows (old Mac files). A `\r` before `\n` stays on its line
/// (trimmed later), so the next line starts one byte after the returned end.
fn line_end(bytes: &[u8], brk: usize) -> usize {
    match (bytes.get(brk), bytes.get(brk + 1)) {
        (Some(b'\r'), Some(b'\n')) => brk + 1,
        _ => brk,
    }
}

/// The block a header opened, still taking step lines.
enum Block<'a> {
    Repeat(Repeat),
    /// A `Warmup` or `Cooldown` header: its line is copied only if it stays as a note
    /// (no step taken), which is rare.
    Section {
        header: &'a str,
        warmup: bool,
        taken: bool,
    },
}

struct Reader<'a> {
    src: &'a str,
    /// The parts of the [`Workout`] that text sets.
    steps: Vec<Step>,
    notes: Vec<Note>,
    category: Option<String>,
    warnings: Vec<Warning>,
    block: Option<Block<'a>>,
    paragraph: Option<Note>,
    /// Intervals read so far, against [`limits::MAX_STEPS`].
    count: usize,
}

impl<'a> Reader<'a> {
    /// Reads the line starting at byte `start` with the fast reader for usual step
    /// lines; returns the index of its line break, or `None` when that reader declined it
    /// (nothing has changed then). A step line may be indented with spaces and tabs (as
    /// the steps of a block often are), which `trim` would cut off.
    fn quick_step(&mut self, start: usize) -> Option<Result<usize, Error>> {
        // Most lines are told by their first byte: a dash, or no step line.
        let bytes = self.src.as_bytes();
        let mut start = start;
        loop {
            match bytes.get(start)? {
                b'-' => break,
                b' ' | b'\t' => start += 1,
                _ => return None,
            }
        }
        let mut brk = None;
        let src = self.src;
        let read = self.step::<true>(Span::new(start, start), |i, w| {
            let read = quick::read(src, start, i, w);
            brk = read.map(|(brk, _)| brk);
            Ok(read.map(|(_, kept)| kept))
        });
        match read {
            Ok(false) => None,
            Ok(true) => {
                self.close_paragraph();
                brk.map(Ok)
            }
            Err(e) => Some(Err(e)),
        }
    }

    /// Reads the line starting at byte `start` with the general reader; returns where
    /// it ends.
    fn general_line(
        &mut self,
        start: usize,
        words: &mut Vec<scan::Word<'a>>,
    ) -> Result<usize, Error> {
        let (src, bytes) = (self.src, self.src.as_bytes());
        // A blank line (a line break right away, as between blocks) ends the block and
        // paragraph with no scan; it ends where `line_end` would end it.
        let blank = match bytes.get(start).filter(|_| SHORTCUTS) {
            Some(b'\n') => Some(start),
            Some(b'\r') if bytes.get(start + 1) == Some(&b'\n') => Some(start + 1),
            _ => None,
        };
        if let Some(end) = blank {
            self.close_block();
            self.close_paragraph();
            return Ok(end);
        }
        // A step line is split into words as its end is looked for (one pass); other
        // lines, and step lines `trim` would cut differently, are found first and read after.
        Ok(match scan::step_line(src, start, words) {
            Some((trimmed, brk)) => {
                self.close_paragraph();
                self.general_step(Span::new(start, trimmed), words)?;
                line_end(bytes, brk)
            }
            None => {
                let end = line_end(bytes, scan::line_break(bytes, start));
                let raw = src.get(start..end).unwrap_or_default();
                let (line, lead) = scan::trim(raw);
                let span = Span::new(start + lead, start + lead + line.len());
                self.line(line, span, words)?;
                end
            }
        })
    }

    /// Reads a step line, split into `words` after its dash, with the general reader.
    fn general_step(&mut self, span: Span, words: &[scan::Word<'_>]) -> Result<(), Error> {
        let src = self.src;
        self.step::<false>(span, |i, w| step::read(src, words, i, w).map(Some))?;
        Ok(())
    }

    fn line(
        &mut self,
        line: &'a str,
        span: Span,
        words: &mut Vec<scan::Word<'a>>,
    ) -> Result<(), Error> {
        if line.is_empty() {
            self.close_block();
            self.close_paragraph();
        } else if let Some(body) = line.strip_prefix('-') {
            self.close_paragraph();
            scan::words(body, span.start + 1, words);
            self.general_step(span, words)?;
        } else if let Some(category) = category(line) {
            self.close_block();
            self.category = Some(category.to_owned());
        } else if let Some(reps) = repeat_count(line) {
            self.close_block();
            self.close_paragraph();
            let reps = u32::try_from(reps)
                .ok()
                .filter(|&r| r <= limits::MAX_REPEATS)
                .ok_or_else(|| {
                    // Point at the `Nx` word itself.
                    let word = line
                        .rfind(|c: char| c.is_ascii_whitespace())
                        .map_or(0, |i| i + 1);
                    Error::limit(
                        "repeat count",
                        limits::MAX_REPEATS.into(),
                        Span::new(span.start + word, span.end),
                        self.src,
                    )
                })?;
            self.block = Some(Block::Repeat(Repeat {
                reps,
                text: line.to_owned(),
                // The room `push` would make for the first step, made at once: the
                // growth path costs about 150 instructions more a block.
                steps: Vec::with_capacity(4),
                span,
            }));
        } else if let Some(warmup) = section(line) {
            self.close_block();
            self.close_paragraph();
            self.block = Some(Block::Section {
                header: line,
                warmup,
                taken: false,
            });
        } else {
            self.close_block();
            match &mut self.paragraph {
                Some(note) => {
                    note.text.push('\n');
                    note.text.push_str(line);
                }
                None => {
                    self.paragraph = Some(Note {
                        before: self.steps.len(),
                        text: line.to_owned(),
                    })
                }
            }
        }
        Ok(())
    }

    /// Reads a step line. The interval is made where it will stay (in the open repeat, or
    /// in the workout) and `read` fills it in place, as an `Interval` is large to move;
    /// `read` returns whether to keep it (Intervals.icu drops some steps), or `None` when it
    /// declines the line. The interval is taken out again unless kept. Returns false when
    /// `read` declined (nothing has changed then). `IN_PLACE`: see [`append`].
    fn step<const IN_PLACE: bool>(
        &mut self,
        span: Span,
        read: impl FnOnce(&mut Interval, &mut Vec<Warning>) -> Result<Option<bool>, Error>,
    ) -> Result<bool, Error> {
        let fresh = || Interval {
            span,
            ..Interval::default()
        };
        let (kept, span) = match &mut self.block {
            Some(Block::Repeat(r)) => {
                append::<_, IN_PLACE>(&mut r.steps, fresh);
                let (kept, span) = match r.steps.last_mut() {
                    Some(i) => (read(i, &mut self.warnings)?, i.span),
                    None => (None, span),
                };
                if kept == Some(true) {
                    r.span = Span::new(r.span.start, span.end);
                } else {
                    r.steps.pop();
                }
                (kept, span)
            }
            section => {
                append::<_, IN_PLACE>(&mut self.steps, || Step::Interval(fresh()));
                let (kept, span) = match self.steps.last_mut() {
                    Some(Step::Interval(i)) => {
                        let kept = read(i, &mut self.warnings)?;
                        if let (Some(kept), Some(Block::Section { warmup, taken, .. })) =
                            (kept, section)
                        {
                            *taken |= kept;
                            (i.warmup, i.cooldown) = (*warmup, !*warmup);
                        }
                        (kept, i.span)
                    }
                    _ => (None, span),
                };
                if kept != Some(true) {
                    self.steps.pop();
                }
                (kept, span)
            }
        };
        if kept == Some(true) {
            self.count += 1;
            if self.count > limits::MAX_STEPS {
                return Err(Error::limit(
                    "number of steps",
                    limits::MAX_STEPS as u64,
                    span,
                    self.src,
                ));
            }
        }
        Ok(kept.is_some())
    }

    /// Ends the open block. A header that took no steps stays as a note, so no text is lost.
    // Inlined: most lines that end a block find none open, and the call cost more than
    // the test (not in the `.wasm`, where size matters more).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn close_block(&mut self) {
        if self.block.is_some() {
            self.end_block();
        }
    }

    /// [`Reader::close_block`] when a block is open.
    fn end_block(&mut self) {
        // A section that took steps (the usual `Warmup`) leaves nothing: no need to move
        // the block out.
        if let (true, Some(Block::Section { taken: true, .. })) = (SHORTCUTS, &self.block) {
            self.block = None;
            return;
        }
        let header = match self.block.take() {
            Some(Block::Repeat(r)) if !r.steps.is_empty() => {
                self.steps.push(Step::Repeat(r));
                return;
            }
            Some(Block::Repeat(r)) => r.text,
            Some(Block::Section { header, taken, .. }) if !taken => header.to_owned(),
            Some(Block::Section { .. }) | None => return,
        };
        self.notes.push(Note {
            before: self.steps.len(),
            text: header,
        });
    }

    fn close_paragraph(&mut self) {
        // Tested first: most lines find no paragraph open, and `take` moves it out.
        if self.paragraph.is_some() {
            if let Some(note) = self.paragraph.take() {
                self.notes.push(note);
            }
        }
    }
}

/// Appends `make()` to `list`. With `IN_PLACE` (the quick reader's instance) the value is
/// made in the list's memory (`resize_with`), saving a call copying the 184-byte interval on
/// every step line; the general reader's instance, which the `.wasm` has, pushes it
/// (smaller code).
fn append<T, const IN_PLACE: bool>(list: &mut Vec<T>, make: impl FnMut() -> T) {
    if IN_PLACE {
        list.resize_with(list.len() + 1, make);
    } else {
        let mut make = make;
        list.push(make());
    }
}

/// The repeat count of a header line: its last word is `Nx` (`Main set 4x`, `3x`).
fn repeat_count(line: &str) -> Option<u64> {
    // A last word `Nx` ends the line with an `x`: other lines (notes) are not split.
    if !matches!(line.as_bytes().last(), Some(b'x' | b'X')) {
        return None;
    }
    // From the end: only the last word is read, however long the line.
    line.rsplit(char::is_whitespace)
        .next()
        .and_then(token::repeat)
}

/// `Warmup` / `Cooldown` header lines (any case; `Warm up`, `Warm-up`, `Cool down`,
/// `Cool-down` too) → true for a warm-up.
fn section(line: &str) -> Option<bool> {
    // Most lines are told by their first byte (trimmed, so no space; a dash is a step).
    if !matches!(
        line.as_bytes().first(),
        Some(b'w' | b'W' | b'c' | b'C' | b'_')
    ) {
        return None;
    }
    // The usual headers, `Warmup` and `Cooldown`, in one comparison: `| 0x20` lower-cases
    // an ASCII capital and keeps a lower-case letter; no other byte gives a lower-case
    // letter, so this is exact.
    let folded = |bytes: &[u8]| {
        let mut word = [0u8; 8];
        if let Some(w) = word.get_mut(..bytes.len()) {
            w.copy_from_slice(bytes);
        }
        u64::from_le_bytes(word) | u64::from_le_bytes([0x20; 8])
    };
    match line.len() {
        _ if !SHORTCUTS => {}
        6 if folded(line.as_bytes()) == folded(b"warmup\x20\x20") => return Some(true),
        8 if folded(line.as_bytes()) == u64::from_le_bytes(*b"cooldown") => return Some(false),
        _ => {}
    }
    // The line without spaces, dashes and underscores, lower-cased, in one pass that stops
    // past 8 bytes (the longer key): notes are seldom that short.
    let mut key = [0u8; 8];
    let mut len = 0;
    for &b in line.as_bytes() {
        if !matches!(b, b' ' | b'-' | b'_') {
            *key.get_mut(len)? = b.to_ascii_lowercase();
            len += 1;
        }
    }
    match key.get(..len)? {
        b"warmup" => Some(true),
        b"cooldown" => Some(false),
        _ => None,
    }
}

/// `Category: Horrible` → `Horrible`.
fn category(line: &str) -> Option<&str> {
    if !line.get(..8)?.eq_ignore_ascii_case("category") {
        return None;
    }
    let (key, value) = line.split_once(':')?;
    key.trim()
        .eq_ignore_ascii_case("category")
        .then(|| value.trim())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(repeat_count("Main set 4x"), Some(4));
        assert_eq!(repeat_count("3x"), Some(3));
        assert_eq!(repeat_count("2 x 1 min Z5"), None);
        assert_eq!(repeat_count("Main\tset 12X"), Some(12));
        assert_eq!(repeat_count("set a4x"), None);
        assert_eq!(repeat_count("set x"), None);
        assert_eq!(repeat_count("x"), None);
        assert_eq!(repeat_count("set\u{a0}5x"), Some(5));
        assert_eq!(repeat_count("set é5x"), None);
        assert_eq!(repeat_count("99999999999999999999999x"), Some(u64::MAX));
        assert_eq!(section("Warm up"), Some(true));
        assert_eq!(section("COOL-DOWN"), Some(false));
        assert_eq!(section("Warmup ride"), None);
        assert_eq!(section("WarmUP"), Some(true));
        assert_eq!(section("cOOLDOWN"), Some(false));
        assert_eq!(section("_warm_up_"), Some(true));
        assert_eq!(section("Warmu@"), None);
        assert_eq!(section("Cooldow\r"), None);
        assert_eq!(section("Cool"), None);
        assert_eq!(category("Category: Horrible"), Some("Horrible"));
        assert_eq!(category("Categories: x"), None);
    }

    /// The fast reader for usual step lines must give exactly what the general reader
    /// gives: on every fixture, on the corpus texts when present, and on generated lines.
    #[test]
    fn quick_and_general_readers_agree() {
        let same = |src: &str| {
            assert_eq!(
                format!("{:?}", read(src, true)),
                format!("{:?}", read(src, false)),
                "{src:?}"
            );
        };
        let mut texts = Vec::new();
        for dir in ["fixtures/text", "../shared/corpus/texts"] {
            match std::fs::read_dir(dir) {
                Ok(entries) => texts.extend(
                    entries
                        .flatten()
                        .filter_map(|e| std::fs::read_to_string(e.path()).ok()),
                ),
                Err(_) => println!("{dir} not found: skipped"),
            }
        }
        assert!(!texts.is_empty());
        for text in &texts {
            same(text);
        }
        // A length given twice: the quick reader gives the "replaced" warning itself.
        for line in [
            "- 200m 75% pace 20s rest",
            "- 20min effort 20m 95-105%",
            "- 10m 0s",
            "- 0s 10m extra words",
            "\t- Easy 1m 2m 3m Z2",
            "- 1h 2km 3mi 75%",
            "x\r- 5m 5m\r\n",
        ] {
            same(line);
        }
        const WORDS: [&str; 51] = [
            "10m",
            "75%",
            "1e308",
            "-",
            "x",
            "3x",
            "rpm",
            "Z2",
            "z3-Z4",
            "90",
            "40-50",
            "HR",
            "lthr",
            "Pace",
            "press",
            "lap",
            "ramp",
            "freeride",
            "220W",
            "200-240w",
            "2km",
            "0.4km",
            "500mtr",
            "1mi",
            "100yd",
            "1h2m30s",
            "1m30",
            "20min",
            "0s",
            "99999999h",
            "1000001%",
            "2000km",
            "5:00/km",
            "87.5%",
            "54%-66%",
            "90rpm-100rpm",
            "é",
            "Easy",
            "power=1s",
            "12345678901234567%",
            "7:15-7:00/km",
            "1'30\"",
            "5'",
            "hr=10s",
            "intensity=recovery",
            "a=b",
            "3:00/100m-4:00/100m",
            "60^30",
            "500w+",
            "1",
            "12345678901234567",
        ];
        const GAPS: [&str; 5] = [" ", "  ", "\t", "", " \r\n"];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut pick = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..20_000 {
            // Step lines of a block are often indented.
            const INDENTS: [&str; 5] = ["", "", "  ", "\t", " \t"];
            let mut line = String::from(INDENTS.get(pick(5)).copied().unwrap_or_default());
            line.push_str(if pick(2) == 0 { "- " } else { "-" });
            for _ in 0..pick(6) {
                line.push_str(WORDS.get(pick(WORDS.len())).copied().unwrap_or_default());
                line.push_str(GAPS.get(pick(GAPS.len())).copied().unwrap_or_default());
            }
            same(&line);
        }
    }

    #[test]
    fn line_endings() {
        let src = b"a\nb\r\nc\rd\r\n";
        let ends: Vec<usize> = [0, 2, 5, 7]
            .iter()
            .map(|&start| line_end(src, scan::line_break(src, start)))
            .collect();
        assert_eq!(ends, [1, 4, 6, 9]);
        assert_eq!(line_end(b"", 0), 0);
    }
}
