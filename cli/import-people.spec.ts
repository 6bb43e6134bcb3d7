import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

const bin = path.join(__dirname, '..', 'bin', 'heard.js');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-import-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function heard(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, MONGODB_URI: '' } });
}

const header = 'email,name,roles,team,line_manager_email,aad_object_id';

describe('heard import people', () => {
  it('imports a CSV of people and teams, and a re-import updates rather than duplicates', async () => {
    const file = path.join(dir, 'people.csv');
    const store = path.join(dir, 'heard.sqlite');
    fs.writeFileSync(
      file,
      [header, 'priya@council.example,Priya Manager,manager,North CiC,,', 'sam@council.example,Sam Worker,worker,North CiC,priya@council.example,', ''].join('\n'),
    );
    for (let i = 0; i < 2; i++) {
      const r = heard('import', 'people', file, '--store', store);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ imported: 2, teams: 1 });
    }
    const s = await openSqliteStore(store);
    try {
      const people = await s.directory.listPeople();
      expect(people.map((p) => p.email).sort()).toEqual(['priya@council.example', 'sam@council.example']);
      expect((await s.directory.listTeams())[0]).toMatchObject({ name: 'North CiC', managerId: people.find((p) => p.roles.includes('manager'))!.id });
    } finally {
      await s.close();
    }
  });

  it('keeps existing people’s ids on a re-import — those of a store an older build filled included — and gives newcomers random ones', async () => {
    const file = path.join(dir, 'people.csv');
    const store = path.join(dir, 'heard.sqlite');
    // A store from before: Sam's id was a hash of the address.
    const oldSamId = `p_${createHash('sha256').update('sam@council.example').digest('hex').slice(0, 16)}`;
    const before = await openSqliteStore(store);
    await before.directory.upsert([{ id: oldSamId, aadObjectId: null, name: 'Sam Worker', email: 'sam@council.example', roles: ['worker'], teamId: null, lineManagerId: null }], []);
    await before.close();
    fs.writeFileSync(file, [header, 'Sam@Council.Example,Sam Worker,worker,North CiC,ali@council.example,', 'ali@council.example,Ali Manager,manager,North CiC,,', ''].join('\n'));

    expect(heard('import', 'people', file, '--store', store).status).toBe(0);
    const s = await openSqliteStore(store);
    try {
      const people = await s.directory.listPeople();
      expect(people).toHaveLength(2);
      const sam = people.find((p) => p.email === 'sam@council.example')!;
      const ali = people.find((p) => p.email === 'ali@council.example')!;
      expect(sam.id).toBe(oldSamId);
      expect(ali.id).toMatch(/^p_[0-9a-f]{16}$/);
      expect(ali.id).not.toBe(`p_${createHash('sha256').update('ali@council.example').digest('hex').slice(0, 16)}`);
      expect(sam.lineManagerId).toBe(ali.id);
    } finally {
      await s.close();
    }
  });

  it('reports each bad row by line, exits 2 and imports nothing', async () => {
    const file = path.join(dir, 'people.csv');
    const store = path.join(dir, 'heard.sqlite');
    fs.writeFileSync(file, [header, 'sam@council.example,Sam Worker,worker,,,', 'not-an-email,Ali,worker,,,', 'ali@council.example,Ali,wizard,,,'].join('\n'));
    const r = heard('import', 'people', file, '--store', store);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `${file}:3: email: is not an e-mail address`,
      expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: roles\\.0: must be among`)),
      `heard: nothing imported: 2 problem(s) in ${file}`,
      '',
    ]);
    const s = await openSqliteStore(store);
    try {
      expect(await s.directory.listPeople()).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('accepts JSON too, and refuses unknown columns and missing files plainly', () => {
    const json = path.join(dir, 'people.json');
    fs.writeFileSync(json, JSON.stringify([{ email: 'sam@council.example', name: 'Sam', roles: ['worker'] }]));
    expect(JSON.parse(heard('import', 'people', json, '--store', path.join(dir, 'a.sqlite')).stdout)).toEqual({ imported: 1, teams: 0 });
    const csv = path.join(dir, 'odd.csv');
    fs.writeFileSync(csv, 'email,name,shoe_size\nsam@council.example,Sam,9\n');
    expect(heard('import', 'people', csv, '--store', path.join(dir, 'b.sqlite')).stderr).toMatch(/unknown column\(s\) shoe_size/);
    expect(heard('import', 'people', path.join(dir, 'missing.csv'), '--store', path.join(dir, 'c.sqlite')).stderr).toMatch(/no such file/);
  });
});
