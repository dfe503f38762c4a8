//! Named bench inputs shared by the bench targets: our own fixtures, and the real files of
//! `../shared/corpus` read where they are (never copied into the project).
// Each bench target compiles this module on its own and uses part of it.
#![allow(dead_code)]

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

/// The real files of `../shared/corpus/{dir}/` whose names end in `.{ext}`, sorted by
/// name; `None`, with a printed notice, where the corpus is not beside the checkout.
pub fn corpus_files(dir: &str, ext: &str) -> Option<Vec<String>> {
    let dir = format!("{}/../shared/corpus/{dir}", env!("CARGO_MANIFEST_DIR"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("{dir} not found: the benches over it are skipped");
        return None;
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    Some(
        files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect(),
    )
}
