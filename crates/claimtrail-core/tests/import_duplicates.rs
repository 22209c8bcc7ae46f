//! Issue 13, item 2: an import cannot ask which actor a name means. It
//! resolves exact names and aliases, creates the rest, and lists each actor
//! it created that may be one already here, with the candidates and why.
//! Imports of real CSV files into real SQLite files.

use chrono::{TimeZone, Utc};
use claimtrail_core::identity::MatchReason;
use claimtrail_core::interop::import_file;
use claimtrail_core::{ActorKind, ActorName, ActorSpec, ImportReport, LogRequest, RelayStep, Store};

struct Desk {
    dir: tempfile::TempDir,
    store: Store,
}

impl Desk {
    /// A database in which "Leonid Pasechnik" said something Al Jazeera relayed.
    fn with_pasechnik() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
        let mut req = LogRequest::new(
            "Luhansk is fully under Russian control",
            ActorSpec::named("Leonid Pasechnik", ActorKind::Person),
        );
        req.relays.push(RelayStep::cites(ActorSpec::named("Al Jazeera", ActorKind::Outlet)));
        store.log(&req, now()).unwrap();
        Desk { dir, store }
    }

    /// Imports a CSV of `(claim, actor, kind)` rows, one appearance each.
    fn import(&mut self, file: &str, rows: &[(&str, &str, &str)]) -> ImportReport {
        let mut csv = String::from("appearance_id,claim,actor,actor_kind,stance\n");
        for (claim, actor, kind) in rows {
            let n = csv.lines().count();
            let tag = file.len();
            csv.push_str(&format!("01a24e7f-0000-7000-8{tag:03}-{n:012},{claim},{actor},{kind},asserts\n"));
        }
        let path = self.dir.path().join(file);
        std::fs::write(&path, csv).unwrap();
        import_file(&mut self.store, &path, now()).unwrap()
    }

    fn id(&self, name: &str) -> String {
        self.store.resolve_actor(name).unwrap().id
    }

    fn named(&self, name: &str) -> ActorName {
        ActorName { id: self.id(name), name: name.to_string() }
    }
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap()
}

/// `(new, [(candidate, reason)])` of each listed actor, by name.
fn listed(report: &ImportReport) -> Vec<(&str, Vec<(&str, MatchReason)>)> {
    report
        .possible_duplicates
        .iter()
        .map(|d| (d.new.name.as_str(), d.candidates.iter().map(|c| (c.name.as_str(), c.reason)).collect()))
        .collect()
}

#[test]
fn an_imported_spelling_of_a_known_actor_is_listed_and_an_exact_name_is_not() {
    let mut desk = Desk::with_pasechnik();
    let report = desk.import(
        "desk.csv",
        &[
            ("Severodonetsk has fallen", "Leonid Pasechnick", "person"),
            ("Lysychansk has fallen", "leonid  PASECHNIK", "person"),
            ("Nothing to report", "Ekaterina Mizulina", "person"),
        ],
    );
    // The exact name resolved; the rest were created, as before.
    assert_eq!((report.added.actors, report.existing.actors), (2, 1));
    assert_eq!(listed(&report), [("Leonid Pasechnick", vec![("Leonid Pasechnik", MatchReason::Transliteration)])]);
    let pair = &report.possible_duplicates[0];
    assert_eq!(pair.new, desk.named("Leonid Pasechnick"));
    assert_eq!(pair.candidates[0].id, desk.id("Leonid Pasechnik"));
    // The list is what `actors --duplicates` shows for the new actor.
    let pairs = desk.store.duplicate_actors().unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!((&pairs[0].a.name, &pairs[0].b.name), (&"Leonid Pasechnik".to_string(), &pair.new.name));

    // Importing the same file again creates nobody, so lists nobody.
    let again = desk.import("desk.csv", &[("Severodonetsk has fallen", "Leonid Pasechnick", "person")]);
    assert_eq!(again.added.actors, 0);
    assert!(again.possible_duplicates.is_empty(), "{:?}", again.possible_duplicates);
}

#[test]
fn two_spellings_new_in_one_import_are_listed_each_with_the_other_and_what_was_here() {
    let mut desk = Desk::with_pasechnik();
    let report = desk.import(
        "wires.csv",
        &[
            ("Kharkiv was shelled", "Al-Jazeera", "outlet"),
            ("Kharkiv was shelled", "Aljazeera", "outlet"),
            ("Kharkiv was shelled", "Reuters", "agency"),
        ],
    );
    assert_eq!(report.added.actors, 3);
    assert_eq!(
        listed(&report),
        [
            ("Al-Jazeera", vec![("Al Jazeera", MatchReason::Spelling), ("Aljazeera", MatchReason::Spelling)]),
            ("Aljazeera", vec![("Al Jazeera", MatchReason::Spelling), ("Al-Jazeera", MatchReason::Spelling)]),
        ]
    );
}

#[test]
fn a_pair_decided_distinct_is_not_listed() {
    let mut desk = Desk::with_pasechnik();
    let report = desk.import(
        "desk.csv",
        &[("Severodonetsk has fallen", "Leonid Pasechnick", "person"), ("Kharkiv was shelled", "Al-Jazeera", "outlet")],
    );
    let new_ids: Vec<String> = report.possible_duplicates.iter().map(|d| d.new.id.clone()).collect();
    assert_eq!(desk.store.possible_duplicates(&new_ids).unwrap(), report.possible_duplicates);

    desk.store.mark_distinct("Leonid Pasechnick", "Leonid Pasechnik", now()).unwrap();
    let left = desk.store.possible_duplicates(&new_ids).unwrap();
    assert_eq!(left.iter().map(|d| d.new.name.as_str()).collect::<Vec<_>>(), ["Al-Jazeera"]);
    // A third spelling imported later still meets both, but not the pair decided apart.
    let later = desk.import("later.csv", &[("Rubizhne has fallen", "Leonid Pasechnyk", "person")]);
    let offered: Vec<&str> = later.possible_duplicates[0].candidates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(offered, ["Leonid Pasechnick", "Leonid Pasechnik"]);
}
