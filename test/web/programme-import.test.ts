import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { buildCalendarTable } from '../../calendar/index.js';
import { planOfConclusions, readConclusions, sortConclusions } from '../../client/conclusions-plan.js';
import { correctPreflight } from '../../client/programme-corrections.js';
import { importProgramme } from '../../client/programme-import.js';
import { loadUnits } from '../../directory/directory.js';
import { webApp } from '../../web/app.js';

const units = loadUnits(fileURLToPath(new URL('../../directory/units.json', import.meta.url)));
const seed = readFileSync(new URL('../fixtures/seeds/programme-nq31-2014.txt', import.meta.url), 'utf8');
const notice = readFileSync(new URL('../fixtures/seeds/conclusions-2023-07-14.txt', import.meta.url), 'utf8');
const itemsOf = (text: string) => readConclusions(text, units, (years) => buildCalendarTable(years, []));

/** A stand-in for the API: a secretariat session, and the preflight read by the real importer; apply records its body. */
function fakeApi(applied: unknown[]) {
  const app = new Hono();
  const user = { id: 'nguyen.thu', name: 'Nguyễn Thị Thu', email: 'x@y', roles: ['secretariat'] };
  app.get('/auth/session', (c) => c.json({ user, csrfToken: 't', absoluteExpiresAt: '2026-11-23T12:00:00.000Z' }));
  app.get('/api/dossiers', (c) => c.json({ items: [], page: 1, pageSize: 100, hasMore: false }));
  app.post('/api/programmes/preflight', async (c) => {
    const body = (await c.req.json()) as { text: string; format: 'text' | 'csv'; preflight?: unknown };
    const read = importProgramme(body.text, units, body.format);
    return c.json(body.preflight ? correctPreflight(read, body.preflight, units) : read);
  });
  app.post('/api/programmes/conclusions/preflight', async (c) => {
    const items = itemsOf(((await c.req.json()) as { text: string }).text);
    const { tasks, skipped } = sortConclusions('x', items);
    return c.json({ items, starts: tasks.map((t) => t.number), skipped });
  });
  app.post('/api/programmes/conclusions', async (c) => {
    const body = (await c.req.json()) as { id: string; text: string };
    applied.push(body);
    const { plan, skipped } = planOfConclusions(body.id, 'x', itemsOf(body.text));
    const tasks = plan.tasks.map((t) => ({ number: t.number, workflowId: t.workflowId, outcome: 'started' }));
    return c.json({ programme: { number: '', workflowId: body.id, outcome: 'started' }, tasks, skipped }, 201);
  });
  app.post('/api/programmes', async (c) => {
    const body = (await c.req.json()) as { id: string };
    applied.push(body);
    const outcome = applied.length > 1 ? 'unchanged' : 'started';
    const tasks = [{ number: '1.1', workflowId: `${body.id}.1.1`, outcome }];
    return c.json({ programme: { number: '', workflowId: body.id, outcome }, tasks }, 201);
  });
  return (request: Request) => Promise.resolve(app.fetch(request));
}

function pages() {
  const applied: Array<Record<string, unknown>> = [];
  const app = webApp({
    api: fakeApi(applied),
    calendar: (years) => buildCalendarTable(years, []),
    oidc: false,
    directory: () => [],
    units: () => units,
    now: () => new Date('2026-11-23T03:00:00.000Z'),
  });
  const post = async (form: FormData) => {
    const res = await app.request('http://127.0.0.1/programmes/import', {
      method: 'POST',
      body: form,
      headers: { cookie: 'duyet_session=x' },
    });
    return { status: res.status, text: await res.text() };
  };
  return { applied, post };
}

/** The preflight form's fields as the page would send them back, with some changed. */
function preflightForm(html: string, changes: Record<string, string>, action: string): FormData {
  const form = new FormData();
  for (const [, name, value] of html.matchAll(/<input (?:type="hidden" )?name="([^"]+)" value="([^"]*)"/gu))
    form.set(name!, value!.replaceAll('&quot;', '"').replaceAll('&amp;', '&'));
  for (const [, name, value] of html.matchAll(/<input id="[^"]+" name="([^"]+)" value="([^"]*)"/gu))
    form.set(name!, value!.replaceAll('&amp;', '&'));
  for (const [name, value] of Object.entries(changes)) form.set(name, value);
  form.set('action', action);
  return form;
}

describe('the programme import pages', () => {
  it('show the preflight of an uploaded table, a wrong date beside its field, and start the corrected table', async () => {
    const { applied, post } = pages();
    const upload = new FormData();
    upload.set('file', new File([seed], 'nq31-2014.txt', { type: 'text/plain' }));
    upload.set('action', 'preflight');
    const shown = await post(upload);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('32 nhiệm vụ, 4 vấn đề, 2 nghĩa vụ của các cơ quan.');
    expect(shown.text.match(/<tr id="task-/gu)).toHaveLength(32);
    expect(shown.text).toContain('Nhiệm vụ 3.4: đã bỏ &quot;4&quot;');
    expect(shown.text).toContain('name="due.1.2" value="31/12/2016"');

    const wrong = await post(preflightForm(shown.text, { 'due.1.2': '31/13/2020' }, 'apply'));
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('aria-describedby="f-due-1-2-err"');
    expect(wrong.text).toContain('<small id="f-due-1-2-err" class="field-error">Cần ngày dạng dd/mm/yyyy');
    expect(applied).toHaveLength(0);

    const unknown = await post(preflightForm(shown.text, { 'lead.1.1': 'Bộ Ngoại gia' }, 'check'));
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('không là đơn vị nào trong danh mục; gần nhất: Bộ Ngoại giao');

    const checked = await post(preflightForm(shown.text, { 'due.1.2': 'Quý II/2016' }, 'check'));
    expect(checked.status).toBe(200);
    expect(checked.text).toContain('1.2 · dueAt: 31/12/2016 → 30/06/2016');
    expect(checked.text).toContain('name="due.1.2" value="30/06/2016"');

    const started = await post(preflightForm(checked.text, {}, 'apply'));
    expect(started.status).toBe(200);
    expect(started.text).toContain('Đã khởi tạo 1 nhiệm vụ.');
    expect(applied[0]).toMatchObject({ id: 'nq31-2014', format: 'text', preflight: { tasks: expect.any(Array) } });
    const again = await post(preflightForm(checked.text, {}, 'apply'));
    expect(again.text).toContain('Không khởi tạo gì thêm');
  });

  it('show a notice of conclusions item by item, which start and why the others do not, and start its tasks', async () => {
    const { applied, post } = pages();
    const upload = new FormData();
    upload.set('file', new File([notice], 'tb-301-2023.txt', { type: 'text/plain' }));
    upload.set('kind', 'conclusions');
    upload.set('action', 'preflight');
    const shown = await post(upload);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('7 mục, 1 mục sẽ khởi tạo thành nhiệm vụ');
    expect(shown.text).toContain('<input id="f-due-7" name="due.7" type="text" value="31/12/2023"/>');
    expect(shown.text).toContain('không khởi tạo: mục ghi nhận, không giao việc');
    expect(shown.text).toContain('Bộ Lao động - Thương binh và Xã hội');
    const started = await post(preflightForm(shown.text, {}, 'apply'));
    expect(started.text).toContain('Đã khởi tạo 1 nhiệm vụ.');
    expect(started.text).toContain('4: không khởi tạo: mục ghi nhận, không giao việc');
    expect(applied).toEqual([expect.objectContaining({ id: 'tb-301-2023' })]);
  });

  it('ask for a file, and refuse a table over the request limit beside the file field, starting nothing', async () => {
    const { applied, post } = pages();
    const none = new FormData();
    none.set('action', 'preflight');
    const missing = await post(none);
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('<small id="f-file-err" class="field-error">Hãy chọn một tệp');
    const big = new FormData();
    big.set('file', new File(['x'.repeat(1024 * 1024)], 'big.txt'));
    big.set('action', 'preflight');
    const refused = await post(big);
    expect(refused.status).toBe(413);
    expect(refused.text).toContain('quá giới hạn 1 MiB của một yêu cầu');
    expect(applied).toHaveLength(0);
  });
});
