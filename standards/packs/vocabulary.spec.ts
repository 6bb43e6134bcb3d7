import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { formatEventMatch } from '../event-match';
import { BUILT_IN_PACK_IDS, builtInPacksDir, loadBuiltInStandards, parsePack, PackError } from '../pack-loader';
import { StandardSchema } from '../pack-schema';
import { formatPath } from '../validated-yaml';
import { builtInVocabulary, conditionOf, intakeTypeProblem, parseVocabulary, standardProblems, unrecognisedDetails, vocabularyProblems } from '../vocabulary';
import { renderVocabularyMarkdown } from '../vocabulary-doc';

const vocabulary = builtInVocabulary();

/**
 * case-events.md, "The vocabulary": each type of its table with the qualifier keys and the
 * values it names. Developers may add; never change or remove.
 */
const CASE_EVENTS_TABLE: Record<string, Record<string, string[]>> = {
  'contact-received': { source: [] },
  'decision-recorded': { decision: ['threshold', 'cin', 's47', 'step-down', 'closure', 'extension', 'consent'] },
  'agency-checks-requested': { grading: [] },
  'agency-checks-received': { grading: [] },
  'strategy-discussion-held': { kind: ['cp', 'lado', 'child-led'] },
  'assessment-started': { type: ['child-and-family', 'single', 'early-help', 'assetplus', 'section-47', 'health-initial', 'health-review', 'ot', 'carer', 'pathway-needs'] },
  'assessment-completed': { type: ['child-and-family', 'single', 'early-help', 'assetplus', 'section-47', 'health-initial', 'health-review', 'ot', 'carer', 'pathway-needs'] },
  'assessment-signed-off': { type: ['child-and-family', 'single', 'early-help', 'assetplus', 'section-47', 'health-initial', 'health-review', 'ot', 'carer', 'pathway-needs'] },
  'case-allocated': { role: ['social-worker', 'iro', 'personal-adviser', 'early-help-worker', 'yos-case-manager', 'team-manager'], person: [] },
  'case-status-changed': { flag: ['looked-after', 'child-protection-plan', 'child-in-need', 'care-leaver', 'early-help', 'youth-justice', 'disabled-child', 'uasc', 'placed-at-home', 'foster-placement', 'residential'], value: [], dateOfBirth: [] },
  'child-became-looked-after': { legalStatus: [], emergency: [] },
  'child-left-care': { reason: [] },
  'placement-started': { type: [], firstOfEpisode: [], planned: [] },
  'order-made': { order: ['ico', 'care', 'placement', 'dto', 'yro'] },
  'plan-started': { plan: ['cin', 'cp', 'care', 'pathway', 'safety', 'sentence'] },
  'plan-updated': { plan: ['cin', 'cp', 'care', 'pathway', 'safety', 'sentence'] },
  'plan-ended': { plan: ['cin', 'cp', 'care', 'pathway', 'safety', 'sentence'] },
  'cp-conference-held': { kind: ['initial', 'review'], planMade: [] },
  'core-group-held': { ordinal: [] },
  'meeting-scheduled': { type: ['cic-review', 'cin-review', 'icpc', 'rcpc', 'core-group', 'pep', 'ppm', 'ehcp-review'], meetingId: [], ordinal: [] },
  'meeting-held': { type: [], meetingId: [], ordinal: [] },
  'meeting-cancelled': { meetingId: [] },
  'review-held': { type: ['cic', 'cin', 'adoption', 'short-break', 'pathway', 'sentence-plan', 'ehcp'], ordinal: [] },
  'visit-completed': { kind: ['cic', 'cp', 'cin', 'pa', 'iro', 'ot', 'early-help', 'home'], seenAlone: [], bedroomSeen: [], unannounced: [] },
  'record-updated': { record: ['visit-note', 'chronology', 'case-summary', 'front-sheet', 'risk-assessment', 'genogram'] },
  'document-completed': { document: ['review-invitation', 'review-report', 'conference-report', 'conference-record', 'pathway-plan'], signedOff: [] },
  'document-shared': { document: ['review-invitation', 'review-report', 'conference-report', 'conference-record', 'pathway-plan'], with: ['child', 'family', 'iro', 'conference'], signedOff: [] },
  'notification-sent': { to: [] },
  'supervision-held': { kind: ['professional'] },
  'staff-review-held': { kind: ['appraisal', 'observation', 'agreement-review'] },
  'management-oversight-recorded': {},
  'significant-event': { kind: [] },
  'allegation-received': { kind: [] },
  'missing-episode-ended': { kind: [] },
  'date-set': { what: ['final-hearing', 'filing', 'final-evidence', 'adm-decision', 'release'] },
  'app-introduced': { app: ['momo'] },
  'case-closed': { reason: [] },
};

/** Which file of which pack each standard is written in, so a failure names it. */
function fileOfEachStandard(): Map<string, string> {
  const files = new Map<string, string>();
  for (const pack of BUILT_IN_PACK_IDS) {
    const dir = path.join(builtInPacksDir(), pack);
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.yaml') && !x.endsWith('.untimed.yaml'))) {
      const data = parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { standards?: { id: string }[] };
      for (const s of data.standards ?? []) files.set(s.id, `standards/packs/${pack}/${f}`);
    }
  }
  return files;
}

/** The problems a refused file is reported with; fails the test when it is accepted. */
function problemsOf(parseIt: () => unknown): string[] {
  try {
    parseIt();
  } catch (e) {
    if (e instanceof PackError) return e.problems;
    throw e;
  }
  throw new Error('it was accepted, but should have been refused');
}

describe('the vocabulary (standards/vocabulary.yaml)', () => {
  it('is consistent: every flag set by documented events, every rule measured from them, every meeting reported held', () => {
    expect(vocabularyProblems(vocabulary)).toEqual([]);
  });

  it.each(Object.entries(CASE_EVENTS_TABLE))('documents %s with the qualifiers and values case-events.md gives it', (type, qualifiers) => {
    const event = vocabulary.events[type];
    expect(event?.origin).toBe('received');
    for (const [key, values] of Object.entries(qualifiers)) {
      expect(Object.keys(event.qualifiers)).toContain(key);
      expect(Object.keys(event.qualifiers[key].values ?? {})).toEqual(expect.arrayContaining(values));
    }
  });

  it('documents the statement events and conditions the momo and yjs packs use, as statement events', () => {
    const statementStandards = loadBuiltInStandards().filter((s) => s.subject === 'statement');
    const used = new Set(statementStandards.flatMap((s) => [s.trigger.type, ...s.stops.map((m) => m.type)]));
    expect([...used].filter((t) => vocabulary.events[t]?.origin !== 'statement')).toEqual([]);
    const when = new Set(statementStandards.flatMap((s) => s.when));
    // A negated condition (`not-unidentified`) is a condition of the statement too.
    expect([...when].filter((c) => conditionOf(vocabulary, c)?.condition.kind !== 'statement')).toEqual([]);
  });

  it('marks the events Heard works out itself, which the case-event intake must refuse', () => {
    expect(vocabulary.events['birthday']).toMatchObject({ origin: 'derived', scheduled: true });
    expect(vocabulary.events['birthday'].qualifiers.age.kind).toBe('count');
    expect(intakeTypeProblem(vocabulary, 'birthday')).toMatch(/never sends it/);
    expect(intakeTypeProblem(vocabulary, 'case-opened')).toMatch(/never sends it/);
    expect(intakeTypeProblem(vocabulary, 'statement-opened')).toMatch(/not a case event/);
    expect(intakeTypeProblem(vocabulary, 'visit-happened')).toMatch(/not an event type/);
    expect(intakeTypeProblem(vocabulary, 'visit-completed')).toBeNull();
  });

  it('tells an administrator which qualifiers of an event match no standard (a new code in the case system)', () => {
    expect(unrecognisedDetails(vocabulary, 'visit-completed', { kind: 'cic', seenAlone: true, setting: 'home' })).toEqual([]);
    expect(unrecognisedDetails(vocabulary, 'visit-completed', { kind: 'statutory', mood: 'good', seenAlone: 'yes' })).toEqual([
      { field: 'details.kind', value: 'statutory' },
      { field: 'details.mood', value: 'good' },
      { field: 'details.seenAlone', value: 'yes' },
    ]);
    expect(unrecognisedDetails(vocabulary, 'case-allocated', { role: 'iro', person: 'sam@council.example' })).toEqual([]);
  });

  it('refuses a malformed vocabulary with the file, the line and what is wrong', () => {
    const text = [
      'version: 1',
      'events:',
      '  visit-completed:',
      '    meaning: "A visit took place."',
      '    origin: received',
      '    subjects: [case]',
      'conditions:',
      '  looked-after:',
      '    meaning: "The child is looked after."',
      '    kind: flag',
      '    subjects: [case]',
      '    setBy: [child-became-looked-after]',
      'roles: {}',
      'meetings: {}',
    ].join('\n');
    expect(problemsOf(() => parseVocabulary(text, 'vocabulary.yaml'))).toContain(
      'vocabulary.yaml:12: conditions.looked-after.setBy[0].type: "child-became-looked-after" is not an event type of the vocabulary (standards/vocabulary.yaml)',
    );
  });
});

describe('every pack on the vocabulary', () => {
  it('documents every trigger, stop, condition and owner of every standard (naming the file and standard otherwise)', () => {
    const files = fileOfEachStandard();
    const problems = loadBuiltInStandards().flatMap((s) =>
      standardProblems(vocabulary, { ...s, stop: [...s.stops] }).map((p) => `${files.get(s.id)}: ${s.id}: ${formatPath(p.path)}: ${p.message}`),
    );
    expect(problems).toEqual([]);
  });

  it('counts back only from events known in advance ("at least 10 working days prior to the review" counts from the review\'s scheduled date)', () => {
    const before = loadBuiltInStandards().filter((s) => s.direction === 'before');
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((s) => !vocabulary.events[s.trigger.type].scheduled).map((s) => `${s.id}: ${formatEventMatch(s.trigger)}`)).toEqual([]);
  });

  it('refuses a pack naming an undocumented event, qualifier value, condition or owner, with file, line and path', () => {
    const yaml = [
      'id: demo',
      'title: Demo pack',
      'document: 000_demo.txt',
      'standards:',
      '  - id: demo.1',
      '    title: Visit the child',
      '    owner: case-worker',
      '    subject: case',
      '    trigger: child-accommodated',
      '    stop: { type: visit-completed, details: { kind: statutory } }',
      '    clock: weeks',
      '    amount: 6',
      '    when: [child-in-care]',
      '    source: { section: "1", ref: "1", quote: "The child is visited every six weeks." }',
    ].join('\n');
    expect(problemsOf(() => parsePack(yaml, 'demo.yaml'))).toEqual([
      'demo.yaml:9: standards[0].trigger.type: "child-accommodated" is not an event type of the vocabulary (standards/vocabulary.yaml)',
      expect.stringMatching(/^demo\.yaml:10: standards\[0\]\.stop\.details\.kind: "statutory" is not a documented value of visit-completed\.kind \(use cic, cp, cin, /),
      'demo.yaml:13: standards[0].when[0]: "child-in-care" is not a condition of the vocabulary (nor "not-" and one)',
      'demo.yaml:7: standards[0].owner: "case-worker" is not a role of the vocabulary',
    ]);
  });

  it('accepts a negated condition and a list of stops, any one of which meets the standard', () => {
    const s = StandardSchema.parse({
      id: 'demo.2',
      title: 'Joint meeting or visit',
      owner: 'social-worker',
      subject: 'case',
      trigger: { type: 'meeting-held', details: { type: 'case-transfer-meeting' } },
      stop: [{ type: 'meeting-held', details: { type: 'team-around-the-family' } }, { type: 'visit-completed', details: { kind: 'home' } }],
      clock: 'working-days',
      amount: 5,
      when: ['not-disabled-child'],
      source: { section: '2', ref: '4', quote: 'A joint meeting or home visit within 5 working days.' },
    });
    expect(standardProblems(vocabulary, s)).toEqual([]);
  });
});

describe('packs/VOCABULARY.md', () => {
  it('is the vocabulary as generated from vocabulary.yaml and the packs (run `npm run vocabulary-doc` after changing either)', () => {
    const page = fs.readFileSync(path.join(builtInPacksDir(), 'VOCABULARY.md'), 'utf8');
    expect(page).toBe(renderVocabularyMarkdown(vocabulary, loadBuiltInStandards()));
  });
});
