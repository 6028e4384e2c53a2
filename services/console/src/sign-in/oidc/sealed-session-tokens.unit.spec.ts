import { randomBytes } from 'node:crypto';
import { MasterKeyRing } from '@csc/privacy';
import { openSessionTokens, sealSessionTokens, sessionHashOf } from './sealed-session-tokens';
import type { SessionTokens } from './session-tokens';

const keyRing = (id: string) => new MasterKeyRing({ [id]: randomBytes(32) }, id);
const tokens: SessionTokens = {
  accessToken: `eyJ.access.${randomBytes(8).toString('hex')}`,
  expiresAt: 1_900_000_000_000,
  refreshToken: `refresh-${randomBytes(8).toString('hex')}`,
  idToken: `eyJ.id.${randomBytes(8).toString('hex')}`,
};

describe("a session's tokens, sealed for the shared store", () => {
  const keys = keyRing('k1');

  it('open as they were sealed, under the key that sealed them', () => {
    const sealed = sealSessionTokens(keys, 'session-1', tokens);
    expect(sealed.keyId).toBe('k1');
    expect(openSessionTokens(keys, 'session-1', sealed)).toEqual(tokens);
  });

  it('show none of the tokens, as text or as base64', () => {
    const { sealed } = sealSessionTokens(keys, 'session-1', tokens);
    for (const token of [tokens.accessToken, tokens.refreshToken!, tokens.idToken!]) {
      expect(sealed).not.toContain(token);
      expect(sealed).not.toContain(Buffer.from(token).toString('base64').slice(0, 12));
    }
  });

  it("do not open as another session's, nor under another key", () => {
    const sealed = sealSessionTokens(keys, 'session-1', tokens);
    expect(() => openSessionTokens(keys, 'session-2', sealed)).toThrow();
    expect(() => openSessionTokens(keyRing('k1'), 'session-1', sealed)).toThrow();
  });

  it('are found by a hash of the session id, never the id itself', () => {
    expect(sessionHashOf('session-1')).toBe(sessionHashOf('session-1'));
    expect(sessionHashOf('session-1')).not.toContain('session-1');
    expect(sessionHashOf('session-1')).not.toBe(sessionHashOf('session-2'));
  });
});
