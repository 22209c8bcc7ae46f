-- Claimtrail schema, version 1.
--
-- Every table keeps an INTEGER PRIMARY KEY for joins, the full-text index and
-- the in-memory graph, and a UUID v7 `id` that is the only identifier shown to
-- users and scripts. Name columns keep the spelling as typed; the matching
-- `*_key` columns hold the NFC, case-folded form used for look-ups.

CREATE TABLE actor (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('person', 'outlet', 'agency', 'organisation', 'government', 'unidentified')),
    role             TEXT,
    state_affiliated INTEGER NOT NULL DEFAULT 0 CHECK (state_affiliated IN (0, 1)),
    merged_into      INTEGER REFERENCES actor(seq),
    created_at       TEXT NOT NULL
);
-- Only live (unmerged) actors must have distinct names.
CREATE UNIQUE INDEX actor_live_name ON actor(name_key) WHERE merged_into IS NULL;

CREATE TABLE actor_alias (
    actor_seq INTEGER NOT NULL REFERENCES actor(seq),
    alias     TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (actor_seq, alias_key)
) WITHOUT ROWID;
CREATE INDEX actor_alias_key ON actor_alias(alias_key);

CREATE TABLE actor_domain (
    domain    TEXT PRIMARY KEY,
    actor_seq INTEGER NOT NULL REFERENCES actor(seq)
) WITHOUT ROWID;
CREATE INDEX actor_domain_actor ON actor_domain(actor_seq);

CREATE TABLE document (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    url           TEXT,
    canonical_url TEXT,
    outlet_seq    INTEGER REFERENCES actor(seq),
    title         TEXT,
    byline        TEXT,
    published_at  TEXT,
    retrieved_at  TEXT,
    located       INTEGER NOT NULL DEFAULT 1 CHECK (located IN (0, 1)),
    created_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX document_canonical ON document(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX document_outlet ON document(outlet_seq);

CREATE TABLE claim (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    text       TEXT NOT NULL,
    text_key   TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE case_file (
    seq      INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE
);

CREATE TABLE claim_case (
    claim_seq INTEGER NOT NULL REFERENCES claim(seq),
    case_seq  INTEGER NOT NULL REFERENCES case_file(seq),
    PRIMARY KEY (claim_seq, case_seq)
) WITHOUT ROWID;
CREATE INDEX claim_case_case ON claim_case(case_seq);

CREATE TABLE claim_tag (
    claim_seq INTEGER NOT NULL REFERENCES claim(seq),
    tag       TEXT NOT NULL,
    PRIMARY KEY (claim_seq, tag)
) WITHOUT ROWID;

CREATE TABLE appearance (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    claim_seq    INTEGER NOT NULL REFERENCES claim(seq),
    document_seq INTEGER REFERENCES document(seq),
    actor_seq    INTEGER NOT NULL REFERENCES actor(seq),
    -- W3C TextQuoteSelector: `quote` is `exact`.
    quote        TEXT,
    prefix       TEXT,
    suffix       TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    cue          TEXT,
    stance       TEXT NOT NULL CHECK (stance IN ('asserts', 'disputes')),
    said_at      TEXT,
    said_at_text TEXT,
    said_where   TEXT,
    created_at   TEXT NOT NULL
);
-- (claim, actor) first: logging looks up "this actor's appearance of this claim"
-- on every step, and an index on the actor alone would scan a busy agency's rows.
CREATE INDEX appearance_claim ON appearance(claim_seq, actor_seq);
CREATE INDEX appearance_actor ON appearance(actor_seq);
CREATE INDEX appearance_document ON appearance(document_seq);

CREATE TABLE relay (
    appearance_seq INTEGER NOT NULL REFERENCES appearance(seq),
    upstream_seq   INTEGER NOT NULL REFERENCES appearance(seq),
    relation       TEXT NOT NULL CHECK (relation IN ('quotes', 'paraphrases', 'cites', 'republishes')),
    cue            TEXT,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (appearance_seq, upstream_seq),
    CHECK (appearance_seq <> upstream_seq)
) WITHOUT ROWID;
CREATE INDEX relay_upstream ON relay(upstream_seq);

-- Verdicts are append-only: the current status is the latest event.
CREATE TABLE verdict (
    seq       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    claim_seq INTEGER NOT NULL REFERENCES claim(seq),
    status    TEXT NOT NULL CHECK (status IN ('unverified', 'contested', 'verified', 'false', 'misleading')),
    rationale TEXT NOT NULL,
    author    TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX verdict_claim ON verdict(claim_seq, seq);

CREATE TABLE verdict_evidence (
    verdict_seq INTEGER NOT NULL REFERENCES verdict(seq),
    position    INTEGER NOT NULL,
    url         TEXT NOT NULL,
    PRIMARY KEY (verdict_seq, position)
) WITHOUT ROWID;

-- Audited actions other than verdicts (actor merges, for now).
CREATE TABLE audit_event (
    seq    INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);

CREATE TRIGGER verdict_no_update BEFORE UPDATE ON verdict
BEGIN SELECT RAISE(ABORT, 'verdict history is append-only'); END;
CREATE TRIGGER verdict_no_delete BEFORE DELETE ON verdict
BEGIN SELECT RAISE(ABORT, 'verdict history is append-only'); END;
CREATE TRIGGER verdict_evidence_no_update BEFORE UPDATE ON verdict_evidence
BEGIN SELECT RAISE(ABORT, 'verdict history is append-only'); END;
CREATE TRIGGER verdict_evidence_no_delete BEFORE DELETE ON verdict_evidence
BEGIN SELECT RAISE(ABORT, 'verdict history is append-only'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit history is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit history is append-only'); END;

-- Full-text search. External-content tables keyed by the integer primary keys,
-- kept in step by triggers.
CREATE VIRTUAL TABLE claim_fts USING fts5(text, content='claim', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER claim_fts_ai AFTER INSERT ON claim BEGIN
    INSERT INTO claim_fts(rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER claim_fts_ad AFTER DELETE ON claim BEGIN
    INSERT INTO claim_fts(claim_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;
CREATE TRIGGER claim_fts_au AFTER UPDATE OF text ON claim BEGIN
    INSERT INTO claim_fts(claim_fts, rowid, text) VALUES ('delete', old.seq, old.text);
    INSERT INTO claim_fts(rowid, text) VALUES (new.seq, new.text);
END;

CREATE VIRTUAL TABLE quote_fts USING fts5(quote, content='appearance', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER quote_fts_ai AFTER INSERT ON appearance WHEN new.quote IS NOT NULL BEGIN
    INSERT INTO quote_fts(rowid, quote) VALUES (new.seq, new.quote);
END;
CREATE TRIGGER quote_fts_ad AFTER DELETE ON appearance WHEN old.quote IS NOT NULL BEGIN
    INSERT INTO quote_fts(quote_fts, rowid, quote) VALUES ('delete', old.seq, old.quote);
END;
CREATE TRIGGER quote_fts_au AFTER UPDATE OF quote ON appearance BEGIN
    INSERT INTO quote_fts(quote_fts, rowid, quote) SELECT 'delete', old.seq, old.quote WHERE old.quote IS NOT NULL;
    INSERT INTO quote_fts(rowid, quote) SELECT new.seq, new.quote WHERE new.quote IS NOT NULL;
END;

-- Actor names and aliases: one row per actor, rebuilt from the name and the
-- aliases whenever either changes.
CREATE VIRTUAL TABLE actor_fts USING fts5(names, tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER actor_fts_ai AFTER INSERT ON actor BEGIN
    INSERT INTO actor_fts(rowid, names) VALUES (new.seq, new.name);
END;
CREATE TRIGGER actor_fts_au AFTER UPDATE OF name ON actor BEGIN
    UPDATE actor_fts SET names = new.name || ' ' ||
        coalesce((SELECT group_concat(alias, ' ') FROM actor_alias WHERE actor_seq = new.seq), '')
    WHERE rowid = new.seq;
END;
CREATE TRIGGER actor_alias_fts_ai AFTER INSERT ON actor_alias BEGIN
    UPDATE actor_fts SET names = names || ' ' || new.alias WHERE rowid = new.actor_seq;
END;
CREATE TRIGGER actor_alias_fts_ad AFTER DELETE ON actor_alias BEGIN
    UPDATE actor_fts SET names = (SELECT name FROM actor WHERE seq = old.actor_seq) || ' ' ||
        coalesce((SELECT group_concat(alias, ' ') FROM actor_alias WHERE actor_seq = old.actor_seq), '')
    WHERE rowid = old.actor_seq;
END;
