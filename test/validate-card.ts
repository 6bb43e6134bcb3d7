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
 * validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hi', wrapp: true }] });
 * // ['body[0].wrapp: TextBlock has no property "wrapp" in Adaptive Cards 1.5']
 */
export function validateAdaptiveCard(card: object): string[] {
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
    if (event.event === AC.ValidationEvent.Hint) continue;
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
