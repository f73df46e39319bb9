/**
 * The compilation of a subject access request (AVG art. 15): every record held about one person, as
 * items the privacy officer decides on one by one. Complete — the person, signals and the triage
 * decisions on them, cases as subject or related person with their inclusion decision (weging),
 * informing records and inclusion reviews, contributions, case-conference judgements and decisions,
 * proportionality reviews, the plan (problem analysis, goals, interventions), actions and their notes,
 * assessments with their factor ratings and evidence, and attachments' metadata — and readable: every
 * value through the one label catalogue, references instead of ids, dates as dd-mm-jjjj.
 *
 * Each item keeps the legal regime recorded with the record itself (a signal's, a contribution's);
 * records that carry none are AVG, except factor evidence, which takes the default of its source
 * organisation (src/core/source-attribution.ts) because no regime is recorded with a rating.
 */
import { defaultLegalRegime } from '../../core/source-attribution.js';
import type { Tx } from '../../platform/db/database.js';
import { formatDateNl, formatDateTimeNl, label } from '../../shared/labels/index.js';

export type NewItem = {
  record_type: string;
  record_id: string;
  case_id: string | null;
  source_organisation_id: string | null;
  legal_regime: string;
  recorded_at: Date | null;
  title: string;
  content: string;
};

const lines = (...parts: Array<string | null | false | undefined>) => parts.filter(Boolean).join('\n');
const orgOfUser = (tx: Tx, userId: string) =>
  tx.selectFrom('users').select('organisation_id').where('id', '=', userId).executeTakeFirst();

/** Every record held about the person, as items (kept decisions survive a re-compilation). */
export async function collectSubjectRecords(tx: Tx, personId: string): Promise<NewItem[]> {
  const items: NewItem[] = [];
  const person = await tx
    .selectFrom('persons as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(['p.id', 'p.first_name', 'p.name_prefix', 'p.last_name', 'p.date_of_birth', 'p.gender', 'p.created_at'])
    .select('u.organisation_id')
    .where('p.id', '=', personId)
    .executeTakeFirstOrThrow();
  items.push({
    record_type: 'person',
    record_id: person.id,
    case_id: null,
    source_organisation_id: person.organisation_id,
    legal_regime: 'avg',
    recorded_at: person.created_at,
    title: 'Persoonsgegevens',
    content: lines(
      `Naam: ${[person.first_name, person.name_prefix, person.last_name].filter(Boolean).join(' ')}`,
      `Geboortedatum: ${formatDateNl(person.date_of_birth)}`,
      `Geslacht: ${label('genders', person.gender)}`,
    ),
  });

  // Signals about the person, and the triage decision on each.
  const signals = await tx
    .selectFrom('signal_subjects as ss')
    .innerJoin('signals as s', 's.id', 'ss.signal_id')
    .select([
      's.id',
      's.reference',
      's.description',
      's.received_on',
      's.created_at',
      's.source_organisation_id',
      's.legal_regime',
      's.ideology',
      's.indicators',
    ])
    .where('ss.person_id', '=', personId)
    .distinct()
    .execute();
  const indicatorLabels = new Map(
    (await tx.selectFrom('indicators').select(['code', 'label_nl']).execute()).map((i) => [i.code, i.label_nl]),
  );
  for (const s of signals) {
    items.push({
      record_type: 'signal',
      record_id: s.id,
      case_id: null,
      source_organisation_id: s.source_organisation_id,
      legal_regime: s.legal_regime,
      recorded_at: s.created_at,
      title: `Melding ${s.reference} (ontvangen ${formatDateNl(s.received_on)})`,
      content: lines(
        `Omschrijving: ${s.description}`,
        s.indicators.length > 0 &&
          `Signalen: ${s.indicators.map((c) => indicatorLabels.get(c) ?? label('purposes', 'other')).join('; ')}`,
        `Ideologie: ${label('ideologies', s.ideology)}`,
      ),
    });
  }
  const signalIds = signals.map((s) => s.id);
  if (signalIds.length > 0) {
    const decisions = await tx
      .selectFrom('triage_decisions as d')
      .innerJoin('signals as s', 's.id', 'd.signal_id')
      .innerJoin('users as u', 'u.id', 'd.decided_by')
      .select(['d.id', 'd.decision', 'd.referred_to', 'd.rationale', 'd.decided_at', 'd.case_id', 's.reference'])
      .select('u.organisation_id')
      .where('d.signal_id', 'in', signalIds)
      .execute();
    for (const d of decisions) {
      items.push({
        record_type: 'triage_decision',
        record_id: d.id,
        case_id: d.case_id,
        source_organisation_id: d.organisation_id,
        legal_regime: 'avg',
        recorded_at: d.decided_at,
        title: `Besluit over melding ${d.reference} (${formatDateNl(d.decided_at.toISOString().slice(0, 10))})`,
        content: lines(
          `Besluit: ${label('triageDecisions', d.decision)}`,
          d.referred_to && `Doorverwezen naar: ${label('referrals', d.referred_to)}`,
          `Toelichting: ${d.rationale}`,
        ),
      });
    }
  }

  // Cases the person is the subject of, or a related person in.
  const cases = await tx
    .selectFrom('cases as c')
    .innerJoin('municipalities as m', 'm.id', 'c.directing_municipality_id')
    .select([
      'c.id',
      'c.reference',
      'c.phase',
      'c.target_group',
      'c.ideology',
      'c.opened_at',
      'c.closed_at',
      'c.closing_reason',
      'c.retention_decision',
      'c.retention_reasons',
      'c.retention_months',
      'c.subject_person_id',
      'm.organisation_id',
      'm.name as municipality',
    ])
    .where((eb) =>
      eb.or([
        eb('c.subject_person_id', '=', personId),
        eb.exists(
          eb
            .selectFrom('case_related_persons as r')
            .select('r.id')
            .whereRef('r.case_id', '=', 'c.id')
            .where('r.person_id', '=', personId),
        ),
      ]),
    )
    .execute();
  for (const c of cases) {
    const asSubject = c.subject_person_id === personId;
    items.push({
      record_type: 'case',
      record_id: c.id,
      case_id: c.id,
      source_organisation_id: c.organisation_id,
      legal_regime: 'avg',
      recorded_at: c.opened_at,
      title: `Casus ${c.reference} (${asSubject ? 'u bent de betrokkene' : 'u bent een gerelateerde persoon'})`,
      content: lines(
        `Regiegemeente: ${c.municipality}`,
        `Geopend: ${formatDateNl(c.opened_at.toISOString().slice(0, 10))}`,
        `Fase: ${label('phases', c.phase)}`,
        `Doelgroep: ${label('targetGroups', c.target_group)}`,
        `Ideologie: ${label('ideologies', c.ideology)}`,
        c.closed_at && `Afgesloten: ${formatDateNl(c.closed_at.toISOString().slice(0, 10))}`,
        c.closing_reason && `Reden afsluiting: ${c.closing_reason}`,
        c.retention_decision &&
          `Bewaartermijn: ${label('retentionDecisions', c.retention_decision)}${
            c.retention_months ? ` (${c.retention_months} maanden)` : ''
          }`,
        c.retention_reasons && `Reden bewaartermijn: ${c.retention_reasons}`,
      ),
    });
  }
  const subjectCaseIds = cases.filter((c) => c.subject_person_id === personId).map((c) => c.id);
  const caseIds = cases.map((c) => c.id);
  const refOf = new Map(cases.map((c) => [c.id, c.reference]));
  const ref = (caseId: string) => refOf.get(caseId) ?? '';

  const related = await tx
    .selectFrom('case_related_persons as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.case_id', 'r.relation', 'r.note', 'r.added_at', 'r.added_by', 'c.reference'])
    .where('r.person_id', '=', personId)
    .execute();
  for (const r of related) {
    items.push({
      record_type: 'case_related_person',
      record_id: r.id,
      case_id: r.case_id,
      source_organisation_id: (await orgOfUser(tx, r.added_by))?.organisation_id ?? null,
      legal_regime: 'avg',
      recorded_at: r.added_at,
      title: `Relatie in casus ${r.reference}`,
      content: lines(`Relatie: ${label('relations', r.relation)}`, r.note && `Toelichting: ${r.note}`),
    });
  }

  // The Wgpa's safeguards on the person's own cases.
  if (subjectCaseIds.length > 0) {
    const inclusions = await tx
      .selectFrom('inclusion_decisions as d')
      .innerJoin('users as u', 'u.id', 'd.recorded_by')
      .select(['d.id', 'd.case_id', 'd.decided_on', 'd.recorded_at', 'u.organisation_id'])
      .where('d.case_id', 'in', subjectCaseIds)
      .execute();
    for (const d of inclusions) {
      const criteria = await tx
        .selectFrom('inclusion_decision_criteria as dc')
        .innerJoin('inclusion_criteria as c', 'c.id', 'dc.criterion_id')
        .select(['c.label_nl', 'dc.reasons'])
        .where('dc.inclusion_decision_id', '=', d.id)
        .orderBy('c.sort')
        .execute();
      const parties = await tx
        .selectFrom('inclusion_decision_participants as p')
        .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
        .select('o.name')
        .where('p.inclusion_decision_id', '=', d.id)
        .orderBy('o.name')
        .execute();
      items.push({
        record_type: 'inclusion_decision',
        record_id: d.id,
        case_id: d.case_id,
        source_organisation_id: d.organisation_id,
        legal_regime: 'avg',
        recorded_at: d.recorded_at,
        title: `Besluit tot opname in de aanpak, casus ${ref(d.case_id)} (${formatDateNl(d.decided_on)})`,
        content: lines(
          `Genomen door: ${parties.map((p) => p.name).join(', ')}`,
          ...criteria.map((c) => `Criterium: ${c.label_nl}\nReden: ${c.reasons}`),
        ),
      });
    }
    const informing = await tx
      .selectFrom('informing_records as r')
      .innerJoin('users as u', 'u.id', 'r.recorded_by')
      .selectAll('r')
      .select('u.organisation_id')
      .where('r.case_id', 'in', subjectCaseIds)
      .execute();
    for (const r of informing) {
      items.push({
        record_type: 'informing_record',
        record_id: r.id,
        case_id: r.case_id,
        source_organisation_id: r.organisation_id,
        legal_regime: 'avg',
        recorded_at: r.recorded_at,
        title: `Informeren over de aanpak, casus ${ref(r.case_id)}`,
        content:
          r.outcome === 'informed'
            ? lines(
                `${label('informingOutcomes', 'informed')} op ${formatDateNl(r.informed_on)}`,
                `Hoe: ${label('informingMethods', r.method)}`,
                `Door: ${r.informed_by ?? ''}`,
              )
            : lines(
                label('informingOutcomes', 'deferred'),
                `Grond: ${label('informingGrounds', r.legal_ground)}`,
                `Reden: ${r.reasons ?? ''}`,
                `Opnieuw bekeken op: ${formatDateNl(r.reconsider_on)}`,
              ),
      });
    }
    const reviews = await tx
      .selectFrom('inclusion_reviews as r')
      .innerJoin('users as u', 'u.id', 'r.reviewed_by')
      .select(['r.id', 'r.case_id', 'r.reviewed_on', 'r.outcome', 'r.reasons', 'r.recorded_at', 'u.organisation_id'])
      .where('r.case_id', 'in', subjectCaseIds)
      .execute();
    for (const r of reviews) {
      items.push({
        record_type: 'inclusion_review',
        record_id: r.id,
        case_id: r.case_id,
        source_organisation_id: r.organisation_id,
        legal_regime: 'avg',
        recorded_at: r.recorded_at,
        title: `Toets op opname in de aanpak, casus ${ref(r.case_id)} (${formatDateNl(r.reviewed_on)})`,
        content: lines(`Uitkomst: ${label('inclusionReviewOutcomes', r.outcome)}`, `Reden: ${r.reasons}`),
      });
    }
    const proportionality = await tx
      .selectFrom('proportionality_reviews as r')
      .innerJoin('users as u', 'u.id', 'r.reviewer_id')
      .select([
        'r.id',
        'r.case_id',
        'r.reviewed_on',
        'r.reasoning',
        'r.created_at',
        'r.next_review_on',
        'u.organisation_id',
      ])
      .where('r.case_id', 'in', subjectCaseIds)
      .execute();
    for (const r of proportionality) {
      items.push({
        record_type: 'proportionality_review',
        record_id: r.id,
        case_id: r.case_id,
        source_organisation_id: r.organisation_id,
        legal_regime: 'avg',
        recorded_at: r.created_at,
        title: `Toets op proportionaliteit, casus ${ref(r.case_id)} (${formatDateNl(r.reviewed_on)})`,
        content: lines(`Afweging: ${r.reasoning}`, `Volgende toets: ${formatDateNl(r.next_review_on)}`),
      });
    }
    const plans = await tx
      .selectFrom('plans as p')
      .select(['p.id', 'p.case_id', 'p.problem_analysis', 'p.goals', 'p.status', 'p.adopted_at', 'p.created_at'])
      .where('p.case_id', 'in', subjectCaseIds)
      .execute();
    for (const p of plans) {
      const goals = (p.goals as Array<{ text?: string }>).map((g) => g.text).filter(Boolean);
      items.push({
        record_type: 'plan',
        record_id: p.id,
        case_id: p.case_id,
        source_organisation_id: null,
        legal_regime: 'avg',
        recorded_at: p.created_at,
        title: `Plan van aanpak, casus ${ref(p.case_id)} (${label('planStatuses', p.status)})`,
        content: lines(
          p.problem_analysis && `Probleemanalyse: ${p.problem_analysis}`,
          goals.length > 0 && `Doelen:\n${goals.map((g, i) => `${i + 1}. ${g}`).join('\n')}`,
          p.adopted_at && `Vastgesteld op: ${formatDateNl(p.adopted_at.toISOString().slice(0, 10))}`,
        ),
      });
    }
    const interventions = await tx
      .selectFrom('plan_interventions as pi')
      .innerJoin('plans as p', 'p.id', 'pi.plan_id')
      .innerJoin('toolbox_items as t', 't.id', 'pi.toolbox_item_id')
      .select(['pi.id', 'p.case_id', 'pi.goal', 'pi.status', 'pi.starts_on', 'pi.ends_on', 'pi.created_at'])
      .select(['pi.responsible_organisation_id', 't.name_nl'])
      .where('p.case_id', 'in', subjectCaseIds)
      .execute();
    for (const i of interventions) {
      items.push({
        record_type: 'plan_intervention',
        record_id: i.id,
        case_id: i.case_id,
        source_organisation_id: i.responsible_organisation_id,
        legal_regime: 'avg',
        recorded_at: i.created_at,
        title: `Interventie in het plan van aanpak, casus ${ref(i.case_id)}: ${i.name_nl}`,
        content: lines(
          i.goal && `Doel: ${i.goal}`,
          `Status: ${label('interventionStatuses', i.status)}`,
          i.starts_on && `Van: ${formatDateNl(i.starts_on)}`,
          i.ends_on && `Tot: ${formatDateNl(i.ends_on)}`,
        ),
      });
    }
    // Case conferences: the shared judgement on the person's case (the minutes' passage about it).
    const agenda = await tx
      .selectFrom('meeting_agenda_items as ai')
      .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
      .innerJoin('users as u', 'u.id', 'm.chair_id')
      .select(['ai.id', 'ai.case_id', 'ai.judgement', 'm.title', 'm.starts_at', 'u.organisation_id'])
      .where('ai.case_id', 'in', subjectCaseIds)
      .where('ai.judgement', 'is not', null)
      .execute();
    for (const a of agenda) {
      items.push({
        record_type: 'meeting_item',
        record_id: a.id,
        case_id: a.case_id,
        source_organisation_id: a.organisation_id,
        legal_regime: 'avg',
        recorded_at: a.starts_at,
        title: `Bespreking in het casusoverleg van ${formatDateTimeNl(a.starts_at)}, casus ${ref(a.case_id)}`,
        content: `Gezamenlijk oordeel: ${a.judgement ?? ''}`,
      });
    }
  }

  if (caseIds.length > 0) {
    const contributions = await tx
      .selectFrom('case_contributions as cc')
      .select(['cc.id', 'cc.case_id', 'cc.organisation_id', 'cc.body', 'cc.legal_regime', 'cc.created_at'])
      .where('cc.case_id', 'in', caseIds)
      .execute();
    for (const cc of contributions) {
      items.push({
        record_type: 'case_contribution',
        record_id: cc.id,
        case_id: cc.case_id,
        source_organisation_id: cc.organisation_id,
        legal_regime: cc.legal_regime,
        recorded_at: cc.created_at,
        title: `Informatie in casus ${ref(cc.case_id)}`,
        content: cc.body,
      });
    }
    const actions = await tx
      .selectFrom('actions as a')
      .select(['a.id', 'a.case_id', 'a.title', 'a.description', 'a.owner_organisation_id', 'a.due_on', 'a.status'])
      .select(['a.created_at', 'a.agenda_item_id'])
      .where('a.case_id', 'in', caseIds)
      .execute();
    for (const a of actions) {
      items.push({
        record_type: 'action',
        record_id: a.id,
        case_id: a.case_id,
        source_organisation_id: a.owner_organisation_id,
        legal_regime: 'avg',
        recorded_at: a.created_at,
        title: `${a.agenda_item_id ? 'Besluit van het casusoverleg' : 'Actie'} in casus ${ref(a.case_id)} (uiterlijk ${formatDateNl(a.due_on)})`,
        content: lines(a.title, a.description, `Status: ${label('actionStatuses', a.status)}`),
      });
    }
    const notes = await tx
      .selectFrom('action_notes as n')
      .innerJoin('actions as a', 'a.id', 'n.action_id')
      .innerJoin('users as u', 'u.id', 'n.author_id')
      .select(['n.id', 'a.case_id', 'a.title', 'n.body', 'n.created_at', 'u.organisation_id'])
      .where('a.case_id', 'in', caseIds)
      .execute();
    for (const n of notes) {
      items.push({
        record_type: 'action_note',
        record_id: n.id,
        case_id: n.case_id,
        source_organisation_id: n.organisation_id,
        legal_regime: 'avg',
        recorded_at: n.created_at,
        title: `Notitie bij actie "${n.title}", casus ${ref(n.case_id)}`,
        content: n.body,
      });
    }
  }

  // Assessments of the person (or in the person's cases), with their factor ratings and evidence.
  const assessments = await tx
    .selectFrom('assessments')
    .select(['id', 'case_id', 'organisation_id', 'concern_level', 'rationale', 'assessed_on', 'created_at', 'status'])
    .where((eb) =>
      eb.or([eb('person_id', '=', personId), ...(subjectCaseIds.length ? [eb('case_id', 'in', subjectCaseIds)] : [])]),
    )
    .execute();
  for (const a of assessments) {
    const ratings = await tx
      .selectFrom('assessment_ratings as r')
      .innerJoin('framework_factors as f', 'f.id', 'r.factor_id')
      .leftJoin('organisations as o', 'o.id', 'r.source_organisation_id')
      .select(['f.label_nl', 'r.rating', 'r.evidence', 'r.observed_on', 'o.type as source_type'])
      .where('r.assessment_id', '=', a.id)
      .orderBy('f.sort')
      .execute();
    const regimes = ratings.filter((r) => r.evidence).map((r) => defaultLegalRegime(r.source_type));
    // Police or judicial evidence makes the whole assessment subject to its source's consent.
    const regime = regimes.find((r) => r === 'wpg' || r === 'wjsg') ?? regimes.find((r) => r !== 'avg') ?? 'avg';
    items.push({
      record_type: 'assessment',
      record_id: a.id,
      case_id: a.case_id,
      source_organisation_id: a.organisation_id,
      legal_regime: regime,
      recorded_at: a.created_at,
      title: `Duiding en inschatting van ${formatDateNl(a.assessed_on)} (${label('assessmentStatuses', a.status)})`,
      content: lines(
        a.concern_level && `Zorgniveau: ${label('concernLevels', a.concern_level)}`,
        a.rationale && `Onderbouwing: ${a.rationale}`,
        ...ratings.map((r) =>
          lines(
            `${r.label_nl}: ${label('factorRatings', r.rating)}`,
            r.evidence && `  Onderbouwing: ${r.evidence}`,
            r.observed_on && `  Waargenomen op: ${formatDateNl(r.observed_on)}`,
          ),
        ),
      ),
    });
  }

  // Attachments: their metadata (the files themselves are provided on request, after the same decision).
  const attachments = await tx
    .selectFrom('attachments as at')
    .innerJoin('users as u', 'u.id', 'at.uploaded_by')
    .select([
      'at.id',
      'at.case_id',
      'at.signal_id',
      'at.filename',
      'at.size_bytes',
      'at.uploaded_at',
      'u.organisation_id',
    ])
    .where((eb) =>
      eb.or([
        ...(signalIds.length ? [eb('at.signal_id', 'in', signalIds)] : []),
        ...(subjectCaseIds.length ? [eb('at.case_id', 'in', subjectCaseIds)] : []),
        eb.val(false),
      ]),
    )
    .execute();
  for (const at of attachments) {
    items.push({
      record_type: 'attachment',
      record_id: at.id,
      case_id: at.case_id,
      source_organisation_id: at.organisation_id,
      legal_regime: 'avg',
      recorded_at: at.uploaded_at,
      title: `Bijlage ${at.case_id ? `in casus ${ref(at.case_id)}` : 'bij een melding'}`,
      content: lines(`Bestand: ${at.filename}`, `Grootte: ${Math.max(1, Math.round(at.size_bytes / 1024))} kB`),
    });
  }
  return items;
}
