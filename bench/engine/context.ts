import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { bundlerOptions } from '../../worker/worker.js';
import type { BenchContext } from './phases.js';
import { startArgs } from './variants.js';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * Bundles the engine's workflows (as `duyet worker` bundles them) and the hand-written ones into `into`, as
 * `engine.bundle.js` and `hand-written.bundle.js`, and returns the context the benchmark phases run in.
 */
export async function benchContext(connection: Connection, address: string, into: string, prefix: string) {
  const bundle = async (path: string, name: string, options = {}) => {
    const workflowsPath = fileURLToPath(new URL(path, import.meta.url));
    const { code } = await bundleWorkflowCode({ workflowsPath, logger: quiet, ...options });
    writeFileSync(join(into, name), code);
    return join(into, name);
  };
  const engine = await bundle('../../workflows/index.js', 'engine.bundle.js', bundlerOptions);
  const hand = await bundle('./hand-written.workflows.js', 'hand-written.bundle.js');
  return {
    client: new Client({ connection }),
    address,
    bundles: { engine, 'hand-written': hand, ceiling: hand },
    runId: `${prefix}-${Date.now().toString(36)}`,
    args: startArgs(),
  } satisfies BenchContext;
}
