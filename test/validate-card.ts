import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import type * as AdaptiveCardsSdk from 'adaptivecards';

// The package's `main` (lib/) is ES modules without file extensions and does not load
// in Node; the UMD bundle in dist/ does, and parsing, validating and serialising never
// touch the DOM, so no `document` is needed. The types come from lib/ (same classes).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsSdk;

/** The version every Heard card declares and is checked against. */
const CARD_VERSION = '1.5';

/**
 * Root properties the SDK does not model but that are legitimate in the cards we send.
 * `$schema`: editor hint, ignored by every host (the SDK writes its own).
 * `msteams`: Teams' own extension (e.g. `{ "width": "Full" }`, mention `entities`),
 * documented by Microsoft for cards sent to Teams and read only by Teams.
 */
const HOST_SPECIFIC_ROOT_KEYS: ReadonlySet<string> = new Set(['$schema', 'msteams']);

type Json = Record<string, unknown>;

/**
 * Checks a rendered card both ways Teams' card can be judged offline: against the
 * official Adaptive Card 1.5 JSON schema ({@link validateAgainstSchema}) and as
 * Microsoft's own Adaptive Cards SDK reads it ({@link validateWithSdk}). Every card the
 * bot renders is checked with this in the tests. Returns the problems in plain words;
 * an empty list means the card is valid.
 *
 * @example
 * validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hi' }] }); // []
 */
export function validateAdaptiveCard(card: object): string[] {
  return [...validateWithSdk(card), ...validateAgainstSchema(card)];
}

/**
 * Checks a rendered card the way Microsoft's own Adaptive Cards SDK reads it, targeting
 * Adaptive Cards 1.5 (what Teams renders on desktop and phone). Returns the problems in
 * plain words; an empty list means the card is valid.
 *
 * It reports: a declared version other than "1.5"; element and action types the SDK
 * does not know in 1.5 (so also 1.6-only ones such as `Carousel`); properties newer
 * than 1.5; invalid values; inputs without an id; duplicate ids; required inputs
 * without a label or error message; more than five actions in one set; and any
 * property the SDK drops on a parse/serialise round trip (a misspelling such as
 * `wrapp`). Each `fallback` is checked as a card of its own, because the SDK only
 * reads a fallback when it needs it.
 *
 * What it does not do: the SDK checks features against the version it is asked to
 * target, not against the version the card declares, which is why the declared
 * version must be exactly "1.5".
 *
 * @example
 * validateWithSdk({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hi', wrapp: true }] });
 * // ['body[0].wrapp: TextBlock has no property "wrapp" in Adaptive Cards 1.5']
 */
export function validateWithSdk(card: object): string[] {
  const source = card as Json;
  const problems: string[] = [];
  if (source.type !== 'AdaptiveCard') {
    problems.push('type: must be "AdaptiveCard"');
  }
  if (source.version !== CARD_VERSION) {
    problems.push(`version: must be "${CARD_VERSION}" (found ${JSON.stringify(source.version)})`);
  }
  return [...problems, ...sdkProblems(source)];
}

/** What the SDK finds wrong with a card, its round trip, and each fallback in it. */
function sdkProblems(source: Json): string[] {
  const problems: string[] = [];

  const paths = pathsOf(source);
  const parsedFrom = new Map<object, AdaptiveCardsSdk.SerializableObject>();
  const sourceOf = new Map<AdaptiveCardsSdk.SerializableObject, object>();
  const remember = (node: unknown, parsed: AdaptiveCardsSdk.SerializableObject | undefined): void => {
    if (typeof node === 'object' && node !== null && parsed !== undefined && !parsedFrom.has(node)) {
      parsedFrom.set(node, parsed);
      sourceOf.set(parsed, node);
    }
  };
  const describe = (object: AdaptiveCardsSdk.SerializableObject | undefined): string => {
    const node = object === undefined ? undefined : sourceOf.get(object);
    const where = (node === undefined ? undefined : paths.get(node)) || 'card';
    const typeName = object instanceof AC.CardObject ? object.getJsonTypeName() : undefined;
    return typeName === undefined ? where : `${where} (${typeName})`;
  };

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  context.onParseElement = (element, node) => {
    remember(node, element);
    if (element instanceof AC.FactSet) rememberEach(node, 'facts', element.facts, remember);
    if (element instanceof AC.ChoiceSetInput) rememberEach(node, 'choices', element.choices, remember);
  };
  context.onParseAction = (action, node) => {
    remember(node, action);
    if (action instanceof AC.ShowCardAction) remember((node as Json).card, action.card);
  };

  const parsed = new AC.AdaptiveCard();
  remember(source, parsed);
  parsed.parse(source, context);
  remember(source.refresh, parsed.refresh);

  // The SDK reports an unknown type without saying where it is; find it by its name.
  const placed = new Set<object>();
  const locateType = (message: string): string => {
    const typeName = /"([^"]+)"/.exec(message)?.[1];
    for (const [node, path] of paths) {
      if ((node as Json).type === typeName && !placed.has(node)) {
        placed.add(node);
        return path;
      }
    }
    return 'card';
  };
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    if (event.event === AC.ValidationEvent.Hint || CHOICES_DATA_VERSION_NOTE.test(event.message)) continue;
    const isUnknownType =
      event.event === AC.ValidationEvent.UnknownElementType || event.event === AC.ValidationEvent.UnknownActionType;
    const where = isUnknownType && event.source === undefined ? locateType(event.message) : describe(event.source);
    problems.push(`${where}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    if (event.event !== AC.ValidationEvent.Hint) {
      problems.push(`${describe(event.source)}: ${event.message}`);
    }
  }

  const output = parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_5));
  compareRoundTrip(source, output, '', true, parsedFrom, (path, message) => problems.push(`${path}: ${message}`));

  for (const [node, path] of paths) {
    const fallback = (node as Json).fallback;
    if (fallback === undefined || fallback === 'drop') continue;
    if (typeof fallback !== 'object' || fallback === null || Array.isArray(fallback)) {
      problems.push(`${path}.fallback: must be an element, an action or "drop"`);
      continue;
    }
    const fallbackType = (fallback as Json).type;
    const isAction = typeof fallbackType === 'string' && fallbackType.startsWith('Action.');
    const wrapper: Json = { type: 'AdaptiveCard', version: CARD_VERSION, [isAction ? 'actions' : 'body']: [fallback] };
    for (const problem of sdkProblems(wrapper)) {
      const relocated = problem.replace(/^(actions|body)\[0\]/, `${path}.fallback`);
      problems.push(relocated === problem ? `${path}.fallback: ${problem}` : relocated);
    }
  }

  return problems;
}

function rememberEach(
  node: unknown,
  key: string,
  parsedItems: readonly AdaptiveCardsSdk.SerializableObject[],
  remember: (node: unknown, parsed: AdaptiveCardsSdk.SerializableObject) => void,
): void {
  const items = (node as Json)[key];
  if (Array.isArray(items) && items.length === parsedItems.length) {
    items.forEach((item, i) => remember(item, parsedItems[i]));
  }
}

/** Where each object of the card sits, as `body[2].actions[0]`. */
function pathsOf(root: Json): Map<object, string> {
  const paths = new Map<object, string>();
  const walk = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}[${i}]`));
      return;
    }
    paths.set(value, path);
    for (const [key, item] of Object.entries(value)) {
      // An action's data is the handler's payload and a fallback is checked on its own.
      if (key === 'data' || key === 'fallback') continue;
      walk(item, path === '' ? key : `${path}.${key}`);
    }
  };
  walk(root, '');
  return paths;
}

/**
 * Reports properties of `input` missing from the SDK's serialisation of it. The SDK
 * also leaves out properties holding their default value (`"wrap": false`), newer than
 * 1.5 (already reported by the parse) and empty collections; those are not misspellings,
 * so a missing property is reported only when the object it belongs to has no property
 * of that name in the SDK's schema.
 */
function compareRoundTrip(
  input: unknown,
  output: unknown,
  path: string,
  isRoot: boolean,
  parsedFrom: ReadonlyMap<object, AdaptiveCardsSdk.SerializableObject>,
  report: (path: string, message: string) => void,
): void {
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return;
    for (const [i, j] of alignItems(input, output)) {
      compareRoundTrip(input[i], output[j], `${path}[${i}]`, false, parsedFrom, report);
    }
    return;
  }
  if (!isObject(input) || !isObject(output)) return;

  const parsed = parsedFrom.get(input);
  for (const [key, value] of Object.entries(input)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key === 'fallback' || (isRoot && HOST_SPECIFIC_ROOT_KEYS.has(key))) continue;
    if (!(key in output)) {
      if (!isUnreadableCollection(value) && !(parsed !== undefined && schemaHas(parsed, key))) {
        const owner = typeof input.type === 'string' ? input.type : 'this object';
        report(here, `${owner} has no property "${key}" in Adaptive Cards 1.5`);
      }
      continue;
    }
    if (key !== 'data') {
      compareRoundTrip(value, output[key], here, false, parsedFrom, report);
    }
  }
}

/**
 * Pairs input items with the output items they became. The SDK drops items it cannot
 * read (already reported), so when the lengths differ items are matched in order by
 * `type`.
 */
function alignItems(input: readonly unknown[], output: readonly unknown[]): [number, number][] {
  if (input.length === output.length) return input.map((_, i) => [i, i]);
  const pairs: [number, number][] = [];
  let j = 0;
  input.forEach((item, i) => {
    const type = isObject(item) ? item.type : undefined;
    const k = output.findIndex((candidate, index) => index >= j && isObject(candidate) && candidate.type === type);
    if (k >= 0) {
      pairs.push([i, k]);
      j = k + 1;
    }
  });
  return pairs;
}

/**
 * An array the SDK left out because nothing in it could be read: empty, or only items
 * of types unknown in 1.5 (reported by the parse already). A misspelt collection name
 * holding readable items (`"itemz": [{ "type": "TextBlock" }]`) is not one of these.
 */
function isUnreadableCollection(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every((item) => {
      const type = isObject(item) ? item.type : undefined;
      return (
        typeof type === 'string' &&
        AC.GlobalRegistry.elements.createInstance(type, AC.Versions.v1_5) === undefined &&
        AC.GlobalRegistry.actions.createInstance(type, AC.Versions.v1_5) === undefined
      );
    })
  );
}

function schemaHas(object: AdaptiveCardsSdk.SerializableObject, name: string): boolean {
  const schema = object.getSchema();
  for (let i = 0; i < schema.getCount(); i++) {
    if (schema.getItemAt(i).name === name) return true;
  }
  return false;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The official schema, copied into the repository with its licence and README. */
const SCHEMA_FILE = path.join(__dirname, 'adaptive-card-schema', 'adaptive-card-1.5.json');

/**
 * What Teams documents for the card's own `msteams` key ("Format cards in Microsoft
 * Teams": `width: "Full"` for a full-width card, `entities` for mentions). The schema
 * knows nothing of it, so it is allowed on the card itself, and only in this shape.
 */
const MSTEAMS_SCHEMA = {
  type: 'object',
  properties: {
    width: { enum: ['Full'] },
    entities: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { enum: ['mention'] },
          text: { type: 'string' },
          mentioned: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id', 'name'], additionalProperties: false },
        },
        required: ['type', 'text', 'mentioned'],
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

/** Teams' `Data.Query` for an Input.ChoiceSet's dynamic choices, as "Typeahead search in Adaptive Cards" documents it. */
const DATA_QUERY_SCHEMA = {
  type: 'object',
  properties: {
    type: { enum: ['Data.Query'] },
    dataset: { type: 'string', minLength: 1 },
    value: { type: 'string' },
    count: { type: 'number' },
    skip: { type: 'number' },
    associatedInputs: { enum: ['auto', 'none'] },
  },
  required: ['type', 'dataset'],
  additionalProperties: false,
} as const;

/**
 * What the SDK says of `choices.data` when it targets 1.5 (it models the property from
 * 1.6): the schema's documented exception above, so not a problem here. Still parsed and
 * round-tripped, so a misspelt key beside it is caught.
 */
const CHOICES_DATA_VERSION_NOTE = /^Property "choices\.data" is supported in version 1\.6/;

let compiled: { card: ValidateFunction; msteams: ValidateFunction } | null = null;

/**
 * The schema with its documented exceptions, compiled once. Ajv 8 reads draft-06 once its
 * meta-schema is added; `strict: false` because the schema carries keywords of its own
 * (`version`, `features`).
 */
function validators(): { card: ValidateFunction; msteams: ValidateFunction } {
  if (compiled) return compiled;
  const { id, ...schema } = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as { id: string; definitions: Record<string, { anyOf: { enum?: string[] }[] }> };
  // Documented exception (see adaptive-card-schema/README.md): Input.ChoiceSet's
  // `style: "filtered"` is Adaptive Cards 1.5 (adaptivecards.io/explorer/Input.ChoiceSet.html;
  // Teams: "Typeahead search in Adaptive Cards"); the schema's ChoiceInputStyle, used by
  // Input.ChoiceSet alone, lists only compact and expanded.
  const choiceStyles = schema.definitions.ChoiceInputStyle.anyOf.find((option) => Array.isArray(option.enum));
  if (!choiceStyles?.enum) throw new Error('the Adaptive Card schema no longer has ChoiceInputStyle as this validator knows it');
  choiceStyles.enum = [...choiceStyles.enum, 'filtered'];
  // Documented exception: Input.ChoiceSet's `choices.data`, a `Data.Query` the host answers
  // with the bot's `application/search` invoke (dynamic type-ahead). Teams documents it for
  // the cards it renders ("Typeahead search in Adaptive Cards": its example card is version
  // 1.2) and answers it in every version; the 1.5 schema does not have it. Allowed in
  // exactly the documented shape.
  const choiceSet = (schema.definitions as Record<string, { properties?: Record<string, unknown> }>)['Input.ChoiceSet'];
  if (!choiceSet?.properties) throw new Error('the Adaptive Card schema no longer has Input.ChoiceSet as this validator knows it');
  choiceSet.properties['choices.data'] = DATA_QUERY_SCHEMA;
  // `format` (uri-reference on URLs) is an annotation here, as for the SDK: Heard's links are
  // built with encodeURIComponent where they are made, and the card specs pass hostile
  // text through them on purpose to prove the template inserts it literally.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  ajv.addMetaSchema(draft06MetaSchema);
  // Draft-06 names a schema with `$id`; the file keeps draft-04's `id`, which Ajv 8 refuses.
  compiled = { card: ajv.compile({ $id: id, ...schema }), msteams: ajv.compile(MSTEAMS_SCHEMA) };
  return compiled;
}

/**
 * Checks a rendered card against the official Adaptive Card 1.5 JSON schema, with Teams'
 * `msteams` key allowed on the card itself (in the shape Teams documents) and the
 * schema's documented gaps allowed explicitly. Each problem names where it is.
 *
 * @example
 * validateAgainstSchema({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hi', wrapp: true }] });
 * // ['body[0]: must NOT have additional properties (wrapp)', …]
 */
export function validateAgainstSchema(card: object): string[] {
  const { card: validateCard, msteams: validateMsteams } = validators();
  const { msteams, ...rest } = card as Json;
  const problems: string[] = [];
  if (msteams !== undefined && !validateMsteams(msteams)) problems.push(...schemaErrors(validateMsteams.errors, 'msteams'));
  if (!validateCard(rest)) problems.push(...schemaErrors(validateCard.errors, ''));
  return problems;
}

/** Ajv's errors as `path: message`, each once (a failed `anyOf` repeats a problem per branch). */
function schemaErrors(errors: ErrorObject[] | null | undefined, root: string): string[] {
  const lines = (errors ?? []).map((e) => {
    const where = `${root}${e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}`.replace(/^\./, '') || 'card';
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})` : e.keyword === 'enum' ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})` : '';
    return `${where}: ${e.message ?? e.keyword}${extra}`;
  });
  return [...new Set(lines)];
}
