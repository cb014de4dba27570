import { Layout, type Frame } from '../layout.js';

/** One dossier awaiting me, ready to show. */
export interface InboxRow {
  workflowId: string;
  subject: string;
  process: string;
  processTitle: string;
  stage: string;
  stageTitle: string;
  /** Unknown when the dossier's status could not be read in time. */
  draft: number | null;
  dueDate: string | null;
  dueText: string | null;
  late: boolean;
  escalationLevel: number;
}

/** The inbox "Chờ tôi xử lý": filters by process and stage, the rows sorted by due date. */
export function InboxPage(
  props: Frame & {
    rows: InboxRow[];
    processes: Array<{ id: string; title: string }>;
    stages: Array<{ id: string; title: string }>;
    filter: { process?: string | undefined; stage?: string | undefined };
  },
) {
  const { m, rows } = props;
  return (
    <Layout {...props} title={`${m.inbox} (${m.count(rows.length)})`}>
      <form class="filters" method="get" action="/inbox" role="search" aria-label={m.filters}>
        <label>
          {m.process}
          <select name="process">
            <option value="">{m.allProcesses}</option>
            {props.processes.map((p) => (
              <option value={p.id} selected={props.filter.process === p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.stage}
          <select name="stage">
            <option value="">{m.allStages}</option>
            {props.stages.map((s) => (
              <option value={s.id} selected={props.filter.stage === s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{m.filter}</button>
      </form>
      {rows.length === 0 ? (
        <p>{m.inboxEmpty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.dossier}</th>
                <th scope="col">{m.stage}</th>
                <th scope="col">{m.draft}</th>
                <th scope="col">{m.due}</th>
                <th scope="col">{m.escalation}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>
                    <a href={`/dossiers/${encodeURIComponent(row.workflowId)}`}>{row.subject}</a>
                    <br />
                    <span class="muted">{row.processTitle}</span>
                  </td>
                  <td>{row.stageTitle}</td>
                  <td>{row.draft ?? '—'}</td>
                  <td>
                    {row.dueDate === null ? (
                      <span class="muted">{m.noDue}</span>
                    ) : (
                      <>
                        {row.dueDate}
                        <br />
                        <span class={row.late ? 'late' : 'muted'}>{row.dueText}</span>
                      </>
                    )}
                  </td>
                  <td>{m.level(row.escalationLevel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
