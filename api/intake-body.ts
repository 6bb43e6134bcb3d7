import { z } from 'zod';
import { CHILD_INITIALS_PATTERN, CHILD_INITIALS_RULE, MAX_CHILD_INITIALS_LENGTH } from '../domain/child-initials';
import { sentAtProblem, type IntakeRequest } from '../domain/intake-request';
import { parseInstant } from '../standards';

/**
 * The JSON body of `POST /api/statements`, validated at the edge. Everything about it is
 * bounded: a field that is too long, of the wrong kind, or unknown is refused with its
 * path, so nothing malformed reaches the domain.
 *
 * @example
 * {
 *   "externalId": "momo-123",
 *   "sentAt": "2026-11-23T10:00:00Z",
 *   "child": { "reference": "C-1001", "initials": "AB" },
 *   "type": "my-world",
 *   "intendedRecipient": { "kind": "person", "email": "sam@council.example" },
 *   "flags": { "complaint": false, "safetyLink": false, "unidentified": false },
 *   "pdf": "JVBERi0xLjQK..."
 * }
 */

/** Default limit on the decoded PDF. @example DEFAULT_MAX_PDF_BYTES; // 10485760 */
export const DEFAULT_MAX_PDF_BYTES = 10 * 1024 * 1024;

export { MAX_SENT_AT_SKEW_SECONDS, MAX_STATEMENT_AGE_SECONDS } from '../domain/intake-request';

/** Room for everything but the PDF in a request body. */
const BODY_OVERHEAD_BYTES = 64 * 1024;

/** Only this many problems are listed in one reply. */
const MAX_ISSUES = 10;

/**
 * The largest request body that can carry a PDF of `maxPdfBytes` (base64 grows it by 4/3).
 *
 * @example
 * maxIntakeBodyBytes(10 * 1024 * 1024); // 14045184
 */
export function maxIntakeBodyBytes(maxPdfBytes: number): number {
  return Math.ceil(maxPdfBytes / 3) * 4 + BODY_OVERHEAD_BYTES;
}

/** "is required" for a missing field, "must be …" for a value of the wrong kind. */
const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? `is required (${what})` : `must be ${what}`);
const text = (what: string) => z.string({ error: expected(what) });
const flag = () => z.boolean({ error: expected('true or false') });

/**
 * Text of at most `max` characters matching `pattern`. The length is checked first and
 * the pattern only then (a pipe stops at the first failure): a pattern run over a
 * megabyte of hostile text can exhaust the regular-expression stack.
 */
function bounded(schema: z.ZodString, max: number, pattern: RegExp, message: string) {
  return schema.min(1, message).max(max, message).pipe(z.string().regex(pattern, message));
}

const recipientSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('person'),
      // Length first, so the email pattern never runs over an unbounded string.
      email: text('an email address')
        .max(254, 'must be an email address of at most 254 characters')
        .pipe(z.email('must be an email address'))
        .transform((e) => e.toLowerCase()),
    }),
    z.strictObject({ kind: z.literal('complaints-officer') }),
    z.strictObject({ kind: z.literal('none') }),
  ],
  { error: expected('one of {"kind":"person","email":…}, {"kind":"complaints-officer"}, {"kind":"none"}') },
);

/**
 * The schema of the intake body, before the checks that need the clock or decode the PDF.
 *
 * @example
 * IntakeBodySchema.safeParse(JSON.parse(body)).success;
 */
export const IntakeBodySchema = z.strictObject(
  {
    externalId: bounded(text('the Mind Of My Own statement id'), 128, /^[\x21-\x7E]+$/, 'must be 1–128 printable characters without spaces'),
    sentAt: text('an ISO 8601 instant with Z or an offset').max(40, 'must be an ISO 8601 instant with Z or an offset, e.g. 2026-11-23T10:00:00Z'),
    child: z.strictObject(
      {
        reference: bounded(
          text('the child’s case reference'),
          64,
          /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/,
          'must be a case reference of 1–64 letters, digits or . _ : / -',
        ),
        // Initials only: anything else could be a name, which Heard must never hold.
        initials: bounded(text('the child’s initials'), MAX_CHILD_INITIALS_LENGTH, CHILD_INITIALS_PATTERN, CHILD_INITIALS_RULE),
      },
      { error: expected('an object {reference, initials}') },
    ),
    type: bounded(text('the statement type'), 64, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a statement type in lower-case-kebab, e.g. my-world'),
    intendedRecipient: recipientSchema,
    flags: z.strictObject(
      {
        complaint: flag(),
        safetyLink: flag(),
        unidentified: flag(),
      },
      { error: expected('an object {complaint, safetyLink, unidentified}') },
    ),
    pdf: text('the statement PDF in base64'),
  },
  { error: 'must be a JSON object' },
);

/** @example const code: IntakeBodyErrorCode = 'PDF_TOO_LARGE'; */
export type IntakeBodyErrorCode = 'INVALID_BODY' | 'PDF_INVALID' | 'PDF_TOO_LARGE';

/** One thing wrong with a body: where and what. @example const i: IntakeIssue = { path: 'child.initials', message: CHILD_INITIALS_RULE }; */
export interface IntakeIssue {
  path: string;
  message: string;
}

/**
 * A body turned into an intake request, or the reason it was refused (with its HTTP status).
 *
 * @example
 * const r: IntakeBodyResult = { ok: false, status: 400, code: 'INVALID_BODY', message: 'child.initials: must be …', issues: [...] };
 */
export type IntakeBodyResult =
  | { ok: true; request: IntakeRequest }
  | { ok: false; status: 400 | 413; code: IntakeBodyErrorCode; message: string; issues: IntakeIssue[] };

/**
 * Validates a parsed JSON body and turns it into the domain's intake request: the
 * schema, then the sending time against `now`, then the PDF (strict base64, at most
 * `maxPdfBytes` once decoded, starting `%PDF-`).
 *
 * @example
 * const r = parseIntakeBody(JSON.parse(raw), { maxPdfBytes: DEFAULT_MAX_PDF_BYTES, now: 1795255200 });
 * if (r.ok) await service.receive(r.request, 'api');
 */
export function parseIntakeBody(value: unknown, options: { maxPdfBytes: number; now: number }): IntakeBodyResult {
  const parsed = IntakeBodySchema.safeParse(value);
  if (!parsed.success) return refuse(400, 'INVALID_BODY', parsed.error.issues.map(issueOf));
  const body = parsed.data;

  let sentAt: number;
  try {
    sentAt = parseInstant(body.sentAt);
  } catch {
    return refuse(400, 'INVALID_BODY', [{ path: 'sentAt', message: 'must be a real ISO 8601 instant with Z or an offset, e.g. 2026-11-23T10:00:00Z' }]);
  }
  const sentAtIssue = sentAtProblem(sentAt, options.now);
  if (sentAtIssue) return refuse(400, 'INVALID_BODY', [{ path: 'sentAt', message: sentAtIssue }]);

  const pdf = decodePdf(body.pdf, options.maxPdfBytes);
  if (!pdf.ok) return refuse(pdf.status, pdf.code, [{ path: 'pdf', message: pdf.message }]);

  return {
    ok: true,
    request: {
      externalId: body.externalId,
      sentAt,
      child: { reference: body.child.reference, initials: body.child.initials },
      type: body.type,
      intendedRecipient: body.intendedRecipient,
      flags: body.flags,
      pdf: pdf.bytes,
    },
  };
}

function decodePdf(
  base64: string,
  maxPdfBytes: number,
): { ok: true; bytes: Buffer } | { ok: false; status: 400 | 413; code: 'PDF_INVALID' | 'PDF_TOO_LARGE'; message: string } {
  // Size from the length alone, before decoding anything.
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const decodedLength = Math.floor(base64.length / 4) * 3 - padding;
  if (decodedLength > maxPdfBytes) {
    return { ok: false, status: 413, code: 'PDF_TOO_LARGE', message: `must be at most ${maxPdfBytes} bytes once decoded` };
  }
  const notBase64 = { ok: false, status: 400, code: 'PDF_INVALID', message: 'must be the PDF in standard base64 (A–Z a–z 0–9 + /, padded with =)' } as const;
  // No regular expression over the whole text (megabytes): one character-class scan, then
  // a round trip, which refuses misplaced padding and non-canonical spellings alike.
  if (base64.length === 0 || base64.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(base64)) return notBase64;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.toString('base64') !== base64) return notBase64;
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    return { ok: false, status: 400, code: 'PDF_INVALID', message: 'must be a PDF (it has to start with %PDF-)' };
  }
  return { ok: true, bytes };
}

function refuse(status: 400 | 413, code: IntakeBodyErrorCode, all: IntakeIssue[]): IntakeBodyResult {
  const issues = all.slice(0, MAX_ISSUES);
  const more = all.length > issues.length ? ` (and ${all.length - issues.length} more)` : '';
  return { ok: false, status, code, message: issues.map((i) => `${i.path}: ${i.message}`).join('; ') + more, issues };
}

function issueOf(issue: z.core.$ZodIssue): IntakeIssue {
  const path = issue.path.length === 0 ? '(body)' : issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  if (issue.code === 'unrecognized_keys') {
    // Name the unknown fields, but never echo an unbounded amount of the sender's text.
    const keys = issue.keys.slice(0, 5).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
    return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys.join(', ')}${issue.keys.length > 5 ? ', …' : ''}` };
  }
  return { path, message: issue.message };
}
