import { aChild, anEpisode, aReturn } from '../../../../test/census-builders';
import type { CensusFinding } from '../census-return';
import {
  birthBeforeCensusEnd_8520,
  birthOrExpectedBirth_8525Q,
  deathAfterBirth_8535Q,
  deathInCensusYear_8545Q,
  expectedBirthInRange_8530Q,
  overTwentyFive_8775Q,
} from './birth-and-death.rules';

const CHILD = aChild().childId;
const located = (findings: CensusFinding[]) => findings.map(({ rule, severity, childId, field }) => ({ rule, severity, childId, field }));
const unborn = (expectedPersonBirthDate: string) =>
  aChild({ personBirthDate: null, expectedPersonBirthDate, sex: 'U', episodes: [anEpisode()] });

describe('8520 date of birth not after the census', () => {
  it('passes a birth on the reference date', () => {
    expect(birthBeforeCensusEnd_8520.check(aReturn([aChild({ personBirthDate: '2026-03-31' })]))).toEqual([]);
  });

  it('fails a birth after the reference date, without the date in the message', () => {
    const findings = birthBeforeCensusEnd_8520.check(aReturn([aChild({ personBirthDate: '2026-04-01' })]));
    expect(located(findings)).toEqual([{ rule: '8520', severity: 'ERROR', childId: CHILD, field: 'PersonBirthDate' }]);
    expect(findings[0].message).not.toContain('2026-04-01');
  });
});

describe('8525Q date of birth or expected date of birth', () => {
  it('passes a child with only a date of birth, and one with only an expected one', () => {
    expect(birthOrExpectedBirth_8525Q.check(aReturn([aChild(), unborn('2026-05-01')]))).toEqual([]);
  });

  it('queries a child with neither', () => {
    const census = aReturn([aChild({ personBirthDate: null })]);
    expect(located(birthOrExpectedBirth_8525Q.check(census))).toEqual([
      { rule: '8525Q', severity: 'QUERY', childId: CHILD, field: 'PersonBirthDate' },
    ]);
  });

  it('queries a child with both', () => {
    const census = aReturn([aChild({ expectedPersonBirthDate: '2015-03-20' })]);
    expect(located(birthOrExpectedBirth_8525Q.check(census))).toEqual([
      { rule: '8525Q', severity: 'QUERY', childId: CHILD, field: 'PersonBirthDate' },
    ]);
  });
});

describe('8530Q expected date of birth from March to December', () => {
  it('passes 1 March and 31 December of the year the census ends', () => {
    expect(expectedBirthInRange_8530Q.check(aReturn([unborn('2026-03-01'), unborn('2026-12-31')]))).toEqual([]);
  });

  it('queries a date before 1 March or after 31 December', () => {
    const findings = expectedBirthInRange_8530Q.check(aReturn([unborn('2026-02-28'), unborn('2027-01-01')]));
    expect(located(findings)).toEqual([
      { rule: '8530Q', severity: 'QUERY', childId: CHILD, field: 'ExpectedPersonBirthDate' },
      { rule: '8530Q', severity: 'QUERY', childId: CHILD, field: 'ExpectedPersonBirthDate' },
    ]);
  });
});

describe('8535Q date of death not before date of birth', () => {
  it('passes a death on the day of birth', () => {
    expect(deathAfterBirth_8535Q.check(aReturn([aChild({ personDeathDate: '2015-03-14' })]))).toEqual([]);
  });

  it('queries a death before the birth', () => {
    const census = aReturn([aChild({ personDeathDate: '2015-03-13' })]);
    expect(located(deathAfterBirth_8535Q.check(census))).toEqual([
      { rule: '8535Q', severity: 'QUERY', childId: CHILD, field: 'PersonDeathDate' },
    ]);
  });
});

describe('8545Q date of death in the census year', () => {
  it('passes a death on 1 April', () => {
    expect(deathInCensusYear_8545Q.check(aReturn([aChild({ personDeathDate: '2025-04-01' })]))).toEqual([]);
  });

  it('queries a death before the census year', () => {
    const census = aReturn([aChild({ personDeathDate: '2025-03-31' })]);
    expect(located(deathInCensusYear_8545Q.check(census))).toEqual([
      { rule: '8545Q', severity: 'QUERY', childId: CHILD, field: 'PersonDeathDate' },
    ]);
  });
});

describe('8775Q child over 25', () => {
  it('passes a child turning 25 on the reference date, and one whose case closed before 25', () => {
    const closedIn = anEpisode({ cinReferralDate: '2000-01-10', cinClosureDate: '2025-04-30', reasonForClosure: 'RC7' });
    const census = aReturn([aChild({ personBirthDate: '2001-03-31' }), aChild({ personBirthDate: '2000-05-01', episodes: [closedIn] })]);
    expect(overTwentyFive_8775Q.check(census)).toEqual([]);
  });

  it('queries a child over 25 with an open case', () => {
    const census = aReturn([aChild({ personBirthDate: '2001-03-30' })]);
    expect(located(overTwentyFive_8775Q.check(census))).toEqual([
      { rule: '8775Q', severity: 'QUERY', childId: CHILD, field: 'PersonBirthDate' },
    ]);
  });
});
