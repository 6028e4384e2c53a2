// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'typeorm/*', 'kafkajs', 'pg', '@csc/event-store', '@csc/messaging', '@csc/platform'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.run/**', 'infra/**', 'tools/dependency-rule/fixtures/**', '*.js', '*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // TypeORM's MixedList<Function> is how migrations are listed.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['tools/**/*.ts', 'bench/**/*.ts', 'libs/testing/**/*.ts', '**/test/*.ts', 'examples/*/src/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The domain stays pure (docs/style.md); .dependency-cruiser.cjs checks the same rule transitively in CI.
    files: ['libs/contracts/**/*.ts', 'libs/domain/**/*.ts', '**/*.decider.ts', '**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: FRAMEWORKS, message: 'The domain imports no NestJS, TypeORM, kafkajs or pg.' }] },
      ],
    },
  },
);
