-- Subject access requests (inzageverzoeken, AVG art. 15; issue 4 part 2): the request with its
-- deadline and decision, and one item per record held about the person with its source
-- organisation, legal regime, disposition (release, redact, withhold) and the ground for it. Police
-- (Wpg) and judicial (Wjsg) items need the source's consent before release.

CREATE FUNCTION schakel_sar_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY tenant ON %s USING (region_id = current_region_id()) WITH CHECK (region_id = current_region_id())', t);
END
$$;

CREATE TABLE subject_access_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  received_on date NOT NULL,
  deadline_on date NOT NULL,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_progress', 'awaiting_source_consent',
    'decided', 'delivered')),
  decision text CHECK (length(decision) <= 10000),
  compiled_at timestamptz,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (deadline_on >= received_on)
);
CREATE INDEX subject_access_requests_person_idx ON subject_access_requests (person_id);
SELECT schakel_sar_tenant_table('subject_access_requests');
GRANT SELECT, INSERT, UPDATE ON subject_access_requests TO schakel_app;

CREATE TABLE sar_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  request_id uuid NOT NULL REFERENCES subject_access_requests (id) ON DELETE CASCADE,
  record_type text NOT NULL,
  record_id text NOT NULL,
  case_id uuid REFERENCES cases (id),
  source_organisation_id uuid REFERENCES organisations (id),
  legal_regime text NOT NULL CHECK (legal_regime IN ('avg', 'wpg', 'wjsg', 'professional_secrecy')),
  recorded_at timestamptz,
  -- A label without personal data (record type and reference); the content is the copy for the export.
  title text NOT NULL,
  content text NOT NULL,
  disposition text NOT NULL DEFAULT 'pending' CHECK (disposition IN ('pending', 'release', 'redact', 'withhold')),
  ground text CHECK (length(ground) <= 4000),
  consent_status text CHECK (consent_status IN ('requested', 'granted', 'refused')),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (request_id, record_type, record_id),
  CHECK (disposition IN ('pending', 'release') OR ground IS NOT NULL)
);
CREATE INDEX sar_items_request_idx ON sar_items (request_id);
SELECT schakel_sar_tenant_table('sar_items');
GRANT SELECT, INSERT, UPDATE, DELETE ON sar_items TO schakel_app;

DROP FUNCTION schakel_sar_tenant_table(regclass);
