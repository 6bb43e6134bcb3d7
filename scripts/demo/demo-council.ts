import PDFDocument from 'pdfkit';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { teamIdFor } from '../../domain/directory-import';
import { shiftIdFor, type RotaShift } from '../../domain/duty-rota';
import { parseCaseEvent } from '../../domain/case-event-envelope';
import type { CaseWorkService } from '../../domain/case-work-service';
import type { IntakeRequest } from '../../domain/intake-request';
import { loadOrganisation, SETTING_KEYS } from '../../domain/organisation';
import type { Person, Team } from '../../domain/person';
import type { Store } from '../../domain/ports/store.port';
import type { StatementService } from '../../domain/statement-service';
import { builtInVocabulary, type WorkingCalendar } from '../../standards';

/**
 * The fictional council of `npm run demo` and of the Agents Playground end-to-end test:
 * the people of `.m365agentsplayground.yml` (a test checks the two agree) and a handful
 * of statements in different states. Every name, address, reference and id is made up;
 * statements carry initials and references only, and their PDFs say they are fictional.
 */

const TEAM_NAME = 'Riverside children in care';

/**
 * The demo people's ids, fixed (a real import draws random ones). They are the ids
 * earlier builds derived from these made-up addresses, so a demo store seeded before
 * keeps working.
 */
const DEMO_IDS = {
  sam: 'p_0245affd24e57924',
  ali: 'p_5d6cdc1ae72ddb8b',
  priya: 'p_297dc4c893f84610',
  jo: 'p_2cf1d06ceffb681b',
  cora: 'p_dd083eeb17068d7c',
  hana: 'p_905a31ba03a3a862',
} as const;

/** The demo's only team. @example DEMO_TEAMS[0].name; // 'Riverside children in care' */
export const DEMO_TEAMS: Team[] = [{ id: teamIdFor(TEAM_NAME), name: TEAM_NAME, managerId: DEMO_IDS.priya }];

const TEAM = DEMO_TEAMS[0].id;
const PRIYA = DEMO_IDS.priya;

/**
 * The demo directory: you (Sam Patel, the Playground's current user), a second worker,
 * the team manager, a participation officer who is also the duty officer, the complaints
 * officer and the head of service, who is also the duty manager and Heard's administrator
 * (the Playground takes six people, so two hold more than one role). They have fixed made-up ids.
 *
 * @example DEMO_PEOPLE.find((p) => p.roles.includes('complaints-officer'))?.name; // 'Cora Mensah'
 */
export const DEMO_PEOPLE: Person[] = [
  demoPerson(DEMO_IDS.sam, 'Sam Patel', 'sam.patel@council.example', 'de300000-0000-4000-8000-0000000000a1', ['worker'], TEAM, PRIYA),
  demoPerson(DEMO_IDS.ali, 'Ali Hassan', 'ali.hassan@council.example', 'de300000-0000-4000-8000-0000000000a2', ['worker'], TEAM, PRIYA),
  demoPerson(DEMO_IDS.priya, 'Priya Shah', 'priya.shah@council.example', 'de300000-0000-4000-8000-0000000000a3', ['manager'], TEAM, null),
  demoPerson(DEMO_IDS.jo, 'Jo Green', 'jo.green@council.example', 'de300000-0000-4000-8000-0000000000a4', ['participation', 'duty-officer'], null, null),
  demoPerson(DEMO_IDS.cora, 'Cora Mensah', 'cora.mensah@council.example', 'de300000-0000-4000-8000-0000000000a5', ['complaints-officer'], null, null),
  demoPerson(DEMO_IDS.hana, 'Hana Lewis', 'hana.lewis@council.example', 'de300000-0000-4000-8000-0000000000a6', ['head-of-service', 'duty-manager', 'admin'], null, null),
];

/** Who you are in the Playground (its `currentUser`). @example DEMO_CURRENT_USER.name; // 'Sam Patel' */
export const DEMO_CURRENT_USER: Person = DEMO_PEOPLE[0];

/**
 * The roles `npm run demo -- --as …` offers, and who plays each: a social worker, their
 * team manager, and the participation officer. Each has their own Playground — their
 * own identity and personal chat — so a nudge to the worker and the escalation to the
 * manager land in different chats, as they would in Teams.
 *
 * @example DEMO_ROLES.manager.name; // 'Priya Shah'
 */
export const DEMO_ROLES = {
  worker: DEMO_PEOPLE[0],
  manager: DEMO_PEOPLE[2],
  participation: DEMO_PEOPLE[3],
} as const satisfies Record<string, Person>;

/** @example const role: DemoRole = 'manager'; */
export type DemoRole = keyof typeof DEMO_ROLES;

/** What each role does in the demo, for the banner. @example DEMO_ROLE_DUTIES.worker; */
export const DEMO_ROLE_DUTIES: Record<DemoRole, string> = {
  worker: 'gets statements as cards, acts on them, is nudged before deadlines',
  manager: 'sees the team\'s work ("what\'s due for my team?"), gets escalations, moves statements',
  participation: 'works the queue of statements nobody holds, assigns them, gets the morning digest',
};

/**
 * The Agents Playground's configuration for one person: the demo tenant of
 * `.m365agentsplayground.yml` (`base`, its text) with that person as the current user,
 * the other five as the tenant's users, and a personal chat of their own (a fixed id,
 * so the chat Heard remembers survives a restart of the demo).
 *
 * @example fs.writeFileSync('.data/demo/playground-manager.yml', playgroundConfigFor(DEMO_ROLES.manager, base));
 */
export function playgroundConfigFor(person: Person, base: string): string {
  type User = { aadObjectId: string; name: string };
  const config = parseYaml(base) as { currentUser: User; users: User[]; personalChat: { id: string } };
  const everyone = [config.currentUser, ...config.users];
  const me = everyone.find((u) => u.aadObjectId === person.aadObjectId);
  if (!me) throw new Error(`${person.name} is not in the Playground configuration`);
  const slug = person.name.toLowerCase().replace(/[^a-z]+/g, '-');
  const generated = { ...config, currentUser: me, users: everyone.filter((u) => u !== me), personalChat: { ...config.personalChat, id: `a:demo-personal-chat-${slug}` } };
  return `# Made by npm run demo from .m365agentsplayground.yml: you are ${person.name}.\n${stringifyYaml(generated)}`;
}

/** What seeding did. @example const { statementsCreated } = await seedDemoCouncil(store, { service, caseWork }, now); */
export interface DemoSeedResult {
  people: number;
  /** Statements received by this run (0 when the store already held statements). */
  statementsCreated: number;
  /** Case events received by this run (0 when the store already held the demo's cases). */
  caseEvents: number;
}

/**
 * The standards packs the demo enables: Mind Of My Own's, and the children's services and
 * core practice standards, whose clocks run on the demo's cases.
 *
 * @example DEMO_PACKS.includes('core-practice'); // true
 */
export const DEMO_PACKS = ['momo', 'childrens-services', 'core-practice'] as const;

/**
 * Enables the demo's packs ({@link DEMO_PACKS}) unless an earlier run (or someone trying
 * the demo) chose others: call it before the organisation is loaded.
 *
 * @example await prepareDemoSettings(store.settings); const organisation = await loadOrganisation(store.settings);
 */
export async function prepareDemoSettings(settings: Store['settings']): Promise<void> {
  if ((await settings.get(SETTING_KEYS.packs)) === null) await settings.set(SETTING_KEYS.packs, [...DEMO_PACKS]);
}

/** One demo statement: what arrives, and what its assignee has already done with it. */
interface DemoStatement {
  externalId: string;
  reference: string;
  initials: string;
  type: string;
  recipient: IntakeRequest['intendedRecipient'];
  complaint?: boolean;
  /** Working hours before "now" that the child sent it. */
  workingHoursAgo: number;
  /** What Sam has done with it since. */
  then?: 'acknowledged' | 'saved';
}

const SAM = DEMO_CURRENT_USER;

const DEMO_STATEMENTS: DemoStatement[] = [
  // Waiting for Sam: the card to try the buttons on.
  { externalId: 'demo-20417', reference: 'CR-20417', initials: 'JT', type: 'my-world', recipient: { kind: 'person', email: SAM.email }, workingHoursAgo: 2 },
  { externalId: 'demo-20388', reference: 'CR-20388', initials: 'MK', type: 'my-meeting', recipient: { kind: 'person', email: SAM.email }, workingHoursAgo: 9, then: 'acknowledged' },
  { externalId: 'demo-20291', reference: 'CR-20291', initials: 'RB', type: 'my-life', recipient: { kind: 'person', email: SAM.email }, workingHoursAgo: 30, then: 'saved' },
  // No one in the directory has this address (a worker who left): the participation team's queue.
  { externalId: 'demo-20455', reference: 'CR-20455', initials: 'LD', type: 'my-voice', recipient: { kind: 'person', email: 'former.worker@council.example' }, workingHoursAgo: 4 },
  // A complaint goes to the complaints officer whoever it was sent to.
  { externalId: 'demo-20462', reference: 'CR-20462', initials: 'AO', type: 'my-complaint', recipient: { kind: 'complaints-officer' }, complaint: true, workingHoursAgo: 3 },
  { externalId: 'demo-20430', reference: 'CR-20430', initials: 'EW', type: 'my-plan', recipient: { kind: 'person', email: 'ali.hassan@council.example' }, workingHoursAgo: 6 },
];

/**
 * Writes the demo council into a store: upserts its directory, and, when the store holds
 * no statements yet, receives the demo statements through the statement service (so
 * they are routed, clocked and audited as real ones) and records what Sam has already
 * done with two of them; when it holds none of the demo's cases yet, sends their
 * histories through the case-events intake (so their visits, reviews and plans run the
 * clocks of the enabled packs). Running it again changes nothing.
 *
 * @example
 * await seedDemoCouncil(store, { service, caseWork }, Math.floor(Date.now() / 1000));
 */
export async function seedDemoCouncil(store: Store, services: { service: StatementService; caseWork: CaseWorkService }, now: number): Promise<DemoSeedResult> {
  const { service, caseWork } = services;
  await store.directory.upsert(DEMO_PEOPLE, DEMO_TEAMS);
  await store.rota.replace({ roles: ['duty-officer', 'duty-manager'], from: now - 7 * 86400, until: now + 29 * 86400 }, demoRota(now));
  const { calendar } = await loadOrganisation(store.settings);
  const caseEvents = (await store.cases.getByRef(DEMO_CASES[0].caseRef)) ? 0 : await seedDemoCases(caseWork, calendar, now);
  if ((await store.statements.list({}, 1)).length > 0) return { people: DEMO_PEOPLE.length, statementsCreated: 0, caseEvents };

  let statementsCreated = 0;
  for (const demo of DEMO_STATEMENTS) {
    const sentAt = sentAtFor(calendar, now, demo.workingHoursAgo);
    const pdf = await fictionalStatementPdf({ reference: demo.reference, initials: demo.initials, type: demo.type, sentAt });
    const received = await service.receive({ ...demoRequest(demo, sentAt), pdf }, 'api');
    if (received.created) statementsCreated += 1;
    if (demo.then) {
      await service.acknowledge(received.statementId, SAM, 'card');
    }
    if (demo.then === 'saved') {
      await service.recordChildTold(received.statementId, SAM, 'card');
      await service.recordSaved(received.statementId, SAM, { system: 'Liquid Logic', reference: `LL-${demo.reference.slice(3)}` }, 'card');
    }
  }
  return { people: DEMO_PEOPLE.length, statementsCreated, caseEvents };
}

/** One event of a demo case's history: when, in working days before "now" (and an hour of that day). */
interface DemoCaseEvent {
  type: string;
  /** Working days before the demo's now (0: today), at `hour` local. */
  daysAgo: number;
  /** `daysAgo` counts calendar days back from today instead (for clocks of calendar days, such as six-weekly visits). */
  calendarDays?: true;
  hour: number;
  details: Record<string, unknown>;
  /** For meeting-scheduled: working days after now, at 10:00 local. */
  inDays?: number;
}

/** A demo case: a child by reference and initials (fictional), and what happened on it. */
interface DemoCase {
  caseRef: string;
  initials: string;
  events: DemoCaseEvent[];
}

const ALI = DEMO_PEOPLE[1];
const MANAGER = DEMO_PEOPLE[2];

/**
 * The demo's cases, all fictional, managed by Priya: two children in care with Sam (one in
 * care 17 working days, whose first review is in three and whose IRO is someone Heard does
 * not know; one in a settled placement whose six-weekly visit falls due today), and a child
 * on a child protection plan with Ali (visits every 10 working days, core groups). Their
 * histories are placed relative to the demo's now, so whatever day it runs Sam has visits
 * and review work due this week, Priya sees them in the team's lists, and the only case
 * work overdue is momo 4.1 on C-10442 — Mind Of My Own not yet introduced — for Sam to
 * record from Teams. The IRO and the conference chair did their part in time.
 *
 * @example DEMO_CASES.map((c) => c.caseRef); // ['C-10442', 'C-10377', 'C-10518']
 */
export const DEMO_CASES: DemoCase[] = [
  {
    // In care 17 working days: the first review, due within 20 working days, in three; Mind Of My Own not yet introduced (momo 4.1).
    caseRef: 'C-10442',
    initials: 'AB',
    events: [
      { type: 'case-allocated', daysAgo: 17, hour: 9, details: { role: 'social-worker', person: SAM.email } },
      { type: 'case-allocated', daysAgo: 17, hour: 9, details: { role: 'team-manager', person: MANAGER.email } },
      { type: 'case-status-changed', daysAgo: 17, hour: 9, details: { dateOfBirth: '2015-03-14' } },
      { type: 'child-became-looked-after', daysAgo: 17, hour: 10, details: { legalStatus: 's20', emergency: false } },
      { type: 'notification-sent', daysAgo: 17, hour: 11, details: { to: 'iro-service', about: 'cic' } },
      { type: 'placement-started', daysAgo: 17, hour: 15, details: { type: 'foster', firstOfEpisode: true, planned: true } },
      // The IRO is someone Heard does not know: their work is in Priya's lists as not allocated.
      { type: 'case-allocated', daysAgo: 17, hour: 14, details: { role: 'iro', person: 'iro.morgan@council.example' } },
      { type: 'visit-completed', daysAgo: 17, hour: 16, details: { kind: 'cic', seenAlone: false } },
      { type: 'meeting-held', daysAgo: 15, hour: 11, details: { type: 'placement-planning' } },
      { type: 'document-completed', daysAgo: 13, hour: 15, details: { document: 'placement-plan' } },
      { type: 'visit-completed', daysAgo: 12, hour: 14, details: { kind: 'cic', seenAlone: true, bedroomSeen: true } },
      { type: 'record-updated', daysAgo: 11, hour: 11, details: { record: 'visit-note' } },
      { type: 'plan-started', daysAgo: 10, hour: 12, details: { plan: 'care' } },
      { type: 'meeting-held', daysAgo: 8, hour: 10, details: { type: 'pep' } },
      { type: 'meeting-scheduled', daysAgo: 8, hour: 14, details: { type: 'cic-review', meetingId: 'C-10442-R1' }, inDays: 3 },
      { type: 'check-completed', daysAgo: 7, hour: 10, details: { check: 'statement-views' } },
      { type: 'document-shared', daysAgo: 7, hour: 15, details: { document: 'set-up-form', with: 'cic-admin-team' } },
      { type: 'assessment-completed', daysAgo: 5, hour: 13, details: { type: 'health-initial' } },
      { type: 'meeting-held', daysAgo: 4, hour: 11, details: { type: 'iro-social-worker' } },
      { type: 'document-completed', daysAgo: 3, hour: 16, details: { document: 'review-report', signedOff: true } },
      { type: 'document-shared', daysAgo: 2, hour: 10, details: { document: 'review-report', with: 'iro' } },
    ],
  },
  {
    // In a settled foster placement for most of a year: known to Heard from its go-live history; the
    // six-weekly visit (42 days) due by the end of today, whatever day the demo runs.
    caseRef: 'C-10377',
    initials: 'RT',
    events: [
      { type: 'case-allocated', daysAgo: 200, hour: 9, details: { role: 'social-worker', person: SAM.email } },
      { type: 'case-allocated', daysAgo: 200, hour: 9, details: { role: 'team-manager', person: MANAGER.email } },
      { type: 'case-status-changed', daysAgo: 200, hour: 9, details: { flag: 'looked-after', value: true } },
      { type: 'app-introduced', daysAgo: 190, hour: 15, details: { app: 'momo' } },
      { type: 'placement-started', daysAgo: 180, hour: 14, details: { type: 'foster', firstOfEpisode: false, planned: true } },
      { type: 'visit-completed', daysAgo: 179, hour: 11, details: { kind: 'cic', seenAlone: true } },
      { type: 'meeting-held', daysAgo: 178, hour: 14, details: { type: 'placement-planning' } },
      { type: 'document-completed', daysAgo: 176, hour: 12, details: { document: 'placement-plan' } },
      { type: 'record-updated', daysAgo: 40, hour: 12, details: { record: ['chronology', 'case-summary'] } },
      { type: 'visit-completed', daysAgo: 42, calendarDays: true, hour: 11, details: { kind: 'cic', seenAlone: true } },
      { type: 'record-updated', daysAgo: 42, calendarDays: true, hour: 16, details: { record: 'visit-note' } },
    ],
  },
  {
    // On a child protection plan with Ali: visits every 10 working days, the first core group held, its record to sign off.
    caseRef: 'C-10518',
    initials: 'JM',
    events: [
      { type: 'case-allocated', daysAgo: 24, hour: 9, details: { role: 'social-worker', person: ALI.email } },
      { type: 'case-allocated', daysAgo: 24, hour: 9, details: { role: 'team-manager', person: MANAGER.email } },
      { type: 'case-allocated', daysAgo: 17, hour: 9, details: { role: 'conference-chair', person: 'chair.okafor@council.example' } },
      { type: 'cp-conference-held', daysAgo: 16, hour: 10, details: { kind: 'initial', planMade: true } },
      { type: 'document-completed', daysAgo: 16, hour: 12, details: { document: 'outline-cp-plan' } },
      { type: 'document-completed', daysAgo: 16, hour: 13, details: { document: 'chair-checklist' } },
      { type: 'document-shared', daysAgo: 15, hour: 11, details: { document: 'conference-decision', with: 'invitees' } },
      { type: 'document-shared', daysAgo: 12, hour: 15, details: { document: 'conference-record', with: 'invitees' } },
      { type: 'record-updated', daysAgo: 16, hour: 15, details: { record: 'conference-outcome' } },
      { type: 'visit-completed', daysAgo: 15, hour: 15, details: { kind: 'cp', seenAlone: true } },
      { type: 'record-updated', daysAgo: 15, hour: 17, details: { record: 'visit-note' } },
      { type: 'core-group-held', daysAgo: 8, hour: 14, details: {} },
      { type: 'plan-updated', daysAgo: 8, hour: 16, details: { plan: 'cp' } },
      { type: 'document-completed', daysAgo: 6, hour: 12, details: { document: 'core-group-record' } },
      { type: 'visit-completed', daysAgo: 7, hour: 15, details: { kind: 'cp', seenAlone: true } },
      { type: 'record-updated', daysAgo: 7, hour: 16, details: { record: 'visit-note' } },
    ],
  },
];

/**
 * Sends the demo cases' histories through the case-events intake, as the council's case
 * system would at go-live (source `demo-lcs`), each event checked like any other; returns
 * how many were received.
 *
 * @example
 * await seedDemoCases(caseWork, organisation.calendar, now); // 48
 */
export async function seedDemoCases(caseWork: Pick<CaseWorkService, 'receive'>, calendar: WorkingCalendar, now: number): Promise<number> {
  const vocabulary = builtInVocabulary();
  const today = calendar.dayOf(now);
  const lastWorkingDay = calendar.isWorkingDay(today) && now >= calendar.openingTime(today) ? today : calendar.nthWorkingDayBefore(today, 1);
  const day = (e: DemoCaseEvent) => (e.calendarDays ? today - e.daysAgo : e.daysAgo === 0 ? lastWorkingDay : calendar.nthWorkingDayBefore(lastWorkingDay, e.daysAgo));
  // Local midnight plus the hour: the local time of day (an hour out only on the two days the clocks change).
  const instant = (dayIndex: number, hour: number) => Math.min(now, calendar.midnight[dayIndex] + hour * 3600);
  const iso = (t: number) => new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const events = DEMO_CASES.flatMap((demo) =>
    demo.events.map((e, i) => {
      const raw: Record<string, unknown> = {
        eventId: `${demo.caseRef}-${i + 1}`,
        source: 'demo-lcs',
        caseRef: demo.caseRef,
        childInitials: demo.initials,
        type: e.type,
        occurredAt: iso(instant(day(e), e.hour)),
        details: e.details,
      };
      if (e.inDays !== undefined) raw.scheduledFor = iso(calendar.midnight[calendar.nthWorkingDayAfter(lastWorkingDay, e.inDays)] + 10 * 3600);
      const parsed = parseCaseEvent(raw, { vocabulary, calendar, now });
      if (!parsed.ok) throw new Error(`demo case event ${String(raw.eventId)} is refused: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
      return parsed.event;
    }),
  );
  const { summary } = await caseWork.receive(events, 'cli');
  return summary.imported;
}

/**
 * The demo's duty rota: Jo Green is the duty officer and Hana Lewis the duty manager round
 * the clock, in week-long shifts from a week ago to four weeks ahead, so a Safety Link or an
 * unidentified young person always reaches someone in the demo.
 *
 * @example demoRota(now).length; // 10
 */
export function demoRota(now: number): RotaShift[] {
  const shifts: RotaShift[] = [];
  for (let week = -1; week < 4; week++) {
    const from = now + week * 7 * 86400;
    for (const [role, personId] of [
      ['duty-officer', DEMO_IDS.jo],
      ['duty-manager', DEMO_IDS.hana],
    ] as const) {
      shifts.push({ id: shiftIdFor(role, personId, from), role, personId, from, until: from + 7 * 86400 });
    }
  }
  return shifts;
}

function demoPerson(id: string, name: string, email: string, aadObjectId: string, roles: Person['roles'], teamId: string | null, lineManagerId: string | null): Person {
  return { id, aadObjectId, name, email, roles, teamId, lineManagerId };
}

function demoRequest(demo: DemoStatement, sentAt: number): IntakeRequest {
  return {
    externalId: demo.externalId,
    sentAt,
    child: { reference: demo.reference, initials: demo.initials },
    type: demo.type,
    intendedRecipient: demo.recipient,
    flags: { complaint: demo.complaint ?? false, safetyLink: false, unidentified: false },
    pdf: null,
  };
}

/**
 * A plausible send time: that many working hours before `now` (so a statement "sent
 * 2 hours ago" on a Sunday was sent on Friday afternoon), a few minutes off the hour,
 * never after `now`.
 */
function sentAtFor(calendar: WorkingCalendar, now: number, workingHoursAgo: number): number {
  const worked = calendar.workedUntil(now) - workingHoursAgo * 3600 - 17 * 60;
  return Math.min(now, calendar.instantAtWork(Math.max(1, worked)));
}

/**
 * A one-page A4 statement PDF (PDF 1.7, made with pdfkit) that any viewer opens: what a
 * Mind Of My Own statement looks like to a worker, with the reference, initials, type and
 * time sent, and words that are plainly fictional. No name, no child.
 *
 * @example
 * const pdf = await fictionalStatementPdf({ reference: 'CR-20417', initials: 'JT', type: 'my-world', sentAt: 1795434000 });
 */
export function fictionalStatementPdf(statement: { reference: string; initials: string; type: string; sentAt: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sent = new Date(statement.sentAt * 1000);
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      pdfVersion: '1.7',
      info: { Title: `Statement ${statement.reference} (fictional)`, Author: 'Heard demo', Subject: 'Fictional demo data: not a real child', CreationDate: sent },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(20).text('Mind Of My Own: statement', { continued: false });
    doc.moveDown(0.3).font('Helvetica').fontSize(11).fillColor('#a00000').text('FICTIONAL DEMO DATA. This is not a real child or a real statement.');
    doc.moveDown(1.2).fillColor('black').fontSize(12);
    const rows: [string, string][] = [
      ['Reference', statement.reference],
      ['Initials', statement.initials],
      ['Statement', statement.type],
      ['Sent', `${sent.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
    ];
    for (const [label, value] of rows) doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
    doc.moveDown(1.5).font('Helvetica-Bold').text('What I want you to know');
    doc
      .moveDown(0.4)
      .font('Helvetica')
      .text(
        'This page stands in for what a young person writes in the Mind Of My Own app. In the demo it is made up, so that you can see how Heard puts a statement in front of the right worker, keeps the clocks of the practice standards, and records that the young person was heard.',
        { align: 'left', lineGap: 3 },
      );
    doc.end();
  });
}
