import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import request from 'supertest';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { TOPICS } from '@csc/contracts';
import {
  AddOutboxCheckpointCluster1767500000000,
  AddAppendRefusal1769000000000,
  AddOutboxRelayPassFunction1768100000000,
  CreateEventStore1763800000000,
} from '@csc/event-store';
import { CreateInbox1763800000001 } from '@csc/messaging';
import {
  createServiceTopics,
  createTestDatabase,
  startServiceUnderTest,
  eventually,
  testKafka,
  testLogFile,
  testToken,
  uniqueTopicSuffix,
  type ServiceUnderTest,
  type TestDatabase,
} from '@csc/testing';
import { appRoleMigration } from './database/app-role.migration';
import { PlatformModule } from './platform.module';

class ChildDto {
  @IsString()
  @MaxLength(5)
  givenName!: string;
}
class ExampleDto {
  @IsIn(['2A', '6'])
  source!: string;
  @ValidateNested()
  @Type(() => ChildDto)
  child!: ChildDto;
}

@Controller('v1/examples')
class ExampleController {
  @Post()
  @HttpCode(201)
  @Roles('ADMIN', 'FRONT_DOOR')
  create(@Body() body: ExampleDto, @CurrentUser() user: AuthenticatedUser) {
    return { source: body.source, by: user.role };
  }

  @Get('closed')
  closedToEveryone() {
    return 'nobody should see this';
  }
}

// The app role last, as every service has it: the service under test connects as csc_platform_test_app.
const migrations = [
  CreateEventStore1763800000000,
  CreateInbox1763800000001,
  appRoleMigration('platform-test'),
  AddOutboxCheckpointCluster1767500000000,
  AddOutboxRelayPassFunction1768100000000,
  AddAppendRefusal1769000000000,
];
@Module({
  imports: [PlatformModule.forService({ name: 'platform-test', migrations, eventsTopic: TOPICS.referralIntake })],
  controllers: [ExampleController],
})
class ExampleModule {}

describe('the conventions every service gets', () => {
  let database: TestDatabase;
  let service: ServiceUnderTest;
  const tokenFor = (role: AuthenticatedUser['role']) => testToken({ sub: `user-${role}`, role, org: '888' });

  beforeAll(async () => {
    const topicSuffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('platform-e2e'), topicSuffix);
    database = await createTestDatabase('platform', migrations);
    service = await startServiceUnderTest(
      { name: 'platform-test', title: 'Platform test', description: 'conventions', defaultPort: 0, module: ExampleModule },
      // It writes referral intake's topic (eventsTopic): on the secured broker it signs in as that service.
      { databaseUrl: database.url, topicSuffix, kafkaPrincipal: 'referral-intake' },
    );
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  it('answers liveness and readiness (database and Kafka) without a token', async () => {
    await request(service.url).get('/health').expect(200);
    const ready = await request(service.url).get('/health/ready').expect(200);
    expect(ready.body.details).toEqual({
      database: { status: 'up' },
      kafka: { status: 'up' },
      outboxRelay: { status: 'up' },
      consumers: { status: 'up' },
      projections: { status: 'up', projections: 'none: this service keeps no projections' },
    });
  });

  it('serves its OpenAPI document and UI', async () => {
    const docs = await request(service.url).get('/docs-json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready', '/v1/examples']));
    await request(service.url).get('/docs').expect(200);
  });

  it('answers 401 without a token and with a token signed by someone else', async () => {
    const missing = await request(service.url).post('/v1/examples').send({}).expect(401);
    expect(missing.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: ['authorization: a Bearer token is required'] });
    const forged = await request(service.url)
      .post('/v1/examples')
      .set('Authorization', `Bearer ${(await tokenFor('ADMIN')).slice(0, -4)}AAAA`)
      .send({});
    expect(forged.status).toBe(401);
  });

  it('answers 403 to a role the endpoint does not name, and to every role where it names none', async () => {
    const school = await request(service.url)
      .post('/v1/examples')
      .set('Authorization', `Bearer ${await tokenFor('SCHOOL')}`)
      .send({});
    expect(school.status).toBe(403);
    expect(school.body.message).toEqual(['authorization: role SCHOOL may not call this endpoint']);
    await request(service.url)
      .get('/v1/examples/closed')
      .set('Authorization', `Bearer ${await tokenFor('ADMIN')}`)
      .expect(403);
  });

  it('names every invalid and unknown field by its path, in the docs/http-api.md error shape', async () => {
    const response = await request(service.url)
      .post('/v1/examples')
      .set('Authorization', `Bearer ${await tokenFor('FRONT_DOOR')}`)
      .send({ source: '2Z', child: { givenName: 'Bartholomew', nickname: 'Bart' }, extra: true })
      .expect(400);
    expect(response.body.statusCode).toBe(400);
    expect(response.body.error).toBe('Bad Request');
    expect(response.body.message).toEqual(
      expect.arrayContaining([
        'source: must be one of the following values: 2A, 6',
        'child.givenName: must be shorter than or equal to 5 characters',
        'child.nickname: is not a known field',
        'extra: is not a known field',
      ]),
    );
    expect(JSON.stringify(response.body)).not.toContain('Bartholomew'); // values are never echoed
  });

  it('says a malformed body is not JSON without quoting it back', async () => {
    const response = await request(service.url)
      .post('/v1/examples')
      .set('Authorization', `Bearer ${await tokenFor('FRONT_DOOR')}`)
      .set('Content-Type', 'application/json')
      .send('{"child": {"givenName": "Bartholomew')
      .expect(400);
    expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message: ['body: is not valid JSON'] });
  });

  it('lets an allowed role through with the body validated and typed', async () => {
    const response = await request(service.url)
      .post('/v1/examples')
      .set('Authorization', `Bearer ${await tokenFor('FRONT_DOOR')}`)
      .set('X-Request-Id', randomUUID())
      .send({ source: '6', child: { givenName: 'Amy' } })
      .expect(201);
    expect(response.body).toEqual({ source: '6', by: 'FRONT_DOOR' });
  });

  it("logs a request's line once with its conversation: each of correlationId and traceId once, as valid JSON", async () => {
    const requestId = randomUUID();
    const correlationId = randomUUID();
    await request(service.url)
      .post('/v1/examples')
      .set('Authorization', `Bearer ${await tokenFor('FRONT_DOOR')}`)
      .set('X-Request-Id', requestId)
      .set('X-Correlation-Id', correlationId)
      .send({ source: '2A', child: { givenName: 'Amy' } })
      .expect(201);
    const line = await eventually(() => {
      const found = readFileSync(testLogFile('platform-test'), 'utf8')
        .split('\n')
        .find((text) => text.includes(requestId) && text.includes('request completed'));
      if (!found) throw new Error(`no "request completed" line for ${requestId} yet`);
      return found;
    });
    expect(line.match(/"correlationId":/g)).toHaveLength(1);
    expect(line.match(/"traceId":/g)).toHaveLength(1);
    expect(JSON.parse(line)).toMatchObject({ correlationId, traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });
});
