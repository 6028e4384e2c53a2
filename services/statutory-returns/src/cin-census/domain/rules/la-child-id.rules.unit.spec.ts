import { aChild, aReturn } from '../../../../test/census-builders';
import type { CensusFinding } from '../census-return';
import { laChildIdAlphanumeric_1580, laChildIdLength_1570, laChildIdPresent_8500, laChildIdUnique_8510 } from './la-child-id.rules';

const CHILD = aChild().childId;
const OTHER = '00000000-0000-4000-8000-0000000000a2';
const located = (findings: CensusFinding[]) => findings.map(({ rule, severity, childId, field }) => ({ rule, severity, childId, field }));

describe('1570 LA child ID length', () => {
  it('passes an ID of 20 characters', () => {
    expect(laChildIdLength_1570.check(aReturn([aChild({ laChildId: 'A'.repeat(20) })]))).toEqual([]);
  });

  it('fails an ID of 21 characters', () => {
    const census = aReturn([aChild({ laChildId: 'A'.repeat(21) })]);
    expect(located(laChildIdLength_1570.check(census))).toEqual([{ rule: '1570', severity: 'ERROR', childId: CHILD, field: 'LAchildID' }]);
  });
});

describe('1580 LA child ID alphanumeric', () => {
  it('passes letters and digits', () => {
    expect(laChildIdAlphanumeric_1580.check(aReturn([aChild({ laChildId: 'Ab12' })]))).toEqual([]);
  });

  it('fails a hyphen', () => {
    const census = aReturn([aChild({ laChildId: 'AB-12' })]);
    expect(located(laChildIdAlphanumeric_1580.check(census))).toEqual([
      { rule: '1580', severity: 'ERROR', childId: CHILD, field: 'LAchildID' },
    ]);
  });
});

describe('8500 LA child ID present', () => {
  it('passes a child with an ID', () => {
    expect(laChildIdPresent_8500.check(aReturn([aChild()]))).toEqual([]);
  });

  it('fails a blank ID', () => {
    const census = aReturn([aChild({ laChildId: ' ' })]);
    expect(located(laChildIdPresent_8500.check(census))).toEqual([{ rule: '8500', severity: 'ERROR', childId: CHILD, field: 'LAchildID' }]);
  });
});

describe('8510 LA child ID unique', () => {
  it('passes children with different IDs', () => {
    const census = aReturn([aChild(), aChild({ childId: OTHER, laChildId: 'A0000000000000000002' })]);
    expect(laChildIdUnique_8510.check(census)).toEqual([]);
  });

  it('fails each child sharing an ID', () => {
    const census = aReturn([aChild(), aChild({ childId: OTHER })]);
    expect(located(laChildIdUnique_8510.check(census))).toEqual([
      { rule: '8510', severity: 'ERROR', childId: CHILD, field: 'LAchildID' },
      { rule: '8510', severity: 'ERROR', childId: OTHER, field: 'LAchildID' },
    ]);
  });
});
