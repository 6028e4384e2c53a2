import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { EVENT_UPCASTERS, parseEventData, type SealedSubject } from '@csc/contracts';
import { EVENT_COLUMNS, queryPrepared, toStoredEvent, type EventRow, type PreparedStatement, type WriteAlongside } from '@csc/event-store';
import { BlindIndexKey, SubjectProtection } from '@csc/privacy';
import { londonDateOf } from '@csc/domain';
import { childAtReferral } from '../referral/receive-referral/child-at-referral';
import { matchChild, type ChildIdentity, type ChildMatch, type KnownIdentity } from './domain/child-matching';
import { candidatesFrom, type ChildCandidate, type FoundIdentity, type SearchMatch } from './domain/child-search';
import { identityLookupOf, searchLookupOf, type ChildSearch } from './domain/identity-lookup';

interface SealedIdentityRow {
  referral_id: string;
  child_id: string;
  sealed_identity: SealedSubject;
}

export interface ResolvedChild {
  childId: string;
  match: ChildMatch;
  /** How the referral described the child, sealed: to be written with the referral's events. */
  description: WriteAlongside;
}

/** An identity's blind indexes, in the order the queries take them. */
interface BlindIndexes {
  nhsNumber: Buffer | null;
  upn: Buffer | null;
  birth: Buffer;
  familyName: Buffer;
}

/**
 * Resolves each referral's child to a child id and remembers how the referral described it, without
 * holding any of it in clear: each description is sealed with the child's own key (so an erasure
 * closes it in every backup too) beside blind indexes (keyed hashes) of what the index looks it up
 * by. Candidates are found by those hashes, opened, and matched in full by matchChild, so matching
 * works exactly as it would on clear text.
 *
 * Resolution runs inside the caller's transaction under advisory locks on the identity's keys
 * (birth, NHS number, UPN), so two referrals for the same new child arriving together are
 * serialised and the second finds the first: never two children for one.
 */
@Injectable()
export class ChildIndex implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChildIndex.name);
  private current?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly subjects: SubjectProtection,
    private readonly indexKey: BlindIndexKey,
  ) {}

  /** Brings the index up to date at start-up, so the first referral does not wait for it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.ensureBuiltWithCurrentKey();
  }

  /**
   * The index is derived from the log and found through hashes under this deployment's key: when it
   * was never built (the migration to blind indexes), or built with another key (CHILD_INDEX_KEY
   * changed), every lookup would miss and every child would be new. So it is rebuilt from the log
   * before anything in this process uses it: every method waits for this, whichever comes first (a
   * reaction consumed before the HTTP port opens, a request). Instances starting together rebuild it
   * once: the rebuild takes the table's lock and checks again under it.
   */
  private ensureBuiltWithCurrentKey(): Promise<void> {
    this.current ??= this.rebuild({ onlyIfBuiltWithAnotherKey: true }).then(
      (rebuilt) => {
        if (rebuilt !== null) this.logger.log(`child index rebuilt from the log: ${rebuilt} referrals' descriptions of their children`);
      },
      (error: unknown) => {
        this.current = undefined; // the next use tries again
        throw error;
      },
    );
    return this.current;
  }

  /**
   * The child a referral is about, and the row that remembers how the referral described it: the
   * caller writes that row with the referral's events (WriteAlongside), in this transaction, so the
   * keys' locks are held until both commit and no round trip is spent on it alone.
   */
  async resolve(manager: EntityManager, identity: ChildIdentity, referralId: string): Promise<ResolvedChild> {
    await this.ensureBuiltWithCurrentKey();
    const indexes = this.blindIndexesOf(identity);
    // Every description of every candidate child (a conflict on any of them rules the child out), read under the keys' locks.
    const candidates = await queryPrepared<SealedIdentityRow>(manager, LOCK_AND_FIND_CANDIDATES, [
      lockKeysOf(indexes),
      indexes.nhsNumber,
      indexes.upn,
      indexes.birth,
      indexes.familyName,
    ]);
    const match = matchChild(identity, await this.open(candidates));
    const childId = match.matchedExistingChild ? match.childId : randomUUID();
    return { childId, match, description: await this.descriptionRow(identity, referralId, childId) };
  }

  /** The row recording an identity whose child is already known (a step-up from early help), to write as resolve's is. */
  async remember(identity: ChildIdentity, referralId: string, childId: string): Promise<WriteAlongside> {
    await this.ensureBuiltWithCurrentKey();
    return this.descriptionRow(identity, referralId, childId);
  }

  private async descriptionRow(identity: ChildIdentity, referralId: string, childId: string): Promise<WriteAlongside> {
    const indexes = this.blindIndexesOf(identity);
    const { givenName, familyName, dateOfBirth, unborn, sex, nhsNumber, upn, postcodeDistrict } = identity;
    const description: ChildIdentity = { givenName, familyName, dateOfBirth, unborn, sex, nhsNumber, upn, postcodeDistrict };
    const sealed = await this.subjects.sealForChild(childId, description, referralId);
    return {
      text: INSERT_IDENTITY,
      values: [referralId, childId, indexes.nhsNumber, indexes.upn, indexes.birth, indexes.familyName, JSON.stringify(sealed)],
    };
  }

  /** The child is in the index and none of its descriptions has an NHS number or UPN that conflicts. */
  async canLink(manager: EntityManager, childId: string, identity: ChildIdentity): Promise<boolean> {
    await this.ensureBuiltWithCurrentKey();
    const { nhsNumber, upn } = this.blindIndexesOf(identity);
    const [{ known, conflicting }] = await manager.query(
      `SELECT count(*) > 0 AS known,
              count(*) FILTER (WHERE ($2::bytea IS NOT NULL AND nhs_number_index <> $2) OR ($3::bytea IS NOT NULL AND upn_index <> $3)) > 0 AS conflicting
       FROM child_identities WHERE child_id = $1`,
      [childId, nhsNumber, upn],
    );
    return known && !conflicting;
  }

  /** Each child's earliest recorded date of birth (retention counts from it); children erased meanwhile are left out. */
  async datesOfBirthOf(childIds: string[]): Promise<Map<string, string>> {
    await this.ensureBuiltWithCurrentKey();
    const rows: SealedIdentityRow[] = await this.dataSource.query(
      `SELECT referral_id, child_id, sealed_identity FROM child_identities WHERE child_id = ANY($1::uuid[])`,
      [childIds],
    );
    const earliest = new Map<string, string>();
    for (const identity of await this.open(rows)) {
      const known = earliest.get(identity.childId);
      if (!known || identity.dateOfBirth < known) earliest.set(identity.childId, identity.dateOfBirth);
    }
    return earliest;
  }

  /**
   * The children the front door's search finds through the blind indexes (the search keys hashed as
   * the index hashed them), each with every description referrals gave of them, opened with the
   * child's key: an erased child is gone from the index, and one erased meanwhile no longer opens.
   */
  async search(search: ChildSearch): Promise<ChildCandidate[]> {
    await this.ensureBuiltWithCurrentKey();
    const lookup = searchLookupOf(search);
    const hash = (purpose: string, value: string | null) => (value === null ? null : this.indexKey.indexOf(purpose, value));
    const rows: (SealedIdentityRow & { nhs: boolean; upn: boolean; name_and_birth: boolean; received_at: string })[] =
      await this.dataSource.query(
        `SELECT i.referral_id, i.child_id, i.sealed_identity,
                coalesce(i.nhs_number_index = $1, false) AS nhs, coalesce(i.upn_index = $2, false) AS upn,
                coalesce(i.birth_index = $3 AND i.family_name_index = $4, false) AS name_and_birth,
                coalesce(to_char(q.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '') AS received_at
           FROM child_identities i LEFT JOIN referral_queue q ON q.referral_id = i.referral_id
          WHERE i.child_id IN (SELECT child_id FROM child_identities
                               WHERE nhs_number_index = $1 OR upn_index = $2 OR (birth_index = $3 AND family_name_index = $4))`,
        [
          hash('nhs-number', lookup.nhsNumber),
          hash('upn', lookup.upn),
          hash('birth', lookup.birth),
          hash('family-name', lookup.familyName),
        ],
      );
    const known = new Map((await this.open(rows)).map((identity) => [identity.referralId, identity]));
    const found: FoundIdentity[] = rows.flatMap((row) => {
      const identity = known.get(row.referral_id);
      if (!identity) return [];
      const matched: SearchMatch[] = [
        ...(row.nhs ? (['NHS_NUMBER'] as const) : []),
        ...(row.upn ? (['UPN'] as const) : []),
        ...(row.name_and_birth ? (['FAMILY_NAME_AND_DATE_OF_BIRTH'] as const) : []),
      ];
      return [{ ...identity, matched, receivedAt: row.received_at }];
    });
    return candidatesFrom(found);
  }

  /**
   * Rebuilds the index from the referral events, the source of truth, in log order, whichever shape
   * each was stored in (v1 or v2). An erased child's referrals no longer open: they are left out, so
   * the child is forgotten here too.
   */
  async rebuildFromEvents(identityOf: (data: unknown) => ChildIdentity = identityFromReferralReceived): Promise<number> {
    return (await this.rebuild({ onlyIfBuiltWithAnotherKey: false }, identityOf))!;
  }

  /** Rebuilds in one transaction under the table's lock (writers wait; readers see the old rows until it commits); null if not needed. */
  private async rebuild(
    { onlyIfBuiltWithAnotherKey }: { onlyIfBuiltWithAnotherKey: boolean },
    identityOf: (data: unknown) => ChildIdentity = identityFromReferralReceived,
  ): Promise<number | null> {
    const fingerprint = this.indexKey.indexOf('key-fingerprint', 'child-index');
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE child_identities IN EXCLUSIVE MODE`);
      const [state]: { key_fingerprint: Buffer }[] = await manager.query(`SELECT key_fingerprint FROM child_index_state`);
      if (onlyIfBuiltWithAnotherKey && state?.key_fingerprint.equals(fingerprint)) return null;
      await manager.query(`DELETE FROM child_identities`);
      const rows: EventRow[] = await manager.query(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE type = 'ReferralReceived' ORDER BY global_position`,
      );
      const received = (await this.subjects.open(rows.map(toStoredEvent))).filter((event) => !event.subjectErased);
      for (const { data } of received.map((event) => EVENT_UPCASTERS.toCurrentShape(event))) {
        const { referralId, childId } = data as { referralId: string; childId: string };
        const row = await this.descriptionRow(identityOf(data), referralId, childId);
        await manager.query(row.text, row.values);
      }
      await manager.query(
        `INSERT INTO child_index_state (key_fingerprint) VALUES ($1)
         ON CONFLICT (singleton) DO UPDATE SET key_fingerprint = EXCLUDED.key_fingerprint, rebuilt_at = now()`,
        [fingerprint],
      );
      return received.length;
    });
  }

  private blindIndexesOf(identity: ChildIdentity): BlindIndexes {
    const lookup = identityLookupOf(identity);
    return {
      nhsNumber: lookup.nhsNumber ? this.indexKey.indexOf('nhs-number', lookup.nhsNumber) : null,
      upn: lookup.upn ? this.indexKey.indexOf('upn', lookup.upn) : null,
      birth: this.indexKey.indexOf('birth', lookup.birth),
      familyName: this.indexKey.indexOf('family-name', lookup.familyName),
    };
  }

  /** Opens descriptions; one whose child was erased meanwhile (its key is gone) no longer exists. */
  private async open(rows: SealedIdentityRow[]): Promise<KnownIdentity[]> {
    const opened = await this.subjects.openSealed(rows.map((row) => ({ sealed: row.sealed_identity, boundTo: row.referral_id })));
    return rows.flatMap((row, i) => {
      const identity = opened[i] as ChildIdentity | null;
      return identity ? [{ ...identity, childId: row.child_id, referralId: row.referral_id }] : [];
    });
  }
}

/**
 * The keys locked while an identity is resolved (child_index_lock_and_find takes them in a fixed
 * order, in the same round trip as the read): named by the blind indexes, so nothing identifying
 * reaches the database, not even its statement log.
 */
const lockKeysOf = (indexes: BlindIndexes): string[] =>
  [indexes.birth, indexes.nhsNumber, indexes.upn].filter((key): key is Buffer => key !== null).map((key) => key.toString('hex'));

// Run at every referral: prepared once per connection (queryPrepared).
const LOCK_AND_FIND_CANDIDATES: PreparedStatement = {
  name: 'child-index-lock-and-find',
  text: `SELECT referral_id, child_id, sealed_identity FROM child_index_lock_and_find($1::text[], $2, $3, $4, $5)`,
};

/** Written in the referral's append (WriteAlongside): its own numbering. */
const INSERT_IDENTITY = `INSERT INTO child_identities (referral_id, child_id, nhs_number_index, upn_index, birth_index, family_name_index, sealed_identity)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (referral_id) DO NOTHING`;

/** The identity a ReferralReceived recorded, derived exactly as it was when the referral was taken. */
export const identityFromReferralReceived = (data: unknown): ChildIdentity => {
  const received = parseEventData('ReferralReceived', data);
  const { child } = received.subject;
  return childAtReferral({ ...child, sex: received.child.sex }, londonDateOf(new Date(received.receivedAt)), { checkBirthDates: false })
    .identity;
};
