import type { Actor } from '@csc/contracts';
import type { FictionalChild } from './fictional-people';
import type { PupilNumbers } from './pupil-numbers';
import type { SeededRandom } from './seeded-random';
import type { Simulation } from './simulation';

/**
 * The DfE code of the authority whose children's UPNs the history makes: a real English LA code
 * (888, Lancashire), as census rule 1530 requires of characters 2-4 of a UPN. Nothing else is real.
 */
export const DFE_LA_CODE = '888';

/** The fictional local authority the tests and the demo use (tokens carry org LA888). */
export const LA_CODE = `LA${DFE_LA_CODE}`;

export const DEFAULT_SCHOOLS = 60;

/**
 * Six-digit URNs for `count` schools, the same for every seed: a demo's school tokens and webhooks
 * can be set up before the history is generated.
 */
export const schoolUrns = (count: number): string[] => Array.from({ length: count }, (_, index) => String(100001 + index));

/** A child the front door has met: enough to make the next referral about them consistent. */
export interface KnownChild {
  childId: string;
  /** The id of the child's data key: every subject about the child is sealed under it. */
  kid: string;
  person: FictionalChild;
  schoolUrn: string | null;
  firstReferralId: string;
  /** The latest case: still open while `closesAt` is ahead (Infinity when it never closes). */
  openCase: { caseId: string; streamId: string; openedAt: number; closesAt: number; closedOn: string } | null;
  /** When the latest early help episode ends (Infinity while open, 0 when none). */
  episodeUntil: number;
  /** An unborn child's birth is to be recorded on a case already: no second case records it again. */
  birthRecorded?: boolean;
}

/** The people who act, by role: the services' actor is the caller, or the service itself for a reaction. */
export const actors = {
  frontDoor: (random: SeededRandom): Actor => ({ sub: `front-door-${random.int(1, 12)}`, role: 'FRONT_DOOR', org: LA_CODE }),
  socialWorker: (random: SeededRandom): Actor => ({ sub: `social-worker-${random.int(1, 60)}`, role: 'SOCIAL_WORKER', org: LA_CODE }),
  earlyHelp: (random: SeededRandom): Actor => ({ sub: `early-help-${random.int(1, 25)}`, role: 'EARLY_HELP', org: LA_CODE }),
  school: (urn: string): Actor => ({ sub: `school-${urn}-safeguarding-lead`, role: 'SCHOOL', org: urn }),
  service: (service: 'referral-intake' | 'case-progression' | 'early-help'): Actor => ({ sub: service, role: 'SYSTEM', org: LA_CODE }),
};

/** What every journey needs: the clock, the schools, and how to hand a child back to the front door. */
export interface LocalAuthority {
  simulation: Simulation;
  random: SeededRandom;
  schools: string[];
  /** The UPNs the authority's schools have given out, so that none is given twice. */
  upns: PupilNumbers;
  /** The work with a child ended at `end`: the child may be referred again later (docs/domain.md's re-referrals). */
  mayComeBack(child: KnownChild, end: number): void;
  /** Early help stepped a family up: the front door receives a 5D referral at `at`. */
  stepUp(request: StepUpReferral): void;
}

export interface StepUpReferral {
  at: number;
  episodeId: string;
  /** The child as early help knew them; null childId when the episode was a direct request the index has not seen. */
  child: KnownChild | null;
  person: FictionalChild;
  schoolUrn: string | null;
  consentGiven: boolean;
  reason: string;
  leadPractitioner: string | null;
  steppedUp: { eventId: string; correlationId: string };
}
