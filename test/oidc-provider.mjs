// A real OpenID Connect provider (oidc-provider, the certified implementation) standing
// in for the council's Entra ID in tests: authorisation code flow with PKCE required,
// RS256-signed ID tokens that carry Entra's `oid` and `tid` claims, a sign-in page
// where a person types who they are, and consent granted without asking.
//
// Run by test/sign-in.spec.ts as a child process (oidc-provider is an ES module only):
//   node test/oidc-provider.mjs '<json: {clientId, clientSecret, redirectUri, accounts: {login: {oid, tid}}}>'
// It listens on 127.0.0.1 on a free port and prints one JSON line: {"issuer": "http://127.0.0.1:<port>"}.
// SIGTERM stops it.
import { generateKeyPairSync } from 'node:crypto';
import * as http from 'node:http';
import Provider from 'oidc-provider';

const { clientId, clientSecret, redirectUri, accounts } = JSON.parse(process.argv[2]);

let handle = (_req, res) => {
  res.statusCode = 503;
  res.end();
};
const server = http.createServer((req, res) => handle(req, res));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [signingKey] },
  // A client that does not send a PKCE challenge is refused, confidential or not.
  pkce: { required: () => true },
  // As Entra does: the profile scope puts the object id and tenant in the ID token itself.
  claims: { openid: ['sub'], profile: ['oid', 'tid', 'name'] },
  conformIdTokenClaims: false,
  cookies: { keys: ['oidc-provider-test-cookie-key-0123456789'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, oid: account.oid, tid: account.tid, name: 'Fictional Person' }) };
  },
  // Consent is the council's to give, once, for its own app: never asked here.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`${JSON.stringify({ event: 'provider-error', error: String(error) })}\n`));

const callback = provider.callback();
handle = async (req, res) => {
  try {
    const login = /^\/interaction\/([^/]+)\/login$/.exec(req.url ?? '');
    if (req.method === 'GET' && /^\/interaction\/[^/]+$/.test(req.url ?? '')) {
      const { uid } = await provider.interactionDetails(req, res);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="en"><title>Sign in</title><main><h1>Sign in</h1>` +
          `<form method="post" action="/interaction/${uid}/login"><label for="login">Account</label><input id="login" name="login"><button>Sign in</button></form></main></html>`,
      );
      return;
    }
    if (req.method === 'POST' && login) {
      const body = await new Promise((resolve) => {
        let text = '';
        req.on('data', (c) => (text += c));
        req.on('end', () => resolve(text));
      });
      const accountId = new URLSearchParams(body).get('login') ?? '';
      if (!accounts[accountId]) {
        res.statusCode = 400;
        res.end('unknown account');
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
      return;
    }
    callback(req, res);
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
};

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
