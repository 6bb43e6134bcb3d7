import { createHash } from 'crypto';
import { plugins, type Next, type Request, type RequestHandler, type Response } from 'restify';
import type { IntakeRequest, IntakeResult } from '../domain/intake-request';
import type { Store } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';
import type { StatementService } from '../domain/statement-service';
import { maxIntakeBodyBytes, parseIntakeBody } from './intake-body';
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
 * The handler chain of `POST /api/statements`: content type and size first (cheap, before
 * reading anything), then the body (restify's reader, capped at the size a PDF of
 * `maxPdfBytes` needs), then the signature over the exact text received, and only then
 * JSON and the schema — nothing unauthenticated is parsed.
 *
 * @example
 * server.post('/api/statements', ...intakeHandlers({ service, store, intakeSecret, now, maxPdfBytes, log }));
 */
export function intakeHandlers(deps: IntakeRouteDeps): RequestHandler[] {
  const maxBodySize = maxIntakeBodyBytes(deps.maxPdfBytes);
  return [precheck(maxBodySize, deps.log), plugins.bodyReader({ maxBodySize }), guarded('intake', deps.log, (req, res) => receive(req, res, deps))];
}

function precheck(maxBodySize: number, log: ApiLog) {
  return function intakePrecheck(req: Request, res: Response, next: Next): void {
    const refuse = (status: number, code: string, message: string) => {
      log('intake-refused', { status, code });
      sendError(res, status, code, message);
      next(false);
    };
    if (!isJsonUtf8(req.headers['content-type'])) {
      return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the statement as Content-Type: application/json (UTF-8)');
    }
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body uncompressed (no Content-Encoding)');
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodySize) {
      return refuse(413, 'PAYLOAD_TOO_LARGE', `the request body must be at most ${maxBodySize} bytes`);
    }
    next();
  };
}

async function receive(req: Request, res: Response, deps: IntakeRouteDeps): Promise<void> {
  const now = deps.now();
  const refuse = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => {
    deps.log('intake-refused', { status, code });
    sendError(res, status, code, message, extra);
  };

  const raw = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  const signature = verifyIntakeSignature({
    secret: deps.intakeSecret,
    timestamp: req.headers[TIMESTAMP_HEADER],
    signature: req.headers[SIGNATURE_HEADER],
    body: raw,
    now,
  });
  if (!signature.ok) return refuse(401, signature.code, SIGNATURE_MESSAGES[signature.code]);

  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    const detail = err instanceof SyntaxError ? `: ${err.message.slice(0, 160)}` : '';
    return refuse(400, 'INVALID_JSON', `the body is not valid JSON${detail}`);
  }

  const parsed = parseIntakeBody(json, { maxPdfBytes: deps.maxPdfBytes, now });
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

function isJsonUtf8(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => {
    const [name, value = ''] = p.split('=').map((x) => x.trim());
    return name !== 'charset' || value.replace(/^"|"$/g, '') === 'utf-8';
  });
}
