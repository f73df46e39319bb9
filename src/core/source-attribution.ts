/**
 * Where information comes from, and the legal regime it is recorded under (issue 8 point 7). Pure:
 * no HTTP, no SQL. Used by signals, case contributions and meeting contributions, and by the web app
 * to propose a regime.
 */
import type { Role } from './roles.js';

/** The legal regimes of information: general personal data, police data, judicial data, professional secrecy. */
export const LEGAL_REGIMES = ['avg', 'wpg', 'wjsg', 'professional_secrecy'] as const;
export type LegalRegime = (typeof LEGAL_REGIMES)[number];

/**
 * The regime an organisation's own information falls under unless stated otherwise (docs/privacy.md,
 * "Source attribution and legal regimes"):
 *  - police: police data, Wet politiegegevens (Wpg);
 *  - public prosecutor and probation (Reclassering): judicial data, Wet justitiële en strafvorderlijke
 *    gegevens (Wjsg) — probation's information in a case comes from the criminal-justice chain
 *    (supervision, conditions);
 *  - mental-health care and youth protection: professional secrecy (medical secrecy; Jeugdwet);
 *  - everyone else (municipalities, the safety house, the child protection board, education, welfare,
 *    the expertise pool, other organisations and outside reporters): general personal data (AVG).
 */
const DEFAULT_REGIME: Readonly<Record<string, LegalRegime>> = {
  police: 'wpg',
  public_prosecutor: 'wjsg',
  probation: 'wjsg',
  mental_health: 'professional_secrecy',
  youth_protection: 'professional_secrecy',
};

/** The default regime of an organisation type; null (an outside reporter without organisation) is AVG. */
export function defaultLegalRegime(organisationType: string | null | undefined): LegalRegime {
  return organisationType && Object.hasOwn(DEFAULT_REGIME, organisationType)
    ? (DEFAULT_REGIME[organisationType] as LegalRegime)
    : 'avg';
}

const REGIME_NAMES: Readonly<Record<LegalRegime, string>> = {
  avg: 'the AVG (general personal data)',
  wpg: 'the Wpg (police data)',
  wjsg: 'the Wjsg (judicial data)',
  professional_secrecy: 'professional secrecy',
};

/**
 * How strictly a regime protects: the AVG alone least; the Wpg and the Wjsg each add statutory rules on
 * who may receive the data; professional secrecy most (sharing only with consent or after a conflict of
 * duties). Wpg and Wjsg are different, not weaker than each other.
 */
const STRENGTH: Readonly<Record<LegalRegime, number>> = { avg: 0, wpg: 1, wjsg: 1, professional_secrecy: 2 };

/** Is `regime` weaker (less protective) than `than`? */
export function isWeakerRegime(regime: LegalRegime, than: LegalRegime): boolean {
  return STRENGTH[regime] < STRENGTH[than];
}

/**
 * Does recording information from a source of this organisation type under `regime` need a stated
 * reason? It does when the regime is weaker than the source's default (e.g. police information as AVG).
 */
export function regimeNeedsReason(regime: LegalRegime, sourceOrganisationType: string | null | undefined): boolean {
  return isWeakerRegime(regime, defaultLegalRegime(sourceOrganisationType));
}

/**
 * May this role record information on behalf of another organisation or an outside reporter (school,
 * neighbour, key figure)? Municipal intake staff may — they take signals in from anyone. Partners and
 * experts record only what their own organisation knows.
 */
export function mayRecordForOthers(role: Role): boolean {
  return role === 'process_director' || role === 'case_coordinator';
}

/** Kinds of reporter of a signal: a professional of the source organisation, or someone from outside. */
export const REPORTER_KINDS = [
  'professional',
  'school',
  'neighbour',
  'key_figure',
  'family',
  'citizen',
  'other',
] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];

export interface SourceIssue {
  pointer: string;
  code: string;
  detail: string;
}

/**
 * Checks who a signal is attributed to: an organisation of the region (sourceOrganisationId) and/or a
 * kind of reporter; without an organisation the reporter's kind is required. Partners and experts may
 * attribute only to their own organisation.
 */
export function checkAttribution(
  actor: { role: Role; organisationId: string },
  source: { sourceOrganisationId: string | null; reporterKind: string | null },
): SourceIssue | null {
  if (!mayRecordForOthers(actor.role) && source.sourceOrganisationId !== actor.organisationId) {
    return {
      pointer: '/sourceOrganisationId',
      code: 'not_own_organisation',
      detail: 'You record information of your own organisation only; choose your own organisation as the source.',
    };
  }
  if (source.sourceOrganisationId === null && source.reporterKind === null) {
    return {
      pointer: '/reporterKind',
      code: 'required',
      detail: 'Without a reporting organisation, say what kind of reporter it is (school, neighbour, key figure …).',
    };
  }
  return null;
}

/**
 * Checks the regime against the source's default: a weaker regime needs a reason (at `pointer`).
 */
export function checkRegimeReason(
  regime: LegalRegime,
  sourceOrganisationType: string | null | undefined,
  reason: string | null | undefined,
  pointer: string,
): SourceIssue | null {
  if (!regimeNeedsReason(regime, sourceOrganisationType) || (reason && reason.trim().length > 0)) return null;
  const expected = REGIME_NAMES[defaultLegalRegime(sourceOrganisationType)];
  return {
    pointer,
    code: 'required',
    detail: `The source's information falls under ${expected} by default; say why it is recorded under ${REGIME_NAMES[regime]}.`,
  };
}
