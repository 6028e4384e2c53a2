import { SignJWT } from 'jose';
import { mintToken } from './mint-token';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const settings = { secret: 'a-secret-of-at-least-thirty-two-characters', issuer: 'csc-test', audience: 'csc-services' };
const verifier = new TokenVerifier(settings);
const sign = (claims: Record<string, unknown>, overrides: Partial<typeof settings> = {}, expiresIn = '5m') => {
  const options = { ...settings, ...overrides };
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn);
  if (typeof claims.sub === 'string') jwt.setSubject(claims.sub);
  return jwt.sign(new TextEncoder().encode(options.secret));
};

/** An HS256 token for sub u issued now, with the exp and nbf given (none when not given). */
const issuedNow = ({ expiresIn, notBefore }: { expiresIn?: string; notBefore?: string }) => {
  const jwt = new SignJWT({ role: 'ADMIN', org: '888' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u')
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt();
  if (notBefore) jwt.setNotBefore(notBefore);
  if (expiresIn) jwt.setExpirationTime(expiresIn);
  return jwt.sign(new TextEncoder().encode(settings.secret));
};

describe('TokenVerifier (HS256)', () => {
  it('returns the caller from a token minted for them', async () => {
    const token = await mintToken({ sub: 'dsl-42', role: 'SCHOOL', org: '123456' }, settings);
    await expect(verifier.verify(token)).resolves.toEqual({ sub: 'dsl-42', role: 'SCHOOL', org: '123456' });
  });

  it.each([
    [
      'signed with another secret',
      () => sign({ sub: 'u', role: 'ADMIN', org: '888' }, { secret: 'another-secret-of-at-least-thirty-two-chars' }),
    ],
    ['for another audience', () => sign({ sub: 'u', role: 'ADMIN', org: '888' }, { audience: 'someone-else' })],
    ['from another issuer', () => sign({ sub: 'u', role: 'ADMIN', org: '888' }, { issuer: 'someone-else' })],
    ['expired', () => sign({ sub: 'u', role: 'ADMIN', org: '888' }, {}, '-1m')],
    ['without a subject', () => sign({ role: 'ADMIN', org: '888' })],
    ['with an unknown role', () => sign({ sub: 'u', role: 'SUPERUSER', org: '888' })],
    ['without an org', () => sign({ sub: 'u', role: 'ADMIN' })],
  ])('rejects a token %s', async (_case, token) => {
    await expect(verifier.verify(await token())).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token that never expires', async () => {
    const forever = await issuedNow({});
    await expect(verifier.verify(forever)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'u', role: 'ADMIN', org: '888', iss: settings.issuer, aud: settings.audience }),
    ).toString('base64url');
    await expect(verifier.verify(`${header}.${payload}.`)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  describe('a token verified once and used again', () => {
    afterEach(() => jest.useRealTimers());
    const useClock = () => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });

    it('is refused from the second it expires', async () => {
      useClock();
      const token = await sign({ sub: 'u', role: 'ADMIN', org: '888' }, {}, '2m');
      await expect(verifier.verify(token)).resolves.toEqual({ sub: 'u', role: 'ADMIN', org: '888' });
      jest.advanceTimersByTime(119_000);
      await expect(verifier.verify(token)).resolves.toEqual({ sub: 'u', role: 'ADMIN', org: '888' });
      jest.advanceTimersByTime(1_000);
      await expect(verifier.verify(token)).rejects.toThrow(/ERR_JWT_EXPIRED/);
    });

    it('is refused twelve hours after it was issued, whatever its exp says', async () => {
      useClock();
      const token = await issuedNow({ expiresIn: '2d' });
      // Verified again two minutes before it is twelve hours old, then refused by what was remembered.
      jest.advanceTimersByTime(12 * 3600 * 1000 - 120_000);
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u' });
      jest.advanceTimersByTime(120_000);
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u' });
      jest.advanceTimersByTime(1_000);
      await expect(verifier.verify(token)).rejects.toThrow(/ERR_JWT_EXPIRED/);
    });

    it('is not used before its nbf', async () => {
      useClock();
      const token = await issuedNow({ notBefore: '1m', expiresIn: '5m' });
      await expect(verifier.verify(token)).rejects.toThrow(/ERR_JWT_CLAIM_VALIDATION_FAILED/);
      jest.advanceTimersByTime(60_000);
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u' });
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u' });
    });

    it('lets no other token through: the same claims with a changed signature are refused', async () => {
      const token = await sign({ sub: 'u', role: 'ADMIN', org: '888' });
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u' });
      const [header, payload, signature] = token.split('.');
      const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      await expect(verifier.verify(`${header}.${payload}.${flipped}`)).rejects.toBeInstanceOf(InvalidTokenError);
      await expect(verifier.verify(`${header}.${payload}.`)).rejects.toBeInstanceOf(InvalidTokenError);
    });
  });

  it('needs a key to verify with', () => {
    expect(() => new TokenVerifier({ issuer: 'x', audience: 'y' })).toThrow(/JWT_JWKS_URL .* JWT_SECRET/);
  });
});
