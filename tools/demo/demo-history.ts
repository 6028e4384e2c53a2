import type { Kafka } from 'kafkajs';
import { TOPICS, type EventEnvelope } from '@csc/contracts';
import { createKafkaClient, parseBrokers, type KafkaConnection } from '@csc/messaging';
import { defaultKeyVaultOwnerUrl } from '@csc/platform';
import { connectKeyVault, LOCAL_DEVELOPMENT_MASTER_KEYS } from '@csc/privacy';
import {
  generateHistory,
  generateTeamAroundTheSchoolCohort,
  HistorySubjectKeys,
  publishHistory,
  rootSubjectKeyOf,
  type HistorySubjectKey,
} from '@csc/synthetic-history';

/** The demo's history: last census year (April to March) of a mid-sized authority, and Team Around the School's cohort before it. */
export const DEMO_YEAR = { from: '2025-04-01', to: '2026-03-31' };
export const DEMO_TEAM_AROUND_THE_SCHOOL = { from: '2019-09-02', to: '2020-09-01' };

/** Both parts of the demo seal their subjects with keys from one root, handed to the key vault after. */
const DEMO_SUBJECT_KEY = rootSubjectKeyOf('demo');

function* demoHistory(): Generator<EventEnvelope> {
  yield* generateTeamAroundTheSchoolCohort({ seed: 'demo-tas', startOn: DEMO_TEAM_AROUND_THE_SCHOOL.from, subjectKey: DEMO_SUBJECT_KEY });
  yield* generateHistory({ seed: 'demo', startOn: DEMO_YEAR.from, years: 1, subjectKey: DEMO_SUBJECT_KEY });
}

/** Services that react to each other's events, each as one consumer group named after it (libs/platform bootstrap). */
const REACTING_SERVICES = ['referral-intake', 'case-progression', 'early-help', 'school-notifications'];

/**
 * Loads the demo year into the topics once: a log that already holds early help history is left
 * alone, so `npm start` twice does not double it. Returns how many events it published (0 if none).
 * Run before the services start: the history is then marked as already handled by their reactions
 * (as when a local authority migrates its past in), so no case is opened twice and no school is
 * sent a year of old notifications; analytics, which keeps its own offsets, reads it all.
 */
export const loadDemoHistory = async (brokers: string, connection: KafkaConnection): Promise<number> => {
  const kafka = createKafkaClient({
    clientId: 'demo-loader',
    brokers: parseBrokers(brokers),
    connection,
    log: (level, message) => level === 'error' && console.error(message),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(TOPICS.earlyHelp);
    if (offsets.some((partition) => Number(partition.high) > 0)) return 0;
  } finally {
    await admin.disconnect();
  }
  let lastShown = 0;
  const keys = new HistorySubjectKeys(DEMO_SUBJECT_KEY);
  const { total } = await publishHistory(keys.noting(demoHistory()), {
    brokers,
    connection,
    onProgress: ({ total: sent }) => {
      if (sent - lastShown >= 10_000) {
        process.stderr.write(`\r  demo history: ${sent.toLocaleString('en-GB')} events published`);
        lastShown = sent;
      }
    },
  });
  process.stderr.write('\n');
  await importSubjectKeys(keys.keys());
  await markHandledByReactions(kafka);
  return total;
};

/**
 * The demo year's children's keys go into the key vault, as a council's migrated past would bring
 * its own: the services that may open subjects (statutory returns) can then state the children's
 * details, and an erasure destroys a demo child's key like any other's.
 */
const importSubjectKeys = async (keys: HistorySubjectKey[]): Promise<void> => {
  const { vault, close } = connectKeyVault({
    url: process.env.KEY_VAULT_OWNER_URL ?? defaultKeyVaultOwnerUrl(),
    masterKeys: process.env.SUBJECT_MASTER_KEYS ?? LOCAL_DEVELOPMENT_MASTER_KEYS,
    currentMasterKeyId: process.env.SUBJECT_MASTER_KEY_ID,
    applicationName: 'demo-loader',
  });
  try {
    const imported = await vault.importKeys(keys);
    const already = keys.length - imported;
    process.stderr.write(
      `  demo history: ${imported.toLocaleString('en-GB')} children's keys put in the key vault${already > 0 ? ` (${already.toLocaleString('en-GB')} were there already)` : ''}\n`,
    );
  } finally {
    await close();
  }
};

const markHandledByReactions = async (kafka: Kafka) => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of Object.values(TOPICS)) {
      const ends = (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ partition, offset: high }));
      for (const groupId of REACTING_SERVICES) await admin.setOffsets({ groupId, topic, partitions: ends });
    }
  } finally {
    await admin.disconnect();
  }
};
