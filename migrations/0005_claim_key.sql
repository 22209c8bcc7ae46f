-- Claim texts are matched on `key::claim_key` (quotation marks, punctuation
-- and a trailing full stop no longer make another claim), and a claim merged
-- into another keeps its row, marked by `merged_into`, so its id and verdict
-- history stay. The Rust step of this migration recomputes `text_key` of
-- every claim; two claims that collide under the new key are both kept (the
-- later one gets a key no text can have) and are left to `claim merge`.

ALTER TABLE claim ADD COLUMN merged_into INTEGER REFERENCES claim(seq);
CREATE INDEX claim_merged_into ON claim(merged_into) WHERE merged_into IS NOT NULL;
