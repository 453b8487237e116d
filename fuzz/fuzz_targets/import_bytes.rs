//! Any file the user drops: reading and interpreting it returns a preview or an error,
//! never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use okr_sheets::import::{self, Choices};

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = ["plan.xlsx", "plan.csv", "plan.tsv", "plan.ods", "plan.xls", "plan"][which as usize % 6];
    if let Ok(book) = import::read(bytes, name) {
        let preview = import::interpret(&book, &Choices::default());
        let _ = preview.nothing_found_message();
    }
});
