import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

/**
 * The dashboard tab's single sign-on in Teams: the tab asks Teams for a token
 * (`authentication.getAuthToken()`), Teams hands it an access token the council's Entra ID
 * issued for Heard's app registration, and Heard checks it with jose — signature by the
 * tenant's published keys (JWKS), issuer (the tenant, v1 or v2 tokens), audience (the
 * app's Application ID URI `api://<host>/<client id>`, or its client id for v2 tokens),
 * expiry, the tenant id and the `access_as_user` scope — before it names a person by their
 * object id (`oid`).
 */

/**
 * The app registration the tab's tokens are for.
 *
 * @example
 * const config: TabSsoConfig = { tenantId: '<tenant>', clientId: '<app>', applicationIdUri: 'api://heard.council.example/<app>',
 *   jwks: new URL('https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys') };
 */
export interface TabSsoConfig {
  tenantId: string;
  clientId: string;
  /** `api://<host of HEARD_PUBLIC_URL>/<client id>`, as `webApplicationInfo.resource` in the manifest. */
  applicationIdUri: string;
  /** Where the tenant's signing keys are published, or the keys themselves (tests). */
  jwks: URL | JWTVerifyGetKey;
  /** v1 and v2 issuers for the tenant, unless another cloud's are given. */
  issuers?: string[];
}

/** Why a token names nobody: missing, not ours (signature, issuer, audience, tenant, scope), expired, or keys unreachable. @example const e = new TabSsoError('expired'); */
export class TabSsoError extends Error {
  constructor(readonly kind: 'missing' | 'invalid' | 'expired' | 'unavailable') {
    super(`tab sign-in ${kind}`);
    this.name = 'TabSsoError';
  }
}

const CLOCK_TOLERANCE_SECONDS = 120;

/**
 * Checks tab tokens against one tenant.
 *
 * @example
 * const sso = new TabSso(config);
 * const { oid } = await sso.verify(req.headers.authorization);
 */
export class TabSso {
  private readonly keys: JWTVerifyGetKey;
  private readonly issuers: string[];

  constructor(private readonly config: TabSsoConfig) {
    this.keys = config.jwks instanceof URL ? createRemoteJWKSet(config.jwks, { timeoutDuration: 10_000, cooldownDuration: 30_000 }) : config.jwks;
    this.issuers = config.issuers ?? [`https://sts.windows.net/${config.tenantId}/`, `https://login.microsoftonline.com/${config.tenantId}/v2.0`];
  }

  /** The signed-in person's object id (lower-cased) from an `Authorization: Bearer …` header. */
  async verify(authorization: string | undefined): Promise<{ oid: string }> {
    const token = /^Bearer ([A-Za-z0-9_.-]{16,8192})$/.exec(authorization ?? '')?.[1];
    if (!token) throw new TabSsoError('missing');
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keys, {
        issuer: this.issuers,
        audience: [this.config.applicationIdUri, this.config.clientId],
        algorithms: ['RS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'tid', 'oid'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TabSsoError('expired');
      // The keys could not be fetched (a timeout, or the network itself failing): not the token's fault.
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) throw new TabSsoError('unavailable');
      throw new TabSsoError('invalid');
    }
    if (typeof claims.tid !== 'string' || claims.tid.toLowerCase() !== this.config.tenantId.toLowerCase()) throw new TabSsoError('invalid');
    const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
    if (!scopes.includes('access_as_user')) throw new TabSsoError('invalid');
    if (typeof claims.oid !== 'string' || claims.oid === '') throw new TabSsoError('invalid');
    return { oid: claims.oid.toLowerCase() };
  }
}

/**
 * The tab's single sign-on from the app registration Heard signs people in with (the same
 * client id and tenant): the Application ID URI `api://<host of publicUrl>/<client id>`,
 * and the tenant's keys beside the authority (`…/discovery/v2.0/keys`).
 *
 * @example
 * tabSsoConfigOf({ authority: 'https://login.microsoftonline.com/<t>/v2.0', tenantId: '<t>', clientId: '<app>' }, 'https://heard.council.example');
 * // { applicationIdUri: 'api://heard.council.example/<app>', jwks: URL('https://login.microsoftonline.com/<t>/discovery/v2.0/keys'), … }
 */
export function tabSsoConfigOf(signIn: { authority: string; tenantId: string; clientId: string }, publicUrl: string): TabSsoConfig {
  const authority = signIn.authority.replace(/\/+$/, '');
  return {
    tenantId: signIn.tenantId,
    clientId: signIn.clientId,
    applicationIdUri: `api://${new URL(publicUrl).host}/${signIn.clientId}`,
    jwks: new URL(authority.replace(/\/v2\.0$/, '') + '/discovery/v2.0/keys'),
    issuers: [`https://sts.windows.net/${signIn.tenantId}/`, authority],
  };
}
