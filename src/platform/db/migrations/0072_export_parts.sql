-- The file of an asynchronous export in parts (issue 9 point 6). On the embedded database every query
-- waits for the one before it, and writing one sealed file of several MB held every other request for
-- over 200 ms (the CSV of 100,000 access-log entries: one write of ~8 MB). The job now seals and writes
-- the compressed file in parts of at most 192 KiB, each in its own short transaction, and the export row
-- says how many there are. Files made before this migration keep their single `content`.
-- Keys and the foreign key carry region_id, so that the table can be distributed by region
-- (docs/operations.md, "Scale-out beyond one database").
ALTER TABLE exports ADD CONSTRAINT exports_region_id_key UNIQUE (region_id, id);
CREATE TABLE export_parts (
  region_id uuid NOT NULL REFERENCES regions (id),
  export_id uuid NOT NULL,
  part integer NOT NULL CHECK (part >= 0),
  content text NOT NULL,
  PRIMARY KEY (region_id, export_id, part),
  FOREIGN KEY (region_id, export_id) REFERENCES exports (region_id, id) ON DELETE CASCADE
);
ALTER TABLE export_parts ENABLE ROW LEVEL SECURITY;
ALTER TABLE export_parts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON export_parts USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, DELETE ON export_parts TO schakel_app;

ALTER TABLE exports ADD COLUMN parts integer CHECK (parts > 0);
ALTER TABLE exports DROP CONSTRAINT exports_check;
ALTER TABLE exports ADD CONSTRAINT exports_file_check
  CHECK ((status = 'done') = (content IS NOT NULL OR parts IS NOT NULL));
