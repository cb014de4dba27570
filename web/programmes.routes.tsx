import { Hono } from 'hono';
import type { AgencyDue, ProgrammeTracker } from '../client/programme-tracker.js';
import { callApi, problemDetail, type WebDeps, type WebEnv } from './deps.js';
import { frameOf } from './frame.js';
import { OwedPage, TrackerPage } from './pages/programme.js';

/** The programme pages: the tracker, and what the user's agency owes, read through the API. */
export function programmeRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/programmes/:id', async (c) => {
    const response = await callApi(deps, c, `/api/programmes/${encodeURIComponent(c.req.param('id'))}`);
    if (response.status !== 200) return c.text(await problemDetail(response), response.status as 404);
    return c.html(<TrackerPage {...frameOf(c)} tracker={(await response.json()) as ProgrammeTracker} />);
  });
  app.get('/programmes/:id/owed', async (c) => {
    const unit = c.req.query('unit');
    const query = unit ? `?unit=${encodeURIComponent(unit)}` : '';
    const response = await callApi(deps, c, `/api/programmes/${encodeURIComponent(c.req.param('id'))}/owed${query}`);
    if (response.status !== 200) return c.text(await problemDetail(response), response.status as 404);
    const owed = (await response.json()) as { subject: string; agencies: AgencyDue[] };
    return c.html(<OwedPage {...frameOf(c)} subject={owed.subject} agencies={owed.agencies} />);
  });
  return app;
}
