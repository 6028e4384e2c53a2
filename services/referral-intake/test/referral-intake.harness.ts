import type { EventEnvelope, SealedSubject } from '@csc/contracts';
import { SubjectProtection } from '@csc/privacy';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@csc/contracts';
import { TOPICS } from '@csc/contracts';
import {
  createServiceTopics,
  createTestDatabase,
  startServiceUnderTest,
  testKafka,
  testToken,
  TopicProbe,
  uniqueTopicSuffix,
  type ServiceUnderTest,
  type TestDatabase,
} from '@csc/testing';
import { referralIntakeService } from '../src/referral-intake.service-definition';

export const SCHOOL_A = '100001';
export const SCHOOL_B = '100002';
export const SCHOOL_C = '100003';
export const LA = 'LA888';

/** The referral-intake service as it runs, on its own database and topics, with a probe on its topic. */
export class ReferralIntakeHarness {
  private constructor(
    readonly database: TestDatabase,
    readonly service: ServiceUnderTest,
    readonly probe: TopicProbe,
    readonly topic: string,
  ) {}

  static async start(label: string): Promise<ReferralIntakeHarness> {
    const suffix = uniqueTopicSuffix();
    const kafka = testKafka(`${label}-harness`);
    await createServiceTopics(kafka, suffix);
    const database = await createTestDatabase(label, referralIntakeService.migrations);
    const service = await startServiceUnderTest(referralIntakeService, { databaseUrl: database.url, topicSuffix: suffix });
    const topic = `${TOPICS.referralIntake}${suffix}`;
    const probe = await TopicProbe.start(kafka, [topic]);
    return new ReferralIntakeHarness(database, service, probe, topic);
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    await this.probe?.stop();
    await this.database?.drop();
  }

  http() {
    return request(this.service.url);
  }

  async tokenFor(role: Role, org = role === 'SCHOOL' ? SCHOOL_A : LA): Promise<string> {
    return testToken({ sub: `${role.toLowerCase()}-user`, role, org });
  }

  async post(path: string, body: unknown, role: Role, org?: string, headers: Record<string, string> = {}) {
    let call = this.http()
      .post(path)
      .set('Authorization', `Bearer ${await this.tokenFor(role, org)}`);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return call.send(body as object);
  }

  async get(path: string, role: Role, org?: string) {
    return this.http()
      .get(path)
      .set('Authorization', `Bearer ${await this.tokenFor(role, org)}`);
  }

  async eventCount(): Promise<number> {
    const [{ count }] = await this.database.dataSource.query(`SELECT count(*)::int AS count FROM events`);
    return count;
  }

  /** The event with its subject opened, as a service holding the child's key would see it. */
  async opened(envelope: EventEnvelope): Promise<EventEnvelope> {
    return (await this.service.app.get(SubjectProtection).reveal(envelope)).envelope;
  }

  /**
   * The child index's rows in referral order, each description opened with the service's own keys (the
   * table holds no clear text: its blind indexes are shown as hex).
   */
  async childIndexRows(referralId?: string): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = await this.database.dataSource.query(
      `SELECT referral_id, child_id, encode(nhs_number_index, 'hex') AS nhs_number_index, encode(upn_index, 'hex') AS upn_index,
              encode(birth_index, 'hex') AS birth_index, encode(family_name_index, 'hex') AS family_name_index, sealed_identity
       FROM child_identities WHERE $1::uuid IS NULL OR referral_id = $1 ORDER BY referral_id`,
      [referralId ?? null],
    );
    const opened = await this.service.app
      .get(SubjectProtection)
      .openSealed(rows.map((row) => ({ sealed: row.sealed_identity as SealedSubject, boundTo: row.referral_id as string })));
    return rows.map(({ sealed_identity: _sealed, ...row }, i) => ({ ...row, identity: opened[i] }));
  }

  /** The event with its subject sealed, as the service that wrote it would have published it. */
  async sealed(envelope: EventEnvelope): Promise<EventEnvelope> {
    const { streamId, eventId, type, schemaVersion, childId, data } = envelope;
    const [event] = await this.service.app
      .get(SubjectProtection)
      .seal(streamId, [{ eventId, type, schemaVersion, childId, data, occurredAt: new Date(envelope.occurredAt) }]);
    return { ...envelope, data: event.data };
  }

  messagesFor(referralId: string) {
    return this.probe.on(this.topic).filter((message) => message.value && JSON.parse(message.value).data.referralId === referralId);
  }
}

/** A referral body as a school's DSL would post it (made-up child; NHS number from a test range). */
export const aReferralBody = (
  overrides: { child?: Record<string, unknown>; referrer?: Record<string, unknown>; [key: string]: unknown } = {},
) => {
  const { child, referrer, ...rest } = overrides;
  return {
    referrer: {
      source: '2A',
      organisationId: SCHOOL_A,
      name: 'Sam Example',
      role: 'Designated Safeguarding Lead',
      email: 'dsl@school.example',
      ...referrer,
    },
    child: {
      givenName: 'Amelia',
      // Letters only: names are compared without digits, so a digit-bearing suffix could make two test children one.
      familyName: `Testchild${randomUUID()
        .slice(0, 8)
        .replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)])}`,
      dateOfBirth: '2014-06-01',
      sex: 'F',
      postcode: 'FY1 4QS',
      schoolUrn: SCHOOL_B,
      ...child,
    },
    concerns: { summary: 'Attendance has dropped sharply and she has told staff she is frightened to go home.', factors: ['16A', '3A'] },
    consent: { given: true },
    ...rest,
  };
};

/** Asserts a response's status, showing its body when it is not the one expected. */
export const expectStatus = <T extends { status: number; body: unknown }>(response: T, status: number): T => {
  if (response.status !== status) throw new Error(`expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response;
};
