import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedAgent } from './guarded-agent';
import { postWebhook } from './post-webhook';
import { resolveWithSystemResolver, type ResolveHost } from './resolve-host';
import { webhookUrlRefusal } from './webhook-url-refusal';

const PRODUCTION = { allowLocalAddresses: false };
const DEVELOPMENT = { allowLocalAddresses: true };
const A_PUBLIC_ADDRESS = '93.184.215.14';

/**
 * A real endpoint on 127.0.0.1 standing for something inside the authority's network. It counts
 * every TCP connection, not only requests: a refused delivery must not even connect.
 */
describe('webhook delivery connects only where the policy allows', () => {
  let server: Server;
  let port: number;
  let connections = 0;
  let requests = 0;
  const agents: { close(): Promise<void> }[] = [];
  const agent = (...args: Parameters<typeof guardedAgent>) => {
    const made = guardedAgent(...args);
    agents.push(made);
    return made;
  };
  const post = (url: string, dispatcher: ReturnType<typeof guardedAgent>) => postWebhook(url, {}, '{}', { timeoutMs: 2000, dispatcher });

  /** A name that answers a public address once (when it is registered), then 127.0.0.1 (when a delivery connects). */
  const rebindingName = (): ResolveHost => {
    let asked = 0;
    return async () => [{ address: (asked += 1) === 1 ? A_PUBLIC_ADDRESS : '127.0.0.1', family: 4 }];
  };

  beforeAll(async () => {
    server = createServer((_request, response) => {
      requests += 1;
      response.writeHead(204).end();
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    connections = 0;
    requests = 0;
  });
  afterAll(async () => {
    for (const made of agents) await made.close();
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  });

  it.each([
    ['http://127.0.0.1', 'refused to connect: the URL must be an https URL'],
    ['https://127.0.0.1', 'refused to connect: 127.0.0.1 is a loopback address'],
    ['https://[::ffff:127.0.0.1]', 'refused to connect: ::ffff:7f00:1 is a loopback address'],
    ['https://localhost', /^refused to connect: (127\.0\.0\.1|::1) is a loopback address$/], // resolved by the system, as in production
  ])('without the development setting, %s is refused and nothing connects', async (origin, reason) => {
    expect(await post(`${origin}:${port}/webhooks/csc`, agent(PRODUCTION, resolveWithSystemResolver))).toMatch(reason);
    expect(connections).toBe(0);
  });

  it('a name that resolved to a public address at registration and to 127.0.0.1 at delivery (DNS rebinding) is refused at delivery', async () => {
    const resolve = rebindingName();
    const url = `https://rebinding.school.test:${port}/webhooks/csc`;
    expect(await webhookUrlRefusal(url, PRODUCTION, resolve)).toBeNull();
    expect(await post(url, agent(PRODUCTION, resolve))).toBe('refused to connect: 127.0.0.1 is a loopback address');
    expect(connections).toBe(0);
  });

  it('the same rebinding name with the development setting reaches the endpoint: the connection goes where the lookup said', async () => {
    const resolve = rebindingName();
    const url = `http://rebinding.school.test:${port}/webhooks/csc`;
    expect(await webhookUrlRefusal(url, DEVELOPMENT, resolve)).toBeNull();
    expect(await post(url, agent(DEVELOPMENT, resolve))).toBeNull();
    expect(requests).toBe(1);
  });

  it('with the development setting, http to 127.0.0.1 is delivered', async () => {
    expect(await post(`http://127.0.0.1:${port}/webhooks/csc`, agent(DEVELOPMENT, resolveWithSystemResolver))).toBeNull();
    expect(requests).toBe(1);
  });

  it('with the development setting, cloud metadata is still refused', async () => {
    expect(await post('http://169.254.169.254/latest/meta-data/', agent(DEVELOPMENT, resolveWithSystemResolver))).toBe(
      'refused to connect: 169.254.169.254 is a cloud metadata address',
    );
  });
});
