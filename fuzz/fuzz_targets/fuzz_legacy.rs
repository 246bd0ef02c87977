//! The legacy STEO fixed-width reader and its conversion to DXP CSV, on any file, read as each
//! of the five legacy kinds. The invariants are `dxp_formats::fuzzing::check_legacy`'s;
//! `formats/tests/fuzz_corpus.rs` replays the corpus with the same function.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(message) = dxp_formats::fuzzing::check_legacy(data) {
        panic!("{message}");
    }
});
