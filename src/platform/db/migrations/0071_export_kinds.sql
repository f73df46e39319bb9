-- A second kind of asynchronous export (issue 9 point 3): the yearly report as PDF, built by the job
-- queue instead of inside the request. The file's name depends on what was built (the report's period),
-- so the job stores it with the file; the media type is stored too, so that a download never has to
-- guess it from the kind.
ALTER TABLE exports DROP CONSTRAINT exports_kind_check;
ALTER TABLE exports ADD CONSTRAINT exports_kind_check CHECK (kind IN ('access-log-csv', 'annual-report-pdf'));
ALTER TABLE exports ADD COLUMN file_name text;
ALTER TABLE exports ADD COLUMN media_type text;
