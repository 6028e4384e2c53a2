import { upnCheckLetter } from '@csc/domain';
import { aChild, anEpisode, aReturn } from '../../../../test/census-builders';
import type { CensusFinding } from '../census-return';
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

const CHILD = aChild().childId;
const OTHER = '00000000-0000-4000-8000-0000000000a2';
const upnWith = (lastTwelve: string): string => `${upnCheckLetter(lastTwelve)}${lastTwelve}`;
const located = (findings: CensusFinding[]) => findings.map(({ rule, severity, childId, field }) => ({ rule, severity, childId, field }));

describe('1510 UPN check letter', () => {
  it('passes a UPN whose check letter is right, a temporary UPN included', () => {
    const census = aReturn([aChild(), aChild({ childId: OTHER, upn: upnWith('82345678901A') })]);
    expect(upnCheckLetter_1510.check(census)).toEqual([]);
  });

  it('fails a UPN whose check letter is wrong', () => {
    const census = aReturn([aChild({ upn: 'A823456789012' })]);
    expect(located(upnCheckLetter_1510.check(census))).toEqual([{ rule: '1510', severity: 'ERROR', childId: CHILD, field: 'UPN' }]);
  });
});

describe('1520 UPN unique', () => {
  it('passes children with different UPNs', () => {
    const census = aReturn([aChild(), aChild({ childId: OTHER, upn: upnWith('823456789013') })]);
    expect(upnUnique_1520.check(census)).toEqual([]);
  });

  it('fails each child sharing a UPN, without the UPN in the message', () => {
    const census = aReturn([aChild(), aChild({ childId: OTHER })]);
    const findings = upnUnique_1520.check(census);
    expect(located(findings)).toEqual([
      { rule: '1520', severity: 'ERROR', childId: CHILD, field: 'UPN' },
      { rule: '1520', severity: 'ERROR', childId: OTHER, field: 'UPN' },
    ]);
    expect(findings[0].message).not.toContain('823456789012');
  });
});

describe('1530 UPN LA code', () => {
  it('passes a UPN with a recognised LA code', () => {
    expect(upnLaCode_1530.check(aReturn([aChild({ upn: upnWith('001456789012') })]))).toEqual([]);
  });

  it('fails a UPN whose characters 2-4 are not an LA code', () => {
    const census = aReturn([aChild({ upn: upnWith('999456789012') })]);
    expect(located(upnLaCode_1530.check(census))).toEqual([{ rule: '1530', severity: 'ERROR', childId: CHILD, field: 'UPN' }]);
  });
});

describe('1540 UPN characters 5-12 numeric', () => {
  it('passes a UPN with digits at 5-12', () => {
    expect(upnDigits_1540.check(aReturn([aChild()]))).toEqual([]);
  });

  it('fails a UPN with a letter among characters 5-12', () => {
    const census = aReturn([aChild({ upn: 'Q8234567A9012' })]);
    expect(located(upnDigits_1540.check(census))).toEqual([{ rule: '1540', severity: 'ERROR', childId: CHILD, field: 'UPN' }]);
  });
});

describe('1550 UPN character 13', () => {
  it('passes a digit or a letter other than I, O and S', () => {
    const census = aReturn([aChild(), aChild({ childId: OTHER, upn: upnWith('82345678901Z') })]);
    expect(upnLastCharacter_1550.check(census)).toEqual([]);
  });

  it('fails an I at character 13', () => {
    const census = aReturn([aChild({ upn: 'Q82345678901I' })]);
    expect(located(upnLastCharacter_1550.check(census))).toEqual([{ rule: '1550', severity: 'ERROR', childId: CHILD, field: 'UPN' }]);
  });
});

describe('1560Q former UPN format', () => {
  it('passes no former UPN, or a temporary one', () => {
    const census = aReturn([aChild(), aChild({ childId: OTHER, formerUpn: 'A82345678901B' })]);
    expect(formerUpnFormat_1560Q.check(census)).toEqual([]);
  });

  it('queries a former UPN that is too short', () => {
    const census = aReturn([aChild({ formerUpn: 'A8234' })]);
    expect(located(formerUpnFormat_1560Q.check(census))).toEqual([
      { rule: '1560Q', severity: 'QUERY', childId: CHILD, field: 'FormerUPN' },
    ]);
  });
});

describe('8770Q UPN for a child of school age', () => {
  const schoolAgeWithoutUpn = { upn: null, personBirthDate: '2020-08-31', upnUnknownReason: null };

  it('passes a school-age child with a UPN, or with a reason that fits school age', () => {
    const census = aReturn([aChild(), aChild({ ...schoolAgeWithoutUpn, childId: OTHER, upnUnknownReason: 'UN3' })]);
    expect(upnForSchoolAgeChild_8770Q.check(census)).toEqual([]);
  });

  it('passes a child born after 31 August six years before the reference year, or only referred NFA', () => {
    const census = aReturn([
      aChild({ ...schoolAgeWithoutUpn, personBirthDate: '2020-09-01' }),
      aChild({ ...schoolAgeWithoutUpn, childId: OTHER, episodes: [anEpisode({ referralNfa: true, caseId: null })] }),
    ]);
    expect(upnForSchoolAgeChild_8770Q.check(census)).toEqual([]);
  });

  it('queries a school-age child with no UPN and no reason, or with UN1', () => {
    const census = aReturn([aChild(schoolAgeWithoutUpn), aChild({ ...schoolAgeWithoutUpn, childId: OTHER, upnUnknownReason: 'UN1' })]);
    const findings = upnForSchoolAgeChild_8770Q.check(census);
    expect(located(findings)).toEqual([
      { rule: '8770Q', severity: 'QUERY', childId: CHILD, field: 'UPN' },
      { rule: '8770Q', severity: 'QUERY', childId: OTHER, field: 'UPN' },
    ]);
    expect(findings[1].message).toContain('UN1');
  });
});

describe('8772 UN7 only for referrals with no further action', () => {
  it('passes UN7 when every referral was closed with no further action', () => {
    const census = aReturn([aChild({ upn: null, upnUnknownReason: 'UN7', episodes: [anEpisode({ referralNfa: true, caseId: null })] })]);
    expect(upnUnknownNfaOnly_8772.check(census)).toEqual([]);
  });

  it('fails UN7 when a referral went on to further action', () => {
    const census = aReturn([aChild({ upn: null, upnUnknownReason: 'UN7' })]);
    expect(located(upnUnknownNfaOnly_8772.check(census))).toEqual([
      { rule: '8772', severity: 'ERROR', childId: CHILD, field: 'UPNunknown' },
    ]);
  });
});
