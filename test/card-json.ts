/**
 * Reading a rendered Adaptive Card in tests: every object with the key it hangs from, the
 * words a person reads, the buttons they can press, its size against Teams' limit, and
 * fictional names for realistic data. Shared by the card specs.
 */

export type Json = Record<string, unknown>;

/** Teams refuses a message over 28 KB; the card is most of it. */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in the card, with the key it hangs from (`fallback`, `selectAction`, `refresh`, …). */
export function objectsOf(value: unknown, key = ''): { key: string; node: Json }[] {
  if (Array.isArray(value)) return value.flatMap((item) => objectsOf(item, key));
  if (!isObject(value)) return [];
  return [{ key, node: value }, ...Object.entries(value).flatMap(([k, item]) => objectsOf(item, k))];
}

/** Every string anywhere in the value. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (isObject(value)) return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The keys whose strings a person reads: text, button titles, fact and choice values, input labels. */
const DISPLAY_KEYS = ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage'];

/**
 * The words a person reads, leaving out what hangs from `skip` (action data by default;
 * a spec may also leave out fallbacks or choice lists).
 *
 * @example
 * displayedStrings(card, ['data', 'fallback']);
 */
export function displayedStrings(value: unknown, skip: readonly string[] = ['data']): string[] {
  return objectsOf(value)
    .filter(({ key }) => !skip.includes(key))
    .flatMap(({ node }) => DISPLAY_KEYS.map((k) => node[k]).filter((v): v is string => typeof v === 'string'));
}

/** The actions a person can press (their Action.Submit fallbacks left out). */
export function actionsOf(card: object): Json[] {
  return objectsOf(card)
    .filter(({ key, node }) => key !== 'fallback' && String(node.type).startsWith('Action.'))
    .map(({ node }) => node);
}

/** The one action with this title; throws unless there is exactly one. */
export function actionTitled(card: object, title: string): Json {
  const found = actionsOf(card).filter((action) => action.title === title);
  if (found.length !== 1) throw new Error(`expected one "${title}" action, found ${found.length}`);
  return found[0];
}

export function bytesOf(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Nothing the templating engine or the renderer failed to fill in (unless the data itself says it). */
export function expectNoLeftovers(card: object, data: object): void {
  const fromData = JSON.stringify(data);
  for (const text of stringsOf(card)) {
    for (const leftover of ['undefined', 'null', 'NaN', '[object Object]', '${']) {
      if (text.includes(leftover) && !fromData.includes(leftover)) {
        throw new Error(`"${leftover}" left in the card: ${JSON.stringify(text)}`);
      }
    }
  }
}

const FIRST_NAMES = ['Sam', 'Priya', 'Ali', 'Chloe', 'Oluwaseun', 'Megan', 'Tomasz', 'Aisha', 'Rhiannon', 'Declan'];
const LAST_NAMES = ['Patel', 'Shah', 'Okonkwo-Williams', "O'Brien", 'Kowalczyk', 'Fitzgerald-Hughes', 'Nguyen', 'Campbell'];

/** A fictional full name, some long or with apostrophes and hyphens. */
export function nameFor(i: number): string {
  return `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 3) % LAST_NAMES.length]}`;
}

/** A person id as the directory makes them (`p_` and 16 hex). */
export function personIdFor(i: number): string {
  return `p_${(0x9a3f00 + i).toString(16).padStart(16, 'c')}`;
}
