import { EVENT_TYPES, REFERRAL_OUTCOMES } from '@csc/contracts';
import { draftNotification, type NotificationDraft } from './school-notification-policy';

const REFERRAL = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';

/** Data carrying everything a school must never see, whatever the event. */
const FORBIDDEN = {
  category: 'SAB',
  latestCategory: 'PHY',
  factors: ['19C', '3B'],
  needs: ['FAMILY_RELATIONSHIPS'],
  reason: 'RC9',
  primaryNeed: 'N1',
  legalStatus: 'C2',
  goalCount: 3,
  scores: { HEALTH: 2 },
  subject: { child: { givenName: 'Forbidden' }, referrer: { name: 'Other Referrer' }, members: ['Sibling Name'] },
};
const FORBIDDEN_TEXT = /SAB|PHY|19C|3B|FAMILY_RELATIONSHIPS|RC9|N1|C2|Forbidden|Other Referrer|Sibling|abuse|neglect|factor/i;

const draftFor = (type: string, data: Record<string, unknown> = {}): NotificationDraft | null =>
  draftNotification({ type, data: { ...FORBIDDEN, referralId: REFERRAL, outcome: 'ACCEPTED_FOR_ASSESSMENT', ...data } });

describe('what a school is told, event by event', () => {
  it.each([
    ['ReferralReceived', 'REFERRAL_RECEIVED', 'THE_REFERRING_SCHOOL', REFERRAL],
    ['InformationRequested', 'INFORMATION_REQUESTED', 'THE_REFERRING_SCHOOL', REFERRAL],
    ['ReferralDecided', 'REFERRAL_DECIDED', 'ENTITLED_SCHOOLS', REFERRAL],
    ['AssessmentCompleted', 'ASSESSMENT_COMPLETED', 'ENTITLED_SCHOOLS', null],
    ['ChildProtectionPlanStarted', 'CHILD_PROTECTION_PLAN_STARTED', 'ENTITLED_SCHOOLS', null],
    ['ChildInNeedPlanStarted', 'CHILD_IN_NEED_PLAN_STARTED', 'ENTITLED_SCHOOLS', null],
    ['CaseClosed', 'CASE_CLOSED', 'ENTITLED_SCHOOLS', null],
    ['EarlyHelpEpisodeClosed', 'EARLY_HELP_CLOSED', 'ENTITLED_SCHOOLS', null],
  ])('%s: %s, to %s', (event, type, audience, referralId) => {
    expect(draftFor(event)).toEqual({ type, audience, referralId, summary: expect.any(String), socialWorker: null });
  });

  const silent = EVENT_TYPES.filter(
    (type) =>
      ![
        'ReferralReceived',
        'InformationRequested',
        'ReferralDecided',
        'AssessmentCompleted',
        'ChildProtectionPlanStarted',
        'ChildInNeedPlanStarted',
        'CaseClosed',
        'EarlyHelpEpisodeClosed',
      ].includes(type),
  );
  it.each(silent)('%s: schools are told nothing', (type) => {
    expect(draftFor(type)).toBeNull();
  });

  it.each(EVENT_TYPES)('%s: never an abuse category, factor, finding, other person or referrer in what a school sees', (type) => {
    expect(JSON.stringify(draftFor(type))).not.toMatch(FORBIDDEN_TEXT);
  });

  const SOCIAL_WORKER = { name: 'Sam Okafor', team: 'Children in Need, North', phone: '01632 960123', email: 'sam.okafor@example.gov.uk' };

  it.each(['ChildProtectionPlanStarted', 'ChildInNeedPlanStarted'])('%s: names the social worker, with only their work contact', (type) => {
    const draft = draftFor(type, { namedSocialWorker: { ...SOCIAL_WORKER, homeAddress: '1 Private Road', notes: 'SAB' } });
    expect(draft!.socialWorker).toEqual(SOCIAL_WORKER);
    expect(JSON.stringify(draft)).not.toMatch(FORBIDDEN_TEXT);
    expect(JSON.stringify(draft)).not.toContain('Private Road');
  });

  it('a plan without a named social worker says so by leaving it out', () => {
    expect(draftFor('ChildInNeedPlanStarted', { namedSocialWorker: null })!.socialWorker).toBeNull();
    expect(draftFor('ChildProtectionPlanStarted')!.socialWorker).toBeNull();
  });

  it.each(['ReferralDecided', 'AssessmentCompleted', 'CaseClosed'])('%s: a social worker on any other event is never passed on', (type) => {
    expect(draftFor(type, { namedSocialWorker: SOCIAL_WORKER })!.socialWorker).toBeNull();
  });

  it.each(REFERRAL_OUTCOMES)('tells the decision %s as a category in plain English', (outcome) => {
    const draft = draftFor('ReferralDecided', { outcome });
    expect(draft!.summary).toMatch(/^The front door has decided your referral: /);
    expect(draft!.summary).not.toContain(outcome);
    expect(JSON.stringify(draft)).not.toMatch(FORBIDDEN_TEXT);
  });
});
