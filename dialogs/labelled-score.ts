/**
 * Scoring of `heard parse` against the labelled sets (dialogs/labelled/README.md):
 * intent, scope, range and until must match exactly; person and target ignoring case
 * and repeated spaces; `case` and `kind` exactly, on the lines whose `expect` has them.
 */

/** One labelled message and what was parsed, when they differ. */
export interface Miss {
  text: string;
  expected: Record<string, unknown>;
  got: Record<string, unknown>;
  fields: string[];
}

/** Scores of one labelled set. */
export interface Scores {
  total: number;
  intentCorrect: number;
  fullCorrect: number;
  perIntent: Record<string, { total: number; correct: number }>;
  misses: Miss[];
}

const FIELDS = ['intent', 'scope', 'range', 'person', 'target', 'until'] as const;
/** Scored only on lines that label them (sets written before issue 20 do not). */
const CASE_FIELDS = ['case', 'kind'] as const;

function sameName(a: unknown, b: unknown): boolean {
  const plain = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/\s+/g, ' ').trim() : v);
  return plain(a) === plain(b);
}

/**
 * Compares a labelled set (JSON lines with `expect`) with `heard parse --batch` output
 * (one line per input line, in order).
 *
 * @example
 * scoreLabelled(readFileSync('dialogs/labelled/tuning.jsonl', 'utf8'), output).intentCorrect;
 */
export function scoreLabelled(labelled: string, parsed: string): Scores {
  const inputs = labelled.split('\n').filter((l) => l.trim() !== '');
  const outputs = parsed.split('\n').filter((l) => l.trim() !== '');
  if (inputs.length !== outputs.length) throw new Error(`${inputs.length} labelled lines but ${outputs.length} parsed lines`);
  const scores: Scores = { total: 0, intentCorrect: 0, fullCorrect: 0, perIntent: {}, misses: [] };
  inputs.forEach((line, i) => {
    const { text, expect } = JSON.parse(line) as { text: string; expect: Record<string, unknown> };
    const got = JSON.parse(outputs[i]) as Record<string, unknown>;
    const fields = [...FIELDS, ...CASE_FIELDS.filter((f) => f in expect)];
    const wrong = fields.filter((f) =>
      f === 'person' || f === 'target' ? !sameName(expect[f], got[f]) : JSON.stringify(expect[f] ?? null) !== JSON.stringify(got[f] ?? null),
    );
    const intent = String(expect.intent);
    const bucket = (scores.perIntent[intent] ??= { total: 0, correct: 0 });
    scores.total++;
    bucket.total++;
    if (!wrong.includes('intent')) {
      scores.intentCorrect++;
      bucket.correct++;
    }
    if (wrong.length === 0) scores.fullCorrect++;
    else scores.misses.push({ text, expected: expect, got, fields: wrong });
  });
  return scores;
}

function pct(n: number, d: number): string {
  return d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`;
}

/** A plain-text table of one set's scores (and its misses when asked). */
export function formatScores(name: string, s: Scores, withMisses = false): string {
  const lines = [
    `${name}: ${s.total} messages — intent ${pct(s.intentCorrect, s.total)}, every field ${pct(s.fullCorrect, s.total)}`,
    ...Object.entries(s.perIntent)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([intent, b]) => `  ${intent.padEnd(15)} ${String(b.correct).padStart(3)}/${String(b.total).padEnd(3)} ${pct(b.correct, b.total)}`),
  ];
  if (withMisses) {
    for (const m of s.misses) {
      const detail = m.fields.map((f) => `${f}: expected ${JSON.stringify(m.expected[f] ?? null)}, got ${JSON.stringify(m.got[f] ?? null)}`).join('; ');
      lines.push(`  ✗ ${JSON.stringify(m.text)} — ${detail}`);
    }
  }
  return lines.join('\n');
}
