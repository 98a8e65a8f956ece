/**
 * Office hours in Europe/Berlin decide whether the user is promised a live reply (summer and winter time included).
 */
import { describe, expect, it } from 'vitest';
import { berlinTime, describeOfficeHours, isWithinOfficeHours, parseOfficeHours } from '../../src/handoff/officeHours.js';

const weekdays = parseOfficeHours('Mo-Fr 09:00-17:00');

describe('office hours', () => {
  it.each([
    ['Monday 09:00 in winter (08:00 UTC)', '2025-01-06T08:00:00Z', true],
    ['Monday 08:59 in winter', '2025-01-06T07:59:00Z', false],
    ['Friday 16:59 in summer (14:59 UTC)', '2025-07-04T14:59:00Z', true],
    ['Friday 17:00 in summer', '2025-07-04T15:00:00Z', false],
    ['Saturday noon', '2025-07-05T10:00:00Z', false],
    ['Sunday noon', '2025-01-05T11:00:00Z', false],
    ['Monday 12:00, the day after the switch to summer time', '2025-03-31T10:00:00Z', true],
  ])('%s → %s', (_name, instant, open) => {
    expect(isWithinOfficeHours(weekdays, new Date(instant))).toBe(open);
  });

  it('reads Berlin weekday and time whatever the server time zone is', () => {
    // 23:30 UTC on a Sunday is 00:30 on Monday in Berlin (winter).
    expect(berlinTime(new Date('2025-01-05T23:30:00Z'))).toEqual({ day: 0, minute: 30 });
  });

  it('handles day ranges over the weekend and a day that ends at 24:00', () => {
    const weekend = parseOfficeHours('Sa-Mo 10:00-24:00');
    expect([...weekend.days].sort()).toEqual([0, 5, 6]);
    expect(isWithinOfficeHours(weekend, new Date('2025-01-05T22:59:00Z'))).toBe(true); // Sunday 23:59
    expect(isWithinOfficeHours(weekend, new Date('2025-01-07T10:00:00Z'))).toBe(false); // Tuesday
  });

  it('says the hours in the user\'s language', () => {
    expect(describeOfficeHours(weekdays, 'de')).toBe('Mo–Fr 09:00–17:00 Uhr');
    expect(describeOfficeHours(weekdays, 'en')).toBe('Mon–Fri 09:00–17:00 (German time)');
  });

  it('rejects hours that end before they start', () => {
    expect(() => parseOfficeHours('Mo-Fr 17:00-09:00')).toThrow('officeHours: "Mo-Fr 17:00-09:00" must start before it ends');
  });
});
