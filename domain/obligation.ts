/**
 * An obligation is one open instance of a standard's clock: "statement st_01 must be
 * opened by p_sam by 14:00". Opened by a trigger event, met by the standard's stop event.
 */

/** @example const s: ObligationStatus = 'open'; */
export type ObligationStatus = 'open' | 'met' | 'cancelled';

/**
 * @example
 * const o: Obligation = { id: 'ob_1', standardId: 'momo.2.1', statementId: 'st_01', ownerId: 'p_sam', ownerRole: 'recipient', triggeredAt: 1795255200, due: 1795280400, status: 'open', completedAt: null, nextNudgeAt: 1795262400, lease: null, version: 1 };
 */
export interface Obligation {
  id: string;
  standardId: string;
  statementId: string;
  /** The person who must meet it, or null while it sits with a team (e.g. the participation team queue). */
  ownerId: string | null;
  /** The standard's owner role. */
  ownerRole: string;
  triggeredAt: number;
  due: number;
  status: ObligationStatus;
  completedAt: number | null;
  /** When the scheduler should next look at it (null: nothing more to send). */
  nextNudgeAt: number | null;
  /** The scheduler instance that has claimed the next nudge, until when (a lease that expires if it dies). */
  lease: { holder: string; until: number } | null;
  version: number;
}
