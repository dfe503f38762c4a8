//! Every reader on hostile shapes of input, each at two sizes (4x apart), checked by what
//! they do rather than how long they take: the warnings kept stay at the cap while the
//! count of those left out grows with the input, positions are counted to the end (the
//! last line number is the input's), and the heap a read needs stays under 9x the input
//! (with the input itself, under 10x). A shape past a bound of `limits` is refused at both
//! sizes, within the same heap. (The shapes make warnings, not steps: the steps of a
//! workout take a few hundred bytes each, bounded in all by `limits::MAX_STEPS`.)
#![cfg(not(target_arch = "wasm32"))]
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use peak_alloc::PeakAlloc;
use workout_doc::{limits, ErrorKind, Format};

// One test in this file: the peak is the process's, and tests run on parallel threads.
#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

const KIB: usize = 1024;

/// `unit` repeated to about `size` bytes between `head` and `tail`.
fn fill(unit: &str, size: usize, head: &str, tail: &str) -> String {
    let n = (size - head.len() - tail.len()) / unit.len();
    [head, &unit.repeat(n), tail].concat()
}

/// A hostile shape: its name, format, and input of about the given size.
type Shape = (&'static str, Format, fn(usize) -> String);

/// One step line with a replaced target per word: over `limits::MAX_STEP_WORDS`.
const REFUSED: Shape = ("text: one line", Format::Text, |s| {
    fill(" 1%", s, "- 8m", "")
});

const SHAPES: [Shape; 7] = [
    // Step lines of 100 lengths: 99 warnings a line.
    ("text: many warnings", Format::Text, |s| {
        fill(&format!("- 1m{}\n", " 1m".repeat(99)), s, "", "")
    }),
    // The same, lines ended by a lone CR.
    ("text: lone CR", Format::Text, |s| {
        fill(&format!("- 1m{}\r", " 1m".repeat(99)), s, "", "")
    }),
    // Empty steps, one warning each.
    ("json: empty steps", Format::Json, |s| {
        fill("{},\n", s, "{\"steps\":[", "{}]}")
    }),
    // Steps with an unknown field and no length, minified on one line.
    ("json: one line", Format::Json, |s| {
        fill("{\"zz\":1},", s, "{\"steps\":[", "{}]}")
    }),
    // Unknown elements.
    ("zwo: unknown elements", Format::Zwo, |s| {
        fill(
            "<Foo/>\n",
            s,
            "<workout_file><workout>\n",
            "</workout></workout_file>",
        )
    }),
    // Text events before the first block, on one line.
    ("zwo: text events", Format::Zwo, |s| {
        fill(
            "<textevent timeoffset=\"0\" message=\"x\"/>",
            s,
            "<workout_file><workout>",
            "</workout></workout_file>",
        )
    }),
    // Lines outside any section.
    ("mrc: lines outside a section", Format::Mrc, |s| {
        fill(
            "x\n",
            s,
            "",
            "[COURSE HEADER]\nMINUTES PERCENT\n[END COURSE HEADER]\n[COURSE DATA]\n0 50\n1 50\n[END COURSE DATA]",
        )
    }),
];

/// Lines as positions count them: `\n`, `\r\n` and a lone `\r` end a line.
fn lines(src: &str) -> usize {
    1 + src.matches('\n').count() + src.matches('\r').count() - src.matches("\r\n").count()
}

/// Reads `src` as `format`, and checks the heap that took.
fn read(name: &str, format: Format, src: &str) -> Result<workout_doc::Parsed, workout_doc::Error> {
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let read = format.read(src);
    let heap = HEAP.peak_usage() - before;
    assert!(
        heap < 9 * src.len(),
        "{name}, {} B: {heap} B of heap, {}x the input",
        src.len(),
        heap / src.len()
    );
    read
}

#[test]
fn hostile_shapes_scale_linearly() {
    let (name, format, make) = REFUSED;
    for size in [256 * KIB, 1024 * KIB] {
        let e = read(name, format, &make(size)).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Limit { .. }), "{name}: {e}");
    }
    for (name, format, make) in SHAPES {
        let mut made = Vec::new();
        for size in [256 * KIB, 1024 * KIB] {
            let src = make(size);
            let parsed = read(name, format, &src).unwrap();
            assert_eq!(parsed.warnings.len(), limits::MAX_WARNINGS, "{name}");
            let last = parsed.warnings.last().unwrap();
            let more: usize = last
                .message
                .strip_suffix(" more warnings left out")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{name}: {}", last.message));
            assert_eq!(
                last.line as usize,
                lines(&src),
                "{name}: counted to the end"
            );
            // All the warnings the read made: those kept, and those it only counted.
            made.push(more + limits::MAX_WARNINGS - 1);
        }
        // Every warning was counted, none kept past the cap: 4x the input, about 4x as many.
        let ratio = made[1] as f64 / made[0] as f64;
        assert!((3.9..4.1).contains(&ratio), "{name}: {made:?}");
    }
}
