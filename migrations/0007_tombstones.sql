-- Deleting an appearance, a relay edge or a claim leaves a tombstone: the row
-- stays, with the time it was deleted, so its history stays readable and an
-- undelete brings it back as it was. Every count, list, trace, search and
-- export reads the live rows through the views below. A deleted claim's key
-- is displaced (as `claim merge` displaces keys) so its text can be logged
-- again; undelete restores it.
--
-- `undo_step` is the undo and redo stack: one row per undoable action, with
-- what reverses it. The actions and their undoing are audit events in the
-- history chain; this table only says which step is next.

ALTER TABLE claim ADD COLUMN deleted_at TEXT;
ALTER TABLE appearance ADD COLUMN deleted_at TEXT;
ALTER TABLE relay ADD COLUMN deleted_at TEXT;

CREATE VIEW live_claim AS
    SELECT * FROM claim WHERE deleted_at IS NULL;
CREATE VIEW live_appearance AS
    SELECT a.* FROM appearance a
    WHERE a.deleted_at IS NULL
      AND (SELECT c.deleted_at FROM claim c WHERE c.seq = a.claim_seq) IS NULL;
CREATE VIEW live_relay AS
    SELECT r.* FROM relay r
    WHERE r.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM live_appearance a WHERE a.seq = r.appearance_seq)
      AND EXISTS (SELECT 1 FROM live_appearance u WHERE u.seq = r.upstream_seq);

CREATE TABLE undo_step (
    seq     INTEGER PRIMARY KEY,
    action  TEXT NOT NULL,
    -- What the action changed, as JSON: enough to reverse it and to redo it.
    change  TEXT NOT NULL,
    -- The verdict or appearance id the window's own undo names the step by.
    subject TEXT,
    undone  INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
CREATE INDEX undo_step_subject ON undo_step(subject) WHERE subject IS NOT NULL;
-- The steps that can be redone: few, and dropped by every new action.
CREATE INDEX undo_step_undone ON undo_step(seq) WHERE undone = 1;
