import type { CaseRead } from '../case-read';

/**
 * Which actions the case page offers, by case-progression's rules (its deciders, domain/case-rules.ts):
 * a closed case takes only census corrections of the child's details; after an assessment found no further
 * action only closure follows (8831); one assessment, Section 47 enquiry, child in need plan, child protection
 * plan and looked after period at a time; no child in need plan during a child protection plan (4001); a
 * conference follows a Section 47 enquiry that has not ruled one out (8615); closure once nothing is open.
 * Each id is the thing the action is about (null: not offered).
 */
export const actionsOffered = (read: CaseRead) => {
  const open = read.status !== 'CLOSED';
  const progressing = open && lastAssessmentOutcome(read) !== 'NO_FURTHER_ACTION';
  const openAssessment = read.assessments.find((assessment) => !assessment.authorisedOn) ?? null;
  const ongoingSection47 = read.section47s.find((section47) => !section47.concludedOn) ?? null;
  const conferenced = new Set(read.conferences.map((conference) => conference.section47Id));
  const awaitingConference = read.section47s.filter(
    (section47) => !conferenced.has(section47.section47Id) && section47.icpcRequired !== false,
  );
  const openCpPlan = read.cpPlans.find((plan) => !plan.endedOn) ?? null;
  const openCinPlan = read.cinPlans.find((plan) => !plan.endedOn) ?? null;
  const nothingOpen =
    !openAssessment &&
    !openCpPlan &&
    !openCinPlan &&
    !read.lookedAfter &&
    !ongoingSection47 &&
    !awaitingConference.some((s47) => s47.concludedOn);
  return {
    startAssessment: progressing && !openAssessment,
    completeAssessment: open ? (openAssessment?.assessmentId ?? null) : null,
    strategyDiscussion: progressing,
    section47Outcome: open ? (ongoingSection47?.section47Id ?? null) : null,
    conference: progressing && awaitingConference.length > 0,
    reviewCpPlan: open ? (openCpPlan?.planId ?? null) : null,
    endCpPlan: open ? (openCpPlan?.planId ?? null) : null,
    startCinPlan: progressing && !openCinPlan && !openCpPlan,
    endCinPlan: open ? (openCinPlan?.planId ?? null) : null,
    startLookedAfter: progressing && !read.lookedAfter,
    endLookedAfter: open && read.lookedAfter !== null,
    closeCase: open && nothingOpen,
  };
};

export type ActionsOffered = ReturnType<typeof actionsOffered>;

/** The outcome of the assessment completed last (by its authorisation day; the list keeps the order they happened in). */
const lastAssessmentOutcome = (read: CaseRead): string | null => {
  const completed = read.assessments.filter((assessment) => assessment.authorisedOn);
  const last = completed.reduce<(typeof completed)[number] | null>(
    (latest, assessment) => (!latest || assessment.authorisedOn! >= latest.authorisedOn! ? assessment : latest),
    null,
  );
  return last?.outcome ?? null;
};
