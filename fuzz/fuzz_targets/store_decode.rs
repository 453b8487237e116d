//! Stored text is untrusted (edited by hand, truncated, written by another version):
//! decoding must return an error, never panic, and whatever it accepts must survive a
//! save/load round trip unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use okr_grid::store;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(plan) = store::decode(&text) {
        let again = store::decode(&store::encode(&plan)).expect("our own encoding decodes");
        assert_eq!(again, plan);
    }
});
