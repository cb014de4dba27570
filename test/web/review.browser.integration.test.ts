import { serve, type ServerType } from '@hono/node-server';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, setDemoPasswords } from '../../store/index.js';
import { useApi } from '../../test-support/api.js';
import { artifactsDir, launchChromium, seriousViolations } from '../../test-support/browser.js';
import { futureExample } from '../../test-support/future-example.js';

const api = useApi();
let server: ServerType;
let base = '';
let browser: Browser;

beforeAll(async () => {
  await setDemoPasswords(api.store.db, ['nguyen.thu', 'pham.minh', 'vo.lan']);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: api.app().fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function signIn(userId: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${base}/inbox`);
  await page.getByLabel('Tên đăng nhập').fill(userId);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${base}/inbox`);
  return page;
}

describe('reviewing in Debian Chromium over the real API, store and Temporal', () => {
  it('the PM finds a submitted dossier in the inbox and approves it with a comment; a politburo user sees no decision and a forged POST is refused', async () => {
    const started = await api.call('POST', '/api/dossiers', {
      token: api.token('nguyen.thu'),
      body: { process: 'review-pipeline', input: futureExample() },
    });
    expect(started.status, started.text).toBe(201);
    const id = started.json.workflowId as string;
    const submitted = await api.call('POST', `/api/dossiers/${id}/decisions`, {
      token: api.token('nguyen.thu'),
      body: { event: 'SUBMIT', comment: '<script>alert(1)</script> Trình Thủ tướng' },
    });
    expect(submitted.status, submitted.text).toBe(200);

    const pm = await signIn('pham.minh');
    const link = pm.locator(`a[href="/dossiers/${id}"]`);
    // Temporal's visibility lists a new dossier after a moment: reload the inbox until it does.
    await expect
      .poll(
        async () => {
          await pm.goto(`${base}/inbox`);
          return link.count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    expect(await seriousViolations(pm)).toEqual([]);
    await pm.screenshot({ path: join(artifactsDir(), 'inbox.jpg'), fullPage: true, quality: 70 });
    await link.click();
    expect(await pm.locator('td.comment').first().textContent()).toContain('<script>alert(1)</script>');
    expect(await seriousViolations(pm)).toEqual([]);
    await pm.screenshot({ path: join(artifactsDir(), 'dossier.jpg'), fullPage: true, quality: 70 });
    const approve = pm.locator('form:has(input[name="event"][value="APPROVE"])');
    await approve.getByLabel('Ý kiến').fill('Đồng ý trình Thường trực Chính phủ');
    await approve.getByRole('button').click();
    await pm.waitForURL(/done=APPROVE/);
    expect(await pm.getByRole('status').textContent()).toContain('Đã ghi nhận quyết định.');
    expect(await pm.locator('td.comment').last().textContent()).toBe('Đồng ý trình Thường trực Chính phủ');

    const politburo = await signIn('vo.lan');
    await politburo.goto(`${base}/dossiers/${id}`);
    expect(await politburo.locator('input[name="event"]').count()).toBe(0);
    const csrf = await politburo.locator('input[name="_csrf"]').first().getAttribute('value');
    const forged = await politburo.request.post(`${base}/dossiers/${id}/decisions`, {
      form: { _csrf: csrf ?? '', event: 'APPROVE' },
      headers: { origin: base },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('it belongs to role');
  });
});
