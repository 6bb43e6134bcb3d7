import * as fs from 'fs';
import * as path from 'path';
import type * as Zod from 'zod';
import type { z } from 'zod';
import type * as PackSchemaModule from './pack-schema';
import type { Pack, StandardInput, Standard } from './pack-schema';
import { PackError } from './pack-error';
import type * as ValidatedYamlModule from './validated-yaml';
import type { PathProblem } from './validated-yaml';
import type * as VocabularyModule from './vocabulary';
import type { Vocabulary } from './vocabulary';

export { PackError };

/*
 * The schemas, the YAML parser and the vocabulary are loaded on first use, not at start-up:
 * compiled code reads the built-in packs from a bundle the build already validated, so
 * `heard due` starts without zod, yaml or the vocabulary.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const validatedYaml = () => require('./validated-yaml') as typeof ValidatedYamlModule;
const vocabularyModule = () => require('./vocabulary') as typeof VocabularyModule;
/* eslint-enable @typescript-eslint/no-require-imports */

let schemas:
  | { PackSchema: typeof PackSchemaModule.PackSchema; PackPartSchema: z.ZodType<{ standards: z.output<typeof PackSchemaModule.StandardSchema>[] }> }
  | undefined;

/** The schemas a pack's YAML is validated against, built on first use. */
function packSchemas(): NonNullable<typeof schemas> {
  if (!schemas) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { PackSchema, StandardSchema } = require('./pack-schema') as typeof PackSchemaModule;
    const { z: zod } = require('zod') as typeof Zod;
    /* eslint-enable @typescript-eslint/no-require-imports */
    schemas = { PackSchema, PackPartSchema: zod.object({ standards: zod.array(StandardSchema) }).strict() };
  }
  return schemas;
}

/**
 * Parses YAML (or JSON) text and validates it with a zod schema (and `check`); see
 * `validated-yaml.ts`. Throws {@link PackError} naming the file, line, path and problem.
 *
 * @example
 * const pack = parseValidatedYaml(PackSchema, text, 'momo/pack.yaml');
 */
export function parseValidatedYaml<S extends z.ZodTypeAny>(schema: S, text: string, file: string, check?: (data: z.output<S>) => PathProblem[]): z.output<S> {
  return validatedYaml().parseValidatedYaml(schema, text, file, check);
}

/** Every place the standards of a file depart from the vocabulary, at `standards[i]…`. */
function vocabularyCheck(vocabulary: Vocabulary) {
  const { standardProblems } = vocabularyModule();
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
export function parsePack(text: string, file: string, vocabulary: Vocabulary = vocabularyModule().builtInVocabulary()): Pack {
  return parseValidatedYaml(packSchemas().PackSchema, text, file, vocabularyCheck(vocabulary));
}

/**
 * Reads a pack kept as a folder: `pack.yaml` (id, title, document, and optionally
 * standards) plus any `*.standards.yaml` files (a `standards:` list each, one per
 * section of a long document), concatenated in file-name order.
 *
 * @example
 * loadPackDir('standards/packs/momo').id; // 'momo'
 */
export function loadPackDir(dir: string, vocabulary: Vocabulary = vocabularyModule().builtInVocabulary()): Pack {
  const check = vocabularyCheck(vocabulary);
  const { PackSchema, PackPartSchema } = packSchemas();
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
 * Flattens a pack into standards that carry their pack id and source document (its file
 * name, and its title: what people are shown).
 *
 * @example
 * standardsOf(parsePack(text, 'momo.yaml'))[0].source.document; // '000_61132f3a5eb56019.txt'
 */
export function standardsOf(pack: Pack): Standard[] {
  return pack.standards.map(({ stop, ...s }) => ({ ...s, stops: stop, pack: pack.id, source: { document: pack.document, documentTitle: pack.title, ...s.source } }));
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
export function loadBuiltInPack(id: string, dir = builtInPacksDir(), vocabulary: Vocabulary = vocabularyModule().builtInVocabulary()): Pack {
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
    // The build validated every pack against the schema and the vocabulary before writing
    // the bundle, so it is not validated again at every start.
    const bundle = path.join(__dirname, BUILT_IN_BUNDLE);
    if (fs.existsSync(bundle)) {
      cache = JSON.parse(fs.readFileSync(bundle, 'utf8')) as Pack[];
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
