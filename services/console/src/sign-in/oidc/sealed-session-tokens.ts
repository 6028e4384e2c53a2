import { createHash } from 'node:crypto';
import type { MasterKeyRing } from '@csc/privacy';
import type { SessionTokens } from './session-tokens';

/** A session's tokens as stored: sealed under one of CONSOLE_TOKEN_KEYS, named by its id. */
export interface SealedSessionTokens {
  keyId: string;
  sealed: string;
}

/**
 * How a session's row is found: a hash of its id, so that the table alone (a backup, a read-only
 * role) names no session a cookie could be made for.
 */
export const sessionHashOf = (sessionId: string): string => createHash('sha256').update(sessionId).digest('base64url');

/** The binding of a session's sealed tokens to it: moved to another session's row, they do not open. */
const boundTo = (sessionId: string) => `console-session:${sessionId}`;

/** AES-256-GCM under the current key (the key ring the services' master keys and webhook secrets use). */
export const sealSessionTokens = (keys: MasterKeyRing, sessionId: string, tokens: SessionTokens): SealedSessionTokens => {
  const { masterKeyId, wrapped } = keys.wrap(Buffer.from(JSON.stringify(tokens), 'utf8'), boundTo(sessionId));
  return { keyId: masterKeyId, sealed: wrapped };
};

/** Throws if the key is gone, or the sealed tokens were altered or belong to another session. */
export const openSessionTokens = (keys: MasterKeyRing, sessionId: string, stored: SealedSessionTokens): SessionTokens =>
  JSON.parse(keys.unwrap(stored.keyId, stored.sealed, boundTo(sessionId)).toString('utf8')) as SessionTokens;
