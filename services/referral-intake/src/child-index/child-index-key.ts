import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BlindIndexKey, LOCAL_DEVELOPMENT_BLIND_INDEX_KEY } from '@csc/privacy';

/** The child index's blind-index key, from CHILD_INDEX_KEY (validated at start; the local one only outside production). */
export const childIndexKeyProvider: Provider = {
  provide: BlindIndexKey,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => {
    const configured = config.get<string>('CHILD_INDEX_KEY');
    // Only the service that keeps the index needs the key, so production requires it here rather than in every service.
    if (!configured && config.get<string>('NODE_ENV') === 'production') throw new Error('CHILD_INDEX_KEY: required in production');
    return BlindIndexKey.fromConfiguration(configured ?? LOCAL_DEVELOPMENT_BLIND_INDEX_KEY);
  },
};
