import { spawnSync } from 'node:child_process';

/**
 * Runs Prometheus' promtool (Debian's `prometheus` package, which infra/tools/ensure-debian-tool.sh installs
 * and .ci/run installs with it). Refuses to answer, rather than pass, when promtool is missing.
 */
export const promtool = (...args: string[]): { ok: boolean; output: string } => {
  const run = spawnSync('promtool', args, { encoding: 'utf8', timeout: 60_000 });
  if (run.error) {
    throw new Error(
      `promtool could not run (${run.error.message}): install it with ` +
        `bash infra/tools/ensure-debian-tool.sh prometheus prometheus "the alert rules' checks"`,
    );
  }
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
};
