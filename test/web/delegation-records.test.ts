import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { buildCalendarTable } from '../../calendar/index.js';
import { loadDirectory } from '../../directory/directory.js';
import { loadConfig } from '../../temporal.config.js';
import { webApp } from '../../web/app.js';
import { planIssueErrors } from '../../web/delegation-plan-form.js';
import { fakeApi, type FakeUser } from './fake-api.js';

const directory = loadDirectory(loadConfig({}).directoryFile);
const user = (id: string): FakeUser => {
  const u = directory.find((d) => d.id === id)!;
  return { id: u.id, name: u.name, email: u.email, roles: [...u.roles] };
};
const users = ['le.minh', 'tran.mai'].map(user);

const rules = {
  id: 'hanoi-2027',
  version: 1,
  title: 'Kế hoạch đối ngoại năm 2027',
  year: 2027,
  validFrom: '2027-01-01',
  validTo: '2027-12-31',
  tripsPerKeyLeaderPerYear: 2,
  planAdjustment: { deadline: '2027-05-15', maxOutbound: 1, maxInbound: 1, times: 1 },
};
const entry = (person: string, delegation: string, startDate: string, endDate: string) => ({
  person,
  year: 2027,
  delegation,
  startDate,
  endDate,
  reportDueAt: '2027-04-01',
  reportFiledAt: null,
});
const facts = (people: Array<[string, string, string]>, countries: Array<[string, number]>, keyLeaders: string[]) => ({
  people: people.map(([id, name, unit]) => ({ id, name, position: 'Giám đốc', unit })),
  countries: countries.map(([country, days]) => ({ country, days })),
  keyLeaders,
});

/** The delegation routes the pages call, answered as the API would; the rest goes to the shared fake. */
function setup() {
  const shared = fakeApi(users);
  const adjustments: unknown[] = [];
  const plan = {
    year: 2027,
    ruleSet: { id: rules.id, version: 1 },
    items: [
      { item: 'DR-01', direction: 'out', unit: 'Sở Du lịch', title: 'Xúc tiến du lịch', countries: ['Nhật Bản'] },
      { item: 'DR-02', direction: 'out', unit: 'Sở Công Thương', title: 'Xúc tiến thương mại', countries: ['Pháp'] },
      { item: 'DV-01', direction: 'in', unit: 'Sở Ngoại vụ', title: 'Đón đoàn Viêng Chăn', countries: ['Lào'] },
    ],
    adjustments: [] as unknown[],
  };
  const app = new Hono();
  const isUnit = (cookie: string | undefined) => cookie?.includes('duyet_session=tran.mai');
  const forbidden = (detail: string) =>
    new Response(JSON.stringify({ status: 403, detail }), {
      status: 403,
      headers: { 'content-type': 'application/problem+json' },
    });
  app.get('/api/delegations/rule-sets', (c) => c.json({ ruleSets: [rules] }));
  app.get('/api/delegations/ledgers/hanoi-2027/2027', (c) => {
    if (isUnit(c.req.header('cookie')))
      return forbidden('user "tran.mai" (roles: unit) cannot read the ledger of trips');
    return c.json({
      ruleSet: rules.id,
      year: 2027,
      tripsPerKeyLeader: 2,
      entries: [
        entry('ngo.trang', 'delegation-a', '2027-03-09', '2027-03-15'),
        entry('ngo.trang', 'delegation-b', '2027-06-01', '2027-06-04'),
        entry('trinh.khanh', 'delegation-a', '2027-03-09', '2027-03-15'),
        entry('ngo.trang', 'delegation-c', '2027-09-01', '2027-09-02'),
      ],
    });
  });
  const dossierFacts: Record<string, unknown> = {
    'delegation-a': facts(
      [
        ['ngo.trang', 'Ngô Thị Thu Trang', 'Sở Du lịch'],
        ['trinh.khanh', 'Trịnh Văn Khánh', 'Sở Du lịch'],
      ],
      [
        ['Nhật Bản', 3],
        ['Hàn Quốc', 2],
      ],
      ['ngo.trang'],
    ),
    'delegation-b': facts([['ngo.trang', 'Ngô Thị Thu Trang', 'Sở Du lịch']], [['Pháp', 3]], ['ngo.trang']),
  };
  app.get('/api/dossiers/:id', (c) => {
    const found = dossierFacts[c.req.param('id')];
    return found ? c.json({ facts: found }) : forbidden('no such dossier');
  });
  app.get('/api/delegations/plans/hanoi-2027/2027', (c) => c.json(plan));
  app.post('/api/delegations/plans/hanoi-2027/2027/adjustments', async (c) => {
    const body = await c.req.json();
    adjustments.push({ body, csrf: c.req.header('x-csrf-token') });
    if (plan.adjustments.length > 0)
      return new Response(JSON.stringify({ status: 409, detail: 'PLAN_ADJUSTMENT: Đây là lần điều chỉnh thứ 2' }), {
        status: 409,
        headers: { 'content-type': 'application/problem+json' },
      });
    plan.adjustments.push({ at: '2027-03-01T02:00:00.000Z', by: 'le.minh', reason: body.reason });
    return c.json(plan);
  });
  const web = webApp({
    api: async (request) => {
      const answer = await app.fetch(request);
      return answer.status === 404 ? shared.api(request) : answer;
    },
    calendar: (years) => buildCalendarTable(years, []),
    oidc: false,
    directory: () => directory,
    now: () => new Date('2027-03-01T03:00:00.000Z'),
  });
  const get = (path: string, as: string) =>
    web.request(`http://127.0.0.1${path}`, { headers: { cookie: `duyet_session=${as}` } });
  const post = (path: string, form: Record<string, string>, as = 'le.minh') =>
    web.request(`http://127.0.0.1${path}`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: `t-${as}`, ...form }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://127.0.0.1',
        cookie: `duyet_session=${as}`,
      },
    });
  return { get, post, adjustments };
}

/** The adjustment form as sent: the plan's three entries, DR-02 removed, a new DR-03, and the reason. */
const adjustment = (reason: string, title = 'Hội chợ du lịch') => ({
  rows: '4',
  'rows.0.item': 'DR-01',
  'rows.0.direction': 'out',
  'rows.0.unit': 'Sở Du lịch',
  'rows.0.title': title,
  'rows.0.countries': 'Nhật Bản, Hàn Quốc',
  'rows.0.quarter': '2',
  'rows.1.item': 'DR-02',
  'rows.1.direction': 'out',
  'rows.1.unit': 'Sở Công Thương',
  'rows.1.title': 'Xúc tiến thương mại',
  'rows.1.countries': 'Pháp',
  'rows.1.remove': '1',
  'rows.2.item': 'DV-01',
  'rows.2.direction': 'in',
  'rows.2.unit': 'Sở Ngoại vụ',
  'rows.2.title': 'Đón đoàn Viêng Chăn',
  'rows.2.countries': 'Lào',
  'rows.3.item': '',
  reason,
});

describe('the ledger and plan pages', () => {
  it('lists each person once with their trips, countries and days, dossier links and what a key leader has left', async () => {
    const { get } = setup();
    const res = await get('/delegations/ledger?year=2027', 'le.minh');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Sổ theo dõi đoàn ra theo năm');
    expect(page).toContain('href="/delegations/ledger"');
    expect(page).toContain(
      '<a href="/dossiers/delegation-a">09/03/2027 – 15/03/2027</a>: Nhật Bản (3 ngày), Hàn Quốc (2 ngày)',
    );
    // Three trips against a limit of two: none left, and the row says it is over the limit.
    expect(page).toMatch(
      /data-person="ngo.trang">[\s\S]*?<td class="trips-used">3<\/td><td class="late trips-left">0 \(vượt giới hạn\)/,
    );
    // A trip whose dossier does not answer is still listed, without its countries.
    expect(page).toContain('<a href="/dossiers/delegation-c">01/09/2027 – 02/09/2027</a>: —');
    expect(page).toMatch(
      /data-person="trinh.khanh">[\s\S]*?<td>Không<\/td><td class="trips-used">1<\/td><td class="trips-left">—/,
    );
  });

  it('finds a person by name without diacritics, sorts by trips, and exports what is shown as CSV and XLSX', async () => {
    const { get } = setup();
    const found = await (await get('/delegations/ledger?year=2027&q=khanh', 'le.minh')).text();
    expect(found).toContain('data-person="trinh.khanh"');
    expect(found).not.toContain('data-person="ngo.trang"');
    const sorted = await (await get('/delegations/ledger?year=2027&sort=trips', 'le.minh')).text();
    expect(sorted.indexOf('data-person="ngo.trang"')).toBeLessThan(sorted.indexOf('data-person="trinh.khanh"'));
    const csv = await get('/delegations/ledger.csv?year=2027&q=khanh', 'le.minh');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A byte order mark first, so spreadsheet programs read the Vietnamese right.
    expect(bytes.subarray(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('Cán bộ,ID,Chức vụ,Đơn vị')).toBe(true);
    expect(text).toContain('Trịnh Văn Khánh,trinh.khanh,Giám đốc,Sở Du lịch,Không,1,,09/03/2027 – 15/03/2027');
    expect(text).not.toContain('ngo.trang');
    const xlsx = await get('/delegations/ledger.xlsx?year=2027', 'le.minh');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(new Uint8Array(await xlsx.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  it('shows an organising unit the API’s refusal on a 403 page, and no ledger link', async () => {
    const { get } = setup();
    const res = await get('/delegations/ledger?year=2027', 'tran.mai');
    expect(res.status).toBe(403);
    const page = await res.text();
    expect(page).toContain('Không có quyền xem trang này');
    expect(page).toContain('cannot read the ledger of trips');
    expect(page).not.toContain('href="/delegations/ledger"');
    expect((await get('/delegations/plan/adjust?year=2027', 'tran.mai')).status).toBe(403);
    const plan = await (await get('/delegations/plan?year=2027', 'tran.mai')).text();
    expect(plan).toContain('DR-01');
    expect(plan).not.toContain('href="/delegations/plan/adjust');
  });

  it('adjusts the plan once: bad input sends nothing, a good one replaces the entries, a second is refused', async () => {
    const { get, post, adjustments } = setup();
    const form = await (await get('/delegations/plan/adjust?year=2027&rules=hanoi-2027', 'le.minh')).text();
    expect(form).toContain('name="rows" value="4"');
    expect(form).toContain('Kế hoạch được điều chỉnh 1 đợt, trước ngày 15/05/2027');

    const bad = await post('/delegations/plan/adjust?year=2027&rules=hanoi-2027', adjustment('', ''));
    expect(bad.status).toBe(422);
    const page = await bad.text();
    expect(page).toContain('id="f-rows-0-title-err" class="field-error">Cần nội dung của đoàn.');
    expect(page).toContain('id="f-reason-err" class="field-error">Cần lý do điều chỉnh.');
    expect(adjustments).toEqual([]);

    const good = await post('/delegations/plan/adjust?year=2027&rules=hanoi-2027', adjustment('Rà soát giữa năm'));
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe('/delegations/plan?year=2027&rules=hanoi-2027&adjusted=1');
    expect(adjustments).toEqual([
      {
        csrf: 't-le.minh',
        body: {
          reason: 'Rà soát giữa năm',
          items: [
            {
              item: 'DR-01',
              direction: 'out',
              unit: 'Sở Du lịch',
              title: 'Hội chợ du lịch',
              countries: ['Nhật Bản', 'Hàn Quốc'],
              quarter: 2,
            },
            { item: 'DV-01', direction: 'in', unit: 'Sở Ngoại vụ', title: 'Đón đoàn Viêng Chăn', countries: ['Lào'] },
          ],
        },
      },
    ]);

    const refused = await post('/delegations/plan/adjust?year=2027&rules=hanoi-2027', adjustment('Lần hai'));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(
      'Kế hoạch chưa được điều chỉnh: PLAN_ADJUSTMENT: Đây là lần điều chỉnh thứ 2',
    );
    const again = await get('/delegations/plan/adjust?year=2027&rules=hanoi-2027&lang=en', 'le.minh');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(
      'The plan was adjusted once, as often as allowed: it cannot be adjusted again.',
    );
  });

  it('puts the API’s issues beside the row they came from, removed rows skipped', () => {
    const issues = [
      { path: 'items.1.countries', message: 'expected a country name' },
      { path: 'items', message: 'expected each item id once' },
    ];
    expect(planIssueErrors(issues, [0, 2])).toEqual({
      fields: { 'rows.2.countries': 'expected a country name' },
      other: ['items: expected each item id once'],
    });
  });
});
