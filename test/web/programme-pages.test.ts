import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { buildCalendarTable } from '../../calendar/index.js';
import type { ProgrammeTracker } from '../../client/programme-tracker.js';
import { webApp } from '../../web/app.js';

const tracker: ProgrammeTracker = {
  id: 'nq31',
  subject: 'Chương trình hành động NQ 31',
  status: 'running',
  obligations: [],
  at: '2026-11-23T03:00:00.000Z',
  tasks: [
    {
      number: '1.1',
      workflowId: 'nq31.1.1',
      content: 'Quán triệt Nghị quyết 22-NQ/TW',
      lead: 'bo-ngoai-giao',
      coordinators: ['bo-cong-thuong'],
      dueAt: '2014-12-31T23:59:59+07:00',
      status: 'running',
      state: 'working',
      lastReport: null,
      daysLate: 4344,
      owed: [{ milestone: 'product', dueAt: '2014-12-31T23:59:59+07:00', late: true }],
    },
  ],
  agencies: [
    {
      unit: 'bo-ngoai-giao',
      owes: [{ task: '1.1', milestone: 'product', dueAt: '2014-12-31T23:59:59+07:00', late: true }],
      late: 1,
    },
  ],
};

/** A stand-in for the API: a focal point's session, an empty inbox, the programme routes. */
function fakeApi() {
  const app = new Hono();
  const user = { id: 'ngoai-giao.dau-moi', name: 'Nguyễn Văn Hải', email: 'x@y', roles: ['focal-point@bo-ngoai-giao'] };
  app.get('/auth/session', (c) => c.json({ user, csrfToken: 't', absoluteExpiresAt: '2026-11-23T12:00:00.000Z' }));
  app.get('/api/dossiers', (c) => c.json({ items: [], page: 1, pageSize: 100, hasMore: false }));
  app.get('/api/programmes', (c) =>
    c.json({
      items: [
        { id: 'nq31', status: 'running', dueAt: '2016-12-31T16:59:59.000Z', startedAt: '2026-11-23T03:00:00.000Z' },
      ],
      nextCursor: null,
    }),
  );
  app.get('/api/programmes/nq31', (c) => c.json(tracker));
  app.get('/api/programmes/nq31/owed', (c) =>
    c.json({ programme: 'nq31', subject: tracker.subject, agencies: tracker.agencies, at: tracker.at }),
  );
  app.get('/api/programmes/:id', (c) =>
    c.json({ status: 404, detail: `no dossier with id "${c.req.param('id')}"` }, 404),
  );
  return (request: Request) => Promise.resolve(app.fetch(request));
}

const app = webApp({
  api: fakeApi(),
  calendar: (years) => buildCalendarTable(years, []),
  oidc: false,
  directory: () => [],
  // One unit the directory knows; the other is shown by its id.
  units: () => [
    {
      id: 'bo-ngoai-giao',
      name: 'Bộ Ngoại giao',
      en: 'Ministry of Foreign Affairs',
      kind: 'central-agency',
      shortNames: [],
      spellings: [],
    },
  ],
  now: () => new Date('2026-11-23T03:00:00.000Z'),
});
const get = async (path: string) => {
  const res = await app.request(`http://127.0.0.1${path}`, { headers: { cookie: 'duyet_session=x' } });
  return { status: res.status, text: await res.text() };
};

describe('the programme pages', () => {
  it('show the tracker: each task with its lead, due date as dd/mm/yyyy and days late, then each agency', async () => {
    const page = await get('/programmes/nq31');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Theo dõi chương trình: Chương trình hành động NQ 31');
    expect(page.text).toContain('<a href="/dossiers/nq31.1.1">1.1</a>');
    expect(page.text).toContain('<td>31/12/2014</td>');
    expect(page.text).toContain('<td>4344</td>');
    expect(page.text).toContain('Theo cơ quan');
    expect(page.text).toContain('<td>Bộ Ngoại giao</td><td>bo-cong-thuong</td>');
    const english = await get('/programmes/nq31?lang=en');
    expect(english.text).toContain('<td>Ministry of Foreign Affairs</td>');
  });

  it('show an agency what it owes, the late items marked', async () => {
    const page = await get('/programmes/nq31/owed');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Việc cơ quan tôi còn nợ');
    expect(page.text).toContain('Nhiệm vụ 1.1 · product · Hạn 31/12/2014 (chậm)');
    const english = await get('/programmes/nq31/owed?lang=en');
    expect(english.text).toContain('What my agency owes');
    expect(page.text).toContain('<h2>Bộ Ngoại giao · ');
  });

  it('list the programmes, each with what the focal point’s agency owes in it, linked from the navigation', async () => {
    const page = await get('/programmes');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="/programmes">Việc cơ quan còn nợ</a>');
    expect(page.text).toContain('<a href="/programmes/nq31/owed">Việc còn nợ trong nq31</a>');
    expect(page.text).toContain('<td>31/12/2016</td>');
    expect(page.text).not.toContain('/programmes/import');
  });

  it('pass the API refusal on for a programme that does not exist', async () => {
    const page = await get('/programmes/none');
    expect(page.status).toBe(404);
    expect(page.text).toContain('no dossier with id "none"');
  });
});
