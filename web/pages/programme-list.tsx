import { Layout, type Frame } from '../layout.js';
import { formatDate } from '../format.js';
import type { ProgrammeText } from '../programme-text.js';

/** One programme as `GET /api/programmes` lists it. */
export interface ListedProgramme {
  id: string;
  status: string | null;
  dueAt: string | null;
  startedAt: string;
}

/**
 * The programmes, newest first: each links to its tracker, and for an agency's focal point to what the agency owes
 * in it; a secretariat user also gets the link to import one.
 */
export function ProgrammeListPage(
  props: Frame & {
    t: ProgrammeText;
    items: ListedProgramme[];
    nextCursor: string | null;
    mayImport: boolean;
    agency: boolean;
  },
) {
  const { t, m } = props;
  const statusOf = (status: string | null) =>
    status === null ? '—' : ((m as unknown as Record<string, string>)[status] ?? status);
  return (
    <Layout {...props} title={props.agency ? m.owedNav : m.programmes}>
      {props.mayImport && (
        <p>
          <a href="/programmes/import">{t.importLink}</a>
        </p>
      )}
      {props.items.length === 0 ? (
        <p>{t.noProgrammes}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t.listCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.programmeId}</th>
                {props.agency && <th scope="col">{t.owedColumn}</th>}
                <th scope="col">{m.status}</th>
                <th scope="col">{t.startedAt}</th>
                <th scope="col">{t.endsAt}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((p) => (
                <tr>
                  <td>
                    <a href={`/programmes/${encodeURIComponent(p.id)}`}>{p.id}</a>
                  </td>
                  {props.agency && (
                    <td>
                      <a href={`/programmes/${encodeURIComponent(p.id)}/owed`}>{`${t.owedLink} ${p.id}`}</a>
                    </td>
                  )}
                  <td>{statusOf(p.status)}</td>
                  <td>{formatDate(p.startedAt)}</td>
                  <td>{p.dueAt ? formatDate(p.dueAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.nextCursor && (
        <p>
          <a href={`/programmes?cursor=${encodeURIComponent(props.nextCursor)}`}>{t.nextPage}</a>
        </p>
      )}
    </Layout>
  );
}
