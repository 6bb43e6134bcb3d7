import { BUILT_IN_PACK_IDS, loadBuiltInStandards, type Standard } from '../standards';
import { applyOverrides, type StandardOverrides } from '../domain/standard-overrides';
import { textTable } from './text-table';
import { UsageError } from './usage-error';

/**
 * A standard as `heard standards --json` prints it: the pack's own reading (the stable
 * keys of interfaces.md) and, under `configured`, the council's when it changed it (the
 * `standards` setting): switched off, or another clock, amount or interpretation, with
 * its reason. `null` when the council reads it as the pack does.
 *
 * @example
 * const row: StandardRow = { ...momo21, configured: { disabled: false, clock: 'working-hours', amount: 5, interpretation: null, reason: 'Cabinet decision 14/2026' } };
 */
export type StandardRow = Standard & {
  configured: { disabled: boolean; clock: Standard['clock']; amount: number | null; interpretation: string | null; reason: string } | null;
};

/**
 * The standards of all built-in packs, or of one, in the stable JSON shape of
 * interfaces.md (every field of the pack, the pack id, and the source document), with
 * `trigger` (the event match that starts the clock) and `stops` (the matches of which
 * any one meets it) in the vocabulary of `standards/vocabulary.yaml`, and `configured`:
 * the organisation's reading, where `overrides` (its `standards` setting) changes one.
 *
 * @example
 * listStandards('momo')[0].id; // 'momo.1.1'
 */
export function listStandards(packId?: string, overrides: StandardOverrides = {}): StandardRow[] {
  if (packId !== undefined && !(BUILT_IN_PACK_IDS as readonly string[]).includes(packId)) {
    throw new UsageError(`unknown pack "${packId}": use ${BUILT_IN_PACK_IDS.join(', ')}`);
  }
  const all = loadBuiltInStandards();
  const council = new Map(applyOverrides(all, overrides).map((s) => [s.id, s]));
  return (packId === undefined ? all : all.filter((s) => s.pack === packId)).map((s) => {
    const read = council.get(s.id)!;
    return {
      ...s,
      configured: read.override ? { disabled: read.override.disabled, clock: read.clock, amount: read.amount, interpretation: read.interpretation, reason: read.override.reason } : null,
    };
  });
}

/** `working-hours 7`, `before: working-days 10`. @example clockWords({ clock: 'weeks', amount: 1, direction: 'after' }); // 'weeks 1' */
export function clockWords(s: { clock: string; amount: number | null; direction?: string }): string {
  return `${s.direction === 'before' ? 'before: ' : ''}${s.clock}${s.amount === null ? '' : ` ${s.amount}`}`;
}

/**
 * A plain-text table for people reading a terminal: a header row, then one row per
 * standard, the columns as wide as their longest entry; when the council reads any of
 * them differently, a last column with its reading and why ("switched off: …").
 *
 * @example
 * standardsTable(listStandards('momo')).split('\n')[0]; // 'STANDARD  CLOCK  TITLE' (padded)
 */
export function standardsTable(standards: StandardRow[]): string {
  const changed = standards.some((s) => s.configured !== null);
  const council = (s: StandardRow) =>
    s.configured === null
      ? ''
      : `${s.configured.disabled ? 'switched off' : [clockWords({ ...s.configured, direction: s.direction }), s.configured.interpretation !== s.interpretation ? 'read differently' : ''].filter(Boolean).join(', ')}: ${s.configured.reason}`;
  return textTable([
    ['STANDARD', 'CLOCK', 'TITLE', ...(changed ? ["COUNCIL'S READING"] : [])],
    ...standards.map((s) => [s.id, clockWords(s), s.title, ...(changed ? [council(s)] : [])]),
  ]);
}
