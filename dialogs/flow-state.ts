import { z } from 'zod';
import { ROLES } from '../domain/person';

/**
 * A multi-turn flow in progress, as kept in the store (the flows port) between messages
 * and checked when read back. Fields a flow does not use keep their defaults, so a flow
 * saved by an older build (reassign, away) still reads.
 *
 * @example
 * FlowStateSchema.parse({ id: 'fl_1', flow: 'away', step: 'until', personId: 'p_sam', targetId: null, from: null, until: null, startedAt: 1795255200 });
 */
export const FlowStateSchema = z.object({
  id: z.string(),
  /** `reassign`: a person's work; `reassign-one`: chosen statements; `away`; `withdraw`: cancel leave or "I'm back"; `broadcast`: a notice. */
  flow: z.enum(['reassign', 'away', 'reassign-one', 'withdraw', 'broadcast']),
  /** The slot asked for last (what a bare answer fills), or `confirm` / `confirm-all` (a broadcast's second confirmation). */
  step: z.enum(['person', 'target', 'until', 'confirm', 'audience', 'text', 'confirm-all']),
  personId: z.string().nullable(),
  /** Reassign: who the work goes to. Away: the cover (`none` when nobody covers). */
  targetId: z.string().nullable(),
  /** First day of an absence, local date. */
  from: z.string().nullable(),
  /** Last day, local date; `none` for a reassignment with no end. */
  until: z.string().nullable(),
  /** How the end was said: `back-on` ("until Monday": back that day, the last day away the day before). */
  untilReading: z.enum(['back-on', 'last-day']).nullable().default(null),
  /** What the preview showed, and so what moves on Confirm. */
  statementIds: z.array(z.string()).default([]),
  obligationIds: z.array(z.string()).default([]),
  /** Withdraw: the absences to cancel or end; `back`: "I'm back" (ends today) rather than "cancel my leave". */
  absenceIds: z.array(z.string()).default([]),
  back: z.boolean().default(false),
  /** Broadcast: who it is for (a team, a role, everyone), and what it says. */
  audience: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('team'), teamId: z.string() }),
      z.object({ kind: z.literal('role'), role: z.enum(ROLES) }),
      z.object({ kind: z.literal('everyone') }),
    ])
    .nullable()
    .default(null),
  title: z.string().nullable().default(null),
  text: z.string().nullable().default(null),
  startedAt: z.number(),
});

/** @example const flow: FlowState = FlowStateSchema.parse(stored.state); */
export type FlowState = z.infer<typeof FlowStateSchema>;
