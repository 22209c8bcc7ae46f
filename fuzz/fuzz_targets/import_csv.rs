//! Fuzzes the import of the CSV export's own columns: inputs that read as another
//! format are left to the `import` target. See `common::check_import`
//! for the invariants.

#![no_main]

mod common;

use claimtrail_core::interop::import::ImportFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::check_import(data, Some(ImportFormat::Csv));
});
