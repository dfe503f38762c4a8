//! The FIT reader: `rustyfit` decodes the file as a stream of messages; this keeps the
//! workout's and turns its steps into the tree.

use super::{BPM_OFFSET, KINDS, POWER_WINDOWS, SPORTS, WATTS_OFFSET};
use crate::athlete::Athlete;
use crate::codec::Warnings;
use crate::error::{Error, ErrorKind};
use crate::limits;
use crate::model::{
    Amount, DistanceUnit, HrUnit, Interval, Length, Note, PaceUnit, Parsed, PowerUnit, Repeat,
    Smoothing, SportFamily, Step, Target, Workout,
};
use crate::span::{Position, Span};
use rustyfit::profile::mesgdef;
use rustyfit::profile::typedef::{File, MesgNum, WktStepDuration, WktStepTarget};
use rustyfit::proto::Message;
use rustyfit::{Decoder, DecoderError, DecoderEvent, StreamingIterator};
use std::cell::Cell;
use std::convert::Infallible;

pub(super) fn read(bytes: &[u8], athlete: &Athlete) -> Result<Parsed, Error> {
    if bytes.len() > limits::MAX_INPUT_BYTES {
        return Err(Error::at(
            ErrorKind::Limit {
                what: "input size in bytes",
                limit: limits::MAX_INPUT_BYTES as u64,
            },
            Span::new(limits::MAX_INPUT_BYTES, bytes.len()),
            Position::in_bytes(limits::MAX_INPUT_BYTES),
        ));
    }
    let at = Cell::new(0);
    let mut reader = Reader::new(athlete, bytes.len());
    let mut decoder = Decoder::builder().expand_components(false).build();
    let mut stream = decoder.stream(Counted {
        rest: bytes,
        at: &at,
    });
    let mut ended = false;
    loop {
        let start = at.get();
        let Some(event) = stream.next() else {
            break;
        };
        match event {
            Err(e) => return Err(decode_error(&e, start, at.get(), bytes)),
            Ok(DecoderEvent::Message(m)) => reader.message(m, Span::new(start, at.get()))?,
            Ok(DecoderEvent::Crc(_)) => {
                ended = true;
                break;
            }
            Ok(DecoderEvent::FileHeader(_) | DecoderEvent::MessageDefinition(_)) => {}
        }
    }
    if !ended {
        return Err(error(
            0,
            0,
            "empty file: expected a fit file header at byte 0".into(),
        ));
    }
    let end = at.get();
    if end < bytes.len() {
        let what = format!(
            "{} bytes after the end of the fit file at byte {end} left out",
            bytes.len() - end
        );
        reader.warn(what, Span::new(end, bytes.len()));
    }
    reader.finish()
}

/// The input as a reader that counts the bytes read, so that errors can name their offset.
struct Counted<'a> {
    rest: &'a [u8],
    at: &'a Cell<usize>,
}

impl embedded_io::ErrorType for Counted<'_> {
    type Error = Infallible;
}

impl embedded_io::Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Infallible> {
        let n = embedded_io::Read::read(&mut self.rest, buf)?;
        self.at.set(self.at.get() + n);
        Ok(n)
    }
}

/// An [`ErrorKind::Fit`] error about `len` bytes at `offset`.
fn error(offset: usize, len: usize, message: String) -> Error {
    Error::at(
        ErrorKind::Fit(message),
        Span::new(offset, offset + len),
        Position::in_bytes(offset),
    )
}

/// The decoder's error as ours, at the bytes it is about: the record read from `start`
/// to `end`.
fn decode_error(e: &DecoderError<Infallible>, start: usize, end: usize, bytes: &[u8]) -> Error {
    match e {
        DecoderError::NotFITFile => match bytes.first() {
            Some(12 | 14) => {
                let found = String::from_utf8_lossy(bytes.get(8..12).unwrap_or_default());
                error(8, 4, format!("expected \".FIT\" at byte 8, found {found:?}"))
            }
            first => error(
                0,
                1,
                format!(
                    "expected a fit file header at byte 0 (its size, 12 or 14), found {}",
                    first.copied().unwrap_or_default()
                ),
            ),
        },
        DecoderError::UnexpectedEof => error(
            bytes.len(),
            0,
            format!(
                "the file ends at byte {}: expected the rest of the record from byte {start}",
                bytes.len()
            ),
        ),
        DecoderError::ChecksumMismatch { found, calculated } => {
            let at = end.saturating_sub(2);
            error(
                at,
                2,
                format!("expected crc 0x{calculated:04x} at byte {at}, found 0x{found:04x}"),
            )
        }
        DecoderError::MissingMessageDefinition { local_mesg_num } => error(
            start,
            1,
            format!(
                "expected a definition of local message {local_mesg_num} before its data at byte {start}"
            ),
        ),
        DecoderError::Io { err } => match *err {},
    }
}

/// A FIT step, read.
enum Raw {
    Interval(Interval),
    /// Repeat the steps from the FIT step numbered `from`.
    Repeat {
        from: usize,
        reps: u32,
        text: Option<String>,
    },
}

/// A top-level step read so far, with the FIT step number it starts at.
struct Item {
    first: usize,
    step: Step,
}

struct Reader<'a> {
    athlete: &'a Athlete,
    workout: Workout,
    workouts: usize,
    steps: Vec<(mesgdef::WorkoutStep, Span)>,
    /// Messages left out: kind, how many, where the first was.
    left_out: Vec<(MesgNum, usize, Span)>,
    warnings: Warnings<'static>,
}

impl<'a> Reader<'a> {
    fn new(athlete: &'a Athlete, len: usize) -> Self {
        Reader {
            athlete,
            workout: Workout::default(),
            workouts: 0,
            steps: Vec::new(),
            left_out: Vec::new(),
            warnings: Warnings::binary(len),
        }
    }

    fn warn(&mut self, message: String, span: Span) {
        self.warnings.push(message, span);
    }

    fn message(&mut self, m: &Message, span: Span) -> Result<(), Error> {
        match m.num {
            MesgNum::FILE_ID => {
                let file = mesgdef::FileId::from(m).r#type;
                if file != File::WORKOUT {
                    return Err(error(
                        span.start,
                        span.len(),
                        format!(
                            "expected a workout file (file_id type 5) at byte {}, found {file}",
                            span.start
                        ),
                    ));
                }
            }
            MesgNum::WORKOUT => self.workout_message(m, span),
            MesgNum::WORKOUT_STEP => {
                if self.steps.len() >= limits::MAX_STEPS {
                    return Err(Error::at(
                        ErrorKind::Limit {
                            what: "number of fit workout steps",
                            limit: limits::MAX_STEPS as u64,
                        },
                        span,
                        Position::in_bytes(span.start),
                    ));
                }
                self.steps.push((mesgdef::WorkoutStep::from(m), span));
            }
            num => match self.left_out.iter_mut().find(|(n, _, _)| *n == num) {
                Some(entry) => entry.1 += 1,
                None => self.left_out.push((num, 1, span)),
            },
        }
        Ok(())
    }

    fn workout_message(&mut self, m: &Message, span: Span) {
        self.workouts += 1;
        if self.workouts > 1 {
            self.warn("second workout message left out".into(), span);
            return;
        }
        let w = mesgdef::Workout::from(m);
        let text = |s: Box<str>| (!s.is_empty()).then(|| s.into_string());
        self.workout.name = text(w.wkt_name);
        if let Some(description) = text(w.wkt_description) {
            self.workout.notes.push(Note {
                before: 0,
                text: description,
            });
        }
        self.workout.sport = SPORTS
            .iter()
            .find(|(_, code)| *code == w.sport.0)
            .map(|&(sport, _)| sport);
        if self.workout.sport.is_none() && w.sport.0 != 0 && w.sport.0 != u8::MAX {
            self.warn(format!("sport {} left out", w.sport), span);
        }
    }

    fn finish(mut self) -> Result<Parsed, Error> {
        if self.workouts == 0 && self.steps.is_empty() {
            return Err(error(
                0,
                0,
                "no workout in the fit file: expected workout and workout_step messages".into(),
            ));
        }
        for (num, count, span) in std::mem::take(&mut self.left_out) {
            let s = if count == 1 { "" } else { "s" };
            self.warn(
                format!("{count} {num} message{s} left out: not part of a workout"),
                span,
            );
        }
        let mut items: Vec<Item> = Vec::new();
        let mut intervals = 0usize;
        for (n, (step, span)) in std::mem::take(&mut self.steps).into_iter().enumerate() {
            match self.step(step, span)? {
                Raw::Interval(i) => {
                    intervals += 1;
                    items.push(Item {
                        first: n,
                        step: Step::Interval(i),
                    });
                }
                Raw::Repeat { from, reps, text } => {
                    self.repeat(&mut items, &mut intervals, n, from, reps, text, span)?;
                }
            }
        }
        self.workout.steps = items.into_iter().map(|item| item.step).collect();
        Ok(Parsed {
            workout: self.workout,
            warnings: self.warnings.finish(),
            thresholds: Default::default(),
        })
    }

    /// Closes a repeat block at FIT step `n`: the items from FIT step `from` on become its
    /// steps (written out `reps` times when they hold a repeat: the tree does not nest).
    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &mut self,
        items: &mut Vec<Item>,
        intervals: &mut usize,
        n: usize,
        from: usize,
        reps: u32,
        text: Option<String>,
        span: Span,
    ) -> Result<(), Error> {
        let at = items.partition_point(|item| item.first < from);
        if from >= n || items.get(at).map(|item| item.first) != Some(from) {
            return Err(error(
                span.start,
                span.len(),
                format!(
                    "repeat step {n} at byte {} repeats from step {from}: expected an earlier step that starts a step or block",
                    span.start
                ),
            ));
        }
        let children = items.split_off(at);
        let start = children.first().map_or(span.start, |c| c.step.span().start);
        let span = Span::new(start, span.end);
        let mut steps = Vec::with_capacity(children.len());
        for child in &children {
            if let Step::Interval(i) = &child.step {
                steps.push(i.clone());
            }
        }
        if steps.len() == children.len() {
            items.push(Item {
                first: from,
                step: Step::Repeat(Repeat {
                    reps,
                    text: text.unwrap_or_else(|| format!("{reps}x")),
                    steps,
                    span,
                }),
            });
            return Ok(());
        }
        self.warn(
            "nested repeat written out: the step tree has no nested repeats".into(),
            span,
        );
        let inside: usize = children
            .iter()
            .map(|c| match &c.step {
                Step::Interval(_) => 1,
                Step::Repeat(r) => r.steps.len(),
            })
            .sum();
        let more = (reps as usize).saturating_sub(1).saturating_mul(inside);
        *intervals = intervals.saturating_add(more);
        if *intervals > limits::MAX_STEPS {
            return Err(Error::at(
                ErrorKind::Limit {
                    what: "number of intervals written out",
                    limit: limits::MAX_STEPS as u64,
                },
                span,
                Position::in_bytes(span.start),
            ));
        }
        for _ in 0..reps {
            for child in &children {
                items.push(Item {
                    first: from,
                    step: child.step.clone(),
                });
            }
        }
        Ok(())
    }

    /// One FIT step as an interval or the end of a repeat block.
    fn step(&mut self, s: mesgdef::WorkoutStep, span: Span) -> Result<Raw, Error> {
        let limit = |what, limit: u64| {
            Error::at(
                ErrorKind::Limit { what, limit },
                span,
                Position::in_bytes(span.start),
            )
        };
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let mut i = Interval {
            span,
            ..Interval::default()
        };
        let (duration, value) = (s.duration_type, s.duration_value);
        match duration {
            WktStepDuration::TIME if value != u32::MAX => {
                let secs = u32::try_from((u64::from(value) + 500) / 1000).unwrap_or(u32::MAX);
                if secs > limits::MAX_STEP_SECONDS {
                    return Err(limit(
                        "step length in seconds",
                        u64::from(limits::MAX_STEP_SECONDS),
                    ));
                }
                i.length = Length::Time(secs);
            }
            WktStepDuration::DISTANCE if value != u32::MAX => {
                let metres = f64::from(value) / 100.0;
                if metres > limits::MAX_STEP_METRES {
                    return Err(limit(
                        "step distance in metres",
                        limits::MAX_STEP_METRES as u64,
                    ));
                }
                i.length = if value > 0 && value % 100_000 == 0 {
                    Length::Distance {
                        value: metres / 1000.0,
                        unit: DistanceUnit::Kilometre,
                    }
                } else {
                    Length::Distance {
                        value: metres,
                        unit: DistanceUnit::Metre,
                    }
                };
            }
            WktStepDuration::OPEN => i.until_lap_press = true,
            WktStepDuration::REPEAT_UNTIL_STEPS_CMPLT => {
                let reps = s.target_value;
                if reps == 0 || reps == u32::MAX {
                    return Err(error(
                        span.start,
                        span.len(),
                        format!(
                            "expected a repeat count of at least 1 in the repeat step at byte {}",
                            span.start
                        ),
                    ));
                }
                if reps > limits::MAX_REPEATS {
                    return Err(limit("repeat count", u64::from(limits::MAX_REPEATS)));
                }
                return Ok(Raw::Repeat {
                    from: value as usize,
                    reps,
                    text: text(&s.notes).or_else(|| text(&s.wkt_step_name)),
                });
            }
            d if is_repeat(d) => {
                self.warn(format!("{d} read as one pass"), span);
                return Ok(Raw::Repeat {
                    from: value as usize,
                    reps: 1,
                    text: text(&s.notes).or_else(|| text(&s.wkt_step_name)),
                });
            }
            d => {
                self.warn(format!("duration {d} read as press lap"), span);
                i.until_lap_press = true;
            }
        }
        i.text = text(&s.notes);
        if let Some(name) = text(&s.wkt_step_name) {
            if i.text.is_none() {
                i.text = Some(name);
            } else if i.text.as_deref() != Some(&name) {
                self.warn(
                    format!("step name {name:?} left out: the step text is its notes"),
                    span,
                );
            }
        }
        match s.intensity.0 {
            u8::MAX => {}
            2 => i.warmup = true,
            3 => i.cooldown = true,
            code => match KINDS.iter().find(|(_, c)| *c == code) {
                Some(&(kind, _)) => i.intensity = Some(kind),
                None => self.warn(format!("intensity {} left out", s.intensity), span),
            },
        }
        let slots = [
            (
                s.target_type,
                s.target_value,
                s.custom_target_value_low,
                s.custom_target_value_high,
            ),
            (
                s.secondary_target_type,
                s.secondary_target_value,
                s.secondary_custom_target_value_low,
                s.secondary_custom_target_value_high,
            ),
        ];
        for (kind, zone, low, high) in slots {
            self.target(&mut i, kind, zone, (low, high));
        }
        let numbers = [
            i.power.as_ref().map(|t| t.amount),
            i.hr.as_ref().map(|t| t.amount),
            i.pace.as_ref().map(|t| t.amount),
            i.cadence,
        ];
        if numbers
            .iter()
            .flatten()
            .any(|a| a.bounds().1.max(a.bounds().0) > limits::MAX_TARGET_VALUE)
        {
            return Err(limit("target value", limits::MAX_TARGET_VALUE as u64));
        }
        let mut fields = Vec::new();
        for (present, name) in [
            (s.equipment.0 != u8::MAX, "equipment"),
            (s.exercise_category.0 != u16::MAX, "exercise_category"),
            (s.exercise_name != u16::MAX, "exercise_name"),
            (s.exercise_weight != u16::MAX, "exercise_weight"),
            (s.weight_display_unit.0 != u16::MAX, "weight_display_unit"),
            (!s.unknown_fields.is_empty(), "unknown fields"),
            (!s.developer_fields.is_empty(), "developer fields"),
        ] {
            if present {
                fields.push(name);
            }
        }
        if !fields.is_empty() {
            self.warn(format!("step {} left out", fields.join(", ")), span);
        }
        Ok(Raw::Interval(i))
    }

    /// Reads one target slot into `i`.
    fn target(
        &mut self,
        i: &mut Interval,
        kind: WktStepTarget,
        zone: u32,
        (low, high): (u32, u32),
    ) {
        let span = i.span;
        let zone = (zone != 0 && zone != u32::MAX).then_some(f64::from(zone));
        let range = match (low, high) {
            (u32::MAX, u32::MAX) => None,
            (u32::MAX, v) | (v, u32::MAX) => Some((v, v)),
            pair => Some(pair),
        };
        let power = POWER_WINDOWS
            .iter()
            .find(|(_, code)| *code == kind.0)
            .map(|&(window, _)| Some(window))
            .or((kind == WktStepTarget::POWER).then_some(None));
        let target = if let Some(smoothing) = power {
            self.power(zone, range, span)
                .map(|t| Decoded::Power(Target { smoothing, ..t }))
        } else if kind == WktStepTarget::HEART_RATE || kind == WktStepTarget::HEART_RATE_LAP {
            let smoothing = (kind == WktStepTarget::HEART_RATE_LAP).then_some(Smoothing::Lap);
            self.heart_rate(zone, range, span)
                .map(|t| Decoded::HeartRate(Target { smoothing, ..t }))
        } else if kind == WktStepTarget::SPEED || kind == WktStepTarget::SPEED_LAP {
            let smoothing = (kind == WktStepTarget::SPEED_LAP).then_some(Smoothing::Lap);
            self.speed(zone, range, span)
                .map(|t| Decoded::Pace(Target { smoothing, ..t }))
        } else if kind == WktStepTarget::CADENCE {
            if zone.is_some() {
                self.warn("cadence zone left out: the step tree has none".into(), span);
            }
            range.map(|(low, high)| Decoded::Cadence(amount(f64::from(low), f64::from(high))))
        } else {
            if kind != WktStepTarget::OPEN && kind.0 != u8::MAX {
                self.warn(format!("{kind} target left out"), span);
            }
            None
        };
        let taken = match target {
            None => false,
            Some(Decoded::Power(t)) => i.power.replace(t).is_some(),
            Some(Decoded::HeartRate(t)) => i.hr.replace(t).is_some(),
            Some(Decoded::Pace(t)) => i.pace.replace(t).is_some(),
            Some(Decoded::Cadence(a)) => i.cadence.replace(a).is_some(),
        };
        if taken {
            self.warn(format!("first of two {kind} targets left out"), span);
        }
    }

    fn power(
        &mut self,
        zone: Option<f64>,
        range: Option<(u32, u32)>,
        span: Span,
    ) -> Option<Target<PowerUnit>> {
        if let Some(z) = zone {
            return Some(Target::new(PowerUnit::Zone, Amount::Value(z)));
        }
        let (low, high) = range?;
        match (low > WATTS_OFFSET, high > WATTS_OFFSET) {
            (true, true) => Some(Target::new(
                PowerUnit::Watts,
                amount(
                    f64::from(low - WATTS_OFFSET),
                    f64::from(high - WATTS_OFFSET),
                ),
            )),
            (false, false) => Some(Target::new(
                PowerUnit::PercentFtp,
                amount(f64::from(low), f64::from(high)),
            )),
            _ => {
                self.warn(
                    format!(
                        "power target {low}-{high} left out: one end in % of ftp, one in watts"
                    ),
                    span,
                );
                None
            }
        }
    }

    fn heart_rate(
        &mut self,
        zone: Option<f64>,
        range: Option<(u32, u32)>,
        span: Span,
    ) -> Option<Target<HrUnit>> {
        if let Some(z) = zone {
            return Some(Target::new(HrUnit::Zone, Amount::Value(z)));
        }
        let (low, high) = range?;
        match (low > BPM_OFFSET, high > BPM_OFFSET) {
            (true, true) => {
                let (low, high) = (low - BPM_OFFSET, high - BPM_OFFSET);
                let Some(max) = self.athlete.max_hr.filter(|m| m.is_finite() && *m > 0.0) else {
                    self.warn(
                        format!("heart-rate target {low}-{high} bpm left out: the step tree holds % of max hr, and the athlete's max hr is not given"),
                        span,
                    );
                    return None;
                };
                let percent = |bpm: u32| (f64::from(bpm) * 100.0 / max * 100.0).round() / 100.0;
                Some(Target::new(
                    HrUnit::PercentMax,
                    amount(percent(low), percent(high)),
                ))
            }
            (false, false) => Some(Target::new(
                HrUnit::PercentMax,
                amount(f64::from(low), f64::from(high)),
            )),
            _ => {
                self.warn(format!("heart-rate target {low}-{high} left out: one end in % of max hr, one in bpm"), span);
                None
            }
        }
    }

    fn speed(
        &mut self,
        zone: Option<f64>,
        range: Option<(u32, u32)>,
        span: Span,
    ) -> Option<Target<PaceUnit>> {
        if let Some(z) = zone {
            return Some(Target::new(PaceUnit::Zone, Amount::Value(z)));
        }
        let (low, high) = range?;
        if low == 0 || high == 0 {
            self.warn("pace target left out: a speed of 0".into(), span);
            return None;
        }
        // Of the sports FIT names (`SPORTS`), only Swim is of the swim family.
        let length = SportFamily::of(self.workout.sport).bare_pace_length();
        // Seconds per length at `mm` millimetres per second.
        let secs = |mm: u32| (length.metres() * 1000.0 / f64::from(mm)).round();
        if secs(low.min(high)) > limits::MAX_TARGET_VALUE {
            // A crawl (a few mm/s) is a valid FIT speed but no pace the tree holds.
            let slowest = low.min(high);
            self.warn(
                format!("pace target left out: a speed of {slowest} mm/s is slower than any pace the step tree holds"),
                span,
            );
            return None;
        }
        Some(Target::new(
            PaceUnit::Absolute(Some(length)),
            amount(secs(low), secs(high)),
        ))
    }
}

/// A target read from one slot.
enum Decoded {
    Power(Target<PowerUnit>),
    HeartRate(Target<HrUnit>),
    Pace(Target<PaceUnit>),
    Cadence(Amount),
}

/// One value when the ends are equal, else a range.
fn amount(low: f64, high: f64) -> Amount {
    if low == high {
        Amount::Value(low)
    } else {
        Amount::Range {
            start: low,
            end: high,
        }
    }
}

/// The `repeat_until_*` duration kinds other than `repeat_until_steps_cmplt`.
fn is_repeat(d: WktStepDuration) -> bool {
    matches!(d.0, 7..=13 | 17 | 18 | 27)
}
