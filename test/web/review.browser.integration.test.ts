import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactsDir, seriousViolations } from '../../test-support/browser.js';
import { useWebStack } from '../../test-support/web.js';
import { futureExample } from '../../test-support/future-example.js';

const web = useWebStack(['nguyen.thu', 'pham.minh', 'vo.lan']);
const { api, signIn } = web;

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
          await pm.goto(`${web.base()}/inbox`);
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
    await politburo.goto(`${web.base()}/dossiers/${id}`);
    expect(await politburo.locator('input[name="event"]').count()).toBe(0);
    const csrf = await politburo.locator('input[name="_csrf"]').first().getAttribute('value');
    const forged = await politburo.request.post(`${web.base()}/dossiers/${id}/decisions`, {
      form: { _csrf: csrf ?? '', event: 'APPROVE' },
      headers: { origin: web.base() },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('it belongs to role');
  });
});
