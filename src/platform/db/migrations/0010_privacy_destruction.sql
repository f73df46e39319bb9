-- Destruction side of privacy (issue 4 parts 3 and 4; docs/privacy.md "Retention and destruction"):
-- retention terms for the programme's contacts and for the access log of destroyed subjects, legal
-- holds on a person as well as a case, erasure and rectification requests with four-eyes approval,
-- anonymous statistics that outlive the destroyed records, and the destruction itself.
--
-- The application role cannot delete case content (contributions, timeline, … are append-only for it)
-- and cannot touch the access log. Destruction therefore runs in SECURITY DEFINER functions owned by the
-- owner role. Each function checks for itself that the record is due (its term ended, judged by the
-- database clock) or covered by an approved erasure request whose approver is not its requester, and
-- that no legal hold applies; a bug or an attacker in the application cannot destroy anything else.

-- Retention terms: more record types ------------------------------------------------------------------

DO $$
DECLARE c record;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
    WHERE conrelid = 'retention_terms'::regclass AND contype = 'c' LOOP
    EXECUTE format('ALTER TABLE retention_terms DROP CONSTRAINT %I', c.conname);
  END LOOP;
END
$$;
ALTER TABLE retention_terms
  ADD CONSTRAINT retention_terms_term_months_check CHECK (term_months BETWEEN 1 AND 1200),
  ADD CONSTRAINT retention_terms_source_check CHECK (length(source) BETWEEN 1 AND 1000),
  ADD CONSTRAINT retention_terms_kind_check CHECK ((record_type, closing_type) IN (
    ('case', 'definitive'), ('signal', 'no_case'), ('key_figure', 'inactive'),
    ('training_participant', 'session_held'), ('newsletter_subscriber', 'unsubscribed'),
    ('access_log', 'subject_destroyed')));

-- The term in months of a record type in the current region; the defaults are those of
-- src/modules/privacy/retention.ts (DEFAULT_TERMS; a test keeps them equal).
CREATE FUNCTION schakel_retention_months(p_record_type text, p_closing_type text) RETURNS integer
  LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT coalesce(
    (SELECT t.term_months FROM retention_terms t
      WHERE t.region_id = current_region_id() AND t.record_type = p_record_type AND t.closing_type = p_closing_type),
    CASE p_record_type || '/' || p_closing_type
      WHEN 'case/definitive' THEN 60
      WHEN 'signal/no_case' THEN 12
      WHEN 'key_figure/inactive' THEN 3
      WHEN 'training_participant/session_held' THEN 24
      WHEN 'newsletter_subscriber/unsubscribed' THEN 1
      WHEN 'access_log/subject_destroyed' THEN 24
    END)
$$;
REVOKE ALL ON FUNCTION schakel_retention_months(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION schakel_retention_months(text, text) TO schakel_app;

-- Legal holds on a person as well as a case, lifted with a reason ----------------------------------------

ALTER TABLE legal_holds
  ALTER COLUMN case_id DROP NOT NULL,
  ADD COLUMN person_id uuid REFERENCES persons (id),
  ADD COLUMN lift_reason text CHECK (length(lift_reason) BETWEEN 1 AND 2000),
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD CONSTRAINT legal_holds_target_check CHECK ((case_id IS NULL) <> (person_id IS NULL)),
  ADD CONSTRAINT legal_holds_lifted_check CHECK ((lifted_at IS NULL) = (lifted_by IS NULL)
    AND (lift_reason IS NULL OR lifted_at IS NOT NULL));
CREATE UNIQUE INDEX legal_holds_active_person_key ON legal_holds (person_id) WHERE lifted_at IS NULL AND person_id IS NOT NULL;
CREATE INDEX legal_holds_list_idx ON legal_holds (region_id, set_at DESC, id DESC);

CREATE FUNCTION schakel_person_on_hold(p_person uuid) RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM legal_holds h WHERE h.person_id = p_person AND h.lifted_at IS NULL)
$$;

-- A case is held by a hold on itself, on its subject or on any person related to it.
CREATE FUNCTION schakel_case_on_hold(p_case uuid) RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM legal_holds h WHERE h.case_id = p_case AND h.lifted_at IS NULL)
    OR EXISTS (SELECT 1 FROM cases c WHERE c.id = p_case AND schakel_person_on_hold(c.subject_person_id))
    OR EXISTS (SELECT 1 FROM case_related_persons r WHERE r.case_id = p_case AND schakel_person_on_hold(r.person_id))
$$;

-- A signal is held by a hold on any person it is (or was) about, or on a case it belongs to.
CREATE FUNCTION schakel_signal_on_hold(p_signal uuid) RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM signal_subjects s WHERE s.signal_id = p_signal AND schakel_person_on_hold(s.person_id))
    OR EXISTS (SELECT 1 FROM case_signals cs WHERE cs.signal_id = p_signal AND schakel_case_on_hold(cs.case_id))
$$;
GRANT EXECUTE ON FUNCTION schakel_person_on_hold(uuid), schakel_case_on_hold(uuid), schakel_signal_on_hold(uuid)
  TO schakel_app;

-- Erasure and rectification requests (AVG art. 16 and 17) ------------------------------------------------
-- Four eyes: the approver is never the requester (also checked here). When the person is destroyed the
-- free text of their requests is scrubbed; the request itself (who asked, who approved, when) stays.

CREATE TABLE data_subject_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  kind text NOT NULL CHECK (kind IN ('erasure', 'rectification')),
  person_id uuid REFERENCES persons (id) ON DELETE SET NULL,
  scope text CHECK (scope IN ('person', 'case', 'signal')),
  case_id uuid REFERENCES cases (id) ON DELETE SET NULL,
  signal_id uuid REFERENCES signals (id) ON DELETE SET NULL,
  received_on date NOT NULL,
  reason text CHECK (length(reason) BETWEEN 1 AND 4000),
  proposed_change jsonb CHECK (proposed_change IS NULL OR jsonb_typeof(proposed_change) = 'object'),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected', 'executed')),
  requested_by uuid NOT NULL REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_note text CHECK (length(decision_note) BETWEEN 1 AND 4000),
  executed_at timestamptz,
  result jsonb,
  scrubbed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT data_subject_requests_four_eyes CHECK (decided_by IS NULL OR decided_by <> requested_by),
  CHECK ((status = 'requested') = (decided_by IS NULL)),
  CHECK ((status = 'requested') = (decided_at IS NULL)),
  CHECK ((status = 'executed') = (executed_at IS NOT NULL)),
  CHECK ((kind = 'erasure') = (scope IS NOT NULL)),
  CHECK (kind = 'erasure' OR proposed_change IS NOT NULL OR scrubbed_at IS NOT NULL),
  CHECK (reason IS NOT NULL OR scrubbed_at IS NOT NULL)
);
CREATE INDEX data_subject_requests_list_idx ON data_subject_requests (region_id, kind, requested_at DESC, id DESC);
CREATE INDEX data_subject_requests_person_idx ON data_subject_requests (person_id);
ALTER TABLE data_subject_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_subject_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON data_subject_requests USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON data_subject_requests TO schakel_app;

-- Anonymous statistics -------------------------------------------------------------------------------
-- What reports count survives destruction as marginal counts: per record type, quarter, one dimension
-- at a time (no cross-tabulation, no id, no date finer than a quarter). Written only by the
-- destruction functions; the application reads it.

CREATE TABLE retention_statistics (
  region_id uuid NOT NULL REFERENCES regions (id),
  record_type text NOT NULL,
  year integer NOT NULL,
  quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  dimension text NOT NULL,
  category text NOT NULL,
  count integer NOT NULL CHECK (count > 0),
  PRIMARY KEY (region_id, record_type, year, quarter, dimension, category)
);
ALTER TABLE retention_statistics ENABLE ROW LEVEL SECURITY;
ALTER TABLE retention_statistics FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON retention_statistics USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT ON retention_statistics TO schakel_app;

CREATE FUNCTION schakel_count(p_record_type text, p_day date, p_dims text[]) RETURNS void
  LANGUAGE plpgsql SET search_path = public AS $$
DECLARE i integer := 1;
BEGIN
  IF p_day IS NULL THEN RETURN; END IF;
  WHILE i < coalesce(array_length(p_dims, 1), 0) LOOP
    INSERT INTO retention_statistics (region_id, record_type, year, quarter, dimension, category, count)
    VALUES (current_region_id(), p_record_type, extract(year FROM p_day)::int, extract(quarter FROM p_day)::int,
      p_dims[i], coalesce(p_dims[i + 1], 'none'), 1)
    ON CONFLICT (region_id, record_type, year, quarter, dimension, category)
      DO UPDATE SET count = retention_statistics.count + 1;
    i := i + 2;
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION schakel_count(text, date, text[]) FROM PUBLIC;

-- Destroyed subjects: the access-log ids of what was destroyed and when, so that their log can be
-- destroyed after its own term. Ids only (pseudonyms whose key, the record, is gone).

CREATE TABLE destroyed_subjects (
  region_id uuid NOT NULL REFERENCES regions (id),
  subject_type text NOT NULL CHECK (subject_type IN ('person', 'key_figure', 'participant', 'subscriber')),
  subject_id uuid NOT NULL,
  destroyed_at timestamptz NOT NULL DEFAULT now(),
  log_destroyed_at timestamptz,
  PRIMARY KEY (region_id, subject_type, subject_id)
);
ALTER TABLE destroyed_subjects ENABLE ROW LEVEL SECURITY;
ALTER TABLE destroyed_subjects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON destroyed_subjects USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT ON destroyed_subjects TO schakel_app;

-- Text redaction -----------------------------------------------------------------------------------------

-- Replaces whole-word, case-insensitive occurrences of each needle by "[vernietigd]".
CREATE FUNCTION schakel_redact(p_text text, p_needles text[]) RETURNS text
  LANGUAGE plpgsql IMMUTABLE SET search_path = public AS $$
DECLARE
  n text;
  result text := p_text;
BEGIN
  IF result IS NULL OR p_needles IS NULL THEN RETURN result; END IF;
  FOREACH n IN ARRAY p_needles LOOP
    IF n IS NOT NULL AND length(n) >= 2 THEN
      result := regexp_replace(result,
        '\m' || regexp_replace(n, '([^[:alnum:][:space:]])', '\\\1', 'g') || '\M', '[vernietigd]', 'gi');
    END IF;
  END LOOP;
  RETURN result;
END
$$;

-- What identifies a person in free text: the full name in its usual forms, the last name (from four
-- letters; with its prefix) and the date of birth in ISO and Dutch notation. Longest first.
CREATE FUNCTION schakel_person_needles(p_person uuid) RETURNS text[]
  LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT coalesce(array_agg(DISTINCT x ORDER BY x) FILTER (WHERE x IS NOT NULL AND length(x) >= 2), '{}')
  FROM persons p,
    LATERAL unnest(ARRAY[
      concat_ws(' ', p.first_name, p.name_prefix, p.last_name),
      p.first_name || ' ' || p.last_name,
      CASE WHEN p.name_prefix IS NOT NULL THEN p.name_prefix || ' ' || p.last_name END,
      CASE WHEN length(p.last_name) >= 4 THEN p.last_name END,
      to_char(p.date_of_birth, 'YYYY-MM-DD'),
      to_char(p.date_of_birth, 'DD-MM-YYYY'),
      to_char(p.date_of_birth, 'FMDD-FMMM-YYYY'),
      to_char(p.date_of_birth, 'DD/MM/YYYY')
    ]) AS x
  WHERE p.id = p_person
$$;

CREATE FUNCTION schakel_sorted_needles(p_needles text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(n ORDER BY length(n) DESC, n), '{}') FROM (SELECT DISTINCT unnest(p_needles) AS n) x
$$;

-- Redacts the needles in every free text of a case that stays (a case the person was related to).
CREATE FUNCTION schakel_redact_case(p_case uuid, p_needles text[]) RETURNS void
  LANGUAGE plpgsql SET search_path = public AS $$
DECLARE n text[] := schakel_sorted_needles(p_needles);
BEGIN
  IF cardinality(n) = 0 THEN RETURN; END IF;
  UPDATE cases SET closing_reason = schakel_redact(closing_reason, n) WHERE id = p_case;
  UPDATE case_contributions SET body = schakel_redact(body, n) WHERE case_id = p_case;
  UPDATE case_events SET summary = schakel_redact(summary, n), reason = schakel_redact(reason, n),
    params = schakel_redact(params::text, n)::jsonb WHERE case_id = p_case;
  UPDATE case_related_persons SET note = schakel_redact(note, n) WHERE case_id = p_case;
  UPDATE proportionality_reviews SET reasoning = schakel_redact(reasoning, n),
    measures = schakel_redact(measures::text, n)::jsonb WHERE case_id = p_case;
  UPDATE case_evaluations SET findings = schakel_redact(findings, n), follow_up = schakel_redact(follow_up, n)
    WHERE case_id = p_case;
  UPDATE plans SET problem_analysis = schakel_redact(problem_analysis, n), goals = schakel_redact(goals::text, n)::jsonb
    WHERE case_id = p_case;
  UPDATE plan_interventions SET goal = schakel_redact(goal, n)
    WHERE plan_id IN (SELECT id FROM plans WHERE case_id = p_case);
  UPDATE intervention_evaluations SET findings = schakel_redact(findings, n)
    WHERE plan_intervention_id IN (SELECT pi.id FROM plan_interventions pi JOIN plans p ON p.id = pi.plan_id
      WHERE p.case_id = p_case);
  UPDATE actions SET title = schakel_redact(title, n), description = schakel_redact(description, n)
    WHERE case_id = p_case;
  UPDATE action_notes SET body = schakel_redact(body, n) WHERE action_id IN (SELECT id FROM actions WHERE case_id = p_case);
  UPDATE meeting_agenda_items SET judgement = schakel_redact(judgement, n) WHERE case_id = p_case;
  UPDATE meetings SET minutes_notes = schakel_redact(minutes_notes, n), title = schakel_redact(title, n)
    WHERE id IN (SELECT meeting_id FROM meeting_agenda_items WHERE case_id = p_case);
  UPDATE assessments SET rationale = schakel_redact(rationale, n) WHERE case_id = p_case;
  UPDATE assessment_ratings SET evidence = schakel_redact(evidence, n)
    WHERE assessment_id IN (SELECT id FROM assessments WHERE case_id = p_case);
  UPDATE break_glass_grants SET reason = schakel_redact(reason, n), review_note = schakel_redact(review_note, n)
    WHERE case_id = p_case;
  UPDATE expertise_pool_matches SET purpose = schakel_redact(purpose, n) WHERE case_id = p_case;
  UPDATE legal_holds SET reason = schakel_redact(reason, n), lift_reason = schakel_redact(lift_reason, n)
    WHERE case_id = p_case;
  UPDATE sar_items SET content = schakel_redact(content, n), title = schakel_redact(title, n) WHERE case_id = p_case;
  UPDATE signals SET description = schakel_redact(description, n)
    WHERE id IN (SELECT signal_id FROM case_signals WHERE case_id = p_case);
END
$$;

-- Redacts the needles in the free text of a signal that stays (the person was one of its subjects).
CREATE FUNCTION schakel_redact_signal(p_signal uuid, p_needles text[]) RETURNS void
  LANGUAGE plpgsql SET search_path = public AS $$
DECLARE n text[] := schakel_sorted_needles(p_needles);
BEGIN
  IF cardinality(n) = 0 THEN RETURN; END IF;
  UPDATE signals SET description = schakel_redact(description, n) WHERE id = p_signal;
  UPDATE signal_subjects SET match_reason = schakel_redact(match_reason, n), unlink_reason = schakel_redact(unlink_reason, n)
    WHERE signal_id = p_signal;
  UPDATE triage_decisions SET rationale = schakel_redact(rationale, n) WHERE signal_id = p_signal;
  UPDATE assessments SET rationale = schakel_redact(rationale, n) WHERE signal_id = p_signal;
  UPDATE sar_items SET content = schakel_redact(content, n) WHERE record_type = 'signal' AND record_id = p_signal::text;
END
$$;
REVOKE ALL ON FUNCTION schakel_redact_case(uuid, text[]), schakel_redact_signal(uuid, text[]) FROM PUBLIC;

-- Destruction ---------------------------------------------------------------------------------------------

-- An approved erasure request of the current region (four eyes holds by the table's check).
CREATE FUNCTION schakel_erasure_request(p_request uuid) RETURNS data_subject_requests
  LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT * FROM data_subject_requests r
  WHERE r.id = p_request AND r.region_id = current_region_id() AND r.kind = 'erasure' AND r.status = 'approved'
    AND r.decided_by IS NOT NULL AND r.decided_by <> r.requested_by
$$;
REVOKE ALL ON FUNCTION schakel_erasure_request(uuid) FROM PUBLIC;

-- True when nothing that stays refers to the person any more.
CREATE FUNCTION schakel_person_unreferenced(p_person uuid) RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT NOT EXISTS (SELECT 1 FROM cases WHERE subject_person_id = p_person)
    AND NOT EXISTS (SELECT 1 FROM case_related_persons WHERE person_id = p_person)
    AND NOT EXISTS (SELECT 1 FROM signal_subjects WHERE person_id = p_person)
    AND NOT EXISTS (SELECT 1 FROM subject_access_requests WHERE person_id = p_person AND status <> 'delivered')
    AND NOT EXISTS (SELECT 1 FROM data_subject_requests WHERE person_id = p_person AND status IN ('requested', 'approved'))
$$;

-- Deletes a person and what hangs off them only (no eligibility check: internal).
CREATE FUNCTION schakel_destroy_person_rows(p_person uuid) RETURNS void
  LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  DELETE FROM signal_subjects WHERE person_id = p_person;
  DELETE FROM case_related_persons WHERE person_id = p_person;
  DELETE FROM assessment_ratings WHERE assessment_id IN (SELECT id FROM assessments WHERE person_id = p_person);
  DELETE FROM assessments WHERE person_id = p_person;
  DELETE FROM sar_items WHERE request_id IN (SELECT id FROM subject_access_requests WHERE person_id = p_person);
  DELETE FROM sar_items WHERE record_type = 'person' AND record_id = p_person::text;
  DELETE FROM subject_access_requests WHERE person_id = p_person;
  DELETE FROM legal_holds WHERE person_id = p_person;
  UPDATE data_subject_requests
    SET reason = NULL, proposed_change = NULL, decision_note = NULL, scrubbed_at = now()
    WHERE person_id = p_person;
  INSERT INTO destroyed_subjects (region_id, subject_type, subject_id)
    VALUES (current_region_id(), 'person', p_person) ON CONFLICT DO NOTHING;
  DELETE FROM persons WHERE id = p_person;
END
$$;

-- Deletes a signal and what hangs off it, after counting it; returns the persons it was about.
CREATE FUNCTION schakel_destroy_signal_rows(p_signal uuid) RETURNS uuid[]
  LANGUAGE plpgsql SET search_path = public AS $$
DECLARE
  s signals%ROWTYPE;
  d triage_decisions%ROWTYPE;
  subjects uuid[];
BEGIN
  SELECT * INTO s FROM signals WHERE id = p_signal;
  IF NOT FOUND THEN RETURN '{}'; END IF;
  SELECT * INTO d FROM triage_decisions WHERE signal_id = p_signal;
  PERFORM schakel_count('signal', s.received_on,
    ARRAY['total', 'all', 'ideology', s.ideology, 'urgency', s.urgency, 'decision', coalesce(d.decision, 'none')]);
  IF d.id IS NOT NULL THEN
    PERFORM schakel_count('triage_decision', (d.decided_at AT TIME ZONE 'Europe/Amsterdam')::date,
      ARRAY['total', 'all', 'decision', d.decision]);
  END IF;
  subjects := ARRAY(SELECT DISTINCT person_id FROM signal_subjects WHERE signal_id = p_signal);
  DELETE FROM attachments WHERE signal_id = p_signal;
  DELETE FROM assessment_ratings WHERE assessment_id IN (SELECT id FROM assessments WHERE signal_id = p_signal);
  DELETE FROM assessments WHERE signal_id = p_signal;
  DELETE FROM triage_agenda WHERE signal_id = p_signal;
  DELETE FROM triage_decisions WHERE signal_id = p_signal;
  DELETE FROM case_signals WHERE signal_id = p_signal;
  DELETE FROM signal_subjects WHERE signal_id = p_signal;
  DELETE FROM sar_items WHERE record_type = 'signal' AND record_id = p_signal::text;
  DELETE FROM signals WHERE id = p_signal;
  RETURN subjects;
END
$$;

-- Destroys the given persons that nothing refers to any more and that are not on hold; returns them.
CREATE FUNCTION schakel_destroy_orphans(p_persons uuid[]) RETURNS uuid[]
  LANGUAGE plpgsql SET search_path = public AS $$
DECLARE
  p uuid;
  destroyed uuid[] := '{}';
BEGIN
  FOREACH p IN ARRAY coalesce(p_persons, '{}') LOOP
    IF p = ANY (destroyed) THEN CONTINUE; END IF;
    IF EXISTS (SELECT 1 FROM persons WHERE id = p) AND schakel_person_unreferenced(p)
      AND NOT schakel_person_on_hold(p) THEN
      PERFORM schakel_destroy_person_rows(p);
      destroyed := destroyed || p;
    END IF;
  END LOOP;
  RETURN destroyed;
END
$$;
REVOKE ALL ON FUNCTION schakel_person_unreferenced(uuid), schakel_destroy_person_rows(uuid),
  schakel_destroy_signal_rows(uuid), schakel_destroy_orphans(uuid[]) FROM PUBLIC;

-- Destroys one case with everything hanging off it: its signals (unless another case keeps them), its
-- timeline, contributions, assessments, plan, actions, agenda items (the meeting's parts about the
-- case; the names are redacted from the meeting's general minutes), attachments, memberships, related
-- persons, break-the-glass grants, expert matches, subject-access copies, lifted holds — and the persons
-- nothing else refers to. Due: closed definitively longer ago than the term; or an approved erasure
-- request covers it. Never when held. Returns {signals: [...], persons: [...]} (ids only).
CREATE FUNCTION schakel_destroy_case(p_case uuid, p_request uuid DEFAULT NULL) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  c cases%ROWTYPE;
  r data_subject_requests%ROWTYPE;
  touched uuid[];
  signal_ids uuid[];
  destroyed_signals uuid[] := '{}';
  destroyed_persons uuid[];
  meeting_ids uuid[];
  needles text[] := '{}';
  p uuid;
  sid uuid;
BEGIN
  IF current_region_id() IS NULL THEN RAISE EXCEPTION 'no region' USING ERRCODE = 'SK003'; END IF;
  SELECT * INTO c FROM cases WHERE id = p_case AND region_id = current_region_id() FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'case not found' USING ERRCODE = 'SK003'; END IF;
  IF schakel_case_on_hold(p_case) THEN RAISE EXCEPTION 'case on legal hold' USING ERRCODE = 'SK001'; END IF;
  IF p_request IS NULL THEN
    IF NOT (c.phase = 'closed' AND c.closing_kind = 'definitive'
        AND c.closed_at < now() - make_interval(months => schakel_retention_months('case', 'definitive'))) THEN
      RAISE EXCEPTION 'case not due for destruction' USING ERRCODE = 'SK002';
    END IF;
  ELSE
    r := schakel_erasure_request(p_request);
    IF r.id IS NULL OR NOT ((r.scope = 'case' AND r.case_id = p_case)
        OR (r.scope = 'person' AND r.person_id = c.subject_person_id)) THEN
      RAISE EXCEPTION 'no approved erasure request covers this case' USING ERRCODE = 'SK002';
    END IF;
  END IF;

  PERFORM schakel_count('case', (c.opened_at AT TIME ZONE 'Europe/Amsterdam')::date,
    ARRAY['total', 'all', 'target_group', c.target_group, 'ideology', c.ideology, 'phase', c.phase,
      'escalation_level', c.escalation_level, 'closing_kind', coalesce(c.closing_kind, 'none')]);

  touched := ARRAY[c.subject_person_id] || ARRAY(SELECT person_id FROM case_related_persons WHERE case_id = p_case);
  signal_ids := ARRAY(SELECT signal_id FROM case_signals WHERE case_id = p_case
    UNION SELECT signal_id FROM triage_decisions WHERE case_id = p_case);
  meeting_ids := ARRAY(SELECT DISTINCT meeting_id FROM meeting_agenda_items WHERE case_id = p_case
    UNION SELECT DISTINCT meeting_id FROM case_contributions WHERE case_id = p_case AND meeting_id IS NOT NULL);

  DELETE FROM notifications WHERE case_id = p_case OR action_id IN (SELECT id FROM actions WHERE case_id = p_case);
  DELETE FROM action_notes WHERE action_id IN (SELECT id FROM actions WHERE case_id = p_case);
  DELETE FROM actions WHERE case_id = p_case;
  DELETE FROM intervention_evaluations WHERE plan_intervention_id IN
    (SELECT pi.id FROM plan_interventions pi JOIN plans pl ON pl.id = pi.plan_id WHERE pl.case_id = p_case);
  UPDATE actions SET plan_intervention_id = NULL WHERE plan_intervention_id IN
    (SELECT pi.id FROM plan_interventions pi JOIN plans pl ON pl.id = pi.plan_id WHERE pl.case_id = p_case);
  DELETE FROM plan_interventions WHERE plan_id IN (SELECT id FROM plans WHERE case_id = p_case);
  DELETE FROM plans WHERE case_id = p_case;
  DELETE FROM case_contributions WHERE case_id = p_case;
  UPDATE actions SET agenda_item_id = NULL
    WHERE agenda_item_id IN (SELECT id FROM meeting_agenda_items WHERE case_id = p_case);
  DELETE FROM meeting_agenda_items WHERE case_id = p_case;
  DELETE FROM case_events WHERE case_id = p_case;
  DELETE FROM proportionality_reviews WHERE case_id = p_case;
  DELETE FROM case_evaluations WHERE case_id = p_case;
  DELETE FROM case_members WHERE case_id = p_case;
  DELETE FROM case_organisations WHERE case_id = p_case;
  DELETE FROM case_related_persons WHERE case_id = p_case;
  DELETE FROM assessment_ratings WHERE assessment_id IN (SELECT id FROM assessments WHERE case_id = p_case);
  DELETE FROM assessments WHERE case_id = p_case;
  DELETE FROM attachments WHERE case_id = p_case;
  DELETE FROM break_glass_grants WHERE case_id = p_case;
  DELETE FROM expertise_pool_matches WHERE case_id = p_case;
  DELETE FROM sar_items WHERE case_id = p_case OR (record_type = 'case' AND record_id = p_case::text);
  DELETE FROM legal_holds WHERE case_id = p_case;
  UPDATE triage_decisions SET case_id = NULL WHERE case_id = p_case;
  DELETE FROM case_signals WHERE case_id = p_case;

  FOREACH sid IN ARRAY signal_ids LOOP
    IF NOT EXISTS (SELECT 1 FROM case_signals WHERE signal_id = sid) THEN
      touched := touched || schakel_destroy_signal_rows(sid);
      destroyed_signals := destroyed_signals || sid;
    END IF;
  END LOOP;

  DELETE FROM cases WHERE id = p_case;

  -- The names of the case's persons go from the general minutes of the meetings that discussed it:
  -- what the minutes say about them belongs to the destroyed case.
  FOREACH p IN ARRAY touched LOOP
    needles := needles || schakel_person_needles(p);
  END LOOP;
  destroyed_persons := schakel_destroy_orphans(touched);
  IF cardinality(needles) > 0 AND cardinality(meeting_ids) > 0 THEN
    needles := schakel_sorted_needles(needles);
    UPDATE meetings SET minutes_notes = schakel_redact(minutes_notes, needles), title = schakel_redact(title, needles)
      WHERE id = ANY (meeting_ids);
  END IF;
  RETURN jsonb_build_object('signals', to_jsonb(destroyed_signals), 'persons', to_jsonb(destroyed_persons));
END
$$;

-- Destroys one signal (and the persons nothing else refers to). Due: no case, and decided (not to open
-- a case) or closed longer ago than the term; or an approved erasure request covers it (scope signal,
-- or scope person when that person is its only subject). Never when held.
CREATE FUNCTION schakel_destroy_signal(p_signal uuid, p_request uuid DEFAULT NULL) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  s signals%ROWTYPE;
  r data_subject_requests%ROWTYPE;
  cutoff timestamptz;
  touched uuid[];
BEGIN
  IF current_region_id() IS NULL THEN RAISE EXCEPTION 'no region' USING ERRCODE = 'SK003'; END IF;
  SELECT * INTO s FROM signals WHERE id = p_signal AND region_id = current_region_id() FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'signal not found' USING ERRCODE = 'SK003'; END IF;
  IF schakel_signal_on_hold(p_signal) THEN RAISE EXCEPTION 'signal on legal hold' USING ERRCODE = 'SK001'; END IF;
  IF p_request IS NULL THEN
    cutoff := now() - make_interval(months => schakel_retention_months('signal', 'no_case'));
    IF EXISTS (SELECT 1 FROM case_signals WHERE signal_id = p_signal)
      OR EXISTS (SELECT 1 FROM triage_decisions WHERE signal_id = p_signal AND case_id IS NOT NULL)
      OR NOT (EXISTS (SELECT 1 FROM triage_decisions WHERE signal_id = p_signal AND decision <> 'open_case'
                AND decided_at < cutoff)
              OR (s.status = 'closed' AND s.closed_at < cutoff
                AND NOT EXISTS (SELECT 1 FROM triage_decisions WHERE signal_id = p_signal AND decided_at >= cutoff))) THEN
      RAISE EXCEPTION 'signal not due for destruction' USING ERRCODE = 'SK002';
    END IF;
  ELSE
    r := schakel_erasure_request(p_request);
    IF r.id IS NULL OR NOT ((r.scope = 'signal' AND r.signal_id = p_signal)
        OR (r.scope = 'person' AND EXISTS (SELECT 1 FROM signal_subjects WHERE signal_id = p_signal AND person_id = r.person_id)
          AND NOT EXISTS (SELECT 1 FROM signal_subjects WHERE signal_id = p_signal AND person_id <> r.person_id))) THEN
      RAISE EXCEPTION 'no approved erasure request covers this signal' USING ERRCODE = 'SK002';
    END IF;
  END IF;
  touched := schakel_destroy_signal_rows(p_signal);
  RETURN jsonb_build_object('signals', to_jsonb(ARRAY[p_signal]), 'persons', to_jsonb(schakel_destroy_orphans(touched)));
END
$$;

-- Destroys one person. Without a request: nothing refers to them and they were last changed longer
-- ago than the signal term. With an approved erasure request of scope person: after their own cases
-- and signals were destroyed, the links that remain (related person in another case, co-subject of a
-- signal) are removed and their names redacted from those records. Never when held.
CREATE FUNCTION schakel_destroy_person(p_person uuid, p_request uuid DEFAULT NULL) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  pr persons%ROWTYPE;
  r data_subject_requests%ROWTYPE;
  needles text[];
  x uuid;
BEGIN
  IF current_region_id() IS NULL THEN RAISE EXCEPTION 'no region' USING ERRCODE = 'SK003'; END IF;
  SELECT * INTO pr FROM persons WHERE id = p_person AND region_id = current_region_id() FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'person not found' USING ERRCODE = 'SK003'; END IF;
  IF schakel_person_on_hold(p_person) THEN RAISE EXCEPTION 'person on legal hold' USING ERRCODE = 'SK001'; END IF;
  IF p_request IS NULL THEN
    IF NOT schakel_person_unreferenced(p_person)
      OR pr.updated_at >= now() - make_interval(months => schakel_retention_months('signal', 'no_case'))
      OR EXISTS (SELECT 1 FROM assessments WHERE person_id = p_person
        AND updated_at >= now() - make_interval(months => schakel_retention_months('signal', 'no_case'))) THEN
      RAISE EXCEPTION 'person not due for destruction' USING ERRCODE = 'SK002';
    END IF;
  ELSE
    r := schakel_erasure_request(p_request);
    IF r.id IS NULL OR r.scope <> 'person' OR r.person_id IS DISTINCT FROM p_person THEN
      RAISE EXCEPTION 'no approved erasure request covers this person' USING ERRCODE = 'SK002';
    END IF;
    IF EXISTS (SELECT 1 FROM cases WHERE subject_person_id = p_person) THEN
      RAISE EXCEPTION 'destroy the person''s own cases first' USING ERRCODE = 'SK002';
    END IF;
    -- Held data is not changed either: the cases and signals the person is linked to.
    IF EXISTS (SELECT 1 FROM case_related_persons crp WHERE crp.person_id = p_person AND schakel_case_on_hold(crp.case_id))
      OR EXISTS (SELECT 1 FROM signal_subjects x WHERE x.person_id = p_person AND schakel_signal_on_hold(x.signal_id)) THEN
      RAISE EXCEPTION 'a case or signal of the person is on legal hold' USING ERRCODE = 'SK001';
    END IF;
    needles := schakel_person_needles(p_person);
    FOR x IN SELECT DISTINCT case_id FROM case_related_persons WHERE person_id = p_person LOOP
      PERFORM schakel_redact_case(x, needles);
    END LOOP;
    FOR x IN SELECT DISTINCT signal_id FROM signal_subjects WHERE person_id = p_person LOOP
      PERFORM schakel_redact_signal(x, needles);
    END LOOP;
  END IF;
  PERFORM schakel_destroy_person_rows(p_person);
  RETURN jsonb_build_object('signals', '[]'::jsonb, 'persons', to_jsonb(ARRAY[p_person]));
END
$$;

-- The programme's contacts whose term ended: an inactive key figure, a participant of a session held
-- longer ago than the term, a subscriber who unsubscribed longer ago than the term.
CREATE FUNCTION schakel_destroy_contact(p_kind text, p_id uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  k key_figures%ROWTYPE;
  tp record;
  ns newsletter_subscribers%ROWTYPE;
BEGIN
  IF current_region_id() IS NULL THEN RAISE EXCEPTION 'no region' USING ERRCODE = 'SK003'; END IF;
  IF p_kind = 'key_figure' THEN
    SELECT * INTO k FROM key_figures WHERE id = p_id AND region_id = current_region_id() FOR UPDATE;
    IF NOT FOUND THEN RAISE EXCEPTION 'not found' USING ERRCODE = 'SK003'; END IF;
    IF k.active OR k.updated_at >= now() - make_interval(months => schakel_retention_months('key_figure', 'inactive')) THEN
      RAISE EXCEPTION 'key figure not due for destruction' USING ERRCODE = 'SK002';
    END IF;
    PERFORM schakel_count('key_figure', (k.created_at AT TIME ZONE 'Europe/Amsterdam')::date, ARRAY['total', 'all']);
    DELETE FROM network_members WHERE key_figure_id = p_id;
    DELETE FROM contact_circle_invitees WHERE key_figure_id = p_id;
    DELETE FROM key_figures WHERE id = p_id;
    INSERT INTO destroyed_subjects (region_id, subject_type, subject_id)
      VALUES (current_region_id(), 'key_figure', p_id) ON CONFLICT DO NOTHING;
  ELSIF p_kind = 'participant' THEN
    SELECT p.id, p.attended, s.held_on, t.kind INTO tp
    FROM training_participants p
      JOIN training_sessions s ON s.id = p.session_id AND s.region_id = p.region_id
      JOIN trainings t ON t.id = s.training_id AND t.region_id = s.region_id
    WHERE p.id = p_id AND p.region_id = current_region_id();
    IF tp.id IS NULL THEN RAISE EXCEPTION 'not found' USING ERRCODE = 'SK003'; END IF;
    IF tp.held_on >= (now() - make_interval(months => schakel_retention_months('training_participant', 'session_held')))::date THEN
      RAISE EXCEPTION 'participant not due for destruction' USING ERRCODE = 'SK002';
    END IF;
    PERFORM schakel_count('training_participant', tp.held_on,
      ARRAY['total', 'all', 'training_kind', tp.kind]
        || CASE WHEN tp.attended THEN ARRAY['attended_training_kind', tp.kind] ELSE '{}'::text[] END);
    DELETE FROM training_participants WHERE id = p_id;
    INSERT INTO destroyed_subjects (region_id, subject_type, subject_id)
      VALUES (current_region_id(), 'participant', p_id) ON CONFLICT DO NOTHING;
  ELSIF p_kind = 'subscriber' THEN
    SELECT * INTO ns FROM newsletter_subscribers WHERE id = p_id AND region_id = current_region_id() FOR UPDATE;
    IF NOT FOUND THEN RAISE EXCEPTION 'not found' USING ERRCODE = 'SK003'; END IF;
    IF ns.unsubscribed_on IS NULL OR ns.unsubscribed_on >=
        (now() - make_interval(months => schakel_retention_months('newsletter_subscriber', 'unsubscribed')))::date THEN
      RAISE EXCEPTION 'subscriber not due for destruction' USING ERRCODE = 'SK002';
    END IF;
    PERFORM schakel_count('newsletter_subscriber', ns.subscribed_on, ARRAY['total', 'all', 'kind', ns.kind]);
    DELETE FROM newsletter_subscribers WHERE id = p_id;
    INSERT INTO destroyed_subjects (region_id, subject_type, subject_id)
      VALUES (current_region_id(), 'subscriber', p_id) ON CONFLICT DO NOTHING;
  ELSE
    RAISE EXCEPTION 'unknown kind %', p_kind USING ERRCODE = 'SK003';
  END IF;
END
$$;

REVOKE ALL ON FUNCTION schakel_destroy_case(uuid, uuid), schakel_destroy_signal(uuid, uuid),
  schakel_destroy_person(uuid, uuid), schakel_destroy_contact(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION schakel_destroy_case(uuid, uuid), schakel_destroy_signal(uuid, uuid),
  schakel_destroy_person(uuid, uuid), schakel_destroy_contact(text, uuid) TO schakel_app;

-- The access log of destroyed subjects --------------------------------------------------------------------
-- After the access-log term has passed since a subject was destroyed, the entries about that subject are
-- deleted. The chain stays verifiable: each deleted entry's seq and hash are kept in
-- access_log_redactions, and the deletion is itself an entry of the chain (the checkpoint: action
-- 'destroy', record type 'access_log', record id 'redaction:<count>:<sha256 of "seq:hash,…">'), written
-- by the application just before. The verifier (src/modules/access-log/verify.ts) steps over a deleted
-- entry with its kept hash and checks each checkpoint against the rows that name it.

CREATE TABLE access_log_redactions (
  region_id uuid NOT NULL REFERENCES regions (id),
  seq bigint NOT NULL,
  hash text NOT NULL,
  checkpoint_seq bigint NOT NULL,
  PRIMARY KEY (region_id, seq),
  CHECK (checkpoint_seq > seq)
);
CREATE INDEX access_log_redactions_checkpoint_idx ON access_log_redactions (region_id, checkpoint_seq);
ALTER TABLE access_log_redactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_log_redactions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON access_log_redactions USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT ON access_log_redactions TO schakel_app;

-- Deletions of access-log rows are refused, except inside access_log_redact (below).
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('schakel.access_log_redaction', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;

-- The entries that may be deleted now: about a destroyed subject (its record is really gone) whose
-- access-log term has passed since its destruction.
CREATE FUNCTION access_log_redactable(p_before_seq bigint) RETURNS TABLE (seq bigint, hash text)
  LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT l.seq, l.hash FROM access_log l
    JOIN destroyed_subjects d ON d.region_id = l.region_id AND d.subject_type = l.subject_type
      AND d.subject_id::text = l.subject_id
  WHERE l.region_id = current_region_id() AND l.seq < p_before_seq
    AND d.destroyed_at < now() - make_interval(months => schakel_retention_months('access_log', 'subject_destroyed'))
    AND NOT EXISTS (SELECT 1 FROM persons WHERE d.subject_type = 'person' AND id = d.subject_id)
    AND NOT EXISTS (SELECT 1 FROM key_figures WHERE d.subject_type = 'key_figure' AND id = d.subject_id)
    AND NOT EXISTS (SELECT 1 FROM training_participants WHERE d.subject_type = 'participant' AND id = d.subject_id)
    AND NOT EXISTS (SELECT 1 FROM newsletter_subscribers WHERE d.subject_type = 'subscriber' AND id = d.subject_id)
$$;

CREATE FUNCTION access_log_redaction_digest(p_before_seq bigint) RETURNS TABLE (n bigint, digest text)
  LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT count(*), encode(sha256(convert_to(coalesce(string_agg(seq || ':' || hash, ',' ORDER BY seq), ''), 'UTF8')), 'hex')
  FROM access_log_redactable(p_before_seq)
$$;

-- What the next redaction would delete: the count and digest the checkpoint entry must name.
CREATE FUNCTION access_log_redaction_plan() RETURNS TABLE (n bigint, digest text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT * FROM access_log_redaction_digest(9223372036854775807)
$$;

-- Deletes the redactable entries before the checkpoint, which must be the newest entry of the chain and
-- name exactly these entries. Returns how many were deleted.
CREATE FUNCTION access_log_redact(p_checkpoint_seq bigint) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  region uuid := current_region_id();
  cp access_log%ROWTYPE;
  plan record;
  deleted bigint;
BEGIN
  IF region IS NULL THEN RAISE EXCEPTION 'no region' USING ERRCODE = 'SK003'; END IF;
  SELECT * INTO cp FROM access_log WHERE region_id = region AND seq = p_checkpoint_seq;
  IF NOT FOUND OR cp.action <> 'destroy' OR cp.record_type <> 'access_log' OR cp.subject_id IS NOT NULL
    OR NOT EXISTS (SELECT 1 FROM access_log_heads h WHERE h.region_id = region AND h.seq = p_checkpoint_seq) THEN
    RAISE EXCEPTION 'the checkpoint must be the newest entry of the chain' USING ERRCODE = 'SK002';
  END IF;
  SELECT * INTO plan FROM access_log_redaction_digest(p_checkpoint_seq);
  IF cp.record_id IS DISTINCT FROM 'redaction:' || plan.n || ':' || plan.digest THEN
    RAISE EXCEPTION 'the checkpoint does not name the entries to delete' USING ERRCODE = 'SK002';
  END IF;
  INSERT INTO access_log_redactions (region_id, seq, hash, checkpoint_seq)
    SELECT region, x.seq, x.hash, p_checkpoint_seq FROM access_log_redactable(p_checkpoint_seq) x;
  PERFORM set_config('schakel.access_log_redaction', 'on', true);
  DELETE FROM access_log l USING access_log_redactions x
    WHERE x.region_id = region AND x.checkpoint_seq = p_checkpoint_seq AND l.region_id = region AND l.seq = x.seq;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  PERFORM set_config('schakel.access_log_redaction', 'off', true);
  UPDATE destroyed_subjects SET log_destroyed_at = now()
    WHERE region_id = region AND log_destroyed_at IS NULL
      AND destroyed_at < now() - make_interval(months => schakel_retention_months('access_log', 'subject_destroyed'));
  RETURN deleted;
END
$$;
REVOKE ALL ON FUNCTION access_log_redactable(bigint), access_log_redaction_digest(bigint),
  access_log_redaction_plan(), access_log_redact(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION access_log_redaction_plan(), access_log_redact(bigint) TO schakel_app;
