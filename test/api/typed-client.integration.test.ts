import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { processIds } from '../../client/processes.js';
import type { App } from '../../api/app.js';
import { useApiServer } from '../../test-support/api-server.js';
import { futureExample } from '../../test-support/future-example.js';

const api = useApiServer();

/** A typed client of the API, over HTTP, as one user. */
const clientOf = (user: string) => hc<App>(api.url(), { headers: { authorization: `Bearer ${api.token(user)}` } });

type Decision = 'SUBMIT' | 'APPROVE' | 'REQUEST_REVISION';

describe('a typed client (hono/client over the app’s type) on the real server', () => {
  it('drives a review-pipeline dossier from start through every decision to completed', async () => {
    const secretariat = clientOf('nguyen.thu');
    const started = await secretariat.api.dossiers.$post({
      json: { process: 'review-pipeline', input: futureExample() },
      header: {},
    });
    if (started.status !== 201) throw new Error(`start answered ${started.status}: ${await started.text()}`);
    // The 201 answer is typed: `workflowId` is a string without a cast.
    const { workflowId } = await started.json();
    expect(workflowId).toMatch(/^review-pipeline-/);

    const steps: Array<[string, Decision, { onBehalfOf?: string; comment?: string }?]> = [
      ['nguyen.thu', 'SUBMIT', { comment: 'Trình Thủ tướng' }],
      ['pham.minh', 'APPROVE'],
      ['nguyen.thu', 'REQUEST_REVISION', { onBehalfOf: 'standing-government', comment: 'Bổ sung số liệu' }],
      ['tran.an', 'SUBMIT'],
      ['le.hoa', 'APPROVE'],
      ['tran.binh', 'APPROVE'],
      ['vo.lan', 'APPROVE'],
    ];
    for (const [user, event, extra] of steps) {
      const res = await clientOf(user).api.dossiers[':id'].decisions.$post({
        param: { id: workflowId },
        json: { event, ...extra },
      });
      if (res.status !== 200) throw new Error(`${user} ${event} answered ${res.status}: ${await res.text()}`);
      const decided = await res.json();
      expect(decided.workflowId).toBe(workflowId);
    }

    const done = await clientOf('dang.quang').api.dossiers[':id'].$get({ param: { id: workflowId } });
    expect(done.status).toBe(200);
    if (done.status !== 200) return;
    const view = await done.json();
    expect(view).toMatchObject({ state: 'completed', status: 'completed', process: 'review-pipeline' });
    expect(view.history.map((d) => d.actor)).toEqual(steps.map(([user]) => user));
  });

  it('reads the new resources with their typed answers', async () => {
    const client = clientOf('tran.mai');
    const processes = await client.api.processes.$get();
    if (processes.status !== 200) throw new Error(`answered ${processes.status}`);
    expect((await processes.json()).items.map((p) => p.id)).toEqual(processIds());
    const holidays = await client.api.calendar.holidays[':year'].$get({ param: { year: '2025' } });
    if (holidays.status !== 200) throw new Error(`answered ${holidays.status}`);
    expect((await holidays.json()).days.some((d) => d.date === '2025-09-02')).toBe(true);
    const counted = await client.api.calendar['working-days'].$post({ json: { from: '24/01/2025', days: 1 } });
    if (counted.status !== 200) throw new Error(`answered ${counted.status}`);
    expect((await counted.json()).date).toBe('2025-02-03');
  });

  it('refuses at compile time what the server refuses at run time', async () => {
    const client = clientOf('nguyen.thu');
    const actor = await client.api.dossiers.$post({
      // @ts-expect-error a start names no actor: the actor is the authenticated user
      json: { process: 'review-pipeline', input: futureExample(), actor: 'pham.minh' },
      header: {},
    });
    expect(actor.status).toBe(422);
    const noEvent = await client.api.dossiers[':id'].decisions.$post({
      param: { id: 'review-pipeline-none' },
      // @ts-expect-error a decision needs its event
      json: { comment: 'no event' },
    });
    expect(noEvent.status).toBe(422);
    // @ts-expect-error working days are counted as a number
    const text = await client.api.calendar['working-days'].$post({ json: { from: '2025-01-24', days: '1' } });
    expect(text.status).toBe(422);
    // @ts-expect-error there is no such route
    const missing = await client.api.dossier.$get();
    expect(missing.status).toBe(404);
  });
});
