import { randomUUID } from 'crypto';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { IncomingMessage, ServerResponse } from 'http';
import type { Server } from 'restify';
import { createApiServer } from '../api/api-server';
import { RefusalLedger } from '../api/refusal-ledger';
import { CaseWorkService } from '../domain/case-work-service';
import { ConfigurationService } from '../domain/configuration-service';
import { loadOrganisation, type Organisation } from '../domain/organisation';
import type { Store } from '../domain/ports/store.port';
import { StatementService } from '../domain/statement-service';
import { builtInVocabulary } from '../standards';
import * as path from 'path';
import { DEFAULT_STORE_FILE, openStore, type StoreConfig } from '../storage';
import { activityEndpoint, HeardTeamsAdapter } from './activity-endpoint';
import { AdminActions } from './admin-actions';
import { tenantOf } from './actor';
import type { BotLog } from './bot-log';
import type { BotConfig } from './config';
import { ConversationHandlers } from './conversation-handlers';
import { demoClockRoutes, type DemoClock } from './demo-clock';
import { evidenceWiring } from './evidence-wiring';
import { createLogger, eventLog } from './event-log';
import { HeardMetrics } from './heard-metrics';
import { SchedulerCardSender } from './outbound-cards';
import { BotFrameworkSender, type ProactiveSender } from './proactive-sender';
import { nudgeComposer } from '../scheduler/nudge-composer';
import { BroadcastSender } from '../scheduler/broadcast-sender';
import { Scheduler } from '../scheduler/scheduler';
import { signDownloadToken, DOWNLOAD_TOKEN_TTL_SECONDS } from '../api/download-token';
import { whenText } from '../cards/local-time';
import { Broadcasts } from '../domain/broadcasts';
import { Handovers } from '../domain/handovers';
import { ThrottledSender, type ThrottledSenderOptions } from './throttled-sender';
import { Conversation } from '../dialogs/conversation';
import { Understander } from '../dialogs/understand';
import { Worklists } from '../domain/worklists';
import { registerRoutes } from './routes';
import { DutyActions } from './duty-actions';
import { ReviewActions } from './review-actions';
import { ReviewVoice } from '../domain/review-voice';
import { FollowUpNotices } from './follow-up-notices';
import { StatementActions } from './statement-actions';
import { StatementCards } from './statement-cards';

/** A running Heard: the HTTP server (bot + API), its store and services. */
export interface Heard {
  server: Server;
  store: Store;
  service: StatementService;
  cards: StatementCards;
  adapter: TeamsAdapter;
  /** Nudges, escalations and digests (running unless the configuration turned it off). */
  scheduler: Scheduler;
  /** Sends the broadcasts queued in the store and keeps their delivery reports up to date (runs with the scheduler). */
  broadcasts: BroadcastSender;
  /** Refused downloads and sign-ins, counted per source into the audit trail. */
  refusals: RefusalLedger;
  /** What GET /api/metrics reports. */
  metrics: HeardMetrics;
  /** The configuration this Heard runs on, read from the store when it was created. */
  organisation: Organisation;
  /** The id of the latest configuration change it includes (null: none ever made), to tell when the store has a newer one. */
  configurationRevision: string | null;
  /** Resolves once the card deliveries and updates started so far have finished. */
  settled(): Promise<void>;
  /**
   * Handles one HTTP request: what `server` does with the requests it accepts itself, for
   * a listener that outlives this Heard (bot/main.ts hands requests to the Heard on the
   * current configuration). Counted as in flight until its response is finished.
   */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Shuts down (SIGTERM): `/api/health/ready` answers 503 and the listener closes; HTTP
   * requests in flight (whichever listener took them), the scheduler's sweep and the card deliveries queued finish —
   * within the grace period (`shutdownGraceSeconds`, default 25 s), after which sends not
   * yet gone are dropped for the next start or another instance; the scheduler's leases
   * are handed back; the store closes. True when everything finished within the grace.
   */
  close(): Promise<boolean>;
}

export interface HeardOptions {
  /** The store to use instead of opening the configured one (tests). */
  store?: Store;
  now?: () => number;
  log?: BotLog;
  /** Replaces the Bot Framework sender (tests); it is throttled like the real one. */
  sender?: ProactiveSender;
  /** Replaces the throttled sender's clock and sleep (tests). */
  throttle?: ThrottledSenderOptions;
  /** The demo's clock that can jump (`npm run demo` only; refused with an app id): serves /api/demo/clock. */
  demoClock?: DemoClock;
  /** Told when an administrator changes the configuration from Teams (bot/main.ts then takes it up). */
  configurationChanged?: () => void;
  /**
   * Leaves the scheduler stopped for the caller to start: bot/main.ts, replacing a Heard in
   * the same process, starts it once the old one's has stopped and handed back its leases,
   * so that one instance never runs two schedulers under one name.
   */
  schedulerLater?: boolean;
}

/**
 * Builds Heard on one restify server: `/api/messages` for Teams (CloudAdapter via
 * teams-ai's TeamsAdapter, JWT-checked and single-tenant when an app id is configured,
 * anonymous only when none is) beside the statement intake, download and health routes.
 * Returns it without listening.
 *
 * @example
 * const heard = await createHeard(readBotConfig(process.env));
 * heard.server.listen(3978);
 */
export async function createHeard(config: BotConfig, options: HeardOptions = {}): Promise<Heard> {
  if (options.demoClock && config.auth) throw new Error('the demo clock cannot run with a Microsoft app id: a deployment keeps real time');
  const now = options.now ?? options.demoClock?.now ?? (() => Math.floor(Date.now() / 1000));
  const store = options.store ?? (await openStore(storeConfig(config)));
  const metrics = new HeardMetrics({ obligations: store.obligations, now });
  // Every event is counted for the metrics on its way to the log.
  const log: BotLog = metrics.observing(options.log ?? eventLog(createLogger({ level: config.logLevel ?? 'info', instance: config.scheduler.instanceId })));
  // A configuration change cut short by a crash is finished before the configuration is read.
  await new ConfigurationService({ store, now }).resumePending();
  const configurationRevision = await latestConfigurationChange(store);
  const organisation = await loadOrganisation(store.settings);
  const service = new StatementService({ store, standards: organisation.standards, packs: organisation.packs, calendar: organisation.calendar, nudgePolicy: organisation.nudgePolicy, now });

  const adapter = new HeardTeamsAdapter(
    config.auth
      ? {
          MicrosoftAppId: config.auth.appId,
          MicrosoftAppPassword: config.auth.appPassword,
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppTenantId: config.auth.tenantId,
        }
      : {},
  );
  // Every proactive message — statement cards, nudges, digests — goes through one throttled sender.
  const sender = new ThrottledSender(metrics.metered(options.sender ?? new BotFrameworkSender(adapter, config.auth?.appId ?? '', store.conversations, now)), {
    ...options.throttle,
    onRetry: metrics.retried,
  });
  const cards = new StatementCards({
    store,
    service,
    sender,
    standards: organisation.standards,
    calendar: organisation.calendar,
    now,
    downloadSecret: config.downloadSecret,
    publicUrl: config.publicUrl,
    log,
    deletionRequestsTo: organisation.mindOfMyOwn.deletionRequestsTo,
  });
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const worklists = new Worklists({ store, standards: organisation.standards, now });
  const broadcasts = new Broadcasts({ store, now });
  const handovers = new Handovers({ store, service, broadcasts, calendar: organisation.calendar, now, newId: (prefix) => `${prefix}_${randomUUID()}` });
  const cardSender = new SchedulerCardSender(sender);
  const broadcastSender = new BroadcastSender({ store, broadcasts, sender: cardSender, calendar: organisation.calendar, now, holder: config.scheduler.instanceId, log });
  const { links, evidence } = evidenceWiring({ store, organisation, config, now });
  const caseWork = new CaseWorkService({ store, standards: organisation.standards, packs: organisation.packs, calendar: organisation.calendar, nudgePolicy: organisation.nudgePolicy, now });
  const reviews = new ReviewActions({ store, voice: new ReviewVoice({ store, caseWork, calendar: organisation.calendar, now }), cards, calendar: organisation.calendar, now });
  const scheduler = new Scheduler({
    store,
    service,
    worklists,
    standards: organisation.standards,
    calendar: organisation.calendar,
    policy: organisation.nudgePolicy,
    sender: cardSender,
    updater: cardSender,
    compose: nudgeComposer({
      store,
      standards: organisation.standards,
      calendar: organisation.calendar,
      now,
      dashboardLink: links.dashboard,
      reviewCard: async (obligationId, recipient) => {
        const card = await reviews.cardFor(obligationId, recipient);
        if (!card) throw new Error('a review card for someone who may not see it');
        return card;
      },
    }),
    now,
    holder: config.scheduler.instanceId,
    log,
    handovers,
  });
  const notices = new FollowUpNotices({ store, sender, log });
  const unsubscribe = service.subscribe((change) => {
    track(cards.onChange(change));
    track(notices.onChange(change).catch((error: unknown) => log('follow-up-notice-failed', { statementId: change.statement.id, error: error instanceof Error ? error.name : 'unknown' })));
    // A new clock may be due at once (Safety Link): sweep now rather than at the next wake-up.
    scheduler.poke();
  });

  const conversation = new Conversation({
    store,
    service,
    caseWork,
    worklists,
    understander: await Understander.create(organisation.calendar),
    standards: organisation.standards,
    calendar: organisation.calendar,
    now,
    // Queued here: send now, and put the delivery report in the officer's chat at once.
    broadcastQueued: (broadcastId) => {
      broadcastSender.poke();
      track(broadcastSender.refreshReport(broadcastId));
    },
    reportLink: (broadcastId, person) => {
      const at = now();
      const token = signDownloadToken({ statementId: broadcastId, personId: person.id, now: at, secret: config.downloadSecret, purpose: 'report' });
      return {
        url: `${config.publicUrl}/api/broadcasts/${encodeURIComponent(broadcastId)}/report.csv?token=${encodeURIComponent(token)}`,
        validUntil: whenText(organisation.calendar, at + DOWNLOAD_TOKEN_TTL_SECONDS, at),
      };
    },
    links,
  });
  const app = createBotApplication({ adapter, appId: config.auth?.appId ?? '', store, service, cards, conversation, now, log, reviews, configurationChanged: options.configurationChanged });

  const refusals = new RefusalLedger({ audit: store.audit, now, log, secret: config.downloadSecret });
  let accepting = true;
  const server = createApiServer({
    service,
    store,
    caseWork: { caseWork, vocabulary: builtInVocabulary(), calendar: organisation.calendar },
    intakeSecret: config.intakeSecret,
    downloadSecret: config.downloadSecret,
    now,
    maxPdfBytes: config.maxPdfBytes,
    log,
    refusals,
    trustedProxyHops: config.trustedProxyHops,
    signIn: config.signIn ? { config: config.signIn, publicUrl: config.publicUrl } : null,
    readiness: { accepting: () => accepting },
    metrics: { source: { contentType: metrics.registry.contentType, render: () => metrics.registry.metrics() }, token: config.metricsToken ?? null },
    evidence,
  });
  if (options.demoClock) demoClockRoutes(server, { clock: options.demoClock, calendar: organisation.calendar, moved: () => scheduler.poke(), log });
  const turn = turnHandler(app, config.auth?.tenantId ?? null, log);
  // The Agents Playground (and some probes) check the endpoint is up with HEAD.
  server.head('/api/messages', async (_req, res) => {
    res.send(200);
  });
  server.post('/api/messages', ...activityEndpoint(adapter, turn, log));

  const settled = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  // Requests in flight, whether the server accepted them or a longer-lived listener handed them over.
  const requests = new Map<ServerResponse, Promise<void>>();
  server.server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    const done = new Promise<void>((resolve) => res.once('close', () => resolve()));
    requests.set(res, done);
    void done.then(() => requests.delete(res));
  });
  const answered = async () => {
    while (requests.size > 0) await Promise.allSettled([...requests.values()]);
  };
  // Statements assigned while no process was running (or whose delivery was cut short) go out now.
  track(cards.deliverOutstanding());
  if (config.scheduler.enabled && !options.schedulerLater) {
    scheduler.start();
    // Resumes any broadcast a previous process left half sent.
    broadcastSender.start();
  }

  return {
    server,
    store,
    service,
    cards,
    adapter,
    scheduler,
    broadcasts: broadcastSender,
    refusals,
    metrics,
    organisation,
    configurationRevision,
    settled,
    handle: (req, res) => void server.server.emit('request', req, res),
    close: async () => {
      accepting = false;
      const drained = (async () => {
        // In-flight requests finish first: what they change starts card deliveries.
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await answered();
        await scheduler.stop();
        await broadcastSender.stop();
        unsubscribe();
        await settled();
      })();
      const graceSeconds = config.shutdownGraceSeconds ?? 25;
      let timer: NodeJS.Timeout | undefined;
      const clean = await Promise.race([drained.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceSeconds * 1000)))]);
      clearTimeout(timer);
      if (!clean) {
        log('heard-stop-timed-out', { graceSeconds, cardWorkInFlight: inFlight.size });
        // Whatever has not left is dropped, not sent: undelivered cards go at the next start, nudges to whichever instance claims them.
        sender.close();
        server.server.closeAllConnections();
        for (const res of requests.keys()) res.socket?.destroy();
        await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 1000))]);
      }
      sender.close();
      await scheduler.releaseLeases();
      await refusals.close();
      await store.close();
      return clean;
    },
  };
}

/**
 * The id of the latest change of the organisation's configuration in the store, or null.
 *
 * @example if ((await latestConfigurationChange(heard.store)) !== heard.configurationRevision) reload();
 */
export async function latestConfigurationChange(store: Store): Promise<string | null> {
  return (await store.audit.listConfiguration({}, 1))[0]?.id ?? null;
}

/** The configured store (HEARD_STORE, else the default embedded file). */
function storeConfig(config: BotConfig): StoreConfig {
  if (config.store.kind === 'mongo') return config.store;
  return { kind: 'embedded', file: path.resolve(config.store.file ?? DEFAULT_STORE_FILE) };
}

/**
 * The teams-ai application with every route registered (bot/routes.ts) and an error
 * handler that logs an incident id (no personal data) and apologises to the user.
 *
 * @example
 * const app = createBotApplication({ adapter, appId: '', store, service, cards, conversation, now, log });
 */
export function createBotApplication(deps: {
  adapter?: TeamsAdapter;
  appId: string;
  store: Store;
  service: StatementService;
  cards: StatementCards;
  conversation: Conversation;
  now: () => number;
  log: BotLog;
  /** The pre-review cards' buttons (absent: not offered). */
  reviews?: ReviewActions;
  /** Told when an administrator changes the configuration from Teams. */
  configurationChanged?: () => void;
}): Application<TurnState> {
  const { store, service, cards, conversation, now, log } = deps;
  const app = new Application<TurnState>({ adapter: deps.adapter, botAppId: deps.appId, startTypingTimer: false, removeRecipientMention: true });
  registerRoutes(app, {
    conversations: new ConversationHandlers({ store, cards, conversation, now, log }),
    actions: new StatementActions({ store, service, cards }),
    duty: new DutyActions({ store, service, cards }),
    admin: new AdminActions({ store, now, changed: deps.configurationChanged }),
    cards,
    reviews: deps.reviews,
  });
  app.error(async (context, error) => {
    const incidentId = randomUUID().slice(0, 8);
    log('bot-error', { incidentId, activityType: context.activity.type, error: error.name });
    await context.sendActivity(`Sorry, something went wrong on our side and nothing was changed. Quote incident ${incidentId} if you report it.`);
  });
  return app;
}

/**
 * The bot's turn: refuses activities from any tenant but the configured one (when one is
 * configured: a deployment), then runs the teams-ai application. A refused invoke gets a
 * 403; anything else no reply at all.
 *
 * @example
 * await adapter.process(req, res, turnHandler(app, config.auth?.tenantId ?? null, log));
 */
export function turnHandler(app: Application<TurnState>, tenantId: string | null, log: BotLog): (context: TurnContext) => Promise<void> {
  return async (context) => {
    if (tenantId !== null && tenantOf(context.activity) !== tenantId) {
      log('activity-refused', { reason: 'other-tenant', activityType: context.activity.type });
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403, body: { error: 'This app serves another organisation.' } } });
      }
      return;
    }
    await app.run(context);
  };
}
