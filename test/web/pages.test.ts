import { describe, expect, it } from 'vitest';
import { buildCalendarTable } from '../../calendar/index.js';
import { processById } from '../../client/processes.js';
import { loadDirectory } from '../../directory/directory.js';
import { loadConfig } from '../../temporal.config.js';
import { webApp } from '../../web/app.js';
import { webDepsFrom } from '../../web/deps-from.js';
import { decisionsFor } from '../../web/decisions.js';
import { workingDaysUntil } from '../../web/format.js';
import { fakeApi, type FakeUser } from './fake-api.js';

const directory = loadDirectory(loadConfig({}).directoryFile);
const user = (id: string): FakeUser => {
  const u = directory.find((d) => d.id === id);
  if (!u) throw new Error(`no demo user ${id}`);
  return { id: u.id, name: u.name, email: u.email, roles: [...u.roles] };
};
const users = ['nguyen.thu', 'pham.minh', 'vo.lan', 'dang.quang'].map(user);
const table = buildCalendarTable([2025, 2026, 2027], []);

function setup() {
  const { api, seen } = fakeApi(users);
  const app = webApp({
    api,
    calendar: (years) => buildCalendarTable(years, []),
    oidc: false,
    directory: () => directory,
    now: () => new Date('2026-11-23T03:00:00.000Z'),
  });
  const get = (path: string, as?: string, headers: Record<string, string> = {}) =>
    app.request(`http://127.0.0.1${path}`, {
      headers: { ...(as ? { cookie: `duyet_session=${as}` } : {}), ...headers },
    });
  const post = (path: string, form: Record<string, string>, as?: string) =>
    app.request(`http://127.0.0.1${path}`, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://127.0.0.1',
        ...(as ? { cookie: `duyet_session=${as}` } : {}),
      },
    });
  return { get, post, seen };
}

describe('web pages', () => {
  it('sends a browser without a session to the sign-in page, which is Vietnamese by default', async () => {
    const { get } = setup();
    const inbox = await get('/inbox?stage=pmReview');
    expect(inbox.status).toBe(303);
    expect(inbox.headers.get('location')).toBe('/sign-in?next=%2Finbox%3Fstage%3DpmReview');
    const page = await (await get('/sign-in?next=%2Finbox')).text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Tên đăng nhập');
    expect(page).toContain('<main id="main"');
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const { get } = setup();
    const response = await get('/sign-in?lang=en');
    expect(response.headers.get('set-cookie')).toMatch(/^duyet_lang=en;/);
    const page = await response.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('User id');
    const again = await (await get('/sign-in', undefined, { cookie: 'duyet_lang=en' })).text();
    expect(again).toContain('Sign in to duyet');
  });

  it('signs in through /auth/sign-in, passing its cookie on, and shows a wrong password beside the form', async () => {
    const { post } = setup();
    const ok = await post('/sign-in', { userId: 'pham.minh', password: 'pw', next: '/inbox' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/inbox');
    expect(ok.headers.get('set-cookie')).toContain('duyet_session=pham.minh');
    const wrong = await post('/sign-in', { userId: 'pham.minh', password: 'nope', next: '//evil.example' });
    expect(wrong.status).toBe(401);
    const page = await wrong.text();
    expect(page).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(page).toContain('name="next" value="/inbox"');
  });

  it('shows who I am with my roles in the language of the page', async () => {
    const { get } = setup();
    const page = await (await get('/me', 'vo.lan')).text();
    expect(page).toContain('Bộ Chính trị');
    expect(page).toContain('(politburo)');
  });

  it('lists what awaits me soonest due first, with the working days left and the count in the header', async () => {
    const { get } = setup();
    const page = await (await get('/inbox', 'pham.minh')).text();
    expect(page).toContain('Chờ tôi xử lý (2 hồ sơ)');
    expect(page).toContain('<span class="badge">2</span>');
    expect(page.indexOf('Đề án tổng kết 20 năm')).toBeLessThan(page.indexOf('Hồ sơ chưa có hạn'));
    expect(page).toContain('04/12/2026');
    // Tue 24/11 to Fri 04/12 2026: 9 working days after Monday 23/11.
    expect(page).toContain('còn 9 ngày làm việc');
    expect(page).toContain('mức 1');
  });

  it('shows a comment holding <script> as text, and no link for a javascript: document address', async () => {
    const { get } = setup();
    const page = await (await get('/dossiers/nq22', 'pham.minh')).text();
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Trình Thủ tướng');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('javascript:');
    expect(page).toMatch(/<li aria-current="step">Thủ tướng xem xét/);
    expect(page).toMatch(/<li class="visited">Hoàn thiện dự thảo/);
  });

  it('offers the PM the decisions of pmReview and a politburo user none', async () => {
    const { get } = setup();
    const pm = await (await get('/dossiers/nq22', 'pham.minh')).text();
    expect(pm).toContain('name="event" value="APPROVE"');
    expect(pm).toContain('name="event" value="REJECT"');
    const politburo = await (await get('/dossiers/nq22', 'vo.lan')).text();
    expect(politburo).not.toContain('name="event"');
    expect(politburo).toContain('Bạn không có quyết định nào ở giai đoạn này.');
  });

  it('sends a decision with the session CSRF token and shows a refusal with the API message and status', async () => {
    const { post, seen } = setup();
    const ok = await post(
      '/dossiers/nq22/decisions',
      { _csrf: 't-pham.minh', event: 'APPROVE', comment: 'Đồng ý' },
      'pham.minh',
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/dossiers/nq22?done=APPROVE');
    expect(seen.decisions[0]).toEqual({ body: { event: 'APPROVE', comment: 'Đồng ý' }, csrf: 't-pham.minh' });
    const forged = await post('/dossiers/nq22/decisions', { _csrf: 't-vo.lan', event: 'APPROVE' }, 'vo.lan');
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('cannot take &quot;APPROVE&quot; at stage &quot;pmReview&quot;');
  });
});

describe('decisionsFor', () => {
  const definition = processById('review-pipeline').compiled.definition;
  it('lets the secretariat record a body decision on its behalf, asks to confirm final ones, and gives supervisors EXTEND and REASSIGN', () => {
    const view = { status: 'running', state: 'standingGovernment', allowed: ['APPROVE', 'REQUEST_REVISION', 'REJECT'] };
    const secretariat = decisionsFor(definition, view, ['secretariat']);
    expect(secretariat.find((o) => o.event === 'APPROVE')).toEqual({
      event: 'APPROVE',
      onBehalfOf: 'standing-government',
      final: false,
      kind: 'plain',
    });
    expect(secretariat.find((o) => o.event === 'REJECT')?.final).toBe(true);
    expect(secretariat.find((o) => o.event === 'WITHDRAW')?.final).toBe(true);
    expect(decisionsFor(definition, view, ['supervisor']).map((o) => o.event)).toEqual(['EXTEND', 'REASSIGN']);
    expect(decisionsFor(definition, { ...view, status: 'completed' }, ['secretariat'])).toEqual([]);
  });
  it('asks to confirm the last APPROVE, at the Politburo', () => {
    const view = { status: 'running', state: 'politburo', allowed: [] };
    expect(decisionsFor(definition, view, ['politburo']).find((o) => o.event === 'APPROVE')?.final).toBe(true);
  });
});

describe('workingDaysUntil', () => {
  it('counts working days left and overdue across a weekend, in Asia/Ho_Chi_Minh', () => {
    // Friday 27/11/2026 16:59:59 +07 is due; Monday 23/11 09:00 +07 is now.
    expect(workingDaysUntil('2026-11-27T09:59:59Z', new Date('2026-11-23T02:00:00Z'), table)).toBe(4);
    // Monday 30/11 is one working day after Friday 27/11 (the weekend does not count).
    expect(workingDaysUntil('2026-11-27T09:59:59Z', new Date('2026-11-30T02:00:00Z'), table)).toBe(-1);
    // 23:30 UTC on 22/11 is already Monday 23/11 in Vietnam: due that day.
    expect(workingDaysUntil('2026-11-23T16:59:59Z', new Date('2026-11-22T23:30:00Z'), table)).toBe(0);
  });
});

describe('webDepsFrom', () => {
  it('reads the working-day table from the configured calendar folder, and OIDC only when configured', () => {
    const deps = webDepsFrom(
      loadConfig({}),
      () => directory,
      () => Promise.reject(new Error('unused')),
    );
    expect(deps.oidc).toBe(false);
    // 2/9/2026 (National Day, a Wednesday) is a day off in every table.
    expect(workingDaysUntil('2026-09-03T09:00:00Z', new Date('2026-09-01T02:00:00Z'), deps.calendar([2026]))).toBe(1);
  });
});
