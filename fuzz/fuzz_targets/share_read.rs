//! A share link comes from whoever sent it: reading any fragment must return an error, never
//! panic, and a plan it accepts must make a link that reads back to the same plan.
#![no_main]

use libfuzzer_sys::fuzz_target;
use okr_core::share;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Raw fragments, and the same bytes as a well-formed link's body (reaching inflate).
    let _ = share::read(&text);
    let body = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, data);
    if let Ok(plan) = share::read(&format!("{}{body}", share::PREFIX)) {
        if let Ok(link) = share::fragment(&plan) {
            assert_eq!(share::read(&link).expect("our own link reads"), plan);
        }
    }
});
