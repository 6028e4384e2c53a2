export { generateHistory, DEFAULT_START_ON, DEFAULT_REFERRALS_PER_YEAR, type HistoryOptions } from './generate-history';
export { generateTeamAroundTheSchoolCohort, TEAM_AROUND_THE_SCHOOL, type TeamAroundTheSchoolOptions } from './team-around-the-school';
export type { LadderScores } from './outcomes-ladder';
export { summariseHistory, HistoryTally, countReReferrals, oneYearAfter, type HistorySummary, type CinReferral } from './history-summary';
export { publishHistory, toKafkaMessage, type PublishOptions, type PublishProgress } from './publish-history';
export { sourceGroupOf, type SourceGroup } from './national-mix';
export { LA_CODE, DEFAULT_SCHOOLS, schoolUrns } from './local-authority';
export { SeededRandom, type Seed } from './seeded-random';
export { HistorySubjectKeys, rootSubjectKeyOf, subjectKeyFor, type HistorySubjectKey } from './subject-keys';
