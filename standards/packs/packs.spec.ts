import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { z } from 'zod';
import { BUILT_IN_PACK_IDS, builtInPacksDir, loadBuiltInPack, loadBuiltInPacks, parsePack, PackError } from '../pack-loader';
import { findTimedSentences, normaliseForQuote } from '../timed-sentences';

/** The documents the packs quote, kept in the repository (`standards/sources/`, with where each comes from). */
const seedsDir = path.resolve(__dirname, '..', 'sources');

function seed(document: string): string {
  const file = path.join(seedsDir, document);
  if (!fs.existsSync(file)) {
    throw new Error(`seed document ${file} not found: every pack's document belongs in standards/sources/`);
  }
  return normaliseForQuote(fs.readFileSync(file, 'utf8'));
}

const UntimedSchema = z
  .object({
    document: z.string(),
    sentences: z.array(z.object({ quote: z.string().min(10), reason: z.string().min(10) }).strict()),
  })
  .strict();

/** Sentences the detector flags that set no timescale, each with the reason, from `<pack>/*.untimed.yaml`. */
function untimed(packId: string) {
  const dir = path.join(builtInPacksDir(), packId);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.untimed.yaml'))
    .flatMap((f) => UntimedSchema.parse(parse(fs.readFileSync(path.join(dir, f), 'utf8'))).sentences);
}

describe('built-in standards packs', () => {
  it('are the four packs of the seed documents 000-003', () => {
    expect(loadBuiltInPacks().map((p) => p.id)).toEqual([...BUILT_IN_PACK_IDS]);
  });

  describe.each([...BUILT_IN_PACK_IDS])('pack %s', (id) => {
    const pack = loadBuiltInPack(id);
    const text = seed(pack.document);

    it('quotes every standard verbatim from its seed document', () => {
      const missing = pack.standards.flatMap((s) => {
        const wanted = [s.source.quote, ...(s.source.timescale ? [s.source.timescale] : [])];
        return wanted.filter((q) => !text.includes(normaliseForQuote(q))).map((q) => `${s.id}: "${q}"`);
      });
      expect(missing).toEqual([]);
    });

    it('encodes every sentence that sets a timescale, or says why it is not one', () => {
      const quotes = pack.standards.flatMap((s) => [
        normaliseForQuote(s.source.quote),
        ...(s.source.timescale ? [normaliseForQuote(s.source.timescale)] : []),
      ]);
      const setAside = untimed(pack.id).map((u) => normaliseForQuote(u.quote));
      const uncovered = findTimedSentences(fs.readFileSync(path.join(seedsDir, pack.document), 'utf8')).filter(
        (sentence) =>
          !quotes.some((q) => q.includes(sentence) || (q.length >= 30 && sentence.includes(q))) &&
          !setAside.some((u) => u.includes(sentence) || (u.length >= 30 && sentence.includes(u))),
      );
      expect(uncovered).toEqual([]);
    });

    it('sets aside only sentences that are really in the document', () => {
      const stale = untimed(pack.id)
        .map((u) => u.quote)
        .filter((q) => !text.includes(normaliseForQuote(q)));
      expect(stale).toEqual([]);
    });
  });

  it('lists, per document, the standards encoded', () => {
    const packs = loadBuiltInPacks();
    const rows = packs.map((p) => {
      const byClock = new Map<string, number>();
      for (const s of p.standards) byClock.set(s.clock, (byClock.get(s.clock) ?? 0) + 1);
      return `${p.document}  ${p.id.padEnd(20)} ${String(p.standards.length).padStart(3)} standards  (${[...byClock]
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')})`;
    });
    process.stdout.write(`\nStandards encoded per seed document:\n  ${rows.join('\n  ')}\n`);
    for (const p of packs) expect(p.standards.length).toBeGreaterThan(0);
  });
});

describe('a malformed pack', () => {
  it('fails with the file, the line, the path inside it and what is wrong', () => {
    const yaml = [
      'id: demo',
      'title: Demo pack',
      'document: 000_demo.txt',
      'standards:',
      '  - id: demo.1',
      '    title: Open the statement',
      '    owner: recipient',
      '    subject: statement',
      '    trigger: statement-assigned',
      '    clock: working-hours',
      '    source: { section: "1", ref: "1", quote: "It must be opened quickly." }',
    ].join('\n');
    expect(() => parsePack(yaml, 'demo.yaml')).toThrow(PackError);
    try {
      parsePack(yaml, 'demo.yaml');
    } catch (e) {
      expect((e as PackError).problems).toEqual([
        'demo.yaml:5: standards[0].amount: clock "working-hours" needs a whole-number amount >= 1',
      ]);
    }
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => parsePack('id: demo\ntitle: [unclosed\n', 'broken.yaml')).toThrow(/broken\.yaml:\d+:/);
  });
});
