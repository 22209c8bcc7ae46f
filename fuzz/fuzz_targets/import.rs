//! Fuzzes the import entry point: any bytes go through format detection and,
//! whatever format they read as, into a fresh database. See
//! `common::check_import` for the invariants.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::check_import(data, None);
});
