import type { ChildCharacteristics, ChildSubject } from '@csc/contracts';
import {
  CHILD_ID,
  aCaseOpened,
  aChildCharacteristicsRecorded,
  aCoarseChild,
  aReferralDecided,
  aReferralReceived,
} from '../../../test/child-events';
import { childRecordOf, type OpenedEvent } from './child-record-of';

/** The child's details as the census will state them, after these events in this order. */
const identityAfter = (...events: OpenedEvent[]) => childRecordOf(CHILD_ID, events).identity;

const SECOND_REFERRAL = '00000000-0000-4000-8000-0000000000f2';
const UPN = 'A123456789012';
const OTHER_UPN = 'B123456789012';

/** A referral that says only what the test gives about the child (no birth date unless given). */
const aReferralSaying = (about: Partial<ChildSubject>, characteristics: ChildCharacteristics = {}, referralId = SECOND_REFERRAL) =>
  aReferralReceived({ referralId, about: { dateOfBirth: undefined, ...about }, characteristics });

describe('ChildIdentityFold: which value of each of the child’s details the returns state', () => {
  it('knows nothing it was never told', () => {
    expect(identityAfter(aReferralSaying({}))).toEqual({
      sex: 'F',
      dateOfBirth: null,
      expectedDateOfBirth: null,
      dateOfDeath: null,
      upn: null,
      formerUpn: null,
      upnUnknownReason: null,
      ethnicity: null,
      disabilities: null,
      schoolUrn: '100001',
    });
  });

  describe('a practitioner’s record wins over any referral', () => {
    it('over a referral received before it', () => {
      const identity = identityAfter(
        aReferralSaying({ upn: UPN }, { ethnicity: 'WBRI' }),
        aChildCharacteristicsRecorded({ upn: OTHER_UPN, ethnicity: 'WIRI', sex: 'M' }),
      );

      expect([identity.upn, identity.ethnicity, identity.sex]).toEqual([OTHER_UPN, 'WIRI', 'M']);
    });

    it('and over a referral received after it', () => {
      const identity = identityAfter(
        aChildCharacteristicsRecorded({ upn: OTHER_UPN, ethnicity: 'WIRI', sex: 'M' }),
        aReferralSaying({ upn: UPN }, { ethnicity: 'WBRI' }),
      );

      expect([identity.upn, identity.ethnicity, identity.sex]).toEqual([OTHER_UPN, 'WIRI', 'M']);
    });

    it('clears a detail it records as null, and a later referral does not bring it back', () => {
      const identity = identityAfter(
        aReferralSaying({ upn: UPN }, { disabilities: ['NONE'] }),
        aChildCharacteristicsRecorded({ upn: null, disabilities: null }),
        aReferralSaying({ upn: UPN }, { disabilities: ['NONE'] }, '00000000-0000-4000-8000-0000000000f3'),
      );

      expect([identity.upn, identity.disabilities]).toEqual([null, null]);
    });

    it('keeps what it leaves out as the referrals said', () => {
      const identity = identityAfter(
        aReferralSaying({ upn: UPN }, { formerUpn: OTHER_UPN }),
        aChildCharacteristicsRecorded({ ethnicity: 'WBRI' }),
      );

      expect([identity.upn, identity.formerUpn, identity.ethnicity]).toEqual([UPN, OTHER_UPN, 'WBRI']);
    });

    it('the latest practitioner’s record of a detail wins', () => {
      const identity = identityAfter(
        aChildCharacteristicsRecorded({ ethnicity: 'WBRI', dateOfDeath: '2026-01-10' }),
        aChildCharacteristicsRecorded({ ethnicity: 'MWBC' }),
      );

      expect([identity.ethnicity, identity.dateOfDeath]).toEqual(['MWBC', '2026-01-10']);
    });
  });

  describe('among referrals', () => {
    it('the latest that says something of a detail wins, one detail at a time', () => {
      const identity = identityAfter(
        aReferralSaying({ upn: UPN }, { ethnicity: 'WBRI', upnUnknownReason: 'UN1' }, '00000000-0000-4000-8000-0000000000f1'),
        aReferralSaying({}, { ethnicity: 'WIRI' }),
      );

      expect([identity.upn, identity.ethnicity, identity.upnUnknownReason]).toEqual([UPN, 'WIRI', 'UN1']);
    });

    it('takes the sex and school from the latest referral that names a school', () => {
      const identity = identityAfter(
        aReferralReceived({ child: aCoarseChild({ sex: 'F', schoolUrn: '100001' }) }),
        aReferralReceived({ referralId: SECOND_REFERRAL, child: aCoarseChild({ sex: 'M', schoolUrn: null }) }),
      );

      expect([identity.sex, identity.schoolUrn]).toEqual(['M', '100001']);
    });

    it('an older referral decided after a newer one was received does not put back its sex and school', () => {
      const identity = identityAfter(
        aReferralReceived({ child: aCoarseChild({ sex: 'U', schoolUrn: '100001' }) }),
        aReferralReceived({ referralId: SECOND_REFERRAL, child: aCoarseChild({ sex: 'F', schoolUrn: '100002' }) }),
        aReferralDecided({ child: aCoarseChild({ sex: 'U', schoolUrn: '100001' }) }),
        aCaseOpened({ child: aCoarseChild({ sex: 'U', schoolUrn: '100001' }) }),
      );

      expect([identity.sex, identity.schoolUrn]).toEqual(['F', '100002']);
    });

    it('a decision whose referral has not arrived still says the child’s sex and school', () => {
      const identity = identityAfter(aReferralDecided({ child: aCoarseChild({ sex: 'M', schoolUrn: '100003' }) }));

      expect([identity.sex, identity.schoolUrn]).toEqual(['M', '100003']);
    });
  });

  describe('birth and expected birth go together', () => {
    it('a referral after the birth replaces the expected date with the birth date', () => {
      const identity = identityAfter(
        aReferralSaying({ expectedDateOfBirth: '2025-09-01' }, {}, '00000000-0000-4000-8000-0000000000f1'),
        aReferralSaying({ dateOfBirth: '2025-08-28' }),
      );

      expect([identity.dateOfBirth, identity.expectedDateOfBirth]).toEqual(['2025-08-28', null]);
    });

    it('a later referral about an unborn child replaces a birth date with the expected date', () => {
      const identity = identityAfter(
        aReferralSaying({ dateOfBirth: '2015-03-14' }, {}, '00000000-0000-4000-8000-0000000000f1'),
        aReferralSaying({ expectedDateOfBirth: '2026-06-01' }),
      );

      expect([identity.dateOfBirth, identity.expectedDateOfBirth]).toEqual([null, '2026-06-01']);
    });

    it('a referral that says nothing of birth keeps both as they were', () => {
      const identity = identityAfter(
        aReferralSaying({ expectedDateOfBirth: '2026-06-01' }, {}, '00000000-0000-4000-8000-0000000000f1'),
        aReferralSaying({}),
      );

      expect([identity.dateOfBirth, identity.expectedDateOfBirth]).toEqual([null, '2026-06-01']);
    });

    it('a practitioner recording a birth date clears the expected date a referral gave', () => {
      const identity = identityAfter(
        aReferralSaying({ expectedDateOfBirth: '2025-09-01' }),
        aChildCharacteristicsRecorded({ dateOfBirth: '2025-08-28' }),
      );

      expect([identity.dateOfBirth, identity.expectedDateOfBirth]).toEqual(['2025-08-28', null]);
    });

    it('a practitioner recording an expected date clears the birth date a referral gave', () => {
      const identity = identityAfter(
        aReferralSaying({ dateOfBirth: '2015-03-14' }),
        aChildCharacteristicsRecorded({ expectedDateOfBirth: '2026-06-01' }),
      );

      expect([identity.dateOfBirth, identity.expectedDateOfBirth]).toEqual([null, '2026-06-01']);
    });

    it('a practitioner’s birth date outlives a later referral that still expects the child', () => {
      const identity = identityAfter(
        aChildCharacteristicsRecorded({ dateOfBirth: '2025-08-28' }),
        aReferralSaying({ expectedDateOfBirth: '2025-09-01' }),
      );

      expect([identity.dateOfBirth, identity.expectedDateOfBirth]).toEqual(['2025-08-28', null]);
    });
  });
});
