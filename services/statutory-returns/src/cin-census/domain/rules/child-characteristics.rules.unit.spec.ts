import { aChild, anEpisode, aReturn } from '../../../../test/census-builders';
import type { CensusFinding } from '../census-return';
import {
  disabilityCodesDistinct_8794,
  disabilityNoneAlone_8790,
  disabilityRecorded_8540,
  ethnicityRecorded_4220,
  sexRecorded_4180,
  unbornSexUnknown_8750,
} from './child-characteristics.rules';

const CHILD = aChild().childId;
const located = (findings: CensusFinding[]) => findings.map(({ rule, severity, childId, field }) => ({ rule, severity, childId, field }));

describe('4180 sex recorded', () => {
  it('passes M, F and U', () => {
    expect(sexRecorded_4180.check(aReturn([aChild({ sex: 'M' }), aChild({ sex: 'F' }), aChild({ sex: 'U' })]))).toEqual([]);
  });

  it('fails no sex, and a value that is not a code, without echoing the value', () => {
    const findings = sexRecorded_4180.check(aReturn([aChild({ sex: null }), aChild({ sex: 'Girl' })]));
    expect(located(findings)).toEqual([
      { rule: '4180', severity: 'ERROR', childId: CHILD, field: 'Sex' },
      { rule: '4180', severity: 'ERROR', childId: CHILD, field: 'Sex' },
    ]);
    expect(findings[1].message).not.toContain('Girl');
  });
});

describe('4220 ethnicity recorded', () => {
  it('passes a code from the Ethnicity table', () => {
    expect(ethnicityRecorded_4220.check(aReturn([aChild({ ethnicity: 'NOBT' })]))).toEqual([]);
  });

  it('fails no ethnicity, and a code not in the table', () => {
    const findings = ethnicityRecorded_4220.check(aReturn([aChild({ ethnicity: null }), aChild({ ethnicity: 'WXYZ' })]));
    expect(located(findings)).toEqual([
      { rule: '4220', severity: 'ERROR', childId: CHILD, field: 'Ethnicity' },
      { rule: '4220', severity: 'ERROR', childId: CHILD, field: 'Ethnicity' },
    ]);
  });
});

describe('8540 disability recorded', () => {
  it('passes a valid code, and an unborn or NFA-only child with none', () => {
    const census = aReturn([
      aChild({ disabilities: ['AUT'] }),
      aChild({ personBirthDate: null, expectedPersonBirthDate: '2026-05-01', sex: 'U', disabilities: [] }),
      aChild({ disabilities: [], episodes: [anEpisode({ referralNfa: true, caseId: null })] }),
    ]);
    expect(disabilityRecorded_8540.check(census)).toEqual([]);
  });

  it('fails a born child referred on to further action with no disability, or an unknown code', () => {
    const findings = disabilityRecorded_8540.check(aReturn([aChild({ disabilities: [] }), aChild({ disabilities: ['MOB', 'WINGS'] })]));
    expect(located(findings)).toEqual([
      { rule: '8540', severity: 'ERROR', childId: CHILD, field: 'Disability' },
      { rule: '8540', severity: 'ERROR', childId: CHILD, field: 'Disability' },
    ]);
  });
});

describe('8750 unborn child has sex U', () => {
  const unborn = { personBirthDate: null, expectedPersonBirthDate: '2026-05-01' };

  it('passes an unborn child recorded U', () => {
    expect(unbornSexUnknown_8750.check(aReturn([aChild({ ...unborn, sex: 'U' })]))).toEqual([]);
  });

  it('fails an unborn child recorded F', () => {
    const census = aReturn([aChild({ ...unborn, sex: 'F' })]);
    expect(located(unbornSexUnknown_8750.check(census))).toEqual([{ rule: '8750', severity: 'ERROR', childId: CHILD, field: 'Sex' }]);
  });
});

describe('8790 NONE stands alone', () => {
  it('passes NONE alone', () => {
    expect(disabilityNoneAlone_8790.check(aReturn([aChild({ disabilities: ['NONE'] })]))).toEqual([]);
  });

  it('fails NONE with another code', () => {
    const census = aReturn([aChild({ disabilities: ['NONE', 'MOB'] })]);
    expect(located(disabilityNoneAlone_8790.check(census))).toEqual([
      { rule: '8790', severity: 'ERROR', childId: CHILD, field: 'Disability' },
    ]);
  });
});

describe('8794 disability codes distinct', () => {
  it('passes different codes', () => {
    expect(disabilityCodesDistinct_8794.check(aReturn([aChild({ disabilities: ['MOB', 'HAND'] })]))).toEqual([]);
  });

  it('fails a code given twice, naming the code', () => {
    const findings = disabilityCodesDistinct_8794.check(aReturn([aChild({ disabilities: ['MOB', 'HAND', 'MOB'] })]));
    expect(located(findings)).toEqual([{ rule: '8794', severity: 'ERROR', childId: CHILD, field: 'Disability' }]);
    expect(findings[0].message).toContain('(MOB)');
  });
});
