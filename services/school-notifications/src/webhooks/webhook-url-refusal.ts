import { isIP } from 'node:net';
import { addressRefusal, describeAddressClass, schemeRefusal, type WebhookReachPolicy } from './domain/webhook-reach';
import { hostOf, type ResolveHost } from './resolve-host';

const MAY_NOT_REACH = 'which a webhook may not reach';

/**
 * Why a webhook URL may not be registered, or null: its scheme, and every address its host resolves
 * to now (an IP literal is named with its class: the caller chose it). Delivery checks again where it actually connects, since a name can resolve elsewhere later.
 * The URL is already well formed (IsWebhookUrl).
 */
export const webhookUrlRefusal = async (text: string, policy: WebhookReachPolicy, resolve: ResolveHost): Promise<string | null> => {
  const url = new URL(text);
  const scheme = schemeRefusal(url.protocol, policy);
  if (scheme) return policy.allowLocalAddresses ? `${scheme} (or http)` : scheme;
  const host = hostOf(url);
  if (isIP(host)) {
    const refused = addressRefusal(host, policy);
    return refused && `${host} is ${describeAddressClass(refused)}, ${MAY_NOT_REACH}`;
  }
  const addresses = await resolve(host).catch(() => []);
  const reachable = addresses.length > 0 && addresses.every(({ address }) => addressRefusal(address, policy) === null);
  // One answer for a name that does not resolve and one that resolves inside: telling them apart (or
  // naming the address) would let a caller map the council's internal names through this endpoint.
  return reachable ? null : `${host} must resolve to public addresses only, ${MAY_NOT_REACH} otherwise`;
};
