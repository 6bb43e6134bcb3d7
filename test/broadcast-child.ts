/**
 * A broadcast sender in a process of its own, for the kill -9 test
 * (`broadcast-delivery.spec.ts`) and `npm run bench broadcast`: opens the store file and
 * drains its broadcast queue through the production path — BroadcastSender, the one
 * throttled sender, the Bot Framework sender — to the connector at each person's saved
 * serviceUrl (the fake). Prints `done` once nothing is left to send; until then the parent
 * may kill it at any moment.
 *
 * Run: node --import tsx test/broadcast-child.ts <store file> <tenant rps | real> <lease seconds>
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import { SchedulerCardSender } from '../bot/outbound-cards';
import { BotFrameworkSender } from '../bot/proactive-sender';
import { tenantWindowsFor, ThrottledSender, TENANT_RATE_WINDOWS } from '../bot/throttled-sender';
import { Broadcasts } from '../domain/broadcasts';
import { loadOrganisation } from '../domain/organisation';
import { BroadcastSender } from '../scheduler/broadcast-sender';
import { openSqliteStore } from '../storage/embedded/sqlite-store';

async function main(file: string, rps: string, leaseSeconds: number): Promise<void> {
  const store = await openSqliteStore(file);
  const organisation = await loadOrganisation(store.settings);
  const now = () => Math.floor(Date.now() / 1000);
  const throttled = new ThrottledSender(new BotFrameworkSender(new TeamsAdapter({}), '', store.conversations, now), {
    // `real`: Teams' own tenant limit, paced as production paces it; else a higher one so a test runs in seconds.
    tenantWindows: tenantWindowsFor(rps === 'real' ? TENANT_RATE_WINDOWS[0].limit : Number(rps)),
  });
  const sender = new BroadcastSender({
    store,
    broadcasts: new Broadcasts({ store, now }),
    sender: new SchedulerCardSender(throttled),
    calendar: organisation.calendar,
    now,
    holder: `child-${process.pid}`,
    leaseSeconds,
    retrySeconds: 1,
    log: () => undefined,
  });
  process.stdout.write('ready\n');
  for (;;) {
    await sender.run();
    const next = await sender.nextWakeAt();
    if (next === null) break;
    // A retry later, or recipients a killed process still holds until its leases run out.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.stdout.write('done\n');
  await store.close();
}

const [file, rps, lease] = process.argv.slice(2);
if (!file || !rps || !lease) {
  process.stderr.write('usage: broadcast-child <store file> <tenant rps | real> <lease seconds>\n');
  process.exit(2);
}
main(file, rps, Number(lease)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
