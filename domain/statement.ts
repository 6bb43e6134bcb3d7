/**
 * A statement a child or young person sent through Mind Of My Own, as Heard keeps it.
 * It carries a reference and initials only: never the child's name or the statement's
 * content (the PDF is stored separately and served through signed links).
 */

/** Where a statement is in its lifecycle (product.md, "The statement lifecycle"). */
export const STATEMENT_STATUSES = [
  'received',
  'queued',
  'assigned',
  'delivered',
  'opened',
  'acknowledged',
  'child-told',
  'saved',
  'closed',
  'duty-procedure',
] as const;

/** @example const s: StatementStatus = 'assigned'; */
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

/**
 * The statuses in which a statement still needs its assignee: assigned until it is saved
 * to the case record (or closed). Its card is worth sending, it counts as open work, and
 * moving a person's statements moves these.
 *
 * @example
 * OPEN_STATUSES.includes(statement.status); // true for an acknowledged statement
 */
export const OPEN_STATUSES: readonly StatementStatus[] = ['assigned', 'delivered', 'opened', 'acknowledged', 'child-told'];

/** Who the child meant the statement for. @example const r: IntendedRecipient = { kind: 'complaints-officer' }; */
export type IntendedRecipient =
  | { kind: 'person'; email: string }
  | { kind: 'complaints-officer' }
  | { kind: 'none' };

/** @example const f: StatementFlags = { complaint: false, safetyLink: true, unidentified: false }; */
export interface StatementFlags {
  complaint: boolean;
  safetyLink: boolean;
  unidentified: boolean;
}

/**
 * Who follows the duty procedure for an unidentified young person's statement. They are
 * never its assignees: "Do not assign the statement" (yjs), so they cannot download it.
 *
 * @example
 * const d: DutyHolders = { officerIds: ['p_dee'], managerIds: [] };
 */
export interface DutyHolders {
  /** The duty officers on the rota when it arrived (empty: nobody was on duty, so the participation team follows it). */
  officerIds: string[];
  /** The duty managers on the rota when the duty officer told them (after the records check). */
  managerIds: string[];
}

/**
 * @example
 * const s: Statement = { id: 'st_01', externalId: 'momo-123', sentAt: 1795255200, receivedAt: 1795255260, ... };
 */
export interface Statement {
  /** Heard's own id. */
  id: string;
  /** The Mind Of My Own statement id: unique, the key of idempotent intake. */
  externalId: string;
  /** When the child sent it (instant, seconds). */
  sentAt: number;
  /** When Heard received it. */
  receivedAt: number;
  /** The child's case reference and initials; never the full name. */
  child: { reference: string; initials: string };
  /** The Mind Of My Own statement type, e.g. `my-world`. */
  type: string;
  intendedRecipient: IntendedRecipient;
  flags: StatementFlags;
  status: StatementStatus;
  /** People the statement is assigned to (Safety Link: case manager and team manager). */
  assigneeIds: string[];
  /** The routing rule that placed it, e.g. `complaint`, `no-allocated-worker`, `queue`. */
  routedBy: string | null;
  /**
   * Set once a worker records it saved to the case record: where, and when (`savedAt`,
   * from which the retention policy counts; absent only on records of older builds).
   */
  caseRecord: { system: string; reference: string; savedAt?: number } | null;
  /** The stored PDF: its size and hash, and when it was purged after saving. */
  pdf: { bytes: number; sha256: string; purgedAt: number | null } | null;
  /**
   * An unidentified young person's statement: who follows the duty procedure. Absent on
   * every other statement (and on any stored before the procedure was kept).
   */
  duty?: DutyHolders;
  /** Optimistic-concurrency version, incremented on every update. */
  version: number;
  updatedAt: number;
}
