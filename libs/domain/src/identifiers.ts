/**
 * Checks on the identifiers that tie a referral to a child. A wrong identifier is worse than none:
 * it can join two children's histories, so each is checked the way its issuer defines it.
 */

/** NHS number: 10 digits, the last a modulus 11 check digit over the first nine (weights 10 down to 2). */
export const isValidNhsNumber = (value: string): boolean => {
  const digits = value.replace(/\s/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false; // no valid number has this remainder
  return (check === 11 ? 0 : check) === Number(digits[9]);
};

export const normaliseNhsNumber = (value: string): string => value.replace(/\s/g, '');

// The 23 letters a UPN may use: I, O and S are left out as too easily misread.
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * Unique pupil number (DfE): a check letter, a 3-digit LA code, 8 digits, then a digit or (for a
 * temporary UPN) a letter. The check letter is the sum of characters 2-13 weighted 2-13, modulo 23,
 * as a letter (CIN census rules 1510, 1540, 1550).
 */
export const isValidUpn = (value: string): boolean => {
  const upn = value.toUpperCase();
  if (!/^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/.test(upn)) return false;
  const weighted = [...upn.slice(1)].reduce((total, character, index) => {
    const characterValue = /\d/.test(character) ? Number(character) : UPN_LETTERS.indexOf(character);
    return total + characterValue * (index + 2);
  }, 0);
  return UPN_LETTERS[weighted % 23] === upn[0];
};

export const upnCheckLetter = (lastTwelve: string): string =>
  UPN_LETTERS[
    [...lastTwelve.toUpperCase()].reduce(
      (total, character, index) => total + (/\d/.test(character) ? Number(character) : UPN_LETTERS.indexOf(character)) * (index + 2),
      0,
    ) % 23
  ];

/** A full UK postcode ("SW1A 1AA") or just its outward code ("SW1A"), in any case and spacing. */
const FULL_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/;
const OUTWARD_CODE = /^[A-Z]{1,2}\d[A-Z\d]?$/;

export const isValidPostcode = (value: string): boolean => {
  const upper = value.trim().toUpperCase();
  return FULL_POSTCODE.test(upper) || OUTWARD_CODE.test(upper);
};

/** The postcode district (outward code): coarse enough to compare addresses, "SW1A 1AA" -> "SW1A". */
export const postcodeDistrictOf = (value: string): string | null => {
  const upper = value.trim().toUpperCase();
  const full = FULL_POSTCODE.exec(upper);
  if (full) return full[1];
  return OUTWARD_CODE.test(upper) ? upper : null;
};

/** School unique reference number: six digits. */
export const isValidUrn = (value: string): boolean => /^[1-9]\d{5}$/.test(value);
