-- The indicators catalogue is edited by the admin (PATCH /indicators/{id}). Like every updatable
-- record it carries a version, so that two admins editing the same indicator cannot lose an update.
ALTER TABLE indicators ADD COLUMN version integer NOT NULL DEFAULT 1;
