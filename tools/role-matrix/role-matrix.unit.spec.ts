import { referralIntakeService } from '../../services/referral-intake/src/referral-intake.service-definition';
import { earlyHelpService } from '../../services/early-help/src/early-help.service-definition';
import { discoverRoutes } from './discover-routes';
import { MATRIX_END, MATRIX_START, roleMatrixDocAgainstCode, roleMatrixMarkdown, withRoleMatrix } from './role-matrix-doc';

// Reads docs/http-api.md (the one file this unit test touches): an endpoint added or re-roled without `npm run docs:roles` fails here.
describe('the role matrix in docs/http-api.md', () => {
  it('matches the @Roles and @Public of every route in the code', async () => {
    const { current, regenerated } = await roleMatrixDocAgainstCode();
    const matrixOf = (page: string) => page.slice(page.indexOf(MATRIX_START), page.indexOf(MATRIX_END));
    // The page's matrix, compared with what `npm run docs:roles` would write (run it to fix this).
    expect(matrixOf(current)).toBe(matrixOf(regenerated));
  });
});

describe('route discovery', () => {
  it('reads the method, the path as docs/http-api.md writes it, and the roles on the method', async () => {
    const routes = await discoverRoutes(referralIntakeService);
    expect(routes).toContainEqual({ method: 'POST', path: '/v1/referrals', open: false, roles: ['FRONT_DOOR', 'SCHOOL'] });
    expect(routes).toContainEqual({ method: 'GET', path: '/v1/children/{childId}/referrals', open: false, roles: expect.any(Array) });
  });

  it('finds the platform routes, open with @Public(), and skips Kafka reactions', async () => {
    const routes = await discoverRoutes(referralIntakeService);
    expect(routes.filter((route) => route.open).map((route) => route.path)).toEqual(['/health', '/health/ready', '/metrics']);
    // The @EventPattern controllers have no path of their own: a reaction taken for a route would show as `/`.
    expect(routes.map((route) => route.path)).not.toContain('/');
  });

  it('takes roles from the controller when the method names none, as the guard does', async () => {
    const routes = await discoverRoutes(earlyHelpService);
    expect(routes).toContainEqual({
      method: 'POST',
      path: '/v1/early-help/episodes/{id}/team',
      open: false,
      roles: ['EARLY_HELP', 'ADMIN'],
    });
  });
});

describe('the generated tables', () => {
  const matrix = roleMatrixMarkdown([
    {
      service: 'example',
      routes: [
        { method: 'GET', path: '/health', open: true, roles: [] },
        { method: 'POST', path: '/v1/things/{id}', open: false, roles: ['ADMIN'] },
      ],
    },
  ]);

  it('say open, allowed or 403 for every role, columns padded as Prettier pads them', () => {
    expect(matrix.split('\n')).toEqual([
      '#### example',
      '',
      '| endpoint               | FRONT_DOOR | SOCIAL_WORKER | EARLY_HELP | SCHOOL | ANALYST | ADMIN   |',
      '| ---------------------- | ---------- | ------------- | ---------- | ------ | ------- | ------- |',
      '| `GET /health`          | open       | open          | open       | open   | open    | open    |',
      '| `POST /v1/things/{id}` | 403        | 403           | 403        | 403    | 403     | allowed |',
    ]);
  });

  it('replace only what is between the markers', () => {
    const page = `intro\n${MATRIX_START}\nstale\n${MATRIX_END}\nnotes\n`;
    expect(withRoleMatrix(page, 'TABLES')).toBe(`intro\n${MATRIX_START}\n\nTABLES\n\n${MATRIX_END}\nnotes\n`);
    expect(() => withRoleMatrix('no markers', 'TABLES')).toThrow(/role-matrix:start/);
  });
});
