/**
 * Password rules after NIST SP 800-63B: length over composition, and never a password from a list of
 * breached or common passwords, nor one built from the service's or the user's own name. Pure: the list
 * is data (the 49k most common passwords of public breaches, @zxcvbn-ts/language-common, MIT).
 */
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON: ReadonlySet<string> = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** Words anyone would try first against a Dutch municipality's installation of Schakel. */
const CONTEXT_WORDS = [
  'schakel',
  'demo-schakel',
  'wachtwoord',
  'welkom',
  'welkom01',
  'gemeente',
  'radicalisering',
  'veiligheidshuis',
  'password',
  'passw0rd',
  'letmein',
  'qwerty',
  'azerty',
];

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'personal' | 'repetitive' | 'unchanged';

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** The word at the heart of a password: lower case, leet undone, digits and symbols at the ends gone. */
function core(password: string): string {
  const lower = password.toLowerCase();
  const stripped = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const base = stripped.length >= 4 ? stripped : lower;
  return [...base].map((c) => LEET[c] ?? c).join('');
}

function isRepetitive(password: string): boolean {
  const distinct = new Set(password).size;
  if (distinct <= 3) return true;
  // A run such as 123456789012 or abcdefghijkl.
  let ascending = 0;
  for (let i = 1; i < password.length; i++) {
    const step = password.charCodeAt(i) - password.charCodeAt(i - 1);
    if (step === 1 || step === -9) ascending++;
  }
  return ascending >= password.length - 2;
}

/**
 * The problems of a new password, empty when it is acceptable. `personal` holds the user's e-mail
 * address and name: a password may not be built on them.
 */
export function passwordProblems(
  password: string,
  personal: { email?: string; name?: string; current?: string } = {},
): PasswordProblem[] {
  if (password.length < PASSWORD_MIN_LENGTH) return ['too_short'];
  if (password.length > PASSWORD_MAX_LENGTH) return ['too_long'];
  const problems: PasswordProblem[] = [];
  if (personal.current !== undefined && personal.current === password) problems.push('unchanged');
  const lower = password.toLowerCase();
  const heart = core(password);
  const squashed = lower.replace(/[^a-z0-9]/g, '');
  if (
    COMMON.has(lower) ||
    COMMON.has(heart) ||
    COMMON.has(squashed) ||
    CONTEXT_WORDS.some((w) => heart === w || squashed === w.replace(/[^a-z0-9]/g, ''))
  ) {
    problems.push('common');
  }
  const words = [
    ...(personal.email ? personal.email.toLowerCase().split(/[@.+_-]/) : []),
    ...(personal.name ? personal.name.toLowerCase().split(/\s+/) : []),
  ].filter((w) => w.length >= 4);
  if (words.some((w) => lower.includes(w))) problems.push('personal');
  if (isRepetitive(password)) problems.push('repetitive');
  return problems;
}

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: 'This password appears in lists of breached or common passwords. Choose another.',
  personal: 'Do not build the password on your name or e-mail address.',
  repetitive: 'Avoid repeated characters and simple sequences.',
  unchanged: 'The new password must differ from the current one.',
};
