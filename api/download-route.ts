import { randomUUID } from 'crypto';
import type { Request, RequestHandler, Response } from 'restify';
import type { AuditEvent } from '../domain/audit-event';
import type { Store } from '../domain/ports/store.port';
import type { StatementService } from '../domain/statement-service';
import { verifyDownloadToken, type DownloadTokenClaims } from './download-token';
import { guarded, sendText, type ApiLog } from './http-reply';

/** What the download route needs. @example const deps: DownloadRouteDeps = { service, store, downloadSecret, now: () => 1795255200, log }; */
export interface DownloadRouteDeps {
  service: Pick<StatementService, 'downloadPdf'>;
  store: Pick<Store, 'statements' | 'directory' | 'audit'>;
  downloadSecret: string;
  /** Seconds since the epoch. */
  now: () => number;
  log: ApiLog;
}

/**
 * Why a download was refused, as recorded in the audit trail (`download-refused`).
 *
 * @example
 * const r: DownloadRefusal = 'not-assigned';
 */
export type DownloadRefusal =
  | 'no-token'
  | 'forged'
  | 'expired'
  | 'wrong-statement'
  | 'unknown-person'
  | 'not-assigned'
  | 'statement-not-found'
  | 'pdf-not-available';

const REPLIES: Record<DownloadRefusal, { status: number; message: string }> = {
  'no-token': { status: 403, message: 'This download link is not valid. Open the statement from its card in Teams to get a new link.' },
  forged: { status: 403, message: 'This download link is not valid. Open the statement from its card in Teams to get a new link.' },
  'wrong-statement': { status: 403, message: 'This download link is not valid for this statement. Open the statement from its card in Teams.' },
  expired: { status: 403, message: 'This download link has expired (links last 15 minutes). Open the statement from its card in Teams to get a new link.' },
  'unknown-person': { status: 403, message: 'This download link is not valid for you. Ask the participation team if you need this statement.' },
  'not-assigned': { status: 403, message: 'This statement is not assigned to you, so the link does not open it. Ask the participation team if you need it.' },
  'statement-not-found': { status: 404, message: 'This statement was not found.' },
  'pdf-not-available': { status: 410, message: 'Heard no longer holds this PDF: it was saved to the case record. Open it there.' },
};

/**
 * The handler of `GET /api/statements/:id/pdf?token=…`: checks the signed link, then
 * asks the statement service for the PDF as the person the link was issued to (which
 * records that they opened it). Any refusal is a plain-text reply and a
 * `download-refused` audit event with its reason.
 *
 * @example
 * server.get('/api/statements/:id/pdf', downloadHandler({ service, store, downloadSecret, now, log }));
 */
export function downloadHandler(deps: DownloadRouteDeps): RequestHandler {
  return guarded('download', deps.log, (req, res) => download(req, res, deps));
}

async function download(req: Request, res: Response, deps: DownloadRouteDeps): Promise<void> {
  const now = deps.now();
  const statementId = req.params.id ?? '';
  const tokens = new URLSearchParams(req.getQuery()).getAll('token');
  if (tokens.length !== 1) return refuse(res, deps, now, statementId, 'no-token', null);

  const check = verifyDownloadToken({ token: tokens[0], statementId, now, secret: deps.downloadSecret });
  if (!check.ok) return refuse(res, deps, now, statementId, check.reason, check.reason === 'forged' ? null : check.claims);

  const person = await deps.store.directory.getPerson(check.claims.personId);
  if (!person) return refuse(res, deps, now, statementId, 'unknown-person', check.claims);

  const result = await deps.service.downloadPdf(statementId, person);
  if (!result.ok) {
    const reason: DownloadRefusal =
      result.code === 'STATEMENT_NOT_FOUND' ? 'statement-not-found' : result.code === 'PDF_NOT_AVAILABLE' ? 'pdf-not-available' : 'not-assigned';
    return refuse(res, deps, now, statementId, reason, check.claims);
  }

  deps.log('download-served', { statementId, personId: person.id, bytes: result.pdf.length });
  res.sendRaw(200, result.pdf, {
    'Content-Type': 'application/pdf',
    'Content-Length': String(result.pdf.length),
    'Content-Disposition': `attachment; filename="statement-${statementId.replace(/[^A-Za-z0-9_-]/g, '')}.pdf"`,
    // The link carries a token: keep it out of caches and Referer headers.
    'Cache-Control': 'private, no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
}

async function refuse(
  res: Response,
  deps: DownloadRouteDeps,
  now: number,
  statementId: string,
  reason: DownloadRefusal,
  claims: DownloadTokenClaims | null,
): Promise<void> {
  // Only a statement that exists is named in the audit trail: the URL is anyone's to type.
  const statement = statementId ? await deps.store.statements.get(statementId) : null;
  const actor: AuditEvent['actor'] = claims ? { kind: 'person', id: claims.personId } : { kind: 'system', id: 'download' };
  await deps.store.audit.append({
    id: `au_${randomUUID()}`,
    at: now,
    actor,
    action: 'download-refused',
    statementId: statement ? statement.id : null,
    channel: 'download',
    details: { reason, ...(claims && claims.statementId !== statement?.id ? { tokenStatementId: claims.statementId } : {}) },
  });
  deps.log('download-refused', {
    reason,
    ...(statement ? { statementId: statement.id } : {}),
    ...(claims ? { personId: claims.personId } : {}),
  });
  const reply = REPLIES[reason];
  sendText(res, reply.status, reply.message);
}
