import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { addDays, generatePoolSchedule, isThematic, POOL_INTERVAL_DAYS } from './pool-schedule.js';

const daysBetween = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

describe('generatePoolSchedule', () => {
  it('refuses a series that would run past 9999-12-31 (the last date a column holds), naming firstOn', () => {
    expect(() => generatePoolSchedule('9999-12-31', 49)).toThrow(DomainError);
    const error = (() => {
      try {
        generatePoolSchedule('9999-12-10', 3);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).extra.fields?.[0]?.pointer).toBe('/firstOn');
    expect(generatePoolSchedule('9999-12-10', 2).at(-1)?.heldOn).toBe('9999-12-31');
  });
  it('plans a meeting every three weeks from the first date', () => {
    const s = generatePoolSchedule('2026-01-06', 4);
    expect(s.map((m) => m.heldOn)).toEqual(['2026-01-06', '2026-01-27', '2026-02-17', '2026-03-10']);
    expect(s.map((m) => m.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('makes every third meeting thematic and the other two regular', () => {
    const s = generatePoolSchedule('2026-01-06', 9);
    expect(s.map((m) => m.thematic)).toEqual([false, false, true, false, false, true, false, false, true]);
  });

  it('keeps the rhythm over a year end and a leap day', () => {
    expect(generatePoolSchedule('2027-12-21', 2).map((m) => m.heldOn)).toEqual(['2027-12-21', '2028-01-11']);
    expect(generatePoolSchedule('2028-02-15', 2).map((m) => m.heldOn)).toEqual(['2028-02-15', '2028-03-07']);
    // Across the change to summer time: calendar days, no hour is lost.
    expect(generatePoolSchedule('2026-03-20', 2).map((m) => m.heldOn)).toEqual(['2026-03-20', '2026-04-10']);
  });

  it('continues an existing series: the numbering and the thematic third carry on', () => {
    const s = generatePoolSchedule('2026-04-01', 4, { firstSequence: 5 });
    expect(s.map((m) => [m.sequence, m.thematic])).toEqual([
      [5, false],
      [6, true],
      [7, false],
      [8, false],
    ]);
  });

  it('refuses a date that does not exist and a count out of range, naming both fields', () => {
    try {
      generatePoolSchedule('2026-02-30', 0);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.extra.fields?.map((f) => f.pointer)).toEqual(['/firstOn', '/count']);
    }
    expect(() => generatePoolSchedule('2026-01-01', 53)).toThrow(DomainError);
    expect(() => generatePoolSchedule('1-1-2026', 3)).toThrow(DomainError);
  });

  it('holds for any start and length: 21 days apart, thematic exactly when the number is a multiple of 3', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 52 }),
        fc.integer({ min: 1, max: 500 }),
        (d, count, firstSequence) => {
          const firstOn = d.toISOString().slice(0, 10);
          const s = generatePoolSchedule(firstOn, count, { firstSequence });
          expect(s).toHaveLength(count);
          expect(s[0]?.heldOn).toBe(firstOn);
          s.forEach((m, i) => {
            expect(m.sequence).toBe(firstSequence + i);
            expect(m.thematic).toBe(m.sequence % 3 === 0);
            if (i > 0) expect(daysBetween(s[i - 1]?.heldOn as string, m.heldOn)).toBe(POOL_INTERVAL_DAYS);
          });
          // Of any three consecutive meetings exactly one is thematic.
          for (let i = 0; i + 2 < s.length; i++) {
            expect(s.slice(i, i + 3).filter((m) => m.thematic)).toHaveLength(1);
          }
        },
      ),
    );
  });
});

describe('helpers', () => {
  it('adds calendar days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
  });
  it('knows the thematic meetings', () => {
    expect([1, 2, 3, 4, 5, 6].map(isThematic)).toEqual([false, false, true, false, false, true]);
  });
});
