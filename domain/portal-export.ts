import { z } from 'zod';
import { parseInstant } from '../standards';
import { CHILD_INITIALS_RULE, isChildInitials } from './child-initials';
import type { ImportProblem } from './directory-import';
import { sentAtProblem, type IntakeRequest } from './intake-request';

/**
 * Validating rows of a Mind Of My Own portal export (as CSV columns) into intake
 * requests. The PDF is named by a path relative to the export and read at the edge.
 */

/** The columns Heard reads from an export. @example PORTAL_EXPORT_COLUMNS[0]; // 'statement_id' */
export const PORTAL_EXPORT_COLUMNS = [
  'statement_id',
  'sent_at',
  'child_reference',
  'child_initials',
  'statement_type',
  'recipient',
  'complaint',
  'safety_link',
  'unidentified',
  'pdf_file',
] as const;

const yesNo = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '' || v === 'no' || v === 'false' || v === '0') return false;
    if (v === 'yes' || v === 'true' || v === '1') return true;
    ctx.addIssue({ code: 'custom', message: 'must be yes or no' });
    return z.NEVER;
  });

const RowSchema = z
  .object({
    statement_id: z.string().trim().min(1, 'is empty').max(100, 'is longer than 100 characters'),
    sent_at: z
      .string()
      .trim()
      .transform((v, ctx) => {
        try {
          return parseInstant(v);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
          return z.NEVER;
        }
      }),
    child_reference: z.string().trim().min(1, 'is empty').max(50, 'is longer than 50 characters'),
    child_initials: z.string().trim().refine(isChildInitials, CHILD_INITIALS_RULE),
    statement_type: z.string().trim().min(1, 'is empty').max(60, 'is longer than 60 characters'),
    recipient: z.string().trim().optional().default(''),
    complaint: yesNo,
    safety_link: yesNo,
    unidentified: yesNo,
    pdf_file: z.string().trim().optional().default(''),
  })
  .strict();

/** A validated row: the intake request without its PDF, and the PDF's relative path. */
export interface PortalExportRow {
  line: number;
  request: Omit<IntakeRequest, 'pdf'>;
  pdfFile: string | null;
}

/**
 * Validates every row; any problem means nothing is imported.
 *
 * @example
 * validatePortalExport([{ line: 2, row: { statement_id: 'S-1', sent_at: '2026-11-21T10:00:00Z', ... } }], now);
 */
export function validatePortalExport(
  rows: { line: number; row: unknown }[],
  now: number,
): { ok: true; rows: PortalExportRow[] } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const valid: PortalExportRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, row } of rows) {
    const r = RowSchema.safeParse(row);
    if (!r.success) {
      for (const issue of r.error.issues) problems.push({ line, field: issue.path.map(String).join('.') || null, message: issue.message });
      continue;
    }
    const d = r.data;
    const sentAtIssue = sentAtProblem(d.sent_at, now);
    if (sentAtIssue) {
      problems.push({ line, field: 'sent_at', message: sentAtIssue });
      continue;
    }
    const first = seen.get(d.statement_id);
    if (first !== undefined) {
      problems.push({ line, field: 'statement_id', message: `appears again (first on line ${first})` });
      continue;
    }
    seen.set(d.statement_id, line);
    const recipient = d.recipient;
    let intendedRecipient: IntakeRequest['intendedRecipient'];
    if (recipient === '') intendedRecipient = { kind: 'none' };
    else if (/^complaints officer$/i.test(recipient)) intendedRecipient = { kind: 'complaints-officer' };
    else if (z.email().safeParse(recipient.toLowerCase()).success) intendedRecipient = { kind: 'person', email: recipient.toLowerCase() };
    else {
      problems.push({ line, field: 'recipient', message: 'must be an e-mail address, "Complaints Officer", or empty for no allocated worker' });
      continue;
    }
    valid.push({
      line,
      request: {
        externalId: d.statement_id,
        sentAt: d.sent_at,
        child: { reference: d.child_reference, initials: d.child_initials },
        type: d.statement_type,
        intendedRecipient,
        flags: { complaint: d.complaint, safetyLink: d.safety_link, unidentified: d.unidentified },
      },
      pdfFile: d.pdf_file === '' ? null : d.pdf_file,
    });
  }
  return problems.length > 0 ? { ok: false, problems: problems.sort((a, b) => a.line - b.line) } : { ok: true, rows: valid };
}
