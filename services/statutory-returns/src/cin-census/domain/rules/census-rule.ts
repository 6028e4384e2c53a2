import type { CensusChild, CensusFinding, CensusReturn, CinDetails } from '../census-return';

/** Where a rule found a problem: the element, and what in particular (never a personal value). */
export interface RuleHit {
  field: string;
  /** The episode it is in, when it is in one. */
  episode?: CinDetails;
  /** Added to the DfE's message: which date, which code (codes and dates only, never names or UPNs). */
  detail?: string;
}

/** One DfE validation rule, from its text in validation-rules-2025-26.tsv. */
export interface CensusRule {
  code: string;
  severity: 'ERROR' | 'QUERY';
  /** The DfE's message, word for word. */
  text: string;
  check(census: CensusReturn): CensusFinding[];
}

type Definition = Omit<CensusRule, 'check'>;

const findingOf = (rule: Definition, child: CensusChild | null, hit: RuleHit): CensusFinding => ({
  rule: rule.code,
  severity: rule.severity,
  childId: child?.childId ?? null,
  laChildId: child?.laChildId ?? null,
  ...(hit.episode?.caseId ? { caseId: hit.episode.caseId } : {}),
  field: hit.field,
  message: hit.detail ? `${rule.text} (${hit.detail})` : rule.text,
});

/** A rule that looks at one child at a time (most of them). */
export const childRule = (rule: Definition, check: (child: CensusChild, census: CensusReturn) => RuleHit[]): CensusRule => ({
  ...rule,
  check: (census) => census.children.flatMap((child) => check(child, census).map((hit) => findingOf(rule, child, hit))),
});

/** A rule that looks at each CIN episode of each child. */
export const episodeRule = (
  rule: Definition,
  check: (episode: CinDetails, child: CensusChild, census: CensusReturn) => Omit<RuleHit, 'episode'>[],
): CensusRule =>
  childRule(rule, (child, census) =>
    child.episodes.flatMap((episode) => check(episode, child, census).map((hit) => ({ ...hit, episode }))),
  );

/** A rule only the whole return can check (proportions, duplicates across children). */
export const returnRule = (
  rule: Definition,
  check: (census: CensusReturn) => { child: CensusChild | null; hit: RuleHit }[],
): CensusRule => ({
  ...rule,
  check: (census) => check(census).map(({ child, hit }) => findingOf(rule, child, hit)),
});
