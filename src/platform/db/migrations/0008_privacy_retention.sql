-- Retention (issue 4 part 4): terms per record type and closing type set by the admin (defaults in
-- src/modules/privacy/retention.ts, sources in docs/privacy.md), legal holds that suspend destruction
-- of a case, and job_runs: one row per (job, period), inserted first, so that a scheduled job runs
-- exactly once per period even with several app instances.

CREATE TABLE retention_terms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  record_type text NOT NULL CHECK (record_type IN ('case', 'signal')),
  closing_type text NOT NULL CHECK (closing_type IN ('definitive', 'no_case')),
  term_months integer NOT NULL CHECK (term_months BETWEEN 1 AND 1200),
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 1000),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, record_type, closing_type),
  CHECK ((record_type = 'case' AND closing_type = 'definitive') OR (record_type = 'signal' AND closing_type = 'no_case'))
);
ALTER TABLE retention_terms ENABLE ROW LEVEL SECURITY;
ALTER TABLE retention_terms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON retention_terms USING (region_id = current_region_id()) WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON retention_terms TO schakel_app;

CREATE TABLE legal_holds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  set_by uuid NOT NULL REFERENCES users (id),
  set_at timestamptz NOT NULL DEFAULT now(),
  lifted_by uuid REFERENCES users (id),
  lifted_at timestamptz
);
CREATE UNIQUE INDEX legal_holds_active_key ON legal_holds (case_id) WHERE lifted_at IS NULL;
ALTER TABLE legal_holds ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_holds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON legal_holds USING (region_id = current_region_id()) WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON legal_holds TO schakel_app;

-- Not tenant data (no personal data): which scheduled job ran for which period, on which instance.
CREATE TABLE job_runs (
  job text NOT NULL CHECK (job ~ '^[a-z][a-z0-9-]{1,60}$'),
  period text NOT NULL CHECK (length(period) BETWEEN 1 AND 40),
  instance text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  summary jsonb,
  PRIMARY KEY (job, period)
);
GRANT SELECT, INSERT, UPDATE ON job_runs TO schakel_app;
