/**
 * kafkajs 2.2.4 is patched (patches/kafkajs+2.2.4.patch): `admin.createTopics({ waitForLeaders: true })`
 * asks the broker for the new topics' metadata until their leaders are known, and waited only while the
 * answer was LEADER_NOT_AVAILABLE. A broker that has not yet applied the creation answers
 * UNKNOWN_TOPIC_OR_PARTITION instead, and kafkajs gave up at once: under load (two test
 * files at a time on two cores) a test's topics, created a moment before, failed its set-up with "This
 * server does not host this topic-partition". `npm start` and the services create their topics the same
 * way. The patch also skips the wait when only validating, where no topic is made to have a leader (kafkajs#1222
 * waited, and failed). These tests drive the admin client's own code with a stand-in for the broker's answers;
 * all but the second fail without the patch.
 */
interface ProtocolErrorType {
  type: string;
}

const createAdmin = jest.requireActual<
  (options: Record<string, unknown>) => {
    createTopics(options: {
      topics: { topic: string }[];
      validateOnly?: boolean;
      waitForLeaders?: boolean;
      timeout?: number;
    }): Promise<boolean>;
  }
>('kafkajs/src/admin');
const { createErrorFromCode } = jest.requireActual<{ createErrorFromCode(code: number): Error & ProtocolErrorType }>(
  'kafkajs/src/protocol/error',
);

const UNKNOWN_TOPIC_OR_PARTITION = 3;
const TOPIC_AUTHORIZATION_FAILED = 29;

const silentLogger = () => {
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, namespace: () => logger };
  return logger;
};

/** An admin client whose broker answers the metadata requests with `answers`, in turn (an error code, or the metadata). */
const anAdmin = (answers: (number | 'leaders known')[]) => {
  const metadataRequests: string[][] = [];
  const broker = {
    createTopics: async () => undefined,
    metadata: async (topics: string[]) => {
      metadataRequests.push(topics);
      const answer = answers.shift() ?? 'leaders known';
      if (answer !== 'leaders known') throw createErrorFromCode(answer);
      return { topicMetadata: topics.map((topic) => ({ topic, partitionMetadata: [{ partitionId: 0, leader: 1 }] })) };
    },
  };
  const cluster = { refreshMetadata: async () => undefined, findControllerBroker: async () => broker };
  const admin = createAdmin({ logger: silentLogger(), cluster, retry: { retries: 0 } });
  return { admin, metadataRequests };
};

describe("kafkajs's createTopics waiting for leaders, as patched", () => {
  it('waits while the broker does not know the new topic yet, as it waits while its leader is being elected', async () => {
    const { admin, metadataRequests } = anAdmin([UNKNOWN_TOPIC_OR_PARTITION, UNKNOWN_TOPIC_OR_PARTITION, 'leaders known']);
    await expect(admin.createTopics({ topics: [{ topic: 'referrals.test' }], waitForLeaders: true, timeout: 5_000 })).resolves.toBe(true);
    expect(metadataRequests).toEqual([['referrals.test'], ['referrals.test'], ['referrals.test']]);
  });

  it('still fails at once on any other error', async () => {
    const { admin, metadataRequests } = anAdmin([TOPIC_AUTHORIZATION_FAILED]);
    await expect(admin.createTopics({ topics: [{ topic: 'referrals.test' }], waitForLeaders: true, timeout: 5_000 })).rejects.toMatchObject(
      {
        type: 'TOPIC_AUTHORIZATION_FAILED',
      },
    );
    expect(metadataRequests).toHaveLength(1);
  });

  it('does not wait for leaders when only validating: nothing was created', async () => {
    const { admin, metadataRequests } = anAdmin([UNKNOWN_TOPIC_OR_PARTITION]);
    await expect(
      admin.createTopics({ topics: [{ topic: 'referrals.test' }], validateOnly: true, waitForLeaders: true, timeout: 5_000 }),
    ).resolves.toBe(true);
    expect(metadataRequests).toEqual([]);
  });

  it('gives up when the topic never appears, after its timeout', async () => {
    const { admin } = anAdmin(Array<number>(1_000).fill(UNKNOWN_TOPIC_OR_PARTITION));
    await expect(admin.createTopics({ topics: [{ topic: 'referrals.test' }], waitForLeaders: true, timeout: 500 })).rejects.toThrow(
      'Timed out while waiting for topic leaders',
    );
  });
});
