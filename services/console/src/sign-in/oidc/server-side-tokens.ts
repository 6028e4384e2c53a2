import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** What the provider gave one signed-in session: never sent to the browser, nor logged. */
export interface SessionTokens {
  accessToken: string;
  /** Epoch milliseconds; the provider's expires_in from when the tokens came. */
  expiresAt: number;
  refreshToken: string | null;
  /** For the provider's end_session (id_token_hint), so it knows whose session to end. */
  idToken: string | null;
}

/** A session lives no longer than the session cookie (a working day). */
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/**
 * The provider's tokens, kept in the console's memory under an opaque random id that is all the
 * (signed, not encrypted) session cookie carries. Chosen over an encrypted cookie because tokens
 * (access, refresh, ID) outgrow a cookie's 4 KB, and because signing out here ends the session for
 * good: a copied cookie is worth nothing afterwards. The cost: one console instance, and a restart
 * means signing in again (a shared store such as Redis would lift both; not needed yet).
 */
@Injectable()
export class ServerSideTokens {
  private readonly sessions = new Map<string, SessionTokens & { endsAt: number }>();

  keep(tokens: SessionTokens): string {
    this.forgetEnded();
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { ...tokens, endsAt: Date.now() + SESSION_LIFETIME_MS });
    return id;
  }

  find(id: string): SessionTokens | null {
    const session = this.sessions.get(id);
    if (!session || session.endsAt <= Date.now()) return null;
    return session;
  }

  replace(id: string, tokens: SessionTokens): void {
    const session = this.sessions.get(id);
    if (session) this.sessions.set(id, { ...tokens, endsAt: session.endsAt });
  }

  forget(id: string): void {
    this.sessions.delete(id);
  }

  private forgetEnded(): void {
    const now = Date.now();
    for (const [id, session] of this.sessions) if (session.endsAt <= now) this.sessions.delete(id);
  }
}
