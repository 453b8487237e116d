//! Stored text is untrusted (edited by hand, truncated, written by another version):
//! decoding must return an error, never panic, and whatever it accepts must keep the plan's
//! rules (`validate::plan`) and survive a save/load round trip unchanged, both as one text and
//! as the database's records (a head and one record per objective, put back together).
#![no_main]

use libfuzzer_sys::fuzz_target;
use okr_core::{store, stored_plan, validate};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(checked) = store::decode_checked(&text) {
        let plan = checked.plan;
        // A plan decoding accepts keeps every rule the commands keep.
        validate::plan(&plan).expect("a decoded plan is valid");
        let stored = store::encode(&plan).expect("encodes");
        let again = store::decode(&stored).expect("our own encoding decodes");
        assert_eq!(again, plan);
        let delta = stored_plan::delta(&mut None, &plan).expect("encodes");
        let records = delta.puts.into_iter().collect();
        let assembled =
            stored_plan::assemble_records(store::SCHEMA_VERSION, &delta.head, &delta.order, &records)
                .expect("records put back together");
        let back = store::decode_checked(&assembled).expect("the records decode");
        assert!(back.is_complete(), "{:?}", back.unknown);
        assert_eq!(back.plan, plan);
    }
    // Any text as a head record, with the input's halves as its only objective's record.
    let mid = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let (head, record) = text.split_at(mid);
    let records = std::iter::once((1u64, record.to_string())).collect();
    if let Ok(assembled) = stored_plan::assemble_records(store::SCHEMA_VERSION, head, &[1], &records) {
        let _ = store::decode_checked(&assembled);
    }
});
