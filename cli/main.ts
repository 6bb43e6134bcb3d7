import { parseArgs } from 'util';
import { UsageError } from './usage-error';

// Each command loads only what it needs, when it runs: `heard due` must not pay for the
// conversation model, the store or the CSV reader at start-up.

const USAGE = `usage:
  heard standards [--json] [--pack ID] [--store <file>]
  heard due <standard-id> --at <instant> [--calendar england-and-wales|scotland|northern-ireland]
  heard due --batch < requests.jsonl
  heard parse "<message>" --now <instant>
  heard parse --batch < messages.jsonl
  heard import people <people.csv|people.json> [--store <file>]
  heard import rota <rota.csv|rota.json> [--store <file>]
  heard import statements <portal-export.csv> [--store <file>]
  heard import case-events <events.jsonl|events.csv> [--store <file>]
  heard import child-references <child-references.csv|.json> [--store <file>]
  heard obligations [--case <ref>] [--owner <email>] [--status open|overdue|met|late|closed|missed] [--at <instant>] [--store <file>] [--json]
  heard report --from <date> --to <date> [--at <instant>] [--format json|csv] [--store <file>]
  heard backup <file> [--store <file>] [--force]
  heard restore <file> [--store <file>] [--force]
  heard config show|history|validate|set|unset|add|remove … [--dry-run] [--actor <email>] [--json] [--store <file>]`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Thrown by `write` once stdout is closed (`heard … | head -1`): the command stops quietly. */
class OutputClosed extends Error {}

/**
 * Writes to stdout. A reader that went away (EPIPE) destroys the stream at once; the
 * error event follows later and is quieted by `main`, and the command stops here instead
 * of working through a batch nobody reads.
 */
function write(chunk: string | Uint8Array): void {
  if (!process.stdout.destroyed) process.stdout.write(chunk);
  if (process.stdout.destroyed) throw new OutputClosed('stdout is closed');
}

function quietOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'standards': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, pack: { type: 'string' }, store: { type: 'string' } }, strict: true });
      const { listStandards, standardsTable } = await import('./standards-command');
      // The council's readings beside the packs', from its store when there is one.
      const { councilOverrides } = await import('./open-store');
      const standards = listStandards(values.pack, await councilOverrides(values.store));
      write(values.json ? `${JSON.stringify(standards, null, 2)}\n` : `${standardsTable(standards)}\n`);
      return;
    }
    case 'due': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { at: { type: 'string' }, calendar: { type: 'string' }, batch: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
      const { DueCalculator, runDueBatch } = await import('./due-command');
      const calculator = new DueCalculator();
      if (values.batch) {
        if (positionals.length > 0 || values.at !== undefined) throw new UsageError('--batch reads its requests from stdin; give no id or --at');
        runDueBatch(await readStdin(), calculator, write);
        return;
      }
      if (positionals.length !== 1) throw new UsageError('give exactly one standard id, e.g. heard due momo.2.1 --at 2026-11-23T09:00:00Z');
      if (values.at === undefined) throw new UsageError('--at <instant> is required, e.g. --at 2026-11-23T09:00:00Z');
      write(`${JSON.stringify(calculator.due(positionals[0], values.at, values.calendar ?? 'england-and-wales'))}\n`);
      return;
    }
    case 'parse': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { now: { type: 'string' }, batch: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
      const { parseOne, runParseBatch } = await import('./parse-command');
      if (values.batch) {
        if (positionals.length > 0 || values.now !== undefined) throw new UsageError('--batch reads {"text", "now"} lines from stdin; give no message or --now');
        await runParseBatch(await readStdin(), write);
        return;
      }
      if (positionals.length !== 1) throw new UsageError('give exactly one message in quotes, e.g. heard parse "what\'s due this week?" --now 2026-11-23T09:30:00Z');
      write(`${JSON.stringify(await parseOne(positionals[0], values.now))}\n`);
      return;
    }
    case 'import': {
      const { values, positionals } = parseArgs({ args: rest, options: { store: { type: 'string' } }, allowPositionals: true, strict: true });
      const [what, file, ...extra] = positionals;
      if ((what !== 'people' && what !== 'rota' && what !== 'statements' && what !== 'case-events' && what !== 'child-references') || !file || extra.length > 0) {
        throw new UsageError('usage: heard import people|rota|statements|case-events|child-references <file> [--store <file>]');
      }
      const { openConfiguredStore } = await import('./open-store');
      const store = await openConfiguredStore(values.store);
      try {
        const now = () => Math.floor(Date.now() / 1000);
        const result =
          what === 'people'
            ? await (await import('./import-people-command')).importPeople(file, store, now())
            : what === 'rota'
              ? await (await import('./import-rota-command')).importRota(file, store, now())
              : what === 'statements'
                ? await (await import('./import-statements-command')).importStatements(file, store, now)
                : what === 'child-references'
                  ? await (await import('./import-child-references-command')).importChildReferences(file, store, now())
                  : await (await import('./import-case-events-command')).importCaseEvents(file, store, now);
        if (!result.ok) {
          for (const p of result.problems) process.stderr.write(`${file}:${p.line}: ${p.field ?? '(row)'}: ${p.message}\n`);
          throw new UsageError(`nothing imported: ${result.problems.length} problem(s) in ${file}`);
        }
        const { ok: _ok, ...summary } = result;
        write(`${JSON.stringify(summary)}\n`);
      } finally {
        await store.close();
      }
      return;
    }
    case 'backup':
    case 'restore': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { store: { type: 'string' }, force: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
      if (positionals.length !== 1) throw new UsageError(`usage: heard ${command} <file> [--store <file>] [--force]`);
      const { backupCommand, restoreCommand } = await import('./backup-command');
      const summary = await (command === 'backup' ? backupCommand : restoreCommand)(positionals[0], values);
      write(`${JSON.stringify(summary)}\n`);
      return;
    }
    case 'obligations': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          case: { type: 'string' },
          owner: { type: 'string' },
          status: { type: 'string' },
          at: { type: 'string' },
          store: { type: 'string' },
          json: { type: 'boolean' },
        },
        allowPositionals: true,
        strict: true,
      });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}": filter with --case, --owner, --status`);
      const { openConfiguredStore } = await import('./open-store');
      const { listObligations, obligationsTable } = await import('./obligations-command');
      const store = await openConfiguredStore(values.store);
      try {
        const rows = await listObligations(store, { caseRef: values.case, owner: values.owner, status: values.status, at: values.at }, Math.floor(Date.now() / 1000));
        write(values.json ? `${JSON.stringify(rows)}\n` : `${obligationsTable(rows)}\n`);
      } finally {
        await store.close();
      }
      return;
    }
    case 'report': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { from: { type: 'string' }, to: { type: 'string' }, at: { type: 'string' }, format: { type: 'string' }, store: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}": give the period with --from and --to`);
      const { reportCommand, reportRequest } = await import('./report-command');
      const request = reportRequest(values, Math.floor(Date.now() / 1000));
      const { openConfiguredStore } = await import('./open-store');
      const store = await openConfiguredStore(values.store);
      try {
        write(await reportCommand(store, request));
      } finally {
        await store.close();
      }
      return;
    }
    case 'config': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          json: { type: 'boolean' },
          'dry-run': { type: 'boolean' },
          actor: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          file: { type: 'string' },
          store: { type: 'string' },
        },
        allowPositionals: true,
        strict: true,
      });
      const [sub, ...args] = positionals;
      const { configHelp, runConfig } = await import('./config-command');
      const help = configHelp(sub);
      if (help !== null) {
        write(`${help}\n`);
        return;
      }
      const { openConfiguredStore } = await import('./open-store');
      const store = await openConfiguredStore(values.store);
      try {
        const flags = { json: values.json, dryRun: values['dry-run'], actor: values.actor, from: values.from, to: values.to, file: values.file };
        const result = await runConfig(store, sub, args, flags, () => Math.floor(Date.now() / 1000));
        if (!result.ok) {
          for (const problem of result.problems) process.stderr.write(`heard: ${problem}\n`);
          throw new UsageError(`nothing changed: ${result.problems.length} problem(s)`);
        }
        write(`${result.text}\n`);
      } finally {
        await store.close();
      }
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stderr.write(`${USAGE}\n`);
      if (command === undefined) throw new UsageError('no command given');
      return;
    default:
      throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }
}

/**
 * Runs the `heard` command line; resolves to the process exit code (2 on bad input, with
 * one line on stderr).
 *
 * @example
 * await main(['due', 'momo.1.1', '--at', '2026-11-21T10:00:00Z']); // prints JSON, resolves 0
 */
export async function main(argv: string[]): Promise<number> {
  // Once per process, however many times main runs in it (the tests run it in theirs).
  if (!process.stdout.listeners('error').includes(quietOnClosedPipe)) process.stdout.on('error', quietOnClosedPipe);
  try {
    await run(argv);
    return 0;
  } catch (e) {
    if (e instanceof OutputClosed) return 0;
    // A broken pack is a deployment problem: show every line of it. Anything else is one line.
    const { PackError } = await import('../standards/pack-loader');
    const message = e instanceof PackError ? e.message : e instanceof Error ? e.message.split('\n')[0] : String(e);
    process.stderr.write(`heard: ${message}\n`);
    return 2;
  }
}
