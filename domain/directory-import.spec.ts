import { createHash } from 'crypto';
import { newPersonId, teamIdFor, validateDirectoryImport } from './directory-import';

const row = (over: Record<string, unknown> = {}) => ({
  email: 'sam@council.example',
  name: 'Sam Worker',
  roles: 'worker',
  team: 'North CiC',
  line_manager_email: 'priya@council.example',
  aad_object_id: '',
  ...over,
});
const priya = { email: 'priya@council.example', name: 'Priya Manager', roles: 'manager', team: 'North CiC', line_manager_email: '', aad_object_id: '' };

describe('importing people and teams', () => {
  it('builds people with roles, a team whose manager is its manager, and line managers', () => {
    const r = validateDirectoryImport(
      [
        { line: 2, row: row({ aad_object_id: '6F1C2B4E-0000-4000-8000-000000000001', roles: 'worker; participation' }) },
        { line: 3, row: priya },
      ],
      new Map(),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [sam, priyaId] = [r.value.people[0].id, r.value.people[1].id];
    expect(r.value.teams).toEqual([{ id: 't_north-cic', name: 'North CiC', managerId: priyaId }]);
    expect(r.value.people[0]).toEqual({
      id: sam,
      aadObjectId: '6f1c2b4e-0000-4000-8000-000000000001',
      name: 'Sam Worker',
      email: 'sam@council.example',
      roles: ['worker', 'participation'],
      teamId: 't_north-cic',
      lineManagerId: priyaId,
    });
  });

  it('gives new people random ids that say nothing about them: not a hash of the e-mail address, different in every directory', () => {
    const ids = Array.from({ length: 50 }, () => {
      const r = validateDirectoryImport([{ line: 2, row: priya }], new Map());
      return r.ok ? r.value.people[0].id : '';
    });
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^p_[0-9a-f]{16}$/);
    // What the attacker of issue 13 did: hash the staff list and compare.
    const hashed = `p_${createHash('sha256').update('priya@council.example').digest('hex').slice(0, 16)}`;
    expect(ids).not.toContain(hashed);
    expect(newPersonId()).not.toBe(newPersonId());
  });

  it('keeps the id of someone already in the directory, found by e-mail address whatever its case, so importing again updates people', () => {
    const known = new Map([
      ['sam@council.example', 'p_0123456789abcdef'],
      ['priya@council.example', 'p_fedcba9876543210'],
    ]);
    const r = validateDirectoryImport([{ line: 2, row: row({ email: 'Sam@Council.Example ' }) }, { line: 3, row: priya }], known);

    expect(r.ok && r.value.people.map((p) => p.id)).toEqual(['p_0123456789abcdef', 'p_fedcba9876543210']);
    expect(r.ok && r.value.teams[0].managerId).toBe('p_fedcba9876543210');
    expect(teamIdFor(' North  CiC ')).toBe('t_north-cic');
  });

  it('accepts a line manager already in the directory', () => {
    const r = validateDirectoryImport([{ line: 2, row: row() }], new Map([['priya@council.example', 'p_existing']]));
    expect(r.ok && r.value.people[0].lineManagerId).toBe('p_existing');
  });

  it('reports every bad row by line and field, and imports nothing', () => {
    const r = validateDirectoryImport(
      [
        { line: 2, row: row({ email: 'not-an-email' }) },
        { line: 3, row: row({ roles: 'wizard' }) },
        { line: 4, row: row({ name: '' }) },
        { line: 5, row: priya },
        { line: 6, row: { ...priya, roles: 'worker', line_manager_email: 'nobody@council.example' } },
        { line: 7, row: row({ email: 'ali@council.example', roles: 'manager' }) },
        { line: 8, row: row({ aad_object_id: 'abc' }) },
        { line: 9, row: { ...row(), favourite_colour: 'blue' } },
      ],
      new Map(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { line: 2, field: 'email', message: 'is not an e-mail address' },
      { line: 3, field: 'roles.0', message: expect.stringMatching(/must be among worker, manager/) },
      { line: 4, field: 'name', message: 'is empty' },
      { line: 6, field: 'email', message: 'appears again (first on line 5)' },
      { line: 6, field: 'line_manager_email', message: 'is not in this file nor in the directory' },
      { line: 7, field: 'roles', message: 'team "North CiC" already has a manager (line 5); a team has one manager' },
      { line: 8, field: 'aad_object_id', message: 'must be a Teams (Entra ID) object id, a GUID' },
      { line: 9, field: null, message: expect.stringMatching(/favourite_colour/) },
    ]);
  });
});
