import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The messages of the import-boundary rule for a file's text placed at a path in the tree. */
async function boundaryMessages(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder boundaries are lint rules', () => {
  it('refuses Node built-ins and activity implementations in workflow code', async () => {
    const messages = await boundaryMessages(
      'workflows/process.workflow.ts',
      "import { readFileSync } from 'node:fs';\nimport { createActivities } from '../activities/index.js';\nexport const x = [readFileSync, createActivities];\n",
    );
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('Workflow code is deterministic');
    expect(messages[1]).toContain('Workflows import activities as types only');
  });

  it('allows workflow code to import activities as types', async () => {
    const messages = await boundaryMessages(
      'workflows/process.workflow.ts',
      "import type { createActivities } from '../activities/index.js';\nexport type A = typeof createActivities;\n",
    );
    expect(messages).toEqual([]);
  });

  it('keeps machines pure and faces away from workers', async () => {
    const machine = await boundaryMessages(
      'machines/compile.ts',
      "import { Client } from '@temporalio/client';\nexport const c = Client;\n",
    );
    expect(machine).toEqual([
      "'@temporalio/client' import is restricted from being used by a pattern. machines/ is pure: it imports only xstate, zod and itself.",
    ]);
    const face = await boundaryMessages(
      'cli/main.ts',
      "import { createWorker } from '../worker/worker.js';\nexport const w = createWorker;\n",
    );
    expect(face[0]).toContain('never import activities/ or worker/');
  });

  it('keeps test helpers out of shipped code, and bench/ out of test/', async () => {
    const shipped = await boundaryMessages(
      'machines/compile.ts',
      "import { pipeline } from '../test-support/review-pipeline.js';\nexport const p = pipeline;\n",
    );
    expect(shipped).toEqual([
      "'../test-support/review-pipeline.js' import is restricted from being used by a pattern. Shipped code never imports test/, test-support/ or bench/.",
    ]);
    const bench = await boundaryMessages(
      'bench/machine.bench.ts',
      "import { members } from '../test/delegation/fixtures.js';\nexport const m = members;\n",
    );
    expect(bench[0]).toContain('through test-support/, never test/');
    const allowed = await boundaryMessages(
      'bench/machine.bench.ts',
      "import { pipeline } from '../test-support/review-pipeline.js';\nexport const p = pipeline;\n",
    );
    expect(allowed).toEqual([]);
  });
});
