import { z } from 'zod';
import { CLOCKS, CLOCKS_WITHOUT_AMOUNT, clockRuleProblems, type Clock, type Standard } from '../standards';

/**
 * An organisation's changes to the standards of its packs (setting `standards`): a
 * standard switched off, or read differently — another clock, amount or interpretation —
 * always with the reason, so that anyone reading the standard sees both the pack's
 * reading and the council's, and why. The verbatim source sentence never changes.
 */

/** The reason is shown beside the reading, to workers and auditors: it must say something. */
const Reason = z
  .string({ error: (issue) => (issue.input === undefined ? 'give the reason for the change (reason): it is shown beside the reading' : 'must be text') })
  .trim()
  .min(10, 'say why, in at least 10 characters: the reason is shown beside the reading')
  .max(500, 'keep the reason under 500 characters');

/**
 * One standard's change as an administrator writes it. `amount` may be left out when the
 * clock changes: the pack's amount stays for a clock that takes one, and none for a
 * clock that takes none.
 *
 * @example
 * StandardOverrideSchema.parse({ amount: 5, reason: 'Cabinet decision 14/2026: five working hours' });
 */
export const StandardOverrideSchema = z
  .object({
    disabled: z.boolean().optional(),
    clock: z.enum(CLOCKS).optional(),
    amount: z.number().int('must be a whole number').min(1, 'must be at least 1').nullable().optional(),
    interpretation: z.string().trim().min(10, 'write the reading in at least 10 characters').max(2000).nullable().optional(),
    reason: Reason,
  })
  .strict()
  .refine((o) => o.disabled !== undefined || o.clock !== undefined || o.amount !== undefined || o.interpretation !== undefined, {
    message: 'change something: disabled, clock, amount or interpretation (with the reason)',
  });

/** @example const o: StandardOverride = { disabled: true, reason: 'Not used: no youth justice service here' }; */
export type StandardOverride = z.infer<typeof StandardOverrideSchema>;

/** @example const all: StandardOverrides = { 'momo.2.1': { amount: 5, reason: '…' } }; */
export type StandardOverrides = Record<string, StandardOverride>;

/**
 * The `standards` setting, checked against the standards it may change: every key a
 * standard of the built-in packs, and the reading it gives a sound clock for the
 * standard's direction (a standard counted back from an event cannot take `hours`).
 *
 * @example
 * standardOverridesSchema(loadBuiltInStandards()).parse({ 'momo.3.2': { disabled: true, reason: 'Reviews are recorded in Mosaic' } });
 */
export function standardOverridesSchema(standards: readonly Standard[]) {
  const byId = new Map(standards.map((s) => [s.id, s]));
  return z.record(z.string(), StandardOverrideSchema).superRefine((overrides, ctx) => {
    for (const [id, override] of Object.entries(overrides)) {
      const standard = byId.get(id);
      if (!standard) {
        ctx.addIssue({ code: 'custom', path: [id], message: `no standard "${id}" in the built-in packs (\`heard standards\` lists them)` });
        continue;
      }
      for (const problem of clockRuleProblems(readingOf(standard, override))) {
        ctx.addIssue({ code: 'custom', path: [id, ...problem.path], message: problem.message });
      }
    }
  });
}

/** The clock and amount a standard runs on with an override applied. */
function readingOf(standard: Standard, override: StandardOverride): { clock: Clock; amount: number | null; direction: Standard['direction']; modifier: Standard['modifier'] } {
  const clock = override.clock ?? standard.clock;
  const amount = override.amount !== undefined ? override.amount : CLOCKS_WITHOUT_AMOUNT.has(clock) ? null : standard.amount;
  return { clock, amount, direction: standard.direction, modifier: standard.modifier };
}

/**
 * The standards as the organisation reads them: each one it changed carries the
 * organisation's clock, amount and interpretation, and its {@link Standard.override}
 * keeps the pack's reading and the reason (or says it is switched off). Unchanged
 * standards are the pack's own objects.
 *
 * @example
 * const standards = applyOverrides(loadBuiltInStandards(), { 'momo.2.1': { amount: 5, reason: 'Cabinet decision 14/2026' } });
 * standards.find((s) => s.id === 'momo.2.1')?.amount; // 5
 */
export function applyOverrides(standards: readonly Standard[], overrides: StandardOverrides): Standard[] {
  return standards.map((s) => {
    const override = overrides[s.id];
    if (!override) return s;
    const { clock, amount } = readingOf(s, override);
    return {
      ...s,
      clock,
      amount,
      interpretation: override.interpretation !== undefined ? override.interpretation : s.interpretation,
      override: { disabled: override.disabled === true, reason: override.reason, pack: { clock: s.clock, amount: s.amount, interpretation: s.interpretation } },
    };
  });
}

/**
 * Whether a standard opens clocks in this organisation: its pack is enabled and the
 * organisation has not switched it off. A standard switched off still names the clocks
 * it opened before.
 *
 * @example
 * opensClocks(standard, new Set(['momo'])); // true for momo.2.1 unless switched off
 */
export function opensClocks(standard: Standard, packs: ReadonlySet<string>): boolean {
  return packs.has(standard.pack) && standard.override?.disabled !== true;
}
