//! The unit tests of name resolution and its rules, on actors written inline.

use super::*;

struct Actor {
    id: &'static str,
    name: &'static str,
    kind: ActorKind,
    role: Option<&'static str>,
    aliases: Vec<String>,
    domains: Vec<String>,
}

fn actor(id: &'static str, name: &'static str, kind: ActorKind) -> Actor {
    Actor { id, name, kind, role: None, aliases: vec![], domains: vec![] }
}

fn known(actors: &[Actor]) -> Vec<Known<'_>> {
    actors
        .iter()
        .map(|a| Known { id: a.id, name: a.name, kind: a.kind, role: a.role, aliases: &a.aliases, domains: &a.domains })
        .collect()
}

fn desk() -> Vec<Actor> {
    let mut pasechnik = actor("pasechnik", "Leonid Pasechnik", ActorKind::Person);
    pasechnik.role = Some("Russian-installed governor of Luhansk");
    let mut ushakov = actor("ushakov", "Yuri Ushakov", ActorKind::Person);
    ushakov.role = Some("Kremlin aide");
    let mut kenya = actor("kenya-star", "Kenya Star", ActorKind::Outlet);
    kenya.domains = vec!["the-star.co.ke".into()];
    let mut reuters = actor("reuters", "Reuters", ActorKind::Agency);
    reuters.domains = vec!["reuters.com".into()];
    vec![
        pasechnik,
        ushakov,
        actor("zelensky", "Volodymyr Zelensky", ActorKind::Person),
        actor("boris", "Boris Johnson", ActorKind::Person),
        actor("ap", "Associated Press", ActorKind::Agency),
        actor("afp", "Agence France-Presse", ActorKind::Agency),
        actor("aljazeera", "Al Jazeera", ActorKind::Outlet),
        actor("reuters-institute", "Reuters Institute", ActorKind::Organisation),
        kenya,
        reuters,
    ]
}

fn first(typed: &Typed<'_>, actors: &[Actor]) -> Option<(String, MatchReason)> {
    match resolve(typed, &known(actors)) {
        Resolution::Candidates(c) => Some((c[0].id.clone(), c[0].reason)),
        _ => None,
    }
}

#[test]
fn exact_names_and_aliases_resolve_and_nothing_else_does() {
    let mut actors = desk();
    actors[1].aliases = vec!["Ushakov".into()];
    let k = known(&actors);
    assert_eq!(resolve(&Typed::new("  LEONID pasechnik ", None), &k), Resolution::Exact { id: "pasechnik".into() });
    assert_eq!(
        resolve(&Typed::new("ushakov", Some(ActorKind::Person)), &k),
        Resolution::Alias { id: "ushakov".into() }
    );
    assert!(matches!(resolve(&Typed::new("Pasechnik", None), &k), Resolution::Candidates(_)));
    assert_eq!(resolve(&Typed::new("Ekaterina Mizulina", Some(ActorKind::Person)), &k), Resolution::New);
}

#[test]
fn a_typo_a_surname_and_a_transliteration_are_candidates_with_their_reason() {
    let actors = desk();
    let person = Some(ActorKind::Person);
    assert_eq!(first(&Typed::new("Pasechnik", person), &actors), Some(("pasechnik".into(), MatchReason::Surname)));
    assert_eq!(
        first(&Typed::new("Leonid Pasechnick", person), &actors),
        Some(("pasechnik".into(), MatchReason::Transliteration))
    );
    assert_eq!(first(&Typed::new("Leonid Pasechmik", person), &actors), Some(("pasechnik".into(), MatchReason::Typo)));
    for variant in ["Volodymyr Zelenskyy", "Wolodymyr Selenskyj", "Vladimir Zelenski", "Владимир Зеленский"]
    {
        assert_eq!(
            first(&Typed::new(variant, person), &actors),
            Some(("zelensky".into(), MatchReason::Transliteration)),
            "{variant}"
        );
    }
    assert_eq!(first(&Typed::new("Mr Zelensky", person), &actors), Some(("zelensky".into(), MatchReason::Surname)));
}

#[test]
fn a_role_description_meets_the_person_whose_role_it_is() {
    let actors = desk();
    let typed = Typed::new("Russian occupation governor of Ukraine's eastern Luhansk region", None);
    assert_eq!(first(&typed, &actors), Some(("pasechnik".into(), MatchReason::Role)));
    // "the governor" alone fits only a governor already in the story.
    assert_eq!(first(&Typed::new("the governor", None), &actors), None);
    let context = vec!["pasechnik".to_string()];
    let typed = Typed { context: &context, ..Typed::new("the governor", None) };
    assert_eq!(first(&typed, &actors), Some(("pasechnik".into(), MatchReason::Role)));
}

#[test]
fn outlets_meet_by_domain_acronym_and_spelling() {
    let actors = desk();
    let outlet = Some(ActorKind::Outlet);
    assert_eq!(first(&Typed::new("kenyastar.com", outlet), &actors), Some(("kenya-star".into(), MatchReason::Domain)));
    assert_eq!(
        first(&Typed::new("www.the-star.co.ke", outlet), &actors),
        Some(("kenya-star".into(), MatchReason::Domain))
    );
    assert_eq!(first(&Typed::new("AP", outlet), &actors), Some(("ap".into(), MatchReason::Acronym)));
    assert_eq!(first(&Typed::new("AFP", Some(ActorKind::Agency)), &actors), Some(("afp".into(), MatchReason::Acronym)));
    assert_eq!(first(&Typed::new("The Associated Press", outlet), &actors), Some(("ap".into(), MatchReason::Spelling)));
    assert_eq!(first(&Typed::new("Al-Jazeera", outlet), &actors), Some(("aljazeera".into(), MatchReason::Spelling)));
}

#[test]
fn look_alikes_that_are_different_parties_are_not_offered() {
    let actors = desk();
    // Another Johnson, and a body named after an agency, are not candidates.
    assert_eq!(first(&Typed::new("Lyndon Johnson", Some(ActorKind::Person)), &actors), None);
    let found = candidates(&Typed::new("Reuters Institute for the Study of Journalism", None), &known(&actors));
    assert!(found.iter().all(|c| c.id != "reuters"), "{found:?}");
    // A person's name is never an outlet's candidate, and the other way round.
    assert_eq!(first(&Typed::new("Al Jazeera", Some(ActorKind::Person)), &actors), None);
}

#[test]
fn the_context_ranks_the_person_already_in_the_story_first() {
    let actors =
        vec![actor("a", "Andriy Yermak", ActorKind::Person), actor("b", "Oleksandr Yermak", ActorKind::Person)];
    let context = vec!["b".to_string()];
    let typed = Typed { context: &context, ..Typed::new("Yermak", Some(ActorKind::Person)) };
    let found = candidates(&typed, &known(&actors));
    assert_eq!(found.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["b", "a"]);
}

#[test]
fn a_resolution_with_candidates_serialises_for_the_window() {
    // Internally tagged, the candidates (a list) could not be written at all,
    // so the window could never be told them.
    let Resolution::Candidates(found) = resolve(&Typed::new("Leonid Pasechnick", None), &known(&desk())) else {
        panic!("a typo must give candidates")
    };
    let json = serde_json::to_value(Resolution::Candidates(found)).expect("candidates serialise");
    assert_eq!(json["resolution"], "candidates");
    assert_eq!(json["detail"][0]["name"], "Leonid Pasechnik");
    assert_eq!(json["detail"][0]["reason"], "transliteration");
    let exact = serde_json::to_value(Resolution::Exact { id: "a1".into() }).unwrap();
    assert_eq!(exact, serde_json::json!({"resolution": "exact", "detail": {"id": "a1"}}));
    assert_eq!(serde_json::to_value(Resolution::New).unwrap(), serde_json::json!({"resolution": "new"}));
}
