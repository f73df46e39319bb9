-- The person-centred case approach (PRODUCT.md §2): persons, signals, assessments, triage, cases,
-- case conferences, plans, actions, monitoring, closing and evaluation. Every table is tenant-owned
-- (region_id) with FORCE ROW LEVEL SECURITY; need-to-know within a region is enforced by the
-- queries (src/modules/cases/visibility.ts) on top of that.

-- A helper to declare the tenant policy once per table.
CREATE FUNCTION schakel_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY tenant ON %s USING (region_id = current_region_id()) WITH CHECK (region_id = current_region_id())', t);
END
$$;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Configuration per region ------------------------------------------------------------------------

CREATE TABLE region_settings (
  region_id uuid PRIMARY KEY REFERENCES regions (id),
  twbmt_enabled boolean NOT NULL DEFAULT true,
  proportionality_interval_days integer NOT NULL DEFAULT 91 CHECK (proportionality_interval_days BETWEEN 7 AND 730),
  version integer NOT NULL DEFAULT 1
);
SELECT schakel_tenant_table('region_settings');
GRANT SELECT, INSERT, UPDATE ON region_settings TO schakel_app;

CREATE TABLE indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,60}$'),
  label_nl text NOT NULL,
  label_en text NOT NULL,
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  UNIQUE (region_id, code)
);
SELECT schakel_tenant_table('indicators');
GRANT SELECT, INSERT, UPDATE ON indicators TO schakel_app;

-- Persons ------------------------------------------------------------------------------------------

CREATE TABLE persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  name_prefix text CHECK (length(name_prefix) <= 20),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  date_of_birth date,
  gender text CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  residence_municipality_id uuid REFERENCES municipalities (id),
  -- lower-cased "first prefix last" for trigram matching; maintained by the application.
  search_name text NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX persons_search_name_trgm ON persons USING gin (search_name gin_trgm_ops);
CREATE INDEX persons_dob_idx ON persons (region_id, date_of_birth);
SELECT schakel_tenant_table('persons');
GRANT SELECT, INSERT, UPDATE ON persons TO schakel_app;

-- Signals ------------------------------------------------------------------------------------------

CREATE TABLE signals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  reference text NOT NULL,
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  source_organisation_id uuid NOT NULL REFERENCES organisations (id),
  reporter_name text CHECK (length(reporter_name) <= 200),
  reporter_contact text CHECK (length(reporter_contact) <= 200),
  received_on date NOT NULL,
  subject_unknown boolean NOT NULL DEFAULT false,
  indicators text[] NOT NULL DEFAULT '{}',
  ideology text NOT NULL CHECK (ideology IN ('jihadist', 'right_wing', 'left_wing', 'anti_government', 'other_unclear')),
  urgency text NOT NULL CHECK (urgency IN ('normal', 'high', 'acute')),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 20000),
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'triage', 'decided', 'closed')),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, reference)
);
CREATE INDEX signals_status_idx ON signals (region_id, status, received_on);
CREATE INDEX signals_municipality_idx ON signals (municipality_id);
SELECT schakel_tenant_table('signals');
GRANT SELECT, INSERT, UPDATE ON signals TO schakel_app;

-- Who a signal is about. A link is never deleted: undoing it sets unlinked_at, so the history stays.
CREATE TABLE signal_subjects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  signal_id uuid NOT NULL REFERENCES signals (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  link_kind text NOT NULL CHECK (link_kind IN ('new_person', 'matched_existing')),
  match_reason text,
  linked_by uuid NOT NULL REFERENCES users (id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  unlinked_by uuid REFERENCES users (id),
  unlinked_at timestamptz,
  unlink_reason text
);
CREATE UNIQUE INDEX signal_subjects_active_key ON signal_subjects (signal_id, person_id) WHERE unlinked_at IS NULL;
CREATE INDEX signal_subjects_person_idx ON signal_subjects (person_id);
SELECT schakel_tenant_table('signal_subjects');
GRANT SELECT, INSERT, UPDATE ON signal_subjects TO schakel_app;

-- Attachments are stored encrypted (AES-256-GCM, see src/platform/crypto.ts).
CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  signal_id uuid REFERENCES signals (id),
  case_id uuid,
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  content_sealed text NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_signal_idx ON attachments (signal_id);
SELECT schakel_tenant_table('attachments');
GRANT SELECT, INSERT, DELETE ON attachments TO schakel_app;

-- Assessment (duiding en inschatting) ---------------------------------------------------------------

CREATE TABLE assessment_frameworks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  name text NOT NULL,
  description text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
SELECT schakel_tenant_table('assessment_frameworks');
GRANT SELECT, INSERT, UPDATE ON assessment_frameworks TO schakel_app;

CREATE TABLE framework_factors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  framework_id uuid NOT NULL REFERENCES assessment_frameworks (id),
  domain text NOT NULL CHECK (domain IN ('security_risk', 'ideological_content', 'vulnerability', 'protective')),
  code text NOT NULL,
  label_nl text NOT NULL,
  label_en text NOT NULL,
  guidance text,
  sort integer NOT NULL DEFAULT 0,
  UNIQUE (framework_id, code)
);
SELECT schakel_tenant_table('framework_factors');
GRANT SELECT, INSERT, UPDATE ON framework_factors TO schakel_app;

-- An assessment is a professional judgement. It has no score column on purpose: the concern level
-- is chosen by the assessor and nothing is computed from the factor ratings (AI Act art. 5(1)(d)).
CREATE TABLE assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  case_id uuid,
  signal_id uuid REFERENCES signals (id),
  framework_id uuid NOT NULL REFERENCES assessment_frameworks (id),
  sequence integer NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  concern_level text CHECK (concern_level IN ('low', 'medium', 'high', 'acute')),
  rationale text CHECK (length(rationale) <= 20000),
  assessed_on date NOT NULL,
  assessed_by uuid NOT NULL REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  finalised_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (person_id, sequence),
  CHECK (status = 'draft' OR (concern_level IS NOT NULL AND rationale IS NOT NULL AND length(rationale) > 0))
);
CREATE INDEX assessments_case_idx ON assessments (case_id, sequence);
SELECT schakel_tenant_table('assessments');
GRANT SELECT, INSERT, UPDATE ON assessments TO schakel_app;

CREATE TABLE assessment_ratings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  assessment_id uuid NOT NULL REFERENCES assessments (id),
  factor_id uuid NOT NULL REFERENCES framework_factors (id),
  rating text NOT NULL CHECK (rating IN ('not_observed', 'present', 'strongly_present', 'unknown')),
  evidence text CHECK (length(evidence) <= 10000),
  source_organisation_id uuid REFERENCES organisations (id),
  observed_on date,
  UNIQUE (assessment_id, factor_id)
);
SELECT schakel_tenant_table('assessment_ratings');
GRANT SELECT, INSERT, UPDATE, DELETE ON assessment_ratings TO schakel_app;

-- Triage (afstemmingsoverleg) --------------------------------------------------------------------------

CREATE TABLE triage_meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  held_on date NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held')),
  chair_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
SELECT schakel_tenant_table('triage_meetings');
GRANT SELECT, INSERT, UPDATE ON triage_meetings TO schakel_app;

CREATE TABLE triage_agenda (
  region_id uuid NOT NULL REFERENCES regions (id),
  triage_meeting_id uuid NOT NULL REFERENCES triage_meetings (id),
  signal_id uuid NOT NULL REFERENCES signals (id),
  position integer NOT NULL,
  PRIMARY KEY (triage_meeting_id, signal_id)
);
SELECT schakel_tenant_table('triage_agenda');
GRANT SELECT, INSERT, DELETE ON triage_agenda TO schakel_app;

CREATE TABLE triage_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  triage_meeting_id uuid REFERENCES triage_meetings (id),
  signal_id uuid NOT NULL UNIQUE REFERENCES signals (id),
  decision text NOT NULL CHECK (decision IN ('open_case', 'handle_locally', 'refer', 'no_action')),
  referred_to text CHECK (referred_to IN ('care', 'top_x', 'youth', 'other')),
  rationale text NOT NULL CHECK (length(rationale) BETWEEN 1 AND 20000),
  case_id uuid,
  decided_by uuid NOT NULL REFERENCES users (id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((decision = 'refer') = (referred_to IS NOT NULL))
);
SELECT schakel_tenant_table('triage_decisions');
GRANT SELECT, INSERT ON triage_decisions TO schakel_app;

-- Cases ----------------------------------------------------------------------------------------------

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  reference text NOT NULL,
  subject_person_id uuid NOT NULL REFERENCES persons (id),
  target_group text NOT NULL CHECK (target_group IN ('radicalised', 'recruiter', 'intending_traveller',
    'stay_at_home', 'departed', 'returnee', 'detainee', 'family_member')),
  risk_group smallint CHECK (risk_group BETWEEN 1 AND 5),
  ideology text NOT NULL CHECK (ideology IN ('jihadist', 'right_wing', 'left_wing', 'anti_government', 'other_unclear')),
  directing_municipality_id uuid NOT NULL REFERENCES municipalities (id),
  process_director_id uuid NOT NULL REFERENCES users (id),
  case_coordinator_id uuid REFERENCES users (id),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'high')),
  phase text NOT NULL DEFAULT 'preparation' CHECK (phase IN ('preparation', 'analysis', 'execution',
    'monitoring', 'closed_provisional', 'closed')),
  escalation_level text NOT NULL DEFAULT 'regional' CHECK (escalation_level IN ('local', 'regional', 'national')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  closing_kind text CHECK (closing_kind IN ('provisional', 'definitive')),
  closing_reason text,
  revisit_on date,
  next_review_on date,
  last_conference_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, reference),
  CHECK (phase <> 'closed_provisional' OR (closing_kind = 'provisional' AND revisit_on IS NOT NULL)),
  CHECK (phase NOT IN ('closed', 'closed_provisional') OR (closed_at IS NOT NULL AND closing_reason IS NOT NULL))
);
CREATE INDEX cases_open_idx ON cases (region_id, phase) WHERE phase <> 'closed';
CREATE INDEX cases_municipality_idx ON cases (directing_municipality_id);
CREATE INDEX cases_coordinator_idx ON cases (case_coordinator_id);
CREATE INDEX cases_subject_idx ON cases (subject_person_id);
SELECT schakel_tenant_table('cases');
GRANT SELECT, INSERT, UPDATE ON cases TO schakel_app;

ALTER TABLE assessments ADD CONSTRAINT assessments_case_fk FOREIGN KEY (case_id) REFERENCES cases (id);
ALTER TABLE triage_decisions ADD CONSTRAINT triage_decisions_case_fk FOREIGN KEY (case_id) REFERENCES cases (id);
ALTER TABLE attachments ADD CONSTRAINT attachments_case_fk FOREIGN KEY (case_id) REFERENCES cases (id);

CREATE TABLE case_signals (
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  signal_id uuid NOT NULL REFERENCES signals (id),
  PRIMARY KEY (case_id, signal_id)
);
SELECT schakel_tenant_table('case_signals');
GRANT SELECT, INSERT ON case_signals TO schakel_app;

CREATE TABLE case_related_persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  relation text NOT NULL CHECK (relation IN ('parent', 'sibling', 'partner', 'child', 'network', 'other')),
  note text CHECK (length(note) <= 2000),
  added_by uuid NOT NULL REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE UNIQUE INDEX case_related_persons_active_key ON case_related_persons (case_id, person_id) WHERE removed_at IS NULL;
CREATE INDEX case_related_persons_person_idx ON case_related_persons (person_id);
SELECT schakel_tenant_table('case_related_persons');
GRANT SELECT, INSERT, UPDATE ON case_related_persons TO schakel_app;

-- Partner organisations that take part in a case, and the people of those organisations added to it.
CREATE TABLE case_organisations (
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  added_by uuid NOT NULL REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  PRIMARY KEY (case_id, organisation_id)
);
SELECT schakel_tenant_table('case_organisations');
GRANT SELECT, INSERT, UPDATE ON case_organisations TO schakel_app;

CREATE TABLE case_members (
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  user_id uuid NOT NULL REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  purpose text NOT NULL DEFAULT 'partner' CHECK (purpose IN ('partner', 'expert')),
  added_by uuid NOT NULL REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_members_user_idx ON case_members (user_id) WHERE removed_at IS NULL;
SELECT schakel_tenant_table('case_members');
GRANT SELECT, INSERT, UPDATE ON case_members TO schakel_app;

-- Each piece of partner information: source organisation, legal regime and sharing scope.
CREATE TABLE case_contributions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  meeting_id uuid,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  author_id uuid NOT NULL REFERENCES users (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  legal_regime text NOT NULL CHECK (legal_regime IN ('avg', 'wpg', 'wjsg', 'professional_secrecy')),
  scope text NOT NULL CHECK (scope IN ('conference', 'process_director')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_contributions_case_idx ON case_contributions (case_id, created_at);
SELECT schakel_tenant_table('case_contributions');
GRANT SELECT, INSERT ON case_contributions TO schakel_app;

-- The timeline: what happened to a case, in words without extra personal data.
CREATE TABLE case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES users (id),
  kind text NOT NULL,
  summary text NOT NULL,
  reason text
);
CREATE INDEX case_events_case_idx ON case_events (case_id, occurred_at);
SELECT schakel_tenant_table('case_events');
GRANT SELECT, INSERT ON case_events TO schakel_app;

CREATE TABLE proportionality_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  reviewed_on date NOT NULL,
  reviewer_id uuid NOT NULL REFERENCES users (id),
  -- per measure: {planInterventionId, necessary, proportionate, leastIntrusive, note}
  measures jsonb NOT NULL DEFAULT '[]',
  reasoning text NOT NULL CHECK (length(reasoning) BETWEEN 1 AND 20000),
  next_review_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proportionality_reviews_case_idx ON proportionality_reviews (case_id, reviewed_on);
SELECT schakel_tenant_table('proportionality_reviews');
GRANT SELECT, INSERT ON proportionality_reviews TO schakel_app;

CREATE TABLE case_evaluations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  kind text NOT NULL CHECK (kind IN ('process', 'cooperation')),
  findings text NOT NULL CHECK (length(findings) BETWEEN 1 AND 20000),
  follow_up text CHECK (length(follow_up) <= 20000),
  author_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
SELECT schakel_tenant_table('case_evaluations');
GRANT SELECT, INSERT ON case_evaluations TO schakel_app;

-- Case conferences (casusoverleg) --------------------------------------------------------------------

CREATE TABLE meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  location text CHECK (length(location) <= 200),
  chair_id uuid NOT NULL REFERENCES users (id),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'in_progress', 'held', 'minutes_approved', 'cancelled')),
  minutes_notes text CHECK (length(minutes_notes) <= 50000),
  minutes_approved_by uuid REFERENCES users (id),
  minutes_approved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_starts_idx ON meetings (region_id, starts_at);
SELECT schakel_tenant_table('meetings');
GRANT SELECT, INSERT, UPDATE ON meetings TO schakel_app;

ALTER TABLE case_contributions ADD CONSTRAINT case_contributions_meeting_fk FOREIGN KEY (meeting_id) REFERENCES meetings (id);

CREATE TABLE meeting_agenda_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  meeting_id uuid NOT NULL REFERENCES meetings (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  position integer NOT NULL,
  judgement text CHECK (length(judgement) <= 20000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'discussed', 'deferred')),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (meeting_id, case_id)
);
CREATE INDEX meeting_agenda_items_case_idx ON meeting_agenda_items (case_id);
SELECT schakel_tenant_table('meeting_agenda_items');
GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_agenda_items TO schakel_app;

CREATE TABLE meeting_attendance (
  region_id uuid NOT NULL REFERENCES regions (id),
  meeting_id uuid NOT NULL REFERENCES meetings (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  present boolean NOT NULL,
  attendees text CHECK (length(attendees) <= 1000),
  PRIMARY KEY (meeting_id, organisation_id)
);
SELECT schakel_tenant_table('meeting_attendance');
GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_attendance TO schakel_app;

-- Plans of approach and actions ------------------------------------------------------------------------

-- The toolbox (instrumentenkoffer): measures and powers per target group and organisation type.
CREATE TABLE toolbox_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  code text NOT NULL,
  name_nl text NOT NULL,
  name_en text NOT NULL,
  description text,
  category text NOT NULL CHECK (category IN ('limiting_criminal', 'limiting_administrative', 'twbmt',
    'passport', 'influencing', 'duiding')),
  target_groups text[] NOT NULL DEFAULT '{}',
  organisation_types text[] NOT NULL DEFAULT '{}',
  legal_basis text,
  active boolean NOT NULL DEFAULT true,
  UNIQUE (region_id, code)
);
SELECT schakel_tenant_table('toolbox_items');
GRANT SELECT, INSERT, UPDATE ON toolbox_items TO schakel_app;

CREATE TABLE plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL UNIQUE REFERENCES cases (id),
  problem_analysis text CHECK (length(problem_analysis) <= 50000),
  goals jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted')),
  adopted_at timestamptz,
  next_review_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
SELECT schakel_tenant_table('plans');
GRANT SELECT, INSERT, UPDATE ON plans TO schakel_app;

CREATE TABLE plan_interventions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  plan_id uuid NOT NULL REFERENCES plans (id),
  toolbox_item_id uuid NOT NULL REFERENCES toolbox_items (id),
  goal text CHECK (length(goal) <= 2000),
  responsible_organisation_id uuid NOT NULL REFERENCES organisations (id),
  responsible_user_id uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active', 'completed', 'stopped')),
  starts_on date,
  ends_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX plan_interventions_plan_idx ON plan_interventions (plan_id);
SELECT schakel_tenant_table('plan_interventions');
GRANT SELECT, INSERT, UPDATE ON plan_interventions TO schakel_app;

CREATE TABLE intervention_evaluations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  plan_intervention_id uuid NOT NULL REFERENCES plan_interventions (id),
  kind text NOT NULL CHECK (kind IN ('plan', 'process', 'effect')),
  findings text NOT NULL CHECK (length(findings) BETWEEN 1 AND 20000),
  author_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
SELECT schakel_tenant_table('intervention_evaluations');
GRANT SELECT, INSERT ON intervention_evaluations TO schakel_app;

CREATE TABLE actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  plan_intervention_id uuid REFERENCES plan_interventions (id),
  agenda_item_id uuid REFERENCES meeting_agenda_items (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text CHECK (length(description) <= 10000),
  owner_organisation_id uuid NOT NULL REFERENCES organisations (id),
  owner_user_id uuid REFERENCES users (id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  completed_at timestamptz,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX actions_case_idx ON actions (case_id, due_on);
CREATE INDEX actions_open_due_idx ON actions (region_id, due_on) WHERE status IN ('open', 'in_progress');
SELECT schakel_tenant_table('actions');
GRANT SELECT, INSERT, UPDATE ON actions TO schakel_app;

CREATE TABLE action_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  action_id uuid NOT NULL REFERENCES actions (id),
  author_id uuid NOT NULL REFERENCES users (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  created_at timestamptz NOT NULL DEFAULT now()
);
SELECT schakel_tenant_table('action_notes');
GRANT SELECT, INSERT ON action_notes TO schakel_app;

-- In-app notifications: never personal data in the text, only a case reference.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('action_due', 'action_overdue', 'review_due', 'revisit_due', 'proportionality_due')),
  case_id uuid REFERENCES cases (id),
  action_id uuid REFERENCES actions (id),
  due_on date,
  message text NOT NULL,
  dedupe_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
SELECT schakel_tenant_table('notifications');
GRANT SELECT, INSERT, UPDATE ON notifications TO schakel_app;

-- Per-region counters for human-readable references (S-2026-0001, C-2026-0001).
CREATE TABLE reference_counters (
  region_id uuid NOT NULL REFERENCES regions (id),
  kind text NOT NULL,
  year integer NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (region_id, kind, year)
);
SELECT schakel_tenant_table('reference_counters');
GRANT SELECT, INSERT, UPDATE ON reference_counters TO schakel_app;

DROP FUNCTION schakel_tenant_table(regclass);
