-- Monthly counts of the occurrences per country dyad, kept up to date with them
-- (dateline.store.occurrences): a monthly dyad series between two countries then reads this
-- table, at most countries x countries x months rows, instead of every occurrence. A two-sided
-- occurrence counts in both directions; a country is '' where there is none; sums are exact
-- decimals so that adding and removing occurrences in any order leaves the same figures.
CREATE TABLE dyad_months (
    source_country VARCHAR NOT NULL, target_country VARCHAR NOT NULL, month DATE NOT NULL,
    events BIGINT NOT NULL, goldstein_sum DECIMAL(38, 6) NOT NULL,
    verbal_coop BIGINT NOT NULL, material_coop BIGINT NOT NULL,
    verbal_conflict BIGINT NOT NULL, material_conflict BIGINT NOT NULL
);
INSERT INTO dyad_months
SELECT sc, tc, month, count(*), coalesce(sum(g), 0),
       count(*) FILTER (WHERE q = 1), count(*) FILTER (WHERE q = 2),
       count(*) FILTER (WHERE q = 3), count(*) FILTER (WHERE q = 4)
FROM (
    SELECT coalesce(source_country, '') AS sc, coalesce(target_country, '') AS tc,
           CAST(date_trunc('month', date) AS DATE) AS month, CAST(round(goldstein, 6) AS DECIMAL(38, 6)) AS g,
           quad_class AS q
    FROM occurrences WHERE date IS NOT NULL
    UNION ALL
    SELECT coalesce(target_country, ''), coalesce(source_country, ''), CAST(date_trunc('month', date) AS DATE),
           CAST(round(goldstein, 6) AS DECIMAL(38, 6)), quad_class
    FROM occurrences WHERE two_sided AND date IS NOT NULL
)
GROUP BY ALL;
