import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const linter = new Linter({ configType: 'flat' });
const boundaryRules = ['no-restricted-imports', 'no-restricted-properties'];

/**
 * The boundary messages for a file's text placed at a path in the tree, under the rules eslint.config.js gives that
 * path (the path need not exist, so rows for folders still to come are checked too).
 */
async function boundaryMessages(path: string, text: string): Promise<string[]> {
  const config = (await eslint.calculateConfigForFile(path)) as Linter.Config;
  const rules = Object.fromEntries(boundaryRules.map((rule) => [rule, config.rules?.[rule] ?? 'off']));
  return linter
    .verify(text, { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules }, path)
    .map((m) => m.message);
}

/** One import statement per specifier, each used so that nothing else complains. */
const importing = (...specifiers: string[]) =>
  specifiers.map((s, i) => `import * as m${i} from '${s}';\nexport const v${i} = m${i};\n`).join('');

/** Expects each specifier, imported alone at `path`, to be refused with a message containing `reason`. */
async function expectRefused(path: string, reason: string, ...specifiers: string[]) {
  for (const specifier of specifiers) {
    const messages = await boundaryMessages(path, importing(specifier));
    expect(messages, `${specifier} from ${path}`).toHaveLength(1);
    expect(messages[0], `${specifier} from ${path}`).toContain(reason);
  }
}

/** Expects every specifier imported at `path` to pass the boundary rules. */
async function expectAllowed(path: string, ...specifiers: string[]) {
  expect(await boundaryMessages(path, importing(...specifiers))).toEqual([]);
}

describe('folder boundaries are allow-lists', () => {
  it('says what a folder may import', async () => {
    expect(await boundaryMessages('machines/compile.ts', importing('@temporalio/client'))).toEqual([
      "'@temporalio/client' import is restricted from being used by a pattern. Not an allowed package: machines/ may import packages: xstate, zod; folders: calendar/, delegation/, itself; Node built-ins: no (pure: the workflow interprets its machines).",
    ]);
  });

  it('keeps workflow code deterministic: no Node built-ins, activities as types only', async () => {
    await expectRefused('workflows/process.workflow.ts', 'No Node built-ins here', 'node:fs', 'fs', 'crypto');
    await expectRefused(
      'workflows/process.workflow.ts',
      'Only `import type` from activities/',
      '../activities/index.js',
    );
    await expectRefused(
      'workflows/process.workflow.ts',
      'Not an allowed folder',
      '../directory/directory.js',
      '../client/dossiers.js',
      '../temporal.config.js',
    );
    await expectRefused('workflows/process.workflow.ts', 'Not an allowed package', '@temporalio/client', 'nodemailer');
    await expectRefused('workflows/ledger.workflow.ts', 'Of delegation/, workflows import', '../delegation/rules.js');
    await expectAllowed(
      'workflows/ledger.workflow.ts',
      '../delegation/ledger-id.js',
      '../delegation/plan-adjustment.js',
    );
    expect(
      await boundaryMessages(
        'workflows/process.workflow.ts',
        "import type { createActivities } from '../activities/index.js';\nexport type A = typeof createActivities;\n",
      ),
    ).toEqual([]);
    await expectAllowed(
      'workflows/process.workflow.ts',
      '@temporalio/workflow',
      '@temporalio/common',
      '../machines/process.js',
      '../delegation/plan-adjustment.js',
      '../calendar/index.js',
      './process.messages.js',
    );
  });

  it('keeps the pure folders pure, at any depth', async () => {
    await expectRefused(
      'machines/definitions/x.ts',
      'Not an allowed folder',
      '../../workflows/a.js',
      '../../client/a.js',
    );
    await expectRefused('machines/compile.ts', 'No Node built-ins here', 'node:path');
    await expectAllowed(
      'machines/definitions/x.ts',
      'xstate',
      'xstate/graph',
      'zod',
      '../../calendar/index.js',
      '../definition.schema.js',
    );
    await expectRefused(
      'calendar/index.ts',
      'Not an allowed folder',
      '../machines/process.js',
      '../delegation/rules.js',
    );
    await expectRefused('calendar/index.ts', 'No Node built-ins here', 'node:fs');
    await expectAllowed('calendar/index.ts', 'zod', './lunar.js');
    await expectRefused('delegation/rules.ts', 'Not an allowed folder', '../machines/process.js');
    await expectRefused('delegation/rules.ts', 'directory.ts reads files', '../directory/directory.js');
    await expectAllowed(
      'delegation/rules.ts',
      'zod',
      'i18n-iso-countries',
      '../calendar/index.js',
      '../directory/units.js',
    );
    await expectRefused('directory/names.ts', 'No Node built-ins here', 'node:fs');
  });

  it('keeps faces away from workers and activities', async () => {
    for (const face of ['cli/main.ts', 'client/dossiers.ts', 'api/app.ts']) {
      await expectRefused(face, 'Not an allowed folder', '../worker/worker.js', '../activities/index.js');
      await expectRefused(face, 'Not an allowed package', '@temporalio/worker', '@temporalio/activity');
    }
    await expectAllowed('cli/main.ts', 'commander', 'node:fs', '../client/dossiers.js', '../temporal.config.js');
    await expectRefused('activities/notify.ts', 'Not an allowed folder', '../client/dossiers.js', '../cli/main.js');
    await expectRefused(
      'activities/notify.ts',
      'Only `import type` from workflows/',
      '../workflows/process.workflow.js',
    );
  });

  it('has rows for store/, api/ and web/', async () => {
    await expectAllowed('store/db.ts', 'pg', '@electric-sql/pglite', 'node:crypto', 'zod', '../temporal.config.js');
    await expectRefused('store/db.ts', 'Not an allowed package', 'hono', '@temporalio/client');
    await expectRefused('store/db.ts', 'Not an allowed folder', '../client/dossiers.js', '../workflows/x.js');
    await expectAllowed(
      'api/app.ts',
      'hono',
      '@hono/zod-openapi',
      '../client/dossiers.js',
      '../store/index.js',
      '../machines/process.js',
      '../directory/directory.js',
      '../temporal.config.js',
    );
    await expectRefused('web/app.ts', 'No Node built-ins here', 'node:fs');
    await expectRefused('web/app.ts', 'Only `import type` from api/', '../api/app.js');
    await expectAllowed(
      'web/app.ts',
      'hono/jsx',
      '../client/processes.js',
      '../calendar/index.js',
      '../machines/process.js',
    );
    await expectRefused(
      'web/app.ts',
      'Not an allowed folder',
      '../workflows/process.workflow.js',
      '../activities/x.js',
    );
    await expectRefused('web/app.ts', 'Not an allowed package', '@temporalio/worker');
  });

  it('lets temporal.config.ts import only zod and Node', async () => {
    await expectAllowed('temporal.config.ts', 'zod', 'node:fs');
    await expectRefused('temporal.config.ts', 'Not an allowed folder', './machines/process.js', './client/dossiers.js');
  });

  it('keeps test helpers out of shipped code, and bench/ out of test/', async () => {
    await expectRefused('machines/compile.ts', 'Not an allowed folder', '../test-support/review-pipeline.js');
    await expectRefused('worker/worker.ts', 'Not an allowed folder', '../test/delegation/fixtures.js');
    await expectRefused('bench/machine.bench.ts', 'Not an allowed folder', '../test/delegation/fixtures.js');
    await expectAllowed('bench/machine.bench.ts', 'vitest', 'xstate', '../test-support/review-pipeline.js');
    await expectRefused('test-support/cli.ts', 'Not an allowed folder', '../test/delegation/fixtures.js');
  });

  it('keeps what starts a server out of unit tests, by file name', async () => {
    const reason = 'A unit test starts no server: name the file *.integration.test.ts';
    await expectRefused(
      'test/machines/x.test.ts',
      reason,
      '../../test-support/receivers.js',
      '../../test-support/time-skipping.js',
      '../../test-support/store.js',
      '@temporalio/testing',
      '@temporalio/worker',
      'smtp-server',
    );
    await expectAllowed(
      'test/machines/x.test.ts',
      '../../test-support/review-pipeline.js',
      '../../test-support/cli.js',
      '@temporalio/client',
    );
    for (const path of [
      'test/x/y.integration.test.ts',
      'test/x/y.time-skipping.test.ts',
      'test/workflows/replay.test.ts',
    ]) {
      await expectAllowed(path, '../../test-support/receivers.js', '@temporalio/worker', 'smtp-server');
    }
    await expectRefused('test/x/y.integration.test.ts', 'Not an allowed folder', '../../bench/machine.bench.js');
  });

  it('lets only temporal.config.ts read process.env', async () => {
    const read = 'export const address = process.env.TEMPORAL_ADDRESS;\n';
    for (const path of ['client/dossiers.ts', 'cli/main.ts', 'store/db.ts', 'test-support/cli.ts']) {
      const messages = await boundaryMessages(path, read);
      expect(messages, path).toHaveLength(1);
      expect(messages[0]).toContain('Only temporal.config.ts reads process.env');
    }
    expect(await boundaryMessages('temporal.config.ts', read)).toEqual([]);
  });
});
