import { userFromClaims } from './user-from-claims';

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
