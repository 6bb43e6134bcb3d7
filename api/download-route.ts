import { createHash } from 'crypto';
import type { Request, RequestHandler, Response } from 'restify';
import type { AuditEvent } from '../domain/audit-event';
import type { Store } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';
import type { StatementService } from '../domain/statement-service';
import { verifyDownloadToken, type DownloadTokenClaims } from './download-token';
import { guarded, type ApiLog } from './http-reply';
import { SignInError, type OidcSignIn } from './oidc-sign-in';
import { sendPersonPage, type PersonPage } from './person-page';
import type { RefusalLedger } from './refusal-ledger';
import { clearedSignInCookie, openSignInCookie, signInCookie } from './sign-in-cookie';

/** What the download routes need. @example const deps: DownloadRouteDeps = { service, store, downloadSecret, now: () => 1795255200, log, refusals, trustedProxyHops: 0, signIn: null, secureCookies: true }; */
export interface DownloadRouteDeps {
  service: Pick<StatementService, 'downloadPdf'>;
  store: Pick<Store, 'statements' | 'directory' | 'audit'>;
  downloadSecret: string;
  /** Seconds since the epoch. */
  now: () => number;
  log: ApiLog;
  /** Counts and records refused requests per source, and turns away a source refused too often. */
  refusals: RefusalLedger;
  trustedProxyHops: number;
  /** The council's Entra ID sign-in; null for a local run, where the link alone opens the PDF. */
  signIn: OidcSignIn | null;
  /** Whether cookies get `Secure` (Heard is reached over https). */
  secureCookies: boolean;
}

/**
 * Why a download was refused, as recorded in the audit trail (`download-refused`).
 *
 * @example
 * const r: DownloadRefusal = 'wrong-person';
 */
export type DownloadRefusal =
  | 'no-token'
  | 'forged'
  | 'expired'
  | 'wrong-statement'
  | 'unknown-person'
  | 'not-assigned'
  | 'statement-not-found'
  | 'pdf-not-available'
  | 'link-used'
  | 'wrong-person'
  | 'sign-in-failed'
  | 'sign-in-cancelled';

const NEW_LINK = 'Open the statement from its card in Teams and press Download for a new link.';

/**
 * What each refusal shows: what happened and what to do, never anything about the
 * statement to someone who may not see it.
 *
 * @example
 * REFUSAL_PAGES['link-used'].status; // 410
 */
export const REFUSAL_PAGES: Readonly<Record<DownloadRefusal, PersonPage>> = {
  'no-token': { status: 403, title: 'This link does not open anything', lines: ['It may have been copied only in part.', NEW_LINK] },
  forged: { status: 403, title: 'This link does not open anything', lines: ['It may have been copied only in part.', NEW_LINK] },
  'wrong-statement': { status: 403, title: 'This link does not open anything', lines: ['It may have been copied only in part.', NEW_LINK] },
  expired: { status: 403, title: 'This link has expired', lines: ['Download links last 15 minutes.', NEW_LINK] },
  'unknown-person': { status: 403, title: 'This link is not valid for you', lines: ['Ask the participation team if you need this statement.'] },
  'not-assigned': { status: 403, title: 'This statement is not assigned to you', lines: ['So the link does not open it. Ask the participation team if you need it.'] },
  'statement-not-found': { status: 404, title: 'This statement was not found', lines: ['Ask the participation team if you need it.'] },
  'pdf-not-available': { status: 410, title: 'Heard no longer holds this PDF', lines: ['It was saved to the case record: open it there.'] },
  'link-used': { status: 410, title: 'This link has already been used', lines: ['Each download link opens the statement once.', NEW_LINK] },
  'wrong-person': {
    status: 403,
    title: 'This link was made for someone else',
    lines: [
      'You signed in with an account this link was not made for, so it has not opened anything.',
      'If the link is yours, sign out of your Microsoft account in this browser, then open it again from the card in Teams.',
    ],
  },
  'sign-in-failed': { status: 400, title: 'Sign-in did not finish', lines: ['It may have taken longer than 10 minutes, or started in another browser.', 'Open the link again from the card in Teams.'] },
  'sign-in-cancelled': { status: 400, title: 'You have not signed in', lines: ['The statement opens only once you sign in with your council account.', 'Open the link again from the card in Teams to try again.'] },
};

/** When the council's sign-in service cannot be reached. @example SIGN_IN_UNAVAILABLE.status; // 503 */
export const SIGN_IN_UNAVAILABLE: PersonPage = {
  status: 503,
  title: 'Sign-in is not available just now',
  lines: ['Heard could not reach the council’s sign-in service. Try the link again in a few minutes.'],
};

/**
 * The download routes. `GET /api/statements/:id/pdf?token=…` checks the signed link;
 * without Entra ID (a local run) it then serves the PDF to whoever holds the link, as
 * the person it was made for. With Entra ID it signs the person in first (redirecting
 * to the council's sign-in) and `GET /api/auth/callback` serves the PDF only when the
 * signed-in person's object id is that of the person the link was made for, and only
 * once per link. Serving records the statement as opened. Every refusal is a small page
 * and is counted (see {@link RefusalLedger}); a source refused too often gets 429.
 *
 * @example
 * const routes = downloadRoutes(deps);
 * server.get('/api/statements/:id/pdf', routes.open);
 * server.get('/api/auth/callback', routes.callback);
 */
export function downloadRoutes(deps: DownloadRouteDeps): { open: RequestHandler; callback: RequestHandler } {
  return {
    open: guarded('download', deps.log, (req, res) => open(req, res, deps)),
    callback: guarded('sign-in', deps.log, (req, res) => callback(req, res, deps)),
  };
}

/** One request as the routes see it: where it came from, and the headers every reply to it carries. */
interface Visit {
  source: string;
  headers: Record<string, string>;
}

async function open(req: Request, res: Response, deps: DownloadRouteDeps): Promise<void> {
  const visit: Visit = { source: deps.refusals.sourceOf(req, deps.trustedProxyHops), headers: {} };
  if (!admitted(res, deps, visit)) return;
  const now = deps.now();
  const statementId = req.params.id ?? '';
  const tokens = new URLSearchParams(req.getQuery()).getAll('token');
  if (tokens.length !== 1) return refuse(res, deps, visit, statementId, 'no-token', null);
  const token = tokens[0];
  const check = verifyDownloadToken({ token, statementId, now, secret: deps.downloadSecret });
  if (!check.ok) return refuse(res, deps, visit, statementId, check.reason, check.reason === 'forged' ? null : check.claims);

  if (!deps.signIn) return serve(res, deps, visit, check.claims, token, null);
  if (await linkUsed(deps, statementId, token)) return refuse(res, deps, visit, statementId, 'link-used', check.claims);
  let begun: Awaited<ReturnType<OidcSignIn['begin']>>;
  try {
    begun = await deps.signIn.begin();
  } catch (error) {
    return signInUnavailable(res, deps, error);
  }
  deps.log('sign-in-started', { personId: check.claims.personId });
  res.sendRaw(302, '', {
    Location: begun.url,
    'Set-Cookie': signInCookie({ token, statementId, openedAt: now, pending: begun.pending }, deps.downloadSecret, now, deps.secureCookies),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
}

async function callback(req: Request, res: Response, deps: DownloadRouteDeps): Promise<void> {
  const state = new URLSearchParams(req.getQuery()).get('state') ?? '';
  // Whatever happens, this sign-in's cookie has done its work.
  const visit: Visit = { source: deps.refusals.sourceOf(req, deps.trustedProxyHops), headers: { 'Set-Cookie': clearedSignInCookie(state, deps.secureCookies) } };
  if (!admitted(res, deps, visit)) return;
  const signIn = deps.signIn!;
  const inProgress = openSignInCookie(req.headers.cookie, state, deps.downloadSecret, deps.now());
  if (!inProgress) return refuse(res, deps, visit, '', 'sign-in-failed', null);

  let oid: string;
  try {
    ({ oid } = await signIn.finish(req.url ?? '', inProgress.pending));
  } catch (error) {
    if (error instanceof SignInError && error.kind === 'unavailable') return signInUnavailable(res, deps, error, visit.headers);
    deps.log('sign-in-refused', { kind: error instanceof SignInError ? error.kind : 'unexpected', detail: error instanceof SignInError ? error.detail : 'unknown' });
    return refuse(res, deps, visit, inProgress.statementId, error instanceof SignInError && error.kind === 'cancelled' ? 'sign-in-cancelled' : 'sign-in-failed', null);
  }
  // The link was checked when it was opened; its expiry is judged at that moment.
  const check = verifyDownloadToken({ token: inProgress.token, statementId: inProgress.statementId, now: inProgress.openedAt, secret: deps.downloadSecret });
  if (!check.ok) return refuse(res, deps, visit, inProgress.statementId, check.reason, check.reason === 'forged' ? null : check.claims);
  return serve(res, deps, visit, check.claims, inProgress.token, oid);
}

/**
 * Serves the PDF to the person the link was made for — when someone signed in (`oid`),
 * only if it is them, and only the first time the link is used.
 */
async function serve(res: Response, deps: DownloadRouteDeps, visit: Visit, claims: DownloadTokenClaims, token: string, oid: string | null): Promise<void> {
  const { statementId } = claims;
  const person = await deps.store.directory.getPerson(claims.personId);
  if (!person) return refuse(res, deps, visit, statementId, 'unknown-person', claims);
  if (oid !== null) {
    if (person.aadObjectId?.toLowerCase() !== oid) {
      const signedIn = await deps.store.directory.findPersonByAadObjectId(oid);
      return refuse(res, deps, visit, statementId, 'wrong-person', claims, {
        actor: signedIn ? { kind: 'person', id: signedIn.id } : { kind: 'system', id: 'download' },
        details: { linkPersonId: person.id, signedIn: signedIn ? 'in-directory' : 'outside-directory' },
      });
    }
    if (!(await redeem(deps, claims, token, person.id))) return refuse(res, deps, visit, statementId, 'link-used', claims);
  }

  const result = await deps.service.downloadPdf(statementId, person);
  if (!result.ok) {
    const reason: DownloadRefusal =
      result.code === 'STATEMENT_NOT_FOUND' ? 'statement-not-found' : result.code === 'PDF_NOT_AVAILABLE' ? 'pdf-not-available' : 'not-assigned';
    return refuse(res, deps, visit, statementId, reason, claims);
  }
  deps.log('download-served', { statementId, personId: person.id, bytes: result.pdf.length, signedIn: oid !== null ? 'yes' : 'no' });
  const statement = await deps.store.statements.get(statementId);
  res.sendRaw(200, result.pdf, {
    ...visit.headers,
    'Content-Type': 'application/pdf',
    'Content-Length': String(result.pdf.length),
    'Content-Disposition': `attachment; filename="${pdfFileName(statementId, statement)}"`,
    // The link carries a token: keep it out of caches and Referer headers.
    'Cache-Control': 'private, no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  });
}

/**
 * The name a downloaded PDF is saved under: the statement's reference and the date (UTC)
 * it was sent (`CR-20417-2026-11-23.pdf`), what a worker files it by in the case record;
 * only letters, digits, `-` and `_` survive. Without a usable reference, the
 * statement's id.
 *
 * @example pdfFileName('st_1', { child: { reference: 'CR-20417' }, sentAt: 1795429800 }); // 'CR-20417-2026-11-23.pdf'
 */
export function pdfFileName(statementId: string, statement: Pick<Statement, 'sentAt'> & { child: Pick<Statement['child'], 'reference'> } | null): string {
  const reference = statement?.child.reference.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 60) ?? '';
  if (!statement || reference === '') return `statement-${statementId.replace(/[^A-Za-z0-9_-]/g, '')}.pdf`;
  return `${reference}-${new Date(statement.sentAt * 1000).toISOString().slice(0, 10)}.pdf`;
}

/** The audit event that marks a link used: its id comes from the link, so the audit log's unique ids let a link be used once, across instances. */
function linkUsedEventId(token: string): string {
  return `au_link_${createHash('sha256').update(token).digest('base64url').slice(0, 32)}`;
}

async function linkUsed(deps: DownloadRouteDeps, statementId: string, token: string): Promise<boolean> {
  const id = linkUsedEventId(token);
  return (await deps.store.audit.listForStatement(statementId)).some((e) => e.id === id);
}

/** Marks the link used; false if it already was (two uses at once: one of them wins). */
async function redeem(deps: DownloadRouteDeps, claims: DownloadTokenClaims, token: string, personId: string): Promise<boolean> {
  try {
    await deps.store.audit.append({
      id: linkUsedEventId(token),
      at: deps.now(),
      actor: { kind: 'person', id: personId },
      action: 'download-link-used',
      statementId: claims.statementId,
      channel: 'download',
      details: {},
    });
    return true;
  } catch (error) {
    if (await linkUsed(deps, claims.statementId, token)) return false;
    throw error;
  }
}

/**
 * The page for a source turned away after too many refusals, with how long to wait.
 *
 * @example
 * tooManyRefusedPage(180).lines[0]; // 'Links from this network have been refused too often. Try again in 3 minutes.'
 */
export function tooManyRefusedPage(retryAfterSeconds: number): PersonPage {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return {
    status: 429,
    title: 'Too many links that did not work',
    lines: [`Links from this network have been refused too often. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`],
  };
}

function admitted(res: Response, deps: DownloadRouteDeps, visit: Visit): boolean {
  const admission = deps.refusals.admit(visit.source);
  if (admission.ok) return true;
  sendPersonPage(res, tooManyRefusedPage(admission.retryAfter), { ...visit.headers, 'Retry-After': String(admission.retryAfter) });
  return false;
}

function signInUnavailable(res: Response, deps: DownloadRouteDeps, error: unknown, headers: Record<string, string> = {}): void {
  deps.log('sign-in-unavailable', { detail: error instanceof SignInError ? error.detail : error instanceof Error ? error.name : 'unknown' });
  sendPersonPage(res, SIGN_IN_UNAVAILABLE, headers);
}

async function refuse(
  res: Response,
  deps: DownloadRouteDeps,
  visit: Visit,
  statementId: string,
  reason: DownloadRefusal,
  claims: DownloadTokenClaims | null,
  audited: { actor?: AuditEvent['actor']; details?: AuditEvent['details'] } = {},
): Promise<void> {
  // Only a statement that exists is named in the audit trail: the URL is anyone's to type.
  const statement = statementId ? await deps.store.statements.get(statementId) : null;
  const recorded = await deps.refusals.refuse(visit.source, {
    reason,
    statementId: statement ? statement.id : null,
    actor: audited.actor ?? (claims ? { kind: 'person', id: claims.personId } : { kind: 'system', id: 'download' }),
    details: { ...(claims && claims.statementId !== statement?.id ? { tokenStatementId: claims.statementId } : {}), ...audited.details },
  });
  if (recorded) {
    deps.log('download-refused', {
      reason,
      source: visit.source,
      ...(statement ? { statementId: statement.id } : {}),
      ...(claims ? { personId: claims.personId } : {}),
    });
  }
  sendPersonPage(res, REFUSAL_PAGES[reason], visit.headers);
}
