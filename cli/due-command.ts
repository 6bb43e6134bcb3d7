// The engine's modules one by one rather than `../standards`, which would load zod (for
// the pack and calendar schemas) into every `heard due`.
import { BANK_HOLIDAY_DIVISIONS, type Division } from '../standards/calendar-defaults';
import { dueInstant } from '../standards/due-instant';
import { explainDue } from '../standards/explain-due';
import { formatInstant, formatLocalInstant, parseInstant } from '../standards/instant';
import { loadBuiltInStandards } from '../standards/pack-loader';
import type { Standard } from '../standards/pack-schema';
import { CalendarCache } from './calendar-cache';
import { LineWriter } from './line-writer';
import { UsageError } from './usage-error';

/** One `heard due` answer; keys are stable (interfaces.md), new ones may be added. */
export interface DueResult {
  standard: string;
  at: string;
  due: string;
  dueLocal: string;
  explanation: string;
  calendar: Division;
  clock: Standard['clock'];
  amount: number | null;
  direction: Standard['direction'];
  modifier: Standard['modifier'];
}

/**
 * Computes due instants of built-in standards, reusing compiled calendars across calls.
 *
 * @example
 * new DueCalculator().due('momo.1.1', '2026-11-21T10:00:00Z').due; // '2026-11-23T17:00:00Z'
 */
export class DueCalculator {
  private readonly byId: Map<string, Standard>;
  private readonly calendars = new CalendarCache();

  constructor(standards: Standard[] = loadBuiltInStandards()) {
    this.byId = new Map(standards.map((s) => [s.id, s]));
  }

  due(standardId: unknown, atText: unknown, division: unknown = 'england-and-wales'): DueResult {
    if (typeof standardId !== 'string' || standardId === '') throw new UsageError('a standard id is required, e.g. momo.2.1');
    const standard = this.byId.get(standardId);
    if (!standard) throw new UsageError(`unknown standard "${standardId}" (see: heard standards --json)`);
    if (typeof atText !== 'string' || atText === '') throw new UsageError('an instant is required, e.g. --at 2026-11-23T09:00:00Z');
    if (typeof division !== 'string' || !(BANK_HOLIDAY_DIVISIONS as readonly string[]).includes(division)) {
      throw new UsageError(`unknown calendar "${String(division)}": use ${BANK_HOLIDAY_DIVISIONS.join(', ')}`);
    }
    const at = parseInstant(atText);
    return this.calendars.compute(division as Division, at, (cal) => {
      const due = dueInstant(standard, at, cal);
      return {
        standard: standard.id,
        at: formatInstant(at),
        due: formatInstant(due),
        dueLocal: formatLocalInstant(due, cal.offsetAt(due)),
        explanation: explainDue(standard, at, cal, due),
        calendar: division as Division,
        clock: standard.clock,
        amount: standard.amount,
        direction: standard.direction,
        modifier: standard.modifier,
      };
    });
  }
}

/** The JSON of the fields every answer for one standard on one calendar shares, from `"standard"` and from `"calendar"` on, by standard and calendar. */
const sharedParts = new Map<string, Map<string, { head: string; tail: string }>>();

/**
 * `JSON.stringify(result)`, byte for byte, for a batch of 10⁵ lines: the parts that are
 * the same for every answer of a standard on a calendar are serialised once, and the
 * instants, which are plain ISO text, need no escaping.
 *
 * @example
 * dueLine(new DueCalculator().due('momo.1.1', '2026-11-21T10:00:00Z')) === JSON.stringify(result); // true
 */
export function dueLine(result: DueResult): string {
  let byCalendar = sharedParts.get(result.standard);
  if (!byCalendar) sharedParts.set(result.standard, (byCalendar = new Map()));
  let parts = byCalendar.get(result.calendar);
  if (!parts) {
    const { calendar, clock, amount, direction, modifier } = result;
    parts = { head: `{"standard":${JSON.stringify(result.standard)}`, tail: JSON.stringify({ calendar, clock, amount, direction, modifier }).slice(1) };
    byCalendar.set(result.calendar, parts);
  }
  return `${parts.head},"at":"${result.at}","due":"${result.due}","dueLocal":"${result.dueLocal}","explanation":${JSON.stringify(result.explanation)},${parts.tail}`;
}

/**
 * `heard due --batch`: one JSON line in, one JSON line out, in order; a bad line yields
 * `{"error": "..."}` without stopping the batch. Lines are answered as they are read and
 * written in large chunks.
 *
 * @example
 * runDueBatch('{"standard":"momo.2.1","at":"2026-03-27T15:00:00Z"}\n', new DueCalculator(), (chunk) => process.stdout.write(chunk));
 */
export function runDueBatch(input: string, calculator: DueCalculator, write: (chunk: Uint8Array) => void): void {
  const out = new LineWriter(write);
  for (let start = 0; start < input.length; ) {
    let end = input.indexOf('\n', start);
    if (end === -1) end = input.length;
    out.line(answer(input.slice(start, end), calculator));
    start = end + 1;
  }
  out.flush();
}

function answer(line: string, calculator: DueCalculator): string {
  const read = readRequest(line);
  if ('error' in read) return JSON.stringify(read);
  try {
    return dueLine(calculator.due(read.standard, read.at, read.calendar));
  } catch (e) {
    return JSON.stringify({ error: e instanceof Error ? e.message : String(e) });
  }
}

type BatchRequest = { standard: unknown; at: unknown; calendar: unknown } | { error: string };

function readRequest(line: string): BatchRequest {
  let request: unknown;
  try {
    // JSON allows white space, a Windows line end's \r included, around the value.
    request = JSON.parse(line);
  } catch {
    if (/^\s*$/.test(line)) return { error: 'empty line: expected {"standard": "...", "at": "..."}' };
    return { error: 'not JSON: expected {"standard": "...", "at": "...", "calendar": "..."}' };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return { error: 'expected a JSON object {"standard": "...", "at": "..."}' };
  }
  const r = request as Record<string, unknown>;
  return { standard: r.standard, at: r.at, calendar: r.calendar ?? 'england-and-wales' };
}
