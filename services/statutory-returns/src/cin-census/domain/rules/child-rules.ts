import type { CensusRule } from './census-rule';
import {
  birthBeforeCensusEnd_8520,
  birthOrExpectedBirth_8525Q,
  deathAfterBirth_8535Q,
  deathInCensusYear_8545Q,
  expectedBirthInRange_8530Q,
  overTwentyFive_8775Q,
} from './birth-and-death.rules';
import {
  disabilityCodesDistinct_8794,
  disabilityNoneAlone_8790,
  disabilityRecorded_8540,
  ethnicityRecorded_4220,
  sexRecorded_4180,
  unbornSexUnknown_8750,
} from './child-characteristics.rules';
import {
  diedHasDeathDate_8585Q,
  episodesDoNotOverlap_8820,
  hasCinEpisode_8590,
  oneOpenCase_8815,
  openCaseIsLatest_8816,
  referredBeforeDeath_8555Q,
} from './cin-episodes.rules';
import { laChildIdAlphanumeric_1580, laChildIdLength_1570, laChildIdPresent_8500, laChildIdUnique_8510 } from './la-child-id.rules';
import {
  formerUpnFormat_1560Q,
  upnCheckLetter_1510,
  upnDigits_1540,
  upnForSchoolAgeChild_8770Q,
  upnLaCode_1530,
  upnLastCharacter_1550,
  upnUnique_1520,
  upnUnknownNfaOnly_8772,
} from './upn.rules';
import {
  disabilityCodesUsed_2887Q,
  multipleDisabilitiesRecorded_2888Q,
  referenceDate_100,
  sexRecordedProportion_2886Q,
} from './whole-return.rules';

/** The rules about the child and the return as a whole (episode-level rules live beside them), in the DfE's code order. */
export const CHILD_RULES: CensusRule[] = [
  referenceDate_100,
  upnCheckLetter_1510,
  upnUnique_1520,
  upnLaCode_1530,
  upnDigits_1540,
  upnLastCharacter_1550,
  formerUpnFormat_1560Q,
  laChildIdLength_1570,
  laChildIdAlphanumeric_1580,
  sexRecordedProportion_2886Q,
  disabilityCodesUsed_2887Q,
  multipleDisabilitiesRecorded_2888Q,
  sexRecorded_4180,
  ethnicityRecorded_4220,
  laChildIdPresent_8500,
  laChildIdUnique_8510,
  birthBeforeCensusEnd_8520,
  birthOrExpectedBirth_8525Q,
  expectedBirthInRange_8530Q,
  deathAfterBirth_8535Q,
  disabilityRecorded_8540,
  deathInCensusYear_8545Q,
  referredBeforeDeath_8555Q,
  diedHasDeathDate_8585Q,
  hasCinEpisode_8590,
  unbornSexUnknown_8750,
  upnForSchoolAgeChild_8770Q,
  upnUnknownNfaOnly_8772,
  overTwentyFive_8775Q,
  disabilityNoneAlone_8790,
  disabilityCodesDistinct_8794,
  oneOpenCase_8815,
  openCaseIsLatest_8816,
  episodesDoNotOverlap_8820,
];
