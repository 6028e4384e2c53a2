import type { AuthenticatedUser } from '@csc/auth';
import type { OutcomeArea } from '@csc/contracts';
import { episodeStageOf } from './domain/episode-stage';
import type { EpisodeState } from './domain/episode.state';

/** A school that asked for the episode sees its stage only: not the ladder, the plan or the people. */
export const isRequestingSchool = (state: EpisodeState, user: AuthenticatedUser) =>
  user.role === 'SCHOOL' && state.opened?.requestedByOrganisationId === user.org;

export const episodeView = (state: EpisodeState, version: number, viewer: AuthenticatedUser) => {
  const opened = state.opened!;
  const summary = {
    episodeId: opened.episodeId,
    stage: episodeStageOf(state),
    openedOn: opened.openedOn,
    closedOn: state.closure?.closedOn ?? null,
    version,
  };
  if (viewer.role === 'SCHOOL') return summary;
  const first = state.ladder[0] ?? null;
  const latest = state.ladder.length > 1 ? state.ladder[state.ladder.length - 1] : null;
  return {
    ...summary,
    childId: opened.childId,
    origin: opened.origin,
    originId: opened.originId,
    child: { ...opened.subject.child, sex: opened.sex, schoolUrn: opened.schoolUrn },
    reason: opened.subject.reason ?? null,
    needs: state.assessment?.needs ?? [],
    leadPractitioner: state.team?.leadPractitioner ?? null,
    teamMembers: state.team?.members ?? [],
    plan: state.plan,
    reviews: state.reviews,
    ladder: {
      readings: state.ladder.length,
      first,
      latest,
      distanceTravelled: distanceTravelled(first?.scores ?? {}, latest?.scores ?? {}),
    },
    closure: state.closure,
  };
};

/** Per area scored in both the first and the latest reading: how far the family has moved up the ladder. */
export const distanceTravelled = (first: Partial<Record<OutcomeArea, number>>, latest: Partial<Record<OutcomeArea, number>>) =>
  Object.fromEntries(
    (Object.keys(latest) as OutcomeArea[]).filter((area) => first[area] !== undefined).map((area) => [area, latest[area]! - first[area]!]),
  );
