import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MasterKeyRing } from '@csc/privacy';

/** For development and tests only: production sets WEBHOOK_SECRET_KEYS (refused if it is this one). */
export const LOCAL_DEVELOPMENT_WEBHOOK_SECRET_KEYS = 'local-dev-1:pCqHIMZNfZa3faaJVYSU8kfiZQGpXd4kwZljoM1/hIw=';

export interface SealedSecret {
  keyId: string;
  sealed: string;
}

/**
 * Schools' webhook signing secrets: 32 random bytes, shown once (base64url), kept sealed under a key
 * of this service's own (never the children's master keys: least privilege), rotatable like them.
 */
@Injectable()
export class WebhookSecrets {
  private readonly keys: MasterKeyRing;

  constructor(config: ConfigService) {
    const configured = config.get<string>('WEBHOOK_SECRET_KEYS');
    if (config.get<string>('NODE_ENV') === 'production' && (!configured || configured === LOCAL_DEVELOPMENT_WEBHOOK_SECRET_KEYS)) {
      throw new Error('WEBHOOK_SECRET_KEYS: a key of its own is required in production');
    }
    this.keys = MasterKeyRing.fromConfiguration(configured ?? LOCAL_DEVELOPMENT_WEBHOOK_SECRET_KEYS);
  }

  issue(urn: string): { secret: string; stored: SealedSecret } {
    const secret = randomBytes(32);
    const { masterKeyId, wrapped } = this.keys.wrap(secret, `school:${urn}`);
    return { secret: secret.toString('base64url'), stored: { keyId: masterKeyId, sealed: wrapped } };
  }

  /** The secret to sign a school's webhooks with. */
  reveal(urn: string, stored: SealedSecret): string {
    return this.keys.unwrap(stored.keyId, stored.sealed, `school:${urn}`).toString('base64url');
  }
}
