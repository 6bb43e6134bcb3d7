import { readFileSync } from 'fs';
import { join } from 'path';
import { runParseBatch } from '../cli/parse-command';
import { formatScores, scoreLabelled } from './labelled-score';

/**
 * The labelled sets through `heard parse --batch`'s own code. The floors are what the
 * parser scored when these tests were written (README, "Understanding"): a change that
 * loses accuracy fails here. Run `npm run accuracy -- --misses` to see the misses.
 */
async function score(set: string) {
  const input = readFileSync(join(__dirname, 'labelled', `${set}.jsonl`), 'utf8');
  let output = '';
  await runParseBatch(input, (chunk) => {
    output += chunk;
  });
  const scores = scoreLabelled(input, output);
  process.stdout.write(`${formatScores(set, scores)}\n`);
  return scores;
}

describe('labelled messages', () => {
  it('has at least 150 held-out messages covering every intent', () => {
    const lines = readFileSync(join(__dirname, 'labelled', 'held-out.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(150);
    const intents = new Set(lines.map((l) => (JSON.parse(l) as { expect: { intent: string } }).expect.intent));
    expect(intents.size).toBe(14);
  });

  it('tuning set: (nearly) every message understood', async () => {
    const s = await score('tuning');
    expect(s.intentCorrect / s.total).toBeGreaterThanOrEqual(0.99);
    // The eighth round's hardest lines are kept though not all are read right (someone naming themself in the
    // third person, "Kerry is me"; questions forwarded with "can you check this:"): every field 98.5% when set.
    expect(s.fullCorrect / s.total).toBeGreaterThanOrEqual(0.98);
  }, 30000);

  // Each held-out set's floor: what it scored when the floor was set (README, "Understanding").
  const HELD_OUT: { set: string; name: string; minTotal: number; intent: number; full: number }[] = [
    { set: 'held-out', name: 'held-out set: at least the accuracy measured after the latest parser work', minTotal: 0, intent: 0.96, full: 0.92 },
    {
      set: 'held-out-2',
      name: 'second held-out set (issue 20, every role and case work, written apart from the parser): at least the accuracy measured after the second round of parser work',
      minTotal: 200,
      intent: 0.98,
      full: 0.94,
    },
    { set: 'held-out-3', name: 'third held-out set (written apart from the parser and every earlier set, scored once at first contact): at least that accuracy', minTotal: 200, intent: 0.97, full: 0.94 },
    {
      set: 'held-out-4',
      name: 'fourth held-out set (382 messages, written apart from the parser and every other set, scored once at first contact): at least that accuracy',
      minTotal: 300,
      intent: 0.96,
      full: 0.94,
    },
    {
      set: 'held-out-5',
      name: 'fifth held-out set (400 messages, written apart from the parser and every other set, scored once at first contact): at least that accuracy',
      minTotal: 400,
      intent: 0.96,
      full: 0.93,
    },
    {
      set: 'held-out-6',
      name: 'sixth held-out set (300 messages, written apart from the parser and every other set, scored once at first contact): at least that accuracy',
      minTotal: 300,
      intent: 0.96,
      full: 0.93,
    },
    {
      set: 'held-out-7',
      name: 'seventh held-out set (300 messages, written apart from the parser and every other set, scored once at first contact: 96.7%, 95.3% every field): at least that accuracy',
      minTotal: 300,
      intent: 0.96,
      full: 0.95,
    },
    {
      set: 'held-out-8',
      name: 'eighth held-out set (400 messages, written apart from the parser and every other set, scored once at first contact: 96.8%, 94.0% every field): at least that accuracy',
      minTotal: 400,
      intent: 0.96,
      full: 0.94,
    },
    {
      set: 'held-out-9',
      name: 'ninth held-out set (400 messages, written apart from the parser and every other set, scored once at first contact: 97.8%, 96.0% every field): at least that accuracy',
      minTotal: 400,
      intent: 0.975,
      full: 0.96,
    },
    {
      set: 'held-out-10',
      name: 'tenth held-out set (400 messages, written apart from the parser and every other set, scored once at first contact: 98.8%, 97.5% every field): at least that accuracy',
      minTotal: 400,
      intent: 0.985,
      full: 0.975,
    },
    {
      set: 'held-out-11',
      name: 'eleventh held-out set (400 messages, written apart from the parser and every other set, scored once at first contact: 99.3%, 97.0% every field): at least that accuracy',
      minTotal: 400,
      intent: 0.99,
      full: 0.97,
    },
    {
      set: 'held-out-12',
      name: 'twelfth held-out set (400 messages, written apart from the parser and every other set, scored once at first contact: 98.3%, 97.8% every field, every date range and last day right): at least that accuracy',
      minTotal: 400,
      intent: 0.98,
      full: 0.975,
    },
  ];

  it('twelfth held-out set, as at first contact: every date range and last day right (issue 20)', async () => {
    const s = await score('held-out-12');
    expect(s.misses.filter((m) => m.fields.includes('range') || m.fields.includes('until')).map((m) => m.text)).toEqual([]);
  }, 30000);

  it.each(HELD_OUT)('$name', async ({ set, minTotal, intent, full }) => {
    const s = await score(set);
    expect(s.total).toBeGreaterThanOrEqual(minTotal);
    expect(s.intentCorrect / s.total).toBeGreaterThanOrEqual(intent);
    expect(s.fullCorrect / s.total).toBeGreaterThanOrEqual(full);
  }, 30000);
});
