import { isDisability, isEthnicity, isSex } from '@csc/contracts';
import { childRule } from './census-rule';

// A value outside a code set may be free text typed in the wrong box, so it is never echoed.

export const sexRecorded_4180 = childRule(
  { code: '4180', severity: 'ERROR', text: 'Sex must be provided and equal M, F, or U' },
  (child) => {
    if (child.sex === null) return [{ field: 'Sex', detail: 'not recorded' }];
    return isSex(child.sex) ? [] : [{ field: 'Sex', detail: 'not M, F or U' }];
  },
);

export const ethnicityRecorded_4220 = childRule(
  { code: '4220', severity: 'ERROR', text: 'Ethnicity is missing or invalid (see Ethnicity table)' },
  (child) => {
    if (child.ethnicity === null) return [{ field: 'Ethnicity', detail: 'not recorded' }];
    return isEthnicity(child.ethnicity) ? [] : [{ field: 'Ethnicity', detail: 'not in the Ethnicity table' }];
  },
);

/**
 * Only asked of a born child with a referral that went on to further action: an unborn child has
 * no disability to record, and a referral closed with no further action never asked.
 */
export const disabilityRecorded_8540 = childRule(
  { code: '8540', severity: 'ERROR', text: 'Child’s disability is missing or invalid (see Disability table)' },
  (child) => {
    const asked = child.personBirthDate !== null && child.episodes.some((episode) => !episode.referralNfa);
    if (!asked) return [];
    if (child.disabilities.length === 0) return [{ field: 'Disability', detail: 'not recorded' }];
    return child.disabilities.every(isDisability) ? [] : [{ field: 'Disability', detail: 'a code not in the Disability table' }];
  },
);

export const unbornSexUnknown_8750 = childRule(
  { code: '8750', severity: 'ERROR', text: 'Sex must equal U for an unborn child' },
  (child) => {
    const unborn = child.personBirthDate === null && child.expectedPersonBirthDate !== null;
    return unborn && child.sex !== 'U' ? [{ field: 'Sex' }] : [];
  },
);

export const disabilityNoneAlone_8790 = childRule(
  { code: '8790', severity: 'ERROR', text: 'Disability information includes both None and other values' },
  (child) => (child.disabilities.includes('NONE') && child.disabilities.some((code) => code !== 'NONE') ? [{ field: 'Disability' }] : []),
);

export const disabilityCodesDistinct_8794 = childRule(
  { code: '8794', severity: 'ERROR', text: 'Child has two or more disabilities with the same code' },
  (child) => {
    const repeated = [...new Set(child.disabilities.filter((code, index) => child.disabilities.indexOf(code) !== index))];
    return repeated.map((code) => ({ field: 'Disability', ...(isDisability(code) ? { detail: code } : {}) }));
  },
);
