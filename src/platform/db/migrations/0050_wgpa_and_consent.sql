-- Issue 12: lawful by construction.
--
-- 1. The Wgpa's safeguards: inclusion (weging) against stated criteria by at least gemeente, politie
--    and OM; informing the person (or recording why not, with a date to reconsider); a periodic
--    inclusion review of every open case; the reasons for the retention term recorded at closing.
--
-- The new tables go with their case (or request) when the destruction functions of 0010 delete it:
-- their foreign keys cascade, so those functions need no change.
-- 2. Consent asked of the source: the privacy officer asks the source organisation's privacy contact
--    (a role grant at that organisation) whether an item under Wpg, Wjsg or professional secrecy may be
--    released to the person; the item's release follows that decision.

CREATE FUNCTION schakel_tenant_table_0050(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY tenant ON %s USING (region_id = current_region_id()) WITH CHECK (region_id = current_region_id())', t);
END
$$;

-- The privacy contact of a chain partner: decides consent requests for its organisation's items.
ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check CHECK (role IN ('admin', 'process_director',
  'case_coordinator', 'partner', 'expert', 'network_director', 'policy_officer', 'executive', 'privacy_officer',
  'privacy_contact'));

-- Inclusion criteria, configurable per region (seeded with a public formulation; never deleted, so
-- that old decisions keep their wording).
CREATE TABLE inclusion_criteria (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,60}$'),
  label_nl text NOT NULL CHECK (length(label_nl) BETWEEN 1 AND 500),
  label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 500),
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, code)
);
SELECT schakel_tenant_table_0050('inclusion_criteria');
GRANT SELECT, INSERT, UPDATE ON inclusion_criteria TO schakel_app;

-- The weging: the decision to include a person in the approach (with the triage decision that opens
-- the case), the criteria that apply with reasons per criterion, and who took part.
CREATE TABLE inclusion_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL UNIQUE REFERENCES cases (id) ON DELETE CASCADE,
  triage_decision_id uuid NOT NULL UNIQUE REFERENCES triage_decisions (id) ON DELETE CASCADE,
  decided_on date NOT NULL,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
SELECT schakel_tenant_table_0050('inclusion_decisions');
GRANT SELECT, INSERT ON inclusion_decisions TO schakel_app;

CREATE TABLE inclusion_decision_criteria (
  region_id uuid NOT NULL REFERENCES regions (id),
  inclusion_decision_id uuid NOT NULL REFERENCES inclusion_decisions (id) ON DELETE CASCADE,
  criterion_id uuid NOT NULL REFERENCES inclusion_criteria (id),
  reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 4000),
  PRIMARY KEY (inclusion_decision_id, criterion_id)
);
SELECT schakel_tenant_table_0050('inclusion_decision_criteria');
GRANT SELECT, INSERT ON inclusion_decision_criteria TO schakel_app;

CREATE TABLE inclusion_decision_participants (
  region_id uuid NOT NULL REFERENCES regions (id),
  inclusion_decision_id uuid NOT NULL REFERENCES inclusion_decisions (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (inclusion_decision_id, organisation_id)
);
SELECT schakel_tenant_table_0050('inclusion_decision_participants');
GRANT SELECT, INSERT ON inclusion_decision_participants TO schakel_app;

-- Informing the person: informed (date, how, by whom) or deferred (legal ground, date to reconsider).
-- The newest record of a case is its state; older ones stay as history.
CREATE TABLE informing_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  outcome text NOT NULL CHECK (outcome IN ('informed', 'deferred')),
  informed_on date,
  method text CHECK (method IN ('conversation', 'letter', 'phone', 'via_representative')),
  informed_by text CHECK (length(informed_by) BETWEEN 1 AND 200),
  legal_ground text CHECK (legal_ground IN ('investigation_interest', 'safety_of_others', 'safety_of_person',
    'rights_of_others', 'approach_would_be_frustrated')),
  reasons text CHECK (length(reasons) BETWEEN 1 AND 4000),
  reconsider_on date,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (outcome <> 'informed' OR (informed_on IS NOT NULL AND method IS NOT NULL AND informed_by IS NOT NULL)),
  CHECK (outcome <> 'deferred' OR (legal_ground IS NOT NULL AND reasons IS NOT NULL AND reconsider_on IS NOT NULL))
);
CREATE INDEX informing_records_case_idx ON informing_records (case_id, recorded_at DESC);
SELECT schakel_tenant_table_0050('informing_records');
GRANT SELECT, INSERT ON informing_records TO schakel_app;

-- The inclusion review: does the person still belong in the approach?
CREATE TABLE inclusion_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  reviewed_on date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('stays', 'de_escalate', 'close')),
  reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 4000),
  reviewed_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inclusion_reviews_case_idx ON inclusion_reviews (case_id, reviewed_on);
SELECT schakel_tenant_table_0050('inclusion_reviews');
GRANT SELECT, INSERT ON inclusion_reviews TO schakel_app;

ALTER TABLE region_settings ADD COLUMN inclusion_review_months integer NOT NULL DEFAULT 12
  CHECK (inclusion_review_months BETWEEN 1 AND 36);

ALTER TABLE cases ADD COLUMN next_inclusion_review_on date;
-- Existing open cases: a first review twelve months after opening (or now, when that has passed).
UPDATE cases SET next_inclusion_review_on = (opened_at AT TIME ZONE 'Europe/Amsterdam')::date + interval '12 months'
  WHERE phase <> 'closed';
CREATE INDEX cases_inclusion_review_idx ON cases (region_id, next_inclusion_review_on) WHERE phase <> 'closed';

-- The retention term's reasons at definitive closing (keep the standard term, or shorten it).
ALTER TABLE cases ADD COLUMN retention_decision text CHECK (retention_decision IN ('keep', 'shorten'));
ALTER TABLE cases ADD COLUMN retention_reasons text CHECK (length(retention_reasons) BETWEEN 1 AND 4000);
ALTER TABLE cases ADD COLUMN retention_months integer CHECK (retention_months BETWEEN 1 AND 60);
ALTER TABLE cases ADD CONSTRAINT cases_retention_shorten CHECK (
  retention_decision IS DISTINCT FROM 'shorten' OR retention_months IS NOT NULL);

-- Consent asked of the source.
CREATE TABLE sar_consent_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  request_id uuid NOT NULL REFERENCES subject_access_requests (id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES sar_items (id) ON DELETE CASCADE,
  source_organisation_id uuid NOT NULL REFERENCES organisations (id),
  due_on date NOT NULL,
  message text CHECK (length(message) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'refused')),
  requested_by uuid NOT NULL REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  reason text CHECK (length(reason) BETWEEN 1 AND 4000),
  version integer NOT NULL DEFAULT 1,
  CHECK ((status = 'pending') = (decided_by IS NULL)),
  CHECK (status = 'pending' OR (decided_at IS NOT NULL AND reason IS NOT NULL))
);
-- One open request per item at a time.
CREATE UNIQUE INDEX sar_consent_requests_open_key ON sar_consent_requests (item_id) WHERE status = 'pending';
CREATE INDEX sar_consent_requests_source_idx ON sar_consent_requests (region_id, source_organisation_id, status);
SELECT schakel_tenant_table_0050('sar_consent_requests');
GRANT SELECT, INSERT, UPDATE ON sar_consent_requests TO schakel_app;

-- The item's consent now follows the source's decision: pending while asked.
ALTER TABLE sar_items DROP CONSTRAINT sar_items_consent_status_check;
UPDATE sar_items SET consent_status = 'pending' WHERE consent_status = 'requested';
ALTER TABLE sar_items ADD CONSTRAINT sar_items_consent_status_check
  CHECK (consent_status IN ('pending', 'granted', 'refused'));

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('action_due', 'action_overdue',
  'review_due', 'revisit_due', 'proportionality_due', 'inclusion_review_due', 'informing_due', 'consent_requested'));

DROP FUNCTION schakel_tenant_table_0050(regclass);
