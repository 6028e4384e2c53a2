import type { Timeline } from './simulated-clock';
import type { NewEvent, Recorded } from './simulation';

/**
 * Steps on one day in the order the services require them: a child protection plan ends before a
 * child in need plan starts (4001), the child's details are recorded before the case closes.
 */
export const STEP_ORDER = {
  assessmentStarted: 0,
  strategyDiscussion: 1,
  section47Concluded: 2,
  conference: 3,
  assessmentCompleted: 4,
  protectionPlanReviewed: 5,
  protectionPlanEnded: 6,
  becameLookedAfter: 7,
  ceasedToBeLookedAfter: 8,
  childInNeedPlanStarted: 9,
  childInNeedPlanEnded: 10,
  childDetailsRecorded: 11,
} as const;
export type StepKind = keyof typeof STEP_ORDER;

interface DatedStep {
  day: string;
  order: number;
  seq: number;
  events: NewEvent[];
  then?: (recorded: Recorded) => void;
}

/**
 * A case's steps, planned in any order and recorded in date order, each on the day it is dated: the
 * census taken on the last day of the year then sees everything dated in the year, and nothing is
 * recorded before what it follows.
 */
export class CaseSteps {
  private readonly steps: DatedStep[] = [];

  add(day: string, kind: StepKind, events: NewEvent[], then?: (recorded: Recorded) => void): void {
    this.steps.push({ day, order: STEP_ORDER[kind], seq: this.steps.length, events, then });
  }

  record(tl: Timeline, record: (at: number, events: NewEvent[]) => Recorded): void {
    this.steps.sort((a, b) => a.day.localeCompare(b.day) || a.order - b.order || a.seq - b.seq);
    for (const step of this.steps) {
      const recorded = record(tl.on(step.day), step.events);
      step.then?.(recorded);
    }
  }
}

export const latestOf = (...days: string[]): string => days.reduce((latest, day) => (day > latest ? day : latest));
