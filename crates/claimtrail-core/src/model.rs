//! The provenance model: the vocabulary shared by the store, the graph and
//! every front end.
//!
//! An [`Actor`](ActorKind) makes or carries a claim; a document is where it was
//! published; a claim is the proposition being checked; an appearance is one
//! instance of a claim being made or carried; a relay edge links an appearance
//! to the upstream appearance it took the claim from; verdict events record the
//! checker's status over time.

/// Declares a closed vocabulary stored as lower-case text in SQLite and shown
/// as the same text in the CLI, in JSON and over IPC: each variant's text is
/// its serde name, and so its name in the generated TypeScript union. Texts
/// after `|` are accepted as the same word when parsed (never written).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> ::std::result::Result<Self, $crate::error::Error> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($text $(| $alias)* => Ok($name::$variant),)+
                    other => Err($crate::error::Error::Invalid(format!(
                        "unknown {} `{}`; expected one of: {}",
                        $what,
                        other,
                        [$($text),+].join(", ")
                    ))),
                }
            }
        }

        impl ::rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> ::rusqlite::Result<::rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl ::rusqlite::types::FromSql for $name {
            fn column_result(value: ::rusqlite::types::ValueRef<'_>) -> ::rusqlite::types::FromSqlResult<Self> {
                value.as_str()?.parse().map_err(|e: $crate::error::Error| ::rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary!(
    /// What kind of party an actor is.
    ActorKind, "actor kind" {
        Person = "person",
        Outlet = "outlet",
        Agency = "agency",
        Organisation = "organisation",
        Government = "government",
        /// "sources", "the British outlet": a party the text does not name.
        Unidentified = "unidentified",
    }
);

impl ActorKind {
    /// Outlets and news agencies are the parties counted as "outlets carrying" a claim.
    pub fn is_media(self) -> bool {
        matches!(self, ActorKind::Outlet | ActorKind::Agency)
    }
}

vocabulary!(
    /// How an appearance renders the claim.
    AppearanceKind, "appearance kind" {
        Direct = "direct",
        Indirect = "indirect",
        Mixed = "mixed",
    }
);

vocabulary!(
    /// Whether an appearance carries the claim or disputes it. A denial by the
    /// party accused is a dispute.
    Stance, "stance" {
        Asserts = "asserts",
        Disputes = "disputes",
    }
);

vocabulary!(
    /// How a relay took the claim from its upstream.
    Relation, "relation" {
        Quotes = "quotes",
        Paraphrases = "paraphrases",
        Cites = "cites",
        /// Republished or syndicated the upstream item as a whole.
        Republishes = "republishes",
    }
);

vocabulary!(
    /// The checker's verdict on a claim; a claim nobody has judged is unverified.
    #[derive(Default)]
    Status, "status" {
        #[default]
        Unverified = "unverified",
        Contested = "contested",
        Verified = "verified",
        False = "false",
        Misleading = "misleading",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip_through_text() {
        for k in ActorKind::ALL {
            assert_eq!(k.as_str().parse::<ActorKind>().unwrap(), *k);
        }
        for s in Status::ALL {
            assert_eq!(s.to_string().parse::<Status>().unwrap(), *s);
        }
        assert_eq!(" Contested ".parse::<Status>().unwrap(), Status::Contested);
    }

    #[test]
    fn unknown_words_name_the_choices() {
        let err = "maybe".parse::<Status>().unwrap_err().to_string();
        assert!(err.contains("unknown status `maybe`"), "{err}");
        assert!(err.contains("misleading"), "{err}");
    }
}

vocabulary!(
    /// What a note of an import report is about.
    ImportNoteKind, "import note kind" {
        /// A record left out, with why.
        Skipped = "skipped",
        /// A claim whose current status differs on both sides (the local one is kept).
        Conflict = "conflict",
        /// A record taken for one already here (a claim of the same text).
        Matched = "matched",
        /// Imported verdicts whose history chain could not be checked.
        Unverified = "unverified",
        /// The head the file's history chain checks out to, to compare with the sender's.
        Chain = "chain",
        /// An identity decision the file carried (a merge, or two actors kept apart), applied here.
        Identity = "identity",
    }
);

vocabulary!(
    /// How a snapshot's text was obtained.
    SnapshotOrigin, "snapshot origin" {
        /// Fetched from its address.
        Fetch = "fetch",
        /// Pasted by the checker, with the address she typed.
        Paste = "paste",
    }
);
