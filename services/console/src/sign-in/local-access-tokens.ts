import { Inject, Injectable } from '@nestjs/common';
import { mintToken } from '@csc/auth';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../config/console-settings';
import type { AccessTokenSource, SignedInUser } from './signed-in-user';

/**
 * Development sign-in: a token minted for each call, signed as the services verify tokens locally,
 * and living two minutes, so no token is kept anywhere (the session holds only who signed in).
 */
@Injectable()
export class LocalAccessTokens implements AccessTokenSource {
  constructor(@Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings) {}

  accessTokenFor(user: SignedInUser): Promise<string> {
    // Whatever a session cookie says, a production console never signs its own tokens.
    if (this.settings.production) return Promise.reject(new Error('local tokens are for development only'));
    return mintToken(user, { ...this.settings.jwt, expiresIn: '2m' });
  }
}
