import { LOCAL_DEVELOPMENT_JWT_SECRET } from '@csc/platform';
import { oidcSettingsFrom, type OidcSettings } from './oidc-settings';
import { tokenStoreSettingsFrom, type TokenStoreSettings } from './token-store-settings';

/** The services the console calls, by the env var that names each one's base URL (docs/http-api.md's default ports). */
export const SERVICE_URL_SETTINGS = {
  referralIntake: ['REFERRAL_INTAKE_URL', 'http://127.0.0.1:3001'],
  caseProgression: ['CASE_PROGRESSION_URL', 'http://127.0.0.1:3002'],
  earlyHelp: ['EARLY_HELP_URL', 'http://127.0.0.1:3003'],
  schoolNotifications: ['SCHOOL_NOTIFICATIONS_URL', 'http://127.0.0.1:3004'],
  analytics: ['ANALYTICS_URL', 'http://127.0.0.1:3005'],
  statutoryReturns: ['STATUTORY_RETURNS_URL', 'http://127.0.0.1:3006'],
} as const;

export type ServiceName = keyof typeof SERVICE_URL_SETTINGS;

export interface ConsoleSettings {
  production: boolean;
  port: number;
  host: string;
  /** Signs the session cookie (cookie-session keeps the newest first, so a rotated key still reads older cookies). */
  sessionKeys: string[];
  /** How the console's backend signs the short-lived tokens it sends the services, as they verify them (HS256, locally). */
  jwt: { secret: string; issuer: string; audience: string };
  serviceUrls: Record<ServiceName, string>;
  /** Sign-in by OpenID Connect (the local sign-in is then off); null: the local development sign-in. */
  oidc: OidcSettings | null;
  /** With OpenID Connect: the shared, encrypted store of the provider's tokens; null with the local sign-in (no database). */
  tokenStore: TokenStoreSettings | null;
}

/** The development session key: refused in production, where SESSION_SECRET must come from a secrets manager. */
const LOCAL_DEVELOPMENT_SESSION_SECRET = 'local-development-console-session-secret';

/**
 * The console's settings from the environment, checked once at start: a production console without
 * its own session secret would sign cookies anyone can forge, so it refuses to start.
 */
export const consoleSettingsFrom = (env: NodeJS.ProcessEnv): ConsoleSettings => {
  const production = (env.NODE_ENV ?? 'production') === 'production';
  const sessionSecrets = (env.SESSION_SECRET ?? '').split(',').filter(Boolean);
  if (production && sessionSecrets.length === 0)
    throw new Error('SESSION_SECRET: is required in production (comma-separated, newest first); NODE_ENV=development runs it locally');
  if (sessionSecrets.some((secret) => secret.length < 32)) throw new Error('SESSION_SECRET: each key must be at least 32 characters');
  const oidc = oidcSettingsFrom(env, production);
  if (production && !oidc)
    throw new Error(
      'OIDC_ISSUER_URL: is required in production (people sign in with OpenID Connect; the local sign-in is development only)',
    );
  // The same rule as the services': Prometheus signs in with METRICS_TOKEN, so /metrics is not public.
  if (production && !env.METRICS_TOKEN) throw new Error('METRICS_TOKEN: is required in production (GET /metrics is not public)');
  if (env.METRICS_TOKEN !== undefined && env.METRICS_TOKEN.length < 32) throw new Error('METRICS_TOKEN: must be at least 32 characters');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT: must be a port number');
  const serviceUrls = Object.fromEntries(
    Object.entries(SERVICE_URL_SETTINGS).map(([service, [name, fallback]]) => {
      const url = env[name] ?? fallback;
      if (!/^https?:\/\/[^\s/]+/.test(url)) throw new Error(`${name}: must be an http(s) URL`);
      return [service, url.replace(/\/+$/, '')];
    }),
  ) as Record<ServiceName, string>;
  return {
    production,
    port,
    host: env.HOST ?? '127.0.0.1',
    sessionKeys: sessionSecrets.length > 0 ? sessionSecrets : [LOCAL_DEVELOPMENT_SESSION_SECRET],
    jwt: {
      // The same settings and fallback the services use in development (tools/local-token.ts).
      secret: env.JWT_SECRET ?? LOCAL_DEVELOPMENT_JWT_SECRET,
      issuer: env.JWT_ISSUER ?? 'csc-local',
      audience: env.JWT_AUDIENCE ?? 'csc-services',
    },
    serviceUrls,
    oidc,
    tokenStore: oidc ? tokenStoreSettingsFrom(env, production) : null,
  };
};

export const CONSOLE_SETTINGS = Symbol('CONSOLE_SETTINGS');
