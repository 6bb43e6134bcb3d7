import type { BroadcastRecipient } from '../domain/broadcast';

/**
 * Checks on the arguments repository methods take, shared by both adapters so that a
 * bad argument fails the same way whichever store is configured.
 */

const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Returns the row limit to apply (`undefined`: no limit). Refuses anything but a whole
 * number ≥ 0 with a RangeError naming the argument.
 *
 * @example
 * checkLimit(undefined, 'limit'); // undefined
 * checkLimit(20, 'limit'); // 20
 * checkLimit(-1, 'limit'); // throws RangeError
 */
export function checkLimit(limit: number | undefined, name: string): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`${name} must be a whole number of at least 0, got ${String(limit)}`);
  }
  return limit;
}

/**
 * Refuses a lease length that is not a whole number of seconds above 0.
 *
 * @example
 * checkLeaseSeconds(60); // 60
 * checkLeaseSeconds(0); // throws RangeError
 */
export function checkLeaseSeconds(leaseSeconds: number): number {
  if (!Number.isSafeInteger(leaseSeconds) || leaseSeconds <= 0) {
    throw new RangeError(`leaseSeconds must be a whole number above 0, got ${String(leaseSeconds)}`);
  }
  return leaseSeconds;
}

/**
 * Refuses an instant that is not a whole number of seconds since the epoch.
 *
 * @example
 * checkInstant(1795255200, 'now'); // 1795255200
 * checkInstant(Number.NaN, 'now'); // throws RangeError
 */
export function checkInstant(instant: number, name: string): number {
  if (!Number.isSafeInteger(instant)) {
    throw new RangeError(`${name} must be an instant in whole seconds since the epoch, got ${String(instant)}`);
  }
  return instant;
}

/**
 * Refuses text that is not a local date `YYYY-MM-DD`. Both stores compare such dates as
 * text, which orders them correctly only in exactly this form.
 *
 * @example
 * checkLocalDate('2026-11-23', 'onDate'); // '2026-11-23'
 * checkLocalDate('23/11/2026', 'onDate'); // throws RangeError
 */
export function checkLocalDate(date: string, name: string): string {
  if (typeof date !== 'string' || !LOCAL_DATE.test(date)) {
    throw new RangeError(`${name} must be a local date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return date;
}

/**
 * Refuses an absence whose dates are malformed or that ends before it starts.
 *
 * @example
 * checkAbsenceDates({ id: 'ab_1', from: '2026-11-23', until: '2026-11-27' }); // passes
 * checkAbsenceDates({ id: 'ab_1', from: '2026-11-27', until: '2026-11-23' }); // throws RangeError
 */
export function checkAbsenceDates(absence: { id: string; from: string; until: string }): void {
  checkLocalDate(absence.from, `absence ${absence.id} from`);
  checkLocalDate(absence.until, `absence ${absence.id} until`);
  if (absence.until < absence.from) {
    throw new RangeError(`absence ${absence.id} ends (${absence.until}) before it starts (${absence.from})`);
  }
}

/**
 * The key people are found by email with: trimmed and lower-cased the same way in both
 * stores (JavaScript's locale-independent lower case, not the database's).
 *
 * @example
 * emailKey(' Sam.Example@Example.ORG '); // 'sam.example@example.org'
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Serialises a setting's value as JSON, refusing values JSON cannot hold (undefined, a
 * function, a symbol) instead of silently storing nothing.
 *
 * @example
 * settingJson('calendar', { division: 'england-and-wales' }); // '{"division":"england-and-wales"}'
 * settingJson('calendar', undefined); // throws TypeError
 */
export function settingJson(key: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) {
    throw new TypeError(`setting ${key}: the value must be JSON (got ${typeof value})`);
  }
  return json;
}

/**
 * The JSON text of a conversation flow's state, refusing a state JSON cannot hold and a
 * start that is not an instant.
 *
 * @example
 * flowStateJson({ personId: 'p_sam', state: { step: 'until' }, startedAt: 1795255200 }); // '{"step":"until"}'
 */
export function flowStateJson(flow: { personId: string; state: unknown; startedAt: number }): string {
  checkInstant(flow.startedAt, 'startedAt');
  const json = JSON.stringify(flow.state);
  if (json === undefined) throw new TypeError(`the flow of ${flow.personId}: the state must be JSON (got ${typeof flow.state})`);
  return json;
}

/**
 * Refuses a rota shift that is not a duty role's, whose instants are not whole seconds, or
 * that ends before it starts.
 *
 * @example
 * checkRotaShift({ id: 'rs_1', role: 'duty-manager', personId: 'p_dev', from: 100, until: 200 }); // passes
 * checkRotaShift({ id: 'rs_1', role: 'duty-manager', personId: 'p_dev', from: 200, until: 100 }); // throws RangeError
 */
export function checkRotaShift(shift: { id: string; role: string; from: number; until: number }): void {
  checkDutyRole(shift.role, `shift ${shift.id}`);
  checkInstant(shift.from, `shift ${shift.id} from`);
  checkInstant(shift.until, `shift ${shift.id} until`);
  if (shift.until <= shift.from) throw new RangeError(`shift ${shift.id} ends before it starts`);
}

/**
 * Refuses a role that is not one of the duty rota's (`duty-officer`, `duty-manager`).
 *
 * @example
 * checkDutyRole('duty-manager', 'period.roles'); // passes
 * checkDutyRole('worker', 'period.roles'); // throws RangeError
 */
export function checkDutyRole(role: string, name: string): void {
  if (role !== 'duty-officer' && role !== 'duty-manager') throw new RangeError(`${name}: ${JSON.stringify(role)} is not a duty role`);
}

/**
 * Refuses a broadcast's recipients when one is listed twice or belongs to another
 * broadcast, before anything is written.
 *
 * @example
 * checkRecipients('bc_1', [{ broadcastId: 'bc_1', personId: 'p_sam' }]); // passes
 */
export function checkRecipients(broadcastId: string, recipients: readonly Pick<BroadcastRecipient, 'broadcastId' | 'personId'>[]): void {
  const seen = new Set<string>();
  for (const r of recipients) {
    if (r.broadcastId !== broadcastId) throw new RangeError(`recipient ${r.personId} belongs to broadcast ${r.broadcastId}, not ${broadcastId}`);
    if (seen.has(r.personId)) throw new RangeError(`broadcast ${broadcastId} lists ${r.personId} twice`);
    seen.add(r.personId);
  }
}
