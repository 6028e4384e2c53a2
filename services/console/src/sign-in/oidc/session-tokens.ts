/** What the provider gave one signed-in session: never sent to the browser, nor logged. */
export interface SessionTokens {
  accessToken: string;
  /** Epoch milliseconds; the provider's expires_in from when the tokens came. */
  expiresAt: number;
  refreshToken: string | null;
  /** For the provider's end_session (id_token_hint), so it knows whose session to end. */
  idToken: string | null;
}
