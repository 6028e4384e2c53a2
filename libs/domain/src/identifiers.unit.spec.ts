import { isValidNhsNumber, isValidPostcode, isValidUpn, isValidUrn, postcodeDistrictOf, upnCheckLetter } from './identifiers';

describe('NHS number (modulus 11)', () => {
  it.each(['9434765919', '943 476 5919', '4010232137', '9990000018'])('accepts %s', (value) => expect(isValidNhsNumber(value)).toBe(true));
  it.each([
    ['9434765918', 'wrong check digit'],
    ['943476591', 'nine digits'],
    ['94347659190', 'eleven digits'],
    ['943476591A', 'a letter'],
    ['1000000010', 'check digit would be 10: no valid number'],
  ])('refuses %s (%s)', (value) => expect(isValidNhsNumber(value)).toBe(false));
});

describe('UPN (check letter, CIN rules 1510/1540/1550)', () => {
  const permanent = `${upnCheckLetter('201300012001')}201300012001`;
  const temporary = `${upnCheckLetter('20130001200A')}20130001200A`;

  it('accepts a permanent and a temporary UPN with the right check letter', () => {
    expect(isValidUpn(permanent)).toBe(true);
    expect(isValidUpn(temporary)).toBe(true);
    expect(isValidUpn(permanent.toLowerCase())).toBe(true);
  });

  it('computes the check letter as the DfE defines it', () => {
    // 2*2+3*0+4*1+5*3+6*0+7*0+8*0+9*1+10*2+11*0+12*0+13*1 = 65; 65 mod 23 = 19 -> W
    expect(upnCheckLetter('201300012001')).toBe('W');
  });

  it('refuses a wrong check letter, a letter I/O/S, a short UPN and a letter inside the digits', () => {
    const wrongLetter = permanent[0] === 'A' ? 'B' : 'A';
    expect(isValidUpn(`${wrongLetter}${permanent.slice(1)}`)).toBe(false);
    expect(isValidUpn(`I${permanent.slice(1)}`)).toBe(false);
    expect(isValidUpn(permanent.slice(0, 12))).toBe(false);
    expect(isValidUpn(`${permanent.slice(0, 5)}X${permanent.slice(6)}`)).toBe(false);
  });
});

describe('postcodes and school URNs', () => {
  it.each([
    ['SW1A 1AA', 'SW1A'],
    ['sw1a1aa', 'SW1A'],
    ['FY1 4QS', 'FY1'],
    ['M1 1AE', 'M1'],
    ['ST4', 'ST4'],
  ])('takes the district of %s as %s', (postcode, district) => {
    expect(isValidPostcode(postcode)).toBe(true);
    expect(postcodeDistrictOf(postcode)).toBe(district);
  });

  it.each(['', 'NOT A POSTCODE', '12345', 'SW1A 1A'])('refuses %p', (value) => {
    expect(isValidPostcode(value)).toBe(false);
    expect(postcodeDistrictOf(value)).toBeNull();
  });

  it('accepts six-digit URNs only', () => {
    expect(isValidUrn('100001')).toBe(true);
    expect(isValidUrn('012345')).toBe(false);
    expect(isValidUrn('1000010')).toBe(false);
  });
});
