-- Issue 8, points 6 and 7: persons across municipalities (hits and link requests) and true sources.

-- --- Source attribution of signals ----------------------------------------------------------------
-- A signal comes from an organisation of the region and/or a kind of reporter; an outside reporter
-- (school, neighbour, key figure …) may have no organisation. Who registered it (created_by) and for
-- which organisation they work (registrant_organisation_id) are recorded apart from the source, so a
-- signal registered on someone's behalf shows both.
ALTER TABLE signals ALTER COLUMN source_organisation_id DROP NOT NULL;
ALTER TABLE signals
  ADD COLUMN reporter_kind text
    CHECK (reporter_kind IN ('professional', 'school', 'neighbour', 'key_figure', 'family', 'citizen', 'other')),
  ADD COLUMN registrant_organisation_id uuid REFERENCES organisations (id),
  -- Why the information is recorded under a weaker regime than its source's default (src/core/source-attribution.ts).
  ADD COLUMN legal_regime_reason text CHECK (length(legal_regime_reason) BETWEEN 1 AND 2000),
  ADD CONSTRAINT signals_source_given CHECK (source_organisation_id IS NOT NULL OR reporter_kind IS NOT NULL);

-- The registrant's organisation is the organisation of the user who registered the signal, at the time.
-- Filled here when an insert does not name it (bulk loads, older code paths); the application names it.
CREATE FUNCTION signals_registrant_organisation() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.registrant_organisation_id IS NULL THEN
    SELECT organisation_id INTO NEW.registrant_organisation_id FROM users WHERE id = NEW.created_by;
  END IF;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION signals_registrant_organisation() FROM PUBLIC;
CREATE TRIGGER signals_registrant_organisation BEFORE INSERT ON signals
  FOR EACH ROW EXECUTE FUNCTION signals_registrant_organisation();

-- Existing signals: their registrant's organisation. Row-level security is forced on signals, also for
-- its owner; it is lifted for this one statement of the migration and forced again.
ALTER TABLE signals NO FORCE ROW LEVEL SECURITY;
UPDATE signals s SET registrant_organisation_id = u.organisation_id FROM users u WHERE u.id = s.created_by;
ALTER TABLE signals FORCE ROW LEVEL SECURITY;
ALTER TABLE signals ALTER COLUMN registrant_organisation_id SET NOT NULL;

ALTER TABLE case_contributions
  ADD COLUMN legal_regime_reason text CHECK (length(legal_regime_reason) BETWEEN 1 AND 2000);

-- --- Hits: a match on a person the searcher may not see -----------------------------------------
-- The search answers only "known to municipality X" with an opaque hit id; the hit keeps, for the
-- searcher alone and for a day, which person it was and what was searched for, so that a link request
-- can name the person without the searcher ever learning who it is. Hits go with their person or
-- signal (ON DELETE CASCADE, also in the destruction functions of 0010); expired hits without a link
-- request are deleted on the next search in the region.
CREATE TABLE person_match_hits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  person_id uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  signal_id uuid REFERENCES signals (id) ON DELETE CASCADE,
  searched_by uuid NOT NULL REFERENCES users (id),
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  name_prefix text CHECK (length(name_prefix) BETWEEN 1 AND 20),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  date_of_birth date,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX person_match_hits_person_idx ON person_match_hits (person_id);
CREATE INDEX person_match_hits_signal_idx ON person_match_hits (signal_id);
CREATE INDEX person_match_hits_expiry_idx ON person_match_hits (region_id, expires_at);
ALTER TABLE person_match_hits ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_match_hits FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON person_match_hits USING (region_id = current_region_id()) WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, DELETE ON person_match_hits TO schakel_app;

-- --- Link requests ---------------------------------------------------------------------------------
-- The searcher asks to link the person of a hit to their signal; a process director of a municipality
-- the person is known to accepts (the person is linked to the signal) or refuses with a reason
-- (nothing changes).
CREATE TABLE person_link_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  hit_id uuid NOT NULL UNIQUE REFERENCES person_match_hits (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  signal_id uuid NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  requested_by uuid NOT NULL REFERENCES users (id),
  requester_organisation_id uuid NOT NULL REFERENCES organisations (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'refused')),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_reason text CHECK (length(decision_reason) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT person_link_requests_decided CHECK ((status = 'pending') = (decided_by IS NULL)
    AND (decided_by IS NULL) = (decided_at IS NULL)),
  CONSTRAINT person_link_requests_refusal_reason CHECK (status <> 'refused' OR decision_reason IS NOT NULL),
  CONSTRAINT person_link_requests_two_people CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE UNIQUE INDEX person_link_requests_pending_key ON person_link_requests (signal_id, person_id)
  WHERE status = 'pending';
CREATE INDEX person_link_requests_person_idx ON person_link_requests (person_id);
CREATE INDEX person_link_requests_signal_idx ON person_link_requests (signal_id);
CREATE INDEX person_link_requests_list_idx ON person_link_requests (region_id, created_at DESC, id DESC);
ALTER TABLE person_link_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_link_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON person_link_requests USING (region_id = current_region_id()) WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON person_link_requests TO schakel_app;
