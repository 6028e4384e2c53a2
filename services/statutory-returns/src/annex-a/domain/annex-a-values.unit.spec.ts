import { ETHNICITY_CODES, REFERRAL_SOURCE_CODES } from '@csc/contracts';
import { ethnicityValue, legalStatusValue, reasonCeasedValue, sourceValue } from './annex-a-values';

describe("Annex A template's values", () => {
  it('letters the ethnicities in the template order, WBRI first and NOBT last', () => {
    expect(ethnicityValue('WBRI')).toBe('a) WBRI');
    expect(ethnicityValue('BAFR')).toBe('o) BAFR');
    expect(ethnicityValue('NOBT')).toBe('t) NOBT');
    expect(new Set(ETHNICITY_CODES.map(ethnicityValue)).size).toBe(ETHNICITY_CODES.length);
  });

  it("gives every census referral source the template's lettered group", () => {
    expect(sourceValue('2A')).toBe('e) 2A: Schools');
    expect(sourceValue('5D')).toBe('p1) 5D: LA services');
    expect(sourceValue('10')).toBe('u) 10: Unknown');
    expect(new Set(REFERRAL_SOURCE_CODES.map(sourceValue)).size).toBe(REFERRAL_SOURCE_CODES.length);
  });

  it('writes an SSDA903 code it does not know as recorded, never a word from elsewhere', () => {
    expect(legalStatusValue('C2')).toBe('C2: Full care order');
    expect(legalStatusValue('Z9')).toBe('Z9');
    expect(legalStatusValue('constructor')).toBe('constructor');
    expect(reasonCeasedValue('E45')).toBe('i) E45: Special guardianship order made to former foster carers who were relatives or friends');
    expect(reasonCeasedValue('toString')).toBe('toString');
  });
});
