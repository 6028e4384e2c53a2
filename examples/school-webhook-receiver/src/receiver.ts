import { createServer, type IncomingMessage, type Server } from 'node:http';
import { verifyWebhook, type SchoolNotification } from './verify-webhook';

export interface ReceiverOptions {
  /** The secret from setting the webhook; a function reads it at each request, so a new secret needs no restart. */
  secret: string | (() => string);
  port?: number;
  /** Store the notification in your own system. Throw if you cannot: the receiver answers 500 and the authority retries. */
  onNotification: (notification: SchoolNotification) => void | Promise<void>;
  /** Where refusals and repeats are reported (never the body). */
  log?: (line: string) => void;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * A school's webhook endpoint: verifies each POST, hands new notifications on once, and answers
 * 2xx only when they are safely stored. The authority may deliver a notification more than once
 * (a retry after a lost acknowledgement), always with the same id: a repeat is acknowledged and
 * not handed on again. A real system keeps the ids it has seen in its own database; this example
 * keeps them in memory.
 */
export const startReceiver = async ({ secret, port = 0, onNotification, log = () => undefined }: ReceiverOptions) => {
  const seen = new Set<string>();
  const server: Server = createServer(async (request, response) => {
    if (request.method !== 'POST') return void response.writeHead(405).end();
    let rawBody: Buffer;
    try {
      rawBody = await readBody(request);
    } catch {
      return void response.writeHead(413).end();
    }
    const verified = verifyWebhook(typeof secret === 'function' ? secret() : secret, { headers: request.headers, rawBody });
    if (!verified.ok) {
      log(`refused (${verified.status}): ${verified.reason}`);
      return void response.writeHead(verified.status, { 'content-type': 'text/plain' }).end(verified.reason);
    }
    if (seen.has(verified.notificationId)) {
      log(`repeat of ${verified.notificationId}: acknowledged, not handled again`);
      return void response.writeHead(204).end();
    }
    try {
      await onNotification(verified.notification);
    } catch {
      log(`could not store ${verified.notificationId}: answering 500 so that it is sent again`);
      return void response.writeHead(500).end();
    }
    seen.add(verified.notificationId);
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${boundPort}/webhooks/csc`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
