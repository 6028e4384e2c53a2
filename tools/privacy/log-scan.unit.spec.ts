import { identifiersInSource, mergeIdentifiers, personalDataFinder, scanLogs } from './personal-data-in-logs';

const testSource = `
  const child = { givenName: 'Amelia', familyName: "O'Brien", nhsNumber: '943 476 5919', postcode: 'FY1 4QS' };
  const other = { "givenName": "Zoë", familyName: \`Testchild\${randomUUID().slice(0, 8)}\`, upn: 'A123456789012' };
  expect(body.message).toContainEqual({ nhsNumber: 'fails the modulus 11 check' });
`;
const ids = identifiersInSource(testSource);
const find = personalDataFinder(ids);
const logLine = (msg: string) => JSON.stringify({ level: 40, time: 1795353041300, name: 'referral-intake', msg });

describe('the test children, read from test code', () => {
  it('are the literals written for givenName, familyName, nhsNumber, upn and postcode', () => {
    expect(ids).toEqual({
      names: ['Amelia', "O'Brien", 'Zoë', 'Testchild${randomUUID().slice(0, 8)}'],
      nhsNumbers: ['943 476 5919'],
      upns: ['A123456789012'],
      postcodes: ['FY1 4QS'],
    });
  });

  it('are merged across files without repeats', () => {
    expect(mergeIdentifiers([ids, ids]).names).toHaveLength(4);
  });
});

describe('a log line', () => {
  it('is clean when it holds only ids, paths, codes and timings', () => {
    const clean = JSON.stringify({
      level: 30,
      time: 1795353041300,
      pid: 10154,
      req: {
        id: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
        method: 'POST',
        path: '/v1/referrals/3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b/decision',
      },
      res: { statusCode: 422 },
      responseTime: 12,
      msg: 'request completed for Ameliaville school 100001 (position 1234567)',
    });
    expect(find(clean)).toEqual([]);
  });

  it.each([
    ['a given name', logLine('could not match Amelia'), 'name "Amelia"'],
    ['a family name in capitals', logLine("O'BRIEN declined"), `name "O'BRIEN"`],
    ['a name with an accent', logLine('child Zoë'), 'name "Zoë"'],
    ['a generated name', logLine('child Testchild1a2b3c4d matched'), 'name "Testchild1a2b3c4d"'],
    ['an NHS number with spaces', logLine('nhs 943 476 5919'), 'NHS number "943 476 5919"'],
    ['an NHS number without spaces', logLine('nhs=9434765919'), 'NHS number "9434765919"'],
    ['any NHS number that passes the check', logLine('nhs 4010232137'), 'NHS number "4010232137"'],
    ['a UPN in lower case', logLine('upn a123456789012'), 'UPN "a123456789012"'],
    ['a postcode without its space', logLine('at FY14QS'), 'postcode "FY14QS"'],
    ['a postcode in lower case', logLine('at fy1 4qs'), 'postcode "fy1 4qs"'],
  ])('holds %s', (_what, line, found) => {
    expect(find(line)).toEqual([found]);
  });
});

describe('the verdict on a run', () => {
  it('names the file and line of each finding', () => {
    const logs = [{ file: 'referral-intake.log', text: `${logLine('started')}\n${logLine('received Amelia')}\n` }];
    expect(scanLogs(logs, ids)).toEqual({ findings: [{ file: 'referral-intake.log', line: 2, what: 'name "Amelia"' }] });
  });

  it('is a failure, not a pass, when there are no logs or they are empty', () => {
    expect(scanLogs([], ids).problem).toMatch(/no service logs/);
    expect(scanLogs([{ file: 'analytics.log', text: '' }], ids).problem).toMatch(/no service logs/);
  });
});
