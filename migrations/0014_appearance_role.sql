-- What the actor was called where the claim appeared ("the governor",
-- "Russian occupation governor of Luhansk"): a role belongs to the article
-- that gave it. NULL reads as the actor's usual role (`actor.role`), which is
-- what every appearance recorded before this column showed, so existing data
-- keeps meaning what it meant. Changing the actor's usual role is a separate,
-- explicit choice.

ALTER TABLE appearance ADD COLUMN role TEXT;
