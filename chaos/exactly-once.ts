import type { Kafka } from 'kafkajs';
import { declaredTopics } from '@csc/contracts';
import type { TestDatabase } from '@csc/testing';
import type { LoadResult } from './steady-load';

export interface WhatWasDelivered {
  /** Notification ids the school's endpoint stored, each once. */
  notificationIds: Set<string>;
  /** Deliveries it acknowledged as repeats of one it already had (the same id: allowed, counted). */
  repeats: number;
}

export interface SettledFigures {
  referrals: number;
  cases: number;
  episodes: number;
  inboxEntries: number;
  notifications: number;
  webhookRepeats: number;
}

interface Probe {
  databases: Record<string, TestDatabase>;
  load: LoadResult;
  delivered: WhatWasDelivered;
  kafka: Kafka;
  topicSuffix: string;
  /** The analytics view of appropriateness, summed over schools: referrals and outcomes counted. */
  appropriateness(): Promise<{ referrals: number; outcomes: Record<string, number> }>;
}

/**
 * The system at rest after the chaos: throws (saying what is still wrong) until every referral the
 * load made is received and decided once, every reaction ran once for every event it handles, every
 * view counts each referral once, every notification reached the school, and nothing is parked or
 * dead-lettered. Meant for `eventually`.
 */
export const settledExactlyOnce = async (probe: Probe): Promise<SettledFigures> => {
  const { databases, load } = probe;
  const accepted = load.referrals.filter(({ outcome }) => outcome === 'ACCEPTED_FOR_ASSESSMENT').length;
  const made = load.referrals.length;
  const countOf = async (service: string, type: string) =>
    Number((await databases[service].dataSource.query(`SELECT count(*) FROM events WHERE type = $1`, [type]))[0].count);

  expectEqual('referrals received', await countOf('referral-intake', 'ReferralReceived'), made);
  expectEqual('referrals decided', await countOf('referral-intake', 'ReferralDecided'), made);
  const cases = await countOf('case-progression', 'CaseOpened');
  expectEqual('cases opened', cases, accepted);
  const episodes = await countOf('early-help', 'EarlyHelpEpisodeOpened');
  expectEqual('early help episodes opened', episodes, made - accepted);

  const inboxEntries = await everyInboxHoldsEveryEventOnce(databases);

  const view = await probe.appropriateness();
  expectEqual('referrals in the appropriateness view', view.referrals, made);
  expectEqual('accepted in the appropriateness view', view.outcomes.ACCEPTED_FOR_ASSESSMENT ?? 0, accepted);

  const notifications = await everyNotificationDeliveredOnce(databases['school-notifications'], probe.delivered, made);

  for (const [service, database] of Object.entries(databases)) {
    expectEqual(`${service}: parked events`, await rowsIn(database, 'parked_events'), 0);
    expectEqual(`${service}: dead letters`, await rowsIn(database, 'dead_letters'), 0);
  }
  await deadLetterTopicsEmpty(probe.kafka, probe.topicSuffix);
  return { referrals: made, cases, episodes, inboxEntries, notifications, webhookRepeats: probe.delivered.repeats };
};

/**
 * Each consumer's inbox, per event type it handles, holds exactly the ids of every event of that type
 * in any service's store: none lost, none handled twice (its key makes a twice impossible to store,
 * so the equal count is what shows none was missed), none left dead-lettered.
 */
const everyInboxHoldsEveryEventOnce = async (databases: Record<string, TestDatabase>): Promise<number> => {
  const stored = new Map<string, Set<string>>();
  for (const database of Object.values(databases)) {
    if (!(await hasTable(database, 'events'))) continue;
    for (const { type, ids } of await database.dataSource.query(`SELECT type, array_agg(event_id) AS ids FROM events GROUP BY type`)) {
      stored.set(type, new Set([...(stored.get(type) ?? []), ...ids]));
    }
  }
  let entries = 0;
  for (const [service, database] of Object.entries(databases)) {
    if (!(await hasTable(database, 'inbox'))) continue;
    const rows: { consumer: string; event_type: string; ids: string[]; not_handled: string }[] = await database.dataSource.query(
      `SELECT consumer, event_type, array_agg(event_id) AS ids, count(*) FILTER (WHERE outcome <> 'HANDLED') AS not_handled
       FROM inbox GROUP BY consumer, event_type`,
    );
    for (const row of rows) {
      const of = `${service}: ${row.consumer}'s inbox of ${row.event_type}`;
      const expected = stored.get(row.event_type) ?? new Set();
      expectEqual(`${of}, entries`, row.ids.length, expected.size);
      expectEqual(`${of}, entries of no stored event`, row.ids.filter((id) => !expected.has(id)).length, 0);
      expectEqual(`${of}, not handled`, Number(row.not_handled), 0);
      entries += row.ids.length;
    }
  }
  return entries;
};

/** Every notification queued once and delivered; the school stored each id (repeats with the same id only acknowledged). */
const everyNotificationDeliveredOnce = async (database: TestDatabase, delivered: WhatWasDelivered, made: number): Promise<number> => {
  const [{ queued, pending }] = await database.dataSource.query(
    `SELECT count(*) AS queued, count(*) FILTER (WHERE state <> 'DELIVERED') AS pending FROM webhook_deliveries`,
  );
  const notificationIds: string[] = (await database.dataSource.query(`SELECT notification_id FROM notifications`)).map(
    (row: { notification_id: string }) => row.notification_id,
  );
  // A reaction run twice would tell a school the same thing twice under two ids: one of each kind per referral.
  const [{ repeated, referrals_told }] = await database.dataSource.query(
    `SELECT count(*) FILTER (WHERE times > 1) AS repeated, count(DISTINCT referral_id) AS referrals_told
     FROM (SELECT referral_id, type, count(*) AS times FROM notifications GROUP BY referral_id, type) per_kind`,
  );
  expectEqual('referrals a school was told the same thing twice about', Number(repeated), 0);
  expectEqual('referrals the school was told about', Number(referrals_told), made);
  expectEqual('notifications queued for delivery', Number(queued), notificationIds.length);
  expectEqual('deliveries not yet delivered', Number(pending), 0);
  expectEqual('notifications the school stored', delivered.notificationIds.size, notificationIds.length);
  expectEqual('notifications the school is missing', notificationIds.filter((id) => !delivered.notificationIds.has(id)).length, 0);
  return notificationIds.length;
};

const deadLetterTopicsEmpty = async (kafka: Kafka, suffix: string) => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const { topic: deadLetters } of declaredTopics({ suffix }).filter(({ holds }) => holds === 'dead-letters')) {
      const messages = (await admin.fetchTopicOffsets(deadLetters)).reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
      expectEqual(`messages on ${deadLetters}`, messages, 0);
    }
  } finally {
    await admin.disconnect();
  }
};

const hasTable = async (database: TestDatabase, table: string) =>
  (await database.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]))[0].present as boolean;

const rowsIn = async (database: TestDatabase, table: string) =>
  (await hasTable(database, table)) ? Number((await database.dataSource.query(`SELECT count(*) FROM ${table}`))[0].count) : 0;

/** A plain throw naming what differs: `eventually` shows the last one when the deadline passes. */
const expectEqual = (what: string, actual: number, expected: number) => {
  if (actual !== expected) throw new Error(`not settled: ${what} is ${actual}, expected ${expected}`);
};
