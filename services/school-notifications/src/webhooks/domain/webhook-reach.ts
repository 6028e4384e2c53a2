import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent. A webhook URL is chosen by whoever registers it, and the service
 * POSTs to it from inside the authority's network: without this rule a school (or a stolen admin
 * token) could make the service reach internal systems and cloud metadata (server-side request
 * forgery). Production sends only https to public addresses; development may allow http and local
 * addresses (a receiver on the same machine or container network), never cloud metadata.
 */
export interface WebhookReachPolicy {
  /** WEBHOOK_ALLOW_LOCAL_ADDRESSES: development only (refused in production). */
  allowLocalAddresses: boolean;
}

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'unique-local'
  | 'site-local'
  | 'cloud metadata'
  | 'reserved'
  | 'not an IP address';

export type RefusedAddressClass = Exclude<AddressClass, 'public'>;

/** Instance metadata services hand out credentials to whoever asks from inside: never a webhook, even in development. */
const CLOUD_METADATA = new Set(
  [
    '169.254.169.254', // AWS, Azure IMDS, Google Cloud, Oracle, OpenStack
    '169.254.170.2', // AWS ECS task metadata
    '168.63.129.16', // Azure wire server: a public-looking address that is the host's own agent
    '100.100.100.200', // Alibaba Cloud
    'fd00:ec2::254', // AWS over IPv6
  ].map((address) => ipaddr.parse(address).toNormalizedString()),
);

const IPV4_CLASSES: Record<string, AddressClass> = {
  unicast: 'public',
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
};

const IPV6_CLASSES: Record<string, AddressClass> = {
  unicast: 'public',
  loopback: 'loopback',
  linkLocal: 'link-local',
  multicast: 'multicast',
  unspecified: 'unspecified',
  uniqueLocal: 'unique-local',
  deprecatedSiteLocal: 'site-local',
};

/** ::/8 outside the named ranges (IPv4-compatible ::a.b.c.d and the like): reserved by RFC 4291, never a receiver. */
const IPV6_RESERVED_ZERO_PREFIX = ipaddr.parseCIDR('::/8');

/**
 * NAT64's well-known prefix carries the IPv4 address in its last 32 bits; the local-use prefix
 * 64:ff9b:1::/48 (RFC 8215), which ipaddr.js names the same way, may carry it anywhere the operator
 * chose, so it cannot be judged and is refused.
 */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

const ipv4From = (high: number, low: number) => ipaddr.fromByteArray([high >> 8, high & 0xff, low >> 8, low & 0xff]) as ipaddr.IPv4;

/**
 * IPv6 forms that carry an IPv4 address the packet ends up at (mapped, translated, NAT64, 6to4,
 * Teredo): judged as that IPv4 address, or `::ffff:127.0.0.1` would be a way round the rule.
 */
const embeddedIpv4 = (address: ipaddr.IPv6): ipaddr.IPv4 | null => {
  const parts = address.parts;
  switch (address.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
    case 'rfc6052':
      return ipv4From(parts[6], parts[7]);
    case '6to4':
      return ipv4From(parts[1], parts[2]);
    case 'teredo':
      // The Teredo client's address is stored inverted (RFC 4380).
      return ipv4From(~parts[6] & 0xffff, ~parts[7] & 0xffff);
    default:
      return null;
  }
};

const classifyIpv4 = (address: ipaddr.IPv4): AddressClass => IPV4_CLASSES[address.range()] ?? 'reserved';

/** What kind of address this is: `public`, or the class that a webhook may not reach. */
export const classifyAddress = (text: string): AddressClass => {
  const literal = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(literal)) return 'not an IP address';
  const address = ipaddr.parse(literal);
  if (CLOUD_METADATA.has(address.toNormalizedString())) return 'cloud metadata';
  if (address.kind() === 'ipv4') return classifyIpv4(address as ipaddr.IPv4);
  const ipv6 = address as ipaddr.IPv6;
  if (ipv6.range() === 'rfc6052' && !ipv6.match(NAT64_WELL_KNOWN)) return 'reserved';
  const ipv4 = embeddedIpv4(ipv6);
  if (ipv4) return classifyAddress(ipv4.toString());
  const named = IPV6_CLASSES[ipv6.range()];
  if (named === 'public' && ipv6.match(IPV6_RESERVED_ZERO_PREFIX)) return 'reserved';
  return named ?? 'reserved';
};

/** Null when a webhook may connect to this address; otherwise its class. */
export const addressRefusal = (address: string, policy: WebhookReachPolicy): RefusedAddressClass | null => {
  const kind = classifyAddress(address);
  if (kind === 'public') return null;
  if (policy.allowLocalAddresses && kind !== 'cloud metadata' && kind !== 'not an IP address') return null;
  return kind;
};

/** Null when a webhook may use this scheme (`https:`, or `http:` in development); otherwise why not. */
export const schemeRefusal = (protocol: string, policy: WebhookReachPolicy): string | null =>
  protocol === 'https:' || (protocol === 'http:' && policy.allowLocalAddresses) ? null : 'must be an https URL';

const DESCRIBED: Record<RefusedAddressClass, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local address',
  'carrier-grade NAT': 'a carrier-grade NAT (shared) address',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  'unique-local': 'a unique-local address',
  'site-local': 'a site-local address',
  'cloud metadata': 'a cloud metadata address',
  reserved: 'a reserved or special-purpose address',
  'not an IP address': 'not an IP address',
};

/** `a private address`, for messages. */
export const describeAddressClass = (kind: RefusedAddressClass): string => DESCRIBED[kind];
