-- The key check value of SCHAKEL_SECRET_KEY (or the embedded data directory's secret.key): an
-- HMAC-SHA256 of a fixed label under the key, stored with the data at the first start. At every start
-- the server compares it with the key it was given and refuses to start on a wrong, missing or
-- changed key, instead of failing at the first sign-in. It reveals nothing about the key.
CREATE TABLE secret_key_check (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  check_value text NOT NULL CHECK (check_value ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON secret_key_check TO schakel_app;
