import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../../test-support/browser.js';
import { useWebStack } from '../../test-support/web.js';

const web = useWebStack(['nguyen.thu', 'ngoai-giao.dau-moi', 'vu.giao']);
const { api, signIn } = web;

const table = [
  'TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian',
  '1.1,Xây dựng Chiến lược tổng thể hội nhập quốc tế,Bộ Ngoại giao,Bộ Công Thương,Dự thảo Chiến lược,2030',
].join('\n');

describe('a change to a task approved in Debian Chromium over the real API, store and Temporal', () => {
  it('the authority gives the task a new product on its page, refused first when it changes nothing, and the history shows before and after', async () => {
    // Tasks start from a programme: the secretariat imports a one-row table.
    const programme = `task-change-${Date.now()}`;
    const started = await api.call('POST', '/api/programmes', {
      token: api.token('nguyen.thu'),
      body: { id: programme, text: table, format: 'csv' },
    });
    expect(started.status, started.text).toBe(201);
    const id = `${programme}.1.1`;
    const asked = await api.call('POST', `/api/dossiers/${id}/decisions`, {
      token: api.token('ngoai-giao.dau-moi'),
      body: { event: 'REQUEST_CHANGE', comment: 'Đề nghị đổi sản phẩm thành Nghị quyết của Chính phủ' },
    });
    expect(asked.status, asked.text).toBe(200);

    const authority = await signIn('vu.giao');
    await authority.goto(`${web.base()}/dossiers/${id}`);
    const approve = authority.locator('form:has(input[name="event"][value="APPROVE_CHANGE"])');
    await expect.poll(() => approve.count()).toBe(1);
    expect(await approve.getByText('Hiện nay: Dự thảo Chiến lược').count()).toBe(1);
    expect(await seriousViolations(authority)).toEqual([]);

    // Sent with every field empty, the approval changes nothing: refused, naming what it takes, and nothing recorded.
    await approve.getByRole('button').click();
    expect(await authority.getByRole('alert').textContent()).toContain('content, product, time (facts)');
    const unchanged = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('vu.giao') });
    expect([unchanged.json.state, unchanged.json.history.length]).toEqual(['changeReview', 1]);

    await approve.getByLabel('Sản phẩm mới').fill('Nghị quyết của Chính phủ');
    await approve.getByLabel('Ý kiến').fill('Đồng ý');
    await approve.getByRole('button').click();
    await authority.waitForURL(/done=APPROVE_CHANGE/);
    expect(await authority.locator('td.comment').last().textContent()).toContain(
      'Sản phẩm: Dự thảo Chiến lược → Nghị quyết của Chính phủ',
    );
    expect(await seriousViolations(authority)).toEqual([]);
    const approved = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('vu.giao') });
    expect([approved.json.state, approved.json.facts.product, approved.json.milestones[0].dueAt]).toEqual([
      'working',
      'Nghị quyết của Chính phủ',
      '2030-12-31T23:59:59+07:00',
    ]);
    expect(approved.json.history.at(-1)).toMatchObject({
      event: 'APPROVE_CHANGE',
      actor: 'vu.giao',
      changed: [{ fact: 'product', before: 'Dự thảo Chiến lược', after: 'Nghị quyết của Chính phủ' }],
    });
  });
});
