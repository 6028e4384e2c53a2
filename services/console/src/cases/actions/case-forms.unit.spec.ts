import { COMPLETE_ASSESSMENT, START_ASSESSMENT } from './assessment.forms';
import { CONFERENCE, SECTION_47_OUTCOME, STRATEGY_DISCUSSION } from './child-protection.forms';
import { CLOSE_CASE } from './closure.forms';
import { END_LOOKED_AFTER, START_LOOKED_AFTER } from './looked-after.forms';
import { END_CIN_PLAN, END_CP_PLAN, REVIEW_CP_PLAN, START_CIN_PLAN } from './plans.forms';

/** A date input's three fields as posted. */
const date = (name: string, day: string, month: string, year: string) => ({
  [`${name}-day`]: day,
  [`${name}-month`]: month,
  [`${name}-year`]: year,
});

describe('the case page forms, read into the API bodies', () => {
  it('assessment: the start day; the completion with its factors (one ticked arrives as a string) and outcome', () => {
    expect(START_ASSESSMENT.read(date('startedAt', '6', '1', '2025'))).toEqual({ body: { startedAt: '2025-01-06' } });
    expect(COMPLETE_ASSESSMENT.read({ ...date('authorisedAt', '14', '2', '2025'), factors: '16A', outcome: 'CHILD_IN_NEED' })).toEqual({
      body: { authorisedAt: '2025-02-14', factors: ['16A'], outcome: 'CHILD_IN_NEED' },
    });
    // Choices not made are sent empty, for the API to name.
    expect(COMPLETE_ASSESSMENT.read(date('authorisedAt', '14', '2', '2025'))).toEqual({
      body: { authorisedAt: '2025-02-14', factors: [], outcome: '' },
    });
  });

  it('a date that is not one is GOV.UK’s message by its field, and nothing is sent', () => {
    expect(START_ASSESSMENT.read(date('startedAt', '30', '2', '2025'))).toEqual({
      errors: { startedAt: { text: 'Day the assessment started must be a real date' } },
    });
    expect(CLOSE_CASE.read({ closureReason: 'RC7' })).toEqual({ errors: { closedOn: { text: 'Enter day the case closed' } } });
  });

  it('strategy discussion: its day and whether a Section 47 enquiry starts, which must be answered', () => {
    expect(STRATEGY_DISCUSSION.read({ ...date('discussionHeldOn', '3', '3', '2025'), section47: 'yes' })).toEqual({
      body: { heldOn: '2025-03-03', section47: true },
    });
    expect(STRATEGY_DISCUSSION.read({ ...date('discussionHeldOn', '3', '3', '2025'), section47: 'no' })).toEqual({
      body: { heldOn: '2025-03-03', section47: false },
    });
    expect(STRATEGY_DISCUSSION.read(date('discussionHeldOn', '3', '', '2025'))).toEqual({
      errors: {
        discussionHeldOn: { text: 'Day of the strategy discussion must include a month', parts: ['month'] },
        section47: { text: 'Select yes if a Section 47 enquiry starts' },
      },
    });
  });

  it('Section 47 outcome: the day it concluded and whether a conference is needed', () => {
    expect(SECTION_47_OUTCOME.read({ ...date('concludedOn', '10', '3', '2025'), icpcRequired: 'no' })).toEqual({
      body: { concludedOn: '2025-03-10', icpcRequired: false },
    });
  });

  it('conference: a plan carries its category and named social worker; without a plan neither is sent', () => {
    const posted = {
      ...date('conferenceHeldOn', '24', '3', '2025'),
      category: 'NEG',
      cpNswName: ' Sam Okafor ',
      cpNswTeam: '',
      cpNswEmail: 'sam@example.gov.uk',
    };
    expect(CONFERENCE.read({ ...posted, childProtectionPlan: 'yes' })).toEqual({
      body: {
        heldOn: '2025-03-24',
        childProtectionPlan: true,
        category: 'NEG',
        namedSocialWorker: { name: 'Sam Okafor', email: 'sam@example.gov.uk' },
      },
    });
    expect(CONFERENCE.read({ ...posted, childProtectionPlan: 'no' })).toEqual({
      body: { heldOn: '2025-03-24', childProtectionPlan: false },
    });
    expect(CONFERENCE.fields).toMatchObject({ cpNswName: 'namedSocialWorker.name', conferenceHeldOn: 'heldOn' });
  });

  it('plans: a child in need plan with or without a named social worker; reviews keep the category unless one is chosen; ends', () => {
    expect(START_CIN_PLAN.read(date('cinStartedOn', '1', '4', '2025'))).toEqual({ body: { startedOn: '2025-04-01' } });
    expect(
      START_CIN_PLAN.read({ ...date('cinStartedOn', '1', '4', '2025'), cinNswName: 'Sam Okafor', cinNswPhone: '01632 960123' }),
    ).toEqual({
      body: { startedOn: '2025-04-01', namedSocialWorker: { name: 'Sam Okafor', phone: '01632 960123' } },
    });
    expect(REVIEW_CP_PLAN.read({ ...date('reviewHeldOn', '2', '6', '2025'), latestCategory: '' })).toEqual({
      body: { heldOn: '2025-06-02' },
    });
    expect(REVIEW_CP_PLAN.read({ ...date('reviewHeldOn', '2', '6', '2025'), latestCategory: 'EMO' })).toEqual({
      body: { heldOn: '2025-06-02', latestCategory: 'EMO' },
    });
    expect(END_CIN_PLAN.read(date('cinEndedOn', '30', '6', '2025'))).toEqual({ body: { endedOn: '2025-06-30' } });
    expect(END_CP_PLAN.read(date('cpEndedOn', '30', '6', '2025'))).toEqual({ body: { endedOn: '2025-06-30' } });
    expect(END_CP_PLAN.fields).toEqual({ cpEndedOn: 'endedOn' });
  });

  it('looked after: the start with its legal status, the end with its reason', () => {
    expect(START_LOOKED_AFTER.read({ ...date('lookedAfterFrom', '1', '5', '2025'), legalStatus: 'C2' })).toEqual({
      body: { startedOn: '2025-05-01', legalStatus: 'C2' },
    });
    expect(END_LOOKED_AFTER.read({ ...date('lookedAfterUntil', '1', '7', '2025'), ceasedReason: 'E13' })).toEqual({
      body: { endedOn: '2025-07-01', reason: 'E13' },
    });
  });

  it('closure: the day and the census reason', () => {
    expect(CLOSE_CASE.read({ ...date('closedOn', '31', '3', '2025'), closureReason: 'RC8' })).toEqual({
      body: { closedOn: '2025-03-31', reason: 'RC8' },
    });
  });
});
