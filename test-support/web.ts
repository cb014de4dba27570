import { serve, type ServerType } from '@hono/node-server';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD, setDemoPasswords } from '../store/index.js';
import { useApi } from './api.js';
import { artifactsDir, launchChromium, seriousViolations } from './browser.js';

/**
 * For one browser test file: the real API, store and worker ({@link useApi}, with `extraEnv`), the app (API and pages)
 * listening on a free loopback port, Debian's Chromium, and the demo password for each of `users`.
 */
export function useWebStack(users: readonly string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const api = useApi(extraEnv);
  const state: { server?: ServerType; base: string; browser?: Browser } = { base: '' };
  beforeAll(async () => {
    await setDemoPasswords(api.store.db, users);
    state.server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: api.app().fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    state.base = `http://127.0.0.1:${(state.server.address() as { port: number }).port}`;
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
    await new Promise<void>((resolve) => (state.server ? state.server.close(() => resolve()) : resolve()));
  });
  const browser = () => {
    if (!state.browser) throw new Error('the browser is launched in beforeAll; use it inside a test');
    return state.browser;
  };
  return {
    api,
    browser,
    /** The app's origin, such as http://127.0.0.1:41234. */
    base: () => state.base,
    /** A new browser context of that width, signed in as the user with the demo password, on the inbox. */
    async signIn(userId: string, width = 1280): Promise<Page> {
      const page = await (await browser().newContext({ viewport: { width, height: 900 } })).newPage();
      await page.goto(`${state.base}/inbox`);
      await page.getByLabel('Tên đăng nhập').fill(userId);
      await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${state.base}/inbox`);
      return page;
    },
  };
}

/** Scans the page with axe-core (no serious or critical finding) and keeps a screenshot of it under artifacts/web. */
export async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), name).toEqual([]);
  await page.screenshot({ path: join(artifactsDir(), `${name}.jpg`), fullPage: true, quality: 70 });
}

/** How far the page is wider than the window (0 or less: no sideways scrolling). */
export function overflowOf(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}
