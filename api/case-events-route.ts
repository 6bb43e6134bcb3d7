import type { Next, Request, RequestHandler, Response } from 'restify';
import { parseCaseEvent, type CaseEventInput, type EnvelopeProblem } from '../domain/case-event-envelope';
import type { CaseEventOutcome, CaseWorkService, CaseWorkSummary } from '../domain/case-work-service';
import type { Vocabulary, WorkingCalendar } from '../standards';
import { boundedBody } from './body-limit';
import { guarded, sendError, sendJson, type ApiLog } from './http-reply';
import { signatureRefusal } from './intake-signature';
import { isJsonContentType, parseJson, strictUtf8 } from './json-body';

/**
 * `POST /api/case-events`: one case event (a JSON object) or a batch (a JSON array of up
 * to {@link MAX_CASE_EVENTS_PER_REQUEST}), signed exactly like the statement intake.
 * Each event is checked on its own: a bad one is refused with its index and nothing of
 * it is stored, the good ones are received.
 */

/** Most events in one request. @example MAX_CASE_EVENTS_PER_REQUEST; // 1000 */
export const MAX_CASE_EVENTS_PER_REQUEST = 1000;

/** Largest request body: a thousand events with room for their qualifiers. @example MAX_CASE_EVENTS_BODY_BYTES; // 4194304 */
export const MAX_CASE_EVENTS_BODY_BYTES = 4 * 1024 * 1024;

/** Only this many problems are listed for one event. */
const MAX_ISSUES = 10;

/** @example const deps: CaseEventsRouteDeps = { caseWork, vocabulary, calendar, intakeSecret, now: () => 1795255200, log }; */
export interface CaseEventsRouteDeps {
  caseWork: Pick<CaseWorkService, 'receive'>;
  vocabulary: Vocabulary;
  calendar: WorkingCalendar;
  intakeSecret: string;
  /** Seconds since the epoch. */
  now: () => number;
  log: ApiLog;
}

/** What became of one event of a request. @example const r: CaseEventReply = { index: 0, eventId: 'LCS-1', status: 'imported' }; */
export interface CaseEventReply {
  index: number;
  eventId: string | null;
  status: CaseEventOutcome['status'];
  error?: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/**
 * The handler chain, as the statement intake's: the content type first, then the body —
 * uncompressed only, read under {@link MAX_CASE_EVENTS_BODY_BYTES} — then the signature
 * over the exact bytes received, then strict UTF-8, and only then JSON and each event.
 *
 * @example
 * server.post('/api/case-events', ...caseEventsHandlers({ caseWork, vocabulary, calendar, intakeSecret, now, log }));
 */
export function caseEventsHandlers(deps: CaseEventsRouteDeps): RequestHandler[] {
  return [
    contentTypeCheck(deps.log),
    boundedBody({ route: 'case-events', maxBytes: MAX_CASE_EVENTS_BODY_BYTES, codings: ['identity'] }, deps.log),
    guarded('case-events', deps.log, (req, res) => receive(req, res, deps)),
  ];
}

function contentTypeCheck(log: ApiLog) {
  return function caseEventsContentType(req: Request, res: Response, next: Next): void {
    if (isJsonContentType(req.headers['content-type'])) return next();
    log('case-events-refused', { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send case events as Content-Type: application/json (UTF-8)');
    next(false);
  };
}

function describe(problems: EnvelopeProblem[]): NonNullable<CaseEventReply['error']> {
  const issues = problems.slice(0, MAX_ISSUES).map((p) => ({ path: p.field, message: p.message }));
  const more = problems.length > issues.length ? ` (and ${problems.length - issues.length} more)` : '';
  return { code: 'INVALID_EVENT', message: issues.map((i) => `${i.path}: ${i.message}`).join('; ') + more, issues };
}

async function receive(req: Request, res: Response, deps: CaseEventsRouteDeps): Promise<void> {
  const now = deps.now();
  // `eventsCounted`: the refusal is of events already counted one by one in `case-events-received`;
  // the log says so as a code (`by-event` or `request`), which reads plainly in a log search.
  const refuse = (status: number, code: string, message: string, extra: Record<string, unknown> = {}, eventsCounted = false) => {
    deps.log('case-events-refused', { status, code, counted: eventsCounted ? 'by-event' : 'request' });
    sendError(res, status, code, message, extra);
  };

  const bytes: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const unsigned = signatureRefusal(req.headers, bytes, deps.intakeSecret, now);
  if (unsigned) return refuse(401, unsigned.code, unsigned.message);
  const text = strictUtf8(bytes);
  if (text === null) return refuse(400, 'INVALID_UTF8', 'the body is not valid UTF-8 text: send JSON encoded as UTF-8');
  const parsed = parseJson(text);
  if (!parsed.ok) return refuse(400, 'INVALID_JSON', parsed.message);
  const json = parsed.value;
  const batch = Array.isArray(json);
  const raws: unknown[] = Array.isArray(json) ? (json as unknown[]) : [json];
  if (raws.length === 0) return refuse(400, 'EMPTY_BATCH', 'send one event (a JSON object) or a JSON array of 1 to 1000 events');
  if (raws.length > MAX_CASE_EVENTS_PER_REQUEST) return refuse(413, 'BATCH_TOO_LARGE', `send at most ${MAX_CASE_EVENTS_PER_REQUEST} events in one request`);

  const replies: CaseEventReply[] = [];
  const accepted: { index: number; event: CaseEventInput }[] = [];
  raws.forEach((raw, index) => {
    const parsed = parseCaseEvent(raw, { vocabulary: deps.vocabulary, calendar: deps.calendar, now });
    const eventId = typeof (raw as { eventId?: unknown } | null)?.eventId === 'string' ? ((raw as { eventId: string }).eventId.slice(0, 128) as string) : null;
    if (parsed.ok) accepted.push({ index, event: parsed.event });
    else replies[index] = { index, eventId, status: 'refused', error: describe(parsed.problems) };
  });

  let summary: CaseWorkSummary | null = null;
  if (accepted.length > 0) {
    const received = await deps.caseWork.receive(
      accepted.map((a) => a.event),
      'api',
    );
    summary = received.summary;
    received.outcomes.forEach((outcome, k) => {
      const { index, event } = accepted[k];
      replies[index] =
        outcome.status === 'refused'
          ? { index, eventId: event.eventId, status: 'refused', error: { code: outcome.code, message: outcome.message } }
          : { index, eventId: event.eventId, status: outcome.status };
    });
  }
  const refused = replies.filter((r) => r.status === 'refused');
  // Counts and codes only: what the metrics count (received, unchanged, refused by code).
  deps.log('case-events-received', {
    events: raws.length,
    imported: summary?.imported ?? 0,
    unchanged: summary?.unchanged ?? 0,
    refused: refused.length,
    invalid: refused.filter((r) => r.error?.code === 'INVALID_EVENT').length,
    conflicts: refused.filter((r) => r.error?.code === 'EVENT_ID_CONFLICT').length,
  });

  const counts = {
    imported: summary?.imported ?? 0,
    unchanged: summary?.unchanged ?? 0,
    refused: refused.length,
    obligationsOpened: summary?.obligationsOpened ?? 0,
    obligationsMet: summary?.obligationsMet ?? 0,
    unrecognised: summary?.unrecognised ?? [],
  };
  if (!batch) {
    const [only] = replies;
    if (only.error) {
      const status = only.error.code === 'EVENT_ID_CONFLICT' ? 409 : 400;
      return refuse(status, only.error.code, only.error.message, only.error.issues ? { issues: only.error.issues } : {}, true);
    }
    return sendJson(res, only.status === 'imported' ? 201 : 200, { eventId: only.eventId, status: only.status, ...counts });
  }
  if (refused.length === replies.length) {
    return refuse(refused.every((r) => r.error?.code === 'EVENT_ID_CONFLICT') ? 409 : 400, 'BATCH_REFUSED', `every one of the ${replies.length} events was refused: see results`, { results: replies }, true);
  }
  // Some received and some refused: 207, so a sender that only looks at the status still notices.
  sendJson(res, refused.length > 0 ? 207 : 200, { ...counts, results: replies });
}
