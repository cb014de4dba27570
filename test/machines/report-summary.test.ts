import { describe, expect, it } from 'vitest';
import type { ProcessSnapshot } from '../../machines/compile.js';
import { createProcess } from '../../machines/create-process.js';
import { reviewPipeline } from '../../machines/definitions/review-pipeline.definition.js';
import { hasReports, NO_REPORT_OWED, reportSummary } from '../../machines/report-summary.js';
import { startTask, taskActors, taskProcess } from '../../test-support/task.js';

const decide = (snapshot: ProcessSnapshot, decision: Record<string, unknown>, at: string) => {
  const checked = taskProcess.check(snapshot, decision, at);
  if (!checked.success) throw new Error(checked.error);
  return taskProcess.apply(snapshot, checked.data)[0];
};
const summary = (s: ProcessSnapshot) => reportSummary(taskProcess.definition, s.context, s.status === 'active');

describe('the reports a process owes and took, as its search attributes carry them', () => {
  it('owes the first open occurrence and has taken no report at start', () => {
    expect(summary(startTask()[0])).toEqual({
      reportOwed: 'progressReport@2014',
      reportDueAt: '2014-12-31T23:59:59+07:00',
      lastReportAt: null,
      lastReport: null,
    });
  });

  it('moves to the next occurrence once one is reported, and keeps the report with who filed it', () => {
    const reported = decide(
      startTask()[0],
      { type: 'REPORT_PROGRESS', ...taskActors.lead },
      '2014-12-20T09:00:00+07:00',
    );
    expect(summary(reported)).toEqual({
      reportOwed: 'progressReport@2015',
      reportDueAt: '2015-12-31T23:59:59+07:00',
      lastReportAt: '2014-12-20T09:00:00+07:00',
      lastReport: 'REPORT_PROGRESS/ngoai-giao.dau-moi/progressReport@2014',
    });
  });

  it('counts the submission of the product as the last report, and owes nothing once finished', () => {
    const submitted = decide(startTask()[0], { type: 'SUBMIT', ...taskActors.lead }, '2015-01-05T09:00:00+07:00');
    expect(summary(submitted)).toMatchObject({
      reportOwed: 'progressReport@2014',
      lastReport: 'SUBMIT/ngoai-giao.dau-moi/',
    });
    const accepted = decide(submitted, { type: 'ACCEPT', ...taskActors.authority }, '2015-01-06T09:00:00+07:00');
    expect(summary(accepted)).toMatchObject({ reportOwed: NO_REPORT_OWED, reportDueAt: null });
  });

  it('is kept only by processes with a recurring milestone', () => {
    expect(hasReports(taskProcess.definition)).toBe(true);
    expect(hasReports(createProcess(reviewPipeline).definition)).toBe(false);
  });
});
