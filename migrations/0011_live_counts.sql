-- How many live appearances an actor has, read from indexes alone: the
-- actors list counts them for every actor it shows, and an agency carries
-- hundreds of thousands. The first index answers "appearances of this actor
-- not deleted" without reading the table; the second finds the few deleted
-- claims, whose appearances are then taken off that count.

CREATE INDEX appearance_actor_live ON appearance(actor_seq, deleted_at, claim_seq);
CREATE INDEX claim_deleted ON claim(deleted_at) WHERE deleted_at IS NOT NULL;
