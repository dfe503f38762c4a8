//! Named bounds on input, each with its reason. Readers fail with
//! [`ErrorKind::Limit`](crate::ErrorKind::Limit) past a bound instead of spending unbounded
//! time or memory on hostile input; what they report is bounded too ([`MAX_WARNINGS`],
//! [`MAX_QUOTED_CHARS`]). Every reader works in time and memory linear in its input.

/// Largest input any reader accepts, in bytes: 16 MiB. Real workouts are a few kilobytes;
/// the largest real `.erg` files are well under a megabyte.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Most warnings one read reports: 1,000. Past it the last warning says how many more there
/// were (`5 more warnings left out`), so that hostile input (a million unknown elements)
/// makes neither a million messages nor their memory. Every reader keeps to it.
pub const MAX_WARNINGS: usize = 1000;

/// Longest piece of the input a message quotes, in characters: 80 (a terminal line). A longer one is cut
/// with an ellipsis, and control characters in it are escaped (`\u{1b}`), so that messages
/// stay readable and safe to print.
pub const MAX_QUOTED_CHARS: usize = 80;

/// Largest repeat count: 1,000,000. Summaries multiply instead of unrolling, so this only
/// keeps totals far from integer overflow (10⁶ × a week still fits in `u64` seconds).
pub const MAX_REPEATS: u32 = 1_000_000;

/// Longest single step, in seconds: one week. No planned step lasts longer; `99999999h`
/// is an error rather than a number that overflows later.
pub const MAX_STEP_SECONDS: u32 = 7 * 24 * 3600;

/// Longest single distance step, in metres: 1,000 km.
pub const MAX_STEP_METRES: f64 = 1_000_000.0;

/// Largest target number (watts, percent, rpm, bpm, seconds of pace): 100,000. Keeps
/// arithmetic on targets finite and meaningful.
pub const MAX_TARGET_VALUE: f64 = 100_000.0;

/// Most words in one step line of workout text: 1,000 (real ones have under 30). Bounds the
/// work a line takes (a warning per word, at most), however long.
pub const MAX_STEP_WORDS: usize = 1000;

/// Most intervals in one workout (repeat blocks counted once): 100,000. The longest real
/// workouts have a few hundred; a `.erg` with a million points is refused here.
pub const MAX_STEPS: usize = 100_000;

/// Deepest XML element nesting a `.zwo` reader follows: 32 (real files use 3).
pub const MAX_XML_DEPTH: usize = 32;
