//! The DXP CSV reader, on any file, read as each of the six SDR files. The invariants are
//! `dxp_formats::fuzzing::check_csv`'s; `formats/tests/fuzz_corpus.rs` replays the corpus with
//! the same function.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(message) = dxp_formats::fuzzing::check_csv(data) {
        panic!("{message}");
    }
});
