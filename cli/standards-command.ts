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
 * A plain-text table for people reading a terminal.
 *
 * @example
 * standardsTable(listStandards('momo'));
 */
export function standardsTable(standards: Standard[]): string {
  return standards
    .map((s) => {
      const clock = `${s.direction === 'before' ? 'before: ' : ''}${s.clock}${s.amount === null ? '' : ` ${s.amount}`}`;
      return `${s.id.padEnd(48)} ${clock.padEnd(26)} ${s.title}`;
    })
    .join('\n');
}
