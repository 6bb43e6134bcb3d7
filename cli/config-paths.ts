import { isSettingKey, SETTING_KEY_LIST, type SettingKey } from '../domain/settings-registry';
import { BUILT_IN_PACK_IDS } from '../standards';
import { UsageError } from './usage-error';

/**
 * Paths into the configuration as an administrator types them: the setting, then the
 * fields inside it, joined by dots — `calendar.week.fri`, `retention.pdfDays`,
 * `standards.momo.2.1.amount`. A standard's id has dots of its own, so wherever the next
 * words make a known standard's id, they are read as one (`standards.momo.2.1` is the
 * standard momo.2.1, `nudge-policy.standards.momo.1.1.teamReminders` its field).
 */

/** The fields a standard's entry has (in `standards` and in the nudge policy's `standards`). */
const STANDARD_FIELDS: ReadonlySet<string> = new Set(['disabled', 'clock', 'amount', 'interpretation', 'reason', 'reminders', 'remindAtDue', 'escalateOnBreach', 'teamReminders']);

/** A parsed path: the setting (or `roles`) and the fields inside it. */
export interface ConfigPath {
  key: SettingKey | 'roles';
  fields: string[];
}

/**
 * Reads a path, matching standard ids whole.
 *
 * @example
 * parseConfigPath('standards.momo.2.1.amount', ids); // { key: 'standards', fields: ['momo.2.1', 'amount'] }
 */
export function parseConfigPath(text: string, standardIds: ReadonlySet<string>): ConfigPath {
  const [key, ...rest] = text.split('.');
  if (key !== 'roles' && !isSettingKey(key)) throw new UsageError(`no setting "${key}": use ${[...SETTING_KEY_LIST, 'roles'].join(', ')}`);
  const fields: string[] = [];
  for (let i = 0; i < rest.length; ) {
    let taken = 1;
    for (let j = rest.length; j > i + 1; j--) {
      if (standardIds.has(rest.slice(i, j).join('.'))) {
        taken = j - i;
        break;
      }
    }
    // An id no pack has (a typing slip): still one id, so that the refusal names it whole.
    if (taken === 1 && (BUILT_IN_PACK_IDS as readonly string[]).includes(rest[i]) && rest.length - i > 1) {
      taken = rest.length - i - (STANDARD_FIELDS.has(rest[rest.length - 1]) ? 1 : 0);
    }
    const field = rest.slice(i, i + taken).join('.');
    if (field === '') throw new UsageError(`"${text}" has an empty part between dots`);
    fields.push(field);
    i += taken;
  }
  return { key, fields };
}

/**
 * A value as typed: JSON when it reads as JSON (`5`, `null`, `["09:00","16:30"]`), else
 * the text itself, so `scotland` needs no quotes inside quotes.
 *
 * @example
 * valueOf('[["09:00","16:30"]]'); // [['09:00', '16:30']]
 * valueOf('scotland'); // 'scotland'
 */
export function valueOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The index a field names in a list (`closures.0`), or null when it names none there. */
function indexIn(list: unknown[], field: string, path: string): number {
  const i = /^\d+$/.test(field) ? Number(field) : NaN;
  if (!(i < list.length)) throw new UsageError(`${path}: the list has ${list.length} entr${list.length === 1 ? 'y' : 'ies'}, numbered from 0: no entry "${field}"`);
  return i;
}

/**
 * A copy of `value` with `fields` set to `leaf` (objects made on the way; a list's
 * entries named by number), or removed when `leaf` is undefined.
 */
function withField(value: unknown, fields: string[], leaf: unknown, path: string): unknown {
  if (fields.length === 0) return leaf;
  const [head, ...rest] = fields;
  if (Array.isArray(value)) {
    const i = indexIn(value, head, path);
    const next = withField(value[i], rest, leaf, path);
    return next === undefined ? value.filter((_, j) => j !== i) : value.map((entry: unknown, j) => (j === i ? next : entry));
  }
  if (value !== undefined && value !== null && !isObject(value)) throw new UsageError(`${path}: "${head}" is inside a value that is neither an object nor a list`);
  const object: Record<string, unknown> = { ...(isObject(value) ? value : {}) };
  const next = withField(object[head], rest, leaf, path);
  if (next === undefined) delete object[head];
  else object[head] = next;
  return object;
}

/** The value at `fields`, or undefined. */
function fieldOf(value: unknown, fields: string[]): unknown {
  let v = value;
  for (const f of fields) v = isObject(v) ? v[f] : Array.isArray(v) ? v[Number(f)] : undefined;
  return v;
}

/**
 * What an edit makes of a setting's current value: `set` a field (or the whole setting),
 * `unset` it (back to its default), `add` an entry to a list, `remove` the entries of a
 * list equal to a value (or, for dated entries such as closures, with that date).
 *
 * @example
 * editValue({ closures: [] }, ['closures'], 'add', { date: '2026-12-24', name: 'Christmas Eve' }, 'calendar.closures');
 * // { closures: [{ date: '2026-12-24', name: 'Christmas Eve' }] }
 */
export function editValue(current: unknown, fields: string[], op: 'set' | 'unset' | 'add' | 'remove', value: unknown, path: string): unknown {
  if (op === 'set') return withField(current, fields, value, path);
  if (op === 'unset') return withField(current, fields, undefined, path);
  const list = fieldOf(current, fields) ?? [];
  if (!Array.isArray(list)) throw new UsageError(`${path} is not a list: use heard config set`);
  if (op === 'add') return withField(current, fields, [...(list as Json[]), value], path);
  const kept = list.filter((entry: unknown) => !(JSON.stringify(entry) === JSON.stringify(value) || (isObject(entry) && typeof value === 'string' && entry.date === value)));
  if (kept.length === list.length) throw new UsageError(`${path} has no entry ${JSON.stringify(value)}: nothing to remove`);
  return withField(current, fields, kept, path);
}

/**
 * What `add` appends to a dated list (closures, one-off holidays) from a date and a name
 * typed as words, e.g. `heard config add calendar.closures 2026-12-24 Christmas Eve`;
 * anything else as {@link valueOf}.
 *
 * @example
 * entryOf(['closures'], ['2026-12-24', 'Christmas', 'Eve']); // { date: '2026-12-24', name: 'Christmas Eve' }
 */
export function entryOf(fields: string[], words: string[]): unknown {
  const last = fields[fields.length - 1];
  if ((last === 'closures' || last === 'extraHolidays') && words.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(words[0])) {
    return words.length > 1 ? { date: words[0], name: words.slice(1).join(' ') } : { date: words[0] };
  }
  if (words.length !== 1) throw new UsageError('give one value (JSON, or a word), in quotes if it has spaces');
  return valueOf(words[0]);
}
