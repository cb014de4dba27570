import { serve, type ServerType } from '@hono/node-server';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCalendarTable } from '../../calendar/index.js';
import { loadDirectory } from '../../directory/directory.js';
import { artifactsDir, launchChromium, seriousViolations } from '../../test-support/browser.js';
import { loadConfig } from '../../temporal.config.js';
import { webApp } from '../../web/app.js';
import { fakeApi } from './fake-api.js';

const directory = loadDirectory(loadConfig({}).directoryFile);
const users = ['nguyen.thu', 'pham.minh', 'vo.lan'].map((id) => {
  const u = directory.find((d) => d.id === id)!;
  return { id: u.id, name: u.name, email: u.email, roles: [...u.roles] };
});

let server: ServerType;
let base = '';
let browser: Browser;

beforeAll(async () => {
  const { api } = fakeApi(users);
  const app = webApp({
    api,
    calendar: (years) => buildCalendarTable(years, []),
    oidc: false,
    directory: () => directory,
    now: () => new Date('2026-11-23T03:00:00.000Z'),
  });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function signedIn(userId: string, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/inbox`);
  await page.getByLabel('Tên đăng nhập').fill(userId);
  await page.getByLabel('Mật khẩu').fill('pw');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${base}/inbox`);
  return { context, page };
}

describe('the pages in Debian Chromium (over a stand-in API)', () => {
  it('signs in, shows the inbox and the dossier with a <script> comment as text, with no serious accessibility finding', async () => {
    const { context, page } = await signedIn('pham.minh');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Chờ tôi xử lý (2 hồ sơ)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifactsDir(), 'stand-in-inbox.jpg'), fullPage: true, quality: 70 });
    await page.getByRole('link', { name: 'Đề án tổng kết 20 năm' }).click();
    await expect.poll(() => page.locator('td.comment').first().textContent()).toContain('<script>alert("x")</script>');
    expect(await page.locator('script').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifactsDir(), 'stand-in-dossier.jpg'), fullPage: true, quality: 70 });
    await context.close();
  });

  it('reads in English after the switch, and fits a 390-px phone without sideways scrolling', async () => {
    const { context, page } = await signedIn('pham.minh', 390);
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Awaiting me (2 dossiers)');
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document.documentElement;
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
    });
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${base}/me`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Who I am');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
