-- A document's reference as a citation manager describes it, in CSL-JSON:
-- authors with given and family names, the issued date to the precision
-- given (a year alone stays a year), DOI, container and item type. Kept whole
-- so an item imported from Zotero goes back out as it came; NULL for pages
-- captured or logged here, whose fields are the document's own columns.

ALTER TABLE document ADD COLUMN csl TEXT;
