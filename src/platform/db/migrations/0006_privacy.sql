-- Privacy officer and data protection (issue 4, PRODUCT.md §4): break-the-glass grants, the covenant
-- register and the record of access-log verifications. Every table is tenant-owned with FORCE RLS.

CREATE FUNCTION schakel_privacy_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY tenant ON %s USING (region_id = current_region_id()) WITH CHECK (region_id = current_region_id())', t);
END
$$;

-- Break-the-glass: a process director's time-limited emergency access to one case outside their
-- need-to-know, with a written reason; it stays in the privacy officer's queue until reviewed.
CREATE TABLE break_glass_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  user_id uuid NOT NULL REFERENCES users (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 20 AND 4000),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users (id),
  review_note text CHECK (length(review_note) <= 4000),
  version integer NOT NULL DEFAULT 1,
  CHECK (expires_at > granted_at),
  CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL))
);
CREATE INDEX break_glass_grants_access_idx ON break_glass_grants (user_id, case_id, expires_at);
CREATE INDEX break_glass_grants_queue_idx ON break_glass_grants (region_id, reviewed_at, granted_at);
SELECT schakel_privacy_tenant_table('break_glass_grants');
GRANT SELECT, INSERT, UPDATE ON break_glass_grants TO schakel_app;

-- The covenant register: which organisations signed the region's covenant and which categories of
-- data each may share and receive. An organisation without a signed covenant cannot join a case.
CREATE TABLE covenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  signed_on date,
  legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 4000),
  document_reference text CHECK (length(document_reference) <= 500),
  status text NOT NULL CHECK (status IN ('draft', 'signed', 'ended')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (status = 'draft' OR signed_on IS NOT NULL)
);
SELECT schakel_privacy_tenant_table('covenants');
GRANT SELECT, INSERT, UPDATE, DELETE ON covenants TO schakel_app;

CREATE TABLE covenant_parties (
  region_id uuid NOT NULL REFERENCES regions (id),
  covenant_id uuid NOT NULL REFERENCES covenants (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  signed_on date,
  may_share text[] NOT NULL DEFAULT '{}',
  may_receive text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (covenant_id, organisation_id)
);
CREATE INDEX covenant_parties_organisation_idx ON covenant_parties (organisation_id);
SELECT schakel_privacy_tenant_table('covenant_parties');
GRANT SELECT, INSERT, UPDATE, DELETE ON covenant_parties TO schakel_app;

-- Results of verifying a region's hash-chained access log (shown to the privacy officer).
CREATE TABLE access_log_verifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  verified_at timestamptz NOT NULL,
  verified_by uuid REFERENCES users (id),
  entries bigint NOT NULL,
  intact boolean NOT NULL,
  first_break bigint
);
CREATE INDEX access_log_verifications_idx ON access_log_verifications (region_id, verified_at);
SELECT schakel_privacy_tenant_table('access_log_verifications');
GRANT SELECT, INSERT ON access_log_verifications TO schakel_app;

DROP FUNCTION schakel_privacy_tenant_table(regclass);
