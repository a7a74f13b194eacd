-- dateline.article/2: a quote's addressee ("told AFP") and medium ("in a statement"), the quote
-- an event is reported in, and a temporal expression's TimeML modifier ("early 2019": START).
-- Rows written before this migration keep NULL there, as /1 records have none.
ALTER TABLE quotes ADD COLUMN addressee_start INTEGER;
ALTER TABLE quotes ADD COLUMN addressee_end INTEGER;
ALTER TABLE quotes ADD COLUMN addressee_text VARCHAR;
ALTER TABLE quotes ADD COLUMN medium_start INTEGER;
ALTER TABLE quotes ADD COLUMN medium_end INTEGER;
ALTER TABLE quotes ADD COLUMN medium_text VARCHAR;
ALTER TABLE events ADD COLUMN quote_id VARCHAR;
ALTER TABLE timexes ADD COLUMN mod VARCHAR;
