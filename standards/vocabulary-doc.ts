import { formatEventMatch, type EventMatch } from './event-match';
import type { Standard } from './pack-schema';
import { NEGATION_PREFIX, type Vocabulary } from './vocabulary';
import type { DerivedRule, EventType, Qualifier } from './vocabulary-schema';

/**
 * `packs/VOCABULARY.md`, the vocabulary for people: what a council's case-system team
 * reads to map its own codes to Heard's event types, qualifiers and flags. Worked out
 * from `vocabulary.yaml` and the packs (which standards use each name), so it cannot
 * drift: `npm run vocabulary-doc` writes it and a test checks it is current.
 */

const PERIOD_WORDS: Record<string, (n: number | undefined) => string> = {
  'same-working-day': () => 'the same working day (close of business of that day, or of the next working day)',
  'working-days': (n) => `${n} working day${n === 1 ? '' : 's'}`,
  'calendar-days': (n) => `${n} day${n === 1 ? '' : 's'}`,
  weeks: (n) => `${n} week${n === 1 ? '' : 's'}`,
  months: (n) => `${n} month${n === 1 ? '' : 's'}`,
};

function code(match: EventMatch): string {
  return `\`${formatEventMatch(match)}\``;
}

/**
 * A derived condition's rule in words.
 *
 * @example
 * describeRule({ age: { below: 5 } }); // 'the child's age in whole years is below 5'
 */
export function describeRule(rule: DerivedRule): string {
  if ('age' in rule) {
    const { atLeast, below } = rule.age;
    const parts = [atLeast !== undefined ? `at least ${atLeast}` : null, below !== undefined ? `below ${below}` : null].filter(Boolean);
    return `the child's age in whole years is ${parts.join(' and ')} (never, without a date of birth)`;
  }
  if ('within' in rule) return `less than ${PERIOD_WORDS[rule.within.clock](rule.within.amount)} since the latest ${code(rule.within.since)}`;
  if ('after' in rule) return `at least ${PERIOD_WORDS[rule.after.clock](rule.after.amount)} since the latest ${code(rule.after.since)}`;
  const since = rule.since ? `since the latest ${code(rule.since)}` : 'since the case was opened';
  if ('none' in rule) return `no ${code(rule.none)} ${since}`;
  return `at least one ${code(rule.some)} ${since}`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function qualifierRow(key: string, q: Qualifier): string {
  const values =
    q.kind === 'enum'
      ? Object.entries(q.values ?? {})
          .map(([v, m]) => `\`${v}\`: ${escape(m)}`)
          .join('<br>')
      : q.kind === 'boolean'
        ? '`true`, `false`'
        : q.kind === 'count'
          ? 'a whole number (a standard may accept `N+`: N and above)'
          : 'free text (no standard matches on it)';
  const derived = q.derived ? ` *If not sent:* ${escape(q.derived)}` : '';
  return `| \`${key}\` | ${escape(q.meaning)}${derived} | ${values} |`;
}

function usage(type: string, standards: readonly Standard[]): string {
  const asTrigger = standards.filter((s) => s.trigger.type === type).map((s) => s.id);
  const asStop = standards.filter((s) => s.stops.some((m) => m.type === type)).map((s) => s.id);
  if (asTrigger.length + asStop.length === 0) return 'No built-in standard uses it yet.';
  return `Starts ${asTrigger.length} built-in standard${asTrigger.length === 1 ? '' : 's'}, meets ${asStop.length}.`;
}

function eventSection(type: string, e: EventType, standards: readonly Standard[]): string[] {
  const lines = [`#### \`${type}\``, '', escape(e.meaning), ''];
  const facts = [`About: ${e.subjects.join(', ')}.`];
  if (e.scheduled) facts.push('Known in advance: standards may be due before it.');
  if (e.derivation) facts.push(`How Heard derives it: ${e.derivation}`);
  facts.push(usage(type, standards));
  lines.push(facts.join(' '), '');
  const qualifiers = Object.entries(e.qualifiers);
  if (qualifiers.length > 0) {
    lines.push('| qualifier | meaning | values |', '|---|---|---|', ...qualifiers.map(([k, q]) => qualifierRow(k, q)), '');
  }
  return lines;
}

/**
 * The whole page, in Markdown.
 *
 * @example
 * fs.writeFileSync('standards/packs/VOCABULARY.md', renderVocabularyMarkdown(builtInVocabulary(), loadBuiltInStandards()));
 */
export function renderVocabularyMarkdown(v: Vocabulary, standards: readonly Standard[]): string {
  const events = Object.entries(v.events);
  const byOrigin = (origin: EventType['origin']) => events.filter(([, e]) => e.origin === origin).flatMap(([t, e]) => eventSection(t, e, standards));
  const conditions = Object.entries(v.conditions);
  const used = (name: string) =>
    standards.filter((s) => s.when.includes(name) || s.when.includes(`${NEGATION_PREFIX}${name}`)).length;
  const lines: string[] = [
    '# The vocabulary of case work',
    '',
    '<!-- Generated from ../vocabulary.yaml and the packs by `npm run vocabulary-doc`; a test keeps it current. Do not edit by hand. -->',
    '',
    'Every event a case system (or a worker in Teams) sends to Heard names one of the event types below, with',
    "the qualifiers it knows in `details` (the envelope is in `case-events.md`). To connect a council's case system,",
    'map each of its own codes (a Mosaic step, a Liquidlogic form, an Eclipse episode) to one type and the qualifier',
    'values that say what it was. Unknown qualifier keys and values are kept but match no standard; an unknown type',
    'is refused, and so are the events Heard works out itself. Every trigger, stop, condition and owner of the',
    'built-in packs is one of the names here: the pack loader refuses any other.',
    '',
    'A standard matches an event by type and, where it names them, qualifier values: `visit-completed{kind=cic}` is',
    'any statutory visit to a child in care; `review-held{type=cic, ordinal=2+}` the second and every later Child in',
    'Care review; `meeting-scheduled{type=icpc|rcpc}` the arranging of either conference.',
    '',
    '## Event types',
    '',
    '### Sent by the case system or recorded in Teams',
    '',
    ...byOrigin('received'),
    '### Worked out by Heard (never sent: the intake refuses them)',
    '',
    ...byOrigin('derived'),
    '### Steps of a statement (Mind Of My Own, recorded by Heard itself)',
    '',
    ...byOrigin('statement'),
    '## Conditions',
    '',
    "A standard's `when` lists conditions that must all hold on the case (or staff member, or statement) when the",
    'event that starts it happens, after that event has applied its own changes. Any condition may be negated as',
    '`not-<name>` (e.g. `not-disabled-child`).',
    '',
    '### Flags of the case or staff member',
    '',
    'Set or cleared explicitly by `case-status-changed` (`details.flag`, `details.value`), and by the events listed.',
    '',
    '| flag | meaning | set by | cleared by | standards |',
    '|---|---|---|---|---|',
    ...conditions
      .filter(([, c]) => c.kind === 'flag')
      .map(
        ([n, c]) =>
          `| \`${n}\` | ${escape(c.meaning)}${c.subjects.includes('staff') ? ' (staff)' : ''} | ${c.setBy.map(code).join(', ') || '—'} | ${c.clearedBy.map(code).join(', ') || '—'} | ${used(n)} |`,
      ),
    '',
    '### Worked out by Heard',
    '',
    'Tested at the instant of the event (never on a clock of their own): ages from the date of birth, periods since an',
    'event, and whether something has happened since another event.',
    '',
    '| condition | meaning | how Heard works it out | standards |',
    '|---|---|---|---|',
    ...conditions.filter(([, c]) => c.kind === 'derived').map(([n, c]) => `| \`${n}\` | ${escape(c.meaning)} | ${c.rule ? escape(describeRule(c.rule)) : ''} | ${used(n)} |`),
    '',
    '### Of a statement',
    '',
    '| condition | meaning |',
    '|---|---|',
    ...conditions.filter(([, c]) => c.kind === 'statement').map(([n, c]) => `| \`${n}\` | ${escape(c.meaning)} |`),
    '',
    '## Roles',
    '',
    'Who must meet a standard. An **allocation** role is held by the person the case system allocates to it',
    '(`case-allocated`); a **team** or **external** role leaves the obligation with the team, owned by no one person;',
    'a **staff** role is relative to the staff member the standard is about; a **statement** role to the statement.',
    '',
    '| role | kind | on | meaning |',
    '|---|---|---|---|',
    ...Object.entries(v.roles).map(([n, r]) => `| \`${n}\` | ${r.kind} | ${r.subjects.join(', ')} | ${escape(r.meaning)} |`),
    '',
    '## Meetings',
    '',
    'A meeting arranged with `meeting-scheduled` is reported held by its own type, carrying the same `meetingId`:',
    '',
    '| meeting type | reported held as |',
    '|---|---|',
    ...Object.entries(v.meetings).map(([t, m]) => `| \`${t}\` | ${code(m.heldAs)} |`),
    '',
  ];
  return lines.join('\n');
}
