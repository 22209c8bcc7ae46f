//! Names that look alike but are different text: flagged side by side, never
//! merged behind the checker's back.

use chrono::{TimeZone, Utc};
use claimtrail_core::{ActorKind, ActorSpec, LogRequest, Store};

const LATIN: &str = "Petrov";
/// Cyrillic Р (U+0420) and е (U+0435), then Latin "trov".
const CYRILLIC: &str = "\u{0420}\u{0435}trov";

fn said_by(claim: &str, speaker: &str) -> LogRequest {
    LogRequest::new(claim, ActorSpec::named(speaker, ActorKind::Person))
}

#[test]
fn latin_and_cyrillic_look_alikes_stay_two_actors_and_are_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("claims.sqlite3")).unwrap();
    let now = Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap();
    let latin = store.log(&said_by("The bridge was closed on Monday", LATIN), now).unwrap();
    let cyrillic = store.log(&said_by("The bridge was never closed", CYRILLIC), now).unwrap();
    // Logging the Latin name again reuses the Latin actor; the look-alike does not capture it.
    store.log(&said_by("The bridge reopened on Tuesday", LATIN), now).unwrap();

    let actors = store.actors().unwrap();
    assert_eq!(actors.len(), 2, "{actors:?}");
    let l = actors.iter().find(|a| a.name == LATIN).unwrap();
    let c = actors.iter().find(|a| a.name == CYRILLIC).unwrap();
    assert_ne!(l.id, c.id);
    assert_eq!((l.appearances, c.appearances), (2, 1));
    assert_eq!(l.look_alikes.iter().map(|a| (&a.id, &a.name)).collect::<Vec<_>>(), vec![(&c.id, &c.name)]);
    assert_eq!(c.look_alikes.iter().map(|a| (&a.id, &a.name)).collect::<Vec<_>>(), vec![(&l.id, &l.name)]);
    assert!(c.mixed_script);
    assert!(!l.mixed_script);

    // The profile carries the same warning, and each claim keeps its own speaker.
    let profile = store.actor_profile(CYRILLIC).unwrap();
    assert_eq!(profile.actor.look_alikes.len(), 1);
    assert_eq!(profile.originated.len(), 1);
    assert_eq!(store.show(&latin.claim_id).unwrap().appearances[0].actor, LATIN);
    assert_eq!(store.show(&cyrillic.claim_id).unwrap().appearances[0].actor, CYRILLIC);

    // Only an explicit merge joins them; then nothing is left to flag.
    store.merge_actors(LATIN, &c.id, now).unwrap();
    let after = store.actors().unwrap();
    assert_eq!(after.len(), 1);
    assert!(after[0].look_alikes.is_empty());
    assert_eq!(after[0].aliases, vec![CYRILLIC.to_string()]);
}

#[test]
fn composed_and_decomposed_names_are_one_actor_and_not_look_alikes() {
    let mut store = Store::open_in_memory().unwrap();
    let now = Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap();
    store.log(&said_by("One", "P\u{00e9}rez"), now).unwrap();
    store.log(&said_by("Two", "Pe\u{0301}rez"), now).unwrap();
    let actors = store.actors().unwrap();
    assert_eq!(actors.len(), 1);
    assert_eq!(actors[0].appearances, 2);
    assert!(actors[0].look_alikes.is_empty());
}

#[test]
fn a_name_hidden_behind_bidi_and_zero_width_characters_is_kept_exactly_and_flagged_as_a_look_alike() {
    let mut store = Store::open_in_memory().unwrap();
    let now = Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap();
    let hidden = "Pet\u{200B}rov\u{202E}";
    store.log(&said_by("One", LATIN), now).unwrap();
    store.log(&said_by("Two", hidden), now).unwrap();
    let actors = store.actors().unwrap();
    assert_eq!(actors.len(), 2);
    let h = actors.iter().find(|a| a.name == hidden).expect("stored byte-exact");
    assert_eq!(h.look_alikes.len(), 1, "{h:?}");
}

#[test]
fn look_alikes_recorded_before_the_look_key_column_are_flagged_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.sqlite3");
    let now = Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap();
    {
        let mut store = Store::open(&path).unwrap();
        store.log(&said_by("The bridge was closed on Monday", LATIN), now).unwrap();
        store.log(&said_by("The bridge was never closed", CYRILLIC), now).unwrap();
    }
    {
        // The database as the build before migration 0004 left it (the
        // later migrations undone too).
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "ALTER TABLE appearance DROP COLUMN role; ALTER TABLE document DROP COLUMN csl; DROP TABLE verdict_conflict; DROP INDEX verdict_claim_at;
             DROP INDEX appearance_actor_live; DROP INDEX claim_deleted; DROP TABLE audit_subject;
             DROP TRIGGER actor_block_on_insert; DROP TRIGGER actor_block_on_update; DROP TRIGGER actor_block_on_delete;
             DROP TRIGGER actor_block_on_alias_insert; DROP TRIGGER actor_block_on_alias_update;
             DROP TRIGGER actor_block_on_alias_delete; DROP TRIGGER actor_block_on_domain_insert;
             DROP TRIGGER actor_block_on_domain_update; DROP TRIGGER actor_block_on_domain_delete;
             DROP TABLE actor_block_key; DROP TABLE actor_block_stale;
             DROP VIEW live_relay; DROP VIEW live_appearance; DROP VIEW live_claim; DROP TABLE undo_step;
             ALTER TABLE relay DROP COLUMN deleted_at; ALTER TABLE appearance DROP COLUMN deleted_at;
             ALTER TABLE claim DROP COLUMN deleted_at;
             DROP TABLE claim_note; DROP TABLE record_handle; DROP VIEW handle_request;
             DROP TRIGGER claim_handle_ai; DROP TRIGGER appearance_handle_ai; DROP TRIGGER actor_handle_ai;
             DROP TRIGGER document_handle_ai; DROP TRIGGER claim_handle_ad; DROP TRIGGER appearance_handle_ad;
             DROP TRIGGER actor_handle_ad; DROP TRIGGER document_handle_ad;
             DROP INDEX claim_due; DROP INDEX claim_assignee; DROP INDEX claim_tag_tag;
             ALTER TABLE claim DROP COLUMN review_url; ALTER TABLE claim DROP COLUMN assignee;
             ALTER TABLE claim DROP COLUMN due;
             DROP TABLE actor_distinct; DROP INDEX claim_merged_into; ALTER TABLE claim DROP COLUMN merged_into;
             DROP INDEX actor_live_look_key; ALTER TABLE actor DROP COLUMN look_key; PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let version: i64 = store.connection().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, claimtrail_core::SCHEMA_VERSION);
    let actors = store.actors().unwrap();
    assert_eq!(actors.len(), 2);
    assert!(actors.iter().all(|a| a.look_alikes.len() == 1), "{actors:?}");
    let unfilled: i64 =
        store.connection().query_row("SELECT count(*) FROM actor WHERE look_key IS NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(unfilled, 0);
}
