import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, jwtVerify } from 'jose';
import Provider, { errors } from 'oidc-provider';

export interface LocalOidcProvider {
  issuer: string;
  jwksUrl: string;
  clientId: string;
  clientSecret: string;
  /** How many userinfo requests it has answered (with `claimsAt: 'userinfo'`). */
  userinfoRequests(): number;
  stop(): Promise<void>;
}

/**
 * A certified OpenID provider (oidc-provider) on 127.0.0.1 for the console's sign-in tests: its
 * development login and consent pages, one confidential client for the console with PKCE required,
 * accounts whose ID tokens carry role and org, and access tokens issued as RS256 JWTs for the
 * services' audience (resource indicators), as the services verify them.
 *
 * With `claimsAt: 'userinfo'` it is a provider like Keycloak's or Entra ID's defaults instead: the ID
 * token carries only the subject, and role and org come from the userinfo endpoint, which (as
 * Keycloak's does) accepts the access token issued for the services. oidc-provider's own userinfo
 * refuses a token with another audience (and keeps no record of JWT ones), so that endpoint is this
 * test's: it verifies the token with the provider's key and answers the account's claims.
 */
export const startLocalOidcProvider = async ({
  consoleUrl,
  audience,
  accounts,
  claimsAt = 'idToken',
}: {
  consoleUrl: string;
  audience: string;
  /** By login name: the claims beyond sub (role and org, or not). */
  accounts: Record<string, Record<string, string>>;
  /** Where role and org are released: in the ID token (and userinfo), or at the userinfo endpoint only. */
  claimsAt?: 'idToken' | 'userinfo';
}): Promise<LocalOidcProvider> => {
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.end();
  // Listening first: the issuer names the port.
  const server: Server = createServer((request, response) => handle(request, response));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const clientSecret = 'console-client-secret-for-tests-only-0123456789';
  const claimsOf = (accountId: string) => ({ sub: accountId, ...accounts[accountId] });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'csc-console',
        client_secret: clientSecret,
        redirect_uris: [`${consoleUrl}/sign-in/callback`],
        post_logout_redirect_uris: [`${consoleUrl}/signed-out`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['provider-cookie-key-for-tests-only'] },
    pkce: { required: () => true },
    // Explicit lifetimes (seconds), as the provider asks: no more than a test needs.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60, RefreshToken: 3600 },
    claims: { openid: ['sub'], profile: ['role', 'org'] },
    // Role and org in the ID token (the code flow's default would keep them for userinfo).
    conformIdTokenClaims: false,
    // Or, like Keycloak's and Entra ID's defaults, the ID token carries the subject only.
    findAccount: (_context, accountId) =>
      accounts[accountId]
        ? {
            accountId,
            claims: (use: string) =>
              Promise.resolve(claimsAt === 'userinfo' && use === 'id_token' ? { sub: accountId } : claimsOf(accountId)),
          }
        : Promise.resolve(undefined),
    // What the services read from the access token: role and org beside sub.
    extraTokenClaims: (_context, token) => {
      const accountId = (token as { accountId?: string }).accountId;
      return accountId && accounts[accountId] ? { ...accounts[accountId] } : undefined;
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_context, resource) => {
          if (resource !== audience) throw new errors.InvalidTarget();
          return { scope: 'api', audience, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
  });
  const userinfoPath = `${new URL(issuer).pathname.replace(/\/$/, '')}/me`;
  let userinfoRequests = 0;
  const answerUserinfo = async (request: IncomingMessage, response: ServerResponse) => {
    userinfoRequests += 1;
    const verified = await jwtVerify((request.headers.authorization ?? '').replace(/^Bearer /, ''), publicKey, { issuer }).catch(
      () => null,
    );
    const accountId = verified?.payload.sub;
    if (!accountId || !accounts[accountId]) {
      response.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' }).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(claimsOf(accountId)));
  };
  const oidcProvider = provider.callback();
  handle = (request, response) =>
    claimsAt === 'userinfo' && request.method === 'GET' && request.url?.split('?')[0] === userinfoPath
      ? void answerUserinfo(request, response)
      : oidcProvider(request, response);
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId: 'csc-console',
    clientSecret,
    userinfoRequests: () => userinfoRequests,
    stop: () => new Promise((closed) => server.close(() => closed())),
  };
};
