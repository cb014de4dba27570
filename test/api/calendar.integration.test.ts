import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useApiServer } from '../../test-support/api-server.js';

const api = useApiServer();
const seedPlan = readFileSync(new URL('../fixtures/seeds/plan-nq22.txt', import.meta.url), 'utf8');
const MiB = 1024 * 1024;

const post = (path: string, body: unknown, token = api.token('nguyen.thu')) => api.call('POST', path, { token, body });

describe('GET /api/calendar/holidays/{year} over HTTP', () => {
  it('lists the days off of a year, Tết and National Day included, for any signed-in user', async () => {
    const res = await api.call('GET', '/api/calendar/holidays/2025', { token: api.token('tran.mai') });
    expect(res.status, res.text).toBe(200);
    expect(res.json.year).toBe(2025);
    const dates = res.json.days.map((d: { date: string }) => d.date);
    expect(dates).toEqual(expect.arrayContaining(['2025-01-01', '2025-01-29', '2025-04-30', '2025-09-02']));
    expect(res.json.days.find((d: { date: string }) => d.date === '2025-09-02').name).toMatch(/Quốc khánh/);
  });

  it('refuses a year that is not four digits or outside 1900–2200 with 422 naming the path, and no token with 401', async () => {
    for (const year of ['25', '2500']) {
      const res = await api.call('GET', `/api/calendar/holidays/${year}`, { token: api.token('tran.mai') });
      expect(res.status, year).toBe(422);
      expect(res.type).toBe('application/problem+json');
      expect(res.json.issues[0].path).toBe('year');
    }
    const anonymous = await api.call('GET', '/api/calendar/holidays/2025');
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toBe('application/problem+json');
  });
});

describe('POST /api/calendar/working-days over HTTP', () => {
  it('adds working days over Tết from a date written dd/mm/yyyy, with the explanation', async () => {
    const res = await post('/api/calendar/working-days', { from: '24/01/2025', days: 1 });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ from: '2025-01-24', days: 1, date: '2025-02-03' });
    expect(res.json.explanation).toMatch(/Tết Nguyên đán/);
    expect(res.json.skipped.length).toBeGreaterThan(0);
    const back = await post('/api/calendar/working-days', { from: '2025-02-04', days: -2 });
    expect(back.json.date).toBe('2025-01-24');
  });

  it('answers malformed JSON with 400 and a body over 1 MiB with 413', async () => {
    const malformed = await api.call('POST', '/api/calendar/working-days', {
      token: api.token('nguyen.thu'),
      raw: '{"from": "2025-01-24",',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.detail).toMatch(/malformed JSON/);
    const large = await post('/api/calendar/working-days', { from: '2025-01-24', days: 1, pad: 'x'.repeat(MiB) });
    expect(large.status).toBe(413);
    expect(large.type).toBe('application/problem+json');
  });

  it('answers a date that does not exist, a count that is not whole and an actor field with 422', async () => {
    const noDay = await post('/api/calendar/working-days', { from: '30/02/2025', days: 1 });
    expect(noDay.status).toBe(422);
    expect(noDay.json.detail).toMatch(/expected a date written YYYY-MM-DD or dd\/mm\/yyyy/);
    const fraction = await post('/api/calendar/working-days', { from: '2025-01-24', days: 1.5 });
    expect(fraction.status).toBe(422);
    expect(fraction.json.issues).toEqual([expect.objectContaining({ path: 'days' })]);
    const actor = await post('/api/calendar/working-days', { from: '2025-01-24', days: 1, actor: 'pham.minh' });
    expect(actor.status).toBe(422);
    expect(actor.json.detail).toContain('the actor is always the authenticated user; remove "actor"');
  });

  it('answers no token with 401', async () => {
    const res = await api.call('POST', '/api/calendar/working-days', { body: { from: '2025-01-24', days: 1 } });
    expect(res.status).toBe(401);
  });
});

describe('POST /api/plans/import over HTTP', () => {
  it('reads the milestones of the 2023 plan with their due instants', async () => {
    const res = await post('/api/plans/import', { text: seedPlan });
    expect(res.status, res.text).toBe(200);
    expect(res.json.milestones.map((m: { number: number; dueAt: string }) => [m.number, m.dueAt])).toEqual([
      [1, '2023-09-14T23:59:59+07:00'],
      [2, '2023-09-30T23:59:59+07:00'],
      [3, '2023-09-29T23:59:59+07:00'],
      [4, '2023-10-10T23:59:59+07:00'],
      [5, '2023-10-31T23:59:59+07:00'],
      [6, '2023-11-30T23:59:59+07:00'],
    ]);
    expect(res.json.milestones[0]).toMatchObject({
      deadlineText: 'Trước ngày 15 tháng 9 năm 2023',
      lead: 'Cơ quan Thường trực Ban Chỉ đạo và Tổ Biên tập',
    });
  });

  it('answers a deadline it cannot read, a text without items and a missing text with 422', async () => {
    const unreadable = await post('/api/plans/import', {
      text: 'II. NỘI DUNG VÀ TIẾN ĐỘ CÔNG VIỆC\n\n1. Họp.\n- Thời gian: sớm nhất có thể.\n',
    });
    expect(unreadable.status).toBe(422);
    expect(unreadable.json.detail).toMatch(/plan item 1: cannot read the deadline "sớm nhất có thể"/);
    const empty = await post('/api/plans/import', { text: 'Kế hoạch không có mục nào' });
    expect(empty.status).toBe(422);
    expect(empty.json.detail).toMatch(/the plan has no numbered items/);
    const missing = await post('/api/plans/import', {});
    expect(missing.status).toBe(422);
    expect(missing.json.issues).toEqual([expect.objectContaining({ path: 'text' })]);
    const actor = await post('/api/plans/import', { text: seedPlan, as: 'pham.minh' });
    expect(actor.status).toBe(422);
    expect(actor.json.detail).toContain('remove "as"');
  });

  it('answers a text over 256 KiB and a body over 1 MiB with 413, malformed JSON with 400, no token with 401', async () => {
    const long = await post('/api/plans/import', { text: seedPlan + ' '.repeat(300 * 1024) });
    expect(long.status).toBe(413);
    expect(long.json.detail).toMatch(/over the limit of 256 KiB/);
    const huge = await post('/api/plans/import', { text: 'x'.repeat(MiB + 1) });
    expect(huge.status).toBe(413);
    const malformed = await api.call('POST', '/api/plans/import', { token: api.token('nguyen.thu'), raw: '{text:' });
    expect(malformed.status).toBe(400);
    expect((await api.call('POST', '/api/plans/import', { body: { text: seedPlan } })).status).toBe(401);
  });
});
