import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { kafkaConnectionOf, principalEnvironment, writePrincipalSettings } from '@csc/messaging';

/**
 * The one way a process is given a principal of the secured broker: its settings file, read into the
 * environment (libs/messaging principalEnvironment for tests and the bench; infra/kafka/as-principal.sh
 * for npm start). Against files in a directory of the test's own: no broker is needed to check it.
 */
const repo = resolve(__dirname, '../..');
const password = 'f'.repeat(48);
let runDir: string;

beforeAll(() => {
  runDir = mkdtempSync(join(tmpdir(), 'principal-env-'));
  const caFile = join(runDir, 'ca.pem');
  writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  writePrincipalSettings(runDir, { name: 'case-progression', password, brokers: '127.0.0.1:19092', caFile });
  writePrincipalSettings(runDir, { name: 'my-analysis', password, brokers: '127.0.0.1:19092', caFile, access: 'read' });
});
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe("a principal's settings as a process's environment", () => {
  it('gives the client settings of the file, which make a valid SASL_SSL connection as that principal', () => {
    const environment = principalEnvironment(runDir, 'case-progression');
    expect(environment).toEqual({
      KAFKA_BROKERS: '127.0.0.1:19092',
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'case-progression',
      KAFKA_SASL_PASSWORD: password,
      KAFKA_SSL_CA: join(runDir, 'ca.pem'),
    });
    expect(kafkaConnectionOf(environment, { production: false }).description).toBe(
      `SASL_SSL, scram-sha-512 as case-progression, CA ${join(runDir, 'ca.pem')}`,
    );
    expect(statSync(join(runDir, 'principals', 'case-progression.env')).mode & 0o777).toBe(0o600);
  });

  it('leaves out what is no client setting, and names the principal whose file is missing', () => {
    expect(principalEnvironment(runDir, 'my-analysis')).not.toHaveProperty('KAFKA_PRINCIPAL_ACCESS');
    expect(() => principalEnvironment(runDir, 'early-help')).toThrow(
      /no settings for Kafka principal early-help: .*early-help\.env is missing/,
    );
  });

  it('runs a command as the principal with as-principal.sh (secured, the default): settings in its environment, the password on no command line', () => {
    const seen = asPrincipal({ KAFKA_RUN_DIR: runDir });
    expect(seen.env).toEqual(principalEnvironment(runDir, 'case-progression'));
    expect(seen.argv.join(' ')).not.toContain(password);
  });

  it("replaces whatever Kafka settings the caller's shell held (a reader's, sourced to try a consumer)", () => {
    const seen = asPrincipal({
      KAFKA_RUN_DIR: runDir,
      KAFKA_SECURITY: 'sasl_ssl',
      KAFKA_BROKERS: '127.0.0.1:1',
      KAFKA_SASL_USERNAME: 'analytics-reader',
      KAFKA_SSL_CERT: '/elsewhere/cert.pem',
      KAFKA_SSL_KEY: '/elsewhere/key.pem',
    });
    expect(seen.env).toEqual(principalEnvironment(runDir, 'case-progression'));
  });

  it('runs the command as it is on the plaintext broker', () => {
    expect(asPrincipal({ KAFKA_RUN_DIR: runDir, KAFKA_SECURITY: 'plaintext' }).env).toEqual({});
  });
});

/** as-principal.sh running node as case-progression, with only PATH and `env` in its environment: what the command saw. */
const asPrincipal = (env: Record<string, string>): { argv: string[]; env: Record<string, string> } =>
  JSON.parse(
    execFileSync('bash', [join(repo, 'infra/kafka/as-principal.sh'), 'case-progression', process.execPath, '-e', SHOW], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
    }),
  ) as { argv: string[]; env: Record<string, string> };

/** What the command sees: its own argv and its KAFKA_* environment. */
const SHOW = `const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => /^KAFKA_/.test(name) && !['KAFKA_SECURITY', 'KAFKA_RUN_DIR'].includes(name)));
console.log(JSON.stringify({ argv: process.argv, env }));`;
