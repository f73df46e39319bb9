-- Re-applying the destruction ledger after a restore (issue 9, src/platform/backup/ledger.ts).
--
-- A backup holds what existed when it was made. What was destroyed after it — at the end of its
-- retention term, or by an approved erasure request that the backup does not hold either — would come
-- back with a restore. The destruction ledger outside the database (SCHAKEL_DESTRUCTION_LEDGER) names
-- every destroyed record (type, id, region, purpose; no personal data); the retention run after a
-- restore destroys again whatever of it exists. These functions do what schakel_destroy_* of migration
-- 0010 do, minus the check that the record is due or covered by a request in THIS database (the ledger
-- is the evidence that it was destroyed); a legal hold still refuses (SK001), so a hold found in the
-- restored data is for a person to decide. Same trust as the app role's own DELETE grants: schakel_app
-- may execute them, nobody else.

CREATE FUNCTION schakel_reapply_destroy_case(p_case uuid) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  c cases%ROWTYPE;
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

-- A signal destroyed after the backup, with the persons nothing else refers to.
CREATE FUNCTION schakel_reapply_destroy_signal(p_signal uuid) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  touched uuid[];
BEGIN
  IF current_region_id() IS NULL THEN RAISE EXCEPTION 'no region' USING ERRCODE = 'SK003'; END IF;
  PERFORM 1 FROM signals WHERE id = p_signal AND region_id = current_region_id() FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'signal not found' USING ERRCODE = 'SK003'; END IF;
  IF schakel_signal_on_hold(p_signal) THEN RAISE EXCEPTION 'signal on legal hold' USING ERRCODE = 'SK001'; END IF;
  touched := schakel_destroy_signal_rows(p_signal);
  RETURN jsonb_build_object('signals', to_jsonb(ARRAY[p_signal]), 'persons', to_jsonb(schakel_destroy_orphans(touched)));
END
$$;

-- A person destroyed after the backup: as an erasure (their names are redacted from the cases and
-- signals they are still linked to), after their own cases (earlier entries of the ledger).
CREATE FUNCTION schakel_reapply_destroy_person(p_person uuid) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  needles text[];
  x uuid;
BEGIN
  IF current_region_id() IS NULL THEN RAISE EXCEPTION 'no region' USING ERRCODE = 'SK003'; END IF;
  PERFORM 1 FROM persons WHERE id = p_person AND region_id = current_region_id() FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'person not found' USING ERRCODE = 'SK003'; END IF;
  IF schakel_person_on_hold(p_person)
    OR EXISTS (SELECT 1 FROM case_related_persons crp WHERE crp.person_id = p_person AND schakel_case_on_hold(crp.case_id))
    OR EXISTS (SELECT 1 FROM signal_subjects x WHERE x.person_id = p_person AND schakel_signal_on_hold(x.signal_id)) THEN
    RAISE EXCEPTION 'person on legal hold' USING ERRCODE = 'SK001';
  END IF;
  IF EXISTS (SELECT 1 FROM cases WHERE subject_person_id = p_person) THEN
    RAISE EXCEPTION 'destroy the person''s own cases first' USING ERRCODE = 'SK002';
  END IF;
  needles := schakel_person_needles(p_person);
  FOR x IN SELECT DISTINCT case_id FROM case_related_persons WHERE person_id = p_person LOOP
    PERFORM schakel_redact_case(x, needles);
  END LOOP;
  FOR x IN SELECT DISTINCT signal_id FROM signal_subjects WHERE person_id = p_person LOOP
    PERFORM schakel_redact_signal(x, needles);
  END LOOP;
  PERFORM schakel_destroy_person_rows(p_person);
  RETURN jsonb_build_object('signals', '[]'::jsonb, 'persons', to_jsonb(ARRAY[p_person]));
END
$$;

CREATE FUNCTION schakel_reapply_destroy_contact(p_kind text, p_id uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  k key_figures%ROWTYPE;
  tp record;
  ns newsletter_subscribers%ROWTYPE;
BEGIN
  IF current_region_id() IS NULL THEN RAISE EXCEPTION 'no region' USING ERRCODE = 'SK003'; END IF;
  IF p_kind = 'key_figure' THEN
    SELECT * INTO k FROM key_figures WHERE id = p_id AND region_id = current_region_id() FOR UPDATE;
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
    PERFORM schakel_count('training_participant', tp.held_on,
      ARRAY['total', 'all', 'training_kind', tp.kind]
        || CASE WHEN tp.attended THEN ARRAY['attended_training_kind', tp.kind] ELSE '{}'::text[] END);
    DELETE FROM training_participants WHERE id = p_id;
    INSERT INTO destroyed_subjects (region_id, subject_type, subject_id)
      VALUES (current_region_id(), 'participant', p_id) ON CONFLICT DO NOTHING;
  ELSIF p_kind = 'subscriber' THEN
    SELECT * INTO ns FROM newsletter_subscribers WHERE id = p_id AND region_id = current_region_id() FOR UPDATE;
    PERFORM schakel_count('newsletter_subscriber', ns.subscribed_on, ARRAY['total', 'all', 'kind', ns.kind]);
    DELETE FROM newsletter_subscribers WHERE id = p_id;
    INSERT INTO destroyed_subjects (region_id, subject_type, subject_id)
      VALUES (current_region_id(), 'subscriber', p_id) ON CONFLICT DO NOTHING;
  ELSE
    RAISE EXCEPTION 'unknown kind %', p_kind USING ERRCODE = 'SK003';
  END IF;
END
$$;

REVOKE ALL ON FUNCTION schakel_reapply_destroy_case(uuid), schakel_reapply_destroy_signal(uuid),
  schakel_reapply_destroy_person(uuid), schakel_reapply_destroy_contact(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION schakel_reapply_destroy_case(uuid), schakel_reapply_destroy_signal(uuid),
  schakel_reapply_destroy_person(uuid), schakel_reapply_destroy_contact(text, uuid) TO schakel_app;
