import type { AuditEvent } from './audit-event';

/**
 * The latest hand-back of a statement, if nothing has assigned it since (the audit trail
 * is in the order things happened).
 *
 * @example
 * lastHandBack(await store.audit.listForStatement('st_1'))?.actor.id; // 'p_sam'
 */
export function lastHandBack(audit: readonly AuditEvent[]): AuditEvent | null {
  for (let i = audit.length - 1; i >= 0; i--) {
    const e = audit[i];
    if (e.action === 'statement-handed-back') return e;
    if (e.action === 'statement-assigned' || e.action === 'statement-reassigned' || e.action === 'statement-hand-back-undone') return null;
  }
  return null;
}
