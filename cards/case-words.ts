import type { Obligation } from '../domain/obligation';
import { builtInVocabulary, type Standard, type Vocabulary } from '../standards';

/**
 * The words every card family uses for case work: what to do next to meet a case
 * standard, what a deadline counted back from an event is counted back from, and a role
 * as people say it. One table each, so a visit reads the same in a list, a reminder, an
 * escalation and a digest.
 */

/** What to do to meet a case or staff standard, by its stop event (and a qualifier that changes the words). */
const NEXT_STEP: Record<string, string | ((details: Readonly<Record<string, readonly string[]>>) => string)> = {
  'visit-completed': (d) => (d.kind?.[0] === 'foster-carer' ? 'Visit the foster carer' : d.kind?.[0] === 'pa' ? 'See the young person' : 'Visit the child'),
  'review-held': 'Hold the review',
  'cp-conference-held': 'Hold the conference',
  'core-group-held': 'Hold the core group',
  'meeting-held': 'Hold the meeting',
  'strategy-discussion-held': 'Hold the strategy discussion',
  'record-updated': 'Update the record',
  'document-completed': 'Complete the document',
  'document-shared': 'Share the document',
  'supervision-held': 'Hold supervision',
  'staff-review-held': 'Hold the review',
  'assessment-started': 'Start the assessment',
  'assessment-completed': 'Complete the assessment',
  'assessment-signed-off': 'Sign off the assessment',
  'plan-started': 'Start the plan',
  'plan-updated': 'Update the plan',
  'notification-sent': 'Send the notification',
  'referral-made': 'Make the referral',
  'management-oversight-recorded': 'Record management oversight',
  'decision-recorded': 'Record the decision',
  'case-allocated': 'Allocate the case',
  'agency-checks-received': 'Have the agency checks back',
  'check-completed': 'Complete the check',
  'statement-sent': 'Complete the statements with the child',
  'app-introduced': (d) => (d.app?.[0] === 'one' ? 'Offer the One app' : d.app?.[0] === 'xchange' ? 'Introduce Mind Of My Own Xchange' : 'Introduce Mind Of My Own'),
  'contact-made': (d) => (d.kind?.[0] === 'late-notice' ? 'Tell them you are running late' : 'Make contact'),
};

/**
 * What to do next to meet a case or staff standard, from its first stop: `Visit the
 * child`, `Share the document`; the standard's title when Heard has no words for its stop
 * (or it has none).
 *
 * @example
 * nextStep(cicVisits); // 'Visit the child'
 */
export function nextStep(standard: Pick<Standard, 'stops' | 'title'>, vocabulary: Vocabulary = builtInVocabulary()): string {
  const stop = standard.stops[0];
  const words = stop ? NEXT_STEP[stop.type] : undefined;
  if (words === undefined) return standard.title;
  const named = OBJECT_NAMED[stop.type];
  const object = named ? valueWords(vocabulary, stop.type, named.qualifier, stop.details[named.qualifier]) : null;
  if (named && object !== null) {
    // Shared with the review itself: taken to it ("Take a copy of the child's statement to the review").
    if (named.withWhom && stop.details[named.withWhom]?.length === 1 && stop.details[named.withWhom][0] === 'review') return `Take ${object} to the review`;
    // "Share the social worker's report for a Child in Care review with the IRO"
    const withWhom = named.withWhom ? valueWords(vocabulary, stop.type, named.withWhom, stop.details[named.withWhom]) : null;
    return `${named.verb} ${object}${withWhom === null ? '' : ` with ${withWhom}`}`;
  }
  return typeof words === 'string' ? words : words(stop.details);
}

/**
 * Steps whose object a qualifier names: the record updated, the document completed or
 * shared. Worded from the vocabulary's meaning of the value, so that one case's three
 * recording clocks read "Update the chronology", "Update the case summary", "Update the
 * chronology or the case summary" rather than "Update the record" three times.
 */
const OBJECT_NAMED: Readonly<Record<string, { qualifier: string; verb: string; withWhom?: string }>> = {
  'record-updated': { qualifier: 'record', verb: 'Update' },
  'document-completed': { qualifier: 'document', verb: 'Complete' },
  'document-shared': { qualifier: 'document', verb: 'Share', withWhom: 'with' },
};

/** Longest object a step names before it falls back to its general words (a list line on a phone). */
const MOST_OBJECT_CHARACTERS = 70;

/**
 * The values of a stop's qualifier in words, from the vocabulary's meanings ("The
 * chronology." → "the chronology"; two values joined by "or"), or null when a value has
 * no meaning or the words would be too long for a list line.
 */
function valueWords(vocabulary: Vocabulary, type: string, qualifier: string, values: readonly string[] | undefined): string | null {
  if (!values || values.length === 0) return null;
  const meanings = vocabulary.events[type]?.qualifiers?.[qualifier]?.values;
  const words: string[] = [];
  for (const value of values) {
    const meaning = meanings?.[value];
    if (!meaning) return null;
    const plain = meaning
      .replace(/\s*\([^)]*\)/g, '')
      .replace(/[.,;:—–-]\s.*$|\.$/s, '')
      .trim();
    // "The IRO" → "the IRO"; an acronym or a name keeps its capitals ("ASSIST's letter").
    words.push(/^(?:A|An|The) |^\p{Lu}\p{Ll}/u.test(plain) ? plain[0].toLowerCase() + plain.slice(1) : plain);
  }
  const joined = words.join(' or ');
  return joined.length <= MOST_OBJECT_CHARACTERS ? joined : null;
}

/** Roles whose names people say differently from their code. */
const ROLE_WORDS: Readonly<Record<string, string>> = {
  iro: 'IRO',
  'iro-manager': 'IRO manager',
  'iro-team': 'IRO team',
  'iro-service-manager': 'IRO service manager',
  'yos-case-manager': 'YOS case manager',
  'cic-admin-team': 'CiC admin team',
  'cp-admin-team': 'CP admin team',
  lado: 'LADO',
};

/**
 * A role as people say it: `social-worker` → `social worker`, `iro-manager` → `IRO manager`.
 *
 * @example
 * roleWords('duty-manager'); // 'duty manager'
 */
export function roleWords(role: string): string {
  return ROLE_WORDS[role] ?? role.replace(/-/g, ' ');
}

/**
 * What a deadline counted back from an event is counted back from, in words (`the
 * meeting`, `the final hearing`, `the 18th birthday`), or null for a deadline counted
 * forward.
 *
 * @example
 * anchorWords(reportBeforeReview); // 'the meeting'
 */
export function anchorWords(o: Pick<Obligation, 'anchorAt' | 'occurrenceKey'>): string | null {
  if (o.anchorAt === null) return null;
  const anchor = o.occurrenceKey?.slice(o.occurrenceKey.indexOf('|') + 1) ?? '';
  if (anchor.startsWith('date-set:')) return `the ${anchor.slice('date-set:'.length).replace(/-/g, ' ')}`;
  const age = /^birthday:(\d+)$/.exec(anchor)?.[1];
  if (age !== undefined) return `the ${ordinal(Number(age))} birthday`;
  return 'the meeting';
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * The button that records from Teams what meets a case standard (domain/teams-case-events.ts),
 * worded as done: `Introduced Mind Of My Own`, `Told them I was running late`.
 *
 * @example
 * recordTitle({ type: 'app-introduced', details: { app: 'momo' } }); // 'Introduced Mind Of My Own'
 */
export function recordTitle(stop: { type: string; details: Readonly<Record<string, string>> }): string {
  if (stop.type === 'app-introduced') {
    return stop.details.app === 'one' ? 'Offered the One app' : stop.details.app === 'xchange' ? 'Introduced Mind Of My Own Xchange' : 'Introduced Mind Of My Own';
  }
  if (stop.type === 'contact-made') return 'Told them I was running late';
  return 'Done';
}
