//! A role belongs to the appearance that gave it: what one article called a
//! person does not rewrite what another called him, and changing his usual
//! role is an explicit choice. Data recorded before roles were kept per
//! appearance keeps showing what it showed.

use claimtrail_core::{ActorKind, ActorSpec, LogRequest, Store};

fn now() -> chrono::DateTime<chrono::Utc> {
    "2025-07-06T10:00:00Z".parse().unwrap()
}

fn log(store: &mut Store, claim: &str, role: Option<&str>, update_role: bool) -> String {
    let mut speaker = ActorSpec::named("Leonid Pasechnik", ActorKind::Person);
    speaker.role = role.map(str::to_string);
    speaker.update_role = update_role.then_some(true);
    store.log(&LogRequest::new(claim, speaker), now()).unwrap().claim_id
}

/// The role shown on a claim's page for its one appearance.
fn shown_role(store: &Store, claim: &str) -> Option<String> {
    store.show(claim).unwrap().appearances[0].actor_role.clone()
}

fn usual_role(store: &Store) -> Option<String> {
    store.actors().unwrap().into_iter().find(|a| a.name == "Leonid Pasechnik").unwrap().role
}

#[test]
fn a_role_typed_for_one_claim_leaves_the_actors_other_appearances_as_they_were() {
    let mut store = Store::open_in_memory().unwrap();
    let first = log(&mut store, "Luhansk is fully under Russian control", Some("Russian-installed governor"), false);
    assert_eq!(usual_role(&store).as_deref(), Some("Russian-installed governor"), "a new actor takes it as usual");

    let second =
        log(&mut store, "The region's water supply is restored", Some("head of the occupation authority"), false);
    assert_eq!(shown_role(&store, &second).as_deref(), Some("head of the occupation authority"));
    assert_eq!(shown_role(&store, &first).as_deref(), Some("Russian-installed governor"), "the older claim unchanged");
    assert_eq!(usual_role(&store).as_deref(), Some("Russian-installed governor"), "the usual role unchanged");

    // Asked for: the usual role changes; appearances with their own role keep it.
    let third = log(&mut store, "Schools reopen on Monday", Some("self-styled governor"), true);
    assert_eq!(usual_role(&store).as_deref(), Some("self-styled governor"));
    assert_eq!(shown_role(&store, &third).as_deref(), Some("self-styled governor"));
    assert_eq!(shown_role(&store, &first).as_deref(), Some("Russian-installed governor"));
    // An appearance logged with no role shows the usual one.
    let fourth = log(&mut store, "The bridge is closed", None, false);
    assert_eq!(shown_role(&store, &fourth).as_deref(), Some("self-styled governor"));
}

#[test]
fn appearances_recorded_before_roles_were_kept_per_appearance_still_show_the_actors_role() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("before.sqlite3");
    let claim = {
        let mut store = Store::open(&path).unwrap();
        log(&mut store, "Luhansk is fully under Russian control", Some("Russian-installed governor"), false)
    };
    {
        // The database as the build before migration 0014 left it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        conn.execute_batch(&format!("ALTER TABLE appearance DROP COLUMN role; PRAGMA user_version = {};", version - 1))
            .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(shown_role(&store, &claim).as_deref(), Some("Russian-installed governor"));
    // A later claim's own role does not reach back into it.
    log(&mut store, "The region's water supply is restored", Some("head of the occupation authority"), false);
    assert_eq!(shown_role(&store, &claim).as_deref(), Some("Russian-installed governor"));
}
