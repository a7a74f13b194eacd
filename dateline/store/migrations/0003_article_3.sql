-- dateline.article/3: the article's language, where each country code came from, the other
-- direction of a two-sided event, events told in the headline, the parts of a page, and the
-- stages that failed on an article. Rows written before this migration keep NULL there.
ALTER TABLE articles ADD COLUMN language VARCHAR;
ALTER TABLE actors ADD COLUMN country_from VARCHAR;
ALTER TABLE events ADD COLUMN source_country_from VARCHAR;
ALTER TABLE events ADD COLUMN target_country_from VARCHAR;
ALTER TABLE events ADD COLUMN pair_id VARCHAR;
ALTER TABLE events ADD COLUMN headline BOOLEAN;
CREATE TABLE segments (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    kind VARCHAR, start INTEGER, "end" INTEGER,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE stage_errors (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    stage VARCHAR, message VARCHAR,
    PRIMARY KEY (article_id, idx)
);
