/**
 * Office hours like "Mo-Fr 09:00-17:00" in Europe/Berlin: whether the team is in right now, and how to say the
 * hours to a user. Pure; the clock is passed in.
 */
import type { Language } from '../knowledge/schema.js';

export const OFFICE_TIME_ZONE = 'Europe/Berlin';

const dayCodes = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'] as const;
const dayNames: Record<Language, readonly string[]> = {
  de: dayCodes,
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

export interface OfficeHours {
  /** Days 0 = Monday … 6 = Sunday. */
  days: ReadonlySet<number>;
  /** Minutes after midnight, local time; `end` may be 1440 ("24:00"). */
  start: number;
  end: number;
  firstDay: number;
  lastDay: number;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * Parses the config value (already shape-checked by the config schema). Day ranges may wrap ("Sa-Mo").
 *
 * @example
 * parseOfficeHours('Mo-Fr 09:00-17:00') // { days: {0…4}, start: 540, end: 1020, … }
 */
export function parseOfficeHours(spec: string): OfficeHours {
  const match = /^(Mo|Di|Mi|Do|Fr|Sa|So)-(Mo|Di|Mi|Do|Fr|Sa|So) (\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(spec.trim());
  if (!match) throw new Error(`officeHours: cannot read "${spec}", expected e.g. "Mo-Fr 09:00-17:00"`);
  const firstDay = dayCodes.indexOf(match[1] as (typeof dayCodes)[number]);
  const lastDay = dayCodes.indexOf(match[2] as (typeof dayCodes)[number]);
  const days = new Set<number>();
  for (let day = firstDay; ; day = (day + 1) % 7) {
    days.add(day);
    if (day === lastDay) break;
  }
  const start = minutes(match[3]!);
  const end = minutes(match[4]!);
  if (start >= end || end > 24 * 60) throw new Error(`officeHours: "${spec}" must start before it ends, at 24:00 at the latest`);
  return { days, start, end, firstDay, lastDay };
}

const weekdayFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: OFFICE_TIME_ZONE,
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const weekdayIndex: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** Weekday and minute of the day of `date` in Europe/Berlin (daylight saving included). */
export function berlinTime(date: Date): { day: number; minute: number } {
  const parts = Object.fromEntries(weekdayFormat.formatToParts(date).map((part) => [part.type, part.value]));
  return { day: weekdayIndex[parts.weekday!]!, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** True when `date` falls into the office hours. */
export function isWithinOfficeHours(hours: OfficeHours, date: Date): boolean {
  const { day, minute } = berlinTime(date);
  return hours.days.has(day) && minute >= hours.start && minute < hours.end;
}

function clock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** "Mo–Fr 09:00–17:00 Uhr" / "Mon–Fri 09:00–17:00 (German time)". */
export function describeOfficeHours(hours: OfficeHours, lang: Language): string {
  const names = dayNames[lang];
  const days = hours.firstDay === hours.lastDay ? names[hours.firstDay] : `${names[hours.firstDay]}–${names[hours.lastDay]}`;
  const time = `${clock(hours.start)}–${clock(hours.end)}`;
  return lang === 'de' ? `${days} ${time} Uhr` : `${days} ${time} (German time)`;
}
