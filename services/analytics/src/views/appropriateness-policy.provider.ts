import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { appropriatenessPolicyFrom } from './domain/appropriateness-policy';

/** The local authority's appropriateness policy, read from configuration once (a bad one stops the service at start). */
export const APPROPRIATENESS_POLICY = Symbol('APPROPRIATENESS_POLICY');

export const appropriatenessPolicyProvider: Provider = {
  provide: APPROPRIATENESS_POLICY,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => appropriatenessPolicyFrom(config.get<string>('ANALYTICS_APPROPRIATENESS_POLICY')),
};
