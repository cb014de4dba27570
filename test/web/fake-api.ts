import { Hono } from 'hono';
import type { ProcessView } from '../../machines/process.js';

/** A signed-in user of the fake API, by the cookie value that names them. */
export interface FakeUser {
  id: string;
  name: string;
  email: string;
  roles: string[];
}

/** A dossier at pmReview with a comment holding markup, as `GET /api/dossiers/{id}` answers it. */
export function pmReviewView(): ProcessView & { workflowId: string } {
  return {
    workflowId: 'nq22',
    process: 'review-pipeline',
    version: 2,
    subject: 'Đề án tổng kết 20 năm',
    facts: {},
    status: 'running',
    state: 'pmReview',
    stageTitle: { vi: 'Thủ tướng xem xét', en: 'Prime Minister review' },
    draftVersion: 2,
    documents: [
      { kind: 'report', title: 'Báo cáo tổng kết', draft: 2, uri: 'javascript:alert(1)' },
      { kind: 'letter', title: 'Tờ trình', draft: 2, uri: null },
    ],
    awaiting: {
      role: 'pm',
      assignee: null,
      milestone: 'pmApproval',
      dueAt: '2026-12-04T16:59:59.000Z',
      escalationLevel: 1,
    },
    allowed: ['APPROVE', 'REQUEST_REVISION', 'REJECT'],
    returnTo: null,
    milestones: [
      {
        id: 'pmApproval',
        title: { vi: 'Thủ tướng cho ý kiến', en: 'PM approval' },
        stage: 'pmReview',
        lead: null,
        dueAt: '2026-12-04T16:59:59.000Z',
        status: 'pending',
        at: null,
        completedAt: null,
        pausedAt: null,
        remainingWorkingDays: null,
      },
    ] as ProcessView['milestones'],
    history: [
      {
        at: '2026-11-20T02:30:00.000Z',
        actor: 'nguyen.thu',
        onBehalfOf: null,
        event: 'SUBMIT',
        from: 'drafting',
        to: 'pmReview',
        comment: '<script>alert("x")</script> Trình Thủ tướng',
      },
    ],
    escalations: [
      {
        milestone: 'pmApproval',
        rung: 'reminder',
        to: 'pham.minh',
        channel: 'email',
        at: '2026-12-02T01:00:00.000Z',
        delivered: true,
      },
    ],
    startedAt: '2026-11-20T02:00:00.000Z',
  };
}

/** Requests the fake API saw, for the tests to look at. */
export interface Seen {
  decisions: Array<{ body: unknown; csrf: string | undefined }>;
}

/**
 * A stand-in for duyet's API with the routes the pages call: a session named by the `duyet_session` cookie, the
 * inbox list, one dossier, and decisions that need the CSRF token `t-<user>` and the stage's role (else 403).
 */
export function fakeApi(users: FakeUser[], view = pmReviewView()) {
  const seen: Seen = { decisions: [] };
  const app = new Hono();
  const userOf = (cookie: string | undefined) => users.find((u) => cookie?.includes(`duyet_session=${u.id}`));
  const problem = (status: 401 | 403 | 404, detail: string) =>
    new Response(JSON.stringify({ status, detail }), {
      status,
      headers: { 'content-type': 'application/problem+json' },
    });
  app.get('/auth/session', (c) => {
    const user = userOf(c.req.header('cookie'));
    if (!user) return problem(401, 'expected a session cookie');
    return c.json({ user, csrfToken: `t-${user.id}`, absoluteExpiresAt: '2026-11-23T12:00:00.000Z' });
  });
  app.post('/auth/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const user = users.find((u) => u.id === body.userId && body.password === 'pw');
    if (!user) return problem(401, 'the user id or the password is wrong');
    c.header('set-cookie', `duyet_session=${user.id}; Path=/; HttpOnly; SameSite=Lax`);
    return c.redirect(String(body.next), 303);
  });
  app.get('/api/dossiers', (c) => {
    const user = userOf(c.req.header('cookie'));
    const mine = user?.roles.includes('pm') && (c.req.query('stage') ?? 'pmReview') === 'pmReview';
    const row = (workflowId: string, dueAt: string | null) => ({
      workflowId,
      process: 'review-pipeline',
      stage: 'pmReview',
      status: 'running',
      awaitedRole: 'pm',
      assignee: null,
      dueAt,
      escalationLevel: 1,
      startedAt: '2026-11-20T02:00:00.000Z',
    });
    const items = mine ? [row('later', null), row('nq22', view.awaiting?.dueAt ?? null)] : [];
    return c.json({ items, page: 1, pageSize: 100, hasMore: false });
  });
  app.get('/api/dossiers/:id', (c) => {
    const id = c.req.param('id');
    if (id !== 'nq22' && id !== 'later') return problem(404, `no dossier "${id}"`);
    return c.json({ ...view, workflowId: id, subject: id === 'later' ? 'Hồ sơ chưa có hạn' : view.subject });
  });
  app.post('/api/dossiers/:id/decisions', async (c) => {
    const user = userOf(c.req.header('cookie'));
    const csrf = c.req.header('x-csrf-token');
    const body = await c.req.json();
    seen.decisions.push({ body, csrf });
    if (!user || csrf !== `t-${user.id}`) return problem(403, 'cross-site request refused');
    if (!user.roles.includes('pm'))
      return problem(403, `user "${user.id}" cannot take "${body.event}" at stage "pmReview": it belongs to role "pm"`);
    return c.json({ state: 'standingGovernment' });
  });
  return { api: (request: Request) => Promise.resolve(app.fetch(request)), seen };
}
