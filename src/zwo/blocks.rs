//! Raw `.zwo` blocks (an element's kind, numeric attributes and text events) and their
//! conversion into steps: targets, ramps, flags, prompts, and `IntervalsT` repeats.

use crate::codec::{round_to, Warnings};
use crate::error::{Error, ErrorKind};
use crate::limits;
use crate::model::{
    Amount, DistanceUnit, Interval, Length, PaceUnit, PowerUnit, Repeat, Step, Target,
};
use crate::prompt::Part;
use crate::span::Span;
use std::borrow::Cow;
use std::ops::Range;

/// Block element kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Steady,
    Warmup,
    Cooldown,
    Ramp,
    Intervals,
    FreeRide,
    MaxEffort,
}

impl Kind {
    /// The kind of a block element, from its name (in any case).
    pub(super) fn of(name: &str) -> Option<Kind> {
        const KINDS: [(&str, Kind); 8] = [
            ("steadystate", Kind::Steady),
            ("solidstate", Kind::Steady),
            ("warmup", Kind::Warmup),
            ("cooldown", Kind::Cooldown),
            ("ramp", Kind::Ramp),
            ("intervalst", Kind::Intervals),
            ("freeride", Kind::FreeRide),
            ("maxeffort", Kind::MaxEffort),
        ];
        KINDS
            .iter()
            .find(|(n, _)| name.eq_ignore_ascii_case(n))
            .map(|&(_, kind)| kind)
    }
}

/// The numeric attributes a block may carry (names matched in any case, see
/// [`Attrs::field`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Duration,
    Distance,
    Power,
    PowerLow,
    PowerHigh,
    Zone,
    Repeat,
    OnDuration,
    OffDuration,
    OnPower,
    OffPower,
    OnLow,
    OnHigh,
    OffLow,
    OffHigh,
    OnZone,
    OffZone,
    Cadence,
    CadenceLow,
    CadenceHigh,
    CadenceResting,
}

/// How many [`Field`]s there are.
const FIELDS_LEN: usize = Field::CadenceResting as usize + 1;

/// The most a fraction of FTP may be: it becomes a percent, under the target limit.
const FRACTION: Option<f64> = Some(limits::MAX_TARGET_VALUE / 100.0);
/// The most a zone or cadence may be.
const TARGET: Option<f64> = Some(limits::MAX_TARGET_VALUE);

/// Each [`Field`]'s attribute name and the most it may hold (lengths and repeats have
/// their own limits, checked later). The most frequent in real files come first: the
/// list is searched in order.
const FIELDS: [(&str, Field, Option<f64>); FIELDS_LEN] = [
    ("duration", Field::Duration, None),
    ("power", Field::Power, FRACTION),
    ("cadence", Field::Cadence, TARGET),
    ("powerhigh", Field::PowerHigh, FRACTION),
    ("powerlow", Field::PowerLow, FRACTION),
    ("repeat", Field::Repeat, None),
    ("onduration", Field::OnDuration, None),
    ("offduration", Field::OffDuration, None),
    ("offpower", Field::OffPower, FRACTION),
    ("onpower", Field::OnPower, FRACTION),
    ("cadenceresting", Field::CadenceResting, TARGET),
    ("zone", Field::Zone, TARGET),
    ("cadencelow", Field::CadenceLow, TARGET),
    ("cadencehigh", Field::CadenceHigh, TARGET),
    ("distance", Field::Distance, None),
    ("poweronlow", Field::OnLow, FRACTION),
    ("poweronhigh", Field::OnHigh, FRACTION),
    ("powerofflow", Field::OffLow, FRACTION),
    ("poweroffhigh", Field::OffHigh, FRACTION),
    ("poweronzone", Field::OnZone, TARGET),
    ("poweroffzone", Field::OffZone, TARGET),
];

/// A block's attributes: the numeric ones by [`Field`], and `pace` and `Text`.
#[derive(Debug, Clone)]
pub(super) struct Attrs {
    values: [Option<f64>; FIELDS_LEN],
    pub(super) pace: Option<f64>,
    /// `Text`, as one line (see [`crate::codec::one_line`]).
    pub(super) text: Option<String>,
}

impl Attrs {
    /// No attributes: a constant, which the compiler writes straight into a new block
    /// record (`Default::default()` is built aside and copied).
    pub(super) const NONE: Attrs = Attrs {
        values: [None; FIELDS_LEN],
        pace: None,
        text: None,
    };

    /// The field for an attribute name in lower case (see [`super::lower`]; not `pace` or
    /// `text`), and the most it may hold (see [`FIELDS`]).
    pub(super) fn field(name: &[u8]) -> Option<(Field, Option<f64>)> {
        FIELDS
            .iter()
            .find(|(n, ..)| n.as_bytes() == name)
            .map(|&(_, field, bound)| (field, bound))
    }

    /// The value of `field`, if the block has it.
    pub(super) fn get(&self, field: Field) -> Option<f64> {
        self.values.get(field as usize).copied().flatten()
    }

    /// Sets `field` (a later attribute of the same name wins).
    pub(super) fn set(&mut self, field: Field, value: f64) {
        if let Some(slot) = self.values.get_mut(field as usize) {
            *slot = Some(value);
        }
    }
}

/// A text event as read: offset (seconds, or metres in distance workouts) from its block.
#[derive(Debug, Clone, Default)]
pub(super) struct TextEvent<'a> {
    pub(super) offset: f64,
    pub(super) duration: Option<f64>,
    /// Borrowed from the input when it stands there as one line.
    pub(super) message: Cow<'a, str>,
}

pub(super) struct Block<'a> {
    pub(super) kind: Kind,
    /// The element name as written.
    pub(super) name: &'a str,
    pub(super) attrs: Attrs,
    /// Its text events: a range of the reader's one list of them.
    pub(super) events: Range<usize>,
    pub(super) span: Span,
}

/// Converts blocks to steps, reporting what it approximates.
pub(super) struct Steps<'w, 'a> {
    pub(super) src: &'a str,
    pub(super) warnings: &'w mut Warnings<'a>,
    /// `durationType` distance: durations are metres.
    pub(super) distance: bool,
    /// A run workout: `Power` is a fraction of threshold pace.
    pub(super) run: bool,
}

impl Steps<'_, '_> {
    fn error(&self, kind: ErrorKind, span: Span) -> Error {
        Error::new(kind, span, self.src)
    }

    /// Turns the collected blocks into steps (their text events, from `events`, joined
    /// into the steps' text).
    pub(super) fn build<'e>(
        &mut self,
        blocks: &'e [Block<'_>],
        events: &'e [TextEvent<'_>],
    ) -> Result<Vec<Step>, Error> {
        let run = self.run;
        let mut steps = Vec::with_capacity(blocks.len());
        // Prompt lists, one per step of a block, reused from block to block so that they
        // keep their room.
        let mut lists = Vec::new();
        for b in blocks {
            let evs = events.get(b.events.clone()).unwrap_or_default();
            if run && b.attrs.pace.is_some_and(|p| p != 0.0) {
                self.warnings.push(
                    "pace attribute (which threshold pace Zwift uses) left out",
                    b.span,
                );
            }
            if b.kind != Kind::Intervals
                && (b.attrs.get(Field::OnDuration).is_some()
                    || b.attrs.get(Field::Repeat).is_some())
            {
                self.warnings
                    .push(format!("repeat attributes on <{}> ignored", b.name), b.span);
            }
            if b.attrs.get(Field::CadenceResting).is_some() && b.kind != Kind::Intervals {
                self.warnings
                    .push(format!("CadenceResting on <{}> ignored", b.name), b.span);
            }
            if b.kind == Kind::Intervals {
                self.intervals(b, evs, run, &mut lists, &mut steps)?;
            } else {
                self.interval(b, evs, run, &mut lists, &mut steps)?;
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

    fn length(&self, b: &Block<'_>, value: Option<f64>, what: &str) -> Result<Length, Error> {
        if let Some(m) = b.attrs.get(Field::Distance).filter(|_| what == "Duration") {
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

    fn metres(&self, b: &Block<'_>, m: f64) -> Result<Length, Error> {
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

    /// A steady or ramp step, added to `out` (and filled in there: an interval is a
    /// couple of hundred bytes, each move of it a copy).
    fn interval<'e>(
        &mut self,
        b: &'e Block<'_>,
        events: &'e [TextEvent<'_>],
        run: bool,
        lists: &mut Vec<Vec<Part<'e>>>,
        out: &mut Vec<Step>,
    ) -> Result<(), Error> {
        let a = &b.attrs;
        let length = self.length(b, a.get(Field::Duration), "Duration")?;
        out.push(Step::Interval(Interval {
            length,
            span: b.span,
            ..Interval::default()
        }));
        let Some(Step::Interval(i)) = out.last_mut() else {
            return Ok(());
        };
        let amount = percents(
            a.get(Field::PowerLow),
            a.get(Field::PowerHigh),
            a.get(Field::Power),
        );
        match b.kind {
            Kind::Warmup => i.warmup = true,
            Kind::Cooldown => i.cooldown = true,
            Kind::FreeRide => i.freeride = true,
            Kind::MaxEffort => i.maxeffort = true,
            _ => {}
        }
        i.ramp = matches!(b.kind, Kind::Warmup | Kind::Cooldown | Kind::Ramp)
            && matches!(amount, Some(Amount::Range { .. }));
        set_target(i, amount, a.get(Field::Zone), run);
        i.cadence = pair(a.get(Field::CadenceLow), a.get(Field::CadenceHigh))
            .or(a.get(Field::Cadence).map(Amount::Value));
        // Most blocks have neither `Text` nor text events: no prompts to gather.
        if a.text.is_some() || !events.is_empty() {
            if let Some(pieces) = prompt_lists(lists, 1).first_mut() {
                pieces.extend(head(a));
                pieces.extend(events.iter().map(piece));
                i.text = joined(pieces);
            }
        }
        Ok(())
    }

    /// An `IntervalsT` block.
    fn intervals<'e>(
        &mut self,
        b: &'e Block<'_>,
        events: &'e [TextEvent<'_>],
        run: bool,
        lists: &mut Vec<Vec<Part<'e>>>,
        out: &mut Vec<Step>,
    ) -> Result<(), Error> {
        let a = &b.attrs;
        let reps = match a.get(Field::Repeat) {
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
            length: self.length(b, a.get(Field::OnDuration), "OnDuration")?,
            span: b.span,
            ..Interval::default()
        };
        let mut off = Interval {
            length: self.length(b, a.get(Field::OffDuration), "OffDuration")?,
            span: b.span,
            ..Interval::default()
        };
        let on_amount = percents(
            a.get(Field::OnLow),
            a.get(Field::OnHigh),
            a.get(Field::OnPower),
        );
        let off_amount = percents(
            a.get(Field::OffLow),
            a.get(Field::OffHigh),
            a.get(Field::OffPower),
        );
        set_target(&mut on, on_amount, a.get(Field::OnZone), run);
        set_target(&mut off, off_amount, a.get(Field::OffZone), run);
        on.cadence = pair(a.get(Field::CadenceLow), a.get(Field::CadenceHigh))
            .or(a.get(Field::Cadence).map(Amount::Value));
        off.cadence = a.get(Field::CadenceResting).map(Amount::Value);

        let on_len = extent(on.length);
        let cycle = on_len + extent(off.length);
        let late = cycle > 0.0 && events.iter().any(|ev| ev.offset.round() >= cycle);
        let unroll = late && (reps as usize).saturating_mul(2) <= limits::MAX_STEPS;
        let copies = if unroll { reps as usize } else { 1 };
        // prompts[2k] for the k-th on step, prompts[2k+1] for the k-th off step.
        let prompts = prompt_lists(lists, 2 * copies);
        if let Some(first) = prompts.first_mut() {
            first.extend(head(a));
        }
        for ev in events {
            let mut at = ev.offset.round();
            let mut rep = 0.0;
            if cycle > 0.0 && at >= cycle {
                rep = (at / cycle).floor().min(copies as f64 - 1.0);
                at -= rep * cycle;
                if !unroll {
                    self.warnings.push(
                        format!(
                            "text event at {} in <{}> is past the first repetition: shown in every repetition",
                            ev.offset,
                            b.name
                        ),
                        b.span,
                    );
                }
            }
            let mut p = piece(ev);
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
        let mut texts = prompts.iter_mut().map(|pieces| joined(pieces));
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

/// A power amount in percent from fractions: `low`/`high` as a range (a value when they
/// are equal as percents, so ends that differ only below the rounding read as the value
/// they are written back as), else `value`.
fn percents(low: Option<f64>, high: Option<f64>, value: Option<f64>) -> Option<Amount> {
    pair(low.map(percent), high.map(percent)).or(value.map(|v| Amount::Value(percent(v))))
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

/// The reused prompt lists `lists`, at least `n` of them: the first `n`, emptied.
fn prompt_lists<'l, 'e>(lists: &'l mut Vec<Vec<Part<'e>>>, n: usize) -> &'l mut [Vec<Part<'e>>] {
    if lists.len() < n {
        lists.resize_with(n, Vec::new);
    }
    let lists = lists.get_mut(..n).unwrap_or_default();
    for list in lists.iter_mut() {
        list.clear();
    }
    lists
}

/// The prompt at 0 s a `Text` attribute gives, if any.
fn head(a: &Attrs) -> Option<Part<'_>> {
    let text = a.text.as_deref().filter(|t| !t.is_empty())?;
    Some(Part {
        offset: 0,
        duration: None,
        text,
    })
}

/// The prompt of a text event (its message borrowed).
fn piece<'e>(ev: &'e TextEvent<'_>) -> Part<'e> {
    Part {
        offset: clamp_u32(ev.offset),
        duration: ev.duration.map(clamp_u32),
        text: &ev.message,
    }
}

fn clamp_u32(v: f64) -> u32 {
    // `number` keeps values finite, non-negative and far below u32::MAX.
    v.round().min(f64::from(u32::MAX)) as u32
}

/// Prompts in time order joined into step text, in one allocation.
fn joined(pieces: &mut [Part<'_>]) -> Option<String> {
    if pieces.is_empty() {
        return None;
    }
    crate::order::sort_by_key(pieces, |p| p.offset.into());
    let text = crate::prompt::join_parts(pieces);
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_and_percents() {
        assert_eq!(pair(Some(0.5), Some(0.5)), Some(Amount::Value(0.5)));
        assert_eq!(
            pair(Some(0.6), Some(0.4)),
            Some(Amount::Range {
                start: 0.6,
                end: 0.4
            })
        );
        assert_eq!(pair(None, Some(0.7)), Some(Amount::Value(0.7)));
        assert_eq!(pair(None, None), None);
        assert_eq!(percent(0.85000002), 85.0);
        assert_eq!(percent(0.406), 40.6);
    }

    #[test]
    fn prompts_are_joined_in_time_order() {
        let p = |offset, text| Part {
            offset,
            duration: None,
            text,
        };
        assert_eq!(
            joined(&mut [p(60, "Later"), p(0, "First")]).as_deref(),
            Some("First 60^ Later")
        );
        assert_eq!(
            joined(&mut [p(0, "Text"), p(0, "Go")]).as_deref(),
            Some("Text 0^ Go")
        );
        assert_eq!(joined(&mut []), None);
    }
}
