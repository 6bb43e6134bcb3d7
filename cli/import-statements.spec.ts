import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

const bin = path.join(__dirname, '..', 'bin', 'heard.js');
const header = 'statement_id,sent_at,child_reference,child_initials,statement_type,recipient,complaint,safety_link,unidentified,pdf_file';
let dir: string;
let storeFile: string;
/** Send instants relative to the real clock the command uses (it accepts the last year only). */
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function heard(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args, '--store', storeFile], { encoding: 'utf8', env: { ...process.env, MONGODB_URI: '' } });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-export-'));
  storeFile = path.join(dir, 'heard.sqlite');
  fs.writeFileSync(path.join(dir, 'people.csv'), 'email,name,roles,team,line_manager_email,aad_object_id\nsam@council.example,Sam Worker,worker,,,\ncora@council.example,Cora Complaints,complaints-officer,,,\n');
  expect(heard('import', 'people', path.join(dir, 'people.csv')).status).toBe(0);
  fs.mkdirSync(path.join(dir, 'pdfs'));
  fs.writeFileSync(path.join(dir, 'pdfs', 'S-1.pdf'), '%PDF-1.4 fictional');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('heard import statements', () => {
  it('receives every statement of a portal export once, routed as the intake API would', async () => {
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(
      file,
      [
        header,
        `S-1,${hoursAgo(3)},C-1001,AB,my-world,sam@council.example,no,no,no,pdfs/S-1.pdf`,
        `S-2,${hoursAgo(2)},C-1002,CD,sort-a-problem,Complaints Officer,yes,no,no,`,
        `S-3,${hoursAgo(1)},C-1003,EF,my-world,left@council.example,,,,`,
      ].join('\n'),
    );
    const first = heard('import', 'statements', file);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toEqual({ received: 3, created: 3, alreadyReceived: 0 });
    expect(JSON.parse(heard('import', 'statements', file).stdout)).toEqual({ received: 3, created: 0, alreadyReceived: 3 });

    const store = await openSqliteStore(storeFile);
    try {
      const byExternal = async (id: string) => (await store.statements.getByExternalId(id))!;
      expect(await byExternal('S-1')).toMatchObject({ status: 'assigned', routedBy: 'intended-worker', pdf: { bytes: 18 } });
      expect(await byExternal('S-2')).toMatchObject({ status: 'assigned', routedBy: 'complaint' });
      expect(await byExternal('S-3')).toMatchObject({ status: 'queued', routedBy: 'queue-unknown-recipient' });
      expect((await store.pdfs.get((await byExternal('S-1')).id))?.toString()).toBe('%PDF-1.4 fictional');
      const audit = await store.audit.listForStatement((await byExternal('S-1')).id);
      expect(audit[0]).toMatchObject({ action: 'statement-received', channel: 'csv' });
    } finally {
      await store.close();
    }
  });

  it('checks every row and PDF first; any problem imports nothing', async () => {
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(
      file,
      [
        header,
        `S-1,${hoursAgo(3)},C-1001,AB,my-world,sam@council.example,no,no,no,pdfs/S-1.pdf`,
        'S-2,yesterday,C-1002,Alexandra Smith,my-world,sam@council.example,maybe,no,no,',
        `S-3,${hoursAgo(1)},C-1003,EF,my-world,sam@council.example,no,no,no,pdfs/missing.pdf`,
        `S-4,${hoursAgo(-2)},C-1004,GH,my-world,sam@council.example,no,no,no,`,
        `S-5,${hoursAgo(24 * 400)},C-1005,IJ,my-world,sam@council.example,no,no,no,`,
        `S-6,${hoursAgo(2)},C-1006,Amy,my-world,sam@council.example,no,no,no,`,
      ].join('\n'),
    );
    const r = heard('import', 'statements', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/:3: sent_at: "yesterday" is not an instant/);
    expect(r.stderr).toMatch(/:3: child_initials: must be the child’s initials only: 1 to 4 capital letters/);
    expect(r.stderr).toMatch(/:7: child_initials: must be the child’s initials only: 1 to 4 capital letters, each may be followed by a full stop \(e\.g\. JT or J\.T\.\), never a name/);
    expect(r.stderr).not.toMatch(/Amy|Alexandra/);
    expect(r.stderr).toMatch(/:3: complaint: must be yes or no/);
    expect(r.stderr).toMatch(/:5: sent_at: must not be in the future/);
    expect(r.stderr).toMatch(/:6: sent_at: must be within the last year/);
    expect(r.stderr).toMatch(/nothing imported: 6 problem\(s\)/);
    const store = await openSqliteStore(storeFile);
    try {
      expect(await store.statements.list({})).toEqual([]);
    } finally {
      await store.close();
    }
    // The PDF problem is found once the rows themselves are right.
    fs.writeFileSync(file, [header, `S-3,${hoursAgo(1)},C-1003,EF,my-world,sam@council.example,no,no,no,pdfs/missing.pdf`].join('\n'));
    expect(heard('import', 'statements', file).stderr).toMatch(/:2: pdf_file: no such file: pdfs\/missing\.pdf/);
  });
});
