import type { DataSource, EntityManager } from 'typeorm';
import { ProjectionOffsets } from './projection-offsets';
import { versionTables, type ProjectionDefinition, type VersionState, type VersionTables } from './projection';

export interface ProjectionVersionRow {
  projection: string;
  version: number;
  state: VersionState;
  createdAt: Date;
  becameCurrentAt: Date | null;
}

/** The versions of each projection: which one serves, starting a rebuild, and the swap when it has caught up. */
export class ProjectionVersions {
  constructor(private readonly dataSource: DataSource) {}

  async list(projection?: string): Promise<ProjectionVersionRow[]> {
    const rows: { projection: string; version: number; state: VersionState; created_at: Date; became_current_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT projection, version, state, created_at, became_current_at FROM projection_versions
         WHERE state <> 'RETIRED' AND ($1::text IS NULL OR projection = $1) ORDER BY projection, version`,
        [projection ?? null],
      );
    return rows.map((row) => ({
      projection: row.projection,
      version: row.version,
      state: row.state,
      createdAt: row.created_at,
      becameCurrentAt: row.became_current_at,
    }));
  }

  /** The serving version's tables, for a view's query. */
  async currentTables(definition: ProjectionDefinition, manager: EntityManager = this.dataSource.manager): Promise<VersionTables> {
    const [row] = await manager.query(`SELECT version FROM projection_versions WHERE projection = $1 AND state = 'CURRENT'`, [
      definition.name,
    ]);
    if (!row) throw new Error(`projection ${definition.name} has no current version`);
    return versionTables(definition, row.version);
  }

  /** On first start: version 1, current from the beginning (empty, it fills as it reads from offset 0). */
  async ensureCurrent(definition: ProjectionDefinition): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, definition.name);
      const [current] = await manager.query(`SELECT 1 FROM projection_versions WHERE projection = $1 AND state = 'CURRENT'`, [
        definition.name,
      ]);
      if (current) return;
      await this.create(manager, definition, 'CURRENT');
    });
  }

  /** A new version that reads from offset 0 beside the current one; the one already building if there is one. */
  async startRebuild(definition: ProjectionDefinition): Promise<{ version: number; started: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, definition.name);
      const [building] = await manager.query(`SELECT version FROM projection_versions WHERE projection = $1 AND state = 'BUILDING'`, [
        definition.name,
      ]);
      if (building) return { version: building.version as number, started: false };
      return { version: await this.create(manager, definition, 'BUILDING'), started: true };
    });
  }

  /**
   * A rebuild replacing `version` (the log it read was lost): the one already building, or a new one; null
   * when `version` is no longer current or building (another instance's rebuild has replaced it already).
   */
  async startRebuildReplacing(definition: ProjectionDefinition, version: number): Promise<{ version: number; started: boolean } | null> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, definition.name);
      const rows: { version: number; state: VersionState }[] = await manager.query(
        `SELECT version, state FROM projection_versions WHERE projection = $1 AND state IN ('CURRENT', 'BUILDING')`,
        [definition.name],
      );
      const building = rows.find((row) => row.state === 'BUILDING');
      if (building) return { version: building.version, started: false };
      if (!rows.some((row) => row.version === version)) return null;
      return { version: await this.create(manager, definition, 'BUILDING'), started: true };
    });
  }

  /**
   * The rebuilt version becomes current, in one transaction with retiring the old one (whose tables
   * and offsets go with it). Returns the retired version, or null if this version was not building.
   */
  async swap(definition: ProjectionDefinition, version: number): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, definition.name);
      const [building] = await manager.query(
        `SELECT 1 FROM projection_versions WHERE projection = $1 AND version = $2 AND state = 'BUILDING'`,
        [definition.name, version],
      );
      if (!building) return null;
      // An UPDATE through TypeORM answers [rows, count].
      const [[retired]] = await manager.query(
        `UPDATE projection_versions SET state = 'RETIRED', retired_at = now() WHERE projection = $1 AND state = 'CURRENT' RETURNING version`,
        [definition.name],
      );
      await manager.query(
        `UPDATE projection_versions SET state = 'CURRENT', became_current_at = now() WHERE projection = $1 AND version = $2`,
        [definition.name, version],
      );
      if (retired) {
        for (const table of Object.values(versionTables(definition, retired.version))) await manager.query(`DROP TABLE IF EXISTS ${table}`);
        await new ProjectionOffsets().discard(manager, { projection: definition.name, version: retired.version });
      }
      return (retired?.version as number | undefined) ?? null;
    });
  }

  /** The Kafka cluster whose log the version read, or null before its runner first looked. */
  async clusterOf(projection: string, version: number): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT cluster_id FROM projection_versions WHERE projection = $1 AND version = $2`, [
      projection,
      version,
    ]);
    return (row?.cluster_id as string | null | undefined) ?? null;
  }

  async recordCluster(projection: string, version: number, clusterId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE projection_versions SET cluster_id = $3 WHERE projection = $1 AND version = $2 AND cluster_id IS NULL`,
      [projection, version, clusterId],
    );
  }

  /**
   * A rebuild whose offsets refer to a log the broker no longer holds is given up (retired, its tables
   * and offsets dropped) so a new one can start from offset 0; the current version serves meanwhile.
   */
  async abandonBuilding(definition: ProjectionDefinition, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, definition.name);
      const [[abandoned]] = await manager.query(
        `UPDATE projection_versions SET state = 'RETIRED', retired_at = now() WHERE projection = $1 AND version = $2 AND state = 'BUILDING' RETURNING version`,
        [definition.name, version],
      );
      if (!abandoned) return;
      for (const table of Object.values(versionTables(definition, version))) await manager.query(`DROP TABLE IF EXISTS ${table}`);
      await new ProjectionOffsets().discard(manager, { projection: definition.name, version });
    });
  }

  private async create(manager: EntityManager, definition: ProjectionDefinition, state: VersionState): Promise<number> {
    const [{ next }] = await manager.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM projection_versions WHERE projection = $1`, [
      definition.name,
    ]);
    await manager.query(
      `INSERT INTO projection_versions (projection, version, state, became_current_at) VALUES ($1, $2, $3, CASE WHEN $3 = 'CURRENT' THEN now() END)`,
      [definition.name, next, state],
    );
    const tables = versionTables(definition, next);
    for (const table of Object.values(tables)) await manager.query(`DROP TABLE IF EXISTS ${table}`);
    await definition.createTables(manager, tables);
    return next;
  }

  /** One change to a projection's versions at a time, across every instance of the service. */
  private lock(manager: EntityManager, projection: string) {
    return manager.query(`SELECT pg_advisory_xact_lock(hashtext('projection-versions'), hashtext($1))`, [projection]);
  }
}
