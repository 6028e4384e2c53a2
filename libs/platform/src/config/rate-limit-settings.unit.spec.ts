import { validateEnvironment } from './service-environment';

const SETTINGS = ['RATE_LIMIT_PER_SUBJECT', 'RATE_LIMIT_PER_IP', 'RATE_LIMIT_WINDOW_SECONDS'] as const;

describe('rate limit settings', () => {
  it('default to limits a front door and a school MIS stay well under, with no proxy trusted', () => {
    expect(validateEnvironment({ NODE_ENV: 'test' })).toMatchObject({
      RATE_LIMIT_PER_SUBJECT: 300,
      RATE_LIMIT_PER_IP: 3000,
      RATE_LIMIT_WINDOW_SECONDS: 60,
      TRUSTED_PROXY_HOPS: 0,
    });
  });

  it('are read from the strings the environment gives', () => {
    const environment = validateEnvironment({
      NODE_ENV: 'test',
      RATE_LIMIT_PER_SUBJECT: '5',
      RATE_LIMIT_PER_IP: '50',
      RATE_LIMIT_WINDOW_SECONDS: '2',
      TRUSTED_PROXY_HOPS: '1',
    });
    expect(environment).toMatchObject({
      RATE_LIMIT_PER_SUBJECT: 5,
      RATE_LIMIT_PER_IP: 50,
      RATE_LIMIT_WINDOW_SECONDS: 2,
      TRUSTED_PROXY_HOPS: 1,
    });
  });

  it.each(SETTINGS.flatMap((setting) => ['0', '-3'].map((value) => [setting, value])))('refuses %s=%s: at least 1', (setting, value) => {
    expect(() => validateEnvironment({ NODE_ENV: 'test', [setting]: value })).toThrow(
      new RegExp(`${setting}: ${setting} must not be less than 1`),
    );
  });

  it.each(SETTINGS.flatMap((setting) => ['many', '2.5'].map((value) => [setting, value])))(
    'refuses %s=%s: a whole number',
    (setting, value) => {
      expect(() => validateEnvironment({ NODE_ENV: 'test', [setting]: value })).toThrow(
        new RegExp(`${setting}: ${setting} must be an integer number`),
      );
    },
  );

  it('refuses a negative or fractional count of trusted proxies', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'test', TRUSTED_PROXY_HOPS: '-1' })).toThrow(/TRUSTED_PROXY_HOPS: /);
    expect(() => validateEnvironment({ NODE_ENV: 'test', TRUSTED_PROXY_HOPS: '1.5' })).toThrow(/TRUSTED_PROXY_HOPS: /);
  });
});
