import { connect, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createServiceTopics, createTestDatabase, startServiceUnderTest, testKafka, testToken, uniqueTopicSuffix } from '@csc/testing';
import type { ServiceUnderTest, TestDatabase } from '@csc/testing';
import { referralIntakeService } from './referral-intake/src/referral-intake.service-definition';

/** A referral that passes every check, to be spoiled one way at a time. */
const aReferral = () => ({
  receivedAt: '2025-02-03T09:30:00Z',
  referrer: { source: '6', name: 'PC Example', organisationId: 'police' },
  child: { givenName: 'Edgar', familyName: 'Edge', dateOfBirth: '2014-06-01', sex: 'M' },
  concerns: { summary: 'Concerns reported.' },
  consent: { given: true },
});

/** One GET on an open connection: its status line and headers, once the whole answer has arrived. */
const getOn = (socket: Socket, path: string): Promise<string> =>
  new Promise((resolve, reject) => {
    if (socket.destroyed) return reject(new Error(`the service had closed the connection before ${path} was asked`));
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(received);
      if (end >= 0 && length && received.length >= end + 4 + Number(length[1])) {
        socket.off('data', onData).off('close', onClose);
        resolve(received.slice(0, end));
      }
    };
    const onClose = () => reject(new Error(`the service closed the connection before answering ${path}`));
    socket.on('data', onData).once('close', onClose);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });

const nested = (depth: number): unknown => (depth === 0 ? 'deep' : { next: nested(depth - 1) });

/**
 * A client's mistakes, careless or hostile, at the edge of every service: each is a 4xx naming what is
 * wrong, with or without a token, and nothing is written. (Every service is built by the same
 * bootstrap, libs/platform; referral-intake stands for them all.)
 */
describe('requests a client gets wrong are 4xx naming the problem, never 500, and write nothing', () => {
  let database: TestDatabase;
  let service: ServiceUnderTest;
  let token: string;

  beforeAll(async () => {
    const topicSuffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('edge-requests'), topicSuffix);
    database = await createTestDatabase('edge_requests', referralIntakeService.migrations);
    service = await startServiceUnderTest(referralIntakeService, { databaseUrl: database.url, topicSuffix });
    token = await testToken({ sub: 'front-door-1', role: 'FRONT_DOOR', org: 'LA888' });
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  const events = async () => Number((await database.dataSource.query(`SELECT count(*) AS n FROM events`))[0].n);
  const post = (body: string | Buffer, headers: Record<string, string> = {}, authorised = true) => {
    let pending = request(service.url).post('/v1/referrals').set('Content-Type', 'application/json');
    if (authorised) pending = pending.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) pending = pending.set(name, value);
    return pending.send(body);
  };

  it.each([
    ['a body over the limit', () => post(JSON.stringify({ ...aReferral(), padding: 'x'.repeat(2_000_000) })), 413, 'body: is larger than'],
    [
      'a charset other than UTF-8',
      () => post(JSON.stringify(aReferral()), { 'Content-Type': 'application/json; charset=latin1' }),
      415,
      'Content-Type: charset',
    ],
    [
      'a Content-Encoding not supported',
      () => post(JSON.stringify(aReferral()), { 'Content-Encoding': 'compress' }),
      415,
      'Content-Encoding:',
    ],
    ['a gzip body that is not gzip', () => post('not gzip at all', { 'Content-Encoding': 'gzip' }), 400, 'body: is not valid gzip'],
    [
      'JSON nested deeper than 64',
      () => post(JSON.stringify({ ...aReferral(), deep: nested(200) })),
      400,
      'body: is nested deeper than 64',
    ],
    [
      'a NUL byte in a string',
      () => post(JSON.stringify({ ...aReferral(), concerns: { summary: 'a\u0000b' } })),
      400,
      'concerns.summary: contains a NUL',
    ],
    [
      'a lone surrogate in a string',
      () => post('{"concerns":{"summary":"a\\ud800b"}}'),
      400,
      'concerns.summary: contains a lone surrogate',
    ],
    [
      'a __proto__ key',
      () => post(JSON.stringify(aReferral()).replace(/^\{/, '{"__proto__":{"polluted":true},')),
      400,
      '__proto__: is not allowed',
    ],
    [
      'a constructor key deep inside',
      () => post(JSON.stringify({ ...aReferral(), child: { constructor: 1 } })),
      400,
      'child.constructor: is not allowed',
    ],
    [
      'an instant that does not exist',
      () => post(JSON.stringify({ ...aReferral(), receivedAt: '2025-02-30T09:30:00Z' })),
      400,
      'receivedAt: must be',
    ],
  ])('%s: the status and message say so, and nothing is written', async (_name, send, status, message) => {
    const before = await events();
    const answered = await send();
    expect(answered.status).toBe(status);
    expect(answered.body.message.join(' | ')).toContain(message);
    expect(await events()).toBe(before);
  });

  it('answers the same class of 4xx before authentication as after it', async () => {
    const anonymous = await post('{"__proto__":{}}', {}, false);
    expect([400, 401]).toContain(anonymous.status);
    const tooLarge = await post(JSON.stringify({ padding: 'x'.repeat(2_000_000) }), {}, false);
    expect(tooLarge.status).toBe(413);
  });

  it('takes a well-formed gzip body as the same request', async () => {
    // fetch, not supertest: supertest would serialise a Buffer as JSON.
    const answered = await fetch(`${service.url}/v1/referrals`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', Authorization: `Bearer ${token}` },
      body: gzipSync(JSON.stringify(aReferral())),
    });
    expect(answered.status).toBe(201);
  });

  it('refuses a NUL byte in a path or query parameter, naming it', async () => {
    const inQuery = await request(service.url)
      .get('/v1/audit-log?userId=a%00b')
      .set('Authorization', `Bearer ${await testToken({ sub: 'admin-1', role: 'ADMIN', org: 'LA888' })}`);
    expect(inQuery.status).toBe(400);
    expect(inQuery.body.message.join(' | ')).toContain('userId: contains a NUL');
    const inPath = await request(service.url).get('/v1/referrals/a%00b').set('Authorization', `Bearer ${token}`);
    expect(inPath.status).toBe(400);
    expect(inPath.body.message.join(' | ')).toContain('id: contains a NUL');
  });

  it('answers with security headers, never says what it runs on, and lets nothing keep an answer about a child', async () => {
    const read = await request(service.url)
      .get('/v1/referrals/00000000-0000-4000-8000-000000000000')
      .set('Authorization', `Bearer ${token}`);
    expect(read.headers['x-powered-by']).toBeUndefined();
    expect(read.headers['x-content-type-options']).toBe('nosniff');
    expect(read.headers['cache-control']).toBe('no-store');
    expect(read.headers['content-security-policy']).toContain("default-src 'self'");
    const docs = await request(service.url).get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it("keeps an idle connection open past Node's 5 s, and says for how long, so that the client closes it first", async () => {
    const socket = connect(Number(new URL(service.url).port), '127.0.0.1');
    try {
      expect(await getOn(socket, '/health')).toMatch(/\r\nKeep-Alive: timeout=65(\r\n|$)/i);
      // Node closes an idle connection a second after its timeout: by then 5 s would have closed this one.
      await new Promise((done) => setTimeout(done, 7_000));
      expect(await getOn(socket, '/health')).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      socket.destroy();
    }
  }, 15_000);
});
