import { describe, expect, it } from 'vitest';
import { ROLES } from './roles.js';
import {
  checkAttribution,
  checkRegimeReason,
  defaultLegalRegime,
  isWeakerRegime,
  LEGAL_REGIMES,
  mayRecordForOthers,
  regimeNeedsReason,
} from './source-attribution.js';

describe('default regime per organisation type', () => {
  it('is Wpg for the police, Wjsg for the public prosecutor and probation', () => {
    expect(defaultLegalRegime('police')).toBe('wpg');
    expect(defaultLegalRegime('public_prosecutor')).toBe('wjsg');
    expect(defaultLegalRegime('probation')).toBe('wjsg');
  });

  it('is professional secrecy for mental-health care and youth protection', () => {
    expect(defaultLegalRegime('mental_health')).toBe('professional_secrecy');
    expect(defaultLegalRegime('youth_protection')).toBe('professional_secrecy');
  });

  it('is the AVG for everyone else, an outside reporter and an unknown type', () => {
    for (const type of [
      'municipality',
      'safety_house',
      'child_protection_board',
      'education',
      'welfare',
      'expertise_pool',
      'other',
    ]) {
      expect(defaultLegalRegime(type)).toBe('avg');
    }
    expect(defaultLegalRegime(null)).toBe('avg');
    expect(defaultLegalRegime(undefined)).toBe('avg');
    expect(defaultLegalRegime('toString')).toBe('avg');
  });
});

describe('weaker than', () => {
  it('orders AVG below Wpg and Wjsg, and those below professional secrecy', () => {
    expect(isWeakerRegime('avg', 'wpg')).toBe(true);
    expect(isWeakerRegime('avg', 'wjsg')).toBe(true);
    expect(isWeakerRegime('avg', 'professional_secrecy')).toBe(true);
    expect(isWeakerRegime('wpg', 'professional_secrecy')).toBe(true);
    expect(isWeakerRegime('wjsg', 'professional_secrecy')).toBe(true);
  });

  it('does not call Wpg and Wjsg weaker than each other, nor a regime weaker than itself', () => {
    expect(isWeakerRegime('wpg', 'wjsg')).toBe(false);
    expect(isWeakerRegime('wjsg', 'wpg')).toBe(false);
    for (const r of LEGAL_REGIMES) expect(isWeakerRegime(r, r)).toBe(false);
  });

  it('is a strict order: never both ways', () => {
    for (const a of LEGAL_REGIMES) {
      for (const b of LEGAL_REGIMES) expect(isWeakerRegime(a, b) && isWeakerRegime(b, a)).toBe(false);
    }
  });

  it('asks a reason for police information as AVG, not for police information as Wpg or stricter', () => {
    expect(regimeNeedsReason('avg', 'police')).toBe(true);
    expect(regimeNeedsReason('wpg', 'police')).toBe(false);
    expect(regimeNeedsReason('professional_secrecy', 'police')).toBe(false);
    expect(regimeNeedsReason('wpg', 'mental_health')).toBe(true);
    expect(regimeNeedsReason('avg', 'municipality')).toBe(false);
    expect(regimeNeedsReason('avg', null)).toBe(false);
  });
});

describe('checkRegimeReason', () => {
  it('names the reason field when a weaker regime comes without a reason (blank counts as none)', () => {
    expect(checkRegimeReason('avg', 'police', null, '/legalRegimeReason')).toMatchObject({
      pointer: '/legalRegimeReason',
      code: 'required',
    });
    expect(checkRegimeReason('avg', 'police', '   ', '/legalRegimeReason')).not.toBeNull();
    expect(checkRegimeReason('avg', 'police', 'Openbare bron', '/legalRegimeReason')).toBeNull();
    expect(checkRegimeReason('wpg', 'police', null, '/legalRegimeReason')).toBeNull();
  });
});

describe('who may record for others', () => {
  it('is municipal intake staff only', () => {
    expect(ROLES.filter(mayRecordForOthers)).toEqual(['process_director', 'case_coordinator']);
  });

  it('keeps partners and experts to their own organisation', () => {
    for (const role of ['partner', 'expert'] as const) {
      expect(
        checkAttribution({ role, organisationId: 'police' }, { sourceOrganisationId: 'ggz', reporterKind: null }),
      ).toMatchObject({ pointer: '/sourceOrganisationId', code: 'not_own_organisation' });
      expect(
        checkAttribution({ role, organisationId: 'police' }, { sourceOrganisationId: null, reporterKind: 'neighbour' }),
      ).toMatchObject({ pointer: '/sourceOrganisationId' });
      expect(
        checkAttribution(
          { role, organisationId: 'police' },
          { sourceOrganisationId: 'police', reporterKind: 'neighbour' },
        ),
      ).toBeNull();
    }
  });

  it('lets intake staff name another organisation or an outside reporter, whose kind is then required', () => {
    const director = { role: 'process_director' as const, organisationId: 'delft' };
    expect(checkAttribution(director, { sourceOrganisationId: 'ggz', reporterKind: null })).toBeNull();
    expect(checkAttribution(director, { sourceOrganisationId: null, reporterKind: 'school' })).toBeNull();
    expect(checkAttribution(director, { sourceOrganisationId: null, reporterKind: null })).toMatchObject({
      pointer: '/reporterKind',
      code: 'required',
    });
  });
});
