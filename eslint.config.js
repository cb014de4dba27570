import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'child_process',
  'crypto',
  'os',
  'http',
  'https',
  'net',
  'url',
  'util',
  'process',
];
/** Tests' and benchmarks' helpers: no shipped folder imports them. */
const noTestSupport = {
  regex: '^(\\.\\./)+(test|test-support|bench)/',
  message: 'Shipped code never imports test/, test-support/ or bench/.',
};
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns: [...patterns, noTestSupport] }] });
/** Matches a relative import that reaches into one of the named top-level folders. */
const into = (...folders) => `^(\\.\\./)+(${folders.join('|')})(/|\\.js$)`;

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tools/', '.temporal/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['machines/**/*.ts'],
    rules: restrict([
      {
        regex: '^(?!(xstate|xstate/graph|zod)$)[^.]',
        message: 'machines/ is pure: it imports only xstate, zod and itself.',
      },
      {
        regex: into('workflows', 'activities', 'worker', 'cli', 'client', 'api', 'web', 'temporal\\.config'),
        message: 'machines/ never imports the layers built on it.',
      },
    ]),
  },
  {
    files: ['calendar/**/*.ts'],
    rules: restrict([
      {
        regex: '^(?!zod$)[^.]',
        message: 'calendar/ is pure (it runs inside workflows): it imports only zod and itself.',
      },
      {
        regex: into(
          'machines',
          'workflows',
          'activities',
          'worker',
          'cli',
          'client',
          'api',
          'web',
          'temporal\\.config',
        ),
        message: 'calendar/ imports only zod and itself.',
      },
    ]),
  },
  {
    files: ['delegation/**/*.ts'],
    rules: restrict([
      {
        regex: '^(?!zod$)[^.]',
        message: 'delegation/ is pure (it runs inside workflows): it imports only zod, calendar/ and itself.',
      },
      {
        regex: into(
          'machines',
          'workflows',
          'activities',
          'worker',
          'cli',
          'client',
          'api',
          'web',
          'temporal\\.config',
        ),
        message: 'delegation/ imports only zod, calendar/ and itself.',
      },
    ]),
  },
  {
    files: ['workflows/**/*.ts'],
    rules: restrict([
      {
        group: nodeBuiltins,
        message: 'Workflow code is deterministic: no Node built-ins (DESIGN.md, determinism rules).',
      },
      {
        regex: into('activities'),
        allowTypeImports: true,
        message: 'Workflows import activities as types only, through proxyActivities.',
      },
      {
        regex: into('worker', 'cli', 'client', 'api', 'web', 'temporal\\.config'),
        message: 'workflows/ imports only @temporalio/workflow, @temporalio/common, machines/ and itself.',
      },
      {
        group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
        message: 'workflows/ imports only @temporalio/workflow, @temporalio/common, machines/ and itself.',
      },
    ]),
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }] },
  },
  {
    files: ['activities/**/*.ts'],
    rules: restrict([
      {
        regex: into('workflows', 'worker', 'cli', 'client', 'api', 'web'),
        message: 'activities/ never imports workflows/, worker/ or the faces.',
      },
    ]),
  },
  {
    files: ['worker/**/*.ts', 'directory/**/*.ts', 'temporal.config.ts'],
    rules: restrict([]),
  },
  {
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+test/',
              message: 'bench/ shares helpers with the tests through test-support/, never test/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['cli/**/*.ts', 'client/**/*.ts'],
    rules: restrict([
      {
        regex: into('activities', 'worker'),
        message: 'Faces talk to Temporal through @temporalio/client; they never import activities/ or worker/.',
      },
      {
        group: ['@temporalio/worker', '@temporalio/activity'],
        message: 'Faces talk to Temporal through @temporalio/client; they never import activities/ or worker/.',
      },
    ]),
  },
);
