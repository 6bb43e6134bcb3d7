import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CaseLinks, CHILD_REFERENCES_KEY } from '../domain/case-links';
import type { Statement } from '../domain/statement';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { importChildReferences } from './import-child-references-command';

/**
 * Where the Mind Of My Own portal's child references differ from the case system's, the
 * administrator imports a mapping and each child's statements belong to their case.
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-child-refs-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const statement = (id: string, reference: string, sentAt: number): Statement => ({
  id,
  externalId: `momo-${id}`,
  sentAt,
  receivedAt: sentAt,
  child: { reference, initials: 'AB' },
  type: 'my-world',
  intendedRecipient: { kind: 'none' },
  flags: { complaint: false, safetyLink: false, unidentified: false },
  status: 'assigned',
  assigneeIds: [],
  routedBy: null,
  caseRecord: null,
  pdf: null,
  version: 1,
  updatedAt: sentAt,
});

describe('heard import child-references', () => {
  it('links the statements of a mapped child reference to the case, audited, and keeps the case’s own reference', async () => {
    const store = await openSqliteStore(path.join(dir, 'heard.sqlite'));
    try {
      const file = path.join(dir, 'map.csv');
      fs.writeFileSync(file, 'child_reference,case_ref\nMOMO-77,C-10442\nMOMO-78,C-20000\n');
      expect(await importChildReferences(file, store, 1795255200)).toEqual({ ok: true, mapped: 2, cases: 2 });
      await store.statements.insert(statement('st_1', 'MOMO-77', 1795000000));
      await store.statements.insert(statement('st_2', 'C-10442', 1795100000));
      await store.statements.insert(statement('st_3', 'MOMO-78', 1795200000));
      const links = await CaseLinks.load(store);
      expect(links.caseRefOf('MOMO-77')).toBe('C-10442');
      expect(links.caseRefOf('C-99')).toBe('C-99');
      expect((await links.statementsOf(store, 'C-10442')).map((s) => s.id)).toEqual(['st_1', 'st_2']);
      // Audited, with counts only.
      const stored = (await store.settings.get(CHILD_REFERENCES_KEY)) as { entries: unknown[] };
      expect(stored.entries).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  it('checks every row first and imports nothing when one is wrong, naming the line and the field', async () => {
    const store = await openSqliteStore(path.join(dir, 'heard.sqlite'));
    try {
      const file = path.join(dir, 'map.csv');
      fs.writeFileSync(file, 'child_reference,case_ref\nMOMO-77,C-10442\nMOMO-77,C-1\nJane Smith,C-2\n,C-3\n');
      const result = await importChildReferences(file, store, 1795255200);
      expect(result).toEqual({
        ok: false,
        problems: [
          { line: 3, field: 'child_reference', message: 'is already mapped on line 2: a child reference belongs to one case' },
          { line: 4, field: 'child_reference', message: 'must be letters, digits or . _ : / - (a reference, never a name)' },
          { line: 5, field: 'child_reference', message: 'is required (the child reference the Mind Of My Own portal uses)' },
        ],
      });
      expect(await store.settings.get(CHILD_REFERENCES_KEY)).toBeNull();
    } finally {
      await store.close();
    }
  });
});
