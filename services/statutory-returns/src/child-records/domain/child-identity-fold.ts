import type { ChildDetailsCorrection, ChildSubject, CoarseChild, ReferralReceivedV2 } from '@csc/contracts';
import type { ChildIdentity } from './child-record';

type Field = Exclude<keyof ChildIdentity, 'schoolUrn'>;
type Values = Partial<Record<Field, unknown>>;

const FIELDS: Field[] = [
  'sex',
  'dateOfBirth',
  'expectedDateOfBirth',
  'dateOfDeath',
  'upn',
  'formerUpn',
  'upnUnknownReason',
  'ethnicity',
  'disabilities',
];

/**
 * The child's details as the census should state them, from what referrers said and what social
 * workers recorded, event by event in recorded order. Field by field: a practitioner's record on a
 * case (the one who knows the child) wins over any referral, before or after it; among referrals, the
 * latest that says something about a field wins, and one that says nothing leaves it as it was.
 */
export class ChildIdentityFold {
  private readonly referred: Values = {};
  private readonly recorded: Values = {};
  private schoolUrn: string | null = null;

  fromCoarseChild(child: CoarseChild | undefined): void {
    if (!child) return;
    this.referred.sex = child.sex;
    if (child.schoolUrn) this.schoolUrn = child.schoolUrn;
  }

  /** A referral's subject; null when the child was erased (nothing to read). */
  fromReferral(child: CoarseChild, subject: ReferralReceivedV2['subject'] | null): void {
    this.fromCoarseChild(child);
    if (!subject) return;
    this.birth(this.referred, subject.child);
    const given: Values = { upn: subject.child.upn, ...subject.characteristics };
    for (const field of FIELDS) if (given[field] !== undefined) this.referred[field] = given[field];
  }

  /** A social worker's record: a field given replaces, null clears, a field left out stays. */
  fromPractitioner(correction: ChildDetailsCorrection | null): void {
    if (!correction) return;
    for (const field of FIELDS) {
      const value = correction[field];
      if (value !== undefined) this.recorded[field] = value;
    }
    // Birth is a pair here too, or a referrer's half would outlive the social worker's record: a birth
    // date means the child is born (no expected date); an expected date means not yet (no birth date).
    if (correction.dateOfBirth && correction.expectedDateOfBirth === undefined) this.recorded.expectedDateOfBirth = null;
    if (correction.expectedDateOfBirth && correction.dateOfBirth === undefined) this.recorded.dateOfBirth = null;
  }

  result(): ChildIdentity {
    const value = (field: Field) => (field in this.recorded ? this.recorded[field] : this.referred[field]) ?? null;
    return {
      sex: value('sex') as ChildIdentity['sex'],
      dateOfBirth: value('dateOfBirth') as string | null,
      expectedDateOfBirth: value('expectedDateOfBirth') as string | null,
      dateOfDeath: value('dateOfDeath') as string | null,
      upn: value('upn') as string | null,
      formerUpn: value('formerUpn') as string | null,
      upnUnknownReason: value('upnUnknownReason') as ChildIdentity['upnUnknownReason'],
      ethnicity: value('ethnicity') as ChildIdentity['ethnicity'],
      disabilities: value('disabilities') as ChildIdentity['disabilities'],
      schoolUrn: this.schoolUrn,
    };
  }

  /** A referral states birth as a pair: a born child's date clears an earlier expected one, and the other way round. */
  private birth(values: Values, child: ChildSubject): void {
    if (child.dateOfBirth === undefined && child.expectedDateOfBirth === undefined) return;
    values.dateOfBirth = child.dateOfBirth ?? null;
    values.expectedDateOfBirth = child.expectedDateOfBirth ?? null;
  }
}
