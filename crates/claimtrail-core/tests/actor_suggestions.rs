//! The actor autocomplete reads a page of matching actors, not the whole table.

use chrono::{TimeZone, Utc};
use claimtrail_core::{ActorKind, ActorSpec, LogRequest, Store};

fn store_with(names: &[(&str, ActorKind)]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let now = Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap();
    for (i, (name, kind)) in names.iter().enumerate() {
        store.log(&LogRequest::new(&format!("Claim number {i}"), ActorSpec::named(name, *kind)), now).unwrap();
    }
    store
}

fn names(store: &Store, typed: &str, limit: usize) -> Vec<String> {
    store.suggest_actors(typed, limit).unwrap().into_iter().map(|a| a.name).collect()
}

#[test]
fn word_prefixes_match_any_word_of_a_name_or_alias_in_name_order() {
    let mut store = store_with(&[
        ("Al Jazeera", ActorKind::Outlet),
        ("Alexander Ushakov", ActorKind::Person),
        ("Igor Pasechnik", ActorKind::Person),
        ("Pérez", ActorKind::Person),
        ("RIA Novosti", ActorKind::Outlet),
    ]);
    store.add_actor_alias("RIA Novosti", "Russian Information Agency").unwrap();

    assert_eq!(names(&store, "al", 10), vec!["Al Jazeera", "Alexander Ushakov"]);
    assert_eq!(names(&store, "jaz", 10), vec!["Al Jazeera"]);
    assert_eq!(names(&store, "ushakov alex", 10), vec!["Alexander Ushakov"]);
    assert_eq!(names(&store, "informa", 10), vec!["RIA Novosti"], "aliases are searched too");
    assert_eq!(names(&store, "perez", 10), vec!["Pérez"], "diacritics do not count");
    assert_eq!(names(&store, "zzz", 10), Vec::<String>::new());
    // Typed FTS syntax is plain text, not an error.
    assert_eq!(names(&store, "NEAR(al", 10), Vec::<String>::new());
    assert_eq!(names(&store, "\"", 10), Vec::<String>::new());
}

#[test]
fn an_exact_name_or_alias_comes_first_and_the_limit_holds() {
    let mut store = store_with(&[
        ("Aaron Ria", ActorKind::Person),
        ("Abel Ria", ActorKind::Person),
        ("RIA", ActorKind::Outlet),
        ("Ria Fields", ActorKind::Person),
    ]);
    assert_eq!(names(&store, "ria", 10), vec!["RIA", "Aaron Ria", "Abel Ria", "Ria Fields"]);
    assert_eq!(names(&store, "  RIA ", 1), vec!["RIA"], "the exact name survives a limit of one");
    store.add_actor_alias("Ria Fields", "Abel").unwrap();
    assert_eq!(names(&store, "abel", 2), vec!["Ria Fields", "Abel Ria"], "an exact alias first");
    assert_eq!(names(&store, "", 2), vec!["Aaron Ria", "Abel Ria"], "nothing typed: the first by name");
    assert_eq!(names(&store, "ria", 0), Vec::<String>::new());
}

#[test]
fn merged_actors_are_not_suggested_and_their_names_lead_to_the_kept_one() {
    let now = Utc.with_ymd_and_hms(2025, 7, 5, 9, 0, 0).unwrap();
    let mut store = store_with(&[("Sergei Shoigu", ActorKind::Person), ("S. Shoigu", ActorKind::Person)]);
    store.merge_actors("Sergei Shoigu", "S. Shoigu", now).unwrap();
    let found = store.suggest_actors("shoigu", 10).unwrap();
    assert_eq!(found.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), vec!["Sergei Shoigu"]);
    assert_eq!(found[0].aliases, vec!["S. Shoigu".to_string()]);
    assert_eq!(found[0].appearances, 2);
    assert_eq!(names(&store, "s. shoigu", 10), vec!["Sergei Shoigu"]);
}
