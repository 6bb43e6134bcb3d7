/**
 * A broadcast: one message the participation team sends to many people's personal chats
 * — a notice to a team, a role or everyone, or the news of a reassignment to everyone it
 * affects — kept in the store as a queue of recipients, so that it survives a crash,
 * resumes where it stopped, sends nobody anything twice and can be cancelled in flight.
 */

/** @example const k: BroadcastKind = 'notice'; */
export type BroadcastKind = 'notice' | 'reassignment';

/** `sending` while any recipient is still to be tried; `done` when none is; `cancelled` when stopped. @example const s: BroadcastState = 'sending'; */
export type BroadcastState = 'sending' | 'done' | 'cancelled';

/**
 * @example
 * const b: Broadcast = { id: 'bc_1', kind: 'notice', createdBy: 'p_jo', createdAt: 1795255200, audience: 'Riverside children in care team',
 *   title: 'Office closed Friday', body: 'The office is closed on Friday for training.', handoverId: null, askRead: true,
 *   state: 'sending', finishedAt: null, cancelledBy: null, report: null, version: 1 };
 */
export interface Broadcast {
  /** The id is the idempotency key of the confirmation that made it: confirming twice makes one broadcast. */
  id: string;
  kind: BroadcastKind;
  /** Who confirmed it (a person's id): they get the delivery report. */
  createdBy: string;
  createdAt: number;
  /** Who it is for, in words: "Riverside children in care team", "all managers", "everyone". */
  audience: string;
  /** A notice's title and text, as the officer typed them; for a reassignment, its one-line summary. */
  title: string;
  body: string;
  /** A reassignment's handover (the statements and clocks that moved), else null. */
  handoverId: string | null;
  /** Whether the message carries "I've read this" (notices do). */
  askRead: boolean;
  state: BroadcastState;
  /** When the last recipient was settled, or it was cancelled. */
  finishedAt: number | null;
  cancelledBy: string | null;
  /** The delivery report card in the officer's personal chat, updated in place as sends complete. */
  report: { aadObjectId: string; activityId: string } | null;
  version: number;
}

/**
 * Where one recipient is: `pending` (not tried yet), `retrying` (Teams kept failing; tried
 * again later), `delivered`, `unconfirmed` (the process stopped as it went: sent or lost,
 * never sent again), `not-installed` (Heard is not installed for them, or Teams refused:
 * `reason` says which), `failed` (gave up after its attempts), `cancelled` (the broadcast
 * was cancelled before it went).
 *
 * @example const s: RecipientState = 'delivered';
 */
export type RecipientState = 'pending' | 'retrying' | 'delivered' | 'unconfirmed' | 'not-installed' | 'failed' | 'cancelled';

/** @example RECIPIENT_STATES.includes('retrying'); // true */
export const RECIPIENT_STATES: readonly RecipientState[] = ['pending', 'retrying', 'delivered', 'unconfirmed', 'not-installed', 'failed', 'cancelled'];

/** States a recipient is still to be tried in. @example TO_SEND.includes('pending'); // true */
export const TO_SEND: readonly RecipientState[] = ['pending', 'retrying'];

/**
 * What one recipient gets: the notice; for a reassignment, `new-holder` (what is now
 * theirs; their statement cards come as well), `previous-holder` (what moved away, and
 * to whom) or `manager` (a summary for the managers of both).
 *
 * @example const p: RecipientPart = 'previous-holder';
 */
export type RecipientPart = 'notice' | 'new-holder' | 'previous-holder' | 'manager';

/**
 * @example
 * const r: BroadcastRecipient = { broadcastId: 'bc_1', personId: 'p_sam', part: 'notice', state: 'pending', reason: null, attempts: 0,
 *   nextAttemptAt: 1795255200, lease: null, activityId: null, sentAt: null, readAt: null, version: 1 };
 */
export interface BroadcastRecipient {
  broadcastId: string;
  personId: string;
  part: RecipientPart;
  state: RecipientState;
  /** Why it did not arrive: `not-installed`, `forbidden` (403), `conversation-gone` (404), `error` (kept failing). */
  reason: string | null;
  /** Times Teams was asked and failed with something worth retrying (each time through the throttled sender's own retries). */
  attempts: number;
  /** When it may next be tried (its creation for a first try). */
  nextAttemptAt: number;
  /** The sender that has claimed it, until when (another takes over if it dies). */
  lease: { holder: string; until: number } | null;
  /** The Teams message id, once delivered: "I've read this" updates it in place. */
  activityId: string | null;
  sentAt: number | null;
  readAt: number | null;
  version: number;
}

/**
 * The idempotency key a recipient's message is recorded under in the nudge records (the
 * one mechanism by which nothing is ever sent twice).
 *
 * @example broadcastMessageKey('bc_1', 'p_sam'); // 'broadcast:bc_1:p_sam'
 */
export function broadcastMessageKey(broadcastId: string, personId: string): string {
  return `broadcast:${broadcastId}:${personId}`;
}
