import { addressRefusal, classifyAddress, schemeRefusal } from './webhook-reach';

const PRODUCTION = { allowLocalAddresses: false };
const DEVELOPMENT = { allowLocalAddresses: true };

describe('classifyAddress: what a webhook would reach at an address', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['::ffff:8.8.8.8', 'public'], // an IPv4-mapped public address is that public address
    ['64:ff9b::808:808', 'public'], // NAT64 to a public address
    ['2002:808:808::1', 'public'], // 6to4 from a public address
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'], // as a URL's host spells it
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['fd00::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['fec0::1', 'site-local'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.170.2', 'cloud metadata'],
    ['168.63.129.16', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['192.0.2.1', 'reserved'], // documentation
    ['198.18.0.1', 'reserved'], // benchmarking
    ['240.0.0.1', 'reserved'], // future use
    ['2001:db8::1', 'reserved'], // documentation
    ['100::1', 'reserved'], // discard
    ['::7f00:1', 'reserved'], // IPv4-compatible, deprecated
    ['not-an-address', 'not an IP address'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped
    ['::ffff:10.0.0.5', 'private'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:0:a00:5', 'private'], // IPv4-translated (RFC 6145)
    ['64:ff9b::a00:5', 'private'], // NAT64
    ['64:ff9b::7f00:1', 'loopback'],
    ['2002:a00:5::1', 'private'], // 6to4
    ['2002:7f00:1::1', 'loopback'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'], // Teredo: the client's address, inverted, is 127.0.0.1
  ])('%s carries an IPv4 address and is judged as it: %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each(['64:ff9b:1::a00:5', '64:ff9b:1:a00:5::', '64:ff9b:1::808:808'])(
    "refuses NAT64 local-use %s: where it carries its IPv4 address is the operator's choice, so it cannot be judged",
    (address) => expect(classifyAddress(address)).toBe('reserved'),
  );
});

describe('addressRefusal and schemeRefusal: production and development', () => {
  it('production refuses every address that is not public, and http', () => {
    expect(addressRefusal('8.8.8.8', PRODUCTION)).toBeNull();
    expect(addressRefusal('127.0.0.1', PRODUCTION)).toBe('loopback');
    expect(addressRefusal('10.0.0.5', PRODUCTION)).toBe('private');
    expect(schemeRefusal('https:', PRODUCTION)).toBeNull();
    expect(schemeRefusal('http:', PRODUCTION)).toBe('must be an https URL');
  });

  it('development allows loopback, private addresses and http, but never cloud metadata or other schemes', () => {
    expect(addressRefusal('127.0.0.1', DEVELOPMENT)).toBeNull();
    expect(addressRefusal('172.18.0.4', DEVELOPMENT)).toBeNull();
    expect(addressRefusal('169.254.169.254', DEVELOPMENT)).toBe('cloud metadata');
    expect(addressRefusal('fd00:ec2::254', DEVELOPMENT)).toBe('cloud metadata');
    expect(addressRefusal('nonsense', DEVELOPMENT)).toBe('not an IP address');
    expect(schemeRefusal('http:', DEVELOPMENT)).toBeNull();
    expect(schemeRefusal('ftp:', DEVELOPMENT)).toBe('must be an https URL');
  });
});
