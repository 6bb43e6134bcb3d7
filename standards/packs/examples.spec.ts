import { dueInstant } from '../due-instant';
import { formatInstant, parseInstant } from '../instant';
import { BUILT_IN_PACK_IDS, loadBuiltInPack, standardsOf } from '../pack-loader';
import { compileCalendar } from '../working-calendar';

/**
 * Every worked example in the packs was worked out by hand from the seed sentence and
 * the pack's reading of it; the engine must give the same instant. This is what tests
 * each `interpretation`.
 */
const calendar = compileCalendar({}, { from: 2020, to: 2032 });

describe.each([...BUILT_IN_PACK_IDS])('worked examples of pack %s', (id) => {
  const withExamples = standardsOf(loadBuiltInPack(id)).filter((s) => s.examples.length > 0);

  it('has examples for every interpretation', () => {
    const missing = standardsOf(loadBuiltInPack(id)).filter((s) => s.interpretation !== null && s.examples.length === 0);
    expect(missing.map((s) => s.id)).toEqual([]);
  });

  if (withExamples.length > 0) {
    it.each(withExamples.flatMap((s) => s.examples.map((e) => [s.id, e.at, e.due, s] as const)))(
      '%s from %s is due %s',
      (_id, at, due, standard) => {
        expect(formatInstant(dueInstant(standard, parseInstant(at), calendar))).toBe(formatInstant(parseInstant(due)));
      },
    );
  }
});
