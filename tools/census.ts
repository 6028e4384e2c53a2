import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkAgainstCensusSchema } from './census/census-schema';
import { findingsTable, ruleCountsTable, type CensusReportBody } from './census/report-table';
import { localToken } from './local-token';

const usage = `usage: npm run census -- --year 2025-26 --out <file.xml> [--url http://127.0.0.1:3006] [--token <ANALYST token>] [--findings N]
Makes the CIN census return for a collection year from the running statutory-returns service,
writes the XML file, checks it against the DfE's 2025-26 schema (xmllint), and prints the
pre-submission report: every DfE rule the return breaks, with its count, then the first N
findings (default 50) naming the child, case and element. Exits 1 when the file would be rejected
(schema errors or ERROR findings), 0 otherwise (queries still need an answer or a reason).
Without --token (or CSC_TOKEN) it mints a local ANALYST token with JWT_SECRET or the development secret.`;

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      year: { type: 'string' },
      out: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      findings: { type: 'string', default: '50' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.year || !values.out) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const url = (values.url ?? process.env.STATUTORY_RETURNS_URL ?? 'http://127.0.0.1:3006').replace(/\/$/, '');
  const token = values.token ?? process.env.CSC_TOKEN ?? (await localToken({ sub: 'local-census', role: 'ANALYST', org: 'LA888' }, '1h'));
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } }).catch((error: Error) => {
      throw new Error(`${url} does not answer (${error.message}): is statutory-returns running? (npm start)`);
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${body}`);
    return body;
  };

  const year = encodeURIComponent(values.year);
  const started = Date.now();
  const xml = await get(`/v1/returns/cin-census/${year}`);
  writeFileSync(values.out, xml);
  console.log(
    `${values.out}: the CIN census ${values.year}, ${xml.length.toLocaleString('en-GB')} bytes, made in ${Date.now() - started} ms`,
  );

  const schema = checkAgainstCensusSchema(xml);
  console.log(
    schema.valid ? "schema: valid against the DfE's CIN_schema_2025-26.xsd" : `schema: INVALID\n  ${schema.problems.join('\n  ')}`,
  );

  const report = JSON.parse(await get(`/v1/returns/cin-census/${year}/report`)) as CensusReportBody;
  console.log(`\n${report.children} children, ${report.cinDetails} CIN details; ${report.errors} errors, ${report.queries} queries\n`);
  console.log(ruleCountsTable(report));
  if (report.findings.length > 0) console.log(`\n${findingsTable(report, Number(values.findings))}`);
  return schema.valid && report.errors === 0 ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`census: ${error.message}`);
    process.exit(1);
  },
);
