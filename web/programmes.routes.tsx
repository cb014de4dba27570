import { Hono } from 'hono';
import type { AgencyDue, ProgrammeTracker } from '../client/programme-tracker.js';
import { callApi, problemDetail, type WebDeps, type WebEnv } from './deps.js';
import { frameOf } from './frame.js';
import { OwedPage, TrackerPage } from './pages/programme.js';
import { ProgrammeListPage, type ListedProgramme } from './pages/programme-list.js';
import { programmeTextOf } from './programme-text.js';
import { programmeImportRoutes } from './programme-import.routes.js';

/** A unit's name in the page's language, from the directory; its id when the directory does not know it. */
function unitNamer(deps: WebDeps, lang: 'vi' | 'en'): (id: string) => string {
  const byId = new Map((deps.units?.() ?? []).map((u) => [u.id, u]));
  return (id) => {
    const unit = byId.get(id);
    return unit ? ((lang === 'en' ? unit.en : undefined) ?? unit.name) : id;
  };
}

/** The programme pages: the list, the tracker, and what the user's agency owes, read through the API. */
export function programmeRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  // Before "/programmes/:id", which would take "import" for an id.
  app.route('/', programmeImportRoutes(deps));
  app.get('/programmes', async (c) => {
    const cursor = c.req.query('cursor');
    const response = await callApi(deps, c, `/api/programmes${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (response.status !== 200) return c.text(await problemDetail(response), response.status as 422);
    const page = (await response.json()) as { items: ListedProgramme[]; nextCursor: string | null };
    const roles = c.get('session').user.roles;
    return c.html(
      <ProgrammeListPage
        {...frameOf(c)}
        t={programmeTextOf(c.get('lang'))}
        items={page.items}
        nextCursor={page.nextCursor}
        mayImport={roles.includes('secretariat')}
        agency={roles.some((r) => r.startsWith('focal-point@'))}
      />,
    );
  });
  app.get('/programmes/:id', async (c) => {
    const response = await callApi(deps, c, `/api/programmes/${encodeURIComponent(c.req.param('id'))}`);
    if (response.status !== 200) return c.text(await problemDetail(response), response.status as 404);
    return c.html(
      <TrackerPage
        {...frameOf(c)}
        tracker={(await response.json()) as ProgrammeTracker}
        unitName={unitNamer(deps, c.get('lang'))}
      />,
    );
  });
  app.get('/programmes/:id/owed', async (c) => {
    const unit = c.req.query('unit');
    const query = unit ? `?unit=${encodeURIComponent(unit)}` : '';
    const response = await callApi(deps, c, `/api/programmes/${encodeURIComponent(c.req.param('id'))}/owed${query}`);
    if (response.status !== 200) return c.text(await problemDetail(response), response.status as 404);
    const owed = (await response.json()) as { subject: string; agencies: AgencyDue[] };
    return c.html(
      <OwedPage
        {...frameOf(c)}
        subject={owed.subject}
        agencies={owed.agencies}
        unitName={unitNamer(deps, c.get('lang'))}
      />,
    );
  });
  return app;
}
