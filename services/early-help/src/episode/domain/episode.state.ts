import type { EarlyHelpEpisodeOpenedV1, EarlyHelpOutcome, OutcomeArea } from '@csc/contracts';

export interface LadderReading {
  scoredOn: string;
  scores: Partial<Record<OutcomeArea, number>>;
}

export interface EpisodeState {
  status: 'NONE' | 'OPEN' | 'CLOSED';
  opened: EarlyHelpEpisodeOpenedV1 | null;
  assessment: { completedOn: string; needs: OutcomeArea[] } | null;
  team: { formedOn: string; leadPractitioner: string; members: string[] } | null;
  plan: { agreedOn: string; goals: string[] } | null;
  ladder: LadderReading[];
  reviews: string[];
  closure: { closedOn: string; outcome: EarlyHelpOutcome } | null;
}

export const initialEpisodeState: EpisodeState = {
  status: 'NONE',
  opened: null,
  assessment: null,
  team: null,
  plan: null,
  ladder: [],
  reviews: [],
  closure: null,
};
