import type { ReferralOutcome, ReferralSource } from '@csc/contracts';
import { actors, LA_CODE, type KnownChild, type LocalAuthority } from './local-authority';
import { decisionMixFor, FRONT_DOOR_SHARES } from './national-mix';
import { DAY, dayOf, HOUR, MINUTE, type Timeline } from './simulated-clock';
import { workingDayOnOrAfter } from './working-calendar';

/** Sometimes the front door goes back to the referrer (a referral quality measure); one question at a time. */
export const askTheReferrer = (
  la: LocalAuthority,
  tl: Timeline,
  on: { streamId: string; childId: string; kid: string },
  referralId: string,
  referrerOrganisationId: string | null,
  school: string | null,
): number => {
  const { random, simulation } = la;
  let asked = 0;
  let share: number = school ? FRONT_DOOR_SHARES.informationRequestedOfSchools : FRONT_DOOR_SHARES.informationRequested;
  while (random.chance(share) && asked < 3) {
    const requestId = random.uuid();
    const requestedAt = tl.on(workingDayOnOrAfter(dayOf(tl.last + random.int(30 * MINUTE, 6 * HOUR))));
    simulation.append({ ...on, at: requestedAt, actor: actors.frontDoor(random) }, [
      {
        type: 'InformationRequested',
        data: {
          referralId,
          requestId,
          requestedAt: new Date(requestedAt).toISOString(),
          referrerOrganisationId,
          subject: { question: 'Fictional question: what has the child told you?' },
        },
        occurredAt: requestedAt,
      },
    ]);
    asked += 1;
    if (!random.chance(FRONT_DOOR_SHARES.informationProvided)) break;
    const providedAt = tl.on(workingDayOnOrAfter(dayOf(tl.last + random.int(2 * HOUR, 3 * DAY))));
    simulation.append({ ...on, at: providedAt, actor: school ? actors.school(school) : actors.frontDoor(random) }, [
      {
        type: 'InformationProvided',
        data: {
          referralId,
          requestId,
          providedAt: new Date(providedAt).toISOString(),
          providedByRole: school ? 'SCHOOL' : 'FRONT_DOOR',
          providedByOrganisationId: school ?? LA_CODE,
          subject: { answer: 'Fictional answer.' },
        },
        occurredAt: providedAt,
      },
    ]);
    share = FRONT_DOOR_SHARES.secondRequest;
  }
  return asked;
};

/**
 * The decision, kept consistent with what the child already has: a referral about a child whose
 * case is open joins it (ALREADY_OPEN, never a second case: CIN rule 8820), and a family already in
 * early help is not stepped down a second time.
 */
export const decisionFor = (
  la: LocalAuthority,
  child: KnownChild,
  source: ReferralSource,
  decidedAt: number,
  referralDate: string,
): ReferralOutcome => {
  const open = child.openCase;
  if (open && open.openedAt < decidedAt - MINUTE && open.closesAt > decidedAt + HOUR) return 'ALREADY_OPEN';
  const caseInTheWay = open !== null && (open.openedAt >= decidedAt - MINUTE || open.closedOn >= referralDate);
  const outcome = la.random.weighted(decisionMixFor(source));
  if (caseInTheWay && (outcome === 'ACCEPTED_FOR_ASSESSMENT' || outcome === 'NFA' || outcome === 'STEP_DOWN_TO_EARLY_HELP')) {
    return 'ADVICE_AND_INFORMATION';
  }
  if (outcome === 'STEP_DOWN_TO_EARLY_HELP' && child.episodeUntil > decidedAt) return 'SIGNPOSTED';
  // A pre-birth referral that needs no assessment is advice to the midwife, not a CIN referral closed NFA:
  // with no case nobody records the birth, and the census would query the expected date long past (8530Q).
  if (outcome === 'NFA' && child.person.unborn) return 'ADVICE_AND_INFORMATION';
  return outcome;
};
