//! The committed TypeScript bindings must match the Rust types: a field added
//! in the core without regenerating them would otherwise reach the UI as
//! `undefined` at run time.

use std::path::Path;

use claimtrail_desktop::bindings::{typescript, BINDINGS_PATH};

#[test]
fn typescript_bindings_are_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
    let fresh = typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale; run `UPDATE_BINDINGS=1 cargo test -p claimtrail-desktop --test bindings` and commit it",
        path.display()
    );
}
