/**
 * Compares the obligations `heard obligations --json` printed with those a reference
 * expects, matching on standard + subject + case or staff member + triggerAt, and says
 * precisely what differs: obligations missing, obligations not expected, and for the
 * ones matched every field that differs — grouped by standard first, so a reading the
 * two sides chose differently shows as one line with its count.
 */
import type { ObligationListing } from './reference-case-clocks';

/** The fields compared once two obligations are matched. */
const COMPARED = ['owner', 'due', 'status', 'metAt', 'closedReason', 'statement'] as const;

/** One obligation as printed (only the fields the comparison reads). */
export type PrintedObligation = Partial<Record<keyof ObligationListing | 'id', unknown>>;

export interface FieldDifference {
  key: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface ObligationDiff {
  matched: number;
  missing: ObligationListing[];
  unexpected: PrintedObligation[];
  different: FieldDifference[];
}

/** The matching key: standard, subject, case or staff member, trigger instant. */
export function keyOf(o: PrintedObligation): string {
  const who = o.subject === 'staff' ? o.staff : o.case;
  return `${String(o.standard)} ${String(o.subject)} ${String(who)} ${String(o.triggerAt)}`;
}

/** Orders obligations sharing a key (two triggers at the same instant) so they pair up alike. */
function tieOrder(a: PrintedObligation, b: PrintedObligation): number {
  return [a.due, a.status, a.metAt, a.owner].map(String).join('|').localeCompare([b.due, b.status, b.metAt, b.owner].map(String).join('|'));
}

function groups<T extends PrintedObligation>(list: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const o of list) {
    const k = keyOf(o);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(o);
  }
  for (const g of out.values()) g.sort(tieOrder);
  return out;
}

/**
 * Matches printed obligations with expected ones and lists what differs.
 *
 * @example
 * diffObligations(expected, JSON.parse(stdout)).missing.length; // 0 when every expected one was printed
 */
export function diffObligations(expected: readonly ObligationListing[], actual: readonly PrintedObligation[]): ObligationDiff {
  const want = groups(expected);
  const got = groups(actual);
  const diff: ObligationDiff = { matched: 0, missing: [], unexpected: [], different: [] };
  const same = (e: ObligationListing, a: PrintedObligation) => COMPARED.every((f) => a[f] === e[f]);
  for (const [key, list] of want) {
    // Pair identical ones first, then the rest in order: two triggers at one instant pair alike.
    const other = [...(got.get(key) ?? [])];
    const rest: ObligationListing[] = [];
    for (const e of list) {
      const k = other.findIndex((a) => same(e, a));
      if (k < 0) rest.push(e);
      else {
        other.splice(k, 1);
        diff.matched += 1;
      }
    }
    rest.forEach((e, i) => {
      const a = other[i];
      if (!a) {
        diff.missing.push(e);
        return;
      }
      diff.matched += 1;
      for (const field of COMPARED) {
        const actualValue = a[field] === undefined ? '(absent)' : a[field];
        if (actualValue !== e[field]) diff.different.push({ key, field, expected: e[field], actual: actualValue });
      }
    });
    diff.unexpected.push(...other.slice(rest.length));
  }
  for (const [key, list] of got) if (!want.has(key)) diff.unexpected.push(...list);
  return diff;
}

/** Whether nothing differs. @example isEmpty(diffObligations(a, a)); // true */
export function isEmpty(diff: ObligationDiff): boolean {
  return diff.missing.length === 0 && diff.unexpected.length === 0 && diff.different.length === 0;
}

function countBy<T>(list: readonly T[], by: (x: T) => string): string {
  const counts = new Map<string, number>();
  for (const x of list) counts.set(by(x), (counts.get(by(x)) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `    ${String(n).padStart(6)}  ${k}`)
    .join('\n');
}

const show = (v: unknown) => (v === null ? 'null' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The difference as text a person can act on: counts by standard (and field), then up to
 * `limit` examples of each kind. Empty string when nothing differs.
 *
 * @example
 * console.log(formatDiff(diffObligations(expected, printed), 'at 2025-03-31T23:00:00Z'));
 */
export function formatDiff(diff: ObligationDiff, title: string, limit = 25): string {
  if (isEmpty(diff)) return '';
  const lines = [
    `obligations ${title}: ${diff.matched} matched, ${diff.missing.length} missing, ${diff.unexpected.length} not expected, ${diff.different.length} field differences`,
  ];
  if (diff.missing.length > 0) {
    lines.push('  missing (the reference expects them; heard did not print them), by standard:', countBy(diff.missing, (o) => o.standard));
    lines.push(...diff.missing.slice(0, limit).map((o) => `    - ${keyOf(o)}: due ${o.due}, ${o.status}, owner ${show(o.owner)}, metAt ${show(o.metAt)}, closedReason ${show(o.closedReason)}`));
  }
  if (diff.unexpected.length > 0) {
    lines.push('  not expected (heard printed them; the reference has none), by standard:', countBy(diff.unexpected, (o) => String(o.standard)));
    lines.push(...diff.unexpected.slice(0, limit).map((o) => `    + ${keyOf(o)}: due ${show(o.due)}, ${show(o.status)}, owner ${show(o.owner)}, metAt ${show(o.metAt)}, closedReason ${show(o.closedReason)}`));
  }
  if (diff.different.length > 0) {
    lines.push('  different, by standard and field:', countBy(diff.different, (d) => `${d.key.split(' ')[0]} ${d.field}`));
    lines.push(...diff.different.slice(0, limit).map((d) => `    ~ ${d.key}: ${d.field} expected ${show(d.expected)}, got ${show(d.actual)}`));
  }
  return lines.join('\n');
}
