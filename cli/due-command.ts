import {
  BANK_HOLIDAY_DIVISIONS,
  dueInstant,
  explainDue,
  formatInstant,
  formatLocalInstant,
  loadBuiltInStandards,
  parseInstant,
  type Division,
  type Standard,
} from '../standards';
import { CalendarCache, SUPPORTED_YEARS } from './calendar-cache';
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

  /** Compiles the calendars a batch of requests needs in one go. */
  prepare(requests: { at: number; division: Division }[]): void {
    const span = new Map<Division, { from: number; to: number }>();
    for (const { at, division } of requests) {
      const year = new Date(at * 1000).getUTCFullYear();
      const s = span.get(division);
      span.set(division, s ? { from: Math.min(s.from, year), to: Math.max(s.to, year) } : { from: year, to: year });
    }
    for (const [division, { from, to }] of span) {
      if (from >= SUPPORTED_YEARS.from && to <= SUPPORTED_YEARS.to) this.calendars.prepare(division, from, to);
    }
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
        explanation: explainDue(standard, at, cal),
        calendar: division as Division,
        clock: standard.clock,
        amount: standard.amount,
        direction: standard.direction,
        modifier: standard.modifier,
      };
    });
  }
}

/**
 * `heard due --batch`: one JSON line in, one JSON line out, in order; a bad line yields
 * `{"error": "..."}` without stopping the batch.
 *
 * @example
 * runDueBatch('{"standard":"momo.2.1","at":"2026-03-27T15:00:00Z"}\n', new DueCalculator());
 */
export function runDueBatch(input: string, calculator: DueCalculator, write: (chunk: string) => void): void {
  const lines = input.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const requests = lines.map(readRequest);
  calculator.prepare(
    requests.flatMap((r) => {
      if ('error' in r) return [];
      if (!(BANK_HOLIDAY_DIVISIONS as readonly unknown[]).includes(r.calendar)) return [];
      try {
        return [{ at: parseInstant(String(r.at)), division: r.calendar as Division }];
      } catch {
        return [];
      }
    }),
  );
  let out = '';
  for (const request of requests) {
    let result: unknown;
    if ('error' in request) result = request;
    else {
      try {
        result = calculator.due(request.standard, request.at, request.calendar);
      } catch (e) {
        result = { error: e instanceof Error ? e.message : String(e) };
      }
    }
    out += `${JSON.stringify(result)}\n`;
    if (out.length > 1 << 16) {
      write(out);
      out = '';
    }
  }
  if (out) write(out);
}

type BatchRequest = { standard: unknown; at: unknown; calendar: unknown } | { error: string };

function readRequest(raw: string): BatchRequest {
  const line = raw.replace(/\r$/, '');
  if (line.trim() === '') return { error: 'empty line: expected {"standard": "...", "at": "..."}' };
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return { error: 'not JSON: expected {"standard": "...", "at": "...", "calendar": "..."}' };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return { error: 'expected a JSON object {"standard": "...", "at": "..."}' };
  }
  const r = request as Record<string, unknown>;
  return { standard: r.standard, at: r.at, calendar: r.calendar ?? 'england-and-wales' };
}
