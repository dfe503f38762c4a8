//! Text: parsing never panics, the fast reader for usual step lines gives exactly what the
//! general reader gives, and what parses obeys the round-trip law
//! parse(write(parse(s))) == parse(s).
#![no_main]

use libfuzzer_sys::fuzz_target;
use workout_doc::text;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let parsed = text::parse(src);
    assert_eq!(
        format!("{parsed:?}"),
        format!("{:?}", text::parse_general(src)),
        "the fast and general readers differ"
    );
    let Ok(first) = parsed else { return };
    let canonical = text::write(&first.workout);
    let second = text::parse(&canonical).expect("canonical text parses");
    assert_eq!(second.workout, first.workout, "round trip changed the tree:\n{canonical}");
    assert_eq!(text::write(&second.workout), canonical);
});
