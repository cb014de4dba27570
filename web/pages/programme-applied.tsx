import type { SkippedItem } from '../../client/conclusions-plan.js';
import type { Applied } from '../../client/programme-apply.js';
import { formatDate } from '../format.js';
import { Layout, type Frame } from '../layout.js';
import type { ProgrammeText } from '../programme-text.js';

const shown = (value: unknown): string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/u.test(value)
    ? formatDate(value)
    : Array.isArray(value)
      ? value.join(', ') || '—'
      : String(value ?? '—') || '—';

/**
 * What a start did: the tasks started, or that nothing new was started when the same table came again; for a changed
 * table, each task that differs field by field (running and in the file), and the tasks it added or no longer lists.
 */
export function AppliedPage(
  props: Frame & {
    t: ProgrammeText;
    result: { programme: Applied; tasks: Applied[]; skipped?: SkippedItem[] };
  },
) {
  const { t, result } = props;
  const id = result.programme.workflowId;
  const counts = new Map<string, number>();
  for (const task of result.tasks) counts.set(task.outcome, (counts.get(task.outcome) ?? 0) + 1);
  const nothingNew = result.tasks.every((task) => task.outcome === 'unchanged');
  const changed = result.tasks.filter((task) => task.outcome === 'changed');
  return (
    <Layout {...props} title={t.applied(id)}>
      <p class="notice" role="status">
        {nothingNew
          ? t.nothingNew
          : result.programme.outcome === 'started'
            ? t.started(counts.get('started') ?? 0)
            : [...counts].map(([outcome, n]) => `${t.outcome[outcome] ?? outcome}: ${n}`).join(' · ')}
      </p>
      {changed.length > 0 && (
        <section aria-labelledby="changed-h">
          <h2 id="changed-h">{t.outcome.changed}</h2>
          <p>{t.changedNote}</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.number}</th>
                  <th scope="col">{t.field}</th>
                  <th scope="col">{t.before}</th>
                  <th scope="col">{t.after}</th>
                </tr>
              </thead>
              <tbody>
                {changed.flatMap((task) =>
                  (task.changes ?? []).map((c) => (
                    <tr>
                      <td>{task.number}</td>
                      <td>{c.field}</td>
                      <td>{shown(c.before)}</td>
                      <td>{shown(c.after)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {result.tasks.some((task) => task.outcome === 'added' || task.outcome === 'removed') && (
        <ul>
          {result.tasks
            .filter((task) => task.outcome === 'added' || task.outcome === 'removed')
            .map((task) => (
              <li>{`${task.number}: ${t.outcome[task.outcome]}`}</li>
            ))}
        </ul>
      )}
      {result.skipped && result.skipped.length > 0 && (
        <section aria-labelledby="skipped-h">
          <h2 id="skipped-h">{t.notStarted}</h2>
          <ul>
            {result.skipped.map((s) => (
              <li>{`${s.number}: ${t.why[s.why] ?? s.reason}`}</li>
            ))}
          </ul>
        </section>
      )}
      <p class="actions">
        <a href={`/programmes/${encodeURIComponent(id)}`}>{t.tracker}</a>
        <a href="/programmes/import">{t.again}</a>
      </p>
    </Layout>
  );
}
