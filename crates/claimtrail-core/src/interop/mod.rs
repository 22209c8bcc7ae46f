//! Interoperability: exports in the formats fact-checkers and researchers
//! already use, imports from them, and the case bundle for sharing a case.
//!
//! Every format is written from the same [`Records`] (a slice of the
//! database named by ids) and every import is turned into `Records` and
//! merged by [`Store::merge_records`] in one transaction. The functions here
//! return bytes; writing files is the front end's business.
//!
//! | format | what it is for |
//! | --- | --- |
//! | `claimreview` | schema.org ClaimReview JSON-LD, for publishing a verdict |
//! | `prov-ttl`, `prov-json` | W3C PROV (PROV-O as Turtle, PROV-JSON), for provenance research |
//! | `graphml`, `gexf`, `dot` | the relay graph, for Gephi, networkx, Graphviz |
//! | `csl-json` | documents as citations, for Zotero and other reference managers |
//! | `annotations` | W3C Web Annotation with TextQuoteSelector, for annotation tools |
//! | `csv` | one row per appearance, for spreadsheets (formula injection neutralised) |
//! | `bundle` | the case bundle: versioned JSON with ids, for a colleague or an archive |
//!
//! ```
//! use claimtrail_core::interop::{export, ExportFormat};
//! use claimtrail_core::{demo, Scope, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let now = chrono::Utc::now();
//! demo::load_demo(&mut store, now).unwrap();
//! let out = export(&store, ExportFormat::GraphMl, &Scope::All, now).unwrap();
//! assert!(String::from_utf8(out.bytes).unwrap().contains("<graphml"));
//! ```

mod annotations;
pub mod bundle;
mod claimreview;
pub(crate) mod csl;
mod csv;
mod graph_formats;
pub mod import;
mod prov;

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::store::{Records, Scope, Store};

pub use import::{detect, import_bytes, import_file, read_capped, ImportFormat, MAX_IMPORT_BYTES};

crate::model::vocabulary!(
    /// The export formats, by the names the CLI and the window use.
    ExportFormat, "export format" {
        ClaimReview = "claimreview",
        /// `prov` alone means the Turtle form, the one RDF tools read.
        ProvTurtle = "prov-ttl" | "prov",
        ProvJson = "prov-json",
        GraphMl = "graphml",
        Gexf = "gexf",
        Dot = "dot",
        CslJson = "csl-json",
        Annotations = "annotations",
        Csv = "csv",
        Bundle = "bundle",
    }
);

impl ExportFormat {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::ClaimReview | ExportFormat::Annotations => "jsonld",
            ExportFormat::ProvTurtle => "ttl",
            ExportFormat::ProvJson | ExportFormat::CslJson | ExportFormat::Bundle => "json",
            ExportFormat::GraphMl => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Dot => "dot",
            ExportFormat::Csv => "csv",
        }
    }
}

/// A finished export: the file's bytes and what the reader should know
/// (claims left out and why).
#[derive(Debug, Clone)]
pub struct Export {
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
}

/// Choices some formats take.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Where each published fact-check lives, for ClaimReview's `url`;
    /// `{claim}` is replaced by the claim id
    /// (`https://factcheck.example/checks/{claim}`).
    pub review_url: Option<String>,
}

/// Exports the claims in `scope` in `format`. `now` stamps the bundle.
pub fn export(store: &Store, format: ExportFormat, scope: &Scope, now: DateTime<Utc>) -> Result<Export> {
    export_with(store, format, scope, &ExportOptions::default(), now)
}

/// [`export`] with options.
pub fn export_with(
    store: &Store,
    format: ExportFormat,
    scope: &Scope,
    options: &ExportOptions,
    now: DateTime<Utc>,
) -> Result<Export> {
    if let Some(url) = &options.review_url {
        crate::web_address::parse_http(&url.replace("{claim}", "0"))?;
    }
    let mut records = store.records(scope)?;
    if format == ExportFormat::Bundle {
        records.chain = store.chain_segment(&records)?;
    }
    export_records(&records, format, scope, options, now)
}

/// Writes already-read records in `format`.
pub fn export_records(
    records: &Records,
    format: ExportFormat,
    scope: &Scope,
    options: &ExportOptions,
    now: DateTime<Utc>,
) -> Result<Export> {
    let mut notes = Vec::new();
    let bytes = match format {
        ExportFormat::ClaimReview => claimreview::write(records, options.review_url.as_deref(), &mut notes)?,
        ExportFormat::ProvTurtle => prov::write_turtle(records)?,
        ExportFormat::ProvJson => prov::write_json(records)?,
        ExportFormat::GraphMl => graph_formats::write_graphml(records)?,
        ExportFormat::Gexf => graph_formats::write_gexf(records, now)?,
        ExportFormat::Dot => graph_formats::write_dot(records).into_bytes(),
        ExportFormat::CslJson => csl::write(records)?,
        ExportFormat::Annotations => annotations::write(records, &mut notes)?,
        ExportFormat::Csv => csv::write(records)?,
        ExportFormat::Bundle => bundle::write(records, scope, now)?,
    };
    Ok(Export { bytes, notes })
}

/// A stable UUID-shaped id made from content, for rows read from formats
/// that carry no ids of their own (a ClaimReview, a CSL item without one):
/// importing the same file twice then yields the same ids, so nothing is
/// added twice. FNV-1a over 128 bits; the version nibble says 8 (custom).
pub(crate) fn content_id(parts: &[&str]) -> String {
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut hash: u128 = 0x6c62272e07bb014262b821756295c58d;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0x1f)) {
            hash ^= b as u128;
            hash = hash.wrapping_mul(PRIME);
        }
    }
    let mut bytes = hash.to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(bytes).to_string()
}

/// Serialises JSON with two-space indentation and a final newline.
pub(crate) fn pretty_json(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(value).map_err(|e| Error::invalid(format!("cannot write JSON: {e}")))?;
    out.push(b'\n');
    Ok(out)
}

/// The date part of a stored date or timestamp (`2025-07-03T15:27:00Z` → `2025-07-03`).
pub(crate) fn day(stored: &str) -> &str {
    stored.get(..10).unwrap_or(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in ExportFormat::ALL {
            assert_eq!(f.as_str().parse::<ExportFormat>().unwrap(), *f);
        }
        assert_eq!("PROV".parse::<ExportFormat>().unwrap(), ExportFormat::ProvTurtle);
        assert!("pdf".parse::<ExportFormat>().unwrap_err().to_string().contains("graphml"));
        assert_eq!(" PROV ".parse::<ExportFormat>().unwrap(), ExportFormat::ProvTurtle);
        // Written only by its own name, in JSON as on the command line.
        assert_eq!(serde_json::to_string(&ExportFormat::ProvTurtle).unwrap(), "\"prov-ttl\"");
    }

    /// Text from the web is stored byte-exact: NUL, escape and bidi controls,
    /// markup and quotes must not break any writer.
    #[test]
    fn hostile_text_exports_in_every_format() {
        use crate::{ActorKind, ActorSpec, LogRequest, Relation, RelayStep, Status, StatusRequest};
        let mut store = Store::open_in_memory().unwrap();
        let hostile = "=cmd|' /C calc'!A0 <b>\"x\"</b> & \u{0}\u{1b}[31m \u{202e}drow";
        let mut req = LogRequest::new(hostile, ActorSpec::named(hostile, ActorKind::Person));
        req.quote = Some(hostile.into());
        req.relays.push(RelayStep {
            actor: ActorSpec::named("Outlet <&>", ActorKind::Outlet),
            relation: Relation::Quotes,
            cue: Some(hostile.into()),
            quote: Some(hostile.into()),
            document: Some(crate::DocumentSpec { title: Some(hostile.into()), located: true, ..Default::default() }),
        });
        let logged = store.log(&req, Utc::now()).unwrap();
        let verdict =
            StatusRequest { status: Status::False, reason: hostile.into(), evidence: vec![], author: hostile.into() };
        store.set_status(&logged.claim_id, &verdict, Utc::now()).unwrap();
        for format in ExportFormat::ALL {
            let out = export(&store, *format, &Scope::All, Utc::now()).unwrap();
            let text = String::from_utf8(out.bytes).unwrap();
            match format {
                ExportFormat::GraphMl | ExportFormat::Gexf => {
                    assert!(!text.contains('\u{0}') && text.contains("&lt;b&gt;"))
                }
                ExportFormat::Dot => assert!(!text.contains('\u{0}') && text.contains("\\\"x\\\"")),
                ExportFormat::Csv => assert!(text.contains("'=cmd")),
                _ => {}
            }
        }
    }

    #[test]
    fn content_ids_are_stable_and_distinct() {
        assert_eq!(content_id(&["a", "b"]), content_id(&["a", "b"]));
        assert_ne!(content_id(&["ab"]), content_id(&["a", "b"]));
        let id = uuid::Uuid::parse_str(&content_id(&["x"])).unwrap();
        assert_eq!(id.get_version_num(), 8);
    }
}
