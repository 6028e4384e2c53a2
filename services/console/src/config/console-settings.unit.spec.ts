import { consoleSettingsFrom } from './console-settings';

const OIDC = {
  OIDC_ISSUER_URL: 'https://idp.example.gov.uk',
  OIDC_CLIENT_ID: 'csc-console',
  OIDC_REDIRECT_URL: 'https://console.example.gov.uk/sign-in/callback',
  JWT_AUDIENCE: 'urn:csc:services',
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
    expect(consoleSettingsFrom({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), ...OIDC }).production).toBe(true);
  });

  it('refuses to start in production without OpenID Connect (the local sign-in is development only)', () => {
    expect(() => consoleSettingsFrom({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) })).toThrow(
      'OIDC_ISSUER_URL: is required in production',
    );
    expect(consoleSettingsFrom({ NODE_ENV: 'development' }).oidc).toBeNull();
  });

  it('signs in by OpenID Connect with OIDC_ISSUER_URL, with the defaults for scopes and claim names', () => {
    expect(consoleSettingsFrom({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), ...OIDC }).oidc).toMatchObject({
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
    expect(() => consoleSettingsFrom({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), ...local })).toThrow(
      'OIDC_ISSUER_URL: must be https',
    );
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
});
