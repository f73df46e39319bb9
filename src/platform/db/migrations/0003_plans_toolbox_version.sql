-- Toolbox items are changed by the functional administrator (PATCH /toolbox/{id}); like every
-- updatable record they carry a version for optimistic locking (a stale version gets 409).
ALTER TABLE toolbox_items ADD COLUMN version integer NOT NULL DEFAULT 1;
