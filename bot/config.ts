import * as net from 'net';
import * as os from 'os';
import { z } from 'zod';
import { MIN_SECRET_LENGTH } from '../api/api-server';
import type { SignInConfig } from '../api/oidc-sign-in';
import { LOG_LEVELS, type LogLevel } from './event-log';

const secret = (name: string) =>
  z
    .string({ error: `${name} is not set` })
    .min(MIN_SECRET_LENGTH, `${name} must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`);

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const EnvSchema = z
  .object({
    PORT: z.coerce.number({ error: 'PORT must be a port number' }).int().min(0).max(65535).default(3978),
    /** Default: every interface for a deployment; loopback only (and nothing else allowed) for a local run, which accepts anonymous requests. */
    HOST: z.string().min(1).optional(),
    /** The Azure Bot's app id: set it and Bot Framework JWTs are required. */
    MicrosoftAppId: z.string().regex(guid, 'MicrosoftAppId must be a GUID').optional(),
    MicrosoftAppPassword: z.string().min(1).optional(),
    MicrosoftAppTenantId: z.string().regex(guid, 'MicrosoftAppTenantId must be a GUID').optional(),
    MicrosoftAppType: z.enum(['SingleTenant'], { error: 'MicrosoftAppType must be SingleTenant (Heard serves one council tenant)' }).default('SingleTenant'),
    HEARD_INTAKE_SECRET: secret('HEARD_INTAKE_SECRET'),
    HEARD_DOWNLOAD_SECRET: secret('HEARD_DOWNLOAD_SECRET'),
    /** Where people's browsers reach Heard, for download links. */
    HEARD_PUBLIC_URL: z.url({ error: 'HEARD_PUBLIC_URL must be an absolute http(s) URL' }).optional(),
    HEARD_STORE: z.string().min(1).optional(),
    MONGODB_URI: z.string().min(1).optional(),
    HEARD_MONGODB_DB: z.string().min(1).default('heard'),
    HEARD_MAX_PDF_BYTES: z.coerce.number().int().min(5).optional(),
    /**
     * The council's Entra ID app registration for signing people in before a PDF is
     * served: all of client id and secret, with the tenant (default MicrosoftAppTenantId).
     * Without them, download links are short-lived bearer links (local runs).
     */
    HEARD_ENTRA_CLIENT_ID: z.string().regex(guid, 'HEARD_ENTRA_CLIENT_ID must be a GUID (the app registration’s Application (client) ID)').optional(),
    HEARD_ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
    HEARD_ENTRA_TENANT_ID: z.string().regex(guid, 'HEARD_ENTRA_TENANT_ID must be a GUID (the Directory (tenant) ID)').optional(),
    /** The OpenID Connect authority; default https://login.microsoftonline.com/<tenant>/v2.0 (set it for a national cloud). */
    HEARD_ENTRA_AUTHORITY: z.url({ error: 'HEARD_ENTRA_AUTHORITY must be an absolute http(s) URL' }).optional(),
    /** How many reverse proxies in front of Heard append to X-Forwarded-For (default 0: the address the connection comes from). */
    HEARD_TRUSTED_PROXY_HOPS: z.coerce.number({ error: 'HEARD_TRUSTED_PROXY_HOPS must be a whole number of proxies' }).int().min(0).max(10).default(0),
    /** `off` runs no scheduler in this process (e.g. when another instance runs it); on by default. */
    HEARD_SCHEDULER: z.enum(['on', 'off'], { error: 'HEARD_SCHEDULER must be on or off' }).default('on'),
    /** This instance's name in the scheduler's leases and records; default host name and process id. */
    HEARD_INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'HEARD_INSTANCE_ID must be letters, digits, . _ : or -').optional(),
    /** The least severe level written to the log (pino's names); default info. */
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    /** A bearer token that lets a scraper read GET /api/metrics from beyond loopback; without it, loopback only. */
    HEARD_METRICS_TOKEN: secret('HEARD_METRICS_TOKEN').optional(),
    /** How long SIGTERM waits for work in flight before closing anyway (default 25 s, under the 30 s most platforms give). */
    HEARD_SHUTDOWN_GRACE_SECONDS: z.coerce.number({ error: 'HEARD_SHUTDOWN_GRACE_SECONDS must be a number of seconds' }).int().min(1).max(600).default(25),
    /** How often a running Heard looks in the store for a configuration change made elsewhere (default 30 s). */
    HEARD_CONFIGURATION_POLL_SECONDS: z.coerce.number({ error: 'HEARD_CONFIGURATION_POLL_SECONDS must be a number of seconds' }).int().min(1).max(3600).default(30),
    /** Demo only: a clock that can jump, kept in this file and set over loopback (`npm run demo -- clock …`). */
    HEARD_DEMO_CLOCK: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const signIn = ['HEARD_ENTRA_CLIENT_ID', 'HEARD_ENTRA_CLIENT_SECRET', 'HEARD_ENTRA_TENANT_ID', 'HEARD_ENTRA_AUTHORITY'] as const;
    if (signIn.some((name) => env[name])) {
      for (const name of ['HEARD_ENTRA_CLIENT_ID', 'HEARD_ENTRA_CLIENT_SECRET'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `${name} is required to sign people in with Entra ID (with HEARD_ENTRA_CLIENT_ID, HEARD_ENTRA_CLIENT_SECRET and the tenant)` });
      }
      if (!env.HEARD_ENTRA_TENANT_ID && !env.MicrosoftAppTenantId) {
        ctx.addIssue({ code: 'custom', path: ['HEARD_ENTRA_TENANT_ID'], message: 'HEARD_ENTRA_TENANT_ID (or MicrosoftAppTenantId) is required to sign people in with Entra ID' });
      }
      // The sign-in's redirect address is HEARD_PUBLIC_URL/api/auth/callback, registered with the app.
      if (!env.HEARD_PUBLIC_URL) {
        ctx.addIssue({ code: 'custom', path: ['HEARD_PUBLIC_URL'], message: 'HEARD_PUBLIC_URL is required to sign people in with Entra ID (register HEARD_PUBLIC_URL/api/auth/callback as the app’s redirect URI)' });
      } else if (!/^https:/i.test(env.HEARD_PUBLIC_URL) && !isLoopback(new URL(env.HEARD_PUBLIC_URL).hostname)) {
        ctx.addIssue({ code: 'custom', path: ['HEARD_PUBLIC_URL'], message: 'HEARD_PUBLIC_URL must be https:// to sign people in with Entra ID (http only on localhost)' });
      }
    }
    if (env.HEARD_DEMO_CLOCK && (env.MicrosoftAppId || env.MONGODB_URI)) {
      // A clock anyone on the machine can move would move every deadline of a real council.
      ctx.addIssue({ code: 'custom', path: ['HEARD_DEMO_CLOCK'], message: 'HEARD_DEMO_CLOCK is for the demo only: it cannot be used with MicrosoftAppId or MONGODB_URI (a deployment keeps real time)' });
    }
    if (env.MicrosoftAppId) {
      for (const name of ['MicrosoftAppPassword', 'MicrosoftAppTenantId'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `${name} is required when MicrosoftAppId is set` });
      }
    } else if (env.MicrosoftAppTenantId || env.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'MicrosoftAppId is required when MicrosoftAppPassword or MicrosoftAppTenantId is set (without it the bot would accept anyone)',
      });
    } else if (env.HOST !== undefined && !isLoopback(env.HOST)) {
      // Without an app id, /api/messages takes anyone's word for who they are.
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message: `HOST=${env.HOST} would let anyone on the network act as any Teams user: without MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId (Bot Framework authentication), Heard listens on loopback only (127.0.0.1, ::1 or localhost)`,
      });
    }
  });

/** 127.0.0.0/8, ::1 (also IPv4-mapped) or localhost. */
function isLoopback(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.replace(/^::ffff:/, '');
  return net.isIPv4(v4) && v4.startsWith('127.');
}

/**
 * The bot's configuration, read from the environment once at start-up.
 *
 * @example
 * const config = readBotConfig(process.env); // throws BotConfigError naming each bad variable
 */
export interface BotConfig {
  port: number;
  host: string;
  /** Null for local runs (the Agents Playground): then, and only then, anonymous requests are accepted. */
  auth: { appId: string; appPassword: string; tenantId: string } | null;
  intakeSecret: string;
  downloadSecret: string;
  publicUrl: string;
  store: { kind: 'mongo'; uri: string; dbName: string } | { kind: 'embedded'; file: string | undefined };
  maxPdfBytes: number | undefined;
  /** Nudges, escalations and digests from this process; `instanceId` names its leases (unique per process). */
  scheduler: { enabled: boolean; instanceId: string };
  /** Entra ID sign-in before a PDF is served; null or absent: download links are bearer links (local runs). */
  signIn?: SignInConfig | null;
  /** Reverse proxies in front of Heard that append to X-Forwarded-For, for telling sources of refused requests apart (default 0). */
  trustedProxyHops?: number;
  /** The least severe level logged (default info). */
  logLevel?: LogLevel;
  /** Lets GET /api/metrics be read from beyond loopback with `Authorization: Bearer <token>`; null or absent: loopback only. */
  metricsToken?: string | null;
  /** How long a shutdown waits for work in flight (default 25 s). */
  shutdownGraceSeconds?: number;
  /** How often a running Heard looks for a configuration change made by `heard config` or another instance (default 30 s). */
  configurationPollSeconds?: number;
  /** Demo only: the file of the demo clock that can jump (null or absent: real time). Never with an app id. */
  demoClockFile?: string | null;
}

function signInConfig(e: z.output<typeof EnvSchema>): SignInConfig {
  const tenantId = (e.HEARD_ENTRA_TENANT_ID ?? e.MicrosoftAppTenantId!).toLowerCase();
  return {
    authority: (e.HEARD_ENTRA_AUTHORITY ?? `https://login.microsoftonline.com/${tenantId}/v2.0`).replace(/\/+$/, ''),
    tenantId,
    clientId: e.HEARD_ENTRA_CLIENT_ID!,
    clientSecret: e.HEARD_ENTRA_CLIENT_SECRET!,
  };
}

/** A start-up configuration problem: the message names every variable that is missing or malformed. */
export class BotConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Heard cannot start: ${problems.join('; ')}`);
    this.name = 'BotConfigError';
  }
}

/**
 * Validates the environment variables the bot needs (zod) and returns its configuration.
 *
 * @example
 * readBotConfig({ HEARD_INTAKE_SECRET: 'x'.repeat(32), HEARD_DOWNLOAD_SECRET: 'y'.repeat(32) }).port; // 3978
 */
export function readBotConfig(env: Record<string, string | undefined>): BotConfig {
  // An empty variable (`FOO=`) means unset, as most deployment tools write it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new BotConfigError(parsed.error.issues.map((i) => (i.message.includes(String(i.path[0])) ? i.message : `${String(i.path[0])}: ${i.message}`)));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST ?? (e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    auth: e.MicrosoftAppId ? { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword!, tenantId: e.MicrosoftAppTenantId! } : null,
    intakeSecret: e.HEARD_INTAKE_SECRET,
    downloadSecret: e.HEARD_DOWNLOAD_SECRET,
    publicUrl: (e.HEARD_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    store: e.MONGODB_URI ? { kind: 'mongo', uri: e.MONGODB_URI, dbName: e.HEARD_MONGODB_DB } : { kind: 'embedded', file: e.HEARD_STORE },
    maxPdfBytes: e.HEARD_MAX_PDF_BYTES,
    scheduler: { enabled: e.HEARD_SCHEDULER === 'on', instanceId: e.HEARD_INSTANCE_ID ?? `${os.hostname()}-${process.pid}` },
    signIn: e.HEARD_ENTRA_CLIENT_ID ? signInConfig(e) : null,
    trustedProxyHops: e.HEARD_TRUSTED_PROXY_HOPS,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.HEARD_METRICS_TOKEN ?? null,
    shutdownGraceSeconds: e.HEARD_SHUTDOWN_GRACE_SECONDS,
    configurationPollSeconds: e.HEARD_CONFIGURATION_POLL_SECONDS,
    demoClockFile: e.HEARD_DEMO_CLOCK ?? null,
  };
}
