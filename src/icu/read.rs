//! Reading a `workout_doc`: each value is read where it stands in the source, so every
//! error and warning points at the value it is about (line, column, UTF-16 column).
//!
//! The document is checked once as a whole, as strictly as `serde_json::Value` parsing
//! checks it (syntax, numbers in range, serde_json's nesting bound of 128) but keeping
//! nothing; then it is read level by level: an object or array is split into its members as
//! [`RawValue`]s, slices of the source whose offset is their place, and a member is parsed
//! only when it is read. Each level of nested repeats reads its members once more, and the
//! nesting bound keeps those levels few.

use crate::athlete::Thresholds;
use crate::codec::{quoted, too_big, Warnings};
use crate::error::{Error, ErrorKind};
use crate::limits;
use crate::model::{
    Amount, DistanceUnit, HrUnit, Interval, Length, Note, PaceLength, PaceUnit, Parsed, PowerUnit,
    Repeat, Smoothing, Sport, Step, StepKind, Target, Workout,
};
use crate::span::Span;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::fmt;

/// An object's members: see [`Members`].
type Object<'a> = Members<'a>;

/// A JSON object's members as slices of its text ([`RawValue`]s): what the `workout_doc`
/// reader splits each object into, one level at a time. A name given twice counts once, with
/// its last value, as serde_json's maps keep it; [`Members::unique`] lists them in name
/// order, as a map would.
///
/// A list sorted when asked rather than a `BTreeMap`: the `.wasm` is 0.5 KB smaller gzipped
/// without the map's code (`bash wasm/build.sh`: 164,939 -> 164,437 bytes).
///
/// ```
/// use workout_doc::icu::Members;
/// let m: Members = serde_json::from_str(r#"{"b": 1, "a": [2, 3], "b": 4}"#)?;
/// assert_eq!(m.get("b").map(|v| v.get()), Some("4"));
/// let unique: Vec<(&str, &str)> = m.unique().into_iter().map(|(n, v)| (n, v.get())).collect();
/// assert_eq!(unique, [("a", "[2, 3]"), ("b", "4")]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'a> Members<'a> {
    /// The last value of the member called `name`.
    ///
    /// ```
    /// let m: workout_doc::icu::Members = serde_json::from_str(r#"{"a": 1}"#)?;
    /// assert!(m.get("a").is_some() && m.get("b").is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<&'a RawValue> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|&(_, v)| v)
    }

    /// Each name once with its last value, in name order.
    ///
    /// ```
    /// let m: workout_doc::icu::Members = serde_json::from_str(r#"{"b": 1, "a": 2}"#)?;
    /// assert_eq!(m.unique()[0].0, "a");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn unique(&self) -> Vec<(&str, &'a RawValue)> {
        let mut order: Vec<(&str, usize)> =
            self.0.iter().map(|(n, _)| n.as_str()).zip(0..).collect();
        // By name, then place: a name's last member ends its run.
        order.sort_unstable();
        order.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                *kept = *later;
            }
            same
        });
        order
            .into_iter()
            .filter_map(|(name, at)| self.0.get(at).map(|&(_, v)| (name, v)))
            .collect()
    }
}

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Members<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry()? {
            members.push(member);
        }
        Ok(Members(members))
    }
}

/// Reads a `workout_doc` object (or an event object holding one under `workout_doc`).
///
/// An event's (or record's) `name` is the workout's name, its `type` (or `sport`), an
/// Intervals.icu activity type, the workout's [`Sport`](crate::Sport); its thresholds `ftp`, `lthr`, `max_hr` and
/// `threshold_pace` (m/s), in its `athlete` object, at its top or in its `workout_doc`
/// (the first that has one), are [`Parsed::thresholds`].
/// Server-computed fields (`_power`, `zoneTimes`, …) are skipped; unknown step fields give
/// warnings. A repeat inside a repeat, which the tree cannot hold, is flattened into its
/// parent with a warning: every copy is kept, up to [`limits::MAX_STEPS`] steps in all.
/// Errors and warnings are placed at the value they are about.
///
/// ```
/// let json = r#"{"steps":[{"duration":600,"power":{"value":60,"units":"%ftp"}}]}"#;
/// let w = workout_doc::icu::from_json(json)?.workout;
/// assert_eq!(workout_doc::text::write(&w), "- 10m 60%\n");
///
/// let parsed = workout_doc::icu::from_json("{\"steps\": [\n  {\"duration\": 60, \"x\": 1}]}")?;
/// let w = &parsed.warnings[0];
/// assert_eq!((w.line, w.column, w.message.as_str()), (2, 25, "ignored step field \"x\""));
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// Malformed JSON (at the byte where it goes wrong), a document without a `steps` array,
/// or one over a bound of [`limits`] (more than [`limits::MAX_STEPS`] steps once nested
/// repeats are flattened, say), each at the value concerned.
pub fn from_json(json: &str) -> Result<Parsed, Error> {
    if let Some(e) = too_big(json) {
        return Err(e);
    }
    let syntax = |e| syntax_error(json, &e);
    serde_json::from_str::<Checked>(json).map_err(syntax)?;
    let root: &RawValue = serde_json::from_str(json).map_err(syntax)?;
    let mut reader = JsonReader {
        src: json,
        warnings: Warnings::new(json),
        made: 0,
    };
    let (workout, thresholds) = reader.workout(root)?;
    Ok(Parsed {
        workout,
        warnings: reader.warnings.finish(),
        thresholds,
    })
}

/// serde_json's syntax error, placed at the byte it names: serde_json counts lines at `\n`
/// and columns in bytes, 1 for a line's first byte.
fn syntax_error(json: &str, e: &serde_json::Error) -> Error {
    let line_start = match e.line() {
        0 | 1 => 0,
        n => json
            .match_indices('\n')
            .nth(n - 2)
            .map_or(json.len(), |(i, _)| i + 1),
    };
    let at = (line_start + e.column().saturating_sub(1)).min(json.len());
    // The position goes in its own fields: drop serde_json's " at line L column C".
    let msg = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    let msg = msg.strip_suffix(place.as_str()).unwrap_or(&msg).to_owned();
    let end = (at + 1).min(json.len());
    Error::new(ErrorKind::Json(msg), Span::new(at, end), json)
}

/// Any JSON value, checked and dropped.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Checked)
    }
}

impl<'de> Visitor<'de> for Checked {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_entry::<Checked, Checked>()?.is_some() {}
        Ok(Checked)
    }
}

struct JsonReader<'a> {
    src: &'a str,
    warnings: Warnings<'a>,
    /// Intervals made so far: see [`JsonReader::made`].
    made: usize,
}

impl<'a> JsonReader<'a> {
    /// Where `value` is in the source (it is a slice of it).
    fn span(&self, value: &RawValue) -> Span {
        let text = value.get();
        let at = (text.as_ptr() as usize).saturating_sub(self.src.as_ptr() as usize);
        Span::new(at, at + text.len())
    }

    fn error(&self, msg: &str, at: &RawValue) -> Error {
        Error::new(ErrorKind::Json(msg.into()), self.span(at), self.src)
    }

    fn limit(&self, what: &'static str, limit: u64, at: &RawValue) -> Error {
        Error::limit(what, limit, self.span(at), self.src)
    }

    fn warn(&mut self, msg: String, at: &RawValue) {
        let span = self.span(at);
        self.warnings.push(msg, span);
    }

    fn workout(&mut self, root: &'a RawValue) -> Result<(Workout, Thresholds), Error> {
        let top = object(root).unwrap_or_default();
        // An event object holds the document under `workout_doc`; else it is the document.
        let inner;
        let (doc, fields) = match top.get("workout_doc") {
            Some(doc) => {
                inner = object(doc).unwrap_or_default();
                (doc, &inner)
            }
            None => (root, &top),
        };
        let athlete = top.get("athlete").and_then(object).unwrap_or_default();
        let threshold = |key: &str| {
            [&athlete, &top, fields]
                .into_iter()
                .find_map(|o| o.get(key).and_then(number))
                .and_then(Thresholds::value)
        };
        let thresholds = Thresholds {
            ftp: threshold("ftp"),
            lthr: threshold("lthr"),
            max_hr: threshold("max_hr"),
            threshold_pace: threshold("threshold_pace"),
        };
        let steps = fields
            .get("steps")
            .and_then(array)
            .ok_or_else(|| self.error("expected an object with a \"steps\" array", doc))?;
        let mut w = Workout::default();
        if let Some(d) = fields.get("description").and_then(string) {
            w.notes.push(Note { before: 0, text: d });
        }
        w.category = fields
            .get("options")
            .and_then(object)
            .and_then(|o| o.get("category"))
            .or_else(|| fields.get("category"))
            .and_then(string);
        w.name = top.get("name").and_then(string).filter(|n| !n.is_empty());
        if let Some(t) = top.get("type").or_else(|| top.get("sport")) {
            let name = string(t).unwrap_or_default();
            w.sport = Sport::from_name(&name);
            if w.sport.is_none() {
                let msg = format!(
                    "unknown type \"{}\" ignored: expected an Intervals.icu activity type",
                    quoted(&name)
                );
                self.warn(msg, t);
            }
        }
        for s in steps {
            if let Some(step) = self.step(s)? {
                w.steps.push(step);
            }
        }
        Ok((w, thresholds))
    }

    /// Counts `n` more intervals made (read, or copied from a flattened repeat) against
    /// [`limits::MAX_STEPS`], an error about `what` at `at` past it. Each ends up in the
    /// workout once, so this bounds the steps and the memory however deeply repeats nest
    /// (copies multiply with each level).
    fn made(&mut self, n: usize, what: &'static str, at: &RawValue) -> Result<(), Error> {
        self.made = self.made.saturating_add(n);
        if self.made > limits::MAX_STEPS {
            return Err(self.limit(what, limits::MAX_STEPS as u64, at));
        }
        Ok(())
    }

    fn step(&mut self, v: &'a RawValue) -> Result<Option<Step>, Error> {
        let Some(obj) = object(v) else {
            return Err(self.error("expected each step to be an object", v));
        };
        if obj.get("reps").is_none() && obj.get("steps").is_none() {
            let interval = self.interval(&obj, v)?;
            if interval.is_some() {
                self.made(1, "number of steps", v)?;
            }
            return Ok(interval.map(Step::Interval));
        }
        let reps_value = obj.get("reps");
        let reps = reps_value.and_then(number).unwrap_or(1.0);
        if !(1.0..=f64::from(limits::MAX_REPEATS)).contains(&reps) {
            return Err(self.limit(
                "repeat count",
                limits::MAX_REPEATS.into(),
                reps_value.unwrap_or(v),
            ));
        }
        let mut steps = Vec::new();
        let children = obj.get("steps").and_then(array).unwrap_or_default();
        for child in children {
            match self.step(child)? {
                Some(Step::Interval(i)) => steps.push(i),
                Some(Step::Repeat(r)) => {
                    // Every copy is kept. The first was counted when read; the others are
                    // counted before copying, as nested repeats multiply.
                    let copies = r
                        .steps
                        .len()
                        .saturating_mul((r.reps as usize).saturating_sub(1));
                    self.made(copies, "number of steps (nested repeats flattened)", child)?;
                    self.warn(
                        format!(
                            "nested repeat \"{}\" flattened into {} copies of its {} steps: \
                             Intervals.icu repeats do not nest",
                            quoted(&r.text),
                            r.reps,
                            r.steps.len()
                        ),
                        child,
                    );
                    steps.reserve(copies + r.steps.len());
                    for _ in 0..r.reps {
                        steps.extend(r.steps.iter().cloned());
                    }
                }
                None => {}
            }
        }
        Ok(Some(Step::Repeat(Repeat {
            reps: reps as u32,
            text: obj.get("text").and_then(string).unwrap_or_default(),
            steps,
            span: Span::default(),
        })))
    }

    /// The interval of the step object `obj` (the value `v`), or `None` (with a warning)
    /// when it has no length above zero.
    fn interval(&mut self, obj: &Object<'a>, v: &RawValue) -> Result<Option<Interval>, Error> {
        let mut i = Interval::default();
        let mut length = None;
        for (key, value) in obj.unique() {
            match key {
                "text" => {
                    i.text = string(value)
                        .filter(|t| !t.is_empty())
                        .map(|t| t.replace("&lt;", "<"))
                }
                "duration" if length.is_none() => {
                    let secs = number(value).unwrap_or(0.0).round();
                    if secs > f64::from(limits::MAX_STEP_SECONDS) {
                        return Err(self.limit(
                            "step duration in seconds",
                            limits::MAX_STEP_SECONDS.into(),
                            value,
                        ));
                    }
                    length = Some(Length::Time(secs.max(0.0) as u32));
                }
                "distance" => {
                    let metres = number(value).unwrap_or(0.0);
                    if metres > limits::MAX_STEP_METRES {
                        return Err(self.limit(
                            "step distance in metres",
                            limits::MAX_STEP_METRES as u64,
                            value,
                        ));
                    }
                    if metres > 0.0 {
                        length = Some(distance(metres));
                    }
                }
                "power" => i.power = self.target(key, value, power_unit),
                "hr" => i.hr = self.target(key, value, hr_unit),
                "pace" => i.pace = self.target(key, value, pace_unit),
                "cadence" => i.cadence = self.target(key, value, |_| Some(())).map(|t| t.amount),
                "ramp" => i.ramp = truth(value),
                "freeride" => i.freeride = truth(value),
                "maxeffort" => i.maxeffort = truth(value),
                "hidepower" => i.hidepower = truth(value),
                "warmup" => i.warmup = truth(value),
                "cooldown" => i.cooldown = truth(value),
                "until_lap_press" => i.until_lap_press = truth(value),
                "intensity" => i.intensity = string(value).and_then(|k| StepKind::from_name(&k)),
                k if k.starts_with('_') || k == "duration" => {}
                other => self.warn(format!("ignored step field \"{}\"", quoted(other)), value),
            }
        }
        match length {
            Some(l) if l.seconds() != Some(0) => {
                i.length = l;
                Ok(Some(i))
            }
            _ => {
                self.warn(
                    "step dropped: it has no duration or distance above zero".into(),
                    v,
                );
                Ok(None)
            }
        }
    }

    fn target<U>(
        &mut self,
        key: &str,
        v: &RawValue,
        unit: impl Fn(&str) -> Option<U>,
    ) -> Option<Target<U>> {
        let fields = object(v).unwrap_or_default();
        let units = fields.get("units").and_then(string).unwrap_or_default();
        let Some(units) = unit(&units) else {
            self.warn(
                format!("ignored {key} target with units \"{}\"", quoted(&units)),
                v,
            );
            return None;
        };
        let num = |k: &str| {
            fields
                .get(k)
                .and_then(number)
                .filter(|n| n.abs() <= limits::MAX_TARGET_VALUE)
        };
        let amount = match (num("start"), num("end"), num("value")) {
            (Some(start), Some(end), _) => Amount::Range { start, end },
            (_, _, Some(value)) => Amount::Value(value),
            _ => {
                self.warn(format!("ignored {key} target without a value"), v);
                return None;
            }
        };
        let smoothing = fields
            .get("target")
            .and_then(string)
            .and_then(|s| Smoothing::ALL.into_iter().find(|x| x.as_str() == s));
        Some(Target {
            units,
            amount,
            smoothing,
        })
    }
}

/// `v` read as a `T`, or `None` when it is some other kind of value.
fn read<'a, T: Deserialize<'a>>(v: &'a RawValue) -> Option<T> {
    serde_json::from_str(v.get()).ok()
}

/// The members of an object.
fn object(v: &RawValue) -> Option<Object<'_>> {
    read(v)
}

/// The items of an array.
fn array(v: &RawValue) -> Option<Vec<&RawValue>> {
    read(v)
}

fn string(v: &RawValue) -> Option<String> {
    read(v)
}

fn number(v: &RawValue) -> Option<f64> {
    read(v)
}

fn truth(v: &RawValue) -> bool {
    read(v).unwrap_or(false)
}

/// A distance in metres, written in km when it is a whole number of 100 m.
fn distance(metres: f64) -> Length {
    let hundreds = metres / 100.0;
    if metres >= 100.0 && hundreds.fract() == 0.0 {
        Length::Distance {
            value: hundreds / 10.0,
            unit: DistanceUnit::Kilometre,
        }
    } else {
        Length::Distance {
            value: metres,
            unit: DistanceUnit::Metre,
        }
    }
}

fn power_unit(s: &str) -> Option<PowerUnit> {
    [PowerUnit::PercentFtp, PowerUnit::Watts, PowerUnit::Zone]
        .into_iter()
        .find(|u| u.as_str() == s)
}

fn hr_unit(s: &str) -> Option<HrUnit> {
    [HrUnit::PercentMax, HrUnit::PercentLthr, HrUnit::Zone]
        .into_iter()
        .find(|u| u.as_str() == s)
}

fn pace_unit(s: &str) -> Option<PaceUnit> {
    match s {
        "%pace" => Some(PaceUnit::PercentThreshold),
        "pace_zone" => Some(PaceUnit::Zone),
        "secs" => Some(PaceUnit::Absolute(None)),
        _ => PaceLength::ALL
            .into_iter()
            .find(|l| l.units() == s)
            .map(|l| PaceUnit::Absolute(Some(l))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lt_entities_come_back() {
        let json = r#"{"steps":[{"text":"a &lt;40% b &amp; &lt","duration":60}]}"#;
        let w = from_json(json).unwrap().workout;
        let Some(Step::Interval(i)) = w.steps.first() else {
            panic!("expected an interval");
        };
        assert_eq!(i.text.as_deref(), Some("a <40% b &amp; &lt"));
    }

    /// A JSON repeat of two steps inside a repeat, `reps` times.
    fn nested(reps: usize) -> String {
        format!(
            r#"{{"steps":[{{"reps":2,"steps":[{{"reps":{reps},"text":"inner","steps":[{{"duration":30}},{{"duration":60}}]}}]}}]}}"#
        )
    }

    #[test]
    fn nested_repeats_keep_every_copy() {
        let parsed = from_json(&nested(150)).unwrap();
        let [Step::Repeat(outer)] = parsed.workout.steps.as_slice() else {
            panic!("expected one repeat");
        };
        assert_eq!(outer.reps, 2);
        assert_eq!(outer.steps.len(), 300);
        let messages: Vec<&str> = parsed.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            ["nested repeat \"inner\" flattened into 150 copies of its 2 steps: Intervals.icu repeats do not nest"]
        );
        assert_eq!(parsed.warnings[0].column, 30);
    }

    #[test]
    fn nested_repeats_over_the_step_bound_are_refused() {
        let half = limits::MAX_STEPS / 2;
        assert_eq!(from_json(&nested(half)).unwrap().workout.steps.len(), 1);
        let Err(e) = from_json(&nested(half + 1)) else {
            panic!("expected a limit error");
        };
        assert!(matches!(e.kind(), ErrorKind::Limit { .. }), "{e}");
        assert_eq!(
            e.message(),
            "number of steps (nested repeats flattened) over the limit: expected at most 100000"
        );
    }

    #[test]
    fn errors_and_warnings_point_at_their_value() {
        let at = |json: &str| {
            let e = from_json(json).unwrap_err();
            let p = e.position();
            (p.line, p.column, p.column_utf16)
        };
        // Syntax: the byte serde_json stops at, its column in characters and UTF-16 units.
        assert_eq!(at("{\"steps\":\n [\"é😀\", x]}"), (2, 9, 10));
        assert_eq!(at("{\"steps\": 5}"), (1, 1, 1));
        assert_eq!(at("{\"steps\": [{}, 7]}"), (1, 16, 16));
        assert_eq!(
            at("{\"steps\": [{\"reps\": 0, \"steps\": []}]}"),
            (1, 21, 21)
        );
        assert_eq!(at("{\"steps\": [{\"duration\": 1e9}]}"), (1, 25, 25));
        assert_eq!(at("{\"a\":\r\"b\" x}"), (2, 5, 5));

        let parsed = from_json(
            "{\"steps\": [\n {\"duration\": 60, \"power\": {\"units\": \"?\"}},\n {}\n]}",
        )
        .unwrap();
        let found: Vec<(u32, u32, &str)> = parsed
            .warnings
            .iter()
            .map(|w| (w.line, w.column, w.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (2, 28, "ignored power target with units \"?\""),
                (
                    3,
                    2,
                    "step dropped: it has no duration or distance above zero"
                ),
            ]
        );
    }

    #[test]
    fn values_are_checked_as_strictly_as_before() {
        for bad in [
            r#"{"steps":[], "x": 1e400}"#,
            r#"{"steps":[], "x": "\ud800"}"#,
            &format!(
                r#"{{"steps":[], "x": {}{}}}"#,
                "[".repeat(200),
                "]".repeat(200)
            ),
        ] {
            let e = from_json(bad).unwrap_err();
            assert!(matches!(e.kind(), ErrorKind::Json(_)), "{e}");
        }
    }

    #[test]
    fn a_records_type_and_thresholds_are_read() {
        let json = r#"{"type": "weighttraining", "name": "Gym", "athlete": {"ftp": 250},
            "workout_doc": {"steps": [], "ftp": 240, "lthr": 170, "threshold_pace": 2.5}}"#;
        let parsed = from_json(json).unwrap();
        assert_eq!(
            parsed.workout.sport.map(Sport::as_str),
            Some("WeightTraining")
        );
        assert_eq!(parsed.workout.name.as_deref(), Some("Gym"));
        let t = parsed.thresholds;
        assert_eq!(
            (t.ftp, t.lthr, t.max_hr, t.threshold_pace),
            (Some(250.0), Some(170.0), None, Some(2.5))
        );
        let parsed = from_json(r#"{"steps": [], "type": "Chess"}"#).unwrap();
        assert_eq!(parsed.workout.sport, None);
        assert_eq!(
            parsed.warnings[0].message,
            "unknown type \"Chess\" ignored: expected an Intervals.icu activity type"
        );
    }

    #[test]
    fn distances_prefer_km() {
        assert_eq!(
            distance(800.0),
            Length::Distance {
                value: 0.8,
                unit: DistanceUnit::Kilometre
            }
        );
        assert_eq!(
            distance(50.0),
            Length::Distance {
                value: 50.0,
                unit: DistanceUnit::Metre
            }
        );
    }
}
