//! The demo case: claims logged from a July 2025 wire story about the Putin–Trump
//! call, as it was republished by a Kenyan news site.
//!
//! It is written as data (short quotes, names, outlets, dates and relations)
//! and loaded through the same [`Store::log`] a checker uses, so loading it
//! twice adds nothing.

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::model::{ActorKind, AppearanceKind, Relation, Stance};
use crate::store::{ActorSpec, DocumentSpec, LogRequest, RelayStep, Store};

/// The case every demo claim is filed in.
pub const DEMO_CASE: &str = "Ukraine, July 2025";

/// The page the checker is reading: the wire story as republished.
fn reading_page() -> DocumentSpec {
    DocumentSpec {
        url: None,
        title: Some("ANI wire story on the Putin-Trump call, as republished by Kenya Star".into()),
        published_at: Some("2025-07-04T01:27:00+10:00".into()),
        located: true,
    }
}

fn actor(name: &str, kind: ActorKind, role: Option<&str>, aliases: &[&str]) -> ActorSpec {
    ActorSpec {
        name: name.into(),
        kind: Some(kind),
        role: role.map(str::to_string),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        state_affiliated: false,
        update_role: None,
    }
}

fn al_jazeera() -> ActorSpec {
    actor("Al Jazeera", ActorKind::Outlet, None, &[])
}
fn ani() -> ActorSpec {
    actor("ANI", ActorKind::Agency, Some("Asian News International, Indian news agency"), &["Asian News International"])
}
fn rt() -> ActorSpec {
    ActorSpec {
        state_affiliated: true,
        ..actor("RT", ActorKind::Outlet, Some("Russian state broadcaster"), &["Russia Today"])
    }
}
fn kenya_star() -> ActorSpec {
    actor("Kenya Star", ActorKind::Outlet, None, &[])
}

fn step(actor: ActorSpec, relation: Relation, cue: Option<&str>, quote: Option<&str>) -> RelayStep {
    RelayStep { actor, relation, cue: cue.map(str::to_string), quote: quote.map(str::to_string), document: None }
}

/// Kenya Star republishing the ANI story: the page in the checker's hands.
fn republished_by_kenya_star(quote: Option<&str>) -> RelayStep {
    RelayStep { document: Some(reading_page()), ..step(kenya_star(), Relation::Republishes, Some("(ANI)"), quote) }
}

#[allow(clippy::too_many_arguments)]
fn claim(
    text: &str,
    speaker: ActorSpec,
    quote: &str,
    kind: AppearanceKind,
    cue: &str,
    said_at: Option<&str>,
    relays: Vec<RelayStep>,
) -> LogRequest {
    LogRequest {
        quote: Some(quote.into()),
        kind,
        cue: Some(cue.into()),
        said_at: said_at.map(str::to_string),
        relays,
        cases: vec![DEMO_CASE.into()],
        ..LogRequest::new(text, speaker)
    }
}

/// The demo claims, in the order a checker would log them.
pub fn demo_requests() -> Vec<LogRequest> {
    let ushakov =
        || actor("Yuri Ushakov", ActorKind::Person, Some("Kremlin aide"), &["Ushakov", "Kremlin aide Yuri Ushakov"]);
    let putin = || actor("Vladimir Putin", ActorKind::Person, Some("President of Russia"), &["Putin"]);
    let pasechnik = || {
        actor(
            "Leonid Pasechnik",
            ActorKind::Person,
            Some("Russian-installed governor of occupied Luhansk"),
            &["Pasechnik"],
        )
    };
    let forum = "St Petersburg International Economic Forum, plenary session";

    let mut out = vec![
        claim(
            "Russia will not back down from its goals in Ukraine",
            ushakov(),
            "Russia will not back down",
            AppearanceKind::Direct,
            "told reporters",
            Some("2025-07-03"),
            vec![
                step(al_jazeera(), Relation::Quotes, None, None),
                step(ani(), Relation::Cites, Some("Al Jazeera reported"), Some("not back down")),
                republished_by_kenya_star(Some("Russia will not back down")),
            ],
        ),
        claim(
            "Putin told Trump Russia is ready to seek a political and negotiated solution",
            ushakov(),
            "seek a political and negotiated solution to the conflict",
            AppearanceKind::Mixed,
            "he added",
            Some("2025-07-03"),
            vec![
                step(al_jazeera(), Relation::Quotes, None, None),
                step(ani(), Relation::Cites, Some("Al Jazeera reported"), None),
                republished_by_kenya_star(Some("seek a political and negotiated solution to the conflict")),
            ],
        ),
        claim(
            "The whole Luhansk region is under Russian control",
            pasechnik(),
            "the territory of the Luhansk People's Republic has been 100 per cent liberated",
            AppearanceKind::Direct,
            "said",
            None,
            vec![
                step(
                    al_jazeera(),
                    Relation::Paraphrases,
                    Some("Al Jazeera reported on Thursday"),
                    Some("it had been entirely conquered"),
                ),
                step(ani(), Relation::Cites, Some("Al Jazeera reported"), None),
                republished_by_kenya_star(Some("has been 100 per cent liberated")),
            ],
        ),
        LogRequest {
            stance: Stance::Disputes,
            ..claim(
                "The whole Luhansk region is under Russian control",
                actor("unnamed doubters", ActorKind::Unidentified, None, &[]),
                "not everyone agreed",
                AppearanceKind::Indirect,
                "although",
                None,
                vec![
                    step(ani(), Relation::Paraphrases, None, None),
                    republished_by_kenya_star(Some("although not everyone agreed")),
                ],
            )
        },
        LogRequest {
            said_where: Some(forum.into()),
            // The same text dates these remarks "On June 21" and "on Friday"
            // (20 June 2025): both are kept.
            said_at_text: Some("\"On June 21\"; the same text also says \"on Friday\" (20 June 2025)".into()),
            tags: vec!["date-inconsistency".into()],
            ..claim(
                "Russia is not seeking Ukraine's unconditional surrender",
                putin(),
                "We are not seeking the surrender of Ukraine",
                AppearanceKind::Direct,
                "stated",
                Some("2025-06-21"),
                vec![
                    step(rt(), Relation::Quotes, Some("RT reported"), None),
                    step(ani(), Relation::Cites, Some("according to RT"), None),
                    republished_by_kenya_star(Some("We are not seeking the surrender of Ukraine")),
                ],
            )
        },
        LogRequest {
            said_where: Some(forum.into()),
            ..claim(
                "Russians and Ukrainians are one people",
                putin(),
                "I consider Russians and Ukrainians to be one people",
                AppearanceKind::Direct,
                "he said",
                Some("2025-06-20"),
                vec![
                    step(rt(), Relation::Quotes, None, None),
                    step(ani(), Relation::Cites, Some("according to RT"), None),
                    republished_by_kenya_star(Some("I consider Russians and Ukrainians to be one people, in fact")),
                ],
            )
        },
        claim(
            "The US paused promised weapon deliveries to Kyiv, including air defence missiles",
            al_jazeera(),
            "the US paused promised weapon deliveries to Kyiv",
            AppearanceKind::Indirect,
            "in its report added",
            Some("2025-07-03"),
            vec![
                step(ani(), Relation::Cites, Some("Al Jazeera in its report added"), None),
                republished_by_kenya_star(Some("the US paused promised weapon deliveries to Kyiv")),
            ],
        ),
        claim(
            "Washington may be gradually winding down its support for Kyiv",
            actor("the British outlet", ActorKind::Unidentified, None, &[]),
            "could be gradually wrapping up its support for Kiev",
            AppearanceKind::Indirect,
            "has claimed",
            None,
            vec![
                step(rt(), Relation::Cites, Some("the British outlet has claimed"), None),
                republished_by_kenya_star(Some("Washington could be gradually wrapping up its support for Kiev")),
            ],
        ),
        claim(
            "Fewer US missiles for Kyiv could speed up the end of the war",
            actor("Dmitry Peskov", ActorKind::Person, Some("Kremlin spokesman"), &["Peskov"]),
            "Fewer American missiles for Kiev could speed up the end of the conflict",
            AppearanceKind::Indirect,
            "has said",
            None,
            vec![
                step(rt(), Relation::Paraphrases, Some("spokesman Dmitry Peskov has said"), None),
                republished_by_kenya_star(Some(
                    "Fewer American missiles for Kiev could speed up the end of the conflict",
                )),
            ],
        ),
    ];
    for req in &mut out {
        req.tags.push("demo".into());
    }
    out
}

/// Loads the demo case. Idempotent: every step already logged is reused.
pub fn load_demo(store: &mut Store, now: DateTime<Utc>) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for req in demo_requests() {
        let logged = store.log(&req, now)?;
        if !ids.contains(&logged.claim_id) {
            ids.push(logged.claim_id);
        }
    }
    Ok(ids)
}
