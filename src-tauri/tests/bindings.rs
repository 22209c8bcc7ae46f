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

/// The window words a candidate's reason as the CLI does (`MatchReason::describe`);
/// `ui/src/lib/words.ts` holds the same words, checked here.
#[test]
fn the_window_words_match_reasons_as_the_core_does() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/words.ts");
    let words = std::fs::read_to_string(&path).unwrap();
    for reason in claimtrail_core::identity::MatchReason::ALL {
        let (key, said) = (reason.as_str(), reason.describe());
        let quoted = [format!("{key}: '{said}',"), format!("{key}: \"{said}\",")];
        assert!(quoted.iter().any(|q| words.contains(q)), "{} lacks `{}`", path.display(), quoted[0]);
    }
}
