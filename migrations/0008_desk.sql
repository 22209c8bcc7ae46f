-- The desk's daily fields, and handles people can type.
--
-- A handle names one claim, appearance, actor or document in this database:
-- the first five characters of the last group of its UUID (the random part,
-- never the time prefix every id of the same minute shares), one character
-- longer each time the shorter one is taken. It is given once, when the row is
-- inserted, and never changes; the full id and a unique id prefix are still
-- accepted wherever a handle is.

CREATE TABLE record_handle (
    handle TEXT PRIMARY KEY,
    kind   TEXT NOT NULL CHECK (kind IN ('claim', 'appearance', 'actor', 'document')),
    seq    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX record_handle_record ON record_handle(kind, seq);

-- Inserting into this view assigns a handle: the one place the rule is written,
-- used by the insert triggers below and by the backfill at the end.
CREATE VIEW handle_request AS SELECT '' AS kind, 0 AS seq, '' AS id WHERE 0;
CREATE TRIGGER handle_request_assign INSTEAD OF INSERT ON handle_request
BEGIN
    -- The shortest free one, tried in order: usually the first.
    INSERT OR IGNORE INTO record_handle (handle, kind, seq)
    VALUES (
        CASE
            WHEN NOT EXISTS (SELECT 1 FROM record_handle WHERE handle = lower(substr(new.id, 25, 5))) AND length(new.id) >= 29
                THEN lower(substr(new.id, 25, 5))
            WHEN NOT EXISTS (SELECT 1 FROM record_handle WHERE handle = lower(substr(new.id, 25, 6))) AND length(new.id) >= 30
                THEN lower(substr(new.id, 25, 6))
            WHEN NOT EXISTS (SELECT 1 FROM record_handle WHERE handle = lower(substr(new.id, 25, 7))) AND length(new.id) >= 31
                THEN lower(substr(new.id, 25, 7))
            WHEN NOT EXISTS (SELECT 1 FROM record_handle WHERE handle = lower(substr(new.id, 25, 8))) AND length(new.id) >= 32
                THEN lower(substr(new.id, 25, 8))
            WHEN NOT EXISTS (SELECT 1 FROM record_handle WHERE handle = lower(substr(new.id, 25, 9))) AND length(new.id) >= 33
                THEN lower(substr(new.id, 25, 9))
            WHEN NOT EXISTS (SELECT 1 FROM record_handle WHERE handle = lower(substr(new.id, 25, 10))) AND length(new.id) >= 34
                THEN lower(substr(new.id, 25, 10))
            WHEN NOT EXISTS (SELECT 1 FROM record_handle WHERE handle = lower(substr(new.id, 25, 11))) AND length(new.id) >= 35
                THEN lower(substr(new.id, 25, 11))
            WHEN NOT EXISTS (SELECT 1 FROM record_handle WHERE handle = lower(substr(new.id, 25, 12))) AND length(new.id) >= 36
                THEN lower(substr(new.id, 25, 12))
            ELSE lower(new.id)
        END,
        new.kind, new.seq);
END;

CREATE TRIGGER claim_handle_ai AFTER INSERT ON claim
BEGIN INSERT INTO handle_request (kind, seq, id) VALUES ('claim', new.seq, new.id); END;
CREATE TRIGGER appearance_handle_ai AFTER INSERT ON appearance
BEGIN INSERT INTO handle_request (kind, seq, id) VALUES ('appearance', new.seq, new.id); END;
CREATE TRIGGER actor_handle_ai AFTER INSERT ON actor
BEGIN INSERT INTO handle_request (kind, seq, id) VALUES ('actor', new.seq, new.id); END;
CREATE TRIGGER document_handle_ai AFTER INSERT ON document
BEGIN INSERT INTO handle_request (kind, seq, id) VALUES ('document', new.seq, new.id); END;

CREATE TRIGGER claim_handle_ad AFTER DELETE ON claim
BEGIN DELETE FROM record_handle WHERE kind = 'claim' AND seq = old.seq; END;
CREATE TRIGGER appearance_handle_ad AFTER DELETE ON appearance
BEGIN DELETE FROM record_handle WHERE kind = 'appearance' AND seq = old.seq; END;
CREATE TRIGGER actor_handle_ad AFTER DELETE ON actor
BEGIN DELETE FROM record_handle WHERE kind = 'actor' AND seq = old.seq; END;
CREATE TRIGGER document_handle_ad AFTER DELETE ON document
BEGIN DELETE FROM record_handle WHERE kind = 'document' AND seq = old.seq; END;

-- Rows logged before handles existed, oldest first.
INSERT INTO handle_request (kind, seq, id) SELECT 'claim', seq, id FROM claim ORDER BY seq;
INSERT INTO handle_request (kind, seq, id) SELECT 'actor', seq, id FROM actor ORDER BY seq;
INSERT INTO handle_request (kind, seq, id) SELECT 'document', seq, id FROM document ORDER BY seq;
INSERT INTO handle_request (kind, seq, id) SELECT 'appearance', seq, id FROM appearance ORDER BY seq;

-- The published fact-check, who works on the claim and by when.
ALTER TABLE claim ADD COLUMN review_url TEXT;
ALTER TABLE claim ADD COLUMN assignee TEXT;
ALTER TABLE claim ADD COLUMN due TEXT;
CREATE INDEX claim_due ON claim(due) WHERE due IS NOT NULL;
CREATE INDEX claim_assignee ON claim(assignee COLLATE NOCASE) WHERE assignee IS NOT NULL;
CREATE INDEX claim_tag_tag ON claim_tag(tag);

-- The note thread of a claim: appended, never rewritten.
CREATE TABLE claim_note (
    seq       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    claim_seq INTEGER NOT NULL REFERENCES claim(seq),
    author    TEXT NOT NULL,
    text      TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX claim_note_claim ON claim_note(claim_seq, seq);
CREATE TRIGGER claim_note_no_update BEFORE UPDATE ON claim_note
BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;
