import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { addressRefusal, describeAddressClass, schemeRefusal, type WebhookReachPolicy } from './domain/webhook-reach';
import type { ResolveHost } from './resolve-host';

/** A delivery the policy stopped before any byte went out: a failed attempt, retried and parked like any other. */
export class WebhookConnectionRefused extends Error {
  override readonly name = 'WebhookConnectionRefused';
}

const refusedAddress = (address: string, policy: WebhookReachPolicy): WebhookConnectionRefused | null => {
  const refused = addressRefusal(address, policy);
  return refused && new WebhookConnectionRefused(`refused to connect: ${address} is ${describeAddressClass(refused)}`);
};

/**
 * A name is resolved again for each connection, here, and the connection goes only to what this
 * lookup answered: a name that resolved to a public address at registration and to 127.0.0.1 now
 * (DNS rebinding) is refused before the socket connects. Any refused answer refuses them all.
 */
const guardedLookup =
  (policy: WebhookReachPolicy, resolve: ResolveHost): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname).then(
      (answers) => {
        const usable = answers.filter((answer) => !options.family || answer.family === options.family);
        const refused = answers.map((answer) => refusedAddress(answer.address, policy)).find(Boolean);
        if (refused) return callback(refused, '', 0);
        if (usable.length === 0) return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, usable);
        callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

/**
 * The undici dispatcher webhooks are posted through. It refuses a scheme the policy does not allow
 * and an address literal it may not reach without connecting; names go through the guarded lookup;
 * and once connected, the address the socket actually reached is judged before undici writes the
 * request (nothing else may pick an address, but this is what the rule is about).
 */
export const guardedAgent = (policy: WebhookReachPolicy, resolve: ResolveHost): Agent => {
  const connect = buildConnector({ lookup: guardedLookup(policy, resolve) });
  return new Agent({
    connect: (options, callback) => {
      const scheme = schemeRefusal(options.protocol, policy);
      if (scheme) return callback(new WebhookConnectionRefused(`refused to connect: the URL ${scheme}`), null);
      const literal = isIP(options.hostname) ? refusedAddress(options.hostname, policy) : null;
      if (literal) return callback(literal, null);
      connect(options, (error, socket) => {
        if (error) return callback(error, null);
        const reached = socket.remoteAddress ? refusedAddress(socket.remoteAddress, policy) : null;
        if (reached || !socket.remoteAddress) {
          socket.destroy();
          return callback(reached ?? new WebhookConnectionRefused('refused to connect: no remote address to judge'), null);
        }
        callback(null, socket);
      });
    },
  });
};
