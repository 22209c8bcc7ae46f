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
    INSERT OR IGNORE INTO record_handle (handle, kind, seq)
    SELECT coalesce(
        (SELECT t FROM (SELECT lower(substr(new.id, 25, n)) AS t, n
                        FROM (SELECT 5 AS n UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8
                              UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12))
         WHERE length(t) = n AND NOT EXISTS (SELECT 1 FROM record_handle h WHERE h.handle = t)
         ORDER BY n LIMIT 1),
        lower(new.id)), new.kind, new.seq;
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
