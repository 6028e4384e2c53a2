import { threadId } from 'node:worker_threads';
import { decisionsProjection } from './decisions-projection.spec-support';

/** The tables the threaded tests steer a projection thread by, from the test's own thread. */
export const THREAD_TEST_TABLES = {
  /** Event ids the projection cannot apply (dead-lettered), until deleted ("fixed"). */
  poison: 'projection_thread_poison',
  /** Event ids that end the thread applying them (process.exit in a worker ends only that thread). */
  fatal: 'projection_thread_fatal',
  /** The thread each batch was applied in (0 is the process's main thread). */
  appliedIn: 'projection_thread_applied_in',
};

/**
 * decisionsProjection, as a projection thread loads it (ProjectionHost's `threads.definitions`): the
 * rows it applies, and what the tests ask of it through the database, the one thing they share.
 */
export const THREADED_DECISIONS = [
  decisionsProjection({
    afterRows: async (manager, events) => {
      const ids = events.map((event) => event.eventId);
      await manager.query(`INSERT INTO ${THREAD_TEST_TABLES.appliedIn} (thread_id) VALUES ($1)`, [threadId]);
      if ((await manager.query(`SELECT 1 FROM ${THREAD_TEST_TABLES.fatal} WHERE event_id = ANY($1::uuid[])`, [ids])).length > 0) {
        process.exit(1);
      }
      const [poison] = await manager.query(`SELECT event_id FROM ${THREAD_TEST_TABLES.poison} WHERE event_id = ANY($1::uuid[])`, [ids]);
      if (poison) throw new Error(`cannot apply ReferralDecided ${poison.event_id}`);
    },
  }),
];
