import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentSchemaVersionOf, type ChildErasedV1, type ErasureBasis } from '@csc/contracts';
import { EventStore, NO_STREAM, type AppendContext } from '@csc/event-store';
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
 * tells the other services (ChildErased). Keys go first: a crash after that leaves a child whose
 * data is already unreadable and whose erasure a retry completes; never the reverse.
 */
@Injectable()
export class ChildErasure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly keys: SubjectKeyVault,
  ) {}

  async erase(
    childId: string,
    basis: ErasureBasis,
    reason: string,
    context: AppendContext,
  ): Promise<{ erasure: ErasureRecord; created: boolean }> {
    const already = await this.find(childId);
    if (already) return { erasure: already, created: false };
    if (!(await this.isKnown(childId))) throw new NotFoundException([`childId: no child ${childId}`]);

    const keysDestroyed = await this.keys.destroyKeysOf(childId);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('child-erasure:' || $1))`, [childId]);
      const meanwhile = await this.find(childId, manager);
      if (meanwhile) return { erasure: meanwhile, created: false };
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
      return { erasure, created: true };
    });
  }

  async find(childId: string, manager: EntityManager = this.dataSource.manager): Promise<ErasureRecord | null> {
    const [row]: ErasureRow[] = await manager.query(
      `SELECT child_id, basis, erased_at, keys_destroyed FROM child_erasures WHERE child_id = $1`,
      [childId],
    );
    return row ? toRecord(row) : null;
  }

  private async isKnown(childId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM events WHERE child_id = $1 LIMIT 1`, [childId]);
    return rows.length > 0;
  }
}

const toRecord = (row: ErasureRow): ErasureRecord => ({
  childId: row.child_id,
  basis: row.basis,
  erasedAt: row.erased_at.toISOString(),
  keysDestroyed: row.keys_destroyed,
});
