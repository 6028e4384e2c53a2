import { ABUSE_CATEGORIES } from '@csc/contracts';
import { FormReading, namedSocialWorkerFields, namedSocialWorkerOf, type CaseForm } from './case-form';

const NAMED_SOCIAL_WORKER = namedSocialWorkerFields('cp');

/** `POST /v1/cases/{id}/strategy-discussions`: when it was held, and whether a Section 47 enquiry starts at it. */
export const STRATEGY_DISCUSSION: CaseForm = {
  name: 'strategyDiscussion',
  anchor: 'child-protection',
  fields: { discussionHeldOn: 'heldOn', section47: 'section47' },
  labels: { discussionHeldOn: 'Day of the strategy discussion', section47: 'Section 47 enquiry' },
  firstField: 'discussionHeldOn',
  dateFields: ['discussionHeldOn'],
  read: (form) => {
    const reading = new FormReading(form);
    return reading.result({
      heldOn: reading.date('discussionHeldOn', 'Day of the strategy discussion'),
      section47: reading.yesNo('section47', 'Select yes if a Section 47 enquiry starts'),
    });
  },
};

/** `POST /v1/cases/{id}/section47/{sid}/outcome`: when the enquiry concluded, and whether it calls for a conference. */
export const SECTION_47_OUTCOME: CaseForm = {
  name: 'section47Outcome',
  anchor: 'child-protection',
  fields: { concludedOn: 'concludedOn', icpcRequired: 'icpcRequired' },
  labels: { concludedOn: 'Day the enquiry concluded', icpcRequired: 'Initial child protection conference' },
  firstField: 'concludedOn',
  dateFields: ['concludedOn'],
  read: (form) => {
    const reading = new FormReading(form);
    return reading.result({
      concludedOn: reading.date('concludedOn', 'Day the enquiry concluded'),
      icpcRequired: reading.yesNo('icpcRequired', 'Select yes if an initial child protection conference is needed'),
    });
  },
};

/**
 * `POST /v1/cases/{id}/conferences`: the initial child protection conference, and the plan it starts (with
 * its category of abuse and named social worker) if it decided on one. The category is sent only with a plan.
 */
export const CONFERENCE: CaseForm = {
  name: 'conference',
  anchor: 'child-protection',
  fields: { conferenceHeldOn: 'heldOn', childProtectionPlan: 'childProtectionPlan', category: 'category', ...NAMED_SOCIAL_WORKER.fields },
  labels: {
    conferenceHeldOn: 'Day of the conference',
    childProtectionPlan: 'Child protection plan',
    category: 'Category of abuse',
    ...NAMED_SOCIAL_WORKER.labels,
  },
  firstField: 'conferenceHeldOn',
  dateFields: ['conferenceHeldOn'],
  read: (form) => {
    const reading = new FormReading(form);
    const heldOn = reading.date('conferenceHeldOn', 'Day of the conference');
    const childProtectionPlan = reading.yesNo('childProtectionPlan', 'Select yes if the conference decided on a child protection plan');
    const category = reading.text('category');
    return reading.result({
      heldOn,
      childProtectionPlan,
      ...(childProtectionPlan && category ? { category } : {}),
      ...(childProtectionPlan ? namedSocialWorkerOf(reading, 'cp') : {}),
    });
  },
};

export const ABUSE_CATEGORY_ITEMS = Object.entries(ABUSE_CATEGORIES).map(([value, text]) => ({ value, text }));
