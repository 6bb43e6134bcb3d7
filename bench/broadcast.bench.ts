/**
 * `npm run bench broadcast`: a notice to 2,000 people through the production path — the
 * broadcast sender in a child process (test/broadcast-child.ts), the one throttled sender
 * paced to Teams' real tenant limit, the Bot Framework sender — to a fake Bot Connector
 * (test/fake-bot-connector.ts) that enforces Teams' published limits as Teams does,
 * counting each request when it arrives (per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/h;
 * per tenant 50/s) and answering 429 with Retry-After, and 403/404 for some people.
 *
 * The baseline is the rate Teams allows (50 requests a second for the tenant); the figure
 * is the rate achieved, from the first request to the last (every request: the notices,
 * those refused with 403/404 and the delivery report's updates). The last line printed is
 * `broadcast: 2000 recipients, N delivered, M unreachable, D doubled, V limit violations,
 * R/s = P% of the allowed rate`.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Broadcasts } from '../domain/broadcasts';
import { openSqliteStore } from '../storage/embedded/sqlite-store';
import { conversationOf, seedBroadcastCouncil } from '../test/broadcast-council';
import { FakeBotConnector } from '../test/fake-bot-connector';
import type { BenchResult } from './bench-result';

const RECIPIENTS = 2000;
/** Teams' tenant limit (Microsoft Learn, "Optimize your bot with rate limiting in Teams"). */
const TENANT_RPS = 50;

/** The results, and the summary line that ends the bench's output. */
export async function benchBroadcast(): Promise<{ results: BenchResult[]; summary: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-bench-broadcast-'));
  const file = path.join(dir, 'heard.sqlite');
  const forbidden = new Set<string>();
  const gone = new Set<string>();
  const connector = await FakeBotConnector.start({ tenantRps: TENANT_RPS, forbidden, gone });
  try {
    const council = await seedBroadcastCouncil(file, connector.url, RECIPIENTS, Math.floor(Date.now() / 1000));
    for (const id of council.forbidden) forbidden.add(id);
    for (const id of council.gone) gone.add(id);
    process.stderr.write(`broadcast: sending to ${RECIPIENTS} people at ${TENANT_RPS} requests/s (about ${Math.ceil(RECIPIENTS / TENANT_RPS)} s)…\n`);
    await new Promise<void>((resolve, reject) => {
      let err = '';
      const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(__dirname, '..', 'test', 'broadcast-child.ts'), file, 'real', '120'], { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the broadcast child exited with ${code}: ${err}`))));
    });

    const requests = [...connector.accepted.map((d) => d.at)].sort((a, b) => a - b);
    const seconds = (requests[requests.length - 1] - requests[0]) / 1000;
    // Every request Teams would count: those accepted, those refused (403/404) and any throttled.
    const counted = connector.accepted.length + connector.refused.length + connector.violations;
    const rate = counted / seconds;
    let delivered = 0;
    let doubled = 0;
    for (const person of council.people) {
      if (!person.aadObjectId) continue;
      const notices = connector.sentTo(conversationOf(person)).filter((d) => d.text === 'Office closed on Friday').length;
      if (notices > 0) delivered++;
      if (notices > 1) doubled++;
    }
    const store = await openSqliteStore(file);
    let unreachable: number;
    try {
      const report = await new Broadcasts({ store, now: () => Math.floor(Date.now() / 1000) }).report(council.broadcastId);
      unreachable = report?.counts['not-installed'] ?? 0;
    } finally {
      await store.close();
    }
    const share = Math.round((rate / TENANT_RPS) * 100);
    return {
      results: [{ name: `broadcast: ${RECIPIENTS} recipients through the throttled sender`, value: rate, unit: 'requests/s', baselineName: "Teams' tenant limit", baseline: TENANT_RPS }],
      summary: `broadcast: ${RECIPIENTS} recipients, ${delivered} delivered, ${unreachable} unreachable, ${doubled} doubled, ${connector.violations} limit violations, ${rate.toFixed(1)}/s = ${share}% of the allowed rate`,
    };
  } finally {
    await connector.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
