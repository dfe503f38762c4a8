//! The `.zwo` writer.

use crate::athlete::Athlete;
use crate::codec::{missing, number, Losses, Written};
use crate::error::Error;
use crate::limits;
use crate::model::{
    Amount, Interval, Length, PaceUnit, PowerUnit, Prompt, Repeat, Sport, SportFamily, Step,
    Workout,
};
use crate::span::Span;
use quick_xml::escape::escape;

const INDENT: &str = "    ";

pub(super) fn write(w: &Workout, athlete: &Athlete) -> Result<Written, Error> {
    let distance = uses_distance(w);
    let mut out = Out {
        text: String::with_capacity(256 + 96 * w.steps.len()),
        losses: Losses::default(),
        run: w.sport.map(Sport::family) == Some(SportFamily::Run),
        distance,
        ftp: athlete.ftp.filter(|f| f.is_finite() && *f > 0.0),
        step: 0,
        blocks: 0,
    };
    out.header(w);
    out.text.push_str(INDENT);
    out.text.push_str("<workout>\n");
    for step in &w.steps {
        out.step += 1;
        match step {
            Step::Interval(i) => out.interval(i)?,
            Step::Repeat(r) => out.repeat(r)?,
        }
    }
    out.text.push_str(INDENT);
    out.text.push_str("</workout>\n</workout_file>\n");
    Ok(Written {
        file: out.text,
        warnings: out.losses.finish(),
    })
}

/// A distance workout: every interval is a distance (and there is at least one).
fn uses_distance(w: &Workout) -> bool {
    let mut any = false;
    for (_, i) in w.intervals() {
        match i.length {
            Length::Distance { .. } => any = true,
            Length::Time(_) => return false,
        }
    }
    any
}

/// A target as `.zwo` holds it: a fraction of FTP (or threshold pace), or a zone.
#[derive(Debug, Clone, Copy)]
enum Zt {
    Fraction(Amount),
    Zone(f64),
}

struct Out {
    text: String,
    losses: Losses,
    run: bool,
    distance: bool,
    ftp: Option<f64>,
    /// 1-based top-level step being written.
    step: usize,
    blocks: usize,
}

impl Out {
    fn lose(&mut self, what: &str, span: Span) {
        self.losses.add(what, self.step, span);
    }

    fn header(&mut self, w: &Workout) {
        self.text.push_str("<workout_file>\n");
        let description = w.description();
        for (tag, value) in [
            ("author", w.author.as_deref()),
            ("name", w.name.as_deref()),
            ("description", description),
            ("category", w.category.as_deref()),
            ("subcategory", w.subcategory.as_deref()),
        ] {
            if let Some(v) = value {
                self.element(tag, v);
            }
        }
        if let Some(sport) = w.sport {
            // Zwift's own words for its two families; other types by name (read back).
            let name = match sport.family() {
                SportFamily::Ride => "bike".into(),
                SportFamily::Run => "run".into(),
                _ => sport.as_str().to_ascii_lowercase(),
            };
            self.element("sportType", &name);
        }
        if self.distance {
            self.element("durationType", "distance");
        }
        if !w.tags.is_empty() {
            self.text.push_str(INDENT);
            self.text.push_str("<tags>\n");
            for tag in &w.tags {
                self.text.push_str(INDENT);
                self.text.push_str(INDENT);
                self.text.push_str("<tag name=\"");
                push_attr_value(&mut self.text, tag);
                self.text.push_str("\"/>\n");
            }
            self.text.push_str(INDENT);
            self.text.push_str("</tags>\n");
        }
        self.losses.notes_past_description(w, ".zwo");
    }

    fn element(&mut self, tag: &str, value: &str) {
        self.text.push_str(INDENT);
        self.text.push('<');
        self.text.push_str(tag);
        self.text.push('>');
        self.text.push_str(&escape(value));
        self.text.push_str("</");
        self.text.push_str(tag);
        self.text.push_str(">\n");
    }

    fn count_block(&mut self, span: Span) -> Result<(), Error> {
        self.blocks += 1;
        if self.blocks > limits::MAX_STEPS {
            return Err(Error::limit(
                "number of .zwo blocks",
                limits::MAX_STEPS as u64,
                span,
                "",
            ));
        }
        Ok(())
    }

    fn repeat(&mut self, r: &Repeat) -> Result<(), Error> {
        if let [on, off] = r.steps.as_slice() {
            if self.plain(on) && self.plain(off) {
                return self.intervals_t(r, on, off);
            }
        }
        self.lose(
            "repeat block written unrolled: .zwo repeats hold two plain steps",
            r.span,
        );
        for _ in 0..r.reps {
            for i in &r.steps {
                self.interval(i)?;
            }
        }
        Ok(())
    }

    /// A step `IntervalsT` can hold: steady, no flags, of the workout's length kind.
    fn plain(&self, i: &Interval) -> bool {
        let length_ok = matches!(i.length, Length::Distance { .. }) == self.distance;
        length_ok && !i.ramp && !i.freeride && !i.maxeffort && !i.warmup && !i.cooldown
    }

    fn intervals_t(&mut self, r: &Repeat, on: &Interval, off: &Interval) -> Result<(), Error> {
        self.count_block(r.span)?;
        let words: Vec<&str> = r.text.split_whitespace().collect();
        let reps_word = format!("{}x", r.reps);
        let header_ok = matches!(words.as_slice(), [] | ["Main", "set", _] | [_])
            && words
                .last()
                .is_none_or(|w| w.eq_ignore_ascii_case(&reps_word));
        if !header_ok {
            self.lose(
                "repeat header text left out: .zwo repeats have none",
                r.span,
            );
        }
        let on_t = self.target(on)?;
        let off_t = self.target(off)?;
        let t = &mut self.text;
        t.push_str(INDENT);
        t.push_str(INDENT);
        t.push_str("<IntervalsT Repeat=\"");
        number(t, f64::from(r.reps), 0);
        t.push('"');
        attr_length(t, "OnDuration", on.length);
        attr_length(t, "OffDuration", off.length);
        let mut mid = false;
        mid |= target_attrs(
            t,
            on_t,
            "OnPower",
            "PowerOnLow",
            "PowerOnHigh",
            "PowerOnZone",
        );
        mid |= target_attrs(
            t,
            off_t,
            "OffPower",
            "PowerOffLow",
            "PowerOffHigh",
            "PowerOffZone",
        );
        cadence_attrs(t, on.cadence);
        let mut resting_mid = false;
        if let Some(c) = off.cadence {
            resting_mid = matches!(c, Amount::Range { .. });
            attr(t, "CadenceResting", c.mid(), 2);
        }
        let on_len = match on.length {
            Length::Time(s) => f64::from(s),
            l @ Length::Distance { .. } => l.metres().unwrap_or(0.0),
        };
        let mut prompts = Vec::new();
        self.prompts_of(on, 0.0, &mut prompts);
        self.prompts_of(off, on_len, &mut prompts);
        self.close_with_events(&mut prompts);
        self.text_close("IntervalsT", prompts.is_empty());
        if mid {
            self.lose(
                "power range written as its midpoint, which Zwift rides",
                r.span,
            );
        }
        if resting_mid {
            self.lose("resting cadence range written as its midpoint", r.span);
        }
        self.extras(on);
        self.extras(off);
        Ok(())
    }

    fn interval(&mut self, i: &Interval) -> Result<(), Error> {
        self.count_block(i.span)?;
        let target = self.target(i)?;
        let ramp = match target {
            Some(Zt::Fraction(Amount::Range { start, end })) if i.ramp => Some((start, end)),
            _ => None,
        };
        let tag = if i.maxeffort {
            "MaxEffort"
        } else if i.freeride {
            "FreeRide"
        } else if i.warmup {
            "Warmup"
        } else if i.cooldown {
            "Cooldown"
        } else if ramp.is_some() {
            "Ramp"
        } else {
            "SteadyState"
        };
        if i.ramp && ramp.is_none() {
            self.lose(
                "ramp without a power range written as a steady step",
                i.span,
            );
        }
        let t = &mut self.text;
        t.push_str(INDENT);
        t.push_str(INDENT);
        t.push('<');
        t.push_str(tag);
        match i.length {
            Length::Distance { .. } if !self.distance => {
                attr(t, "Distance", i.length.metres().unwrap_or(0.0), 3);
            }
            l => attr_length(t, "Duration", l),
        }
        let mut mid = false;
        let flag_ends = matches!(tag, "Warmup" | "Cooldown");
        match (ramp, target) {
            (Some((start, end)), _) => {
                attr(t, "PowerLow", start, 6);
                attr(t, "PowerHigh", end, 6);
            }
            (None, Some(Zt::Fraction(a))) if flag_ends => {
                // Warmup/Cooldown carry their power as equal ends (read back as steady).
                mid = matches!(a, Amount::Range { .. });
                attr(t, "PowerLow", a.mid(), 6);
                attr(t, "PowerHigh", a.mid(), 6);
            }
            (None, target) => {
                mid = target_attrs(t, target, "Power", "PowerLow", "PowerHigh", "Zone");
            }
        }
        cadence_attrs(t, i.cadence);
        if mid {
            self.lose(
                "power range written as its midpoint, which Zwift rides",
                i.span,
            );
        }
        let mut prompts = Vec::new();
        self.prompts_of(i, 0.0, &mut prompts);
        self.close_with_events(&mut prompts);
        self.text_close(tag, prompts.is_empty());
        self.extras(i);
        Ok(())
    }

    fn text_close(&mut self, tag: &str, empty: bool) {
        if !empty {
            self.text.push_str(INDENT);
            self.text.push_str(INDENT);
            self.text.push_str("</");
            self.text.push_str(tag);
            self.text.push_str(">\n");
        }
    }

    /// Adds the prompts of `i` that `.zwo` can hold to `out`, `base` added to their
    /// offsets: a text event needs a message (the reader ignores one without), so a prompt
    /// without text (as in `10^ 20^ Go`) is left out, with a warning.
    fn prompts_of(&mut self, i: &Interval, base: f64, out: &mut Vec<(f64, Prompt)>) {
        for p in i.prompts() {
            if p.text.is_empty() {
                self.lose(
                    "prompt without text left out: a .zwo text event needs a message",
                    i.span,
                );
            } else {
                out.push((base + f64::from(p.offset), p));
            }
        }
    }

    /// Ends the start tag: `/>` without events, else `>` and the text events in time order,
    /// as readers file them (step text may give its prompts in any order: `250^ y 0^ x`).
    /// The caller then writes the end tag with `text_close`.
    fn close_with_events(&mut self, prompts: &mut [(f64, Prompt)]) {
        if prompts.is_empty() {
            self.text.push_str("/>\n");
            return;
        }
        crate::order::sort_by_key(prompts, |(at, _)| crate::order::total_order(*at));
        self.text.push_str(">\n");
        let key = if self.distance {
            "distoffset"
        } else {
            "timeoffset"
        };
        for (at, p) in prompts {
            let t = &mut self.text;
            t.push_str(INDENT);
            t.push_str(INDENT);
            t.push_str(INDENT);
            t.push_str("<textevent");
            attr(t, key, *at, 3);
            if let Some(d) = p.duration {
                attr(t, "duration", f64::from(d), 0);
            }
            t.push_str(" message=\"");
            push_attr_value(t, &p.text);
            t.push_str("\"/>\n");
        }
    }

    /// The target `.zwo` can hold for this step, noting what it leaves out.
    fn target(&mut self, i: &Interval) -> Result<Option<Zt>, Error> {
        if i.hr.is_some() {
            self.lose("heart-rate target left out: .zwo has none", i.span);
        }
        if self.run {
            if i.power.is_some() {
                self.lose("power target left out: .zwo run targets are paces", i.span);
            }
            let Some(p) = &i.pace else { return Ok(None) };
            return Ok(match p.units {
                PaceUnit::PercentThreshold => Some(Zt::Fraction(p.amount.map(|v| v / 100.0))),
                PaceUnit::Zone => Some(self.zone(p.amount, i.span)),
                _ => {
                    self.lose(
                        "absolute pace left out: .zwo paces are % of threshold",
                        i.span,
                    );
                    None
                }
            });
        }
        if i.pace.is_some() {
            self.lose("pace target left out: not a run workout", i.span);
        }
        let Some(p) = &i.power else { return Ok(None) };
        Ok(match p.units {
            PowerUnit::PercentFtp => Some(Zt::Fraction(p.amount.map(|v| v / 100.0))),
            PowerUnit::Zone => Some(self.zone(p.amount, i.span)),
            _ => {
                let Some(ftp) = self.ftp else {
                    return Err(missing(
                        format!(
                            "step {} has a watts target: writing .zwo needs an ftp",
                            self.step
                        ),
                        i.span,
                    ));
                };
                let what = format!("watts written as a fraction of an ftp of {ftp} w");
                self.lose(&what, i.span);
                Some(Zt::Fraction(p.amount.map(|v| v / ftp)))
            }
        })
    }

    fn zone(&mut self, a: Amount, span: Span) -> Zt {
        if let Amount::Range { .. } = a {
            self.lose("zone range written as its middle zone", span);
        }
        Zt::Zone(a.mid().round())
    }

    /// Notes interval fields `.zwo` has no place for.
    fn extras(&mut self, i: &Interval) {
        for (on, what) in [
            (i.hidepower, "hidepower left out"),
            (i.until_lap_press, "press-lap ending left out"),
            (i.intensity.is_some(), "step type (intensity=) left out"),
            (
                i.power.as_ref().is_some_and(|t| t.smoothing.is_some())
                    || i.hr.as_ref().is_some_and(|t| t.smoothing.is_some())
                    || i.pace.as_ref().is_some_and(|t| t.smoothing.is_some()),
                "target smoothing left out",
            ),
        ] {
            if on {
                self.lose(what, i.span);
            }
        }
    }
}

/// ` key="v"` with at most `decimals` decimals.
fn attr(t: &mut String, key: &str, v: f64, decimals: usize) {
    t.push(' ');
    t.push_str(key);
    t.push_str("=\"");
    number(t, v, decimals);
    t.push('"');
}

fn attr_length(t: &mut String, key: &str, l: Length) {
    match l {
        Length::Time(s) => attr(t, key, f64::from(s), 0),
        Length::Distance { .. } => attr(t, key, l.metres().unwrap_or(0.0), 3),
    }
}

/// `Cadence`, or `CadenceLow` and `CadenceHigh` for a range.
fn cadence_attrs(t: &mut String, cadence: Option<Amount>) {
    match cadence {
        Some(Amount::Value(c)) => attr(t, "Cadence", c, 2),
        Some(Amount::Range { start, end }) => {
            attr(t, "CadenceLow", start, 2);
            attr(t, "CadenceHigh", end, 2);
        }
        None => {}
    }
}

/// Writes a flat (non-ramp) target; returns whether a range was written as its midpoint.
fn target_attrs(
    t: &mut String,
    target: Option<Zt>,
    value: &str,
    low: &str,
    high: &str,
    zone: &str,
) -> bool {
    match target {
        Some(Zt::Fraction(Amount::Value(v))) => {
            attr(t, value, v, 6);
            false
        }
        Some(Zt::Fraction(a @ Amount::Range { start, end })) => {
            attr(t, value, a.mid(), 6);
            attr(t, low, start, 6);
            attr(t, high, end, 6);
            true
        }
        Some(Zt::Zone(z)) => {
            attr(t, zone, z, 0);
            false
        }
        None => false,
    }
}

/// Appends an attribute value: XML-escaped, with line breaks and tabs as character
/// references so that a reader's attribute normalisation cannot turn them into spaces.
fn push_attr_value(out: &mut String, value: &str) {
    for piece in value.split_inclusive(['\n', '\r', '\t']) {
        let (text, reference) = match piece.chars().next_back() {
            Some('\n') => (piece.get(..piece.len() - 1), "&#10;"),
            Some('\r') => (piece.get(..piece.len() - 1), "&#13;"),
            Some('\t') => (piece.get(..piece.len() - 1), "&#9;"),
            _ => (Some(piece), ""),
        };
        out.push_str(&escape(text.unwrap_or_default()));
        out.push_str(reference);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Sport;

    #[test]
    fn every_run_type_is_a_run_with_its_paces() {
        let mut w = crate::text::parse("- 10m 80% Pace")
            .map(|p| p.workout)
            .unwrap_or_default();
        w.sport = Sport::from_name("trailrun");
        let out = super::write(&w, &crate::Athlete::default()).map(|o| o.file);
        let xml = out.unwrap_or_default();
        assert!(xml.contains("<sportType>run</sportType>"), "{xml}");
        assert!(
            xml.contains(r#"<SteadyState Duration="600" Power="0.8"/>"#),
            "{xml}"
        );
    }
}
