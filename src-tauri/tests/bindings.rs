//! The committed TypeScript bindings must match the Rust types: a field added
//! in the core without regenerating them would otherwise reach the UI as
//! `undefined` at run time.

use std::path::Path;

use claimtrail_desktop::bindings::{typescript, BINDINGS_PATH};

mod command_types;

/// The bindings the UI reads: the types, then each command's arguments and answer.
fn bindings() -> String {
    let types = typescript();
    let commands = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands.rs")).unwrap();
    let signatures = command_types::signatures(&commands, &command_types::declared(&types)).unwrap();
    let mut named: Vec<&str> = signatures.iter().map(|s| s.name.as_str()).collect();
    named.sort();
    let mut listed = claimtrail_desktop::COMMANDS.to_vec();
    listed.sort();
    assert_eq!(named, listed, "the #[tauri::command] functions of commands.rs are the commands of COMMANDS");
    format!("{types}\n{}", command_types::typescript(&signatures))
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
    let fresh = bindings();
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

/// The signature reader refuses what it cannot type, and names arguments as
/// `invoke` does; a command the UI calls with a wrong argument then fails svelte-check in `npm run build`.
#[test]
fn command_signatures_are_typed_or_refused() {
    let known = vec!["ListFilter".to_string(), "ClaimSummary".to_string()];
    let good = "#[tauri::command]\npub async fn list_claims(db: State<'_, OpenStore>, filter: ListFilter, file_name: Option<String>, ids: Vec<u32>) -> Reply<Vec<ClaimSummary>> { todo!() }\n\
                fn helper() {}";
    let sigs = command_types::signatures(good, &known).unwrap();
    assert_eq!(sigs.len(), 1);
    let ts = command_types::typescript(&sigs);
    assert!(ts.contains("list_claims: { filter: ListFilter; fileName?: string | null; ids: Array<number> };"), "{ts}");
    assert!(ts.contains("list_claims: Array<ClaimSummary>;"), "{ts}");
    let unknown = "#[tauri::command]\npub async fn f(x: Mystery) -> Reply<()> { todo!() }";
    let err = command_types::signatures(unknown, &known).err().unwrap();
    assert!(err.contains("Mystery"), "{err}");
    let untyped = "#[tauri::command]\npub async fn f() -> Option<()> { todo!() }";
    assert!(command_types::signatures(untyped, &known).is_err());
}
