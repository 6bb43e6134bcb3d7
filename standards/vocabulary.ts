import * as fs from 'fs';
import * as path from 'path';
import type { EventMatch } from './event-match';
import type { StandardInput } from './pack-schema';
import { formatPath, PackError, parseValidatedYaml, type PathProblem } from './validated-yaml';
import { VocabularySchema, type Condition, type EventType, type Role, type Subject, type VocabularyData } from './vocabulary-schema';

/**
 * The vocabulary every pack is written in (`vocabulary.yaml`), and the checks that hold
 * a pack to it: each trigger and stop names a documented event type, qualifier and
 * value; each `when` a documented condition; each owner a documented role; each
 * standard counted back from an event counts back from one known in advance.
 */

/** A vocabulary as loaded: the parsed file. @example const v: Vocabulary = builtInVocabulary(); */
export type Vocabulary = VocabularyData;

/** `when` entries may test any condition negated, written `not-<name>`. @example NEGATION_PREFIX; // 'not-' */
export const NEGATION_PREFIX = 'not-';

/**
 * The condition a `when` entry names, and whether it is negated (`not-looked-after`).
 * Undefined when the vocabulary does not document it.
 *
 * @example
 * conditionOf(builtInVocabulary(), 'not-looked-after'); // { name: 'looked-after', negated: true, condition: {...} }
 */
export function conditionOf(v: Vocabulary, entry: string): { name: string; negated: boolean; condition: Condition } | undefined {
  const direct = v.conditions[entry];
  if (direct) return { name: entry, negated: false, condition: direct };
  if (entry.startsWith(NEGATION_PREFIX)) {
    const name = entry.slice(NEGATION_PREFIX.length);
    const negated = v.conditions[name];
    if (negated) return { name, negated: true, condition: negated };
  }
  return undefined;
}

/**
 * Whether a role is a team (or someone outside the council): its obligations sit with no
 * one person (`ownerId` null).
 *
 * @example
 * isTeamRole('participation-team'); // true
 * isTeamRole('social-worker');      // false
 */
export function isTeamRole(role: string, v: Vocabulary = builtInVocabulary()): boolean {
  const kind = v.roles[role]?.kind;
  return kind === 'team' || kind === 'external';
}

/**
 * Whether a role is someone outside the council (the young person, a partner agency):
 * its clocks are periods to show, nobody in the council is nudged about them and they
 * never escalate.
 *
 * @example
 * isExternalRole('young-person'); // true
 * isExternalRole('participation-team'); // false
 */
export function isExternalRole(role: string, v: Vocabulary = builtInVocabulary()): boolean {
  return v.roles[role]?.kind === 'external';
}

/**
 * What is wrong with one trigger or stop of a standard about `subject`, each problem at
 * a path inside the match (`['type']`, `['details', 'kind']`). Empty when it is sound.
 *
 * @example
 * matchProblems(v, { type: 'visit-completed', details: { kind: ['cic'] } }, 'case'); // []
 */
export function matchProblems(v: Vocabulary, match: EventMatch, subject: Subject): PathProblem[] {
  const event: EventType | undefined = v.events[match.type];
  if (!event) return [{ path: ['type'], message: `"${match.type}" is not an event type of the vocabulary (standards/vocabulary.yaml)` }];
  const problems: PathProblem[] = [];
  if (!event.subjects.includes(subject)) {
    problems.push({ path: ['type'], message: `"${match.type}" is an event of ${event.subjects.join(' or ')}, not of a ${subject}` });
  }
  for (const [key, accepted] of Object.entries(match.details)) {
    const qualifier = event.qualifiers[key];
    if (!qualifier) {
      problems.push({ path: ['details', key], message: `"${match.type}" has no qualifier "${key}" (it has: ${Object.keys(event.qualifiers).join(', ') || 'none'})` });
      continue;
    }
    const bad = accepted.filter((value) => {
      switch (qualifier.kind) {
        case 'enum':
          return !(qualifier.values && value in qualifier.values);
        case 'boolean':
          return value !== 'true' && value !== 'false';
        case 'count':
          return !/^\d+\+?$/.test(value);
        case 'text':
          return true;
      }
    });
    if (qualifier.kind === 'text') {
      problems.push({ path: ['details', key], message: `"${key}" is free text (${qualifier.meaning}); a standard cannot match on it` });
    } else if (bad.length > 0) {
      const allowed =
        qualifier.kind === 'enum' ? Object.keys(qualifier.values ?? {}).join(', ') : qualifier.kind === 'boolean' ? 'true, false' : 'a whole number N, or N+ for N and above';
      problems.push({ path: ['details', key], message: `${bad.map((b) => `"${b}"`).join(', ')} is not a documented value of ${match.type}.${key} (use ${allowed})` });
    }
  }
  return problems;
}

/**
 * Why the case-event intake must refuse an event of this type, or null when it may take
 * it: the type is unknown, or Heard derives it itself (`birthday`, `case-opened`), or it
 * is a step of a statement's life, which only the statement intake records.
 *
 * @example
 * intakeTypeProblem(v, 'visit-completed'); // null
 * intakeTypeProblem(v, 'birthday'); // 'Heard works "birthday" out from the case; a case system never sends it'
 */
export function intakeTypeProblem(v: Vocabulary, type: string): string | null {
  const event = v.events[type];
  if (!event) return `"${type}" is not an event type of the vocabulary`;
  if (event.origin === 'derived') return `Heard works "${type}" out from the case; a case system never sends it`;
  if (event.origin === 'statement') return `"${type}" is a step of a statement in Heard, not a case event`;
  return null;
}

/**
 * The qualifiers of an event the vocabulary does not document: unknown keys, and values
 * of `enum`, `boolean` or `count` qualifiers outside what is documented. The intake keeps
 * them (they match no standard) and lists them so an administrator notices a new code.
 *
 * @example
 * unrecognisedDetails(v, 'visit-completed', { kind: 'cic', mood: 'good' }); // [{ field: 'details.mood', value: 'good' }]
 */
export function unrecognisedDetails(v: Vocabulary, type: string, details: Readonly<Record<string, unknown>>): { field: string; value: string }[] {
  const qualifiers = v.events[type]?.qualifiers ?? {};
  const found: { field: string; value: string }[] = [];
  for (const [key, raw] of Object.entries(details)) {
    const values = (Array.isArray(raw) ? raw : [raw]).map((x) => String(x));
    const q = qualifiers[key];
    for (const value of values) {
      const known =
        q !== undefined &&
        (q.kind === 'text' ||
          (q.kind === 'enum' && q.values !== undefined && value in q.values) ||
          (q.kind === 'boolean' && (value === 'true' || value === 'false')) ||
          (q.kind === 'count' && /^\d+$/.test(value)));
      if (!known) found.push({ field: `details.${key}`, value });
    }
  }
  return found;
}

/**
 * What is wrong with a `when` entry of a standard about `subject`, or null.
 *
 * @example
 * conditionProblem(v, 'looked-after', 'case'); // null
 */
export function conditionProblem(v: Vocabulary, entry: string, subject: Subject): string | null {
  const found = conditionOf(v, entry);
  if (!found) return `"${entry}" is not a condition of the vocabulary (nor "not-" and one)`;
  if (!found.condition.subjects.includes(subject)) return `"${found.name}" is a condition of ${found.condition.subjects.join(' or ')}, not of a ${subject}`;
  return null;
}

/**
 * What is wrong with a role (an owner, or an escalation's `to` and `notify`), or null.
 *
 * @example
 * roleProblem(v, 'iro', 'case'); // null
 */
export function roleProblem(v: Vocabulary, role: string, subject: Subject): string | null {
  const found: Role | undefined = v.roles[role];
  if (!found) return `"${role}" is not a role of the vocabulary`;
  if (!found.subjects.includes(subject)) return `"${role}" is a role on ${found.subjects.join(' or ')}, not on a ${subject}`;
  return null;
}

/**
 * Every way a standard departs from the vocabulary, at paths inside the standard.
 *
 * @example
 * standardProblems(builtInVocabulary(), standard); // [] for every built-in standard
 */
export function standardProblems(v: Vocabulary, s: Pick<StandardInput, 'subject' | 'trigger' | 'stop' | 'when' | 'owner' | 'escalation' | 'direction'>): PathProblem[] {
  const at = (prefix: (string | number)[]) => (p: PathProblem) => ({ path: [...prefix, ...p.path], message: p.message });
  const problems: PathProblem[] = [
    ...matchProblems(v, s.trigger, s.subject).map(at(['trigger'])),
    ...s.stop.flatMap((stop, i) => matchProblems(v, stop, s.subject).map(at(['stop', ...(s.stop.length > 1 ? [i] : [])]))),
  ];
  if (s.direction === 'before' && v.events[s.trigger.type] && !v.events[s.trigger.type].scheduled) {
    problems.push({
      path: ['trigger'],
      message: `"${s.trigger.type}" is not known in advance, so nothing can be due before it: count back from a scheduled event (meeting-scheduled, date-set, birthday)`,
    });
  }
  s.when.forEach((entry, i) => {
    const problem = conditionProblem(v, entry, s.subject);
    if (problem) problems.push({ path: ['when', i], message: problem });
  });
  const owner = roleProblem(v, s.owner, s.subject);
  if (owner) problems.push({ path: ['owner'], message: owner });
  if (s.escalation) {
    [s.escalation.to, ...s.escalation.notify].forEach((role, i) => {
      // Escalation roles act on the obligation's owner (their line manager, the duty manager).
      const problem = v.roles[role] ? null : `"${role}" is not a role of the vocabulary`;
      if (problem) problems.push({ path: i === 0 ? ['escalation', 'to'] : ['escalation', 'notify', i - 1], message: problem });
    });
  }
  return problems;
}

/**
 * What is inconsistent inside the vocabulary itself: a flag set by an undocumented event,
 * a rule measured from one, a meeting type with no way to be reported held, a role or
 * flag value that names nothing.
 *
 * @example
 * vocabularyProblems(builtInVocabulary()); // []
 */
export function vocabularyProblems(v: Vocabulary): PathProblem[] {
  const problems: PathProblem[] = [];
  const anySubject = (match: EventMatch, subjects: readonly Subject[]) => {
    const each = subjects.map((s) => matchProblems(v, match, s));
    return each.find((p) => p.length === 0) ?? each[0];
  };
  for (const [name, c] of Object.entries(v.conditions)) {
    if (name.startsWith(NEGATION_PREFIX)) problems.push({ path: ['conditions', name], message: `a condition name may not start with "${NEGATION_PREFIX}" (that is how a when entry negates one)` });
    for (const key of ['setBy', 'clearedBy'] as const) {
      c[key].forEach((m, i) => problems.push(...anySubject(m, c.subjects).map((p) => ({ path: ['conditions', name, key, i, ...p.path], message: p.message }))));
    }
    const rule = c.rule;
    if (rule) {
      const matches: [string, EventMatch | undefined][] =
        'within' in rule
          ? [['within', rule.within.since]]
          : 'after' in rule
            ? [['after', rule.after.since]]
            : 'none' in rule
              ? [['none', rule.none], ['since', rule.since]]
              : 'some' in rule
                ? [['some', rule.some], ['since', rule.since]]
                : [];
      for (const [key, m] of matches) {
        if (m) problems.push(...anySubject(m, c.subjects).map((p) => ({ path: ['conditions', name, 'rule', key, ...p.path], message: p.message })));
      }
    }
  }
  const meetingTypes = Object.keys(v.events['meeting-scheduled']?.qualifiers.type?.values ?? {});
  for (const t of meetingTypes) if (!v.meetings[t]) problems.push({ path: ['meetings'], message: `meeting type "${t}" of meeting-scheduled says nowhere how it is reported held` });
  for (const [t, m] of Object.entries(v.meetings)) {
    if (!meetingTypes.includes(t)) problems.push({ path: ['meetings', t], message: `"${t}" is not a meeting type of meeting-scheduled` });
    problems.push(...matchProblems(v, m.heldAs, 'case').map((p) => ({ path: ['meetings', t, 'heldAs', ...p.path], message: p.message })));
  }
  for (const [type, e] of Object.entries(v.events)) {
    for (const [key, q] of Object.entries(e.qualifiers)) {
      const values = Object.keys(q.values ?? {});
      if (key === 'role') values.filter((r) => !v.roles[r]).forEach((r) => problems.push({ path: ['events', type, 'qualifiers', key, 'values', r], message: `"${r}" is not a role of the vocabulary` }));
      if (type === 'case-status-changed' && key === 'flag') {
        values.filter((f) => v.conditions[f]?.kind !== 'flag').forEach((f) => problems.push({ path: ['events', type, 'qualifiers', key, 'values', f], message: `"${f}" is not a flag condition` }));
      }
    }
  }
  const flags = Object.entries(v.conditions).filter(([, c]) => c.kind === 'flag').map(([n]) => n);
  const documented = Object.keys(v.events['case-status-changed']?.qualifiers.flag?.values ?? {});
  for (const f of flags) if (!documented.includes(f)) problems.push({ path: ['events', 'case-status-changed', 'qualifiers', 'flag', 'values'], message: `flag "${f}" is not listed as a value of case-status-changed.flag` });
  return problems;
}

/**
 * Parses and checks a vocabulary given as YAML (or JSON) text. Throws `PackError`
 * with `file:line: path: problem` for each problem.
 *
 * @example
 * parseVocabulary(fs.readFileSync('standards/vocabulary.yaml', 'utf8'), 'vocabulary.yaml');
 */
export function parseVocabulary(text: string, file: string): Vocabulary {
  return parseValidatedYaml(VocabularySchema, text, file, vocabularyProblems);
}

/** File name of the validated JSON copy of the vocabulary, written into `dist/standards/`. */
export const BUILT_IN_VOCABULARY_BUNDLE = 'vocabulary.json';

/**
 * The built-in vocabulary file, from source (`standards/`) or compiled (`dist/standards/`) code alike.
 *
 * @example
 * fs.readFileSync(builtInVocabularyFile(), 'utf8');
 */
export function builtInVocabularyFile(): string {
  const candidates = [path.join(__dirname, 'vocabulary.yaml'), path.join(__dirname, '..', '..', 'standards', 'vocabulary.yaml')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`the vocabulary was not found (looked in ${candidates.join(', ')})`);
  return found;
}

let cache: Vocabulary | undefined;

/**
 * The built-in vocabulary, read and checked once per process: compiled code reads the
 * bundle `npm run build` wrote beside it, source code the YAML it sits beside.
 *
 * @example
 * builtInVocabulary().events['visit-completed'].qualifiers.kind.values?.cic;
 */
export function builtInVocabulary(): Vocabulary {
  if (!cache) {
    const bundle = path.join(__dirname, BUILT_IN_VOCABULARY_BUNDLE);
    if (fs.existsSync(bundle)) {
      // JSON.parse, not the YAML parser: a CLI call should not pay for YAML.
      const result = VocabularySchema.safeParse(JSON.parse(fs.readFileSync(bundle, 'utf8')));
      const problems = result.success
        ? vocabularyProblems(result.data)
        : result.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }));
      if (!result.success || problems.length > 0) throw new PackError(bundle, problems.map((p) => `${bundle}: ${formatPath(p.path)}: ${p.message}`));
      cache = result.data;
    } else {
      const file = builtInVocabularyFile();
      cache = parseVocabulary(fs.readFileSync(file, 'utf8'), file);
    }
  }
  return cache;
}
