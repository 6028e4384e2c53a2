import { randomUUID } from 'node:crypto';

export type Outcome = 'ACCEPTED_FOR_ASSESSMENT' | 'STEP_DOWN_TO_EARLY_HELP';

export interface MadeReferral {
  referralId: string;
  outcome: Outcome;
}

export interface LoadResult {
  referrals: MadeReferral[];
  /** Requests sent again after a refused connection, a reset or a 5xx: what a crash costs a client. */
  retries: number;
}

export interface SteadyLoad {
  /** Lets the referral in hand finish (received and decided), then stops. */
  stop(): Promise<LoadResult>;
}

interface LoadOptions {
  intakeUrl: string;
  school: string;
  /** Bearer tokens: a school refers, the front door decides. */
  schoolToken: string;
  frontDoorToken: string;
  /** Pause between one referral's decision and the next referral. */
  pauseMs: number;
}

const GIVE_UP_AFTER_MS = 180_000;

/**
 * A school referring children, one after another, and the front door deciding each at once: the
 * steady traffic the chaos test kills processes under. Like a careful client, it sends a request
 * again with the same Idempotency-Key (or If-Match) whenever it could not tell whether it was done,
 * so a crash mid-request is retried and never makes a second referral or a second decision.
 */
export const startSteadyLoad = (options: LoadOptions): SteadyLoad => {
  const referrals: MadeReferral[] = [];
  let retries = 0;
  let stopping = false;
  const send = async (path: string, token: string, headers: Record<string, string>, body: unknown, alreadyDone: number[] = []) => {
    for (let attempt = 0, deadline = Date.now() + GIVE_UP_AFTER_MS; ; attempt += 1) {
      const response = await fetch(`${options.intakeUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).catch(() => null);
      if (response && response.status < 500) {
        // A status that on a retry means "your earlier attempt was done" (a decision already made) counts as done.
        if (response.ok || (attempt > 0 && alreadyDone.includes(response.status))) return response;
        throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
      }
      if (Date.now() > deadline) throw new Error(`POST ${path}: no answer in ${GIVE_UP_AFTER_MS / 1000} s`);
      retries += 1;
      await pause(200);
    }
  };
  const referOne = async (index: number) => {
    const outcome: Outcome = index % 3 === 2 ? 'STEP_DOWN_TO_EARLY_HELP' : 'ACCEPTED_FOR_ASSESSMENT';
    const received = await send(
      '/v1/referrals',
      options.schoolToken,
      { 'idempotency-key': randomUUID() },
      referralOf(index, options.school),
    );
    const { referralId } = (await received.json()) as { referralId: string };
    const decision = {
      outcome,
      primaryNeed: outcome === 'ACCEPTED_FOR_ASSESSMENT' ? 'N1' : undefined,
      rationale: 'Decided at the front door under load.',
    };
    // If-Match: the version just received, so a decision retried after it was made is refused (412), not made twice.
    await send(
      `/v1/referrals/${referralId}/decision`,
      options.frontDoorToken,
      { 'if-match': received.headers.get('etag')! },
      decision,
      [409, 412],
    );
    referrals.push({ referralId, outcome });
  };
  const running = (async () => {
    for (let index = 0; !stopping; index += 1) {
      await referOne(index);
      await pause(options.pauseMs);
    }
  })();
  // A failure surfaces at stop(); until then it must not count as unhandled.
  running.catch(() => undefined);
  return {
    stop: async () => {
      stopping = true;
      await running;
      return { referrals, retries };
    },
  };
};

const referralOf = (index: number, school: string) => ({
  receivedAt: new Date().toISOString(),
  referrer: { source: '2A', organisationId: school, name: 'Steady Load', role: 'DSL' },
  child: {
    givenName: lettersOf(index),
    familyName: 'Chaosload',
    dateOfBirth: '2014-06-07',
    sex: 'M',
    postcode: 'FY1 1AA',
    schoolUrn: school,
  },
  concerns: { summary: 'Concerns raised at school.', factors: ['21'] },
  consent: { given: true },
});

/** Letters only (children are matched by name without digits): 0 is Aa, 1 Ab, ... */
const lettersOf = (index: number): string => {
  let letters = '';
  for (let rest = index; ; rest = Math.floor(rest / 26) - 1) {
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
    if (rest < 26) break;
  }
  return `A${letters}`;
};

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
