import { freePort, startServices, type ServicesUnderTest, type TestDatabase } from '@csc/testing';
import { referralIntakeService } from '../../../../referral-intake/src/referral-intake.service-definition';
import { startConsoleUnderTest, type ConsoleUnderTest } from '../../../test/console-under-test';
import { startLocalOidcProvider, type LocalOidcProvider } from '../../../test/local-oidc-provider';
import { createConsoleTestDatabase } from '../../../test/token-store-database';
import { WebAgent, type Answer } from '../../../test/web-agent';

const AUDIENCE = 'urn:csc:services';

/** The console's OIDC_* settings for a provider, with its redirect URL on the given port, and its token store. */
const oidcEnvironment = (provider: LocalOidcProvider, consoleUrl: string, tokenStore: TestDatabase & { appRoleUrl: string }) => ({
  OIDC_ISSUER_URL: provider.issuer,
  OIDC_CLIENT_ID: provider.clientId,
  OIDC_CLIENT_SECRET: provider.clientSecret,
  OIDC_REDIRECT_URL: `${consoleUrl}/sign-in/callback`,
  JWT_AUDIENCE: AUDIENCE,
  DATABASE_URL: tokenStore.appRoleUrl,
});

/** The console's /sign-in to the provider's login and consent pages, up to (not into) the redirect back to the console. */
const throughTheProvider = async (
  agent: WebAgent,
  provider: LocalOidcProvider,
  consoleApp: ConsoleUnderTest,
  login: string,
): Promise<Answer> => {
  const isConsoleCallback = (next: URL) => next.href.startsWith(`${consoleApp.url}/sign-in/callback`);
  const loginPage = await agent.follow(await agent.get(`${consoleApp.url}/sign-in`));
  expect(loginPage.url.origin).toBe(provider.issuer);
  const loginForm = WebAgent.formOf(loginPage);
  const consent = await agent.follow(await agent.post(loginForm.action, { ...loginForm.hidden, prompt: 'login', login, password: 'any' }));
  const consentForm = WebAgent.formOf(consent);
  const backToConsole = await agent.follow(
    await agent.post(consentForm.action, { ...consentForm.hidden, prompt: 'consent' }),
    isConsoleCallback,
  );
  expect(isConsoleCallback(backToConsole.location!)).toBe(true);
  return backToConsole;
};

/** One database of sessions' tokens for the file, shared by every console instance it starts, as in production. */
let tokenStore: TestDatabase & { appRoleUrl: string };
beforeAll(async () => {
  tokenStore = await createConsoleTestDatabase('oidc');
}, 60_000);
afterAll(async () => {
  await tokenStore?.drop();
});

describe('signing in to the console with OpenID Connect (a local oidc-provider; referral intake verifying its tokens by JWKS; two console instances)', () => {
  let provider: LocalOidcProvider;
  let services: ServicesUnderTest;
  let consoleApp: ConsoleUnderTest;
  /** A second instance behind the same address in production: the same settings and store, another port here. */
  let otherInstance: ConsoleUnderTest;

  beforeAll(async () => {
    const port = await freePort();
    const consoleUrl = `http://127.0.0.1:${port}`;
    provider = await startLocalOidcProvider({
      consoleUrl,
      audience: AUDIENCE,
      accounts: { 'front-door-manager': { role: 'FRONT_DOOR', org: 'LA888' }, 'no-role-person': { org: 'LA888' } },
    });
    // The service verifies RS256 tokens with the provider's published keys (JWT_JWKS_URL wins over the test secret).
    services = await startServices('console_oidc', [referralIntakeService], {
      'referral-intake': { JWT_JWKS_URL: provider.jwksUrl, JWT_ISSUER: provider.issuer, JWT_AUDIENCE: AUDIENCE },
    });
    const serviceUrls = { REFERRAL_INTAKE_URL: services.services['referral-intake'].url };
    const environment = oidcEnvironment(provider, consoleUrl, tokenStore);
    consoleApp = await startConsoleUnderTest(serviceUrls, { port, environment });
    otherInstance = await startConsoleUnderTest(serviceUrls, { environment });
  }, 120_000);

  afterAll(async () => {
    await otherInstance?.stop();
    await consoleApp?.stop();
    await services?.stop();
    await provider?.stop();
  });

  it('signs the front door in with its role and organisation on one instance, serves it from the other, and signing out ends it on both', async () => {
    const agent = new WebAgent();
    const redirect = await throughTheProvider(agent, provider, consoleApp, 'front-door-manager');
    const home = await agent.follow(await agent.get(redirect.location!));
    expect(home.url.href).toBe(`${consoleApp.url}/`);
    expect(home.html).toContain('Signed in as Front door manager, LA888');
    expect(await (await fetch(`${consoleApp.url}/health/ready`)).json()).toMatchObject({ info: { tokenStore: { status: 'up' } } });

    // The other instance finds the session's tokens in the shared store: the token reached the service from its backend.
    const signedIn = new Map(agent.cookiesFor(consoleApp.url));
    agent.setCookies(otherInstance.url, signedIn);
    const queue = await agent.get(`${otherInstance.url}/front-door/referrals?status=RECEIVED`);
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('<h1 class="govuk-heading-l">Referrals</h1>');
    // The browser's cookie holds no token.
    const session = JSON.parse(Buffer.from(signedIn.get('csc_console')!, 'base64').toString('utf8'));
    expect(Object.keys(session).sort()).toEqual(['csrfToken', 'user']);
    expect(Object.keys(session.user).sort()).toEqual(['org', 'role', 'sessionId', 'sub']);
    expect(JSON.stringify(session)).not.toContain('eyJ');

    // Signing out forgets the tokens in the store (a copy of the old cookie is worthless on either instance) and ends the provider's session.
    const signOut = await agent.post(`${consoleApp.url}/sign-out`, { _csrf: WebAgent.formOf(home).hidden._csrf });
    expect(signOut.location!.origin).toBe(provider.issuer);
    const confirm = await agent.follow(signOut);
    const logoutForm = WebAgent.formOf(confirm);
    const signedOut = await agent.follow(await agent.post(logoutForm.action, { ...logoutForm.hidden, logout: 'yes' }));
    expect(signedOut.url.href).toBe(`${consoleApp.url}/signed-out`);
    expect(signedOut.html).toContain('You have signed out');
    for (const instance of [consoleApp, otherInstance]) {
      agent.setCookies(instance.url, signedIn);
      const replayed = await agent.get(`${instance.url}/front-door/referrals?status=RECEIVED`);
      expect([replayed.status, replayed.location?.pathname]).toEqual([303, '/sign-in']);
    }
  });

  it('refuses a callback whose state was tampered with', async () => {
    const agent = new WebAgent();
    const redirect = await throughTheProvider(agent, provider, consoleApp, 'front-door-manager');
    const tampered = new URL(redirect.location!);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    const refused = await agent.get(tampered);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Sign-in did not complete');
    // Nothing signed in, and the untampered callback cannot be replayed after it either.
    expect((await agent.get(`${consoleApp.url}/`)).location?.pathname).toBe('/sign-in');
    expect((await agent.get(redirect.location!)).status).toBe(400);
  });

  it('refuses someone the provider gives no role, with a page that says why', async () => {
    const agent = new WebAgent();
    const redirect = await throughTheProvider(agent, provider, consoleApp, 'no-role-person');
    const refused = await agent.get(redirect.location!);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Your account cannot use this service yet');
    expect((await agent.get(`${consoleApp.url}/`)).location?.pathname).toBe('/sign-in');
  });
});

describe('signing in with OpenID Connect to a provider that releases role and organisation only at userinfo', () => {
  let provider: LocalOidcProvider;
  let consoleApp: ConsoleUnderTest;

  beforeAll(async () => {
    const port = await freePort();
    const consoleUrl = `http://127.0.0.1:${port}`;
    provider = await startLocalOidcProvider({
      consoleUrl,
      audience: AUDIENCE,
      claimsAt: 'userinfo',
      accounts: { 'social-worker': { role: 'SOCIAL_WORKER', org: 'LA888' }, 'no-org-person': { role: 'SOCIAL_WORKER' } },
    });
    consoleApp = await startConsoleUnderTest({}, { port, environment: oidcEnvironment(provider, consoleUrl, tokenStore) });
  }, 120_000);

  afterAll(async () => {
    await consoleApp?.stop();
    await provider?.stop();
  });

  it('signs in with the role and organisation from userinfo, the ID token carrying neither', async () => {
    const agent = new WebAgent();
    const redirect = await throughTheProvider(agent, provider, consoleApp, 'social-worker');
    const home = await agent.follow(await agent.get(redirect.location!));
    expect(home.url.href).toBe(`${consoleApp.url}/`);
    expect(home.html).toContain('Signed in as Social worker, LA888');
    expect(provider.userinfoRequests()).toBe(1);
  });

  it('refuses someone given no organisation by either, with a page that says why', async () => {
    const agent = new WebAgent();
    const redirect = await throughTheProvider(agent, provider, consoleApp, 'no-org-person');
    const refused = await agent.get(redirect.location!);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Your account cannot use this service yet');
    expect((await agent.get(`${consoleApp.url}/`)).location?.pathname).toBe('/sign-in');
  });
});
