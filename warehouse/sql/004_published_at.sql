-- When each article was published, as a timestamp to sort and filter by: `published` read as
-- ISO 8601, RFC 2822, Reuters' `26-FEB-1987 15:01:01.79` or news forms (`Nov. 3, 2025`), in UTC
-- without a zone (a time written without a zone is kept as written; a date alone is midnight).
-- Null when `published` is missing or unreadable; `published` keeps the raw string. Rows stored
-- before this migration are filled by the next load, which rewrites every row whose value differs.

ALTER TABLE articles ADD COLUMN published_at TIMESTAMP;
COMMENT ON COLUMN articles.published_at IS 'published as a UTC timestamp without zone; null if missing or unreadable';
