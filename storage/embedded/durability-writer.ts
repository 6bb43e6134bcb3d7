/**
 * The child process of the embedded store's durability test (`sqlite-store.spec.ts`):
 * opens the store file given as its argument and, until it is killed, receives statements
 * as intake does — statement and audit event in one transaction — writing each
 * externalId to stdout only once the transaction has committed. Whatever it printed was
 * acknowledged, and must be in the file after `kill -9`.
 *
 * Run: node --import tsx storage/embedded/durability-writer.ts /tmp/heard.db
 */
import { openSqliteStore } from './sqlite-store';

async function main(file: string): Promise<void> {
  const store = await openSqliteStore(file);
  process.stdout.write('ready\n');
  for (let n = 0; ; n += 1) {
    const externalId = `momo-${n}`;
    await store.transaction(async (tx) => {
      await tx.statements.insert({
        id: `st_${n}`,
        externalId,
        sentAt: 1795255200 + n,
        receivedAt: 1795255260 + n,
        child: { reference: `C-${n}`, initials: 'AB' },
        type: 'my-world',
        intendedRecipient: { kind: 'none' },
        flags: { complaint: false, safetyLink: false, unidentified: false },
        status: 'received',
        assigneeIds: [],
        routedBy: null,
        caseRecord: null,
        pdf: null,
        version: 1,
        updatedAt: 1795255260 + n,
      });
      await tx.audit.append({
        id: `au_${n}`,
        at: 1795255260 + n,
        actor: { kind: 'system', id: 'intake' },
        action: 'statement-received',
        statementId: `st_${n}`,
        channel: 'api',
        details: { externalId },
      });
    });
    process.stdout.write(`${externalId}\n`);
  }
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: durability-writer <store file>\n');
  process.exit(2);
}
main(file).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
