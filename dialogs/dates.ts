import * as chrono from 'chrono-node';
import { civilDateOf, daysInMonth, epochDayOf, isoWeekdayOf, type CivilDate } from '../standards';

/**
 * A date or period named in a message, in local epoch days (inclusive), with the word
 * in front of it that says how it is meant (`by Friday`, `until 3 Dec`, `from Monday`).
 */
export interface DateMention {
  from: number;
  to: number;
  /** `day`: one named date; `period`: a week, month, weekend or "next N days". */
  kind: 'day' | 'period';
  /** The word before it, normalised: `by`, `until`, `from`, `back`, `on`, `after`, `before`, … or null. */
  prefix: string | null;
  /** Local minutes after midnight when a time was given (`4pm`), else null. */
  minutes: number | null;
  /** The words of the normalised message it covers (inclusive). */
  firstWord: number;
  lastWord: number;
  /** The words as normalised, for explanations. */
  text: string;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
};
const MONTH_NAMES: Readonly<Record<string, string>> = {
  jan: 'january', feb: 'february', mar: 'march', apr: 'april', jun: 'june', jul: 'july', aug: 'august',
  sep: 'september', sept: 'september', oct: 'october', nov: 'november', dec: 'december',
};
const MONTH_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].flatMap((m, i) => [[m, i + 1], [m.slice(0, 3), i + 1]]).concat([['sept', 9]]),
);
// (Whole words only: "to the 24th, Mared has said" names no month.)
const MONTH_WORD = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/;
const PREFIXES = new Set(['by', 'before', 'until', 'through', 'from', 'on', 'for', 'after', 'since', 'back', 'to', 'and', 'of', 'over', 'within', 'in', 'starting', 'including']);

/**
 * A whole number written as digits or words (`10`, `ten`), or null.
 *
 * @example
 * numberOf('ten'); // 10
 */
export function numberOf(word: string | undefined): number | null {
  if (word === undefined) return null;
  if (/^\d{1,4}$/.test(word)) return Number(word);
  return NUMBER_WORDS[word] ?? null;
}

/** Monday (epoch day) of the ISO week of an epoch day. */
export function mondayOf(day: number): number {
  return day - (isoWeekdayOf(day) - 1);
}

/** The day `n` months before `date` (the month's last day when it is shorter). */
function monthsBefore(date: CivilDate, n: number): number {
  const index = date.year * 12 + (date.month - 1) - n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return epochDayOf({ year, month, day: Math.min(date.day, daysInMonth(year, month)) });
}

function monthBounds(date: CivilDate, delta: number): [number, number] {
  const index = date.year * 12 + (date.month - 1) + delta;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return [epochDayOf({ year, month, day: 1 }), epochDayOf({ year, month, day: daysInMonth(year, month) })];
}

/**
 * The dates and periods named in a normalised message, in order, relative to `today`
 * (a local epoch day). Relative words (today, this week, next Friday, the next 3 days)
 * follow `dialogs/labelled/README.md` exactly; calendar dates (`12 March`, `3/12`,
 * `1st Dec`) are read by chrono-node, British day-first, the next occurrence on or after
 * today when no year is given.
 *
 * @example
 * findDates('what is due by friday', today).map((m) => [m.prefix, m.to]); // [['by', <epoch day of Friday>]]
 */
export function findDates(text: string, today: number): DateMention[] {
  const words = text.split(' ');
  const mentions: DateMention[] = [];
  const taken = new Array<boolean>(words.length).fill(false);
  const add = (first: number, last: number, from: number, to: number, kind: DateMention['kind'], minutes: number | null = null) => {
    for (let i = first; i <= last; i++) taken[i] = true;
    let prefix: string | null = null;
    let p = first - 1;
    // "by this coming Monday": the word before "this coming" says how it is meant.
    if (words[p] === 'coming') p -= words[p - 1] === 'this' ? 2 : 1;
    if (words[p] === 'the') p--;
    // "by 4pm fri": the time between says nothing of how the day is meant.
    if (/^\d{1,2}(?::\d{2})?(?:am|pm)$/.test(words[p] ?? '')) p--;
    if (p >= 0 && PREFIXES.has(words[p])) prefix = words[p];
    // "starting the 1st": from; "up to and including Friday": until.
    if (prefix === 'starting') prefix = 'from';
    if (prefix === 'including') prefix = words[p - 1] === 'and' && words[p - 2] === 'to' && words[p - 3] === 'up' ? 'until' : null;
    if (p >= 1 && words[p] === 'to' && words[p - 1] === 'up') prefix = 'until';
    if (prefix === 'through') prefix = 'until';
    if (prefix === 'on' && words[p - 1] === 'back') prefix = 'back';
    mentions.push({ from, to, kind, prefix, minutes, firstWord: first, lastWord: last, text: words.slice(first, last + 1).join(' ') });
  };
  const date = civilDateOf(today);
  const monday = mondayOf(today);
  /** Day `day` of `month` this year, or next year's once it has passed. */
  const coming = (month: number, day: number) => {
    const on = epochDayOf({ year: date.year, month, day });
    return on < today ? epochDayOf({ year: date.year + 1, month, day }) : on;
  };
  /** The first day of the council's (financial) year this day falls in: 1 April. */
  const yearStart = epochDayOf({ year: date.month >= 4 ? date.year : date.year - 1, month: 4, day: 1 });
  const yearBounds = (year: number): [number, number] => [epochDayOf({ year, month: 1, day: 1 }), epochDayOf({ year, month: 12, day: 31 })];

  for (let i = 0; i < words.length; i++) {
    if (taken[i]) continue;
    const w = words[i];
    const next = words[i + 1];
    const prev = words[i - 1];
    const weekday = WEEKDAYS.indexOf(w);
    // "the week of 19 Oct": read with the date after it (below), never as "in a week".
    if (w === 'week' && ['of', 'commencing', 'beginning', 'starting'].includes(next ?? '')) taken[i] = true;
    // "between now and the 18th", "from now until Friday": from today.
    else if (w === 'now' && (prev === 'between' || prev === 'from') && RANGE_JOINERS.includes(next ?? '')) add(i, i, today, today, 'day');
    // "end of play friday", "close of play on the 4th": that day.
    else if ((w === 'end' || w === 'close') && next === 'of' && (words[i + 2] === 'play' || words[i + 2] === 'business')) {
      for (let k = i; k <= i + 2; k++) taken[k] = true;
    } else if (w === 'today' || w === 'tonight') add(i, i, today, today, 'day');
    // "move my stuff to Woj for the day": today.
    // ("before I log off for the day" is when the asker stops, not a day asked about.)
    else if (w === 'day' && prev === 'the' && words[i - 2] === 'for' && next !== 'after' && next !== 'before') {
      if (!/^\d/.test(next ?? '') && !/\b(?:log|logging|sign|signing|head|heading|clock|clocking|knock|finish|finishing) off$|\b(?:go|going|head|heading) home$/.test(words.slice(Math.max(0, i - 4), i - 2).join(' '))) add(i - 1, i, today, today, 'day');
      else taken[i] = true;
    }
    else if ((w === 'this' || w === 'first') && ['morning', 'afternoon', 'evening'].includes(next) && (w === 'this' || words[i + 2] === 'tomorrow')) add(i, i + 1, today, today, 'day');
    // "the day after tomorrow": that one day.
    else if (w === 'day' && next === 'after' && words[i + 2] === 'tomorrow') add(i, i + 2, today + 2, today + 2, 'day');
    // "tomorrow and the day after": both days.
    else if (w === 'tomorrow' && next === 'and' && words[i + 2] === 'the' && words[i + 3] === 'day' && words[i + 4] === 'after') add(i, i + 4, today + 1, today + 2, 'period');
    else if (w === 'tomorrow') add(i, i, today + 1, today + 1, 'day');
    // "between now and Christmas Eve", "by boxing day": the named day, this year's or, once it has passed, next year's.
    else if ((w === 'christmas' && (next === 'eve' || next === 'day')) || (w === 'boxing' && next === 'day') || (w === 'new' && next === 'year' && ['eve', 'day'].includes(words[i + 2] ?? ''))) {
      const [month, day, last] = w === 'christmas' ? [12, next === 'eve' ? 24 : 25, i + 1] : w === 'boxing' ? [12, 26, i + 1] : words[i + 2] === 'eve' ? [12, 31, i + 2] : [1, 1, i + 2];
      const on = coming(month, day);
      add(i, last, on, on, 'day');
    }
    // "the last friday of the month", "… of next month": that day.
    else if (w === 'last' && WEEKDAYS.includes(next ?? '') && words[i + 2] === 'of' && (words[i + 3] === 'month' || (['the', 'this', 'next'].includes(words[i + 3] ?? '') && words[i + 4] === 'month'))) {
      const delta = words[i + 3] === 'next' ? 1 : 0;
      const lastOf = (months: number) => {
        const [, lastDay] = monthBounds(date, months);
        return lastDay - ((isoWeekdayOf(lastDay) - (WEEKDAYS.indexOf(next) + 1) + 7) % 7);
      };
      // (Once this month's has passed, next month's.)
      const on = lastOf(delta) < today && delta === 0 ? lastOf(1) : lastOf(delta);
      add(i, words[i + 3] === 'month' ? i + 3 : i + 4, on, on, 'day');
    }
    // "at the start of next week", "beginning of the week": its Monday.
    else if ((w === 'start' || w === 'beginning') && next === 'of' && ((words[i + 2] === 'next' && words[i + 3] === 'week') || (['the', 'this'].includes(words[i + 2] ?? '') && words[i + 3] === 'week'))) {
      const on = words[i + 2] === 'next' ? monday + 7 : monday;
      add(i, i + 3, on, on, 'day');
    }
    // "whats due before xmas": up to Christmas Day.
    else if ((w === 'christmas' || w === 'xmas') && ['before', 'by', 'until', 'till', 'for'].includes(prev ?? '') && !['eve', 'day', 'party', 'do', 'lunch', 'shutdown', 'break', 'holidays', 'leave'].includes(next ?? '')) {
      const on = coming(12, 25);
      add(i, i, on, on, 'day');
    } else if (w === 'yesterday') add(i, i, today - 1, today - 1, 'day');
    else if (w === 'end' && next === 'of' && (words[i + 2] === 'week' || (words[i + 2] === 'the' && words[i + 3] === 'week'))) {
      add(i, words[i + 2] === 'week' ? i + 2 : i + 3, today, monday + 6, 'period');
    } else if (w === 'end' && next === 'of' && (words[i + 2] === 'next' || (words[i + 2] === 'the' && words[i + 3] === 'next')) && ['week', 'month'].includes(words[i + (words[i + 2] === 'next' ? 3 : 4)] ?? '')) {
      // "by the end of next week", "between now and end of next month": from today to its last day.
      const unit = words[i + 2] === 'next' ? i + 3 : i + 4;
      add(i, unit, today, words[unit] === 'week' ? monday + 13 : monthBounds(date, 1)[1], 'period');
    } else if (w === 'end' && next === 'of' && (words[i + 2] === 'month' || (words[i + 2] === 'the' && words[i + 3] === 'month'))) {
      add(i, words[i + 2] === 'month' ? i + 2 : i + 3, today, monthBounds(date, 0)[1], 'period');
    } else if (w === 'month' && next === 'end') {
      // "by month end"
      add(i, i + 1, today, monthBounds(date, 0)[1], 'period');
    } else if (w === 'week' && (prev === 'this' || prev === 'current') && next === 'and' && words[i + 2] === 'next' && !['week', 'weeks'].includes(words[i + 3] ?? '')) {
      // "this week and next": both weeks.
      add(i - 1, i + 2, monday, monday + 13, 'period');
    } else if (w === 'week' && (prev === 'this' || prev === 'current') && ((next === 'next' && words[i + 2] === 'week') || (['and', 'or', 'plus'].includes(next ?? '') && words[i + 2] === 'next' && words[i + 3] === 'week'))) {
      // "this wk + next wk", "this week and next week": both weeks.
      add(i - 1, next === 'next' ? i + 2 : i + 3, monday, monday + 13, 'period');
    } else if (w === 'week' && (prev === 'this' || prev === 'current')) add(i - 1, i, monday, monday + 6, 'period');
    else if (w === 'week' && next === 'after' && words[i + 2] === 'next') {
      // "the week after next": the one after next week.
      add(i, i + 2, monday + 14, monday + 20, 'period');
    } else if ((w === 'week' && (prev === 'next' || prev === 'following')) || (w === 'week' && next === 'after' && prev === 'the')) {
      add(prev === 'the' ? i : i - 1, next === 'after' ? i + 1 : i, monday + 7, monday + 13, 'period');
    } else if (w === 'week' && (prev === 'last' || prev === 'previous')) add(i - 1, i, monday - 7, monday - 1, 'period');
    else if (w === 'month' && (prev === 'this' || prev === 'current')) add(i - 1, i, ...monthBounds(date, 0), 'period');
    // "numbers for the month so far", "month to date": this month.
    else if (w === 'month' && ((prev === 'the' && next === 'so' && words[i + 2] === 'far') || (next === 'to' && words[i + 2] === 'date'))) add(prev === 'the' ? i - 1 : i, i + 2, ...monthBounds(date, 0), 'period');
    else if (w === 'month' && (prev === 'next' || prev === 'following')) add(i - 1, i, ...monthBounds(date, 1), 'period');
    // "whats due 4 the rest of the month": from today to its end.
    else if ((w === 'month' || w === 'week') && words[i - 2] === 'of' && words[i - 3] === 'rest' && (prev === 'the' || prev === 'this')) add(i - 3, i, today, w === 'month' ? monthBounds(date, 0)[1] : monday + 6, 'period');
    else if (w === 'month' && (prev === 'last' || prev === 'previous')) add(i - 1, i, ...monthBounds(date, -1), 'period');
    // "hope you had a good weekend": a pleasantry, not a date.
    else if (w === 'weekend' && /^(?:good|nice|lovely|great|relaxing|restful|busy|quiet|fab|fabulous|brilliant|decent|good one)$/.test(prev ?? '')) taken[i] = true;
    else if (w === 'weekend') {
      const nextWeek = prev === 'next' ? 7 : 0;
      add(prev === 'next' || prev === 'this' ? i - 1 : i, i, monday + 5 + nextWeek, monday + 6 + nextWeek, 'period');
    } else if (w === 'fortnight' && (prev === 'next' || prev === 'this' || prev === 'a')) {
      add(i - 1, i, today, today + 14, 'period');
    } else if (w === 'quarter' && ['this', 'current', 'last', 'previous', 'next'].includes(prev ?? '')) {
      // "last quarter", "this quarter": the calendar quarters (the financial year's quarters share their edges).
      const delta = prev === 'last' || prev === 'previous' ? -3 : prev === 'next' ? 3 : 0;
      const first = monthBounds(date, -((date.month - 1) % 3) + delta)[0];
      add(i - 1, i, first, monthBounds(civilDateOf(first), 2)[1], 'period');
    // ("gone past 45 days" is a timescale, not a period.)
    } else if ((prev === 'last' || (prev === 'past' && ['the', 'in', 'over', 'during', 'for'].includes(words[i - 2] ?? ''))) && numberOf(w) !== null && /^(?:days?|weeks?|months?)$/.test(next ?? '')) {
      // "over the last 3 months", "in the past 30 days": back from today, to today.
      const n = numberOf(w) ?? 0;
      const back = next.startsWith('month') ? monthsBefore(date, n) : today - (next.startsWith('week') ? 7 * n : n);
      add(i - 1, i + 1, back, today, 'period');
    } else if (w === 'date' && prev === 'to' && (words[i - 2] === 'year' || words[i - 2] === 'fy')) {
      // "year to date", "financial year to date": since 1 April (a council's year), to today.
      add(words[i - 3] === 'financial' ? i - 3 : i - 2, i, yearStart, today, 'period');
    } else if (w === 'ytd' || w === 'fytd') {
      add(i, i, yearStart, today, 'period');
    } else if (w === 'year' && (prev === 'this' || prev === 'last') && next !== 'to' && !['old', 'olds'].includes(next ?? '')) {
      // "this year", "last year": the calendar year.
      add(i - 1, i, ...yearBounds(prev === 'this' ? date.year : date.year - 1), 'period');
    } else if (/^20\d\d$/.test(w) && ['in', 'for', 'during', 'over', 'across', 'throughout'].includes(prev ?? '') && !MONTH_WORD.test(words[i - 2] ?? '')) {
      // "how many did we get in 2026": that year.
      add(i, i, ...yearBounds(Number(w)), 'period');
    } else if (MONTH_INDEX[w] !== undefined && /^20\d\d$/.test(next ?? '') && !/^\d/.test(prev ?? '') && prev !== 'of') {
      // "how many momos in Dec 2026": that month of that year.
      add(i, i + 1, ...monthBounds({ year: Number(next), month: MONTH_INDEX[w], day: 1 }, 0), 'period');
    } else if (MONTH_INDEX[w] !== undefined && prev === 'since' && !/^\d/.test(next ?? '')) {
      // "visit compliance since April": from the last 1 April gone, to today.
      const year = MONTH_INDEX[w] <= date.month ? date.year : date.year - 1;
      add(i, i, epochDayOf({ year, month: MONTH_INDEX[w], day: 1 }), today, 'period');
    } else if ((prev === 'next' || prev === 'coming') && numberOf(w) !== null && ['days', 'day', 'weeks', 'week'].includes(next)) {
      const n = numberOf(w) ?? 0;
      add(i - 1, i + 1, today, today + (next.startsWith('week') ? 7 * n : n), 'period');
    } else if (/^\d{1,2}(?:st|nd|rd|th)$/.test(w) && next === 'of' && ['next', 'this', 'the', 'following'].includes(words[i + 2] ?? '') && (words[i + 3] === 'month' || (words[i + 2] === 'the' && words[i + 3] === 'following' && words[i + 4] === 'month'))) {
      // "from the 1st of next month": that day of that month.
      const delta = words[i + 2] === 'this' || (words[i + 2] === 'the' && words[i + 3] === 'month') ? 0 : 1;
      const [first] = monthBounds(date, delta);
      const day = Number(w.slice(0, -2));
      const month = civilDateOf(first);
      const last = words[i + 3] === 'month' ? i + 3 : i + 4;
      if (day <= daysInMonth(month.year, month.month)) add(i, last, first + day - 1, first + day - 1, 'day');
    } else if (/^\d{1,2}(?:st|nd|rd|th)$/.test(w) && ORDINAL_OF_WORK.test(next ?? '')) {
      // "the 2nd review", "her 3rd visit": which one, not a date.
      taken[i] = true;
    } else if (/^\d{1,2}(?:st|nd|rd|th)$/.test(w) && (prev === 'the' || prev === 'on' || prev === 'by' || prev === 'due' || prev === 'until' || prev === 'before' || ['w/c', 'wc', 'w/b', 'wb'].includes(prev ?? '') || (RANGE_JOINERS.includes(prev ?? '') && (/^\d{1,2}(?:st|nd|rd|th)$/.test(words[i - 2] ?? '') || words[i - 2] === 'now'))) && !MONTH_WORD.test(next ?? '') && !(next === 'of' && MONTH_WORD.test(words[i + 2] ?? ''))) {
      // "on the 1st", "by the 4th": that day of this month, or of next month once it has passed.
      const on = dayOfMonthFrom(Number(w.slice(0, -2)), date, today);
      if (on !== null) add(i, i, on, on, 'day');
    } else if (MONTH_INDEX[w] !== undefined && !/^\d/.test(prev ?? '') && !/^\d/.test(next ?? '') && (prev !== 'of' || words[i - 2] === 'whole' || words[i - 2] === 'rest') && (w !== 'may' || ['in', 'for', 'during', 'since', 'until', 'by', 'over'].includes(prev ?? ''))) {
      // A month alone ("stats for October", "due in December"): the nearest one of that name.
      let delta = MONTH_INDEX[w] - date.month;
      if (delta > 6) delta -= 12;
      if (delta < -5) delta += 12;
      add(i, i, ...monthBounds(date, delta), 'period');
    } else if (weekday >= 0 && /^\d{1,2}(?:st|nd|rd|th)$/.test(next ?? '') && !MONTH_WORD.test(words[i + 2] ?? '') && !(words[i + 2] === 'of' && MONTH_WORD.test(words[i + 3] ?? ''))) {
      // "sat 25th", "Monday 20th": that day of this month, or of next month once it has passed.
      const on = dayOfMonthFrom(Number(next.slice(0, -2)), date, today);
      if (on !== null) add(i, i + 1, on, on, 'day');
    } else if (weekday >= 0 && (/^\d/.test(next ?? '') || (next === 'the' && /^\d{1,2}(?:st|nd|rd|th)$/.test(words[i + 2] ?? '')))) {
      // "fri 14 aug", "Thursday the 5th of March": the calendar date says which Friday (read below; a name before "the" is left out of it).
      if (next === 'the') taken[i] = true;
    } else if (weekday >= 0 && (prev === 'a' || prev === 'every' || (prev === 'is' && (words[i - 2] === 'it' || words[i - 2] === 'its')) || (prev === 'its' && i >= 1))) {
      // "on a sunday", "every monday": no one day; "sorry it's sunday": today said, not asked.
      taken[i] = true;
    } else if (weekday >= 0) {
      const target = weekday + 1;
      const current = isoWeekdayOf(today);
      // The next one on or after today (today counts); "this Thursday" is this week's unless it has passed.
      const ahead = today + ((target - current + 7) % 7);
      const thisOne = monday + weekday >= today ? monday + weekday : ahead;
      // "wednesday next week", "monday to wednesday next week": days of next week.
      const nextWeekAt = next === 'next' && words[i + 2] === 'week' ? i + 2
        : RANGE_JOINERS.includes(next ?? '') && WEEKDAYS.includes(words[i + 2] ?? '') && words[i + 3] === 'next' && words[i + 4] === 'week' ? i : -1;
      if (nextWeekAt >= 0 && prev !== 'next' && prev !== 'this' && prev !== 'last') add(i, nextWeekAt, monday + 7 + weekday, monday + 7 + weekday, 'day');
      else if (prev === 'next') add(i - 1, i, monday + 7 + weekday, monday + 7 + weekday, 'day');
      // "not this friday, the one after": a week later.
      else if (prev === 'this' && words[i - 2] === 'not' && next === 'the' && words[i + 2] === 'one' && words[i + 3] === 'after') {
        add(i - 1, i + 3, thisOne + 7, thisOne + 7, 'day');
      }
      // "this Thursday" said on a Friday: the one to come, as a weekday alone is.
      else if (prev === 'this') add(i - 1, i, thisOne, thisOne, 'day');
      else if (prev === 'last') add(i - 1, i, monday - 7 + weekday, monday - 7 + weekday, 'day');
      else add(i, i, ahead, ahead, 'day');
    }
  }

  // Calendar dates: chrono reads what is left, on a reference day at noon UTC so that
  // its "next occurrence" is counted from the local date, whatever the server's zone.
  // Months spelt out: chrono reads "from 2 dec" as two o'clock and drops "dec".
  // "from 1 june to 5 june": chrono reads "from 1" as one o'clock; the prefix is read from the words, not from this.
  // "3 weeks before 10/3": chrono would read the whole as one date; the amount is working-time arithmetic, the date after it the anchor.
  for (let i = 0; i < words.length; i++) {
    const unit = words[i + 1] === 'working' || words[i + 1] === 'calendar' || words[i + 1] === 'business' ? i + 2 : i + 1;
    if (numberOf(words[i]) !== null && /^(?:days?|weeks?|months?|hours?)$/.test(words[unit] ?? '') && /^(?:before|after|from|prior|ahead|since|later|earlier|following)$/.test(words[unit + 1] ?? '')) {
      for (let k = i; k <= unit + 1; k++) taken[k] = true;
    }
    // "tues 26/5, day after the bank hol": which day it is, said again, not a day later.
    if (words[i] === 'day' && words[i + 1] === 'after' && words[i + 2] !== 'tomorrow' && !taken[i]) taken[i] = taken[i + 1] = true;
    // "gone past day 45": a day of a timescale, not a date.
    // ("when's the day 45 for KL's C&F", "working day 15": the same.)
    if (words[i] === 'day' && numberOf(words[i + 1]) !== null && (/^(?:past|beyond|by|after|before|on|reached|hit|the|is|s|working|business)$/.test(words[i - 1] ?? '') || /^\d{1,3}$/.test(words[i + 1])) && MONTH_NAMES[words[i + 2] ?? ''] === undefined && !Object.values(MONTH_NAMES).includes(words[i + 2] ?? '')) taken[i] = taken[i + 1] = true;
    // "gone past 45 days", "over 20 working days": a timescale, not a date.
    if (numberOf(words[i]) !== null && /^(?:days?|weeks?|months?|hours?)$/.test(words[unit] ?? '') && /^(?:past|over|beyond|exceeded|than|within|under|or|it|its)$/.test(words[i - 1] ?? '')) {
      for (let k = i - 1; k <= unit; k++) taken[k] = true;
    }
  }
  // "w/c" is no date of its own (chrono reads "the w" as one).
  const masked = words.map((w, i) => (taken[i] || (w === 'from' && /^\d/.test(words[i + 1] ?? '')) || /^w\/[a-z]$/.test(w) ? '_'.repeat(w.length) : MONTH_NAMES[w] ?? w)).join(' ');
  const reference = { instant: new Date(Date.UTC(date.year, date.month - 1, date.day, 12)), timezone: 0 };
  for (const result of chrono.en.GB.parse(masked, reference, { forwardDate: true })) {
    const start = result.start;
    if (!start.isCertain('day') || !start.isCertain('month') || /^(right )?now$/.test(result.text.trim())) continue;
    // A standard's number such as 2.1 is not a date; nor is a letter ("the S children").
    if (/^\d+\.\d+$/.test(result.text.trim()) || /^(?:the |a |on )?[a-z]$/.test(result.text.trim())) continue;
    // "how many are we getting a week": a rate, not a date a week from now.
    if (/^(?:a|an|one|per) (?:day|week|month|year|fortnight)$/.test(result.text.trim()) && !/\bin $/.test(masked.slice(0, result.index))) continue;
    const firstWord = masked.slice(0, result.index).split(' ').length - 1;
    const lastWord = firstWord + result.text.trim().split(' ').length - 1;
    let day = epochDayOf({ year: start.get('year') ?? date.year, month: start.get('month') ?? 1, day: start.get('day') ?? 1 });
    // "since 1 April": from the last one gone, to today.
    if (masked.split(' ')[firstWord - 1] === 'since' && !result.end) {
      if (!start.isCertain('year') && day > today) day = epochDayOf({ year: date.year - 1, month: start.get('month') ?? 1, day: start.get('day') ?? 1 });
      if (day <= today) {
        add(firstWord, lastWord, day, today, 'period');
        continue;
      }
    }
    if (!start.isCertain('year') && day < today) day = epochDayOf({ year: date.year + 1, month: start.get('month') ?? 1, day: start.get('day') ?? 1 });
    const minutes = start.isCertain('hour') ? (start.get('hour') ?? 0) * 60 + (start.get('minute') ?? 0) : null;
    const end = result.end;
    if (end && end.isCertain('day') && end.isCertain('month')) {
      let endDay = epochDayOf({ year: end.get('year') ?? date.year, month: end.get('month') ?? 1, day: end.get('day') ?? 1 });
      // "28 to 3 Dec": chrono gives the start the end's month; the start is in the month before.
      if (endDay < day && start.get('month') === end.get('month') && !start.isCertain('year')) {
        const [firstBefore] = monthBounds(civilDateOf(endDay), -1);
        const before = civilDateOf(firstBefore);
        const n = start.get('day') ?? 1;
        if (n <= daysInMonth(before.year, before.month)) day = firstBefore + n - 1;
      }
      // "1 Jan - 31 Mar 2026": the year said once, at the end, is the start's too.
      if (end.isCertain('year') && !start.isCertain('year')) {
        const year = (end.get('year') ?? date.year) - ((start.get('month') ?? 1) > (end.get('month') ?? 1) ? 1 : 0);
        day = epochDayOf({ year, month: start.get('month') ?? 1, day: start.get('day') ?? 1 });
      }
      if (endDay < day) endDay = epochDayOf({ year: (end.get('year') ?? date.year) + 1, month: end.get('month') ?? 1, day: end.get('day') ?? 1 });
      add(firstWord, lastWord, day, endDay, 'period', minutes);
    } else {
      add(firstWord, lastWord, day, day, 'day', minutes);
    }
  }
  // A time on its own ("4pm", "16:30") attaches to the day mention next to it.
  for (const result of chrono.en.GB.parse(masked, reference)) {
    if (!result.start.isCertain('hour') || result.start.isCertain('day') || /^(right )?now$/.test(result.text.trim())) continue;
    const firstWord = masked.slice(0, result.index).split(' ').length - 1;
    const near = mentions.find((m) => m.minutes === null && Math.abs(m.firstWord - firstWord) <= 3);
    const minutes = (result.start.get('hour') ?? 0) * 60 + (result.start.get('minute') ?? 0);
    const words = result.text.trim().split(' ');
    if (near) near.minutes = minutes;
    // "anything I need to do by 4pm": a deadline later today.
    else if (['by', 'before'].includes(words[0]) || ['by', 'before'].includes(masked.split(' ')[firstWord - 1] ?? '')) {
      add(firstWord, firstWord + words.length - 1, today, today, 'day', minutes);
    }
  }
  // "between 1 and 5 Dec", "the 1st to the 5th of December": a bare day before a joined
  // calendar date is that day of the date's month (of the month before, if it is later).
  for (const m of [...mentions]) {
    if (m.kind !== 'day') continue;
    let j = m.firstWord - 1;
    if (words[j] === 'the') j--;
    if (!RANGE_JOINERS.includes(words[j] ?? '')) continue;
    let k = j - 1;
    const bare = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(words[k] ?? '');
    if (!bare) continue;
    const end = civilDateOf(m.to);
    const n = Number(bare[1]);
    const [firstOfMonth] = n <= end.day ? monthBounds(end, 0) : monthBounds(end, -1);
    const month = civilDateOf(firstOfMonth);
    if (n < 1 || n > daysInMonth(month.year, month.month)) continue;
    const start = firstOfMonth + n - 1;
    const existing = mentions.findIndex((o) => o.firstWord === k && o.lastWord === k);
    if (existing >= 0) Object.assign(mentions[existing], { from: start, to: start, kind: 'day' });
    else if (!taken[k]) {
      if (words[k - 1] === 'the') k--;
      add(k, j - 1, start, start, 'day');
    }
  }
  // "w/c 30 Nov", "week commencing Monday": the week that starts that day.
  for (const m of mentions) {
    const commencing = m.kind === 'day' && (['w/c', 'w/b', 'wc', 'wb'].includes(words[m.firstWord - 1] ?? '')
      ? 1 : words[m.firstWord - 2] === 'week' && ['commencing', 'beginning', 'starting'].includes(words[m.firstWord - 1] ?? '') ? 2 : 0);
    if (commencing) Object.assign(m, { to: m.from + 6, kind: 'period', prefix: null, firstWord: m.firstWord - commencing, text: `${words.slice(m.firstWord - commencing, m.firstWord).join(' ')} ${m.text}` });
    // "the week of 19 Oct": Monday to Sunday of the week it falls in.
    else if (m.kind === 'day' && words[m.firstWord - 1] === 'of' && words[m.firstWord - 2] === 'week') {
      const first = m.firstWord - (words[m.firstWord - 3] === 'the' ? 3 : 2);
      Object.assign(m, { from: mondayOf(m.from), to: mondayOf(m.from) + 6, kind: 'period', prefix: words[first - 1] && PREFIXES.has(words[first - 1]) ? words[first - 1] : null, firstWord: first, text: `${words.slice(first, m.firstWord).join(' ')} ${m.text}` });
    }
  }
  mentions.sort((a, b) => a.firstWord - b.firstWord);
  return joinRanges(mentions, words);
}

/** Day `day` of this month when it is still to come (today counts), else of next month; null when that month has no such day. */
/**
 * A whole month named alone that has passed, moved to next year's: an absence or a move is
 * booked ahead ("booked a/l for the whole of August", said in November, is next August).
 *
 * @example
 * monthAhead(findDates('off all of august', today)[0], today);
 */
export function monthAhead(d: DateMention, today: number): DateMention {
  const first = civilDateOf(d.from);
  const [, last] = monthBounds(first, 0);
  if (d.kind !== 'period' || first.day !== 1 || d.to !== last || d.to >= today) return d;
  const [from, to] = monthBounds(first, 12);
  return { ...d, from, to };
}

function dayOfMonthFrom(day: number, date: CivilDate, today: number): number | null {
  const [, lastThis] = monthBounds(date, 0);
  const thisMonth = day <= daysInMonth(date.year, date.month) ? epochDayOf({ year: date.year, month: date.month, day }) : null;
  const [firstNext] = monthBounds(date, 1);
  const nextMonth = civilDateOf(firstNext);
  return thisMonth !== null && thisMonth >= today && thisMonth <= lastThis ? thisMonth : day <= daysInMonth(nextMonth.year, nextMonth.month) ? firstNext + day - 1 : null;
}

/** The words that join two dates into one period ("1 to 5 Dec", "Monday and Tuesday"). */
// "n" as text-speak joins two dates ("off 2day n tmrw") and nothing else here.
const RANGE_JOINERS: readonly string[] = ['to', 'until', 'and', '-', 'through', 'till', 'or', 'til', 'thru', 'n'];

/** Words after an ordinal that make it which one of them, not a date ("the 2nd review"). */
const ORDINAL_OF_WORK = /^(?:reviews?|visits?|conferences?|core|meetings?|assessments?|plans?|statements?|one|time|child|placement|cla|cic|lac|cin|cp|children|looked|initial|strategy)$/;

/** "from Monday to Wednesday", "Monday to Wednesday", "between 1 and 5 Dec": one period. */
function joinRanges(mentions: DateMention[], words: string[]): DateMention[] {
  const out: DateMention[] = [];
  for (const m of mentions) {
    const last = out[out.length - 1];
    // "1st and the 5th of December": a "the" in the gap does not part them.
    // ("between now and end of play friday": "end of play" is only when on the day.)
    // ("Monday the 6th of April until Friday the 17th of April": the day's name said with its date.)
    // ("sick today and prob tomorrow": a hedge in the gap does not part them.)
    const gap = last ? words.slice(last.lastWord + 1, m.firstWord).join(' ').replace(/\b(?:end|close) of play\b/, '').split(' ').filter((w) => w !== '' && w !== 'the' && !/^(?:prob|probably|maybe|possibly|poss|likely|also|definitely|def|prolly)$/.test(w)).filter((w, k, all) => !(WEEKDAYS.includes(w) && k === all.length - 1 && all.length > 1)) : [];
    const joins = gap.length === 1 && RANGE_JOINERS.includes(gap[0]);
    // "from 10th August to the 21st": a bare day after a calendar date is in that date's month (or the next).
    const bareDay = /^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday) )?(\d{1,2})(?:st|nd|rd|th)$/.exec(m.text);
    // "Thursday to Monday", "next Thursday and Friday": a weekday after another is the one on or after it.
    if (last && joins && m.kind === 'day' && m.to < last.from && (m.prefix === null || RANGE_JOINERS.includes(m.prefix)) && WEEKDAYS.includes(m.text)) {
      const ahead = Math.ceil((last.from - m.to) / 7) * 7;
      Object.assign(m, { from: m.from + ahead, to: m.to + ahead });
    }
    // "between the 5th and 9th of January 2026": a bare day before a calendar date is in that date's month.
    const lastBare = last ? /^(\d{1,2})(?:st|nd|rd|th)$/.exec(last.text) : null;
    if (last && joins && lastBare && !bareDay && m.kind === 'day' && last.kind === 'day') {
      const end = civilDateOf(m.from);
      const day = Number(lastBare[1]);
      if (day <= end.day) Object.assign(last, { from: m.from - (end.day - day), to: m.from - (end.day - day) });
    }
    if (last && joins && bareDay && m.kind === 'day' && m.to < last.from) {
      const start = civilDateOf(last.from);
      const day = Number(bareDay[1]);
      const [firstOfMonth] = monthBounds(start, day >= start.day ? 0 : 1);
      const month = civilDateOf(firstOfMonth);
      if (day <= daysInMonth(month.year, month.month)) Object.assign(m, { from: firstOfMonth + day - 1, to: firstOfMonth + day - 1 });
    }
    if (last && (joins || (gap.length === 0 && m.prefix === 'until')) && m.to >= last.from) {
      out[out.length - 1] = {
        ...last,
        to: m.to,
        kind: 'period',
        lastWord: m.lastWord,
        text: `${last.text} ${gap.join(' ')} ${m.text}`.replace(/\s+/g, ' '),
      };
      continue;
    }
    if (gap.length === 0 && m.prefix === 'to' && last) m.prefix = 'until';
    out.push(m);
  }
  return out;
}
