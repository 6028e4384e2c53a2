import { writeFileSync } from 'node:fs';
import { README_PATH, readmeAgainstCode } from './role-matrix/role-matrix-readme';

/**
 * `npm run docs:roles` writes README.md's role-by-endpoint tables from the code's @Roles/@Public;
 * `npm run docs:roles -- --check` exits 1 if they are out of date (tools/role-matrix/*.unit.spec.ts does the same in `npm test`).
 */
const main = async () => {
  const { current, regenerated } = await readmeAgainstCode();
  if (process.argv.includes('--check')) {
    if (current === regenerated) return console.log('README.md: the role matrix matches the code');
    console.error('README.md: the role matrix is out of date; run `npm run docs:roles`');
    process.exit(1);
  }
  writeFileSync(README_PATH, regenerated);
  console.log(current === regenerated ? 'README.md: the role matrix was up to date' : 'README.md: role matrix rewritten');
};

main().catch((error: unknown) => {
  console.error(`role matrix: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
