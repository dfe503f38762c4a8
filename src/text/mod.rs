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

// The figures in comments ("fewer instructions a corpus pass") are callgrind counts of one
// `parse` of each of the 67 texts of `../shared/corpus/texts` (the `text-floor` bench).

mod scan;
mod step;
mod token;
mod vocab;
mod writer;

pub(crate) use vocab::{distance_unit, pace_length};
pub(crate) use writer::left_out;
pub use writer::write;

use crate::codec::Warnings;
use crate::error::{Error, ErrorKind};
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
/// Input over [`limits::MAX_INPUT_BYTES`], a repeat count over [`limits::MAX_REPEATS`], a
/// step line of more than [`limits::MAX_STEP_WORDS`] words, and durations, distances or
/// target numbers over their limits are errors with a position.
pub fn parse(src: &str) -> Result<Parsed, Error> {
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
        workout: Workout::default(),
        warnings: Warnings::new(src),
        block: None,
        paragraph: None,
        count: 0,
    };
    for (start, raw) in scan::lines(src) {
        let (line, lead) = scan::trim(raw);
        let at = start + lead;
        reader.line(line, Span::new(at, at + line.len()))?;
    }
    reader.close_block();
    reader.close_paragraph();
    Ok(Parsed {
        workout: reader.workout,
        warnings: reader.warnings.finish(),
        thresholds: Default::default(),
    })
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
    /// The steps, notes and category read so far.
    workout: Workout,
    warnings: Warnings<'a>,
    block: Option<Block<'a>>,
    paragraph: Option<Note>,
    /// Intervals read so far, against [`limits::MAX_STEPS`].
    count: usize,
}

impl<'a> Reader<'a> {
    /// Reads one line, trimmed, at `span` of the source.
    fn line(&mut self, line: &'a str, span: Span) -> Result<(), Error> {
        if line.is_empty() {
            self.close_block();
            self.close_paragraph();
        } else if let Some(body) = line.strip_prefix('-') {
            self.close_paragraph();
            self.step(body, span)?;
        } else if let Some(category) = category(line) {
            self.close_block();
            self.workout.category = Some(category.to_owned());
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
                steps: Vec::new(),
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
                        before: self.workout.steps.len(),
                        text: line.to_owned(),
                    })
                }
            }
        }
        Ok(())
    }

    /// Reads the step line at `span`, `body` after its dash, into the open repeat block or
    /// the workout. Intervals.icu drops a step with no length above zero, and so does this
    /// (with a warning).
    fn step(&mut self, body: &'a str, span: Span) -> Result<(), Error> {
        let (src, warnings) = (self.src, &mut self.warnings);
        let mut read =
            |step: &mut Interval| step::read(src, (body, span.start + 1), step, warnings);
        let mut fresh = Interval {
            span,
            ..Interval::default()
        };
        let kept = match &mut self.block {
            Some(Block::Repeat(r)) => {
                let kept = read_in_place(&mut r.steps, fresh, read)?;
                if kept {
                    r.span = Span::new(r.span.start, span.end);
                }
                kept
            }
            block => {
                let mut section = None;
                if let Some(Block::Section { warmup, taken, .. }) = block {
                    (fresh.warmup, fresh.cooldown) = (*warmup, !*warmup);
                    section = Some(taken);
                }
                let steps = &mut self.workout.steps;
                let kept = read_in_place(steps, Step::Interval(fresh), |step| match step {
                    Step::Interval(step) => read(step),
                    Step::Repeat(_) => Ok(false),
                })?;
                if let Some(taken) = section {
                    *taken |= kept;
                }
                kept
            }
        };
        self.count += usize::from(kept);
        if self.count > limits::MAX_STEPS {
            return Err(Error::limit(
                "number of steps",
                limits::MAX_STEPS as u64,
                span,
                self.src,
            ));
        }
        Ok(())
    }

    /// Ends the open block. A header that took no steps stays as a note, so no text is lost.
    fn close_block(&mut self) {
        // Most lines close nothing: asked first, the block is not moved out and back (1%
        // fewer instructions a corpus pass).
        if self.block.is_none() {
            return;
        }
        let header = match self.block.take() {
            Some(Block::Repeat(r)) if !r.steps.is_empty() => {
                self.workout.steps.push(Step::Repeat(r));
                return;
            }
            Some(Block::Repeat(r)) => r.text,
            Some(Block::Section { header, taken, .. }) if !taken => header.to_owned(),
            Some(Block::Section { .. }) | None => return,
        };
        self.workout.notes.push(Note {
            before: self.workout.steps.len(),
            text: header,
        });
    }

    fn close_paragraph(&mut self) {
        if let Some(note) = self.paragraph.take() {
            self.workout.notes.push(note);
        }
    }
}

/// Pushes `item` on `list` and reads a step into it there, where it stays: an `Interval`
/// is large, and read in place it is not copied (5% fewer instructions a corpus pass than
/// returning it). `read` returns whether to keep it.
fn read_in_place<T>(
    list: &mut Vec<T>,
    item: T,
    read: impl FnOnce(&mut T) -> Result<bool, Error>,
) -> Result<bool, Error> {
    list.push(item);
    let kept = match list.last_mut() {
        Some(last) => read(last)?,
        None => false,
    };
    if !kept {
        list.pop();
    }
    Ok(kept)
}

/// The repeat count of a header line: its last word is `Nx` (`Main set 4x`, `3x`).
fn repeat_count(line: &str) -> Option<u64> {
    // Only a line that ends in the mark is split (most notes do not): 1.5% fewer
    // instructions a corpus pass.
    let mark = line.len().checked_sub(vocab::REPEAT.len());
    if !mark
        .and_then(|at| line.as_bytes().get(at..))
        .is_some_and(|end| end.eq_ignore_ascii_case(vocab::REPEAT.as_bytes()))
    {
        return None;
    }
    line.rsplit(char::is_whitespace)
        .next()
        .and_then(token::repeat)
}

/// `Warmup` / `Cooldown` header lines (any case; `Warm up`, `Warm-up`, `Cool down`,
/// `Cool-down` too) → true for a warm-up.
fn section(line: &str) -> Option<bool> {
    // Bytes, not characters (1.2% fewer instructions a corpus pass): the headers are
    // ASCII, and no byte of another character equals an ASCII byte.
    let is = |header: &str| {
        line.bytes()
            .filter(|b| !vocab::SECTION_FILLERS.contains(b))
            .map(|b| b.to_ascii_lowercase())
            .eq(header.bytes().map(|b| b.to_ascii_lowercase()))
    };
    if is(vocab::WARMUP) {
        Some(true)
    } else if is(vocab::COOLDOWN) {
        Some(false)
    } else {
        None
    }
}

/// `Category: Horrible` → `Horrible`.
fn category(line: &str) -> Option<&str> {
    let key = line.get(..vocab::CATEGORY.len())?;
    let value = line
        .get(vocab::CATEGORY.len()..)?
        .trim_start()
        .strip_prefix(':')?
        .trim();
    (key.eq_ignore_ascii_case(vocab::CATEGORY) && !value.is_empty()).then_some(value)
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
        assert_eq!(category("category :Endurance "), Some("Endurance"));
        assert_eq!(category("Category:"), None);
        assert_eq!(category("Category x: y"), None);
    }
}
