-- Asynchronous exports (issue 9 point 3): a user starts a large export, a job builds it off the request
-- path in chunks, and only that user downloads it until it expires. The file is sealed with the secret
-- key (it holds what the user could read); the job queue itself (pg-boss, schema pgboss) carries ids only.
CREATE TABLE exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('access-log-csv')),
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'expired')),
  rows_done integer NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
  rows_total integer CHECK (rows_total >= 0),
  content text,
  content_bytes integer CHECK (content_bytes >= 0),
  trace_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  expires_at timestamptz NOT NULL,
  CHECK ((status = 'done') = (content IS NOT NULL))
);
CREATE INDEX exports_user_idx ON exports (user_id, created_at DESC);
CREATE INDEX exports_expires_idx ON exports (expires_at) WHERE status <> 'expired';
ALTER TABLE exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE exports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON exports USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON exports TO schakel_app;
