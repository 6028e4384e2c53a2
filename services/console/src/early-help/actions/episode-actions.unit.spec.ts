import type { EpisodeRead } from '../episode-read';
import { episodePage, offeredActionsOf, recordedBannerOf } from '../episode-page';
import { recordAssessment } from './assessment.action';
import { closeEpisode, closingOutcomesFor } from './closure.action';
import { requestBodyOf, type EpisodeAction, type PostedForm } from './episode-action';
import { scoreLadder } from './ladder.action';
import { agreePlan } from './plan.action';
import { recordReview } from './review.action';
import { stepUp } from './step-up.action';
import { formTeam } from './team.action';

const day = (name: string, date: [string, string, string]): PostedForm => ({
  [`${name}-day`]: date[0],
  [`${name}-month`]: date[1],
  [`${name}-year`]: date[2],
});
const bodyOf = (action: EpisodeAction, form: PostedForm) => {
  const request = requestBodyOf(action, form);
  if (!('body' in request)) throw new Error(`refused: ${JSON.stringify(request.dateErrors)}`);
  return request.body;
};

const opened: EpisodeRead = {
  episodeId: 'e0e0e0e0-0000-4000-8000-000000000001',
  stage: 'OPENED',
  openedOn: '2025-02-03',
  closedOn: null,
  version: 1,
  origin: 'DIRECT_REQUEST',
  child: { givenName: 'Noah', familyName: 'Testchild' },
  reason: 'Mornings',
  needs: [],
  leadPractitioner: null,
  teamMembers: [],
  plan: null,
  reviews: [],
  ladder: { readings: 0, first: null, latest: null, distanceTravelled: {} },
};
const assessed: EpisodeRead = { ...opened, stage: 'ASSESSED', needs: ['GOOD_EDUCATION'] };
const planned: EpisodeRead = { ...assessed, stage: 'PLAN_AGREED', plan: { agreedOn: '2025-02-17', goals: ['Attendance above 90%'] } };
const closed: EpisodeRead = { ...planned, stage: 'CLOSED_GRADUATED', closedOn: '2025-06-01' };

describe("an episode's forms as the API's bodies", () => {
  it('the assessment: its day as YYYY-MM-DD and the areas ticked (one arrives as a string, several as a list)', () => {
    expect(bodyOf(recordAssessment, { ...day('completedOn', ['3', '3', '2025']), needs: 'SECURE_HOUSING' })).toEqual({
      completedOn: '2025-03-03',
      needs: ['SECURE_HOUSING'],
    });
    expect(bodyOf(recordAssessment, { ...day('completedOn', ['3', 'mar', '2025']), needs: ['GOOD_EDUCATION', ''] })).toEqual({
      completedOn: '2025-03-03',
      needs: ['GOOD_EDUCATION'],
    });
    expect(bodyOf(recordAssessment, day('completedOn', ['3', '3', '2025']))).toMatchObject({ needs: [] });
  });

  it('the plan and the team: one goal or member a line, blank lines dropped', () => {
    expect(
      bodyOf(agreePlan, { ...day('agreedOn', ['17', '2', '2025']), goals: ' Attendance above 90%\r\n\r\nCalmer mornings \n' }),
    ).toEqual({
      agreedOn: '2025-02-17',
      goals: ['Attendance above 90%', 'Calmer mornings'],
    });
    expect(bodyOf(formTeam, { leadPractitioner: ' Jo Lead ', members: 'Sue Patel, school nurse\nAl Support' })).toEqual({
      leadPractitioner: 'Jo Lead',
      members: ['Sue Patel, school nurse', 'Al Support'],
    });
    expect(bodyOf(formTeam, {})).toEqual({ leadPractitioner: '', members: [] });
  });

  it('the ladder: areas left not scored are left out; a score that is not a number is sent as posted, for the API to refuse by its area', () => {
    const form = {
      ...day('scoredOn', ['1', '4', '2025']),
      'score-GOOD_EDUCATION': '7',
      'score-SECURE_HOUSING': '',
      'score-FINANCIAL_STABILITY': 'ten',
    };
    expect(bodyOf(scoreLadder, form)).toEqual({ scoredOn: '2025-04-01', scores: { GOOD_EDUCATION: 7, FINANCIAL_STABILITY: 'ten' } });
    expect(bodyOf(scoreLadder, day('scoredOn', ['1', '4', '2025']))).toEqual({ scoredOn: '2025-04-01', scores: {} });
  });

  it('the review, the step-up (its day is the API’s `on`) and the closure', () => {
    expect(bodyOf(recordReview, day('heldOn', ['17', '5', '2025']))).toEqual({ heldOn: '2025-05-17' });
    expect(bodyOf(stepUp, { ...day('steppedUpOn', ['2', '6', '2025']), reason: ' Disclosure at school ' })).toEqual({
      on: '2025-06-02',
      reason: 'Disclosure at school',
    });
    expect(bodyOf(closeEpisode, { ...day('closedOn', ['2', '6', '2025']) })).toEqual({ closedOn: '2025-06-02', outcome: '' });
  });

  it('refuses a date it cannot read before the API is asked, in GOV.UK’s words, linked to the part at fault', () => {
    const request = requestBodyOf(agreePlan, { ...day('agreedOn', ['17', '', '2025']), goals: 'A goal' });
    expect(request).toEqual({
      dateErrors: {
        summary: [{ text: 'The day the plan was agreed must include a month', href: '#agreedOn-month' }],
        byField: { agreedOn: { text: 'The day the plan was agreed must include a month', parts: ['month'] } },
      },
    });
    expect(requestBodyOf(closeEpisode, { outcome: 'MOVED_AWAY' })).toMatchObject({
      dateErrors: { summary: [{ text: 'Enter the day the episode closed', href: '#closedOn-day' }] },
    });
  });

  it("starts a form's dates at today", () => {
    expect(recordReview.defaults('2025-05-07')).toEqual({ 'heldOn-day': '7', 'heldOn-month': '5', 'heldOn-year': '2025' });
  });
});

describe('what an episode offers to record, as its state allows', () => {
  const titles = (read: EpisodeRead) => offeredActionsOf(read).map((action) => action.text);

  it('opened: the assessment, the team, the ladder, a step-up and closing; not a plan or a review', () => {
    expect(titles(opened)).toEqual([
      'Record the early help assessment',
      'Record the team around the family',
      'Score the outcomes ladder',
      "Step up to children's social care",
      'Close the episode',
    ]);
    expect(offeredActionsOf(opened)[0].href).toBe(`/early-help/episodes/${opened.episodeId}/assessment`);
  });

  it('assessed: the plan in place of the assessment; planned: reviews in place of the plan', () => {
    expect(titles(assessed)).toContain('Record the agreed plan');
    expect(titles(assessed)).not.toContain('Record the early help assessment');
    expect(titles(assessed)).not.toContain('Record a review of the plan');
    expect(titles(planned)).toContain('Record a review of the plan');
    expect(titles(planned)).not.toContain('Record the agreed plan');
  });

  it('closed: nothing', () => {
    expect(offeredActionsOf(closed)).toEqual([]);
  });

  it('closing offers graduating only after a plan, "did not progress" only without one, and never a step-up', () => {
    expect(closingOutcomesFor(opened)).toEqual(['NOT_PROGRESSED', 'LEFT_WITHOUT_GRADUATING', 'MOVED_AWAY']);
    expect(closingOutcomesFor(planned)).toEqual(['GRADUATED', 'LEFT_WITHOUT_GRADUATING', 'MOVED_AWAY']);
    const items = closeEpisode.choicesFor!(planned, { outcome: 'MOVED_AWAY' }).outcomeItems as { text: string; checked: boolean }[];
    expect(items.map((item) => [item.text, item.checked])).toEqual([
      ['Graduated', false],
      ['Left without graduating', false],
      ['Moved away', true],
    ]);
  });

  it('says back what was just recorded, and nothing for an address it does not know', () => {
    expect(recordedBannerOf('plan')).toBe('The plan is recorded.');
    expect(recordedBannerOf('request')).toMatch(/^The episode is open/);
    expect(recordedBannerOf('anything')).toBeNull();
    expect(recordedBannerOf(undefined)).toBeNull();
  });
});

describe("the ladder form's choices", () => {
  it('one select per area, with its last score as a hint, and the score posted kept', () => {
    const scored = {
      ...planned,
      ladder: { ...planned.ladder, readings: 1, first: { scoredOn: '2025-02-17', scores: { GOOD_EDUCATION: 4 } } },
    };
    const { areas } = scoreLadder.choicesFor!(scored, { 'score-GOOD_EDUCATION': '6' }) as {
      areas: { id: string; name: string; hint: string; items: { value: string; selected: boolean }[] }[];
    };
    expect(areas).toHaveLength(10);
    expect(areas[0]).toMatchObject({ id: 'score-GOOD_EDUCATION', name: 'Getting a good education', hint: 'Last scored 4 out of 10' });
    expect(areas[0].items.filter((item) => item.selected).map((item) => item.value)).toEqual(['6']);
    expect(areas[0].items).toHaveLength(11);
    expect(areas[1].hint).toBe('Not scored before');
  });
});

describe('the episode page', () => {
  it('lists the days of its reviews as the API gives them (a list of days)', () => {
    const page = episodePage({ ...planned, reviews: ['2025-03-17', '2025-05-02'] }, { entries: [] });
    expect(page.details.find((row) => row.key.text === 'Reviews')?.value.text).toBe('17 March 2025, 2 May 2025');
    expect(page.actions.map((action) => action.text)).toContain('Record a review of the plan');
  });
});
