//! Snapshots of our own text fixtures (`fixtures/text/`): the canonical text, warnings and
//! server JSON of each, or, for `err_*` files, the pinned error message and position.
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
fn text_fixtures() {
    let dir = util::root().join("fixtures/text");
    let files = util::files(&dir, "txt");
    assert!(files.len() >= 20, "fixtures missing");
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&path).unwrap();
        let snapshot = match text::parse(&src) {
            Ok(parsed) => {
                assert!(!name.starts_with("err_"), "{name} must fail");
                util::assert_round_trip(&name, &parsed);
                util::describe(&parsed)
            }
            Err(e) => {
                assert!(name.starts_with("err_"), "{name}: {e}");
                format!("error {e}\nspan {:?}\n", e.span().range())
            }
        };
        insta::with_settings!({ description => src, omit_expression => true }, {
            insta::assert_snapshot!(format!("text_{name}"), snapshot);
        });
    }
}
