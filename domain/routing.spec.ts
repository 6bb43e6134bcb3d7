import type { DutyRole } from './duty-rota';
import type { Absence, Person } from './person';
import { route, type RoutingDirectory } from './routing';
import type { StatementFlags } from './statement';

/** A fictional council: two teams, a complaints officer, a head of service, a duty manager. */
const people: Person[] = [
  { id: 'p_sam', aadObjectId: null, name: 'Sam Worker', email: 'sam@council.example', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' },
  { id: 'p_ali', aadObjectId: null, name: 'Ali Worker', email: 'ali@council.example', roles: ['worker'], teamId: 't_north', lineManagerId: 'p_priya' },
  { id: 'p_priya', aadObjectId: null, name: 'Priya Manager', email: 'priya@council.example', roles: ['manager'], teamId: 't_north', lineManagerId: null },
  { id: 'p_cora', aadObjectId: null, name: 'Cora Complaints', email: 'cora@council.example', roles: ['complaints-officer'], teamId: null, lineManagerId: null },
  { id: 'p_hana', aadObjectId: null, name: 'Hana Head', email: 'hana@council.example', roles: ['head-of-service'], teamId: null, lineManagerId: null },
  { id: 'p_dev', aadObjectId: null, name: 'Dev Duty', email: 'dev@council.example', roles: ['duty-manager'], teamId: null, lineManagerId: null },
  { id: 'p_nia', aadObjectId: null, name: 'Nia Nights', email: 'nia@council.example', roles: ['duty-manager'], teamId: null, lineManagerId: null },
  { id: 'p_dee', aadObjectId: null, name: 'Dee Officer', email: 'dee@council.example', roles: ['duty-officer'], teamId: null, lineManagerId: null },
  { id: 'p_oli', aadObjectId: null, name: 'Oli Officer', email: 'oli@council.example', roles: ['duty-officer'], teamId: null, lineManagerId: null },
];
const teams = new Map([['t_north', 'p_priya']]);

/** Who the rota says is on duty at the moment of routing, by role. */
type Rota = Partial<Record<DutyRole, string[]>>;

function directory(absences: Absence[] = [], without: string[] = [], rota: Rota = {}): RoutingDirectory {
  const present = people.filter((p) => !without.includes(p.id));
  return {
    onDuty: async (role) => (rota[role] ?? []).map((id) => present.find((p) => p.id === id)).filter((p): p is Person => p !== undefined),
    findPersonByEmail: async (email) => present.find((p) => p.email === email.toLowerCase()) ?? null,
    getPerson: async (id) => present.find((p) => p.id === id) ?? null,
    withRole: async (role) => present.filter((p) => p.roles.includes(role)),
    teamManagerOf: async (p) => present.find((m) => m.id === (p.teamId ? teams.get(p.teamId) : undefined)) ?? null,
    absencesOn: async (personId, date) => absences.filter((a) => a.personId === personId && a.from <= date && date <= a.until),
  };
}

const none: StatementFlags = { complaint: false, safetyLink: false, unidentified: false };
const today = '2026-11-23';
const toSam = { kind: 'person', email: 'sam@council.example' } as const;

describe('routing a new statement', () => {
  it('goes to the intended worker', async () => {
    expect(await route(toSam, none, today, directory())).toEqual({ kind: 'assign', assigneeIds: ['p_sam'], rule: 'intended-worker' });
  });

  it('yjs "If a worker is away from work, the statement will be re-assigned to the named person providing cover or the worker’s line manager"', async () => {
    const away: Absence = { id: 'a1', personId: 'p_sam', from: '2026-11-20', until: '2026-11-27', coverId: 'p_ali' };
    expect(await route(toSam, none, today, directory([away]))).toEqual({ kind: 'assign', assigneeIds: ['p_ali'], rule: 'cover' });
    const noCover = { ...away, coverId: null };
    expect(await route(toSam, none, today, directory([noCover]))).toEqual({ kind: 'assign', assigneeIds: ['p_priya'], rule: 'line-manager' });
  });

  it('absence bounds are inclusive local dates', async () => {
    const away: Absence = { id: 'a1', personId: 'p_sam', from: '2026-11-16', until: '2026-11-23', coverId: 'p_ali' };
    expect((await route(toSam, none, '2026-11-23', directory([away]))).kind).toBe('assign');
    expect(await route(toSam, none, '2026-11-24', directory([away]))).toMatchObject({ assigneeIds: ['p_sam'] });
  });

  it('momo 1.2 "Any statements regarding a complaint are assigned to the corporate complaints inbox"', async () => {
    expect(await route(toSam, { ...none, complaint: true }, today, directory())).toEqual({ kind: 'assign', assigneeIds: ['p_cora'], rule: 'complaint' });
    expect(await route({ kind: 'complaints-officer' }, none, today, directory())).toMatchObject({ assigneeIds: ['p_cora'] });
  });

  it('momo 1.3 "statements from children who do not have an allocated worker are assigned to the Head of Service"', async () => {
    expect(await route({ kind: 'none' }, none, today, directory())).toEqual({ kind: 'assign', assigneeIds: ['p_hana'], rule: 'no-allocated-worker' });
  });

  it('yjs Safety Link: the case manager and their team manager at once', async () => {
    expect(await route(toSam, { ...none, safetyLink: true }, today, directory())).toEqual({
      kind: 'assign',
      assigneeIds: ['p_sam', 'p_priya'],
      rule: 'safety-link',
    });
  });

  it('yjs Safety Link 2 "In the manager’s absence … the statement will be sent to the Duty Manager"', async () => {
    const away: Absence = { id: 'a2', personId: 'p_priya', from: today, until: today, coverId: null };
    expect(await route(toSam, { ...none, safetyLink: true }, today, directory([away]))).toMatchObject({ assigneeIds: ['p_sam', 'p_dev'] });
  });

  it('yjs Safety Link 2: the duty manager is the one on the duty rota ("identifiable via the Youth Justice Service Duty Rota"), not just anyone with the role', async () => {
    const away: Absence = { id: 'a2', personId: 'p_priya', from: today, until: today, coverId: null };
    const flags = { ...none, safetyLink: true };
    expect(await route(toSam, flags, today, directory([away], [], { 'duty-manager': ['p_nia'] }))).toMatchObject({ assigneeIds: ['p_sam', 'p_nia'] });
    // On the rota but recorded as away: the next on the rota, else the role's first present holder.
    const niaAway: Absence = { id: 'a3', personId: 'p_nia', from: today, until: today, coverId: null };
    expect(await route(toSam, flags, today, directory([away, niaAway], [], { 'duty-manager': ['p_nia'] }))).toMatchObject({ assigneeIds: ['p_sam', 'p_dev'] });
  });

  it('yjs unidentified young people: "Do not assign the statement" — it goes to the duty officer on the rota when it arrives', async () => {
    const flags = { ...none, unidentified: true };
    expect(await route(toSam, flags, today, directory([], [], { 'duty-officer': ['p_dee'] }))).toEqual({ kind: 'duty-procedure', rule: 'unidentified', officerIds: ['p_dee'] });
    expect(await route(toSam, flags, today, directory([], [], { 'duty-officer': ['p_dee', 'p_oli'] }))).toMatchObject({ officerIds: ['p_dee', 'p_oli'] });
  });

  it('nothing is dropped: with no duty officer on the rota (or the one on it away), the participation team follows the procedure', async () => {
    const flags = { ...none, unidentified: true };
    expect(await route(toSam, flags, today, directory())).toEqual({ kind: 'duty-procedure', rule: 'unidentified', officerIds: [] });
    const deeAway: Absence = { id: 'a4', personId: 'p_dee', from: today, until: today, coverId: null };
    expect(await route(toSam, flags, today, directory([deeAway], [], { 'duty-officer': ['p_dee'] }))).toMatchObject({ officerIds: [] });
  });

  it('nothing is dropped: unknown recipients and unfilled roles go to the participation team’s queue', async () => {
    expect(await route({ kind: 'person', email: 'nobody@council.example' }, none, today, directory())).toEqual({ kind: 'queue', rule: 'queue-unknown-recipient' });
    expect(await route({ kind: 'none' }, none, today, directory([], ['p_hana']))).toEqual({ kind: 'queue', rule: 'queue-role-unfilled' });
    expect(await route(toSam, { ...none, complaint: true }, today, directory([], ['p_cora']))).toEqual({ kind: 'queue', rule: 'queue-role-unfilled' });
    const allAway: Absence[] = [
      { id: 'a1', personId: 'p_sam', from: today, until: today, coverId: null },
      { id: 'a2', personId: 'p_priya', from: today, until: today, coverId: null },
    ];
    expect(await route(toSam, none, today, directory(allAway))).toEqual({ kind: 'queue', rule: 'queue-role-unfilled' });
  });
});
