//! Every real workout text in `../shared/corpus/texts/` parses (warnings allowed), keeps the
//! round-trip laws, and is snapshot-tested.
#![cfg(not(target_arch = "wasm32"))]
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod util;

use workout_doc::text;

#[test]
fn corpus_texts_parse_and_round_trip() {
    let Some(dir) = util::corpus("texts") else {
        return;
    };
    let files = util::files(&dir, "txt");
    let mut warnings = 0;
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(path).unwrap();
        let parsed = text::parse(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        warnings += parsed.warnings.len();
        util::assert_round_trip(&name, &parsed);
        insta::with_settings!({ description => src, omit_expression => true }, {
            insta::assert_snapshot!(format!("corpus_text_{name}"), util::describe(&parsed));
        });
    }
    println!("corpus texts: {} parsed, {warnings} warnings", files.len());
    assert_eq!(files.len(), 67);
}
