-- Issue 15: signing in the way a municipality does.
--
-- 1. Single sign-on with an organisation's OpenID provider: a region's admin configures the provider of
--    an organisation the region administers (the client secret sealed, never read back); a user is
--    linked to the provider's subject at the first sign-in by a verified e-mail address of a
--    pre-provisioned account, and by that subject afterwards. A sign-in in progress is bound to the
--    browser that started it (the hash of a cookie) and used once.
-- 2. Passkeys (WebAuthn) as a second factor, a policy per region that requires them for the roles that
--    see personal data, and a reset under the four-eyes rule.
-- 3. Sessions record how they were made; sign-ins are security events with the method used.
--
-- Like users and sessions, the identity, passkey and sign-in tables are about accounts, not a region's
-- casework: they have no region and are reached only through the account services, filtered on the
-- user in SQL. The providers and the reset requests belong to one region (row level security).

CREATE TABLE identity_providers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  organisation_id uuid NOT NULL UNIQUE REFERENCES organisations (id),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 8 AND 500),
  client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 500),
  client_secret_sealed text,
  scopes text NOT NULL DEFAULT 'openid email profile' CHECK (length(scopes) BETWEEN 6 AND 500),
  enabled boolean NOT NULL DEFAULT true,
  -- The provider issues only addresses of the organisation's own verified domains (Entra ID sends no
  -- email_verified claim): an e-mail address then counts as verified for the first link.
  email_always_verified boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identity_providers_region_idx ON identity_providers (region_id);
-- A region's admin reads and changes only the region's providers; before a region is known (the
-- sign-in page, the way back from the provider) they may only be read, to offer and to check them.
ALTER TABLE identity_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_providers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON identity_providers USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
CREATE POLICY before_sign_in ON identity_providers FOR SELECT USING (current_region_id() IS NULL);
GRANT SELECT, INSERT, UPDATE, DELETE ON identity_providers TO schakel_app;

-- The provider's subject of a user: issuer + sub, unique both ways.
CREATE TABLE user_identities (
  issuer text NOT NULL,
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject),
  UNIQUE (user_id, issuer)
);
GRANT SELECT, INSERT, DELETE ON user_identities TO schakel_app;

-- A sign-in at a provider in progress: found by the hash of the browser's cookie, used once.
CREATE TABLE oidc_sign_ins (
  id_hash text PRIMARY KEY,
  provider text NOT NULL,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
GRANT SELECT, INSERT, DELETE ON oidc_sign_ins TO schakel_app;

ALTER TABLE sessions
  ADD COLUMN auth_method text NOT NULL DEFAULT 'password_totp'
    CHECK (auth_method IN ('password', 'password_totp', 'password_passkey', 'oidc')),
  ADD COLUMN acr text,
  ADD COLUMN passkey_verified boolean NOT NULL DEFAULT false,
  ADD COLUMN oidc_provider text,
  ADD COLUMN id_token_sealed text,
  -- The challenge of a passkey registration this session started (used once).
  ADD COLUMN webauthn_challenge text;

CREATE TABLE webauthn_credentials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id text NOT NULL UNIQUE,
  public_key bytea NOT NULL,
  counter bigint NOT NULL DEFAULT 0 CHECK (counter >= 0),
  transports text[] NOT NULL DEFAULT '{}',
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX webauthn_credentials_user_idx ON webauthn_credentials (user_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON webauthn_credentials TO schakel_app;

-- The challenge of a passkey sign-in, handed out after the password, used once, valid for minutes.
CREATE TABLE webauthn_sign_in_challenges (
  challenge text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
GRANT SELECT, INSERT, DELETE ON webauthn_sign_in_challenges TO schakel_app;

-- The sign-in policy of a region: passkeys required for the roles that see personal data.
CREATE TABLE sign_in_policies (
  region_id uuid PRIMARY KEY REFERENCES regions (id),
  passkeys_required boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Set by the region's admin; read also when a session is resumed, before its region is in scope.
ALTER TABLE sign_in_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE sign_in_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON sign_in_policies USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
CREATE POLICY before_sign_in ON sign_in_policies FOR SELECT USING (current_region_id() IS NULL);
GRANT SELECT, INSERT, UPDATE ON sign_in_policies TO schakel_app;

-- A lost passkey: one admin asks, another admin of the region approves; then the user's passkeys are
-- removed and the user registers a new one at the next sign-in.
CREATE TABLE passkey_resets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  requested_by uuid NOT NULL REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz
);
CREATE UNIQUE INDEX passkey_resets_pending_key ON passkey_resets (user_id) WHERE status = 'pending';
ALTER TABLE passkey_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE passkey_resets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON passkey_resets USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON passkey_resets TO schakel_app;

-- Sign-ins, and refused sign-ins, are security events next to the refusals of signed-in requests.
ALTER TABLE security_events
  ADD COLUMN kind text NOT NULL DEFAULT 'refusal' CHECK (kind IN ('refusal', 'sign_in', 'sign_in_refused')),
  ADD COLUMN auth_method text,
  ADD COLUMN acr text;
