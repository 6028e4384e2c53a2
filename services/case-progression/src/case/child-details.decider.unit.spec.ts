import type { CaseOpenedV1, ChildDetailsCorrection } from '@csc/contracts';
import { DomainRuleViolation } from '@csc/domain';
import { decide, foldCase, type CaseEvent } from './case.decider';

const CASE = '0c0c0c0c-0000-4000-8000-000000000001';
const CHILD = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const TODAY = '2026-03-31';
const opened: CaseOpenedV1 = {
  caseId: CASE,
  childId: CHILD,
  referralId: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
  referralDate: '2025-01-03',
  primaryNeed: 'N1',
  source: '2A',
  referrerOrganisationId: '100001',
  child: { ageAtReferral: 10, unborn: false, sex: 'F', schoolUrn: '100001' },
  consentGiven: true,
  subject: { child: { givenName: 'Amelia', familyName: 'Testchild', dateOfBirth: '2014-06-01', upn: 'A201300012001' } },
};
const closed: CaseEvent = {
  type: 'CaseClosed',
  data: { caseId: CASE, closedOn: '2025-03-31', reason: 'RC7', referralDate: '2025-01-03', stepDown: null, subject: null },
};
const recorded = (subject: ChildDetailsCorrection, recordedOn = '2025-06-01'): CaseEvent => ({
  type: 'ChildCharacteristicsRecorded',
  data: { caseId: CASE, childId: CHILD, recordedOn, subject },
});

// given(events) / when(correction, recorded today) / then(events, or the rule refused with its census code)
const given = (...events: CaseEvent[]) => ({
  when: (correction: ChildDetailsCorrection) => {
    const state = foldCase([{ type: 'CaseOpened', data: opened }, ...events]);
    const run = () => decide({ type: 'RecordChildCharacteristics', correction, recordedOn: TODAY }, state);
    return {
      then: (expected: ChildDetailsCorrection) => expect(run()).toEqual([recorded(expected, TODAY)]),
      thenRefused: (field: string, rule: string) => {
        let refusal: unknown;
        try {
          run();
        } catch (error) {
          refusal = error;
        }
        expect(refusal).toBeInstanceOf(DomainRuleViolation);
        const { field: refusedField, rule: refusedRule, censusCode } = refusal as DomainRuleViolation;
        expect(`${refusedField} ${refusedRule}${censusCode ? `/${censusCode}` : ''}`).toBe(`${field} ${rule}`);
      },
    };
  },
});

describe("recording a child's census details on a case", () => {
  it('records the fields given, and only those', () => {
    given()
      .when({ ethnicity: 'WBRI', disabilities: ['HEAR', 'VIS'], formerUpn: 'A201300012001', sex: 'M' })
      .then({ ethnicity: 'WBRI', disabilities: ['HEAR', 'VIS'], formerUpn: 'A201300012001', sex: 'M' });
  });

  it('records on a closed case: the census is corrected at year end', () => {
    given(closed).when({ ethnicity: 'NOBT' }).then({ ethnicity: 'NOBT' });
  });

  it('clears with null, and later corrections replace earlier ones', () => {
    const state = foldCase([
      { type: 'CaseOpened', data: opened },
      recorded({ ethnicity: 'WBRI', disabilities: ['NONE'] }),
      recorded({ ethnicity: 'WIRI', disabilities: null, upn: null, upnUnknownReason: 'UN5' }),
    ]);
    expect(state.child).toEqual({
      sex: 'F',
      dateOfBirth: '2014-06-01',
      expectedDateOfBirth: null,
      upn: null,
      formerUpn: null,
      upnUnknownReason: 'UN5',
      ethnicity: 'WIRI',
      disabilities: null,
      dateOfDeath: null,
    });
  });

  describe('dates of birth and death', () => {
    it('8520: a date of birth is not in the future', () => {
      given().when({ dateOfBirth: TODAY }).then({ dateOfBirth: TODAY });
      given().when({ dateOfBirth: '2026-04-01' }).thenRefused('dateOfBirth', 'born-not-in-future/8520');
    });

    it('8525Q: a date of birth or an expected one, not both and not neither', () => {
      given().when({ expectedDateOfBirth: '2026-05-01' }).thenRefused('expectedDateOfBirth', 'birth-or-expected-birth/8525Q');
      given().when({ dateOfBirth: null }).thenRefused('dateOfBirth', 'birth-or-expected-birth/8525Q');
      given().when({ dateOfBirth: null, expectedDateOfBirth: '2026-05-01' }).then({ dateOfBirth: null, expectedDateOfBirth: '2026-05-01' });
    });

    it('a date of death is not in the future', () => {
      given().when({ dateOfDeath: '2026-04-01' }).thenRefused('dateOfDeath', 'death-not-in-future');
    });

    it('8535Q: a date of death is not before the date of birth, as given or as known', () => {
      given().when({ dateOfDeath: '2014-05-31' }).thenRefused('dateOfDeath', 'death-not-before-birth/8535Q');
      given(recorded({ dateOfDeath: '2025-02-01' }))
        .when({ dateOfBirth: '2025-03-01' })
        .thenRefused('dateOfBirth', 'death-not-before-birth/8535Q');
      given().when({ dateOfDeath: '2014-06-01' }).then({ dateOfDeath: '2014-06-01' });
    });
  });

  describe('UPN', () => {
    it('a UPN or the reason it is unknown, not both: the referral gave a UPN, so it is cleared with the reason', () => {
      given().when({ upnUnknownReason: 'UN2' }).thenRefused('upnUnknownReason', 'upn-or-unknown-reason');
      given().when({ upn: null, upnUnknownReason: 'UN2' }).then({ upn: null, upnUnknownReason: 'UN2' });
      given(recorded({ upn: null, upnUnknownReason: 'UN2' }))
        .when({ upn: 'A201300012001' })
        .thenRefused('upn', 'upn-or-unknown-reason');
    });
  });

  describe('disabilities', () => {
    it('8790: NONE alone', () => {
      given()
        .when({ disabilities: ['NONE'] })
        .then({ disabilities: ['NONE'] });
      given()
        .when({ disabilities: ['NONE', 'MOB'] })
        .thenRefused('disabilities', 'no-disability-alone/8790');
    });

    it('8794: each code once', () => {
      given()
        .when({ disabilities: ['MOB', 'LD', 'MOB'] })
        .thenRefused('disabilities', 'each-disability-once/8794');
    });
  });
});
