import { claimsMissingFrom, userFromClaims, withUserinfoClaims } from './user-from-claims';

const names = { roleClaim: 'role', orgClaim: 'org' };

describe('who signed in, from the ID token', () => {
  it('takes the subject, role and organisation', () => {
    expect(userFromClaims({ sub: 'u-1', role: 'FRONT_DOOR', org: 'LA888' }, names)).toEqual({
      sub: 'u-1',
      role: 'FRONT_DOOR',
      org: 'LA888',
    });
  });

  it('reads the claims by the names the provider uses', () => {
    const claims = { sub: 'u-2', 'https://csc/role': 'SCHOOL', 'https://csc/org': '100001' };
    expect(userFromClaims(claims, { roleClaim: 'https://csc/role', orgClaim: 'https://csc/org' })).toMatchObject({ role: 'SCHOOL' });
  });

  it.each([
    [{ sub: 'u-3', org: 'LA888' }],
    [{ sub: 'u-3', role: 'DIRECTOR', org: 'LA888' }],
    [{ sub: 'u-3', role: ['FRONT_DOOR'], org: 'LA888' }],
    [{ sub: 'u-3', role: 'FRONT_DOOR' }],
    [{ sub: 'u-3', role: 'SCHOOL', org: 'LA888' }],
    [{ role: 'FRONT_DOOR', org: 'LA888' }],
  ])('refuses %j', (claims) => {
    expect(userFromClaims(claims, names)).toBeNull();
  });
});

describe('the claims signed in with: the ID token, completed from userinfo', () => {
  it('asks userinfo for nothing when the ID token carries both role and organisation', () => {
    expect(claimsMissingFrom({ sub: 'u-1', role: 'FRONT_DOOR', org: 'LA888' }, names)).toEqual([]);
  });

  it('names the claims the ID token lacks, by the names the provider uses', () => {
    const custom = { roleClaim: 'https://csc/role', orgClaim: 'https://csc/org' };
    expect(claimsMissingFrom({ sub: 'u-1', role: 'FRONT_DOOR', org: 'LA888' }, custom)).toEqual(['https://csc/role', 'https://csc/org']);
    expect(claimsMissingFrom({ sub: 'u-1', 'https://csc/org': 'LA888' }, custom)).toEqual(['https://csc/role']);
  });

  it('takes the role and organisation from userinfo when the ID token has neither', () => {
    const merged = withUserinfoClaims({ sub: 'u-1' }, { sub: 'u-1', role: 'SOCIAL_WORKER', org: 'LA888' }, names);
    expect(userFromClaims(merged, names)).toEqual({ sub: 'u-1', role: 'SOCIAL_WORKER', org: 'LA888' });
  });

  it('keeps what the signed ID token says, taking from userinfo only what it lacks', () => {
    const merged = withUserinfoClaims({ sub: 'u-1', role: 'FRONT_DOOR' }, { role: 'ADMIN', org: 'LA888' }, names);
    expect(merged).toEqual({ sub: 'u-1', role: 'FRONT_DOOR', org: 'LA888' });
  });

  it('takes no other claim from userinfo, the subject included', () => {
    const merged = withUserinfoClaims({ sub: 'u-1' }, { sub: 'someone-else', email: 'a@b.example', role: 'FRONT_DOOR' }, names);
    expect(merged).toEqual({ sub: 'u-1', role: 'FRONT_DOOR' });
  });

  it('still refuses someone given no organisation by either', () => {
    const merged = withUserinfoClaims({ sub: 'u-1' }, { sub: 'u-1', role: 'FRONT_DOOR' }, names);
    expect(userFromClaims(merged, names)).toBeNull();
  });
});
