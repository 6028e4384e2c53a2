import { localSignInFrom } from './local-sign-in';

describe('local sign-in', () => {
  it('signs in a role with an organisation that fits it', () => {
    expect(localSignInFrom({ role: 'FRONT_DOOR', organisation: ' la888 ' })).toEqual({
      user: { sub: 'local-front_door', role: 'FRONT_DOOR', org: 'LA888' },
    });
    expect(localSignInFrom({ role: 'SCHOOL', organisation: '100001' })).toEqual({
      user: { sub: 'local-school', role: 'SCHOOL', org: '100001' },
    });
  });

  it.each([
    [{ organisation: 'LA888' }, 'role', 'Select the role you are signing in as'],
    [{ role: 'DIRECTOR', organisation: 'LA888' }, 'role', 'Select the role you are signing in as'],
    [{ role: 'SCHOOL', organisation: 'LA888' }, 'organisation', "Enter the school's URN, 6 digits, like 100001"],
    [{ role: 'ANALYST', organisation: '100001' }, 'organisation', 'Enter the local authority code, like LA888'],
    [{ role: 'ADMIN' }, 'organisation', 'Enter the local authority code, like LA888'],
  ])('refuses %j, naming the field', (form, field, text) => {
    expect(localSignInFrom(form)).toEqual({ errors: { summary: [{ text, href: `#${field}` }], byField: { [field]: { text } } } });
  });
});
