-- Decisions that two actors are different people or outlets ("not the
-- same"), so `actors --duplicates` never offers the pair again. One row per
-- pair, the lower actor seq first; each decision is also an audit event.

CREATE TABLE actor_distinct (
    a_seq      INTEGER NOT NULL REFERENCES actor(seq),
    b_seq      INTEGER NOT NULL REFERENCES actor(seq),
    decided_at TEXT NOT NULL,
    PRIMARY KEY (a_seq, b_seq),
    CHECK (a_seq < b_seq)
) WITHOUT ROWID;
CREATE INDEX actor_distinct_b ON actor_distinct(b_seq);
