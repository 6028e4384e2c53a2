import { lookup } from 'node:dns/promises';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name resolves to. Injected so that tests can play a rebinding DNS server. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

/** As a connection resolves it (getaddrinfo: the hosts file, then DNS), every answer in the resolver's order. */
export const resolveWithSystemResolver: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** A URL's host as an address or name: `[::1]` is `::1`. */
export const hostOf = (url: URL): string => (url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname);
