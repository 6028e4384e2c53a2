import request from 'supertest';
import type { Role } from '@csc/contracts';
import { eventually, startServices, testToken, type ServicesUnderTest } from '@csc/testing';
import { caseProgressionService } from '../../case-progression/src/case-progression.service-definition';
import { earlyHelpService } from '../../early-help/src/early-help.service-definition';
import { referralIntakeService } from '../../referral-intake/src/referral-intake.service-definition';
import { statutoryReturnsService } from '../src/statutory-returns.service-definition';

/** The services a return is made from, and the one that makes it, sharing one test's topics. */
export const startReturnsServices = (label: string): Promise<ServicesUnderTest> =>
  startServices(label, [referralIntakeService, caseProgressionService, earlyHelpService, statutoryReturnsService], {
    'statutory-returns': { LOCAL_AUTHORITY_CODE: '888' },
  });

type Response = { status: number; body: any; text: string; headers: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Calls over HTTP as a person in a role of the LA would, and walks a child through the services. */
export class ReturnsHarness {
  constructor(private readonly running: ServicesUnderTest) {}

  async call(
    service: string,
    method: 'get' | 'post',
    path: string,
    role: Role,
    body?: object,
    ifMatch?: number,
    org = role === 'SCHOOL' ? '100001' : 'LA888',
  ): Promise<Response> {
    const token = await testToken({ sub: `${role.toLowerCase()}-1`, role, org });
    const agent = request(this.running.services[service].url);
    let pending = (method === 'get' ? agent.get(path) : agent.post(path)).set('Authorization', `Bearer ${token}`);
    if (ifMatch !== undefined) pending = pending.set('If-Match', `"${ifMatch}"`);
    return (body ? pending.send(body) : pending) as unknown as Promise<Response>;
  }

  /** A GET whose body is a file: the bytes as sent. */
  async download(service: string, path: string, role: Role): Promise<Response> {
    const token = await testToken({ sub: `${role.toLowerCase()}-1`, role, org: 'LA888' });
    return request(this.running.services[service].url)
      .get(path)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      }) as unknown as Promise<Response>;
  }

  async expect(response: Response | Promise<Response>, status: number): Promise<Response> {
    const answered = await response;
    if (answered.status !== status) throw new Error(`expected ${status}, got ${answered.status}: ${answered.text}`);
    return answered;
  }

  /** A referral received at `receivedAt` and decided: returns its ids. */
  async refer(
    child: Record<string, unknown>,
    receivedAt: string,
    decision: { outcome: string; primaryNeed?: string } | null,
    source = '6',
  ): Promise<{ referralId: string; childId: string }> {
    const referral = (
      await this.expect(
        this.call('referral-intake', 'post', '/v1/referrals', 'FRONT_DOOR', {
          receivedAt,
          referrer: { source, name: 'PC Example', organisationId: 'police' },
          child,
          concerns: { summary: 'Concerns reported.' },
          consent: { given: true },
        }),
        201,
      )
    ).body;
    if (decision) {
      await this.expect(
        this.call('referral-intake', 'post', `/v1/referrals/${referral.referralId}/decision`, 'FRONT_DOOR', {
          ...decision,
          decidedAt: receivedAt.replace(/T.*/, 'T16:00:00Z'),
          rationale: 'Decided at the front door.',
        }),
        200,
      );
    }
    return referral;
  }

  /** The case a referral opened, once case-progression has it; writes on it keep its version. */
  async caseOf(childId: string, referralId: string): Promise<CaseWriter> {
    const opened = await eventually(
      async () => {
        const cases = (await this.expect(this.call('case-progression', 'get', `/v1/children/${childId}/cases`, 'SOCIAL_WORKER'), 200)).body;
        const found = cases.find((item: { referralIds: string[] }) => item.referralIds.includes(referralId));
        if (!found) throw new Error(`no case yet for referral ${referralId}`);
        return found;
        // The first case of a run waits for case-progression's consumer to join its group.
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    return new CaseWriter(this, opened.caseId, opened.version);
  }
}

export class CaseWriter {
  constructor(
    private readonly harness: ReturnsHarness,
    readonly caseId: string,
    private version: number,
  ) {}

  async write(path: string, body: object, status = 201): Promise<Record<string, string>> {
    const response = await this.harness.expect(
      this.harness.call('case-progression', 'post', `/v1/cases/${this.caseId}${path}`, 'SOCIAL_WORKER', body, this.version),
      status,
    );
    this.version = response.body.version;
    return response.body;
  }
}
