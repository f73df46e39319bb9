import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, passwordProblems } from './password-policy.js';

describe('password policy', () => {
  it('wants length first', () => {
    expect(passwordProblems('kort')).toEqual(['too_short']);
    expect(passwordProblems('a'.repeat(PASSWORD_MIN_LENGTH - 1))).toEqual(['too_short']);
    expect(passwordProblems('x'.repeat(257))).toEqual(['too_long']);
  });

  it('refuses breached and common passwords, also dressed up with digits, symbols and leet', () => {
    for (const p of [
      '1qaz2wsx3edc',
      'qwerty123456',
      'Password123!',
      'P@ssw0rd2026',
      'Welkom12345!',
      'Schakel2026!!',
      'wachtwoord12',
    ]) {
      expect(passwordProblems(p), p).toContain('common');
    }
  });

  it('refuses a password built on the user’s name or e-mail address', () => {
    expect(
      passwordProblems('pieter-de-regisseur', { email: 'regisseur@delft.demo', name: 'Pieter de Regisseur' }),
    ).toContain('personal');
  });

  it('refuses repetition and simple sequences, and the current password', () => {
    expect(passwordProblems('aaaaaaaaaaaaaa')).toContain('repetitive');
    expect(passwordProblems('123456789012')).toContain('repetitive');
    expect(passwordProblems('een-heel-lang-wachtwoord', { current: 'een-heel-lang-wachtwoord' })).toContain(
      'unchanged',
    );
  });

  it('accepts a long passphrase of one’s own', () => {
    expect(passwordProblems('fiets-regen-koffie-molen', { email: 'a@b.nl', name: 'Anna Bakker' })).toEqual([]);
    expect(passwordProblems('mijn-eigen-geheime-zin-2026')).toEqual([]);
  });
});
