import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentSchemaVersionOf, type ChildErasedV1, type ErasureBasis } from '@csc/contracts';
import { EventStore, NO_STREAM, type AppendContext } from '@csc/event-store';
import { IdempotencyKeys, type IdempotentRequest, type StoredResponse } from '@csc/platform';
import { SubjectKeyVault } from '@csc/privacy';

export interface ErasureRecord {
  childId: string;
  basis: ErasureBasis;
  erasedAt: string;
  keysDestroyed: number;
}

interface ErasureRow {
  child_id: string;
  basis: ErasureBasis;
  erased_at: Date;
  keys_destroyed: number;
}

export const childStreamId = (childId: string) => `child-${childId}`;

/**
 * Erases a child: destroys their keys (so every sealed subject about them, in every service, on
 * every topic and in every replay, stays closed for ever), forgets them in the child index, and
 * tells the other services (ChildErased), all in one transaction with its Idempotency-Key. Keys go
 * first: a crash after that leaves a child whose data is already unreadable and whose erasure a
 * retry completes; never the reverse.
 */
@Injectable()
export class ChildErasure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly keys: SubjectKeyVault,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  /**
   * With an Idempotency-Key, a retry gets the first answer again (201, though the child is erased by
   * then); without one, erasing an erased child answers 200 with the erasure as it was.
   */
  async erase(
    childId: string,
    basis: ErasureBasis,
    reason: string,
    context: AppendContext,
    idempotent?: IdempotentRequest,
  ): Promise<{ erasure: ErasureRecord; created: boolean }> {
    const { status, body } = await this.dataSource.transaction((manager) =>
      this.idempotencyKeys.once(manager, idempotent, () => this.eraseWithin(manager, childId, basis, reason, context)),
    );
    return { erasure: body as ErasureRecord, created: status === 201 };
  }

  private async eraseWithin(
    manager: EntityManager,
    childId: string,
    basis: ErasureBasis,
    reason: string,
    context: AppendContext,
  ): Promise<StoredResponse> {
    // One erasure of a child at a time: a second waits here, then finds the first's record.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('child-erasure:' || $1))`, [childId]);
    const already = await this.find(childId, manager);
    if (already) return { status: 200, body: already };
    if (!(await this.isKnown(childId, manager))) throw new NotFoundException([`childId: no child ${childId}`]);

    // The vault is another database: its keys are destroyed (and stay so) even if this transaction then fails.
    const keysDestroyed = await this.keys.destroyKeysOf(childId);
    await manager.query(`DELETE FROM child_identities WHERE child_id = $1`, [childId]);
    const [row]: ErasureRow[] = await manager.query(
      `INSERT INTO child_erasures (child_id, basis, reason, requested_by, keys_destroyed) VALUES ($1, $2, $3, $4, $5)
       RETURNING child_id, basis, erased_at, keys_destroyed`,
      [childId, basis, reason, JSON.stringify(context.actor), keysDestroyed],
    );
    const erasure = toRecord(row);
    const data: ChildErasedV1 = { childId, basis, erasedAt: erasure.erasedAt, keysDestroyed };
    await this.eventStore.append(
      childStreamId(childId),
      NO_STREAM,
      [
        {
          eventId: randomUUID(),
          type: 'ChildErased',
          schemaVersion: currentSchemaVersionOf('ChildErased'),
          occurredAt: new Date(),
          childId,
          data,
        },
      ],
      context,
      manager,
    );
    return { status: 201, body: erasure };
  }

  async find(childId: string, manager: EntityManager = this.dataSource.manager): Promise<ErasureRecord | null> {
    const [row]: ErasureRow[] = await manager.query(
      `SELECT child_id, basis, erased_at, keys_destroyed FROM child_erasures WHERE child_id = $1`,
      [childId],
    );
    return row ? toRecord(row) : null;
  }

  private async isKnown(childId: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM events WHERE child_id = $1 LIMIT 1`, [childId]);
    return rows.length > 0;
  }
}

const toRecord = (row: ErasureRow): ErasureRecord => ({
  childId: row.child_id,
  basis: row.basis,
  erasedAt: row.erased_at.toISOString(),
  keysDestroyed: row.keys_destroyed,
});
