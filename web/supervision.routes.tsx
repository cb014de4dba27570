import { Hono } from 'hono';
import type { WebContext, WebDeps, WebEnv } from './deps.js';
import { frameOf } from './frame.js';
import { SupervisionPage, supervisionText } from './pages/supervision.js';
import { supervision, toCsv, toXlsx } from './supervision-data.js';

/** A whole number from a query parameter within bounds, else the default (pure). */
const bounded = (value: string | undefined, min: number, max: number, fallback: number) => {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
};

const windowOf = (c: WebContext) => ({
  soonDays: bounded(c.req.query('soon'), 0, 60, 5),
  sinceDays: bounded(c.req.query('since'), 1, 90, 7),
});

/** The supervision dashboard and its CSV and XLSX exports, over the dossiers the user may read. */
export function supervisionRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/supervision', async (c) => {
    const window = windowOf(c);
    const { rows, reminders } = await supervision(deps, c, window);
    return c.html(<SupervisionPage {...frameOf(c)} rows={rows} reminders={reminders} {...window} />);
  });
  app.get('/supervision.csv', async (c) => {
    const { rows } = await supervision(deps, c, windowOf(c));
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="duyet-giam-sat.csv"');
    return c.body(toCsv(rows, supervisionText(c.get('lang')).headers));
  });
  app.get('/supervision.xlsx', async (c) => {
    const { rows } = await supervision(deps, c, windowOf(c));
    const w = supervisionText(c.get('lang'));
    const bytes = await toXlsx(rows, w.headers, w.sheet);
    c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('content-disposition', 'attachment; filename="duyet-giam-sat.xlsx"');
    return c.body(bytes as unknown as ArrayBuffer);
  });
  return app;
}
