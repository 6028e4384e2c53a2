import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { mintToken } from './mint-token';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/** Production verification: RS256 tokens checked against the identity provider's published keys (a JWKS over HTTP). */
describe('TokenVerifier with a JWKS (RS256)', () => {
  let server: Server;
  let verifier: TokenVerifier;
  let privateKey: KeyLike;
  let published: object[];
  let verifierUrl: () => string;
  const settings = { issuer: 'https://idp.example.gov.uk', audience: 'csc-services' };

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey as KeyLike;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    published = [jwk];
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(request.url === '/.well-known/jwks.json' ? { keys: published } : {}));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    verifier = new TokenVerifier({ ...settings, jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json` });
    verifierUrl = () => `http://127.0.0.1:${port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((closed) => server.close(closed)));

  const signWith = (key: KeyLike, kid = 'key-1', expiresIn = '10m') =>
    new SignJWT({ role: 'SOCIAL_WORKER', org: 'LA888' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('sw-7')
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(key);

  it('accepts a token signed by the published key', async () => {
    await expect(verifier.verify(await signWith(privateKey))).resolves.toEqual({ sub: 'sw-7', role: 'SOCIAL_WORKER', org: 'LA888' });
  });

  it('rejects a token signed by another key, and an HS256 token (no algorithm switching)', async () => {
    const stranger = (await generateKeyPair('RS256')).privateKey as KeyLike;
    await expect(verifier.verify(await signWith(stranger))).rejects.toBeInstanceOf(InvalidTokenError);
    const hs256 = await mintToken(
      { sub: 'x', role: 'ADMIN', org: 'LA888' },
      { ...settings, secret: 'a-secret-of-at-least-thirty-two-characters' },
    );
    await expect(verifier.verify(hs256)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token whose key the identity provider withdrew, once the keys are fetched again, however recently it was verified', async () => {
    // Only the clock is faked: the JWKS is fetched over real sockets.
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
    const withdrawn = published;
    try {
      const token = await signWith(privateKey, 'key-1', '1h');
      const fresh = new TokenVerifier({ ...settings, jwksUrl: verifierUrl() });
      await expect(fresh.verify(token)).resolves.toMatchObject({ sub: 'sw-7' });
      published = [];
      // jose keeps the fetched keys for ten minutes; a verified token is taken on trust for five.
      jest.setSystemTime(Date.now() + 4 * 60_000);
      await expect(fresh.verify(token)).resolves.toMatchObject({ sub: 'sw-7' });
      jest.setSystemTime(Date.now() + 7 * 60_000);
      await expect(fresh.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
    } finally {
      published = withdrawn;
      jest.useRealTimers();
    }
  });
});
