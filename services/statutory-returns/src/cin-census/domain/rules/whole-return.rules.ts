import { returnRule } from './census-rule';

export const referenceDate_100 = returnRule({ code: '100', severity: 'ERROR', text: 'Reference Date is incorrect' }, (census) => {
  const expected = `${census.year.endYear}-03-31`;
  return census.year.end === expected ? [] : [{ child: null, hit: { field: 'ReferenceDate', detail: `expected ${expected}` } }];
});

/** "No sex recorded" is U or nothing; unborn children are left out of the count but not of the total. */
export const sexRecordedProportion_2886Q = returnRule(
  {
    code: '2886Q',
    severity: 'QUERY',
    text: 'Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)',
  },
  (census) => {
    const total = census.children.length;
    const unrecorded = census.children.filter(
      (child) => (child.sex === null || child.sex === 'U') && child.expectedPersonBirthDate === null,
    ).length;
    if (total === 0 || unrecorded / total <= 0.02) return [];
    return [{ child: null, hit: { field: 'Sex', detail: `${unrecorded} of ${total} children` } }];
  },
);

const disabilityCodesOf = (codes: string[]): string[] => codes.filter((code) => code !== 'NONE');

/** Counts distinct codes other than NONE, as the DfE's text says (an empty return is not queried). */
export const disabilityCodesUsed_2887Q = returnRule(
  {
    code: '2887Q',
    severity: 'QUERY',
    text: 'Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return',
  },
  (census) => {
    const used = new Set(census.children.flatMap((child) => disabilityCodesOf(child.disabilities)));
    if (census.children.length === 0 || used.size >= 8) return [];
    return [{ child: null, hit: { field: 'Disability', detail: `${used.size} codes used` } }];
  },
);

/** Needs at least one disabled child: a return with none says nothing about how disabilities are recorded. */
export const multipleDisabilitiesRecorded_2888Q = returnRule(
  {
    code: '2888Q',
    severity: 'QUERY',
    text: 'Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.',
  },
  (census) => {
    const counts = census.children.map((child) => new Set(disabilityCodesOf(child.disabilities)).size).filter((count) => count > 0);
    return counts.length > 0 && counts.every((count) => count === 1) ? [{ child: null, hit: { field: 'Disability' } }] : [];
  },
);
