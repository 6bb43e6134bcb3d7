import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { recordAbsence } from '../domain/absences';
import type { AuditEvent } from '../domain/audit-event';
import { Permissions, heldBefore, mayAssignFromQueue, maySeeQueue, seesWholeService } from '../domain/permissions';
import type { Person, Team } from '../domain/person';
import type { Store } from '../domain/ports/store.port';
import type { Statement } from '../domain/statement';

/**
 * Who may see or act on what, on the real embedded store. The North team: Sam and Ali
 * work in it; Tess manages the team; Sam's line manager is Lou, in another team. Pat is
 * the participation team, Hana the head of service, Cora the complaints officer.
 */
const person = (id: string, roles: Person['roles'], teamId: string | null, lineManagerId: string | null): Person => ({
  id,
  aadObjectId: `aad-${id}`,
  name: id.replace('p_', '').replace(/^./, (c) => c.toUpperCase()),
  email: `${id}@council.example`,
  roles,
  teamId,
  lineManagerId,
});
const SAM = person('p_sam', ['worker'], 't_north', 'p_lou');
const ALI = person('p_ali', ['worker'], 't_north', null);
const TESS = person('p_tess', ['manager'], 't_north', null);
const LOU = person('p_lou', ['manager'], 't_south', null);
const PAT = person('p_pat', ['participation'], null, null);
const HANA = person('p_hana', ['head-of-service'], null, null);
const CORA = person('p_cora', ['complaints-officer'], null, null);
const ADA = person('p_ada', ['admin'], null, null);
const TEAMS: Team[] = [
  { id: 't_north', name: 'North', managerId: 'p_tess' },
  { id: 't_south', name: 'South', managerId: 'p_lou' },
];
const TODAY = '2026-11-23';

function statement(assigneeIds: string[]): Statement {
  return {
    id: 'st_1',
    externalId: 'momo-1',
    sentAt: 1,
    receivedAt: 1,
    child: { reference: 'CR-1', initials: 'AB' },
    type: 'my-world',
    intendedRecipient: { kind: 'none' },
    flags: { complaint: false, safetyLink: false, unidentified: false },
    status: assigneeIds.length > 0 ? 'assigned' : 'queued',
    assigneeIds,
    routedBy: null,
    caseRecord: null,
    pdf: null,
    version: 1,
    updatedAt: 1,
  };
}

let store: Store;
let permissions: Permissions;

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  await store.directory.upsert([SAM, ALI, TESS, LOU, PAT, HANA, CORA, ADA], TEAMS);
  permissions = new Permissions(store.directory);
});

afterEach(async () => {
  await store.close();
});

describe('who may see a statement', () => {
  it('its assignee, their team manager and line manager, the participation team and administrators; no colleague, no stranger', async () => {
    const sams = statement(['p_sam']);
    const seen = async (p: Person | null) => permissions.maySeeStatement(p, sams, TODAY);
    expect(await seen(SAM)).toBe(true);
    expect(await seen(TESS)).toBe(true);
    expect(await seen(LOU)).toBe(true);
    expect(await seen(PAT)).toBe(true);
    expect(await seen(ADA)).toBe(true);
    expect(await seen(ALI)).toBe(false);
    expect(await seen(HANA)).toBe(false);
    expect(await seen(CORA)).toBe(false);
    expect(await seen(null)).toBe(false);
  });

  it('whoever covers for the assignee, on the days they cover only', async () => {
    await store.directory.putAbsence({ id: 'ab_1', personId: 'p_sam', from: '2026-11-23', until: '2026-11-27', coverId: 'p_ali' });
    expect(await permissions.maySeeStatement(ALI, statement(['p_sam']), '2026-11-27')).toBe(true);
    expect(await permissions.maySeeStatement(ALI, statement(['p_sam']), '2026-11-30')).toBe(false);
  });

  it('nobody but the participation team and administrators while it waits in the queue', async () => {
    for (const p of [SAM, TESS, LOU, HANA]) expect(await permissions.maySeeStatement(p, statement([]), TODAY)).toBe(false);
    expect(await permissions.maySeeStatement(PAT, statement([]), TODAY)).toBe(true);
  });

  it('someone who held it once sees where it went, nothing more; others nothing at all', async () => {
    const handedBack: AuditEvent = { id: 'au_1', at: 2, actor: { kind: 'person', id: 'p_sam' }, action: 'statement-handed-back', statementId: 'st_1', channel: 'card', details: { reason: 'duplicate' } };
    const moved: AuditEvent = { id: 'au_2', at: 3, actor: { kind: 'person', id: 'p_pat' }, action: 'statement-assigned', statementId: 'st_1', channel: 'card', details: { to: 'p_cora', from: '' } };
    const now = statement(['p_cora']);
    expect(heldBefore('p_sam', now, [handedBack, moved])).toBe(true);
    expect(await permissions.statementAccess(SAM, now, [handedBack, moved], TODAY)).toBe('former-assignee');
    expect(await permissions.statementAccess(ALI, now, [handedBack, moved], TODAY)).toBe('none');
    expect(await permissions.statementAccess(null, now, [handedBack, moved], TODAY)).toBe('none');
    expect(await permissions.statementAccess(CORA, now, [handedBack, moved], TODAY)).toBe('full');
  });
});

describe('who may act', () => {
  it('moves a statement: the participation team, a manager of its holder, or a manager holding it passing it to their own people', async () => {
    expect(await permissions.mayReassign(PAT, statement(['p_sam']), ['p_cora'])).toBe(true);
    expect(await permissions.mayReassign(TESS, statement(['p_sam']), ['p_ali'])).toBe(true);
    expect(await permissions.mayReassign(LOU, statement(['p_sam']), ['p_ali'])).toBe(true);
    expect(await permissions.mayReassign(ALI, statement(['p_sam']), ['p_ali'])).toBe(false);
    expect(await permissions.mayReassign(SAM, statement(['p_sam']), ['p_ali'])).toBe(false);
    expect(await permissions.mayReassign(TESS, statement(['p_tess']), ['p_ali'])).toBe(true);
    expect(await permissions.mayReassign(TESS, statement(['p_tess']), ['p_cora'])).toBe(false);
  });

  it('sees a person’s list: their own, their managers’, the whole service’s', async () => {
    expect(await permissions.maySeeListOf(SAM, SAM)).toBe(true);
    expect(await permissions.maySeeListOf(TESS, SAM)).toBe(true);
    expect(await permissions.maySeeListOf(LOU, SAM)).toBe(true);
    expect(await permissions.maySeeListOf(HANA, SAM)).toBe(true);
    expect(await permissions.maySeeListOf(ALI, SAM)).toBe(false);
    expect(await permissions.maySeeListOf(LOU, ALI)).toBe(false);
  });

  it('the queue is seen by the participation team, managers and the head of service, and assigned from by the participation team', () => {
    expect([SAM, TESS, PAT, HANA, ADA].map(maySeeQueue)).toEqual([false, true, true, true, true]);
    expect([SAM, TESS, PAT, HANA, ADA].map(mayAssignFromQueue)).toEqual([false, false, true, false, true]);
    expect([SAM, TESS, PAT, HANA].map(seesWholeService)).toEqual([false, false, true, true]);
  });

  it('a team manager who is not the line manager records a team member’s absence, inside one transaction', async () => {
    const absence = { id: 'ab_1', personId: 'p_ali', from: '2026-11-23', until: '2026-11-27', coverId: 'p_sam' };
    await expect(recordAbsence(store, TESS, absence, 10, 'au_1')).resolves.toEqual({ ok: true });
    await expect(recordAbsence(store, SAM, { ...absence, id: 'ab_2' }, 10, 'au_2')).resolves.toEqual({ ok: false, code: 'NOT_ALLOWED' });
    expect(await store.directory.listAbsences('p_ali')).toEqual([absence]);
  });

  it('hands statements to: everyone who may take one for the participation team — the complaints officer (momo 1.2) and Head of Service (1.3) too — their own people for a manager', async () => {
    expect((await permissions.assignableBy(PAT)).map((p) => p.id)).toEqual(['p_ali', 'p_cora', 'p_hana', 'p_lou', 'p_sam', 'p_tess']);
    expect((await permissions.assignableBy(TESS)).map((p) => p.id)).toEqual(['p_ali', 'p_sam']);
    expect(await permissions.assignableBy(SAM)).toEqual([]);
  });
});
