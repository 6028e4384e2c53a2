import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { DEFAULT_CONSUMER_SESSION, kafkaConnectionProblems } from '@csc/messaging';
import { LOCAL_DEVELOPMENT_BLIND_INDEX_KEY, LOCAL_DEVELOPMENT_MASTER_KEYS } from '@csc/privacy';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export const LOCAL_DEVELOPMENT_JWT_SECRET = 'local-development-only-secret-not-for-production';

/** Every service's settings, validated at start-up: a service with a bad setting refuses to start and says which. */
export class ServiceEnvironment {
  /** Production unless said otherwise: the development secret is refused unless this is development or test. */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'production';

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  /** Loopback by default: exposing a service is a deployment decision. */
  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @IsString()
  @MinLength(10)
  DATABASE_URL?: string;

  @IsString()
  KAFKA_BROKERS = '127.0.0.1:9092';

  // How the broker is reached: checked as a combination by kafkaConnectionProblems (@csc/messaging), as every tool checks them.
  /** PLAINTEXT (the default, development only), SSL, SASL_SSL or SASL_PLAINTEXT: Kafka's own names. */
  @IsOptional()
  @IsString()
  KAFKA_SECURITY_PROTOCOL?: string;

  /** scram-sha-512 (the default), scram-sha-256 or plain, with SASL_SSL and SASL_PLAINTEXT. */
  @IsOptional()
  @IsString()
  KAFKA_SASL_MECHANISM?: string;

  /** The service's own principal on the broker. */
  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  /** From a secrets manager in production; never logged. */
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /** Path to the broker's CA certificate (PEM), read once at start, or `system` for the system's trust store. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA?: string;

  /** Mutual TLS: paths to the client's certificate and its unencrypted private key (PEM). */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CERT?: string;

  @IsOptional()
  @IsString()
  KAFKA_SSL_KEY?: string;

  /** `false` skips comparing the broker's certificate with its address (a development certificate); production refuses it. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CHECK_HOSTNAME?: string;

  /**
   * How long a consumer group waits for a member that stopped heartbeating before moving its
   * partitions to the others (a killed instance), and how long a restarted service's join waits for
   * its dead predecessor. At least the broker's group.min.session.timeout.ms (6 s by default).
   */
  @IsInt()
  @Min(6_000)
  KAFKA_SESSION_TIMEOUT_MS: number = DEFAULT_CONSUMER_SESSION.sessionTimeout;

  /** How often a consumer heartbeats (at most a third of the session timeout). */
  @IsInt()
  @Min(100)
  KAFKA_HEARTBEAT_INTERVAL_MS: number = DEFAULT_CONSUMER_SESSION.heartbeatInterval;

  /** How long a live member has to finish its batch and rejoin when the group rebalances. */
  @IsInt()
  @Min(1_000)
  KAFKA_REBALANCE_TIMEOUT_MS: number = DEFAULT_CONSUMER_SESSION.rebalanceTimeout;

  /**
   * Worker threads that run analytics' projections, so that a rebuild spreads over the machine's cores;
   * 0 (the default) runs them on the service's own thread. Each thread has its own heap, Kafka client
   * and PostgreSQL pool: on the two shared cores measured, two threads rebuilt a tenth to a fifth faster
   * (×1.12-1.22 over 400,000 and 1M events) for about 350 MiB more resident memory, over the 512 MB
   * ceiling (docs/operations.md).
   */
  @IsInt()
  @Min(0)
  @Max(16)
  PROJECTION_THREADS: number = 0;

  /** Appended to every topic name: lets a test run use topics of its own. Empty in production. */
  @IsString()
  KAFKA_TOPIC_SUFFIX = '';

  /**
   * What the outbox relay does when the broker is not the one it published to (a new cluster id, or
   * its topic holding fewer records than it published): `halt` (the default) publishes nothing and
   * says why in readiness until `npm run republish`; `republish` publishes the whole log again at once.
   */
  @IsIn(['halt', 'republish'])
  RELAY_ON_NEW_BROKER: 'halt' | 'republish' = 'halt';

  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @IsOptional()
  @IsUrl({ require_tld: false })
  JWT_JWKS_URL?: string;

  @IsString()
  JWT_ISSUER = 'csc-local';

  @IsString()
  JWT_AUDIENCE = 'csc-services';

  /** The key vault database (children's wrapped data keys); local default: csc_key_vault as the service's role. */
  @IsOptional()
  @IsString()
  @MinLength(10)
  KEY_VAULT_URL?: string;

  /** `id:base64key` pairs (32-byte keys) that wrap children's data keys; from a secrets manager in production. */
  @IsOptional()
  @IsString()
  SUBJECT_MASTER_KEYS?: string;

  /** Which master key wraps new data keys (rotation); the first listed when absent. */
  @IsOptional()
  @IsString()
  SUBJECT_MASTER_KEY_ID?: string;

  /**
   * referral-intake: the base64 key (32 bytes or more) of the child index's blind indexes, keyed hashes
   * of NHS numbers, UPNs, births and family names; from a secrets manager in production, never stored
   * beside the database. Changing it needs the index rebuilt (empty the table and restart).
   */
  @IsOptional()
  @IsString()
  CHILD_INDEX_KEY?: string;

  /** school-notifications: `id:base64key` pairs sealing schools' webhook secrets (its own keys, not the children's) */
  @IsOptional()
  @IsString()
  WEBHOOK_SECRET_KEYS?: string;

  /** analytics: a local appropriateness policy, e.g. `NFA=EARLY_HELP_NEED` (outcomes not named keep docs/domain.md's default) */
  @IsOptional()
  @IsString()
  ANALYTICS_APPROPRIATENESS_POLICY?: string;

  /** school-notifications: the first retry of a failed webhook waits about this long; each later one twice as long */
  @IsInt()
  @Min(1)
  WEBHOOK_RETRY_FIRST_DELAY_MS: number = 10_000;

  /** school-notifications: the longest wait between two attempts */
  @IsInt()
  @Min(1)
  WEBHOOK_RETRY_MAX_DELAY_MS: number = 3_600_000;

  /** school-notifications: retry for at least this long after the notification was queued, then park it as failed */
  @IsInt()
  @Min(1)
  WEBHOOK_RETRY_FOR_SECONDS: number = 24 * 60 * 60;

  /** school-notifications: an attempt that has not answered by then counts as failed */
  @IsInt()
  @Min(100)
  WEBHOOK_TIMEOUT_MS: number = 10_000;

  /**
   * school-notifications: how long a school's lane stays leased to one dispatcher without renewal. It
   * is renewed every third of this while posts run, so it bounds how late a lane whose dispatcher died
   * is taken over (a crash delays a school's notification by this much, not by its lane's worst case).
   */
  @IsInt()
  @Min(3)
  WEBHOOK_LEASE_SECONDS: number = 20;

  /** school-notifications: attempts in flight at once, across all schools (each school has at most one) */
  @IsInt()
  @Min(1)
  WEBHOOK_CONCURRENCY: number = 32;

  /**
   * school-notifications, development only: webhooks may use http and reach loopback and private
   * addresses (a receiver on this machine or a container network). Without it a webhook is https to
   * a public address, at registration and at each connection; production refuses it.
   */
  // `true` or `false` as written: implicit conversion would make any string, 'false' included, true.
  @Transform(({ obj: { WEBHOOK_ALLOW_LOCAL_ADDRESSES: raw } }) => (raw === 'true' ? true : raw === 'false' ? false : raw))
  @IsBoolean({ message: 'WEBHOOK_ALLOW_LOCAL_ADDRESSES must be true or false' })
  WEBHOOK_ALLOW_LOCAL_ADDRESSES: boolean = false;

  /** statutory-returns: the local authority's three-digit DfE code, the CIN census header's LEA (development: 888) */
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'LOCAL_AUTHORITY_CODE must be the three-digit DfE local authority code' })
  LOCAL_AUTHORITY_CODE?: string;

  /** referral-intake: children in need are kept until this birthday (and the last closure's period) */
  @IsInt()
  @Min(18)
  RETENTION_UNTIL_AGE: number = 25;

  /** referral-intake: a child who was ever looked after is kept until this birthday */
  @IsInt()
  @Min(18)
  RETENTION_UNTIL_AGE_IF_LOOKED_AFTER: number = 75;

  /** referral-intake: and never less than this many years after the last closure */
  @IsInt()
  @Min(0)
  RETENTION_YEARS_AFTER_LAST_CLOSURE: number = 0;

  /** referral-intake: how often the retention sweep runs (0: never; erasures then only by an admin) */
  @IsInt()
  @Min(0)
  RETENTION_SWEEP_HOURS: number = 24;

  /**
   * Reactions: how long an event waiting for an earlier one (WaitingForEarlierEvent) stays parked, its
   * key's later events queued behind it, before it is dead-lettered with the reason and they go on.
   */
  @IsInt()
  @Min(1)
  PARKED_EVENT_MAX_WAIT_SECONDS: number = 600;

  /**
   * Readiness: how long a consumer (a reaction's group, a projection's version) may go without getting
   * through a batch while it has events to read, or keeps failing, before /health/ready reports it stalled.
   */
  @IsInt()
  @Min(1)
  CONSUMER_STALL_SECONDS: number = 120;

  /**
   * Requests one verified token (its sub@org) may make per window, across the service's routes: a busy
   * caseworker or a school MIS's sync stays well under it (429 with Retry-After past it).
   */
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_SUBJECT: number = 300;

  /**
   * Requests one client IP may make per window, with a token or without: higher than a subject's, as
   * a council office or a school reaches the service from one NAT address.
   */
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_IP: number = 3000;

  /** The window both rate limits count over; a refused client may come back when its window ends. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;

  /**
   * How many reverse proxies in front of the service add to X-Forwarded-For: the client's IP (per-IP
   * rate limit) is read that many hops back. 0 (no proxy): the connection's own address. More than
   * the real count lets a client choose its IP, and so its per-IP budget.
   */
  @IsInt()
  @Min(0)
  TRUSTED_PROXY_HOPS: number = 0;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * The bearer token Prometheus presents to GET /metrics (its `authorization.credentials_file`).
   * Required in production, where the metrics are not public; without it elsewhere /metrics is open
   * to anyone who can reach the port (127.0.0.1 locally). Never logged.
   */
  @IsOptional()
  @IsString()
  @MinLength(32)
  METRICS_TOKEN?: string;

  /** Logs go to this file (appended, its directory made) instead of stdout: the tests keep each service's log to scan it for personal data. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  LOG_FILE?: string;
}

/**
 * In production tokens are RS256, verified with the identity provider's keys fetched over https, for
 * an issuer and audience the deployment names: a shared secret (HS256) and the local defaults are for
 * development and tests only, where anyone holding the secret could mint any role.
 */
const productionTokenProblems = (environment: ServiceEnvironment, raw: Record<string, unknown>): string[] => {
  const problems: string[] = [];
  if (!environment.JWT_JWKS_URL) problems.push('JWT_JWKS_URL: required in production (RS256 keys of the identity provider)');
  else if (!environment.JWT_JWKS_URL.startsWith('https://')) problems.push('JWT_JWKS_URL: must be an https URL in production');
  if (environment.JWT_SECRET === LOCAL_DEVELOPMENT_JWT_SECRET) {
    problems.push('JWT_SECRET: the local development secret may not be used in production');
  } else if (environment.JWT_SECRET) {
    problems.push('JWT_SECRET: shared-secret tokens (HS256) are for development and tests; production verifies RS256 through JWT_JWKS_URL');
  }
  if (!raw.JWT_ISSUER) problems.push("JWT_ISSUER: required in production (the identity provider's issuer, not the local default)");
  if (!raw.JWT_AUDIENCE) problems.push('JWT_AUDIENCE: required in production (this deployment, not the local default)');
  return problems;
};

const childIndexKeyBytes = ({ CHILD_INDEX_KEY }: ServiceEnvironment): Buffer | undefined =>
  CHILD_INDEX_KEY === undefined ? undefined : Buffer.from(CHILD_INDEX_KEY, 'base64');

export const validateEnvironment = (raw: Record<string, unknown>): ServiceEnvironment => {
  const environment = plainToInstance(ServiceEnvironment, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const problems = validateSync(environment, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  if (environment.NODE_ENV === 'production') problems.push(...productionTokenProblems(environment, raw));
  problems.push(...kafkaConnectionProblems(environment, { production: environment.NODE_ENV === 'production' }));
  if (environment.NODE_ENV === 'production' && !environment.METRICS_TOKEN) {
    problems.push('METRICS_TOKEN: required in production (GET /metrics is not public)');
  }
  if (environment.NODE_ENV === 'production' && !environment.SUBJECT_MASTER_KEYS) {
    problems.push('SUBJECT_MASTER_KEYS: required in production');
  }
  if (environment.NODE_ENV === 'production' && environment.SUBJECT_MASTER_KEYS?.includes(LOCAL_DEVELOPMENT_MASTER_KEYS)) {
    problems.push('SUBJECT_MASTER_KEYS: the local development key may not be used in production');
  }
  if (environment.KAFKA_HEARTBEAT_INTERVAL_MS * 3 > environment.KAFKA_SESSION_TIMEOUT_MS) {
    problems.push(
      'KAFKA_HEARTBEAT_INTERVAL_MS: at most a third of KAFKA_SESSION_TIMEOUT_MS, or a late heartbeat or two expels a live member',
    );
  }
  const childIndexKey = childIndexKeyBytes(environment);
  if (childIndexKey !== undefined && childIndexKey.length < 32) problems.push('CHILD_INDEX_KEY: must be a base64 key of at least 32 bytes');
  // Compared as keys, not as text: the same key written without its base64 padding is still the development one.
  if (environment.NODE_ENV === 'production' && childIndexKey?.equals(Buffer.from(LOCAL_DEVELOPMENT_BLIND_INDEX_KEY, 'base64'))) {
    problems.push('CHILD_INDEX_KEY: the local development key may not be used in production');
  }
  if (environment.NODE_ENV === 'production' && environment.WEBHOOK_ALLOW_LOCAL_ADDRESSES) {
    problems.push('WEBHOOK_ALLOW_LOCAL_ADDRESSES: development only; production webhooks are https to public addresses');
  }
  if (problems.length > 0) throw new Error(`invalid environment:\n  ${problems.join('\n  ')}`);
  if (!environment.JWT_SECRET && !environment.JWT_JWKS_URL) environment.JWT_SECRET = LOCAL_DEVELOPMENT_JWT_SECRET;
  return environment;
};
