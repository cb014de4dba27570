import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Folder boundaries as allow-lists: each top-level folder (or root file) names the packages and project folders it
 * may import; anything else is refused with a message saying what is allowed. To add a folder, add a row.
 *
 * - `packages`: npm packages (a package also allows its subpaths, `@scope/*` a whole scope), or `'*'` for any;
 * - `folders`: top-level project folders and root modules (`temporal.config`) it may import; itself is implied;
 * - `typeOnly`: folders it may import with `import type` only;
 * - `node`: whether Node built-ins (`node:fs`, `fs`, ... from `builtinModules`) are allowed;
 * - `why`: the reason, quoted in the messages;
 * - `refuse`: further `no-restricted-imports` patterns (unit tests refuse what starts a server; delegation/ refuses
 *   directory.ts, which reads files; workflows/ refuse delegation's schema modules).
 */
const boundaries = {
  calendar: { packages: ['zod'], folders: [], node: false, why: 'pure: it runs inside workflows' },
  delegation: {
    packages: ['zod', 'i18n-iso-countries'],
    folders: ['calendar', 'directory'],
    node: false,
    why: 'pure: its rules run inside workflows; of directory/ it reads the pure names.ts and units.ts only',
    refuse: [
      {
        regex: '^(\\.\\./)+directory/directory(\\.js)?$',
        message: 'delegation/ imports the pure part of directory/ only (names.ts, units.ts); directory.ts reads files.',
      },
    ],
  },
  machines: {
    packages: ['xstate', 'zod'],
    folders: ['calendar', 'delegation'],
    node: false,
    why: 'pure: the workflow interprets its machines',
  },
  workflows: {
    packages: ['@temporalio/workflow', '@temporalio/common'],
    folders: ['machines', 'calendar', 'delegation'],
    typeOnly: ['activities'],
    node: false,
    why: 'workflow code is deterministic (DESIGN.md); activities are reached through proxyActivities',
    refuse: [
      {
        regex: '^(\\.\\./)+delegation/(?!(plan-adjustment|ledger-id)(\\.js)?$)',
        allowTypeImports: true,
        message:
          'Of delegation/, workflows import plan-adjustment.ts and ledger-id.ts only (others as types): the rest builds zod schemas and the country names, which every workflow would evaluate again; put a pure helper in a module of its own.',
      },
    ],
  },
  activities: {
    packages: ['@temporalio/activity', '@temporalio/client', '@temporalio/common', 'nodemailer', 'zod'],
    folders: ['directory', 'calendar', 'delegation', 'machines', 'store', 'temporal.config'],
    typeOnly: ['workflows'],
    node: true,
    why: 'activities do the side effects workflows ask for (an Update to the ledger workflow among them)',
  },
  worker: {
    packages: ['@temporalio/worker', '@temporalio/client', '@temporalio/common', 'nodemailer'],
    folders: ['activities', 'workflows', 'directory', 'store', 'temporal.config'],
    node: true,
    why: 'the worker wires activities and workflows to Temporal',
  },
  directory: {
    packages: ['zod', 'fastest-levenshtein'],
    folders: [],
    node: true,
    why: 'the user and unit directories read their own files',
  },
  store: {
    packages: ['pg', '@electric-sql/*', 'zod'],
    folders: ['temporal.config'],
    node: true,
    why: 'PostgreSQL access, below every face',
  },
  client: {
    packages: ['@temporalio/client', '@temporalio/common', 'zod', 'csv-parse', 'exceljs'],
    folders: ['workflows', 'machines', 'calendar', 'delegation', 'directory', 'store', 'temporal.config'],
    node: true,
    why: 'faces talk to Temporal through @temporalio/client, never through workers or activities',
  },
  cli: {
    packages: ['commander', 'zod', '@temporalio/client', '@temporalio/common', '@temporalio/testing'],
    folders: [
      'client',
      'workflows',
      'machines',
      'calendar',
      'delegation',
      'directory',
      'store',
      'api',
      'temporal.config',
    ],
    node: true,
    why: 'a face: it goes through client/, never through workers or activities',
  },
  api: {
    packages: ['hono', '@hono/*', 'zod', 'openid-client', '@temporalio/client', '@temporalio/common'],
    folders: ['client', 'store', 'machines', 'directory', 'calendar', 'delegation', 'web', 'temporal.config'],
    node: true,
    why: 'a face: HTTP over client/ and store/ (and the web pages it serves), never through workers or activities',
  },
  web: {
    packages: ['hono', 'exceljs'],
    folders: ['client', 'store', 'machines', 'directory', 'calendar', 'temporal.config'],
    typeOnly: ['api'],
    node: false,
    why: 'server-rendered pages: it reaches the API over HTTP (in-process) and reads definitions, calendars and the directory',
  },
  'temporal.config': { packages: ['zod'], folders: [], node: true, why: 'the one reader of the environment' },
  bench: {
    packages: ['vitest', 'xstate', 'autocannon', '@temporalio/*'],
    folders: [
      'test-support',
      'machines',
      'calendar',
      'delegation',
      'client',
      'api',
      'cli',
      'workflows',
      'activities',
      'worker',
      'temporal.config',
    ],
    node: true,
    why: 'benchmarks share helpers with the tests through test-support/, never test/',
  },
  'test-support': {
    packages: '*',
    folders: '*',
    except: ['test', 'bench'],
    node: true,
    why: 'helpers for tests and benchmarks import no test or benchmark',
  },
  test: { packages: '*', folders: '*', except: ['bench'], node: true, why: 'tests do not import benchmarks' },
};

/**
 * Tests that start servers, by file name: the integration project's (keep in step with `integrationTests` in
 * vitest.config.ts) and the fault test's (`faultTests`).
 */
const integrationTests = [
  'test/**/*.integration.test.ts',
  'test/**/*.time-skipping.test.ts',
  'test/**/replay.test.ts',
  'test/**/*.faults.test.ts',
];
/**
 * What starts a server: a unit test (any other test file) imports none of it. (`test-support/cli.js` runs the built
 * CLI; its worker helpers need the integration project's server, and fail without it.)
 */
const serverHelpers = ['receivers', 'replay', 'store', 'time-skipping', 'temporal.global-setup', 'quiet-runtime'];
const serverPackages = ['@temporalio/testing', '@temporalio/worker', 'smtp-server', '@electric-sql/pglite-socket'];
const unitTestRefusals = [
  {
    regex: `^(\\.\\./)+test-support/(${serverHelpers.map((h) => h.replace('.', '\\.')).join('|')})\\.js$`,
    message:
      'A unit test starts no server: name the file *.integration.test.ts (or *.time-skipping.test.ts) to use the server helpers of test-support/ (README, Tests).',
  },
  {
    regex: `^(${serverPackages.join('|')})(/.*)?$`,
    message:
      'A unit test starts no server: name the file *.integration.test.ts (or *.time-skipping.test.ts) to use this package (README, Tests).',
  },
];

/** Root modules importable as `../<name>.js`; every other entry is a folder. */
const rootModules = ['temporal.config'];
const notFolders = new Set(['node_modules', 'dist', 'coverage', 'examples']);
/** Every top-level folder, so one created without a row here is still outside everyone's allow-list. */
const projectFolders = [
  ...new Set([
    ...Object.keys(boundaries).filter((name) => !rootModules.includes(name)),
    ...readdirSync(import.meta.dirname, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !notFolders.has(e.name))
      .map((e) => e.name),
  ]),
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const list = (items) => (items.length ? items.join(', ') : 'none');
const packageRegex = (name) =>
  name.endsWith('/*') ? `${escape(name.slice(0, -1))}[^/]+(/.*)?` : `${escape(name)}(/.*)?`;
const nodeBuiltins = `node:.+|${builtinModules.map(escape).join('|')}`;
/** A relative import of one of the named folders or root modules, from a file at the root (`./`) or below (`../`). */
const relativeInto = (names, atRoot) => {
  const folders = names.filter((n) => !rootModules.includes(n)).map((n) => `${escape(n)}/`);
  const modules = names.filter((n) => rootModules.includes(n)).map((n) => `${escape(n)}\\.js$`);
  return `^${atRoot ? '\\./' : '(\\.\\./)+'}(${[...folders, ...modules].join('|')})`;
};

/** The `no-restricted-imports` patterns for one row of {@link boundaries}. */
function importRules(name, row) {
  const atRoot = rootModules.includes(name);
  const typeOnly = row.typeOnly ?? [];
  const folders =
    row.folders === '*' ? [...projectFolders, ...rootModules].filter((f) => !row.except.includes(f)) : row.folders;
  const allowed =
    `${name}${atRoot ? '' : '/'} may import ` +
    `packages: ${row.packages === '*' ? 'any' : list(row.packages)}; ` +
    `folders: ${list([...folders.map((f) => (rootModules.includes(f) ? `${f}.ts` : `${f}/`)), 'itself'])}` +
    (typeOnly.length ? `; as types only: ${list(typeOnly.map((f) => `${f}/`))}` : '') +
    `; Node built-ins: ${row.node ? 'yes' : 'no'} (${row.why}).`;
  const patterns = [...(row.refuse ?? [])];
  if (row.packages !== '*') {
    const ok = [...row.packages.map(packageRegex), nodeBuiltins].join('|');
    patterns.push({ regex: `^(?!(${ok})$)[^.]`, message: `Not an allowed package: ${allowed}` });
  }
  if (!row.node) patterns.push({ regex: `^(${nodeBuiltins})$`, message: `No Node built-ins here: ${allowed}` });
  const forbidden = [...projectFolders, ...rootModules].filter(
    (f) => f !== name && !folders.includes(f) && !typeOnly.includes(f),
  );
  if (forbidden.length)
    patterns.push({ regex: relativeInto(forbidden, atRoot), message: `Not an allowed folder: ${allowed}` });
  if (typeOnly.length) {
    patterns.push({
      regex: relativeInto(typeOnly, atRoot),
      allowTypeImports: true,
      message: `Only \`import type\` from ${list(typeOnly.map((f) => `${f}/`))}: ${allowed}`,
    });
  }
  return { 'no-restricted-imports': ['error', { patterns }] };
}

const filesOf = (name) => (rootModules.includes(name) ? [`${name}.ts`] : [`${name}/**/*.ts`, `${name}/**/*.tsx`]);

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', '.tools/', '.temporal/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // no-process-env, with a message that says where configuration comes from.
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Only temporal.config.ts reads process.env: take a DuyetConfig (loadConfig) or inheritedEnv() for a child process and PATH.',
        },
      ],
    },
  },
  { files: ['temporal.config.ts'], rules: { 'no-restricted-properties': 'off' } },
  ...Object.entries(boundaries).map(([name, row]) => ({ files: filesOf(name), rules: importRules(name, row) })),
  // Name matching and the unit directory's schema are pure: delegation/ uses them inside workflows.
  {
    files: ['directory/names.ts', 'directory/units.ts'],
    rules: importRules('directory', {
      ...boundaries.directory,
      node: false,
      why: 'pure: delegation/ uses it inside workflows',
      refuse: [
        { regex: '^\\./directory(\\.js)?$', message: 'names.ts and units.ts are pure; directory.ts reads files.' },
      ],
    }),
  },
  {
    files: ['test/**/*.ts'],
    ignores: integrationTests,
    rules: importRules('test', { ...boundaries.test, refuse: unitTestRefusals }),
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }] },
  },
);
