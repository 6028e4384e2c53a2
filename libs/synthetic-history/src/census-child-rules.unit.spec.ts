import type { EventEnvelope } from '@csc/contracts';
import { addMonths, isValidUpn } from '@csc/domain';
import {
  CENSUS_YEAR,
  censusYearRecords,
  generatedHistory,
  HISTORY_ENDS,
  recordsAsAt,
  type CensusChild,
} from './census-records.spec-support';
import { schoolYearOn } from './child-characteristics';
import { DFE_LA_CODE } from './local-authority';
import { addDays } from './working-calendar';

const UPN_FORMAT = /^[A-HJ-NP-RT-Z]\d{12}$/;
const furtherAction = (child: CensusChild) => child.episodes.some((episode) => !episode.nfa);
const share = (children: CensusChild[], predicate: (child: CensusChild) => boolean) => children.filter(predicate).length / children.length;

/**
 * The census rules about the child (ChildIdentifiers, ChildCharacteristics), checked on the 2024-25
 * return of a generated history: what referrers said (ReferralReceived v2) and what social workers
 * recorded on cases, as the census reads them on 31 March.
 */
describe('a generated history gives each child census-true characteristics', () => {
  let events: EventEnvelope[] = [];
  let children: CensusChild[] = [];
  let everyChild: CensusChild[] = [];
  beforeAll(() => {
    events = generatedHistory();
    children = censusYearRecords(events);
    everyChild = recordsAsAt(events, HISTORY_ENDS);
  }, 60_000);

  it('receives every referral as ReferralReceived v2, with ethnicity and disabilities for the child', () => {
    const received = events.filter((event) => event.type === 'ReferralReceived');
    expect(received.length).toBeGreaterThan(8000);
    for (const event of received) expect(event.schemaVersion).toBe(2);
    expect(children.length).toBeGreaterThan(2500);
    for (const report of everyChild.flatMap((child) => child.reported)) {
      expect(report.characteristics.ethnicity).toBeDefined();
      expect(report.characteristics.disabilities!.length).toBeGreaterThan(0);
    }
  });

  it('records sex as M, F or U (4180), U for an unborn child (8750), and U for at most 2% of the born (2886Q)', () => {
    for (const child of children) {
      expect(['M', 'F', 'U']).toContain(child.sex);
      if (child.expectedDateOfBirth) expect(child.sex).toBe('U');
    }
    expect(share(children, (child) => child.sex === 'U' && !child.expectedDateOfBirth)).toBeLessThan(0.02);
  });

  it('records an ethnicity for every child (4220), in about the national mix, NOBT for the unborn', () => {
    const group = (prefix: string) => share(children, (child) => child.ethnicity!.startsWith(prefix) && child.ethnicity !== 'WBRI');
    for (const child of children) expect(child.ethnicity).toMatch(/^(W|M|A|B)[A-Z]{3}$|^(CHNE|OOTH|REFU|NOBT)$/);
    expect(share(children, (child) => child.ethnicity === 'WBRI')).toBeGreaterThan(0.57);
    expect(share(children, (child) => child.ethnicity === 'WBRI')).toBeLessThan(0.67);
    for (const [prefix, expected] of [
      ['W', 0.08],
      ['M', 0.1],
      ['A', 0.08],
      ['B', 0.07],
    ] as const) {
      expect(Math.abs(group(prefix) - expected)).toBeLessThan(0.025);
    }
    expect(share(children, (child) => child.ethnicity === 'REFU' || child.ethnicity === 'NOBT')).toBeLessThan(0.04);
    for (const report of everyChild.flatMap((child) => child.reported)) {
      if (report.child.expectedDateOfBirth) expect(report.characteristics.ethnicity).toBe('NOBT');
    }
  });

  it('records disabilities for every child (8540): NONE alone (8790), no code twice (8794), about 13% with one or more', () => {
    for (const child of children) {
      expect(child.disabilities.length).toBeGreaterThan(0);
      if (child.disabilities.includes('NONE')) expect(child.disabilities).toEqual(['NONE']);
      expect(new Set(child.disabilities).size).toBe(child.disabilities.length);
    }
    const disabled = share(children, (child) => !child.disabilities.includes('NONE'));
    expect(disabled).toBeGreaterThan(0.1);
    expect(disabled).toBeLessThan(0.16);
  });

  it('uses at least 8 disability codes (2887Q) and records two or three for some children (2888Q)', () => {
    const codes = new Set(children.flatMap((child) => child.disabilities).filter((code) => code !== 'NONE'));
    expect(codes.size).toBeGreaterThanOrEqual(8);
    expect(children.filter((child) => child.disabilities.length >= 2).length).toBeGreaterThan(20);
    expect(children.some((child) => child.disabilities.length === 3)).toBe(true);
  });

  it('gives UPNs with the right check letter (1510), a real LA code (1530), digits (1540, 1550), each to one child only (1520)', () => {
    const childOfUpn = new Map<string, string>();
    for (const child of everyChild) {
      for (const upn of new Set(child.reported.map((report) => report.child.upn).filter((upn) => upn !== undefined))) {
        expect(upn).toMatch(UPN_FORMAT);
        expect(isValidUpn(upn)).toBe(true);
        expect(upn.slice(1, 4)).toBe(DFE_LA_CODE);
        expect(childOfUpn.get(upn) ?? child.childId).toBe(child.childId);
        childOfUpn.set(upn, child.childId);
      }
    }
    expect(childOfUpn.size).toBeGreaterThan(2000);
  });

  it('gives a former UPN, for the few who have one, in the UPN format (1560Q)', () => {
    const former = children.filter((child) => child.formerUpn);
    expect(former.length).toBeGreaterThan(5);
    for (const child of former) {
      expect(child.formerUpn).toMatch(UPN_FORMAT);
      expect(isValidUpn(child.formerUpn!)).toBe(true);
      expect(child.formerUpn).not.toBe(child.upn);
    }
  });

  it('records a date of birth or an expected one, never both (8525Q), born by the reference date (8520)', () => {
    for (const child of children) {
      expect((child.dateOfBirth === null) !== (child.expectedDateOfBirth === null)).toBe(true);
      if (child.dateOfBirth) expect(child.dateOfBirth <= CENSUS_YEAR.end).toBe(true);
    }
  });

  it('keeps an expected date of birth within the census range (8530Q): a birth is recorded on the case', () => {
    const unborn = children.filter((child) => child.expectedDateOfBirth);
    expect(unborn.length).toBeGreaterThan(20);
    for (const child of unborn) {
      expect(child.expectedDateOfBirth! > addDays(CENSUS_YEAR.end, -30)).toBe(true);
      expect(child.expectedDateOfBirth! < addMonths(CENSUS_YEAR.end, 9)).toBe(true);
    }
    const births = events.filter((event) => event.type === 'ChildCharacteristicsRecorded');
    expect(births.length).toBeGreaterThan(50);
  });

  it('makes no CIN referral more than 40 weeks before the birth or expected birth (8606)', () => {
    for (const child of everyChild) {
      const birth = child.dateOfBirth ?? child.expectedDateOfBirth!;
      for (const episode of child.episodes) expect(episode.referralDate >= addDays(birth, -280)).toBe(true);
    }
  });

  it('gives every child of school age with further action a UPN or a reason (8770Q), UN1 rarely, never UN7 (8772)', () => {
    const bornBy = `${Number(CENSUS_YEAR.end.slice(0, 4)) - 6}-08-31`;
    const schoolAge = children.filter((child) => child.dateOfBirth && child.dateOfBirth <= bornBy && furtherAction(child));
    expect(schoolAge.length).toBeGreaterThan(1500);
    for (const child of schoolAge) expect(child.upn ?? child.upnUnknownReason).not.toBeNull();
    expect(share(schoolAge, (child) => !child.upn && child.upnUnknownReason === 'UN1')).toBeLessThan(0.01);
    for (const report of everyChild.flatMap((each) => each.reported)) expect(report.characteristics.upnUnknownReason).not.toBe('UN7');
  });

  it('gives a UPN-unknown reason that fits the age: UN6 under 6 and not at school, UN1 only after compulsory school age', () => {
    const reasons = new Set<string>();
    for (const report of everyChild.flatMap((child) => child.reported)) {
      const reason = report.characteristics.upnUnknownReason;
      if (!reason) continue;
      reasons.add(reason);
      expect(report.child.upn).toBeUndefined();
      const year = report.child.dateOfBirth ? schoolYearOn(report.child.dateOfBirth, report.day) : -1;
      if (reason === 'UN6') expect(year).toBeLessThan(1);
      if (reason === 'UN1') expect(year).toBeGreaterThanOrEqual(12);
    }
    expect([...reasons].sort()).toEqual(['UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6']);
  });

  it('tells the same characteristics on every referral of a child, or more: born since, or a UPN since starting school', () => {
    for (const child of everyChild) {
      child.reported.forEach((report, index) => {
        const before = child.reported[index - 1];
        if (!before) return;
        const wasUnborn = before.child.expectedDateOfBirth !== undefined;
        if (!wasUnborn) {
          expect(report.characteristics.ethnicity).toBe(before.characteristics.ethnicity);
          expect(report.characteristics.disabilities).toEqual(before.characteristics.disabilities);
          expect(report.child.dateOfBirth).toBe(before.child.dateOfBirth);
          expect(report.sex).toBe(before.sex);
        }
        if (before.child.upn) expect(report.child.upn).toBe(before.child.upn);
        if (before.characteristics.formerUpn) expect(report.characteristics.formerUpn).toBe(before.characteristics.formerUpn);
      });
    }
  });
});
