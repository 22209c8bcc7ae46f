-- The blocking keys of the live actors (identity::actor_block_keys), so that
-- resolving a name reads only the actors sharing a key with it through this
-- index: a command-line process on a database of 50,000 actors needs no
-- index of its own in memory. Derived from actor, actor_alias and
-- actor_domain, and rebuilt from them.
--
-- Triggers mark each actor whose name, kind, role, aliases, domains or merge
-- change as stale; the next write transaction recomputes the keys of the
-- stale actors (Store::refresh_block_keys), and until then resolution reads
-- a stale actor whole. No write path can forget to maintain the keys.

CREATE TABLE actor_block_key (
    -- 0: shared (meets shared keys), 1: probe (meets index keys), 2: index.
    side      INTEGER NOT NULL CHECK (side IN (0, 1, 2)),
    key       TEXT NOT NULL,
    actor_seq INTEGER NOT NULL,
    PRIMARY KEY (side, key, actor_seq)
) WITHOUT ROWID;
CREATE INDEX actor_block_key_actor ON actor_block_key(actor_seq);

CREATE TABLE actor_block_stale (
    actor_seq INTEGER PRIMARY KEY
);

CREATE TRIGGER actor_block_on_insert AFTER INSERT ON actor
BEGIN INSERT OR IGNORE INTO actor_block_stale (actor_seq) VALUES (new.seq); END;
CREATE TRIGGER actor_block_on_update AFTER UPDATE OF name, kind, role, merged_into ON actor
BEGIN INSERT OR IGNORE INTO actor_block_stale (actor_seq) VALUES (new.seq); END;
CREATE TRIGGER actor_block_on_delete AFTER DELETE ON actor
BEGIN
    DELETE FROM actor_block_key WHERE actor_seq = old.seq;
    DELETE FROM actor_block_stale WHERE actor_seq = old.seq;
END;
CREATE TRIGGER actor_block_on_alias_insert AFTER INSERT ON actor_alias
BEGIN INSERT OR IGNORE INTO actor_block_stale (actor_seq) VALUES (new.actor_seq); END;
CREATE TRIGGER actor_block_on_alias_update AFTER UPDATE ON actor_alias
BEGIN
    INSERT OR IGNORE INTO actor_block_stale (actor_seq) VALUES (old.actor_seq);
    INSERT OR IGNORE INTO actor_block_stale (actor_seq) VALUES (new.actor_seq);
END;
CREATE TRIGGER actor_block_on_alias_delete AFTER DELETE ON actor_alias
BEGIN INSERT OR IGNORE INTO actor_block_stale (actor_seq) VALUES (old.actor_seq); END;
CREATE TRIGGER actor_block_on_domain_insert AFTER INSERT ON actor_domain
BEGIN INSERT OR IGNORE INTO actor_block_stale (actor_seq) VALUES (new.actor_seq); END;
CREATE TRIGGER actor_block_on_domain_update AFTER UPDATE ON actor_domain
BEGIN
    INSERT OR IGNORE INTO actor_block_stale (actor_seq) VALUES (old.actor_seq);
    INSERT OR IGNORE INTO actor_block_stale (actor_seq) VALUES (new.actor_seq);
END;
CREATE TRIGGER actor_block_on_domain_delete AFTER DELETE ON actor_domain
BEGIN INSERT OR IGNORE INTO actor_block_stale (actor_seq) VALUES (old.actor_seq); END;

-- Every actor already here gets its keys in the migration's Rust step.
INSERT INTO actor_block_stale (actor_seq) SELECT seq FROM actor;
