import { writeFileSync } from 'node:fs';
import { ROLE_MATRIX_DOC, roleMatrixDocAgainstCode } from './role-matrix/role-matrix-doc';

/**
 * `npm run docs:roles` writes docs/http-api.md's role-by-endpoint tables from the code's @Roles/@Public;
 * `npm run docs:roles -- --check` exits 1 if they are out of date (tools/role-matrix/*.unit.spec.ts does the same in `npm test`).
 */
const main = async () => {
  const { current, regenerated } = await roleMatrixDocAgainstCode();
  if (process.argv.includes('--check')) {
    if (current === regenerated) return console.log('docs/http-api.md: the role matrix matches the code');
    console.error('docs/http-api.md: the role matrix is out of date; run `npm run docs:roles`');
    process.exit(1);
  }
  writeFileSync(ROLE_MATRIX_DOC, regenerated);
  console.log(current === regenerated ? 'docs/http-api.md: the role matrix was up to date' : 'docs/http-api.md: role matrix rewritten');
};

main().catch((error: unknown) => {
  console.error(`role matrix: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
