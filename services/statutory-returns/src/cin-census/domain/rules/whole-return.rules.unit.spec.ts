import { aChild, aReturn, YEAR_2025_26 } from '../../../../test/census-builders';
import type { CensusChild, CensusFinding } from '../census-return';
import {
  disabilityCodesUsed_2887Q,
  multipleDisabilitiesRecorded_2888Q,
  referenceDate_100,
  sexRecordedProportion_2886Q,
} from './whole-return.rules';

const located = (findings: CensusFinding[]) => findings.map(({ rule, severity, childId, field }) => ({ rule, severity, childId, field }));
const childNumber = (n: number, overrides: Partial<CensusChild> = {}) =>
  aChild({ childId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, ...overrides });
const children = (count: number, overrides: Partial<CensusChild> = {}) =>
  Array.from({ length: count }, (_, n) => childNumber(n + 1, overrides));

describe('100 reference date', () => {
  it('passes 31 March of the collection year', () => {
    expect(referenceDate_100.check(aReturn())).toEqual([]);
  });

  it('fails any other reference date', () => {
    const census = aReturn([aChild()], { year: { ...YEAR_2025_26, end: '2026-03-30' } });
    expect(located(referenceDate_100.check(census))).toEqual([{ rule: '100', severity: 'ERROR', childId: null, field: 'ReferenceDate' }]);
  });
});

describe('2886Q share of children with no sex recorded', () => {
  it('passes 1 in 50, leaving unborn children (always U) out of the count', () => {
    const unborn = { personBirthDate: null, expectedPersonBirthDate: '2026-05-01', sex: 'U' };
    const census = aReturn([childNumber(0, { sex: 'U' }), ...children(44), ...children(5, unborn)]);
    expect(sexRecordedProportion_2886Q.check(census)).toEqual([]);
  });

  it('queries 2 in 50', () => {
    const census = aReturn([childNumber(0, { sex: 'U' }), childNumber(99, { sex: null }), ...children(48)]);
    expect(located(sexRecordedProportion_2886Q.check(census))).toEqual([{ rule: '2886Q', severity: 'QUERY', childId: null, field: 'Sex' }]);
  });
});

describe('2887Q at least 8 disability codes used', () => {
  const codes = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS'];

  it('passes 8 different codes across the return', () => {
    const census = aReturn([childNumber(1, { disabilities: codes.slice(0, 4) }), childNumber(2, { disabilities: codes.slice(4) })]);
    expect(disabilityCodesUsed_2887Q.check(census)).toEqual([]);
  });

  it('queries 7, not counting NONE', () => {
    const census = aReturn([childNumber(1, { disabilities: codes.slice(0, 7) }), childNumber(2, { disabilities: ['NONE'] })]);
    expect(located(disabilityCodesUsed_2887Q.check(census))).toEqual([
      { rule: '2887Q', severity: 'QUERY', childId: null, field: 'Disability' },
    ]);
  });
});

describe('2888Q some child has more than one disability', () => {
  it('passes when one child has two, or when no child has any', () => {
    const twoCodes = aReturn([childNumber(1, { disabilities: ['MOB', 'HAND'] }), childNumber(2, { disabilities: ['LD'] })]);
    expect(multipleDisabilitiesRecorded_2888Q.check(twoCodes)).toEqual([]);
    expect(multipleDisabilitiesRecorded_2888Q.check(aReturn([aChild({ disabilities: ['NONE'] })]))).toEqual([]);
  });

  it('queries when every disabled child has one code', () => {
    const census = aReturn([childNumber(1, { disabilities: ['MOB'] }), childNumber(2, { disabilities: ['LD'] }), childNumber(3)]);
    expect(located(multipleDisabilitiesRecorded_2888Q.check(census))).toEqual([
      { rule: '2888Q', severity: 'QUERY', childId: null, field: 'Disability' },
    ]);
  });
});
