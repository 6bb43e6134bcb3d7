import { custom, generators, Issuer, type BaseClient } from 'openid-client';

/**
 * Signing a person in with the council's Entra ID (OpenID Connect, authorisation code
 * with PKCE) before a statement's PDF is served, to learn who they are: their Entra
 * object id (`oid`). openid-client does the protocol — discovery, the authorisation
 * URL, the code exchange, and checking the ID token's signature, issuer, audience,
 * expiry and nonce; this adds the tenant check and keeps Heard's use of it small.
 */

/**
 * The council's app registration.
 *
 * @example
 * const config: SignInConfig = { authority: 'https://login.microsoftonline.com/<tenant>/v2.0', tenantId: '<tenant>', clientId: '<app>', clientSecret: '…' };
 */
export interface SignInConfig {
  /** The OpenID Connect issuer to discover (Entra: https://login.microsoftonline.com/<tenant>/v2.0). */
  authority: string;
  /** The tenant people must belong to: the ID token's `tid`. */
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** What the callback must be checked against, kept by the browser in a sealed cookie meanwhile. @example const pending: PendingSignIn = { state, nonce, codeVerifier }; */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * Why a sign-in did not give Heard a person: the identity provider could not be reached
 * (`unavailable`), the person cancelled or the provider refused (`cancelled`), or the
 * answer did not check out (`failed`: a bad code, a forged or replayed ID token, another
 * tenant, no object id).
 *
 * @example
 * if (error instanceof SignInError && error.kind === 'unavailable') showRetryLater();
 */
export class SignInError extends Error {
  constructor(readonly kind: 'unavailable' | 'cancelled' | 'failed', readonly detail: string) {
    super(`sign-in ${kind}: ${detail}`);
    this.name = 'SignInError';
  }
}

/** How long a call to the identity provider may take. */
const HTTP_TIMEOUT_MS = 10_000;
/** Leeway for clocks between Heard and the identity provider when checking the ID token. */
const CLOCK_TOLERANCE_SECONDS = 120;
/** After the provider could not be discovered, how long before trying again. */
const RETRY_DISCOVERY_MS = 30_000;

/**
 * One council's sign-in. The provider's metadata is discovered on first use (and again
 * after a failure, not more than every 30 seconds), so Heard starts even while the
 * identity provider is unreachable.
 *
 * @example
 * const signIn = new OidcSignIn(config, 'https://heard.council.example/api/auth/callback');
 * const { url, pending } = await signIn.begin();        // redirect the browser to url
 * const { oid } = await signIn.finish(callbackUrl, pending); // on the callback
 */
export class OidcSignIn {
  private client: Promise<BaseClient> | null = null;
  private failedAt = 0;

  constructor(
    private readonly config: SignInConfig,
    readonly redirectUri: string,
  ) {}

  /** Where to send the browser, and what to keep for checking the callback. */
  async begin(): Promise<{ url: string; pending: PendingSignIn }> {
    const client = await this.discovered();
    const pending: PendingSignIn = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier() };
    const url = client.authorizationUrl({
      // `profile` is what puts the object id (oid) in an Entra ID token.
      scope: 'openid profile',
      response_type: 'code',
      response_mode: 'query',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /**
   * Completes a sign-in from the callback's URL (path and query): exchanges the code
   * with the PKCE verifier, checks the ID token (openid-client) and its tenant, and
   * returns the person's object id, lower-cased.
   */
  async finish(callbackUrl: string, pending: PendingSignIn): Promise<{ oid: string }> {
    const client = await this.discovered();
    const params = client.callbackParams(callbackUrl);
    // The identity provider's error is an OAuth code ("access_denied"); anything else in the
    // query string is whoever crafted the link's text, and is not written to the log.
    if (params.error) throw new SignInError('cancelled', /^[a-z_]{1,40}$/.test(String(params.error)) ? String(params.error) : 'not-an-oauth-error-code');
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.callback(this.redirectUri, params, {
        state: pending.state,
        nonce: pending.nonce,
        code_verifier: pending.codeVerifier,
        response_type: 'code',
      });
      claims = tokens.claims();
    } catch (error) {
      throw new SignInError(isNetworkError(error) ? 'unavailable' : 'failed', error instanceof Error ? error.name : 'unknown');
    }
    if (typeof claims.tid !== 'string' || claims.tid.toLowerCase() !== this.config.tenantId.toLowerCase()) throw new SignInError('failed', 'other-tenant');
    if (typeof claims.oid !== 'string' || claims.oid === '') throw new SignInError('failed', 'no-object-id');
    return { oid: claims.oid.toLowerCase() };
  }

  private discovered(): Promise<BaseClient> {
    if (this.client === null && Date.now() - this.failedAt >= RETRY_DISCOVERY_MS) {
      custom.setHttpOptionsDefaults({ timeout: HTTP_TIMEOUT_MS });
      this.client = Issuer.discover(this.config.authority).then(
        (issuer) => {
          const client = new issuer.Client({
            client_id: this.config.clientId,
            client_secret: this.config.clientSecret,
            redirect_uris: [this.redirectUri],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_post',
          });
          client[custom.clock_tolerance] = CLOCK_TOLERANCE_SECONDS;
          return client;
        },
        (error: unknown) => {
          this.client = null;
          this.failedAt = Date.now();
          throw new SignInError('unavailable', error instanceof Error ? error.name : 'unknown');
        },
      );
    }
    return this.client ?? Promise.reject(new SignInError('unavailable', 'discovery-failed-recently'));
  }
}

function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (error instanceof Error && error.name === 'TimeoutError') || (typeof code === 'string' && /^(ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|EPIPE)/.test(code));
}
