//! # The workout text language, as this crate reads and writes it
//!
//! This module holds documentation only. Each rule names the real Intervals.icu server
//! record (in the shared corpus, `corpus/icu/`) or the source that settles it; where the
//! sources are silent, the rule says what this crate decided.
//!
//! ## Lines
//! - The text is read line by line (`\n` or `\r\n`); each line is trimmed.
//! - A line whose first character is `-` is a **step line** (a space after the dash is
//!   optional: `-Warm-up 5m 160w`).
//! - A **blank line** closes the open repeat block or warm-up/cool-down section.
//! - A line whose **last word** is `Nx` (`Main set 4x`, `3x`) opens a **repeat block**: the
//!   step lines right under it are its steps; the whole trimmed line is the block's `text`.
//!   A header with no steps under it stays a note (decision: nothing is lost).
//! - A line `Warmup` or `Cooldown` (any case, also `Warm up`, `Warm-up`, `Cool down`,
//!   `Cool-down`) flags the steps right under it `warmup` / `cooldown`.
//! - `Category: X` sets the workout's category (how Intervals.icu writes a `.zwo` category
//!   into text).
//! - Every other line is a **note**; consecutive note lines form one paragraph. The first
//!   paragraph before any step is the workout's description.
//!
//! ## Step lines
//! Words are separated by whitespace; a token counts only when the whole word matches
//! (`500w+`, `(68%` are not tokens). The words before the first recognised token are the
//! step's text, unless that first token is a zone (`- Easy Z2 … 45m` has no text).
//! `ramp` among those first words is text (`Ramp to failure 1m 140w`). After the text, each
//! token sets its field and the last of a kind wins (a warning names the one replaced);
//! words that are not tokens are reported as warnings and left out of the tree, as the
//! server leaves them out of `text`.
//!
//! | token | examples |
//! |---|---|
//! | duration | `30s` `10m` `1h` `1h2m30s` `1m30` `0m10s` `5'` `30"` `1'30"` (`m` is minutes) |
//! | distance | `2km` `0.4km` `500mtr` `1mi` `100yd` |
//! | power | `75%` `95-105%` `54%-66%` `220w` `200-240w` `125w-165w` `Z2` `Z3-Z4` |
//! | heart rate | `70% HR` `75-80% HR` `95% LTHR` `Z2 HR` `Z2-Z3 HR` |
//! | pace | `60% Pace` `78-82% Pace` `Z2 Pace` `5:00/km Pace` `7:15-7:00/km Pace` `1:45/100m Pace` |
//! | cadence | `90rpm` `90-100rpm` `90 rpm` `40-50 rpm` |
//! | flags | `ramp` `freeride` `maxeffort` `hidepower` `Press lap` |
//! | settings | `intensity=recovery` `power=1s` `hr=3s` `pace=lap` |
//!
//! A step without a duration or distance above zero is dropped with a warning
//! (`- Cool Down 0s`), as the server drops it.
