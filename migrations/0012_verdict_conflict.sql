-- A verdict that arrived from elsewhere (a colleague's bundle, a published
-- ClaimReview) and disagrees with the one this database held: both stay in
-- the claim's history, and the pair is kept here as a conflict to decide.
-- A status set here on the claim afterwards decides it (`resolved_by_seq`).
-- The current status is the latest verdict by its time, then its id, so it
-- is the same whatever order the verdicts arrived in; the index serves that.

CREATE TABLE verdict_conflict (
    seq             INTEGER PRIMARY KEY,
    claim_seq       INTEGER NOT NULL REFERENCES claim(seq),
    ours_seq        INTEGER NOT NULL REFERENCES verdict(seq),
    theirs_seq      INTEGER NOT NULL REFERENCES verdict(seq),
    found_at        TEXT NOT NULL,
    resolved_by_seq INTEGER REFERENCES verdict(seq),
    UNIQUE (ours_seq, theirs_seq)
);
CREATE INDEX verdict_conflict_claim ON verdict_conflict(claim_seq);
CREATE INDEX verdict_claim_at ON verdict(claim_seq, at, id);
