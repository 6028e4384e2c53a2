import { consoleSettingsFrom } from './console-settings';
import { LOCAL_DEVELOPMENT_CONSOLE_TOKEN_KEYS } from './token-store-settings';

const OIDC = {
  OIDC_ISSUER_URL: 'https://idp.example.gov.uk',
  OIDC_CLIENT_ID: 'csc-console',
  OIDC_REDIRECT_URL: 'https://console.example.gov.uk/sign-in/callback',
  JWT_AUDIENCE: 'urn:csc:services',
};
/** A production console's own key for the tokens it keeps (an example's, never used). */
const TOKEN_KEYS = 'prod-1:XR4u4BYI1+12fbm6YhDECLFsv1me54tfxjNqBN/896c=';
const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(32),
  CONSOLE_TOKEN_KEYS: TOKEN_KEYS,
  METRICS_TOKEN: 'm'.repeat(32),
};

describe("the console's settings", () => {
  it('defaults each service to its port on this machine, and signs tokens as the services do in development', () => {
    const settings = consoleSettingsFrom({ NODE_ENV: 'development' });
    expect(settings.serviceUrls.referralIntake).toBe('http://127.0.0.1:3001');
    expect(settings.serviceUrls.statutoryReturns).toBe('http://127.0.0.1:3006');
    expect(settings.jwt).toMatchObject({ issuer: 'csc-local', audience: 'csc-services' });
    expect(settings.production).toBe(false);
  });

  it('takes service URLs from the environment, without a trailing slash', () => {
    expect(consoleSettingsFrom({ NODE_ENV: 'test', REFERRAL_INTAKE_URL: 'http://intake:8080/' }).serviceUrls.referralIntake).toBe(
      'http://intake:8080',
    );
  });

  it('refuses to start in production without its own session secret', () => {
    expect(() => consoleSettingsFrom({ NODE_ENV: 'production' })).toThrow('SESSION_SECRET: is required in production');
    expect(() => consoleSettingsFrom({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow('at least 32 characters');
    expect(consoleSettingsFrom({ ...PRODUCTION, ...OIDC }).production).toBe(true);
  });

  it('refuses to start in production without a METRICS_TOKEN for /metrics, or with a short one anywhere', () => {
    const { METRICS_TOKEN: _token, ...withoutToken } = PRODUCTION;
    expect(() => consoleSettingsFrom({ ...withoutToken, ...OIDC })).toThrow('METRICS_TOKEN: is required in production');
    expect(() => consoleSettingsFrom({ NODE_ENV: 'development', METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN: must be at least 32');
    expect(consoleSettingsFrom({ NODE_ENV: 'development' }).production).toBe(false);
  });

  it('refuses to start in production without OpenID Connect (the local sign-in is development only)', () => {
    expect(() => consoleSettingsFrom({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) })).toThrow(
      'OIDC_ISSUER_URL: is required in production',
    );
    expect(consoleSettingsFrom({ NODE_ENV: 'development' }).oidc).toBeNull();
  });

  it('signs in by OpenID Connect with OIDC_ISSUER_URL, with the defaults for scopes and claim names', () => {
    expect(consoleSettingsFrom({ ...PRODUCTION, ...OIDC }).oidc).toMatchObject({
      clientId: 'csc-console',
      clientSecret: null,
      scopes: 'openid profile',
      resource: 'urn:csc:services',
      roleClaim: 'role',
      orgClaim: 'org',
      allowHttp: false,
    });
  });

  it('talks to the provider over https, but for one on 127.0.0.1 outside production', () => {
    const local = { ...OIDC, OIDC_ISSUER_URL: 'http://127.0.0.1:4000' };
    expect(consoleSettingsFrom({ NODE_ENV: 'test', ...local }).oidc?.allowHttp).toBe(true);
    expect(() => consoleSettingsFrom({ ...PRODUCTION, ...local })).toThrow('OIDC_ISSUER_URL: must be https');
    expect(() => consoleSettingsFrom({ NODE_ENV: 'test', ...OIDC, OIDC_ISSUER_URL: 'http://idp.example' })).toThrow(
      'OIDC_ISSUER_URL: must be https',
    );
  });

  it.each([
    ['OIDC_CLIENT_ID', { OIDC_CLIENT_ID: '' }, 'OIDC_CLIENT_ID: is required'],
    ['OIDC_REDIRECT_URL', { OIDC_REDIRECT_URL: 'callback' }, 'OIDC_REDIRECT_URL: must be an absolute URL'],
    ['OIDC_SCOPES', { OIDC_SCOPES: 'profile' }, 'OIDC_SCOPES: must include openid'],
    ['JWT_AUDIENCE', { JWT_AUDIENCE: '' }, 'JWT_AUDIENCE: is required with OIDC_ISSUER_URL'],
  ])('refuses OpenID Connect with a bad %s', (_name, change, message) => {
    expect(() => consoleSettingsFrom({ NODE_ENV: 'test', ...OIDC, ...change })).toThrow(message);
  });

  it('keeps no tokens, and so needs no database, with the local sign-in', () => {
    expect(consoleSettingsFrom({ NODE_ENV: 'development' }).tokenStore).toBeNull();
  });

  it("keeps OpenID Connect sessions' tokens in the console's database, sealed with the development key outside production", () => {
    expect(consoleSettingsFrom({ NODE_ENV: 'test', ...OIDC }).tokenStore).toEqual({
      databaseUrl: 'postgres://csc_console_app@127.0.0.1:5432/csc_console',
      keys: LOCAL_DEVELOPMENT_CONSOLE_TOKEN_KEYS,
    });
    expect(consoleSettingsFrom({ ...PRODUCTION, ...OIDC, DATABASE_URL: 'postgres://csc_console_app@db/csc_console' }).tokenStore).toEqual({
      databaseUrl: 'postgres://csc_console_app@db/csc_console',
      keys: TOKEN_KEYS,
    });
  });

  it('refuses to start in production with OpenID Connect but without token keys of its own', () => {
    expect(() => consoleSettingsFrom({ ...PRODUCTION, ...OIDC, CONSOLE_TOKEN_KEYS: '' })).toThrow(
      'CONSOLE_TOKEN_KEYS: keys of its own are required',
    );
    expect(() => consoleSettingsFrom({ ...PRODUCTION, ...OIDC, CONSOLE_TOKEN_KEYS: LOCAL_DEVELOPMENT_CONSOLE_TOKEN_KEYS })).toThrow(
      'CONSOLE_TOKEN_KEYS: keys of its own are required',
    );
  });

  it.each([
    ['not id:key', 'just-a-key', 'CONSOLE_TOKEN_KEYS: each entry is id:base64key'],
    ['a short key', 'k1:c2hvcnQ=', 'CONSOLE_TOKEN_KEYS: master key k1 must be 32 bytes'],
  ])('refuses token keys that are %s', (_case, keys, message) => {
    expect(() => consoleSettingsFrom({ NODE_ENV: 'test', ...OIDC, CONSOLE_TOKEN_KEYS: keys })).toThrow(message);
  });
});
