import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The early help episodes' list: one row per episode, kept by the shared command path in each
 * append's transaction (episode/list-episodes/episode.list.ts). It holds ids, codes and dates only,
 * nothing personal. Due dates are stored as dates and compared with today when read, so `overdue` is
 * never stale. Existing episodes get their rows when the service starts (AggregateStore.catchUpLists
 * folds each stream without a row): a migration cannot fold, since each opening's child is sealed.
 */
export class CreateEpisodeList1768000000000 implements MigrationInterface {
  name = 'CreateEpisodeList1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE episode_list (
        episode_id uuid PRIMARY KEY,
        child_id uuid,
        stage text NOT NULL,
        opened_on date NOT NULL,
        next_due_what text,
        next_due_on date,
        version integer NOT NULL
      )`);
    // The list's order (soonest due first, nothing due last, then the id), so a page is one index range.
    await queryRunner.query(`CREATE INDEX episode_list_by_next_due ON episode_list (next_due_on ASC NULLS LAST, episode_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE episode_list`);
  }
}
