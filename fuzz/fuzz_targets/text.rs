//! Text: parsing never panics, and what parses obeys the round-trip law
//! parse(write(parse(s))) == parse(s).
#![no_main]

use libfuzzer_sys::fuzz_target;
use workout_doc::text;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(first) = text::parse(src) else { return };
    let canonical = text::write(&first.workout);
    let second = text::parse(&canonical).expect("canonical text parses");
    assert_eq!(second.workout, first.workout, "round trip changed the tree:\n{canonical}");
    assert_eq!(text::write(&second.workout), canonical);
});
