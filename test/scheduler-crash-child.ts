/**
 * The child process of the scheduler's kill -9 test (`scheduler-crash.spec.ts`): opens the
 * store file, and runs the scheduler in time-lapse — a fake clock jumping to each wake-up
 * the scheduler asks for — sending through the real throttled sender and Bot Framework
 * sender to the connector stub the parent runs. Each message's card says its idempotency
 * key, so the stub can tell a message sent twice. Prints `done` when the clock passes the
 * end; until then the parent may kill it at any moment.
 *
 * Run: node --import tsx test/scheduler-crash-child.ts <store file> <start> <end>
 * (HEARD_CRASH_LOG=<file> appends each sweep's instant and the scheduler's log, to see where time goes.)
 */
import { appendFileSync } from 'node:fs';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { SchedulerCardSender } from '../bot/outbound-cards';
import { BotFrameworkSender } from '../bot/proactive-sender';
import { ThrottledSender } from '../bot/throttled-sender';
import { loadOrganisation } from '../domain/organisation';
import { StatementService } from '../domain/statement-service';
import { Worklists } from '../domain/worklists';
import type { ComposeMessage } from '../scheduler/nudge-outbox';
import { Scheduler } from '../scheduler/scheduler';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { timeLapse } from './time-lapse';

/** A card saying the key the outbox records for a message: obligation, kind and recipient, or the digest's. */
const keyText: ComposeMessage = async (message, recipient) => {
  const card = (text: string) => ({ type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text }] });
  if (message.type === 'digest') return card(`digest:${message.digest.date}:${recipient.id}`);
  if (message.type === 'undelivered') return card(`undelivered:${recipient.id}`);
  if (message.type === 'monthly') return card(`monthly:${message.month}:${recipient.id}`);
  if (message.type === 'case-reminder' || message.type === 'case-escalation') throw new Error('this crash test runs statements only');
  if (message.type === 'review') return card(`review:${message.obligationId}:${recipient.id}`);
  const kind = message.type === 'escalation' ? 'breach' : message.kind === 'reminder' ? `reminder-${message.percent}` : 'due';
  return card(`${message.obligation.id}:${kind}:${recipient.id}`);
};

async function main(file: string, start: number, end: number): Promise<void> {
  const store = await openSqliteStore(file);
  const organisation = await loadOrganisation(store.settings);
  const clock = { now: start };
  const now = () => clock.now;
  const service = new StatementService({ store, standards: organisation.standards, packs: organisation.packs, calendar: organisation.calendar, now });
  const worklists = new Worklists({ store, standards: organisation.standards, now });
  const sender = new SchedulerCardSender(new ThrottledSender(new BotFrameworkSender(new TeamsAdapter({}), '', store.conversations, now)));
  const scheduler = new Scheduler({
    store,
    service,
    worklists,
    standards: organisation.standards,
    calendar: organisation.calendar,
    policy: organisation.nudgePolicy,
    sender,
    compose: keyText,
    now,
    holder: `child-${process.pid}`,
    log: (event, fields) => {
      if (process.env.HEARD_CRASH_LOG) appendFileSync(process.env.HEARD_CRASH_LOG, `${Date.now()} ${event} ${JSON.stringify(fields)}\n`);
    },
  });
  process.stdout.write('ready\n');
  await timeLapse(scheduler, clock, end, {
    afterSweep: async () => {
      if (process.env.HEARD_CRASH_LOG) appendFileSync(process.env.HEARD_CRASH_LOG, `${Date.now()} sweep ${clock.now}\n`);
    },
  });
  process.stdout.write('done\n');
  await store.close();
}

const [file, start, end] = process.argv.slice(2);
if (!file || !start || !end) {
  process.stderr.write('usage: scheduler-crash-child <store file> <start> <end>\n');
  process.exit(2);
}
main(file, Number(start), Number(end)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
