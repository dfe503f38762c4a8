//! The FIT writer: the step tree as `rustyfit` messages, which `rustyfit` encodes.

use super::{
    Options, Spread, BPM_OFFSET, DEVICE_STEPS, KINDS, MAX_FIT_STEPS, MAX_STRING_BYTES,
    POWER_WINDOWS, SPORTS, WATTS_OFFSET,
};
use crate::athlete::{Athlete, Resolved};
use crate::codec::{field, Losses, Written};
use crate::error::{Error, ErrorKind};
use crate::model::{
    Amount, HrUnit, Interval, Length, PaceUnit, PowerUnit, Repeat, Smoothing, SportFamily, Step,
    Target, Workout,
};
use crate::span::Span;
use embedded_io::SeekFrom;
use rustyfit::profile::mesgdef;
use rustyfit::profile::typedef::{
    DateTime, File, Intensity, Manufacturer, MessageIndex, Sport, WktStepDuration, WktStepTarget,
};
use rustyfit::proto::{Message, ProtocolVersion, Value, FIT};
use rustyfit::{Encoder, EncoderError};
use std::convert::Infallible;

pub(super) fn write(
    w: &Workout,
    athlete: &Athlete,
    options: &Options,
) -> Result<Written<Vec<u8>>, Error> {
    let mut out = Out {
        athlete,
        spread: options.spread,
        losses: Losses::default(),
        steps: Vec::with_capacity(w.steps.len() + 4),
        step: 0,
    };
    out.losses
        .fields(w, field::NAME | field::SPORT, "a fit workout");
    out.losses.notes_past_description(w, "a fit workout");
    for step in &w.steps {
        out.step += 1;
        match step {
            Step::Interval(i) => {
                let s = out.interval(i)?;
                out.push(s, i.span)?;
            }
            Step::Repeat(r) => out.repeat(r)?,
        }
    }
    // What follows is about the workout as a whole, not a step.
    out.step = 0;
    if out.steps.len() > DEVICE_STEPS {
        let what = format!(
            "{} fit steps: garmin edge devices accept about {DEVICE_STEPS}",
            out.steps.len()
        );
        out.losses.add(&what, 0, Span::default());
    }

    let mut workout = mesgdef::Workout::new();
    workout.sport = Sport(w.sport.or(athlete.sport).map_or(0, sport_code));
    // At most MAX_FIT_STEPS, checked as each step was added.
    workout.num_valid_steps = u16::try_from(out.steps.len()).unwrap_or(u16::MAX);
    workout.wkt_name = out.string(w.name.as_deref(), "name", Span::default());
    workout.wkt_description = out.string(w.description(), "description", Span::default());

    let mut file_id = mesgdef::FileId::new();
    file_id.r#type = File::WORKOUT;
    file_id.manufacturer = Manufacturer::DEVELOPMENT;
    file_id.product = 0;
    file_id.product_name = "workout-doc".into();
    file_id.serial_number = 1;
    if let Some(secs) = options.created {
        file_id.time_created = DateTime::from_unix_timestamp(secs);
    }

    // The serial number is made from the file's contents: type, manufacturer, product and
    // serial together name a workout file uniquely, and the same workout gives the same file.
    let mut fit = FIT {
        messages: Vec::with_capacity(out.steps.len() + 2),
        ..FIT::default()
    };
    fit.messages.push(Message::from(file_id));
    fit.messages.push(Message::from(workout));
    fit.messages
        .extend(out.steps.into_iter().map(Message::from));
    let serial = fnv1a(&encode(&mut fit)?).max(1);
    let serial_field = fit.messages.first_mut().and_then(|m| {
        m.fields
            .iter_mut()
            .find(|f| f.num == mesgdef::FileId::SERIAL_NUMBER)
    });
    if let Some(field) = serial_field {
        field.value = Value::Uint32(serial);
    }
    Ok(Written {
        file: encode(&mut fit)?,
        warnings: out.losses.finish(),
    })
}

/// The file's bytes.
fn encode(fit: &mut FIT) -> Result<Vec<u8>, Error> {
    let mut sink = Sink::default();
    Encoder::builder()
        .protocol_version(ProtocolVersion::V2)
        .build()
        .encode(&mut sink, fit)
        .map_err(|e| {
            // Strings are cut to FIT's size and every value is of its field's type, so the
            // encoder's checks pass; a failure is a bug, reported rather than hidden. Named
            // by its message, not by the encoder's own text: that text's formatting is
            // 0.55 KB of the gzipped `.wasm`.
            let what = match e {
                EncoderError::Io { err } => match err {},
                EncoderError::EmptyMessages => "no messages".to_owned(),
                EncoderError::MessageValidation { mesg_index, .. } => {
                    format!("fit message {mesg_index} is not valid")
                }
            };
            Error::new(
                ErrorKind::Fit(format!("cannot encode the workout: {what}")),
                Span::default(),
                "",
            )
        })?;
    Ok(sink.bytes)
}

/// The file as the encoder writes it: bytes, and where the next write goes (the encoder
/// seeks back to fill in the header's size). Writing to memory cannot fail. Written here
/// rather than std's `Cursor` through `embedded-io-adapters`, whose `std::io` errors cost
/// 0.64 KB of the gzipped `.wasm` (1.9 KB raw).
#[derive(Default)]
struct Sink {
    bytes: Vec<u8>,
    at: usize,
}

impl embedded_io::ErrorType for Sink {
    type Error = Infallible;
}

impl embedded_io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> Result<usize, Infallible> {
        let end = self.at.saturating_add(buf.len());
        if self.bytes.len() < end {
            self.bytes.resize(end, 0);
        }
        if let Some(to) = self.bytes.get_mut(self.at..end) {
            to.copy_from_slice(buf);
        }
        self.at = end;
        Ok(buf.len())
    }

    fn flush(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
}

impl embedded_io::Seek for Sink {
    /// Positions before the start are the start.
    fn seek(&mut self, to: SeekFrom) -> Result<u64, Infallible> {
        let (base, by) = match to {
            SeekFrom::Start(at) => (0, i64::try_from(at).unwrap_or(i64::MAX)),
            SeekFrom::End(by) => (self.bytes.len(), by),
            SeekFrom::Current(by) => (self.at, by),
        };
        let at = i64::try_from(base).unwrap_or(i64::MAX).saturating_add(by);
        self.at = usize::try_from(at.max(0)).unwrap_or(usize::MAX);
        Ok(self.at as u64)
    }
}

/// 32-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h: u32, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// What a target becomes in one of a step's two FIT target slots.
#[derive(Debug, Clone, Copy)]
struct Slot {
    kind: WktStepTarget,
    /// The zone number, or 0 for a custom range.
    zone: u32,
    low: u32,
    high: u32,
}

/// The kinds of targets, for names in warnings and how a single value is widened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Power in watts (`Spread::Watts` applies).
    Watts,
    /// Power as % of FTP.
    PercentFtp,
    HeartRate,
    Speed,
    Cadence,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Watts | Kind::PercentFtp => "power",
            Kind::HeartRate => "heart-rate",
            Kind::Speed => "pace",
            Kind::Cadence => "cadence",
        }
    }
}

struct Out<'a> {
    athlete: &'a Athlete,
    spread: Spread,
    losses: Losses,
    steps: Vec<mesgdef::WorkoutStep>,
    /// 1-based top-level step being written.
    step: usize,
}

impl Out<'_> {
    fn lose(&mut self, what: &str, span: Span) {
        self.losses.add(what, self.step, span);
    }

    /// Adds a FIT step, numbering it.
    fn push(&mut self, mut s: mesgdef::WorkoutStep, span: Span) -> Result<(), Error> {
        let index = self.steps.len();
        if index >= MAX_FIT_STEPS {
            return Err(Error::limit(
                "number of fit workout steps",
                MAX_FIT_STEPS as u64,
                span,
                "",
            ));
        }
        // Below MAX_FIT_STEPS (4096): fits in u16.
        s.message_index = MessageIndex(u16::try_from(index).unwrap_or(u16::MAX));
        self.steps.push(s);
        Ok(())
    }

    /// `s` as a FIT string: cut at a character boundary to FIT's size, and at a zero byte
    /// (which ends a FIT string), with a warning when cut.
    fn string(&mut self, s: Option<&str>, what: &str, span: Span) -> Box<str> {
        let Some(s) = s else {
            return Box::from("");
        };
        let mut end = s.find('\0').unwrap_or(s.len()).min(MAX_STRING_BYTES);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        if end < s.len() {
            let message = format!("{what} cut to {end} bytes: fit strings hold {MAX_STRING_BYTES}");
            self.lose(&message, span);
        }
        Box::from(s.get(..end).unwrap_or_default())
    }

    fn repeat(&mut self, r: &Repeat) -> Result<(), Error> {
        if r.steps.is_empty() {
            self.lose("empty repeat block left out", r.span);
            return Ok(());
        }
        let first = self.steps.len();
        for i in &r.steps {
            let s = self.interval(i)?;
            self.push(s, i.span)?;
        }
        let mut s = mesgdef::WorkoutStep::new();
        s.duration_type = WktStepDuration::REPEAT_UNTIL_STEPS_CMPLT;
        // Below MAX_FIT_STEPS: fits in u32.
        s.duration_value = u32::try_from(first).unwrap_or(u32::MAX);
        s.target_value = r.reps;
        if r.text != format!("{}x", r.reps) {
            s.notes = self.string(Some(&r.text), "repeat header", r.span);
        }
        self.push(s, r.span)
    }

    fn interval(&mut self, i: &Interval) -> Result<mesgdef::WorkoutStep, Error> {
        let mut s = mesgdef::WorkoutStep::new();
        self.length(&mut s, i)?;
        s.notes = self.string(i.text.as_deref(), "step text", i.span);
        s.intensity = match i.intensity {
            Some(kind) => {
                if i.warmup || i.cooldown {
                    self.lose(
                        "warm-up or cool-down flag left out: the step type is set",
                        i.span,
                    );
                }
                KINDS
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .map_or(Intensity(u8::MAX), |&(_, code)| Intensity(code))
            }
            None if i.warmup => Intensity::WARMUP,
            None if i.cooldown => Intensity::COOLDOWN,
            None => Intensity(u8::MAX),
        };
        for (on, what) in [
            (i.ramp, "ramp written as a range: fit has no ramps"),
            (i.freeride, "free ride left out: fit has none"),
            (i.maxeffort, "max effort left out: fit has none"),
            (i.hidepower, "hidepower left out: fit has none"),
        ] {
            if on {
                self.lose(what, i.span);
            }
        }
        self.targets(&mut s, i);
        Ok(s)
    }

    fn length(&mut self, s: &mut mesgdef::WorkoutStep, i: &Interval) -> Result<(), Error> {
        if i.until_lap_press {
            if i.length != Length::Time(0) {
                self.lose("length left out: a press-lap step is open in fit", i.span);
            }
            s.duration_type = WktStepDuration::OPEN;
            return Ok(());
        }
        let limit = |what, limit: u64| Error::limit(what, limit, i.span, "");
        match i.length {
            Length::Time(secs) => {
                s.duration_type = WktStepDuration::TIME;
                s.duration_value = secs.checked_mul(1000).ok_or_else(|| {
                    limit("step length in seconds for fit", u64::from(u32::MAX / 1000))
                })?;
            }
            Length::Distance { .. } => {
                let cm = i.length.metres().unwrap_or_default() * 100.0;
                s.duration_type = WktStepDuration::DISTANCE;
                s.duration_value = whole(cm).ok_or_else(|| {
                    limit("step distance in metres for fit", u64::from(u32::MAX / 100))
                })?;
            }
        }
        Ok(())
    }

    /// The step's targets in its two slots: the first of power, heart rate and pace, and
    /// beside it cadence, else the next of them.
    fn targets(&mut self, s: &mut mesgdef::WorkoutStep, i: &Interval) {
        let mut slots: Vec<(Kind, Slot)> = Vec::with_capacity(4);
        if let Some(t) = &i.power {
            slots.extend(self.power(t, i));
        }
        if let Some(t) = &i.hr {
            slots.extend(self.heart_rate(t, i));
        }
        if let Some(t) = &i.pace {
            slots.extend(self.pace(t, i));
        }
        if let Some(a) = i.cadence {
            let range = self.widen(a, Kind::Cadence, i.span);
            slots.extend(self.range(WktStepTarget::CADENCE, range, 0, Kind::Cadence, i.span));
        }
        let secondary = match slots.iter().position(|(k, _)| *k == Kind::Cadence) {
            Some(c) if c > 0 => c,
            _ => 1,
        };
        for (n, (kind, slot)) in slots.into_iter().enumerate() {
            if n == 0 {
                s.target_type = slot.kind;
                s.target_value = slot.zone;
                s.custom_target_value_low = slot.low;
                s.custom_target_value_high = slot.high;
            } else if n == secondary {
                s.secondary_target_type = slot.kind;
                s.secondary_target_value = slot.zone;
                s.secondary_custom_target_value_low = slot.low;
                s.secondary_custom_target_value_high = slot.high;
            } else {
                let what = format!("{} target left out: a fit step holds two", kind.name());
                self.lose(&what, i.span);
            }
        }
        if s.target_type.0 == u8::MAX {
            s.target_type = WktStepTarget::OPEN;
        }
    }

    fn power(&mut self, t: &Target<PowerUnit>, i: &Interval) -> Option<(Kind, Slot)> {
        let kind = match t.smoothing {
            Some(window) => match POWER_WINDOWS.iter().find(|(w, _)| *w == window) {
                Some(&(_, code)) => WktStepTarget(code),
                None => {
                    self.lose("1 s power smoothing left out: fit has none", i.span);
                    WktStepTarget::POWER
                }
            },
            None => WktStepTarget::POWER,
        };
        match self.athlete.resolve_power(t) {
            Some(watts) => {
                let range = self.resolved(watts, Kind::Watts, i);
                self.range(kind, range, WATTS_OFFSET, Kind::Watts, i.span)
            }
            None if t.units == PowerUnit::Zone => self.zone(kind, t.amount, Kind::Watts, i.span),
            None => {
                let range = self.widen(t.amount, Kind::PercentFtp, i.span);
                let range = self.capped(range, WATTS_OFFSET, "power above 1000% of ftp", i.span);
                self.range(kind, range, 0, Kind::PercentFtp, i.span)
            }
        }
    }

    fn heart_rate(&mut self, t: &Target<HrUnit>, i: &Interval) -> Option<(Kind, Slot)> {
        let kind = match t.smoothing {
            Some(Smoothing::Lap) => WktStepTarget::HEART_RATE_LAP,
            Some(_) => {
                self.lose("heart-rate smoothing left out: fit has lap only", i.span);
                WktStepTarget::HEART_RATE
            }
            None => WktStepTarget::HEART_RATE,
        };
        match self.athlete.resolve_hr(t) {
            Some(bpm) => {
                let range = self.resolved(bpm, Kind::HeartRate, i);
                self.range(kind, range, BPM_OFFSET, Kind::HeartRate, i.span)
            }
            None => match t.units {
                HrUnit::Zone => self.zone(kind, t.amount, Kind::HeartRate, i.span),
                HrUnit::PercentMax => {
                    let range = self.widen(t.amount, Kind::HeartRate, i.span);
                    let range =
                        self.capped(range, BPM_OFFSET, "heart rate above 100% of max", i.span);
                    self.range(kind, range, 0, Kind::HeartRate, i.span)
                }
                _ => {
                    self.lose(
                        "heart-rate target left out: fit holds bpm or % of max hr, and % of lthr needs the athlete's lthr",
                        i.span,
                    );
                    None
                }
            },
        }
    }

    fn pace(&mut self, t: &Target<PaceUnit>, i: &Interval) -> Option<(Kind, Slot)> {
        let kind = match t.smoothing {
            Some(Smoothing::Lap) => WktStepTarget::SPEED_LAP,
            Some(_) => {
                self.lose("pace smoothing left out: fit has lap only", i.span);
                WktStepTarget::SPEED
            }
            None => WktStepTarget::SPEED,
        };
        match self.athlete.resolve_pace(t) {
            Some(speed) => {
                let (low, high) = self.resolved(speed, Kind::Speed, i);
                self.range(kind, (low * 1000.0, high * 1000.0), 0, Kind::Speed, i.span)
            }
            None if t.units == PaceUnit::Zone => self.zone(kind, t.amount, Kind::Speed, i.span),
            None => {
                self.lose(
                    "pace target left out: fit holds speeds, and % of threshold pace needs the athlete's threshold",
                    i.span,
                );
                None
            }
        }
    }

    /// A target resolved to absolute units as a low–high pair: zones as their band, ranges
    /// (and ramps) in order, single values widened.
    fn resolved(&mut self, r: Resolved, kind: Kind, i: &Interval) -> (f64, f64) {
        match r {
            Resolved::Value(v) => self.widen(Amount::Value(v), kind, i.span),
            Resolved::Range(a, b) => (a.min(b), a.max(b)),
            Resolved::Zone(band) => (band.min, band.max),
        }
    }

    /// A single value widened by the spread; a range (or ramp) in order.
    fn widen(&mut self, a: Amount, kind: Kind, span: Span) -> (f64, f64) {
        let v = match a {
            Amount::Value(v) => v,
            Amount::Range { start, end } => return (start.min(end), start.max(end)),
        };
        let percent = match (self.spread, kind) {
            (Spread::Watts(w), Kind::Watts) => return (v - w, v + w),
            (Spread::Watts(w), Kind::PercentFtp) => {
                let what = format!(
                    "range of ±{w} w written as ±{}: no ftp turns watts into % of ftp",
                    Spread::DEFAULT
                );
                self.lose(&what, span);
                default_percent()
            }
            (Spread::Watts(_), _) => default_percent(),
            (Spread::Percent(p), _) => p,
        };
        let d = v.abs() * percent / 100.0;
        (v - d, v + d)
    }

    /// `range` with its ends at most `max`, with a warning when cut.
    fn capped(&mut self, (low, high): (f64, f64), max: u32, what: &str, span: Span) -> (f64, f64) {
        let max = f64::from(max);
        if high > max {
            let message = format!("{what} written as {max}");
            self.lose(&message, span);
        }
        (low.min(max), high.min(max))
    }

    /// A custom range slot: `low`–`high` rounded to whole units after adding `offset`.
    /// Absolute numbers (a non-zero `offset`) stay above it, where FIT's relative ones end.
    fn range(
        &mut self,
        kind: WktStepTarget,
        (low, high): (f64, f64),
        offset: u32,
        what: Kind,
        span: Span,
    ) -> Option<(Kind, Slot)> {
        let least = if offset > 0 { offset + 1 } else { 0 };
        let number = |v: f64| whole(v.max(0.0) + f64::from(offset)).map(|n| n.max(least));
        let (Some(low), Some(high)) = (number(low), number(high)) else {
            let message = format!("{} target left out: not a number fit holds", what.name());
            self.lose(&message, span);
            return None;
        };
        let slot = Slot {
            kind,
            zone: 0,
            low,
            high,
        };
        Some((what, slot))
    }

    /// A zone target as the device's own zone number.
    fn zone(
        &mut self,
        kind: WktStepTarget,
        a: Amount,
        what: Kind,
        span: Span,
    ) -> Option<(Kind, Slot)> {
        if let Amount::Range { .. } = a {
            self.lose("zone range written as its first zone", span);
        }
        let (first, _) = a.bounds();
        let Some(zone) = whole(first).filter(|z| *z >= 1) else {
            let message = format!("{} target left out: not a zone number", what.name());
            self.lose(&message, span);
            return None;
        };
        let slot = Slot {
            kind,
            zone,
            low: u32::MAX,
            high: u32::MAX,
        };
        Some((what, slot))
    }
}

/// The percent of [`Spread::DEFAULT`].
fn default_percent() -> f64 {
    match Spread::DEFAULT {
        Spread::Percent(p) | Spread::Watts(p) => p,
    }
}

/// `v` rounded to a whole FIT number (below `u32::MAX`, FIT's "invalid"), if it is one.
fn whole(v: f64) -> Option<u32> {
    let r = v.round();
    // Finite and within 0..u32::MAX: the cast is exact.
    (r.is_finite() && r >= 0.0 && r < f64::from(u32::MAX)).then_some(r as u32)
}

/// The FIT `sport` code of a type: its own (see [`SPORTS`]), else its family's, else 0
/// (generic).
fn sport_code(sport: crate::model::Sport) -> u8 {
    let own = SPORTS.iter().find(|(known, _)| *known == sport);
    let family = || {
        let f = sport.family();
        (f != SportFamily::Other)
            .then(|| SPORTS.iter().find(|(known, _)| known.family() == f))
            .flatten()
    };
    own.or_else(family).map_or(0, |&(_, code)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sports_by_type_else_by_family() {
        let code = |name: &str| crate::model::Sport::from_name(name).map(sport_code);
        assert_eq!(code("TrailRun"), Some(1));
        assert_eq!(code("VirtualRide"), Some(2));
        assert_eq!(code("OpenWaterSwim"), Some(5));
        assert_eq!(code("weighttraining"), Some(10));
        assert_eq!(code("Yoga"), Some(0));
        for (sport, _) in SPORTS {
            assert_eq!(crate::model::Sport::from_name(sport.as_str()), Some(sport));
        }
    }

    #[test]
    fn whole_numbers_are_those_fit_holds() {
        assert_eq!(whole(1.5), Some(2));
        assert_eq!(whole(-0.4), Some(0));
        for v in [f64::NAN, f64::INFINITY, -1.0, f64::from(u32::MAX)] {
            assert_eq!(whole(v), None, "{v}");
        }
    }

    #[test]
    fn the_sink_writes_over_what_it_seeks_back_to() {
        use embedded_io::{Seek, Write};
        let mut sink = Sink::default();
        assert_eq!(sink.write_all(b"abcd"), Ok(()));
        assert_eq!(sink.seek(SeekFrom::Current(-10)), Ok(0));
        assert_eq!(sink.write_all(b"x"), Ok(()));
        assert_eq!(sink.seek(SeekFrom::End(2)), Ok(6));
        assert_eq!(sink.write_all(b"y"), Ok(()));
        assert_eq!(sink.bytes, b"xbcd\0\0y");
    }

    #[test]
    fn long_names_are_cut_at_a_character_boundary_with_a_warning() {
        let w = Workout {
            name: Some("é".repeat(200)),
            ..Workout::default()
        };
        let out = write(&w, &Athlete::default(), &Options::default()).unwrap_or_else(|e| {
            panic!("{e}");
        });
        let messages: Vec<&str> = out.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages, ["name cut to 254 bytes: fit strings hold 254"]);
    }
}
