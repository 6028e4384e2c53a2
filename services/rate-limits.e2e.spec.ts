import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { mintToken, type AuthenticatedUser } from '@csc/auth';
import {
  TEST_JWT,
  createServiceTopics,
  createTestDatabase,
  startServiceUnderTest,
  testKafka,
  testToken,
  uniqueTopicSuffix,
} from '@csc/testing';
import type { ServiceUnderTest, TestDatabase } from '@csc/testing';
import { earlyHelpService } from './early-help/src/early-help.service-definition';

const PER_SUBJECT = 3;
const PER_IP = 12;
const WINDOW_SECONDS = 2;

const earlyHelpWorker = (sub: string): AuthenticatedUser => ({ sub, role: 'EARLY_HELP', org: 'LA888' });
const anEarlyHelpRequest = () => ({
  child: { givenName: 'Rae', familyName: `Limit${randomUUID().slice(0, 6)}`, dateOfBirth: '2016-01-01', sex: 'F' },
  reason: 'Worries at home',
  consent: { given: true },
});

/**
 * The rate limits every service gets from libs/platform (early-help stands for them all), with small
 * limits and a short window. The service trusts one proxy hop, so each test is its own client IP
 * (X-Forwarded-For) with its own subjects, and no test spends another's budget.
 */
describe('rate limits: per verified token subject and per client IP, 429 with Retry-After', () => {
  let database: TestDatabase;
  let service: ServiceUnderTest;
  let episodeId: string;

  beforeAll(async () => {
    const topicSuffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('rate-limits'), topicSuffix);
    database = await createTestDatabase('rate_limits', earlyHelpService.migrations);
    service = await startServiceUnderTest(earlyHelpService, {
      databaseUrl: database.url,
      topicSuffix,
      environment: {
        RATE_LIMIT_PER_SUBJECT: String(PER_SUBJECT),
        RATE_LIMIT_PER_IP: String(PER_IP),
        RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
        TRUSTED_PROXY_HOPS: '1',
      },
    });
    // Also warms the write path, so that a test's requests fall well inside one window.
    const created = await post('198.51.100.1', await testToken(earlyHelpWorker('setup')), anEarlyHelpRequest()).expect(201);
    episodeId = created.body.episodeId;
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  const post = (ip: string, token: string, body: object) =>
    request(service.url).post('/v1/early-help/requests').set('X-Forwarded-For', ip).set('Authorization', `Bearer ${token}`).send(body);
  const get = (ip: string, path: string, token?: string) => {
    const pending = request(service.url).get(path).set('X-Forwarded-For', ip);
    return token ? pending.set('Authorization', `Bearer ${token}`) : pending;
  };
  const readEpisode = (ip: string, token?: string) => get(ip, `/v1/early-help/episodes/${episodeId}`, token);
  const events = async () => Number((await database.dataSource.query(`SELECT count(*) AS n FROM events`))[0].n);
  const statusesOf = async (calls: number, call: () => PromiseLike<request.Response>) => {
    const statuses: number[] = [];
    for (let made = 0; made < calls; made += 1) statuses.push((await call()).status);
    return statuses;
  };
  const expectRefused = (response: request.Response, per: 'per token' | 'per client IP', limit: number) => {
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(response.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: [`rate limit: at most ${limit} requests per ${WINDOW_SECONDS} s ${per}; retry after ${retryAfter} s`],
    });
    return retryAfter;
  };

  it("refuses a subject's request past its limit with 429, Retry-After and the error shape, and writes nothing", async () => {
    const token = await testToken(earlyHelpWorker(`busy-${randomUUID()}`));
    for (let made = 0; made < PER_SUBJECT; made += 1) await post('198.51.100.2', token, anEarlyHelpRequest()).expect(201);
    const written = await events();

    expectRefused(await post('198.51.100.2', token, anEarlyHelpRequest()), 'per token', PER_SUBJECT);
    expect(await events()).toBe(written);
  });

  it('counts the verified subject only: another subject on the same IP, and forged tokens naming the subject, spend none of its budget', async () => {
    const ip = '198.51.100.3';
    const first = await testToken(earlyHelpWorker(`first-${randomUUID()}`));
    const secondUser = earlyHelpWorker(`second-${randomUUID()}`);
    const forgedForSecond = await mintToken(secondUser, { ...TEST_JWT, secret: 'an-attacker-secret-that-is-32-characters-long' });

    expect(await statusesOf(PER_SUBJECT + 1, () => readEpisode(ip, first))).toEqual([200, 200, 200, 429]);
    expect(await statusesOf(PER_SUBJECT + 1, () => readEpisode(ip, forgedForSecond))).toEqual([401, 401, 401, 401]);
    expect(await statusesOf(PER_SUBJECT, async () => readEpisode(ip, await testToken(secondUser)))).toEqual([200, 200, 200]);
  });

  it('limits requests without a token per client IP, other IPs unaffected', async () => {
    expect(await statusesOf(PER_IP, () => readEpisode('198.51.100.4'))).toEqual(Array(PER_IP).fill(401));

    expectRefused(await readEpisode('198.51.100.4'), 'per client IP', PER_IP);
    expect((await readEpisode('198.51.100.5')).status).toBe(401);
  });

  it('never limits /health and /health/ready, even for an IP past its limit', async () => {
    const ip = '198.51.100.6';
    await statusesOf(PER_IP + 1, () => readEpisode(ip));
    expect((await readEpisode(ip)).status).toBe(429);

    expect(await statusesOf(PER_IP + 1, () => get(ip, '/health'))).toEqual(Array(PER_IP + 1).fill(200));
    expect((await get(ip, '/health/ready')).status).toBe(200);
  });

  it('lets a refused subject in again once Retry-After has passed', async () => {
    const token = await testToken(earlyHelpWorker(`patient-${randomUUID()}`));
    await statusesOf(PER_SUBJECT, () => readEpisode('198.51.100.7', token));
    const retryAfter = expectRefused(await readEpisode('198.51.100.7', token), 'per token', PER_SUBJECT);

    await new Promise((done) => setTimeout(done, retryAfter * 1000));
    expect((await readEpisode('198.51.100.7', token)).status).toBe(200);
  });
});
