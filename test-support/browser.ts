import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian (and most distributions) put Chromium. */
const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

/**
 * The path of the system's Chromium. When none is installed and apt-get can run (as root on Debian), Debian's
 * `chromium` package is installed once; no browser is ever downloaded from elsewhere.
 */
export function chromiumPath(): string {
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    const result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit' });
    const installed = candidates.find((path) => existsSync(path));
    if (result.status === 0 && installed) return installed;
  }
  throw new Error(
    `no Chromium at ${candidates.join(', ')}; install Debian's package ("apt-get install -y chromium") and run the tests again`,
  );
}

/** Launches the system's Chromium headless through playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
}

/** The folder of the browser tests' screenshots (git-ignored), created if missing. */
export function artifactsDir(): string {
  const dir = join(import.meta.dirname, '..', 'artifacts', 'web');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** One axe-core finding of impact serious or critical, reduced to what a failing test should print. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core (injected from node_modules) on the page and returns its serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown) => Promise<AxeResults> } }).axe;
    const results = await axe.run((globalThis as unknown as { document: unknown }).document);
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  });
}

interface AxeResults {
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: string[] }> }>;
}
