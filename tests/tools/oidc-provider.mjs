// The agency's identity provider in the browser tests: oidc-provider on a free loopback port.
// Configuration is one JSON argument:
//   { "clientId": "...", "redirectUri": "http://127.0.0.1:5000/workspace/signin-oidc",
//     "postLogoutRedirectUri": "...", "users": { "alice": ["adjudicator"] } }
// Prints `listening <issuer>` once it accepts requests. Sign-in uses the library's development
// login page (any password); the account's id is the login, its `roles` claim comes from `users`.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.argv[2] ?? '{}');
const users = settings.users ?? {};

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const provider = new Provider(issuer, {
  clients: [{
    client_id: settings.clientId,
    token_endpoint_auth_method: 'none',
    redirect_uris: [settings.redirectUri],
    post_logout_redirect_uris: settings.postLogoutRedirectUri ? [settings.postLogoutRedirectUri] : [],
    response_types: ['code'],
    grant_types: ['authorization_code'],
  }],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
  scopes: ['openid', 'roles'],
  claims: { openid: ['sub'], roles: ['roles'] },
  // The roles go into the ID token, which is all the service reads.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  findAccount: (ctx, id) => (Object.hasOwn(users, id)
    ? { accountId: id, claims: () => ({ sub: id, roles: users[id] }) }
    : undefined),
  // No consent screen: the agency's own application is trusted.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid roles');
    await grant.save();
    return grant;
  },
});

server.on('request', provider.callback());
process.stdout.write(`listening ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
