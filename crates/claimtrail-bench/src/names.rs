//! Actor names written as newsrooms write them, for the duplicates
//! benchmark: people with given names and invented surnames (so sound keys
//! collide as real ones do), outlets with generic words, roles, and a share
//! of planted variants of earlier actors: typing slips, transliterations,
//! bare surnames, acronyms, domains.

use claimtrail_core::{ActorKind, BulkActor};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const GIVEN: &[&str] = &[
    "Anna", "Boris", "Carlos", "Dmitry", "Elena", "Fatima", "George", "Hana", "Ivan", "Julia", "Karim", "Laura",
    "Mikhail", "Nadia", "Oleg", "Pedro", "Rania", "Sergei", "Tamara", "Umar", "Vera", "Walter", "Xenia", "Yusuf",
    "Zainab", "Ahmed", "Bea", "Chen", "David", "Emma", "Farid", "Grace", "Hugo", "Ines", "James", "Kofi", "Leila",
    "Mario", "Nina", "Omar", "Paula", "Rosa", "Samuel", "Tariq", "Ursula", "Viktor", "Wang", "Yara", "Zoran", "Alice",
    "Bruno", "Clara", "Diego", "Erik", "Flora", "Gustav", "Helen", "Igor", "Jana", "Kenji", "Lucia", "Marta",
    "Nikolai", "Olga", "Pavel", "Ruth", "Simon", "Tomas", "Ulla", "Vasily", "Wanda", "Yuri", "Zofia", "Amir", "Bianca",
    "Cyril", "Dora", "Emil", "Frida",
];
const STARTS: &[&str] = &[
    "ka", "lo", "mir", "sta", "vel", "ron", "ti", "pra", "den", "gor", "na", "bel", "shi", "tro", "ven", "dra", "mo",
    "zel", "pas", "bor", "kra", "li", "ser", "dun", "hal", "fer", "gri", "jan", "mar", "ost", "pet", "rud", "sal",
    "tur", "vol", "bar", "kol", "nem",
];
const MIDDLES: &[&str] = &["", "e", "a", "i", "o", "ch", "n", "r", "l", "sh", "d", "m", "t", "b", "k"];
const ENDINGS: &[&str] =
    &["ov", "enko", "son", "ez", "ski", "man", "er", "elli", "ic", "nik", "ova", "berg", "ani", "escu", "uk", "stein"];
const OUTLET_WORDS: &[&str] = &["Times", "Post", "News", "Herald", "Star", "Tribune", "Daily", "Radio", "TV", "Agency"];
const ROLES: &[&str] = &["governor of", "mayor of", "spokesman for the ministry of", "ambassador to", "minister of"];

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn word(rng: &mut StdRng, parts: usize) -> String {
    (0..parts).map(|_| STARTS[rng.random_range(0..STARTS.len())]).collect()
}

fn surname(rng: &mut StdRng) -> String {
    let start = word(rng, 1);
    let middle = MIDDLES[rng.random_range(0..MIDDLES.len())];
    let ending = ENDINGS[rng.random_range(0..ENDINGS.len())];
    capitalised(&format!("{start}{middle}{ending}"))
}

/// A planted variant of a person's name: a typing slip, another
/// romanisation, or the bare surname.
fn person_variant(rng: &mut StdRng, given: &str, surname: &str) -> String {
    match rng.random_range(0..4) {
        0 => {
            // Two neighbouring letters swapped.
            let mut letters: Vec<char> = surname.chars().collect();
            let at = rng.random_range(1..letters.len() - 1);
            letters.swap(at, at + 1);
            format!("{given} {}", letters.into_iter().collect::<String>())
        }
        1 => format!("{given} {}", surname.replace('v', "w").replace('k', "ck").replace("sh", "sch")),
        2 => format!("{given} {surname}y"),
        _ => surname.to_string(),
    }
}

/// A planted variant of an outlet's name: its acronym, its domain, or its
/// words hyphenated.
fn outlet_variant(rng: &mut StdRng, words: &[String]) -> String {
    match rng.random_range(0..3) {
        0 if words.len() >= 2 => words.iter().filter_map(|w| w.chars().next()).collect::<String>().to_uppercase(),
        1 => format!("{}.com", words.concat().to_lowercase()),
        _ => words.join("-"),
    }
}

/// `n` names as a checker might type them for actors of `actors`: each a
/// variant of a random actor's name, written as the planted variants are.
pub fn typed_variants(actors: &[BulkActor], n: usize, seed: u64) -> Vec<(String, ActorKind)> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n)
        .map(|_| {
            let actor = &actors[rng.random_range(0..actors.len())];
            let words: Vec<String> = actor.name.split(' ').map(str::to_owned).collect();
            let typed = match (actor.kind, words.as_slice()) {
                (ActorKind::Person, [given, surname]) if surname.chars().count() > 2 => {
                    person_variant(&mut rng, given, surname)
                }
                _ => outlet_variant(&mut rng, &words),
            };
            (typed, actor.kind)
        })
        .collect()
}

/// `n` actors, about 70% people; one in 30 a variant of an earlier actor.
/// Returns them with the pairs planted (positions of the original and the variant).
pub fn actors(n: usize, seed: u64) -> (Vec<BulkActor>, Vec<(usize, usize)>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out: Vec<BulkActor> = Vec::with_capacity(n);
    let mut planted = Vec::new();
    let mut names = std::collections::HashSet::new();
    // The parts of each person, to write a variant of one later.
    let mut people: Vec<(usize, String, String)> = Vec::new();
    let mut outlets: Vec<(usize, Vec<String>)> = Vec::new();
    while out.len() < n {
        let position = out.len();
        let mut person_parts = None;
        let mut outlet_words = None;
        let (name, kind, role, original) = if rng.random_bool(1.0 / 30.0) && !people.is_empty() && !outlets.is_empty() {
            if rng.random_bool(0.7) {
                let (of, given, surname) = people[rng.random_range(0..people.len())].clone();
                (person_variant(&mut rng, &given, &surname), ActorKind::Person, None, Some(of))
            } else {
                let (of, words) = outlets[rng.random_range(0..outlets.len())].clone();
                (outlet_variant(&mut rng, &words), ActorKind::Outlet, None, Some(of))
            }
        } else if rng.random_bool(0.7) {
            let given = GIVEN[rng.random_range(0..GIVEN.len())].to_string();
            let surname = surname(&mut rng);
            let role = rng
                .random_bool(0.1)
                .then(|| format!("{} {}", ROLES[rng.random_range(0..ROLES.len())], capitalised(&word(&mut rng, 2))));
            let name = format!("{given} {surname}");
            person_parts = Some((given, surname));
            (name, ActorKind::Person, role, None)
        } else {
            let mut words = vec![capitalised(&word(&mut rng, 2))];
            if rng.random_bool(0.5) {
                words.push(capitalised(&word(&mut rng, 1)));
            }
            words.push(OUTLET_WORDS[rng.random_range(0..OUTLET_WORDS.len())].to_string());
            let name = words.join(" ");
            outlet_words = Some(words);
            (name, ActorKind::Outlet, None, None)
        };
        // Live actors have distinct names.
        if !names.insert(claimtrail_core::key::match_key(&name)) {
            continue;
        }
        if let Some(of) = original {
            planted.push((of, position));
        }
        if let Some((given, surname)) = person_parts {
            people.push((position, given, surname));
        }
        if let Some(words) = outlet_words {
            outlets.push((position, words));
        }
        out.push(BulkActor { name, kind, role, state_affiliated: false });
    }
    (out, planted)
}
