import { createHash } from 'crypto';
import { plugins, type Request, type RequestHandler, type Response } from 'restify';
import type { IntakeRequest, IntakeResult } from '../domain/intake-request';
import type { Store } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';
import type { StatementService } from '../domain/statement-service';
import { maxIntakeBodyBytes, parseIntakeBody } from './intake-body';
import { guarded, sendError, sendJson, type ApiLog } from './http-reply';
import { checkSignedBody, signedJsonPrecheck } from './signed-json';

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
  return [signedJsonPrecheck(maxBodySize, deps.log, 'the statement'), plugins.bodyReader({ maxBodySize }), guarded('intake', deps.log, (req, res) => receive(req, res, deps))];
}

async function receive(req: Request, res: Response, deps: IntakeRouteDeps): Promise<void> {
  const now = deps.now();
  const refuse = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => {
    deps.log('intake-refused', { status, code });
    sendError(res, status, code, message, extra);
  };

  const signed = checkSignedBody(req, deps.intakeSecret, now);
  if (!signed.ok) return refuse(401, signed.code, signed.message);
  const raw = signed.raw;

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

