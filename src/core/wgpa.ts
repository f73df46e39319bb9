/**
 * The safeguards of the Wgpa (Wet gegevensverwerking persoonsgerichte aanpak radicalisering en
 * terroristische activiteiten) as pure rules: who must take part in the weging (inclusion), what an
 * informing record and an inclusion review must hold, the retention decision at closing, and when
 * a case's next inclusion review falls. No HTTP, no SQL: the services turn the issues into
 * problem+json and write nothing when there is one.
 */

/** The weging is done by at least the municipality, the police and the public prosecutor. */
export const REQUIRED_WEGING_PARTIES = ['municipality', 'police', 'public_prosecutor'] as const;
export const INFORMING_OUTCOMES = ['informed', 'deferred'] as const;
export const INFORMING_METHODS = ['conversation', 'letter', 'phone', 'via_representative'] as const;
export const INFORMING_GROUNDS = [
  'investigation_interest',
  'safety_of_others',
  'safety_of_person',
  'rights_of_others',
  'approach_would_be_frustrated',
] as const;
export const INCLUSION_REVIEW_OUTCOMES = ['stays', 'de_escalate', 'close'] as const;
export const RETENTION_DECISIONS = ['keep', 'shorten'] as const;
/** The standard retention term of a closed case in the approach, in months (five years). */
export const STANDARD_RETENTION_MONTHS = 60;
/** A deferral is reconsidered at the latest this many months ahead. */
export const MAX_DEFERRAL_MONTHS = 12;

export interface RuleIssue {
  pointer: string;
  code: string;
  detail: string;
}

export interface InclusionFacts {
  criteria: ReadonlyArray<{ criterionId: string; reasons: string }>;
  /** The organisation types of the participating organisations, in the order given. */
  participantTypes: ReadonlyArray<string | null>;
}

/** An inclusion needs at least one criterion, reasons per criterion, and gemeente, politie and OM. */
export function checkInclusion(facts: InclusionFacts, base = ''): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (facts.criteria.length === 0) {
    issues.push({
      pointer: `${base}/criteria`,
      code: 'required',
      detail: 'Record at least one inclusion criterion that applies.',
    });
  }
  const seen = new Set<string>();
  facts.criteria.forEach((c, i) => {
    if (c.reasons.trim().length === 0) {
      issues.push({
        pointer: `${base}/criteria/${i}/reasons`,
        code: 'required',
        detail: 'Give the reasons why this criterion applies.',
      });
    }
    if (seen.has(c.criterionId)) {
      issues.push({ pointer: `${base}/criteria/${i}/criterionId`, code: 'duplicate', detail: 'Each criterion once.' });
    }
    seen.add(c.criterionId);
  });
  facts.participantTypes.forEach((type, i) => {
    if (type === null) {
      issues.push({
        pointer: `${base}/participantOrganisationIds/${i}`,
        code: 'invalid_reference',
        detail: 'Not an organisation of this region.',
      });
    }
  });
  const missing = REQUIRED_WEGING_PARTIES.filter((p) => !facts.participantTypes.includes(p));
  if (missing.length > 0) {
    issues.push({
      pointer: `${base}/participantOrganisationIds`,
      code: 'parties_missing',
      detail: `The weging is done by the municipality, the police and the public prosecutor together; missing: ${missing.join(', ')}.`,
    });
  }
  return issues;
}

export type InformingInput =
  | { outcome: 'informed'; informedOn?: string | null; method?: string | null; informedBy?: string | null }
  | {
      outcome: 'deferred';
      legalGround?: string | null;
      reasons?: string | null;
      reconsiderOn?: string | null;
    };

/** Informed: date (not in the future), how and by whom. Deferred: a legal ground, reasons and a date to reconsider. */
export function checkInforming(input: InformingInput, today: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const need = (value: unknown, pointer: string, detail: string) => {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
      issues.push({ pointer, code: 'required', detail });
    }
  };
  if (input.outcome === 'informed') {
    need(input.informedOn, '/informedOn', 'Say when the person was informed.');
    need(input.method, '/method', 'Say how the person was informed.');
    need(input.informedBy, '/informedBy', 'Say who informed the person.');
    if (input.informedOn && input.informedOn > today) {
      issues.push({ pointer: '/informedOn', code: 'in_future', detail: 'The date lies in the future.' });
    }
  } else {
    need(input.legalGround, '/legalGround', 'Give the legal ground for not informing the person now.');
    need(input.reasons, '/reasons', 'Give the reasons for not informing the person now.');
    need(input.reconsiderOn, '/reconsiderOn', 'Give the date on which informing is reconsidered.');
    if (input.reconsiderOn) {
      if (input.reconsiderOn <= today) {
        issues.push({ pointer: '/reconsiderOn', code: 'not_in_future', detail: 'The date lies in the future.' });
      } else if (input.reconsiderOn > addMonths(today, MAX_DEFERRAL_MONTHS)) {
        issues.push({
          pointer: '/reconsiderOn',
          code: 'too_far',
          detail: `Reconsider within ${MAX_DEFERRAL_MONTHS} months.`,
        });
      }
    }
  }
  return issues;
}

/** A review records its outcome with reasons, on a date that is not in the future. */
export function checkInclusionReview(input: { reviewedOn: string; reasons: string }, today: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (input.reasons.trim().length === 0) {
    issues.push({ pointer: '/reasons', code: 'required', detail: 'Give the reasons for the outcome.' });
  }
  if (input.reviewedOn > today) {
    issues.push({ pointer: '/reviewedOn', code: 'in_future', detail: 'The date lies in the future.' });
  }
  return issues;
}

/**
 * At definitive closing the retention term's reasons are recorded (ECLI:NL:RVS:2022:635: reasons
 * when the term is not shortened): keep the standard term or shorten it to a number of months.
 */
export function checkRetentionDecision(input: {
  retentionDecision?: string | null;
  retentionReasons?: string | null;
  retentionMonths?: number | null;
}): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (!input.retentionDecision) {
    issues.push({
      pointer: '/retentionDecision',
      code: 'required',
      detail: 'Decide whether the standard retention term stays or is shortened.',
    });
  }
  if (!input.retentionReasons || input.retentionReasons.trim() === '') {
    issues.push({ pointer: '/retentionReasons', code: 'required', detail: 'Give the reasons for the retention term.' });
  }
  if (input.retentionDecision === 'shorten') {
    const m = input.retentionMonths;
    if (m === null || m === undefined) {
      issues.push({ pointer: '/retentionMonths', code: 'required', detail: 'Give the shortened term in months.' });
    } else if (m >= STANDARD_RETENTION_MONTHS) {
      issues.push({
        pointer: '/retentionMonths',
        code: 'not_shorter',
        detail: `A shortened term is less than ${STANDARD_RETENTION_MONTHS} months.`,
      });
    }
  } else if (input.retentionMonths !== null && input.retentionMonths !== undefined) {
    issues.push({
      pointer: '/retentionMonths',
      code: 'only_when_shortened',
      detail: 'Only a shortened term has a number of months.',
    });
  }
  return issues;
}

/** yyyy-mm-dd plus a number of months; the last day of a shorter month when it has no such day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

/** After a review with outcome "stays" or "de-escalate" the next one falls `months` later; "close" ends the cycle. */
export function nextInclusionReviewOn(
  outcome: (typeof INCLUSION_REVIEW_OUTCOMES)[number],
  reviewedOn: string,
  months: number,
): string | null {
  return outcome === 'close' ? null : addMonths(reviewedOn, months);
}

/** Due when the date has come (today or earlier). */
export function isDue(on: string | null | undefined, today: string): boolean {
  return on !== null && on !== undefined && on <= today;
}
