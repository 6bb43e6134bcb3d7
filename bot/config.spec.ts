import { BotConfigError, readBotConfig } from './config';

const secrets = { HEARD_INTAKE_SECRET: 'i'.repeat(32), HEARD_DOWNLOAD_SECRET: 'd'.repeat(32) };
const APP = '22222222-2222-4222-8222-222222222222';
const TENANT = '11111111-1111-4111-8111-111111111111';

function problems(env: Record<string, string | undefined>): string[] {
  try {
    readBotConfig(env);
  } catch (error) {
    if (error instanceof BotConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the bot’s configuration', () => {
  it('runs locally on port 3978 with the embedded store and anonymous auth when no app id is set', () => {
    expect(readBotConfig(secrets)).toMatchObject({ port: 3978, host: '127.0.0.1', auth: null, publicUrl: 'http://localhost:3978', store: { kind: 'embedded' } });
  });

  it('requires Bot Framework credentials and the tenant together with an app id (single tenant)', () => {
    expect(readBotConfig({ ...secrets, MicrosoftAppId: APP, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT }).host).toBe('0.0.0.0');
    expect(readBotConfig({ ...secrets, MicrosoftAppId: APP, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT }).auth).toEqual({
      appId: APP,
      appPassword: 'pw',
      tenantId: TENANT,
    });
    expect(problems({ ...secrets, MicrosoftAppId: APP })).toEqual([
      'MicrosoftAppPassword is required when MicrosoftAppId is set',
      'MicrosoftAppTenantId is required when MicrosoftAppId is set',
    ]);
    expect(problems({ ...secrets, MicrosoftAppId: APP, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'MultiTenant' })).toEqual([
      'MicrosoftAppType must be SingleTenant (Heard serves one council tenant)',
    ]);
  });

  it('refuses a tenant or password without an app id rather than quietly accepting anyone', () => {
    expect(problems({ ...secrets, MicrosoftAppTenantId: TENANT })[0]).toContain('MicrosoftAppId is required');
  });

  it('refuses to listen beyond loopback without an app id, naming the variables (anyone on the network could act as anyone)', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'heard.council.example']) {
      expect(problems({ ...secrets, HOST: host })).toEqual([
        `HOST=${host} would let anyone on the network act as any Teams user: without MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId (Bot Framework authentication), Heard listens on loopback only (127.0.0.1, ::1 or localhost)`,
      ]);
    }
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(readBotConfig({ ...secrets, HOST: host })).toMatchObject({ host, auth: null });
    }
    expect(readBotConfig({ ...secrets, HOST: '0.0.0.0', MicrosoftAppId: APP, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT }).host).toBe('0.0.0.0');
  });

  it('signs people in with Entra ID before serving a PDF when the council’s app registration is given', () => {
    const entra = { HEARD_ENTRA_CLIENT_ID: '44444444-4444-4444-8444-444444444444', HEARD_ENTRA_CLIENT_SECRET: 'app-secret', HEARD_PUBLIC_URL: 'https://heard.council.example' };
    expect(readBotConfig({ ...secrets, ...entra, HEARD_ENTRA_TENANT_ID: TENANT }).signIn).toEqual({
      authority: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      tenantId: TENANT,
      clientId: '44444444-4444-4444-8444-444444444444',
      clientSecret: 'app-secret',
    });
    // The tenant defaults to the bot's; a national cloud sets its own authority.
    const deployed = { ...secrets, ...entra, MicrosoftAppId: APP, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT, HEARD_ENTRA_AUTHORITY: `https://login.microsoftonline.us/${TENANT}/v2.0/` };
    expect(readBotConfig(deployed).signIn).toMatchObject({ tenantId: TENANT, authority: `https://login.microsoftonline.us/${TENANT}/v2.0` });
    expect(readBotConfig(secrets).signIn).toBeNull();
  });

  it('names what is missing for Entra sign-in, and refuses a public address it could not safely redirect to', () => {
    expect(problems({ ...secrets, HEARD_ENTRA_CLIENT_ID: '44444444-4444-4444-8444-444444444444' })).toEqual([
      'HEARD_ENTRA_CLIENT_SECRET is required to sign people in with Entra ID (with HEARD_ENTRA_CLIENT_ID, HEARD_ENTRA_CLIENT_SECRET and the tenant)',
      'HEARD_ENTRA_TENANT_ID (or MicrosoftAppTenantId) is required to sign people in with Entra ID',
      'HEARD_PUBLIC_URL is required to sign people in with Entra ID (register HEARD_PUBLIC_URL/api/auth/callback as the app’s redirect URI)',
    ]);
    const entra = { HEARD_ENTRA_CLIENT_ID: '44444444-4444-4444-8444-444444444444', HEARD_ENTRA_CLIENT_SECRET: 's', HEARD_ENTRA_TENANT_ID: TENANT };
    expect(problems({ ...secrets, ...entra, HEARD_PUBLIC_URL: 'http://heard.council.example' })).toEqual([
      'HEARD_PUBLIC_URL must be https:// to sign people in with Entra ID (http only on localhost)',
    ]);
    expect(problems({ ...secrets, ...entra, HEARD_PUBLIC_URL: 'http://localhost:3978' })).toEqual([]);
    expect(problems({ ...secrets, HEARD_ENTRA_CLIENT_SECRET: 's' })[0]).toContain('HEARD_ENTRA_CLIENT_ID is required');
    expect(problems({ ...secrets, ...entra, HEARD_ENTRA_CLIENT_ID: 'app', HEARD_PUBLIC_URL: 'https://h.example' })).toEqual([
      'HEARD_ENTRA_CLIENT_ID must be a GUID (the app registration’s Application (client) ID)',
    ]);
  });

  it('reads how many proxies to trust for telling sources apart (none by default)', () => {
    expect(readBotConfig(secrets).trustedProxyHops).toBe(0);
    expect(readBotConfig({ ...secrets, HEARD_TRUSTED_PROXY_HOPS: '1' }).trustedProxyHops).toBe(1);
    expect(problems({ ...secrets, HEARD_TRUSTED_PROXY_HOPS: 'all' })).toEqual(['HEARD_TRUSTED_PROXY_HOPS must be a whole number of proxies']);
  });

  it('names every missing or malformed variable at once', () => {
    expect(problems({ PORT: 'eighty', MicrosoftAppId: 'not-a-guid', HEARD_INTAKE_SECRET: 'short', HEARD_PUBLIC_URL: 'heard' })).toEqual([
      'PORT must be a port number',
      'MicrosoftAppId must be a GUID',
      'HEARD_INTAKE_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)',
      'HEARD_DOWNLOAD_SECRET is not set',
      'HEARD_PUBLIC_URL must be an absolute http(s) URL',
    ]);
  });

  it('treats an empty variable as unset and uses MongoDB when MONGODB_URI is set', () => {
    expect(readBotConfig({ ...secrets, MicrosoftAppId: '', MONGODB_URI: 'mongodb://db.example:27017/?replicaSet=rs0' })).toMatchObject({
      auth: null,
      store: { kind: 'mongo', uri: 'mongodb://db.example:27017/?replicaSet=rs0', dbName: 'heard' },
    });
  });

  it('reads the operator’s settings: log level, metrics token, shutdown grace', () => {
    expect(readBotConfig(secrets)).toMatchObject({ logLevel: 'info', metricsToken: null, shutdownGraceSeconds: 25, demoClockFile: null });
    expect(readBotConfig({ ...secrets, LOG_LEVEL: 'warn', HEARD_METRICS_TOKEN: 'm'.repeat(32), HEARD_SHUTDOWN_GRACE_SECONDS: '10' })).toMatchObject({
      logLevel: 'warn',
      metricsToken: 'm'.repeat(32),
      shutdownGraceSeconds: 10,
    });
    expect(problems({ ...secrets, LOG_LEVEL: 'verbose', HEARD_METRICS_TOKEN: 'short' })).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'HEARD_METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -hex 32`)',
    ]);
  });
});
