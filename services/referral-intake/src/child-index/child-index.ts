import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { EVENT_UPCASTERS, parseEventData } from '@csc/contracts';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from '@csc/event-store';
import { SubjectProtection } from '@csc/privacy';
import { londonDateOf } from '@csc/domain';
import { childAtReferral } from '../referral/receive-referral/child-at-referral';
import { matchChild, type ChildIdentity, type ChildMatch, type KnownIdentity } from './domain/child-matching';

interface IdentityRow {
  referral_id: string;
  child_id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  unborn: boolean;
  sex: 'M' | 'F' | 'U';
  nhs_number: string | null;
  upn: string | null;
  postcode_district: string | null;
}

export interface ResolvedChild {
  childId: string;
  match: ChildMatch;
}

/**
 * Resolves each referral's child to a child id and remembers how the referral described it.
 * Resolution runs inside the caller's transaction under advisory locks on the identity's keys
 * (date of birth, NHS number, UPN), so two referrals for the same new child arriving together are
 * serialised and the second finds the first: never two children for one.
 */
@Injectable()
export class ChildIndex {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subjects: SubjectProtection,
  ) {}

  async resolve(manager: EntityManager, identity: ChildIdentity, referralId: string): Promise<ResolvedChild> {
    await this.lockKeysOf(manager, identity);
    // Every row of every candidate child: a conflict on any of them rules the child out.
    const candidates: IdentityRow[] = await manager.query(
      `SELECT referral_id, child_id, given_name, family_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, unborn, sex,
              nhs_number, upn, postcode_district
       FROM child_identities
       WHERE child_id IN (SELECT child_id FROM child_identities WHERE nhs_number = $1 OR upn = $2 OR (date_of_birth = $3 AND unborn = $4))`,
      [identity.nhsNumber, identity.upn, identity.dateOfBirth, identity.unborn],
    );
    const match = matchChild(identity, candidates.map(toKnownIdentity));
    const childId = match.matchedExistingChild ? match.childId : randomUUID();
    await this.remember(manager, identity, referralId, childId);
    return { childId, match };
  }

  /** Records an identity whose child is already known (a step-up from early help, a rebuild). */
  async remember(manager: EntityManager, identity: ChildIdentity, referralId: string, childId: string): Promise<void> {
    await manager.query(
      `INSERT INTO child_identities (referral_id, child_id, given_name, family_name, date_of_birth, unborn, sex, nhs_number, upn, postcode_district)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (referral_id) DO NOTHING`,
      [
        referralId,
        childId,
        identity.givenName,
        identity.familyName,
        identity.dateOfBirth,
        identity.unborn,
        identity.sex,
        identity.nhsNumber,
        identity.upn,
        identity.postcodeDistrict,
      ],
    );
  }

  /** The child is in the index and none of its descriptions has an NHS number or UPN that conflicts. */
  async canLink(manager: EntityManager, childId: string, identity: ChildIdentity): Promise<boolean> {
    const rows: { nhs_number: string | null; upn: string | null }[] = await manager.query(
      `SELECT nhs_number, upn FROM child_identities WHERE child_id = $1`,
      [childId],
    );
    const conflicts = rows.some(
      (row) =>
        (identity.nhsNumber && row.nhs_number && row.nhs_number !== identity.nhsNumber) ||
        (identity.upn && row.upn && row.upn !== identity.upn),
    );
    return rows.length > 0 && !conflicts;
  }

  /**
   * Rebuilds the index from the referral events, the source of truth, in log order, whichever shape
   * each was stored in (v1 or v2). An erased child's referrals no longer open: they are left out, so
   * the child is forgotten here too.
   */
  async rebuildFromEvents(identityOf: (data: unknown) => ChildIdentity = identityFromReferralReceived): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE child_identities IN EXCLUSIVE MODE`);
      await manager.query(`DELETE FROM child_identities`);
      const rows: EventRow[] = await manager.query(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE type = 'ReferralReceived' ORDER BY global_position`,
      );
      const received = (await this.subjects.open(rows.map(toStoredEvent))).filter((event) => !event.subjectErased);
      for (const { data } of received.map((event) => EVENT_UPCASTERS.toCurrentShape(event))) {
        const { referralId, childId } = data as { referralId: string; childId: string };
        await this.remember(manager, identityOf(data), referralId, childId);
      }
      return received.length;
    });
  }

  private async lockKeysOf(manager: EntityManager, identity: ChildIdentity): Promise<void> {
    const keys = [`birth:${identity.unborn ? 'expected' : 'born'}:${identity.dateOfBirth}`];
    if (identity.nhsNumber) keys.push(`nhs:${identity.nhsNumber}`);
    if (identity.upn) keys.push(`upn:${identity.upn}`);
    // In a fixed order (so two referrals never wait on each other's locks), in one round trip.
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('child-index:' || key)) FROM (SELECT unnest($1::text[]) AS key ORDER BY 1) AS ordered`,
      [keys],
    );
  }
}

/** The identity a ReferralReceived recorded, derived exactly as it was when the referral was taken. */
export const identityFromReferralReceived = (data: unknown): ChildIdentity => {
  const received = parseEventData('ReferralReceived', data);
  const { child } = received.subject;
  return childAtReferral({ ...child, sex: received.child.sex }, londonDateOf(new Date(received.receivedAt)), { checkBirthDates: false })
    .identity;
};

const toKnownIdentity = (row: IdentityRow): KnownIdentity => ({
  childId: row.child_id,
  referralId: row.referral_id,
  givenName: row.given_name,
  familyName: row.family_name,
  dateOfBirth: row.date_of_birth,
  unborn: row.unborn,
  sex: row.sex,
  nhsNumber: row.nhs_number,
  upn: row.upn,
  postcodeDistrict: row.postcode_district,
});
