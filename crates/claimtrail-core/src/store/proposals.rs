//! Accepting an extraction's proposal: the store turns it into its own
//! [`LogRequest`], with the chain completed by the article's wire and
//! publisher. Extraction knows nothing of the store; this is the one store
//! module that reads its proposals.
//!
//! The chain runs claimant → relays named in the text → the wire the article
//! republishes → the publisher whose page the checker read. Only that last
//! page is a located document (the checker holds it); the relays named in the
//! text are references nobody has found yet, so the graph can flag them.

use super::log::{ActorSpec, DocumentSpec, LogRequest, RelayStep};
use crate::extract::{same_party, ExtractContext, Extraction, ProposedClaim, ProposedStance};
use crate::model::{ActorKind, AppearanceKind, Relation, Stance};

impl ProposedClaim {
    /// The log request that records this proposal as written, or `None` when it
    /// has no claimant (the checker must name one first).
    pub fn to_log_request(&self, extraction: &Extraction, ctx: &ExtractContext) -> Option<LogRequest> {
        let name = self.claimant.as_deref()?.trim();
        if name.is_empty() {
            return None;
        }
        let speaker = ActorSpec {
            name: name.to_string(),
            kind: self.claimant_kind,
            role: self.claimant_role.clone(),
            ..ActorSpec::default()
        };
        // The claim in the checker's words: the statement on one line.
        let claim = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut req = LogRequest::new(&claim, speaker);
        req.quote = Some(self.text.clone());
        req.prefix = Some(self.prefix.clone());
        req.suffix = Some(self.suffix.clone());
        req.kind = self.kind;
        req.cue = self.cue.clone();
        req.stance = match self.stance {
            ProposedStance::Asserts => Stance::Asserts,
            ProposedStance::Denies => Stance::Disputes,
        };
        req.said_at = self.said_at.clone();
        req.said_at_text = self.said_at_text.clone();

        let first_relation =
            if self.kind == AppearanceKind::Indirect { Relation::Paraphrases } else { Relation::Quotes };
        let mut steps: Vec<RelayStep> = self
            .relay_steps
            .iter()
            .map(|r| RelayStep {
                actor: ActorSpec::named(&r.name, r.kind),
                relation: Relation::Cites,
                cue: r.cue.clone(),
                quote: None,
                document: None,
            })
            .collect();

        article_chain(&mut steps, name, extraction, ctx);
        if let Some(first) = steps.first_mut() {
            first.relation = first_relation;
        }
        req.relays = steps;
        Some(req)
    }

    /// The disputes the proposal shows ("although not everyone agreed"), each
    /// as a disputing appearance of the same claim carried by the article's
    /// wire and publisher: accepting the claim without them would log it as
    /// undisputed. A party the text names ("Kyiv denied the claim") disputes
    /// it; otherwise an unnamed one does. A denial is itself the dispute, and
    /// a proposal without a claimant is not logged at all, so both give none.
    pub fn dispute_log_requests(&self, extraction: &Extraction, ctx: &ExtractContext) -> Vec<LogRequest> {
        if self.stance != ProposedStance::Asserts || self.claimant.as_deref().map_or(true, |c| c.trim().is_empty()) {
            return Vec::new();
        }
        let claim = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.disputes
            .iter()
            .map(|mark| {
                let speaker = match mark.by.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
                    Some(by) => ActorSpec { name: by.to_string(), ..ActorSpec::default() },
                    None => ActorSpec::named(UNNAMED_DISSENT, ActorKind::Unidentified),
                };
                let mut steps = Vec::new();
                article_chain(&mut steps, &speaker.name, extraction, ctx);
                if let Some(first) = steps.first_mut() {
                    first.relation = Relation::Paraphrases;
                }
                let mut req = LogRequest::new(&claim, speaker);
                req.stance = Stance::Disputes;
                req.kind = AppearanceKind::Indirect;
                req.quote = Some(mark.text.clone());
                req.said_at = self.said_at.clone();
                req.relays = steps;
                req
            })
            .collect()
    }
}

/// Who disputes a claim when the article says only that someone does.
pub const UNNAMED_DISSENT: &str = "unnamed dissent (as reported)";

/// Completes a chain with the article itself: the wire it republishes, then
/// the publisher whose page the checker read, the last step located.
/// `speaker` is left out when the article is its own (an outlet's statement).
fn article_chain(steps: &mut Vec<RelayStep>, speaker: &str, extraction: &Extraction, ctx: &ExtractContext) {
    let reading = DocumentSpec {
        url: ctx.url.clone(),
        title: None,
        published_at: extraction.published.map(|d| d.format("%Y-%m-%d").to_string()),
        located: true,
    };
    let last_is = |steps: &[RelayStep], name: &str| steps.last().is_some_and(|s| same_party(&s.actor.name, name));
    let wire = extraction.original_outlet.as_deref().filter(|w| !same_party(w, speaker));
    let publisher = extraction.publisher.as_deref().filter(|p| !same_party(p, speaker));
    if let Some(wire) = wire {
        if !last_is(steps, wire) {
            steps.push(RelayStep {
                actor: ActorSpec::named(wire, ActorKind::Agency),
                relation: Relation::Cites,
                cue: None,
                quote: None,
                document: None,
            });
        }
    }
    if let Some(publisher) = publisher {
        if !last_is(steps, publisher) {
            let republishes = wire.is_some_and(|w| !same_party(w, publisher));
            steps.push(RelayStep {
                actor: ActorSpec::named(publisher, ActorKind::Outlet),
                relation: if republishes { Relation::Republishes } else { Relation::Cites },
                cue: None,
                quote: None,
                document: None,
            });
        }
    }
    // The page the checker read is the last step, and it is located.
    if let Some(last) = steps.last_mut().filter(|_| publisher.is_some() || wire.is_some()) {
        last.document = Some(reading);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    #[test]
    fn accepted_proposals_log_with_their_chain() {
        let found = extract(
            include_str!("../extract/fixtures/rail_wire.txt"),
            &ExtractContext {
                outlet: Some("Coast Herald".into()),
                url: Some("https://coastherald.example/rail".into()),
                ..ExtractContext::default()
            },
        );
        let ctx = ExtractContext {
            outlet: Some("Coast Herald".into()),
            url: Some("https://coastherald.example/rail".into()),
            ..ExtractContext::default()
        };
        let quote = found.claims.iter().find(|c| c.text.starts_with("The line is finished")).unwrap();
        let req = quote.to_log_request(&found, &ctx).unwrap();
        let chain: Vec<&str> = req.relays.iter().map(|r| r.actor.name.as_str()).collect();
        assert_eq!(chain, ["Daily Nation", "IANS", "Coast Herald"]);
        assert_eq!(req.relays[2].relation, Relation::Republishes);
        assert!(req.relays[2].document.as_ref().is_some_and(|d| d.located));

        let mut store = crate::Store::open_in_memory().unwrap();
        let logged = store.log(&req, chrono::Utc::now()).unwrap();
        assert_eq!(logged.appearance_ids.len(), 4);
    }
}
