import type { EarlyHelpRecord } from '../../child-records/domain/child-record';
import { childColumns, defineList, knownBy, sixMonthsBefore, wasOpenBetween, type AnnexAItem } from './annex-a-list';

interface EarlyHelpAssessment extends AnnexAItem {
  episode: EarlyHelpRecord;
}

/**
 * List 2: early help assessments in the six months before the inspection, and the early help the
 * council is coordinating now. An episode is where its assessment happens, so an episode open at any
 * time in the six months is a row: it began with the assessment or is still being worked.
 */
export const LIST_2_EARLY_HELP = defineList<EarlyHelpAssessment>({
  number: 2,
  title: 'Early help',
  sheetName: 'List 2 - Early help',
  select: (children, asOf) => {
    const from = sixMonthsBefore(asOf);
    return children.flatMap((child) =>
      child.earlyHelp
        .filter((episode) => wasOpenBetween(episode.openedOn, episode.closedOn, from, asOf))
        .map((episode) => ({ child, asOf, episode })),
    );
  },
  sortDate: ({ episode }) => episode.openedOn,
  tiebreak: ({ episode }) => episode.episodeId,
  columns: [
    ...childColumns<EarlyHelpAssessment>(),
    // The system records no separate start for the assessment: the episode opens to assess.
    { heading: 'Assessment start date', value: ({ episode }) => episode.openedOn },
    { heading: 'Assessment completion date', value: ({ episode, asOf }) => knownBy(episode.assessmentCompletedOn, asOf) },
    // Who asked for early help is recorded, not who assessed: the two differ, so the column stays empty.
    { heading: 'Organisation completing assessment' },
  ],
});
