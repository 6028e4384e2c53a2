import { DomainRuleViolation } from './domain-errors';
import { disabilitiesKeepCensusRules } from './disability-rules';

const refusal = (disabilities: string[]) => {
  try {
    disabilitiesKeepCensusRules('child.disabilities', disabilities);
    return null;
  } catch (error) {
    const violation = error as DomainRuleViolation;
    return [violation.field, violation.rule, violation.censusCode];
  }
};

describe('a list of disabilities keeps the census rules', () => {
  it('keeps NONE alone, codes once each, and an empty or absent list (nothing to check)', () => {
    expect(refusal(['NONE'])).toBeNull();
    expect(refusal(['MOB', 'AUT'])).toBeNull();
    expect(refusal([])).toBeNull();
    expect(() => disabilitiesKeepCensusRules('disabilities', undefined)).not.toThrow();
  });

  it('refuses NONE beside a disability (8790) and a code twice (8794), naming the field given', () => {
    expect(refusal(['NONE', 'MOB'])).toEqual(['child.disabilities', 'no-disability-alone', '8790']);
    expect(refusal(['MOB', 'HAND', 'MOB'])).toEqual(['child.disabilities', 'each-disability-once', '8794']);
  });
});
