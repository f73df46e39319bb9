-- Foundation: tenants (regions), organisations, users, sessions, API tokens, login throttling and the
-- append-only, hash-chained access log.
--
-- Runs as the owner role (the connection of DATABASE_MIGRATION_URL, or DATABASE_URL). The application
-- works as role schakel_app, which owns nothing, has no BYPASSRLS and gets only the grants below.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_app') THEN
    CREATE ROLE schakel_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO schakel_app;

-- The tenant key of the current transaction. Unset means "no region": every tenant policy then
-- matches nothing.
CREATE FUNCTION current_region_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('schakel.region_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION current_region_id() TO schakel_app;

-- Regions are the tenant registry itself; they hold no personal data.
CREATE TABLE regions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,40}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
GRANT SELECT, INSERT, UPDATE ON regions TO schakel_app;

-- The directory of organisations. An organisation may take part in several regions
-- (region_organisations); its users act in one region at a time.
CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type text NOT NULL CHECK (type IN ('municipality', 'police', 'public_prosecutor', 'mental_health',
    'youth_protection', 'probation', 'child_protection_board', 'safety_house', 'education', 'welfare',
    'expertise_pool', 'other')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));
GRANT SELECT, INSERT, UPDATE ON organisations TO schakel_app;

CREATE TABLE region_organisations (
  region_id uuid NOT NULL REFERENCES regions (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_id, organisation_id)
);
CREATE INDEX region_organisations_org_idx ON region_organisations (organisation_id);
ALTER TABLE region_organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE region_organisations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON region_organisations USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
-- Sign-in needs the regions of the user's own organisation before a region is chosen.
CREATE POLICY own_organisation ON region_organisations FOR SELECT
  USING (organisation_id = nullif(current_setting('schakel.organisation_id', true), '')::uuid);
GRANT SELECT, INSERT, DELETE ON region_organisations TO schakel_app;

CREATE TABLE municipalities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  organisation_id uuid REFERENCES organisations (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  cbs_code text CHECK (cbs_code ~ '^GM[0-9]{4}$'),
  district text CHECK (length(district) BETWEEN 1 AND 100),
  is_coordinating boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, name)
);
-- One coordinating municipality per district.
CREATE UNIQUE INDEX municipalities_coordinating_key ON municipalities (region_id, district)
  WHERE is_coordinating;
ALTER TABLE municipalities ENABLE ROW LEVEL SECURITY;
ALTER TABLE municipalities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON municipalities USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON municipalities TO schakel_app;

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (role IN ('admin', 'process_director', 'case_coordinator', 'partner', 'expert',
    'network_director', 'policy_officer', 'executive', 'privacy_officer')),
  locale text NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en')),
  password_hash text NOT NULL,
  totp_secret text,
  totp_enrolled_at timestamptz,
  totp_last_step bigint,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_organisation_idx ON users (organisation_id);
GRANT SELECT, INSERT, UPDATE ON users TO schakel_app;

-- Sessions and tokens are stored as SHA-256 hashes of the secret the client holds.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  region_id uuid NOT NULL REFERENCES regions (id),
  csrf_token text NOT NULL,
  second_factor_ok boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO schakel_app;

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  region_id uuid NOT NULL REFERENCES regions (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
GRANT SELECT, INSERT, UPDATE ON api_tokens TO schakel_app;

-- Failed sign-ins per key (a hash of the e-mail address, or the client address). Unknown and known
-- addresses are throttled alike, so the response never tells whether an account exists.
CREATE TABLE login_throttle (
  key_hash text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  window_started_at timestamptz NOT NULL DEFAULT now(),
  window_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO schakel_app;

-- The access log ("Logboek dataverwerkingen"): one row per processed record and data subject.
-- Rows are hash-chained per region (seq 1, 2, … with prev_hash → hash); writers serialise per region
-- with an advisory lock and the unique (region_id, seq) key makes a forked chain impossible.
CREATE TABLE access_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES regions (id),
  seq bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_organisation_id uuid,
  actor_role text,
  action text NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete', 'export', 'destroy',
    'break_glass')),
  record_type text NOT NULL,
  record_id text,
  subject_type text,
  subject_id text,
  purpose_type text NOT NULL,
  purpose_id text,
  result text NOT NULL CHECK (result IN ('ok', 'denied', 'error')),
  trace_id text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (region_id, seq)
);
CREATE INDEX access_log_subject_idx ON access_log (region_id, subject_type, subject_id);
CREATE INDEX access_log_actor_idx ON access_log (region_id, actor_user_id, occurred_at);
ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON access_log USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
-- Append-only for the application: no UPDATE, DELETE or TRUNCATE grant, and a trigger that refuses
-- them for every role but a superuser who first disables it (which verification then detects).
GRANT SELECT, INSERT ON access_log TO schakel_app;

CREATE FUNCTION access_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();

-- The head of each region's chain. Only the trigger below moves it (SECURITY DEFINER, as owner);
-- it refuses an entry that does not extend the head, so the chain cannot fork even if a writer
-- skipped the advisory lock, and verification can tell when the newest entries were removed.
CREATE TABLE access_log_heads (
  region_id uuid PRIMARY KEY REFERENCES regions (id),
  seq bigint NOT NULL,
  hash text NOT NULL
);
ALTER TABLE access_log_heads ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON access_log_heads USING (region_id = current_region_id());
GRANT SELECT ON access_log_heads TO schakel_app;

CREATE FUNCTION access_log_extend_head() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  SELECT seq, hash INTO head_seq, head_hash FROM access_log_heads WHERE region_id = NEW.region_id;
  IF NOT FOUND THEN
    head_seq := 0;
    head_hash := repeat('0', 64);
  END IF;
  IF NEW.seq <> head_seq + 1 OR NEW.prev_hash <> head_hash THEN
    RAISE EXCEPTION 'access_log entry does not extend the chain of its region'
      USING ERRCODE = 'serialization_failure';
  END IF;
  INSERT INTO access_log_heads (region_id, seq, hash) VALUES (NEW.region_id, NEW.seq, NEW.hash)
    ON CONFLICT (region_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION access_log_extend_head() FROM PUBLIC;
CREATE TRIGGER access_log_chain BEFORE INSERT ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_extend_head();

