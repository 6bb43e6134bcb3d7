import { teamIdFor } from '../../domain/directory-import';
import { shiftIdFor, type RotaShift } from '../../domain/duty-rota';
import type { IntakeRequest } from '../../domain/intake-request';
import { loadOrganisation } from '../../domain/organisation';
import type { Person, Team } from '../../domain/person';
import type { Store } from '../../domain/ports/store.port';
import type { StatementService } from '../../domain/statement-service';
import type { WorkingCalendar } from '../../standards';

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
 * officer and the head of service, who is also the duty manager (the Playground takes six
 * people, so two hold two roles). They have fixed made-up ids.
 *
 * @example DEMO_PEOPLE.find((p) => p.roles.includes('complaints-officer'))?.name; // 'Cora Mensah'
 */
export const DEMO_PEOPLE: Person[] = [
  demoPerson(DEMO_IDS.sam, 'Sam Patel', 'sam.patel@council.example', 'de300000-0000-4000-8000-0000000000a1', ['worker'], TEAM, PRIYA),
  demoPerson(DEMO_IDS.ali, 'Ali Hassan', 'ali.hassan@council.example', 'de300000-0000-4000-8000-0000000000a2', ['worker'], TEAM, PRIYA),
  demoPerson(DEMO_IDS.priya, 'Priya Shah', 'priya.shah@council.example', 'de300000-0000-4000-8000-0000000000a3', ['manager'], TEAM, null),
  demoPerson(DEMO_IDS.jo, 'Jo Green', 'jo.green@council.example', 'de300000-0000-4000-8000-0000000000a4', ['participation', 'duty-officer'], null, null),
  demoPerson(DEMO_IDS.cora, 'Cora Mensah', 'cora.mensah@council.example', 'de300000-0000-4000-8000-0000000000a5', ['complaints-officer'], null, null),
  demoPerson(DEMO_IDS.hana, 'Hana Lewis', 'hana.lewis@council.example', 'de300000-0000-4000-8000-0000000000a6', ['head-of-service', 'duty-manager'], null, null),
];

/** Who you are in the Playground (its `currentUser`). @example DEMO_CURRENT_USER.name; // 'Sam Patel' */
export const DEMO_CURRENT_USER: Person = DEMO_PEOPLE[0];

/** What seeding did. @example const { statementsCreated } = await seedDemoCouncil(store, service, now); */
export interface DemoSeedResult {
  people: number;
  /** Statements received by this run (0 when the store already held statements). */
  statementsCreated: number;
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
 * done with two of them. Running it again changes nothing.
 *
 * @example
 * await seedDemoCouncil(store, service, Math.floor(Date.now() / 1000));
 */
export async function seedDemoCouncil(store: Store, service: StatementService, now: number): Promise<DemoSeedResult> {
  await store.directory.upsert(DEMO_PEOPLE, DEMO_TEAMS);
  await store.rota.replace({ roles: ['duty-officer', 'duty-manager'], from: now - 7 * 86400, until: now + 29 * 86400 }, demoRota(now));
  if ((await store.statements.list({}, 1)).length > 0) return { people: DEMO_PEOPLE.length, statementsCreated: 0 };

  const { calendar } = await loadOrganisation(store.settings);
  let statementsCreated = 0;
  for (const demo of DEMO_STATEMENTS) {
    const received = await service.receive(demoRequest(demo, sentAtFor(calendar, now, demo.workingHoursAgo)), 'api');
    if (received.created) statementsCreated += 1;
    if (demo.then) {
      await service.acknowledge(received.statementId, SAM, 'card');
    }
    if (demo.then === 'saved') {
      await service.recordChildTold(received.statementId, SAM, 'card');
      await service.recordSaved(received.statementId, SAM, { system: 'Liquid Logic', reference: `LL-${demo.reference.slice(3)}` }, 'card');
    }
  }
  return { people: DEMO_PEOPLE.length, statementsCreated };
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

/** The Agents Playground's configuration (`.m365agentsplayground.yml`), as far as the demo changes it. */
export interface PlaygroundConfig {
  currentUser: { id: string; email: string } & Record<string, unknown>;
  users: ({ id: string; email: string } & Record<string, unknown>)[];
  personalChat: { id: string };
  [key: string]: unknown;
}

/**
 * The Playground configuration with someone else of the demo council as you (the current
 * user) — to press the buttons as the team manager or the duty officer — and everyone
 * else, Sam Patel included, as the five other users; your personal chat is your own.
 *
 * @example playgroundConfigAs(config, 'priya.shah@council.example').currentUser.email; // 'priya.shah@council.example'
 */
export function playgroundConfigAs(config: PlaygroundConfig, email: string): PlaygroundConfig {
  const everyone = [config.currentUser, ...config.users];
  const you = everyone.find((u) => u.email === email.trim().toLowerCase());
  if (!you) throw new Error(`${email} is not in the demo council: choose one of ${everyone.map((u) => u.email).join(', ')}`);
  return { ...config, currentUser: you, users: everyone.filter((u) => u !== you), personalChat: { id: `a:demo-personal-chat-${you.id}` } };
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
    pdf: fictionalPdf(`Fictional demo statement ${demo.reference} (${demo.initials}). Not a real child.`),
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

/** A small, valid one-page PDF showing one line of text. */
function fictionalPdf(line: string): Buffer {
  const text = line.replace(/[()\\]/g, (c) => `\\${c}`);
  const stream = `BT /F1 14 Tf 56 780 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
