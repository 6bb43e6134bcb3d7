import type { Case } from '../domain/case';
import { statementObligation, type Obligation } from '../domain/obligation';
import type { Person, Team } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';
import { parseInstant } from '../standards';

/**
 * A fictional November 2026 with known instants, for the compliance report's figures
 * worked out by hand (test/compliance-report.spec.ts): two teams, statements sent on
 * known days (one at each edge of the month), and obligations of statements and cases
 * due on known instants, met, late, overdue, open, closed and missed. November is GMT,
 * so local times are UTC times. The figures each fixture leads to are written beside it.
 */

/** @example REPORT_AT; // 2026-11-29T12:00:00Z: the instant the report is judged at */
export const REPORT_AT = parseInstant('2026-11-29T12:00:00Z');

const t = (iso: string) => parseInstant(iso);

/** @example REPORT_PEOPLE.map((p) => p.id); */
export const REPORT_PEOPLE: Person[] = [
  { id: 'p_priya', aadObjectId: 'aad-priya', name: 'Priya Shah', email: 'priya.shah@council.example', roles: ['manager'], teamId: 't_north', lineManagerId: null },
  { id: 'p_sam', aadObjectId: 'aad-sam', name: 'Sam Patel', email: 'sam.patel@council.example', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' },
  { id: 'p_ali', aadObjectId: 'aad-ali', name: 'Ali Khan', email: 'ali.khan@council.example', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' },
  { id: 'p_lee', aadObjectId: 'aad-lee', name: 'Lee Wong', email: 'lee.wong@council.example', roles: ['manager'], teamId: 't_south', lineManagerId: null },
  { id: 'p_kim', aadObjectId: 'aad-kim', name: 'Kim Reid', email: 'kim.reid@council.example', roles: ['worker'], teamId: 't_south', lineManagerId: 'p_lee' },
  { id: 'p_jo', aadObjectId: 'aad-jo', name: 'Jo Green', email: 'jo.green@council.example', roles: ['participation'], teamId: null, lineManagerId: null },
];

/** @example REPORT_TEAMS[0].name; // 'North CiC team' */
export const REPORT_TEAMS: Team[] = [
  { id: 't_north', name: 'North CiC team', managerId: 'p_priya' },
  { id: 't_south', name: 'South CiC team', managerId: 'p_lee' },
];

function statement(id: string, sentAt: string, reference: string, assigneeIds: string[], type = 'my-world', unidentified = false): Statement {
  return {
    id,
    externalId: `momo-${id}`,
    sentAt: t(sentAt),
    receivedAt: t(sentAt) + 60,
    child: { reference, initials: unidentified ? '' : 'AB' },
    type,
    intendedRecipient: { kind: 'none' },
    flags: { complaint: false, safetyLink: false, unidentified },
    status: assigneeIds.length > 0 ? 'assigned' : unidentified ? 'duty-procedure' : 'queued',
    assigneeIds,
    routedBy: null,
    caseRecord: null,
    pdf: null,
    version: 1,
    updatedAt: t(sentAt) + 60,
  };
}

/**
 * Sent in November: st_1 … st_6 and st_8 (7, of which 1 my-review); st_7 on 31 October at
 * 23:30 and st_9 at 00:00 on 1 December are outside. Children in November: CR-20417 (twice),
 * CR-30001 (twice: Ali's and, queued, nobody's), CR-40002, CR-50003 — 4; the unidentified
 * young person is not counted. By team: North 3, South 1, nobody's 1.
 */
export const REPORT_STATEMENTS: Statement[] = [
  statement('st_1', '2026-11-02T10:00:00Z', 'CR-20417', ['p_sam']),
  statement('st_2', '2026-11-03T09:00:00Z', 'CR-20417', ['p_sam']),
  statement('st_3', '2026-11-09T10:00:00Z', 'CR-30001', ['p_ali'], 'my-review'),
  statement('st_4', '2026-11-19T10:00:00Z', 'CR-40002', ['p_ali']),
  statement('st_5', '2026-11-27T10:00:00Z', 'CR-50003', ['p_kim']),
  statement('st_6', '2026-11-10T10:00:00Z', 'unidentified-momo-st_6', [], 'my-world', true),
  statement('st_7', '2026-10-31T23:30:00Z', 'CR-20417', ['p_sam']),
  statement('st_8', '2026-11-30T23:59:59Z', 'CR-30001', []),
  statement('st_9', '2026-12-01T00:00:00Z', 'CR-50003', ['p_kim']),
  // Before the previous review of CR-80000 (20 May): it evidences that review, not November's.
  statement('st_10', '2026-04-01T10:00:00Z', 'CR-80000', ['p_sam']),
];

/** ca_1: CR-80000, Sam its social worker (North); ca_2: CR-30001, Kim's (South). */
export const REPORT_CASES: Case[] = [
  { id: 'ca_1', caseRef: 'CR-80000', initials: 'EF', dateOfBirth: null, flags: ['looked-after'], allocations: { 'social-worker': 'sam.patel@council.example' }, status: 'open', eventCount: 3, lastEventAt: t('2026-11-01T09:00:00Z'), version: 1, updatedAt: t('2026-11-01T09:00:00Z') },
  { id: 'ca_2', caseRef: 'CR-30001', initials: 'CD', dateOfBirth: null, flags: ['looked-after'], allocations: { 'social-worker': 'kim.reid@council.example' }, status: 'open', eventCount: 3, lastEventAt: t('2026-11-01T09:00:00Z'), version: 1, updatedAt: t('2026-11-01T09:00:00Z') },
];

function onStatement(id: string, standardId: string, statementId: string, ownerId: string | null, due: string, outcome: { metAt?: string; closedAt?: string } = {}): Obligation {
  const base = statementObligation({
    id,
    standardId,
    statementId,
    ownerId,
    ownerRole: ownerId === null ? 'participation-team' : 'recipient',
    triggeredAt: t(due) - 7 * 3600,
    due: t(due),
    status: outcome.metAt ? 'met' : outcome.closedAt ? 'cancelled' : 'open',
    completedAt: outcome.metAt ? t(outcome.metAt) : null,
    nextNudgeAt: null,
    lease: null,
    version: 1,
  });
  return outcome.closedAt ? { ...base, closedAt: t(outcome.closedAt), closedReason: 'cancelled' } : base;
}

function review(id: string, caseId: string, ownerEmail: string | null, due: string, reviewAt: string, metAt: string | null): Obligation {
  return {
    id,
    standardId: 'momo.4.4',
    subject: 'case',
    statementId: null,
    caseId,
    staffId: null,
    occurrenceKey: `momo.4.4|meeting:${id}`,
    ownerId: null,
    ownerEmail,
    ownerRole: 'iro',
    triggeredAt: t(due) - 30 * 86400,
    anchorAt: t(reviewAt),
    due: t(due),
    status: metAt ? 'met' : 'open',
    completedAt: metAt ? t(metAt) : null,
    closedAt: null,
    closedReason: null,
    triggerDateOnly: false,
    stopDateOnly: false,
    nextNudgeAt: null,
    lease: null,
    version: 1,
  };
}

/**
 * Judged at {@link REPORT_AT}, for 1–30 November:
 *
 * | id | standard | owner (team) | due | outcome | status |
 * |---|---|---|---|---|---|
 * | ob_a | momo.2.1 | Sam (North) | 2 Nov 16:00 | met 15:00 | met |
 * | ob_b | momo.2.1 | Sam (North) | 3 Nov 12:00 | met 13:30 | late 5,400 s |
 * | ob_c | momo.2.1 | Ali (North) | 10 Nov 17:00 | met 12 Nov 17:00 | late 172,800 s |
 * | ob_d | momo.2.1 | Ali (North) | 20 Nov 17:00 | — | overdue |
 * | ob_e | momo.2.2 | no one (North: st_4 is Ali's) | 25 Nov 17:00 | closed 24 Nov | closed |
 * | ob_f | momo.2.1 | Kim (South) | 30 Nov 17:00 | closed 1 Dec 08:00 | missed |
 * | ob_g | momo.4.4 | no one (North: ca_1 is Sam's) | 6 Nov 17:00 | — | overdue |
 * | ob_h | momo.4.4 | iro@ (not in the directory; South: ca_2 is Kim's) | 13 Nov 17:00 | met 12 Nov | met |
 * | ob_j | momo.2.1 | Sam (North) | 1 Dec 00:00 = 24:00 on 30 Nov | — | open |
 * | ob_k | momo.2.1 | Sam | 1 Nov 00:00 = 24:00 on 31 Oct | met | outside |
 * | ob_m | momo.4.4 | — | May | met | outside (ca_1's previous review, 20 May) |
 * | ob_n | momo.4.4 | — | May | met | outside (ca_2's previous review, 20 May) |
 *
 * Reviews in November: ob_g (CR-80000: its only statement, st_10, came before the previous
 * review — not evidenced) and ob_h (CR-30001: st_3 on 9 Nov, before the review on 27 Nov —
 * evidenced): 1 of 2.
 */
export const REPORT_OBLIGATIONS: Obligation[] = [
  onStatement('ob_a', 'momo.2.1', 'st_1', 'p_sam', '2026-11-02T16:00:00Z', { metAt: '2026-11-02T15:00:00Z' }),
  onStatement('ob_b', 'momo.2.1', 'st_2', 'p_sam', '2026-11-03T12:00:00Z', { metAt: '2026-11-03T13:30:00Z' }),
  onStatement('ob_c', 'momo.2.1', 'st_3', 'p_ali', '2026-11-10T17:00:00Z', { metAt: '2026-11-12T17:00:00Z' }),
  onStatement('ob_d', 'momo.2.1', 'st_4', 'p_ali', '2026-11-20T17:00:00Z'),
  onStatement('ob_e', 'momo.2.2', 'st_4', null, '2026-11-25T17:00:00Z', { closedAt: '2026-11-24T10:00:00Z' }),
  onStatement('ob_f', 'momo.2.1', 'st_5', 'p_kim', '2026-11-30T17:00:00Z', { closedAt: '2026-12-01T08:00:00Z' }),
  review('ob_g', 'ca_1', null, '2026-11-06T17:00:00Z', '2026-11-20T10:00:00Z', null),
  review('ob_h', 'ca_2', 'iro@council.example', '2026-11-13T17:00:00Z', '2026-11-27T10:00:00Z', '2026-11-12T11:00:00Z'),
  onStatement('ob_j', 'momo.2.1', 'st_1', 'p_sam', '2026-12-01T00:00:00Z'),
  onStatement('ob_k', 'momo.2.1', 'st_7', 'p_sam', '2026-11-01T00:00:00Z', { metAt: '2026-10-31T23:45:00Z' }),
  review('ob_m', 'ca_1', null, '2026-05-06T17:00:00Z', '2026-05-20T10:00:00Z', '2026-05-05T10:00:00Z'),
  review('ob_n', 'ca_2', 'iro@council.example', '2026-05-06T17:00:00Z', '2026-05-20T10:00:00Z', '2026-05-05T10:00:00Z'),
];

/**
 * Writes the fictional November into an empty store.
 *
 * @example
 * await seedReportWorld(store);
 */
export async function seedReportWorld(store: Store): Promise<void> {
  await store.directory.upsert(REPORT_PEOPLE, REPORT_TEAMS);
  for (const s of REPORT_STATEMENTS) await store.statements.insert(s);
  for (const c of REPORT_CASES) await store.cases.insert(c);
  await store.obligations.insertMany(REPORT_OBLIGATIONS);
}
