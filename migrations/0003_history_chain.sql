-- A hash chain over the history nobody may rewrite: verdict events and
-- audited actions. Each entry holds the SHA-256 of its subject's canonical
-- content and of the previous entry; `claimtrail verify` recomputes both.
-- Existing rows are chained by the Rust step of this migration.

CREATE TABLE history_entry (
    seq            INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('verdict', 'audit')),
    -- verdict.seq or audit_event.seq
    subject_seq    INTEGER NOT NULL,
    content_sha256 TEXT NOT NULL,
    prev_sha256    TEXT NOT NULL,
    entry_sha256   TEXT NOT NULL,
    UNIQUE (kind, subject_seq)
);

CREATE TRIGGER history_entry_no_update BEFORE UPDATE ON history_entry
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_entry_no_delete BEFORE DELETE ON history_entry
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
