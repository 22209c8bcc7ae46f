-- Snapshots: what a page said when it was captured.
--
-- One row per retrieval (or per pasted text), appended and never rewritten:
-- fact-checkers must be able to show months later exactly what a page said,
-- and a later capture of the same page is a new row beside the old one.
-- `raw` is the body as the server sent it, gzip-compressed; `raw_sha256` is
-- the SHA-256 of the uncompressed bytes, so the hash can be re-checked by
-- anyone who decompresses the blob. `text` is the readable text extracted
-- from it, which is what is diffed between captures.

CREATE TABLE snapshot (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    document_seq  INTEGER NOT NULL REFERENCES document(seq),
    -- 'fetch': retrieved by Claimtrail; 'paste': text the checker pasted.
    origin        TEXT NOT NULL CHECK (origin IN ('fetch', 'paste')),
    -- The address asked for, and where the redirects ended.
    url           TEXT NOT NULL,
    final_url     TEXT NOT NULL,
    retrieved_at  TEXT NOT NULL,
    http_status   INTEGER,
    content_type  TEXT,
    raw_encoding  TEXT CHECK (raw_encoding IN ('gzip')),
    raw           BLOB,
    raw_size      INTEGER,
    raw_sha256    TEXT,
    text          TEXT NOT NULL,
    text_sha256   TEXT NOT NULL,
    -- The page's own metadata as read at capture time (JSON): title, byline,
    -- dates, site name, canonical link, embedded ClaimReview objects.
    metadata      TEXT NOT NULL DEFAULT '{}',
    created_at    TEXT NOT NULL,
    CHECK (origin = 'paste' OR (raw IS NOT NULL AND raw_encoding IS NOT NULL AND raw_sha256 IS NOT NULL
                                AND raw_size IS NOT NULL AND http_status IS NOT NULL))
);
CREATE INDEX snapshot_document ON snapshot(document_seq, seq);

CREATE TRIGGER snapshot_no_update BEFORE UPDATE ON snapshot
BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
CREATE TRIGGER snapshot_no_delete BEFORE DELETE ON snapshot
BEGIN SELECT RAISE(ABORT, 'snapshots are append-only'); END;
