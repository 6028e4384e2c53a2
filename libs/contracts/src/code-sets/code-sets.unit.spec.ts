import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ABUSE_CATEGORY_CODES, isUpnUnknownReason, UPN_UNKNOWN_REASONS } from './small-code-sets';
import { ASSESSMENT_FACTOR_CODES, isAssessmentFactor } from './assessment-factor';
import { PRIMARY_NEED_CODES, isPrimaryNeed } from './primary-need';
import { REASON_FOR_CLOSURE_CODES } from './reason-for-closure';
import { REFERRAL_SOURCE_CODES, isReferralSource } from './referral-source';
import { OUTCOME_AREA_CODES } from './outcome-area';
import { DISABILITY_CODES, ETHNICITY_CODES, isDisability, isEthnicity } from './child-characteristics';

// The DfE CIN census schema, copied verbatim into libs/contracts/cin-census: the code sets must match it exactly.
const xsd = readFileSync(join(__dirname, '../../cin-census/CIN_schema_2025-26.xsd'), 'utf8');
const enumerationOf = (simpleType: string): string[] => {
  const body = new RegExp(`<xs:simpleType name="${simpleType}">([\\s\\S]*?)</xs:simpleType>`).exec(xsd)?.[1];
  if (!body) throw new Error(`${simpleType} not in the XSD`);
  return [...body.matchAll(/<xs:enumeration value="([^"]*)"/g)].map((match) => match[1]);
};

describe('CIN census code sets', () => {
  it.each([
    ['referralsourcetype', REFERRAL_SOURCE_CODES],
    ['primaryneedcodetype', PRIMARY_NEED_CODES],
    ['reasonforclosuretype', REASON_FOR_CLOSURE_CODES],
    ['assessmentfactorstype', ASSESSMENT_FACTOR_CODES],
    ['categoryofabuse', ABUSE_CATEGORY_CODES],
    ['unknownupntype', Object.keys(UPN_UNKNOWN_REASONS)],
    ['ethnicitytype', ETHNICITY_CODES],
    ['disabilitytype', DISABILITY_CODES],
  ])('%s matches the XSD exactly', (simpleType, codes) => {
    expect([...codes].sort()).toEqual(enumerationOf(simpleType).sort());
  });

  it('recognises codes and refuses near misses', () => {
    expect(isReferralSource('5D')).toBe(true);
    expect(isReferralSource('5E')).toBe(false);
    expect(isReferralSource(6)).toBe(false);
    expect(isPrimaryNeed('N0')).toBe(true);
    expect(isPrimaryNeed('n1')).toBe(false);
    expect(isAssessmentFactor('21')).toBe(true);
    expect(isAssessmentFactor('8A')).toBe(false); // privately fostered starts at 8B
    expect(isUpnUnknownReason('UN8')).toBe(false);
    expect(isEthnicity('WBRI')).toBe(true);
    expect(isEthnicity('WBR')).toBe(false);
    expect(isDisability('NONE')).toBe(true);
    expect(isDisability('none')).toBe(false);
  });

  it('has the ten Supporting Families outcome areas', () => {
    expect(OUTCOME_AREA_CODES).toHaveLength(10);
  });
});
