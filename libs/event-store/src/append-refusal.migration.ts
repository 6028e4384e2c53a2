import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SQLSTATE of an append refused on its stream's version (or overtaken): see AddAppendRefusal. */
export const APPEND_REFUSED_SQLSTATE = 'ES409';

/**
 * An append's refusal as an error raised in its own statement, not a quiet answer: whatever was written
 * beside the events in that statement (a list's row, the audit trail's rows, a guard's change) is then
 * undone with it, with or without a transaction around it, so an append needs no transaction of its
 * own. The detail carries the stream's version and whether it was overtaken (no personal data: a
 * stream id and numbers), from which the store answers a ConcurrencyError.
 */
export class AddAppendRefusal1769000000000 implements MigrationInterface {
  name = 'AddAppendRefusal1769000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION event_store_refuse_append(stream_id text, current_version int, overtaken boolean)
      RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        RAISE EXCEPTION 'append to % refused: the stream is at version % (overtaken by a later transaction: %)',
          stream_id, current_version, overtaken
          USING ERRCODE = '${APPEND_REFUSED_SQLSTATE}',
                DETAIL = json_build_object('version', current_version, 'overtaken', overtaken)::text;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION event_store_refuse_append(text, int, boolean)`);
  }
}
