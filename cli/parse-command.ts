import { compileCalendar, parseInstant } from '../standards';
import { Understander, type Understanding } from '../dialogs/understand';
import { UsageError } from './usage-error';

/**
 * `heard parse`'s JSON for one message: the stable keys of interfaces.md first, with
 * `case` and `kind` (dialogs/labelled/README.md), then the extra ones (`from`, `when`, `standardRef`, `absence`, `statementRef`, `untilReading`,
 * `audience`, `explanation`). A notice's text is not printed: it is the officer's words.
 *
 * @example
 * parseResult(await understander.parse('overdue?', now));
 * // { intent: 'overdue', scope: 'me', range: null, person: null, target: null, until: null, … }
 */
export function parseResult(u: Understanding): Record<string, unknown> {
  return {
    intent: u.intent,
    scope: u.scope,
    range: u.range,
    person: u.person,
    target: u.target,
    until: u.until,
    case: u.case,
    kind: u.kind,
    from: u.from,
    when: u.when,
    standardRef: u.standardRef,
    absence: u.absence,
    statementRef: u.statementRef,
    untilReading: u.untilReading,
    audience: u.audience,
    explanation: u.explanation,
  };
}

/** Reads `--now` (or a batch line's `now`) as an instant, with a usage error naming the field. */
function instantOf(text: unknown, field: string): number {
  if (typeof text !== 'string' || text === '') throw new UsageError(`${field} <instant> is required, e.g. ${field} 2026-11-23T09:30:00Z`);
  try {
    return parseInstant(text);
  } catch (e) {
    throw new UsageError(`${field}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Understands one message (`heard parse "<utterance>" --now <instant>`). */
export async function parseOne(text: string, now: string | undefined): Promise<Record<string, unknown>> {
  if (text.trim() === '') throw new UsageError('give the message to parse, e.g. heard parse "what\'s due this week?" --now 2026-11-23T09:30:00Z');
  const at = instantOf(now, '--now');
  const understander = await Understander.create(compileCalendar());
  return parseResult(await understander.parse(text, at));
}

/**
 * `heard parse --batch`: JSON lines `{"text", "now"}` in, one result line out per input
 * line, in order; a bad line yields `{"error": "..."}` and the batch goes on.
 */
export async function runParseBatch(input: string, write: (chunk: string) => void): Promise<void> {
  const understander = await Understander.create(compileCalendar());
  const lines = input.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    try {
      let request: unknown;
      try {
        request = JSON.parse(line);
      } catch {
        throw new UsageError('not a JSON object: expected {"text": "...", "now": "..."}');
      }
      if (typeof request !== 'object' || request === null || Array.isArray(request)) throw new UsageError('expected {"text": "...", "now": "..."}');
      const { text, now } = request as { text?: unknown; now?: unknown };
      if (typeof text !== 'string') throw new UsageError('"text" must be a string');
      write(`${JSON.stringify(parseResult(await understander.parse(text, instantOf(now, 'now'))))}\n`);
    } catch (e) {
      write(`${JSON.stringify({ error: e instanceof Error ? e.message.split('\n')[0] : String(e) })}\n`);
    }
  }
}
