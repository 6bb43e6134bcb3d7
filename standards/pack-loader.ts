import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { PackSchema, StandardSchema, type Pack, type StandardInput, type Standard } from './pack-schema';
import { formatPath, PackError, parseValidatedYaml, type PathProblem } from './validated-yaml';
import { builtInVocabulary, standardProblems, type Vocabulary } from './vocabulary';

export { PackError, parseValidatedYaml };

/** Every place the standards of a file depart from the vocabulary, at `standards[i]…`. */
function vocabularyCheck(vocabulary: Vocabulary) {
  return (data: { standards: StandardInput[] }): PathProblem[] =>
    data.standards.flatMap((s, i) => standardProblems(vocabulary, s).map((p) => ({ path: ['standards', i, ...p.path], message: p.message })));
}

/**
 * Parses and validates one whole pack given as a single YAML or JSON text, against the
 * schema and the vocabulary (every trigger, stop, condition and owner documented).
 *
 * @example
 * const pack = parsePack(fs.readFileSync('my-pack.yaml', 'utf8'), 'my-pack.yaml');
 */
export function parsePack(text: string, file: string, vocabulary: Vocabulary = builtInVocabulary()): Pack {
  return parseValidatedYaml(PackSchema, text, file, vocabularyCheck(vocabulary));
}

const PackPartSchema = z.object({ standards: z.array(StandardSchema) }).strict();

/**
 * Reads a pack kept as a folder: `pack.yaml` (id, title, document, and optionally
 * standards) plus any `*.standards.yaml` files (a `standards:` list each, one per
 * section of a long document), concatenated in file-name order.
 *
 * @example
 * loadPackDir('standards/packs/momo').id; // 'momo'
 */
export function loadPackDir(dir: string, vocabulary: Vocabulary = builtInVocabulary()): Pack {
  const check = vocabularyCheck(vocabulary);
  const headFile = path.join(dir, 'pack.yaml');
  const head = parseValidatedYaml(PackSchema, fs.readFileSync(headFile, 'utf8'), headFile, check);
  const parts = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.standards.yaml'))
    .sort()
    .map((f) => parseValidatedYaml(PackPartSchema, fs.readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f), check));
  const merged = PackSchema.safeParse({ ...head, standards: [...head.standards, ...parts.flatMap((p) => p.standards)] });
  if (!merged.success) {
    throw new PackError(
      dir,
      merged.error.issues.map((i) => `${dir}: ${i.message}`),
    );
  }
  return merged.data;
}

/**
 * Flattens a pack into standards that carry their pack id and source document.
 *
 * @example
 * standardsOf(parsePack(text, 'momo.yaml'))[0].source.document; // '000_61132f3a5eb56019.txt'
 */
export function standardsOf(pack: Pack): Standard[] {
  return pack.standards.map(({ stop, ...s }) => ({ ...s, stops: stop, pack: pack.id, source: { document: pack.document, ...s.source } }));
}

/** The ids of the built-in packs, in document order. @example BUILT_IN_PACK_IDS[0]; // 'momo' */
export const BUILT_IN_PACK_IDS = ['momo', 'yjs', 'childrens-services', 'core-practice'] as const;

/**
 * The folder holding the built-in pack files, from source (`standards/`) or compiled
 * (`dist/standards/`) code alike.
 *
 * @example
 * fs.readdirSync(builtInPacksDir());
 */
export function builtInPacksDir(): string {
  const candidates = [path.join(__dirname, 'packs'), path.join(__dirname, '..', '..', 'standards', 'packs')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'momo', 'pack.yaml')));
  if (!found) throw new Error(`built-in standards packs not found (looked in ${candidates.join(', ')})`);
  return found;
}

let cache: Pack[] | undefined;

/**
 * One built-in pack, read and validated.
 *
 * @example
 * loadBuiltInPack('yjs').document; // '001_e965c80aecdabb90.txt'
 */
export function loadBuiltInPack(id: string, dir = builtInPacksDir(), vocabulary: Vocabulary = builtInVocabulary()): Pack {
  const pack = loadPackDir(path.join(dir, id), vocabulary);
  if (pack.id !== id) throw new PackError(dir, [`${path.join(dir, id)}: id: expected "${id}", found "${pack.id}"`]);
  return pack;
}

/**
 * The four built-in packs, read and validated once per process.
 *
 * @example
 * loadBuiltInPacks().map((p) => p.id); // ['momo', 'yjs', 'childrens-services', 'core-practice']
 */
export function loadBuiltInPacks(): Pack[] {
  if (!cache) {
    // Compiled code reads the bundle `npm run build` wrote beside it (YAML parsing costs
    // a CLI call hundreds of milliseconds); source code reads the YAML it sits beside.
    const bundle = path.join(__dirname, BUILT_IN_BUNDLE);
    if (fs.existsSync(bundle)) {
      const result = z.array(PackSchema).safeParse(JSON.parse(fs.readFileSync(bundle, 'utf8')));
      if (!result.success) {
        throw new PackError(bundle, result.error.issues.map((i) => `${bundle}: ${formatPath(i.path as (string | number)[])}: ${i.message}`));
      }
      const check = vocabularyCheck(builtInVocabulary());
      const problems = result.data.flatMap((pack, i) => check(pack).map((p) => `${bundle}: ${formatPath([i, ...p.path])}: ${p.message}`));
      if (problems.length > 0) throw new PackError(bundle, problems);
      cache = result.data;
    } else {
      const dir = builtInPacksDir();
      cache = BUILT_IN_PACK_IDS.map((id) => loadBuiltInPack(id, dir));
    }
  }
  return cache;
}

/** File name of the validated JSON bundle of the built-in packs, written into `dist/standards/`. */
export const BUILT_IN_BUNDLE = 'built-in-packs.json';

/**
 * Every standard of the built-in packs, in pack order.
 *
 * @example
 * loadBuiltInStandards().find((s) => s.id === 'momo.1.1')?.clock; // 'working-hours'
 */
export function loadBuiltInStandards(): Standard[] {
  return loadBuiltInPacks().flatMap(standardsOf);
}
