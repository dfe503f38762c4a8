//! .zwo: reading never panics (hostile XML, entities, deep nesting), and a file we write
//! reads back to a tree that writes the same file again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use workout_doc::{zwo, Athlete};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(first) = zwo::read(src) else { return };
    let athlete = Athlete { ftp: Some(250.0), ..Athlete::default() };
    let Ok(written) = zwo::write_with(&first.workout, &athlete) else { return };
    let second = zwo::read(&written.file).expect("our own .zwo reads");
    let again = zwo::write_with(&second.workout, &athlete).expect("writes again");
    assert_eq!(again.file, written.file, "write(read(write(w))) changed");
});
