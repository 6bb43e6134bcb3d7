/**
 * One line of the audit trail: who did what, when, through which channel. Details carry
 * ids and codes only — never names or statement text.
 *
 * @example
 * const e: AuditEvent = { id: 'au_1', at: 1795255260, actor: { kind: 'system', id: 'intake' }, action: 'statement-received', statementId: 'st_01', channel: 'api', details: { externalId: 'momo-123' } };
 */
export interface AuditEvent {
  id: string;
  at: number;
  actor: { kind: 'person' | 'system'; id: string };
  action: string;
  statementId: string | null;
  /** The case it is about, for case work (absent or null otherwise). */
  caseId?: string | null;
  /** The setting a change of the organisation's configuration is about (absent or null otherwise). */
  setting?: string | null;
  channel: 'api' | 'csv' | 'card' | 'message' | 'scheduler' | 'cli' | 'download';
  details: Record<string, string | number | boolean | null>;
}
