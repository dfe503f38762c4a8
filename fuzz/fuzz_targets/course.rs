//! .mrc and .erg (one shared course reader/writer): reading never panics, and a file we
//! write reads back to a tree that writes the same file again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use workout_doc::{erg, mrc, Athlete};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let athlete = Athlete { ftp: Some(250.0), ..Athlete::default() };
    if let Ok(first) = mrc::read(src) {
        if let Ok(written) = mrc::write_with(&first.workout, &athlete) {
            let second = mrc::read(&written.file).expect("our own .mrc reads");
            let again = mrc::write_with(&second.workout, &athlete).expect("writes again");
            assert_eq!(again.file, written.file, ".mrc write(read(write(w))) changed");
        }
    }
    if let Ok(first) = erg::read(src) {
        if let Ok(written) = erg::write_with(&first.workout, &athlete) {
            let second = erg::read(&written.file).expect("our own .erg reads");
            let again = erg::write_with(&second.workout, &athlete).expect("writes again");
            assert_eq!(again.file, written.file, ".erg write(read(write(w))) changed");
        }
    }
});
