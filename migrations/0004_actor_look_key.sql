-- Each actor's look-alike key (its name's Unicode confusable skeleton, UTS #39),
-- so the actors that look like one actor are found through an index instead
-- of by computing every name's skeleton. Existing rows are filled by the Rust
-- step of this migration; new rows are written with the key.

ALTER TABLE actor ADD COLUMN look_key TEXT;
CREATE INDEX actor_live_look_key ON actor(look_key) WHERE merged_into IS NULL;
