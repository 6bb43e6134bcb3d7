import type { Standard } from '../standards';

/** Words that say nothing about which standard is meant. */
const STOP = new Set(
  ('a an the of to for in on at by and or is are be do does i we you my our it its what whats how long many much have has got ' +
    'timescale timescales deadline deadlines standard standards rule rules say says said about within must should need needs when ' +
    'soon quickly often time take takes me tell please can could there this that with from after before').split(' '),
);

/** Words people use for what a standard's own words say. */
const SYNONYMS: Readonly<Record<string, string[]>> = {
  open: ['download', 'view'],
  read: ['download', 'view'],
  download: ['view'],
  acknowledge: ['acknowledg', 'let', 'know', 'receiv'],
  tell: ['let', 'know', 'inform'],
  save: ['record', 'liquid', 'logic'],
  record: ['save'],
  assign: ['allocat'],
  allocat: ['assign'],
  visit: ['visit', 'seen'],
  see: ['visit', 'seen'],
  review: ['review'],
  complain: ['complaint'],
  complaint: ['complain'],
};

function stem(word: string): string {
  return word
    .toLowerCase()
    .replace(/(ing|ed|es|s|ment|ments)$/, '')
    .replace(/e$/, '');
}

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !STOP.has(w)).map(stem).filter((w) => w.length > 1);
}

/**
 * The standard a question is about: by its number when one is named (`2.1`, `momo.2.1`),
 * else the one whose title (and source sentence) share the most telling words with the
 * question, statement-handling (momo) standards first when the question is about a
 * statement. Null when nothing fits.
 *
 * @example
 * findStandard(standards, null, 'how long do i have to open a statement')?.id; // 'momo.2.1'
 */
export function findStandard(standards: Standard[], ref: string | null, question: string): Standard | null {
  if (ref) {
    const exact = standards.find((s) => s.id === ref);
    if (exact) return exact;
    const byRef = standards.filter((s) => s.source.ref === ref || s.id.endsWith(`.${ref}`));
    return byRef.find((s) => s.pack === 'momo') ?? byRef[0] ?? null;
  }
  const query = wordsOf(question);
  const expanded = new Set(query.flatMap((w) => [w, ...(SYNONYMS[w] ?? [])]));
  if (expanded.size === 0) return null;
  const documents = standards.map((s) => ({ s, title: new Set(wordsOf(s.title)), quote: new Set(wordsOf(s.source.quote)) }));
  const df = new Map<string, number>();
  for (const d of documents) for (const w of new Set([...d.title, ...d.quote])) df.set(w, (df.get(w) ?? 0) + 1);
  const aboutStatements = query.includes('statement');
  let best: { s: Standard; score: number } | null = null;
  for (const d of documents) {
    let score = 0;
    for (const w of expanded) {
      const idf = Math.log(1 + documents.length / (1 + (df.get(w) ?? 0)));
      if (d.title.has(w)) score += 2 * idf;
      else if (d.quote.has(w)) score += idf;
    }
    if (aboutStatements && d.s.pack === 'momo') score *= 1.5;
    if (!best || score > best.score) best = { s: d.s, score };
  }
  return best && best.score >= 3 ? best.s : null;
}
