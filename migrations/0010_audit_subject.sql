-- The claims each audit event names, so a claim's history finds its events
-- by index instead of reading every event's detail. `history::record_audit`
-- files an event under every claim whose id its detail holds; the Rust step
-- of this migration files the events recorded before. Derived from
-- audit_event and claim, so claim_seq has no foreign key: a claim taken
-- back whole by the window's undo of a log removes its rows here.

CREATE TABLE audit_subject (
    claim_seq INTEGER NOT NULL,
    audit_seq INTEGER NOT NULL REFERENCES audit_event(seq),
    PRIMARY KEY (claim_seq, audit_seq)
) WITHOUT ROWID;
