/**
 * Phase transitions and escalation, through the state machine of src/core/case-lifecycle.ts. An
 * illegal step changes nothing (409); a stale version changes nothing (409); each step is one
 * transaction with its timeline line and access-log entry.
 */
import type { z } from 'zod';
import {
  type CaseTransition,
  type EscalationLevel,
  nextEscalation,
  nextPhase,
  type Phase,
  TRANSITION_KINDS,
  type TransitionKind,
} from '../../core/case-lifecycle.js';
import { DomainError, ruleViolation, staleVersion } from '../../core/errors.js';
import { checkRetentionDecision } from '../../core/wgpa.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { label } from '../../shared/labels/index.js';
import { recordAccess } from '../access-log/record.js';
import { type CaseEventParams, recordCaseEvent, todayInNl } from './core.js';
import { dateNl, ESCALATION_NL, PHASE_NL, presentCaseRecord } from './presenters.js';
import type { EscalationRequest, TransitionRequest } from './schemas.js';
import { scopeOf } from './service.js';
import { requireManageableCase } from './visibility.js';

function transitionOf(input: z.infer<typeof TransitionRequest>, today: string): CaseTransition {
  const reason = input.reason ?? '';
  switch (input.kind) {
    case 'close_provisionally':
      return { kind: input.kind, reason, revisitOn: input.revisitOn ?? null, today };
    case 'close_definitively':
      return { kind: input.kind, reason };
    case 'reopen':
      return { kind: input.kind, reason, to: input.to ?? null };
    default:
      return { kind: input.kind };
  }
}

/** A transition of `kind` with every field it needs filled in, to ask the state machine about the kind only. */
function probeOf(kind: TransitionKind): CaseTransition {
  switch (kind) {
    case 'close_provisionally':
      return { kind, reason: 'probe', revisitOn: '9999-12-31', today: '0001-01-01' };
    case 'close_definitively':
      return { kind, reason: 'probe' };
    case 'reopen':
      return { kind, reason: 'probe', to: 'execution' };
    default:
      return { kind };
  }
}

const isIllegal = (e: unknown) => e instanceof DomainError && e.code === 'ILLEGAL_TRANSITION';

/**
 * The transitions the state machine of src/core/case-lifecycle.ts allows from `phase` (asked of the
 * machine itself, so that the page offers exactly what the API accepts); none for who cannot manage.
 */
export function allowedTransitions(phase: Phase, manages: boolean): TransitionKind[] {
  if (!manages) return [];
  return TRANSITION_KINDS.filter((kind) => {
    try {
      nextPhase(phase, probeOf(kind));
      return true;
    } catch (e) {
      if (isIllegal(e)) return false;
      throw e;
    }
  });
}

/** The escalation steps allowed from `level` in `phase` (none when closed, or for who cannot manage). */
export function allowedEscalations(level: EscalationLevel, phase: Phase, manages: boolean): Array<'up' | 'down'> {
  if (!manages) return [];
  return (['up', 'down'] as const).filter((direction) => {
    try {
      nextEscalation(level, direction, 'probe', phase);
      return true;
    } catch (e) {
      if (isIllegal(e)) return false;
      throw e;
    }
  });
}

/**
 * The retention term's reasons, recorded at definitive closing (and only then); a reopened case
 * loses them until it is closed again. Throws a 422 naming the fields when they are missing.
 */
function retentionOf(input: z.infer<typeof TransitionRequest>) {
  const given =
    input.retentionDecision !== undefined ||
    input.retentionReasons !== undefined ||
    input.retentionMonths !== undefined;
  if (input.kind === 'close_definitively') {
    const error = ruleViolation(
      'Record the retention term’s reasons when closing definitively.',
      checkRetentionDecision(input),
    );
    if (error) throw error;
    return {
      retention_decision: input.retentionDecision ?? null,
      retention_reasons: input.retentionReasons ?? null,
      retention_months: input.retentionMonths ?? null,
    };
  }
  if (given) {
    throw ruleViolation('The retention term is recorded only when closing definitively.', [
      { pointer: '/retentionDecision', code: 'only_when_closing', detail: 'Only with a definitive closing.' },
    ]);
  }
  return input.kind === 'reopen' ? { retention_decision: null, retention_reasons: null, retention_months: null } : {};
}

export async function transitionCase(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof TransitionRequest>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    if (c.version !== input.version) throw staleVersion();
    const now = deps.now();
    const today = todayInNl(now);
    const from = c.phase as Phase;
    const to = nextPhase(from, transitionOf(input, today));
    const reason = input.reason?.trim() || null;
    const retention = retentionOf(input);

    let closing: {
      closed_at: Date | null;
      closing_kind: string | null;
      closing_reason: string | null;
      revisit_on: string | null;
    } | null = null;
    let summary = `Fase: ${PHASE_NL[from]} → ${PHASE_NL[to]}`;
    let params: CaseEventParams = { fromPhase: from, toPhase: to };
    if (input.kind === 'close_provisionally') {
      closing = {
        closed_at: now,
        closing_kind: 'provisional',
        closing_reason: reason,
        revisit_on: input.revisitOn ?? null,
      };
      summary = `Voorlopig afgesloten; terug op de lijst op ${dateNl(input.revisitOn as string)}`;
      params = { revisitOn: input.revisitOn as string };
    } else if (input.kind === 'close_definitively') {
      closing = { closed_at: now, closing_kind: 'definitive', closing_reason: reason, revisit_on: null };
      summary = `Definitief afgesloten; bewaartermijn: ${label('retentionDecisions', input.retentionDecision)}`;
      params = {};
    } else if (input.kind === 'reopen') {
      closing = { closed_at: null, closing_kind: null, closing_reason: null, revisit_on: null };
      summary = `Heropend in fase ${PHASE_NL[to]}`;
      params = { toPhase: to };
    }
    const updated = await tx
      .updateTable('cases')
      .set((eb) => ({ phase: to, ...closing, ...retention, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', caseId)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw staleVersion();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: input.kind,
      summary,
      params,
      reason,
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'case',
      recordId: caseId,
      subjects: [{ type: 'person', id: c.subject_person_id }],
      purpose: { type: 'case', id: caseId },
    });
    return presentCaseRecord(updated);
  });
}

export async function escalateCase(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof EscalationRequest>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    if (c.version !== input.version) throw staleVersion();
    const reason = input.reason?.trim() ?? '';
    const to = nextEscalation(c.escalation_level as EscalationLevel, input.direction, reason, c.phase as Phase);
    const now = deps.now();
    const updated = await tx
      .updateTable('cases')
      .set((eb) => ({ escalation_level: to, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', caseId)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw staleVersion();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: input.direction === 'up' ? 'escalated' : 'de_escalated',
      summary: `${input.direction === 'up' ? 'Opgeschaald' : 'Afgeschaald'} naar ${ESCALATION_NL[to] ?? to}`,
      params: { level: to },
      reason,
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'case',
      recordId: caseId,
      subjects: [{ type: 'person', id: c.subject_person_id }],
      purpose: { type: 'case', id: caseId },
    });
    return presentCaseRecord(updated);
  });
}
