-- Issue 3: a timeline line is stored as a code (kind) with its parameters, so that the web app can
-- show it in the interface language; summary stays the Dutch text of record. Lines written before
-- this migration have no parameters and are shown by their summary.
ALTER TABLE case_events ADD COLUMN params jsonb;
