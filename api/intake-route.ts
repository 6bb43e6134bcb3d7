import { createHash } from 'crypto';
import type { Next, Request, RequestHandler, Response } from 'restify';
import type { IntakeRequest, IntakeResult } from '../domain/intake-request';
import type { Store } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';
import type { StatementService } from '../domain/statement-service';
import { boundedBody } from './body-limit';
import { maxIntakeBodyBytes, parseIntakeBody } from './intake-body';
import { isJsonContentType, parseJson, strictUtf8 } from './json-body';
import { guarded, sendError, sendJson, type ApiLog } from './http-reply';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyIntakeSignature, type IntakeSignatureCheck } from './intake-signature';

/** What the intake route needs. @example const deps: IntakeRouteDeps = { service, store, intakeSecret, now: () => 1795255200, maxPdfBytes: 10485760, log }; */
export interface IntakeRouteDeps {
  service: Pick<StatementService, 'receive'>;
  store: Pick<Store, 'statements'>;
  intakeSecret: string;
  /** Seconds since the epoch. */
  now: () => number;
  maxPdfBytes: number;
  log: ApiLog;
}

/** The reply to a statement that was received now (201) or before (200). @example const r: IntakeReply = { statementId: 'st_1', status: 'assigned', assigneeIds: ['p_sam'], routedBy: 'intended-worker', created: true }; */
export type IntakeReply = Pick<IntakeResult, 'statementId' | 'status' | 'assigneeIds' | 'routedBy' | 'created'>;

const SIGNATURE_MESSAGES: Record<Exclude<IntakeSignatureCheck, { ok: true }>['code'], string> = {
  SIGNATURE_MISSING: 'sign the request: X-Heard-Timestamp (unix seconds) and X-Heard-Signature (sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">) are required',
  SIGNATURE_INVALID: 'the X-Heard-Signature header does not match the body and timestamp',
  TIMESTAMP_INVALID: 'X-Heard-Timestamp must be whole unix seconds',
  TIMESTAMP_STALE: 'X-Heard-Timestamp is more than 5 minutes old: sign the request again',
  TIMESTAMP_IN_FUTURE: 'X-Heard-Timestamp is more than 5 minutes ahead of the server’s clock',
};

/**
 * The handler chain of `POST /api/statements`: the content type first (cheap, before
 * reading anything), then the body — uncompressed only, read under a limit of the size
 * a PDF of `maxPdfBytes` needs (api/body-limit.ts) — then the signature over the exact
 * bytes received, then strict UTF-8, and only then JSON and the schema: nothing
 * unauthenticated is decoded or parsed.
 *
 * The intake accepts no Content-Encoding: Mind Of My Own sends JSON as it is, and the
 * signature covers the bytes on the wire, so a compressed body would have to be
 * inflated before it could be authenticated.
 *
 * @example
 * server.post('/api/statements', ...intakeHandlers({ service, store, intakeSecret, now, maxPdfBytes, log }));
 */
export function intakeHandlers(deps: IntakeRouteDeps): RequestHandler[] {
  const maxBytes = maxIntakeBodyBytes(deps.maxPdfBytes);
  return [contentTypeCheck(deps.log), boundedBody({ route: 'intake', maxBytes, codings: ['identity'] }, deps.log), guarded('intake', deps.log, (req, res) => receive(req, res, deps))];
}

function contentTypeCheck(log: ApiLog) {
  return function intakeContentType(req: Request, res: Response, next: Next): void {
    if (isJsonContentType(req.headers['content-type'])) return next();
    log('intake-refused', { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the statement as Content-Type: application/json (UTF-8)');
    next(false);
  };
}

async function receive(req: Request, res: Response, deps: IntakeRouteDeps): Promise<void> {
  const now = deps.now();
  const refuse = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => {
    deps.log('intake-refused', { status, code });
    sendError(res, status, code, message, extra);
  };

  const bytes: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const signature = verifyIntakeSignature({
    secret: deps.intakeSecret,
    timestamp: req.headers[TIMESTAMP_HEADER],
    signature: req.headers[SIGNATURE_HEADER],
    body: bytes,
    now,
  });
  if (!signature.ok) return refuse(401, signature.code, SIGNATURE_MESSAGES[signature.code]);

  const text = strictUtf8(bytes);
  if (text === null) return refuse(400, 'INVALID_UTF8', 'the body is not valid UTF-8 text: send JSON encoded as UTF-8');
  const json = parseJson(text);
  if (!json.ok) return refuse(400, 'INVALID_JSON', json.message);

  const parsed = parseIntakeBody(json.value, { maxPdfBytes: deps.maxPdfBytes, now });
  if (!parsed.ok) return refuse(parsed.status, parsed.code, parsed.message, { issues: parsed.issues });

  const result = await deps.service.receive(parsed.request, 'api');
  if (!result.created) {
    const stored = await deps.store.statements.get(result.statementId);
    const differs = stored ? differingField(stored, parsed.request) : null;
    if (differs) {
      deps.log('intake-conflict', { statementId: result.statementId, externalId: parsed.request.externalId, field: differs });
      return refuse(
        409,
        'EXTERNAL_ID_CONFLICT',
        `a different statement with this externalId was already received (${differs} differs); a retry must repeat the original`,
        { statementId: result.statementId },
      );
    }
  }
  deps.log(result.created ? 'intake-created' : 'intake-repeat', {
    statementId: result.statementId,
    externalId: parsed.request.externalId,
    routedBy: result.routedBy ?? 'none',
  });
  const reply: IntakeReply = {
    statementId: result.statementId,
    status: result.status,
    assigneeIds: result.assigneeIds,
    routedBy: result.routedBy,
    created: result.created,
  };
  sendJson(res, result.created ? 201 : 200, reply);
}

/**
 * The first field in which a repeated externalId carries a different statement, or null
 * for a true retry. A stored statement without a PDF (e.g. from a CSV export) does not
 * conflict on the PDF.
 */
function differingField(stored: Statement, request: IntakeRequest): string | null {
  if (stored.sentAt !== request.sentAt) return 'sentAt';
  if (stored.child.reference !== request.child.reference) return 'child.reference';
  if (stored.child.initials !== request.child.initials) return 'child.initials';
  if (stored.type !== request.type) return 'type';
  if (recipientKey(stored.intendedRecipient) !== recipientKey(request.intendedRecipient)) return 'intendedRecipient';
  const flags = ['complaint', 'safetyLink', 'unidentified'] as const;
  for (const f of flags) if (stored.flags[f] !== request.flags[f]) return `flags.${f}`;
  if (stored.pdf && request.pdf && stored.pdf.sha256 !== createHash('sha256').update(request.pdf).digest('hex')) return 'pdf';
  return null;
}

function recipientKey(r: Statement['intendedRecipient']): string {
  return r.kind === 'person' ? `person:${r.email.toLowerCase()}` : r.kind;
}
