import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../store/index.js';
import { launchChromium } from '../../test-support/browser.js';
import { ownStackEnv, watchedDuyet } from '../../test-support/cli.js';

describe('duyet demo --stay, as a new user meets it', () => {
  it('drives its dossier to completed, then serves the web app where a demo account signs in and finds it, until Ctrl-C', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'duyet-demo-'));
    const env = await ownStackEnv(stateDir);
    const demo = watchedDuyet(env, ['demo', '--stay'], { group: true });
    const browser = await launchChromium();
    try {
      await demo.waitFor(/demo: press Ctrl-C to stop/);
      const [, web] = await demo.waitFor(/demo: the web app is at (http:\/\/127\.0\.0\.1:\d+)\/ /);
      const [, dossier] = await demo.waitFor(/demo: the dossier above is at (\S+);/);
      expect(demo.output).toContain(`with the password "${DEMO_PASSWORD}"`);
      expect(demo.output).toMatch(/demo: {3}nguyen\.thu +secretariat: starts a dossier/);

      const page = await browser.newPage();
      await page.goto(`${web}/inbox`);
      await page.getByLabel('Tên đăng nhập').fill('nguyen.thu');
      await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${web}/inbox`);
      await page.goto(dossier!);
      expect(await page.locator('dl.facts').textContent()).toContain('hoàn thành');
      expect(await page.locator('svg.stage-diagram g.node.current').getAttribute('data-stage')).toBe('completed');
      // The start form is there for the user's own dossier.
      await page.getByRole('link', { name: 'Khởi tạo hồ sơ' }).click();
      expect(await page.getByRole('link', { name: /Trình duyệt Đề án/ }).count()).toBeGreaterThan(0);

      demo.child.kill('SIGINT');
      expect(await demo.exit).toBe(0);
      expect(demo.output).toContain('demo: stopping; the worker drains first');
    } finally {
      await browser.close();
      await demo.killGroup();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
