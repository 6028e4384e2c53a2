import { isEpisodeOpen } from '../episode-read';
import { lines, text, type EpisodeAction } from './episode-action';

/** The team around the family: its lead practitioner and members; formed again whenever it changes (the API dates it today). */
export const formTeam: EpisodeAction = {
  slug: 'team',
  step: 'team',
  title: 'Record the team around the family',
  button: 'Record the team',
  recorded: 'The team around the family is recorded.',
  dates: {},
  fields: { leadPractitioner: 'leadPractitioner', members: 'members' },
  labels: { members: 'Members' },
  firstField: 'leadPractitioner',
  isOffered: isEpisodeOpen,
  bodyOf: (form) => ({ leadPractitioner: text(form.leadPractitioner), members: lines(form.members) }),
  defaults: () => ({}),
  // The team as it is now, to change rather than retype.
  choicesFor: (read, values) =>
    values.leadPractitioner === undefined && read.leadPractitioner
      ? { current: { leadPractitioner: read.leadPractitioner, members: read.teamMembers.join('\n') } }
      : {},
};
