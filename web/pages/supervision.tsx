import { formatDateTime } from '../format.js';
import { Layout, type Frame } from '../layout.js';
import type { Lang } from '../messages.js';
import type { SentReminder, SupervisedRow } from '../supervision-data.js';

const words = {
  vi: {
    title: 'Giám sát tiến độ',
    intro: (soon: number, since: number) =>
      `Hồ sơ đang xử lý đã quá hạn hoặc đến hạn trong ${soon} ngày làm việc tới; nhắc việc đã gửi trong ${since} ngày qua.`,
    soonDays: 'Sắp đến hạn trong (ngày làm việc)',
    sinceDays: 'Nhắc việc trong (ngày)',
    show: 'Xem',
    summary: 'Theo giai đoạn và mức nhắc việc',
    list: 'Danh sách hồ sơ',
    reminders: 'Nhắc việc đã gửi',
    export: 'Tải danh sách',
    csv: 'Tải CSV',
    xlsx: 'Tải Excel (XLSX)',
    late: 'Quá hạn',
    soon: 'Sắp đến hạn',
    none: 'Không có hồ sơ nào quá hạn hoặc sắp đến hạn.',
    noReminders: 'Chưa có nhắc việc nào trong thời gian này.',
    headers: {
      dossier: 'Mã hồ sơ',
      subject: 'Trích yếu',
      process: 'Quy trình',
      stage: 'Giai đoạn',
      due: 'Hạn',
      dueText: 'Tình trạng hạn',
      escalation: 'Mức nhắc việc',
      milestone: 'Mốc',
      rung: 'Bậc',
      to: 'Gửi tới',
      channel: 'Kênh',
      at: 'Thời điểm',
      delivered: 'Kết quả',
    },
    delivered: 'Đã gửi',
    notDelivered: 'Chưa gửi được',
    sheet: 'Giám sát',
  },
  en: {
    title: 'Supervision',
    intro: (soon: number, since: number) =>
      `Running dossiers that are late or due within the next ${soon} working days; reminders sent in the last ${since} days.`,
    soonDays: 'Due within (working days)',
    sinceDays: 'Reminders of the last (days)',
    show: 'Show',
    summary: 'By stage and reminder level',
    list: 'Dossiers',
    reminders: 'Reminders sent',
    export: 'Download the list',
    csv: 'Download CSV',
    xlsx: 'Download Excel (XLSX)',
    late: 'Late',
    soon: 'Due soon',
    none: 'No dossier is late or due soon.',
    noReminders: 'No reminder in this period.',
    headers: {
      dossier: 'Dossier id',
      subject: 'Subject',
      process: 'Process',
      stage: 'Stage',
      due: 'Due',
      dueText: 'Due state',
      escalation: 'Reminder level',
      milestone: 'Milestone',
      rung: 'Rung',
      to: 'Sent to',
      channel: 'Channel',
      at: 'When',
      delivered: 'Result',
    },
    delivered: 'Delivered',
    notDelivered: 'Not delivered',
    sheet: 'Supervision',
  },
};

/** The dashboard's words in a language (pure). */
export const supervisionText = (lang: Lang) => words[lang];

/** Late and soon-due counts by process, stage and reminder level (pure). */
function summaryOf(rows: SupervisedRow[]) {
  const groups = new Map<string, { process: string; stage: string; level: number; late: number; soon: number }>();
  for (const r of rows) {
    const key = `${r.processTitle}\u0000${r.stageTitle}\u0000${r.escalationLevel}`;
    const g = groups.get(key) ?? {
      process: r.processTitle,
      stage: r.stageTitle,
      level: r.escalationLevel,
      late: 0,
      soon: 0,
    };
    if (r.late) g.late += 1;
    else g.soon += 1;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.level - a.level || b.late - a.late);
}

/** The supervision dashboard: a summary by stage and level, the list with its exports, the reminders sent. */
export function SupervisionPage(
  props: Frame & { rows: SupervisedRow[]; reminders: SentReminder[]; soonDays: number; sinceDays: number },
) {
  const w = words[props.lang];
  const h = w.headers;
  const query = `soon=${props.soonDays}&since=${props.sinceDays}`;
  return (
    <Layout {...props} title={w.title}>
      <p>{w.intro(props.soonDays, props.sinceDays)}</p>
      <form class="filters" method="get" action="/supervision" role="search" aria-label={w.title}>
        <label>
          {w.soonDays}
          <input name="soon" type="number" min="0" max="60" value={String(props.soonDays)} />
        </label>
        <label>
          {w.sinceDays}
          <input name="since" type="number" min="1" max="90" value={String(props.sinceDays)} />
        </label>
        <button type="submit">{w.show}</button>
      </form>
      <section aria-labelledby="summary-h">
        <h2 id="summary-h">{w.summary}</h2>
        {props.rows.length === 0 ? (
          <p>{w.none}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{h.process}</th>
                  <th scope="col">{h.stage}</th>
                  <th scope="col">{h.escalation}</th>
                  <th scope="col">{w.late}</th>
                  <th scope="col">{w.soon}</th>
                </tr>
              </thead>
              <tbody>
                {summaryOf(props.rows).map((g) => (
                  <tr>
                    <td>{g.process}</td>
                    <td>{g.stage}</td>
                    <td>{props.m.level(g.level)}</td>
                    <td class={g.late > 0 ? 'late' : undefined}>{g.late}</td>
                    <td>{g.soon}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="list-h">
        <h2 id="list-h">{w.list}</h2>
        <p>
          <a href={`/supervision.csv?${query}`} download>
            {w.csv}
          </a>
          {' · '}
          <a href={`/supervision.xlsx?${query}`} download>
            {w.xlsx}
          </a>
        </p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{h.subject}</th>
                <th scope="col">{h.stage}</th>
                <th scope="col">{h.due}</th>
                <th scope="col">{h.escalation}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/dossiers/${encodeURIComponent(r.workflowId)}`}>{r.subject}</a>
                    <br />
                    <span class="muted">{r.processTitle}</span>
                  </td>
                  <td>{r.stageTitle}</td>
                  <td>
                    {formatDateTime(r.dueAt)}
                    <br />
                    <span class={r.late ? 'late' : 'muted'}>{r.dueText}</span>
                  </td>
                  <td>{props.m.level(r.escalationLevel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="reminders-h">
        <h2 id="reminders-h">{w.reminders}</h2>
        {props.reminders.length === 0 ? (
          <p>{w.noReminders}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{h.at}</th>
                  <th scope="col">{h.subject}</th>
                  <th scope="col">{h.rung}</th>
                  <th scope="col">{h.to}</th>
                  <th scope="col">{h.delivered}</th>
                </tr>
              </thead>
              <tbody>
                {props.reminders.map((e) => (
                  <tr>
                    <td>{formatDateTime(e.at)}</td>
                    <td>
                      <a href={`/dossiers/${encodeURIComponent(e.workflowId)}`}>{e.subject}</a>
                      <br />
                      <span class="muted">{`${h.milestone}: ${e.milestone}`}</span>
                    </td>
                    <td>{e.rung}</td>
                    <td>{`${e.to} · ${e.channel}`}</td>
                    <td class={e.delivered ? undefined : 'late'}>{e.delivered ? w.delivered : w.notDelivered}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
