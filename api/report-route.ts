import type { Request, RequestHandler, Response } from 'restify';
import type { BroadcastReport } from '../domain/broadcasts';
import { Broadcasts } from '../domain/broadcasts';
import { runsTheService } from '../domain/permissions';
import type { Store } from '../domain/ports/store.port';
import { verifyDownloadToken } from './download-token';
import { guarded, type ApiLog } from './http-reply';
import { sendPersonPage, type PersonPage } from './person-page';
import type { RefusalLedger } from './refusal-ledger';

/** What the report route needs. */
export interface ReportRouteDeps {
  store: Store;
  downloadSecret: string;
  now: () => number;
  log: ApiLog;
  refusals: RefusalLedger;
  trustedProxyHops: number;
}

/** Why a report was refused. */
type ReportRefusal = 'no-token' | 'forged' | 'expired' | 'wrong-statement' | 'not-allowed' | 'not-found';

const ASK_AGAIN = 'Press Export CSV on the delivery report in Teams for a new link.';

const PAGES: Readonly<Record<ReportRefusal, PersonPage>> = {
  'no-token': { status: 403, title: 'This link does not open anything', lines: ['It may have been copied only in part.', ASK_AGAIN] },
  forged: { status: 403, title: 'This link does not open anything', lines: ['It may have been copied only in part.', ASK_AGAIN] },
  'wrong-statement': { status: 403, title: 'This link does not open anything', lines: ['It may have been copied only in part.', ASK_AGAIN] },
  expired: { status: 403, title: 'This link has expired', lines: ['Report links last 15 minutes.', ASK_AGAIN] },
  'not-allowed': { status: 403, title: 'This report is not yours to see', lines: ['Delivery reports are for whoever sent the message and the participation team.'] },
  'not-found': { status: 404, title: 'This report was not found', lines: [ASK_AGAIN] },
};

/**
 * `GET /api/broadcasts/:id/report.csv?token=…`: a broadcast's delivery report as CSV, one
 * row per recipient, on a link signed (HMAC, its own purpose: a PDF link cannot open it)
 * for one broadcast and one person and valid 15 minutes, served only while that person
 * may still see the report (who sent it, or the participation team). It names staff and
 * how each message went, never a child. Refusals are small pages, counted like those of
 * the PDF links.
 *
 * @example
 * server.get('/api/broadcasts/:id/report.csv', reportRoute(deps));
 */
export function reportRoute(deps: ReportRouteDeps): RequestHandler {
  return guarded('report', deps.log, (req, res) => serve(req, res, deps));
}

async function serve(req: Request, res: Response, deps: ReportRouteDeps): Promise<void> {
  const source = deps.refusals.sourceOf(req, deps.trustedProxyHops);
  const admission = deps.refusals.admit(source);
  if (!admission.ok) {
    sendPersonPage(res, { status: 429, title: 'Too many links that did not work', lines: ['Try again in a few minutes.'] }, { 'Retry-After': String(admission.retryAfter) });
    return;
  }
  const broadcastId = req.params.id ?? '';
  const tokens = new URLSearchParams(req.getQuery()).getAll('token');
  const refuse = async (reason: ReportRefusal, personId: string | null) => {
    await deps.refusals.refuse(source, { reason: `report-${reason}`, statementId: null, actor: personId ? { kind: 'person', id: personId } : { kind: 'system', id: 'report' } });
    deps.log('report-refused', { reason, source });
    sendPersonPage(res, PAGES[reason]);
  };
  if (tokens.length !== 1) return refuse('no-token', null);
  const check = verifyDownloadToken({ token: tokens[0], statementId: broadcastId, now: deps.now(), secret: deps.downloadSecret, purpose: 'report' });
  if (!check.ok) return refuse(check.reason, check.reason === 'forged' ? null : check.claims.personId);
  const person = await deps.store.directory.getPerson(check.claims.personId);
  const report = await new Broadcasts({ store: deps.store, now: deps.now }).report(broadcastId);
  if (!report) return refuse('not-found', check.claims.personId);
  if (!person || (report.broadcast.createdBy !== person.id && !runsTheService(person))) return refuse('not-allowed', check.claims.personId);
  const csv = reportCsv(report);
  deps.log('report-served', { broadcastId, personId: person.id, rows: report.recipients.length });
  res.sendRaw(200, csv, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="delivery-report-${broadcastId.replace(/[^A-Za-z0-9_-]/g, '')}.csv"`,
    'Cache-Control': 'private, no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
}

/**
 * The report as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read names
 * right): `name,email,sent,state,reason,sent_at,read_at`, instants in UTC as everywhere.
 * A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) is
 * prefixed with `'`.
 *
 * @example
 * reportCsv(report).split('\r\n')[0]; // '\uFEFFname,email,sent,state,reason,sent_at,read_at'
 */
export function reportCsv(report: BroadcastReport): string {
  const rows = [['name', 'email', 'sent', 'state', 'reason', 'sent_at', 'read_at']];
  for (const { recipient: r, person } of report.recipients) {
    rows.push([person?.name ?? '(no longer in the directory)', person?.email ?? '', r.part, r.state, r.reason ?? '', instant(r.sentAt), instant(r.readAt)]);
  }
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function instant(t: number | null): string {
  return t === null ? '' : new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
