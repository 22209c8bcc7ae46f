//! Fuzzes attribution extraction: any text must give proposals whose offsets
//! are in range and whose `text` is exactly the character slice they name,
//! without a panic, and in time linear in the input (libFuzzer's `-timeout`
//! catches a blow-up).

#![no_main]

use claimtrail_core::extract::{extract, ExtractContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte chooses whether an article date is known, which changes
    // the date resolution paths.
    let ctx = ExtractContext {
        published: (data.first().is_some_and(|b| b % 2 == 0))
            .then(|| chrono::NaiveDate::from_ymd_opt(2025, 7, 4))
            .flatten(),
        ..ExtractContext::default()
    };
    let found = extract(text, &ctx);
    let chars: Vec<char> = text.chars().collect();
    for c in &found.claims {
        assert!(c.start <= c.end && c.end <= chars.len());
        assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.text);
        for m in &c.disputes {
            assert!(m.start <= m.end && m.end <= chars.len());
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
    }
});
