import { describe, expect, it } from 'vitest';
import { ProcessDefinition, type Milestone, type Recurrence } from '../../machines/definition.schema.js';
import { task } from '../../machines/definitions/task.definition.js';
import { occurrencesOf } from '../../machines/recurrence.js';
import { taskCalendar } from '../../test-support/task.js';

const series = (recurs: Omit<Recurrence, 'report'>, from: string, end: string, inclusive = true) => {
  const milestone = {
    id: 'report',
    title: { vi: 'Báo cáo', en: 'Report' },
    onResubmit: 'resume',
    escalation: [],
    recurs: { ...recurs, report: { event: 'REPORT', role: 'lead' } },
  } satisfies Milestone;
  const laid = occurrencesOf(milestone, from, end, inclusive, taskCalendar);
  if (!laid.success) throw new Error(laid.error);
  return laid.data.map((m) => `${m.period} ${m.dueAt!.slice(0, 10)}`);
};

describe('recurring obligations', () => {
  it('fall due yearly on a day, from the start to the end of the series', () => {
    expect(
      series({ every: 'year', on: { month: 1, day: 15 } }, '2014-03-01T00:00:00+07:00', '2017-01-15T23:59:59+07:00'),
    ).toEqual(['2015 2015-01-15', '2016 2016-01-15', '2017 2017-01-15']);
  });

  it('fall due at the end of each half year and each quarter', () => {
    expect(series({ every: 'halfYear' }, '2014-03-01T00:00:00+07:00', '2015-12-31T23:59:59+07:00')).toEqual([
      '2014-H1 2014-06-30',
      '2014-H2 2014-12-31',
      '2015-H1 2015-06-30',
      '2015-H2 2015-12-31',
    ]);
    expect(series({ every: 'quarter' }, '2014-05-01T00:00:00+07:00', '2014-12-31T23:59:59+07:00')).toEqual([
      '2014-Q2 2014-06-30',
      '2014-Q3 2014-09-30',
      '2014-Q4 2014-12-31',
    ]);
  });

  it('fall due by the Nth working day of each period, skipping weekends and Tết', () => {
    // February 2015: Tết ran from 16 to 20 February; the 5th working day of the month is the 6th.
    expect(
      series({ every: 'month', byWorkingDay: 5 }, '2015-01-01T00:00:00+07:00', '2015-03-31T23:59:59+07:00'),
    ).toEqual(['2015-01 2015-01-08', '2015-02 2015-02-06', '2015-03 2015-03-06']);
  });

  it('stop before the milestone that ends them when bounded by it', () => {
    expect(series({ every: 'year' }, '2014-01-01T00:00:00+07:00', '2016-12-31T23:59:59+07:00', false)).toEqual([
      '2014 2014-12-31',
      '2015 2015-12-31',
    ]);
  });

  it('refuse a definition whose series cannot be laid out, naming the part', () => {
    const broken = {
      ...task,
      milestones: [
        task.milestones[0],
        {
          ...task.milestones[1],
          recurs: {
            every: 'quarter' as const,
            on: { month: 2, day: 30 },
            until: 'nowhere',
            report: { event: 'SUBMIT', role: 'nobody' },
          },
        },
      ],
    };
    const parsed = ProcessDefinition.safeParse(broken);
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => i.message).join('\n');
    expect(messages).toContain('"on" names a day of the year');
    expect(messages).toContain('month 2 has no day 30');
    expect(messages).toContain('"nowhere" must be a milestone that falls due once');
    expect(messages).toContain('role "nobody" is not declared');
    expect(messages).toContain('report event SUBMIT is already a decision');
  });
});
