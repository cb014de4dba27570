import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useApi } from '../../test-support/api.js';

const api = useApi();
const pdf = readFileSync(new URL('../fixtures/drafts/de-an-du-thao-2.pdf', import.meta.url));

describe('a task’s product submitted with its files', () => {
  it('takes the files the lead uploaded, keeps them in the history, and refuses a file not stored, moving nothing', async () => {
    const table = [
      'TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian',
      '1.1,Xây dựng Chiến lược tổng thể hội nhập quốc tế,Bộ Ngoại giao,Bộ Công Thương,Dự thảo Chiến lược,2031',
    ].join('\n');
    const started = await api.call('POST', '/api/programmes', {
      token: api.token('nguyen.thu'),
      body: { id: 'task-files-api', text: table, format: 'csv' },
    });
    expect(started.status, started.text).toBe(201);
    const id = 'task-files-api.1.1';
    const lead = api.token('ngoai-giao.dau-moi');

    // The lead agency's focal point uploads the product: it acts at the stage inside its unit.
    const form = new FormData();
    form.set('document', 'product');
    form.set('file', new File([pdf], 'Dự thảo Chiến lược.pdf'));
    const uploaded = await api.app().request(`/api/dossiers/${id}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lead}` },
      body: form,
    });
    const file = (await uploaded.json()) as { sha256: string };
    expect(uploaded.status, JSON.stringify(file)).toBe(201);

    const missing = 'f'.repeat(64);
    const refused = await api.call('POST', `/api/dossiers/${id}/decisions`, {
      token: lead,
      body: { event: 'SUBMIT', files: [file.sha256, missing] },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toContain(`no stored file has the SHA-256 ${missing}; upload it first`);
    const malformed = await api.call('POST', `/api/dossiers/${id}/decisions`, {
      token: lead,
      body: { event: 'SUBMIT', files: ['not-a-hash'] },
    });
    expect(malformed.status).toBe(422);
    const unmoved = await api.call('GET', `/api/dossiers/${id}`, { token: lead });
    expect([unmoved.json.state, unmoved.json.history]).toEqual(['working', []]);

    const submitted = await api.call('POST', `/api/dossiers/${id}/decisions`, {
      token: lead,
      body: { event: 'SUBMIT', comment: 'Dự thảo Chiến lược', files: [file.sha256] },
    });
    expect(submitted.status, submitted.text).toBe(200);
    const view = await api.call('GET', `/api/dossiers/${id}`, { token: lead });
    expect(view.json.state).toBe('authorityReview');
    expect(view.json.history.at(-1)).toMatchObject({
      event: 'SUBMIT',
      actor: 'ngoai-giao.dau-moi',
      files: [file.sha256],
    });
  });
});
