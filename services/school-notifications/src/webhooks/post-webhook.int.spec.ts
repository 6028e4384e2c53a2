import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedAgent } from './guarded-agent';
import { postWebhook } from './post-webhook';
import { resolveWithSystemResolver } from './resolve-host';

/** Real HTTP servers on 127.0.0.1, each answering as a school's endpoint might (reachable in development only). */
describe('postWebhook: what a school answered, as the delivery records it', () => {
  const dispatcher = guardedAgent({ allowLocalAddresses: true }, resolveWithSystemResolver);
  const servers: Server[] = [];
  const serve = async (handler: Parameters<typeof createServer>[1]): Promise<string> => {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/csc`;
  };
  afterAll(async () => {
    await dispatcher.close();
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    }
  });

  it('a 2xx is an acknowledgement, and the school received the body and headers as sent', async () => {
    let received: { body: string; signature?: string } | undefined;
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received = { body, signature: request.headers['x-csc-signature'] as string | undefined };
        response.writeHead(204).end();
      });
    });
    expect(
      await postWebhook(url, { 'content-type': 'application/json', 'x-csc-signature': 'v1=abc' }, '{"id":"n1"}', {
        timeoutMs: 2000,
        dispatcher,
      }),
    ).toBeNull();
    expect(received).toEqual({ body: '{"id":"n1"}', signature: 'v1=abc' });
  });

  it('any other status is a failure named by its status, and the response body is not kept', async () => {
    const url = await serve((_request, response) => response.writeHead(500).end('stack trace with secrets'));
    expect(await postWebhook(url, {}, '{}', { timeoutMs: 2000, dispatcher })).toBe('HTTP 500');
  });

  it('a redirect is not followed and not an acknowledgement', async () => {
    let redirectedTo = 0;
    const elsewhere = await serve((_request, response) => {
      redirectedTo += 1;
      response.writeHead(204).end();
    });
    const url = await serve((_request, response) => response.writeHead(302, { location: elsewhere }).end());
    expect(await postWebhook(url, {}, '{}', { timeoutMs: 2000, dispatcher })).toBe('HTTP 302');
    expect(redirectedTo).toBe(0);
  });

  it('an endpoint that never answers is given up on at the timeout', async () => {
    const url = await serve(() => undefined);
    expect(await postWebhook(url, {}, '{}', { timeoutMs: 300, dispatcher })).toBe('no answer within 300 ms');
  });

  it('an endpoint nobody listens on is named by the connection error', async () => {
    const url = await serve(() => undefined);
    const closed = servers.pop()!;
    await new Promise((done) => closed.close(done));
    expect(await postWebhook(url, {}, '{}', { timeoutMs: 2000, dispatcher })).toBe('ECONNREFUSED');
  });
});
