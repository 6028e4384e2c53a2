/**
 * Boundary rules, checked in CI (`npm run lint`). The domain is `libs/contracts`, every
 * `*.decider.ts` and anything under a `domain/` folder: pure TypeScript that any service or
 * outside consumer can depend on. libs/domain holds the pure helpers deciders share. tools/dependency-rule/fixtures shows each rule failing.
 */
const DOMAIN = '(^libs/contracts/src/|^libs/domain/src/|[.]decider[.]ts$|/domain/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-framework-free',
      comment: 'Deciders and contracts import no NestJS, TypeORM, kafkajs or pg (docs/style.md, docs/architecture.md).',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: 'node_modules/(@nestjs|typeorm|kafkajs|pg|pg-[a-z]+|@swc|rxjs)/' },
    },
    {
      name: 'domain-imports-only-domain',
      comment: 'A domain file that imports infrastructure would bring the frameworks in through the back door.',
      severity: 'error',
      from: { path: DOMAIN, pathNot: '[.]spec[.]ts$' },
      to: { path: '^(services|libs|tools)/', pathNot: DOMAIN },
    },
    {
      name: 'services-are-independent',
      comment: 'Services talk only through Kafka events: never import another service (an e2e spec, or its harness, may start several).',
      severity: 'error',
      from: { path: '^services/([^/]+)/', pathNot: '([.]e2e[.]spec[.]ts|/test/[^/]+[.]e2e-harness[.]ts)$' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'libs-do-not-import-services',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'production-code-does-not-import-testing',
      severity: 'error',
      from: { path: '^(services|libs)/', pathNot: '([.]spec[.]ts$|^libs/testing/|/test/)' },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'examples-stand-alone',
      comment: "An example is copied into a school's own systems: it may use only Node itself, never this repository's code or packages.",
      severity: 'error',
      from: { path: '^examples/([^/]+)/', pathNot: '[.]spec[.]ts$' },
      to: { pathNot: '^examples/$1/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
