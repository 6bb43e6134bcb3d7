import { BUILT_IN_PACK_IDS, loadBuiltInStandards, type Standard } from '../standards';
import { UsageError } from './usage-error';

/**
 * The standards of all built-in packs, or of one, in the stable JSON shape of
 * interfaces.md (every field of the pack, the pack id, and the source document), with
 * `trigger` (the event match that starts the clock) and `stops` (the matches of which
 * any one meets it) in the vocabulary of `standards/vocabulary.yaml`.
 *
 * @example
 * listStandards('momo')[0].id; // 'momo.1.1'
 */
export function listStandards(packId?: string): Standard[] {
  if (packId !== undefined && !(BUILT_IN_PACK_IDS as readonly string[]).includes(packId)) {
    throw new UsageError(`unknown pack "${packId}": use ${BUILT_IN_PACK_IDS.join(', ')}`);
  }
  const all = loadBuiltInStandards();
  return packId === undefined ? all : all.filter((s) => s.pack === packId);
}

/**
 * A plain-text table for people reading a terminal: a header row, then one row per
 * standard, the columns as wide as their longest entry.
 *
 * @example
 * standardsTable(listStandards('momo')).split('\n')[0]; // 'STANDARD  CLOCK  TITLE' (padded)
 */
export function standardsTable(standards: Standard[]): string {
  const rows = [
    ['STANDARD', 'CLOCK', 'TITLE'],
    ...standards.map((s) => [s.id, `${s.direction === 'before' ? 'before: ' : ''}${s.clock}${s.amount === null ? '' : ` ${s.amount}`}`, s.title]),
  ];
  const idWidth = Math.max(...rows.map((r) => r[0].length));
  const clockWidth = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([id, clock, title]) => `${id.padEnd(idWidth)}  ${clock.padEnd(clockWidth)}  ${title}`).join('\n');
}
