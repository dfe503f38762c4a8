//! # The workout text language, as this crate reads and writes it
//!
//! This module holds documentation only. Each rule names the real Intervals.icu server
//! record (in the shared corpus, `corpus/icu/<name>.json`) or the source that settles it;
//! where the sources are silent, the rule says **decision** and what this crate chose.
//! `tests/corpus_icu.rs` checks the rules against every record.
//!
//! ## Lines
//! - The text is read line by line (`\n` or `\r\n`); each line is trimmed.
//! - A line whose first character is `-` is a **step line**. Indentation before the dash
//!   is allowed (`  - 60m freeride z2`, record `tp2i-test-workout-31046418-…`) and a space
//!   after it is optional (`-Warm-up 5m 160w`, record `rgw-30-30-vo2-pursuit-block-…`).
//! - A **blank line** closes the open repeat block or warm-up/cool-down section
//!   (46 records whose steps after a blank line sit outside the block).
//! - A line whose **last word** is `Nx` / `NX` (`Main set 4x`, `3x`,
//!   `Durability finish 2× — back-half fade work 2x`) opens a **repeat block**: the step
//!   lines right under it are its steps, and the whole trimmed line is the block's `text`.
//!   `2×` (multiplication sign) and `3 x 5` do not count (records `rgw-nosteps-*`).
//!   **Decision:** a header with no step under it stays a note, so no text is lost; a
//!   repeat header right under a block closes that block (repeats do not nest).
//! - A line `Warmup` or `Cooldown` (any case; `Warm up`, `Warm-up`, `Cool down`,
//!   `Cool-down` too) flags the steps right under it `warmup` / `cooldown`
//!   (record `rgw-3x3min-pursuit-bridge-…`). `- Warmup 10m …` is only step text.
//! - `Category: X` sets [`Workout::category`](crate::Workout) (Intervals.icu writes a
//!   `.zwo` category into text this way); it does not break the paragraph around it.
//! - Every other line is a **note**; consecutive note lines form one paragraph, kept in
//!   [`Workout::notes`](crate::Workout) before the step that follows. The first paragraph
//!   before any step is the workout's description (record `tp2i-test-workout-31046418-…`
//!   keeps only "A steady endurance ride today." of three paragraphs).
//! - A text whose lines give no steps is a workout with no steps, not an error
//!   (the 16 `rgw-nosteps-*` strength-session records).
//!
//! ## Step lines
//! Words are separated by ASCII whitespace. A token counts only when the whole word
//! matches: `500w+` stays text (`- Start — 500w+ 30s 500w` → text `Start — 500w+`,
//! record `rgw-openers-race-starts-…`).
//!
//! - **Text**: the words before the first recognised token, joined by single spaces.
//!   - When that first token is a zone, the text is dropped: `- Easy Z2 — optional … 45m
//!     158w-217w` has no text (record `rgw-easy-z2-45min-…`), `- Z6 1m 113-138%` neither.
//!   - `ramp` among those first words is text, not a flag: `Ramp to failure 1m 140w`
//!     (records `rgw-in-the-red-…`, `rgw-map-ramp-test-…`).
//!   - A word that *ends* in a percent or watt value after punctuation ends the text there
//!     and counts as that value: `… only — <40% MAP. … 30m 150w` has text
//!     `… only — <` (record `rgw-rest-day-protect-saturday-quality-…`; the server stores
//!     the `<` as `&lt;`, and [`icu`](crate::icu) does the same).
//!   - En and em dashes join ranges like `-`: `Easy spin — 40–55% MAP, … 45m 160w-215w`
//!     has text `Easy spin —` (record `rgw-easy-legs-commute-or-short-spin-…`).
//!   - `min` is a minute unit: `- 20min effort 20m 276w-305w` has no text, because
//!     `20min` is its first token (record `rgw-ftp-20-min-test-…`).
//! - **After the text**, each token sets its field; the last of a kind wins
//!   (`- Z6 1m 113-138%` keeps only the percent); a warning names the one replaced.
//!   Words that are not tokens are left out of the tree, as the server leaves them out of
//!   `text` (`Recovery spin, HARD CEILING 150w (RPE 2/10) … 45m 120w-150w` → text
//!   `Recovery spin, HARD CEILING`); each gets a warning with its position.
//! - A step without a duration or distance above zero is dropped with a warning
//!   (`- Cool Down 0s`, `--- Coach Notes ---`; record `rgw-openers-102167943`).
//!
//! | token | examples | field |
//! |---|---|---|
//! | duration | `30s` `10m` `20min` `1h` `1h2m30s` `1m30` `0m10s` `5'` `30"` `1'30"` | `duration` s (`m` is minutes) |
//! | distance | `2km` `0.4km` `500mtr` `1mi` `100yd` | `distance` m |
//! | power | `75%` `95-105%` `54%-66%` `220w` `200-240w` `125w-165w` `Z2` `Z3-Z4` | `%ftp`, `w`, `power_zone` |
//! | heart rate | `70% HR` `75-80% HR` `95% LTHR` `Z2 HR` `Z2-Z3 HR` | `%hr`, `%lthr`, `hr_zone` |
//! | pace | `60% Pace` `78-82% Pace` `Z2 Pace` `5:00/km Pace` `7:15-7:00/km Pace` `1:45/100m Pace` `5:00 Pace` | `%pace`, `pace_zone`, `secs/km`… |
//! | cadence | `90rpm` `90-100rpm` `90 rpm` `40-50 rpm` | `rpm` |
//! | flags | `ramp` `freeride` `maxeffort` `hidepower` `Press lap` | `ramp`, `freeride`, `maxeffort`, `hidepower`, `until_lap_press` |
//! | settings | `intensity=recovery` `power=1s` `hr=3s` `pace=lap` | `intensity`, the target's `target` |
//!
//! Numbers may have decimals (`87.5%`). Zones are whole numbers 1–9. Keywords and units
//! are case-insensitive. **Decisions** where no server record exists: absolute paces are
//! stored as seconds per length with units `secs/km`, `secs/mile`, `secs/100m`,
//! `secs/100y`, `secs/250m`, `secs/400m`, `secs/500m` (`secs` when no length is written),
//! as written (a slower-to-faster range keeps its order); a smoothing setting before its
//! target is ignored with a warning; `yd` is yards.
//!
//! ## Timed prompts
//! Step text may hold prompts shown during the step: `- First 60^30 Second 120^ Third 10m
//! 65%` shows "First" at the start, "Second" 60 s in for 30 s, "Third" 120 s in. They stay
//! in `text` (as the server keeps them) and [`Interval::prompts`](crate::Interval::prompts)
//! splits them.
//!
//! ## Canonical text
//! [`text::write`](crate::text::write) writes notes, runs of plain steps, `Warmup` /
//! `Cooldown` sections and repeat blocks as groups separated by one blank line; the
//! category line follows the first paragraph; each step is
//! `- [text] length [ramp] [power] [hr] [pace] [cadence] [flags] [settings]` with numbers
//! in their shortest form and durations as `1h2m30s`. For every tree the parser makes,
//! `parse(write(w)) == w` and `write(parse(write(w))) == write(w)` (proptest, 10,000
//! cases each, in `tests/roundtrip.rs`).
//!
//! ## How to add a token
//! The words of the language are spelled once, in `src/text/vocab.rs`: the reader takes
//! them from there and the writer writes them from there, so a word added there is read
//! and written alike.
//! 1. **Spell it** in `vocab.rs`. A unit: its model variant (`DistanceUnit`,
//!    `PaceLength`), its word in `distance_unit` / `pace_length` (the compiler asks for
//!    it) and the variant in `DISTANCE_UNITS` / `PaceLength::ALL`; a time unit: an entry
//!    of `TIME_UNITS`. A flag: a `Flag` variant, its word (two words are a phrase, as
//!    `Press lap`) and the interval field it sets. A setting: a `*_KEY`. A word after a
//!    target (`HR`, `Pace`): a constant beside them.
//! 2. **Read it.** A word that starts with a digit gets its shape in `token::numeric`;
//!    other words are told in `step::recognise_at`; what a token sets is `step::apply`.
//! 3. **Write it** in `writer::step_line`, in the canonical order above, from the same
//!    constant.
//! 4. **Test it.** A case and its near misses in the unit tests of `src/text/token.rs`
//!    (`durations`, `distances`, `targets`, `paces`, `settings_and_repeats`); a line in a
//!    fixture of `fixtures/text/`, whose snapshot (`tests/text_fixtures.rs`, reviewed with
//!    `cargo insta review`) shows the tree, the canonical text and the JSON; the token in
//!    the generator of `tests/roundtrip.rs` (`interval()`), so the proptest laws
//!    `parse(write(w)) == w` and `write(parse(write(w))) == write(w)` cover it; a row of
//!    the table above; an entry in `fuzz/dict`. A token the server reads needs its server
//!    record in the shared corpus, checked by `tests/corpus_icu.rs`.
//!
//! ## Known difference from the server
//! One record, `rgw-recovery-spin-3040min-circulation-only-…`, has a cadence
//! `{value: 85}` that the server took from prose (`Cadence 85–95rpm,` with an en dash and
//! a trailing comma). No token rule gives that without breaking `500w+` and `197–256w.`,
//! which the server leaves alone; this crate reads no cadence there.
