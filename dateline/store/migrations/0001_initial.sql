-- dateline store, first schema. One row per article; child tables keyed by (article_id, ...).
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    date DATE,
    title VARCHAR,
    source VARCHAR,
    url VARCHAR,
    text VARCHAR NOT NULL,
    origin VARCHAR,           -- file (and line) the article came from
    raw VARCHAR,              -- the input as read: a JSONL line, an HTML page, a text file
    record JSON NOT NULL,     -- the full dateline.article/1 record
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE timexes (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    start INTEGER, "end" INTEGER, text VARCHAR, type VARCHAR, value VARCHAR,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE actors (
    article_id VARCHAR NOT NULL, actor_id VARCHAR NOT NULL,
    name VARCHAR, country VARCHAR, sector VARCHAR, role VARCHAR,
    PRIMARY KEY (article_id, actor_id)
);
CREATE TABLE actor_mentions (
    article_id VARCHAR NOT NULL, actor_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    start INTEGER, "end" INTEGER, text VARCHAR,
    PRIMARY KEY (article_id, actor_id, idx)
);
CREATE TABLE events (
    article_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL,
    type VARCHAR, mode VARCHAR, contexts VARCHAR[], cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE,
    source_actor VARCHAR, source_text VARCHAR, source_start INTEGER, source_end INTEGER,
    source_country VARCHAR, source_sector VARCHAR,
    target_actor VARCHAR, target_text VARCHAR, target_start INTEGER, target_end INTEGER,
    target_country VARCHAR, target_sector VARCHAR,
    date_value VARCHAR, date_start INTEGER, date_end INTEGER, date_from VARCHAR,
    location VARCHAR, status VARCHAR,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
    sentence_start INTEGER, sentence_end INTEGER, confidence DOUBLE,
    PRIMARY KEY (article_id, event_id)
);
CREATE TABLE quotes (
    article_id VARCHAR NOT NULL, quote_id VARCHAR NOT NULL,
    start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR,
    speaker_actor VARCHAR, speaker_name VARCHAR, speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
    cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
    PRIMARY KEY (article_id, quote_id)
);
CREATE TABLE places (
    article_id VARCHAR NOT NULL, place_id VARCHAR NOT NULL,
    start INTEGER, "end" INTEGER, text VARCHAR, name VARCHAR, country VARCHAR, admin1 VARCHAR,
    lat DOUBLE, lon DOUBLE, feature VARCHAR, geonames_id BIGINT,
    PRIMARY KEY (article_id, place_id)
);
CREATE SEQUENCE ingest_error_ids;
CREATE TABLE ingest_errors (
    id BIGINT PRIMARY KEY DEFAULT nextval('ingest_error_ids'),
    origin VARCHAR, message VARCHAR, raw VARCHAR,
    failed_at TIMESTAMP DEFAULT current_timestamp
);
