import type { AgencyDue, ProgrammeTracker } from '../../client/programme-tracker.js';
import { formatVn, toPlainDate } from '../../calendar/dates.js';
import { Layout, type Frame } from '../layout.js';

const date = (instant: string | null) => (instant ? formatVn(toPlainDate(instant)) : '—');
const words = {
  vi: {
    tracker: 'Theo dõi chương trình',
    number: 'TT',
    content: 'Nội dung',
    lead: 'Chủ trì',
    coordinators: 'Phối hợp',
    due: 'Hạn',
    status: 'Trạng thái',
    lastReport: 'Báo cáo gần nhất',
    late: 'Số ngày chậm',
    agencies: 'Theo cơ quan',
    owes: 'Còn nợ',
    lateCount: 'Chậm',
    owed: 'Việc cơ quan tôi còn nợ',
    nothing: 'Không còn việc nào.',
    task: 'Nhiệm vụ',
    tasks: 'Các nhiệm vụ',
    item: 'Việc',
    isLate: 'chậm',
  },
  en: {
    tracker: 'Programme tracker',
    number: 'No.',
    content: 'Task',
    lead: 'Lead',
    coordinators: 'Coordinating',
    due: 'Due',
    status: 'Status',
    lastReport: 'Last report',
    late: 'Days late',
    agencies: 'By agency',
    owes: 'Owes',
    lateCount: 'Late',
    owed: 'What my agency owes',
    nothing: 'Nothing owed.',
    task: 'Task',
    tasks: 'Tasks',
    item: 'Item',
    isLate: 'late',
  },
} as const;

/** The tracker page: every task with its lead, due date, status, last report and lateness, then each agency. */
export function TrackerPage(props: Frame & { tracker: ProgrammeTracker; unitName?: (id: string) => string }) {
  const name = props.unitName ?? ((id: string) => id);
  const w = words[props.lang];
  const { tracker } = props;
  return (
    <Layout {...props} title={`${w.tracker}: ${tracker.subject}`}>
      <div class="table-wrap">
        <table>
          <caption>{`${w.tasks} (${tracker.tasks.length})`}</caption>
          <thead>
            <tr>
              {[w.number, w.content, w.lead, w.coordinators, w.due, w.status, w.lastReport, w.late].map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tracker.tasks.map((t) => (
              <tr id={`task-${t.number}`} class={t.daysLate > 0 ? 'late' : ''}>
                <td>
                  <a href={`/dossiers/${encodeURIComponent(t.workflowId)}`}>{t.number}</a>
                </td>
                <td>{t.content}</td>
                <td>{name(t.lead)}</td>
                <td>{t.coordinators.map(name).join(', ')}</td>
                <td>{date(t.dueAt)}</td>
                <td>{t.state ?? t.status}</td>
                <td>{t.lastReport ? `${date(t.lastReport.at)} ${t.lastReport.event}` : '—'}</td>
                <td>{t.daysLate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{w.agencies}</h2>
      <AgencyTable lang={props.lang} agencies={tracker.agencies} name={name} />
    </Layout>
  );
}

function AgencyTable(props: { lang: Frame['lang']; agencies: AgencyDue[]; name: (id: string) => string }) {
  const w = words[props.lang];
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{w.lead}</th>
            <th scope="col">{w.owes}</th>
            <th scope="col">{w.lateCount}</th>
          </tr>
        </thead>
        <tbody>
          {props.agencies.map((a) => (
            <tr>
              <td>{props.name(a.unit)}</td>
              <td>{a.owes.length}</td>
              <td>{a.late}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "What we owe": for each of the user's agencies, every task and report still due, the late ones marked. */
export function OwedPage(props: Frame & { subject: string; agencies: AgencyDue[]; unitName?: (id: string) => string }) {
  const name = props.unitName ?? ((id: string) => id);
  const w = words[props.lang];
  return (
    <Layout {...props} title={`${w.owed}: ${props.subject}`}>
      {props.agencies.map((a) => (
        <section>
          <h2>{`${name(a.unit)} · ${w.owes} ${a.owes.length} · ${w.lateCount} ${a.late}`}</h2>
          {a.owes.length === 0 ? (
            <p>{w.nothing}</p>
          ) : (
            <ul>
              {a.owes.map((o) => (
                <li class={o.late ? 'late' : ''}>
                  {`${w.task} ${o.task} · ${o.milestone} · ${w.due} ${date(o.dueAt)}${o.late ? ` (${w.isLate})` : ''}`}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </Layout>
  );
}
