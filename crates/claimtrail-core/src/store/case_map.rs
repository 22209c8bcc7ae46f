//! A case's whole citation graph: every chain of every claim filed under the
//! case, for the case map the window draws.

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::trace::{EdgeView, Hop};
use super::Store;
use crate::error::{Error, Result};
use crate::key::match_key;

/// Most claims a case map carries; a larger case is cut, and says so.
pub const CASE_MAP_MAX_CLAIMS: usize = 2_000;

/// A case and how many claims it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseSummary {
    pub name: String,
    pub claims: usize,
}

/// One claim of a case map.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseClaim {
    pub claim_id: String,
    pub text: String,
    pub independent_origins: usize,
    /// The claim's appearances, as ids into the map's nodes.
    pub appearance_ids: Vec<String>,
}

/// Every chain of a case.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseMap {
    pub case: String,
    pub claims: Vec<CaseClaim>,
    pub nodes: Vec<Hop>,
    pub edges: Vec<EdgeView>,
    /// True when the case holds more than [`CASE_MAP_MAX_CLAIMS`] claims and only the newest are drawn.
    pub truncated: bool,
}

impl Store {
    /// The cases, by name.
    pub fn cases(&self) -> Result<Vec<CaseSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.name, count(cc.claim_seq) FROM case_file f LEFT JOIN claim_case cc ON cc.case_seq = f.seq
             GROUP BY f.seq ORDER BY f.name_key",
        )?;
        let rows = stmt
            .query_map([], |r| Ok(CaseSummary { name: r.get(0)?, claims: r.get::<_, i64>(1)? as usize }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The chains of every claim filed under `case`, newest claims first.
    pub fn case_map(&self, case: &str) -> Result<CaseMap> {
        let key = match_key(case.trim());
        let (seq, name): (i64, String) = self
            .conn
            .query_row("SELECT seq, name FROM case_file WHERE name_key = ?1", [&key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "case", key: case.trim().to_string() })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.seq, c.id, c.text FROM claim_case cc JOIN live_claim c ON c.seq = cc.claim_seq
             WHERE cc.case_seq = ?1 ORDER BY c.seq DESC LIMIT ?2",
        )?;
        let claims: Vec<(i64, String, String)> = stmt
            .query_map(rusqlite::params![seq, CASE_MAP_MAX_CLAIMS as i64 + 1], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let truncated = claims.len() > CASE_MAP_MAX_CLAIMS;
        let mut map = CaseMap { case: name, claims: Vec::new(), nodes: Vec::new(), edges: Vec::new(), truncated };
        let mut seen = std::collections::HashSet::new();
        for (claim_seq, claim_id, text) in claims.into_iter().take(CASE_MAP_MAX_CLAIMS) {
            // Only what drawing needs: no paths, drift or choke points.
            let (nodes, edges, independent_origins) = self.claim_drawing(claim_seq)?;
            // A relay may take a claim from an appearance of another claim of
            // the case: each appearance is drawn once.
            let appearance_ids = nodes.iter().map(|n| n.appearance_id.clone()).collect();
            map.claims.push(CaseClaim { claim_id, text, independent_origins, appearance_ids });
            map.nodes.extend(nodes.into_iter().filter(|n| seen.insert(n.appearance_id.clone())));
            map.edges.extend(edges);
        }
        map.edges.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
        map.edges.dedup_by(|a, b| a.from == b.from && a.to == b.to);
        Ok(map)
    }
}
