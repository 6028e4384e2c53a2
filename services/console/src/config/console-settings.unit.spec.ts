import { consoleSettingsFrom } from './console-settings';

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
    expect(consoleSettingsFrom({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).production).toBe(true);
  });
});
