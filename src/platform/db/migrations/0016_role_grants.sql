-- Issue 8: who may grant whom access.
--
-- A user belongs to one organisation; the organisation's *home region* administers its accounts. What
-- a user may do is a role *granted per region* (role_grants: user × region × role), never a global
-- role. A grant of a role that can see personal data takes two different admins (request + approval);
-- until approved it has no effect. Revoking is immediate. Existing users keep their role as a grant in
-- every region their organisation takes part in (see docs/ARCHITECTURE.md, "Accounts and grants").

-- The home region of an organisation: the region that administers its users. Existing organisations
-- get the region they joined first.
ALTER TABLE organisations ADD COLUMN home_region_id uuid REFERENCES regions (id);
UPDATE organisations o SET home_region_id = (
  SELECT m.region_id FROM region_organisations m
  WHERE m.organisation_id = o.id
  ORDER BY m.joined_at, m.region_id
  LIMIT 1
);
CREATE INDEX organisations_home_region_idx ON organisations (home_region_id);

CREATE TABLE role_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  user_id uuid NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('admin', 'process_director', 'case_coordinator', 'partner', 'expert',
    'network_director', 'policy_officer', 'executive', 'privacy_officer')),
  -- requested: waiting for a second admin; active: in effect; refused / withdrawn: never took effect;
  -- revoked: ended by an admin; superseded: replaced by a newer grant of the same user in the region.
  status text NOT NULL CHECK (status IN ('requested', 'active', 'refused', 'withdrawn', 'revoked', 'superseded')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  -- NULL: written by a migration, the demo seed or the operator's bootstrap command, not by an admin.
  requested_by uuid REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_reason text CHECK (length(decision_reason) <= 1000),
  ended_by uuid REFERENCES users (id),
  ended_at timestamptz,
  end_reason text CHECK (length(end_reason) <= 1000),
  version integer NOT NULL DEFAULT 1,
  -- Four eyes, again in the database: an admin never approves a request of their own, nor a grant for
  -- themselves (the roles that need only one admin are approved by the requester on request).
  CONSTRAINT role_grants_four_eyes CHECK (
    status NOT IN ('active', 'revoked', 'superseded')
    OR decided_by IS NULL
    OR role IN ('policy_officer', 'executive')
    OR (decided_by IS DISTINCT FROM requested_by AND decided_by <> user_id)
  ),
  CONSTRAINT role_grants_decided CHECK (status IN ('requested') OR decided_at IS NOT NULL)
);
-- At most one grant in effect and one open request per user and region.
CREATE UNIQUE INDEX role_grants_active_key ON role_grants (user_id, region_id) WHERE status = 'active';
CREATE UNIQUE INDEX role_grants_requested_key ON role_grants (user_id, region_id) WHERE status = 'requested';
CREATE INDEX role_grants_region_status_idx ON role_grants (region_id, status, requested_at);
ALTER TABLE role_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON role_grants USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
-- Sign-in, session and token resolution read the signed-in user's own grants before (or apart from)
-- a region: only their own, only reading.
CREATE POLICY own_grants ON role_grants FOR SELECT
  USING (user_id = nullif(current_setting('schakel.user_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON role_grants TO schakel_app;

-- Every existing user keeps its role, as an approved grant in each region of its organisation.
INSERT INTO role_grants (region_id, user_id, role, status, reason, requested_at, decided_at)
SELECT m.region_id, u.id, u.role, 'active', 'Overgenomen uit de rol van vóór rollen per regio (migratie 0016)',
       u.created_at, now()
FROM users u
JOIN region_organisations m ON m.organisation_id = u.organisation_id;

ALTER TABLE users DROP COLUMN role;

-- Passwords: an admin-set or reset password must be changed at the next sign-in.
ALTER TABLE users ADD COLUMN password_must_change boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;

ALTER TABLE sessions ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;

-- Token scope, chosen at creation: read-only or read-write, and the resources (first path segment
-- under /api/v1, e.g. 'cases') it may reach; NULL = every resource the user's role may reach.
ALTER TABLE api_tokens ADD COLUMN access text NOT NULL DEFAULT 'read_write' CHECK (access IN ('read', 'read_write'));
ALTER TABLE api_tokens ADD COLUMN resources text[];
ALTER TABLE api_tokens ADD COLUMN revoke_reason text CHECK (revoke_reason IN ('user', 'disabled', 'second_factor_reset',
  'password_changed', 'password_reset', 'grant_changed'));

-- Security events: refused requests (403, and 404 on a record by id) and refused account operations.
-- No personal data: who (user, organisation, role), where (method, route template, record type), the
-- outcome (status, problem code) and the trace id; never the record's id, a query string or a body.
CREATE TABLE security_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_id uuid NOT NULL REFERENCES regions (id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  user_id uuid REFERENCES users (id),
  organisation_id uuid REFERENCES organisations (id),
  role text,
  via text NOT NULL CHECK (via IN ('session', 'token')),
  method text NOT NULL,
  route text NOT NULL,
  record_type text,
  status integer NOT NULL,
  code text NOT NULL,
  trace_id text NOT NULL
);
CREATE INDEX security_events_region_time_idx ON security_events (region_id, occurred_at);
CREATE INDEX security_events_user_idx ON security_events (region_id, user_id, occurred_at);
ALTER TABLE security_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE security_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON security_events USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
-- Append-only for the application.
GRANT SELECT, INSERT ON security_events TO schakel_app;

-- The roles in effect: one row per user and region with a grant in effect. A view with the caller's
-- rights (security_invoker), so role_grants' row-level security still applies through it.
CREATE VIEW region_roles WITH (security_invoker = true) AS
  SELECT region_id, user_id, role FROM role_grants WHERE status = 'active';
GRANT SELECT ON region_roles TO schakel_app;
