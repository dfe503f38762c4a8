//! Conformance of [`Workout::summary`] with the numbers the Intervals.icu server computed
//! for the records in `../shared/corpus/icu/`, plus an exact per-second reference
//! implementation that the analytic one must agree with (corpus and proptest).
#![cfg(not(target_arch = "wasm32"))]
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use serde_json::Value;
use workout_doc::{text, Amount, Athlete, Interval, Length, Step, Workout};

mod util;
use util::{athlete_for, table_ftp};

fn records() -> Vec<(String, Value)> {
    let Some(dir) = util::corpus("icu") else {
        return Vec::new();
    };
    let files = util::files(&dir, "json");
    files
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            let v = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            (name, v)
        })
        .collect()
}

fn doc_or_top<'a>(r: &'a Value, key: &str) -> Option<&'a Value> {
    r.get(key)
        .filter(|v| !v.is_null())
        .or_else(|| r["workout_doc"].get(key).filter(|v| !v.is_null()))
}

#[derive(Default)]
struct Tally {
    ok: usize,
    of: usize,
    misses: Vec<String>,
}

impl Tally {
    fn check(&mut self, name: &str, ok: bool, detail: String) {
        self.of += 1;
        if ok {
            self.ok += 1;
        } else {
            self.misses.push(format!("{name}: {detail}"));
        }
    }

    fn report(&self, what: &str) {
        println!("{what}: {} of {}", self.ok, self.of);
        for m in &self.misses {
            println!("  miss {m}");
        }
    }
}

/// Records whose power numbers we knowingly do not reproduce, with the reason.
const KNOWN_POWER: &[(&str, &str)] = &[
    (
        "rgw-openers-125017671",
        "ends with `- Cooldown 10m Z1`; only FTP 290 with Z1 = 140 W reproduces the server's NP, \
         average watts and load together, while the zone probe (FTP 286, a month later) resolved \
         Z1 to 141 W: no rule in the FTP alone gives both, so the athlete's zones differed then",
    ),
    (
        "rgw-openers-102536019",
        "ends with `- Cooldown 10m Z1 …`; only FTP 280 with Z1 between 129 and 134 W reproduces \
         the server's numbers (our rule gives 0.9 × 154 = 138.6 W); zones set differently then",
    ),
];

/// Records whose load we knowingly do not reproduce, with the reason.
const KNOWN_LOADS: &[(&str, &str)] = &[
    (
        "rgw-30-on-30-off-x-10-x-3-107321815",
        "the server's load (96) and intensity were computed over moving_time 4020 s, while its \
         own workout_doc says 4050 s (the text was edited after the load was stored); over \
         4020 s our load is 96",
    ),
    (
        "rgw-nosteps-indoor-cycling-112729720",
        "no steps: the load 14 was supplied by the client",
    ),
    (
        "tp2i-distance-based-None-noupd",
        "load 35 without an intensity on a swim with no thresholds: client-supplied (tp2intervals \
         copies TrainingPeaks TSS)",
    ),
];

/// Whole FTPs near the harvester's estimate that reproduce the server's own load from the
/// server's own NP (`round(hours × (NP / FTP)² × 100)`), nearest first; the FTP the event
/// was planned with is one of them.
fn ftp_candidates(r: &Value, secs: u64) -> Vec<f64> {
    let derived = r["athlete"]["ftp_used_derived"].as_f64();
    let (Some(d), Some(np), Some(load)) = (
        derived,
        doc_or_top(r, "normalized_power").and_then(Value::as_f64),
        r["icu_training_load"].as_f64(),
    ) else {
        return Vec::new();
    };
    let mut c: Vec<f64> = (-4..=4)
        .map(|k| d + f64::from(k))
        .filter(|f| ((secs as f64 / 3600.0) * (np / f).powi(2) * 100.0 + 0.5).floor() == load)
        .collect();
    c.sort_by(|a, b| (a - d).abs().total_cmp(&(b - d).abs()));
    c
}

struct Check<'a> {
    name: &'a str,
    r: &'a Value,
    s: workout_doc::Summary,
}

impl Check<'_> {
    fn np_ok(&self) -> bool {
        let np = doc_or_top(self.r, "normalized_power").and_then(Value::as_u64);
        let aw = doc_or_top(self.r, "average_watts").and_then(Value::as_u64);
        np.is_none_or(|v| u64::from(self.s.normalized_power.unwrap_or(0)) == v)
            && aw.is_none_or(|v| u64::from(self.s.average_watts.unwrap_or(0)) == v)
    }

    fn load_ok(&self) -> bool {
        let l = self.r["icu_training_load"].as_u64();
        l.is_none_or(|l| self.s.training_load == Some(l))
    }
}

/// The summary of a record for its athlete; for `rgw-*` records without a zone table, the
/// FTP is the nearest candidate of [`ftp_candidates`] that reproduces the server's numbers
/// (the nearest candidate when none does).
fn summarise<'a>(name: &'a str, r: &'a Value) -> Option<(Check<'a>, Athlete)> {
    let description = r["description"].as_str()?;
    let w = text::parse(description).unwrap().workout;
    let mut athlete = athlete_for(name, r);
    let secs = r["moving_time"].as_u64().unwrap_or(0);
    if name.starts_with("rgw-") && table_ftp(r).is_none() {
        let cands = ftp_candidates(r, secs);
        let pick = cands
            .iter()
            .find(|f| {
                let a = Athlete {
                    ftp: Some(**f),
                    ..athlete.clone()
                };
                let c = Check {
                    name,
                    r,
                    s: w.summary(&a),
                };
                c.np_ok() && c.load_ok()
            })
            .or(cands.first());
        if let Some(f) = pick {
            athlete.ftp = Some(*f);
        }
    }
    let s = w.summary(&athlete);
    Some((Check { name, r, s }, athlete))
}

#[test]
fn summaries_match_server_numbers() {
    let recs = records();
    if recs.is_empty() {
        return;
    }
    let mut jl = Tally::default();
    let (mut dur, mut dist, mut np, mut aw, mut zt, mut ld, mut it) = Default::default();
    let (dur, dist, np, aw, zt, ld, it): (
        &mut Tally,
        &mut Tally,
        &mut Tally,
        &mut Tally,
        &mut Tally,
        &mut Tally,
        &mut Tally,
    ) = (
        &mut dur, &mut dist, &mut np, &mut aw, &mut zt, &mut ld, &mut it,
    );
    for (name, r) in &recs {
        let Some((c, athlete)) = summarise(name, r) else {
            continue;
        };
        let s = &c.s;
        let _ = c.name;
        let known = KNOWN_POWER.iter().find(|(n, _)| n == name);
        if let Some((_, why)) = known {
            println!("known power mismatch {name}: {why}");
        }
        if let Some(d) = r["workout_doc"]["duration"].as_u64() {
            dur.check(name, s.duration == d, format!("{} vs {d}", s.duration));
        }
        if let Some(d) = r["workout_doc"]["distance"].as_f64() {
            let ok = (s.distance - d).abs() <= 1e-6 * d.max(1.0) + 1e-4;
            dist.check(name, ok, format!("{} vs {d}", s.distance));
        }
        if known.is_some() {
            continue;
        }
        if let Some(v) = doc_or_top(r, "normalized_power").and_then(Value::as_u64) {
            let ours = u64::from(s.normalized_power.unwrap_or(0));
            np.check(
                name,
                ours == v,
                format!("{ours} vs {v} (ftp {:?})", athlete.ftp),
            );
        }
        if let Some(v) = r.get("joules").and_then(Value::as_u64) {
            let ours = s.joules.unwrap_or(0);
            jl.check(name, ours == v, format!("{ours} vs {v}"));
        }
        if let Some(v) = doc_or_top(r, "average_watts").and_then(Value::as_u64) {
            let ours = u64::from(s.average_watts.unwrap_or(0));
            aw.check(name, ours == v, format!("{ours} vs {v}"));
        }
        if let Some(z) = r["workout_doc"]["zoneTimes"].as_array() {
            let theirs: Vec<u64> = z
                .iter()
                .map(|e| e.as_u64().or_else(|| e["secs"].as_u64()).unwrap_or(0))
                .collect();
            let target = r["workout_doc"]["target"].as_str().unwrap_or("");
            let ours = match (target, theirs.len(), z[0].get("secs").is_some()) {
                ("HR", ..) | ("", 5, true) => &s.hr_zone_times,
                ("PACE", ..) => &s.pace_zone_times,
                _ => &s.zone_times,
            };
            let ours: Vec<u64> = ours.iter().map(|z| z.secs).collect();
            zt.check(name, ours == theirs, format!("{ours:?} vs {theirs:?}"));
        }
        if let Some(l) = r["icu_training_load"].as_u64() {
            if let Some((_, why)) = KNOWN_LOADS.iter().find(|(n, _)| n == name) {
                println!("known load mismatch {name}: {why}");
                continue;
            }
            let ours = s.training_load;
            ld.check(
                name,
                ours == Some(l),
                format!(
                    "{ours:?} vs {l} ({:?}, ftp {:?})",
                    s.load_basis, athlete.ftp
                ),
            );
            if let Some(i) = r["icu_intensity"].as_f64() {
                let ours = s.intensity.unwrap_or(f64::NAN);
                it.check(name, (ours - i).abs() < 1e-4, format!("{ours} vs {i}"));
            }
        }
    }
    dur.report("duration");
    dist.report("distance");
    np.report("normalized power");
    aw.report("average watts");
    zt.report("zone times");
    ld.report("training load");
    it.report("intensity");
    jl.report("joules");
    for t in [&*dur, &*dist, &*np, &*aw, &*zt, &*ld, &*it, &jl] {
        assert!(t.misses.is_empty(), "{:?}", t.misses);
    }
}

#[test]
fn zone_target_probes() {
    let recs = records();
    let Some((_, r)) = recs.iter().find(|(n, _)| n == "rgw-zone-target-probes") else {
        return;
    };
    let athlete = Athlete {
        ftp: Some(286.0),
        ..Athlete::default()
    };
    for (label, p) in r["probes"].as_object().unwrap() {
        let w = text::parse(p["description"].as_str().unwrap())
            .unwrap()
            .workout;
        let s = w.summary(&athlete);
        let want = p["server_average_watts"].as_u64().unwrap();
        assert_eq!(s.average_watts.map(u64::from), Some(want), "{label}");
        assert_eq!(s.normalized_power.map(u64::from), Some(want), "{label}");
    }
}

#[test]
fn seed_example() {
    let src = "These are horribly nasty.\nCategory: Horrible\n\n- 20m 60% 90-100rpm\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n\n- 10m 60%\n";
    let w = text::parse(src).unwrap().workout;
    let s = w.summary(&Athlete::default());
    assert_eq!(s.duration, 5640);
    let secs: Vec<u64> = s.zone_times.iter().map(|z| z.secs).collect();
    assert_eq!(secs, [1920, 1800, 0, 0, 1920, 0, 0, 0]);
    assert_eq!(s.training_load, Some(116));
    assert!((s.intensity.unwrap() - 86.04798).abs() < 1e-5);
}

// ---------------------------------------------------------------------------------------
// Per-second reference.

/// Seconds of an interval the way the reference sees them (time steps; distance steps from
/// their pace target, rounded half up).
fn ref_secs(i: &Interval, a: &Athlete) -> u64 {
    match i.length {
        Length::Time(s) => u64::from(s),
        Length::Distance { .. } => {
            let m = i.length.metres().unwrap();
            let v = i
                .pace
                .as_ref()
                .and_then(|t| a.pace_speed(t))
                .map(Amount::mid)
                .or(a.threshold_pace)
                .unwrap_or(0.0);
            if v > 0.0 {
                (m / v + 0.5).floor() as u64
            } else {
                0
            }
        }
    }
}

/// The 1 s power series, repeats unrolled.
fn series(w: &Workout, a: &Athlete) -> (Vec<f64>, Vec<bool>) {
    let mut out = Vec::new();
    let mut mask = Vec::new();
    let mut add = |i: &Interval| {
        let d = ref_secs(i, a);
        let p = i.power.as_ref().and_then(|t| a.power_watts(t));
        for k in 0..d {
            mask.push(p.is_some());
            out.push(match p {
                None => 0.0,
                Some(Amount::Range { start, end }) if i.ramp => {
                    start + (end - start) * (k as f64 + 0.5) / d as f64
                }
                Some(amount) => amount.mid(),
            });
        }
    };
    for s in &w.steps {
        match s {
            Step::Interval(i) => add(i),
            Step::Repeat(r) => {
                for _ in 0..r.reps {
                    r.steps.iter().for_each(&mut add);
                }
            }
        }
    }
    (out, mask)
}

/// (NP, average, zone seconds Z1..Z7 + SS) by brute force.
fn reference(w: &Workout, a: &Athlete) -> (f64, f64, Vec<u64>) {
    let (s, mask) = series(w, a);
    let mut sum4 = 0.0;
    for i in 0..s.len() {
        let win = &s[i.saturating_sub(29)..=i];
        sum4 += (win.iter().sum::<f64>() / win.len() as f64).powi(4);
    }
    let n = s.len().max(1) as f64;
    let bands = a.power_bands();
    let ftp = a.ftp.unwrap();
    let (ss_lo, ss_hi) = (
        (a.sweet_spot.0 * ftp / 100.0 + 1e-9).floor(),
        (a.sweet_spot.1 * ftp / 100.0 + 1e-9).floor(),
    );
    let mut zones = vec![0u64; bands.len() + 1];
    for (p, powered) in s.iter().zip(&mask) {
        if !powered {
            continue;
        }
        let z = bands
            .iter()
            .position(|b| *p <= b.max)
            .unwrap_or(bands.len() - 1);
        zones[z] += 1;
        if *p >= ss_lo && *p <= ss_hi {
            zones[bands.len()] += 1;
        }
    }
    ((sum4 / n).powf(0.25), s.iter().sum::<f64>() / n, zones)
}

fn agrees(w: &Workout, a: &Athlete) -> Result<(), String> {
    let s = w.summary(a);
    let (np, avg, zones) = reference(w, a);
    let ours: Vec<u64> = s.zone_times.iter().map(|z| z.secs).collect();
    let has_power = w.intervals().any(|(_, i)| i.power.is_some());
    if !has_power {
        return Ok(());
    }
    let np_ours = s.normalized_power.map(f64::from);
    if np_ours != Some((np + 0.5).floor()) && (np - np.floor() - 0.5).abs() > 1e-6 {
        return Err(format!("np {np_ours:?} vs {np}"));
    }
    if s.average_watts.map(f64::from) != Some((avg + 0.5).floor())
        && (avg - avg.floor() - 0.5).abs() > 1e-6
    {
        return Err(format!("avg {:?} vs {avg}", s.average_watts));
    }
    if ours != zones {
        return Err(format!("zones {ours:?} vs {zones:?}"));
    }
    Ok(())
}

#[test]
fn analytic_equals_per_second_reference_on_corpus() {
    let recs = records();
    let mut n = 0;
    for (name, r) in &recs {
        let Some(description) = r["description"].as_str() else {
            continue;
        };
        let w = text::parse(description).unwrap().workout;
        let a = athlete_for(name, r);
        if let Err(e) = agrees(&w, &a) {
            panic!("{name}: {e}");
        }
        n += 1;
    }
    println!("analytic = per-second reference on {n} records");
}

fn interval() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => timed_interval(),
        1 => (1u32..3000, 50u32..120).prop_map(|(m, p)| format!("- {m}mtr {p}% Pace")),
    ]
}

fn timed_interval() -> impl Strategy<Value = String> {
    (
        1u32..400,
        prop_oneof![
            (20u32..200).prop_map(|p| format!("{p}%")),
            (20u32..200, 20u32..200).prop_map(|(a, b)| format!("{a}-{b}%")),
            (20u32..200, 20u32..200).prop_map(|(a, b)| format!("ramp {a}-{b}%")),
            (50u32..500).prop_map(|p| format!("{p}w")),
            (1u32..8).prop_map(|z| format!("Z{z}")),
            Just(String::new()),
        ],
    )
        .prop_map(|(s, t)| format!("- {s}s {t}"))
}

fn workout_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            interval(),
            (2u32..60, prop::collection::vec(interval(), 1..4))
                .prop_map(|(n, v)| format!("\n{n}x\n{}\n", v.join("\n"))),
        ],
        1..6,
    )
    .prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn analytic_equals_per_second_reference(src in workout_text(), ftp in 150u32..400) {
        let w = text::parse(&src).unwrap().workout;
        let a = Athlete { ftp: Some(f64::from(ftp)), ..Athlete::default() };
        if let Err(e) = agrees(&w, &a) {
            prop_assert!(false, "{src}\n{e}");
        }
    }
}

/// Compares two resolved objects (`{value?, start, end}`) or numbers within single precision.
fn close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w)))
        }
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= 2e-7 * y.abs().max(1.0)
        }
        _ => a == b,
    }
}

/// Steps of a doc in order, repeat children included.
fn flat(steps: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for s in steps.as_array().into_iter().flatten() {
        match s.get("steps") {
            Some(children) => out.extend(flat(children)),
            None => out.push(s),
        }
    }
    out
}

#[test]
fn resolved_step_fields_match_server() {
    let recs = records();
    let mut t = std::collections::BTreeMap::<&str, Tally>::new();
    for (name, r) in &recs {
        let Some(description) = r["description"].as_str() else {
            continue;
        };
        let w = text::parse(description).unwrap().workout;
        let a = athlete_for(name, r);
        let ours = workout_doc::icu::to_value(&w, &a);
        let (ours, theirs) = (flat(&ours["steps"]), flat(&r["workout_doc"]["steps"]));
        for (k, (o, s)) in ours.iter().zip(&theirs).enumerate() {
            for key in ["_power", "_hr", "_pace", "_distance"] {
                let Some(want) = s.get(key) else { continue };
                let got = o.get(key).unwrap_or(&Value::Null);
                t.entry(key).or_default().check(
                    &format!("{name} step {k}"),
                    close(got, want),
                    format!("{got} vs {want}"),
                );
            }
        }
    }
    for (key, tally) in &t {
        tally.report(key);
    }
    for tally in t.values() {
        assert!(tally.misses.is_empty());
    }
}

fn odd_number() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        Just(Some(0.0)),
        Just(Some(-5.0)),
        Just(Some(f64::NAN)),
        Just(Some(1e-300)),
        Just(Some(1e12)),
        (1.0f64..500.0).prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Whatever the text and thresholds, summaries and JSON never panic.
    #[test]
    fn summary_never_panics(
        src in prop::collection::vec(
            prop_oneof![
                Just("- 10h 100%"), Just("- 1s ramp 0-999%"), Just("- 5km 80% Pace"),
                Just("- 400mtr Z3 Pace"), Just("- 1mtr 0:01/km Pace"), Just("- 2m Z9"),
                Just("- 3m Z0 HR"), Just("- 1m ramp 50-120% LTHR"), Just("- 30s 90% HR"),
                Just("1000000x"), Just("- 1s 99999w"), Just("- 20m 5:00-4:00/km Pace"),
                Just(""), Just("- 1m"), Just("- 100km"),
            ],
            1..12,
        ),
        ftp in odd_number(), lthr in odd_number(), max_hr in odd_number(),
        pace in odd_number(), rest in odd_number(),
    ) {
        let src = src.join("\n");
        if let Ok(p) = text::parse(&src) {
            let a = Athlete {
                ftp, lthr, max_hr, threshold_pace: pace, resting_hr: rest,
                ..Athlete::default()
            };
            let _ = p.workout.summary(&a);
            let _ = workout_doc::icu::to_value(&p.workout, &a);
        }
    }
}
