import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The DfE's 2025-26 schema, kept verbatim in the repository. */
export const CENSUS_XSD = join(__dirname, '../../libs/contracts/cin-census/CIN_schema_2025-26.xsd');

export interface SchemaCheck {
  valid: boolean;
  /** xmllint's own words, one line each: they may quote a value, so they are for the analyst's screen, never a log. */
  problems: string[];
}

/**
 * Checks a census file against the DfE's XSD with libxml2's xmllint (Debian's libxml2-utils, which
 * .ci/run and the start script install). Refuses to answer, rather than pass, when xmllint is missing.
 */
export const checkAgainstCensusSchema = (xml: string): SchemaCheck => {
  const run = spawnSync('xmllint', ['--noout', '--schema', CENSUS_XSD, '-'], { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`xmllint could not run (${run.error.message}): install libxml2-utils`);
  const problems = run.stderr.split('\n').filter((line) => line.trim() !== '' && !line.endsWith(' validates'));
  return { valid: run.status === 0, problems };
};
