/**
 * A deliberately naive implementation of time-semantics.md, written separately from
 * `standards/` for the property test: it walks minute by minute and day by day, asks
 * `Intl` for local times and `date-holidays` for holidays, and shares no code with the
 * engine's day table.
 */
import Holidays from 'date-holidays';
import type { ClockRule } from '../standards/due-instant';

const DIVISION_STATE = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' } as const;
export type RefDivision = keyof typeof DIVISION_STATE;

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});

export interface Local {
  date: string;
  weekday: string;
  minuteOfDay: number;
}

export function local(t: number): Local {
  const p = Object.fromEntries(formatter.formatToParts(new Date(t * 1000)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, weekday: p.weekday, minuteOfDay: Number(p.hour) * 60 + Number(p.minute) };
}

const holidayCache = new Map<string, Set<string>>();
function holidays(division: RefDivision, year: number): Set<string> {
  const key = `${division}${year}`;
  let set = holidayCache.get(key);
  if (!set) {
    const hd = new Holidays('GB', DIVISION_STATE[division]);
    set = new Set(hd.getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => h.date.slice(0, 10)));
    holidayCache.set(key, set);
  }
  return set;
}

export function isWorkingDate(date: string, weekday: string, division: RefDivision): boolean {
  if (weekday === 'Sat' || weekday === 'Sun') return false;
  return !holidays(division, Number(date.slice(0, 4))).has(date);
}

export function weekdayOf(date: string): string {
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T12:00:00Z`).getUTCDay()];
}

export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant at which London's wall clock shows `date` `minute` (searching ±2 hours). */
export function instantOfLocal(date: string, minuteOfDay: number): number {
  const guess = Date.parse(`${date}T00:00:00Z`) / 1000 + minuteOfDay * 60;
  for (const offset of [0, 3600, -3600, 7200]) {
    const t = guess - offset;
    const l = local(t);
    if (l.date === date && l.minuteOfDay === minuteOfDay) return t;
  }
  throw new Error(`no instant for ${date} ${minuteOfDay}`);
}

const endOfDate = (date: string) => instantOfLocal(shiftDate(date, 1), 0);
export const cobOf = (date: string) => instantOfLocal(date, 17 * 60);

// London's offsets change only on whole hours, so one Intl look-up per UTC hour is exact.
const hourCache = new Map<number, Local>();
export function localByHour(t: number): Local {
  const hour = Math.floor(t / 3600);
  let l = hourCache.get(hour);
  if (!l) {
    l = local(hour * 3600);
    hourCache.set(hour, l);
  }
  return { ...l, minuteOfDay: l.minuteOfDay + Math.floor((t - hour * 3600) / 60) };
}

export function isWorkingMinute(t: number, division: RefDivision): boolean {
  const l = localByHour(t);
  return isWorkingDate(l.date, l.weekday, division) && l.minuteOfDay >= 9 * 60 && l.minuteOfDay < 17 * 60;
}

function nthWorkingDate(from: string, n: number, step: 1 | -1, division: RefDivision): string {
  let date = from;
  let count = 0;
  while (count < n) {
    date = shiftDate(date, step);
    if (isWorkingDate(date, weekdayOf(date), division)) count++;
  }
  return date;
}

/** Due instant by the naive reference, for triggers on whole minutes. */
export function referenceDue(rule: ClockRule, t: number, division: RefDivision): number {
  const day0 = local(t).date;
  const n = rule.amount ?? 0;
  if (rule.direction === 'before') {
    if (rule.clock === 'working-days') return cobOf(nthWorkingDate(day0, n, -1, division));
    if (rule.clock === 'calendar-days') return endOfDate(shiftDate(day0, -n));
    if (rule.clock === 'weeks') return endOfDate(shiftDate(day0, -7 * n));
    throw new Error(`reference has no backward ${rule.clock}`);
  }
  if (rule.modifier === 'next-working-day-cob' && !isWorkingDate(day0, weekdayOf(day0), division)) {
    return cobOf(nthWorkingDate(day0, 1, 1, division));
  }
  switch (rule.clock) {
    case 'working-hours': {
      let remaining = n * 60;
      let minute = t;
      while (remaining > 0) {
        if (isWorkingMinute(minute, division)) remaining--;
        minute += 60;
      }
      return minute;
    }
    case 'working-days':
      return cobOf(nthWorkingDate(day0, n, 1, division));
    case 'same-working-day': {
      if (isWorkingDate(day0, weekdayOf(day0), division) && t < cobOf(day0)) return cobOf(day0);
      return cobOf(nthWorkingDate(day0, 1, 1, division));
    }
    case 'calendar-days':
      return endOfDate(shiftDate(day0, n));
    case 'weeks':
      return endOfDate(shiftDate(day0, 7 * n));
    case 'months': {
      const [y, m, d] = day0.split('-').map(Number);
      const target = new Date(Date.UTC(y, m - 1 + n, 1));
      const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(d, last));
      return endOfDate(target.toISOString().slice(0, 10));
    }
    case 'hours':
      return t + n * 3600;
    case 'immediate':
      return t;
    default:
      throw new Error(`reference has no ${rule.clock}`);
  }
}
