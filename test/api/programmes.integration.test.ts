import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useApi } from '../../test-support/api.js';

const api = useApi();
const seed = readFileSync(new URL('../fixtures/seeds/programme-nq31-2014.txt', import.meta.url), 'utf8');
const notice = readFileSync(new URL('../fixtures/seeds/conclusions-2023-07-14.txt', import.meta.url), 'utf8');
const header = 'TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian';

describe('programmes through the HTTP API', () => {
  it('previews a table, starts it once, tracks it, and shows an agency what it owes', async () => {
    const secretariat = api.token('nguyen.thu');
    const preview = await api.call('POST', '/api/programmes/preflight', { token: secretariat, body: { text: seed } });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json.tasks).toHaveLength(32);

    const body = { id: 'nq31-api', title: 'NQ 31/NQ-CP', text: seed };
    const started = await api.call('POST', '/api/programmes', { token: secretariat, body });
    expect(started.status, started.text).toBe(201);
    expect(started.json.tasks.filter((t: { outcome: string }) => t.outcome === 'started')).toHaveLength(32);
    const again = await api.call('POST', '/api/programmes', { token: secretariat, body });
    expect(again.json.tasks.every((t: { outcome: string }) => t.outcome === 'unchanged')).toBe(true);

    const tracker = await api.call('GET', '/api/programmes/nq31-api', { token: secretariat });
    expect(tracker.status, tracker.text).toBe(200);
    expect(tracker.json.tasks).toHaveLength(32);
    // Visibility lists it within a moment, for any signed-in user (an agency finds what it owes there).
    await expect
      .poll(async () => {
        const listed = await api.call('GET', '/api/programmes', { token: api.token('ngoai-giao.dau-moi') });
        return listed.json.items.map((p: { id: string }) => p.id);
      })
      .toContain('nq31-api');

    const owed = await api.call('GET', '/api/programmes/nq31-api/owed', { token: api.token('ngoai-giao.dau-moi') });
    expect(owed.status, owed.text).toBe(200);
    expect(owed.json.agencies).toHaveLength(1);
    expect(owed.json.agencies[0]).toMatchObject({ unit: 'bo-ngoai-giao', late: 7 });
    const other = await api.call('GET', '/api/programmes/nq31-api/owed?unit=bo-cong-thuong', {
      token: api.token('ngoai-giao.dau-moi'),
    });
    expect(other.status).toBe(403);

    // The lead agency's focal point reads and acts on its task.
    const task = await api.call('GET', '/api/dossiers/nq31-api.1.1', { token: api.token('ngoai-giao.dau-moi') });
    expect(task.status, task.text).toBe(200);
    expect(task.json.awaiting.role).toBe('focal-point@bo-ngoai-giao');
  });

  it('takes a corrected preflight back: shows it, refuses a bad edit with 422 starting nothing, starts the corrected one', async () => {
    const secretariat = api.token('nguyen.thu');
    const text = [header, '1.1,Quán triệt,Bộ Không Có,,Lớp,2030', '1.2,Chiến lược,Bộ Ngoại giao,,Dự thảo,2030'].join(
      '\n',
    );
    const read = await api.call('POST', '/api/programmes/preflight', {
      token: secretariat,
      body: { text, format: 'csv' },
    });
    expect(read.json.problems.map((p: { kind: string }) => p.kind)).toEqual(['unknown-agency']);
    const preflight = read.json;
    preflight.tasks[0].leadUnit = 'bo-tu-phap';
    preflight.tasks[1].dueAt = 'Quý II/2030';
    const shown = await api.call('POST', '/api/programmes/preflight', {
      token: secretariat,
      body: { text, format: 'csv', preflight },
    });
    expect(shown.status, shown.text).toBe(200);
    expect(shown.json.problems).toEqual([]);
    expect(shown.json.corrections.map((c: { field: string }) => c.field)).toEqual(['leadUnit', 'dueAt']);

    const bad = structuredClone(preflight);
    bad.tasks[1].dueAt = '31/13/2030';
    const refused = await api.call('POST', '/api/programmes', {
      token: secretariat,
      body: { id: 'corrected-api', text, format: 'csv', preflight: bad },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toContain('task 1.2: dueAt: "31/13/2030" is not a real day');
    expect((await api.call('GET', '/api/programmes/corrected-api', { token: secretariat })).status).toBe(404);

    const started = await api.call('POST', '/api/programmes', {
      token: secretariat,
      body: { id: 'corrected-api', text, format: 'csv', preflight },
    });
    expect(started.status, started.text).toBe(201);
    const tracker = await api.call('GET', '/api/programmes/corrected-api', { token: secretariat });
    expect(tracker.json.tasks.map((t: { lead: string; dueAt: string }) => [t.lead, t.dueAt])).toEqual([
      ['bo-tu-phap', '2030-12-31T23:59:59+07:00'],
      ['bo-ngoai-giao', '2030-06-30T23:59:59+07:00'],
    ]);
  });

  it('reads a notice of conclusions, starts the items with an agency and a deadline once, and lists the others with why', async () => {
    const secretariat = api.token('nguyen.thu');
    const read = await api.call('POST', '/api/programmes/conclusions/preflight', {
      token: secretariat,
      body: { text: notice },
    });
    expect(read.status, read.text).toBe(200);
    expect(read.json.items).toHaveLength(7);
    expect(read.json.items[0].dueAt).toBe('2023-09-07T23:59:59+07:00');
    expect(read.json.starts).toEqual(['7']);
    expect(read.json.skipped.map((s: { why: string }) => s.why)).toContain('note');
    const body = { id: 'tb-api', text: notice };
    const started = await api.call('POST', '/api/programmes/conclusions', { token: secretariat, body });
    expect(started.status, started.text).toBe(201);
    expect(started.json.tasks).toEqual([{ number: '7', workflowId: 'tb-api.7', outcome: 'started' }]);
    const again = await api.call('POST', '/api/programmes/conclusions', { token: secretariat, body });
    expect(again.json.tasks.map((t: { outcome: string }) => t.outcome)).toEqual(['unchanged']);
    const nothing = await api.call('POST', '/api/programmes/conclusions', {
      token: secretariat,
      body: { id: 'tb-none', text: '1. Ghi nhận báo cáo.' },
    });
    expect(nothing.status).toBe(422);
    const refused = await api.call('POST', '/api/programmes/conclusions/preflight', {
      token: api.token('ngoai-giao.dau-moi'),
      body: { text: notice },
    });
    expect(refused.status).toBe(403);
  });

  it('starts a notice as corrected: a bad correction is refused as a problem naming what was expected, starting nothing', async () => {
    const secretariat = api.token('nguyen.thu');
    const bad = await api.call('POST', '/api/programmes/conclusions', {
      token: secretariat,
      body: {
        id: 'tb-corrected-api',
        text: notice,
        corrections: [
          { number: '7', dueAt: '31/13/2023' },
          { number: '1', agencies: ['bo-ngoai-giaoo'] },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.json.detail).toContain('item 7: dueAt: "31/13/2023" is not a real day');
    expect(bad.json.detail).toContain('item 1: agencies: "bo-ngoai-giaoo" is no unit of the directory');
    expect((await api.call('GET', '/api/programmes/tb-corrected-api', { token: secretariat })).status).toBe(404);

    const corrections = [
      { number: '1', agencies: ['bo-ngoai-giao'] },
      { number: '7', dueAt: '30/11/2023' },
    ];
    const read = await api.call('POST', '/api/programmes/conclusions/preflight', {
      token: secretariat,
      body: { text: notice, corrections },
    });
    expect(read.status, read.text).toBe(200);
    expect(read.json.starts).toEqual(['1', '7']);
    expect(read.json.corrections).toContainEqual({
      item: '7',
      field: 'dueAt',
      before: '2023-12-31T23:59:59+07:00',
      after: '2023-11-30T23:59:59+07:00',
    });
    const started = await api.call('POST', '/api/programmes/conclusions', {
      token: secretariat,
      body: { id: 'tb-corrected-api', text: notice, corrections },
    });
    expect(started.status, started.text).toBe(201);
    const tracker = await api.call('GET', '/api/programmes/tb-corrected-api', { token: secretariat });
    expect(tracker.json.tasks.map((t: { lead: string; dueAt: string }) => [t.lead, t.dueAt])).toEqual([
      ['bo-ngoai-giao', '2023-09-07T23:59:59+07:00'],
      ['bo-lao-dong-thuong-binh-va-xa-hoi', '2023-11-30T23:59:59+07:00'],
    ]);
  });

  it('starts nothing from a garbled table and answers 422 naming the problems; a reviewer may not import', async () => {
    const garbled = [header, '1.1,Quán triệt,Bộ Ngoại giao,,Lớp,2014', '1.2,Chiến lược,Bộ Ngoại giao,,Dự thảo,??'];
    const res = await api.call('POST', '/api/programmes', {
      token: api.token('nguyen.thu'),
      body: { id: 'garbled-api', text: garbled.join('\n'), format: 'csv' },
    });
    expect(res.status).toBe(422);
    expect(res.json.detail).toContain('cannot read the time "??"');
    expect((await api.call('GET', '/api/programmes/garbled-api', { token: api.token('nguyen.thu') })).status).toBe(404);
    const refused = await api.call('POST', '/api/programmes/preflight', {
      token: api.token('pham.minh'),
      body: { text: seed },
    });
    expect(refused.status).toBe(403);
  });
});
