import * as fs from 'fs';
import * as path from 'path';
import type * as Yaml from 'yaml';
import type * as Zod from 'zod';
import type { z } from 'zod';
import type * as PackSchemaModule from './pack-schema';
import type { Pack, Standard } from './pack-schema';

/**
 * A pack file that cannot be used, with every problem as `file:line: path: message`.
 *
 * @example
 * try { parsePack('id: 1', 'bad.yaml'); } catch (e) { (e as PackError).problems; }
 */
export class PackError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid standards pack ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'PackError';
  }
}

/**
 * Parses YAML (or JSON) text and validates it with a zod schema. Throws
 * {@link PackError} naming the file, the line, the path inside it and what is wrong.
 *
 * @example
 * const pack = parseValidatedYaml(PackSchema, text, 'momo/pack.yaml');
 */
export function parseValidatedYaml<S extends z.ZodTypeAny>(schema: S, text: string, file: string): z.output<S> {
  // Loaded here rather than at start-up: compiled code reads the packs from a JSON bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineCounter, parseDocument } = require('yaml') as typeof Yaml;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new PackError(
      file,
      doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`),
    );
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    // The nearest node that exists: a missing key is reported at its parent's line.
    let line = '?';
    for (let depth = issue.path.length; depth >= 0 && line === '?'; depth--) {
      const node = doc.getIn(issue.path.slice(0, depth) as (string | number)[], true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node && typeof node === 'object' && node.range) line = String(lineCounter.linePos(node.range[0]).line);
    }
    const where = issue.path.length
      ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '')
      : '(top)';
    return `${file}:${line}: ${where}: ${issue.message}`;
  });
  throw new PackError(file, problems);
}

/**
 * Parses and validates one whole pack given as a single YAML or JSON text.
 *
 * @example
 * const pack = parsePack(fs.readFileSync('my-pack.yaml', 'utf8'), 'my-pack.yaml');
 */
export function parsePack(text: string, file: string): Pack {
  return parseValidatedYaml(packSchemas().PackSchema, text, file);
}

let schemas:
  | { PackSchema: typeof PackSchemaModule.PackSchema; PackPartSchema: z.ZodType<{ standards: z.output<typeof PackSchemaModule.StandardSchema>[] }> }
  | undefined;

/**
 * The schemas a pack's YAML is validated against, and zod with them, loaded on first use:
 * compiled code reads the built-in packs from a bundle the build already validated, and
 * `heard due` starts without them.
 */
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
 * Reads a pack kept as a folder: `pack.yaml` (id, title, document, and optionally
 * standards) plus any `*.standards.yaml` files (a `standards:` list each, one per
 * section of a long document), concatenated in file-name order.
 *
 * @example
 * loadPackDir('standards/packs/momo').id; // 'momo'
 */
export function loadPackDir(dir: string): Pack {
  const headFile = path.join(dir, 'pack.yaml');
  const { PackSchema, PackPartSchema } = packSchemas();
  const head = parseValidatedYaml(PackSchema, fs.readFileSync(headFile, 'utf8'), headFile);
  const parts = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.standards.yaml'))
    .sort()
    .map((f) => parseValidatedYaml(PackPartSchema, fs.readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f)));
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
  return pack.standards.map((s) => ({ ...s, pack: pack.id, source: { document: pack.document, ...s.source } }));
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
export function loadBuiltInPack(id: string, dir = builtInPacksDir()): Pack {
  const pack = loadPackDir(path.join(dir, id));
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
    // The build validated every pack before writing the bundle, so it is not validated
    // again at every start.
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
