/** Row → JSON for the case resources. Raw rows never leave the module. */
import type { z } from 'zod';
import type { Phase } from '../../core/case-lifecycle.js';
import { DomainError } from '../../core/errors.js';
import type { CaseRecord, Contribution, PersonSummary, TimelineEvent } from './schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;

/** Police and public prosecution information is marked as such (PRODUCT.md §4). */
export const POLICE_OR_PROSECUTION_TYPES: readonly string[] = ['police', 'public_prosecutor'];

export function displayName(p: { first_name: string; name_prefix: string | null; last_name: string }): string {
  return [p.first_name, p.name_prefix, p.last_name].filter((s) => s && s.trim().length > 0).join(' ');
}

export function presentPerson(p: {
  id: string;
  first_name: string;
  name_prefix: string | null;
  last_name: string;
  date_of_birth: string | null;
}): Out<typeof PersonSummary> {
  return {
    id: p.id,
    firstName: p.first_name,
    namePrefix: p.name_prefix,
    lastName: p.last_name,
    name: displayName(p),
    dateOfBirth: p.date_of_birth,
  };
}

export interface CaseRow {
  id: string;
  reference: string;
  subject_person_id: string;
  target_group: string;
  risk_group: number | null;
  ideology: string;
  directing_municipality_id: string;
  process_director_id: string;
  case_coordinator_id: string | null;
  priority: string;
  phase: string;
  escalation_level: string;
  opened_at: Date;
  closed_at: Date | null;
  closing_kind: string | null;
  closing_reason: string | null;
  revisit_on: string | null;
  next_review_on: string | null;
  last_conference_on: string | null;
  updated_at: Date;
  version: number;
}

type Record_ = Out<typeof CaseRecord>;

export function presentCaseRecord(c: CaseRow): Record_ {
  return {
    id: c.id,
    reference: c.reference,
    subjectPersonId: c.subject_person_id,
    targetGroup: c.target_group as Record_['targetGroup'],
    riskGroup: c.risk_group,
    ideology: c.ideology as Record_['ideology'],
    directingMunicipalityId: c.directing_municipality_id,
    processDirectorId: c.process_director_id,
    caseCoordinatorId: c.case_coordinator_id,
    priority: c.priority as Record_['priority'],
    phase: c.phase as Phase,
    escalationLevel: c.escalation_level as Record_['escalationLevel'],
    openedAt: c.opened_at.toISOString(),
    closedAt: c.closed_at?.toISOString() ?? null,
    closingKind: c.closing_kind as Record_['closingKind'],
    closingReason: c.closing_reason,
    revisitOn: c.revisit_on,
    nextReviewOn: c.next_review_on,
    lastConferenceOn: c.last_conference_on,
    updatedAt: c.updated_at.toISOString(),
    version: c.version,
  };
}

export function presentContribution(r: {
  id: string;
  case_id: string;
  meeting_id: string | null;
  organisation_id: string;
  organisation_name: string;
  organisation_type: string;
  author_id: string;
  author_name: string;
  body: string;
  legal_regime: string;
  legal_regime_reason: string | null;
  scope: string;
  created_at: Date;
}): Out<typeof Contribution> {
  return {
    id: r.id,
    caseId: r.case_id,
    meetingId: r.meeting_id,
    organisation: { id: r.organisation_id, name: r.organisation_name, type: r.organisation_type },
    isPoliceOrProsecution: POLICE_OR_PROSECUTION_TYPES.includes(r.organisation_type),
    author: { id: r.author_id, name: r.author_name },
    body: r.body,
    legalRegime: r.legal_regime as Out<typeof Contribution>['legalRegime'],
    legalRegimeReason: r.legal_regime_reason,
    scope: r.scope as Out<typeof Contribution>['scope'],
    createdAt: r.created_at.toISOString(),
  };
}

export function presentEvent(e: {
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  kind: string;
  summary: string;
  params: Record<string, string | number> | null;
  reason: string | null;
}): Out<typeof TimelineEvent> {
  return {
    id: String(e.id),
    occurredAt: e.occurred_at.toISOString(),
    actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
    kind: e.kind,
    summary: e.summary,
    params: e.params,
    reason: e.reason,
  };
}

/** Dutch labels for timeline summaries (the timeline is read in the Dutch interface). */
export const PHASE_NL: Record<Phase, string> = {
  preparation: 'voorbereiding',
  analysis: 'analyse',
  execution: 'uitvoering',
  monitoring: 'monitoring',
  closed_provisional: 'voorlopig afgesloten',
  closed: 'definitief afgesloten',
};

export const ESCALATION_NL: Record<string, string> = {
  local: 'lokaal',
  regional: 'regionaal casusoverleg',
  national: 'landelijk',
};

export const RELATION_NL: Record<string, string> = {
  parent: 'ouder',
  sibling: 'broer/zus',
  partner: 'partner',
  child: 'kind',
  network: 'netwerk',
  other: 'overig',
};

/** 2026-05-01 → 01-05-2026 (Dutch date notation). */
export function dateNl(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}-${m}-${y}`;
}

/** The same answer as platform/http/pagination for a cursor whose content does not fit the list. */
export function invalidCursor(): DomainError {
  return new DomainError('INVALID_INPUT', 'The cursor is not valid.', {
    fields: [
      { in: 'query', pointer: '/cursor', code: 'invalid_cursor', detail: 'Use the nextCursor of a previous page.' },
    ],
  });
}
