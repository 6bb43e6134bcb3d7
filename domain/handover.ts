/**
 * A handover: one person's open work — every open statement assigned to them and every
 * other open obligation they own — moved to someone else in one confirmed, audited
 * operation, optionally until a date, after which whatever is still with the new holder
 * moves back. Kept in the store so that confirming twice moves nothing twice, a crash
 * half way is finished later, and the move back happens whichever instance is running.
 */

/**
 * `applying`: recorded, moves under way (a crash here is finished by the next sweep or a
 * retry); `active`: moved, to move back at `returnAt`; `returned`: moved back; `done`:
 * moved for good.
 *
 * @example const s: HandoverState = 'active';
 */
export type HandoverState = 'applying' | 'active' | 'returned' | 'done';

/**
 * @example
 * const h: Handover = { id: 'ho_fl_1', fromId: 'p_sam', toId: 'p_ali', createdBy: 'p_priya', createdAt: 1795255200,
 *   until: '2026-11-27', returnAt: 1795824000, statementIds: ['st_1'], obligationIds: ['ob_9'], moved: null,
 *   returned: null, state: 'applying', returnedAt: null, version: 1 };
 */
export interface Handover {
  /** The idempotency key of the confirmation (from the preview's id). */
  id: string;
  fromId: string;
  toId: string;
  createdBy: string;
  createdAt: number;
  /** The last local day the work stays with `toId`; null: for good. */
  until: string | null;
  /** When it moves back: 00:00 local of the day after `until`; null when for good. */
  returnAt: number | null;
  /** The statements the preview showed (each moved if still with `fromId`). */
  statementIds: string[];
  /** The other open obligations of `fromId` the preview showed (case, staff or statement clocks not tied to a moved statement). */
  obligationIds: string[];
  /** What did move (some may have been done or moved by someone else meanwhile); null until applied. */
  moved: { statementIds: string[]; obligationIds: string[] } | null;
  /** What moved back (what was still open and with `toId`); null until it does. */
  returned: { statementIds: string[]; obligationIds: string[] } | null;
  state: HandoverState;
  returnedAt: number | null;
  version: number;
}
