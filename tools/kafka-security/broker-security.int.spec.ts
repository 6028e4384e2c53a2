import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kafka, logLevel, type Consumer, type KafkaConfig } from 'kafkajs';
import { deadLetterTopicOf, TOPICS, type DomainTopic } from '@csc/contracts';
import { createMissingDomainTopics, listPrincipals, readPrincipalSettings, type PrincipalSettings } from '@csc/messaging';
import { applyKafkaAcls } from './apply-kafka-acls';
import { ADMIN_PRINCIPAL, desiredAcls, DOMAIN_TOPICS, READER_PRINCIPAL, type ServiceName } from './kafka-acl-rules';

/**
 * The secured broker (kafka.sh's default), started through infra/kafka/kafka.sh unless it already
 * answers (KAFKA_RUN_DIR and KAFKA_PORT, as kafka.sh reads them, point it at another), and stopped
 * afterwards only if this file started it. Every refusal has a granted twin beside it, so
 * that a broker refusing everything fails as surely as one refusing nothing.
 */
const repo = resolve(__dirname, '../..');
const runDir = resolve(process.env.KAFKA_RUN_DIR ?? join(repo, '.run', 'kafka-secure'));
const port = process.env.KAFKA_PORT ?? '19092';
const brokerEnv = {
  ...process.env,
  KAFKA_SECURITY: 'sasl_ssl',
  KAFKA_RUN_DIR: runDir,
  KAFKA_PORT: port,
  KAFKA_CONTROLLER_PORT: String(Number(port) + 1),
  KAFKA_READERS_PORT: String(Number(port) + 2),
};
const kafkaSh = (command: 'start' | 'stop' | 'status'): string =>
  execFileSync('bash', [join(repo, 'infra/kafka/kafka.sh'), command], {
    env: brokerEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const suffix = `.test-${randomBytes(4).toString('hex')}`;
const suffixed = (topic: DomainTopic): string => `${topic}${suffix}`;
const analyst = `analyst-${randomBytes(3).toString('hex')}`;

let startedHere = false;
let principals: Record<string, PrincipalSettings>;

/** kafkajs configured directly, as an outside client would be: TLS against the local CA, then SCRAM-SHA-512. */
const clientAs = (principal: string, overrides: Partial<KafkaConfig> = {}): Kafka => {
  const settings = principals[principal];
  return new Kafka({
    clientId: `broker-security-${principal}`,
    brokers: [`127.0.0.1:${port}`],
    ssl: { ca: [readFileSync(settings.caFile, 'utf8')] },
    sasl: { mechanism: 'scram-sha-512', username: settings.name, password: settings.password },
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5000,
    retry: { retries: 8, initialRetryTime: 300 },
    ...overrides,
  });
};

/** The broker's error code behind a kafkajs error, however deep kafkajs wrapped it. */
const brokerErrorOf = async (attempt: Promise<unknown>): Promise<string> => {
  try {
    await attempt;
  } catch (error) {
    const seen: unknown[] = [error];
    for (const current of seen) {
      const candidate = current as { type?: string; name?: string; cause?: unknown; originalError?: unknown; errors?: unknown[] };
      if (candidate?.type) return candidate.type;
      seen.push(...[candidate?.cause, candidate?.originalError, ...(candidate?.errors ?? [])].filter(Boolean));
    }
    return (error as Error).name;
  }
  return 'no error';
};

/**
 * The broker's refusal of a consumer group. kafkajs drops the broker's error when no broker finds
 * the group's coordinator (it throws KafkaJSGroupCoordinatorNotFound alone), but logs it at debug
 * level first: the error codes are read from there.
 */
const groupRefusalOf = async (principal: string, group: string, topic: string): Promise<string[]> => {
  const seen: string[] = [];
  const kafka = clientAs(principal, {
    logLevel: logLevel.DEBUG,
    logCreator: () => (entry) => {
      const type = (entry.log.error as { type?: string } | undefined)?.type;
      if (type) seen.push(type);
    },
  });
  const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    seen.push(await brokerErrorOf(consumer.run({ eachMessage: async () => undefined })));
    return seen;
  } finally {
    await consumer.disconnect();
  }
};

const produce = async (principal: string, topic: string, value: string): Promise<void> => {
  const producer = clientAs(principal).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [{ key: 'child-1', value }] });
  } finally {
    await producer.disconnect();
  }
};

/** Reads `topics` from offset 0 as `principal` in group `group` until `count` messages arrived. */
const consume = async (principal: string, group: string, topics: string[], count: number): Promise<string[]> => {
  const consumer: Consumer = clientAs(principal).consumer({ groupId: group, maxWaitTimeInMs: 100 });
  const values: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    const done = new Promise<void>((resolveDone, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      void consumer
        .run({
          eachMessage: async ({ message }) => {
            values.push(message.value?.toString() ?? '');
            if (values.length >= count) resolveDone();
          },
        })
        .catch(reject);
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`read ${values.length} of ${count} in time`)), 30_000)),
    );
    await Promise.race([done, deadline]).finally(() => clearTimeout(timer));
    return values;
  } finally {
    await consumer.disconnect();
  }
};

/**
 * A broker that has just started may answer a new topic's metadata with UNKNOWN_TOPIC_OR_PARTITION
 * for a moment; creating the missing topics is idempotent, so it is simply tried again.
 */
const untilItWorks = async (attempt: () => Promise<unknown>, deadline = Date.now() + 60_000): Promise<void> => {
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolveSoon) => setTimeout(resolveSoon, 500));
    }
  }
};

/** kcat as the README runs it, with a reader's librdkafka settings file: its output, or the error it ended with. */
const kcat = (properties: string, args: string[], input?: string): { ok: boolean; output: string } => {
  try {
    return {
      ok: true,
      output: execFileSync('kcat', ['-F', properties, ...args], {
        input,
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: 30_000,
      }),
    };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
  }
};

/** A kafkajs client on the readers' mutual-TLS listener, presenting `certificate` (a PKCS#12 file and its password) or none. */
const readersListenerClient = (certificate?: { p12: string; password: string }): Kafka =>
  new Kafka({
    clientId: 'broker-security-readers-listener',
    brokers: [`127.0.0.1:${brokerEnv.KAFKA_READERS_PORT}`],
    ssl: {
      ca: [readFileSync(join(runDir, 'tls', 'ca.pem'), 'utf8')],
      ...(certificate ? { pfx: readFileSync(certificate.p12), passphrase: certificate.password } : {}),
    },
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });

const listTopicsWith = async (kafka: Kafka): Promise<string[]> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
};

const forgedReferralDecided = JSON.stringify({
  eventId: randomUUID(),
  type: 'ReferralDecided',
  schemaVersion: 1,
  streamId: `referral-${randomUUID()}`,
  data: { decision: 'ACCEPTED_FOR_ASSESSMENT' },
});

beforeAll(async () => {
  try {
    kafkaSh('status');
  } catch {
    // Stopped at the end only if this file started it: never the broker other test files are using.
    startedHere = !/already running|already answers/.test(kafkaSh('start'));
  }
  principals = Object.fromEntries(listPrincipals(runDir).map((settings) => [settings.name, settings]));
  if (!principals[ADMIN_PRINCIPAL]) {
    // Something answers on the port, but not a broker of this run directory (another checkout's, say).
    throw new Error(`127.0.0.1:${port} answers, but ${runDir} holds no principals: free the port or set KAFKA_PORT and KAFKA_RUN_DIR`);
  }
  const admin = clientAs(ADMIN_PRINCIPAL);
  // Only admin creates topics: the deployed names (for the refusals) and this file's suffixed copies.
  await untilItWorks(() => createMissingDomainTopics(admin));
  await untilItWorks(() => createMissingDomainTopics(admin, suffix));
  for (const topic of DOMAIN_TOPICS) await produce(ADMIN_PRINCIPAL, suffixed(topic), `history of ${topic}`);
  // A new broker loads its consumer offsets topic at the first group's join: wait for that here, as admin.
  await untilItWorks(() => consume(ADMIN_PRINCIPAL, `warm-up${suffix}`, [suffixed(TOPICS.referralIntake)], 1));
}, 240_000);

afterAll(async () => {
  // Its credential stays on the broker with no ACL left to use; its settings file and ACLs go.
  for (const file of [`${analyst}.env`, `${analyst}.p12`, `${analyst}.librdkafka.properties`])
    rmSync(join(runDir, 'principals', file), { force: true });
  if (principals) {
    const analysts = listPrincipals(runDir).filter(({ access }) => access === 'read');
    await applyKafkaAcls(clientAs(ADMIN_PRINCIPAL), desiredAcls(analysts.map(({ name }) => name)));
  }
  if (startedHere) kafkaSh('stop');
}, 120_000);

describe('the secured broker lets in only who belongs', () => {
  it('refuses a client without TLS, and a TLS client that does not sign in', async () => {
    const plaintext = new Kafka({
      clientId: 'no-tls',
      brokers: [`127.0.0.1:${port}`],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      requestTimeout: 3000,
      retry: { retries: 0 },
    });
    expect(
      await brokerErrorOf(
        plaintext
          .admin()
          .connect()
          .then(() => plaintext.admin().listTopics()),
      ),
    ).not.toBe('no error');

    const anonymous = clientAs(ADMIN_PRINCIPAL, { sasl: undefined, requestTimeout: 3000, retry: { retries: 0 } });
    const admin = anonymous.admin();
    expect(await brokerErrorOf(admin.connect().then(() => admin.listTopics()))).not.toBe('no error');
    await admin.disconnect();
  });

  it('refuses a wrong password and lets the right one in', async () => {
    const wrong = clientAs(READER_PRINCIPAL, {
      sasl: { mechanism: 'scram-sha-512', username: READER_PRINCIPAL, password: 'not-the-password' },
      retry: { retries: 0 },
    });
    expect(await brokerErrorOf(wrong.admin().connect())).toBe('KafkaJSSASLAuthenticationError');

    const right = clientAs(READER_PRINCIPAL).admin();
    await right.connect();
    await right.disconnect();
  });

  it('refuses analytics a write on referral intake’s topic', async () => {
    expect(await brokerErrorOf(produce('analytics', TOPICS.referralIntake, 'forged'))).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it("refuses case-progression a read of school notifications' topic, and grants it referral intake's", async () => {
    const group = `case-progression.acl-${randomBytes(3).toString('hex')}`;
    expect(await brokerErrorOf(consume('case-progression', group, [suffixed(TOPICS.schoolNotifications)], 1))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(await consume('case-progression', group, [suffixed(TOPICS.referralIntake)], 1)).toEqual([`history of ${TOPICS.referralIntake}`]);
  });

  it('lets a service use only consumer groups named after it', async () => {
    expect(await groupRefusalOf('case-progression', 'early-help', suffixed(TOPICS.referralIntake))).toContain('GROUP_AUTHORIZATION_FAILED');
    expect(await groupRefusalOf('analytics', `${READER_PRINCIPAL}.notebook`, suffixed(TOPICS.referralIntake))).toContain(
      'GROUP_AUTHORIZATION_FAILED',
    );
  });

  it('lets the reader principal read every domain topic and produce to none', async () => {
    const read = await consume(READER_PRINCIPAL, `${READER_PRINCIPAL}.acl-test`, DOMAIN_TOPICS.map(suffixed), DOMAIN_TOPICS.length);
    expect(read.sort()).toEqual(DOMAIN_TOPICS.map((topic) => `history of ${topic}`).sort());
    for (const topic of [...DOMAIN_TOPICS, ...DOMAIN_TOPICS.map(suffixed), ...DOMAIN_TOPICS.map(deadLetterTopicOf)]) {
      expect([topic, await brokerErrorOf(produce(READER_PRINCIPAL, topic, 'forged'))]).toEqual([topic, 'TOPIC_AUTHORIZATION_FAILED']);
    }
  });

  it("refuses a ReferralDecided forged with early help's credentials onto referral intake's topic", async () => {
    expect(await brokerErrorOf(produce('early-help', TOPICS.referralIntake, forgedReferralDecided))).toBe('TOPIC_AUTHORIZATION_FAILED');
    // Also under a deployment's suffix, though early help may write that topic's dead letters.
    expect(await brokerErrorOf(produce('early-help', suffixed(TOPICS.referralIntake), forgedReferralDecided))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    // Granted: referral intake on its own topic, early help on its own and on the dead letters of a topic it consumes.
    await produce('referral-intake', suffixed(TOPICS.referralIntake), forgedReferralDecided);
    await produce('early-help', suffixed(TOPICS.earlyHelp), 'an early help event');
    await produce('early-help', deadLetterTopicOf(suffixed(TOPICS.referralIntake)), forgedReferralDecided);
    await produce('early-help', deadLetterTopicOf(TOPICS.referralIntake), forgedReferralDecided);
  });

  it('lets only admin create topics or change ACLs', async () => {
    const service = clientAs('referral-intake' satisfies ServiceName).admin();
    await service.connect();
    try {
      expect(await brokerErrorOf(service.createTopics({ topics: [{ topic: `${TOPICS.referralIntake}${suffix}.extra` }] }))).toBe(
        'TOPIC_AUTHORIZATION_FAILED',
      );
      expect(await brokerErrorOf(applyKafkaAcls(clientAs('referral-intake'), []))).toBe('CLUSTER_AUTHORIZATION_FAILED');
    } finally {
      await service.disconnect();
    }
  });

  it('holds exactly the rules of kafka-acl-rules.ts, and re-applying them changes nothing', async () => {
    const analysts = listPrincipals(runDir)
      .filter(({ access }) => access === 'read')
      .map(({ name }) => name);
    expect(await applyKafkaAcls(clientAs(ADMIN_PRINCIPAL), desiredAcls(analysts))).toEqual({
      created: 0,
      deleted: 0,
      kept: desiredAcls(analysts).length,
    });
  });

  it("makes an analyst's read-only principal with npm run kafka:principal", async () => {
    const output = execFileSync('npm', ['run', '-s', 'kafka:principal', '--', '--name', analyst, '--read'], {
      cwd: repo,
      env: brokerEnv,
      encoding: 'utf8',
    });
    expect(output).toContain(join(runDir, 'principals', `${analyst}.env`));
    principals[analyst] = readPrincipalSettings(runDir, analyst);
    expect(output).not.toContain(principals[analyst].password);

    expect(await consume(analyst, `${analyst}.notebook`, [suffixed(TOPICS.caseProgression)], 1)).toEqual([
      `history of ${TOPICS.caseProgression}`,
    ]);
    expect(await brokerErrorOf(produce(analyst, suffixed(TOPICS.caseProgression), 'forged'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await groupRefusalOf(analyst, READER_PRINCIPAL, suffixed(TOPICS.caseProgression))).toContain('GROUP_AUTHORIZATION_FAILED');

    // kcat, as the README runs it, with the client certificate made beside the settings: reads, and writes nothing.
    const properties = join(runDir, 'principals', `${analyst}.librdkafka.properties`);
    expect(output).toContain(properties);
    expect(kcat(properties, ['-C', '-t', suffixed(TOPICS.caseProgression), '-o', 'beginning', '-e', '-q', '-f', '%s\n'])).toEqual({
      ok: true,
      output: `history of ${TOPICS.caseProgression}\n`,
    });
    const write = kcat(properties, ['-P', '-t', suffixed(TOPICS.caseProgression)], 'forged\n');
    expect(write.output).toContain('Topic authorization failed');
    const deadLetters = kcat(properties, ['-C', '-t', deadLetterTopicOf(TOPICS.caseProgression), '-o', 'beginning', '-e', '-q']);
    expect(deadLetters).toEqual({ ok: false, output: expect.stringContaining('Topic authorization failed') });
  }, 90_000);

  it("lets onto the readers' mutual-TLS listener only a reader's certificate", async () => {
    const reader = {
      p12: join(runDir, 'principals', `${READER_PRINCIPAL}.p12`),
      password: readFileSync(join(runDir, 'principals', `${READER_PRINCIPAL}.librdkafka.properties`), 'utf8').match(
        /^ssl\.keystore\.password=(.+)$/m,
      )![1],
    };
    expect(await listTopicsWith(readersListenerClient(reader))).toEqual(expect.arrayContaining(DOMAIN_TOPICS));
    // Its principal is the reader, with the reader's ACLs: no dead letters, no writes.
    expect(await listTopicsWith(readersListenerClient(reader))).not.toContain(deadLetterTopicOf(TOPICS.referralIntake));
    const producer = readersListenerClient(reader).producer();
    await producer.connect();
    expect(await brokerErrorOf(producer.send({ topic: suffixed(TOPICS.referralIntake), messages: [{ value: 'forged' }] }))).toBe(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    await producer.disconnect();

    expect(await brokerErrorOf(listTopicsWith(readersListenerClient()))).not.toBe('no error');
    // The node's own certificate (a super user on the controller listener) maps to no principal here.
    const node = {
      p12: join(runDir, 'tls', 'kafka-node.p12'),
      password: readFileSync(join(runDir, 'tls', 'store.password'), 'utf8').trim(),
    };
    expect(await brokerErrorOf(listTopicsWith(readersListenerClient(node)))).not.toBe('no error');
  });
});
