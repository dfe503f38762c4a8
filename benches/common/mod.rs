//! Named bench inputs shared by the bench targets: our own fixtures, never corpus files.

/// The text fixtures in `fixtures/text/` that parse (`err_*` left out), sorted by name.
pub fn text_fixtures() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/text");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/text")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("err_"))
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read fixture"))
        .collect()
}
