import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { PackError } from './pack-error';

export { PackError };

/**
 * A problem found beyond the schema, at a path inside the parsed data.
 *
 * @example
 * const p: PathProblem = { path: ['standards', 3, 'owner'], message: '"case-worker" is not a role of the vocabulary' };
 */
export interface PathProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Parses YAML (or JSON) text and validates it with a zod schema, then with `check` (for
 * rules a schema cannot state, such as names that must be in the vocabulary). Throws
 * {@link PackError} naming the file, the line, the path inside it and what is wrong.
 *
 * @example
 * const pack = parseValidatedYaml(PackSchema, text, 'momo/pack.yaml');
 */
export function parseValidatedYaml<S extends z.ZodTypeAny>(
  schema: S,
  text: string,
  file: string,
  check?: (data: z.output<S>) => PathProblem[],
): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    throw new PackError(
      file,
      doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`),
    );
  }
  const located = (problems: PathProblem[]) =>
    problems.map((problem) => {
      // The nearest node that exists: a missing key is reported at its parent's line.
      let line = '?';
      for (let depth = problem.path.length; depth >= 0 && line === '?'; depth--) {
        const node = doc.getIn(problem.path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === 'object' && node.range) line = String(lineCounter.linePos(node.range[0]).line);
      }
      return `${file}:${line}: ${formatPath(problem.path)}: ${problem.message}`;
    });
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    throw new PackError(file, located(result.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }))));
  }
  const problems = check ? check(result.data) : [];
  if (problems.length > 0) throw new PackError(file, located(problems));
  return result.data;
}

/**
 * A path inside a file as the error messages write it: `standards[3].trigger.details.kind`.
 *
 * @example
 * formatPath(['standards', 3, 'owner']); // 'standards[3].owner'
 */
export function formatPath(path: (string | number)[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(top)';
}
