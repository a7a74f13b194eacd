-- The corpus layer: near-duplicate articles and occurrences (events of many articles that report
-- one thing that happened). Every table here is derived from the article tables and rebuilt from
-- them (dateline.store.corpus.rebuild), so nothing here is the only copy of anything.

-- MinHash signature of each article's word shingles, and its LSH band buckets.
CREATE TABLE article_signatures (
    article_id VARCHAR PRIMARY KEY,
    signature BLOB NOT NULL          -- num_perm uint32 minima, little-endian
);
CREATE TABLE article_bands (
    article_id VARCHAR NOT NULL, band SMALLINT NOT NULL, bucket BIGINT NOT NULL
);
-- An article whose text is a near copy of an earlier one (by date, then id): duplicate_of is the
-- first article of its cluster of copies; similarity is the estimated Jaccard similarity of their
-- shingles. The first article of a cluster has no row.
CREATE TABLE duplicates (
    article_id VARCHAR PRIMARY KEY, duplicate_of VARCHAR NOT NULL, similarity DOUBLE
);
-- No primary key: the merge deletes and rewrites an occurrence's row in one transaction, which
-- DuckDB's unique indexes do not allow; the id is unique by construction.
CREATE TABLE occurrences (
    id BIGINT NOT NULL,              -- a 53-bit hash of the occurrence key (safe in JavaScript)
    type VARCHAR, status VARCHAR, cameo VARCHAR, quad_class INTEGER,
    source_country VARCHAR, source_sector VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    two_sided BOOLEAN,
    date DATE, date_end DATE,        -- a day (date = date_end) or the range no report narrowed
    place_name VARCHAR, place_country VARCHAR, place_lat DOUBLE, place_lon DOUBLE, place_feature VARCHAR,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER, num_copies INTEGER,
    first_seen DATE, last_seen DATE,
    goldstein DOUBLE, confidence DOUBLE, root_event BOOLEAN
);
-- Every mention event and the occurrence it reports, with the facts the merge decides on.
CREATE TABLE occurrence_mentions (
    article_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL,
    occurrence_id BIGINT NOT NULL,
    group_key VARCHAR NOT NULL,      -- type, status class, source and target codes
    lo DATE, hi DATE,                -- the days the mention's date allows
    place_key VARCHAR,               -- the mention's place, '' where it has none
    PRIMARY KEY (article_id, event_id)
);
-- Settings the derived tables were built with (the duplicate threshold): a store keeps one, so
-- that every ingest decides alike and the order of ingests does not matter.
CREATE TABLE corpus_settings (name VARCHAR PRIMARY KEY, value VARCHAR);
