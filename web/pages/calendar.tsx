import { dayOfWeek, formatVn, type CalendarTable, type PlainDate } from '../../calendar/index.js';
import { Layout, type Frame } from '../layout.js';
import type { Lang } from '../messages.js';
import { Field } from './fields.js';

const words = {
  vi: {
    title: (y: number) => `Lịch làm việc năm ${y}`,
    year: 'Năm',
    show: 'Xem',
    daysOff: 'Ngày nghỉ lễ, Tết và ngày nghỉ bù',
    workingDays: 'Ngày làm việc bù (làm vào thứ Bảy, Chủ nhật)',
    noWorkingDays: 'Năm này không có ngày làm bù.',
    byMonth: 'Số ngày làm việc theo tháng',
    month: 'Tháng',
    count: 'Ngày làm việc',
    date: 'Ngày',
    weekday: 'Thứ',
    name: 'Tên ngày',
    weekdays: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
    calculator: 'Tính ngày làm việc',
    from: 'Từ ngày (dd/mm/yyyy)',
    days: 'Số ngày làm việc (âm để tính lùi)',
    compute: 'Tính',
    result: 'Kết quả',
    badFrom: 'Cần ngày dạng dd/mm/yyyy, ví dụ 12/09/2023.',
    badDays: 'Cần một số nguyên từ -400 đến 400.',
    total: (n: number) => `Cả năm có ${n} ngày làm việc.`,
    source:
      'Ngày nghỉ theo Bộ luật Lao động và thông báo hằng năm của Chính phủ (dữ liệu trong calendar/data, sửa được).',
  },
  en: {
    title: (y: number) => `Working calendar ${y}`,
    year: 'Year',
    show: 'Show',
    daysOff: 'Public holidays, Tết and days off in lieu',
    workingDays: 'Swapped working days (worked on a Saturday or Sunday)',
    noWorkingDays: 'No swapped working day this year.',
    byMonth: 'Working days by month',
    month: 'Month',
    count: 'Working days',
    date: 'Date',
    weekday: 'Weekday',
    name: 'Name',
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    calculator: 'Working-day calculator',
    from: 'From (dd/mm/yyyy)',
    days: 'Working days (negative to count back)',
    compute: 'Compute',
    result: 'Result',
    badFrom: 'Expected a date as dd/mm/yyyy, e.g. 12/09/2023.',
    badDays: 'Expected a whole number from -400 to 400.',
    total: (n: number) => `The year has ${n} working days.`,
    source:
      'Days off from the Labour Code and the government’s yearly announcements (data in calendar/data, editable).',
  },
};

/** The calendar page's words in a language (pure). */
export const calendarText = (lang: Lang) => words[lang];

/** What the calculator shows: the values as typed, a message beside a wrong one, the result and why. */
export interface Calculation {
  from: string;
  days: string;
  errors: { from?: string; days?: string };
  result?: { date: PlainDate; explanation: string };
}

function DayTable(props: { lang: Lang; caption: string; days: CalendarTable['daysOff'] }) {
  const w = words[props.lang];
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{w.date}</th>
            <th scope="col">{w.weekday}</th>
            <th scope="col">{w.name}</th>
          </tr>
        </thead>
        <tbody>
          {props.days.map((d) => (
            <tr>
              <td>{formatVn(d.date)}</td>
              <td>{w.weekdays[dayOfWeek(d.date)]}</td>
              <td>{d.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The calendar page: the year's days off and swapped days, working days by month, and the calculator. */
export function CalendarPage(
  props: Frame & { year: number; table: CalendarTable; perMonth: number[]; calculation: Calculation },
) {
  const w = words[props.lang];
  const calc = props.calculation;
  return (
    <Layout {...props} title={w.title(props.year)}>
      <form class="filters" method="get" action="/calendar" role="search" aria-label={w.year}>
        <label>
          {w.year}
          <input name="year" type="number" min="2000" max="2100" value={String(props.year)} />
        </label>
        <button type="submit">{w.show}</button>
      </form>
      <p class="muted">{w.source}</p>
      <section aria-labelledby="calc-h">
        <h2 id="calc-h">{w.calculator}</h2>
        <form class="filters" method="get" action="/calendar">
          <input type="hidden" name="year" value={String(props.year)} />
          <Field name="from" label={w.from} value={calc.from} error={calc.errors.from} />
          <Field name="days" label={w.days} value={calc.days} inputmode="numeric" error={calc.errors.days} />
          <button type="submit">{w.compute}</button>
        </form>
        {calc.result && (
          <p class="notice" role="status">
            <strong>{`${w.result}: ${formatVn(calc.result.date)}`}</strong>
            <br />
            <span>{calc.result.explanation}</span>
          </p>
        )}
      </section>
      <section aria-labelledby="off-h">
        <h2 id="off-h">{w.daysOff}</h2>
        <DayTable lang={props.lang} caption={w.daysOff} days={props.table.daysOff} />
      </section>
      <section aria-labelledby="worked-h">
        <h2 id="worked-h">{w.workingDays}</h2>
        {props.table.workingDays.length === 0 ? (
          <p>{w.noWorkingDays}</p>
        ) : (
          <DayTable lang={props.lang} caption={w.workingDays} days={props.table.workingDays} />
        )}
      </section>
      <section aria-labelledby="month-h">
        <h2 id="month-h">{w.byMonth}</h2>
        <p>{w.total(props.perMonth.reduce((a, b) => a + b, 0))}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{w.month}</th>
                <th scope="col">{w.count}</th>
              </tr>
            </thead>
            <tbody>
              {props.perMonth.map((n, i) => (
                <tr>
                  <td>{String(i + 1).padStart(2, '0')}</td>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}
