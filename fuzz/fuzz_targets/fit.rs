//! FIT: reading never panics (truncated files, bad CRCs, hostile definitions, repeat steps
//! pointing anywhere), and a file we write reads back to a tree that writes the same bytes
//! again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use workout_doc::{fit, Athlete};

fuzz_target!(|data: &[u8]| {
    let Ok(first) = fit::read(data) else { return };
    let athlete = Athlete::no_thresholds();
    let Ok(written) = fit::write(&first.workout, &athlete) else { return };
    let second = fit::read(&written.file).expect("our own FIT file reads");
    let again = fit::write(&second.workout, &athlete).expect("writes again");
    assert_eq!(again.file, written.file, "write(read(write(w))) changed");
});
