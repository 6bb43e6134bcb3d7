import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Connector service Heard posts proactive messages to, that
 * enforces Teams' published rate limits the way Teams does — counted when a request
 * arrives — and answers 429 with Retry-After when one is exceeded (Microsoft Learn,
 * "Optimize your bot with rate limiting in Teams": per bot per conversation 7 per 1 s,
 * 8 per 2 s, 60 per 30 s and 1,800 per hour; per tenant a number of requests per second,
 * configurable here). Some conversations answer 403 (Heard removed or blocked) or 404 (the
 * chat is gone). Every request is recorded, so a test can count deliveries per
 * conversation, messages sent twice and limit violations.
 *
 * Used by the broadcast tests and by `npm run bench broadcast`.
 */

/** One request the fake accepted (201/200). */
export interface Delivery {
  conversationId: string;
  kind: 'send' | 'update';
  /** Milliseconds (high resolution) since the fake started. */
  at: number;
  /** The activity's first text, where the card has one (the test cards say whose they are). */
  text: string;
}

export interface FakeConnectorOptions {
  /** Requests per second the tenant may make, as a sliding 1-second window. */
  tenantRps: number;
  /** Conversation ids answered 403 and 404. */
  forbidden?: ReadonlySet<string>;
  gone?: ReadonlySet<string>;
  /** Called for each accepted request, before it is answered (a test may kill the sender there). */
  onAccepted?: (delivery: Delivery, count: number) => void;
}

const CONVERSATION_WINDOWS = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/**
 * @example
 * const connector = await FakeBotConnector.start({ tenantRps: 50, forbidden: new Set(['a:aad-7']) });
 * // conversation references use serviceUrl: connector.url
 * await connector.close();
 */
export class FakeBotConnector {
  readonly accepted: Delivery[] = [];
  /** Requests answered 429 because they would have broken a limit. */
  violations = 0;
  /** Each violation: when, which conversation, and whether the tenant's limit (else the conversation's) was the one broken. */
  readonly violationLog: { at: number; conversationId: string; tenant: boolean }[] = [];
  /** Conversations of requests answered 403 / 404, one entry per request. */
  readonly refused: string[] = [];
  private readonly started = process.hrtime.bigint();
  private readonly perConversation = new Map<string, number[]>();
  private readonly tenant: number[] = [];
  private activityCount = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeConnectorOptions,
    readonly url: string,
  ) {}

  static async start(options: FakeConnectorOptions): Promise<FakeBotConnector> {
    let connector: FakeBotConnector | null = null;
    const server = createServer((req, res) => {
      void connector?.handle(req, res);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    connector = new FakeBotConnector(server, options, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return connector;
  }

  /** Accepted new messages per conversation. */
  sentTo(conversationId: string): Delivery[] {
    return this.accepted.filter((d) => d.kind === 'send' && d.conversationId === conversationId);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private now(): number {
    return Number(process.hrtime.bigint() - this.started) / 1e6;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Counted on arrival, as Teams counts, before the body is read.
    const at = this.now();
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    let body = '';
    for await (const chunk of req) body += chunk;
    if (!match) return this.reply(res, 404, { error: { code: 'NotFound', message: 'no such route' } });
    const conversationId = decodeURIComponent(match[1]);
    if (this.options.forbidden?.has(conversationId)) {
      this.refused.push(conversationId);
      return this.reply(res, 403, { error: { code: 'BotDisabledByAdmin', message: 'The bot is not installed for this user' } });
    }
    if (this.options.gone?.has(conversationId)) {
      this.refused.push(conversationId);
      return this.reply(res, 404, { error: { code: 'ConversationNotFound', message: 'Conversation not found' } });
    }
    const wait = this.waitMs(conversationId, at);
    if (wait > 0) {
      this.violations++;
      const rps = this.options.tenantRps;
      this.violationLog.push({ at, conversationId, tenant: this.tenant.length >= rps && this.tenant[this.tenant.length - rps] + 1_000 > at });
      return this.reply(res, 429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))) });
    }
    this.record(conversationId, at);
    const kind = req.method === 'PUT' ? 'update' : 'send';
    const delivery: Delivery = { conversationId, kind, at, text: firstText(body) };
    this.accepted.push(delivery);
    this.options.onAccepted?.(delivery, this.accepted.length);
    const id = kind === 'update' ? decodeURIComponent(match[2] ?? '') : `act-${++this.activityCount}`;
    this.reply(res, kind === 'update' ? 200 : 201, { id });
  }

  /** How long until one more request fits every window (0: it fits now). */
  private waitMs(conversationId: string, at: number): number {
    let wait = 0;
    const log = this.perConversation.get(conversationId) ?? [];
    for (const { limit, windowMs } of CONVERSATION_WINDOWS) {
      if (log.length >= limit) wait = Math.max(wait, log[log.length - limit] + windowMs - at);
    }
    const rps = this.options.tenantRps;
    if (this.tenant.length >= rps) wait = Math.max(wait, this.tenant[this.tenant.length - rps] + 1_000 - at);
    return wait;
  }

  private record(conversationId: string, at: number): void {
    const log = this.perConversation.get(conversationId) ?? [];
    log.push(at);
    if (log.length > 1_800) log.shift();
    this.perConversation.set(conversationId, log);
    this.tenant.push(at);
    if (this.tenant.length > this.options.tenantRps * 4) this.tenant.splice(0, this.tenant.length - this.options.tenantRps);
  }

  private reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}

/** The first TextBlock of the first card in an activity, or ''. */
function firstText(body: string): string {
  try {
    const activity = JSON.parse(body || '{}') as { attachments?: { content?: { body?: { text?: string }[] } }[] };
    return activity.attachments?.[0]?.content?.body?.[0]?.text ?? '';
  } catch {
    return '';
  }
}

/**
 * A conversation reference for a person's personal chat with Heard at `serviceUrl`, as
 * the bot saves it on install (the conversation id names the person, so the fake can count per chat).
 *
 * @example
 * await store.conversations.save({ aadObjectId: 'aad-7', reference: personalChat(connector.url, 'aad-7'), installed: true, updatedAt: now });
 */
export function personalChat(serviceUrl: string, aadObjectId: string): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: `a:${aadObjectId}`, conversationType: 'personal' },
    user: { id: `29:${aadObjectId}`, aadObjectId },
    bot: { id: '28:heard' },
  };
}
