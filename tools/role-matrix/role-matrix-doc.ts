import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROLES, type Role } from '@csc/contracts';
import { discoverEveryService, type DiscoveredRoute, type ServiceRoutes } from './discover-routes';

/** The HTTP contract, whose "Who may call what" section holds the generated tables. */
export const ROLE_MATRIX_DOC = resolve(__dirname, '../../docs/http-api.md');
const DOC_NAME = 'docs/http-api.md';

export const MATRIX_START = '<!-- role-matrix:start -->';
export const MATRIX_END = '<!-- role-matrix:end -->';

/** What a caller with a valid token of this role gets from the guard. */
export const guardVerdict = (route: DiscoveredRoute, role: Role): 'open' | 'allowed' | '403' =>
  route.open ? 'open' : route.roles.includes(role) ? 'allowed' : '403';

/** One table per service, columns padded as Prettier pads them so that `prettier --check` accepts the page as written. */
export const roleMatrixMarkdown = (services: ServiceRoutes[]): string =>
  services
    .map(({ service, routes }) => {
      const rows = routes.map((route) => [`\`${route.method} ${route.path}\``, ...ROLES.map((role) => guardVerdict(route, role))]);
      return `#### ${service}\n\n${table(['endpoint', ...ROLES], rows)}`;
    })
    .join('\n\n');

const table = (header: string[], rows: string[][]): string => {
  const widths = header.map((cell, column) => Math.max(3, cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
};

/** The page with the generated tables between the markers; throws if the markers are missing. */
export const withRoleMatrix = (page: string, matrix: string): string => {
  const start = page.indexOf(MATRIX_START);
  const end = page.indexOf(MATRIX_END);
  if (start === -1 || end < start)
    throw new Error(`${DOC_NAME} needs ${MATRIX_START} and ${MATRIX_END} (in that order) around the role matrix`);
  return `${page.slice(0, start + MATRIX_START.length)}\n\n${matrix}\n\n${page.slice(end)}`;
};

/** The page as it is and as the code says it should be. */
export const roleMatrixDocAgainstCode = async (): Promise<{ current: string; regenerated: string }> => {
  const current = readFileSync(ROLE_MATRIX_DOC, 'utf8');
  return { current, regenerated: withRoleMatrix(current, roleMatrixMarkdown(await discoverEveryService())) };
};
