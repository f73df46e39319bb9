-- Networks and expertise (issue 5, parts 4, 5, 7 and 9): key figures and their networks (SNRP), the
-- contact circle after an incident, trainings with sessions and participants, attention officers, the
-- expertise pool (meetings and matches to cases) and the newsletter.
--
-- Key figures, network members, training participants, attention officers and newsletter subscribers
-- are people: every read and change of their data goes through the access log (recordAccess).
-- Child rows carry their region and reference their parent by (region_id, id), so that even a bug in
-- the application cannot link rows of two regions.

-- Key figures (sleutelfiguren) ---------------------------------------------------------------------

CREATE TABLE key_figures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  organisation text NOT NULL CHECK (length(organisation) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (length(role) BETWEEN 1 AND 200),
  phone text CHECK (length(phone) BETWEEN 1 AND 40),
  email text CHECK (length(email) BETWEEN 3 AND 254),
  municipality_id uuid REFERENCES municipalities (id),
  -- Consent to be kept on the standing list and invited; without it the key figure cannot be invited.
  consent_given_on date,
  consent_scope text CHECK (length(consent_scope) BETWEEN 1 AND 2000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, id),
  CHECK ((consent_given_on IS NULL) = (consent_scope IS NULL))
);
CREATE INDEX key_figures_name_idx ON key_figures (region_id, name, id);
ALTER TABLE key_figures ENABLE ROW LEVEL SECURITY;
ALTER TABLE key_figures FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON key_figures USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON key_figures TO schakel_app;

-- Networks (e.g. the Strategisch Netwerk Radicalisering en Polarisatie) -------------------------------

CREATE TABLE networks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 10000),
  kind text NOT NULL CHECK (kind IN ('strategic', 'operational', 'community', 'other')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, id)
);
CREATE UNIQUE INDEX networks_name_key ON networks (region_id, lower(name));
ALTER TABLE networks ENABLE ROW LEVEL SECURITY;
ALTER TABLE networks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON networks USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON networks TO schakel_app;

-- A member is a key figure or a user of the region.
CREATE TABLE network_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  network_id uuid NOT NULL,
  key_figure_id uuid,
  user_id uuid REFERENCES users (id),
  added_by uuid NOT NULL REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  FOREIGN KEY (region_id, network_id) REFERENCES networks (region_id, id),
  FOREIGN KEY (region_id, key_figure_id) REFERENCES key_figures (region_id, id),
  CHECK ((key_figure_id IS NULL) <> (user_id IS NULL))
);
CREATE UNIQUE INDEX network_members_key_figure_key ON network_members (network_id, key_figure_id)
  WHERE key_figure_id IS NOT NULL AND removed_at IS NULL;
CREATE UNIQUE INDEX network_members_user_key ON network_members (network_id, user_id)
  WHERE user_id IS NOT NULL AND removed_at IS NULL;
CREATE INDEX network_members_key_figure_idx ON network_members (key_figure_id) WHERE key_figure_id IS NOT NULL;
ALTER TABLE network_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE network_members FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON network_members USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON network_members TO schakel_app;

CREATE TABLE network_meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  network_id uuid NOT NULL,
  held_on date NOT NULL,
  notes text CHECK (length(notes) <= 20000),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (region_id, network_id) REFERENCES networks (region_id, id)
);
CREATE INDEX network_meetings_network_idx ON network_meetings (network_id, held_on);
ALTER TABLE network_meetings ENABLE ROW LEVEL SECURITY;
ALTER TABLE network_meetings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON network_meetings USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT ON network_meetings TO schakel_app;

-- Signals shared in a network are about phenomena and sentiment, never about a person.
CREATE TABLE network_signals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  network_id uuid NOT NULL,
  observed_on date NOT NULL,
  theme text NOT NULL CHECK (length(theme) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (region_id, network_id) REFERENCES networks (region_id, id)
);
CREATE INDEX network_signals_network_idx ON network_signals (network_id, observed_on);
ALTER TABLE network_signals ENABLE ROW LEVEL SECURITY;
ALTER TABLE network_signals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON network_signals USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT ON network_signals TO schakel_app;

CREATE TABLE network_activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  network_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  held_on date NOT NULL,
  description text CHECK (length(description) <= 10000),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (region_id, network_id) REFERENCES networks (region_id, id)
);
CREATE INDEX network_activities_network_idx ON network_activities (network_id, held_on);
ALTER TABLE network_activities ENABLE ROW LEVEL SECURITY;
ALTER TABLE network_activities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON network_activities USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT ON network_activities TO schakel_app;

-- Contact circle (contactcirkel) ----------------------------------------------------------------------
-- The five steps of 001 in order (src/core/contact-circle.ts), then the report and the process
-- evaluation. `completed_steps` is how many steps are done (0–5); the steps' notes are in
-- contact_circle_steps.

CREATE TABLE contact_circles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  incident_title text NOT NULL CHECK (length(incident_title) BETWEEN 1 AND 300),
  incident_on date NOT NULL,
  description text CHECK (length(description) <= 20000),
  completed_steps integer NOT NULL DEFAULT 0 CHECK (completed_steps BETWEEN 0 AND 5),
  meeting_held_at timestamptz,
  meeting_location text CHECK (length(meeting_location) BETWEEN 1 AND 300),
  report text CHECK (length(report) BETWEEN 1 AND 50000),
  reported_at timestamptz,
  reported_by uuid REFERENCES users (id),
  evaluation_findings text CHECK (length(evaluation_findings) BETWEEN 1 AND 20000),
  evaluation_went_well text CHECK (length(evaluation_went_well) <= 20000),
  evaluation_improvements text CHECK (length(evaluation_improvements) <= 20000),
  evaluated_at timestamptz,
  evaluated_by uuid REFERENCES users (id),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, id),
  CHECK (report IS NULL OR completed_steps = 5),
  CHECK (evaluated_at IS NULL OR report IS NOT NULL)
);
CREATE INDEX contact_circles_incident_idx ON contact_circles (region_id, incident_on DESC, id DESC);
ALTER TABLE contact_circles ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_circles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON contact_circles USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON contact_circles TO schakel_app;

CREATE TABLE contact_circle_steps (
  region_id uuid NOT NULL REFERENCES regions (id),
  contact_circle_id uuid NOT NULL,
  step integer NOT NULL CHECK (step BETWEEN 1 AND 5),
  notes text CHECK (length(notes) <= 20000),
  completed_at timestamptz NOT NULL DEFAULT now(),
  completed_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (contact_circle_id, step),
  FOREIGN KEY (region_id, contact_circle_id) REFERENCES contact_circles (region_id, id)
);
ALTER TABLE contact_circle_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_circle_steps FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON contact_circle_steps USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT ON contact_circle_steps TO schakel_app;

CREATE TABLE contact_circle_invitees (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  contact_circle_id uuid NOT NULL,
  key_figure_id uuid NOT NULL,
  invited_by uuid NOT NULL REFERENCES users (id),
  invited_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contact_circle_id, key_figure_id),
  FOREIGN KEY (region_id, contact_circle_id) REFERENCES contact_circles (region_id, id),
  FOREIGN KEY (region_id, key_figure_id) REFERENCES key_figures (region_id, id)
);
CREATE INDEX contact_circle_invitees_key_figure_idx ON contact_circle_invitees (key_figure_id);
ALTER TABLE contact_circle_invitees ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_circle_invitees FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON contact_circle_invitees USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, DELETE ON contact_circle_invitees TO schakel_app;

-- Hard signals (facts, incidents), soft signals (sentiment, worries about physical and social safety)
-- and needs, collected at the meeting (step 4). About the community, not about a person.
CREATE TABLE contact_circle_observations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  contact_circle_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('hard', 'soft', 'need')),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (region_id, contact_circle_id) REFERENCES contact_circles (region_id, id)
);
CREATE INDEX contact_circle_observations_circle_idx ON contact_circle_observations (contact_circle_id, created_at);
ALTER TABLE contact_circle_observations ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_circle_observations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON contact_circle_observations USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT ON contact_circle_observations TO schakel_app;

CREATE TABLE contact_circle_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  contact_circle_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  owner text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
  due_on date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (region_id, contact_circle_id) REFERENCES contact_circles (region_id, id)
);
CREATE INDEX contact_circle_actions_circle_idx ON contact_circle_actions (contact_circle_id, created_at);
ALTER TABLE contact_circle_actions ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_circle_actions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON contact_circle_actions USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON contact_circle_actions TO schakel_app;

-- Trainings, sessions and participants ------------------------------------------------------------

CREATE TABLE trainings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,60}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('basic', 'extremism', 'youth', 'lone_actor', 'multi_day', 'refresher',
    'other')),
  provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 200),
  goal text CHECK (length(goal) <= 10000),
  target_audience text CHECK (length(target_audience) <= 10000),
  duration_days integer CHECK (duration_days BETWEEN 1 AND 30),
  evaluation text CHECK (length(evaluation) <= 2000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, id),
  UNIQUE (region_id, code)
);
ALTER TABLE trainings ENABLE ROW LEVEL SECURITY;
ALTER TABLE trainings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON trainings USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON trainings TO schakel_app;

CREATE TABLE training_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  training_id uuid NOT NULL,
  held_on date NOT NULL,
  location text CHECK (length(location) BETWEEN 1 AND 300),
  trainer text CHECK (length(trainer) BETWEEN 1 AND 200),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, id),
  FOREIGN KEY (region_id, training_id) REFERENCES trainings (region_id, id)
);
CREATE INDEX training_sessions_held_idx ON training_sessions (region_id, held_on DESC, id DESC);
ALTER TABLE training_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON training_sessions USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON training_sessions TO schakel_app;

CREATE TABLE training_participants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  session_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  email text CHECK (length(email) BETWEEN 3 AND 254),
  attended boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (region_id, session_id) REFERENCES training_sessions (region_id, id)
);
CREATE INDEX training_participants_session_idx ON training_participants (session_id, name);
ALTER TABLE training_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_participants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON training_participants USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON training_participants TO schakel_app;

-- Attention officers (aandachtsfunctionarissen): a user of the region, or someone named without an
-- account, in an organisation of the region.
CREATE TABLE attention_officers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  user_id uuid REFERENCES users (id),
  name text CHECK (length(name) BETWEEN 1 AND 200),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  trained_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((user_id IS NULL) <> (name IS NULL))
);
CREATE UNIQUE INDEX attention_officers_user_key ON attention_officers (region_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX attention_officers_organisation_idx ON attention_officers (region_id, organisation_id);
ALTER TABLE attention_officers ENABLE ROW LEVEL SECURITY;
ALTER TABLE attention_officers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON attention_officers USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON attention_officers TO schakel_app;

-- Expertise pool ---------------------------------------------------------------------------------
-- Meetings every three weeks, every third one thematic (src/core/pool-schedule.ts).

CREATE TABLE expertise_pool_meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  sequence integer NOT NULL CHECK (sequence >= 1),
  held_on date NOT NULL,
  thematic boolean NOT NULL,
  theme text CHECK (length(theme) BETWEEN 1 AND 200),
  notes text CHECK (length(notes) <= 20000),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT expertise_pool_meetings_sequence_key UNIQUE (region_id, sequence),
  CONSTRAINT expertise_pool_meetings_held_on_key UNIQUE (region_id, held_on)
);
ALTER TABLE expertise_pool_meetings ENABLE ROW LEVEL SECURITY;
ALTER TABLE expertise_pool_meetings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON expertise_pool_meetings USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON expertise_pool_meetings TO schakel_app;

-- A pool member asked into a case (the case membership itself is in case_members, purpose 'expert').
CREATE TABLE expertise_pool_matches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  expert_user_id uuid NOT NULL REFERENCES users (id),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
  matched_by uuid NOT NULL REFERENCES users (id),
  matched_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX expertise_pool_matches_case_idx ON expertise_pool_matches (case_id, matched_at);
ALTER TABLE expertise_pool_matches ENABLE ROW LEVEL SECURITY;
ALTER TABLE expertise_pool_matches FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON expertise_pool_matches USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT ON expertise_pool_matches TO schakel_app;

-- Newsletter ---------------------------------------------------------------------------------------

CREATE TABLE newsletter_subscribers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  organisation text CHECK (length(organisation) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('partner', 'professional')),
  subscribed_on date NOT NULL,
  unsubscribed_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, id),
  CONSTRAINT newsletter_subscribers_email_key UNIQUE (region_id, email)
);
ALTER TABLE newsletter_subscribers ENABLE ROW LEVEL SECURITY;
ALTER TABLE newsletter_subscribers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON newsletter_subscribers USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON newsletter_subscribers TO schakel_app;

CREATE TABLE newsletter_issues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- Twice a year: 2026-1, 2026-2.
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-[12]$'),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 200000),
  -- 'sending' while messages go out; a claim older than a quarter of an hour may be taken over.
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'sent')),
  sending_started_at timestamptz,
  sent_at timestamptz,
  sent_by uuid REFERENCES users (id),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, id)
);
CREATE INDEX newsletter_issues_period_idx ON newsletter_issues (region_id, period DESC, id DESC);
ALTER TABLE newsletter_issues ENABLE ROW LEVEL SECURITY;
ALTER TABLE newsletter_issues FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON newsletter_issues USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON newsletter_issues TO schakel_app;

-- One row per message handed to the SMTP server (or refused by it). The subscriber reference is
-- cleared when a subscriber is erased; the delivery count stays.
CREATE TABLE newsletter_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  issue_id uuid NOT NULL,
  subscriber_id uuid REFERENCES newsletter_subscribers (id) ON DELETE SET NULL,
  status text NOT NULL CHECK (status IN ('sent', 'failed')),
  message_id text CHECK (length(message_id) <= 500),
  error text CHECK (length(error) <= 2000),
  attempted_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (region_id, issue_id) REFERENCES newsletter_issues (region_id, id)
);
CREATE INDEX newsletter_deliveries_issue_idx ON newsletter_deliveries (issue_id, subscriber_id);
ALTER TABLE newsletter_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE newsletter_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON newsletter_deliveries USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT ON newsletter_deliveries TO schakel_app;
