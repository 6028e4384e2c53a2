import type { ChildCharacteristics } from './actions/child-characteristics.forms';

/** `GET /v1/cases/{id}` as the console uses it (case-progression's case view). */
export interface CaseRead {
  caseId: string;
  childId: string;
  status: string;
  version: number;
  referralDate: string;
  primaryNeed: string | null;
  referralIds: string[];
  child: { givenName?: string; familyName?: string; schoolUrn?: string | null } & ChildCharacteristics;
  stage: string;
  dueDates: {
    assessmentDueDate: string | null;
    assessmentOverdue: boolean;
    icpcDueDate: string | null;
    icpcOverdue: boolean;
    nextCpReviewDueDate: string | null;
    cpReviewOverdue: boolean;
    asOf: string;
  };
  assessments: { assessmentId: string; startedOn: string; authorisedOn?: string; outcome?: string; factors?: string[] }[];
  strategyDiscussions: { strategyDiscussionId: string; heldOn: string; section47Id: string | null }[];
  section47s: { section47Id: string; startedOn: string; concludedOn?: string; icpcRequired?: boolean; icpcDueDate: string | null }[];
  conferences: { conferenceId: string; heldOn: string; section47Id: string | null }[];
  cpPlans: {
    planId: string;
    startedOn: string;
    latestCategory: string;
    reviews: string[];
    endedOn: string | null;
    nextReviewDueDate: string | null;
  }[];
  cinPlans: { planId: string; startedOn: string; endedOn: string | null; namedSocialWorker: { name: string } | null }[];
  lookedAfter: { periodId: string; startedOn: string; legalStatus: string } | null;
  closure: { closedOn: string; reason: string } | null;
}

/** The first block of the case id: short enough to say on the phone; the caseload and the case page both use it. */
export const caseReference = (caseId: string): string => `Case ${caseId.slice(0, 8).toUpperCase()}`;
