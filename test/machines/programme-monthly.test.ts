import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planOfPreflight, programmeStartInput } from '../../client/programme-apply.js';
import { importProgramme } from '../../client/programme-import.js';
import { loadUnits } from '../../directory/directory.js';
import { createProcess } from '../../machines/create-process.js';
import { programmeV3 } from '../../machines/definitions/programme-v3.definition.js';
import { programme } from '../../machines/definitions/programme.definition.js';
import { recurringIn, toMermaid } from '../../machines/diagram.js';
import { parseStartInput } from '../../machines/input.schema.js';
import { taskCalendar } from '../../test-support/task.js';

// No seed writes a monthly report: seed 003's item 2 ("định kỳ hàng năm báo cáo Thủ tướng") has its period swapped
// to "hàng tháng", the way a body that wants monthly reports would write it.
const seed = readFileSync(new URL('../fixtures/seeds/programme-nq31-2014.txt', import.meta.url), 'utf8');
const monthly = seed.replace('định kỳ hàng năm báo cáo', 'định kỳ hàng tháng báo cáo');
const units = loadUnits(new URL('../../directory/units.json', import.meta.url).pathname);
const plan = planOfPreflight('nq31-thang', 'NQ 31, báo cáo hằng tháng', importProgramme(monthly, units, 'text'));
const programmeProcess = createProcess(programme);
const signed = '2014-05-13T08:00:00+07:00';
const secretariat = { actor: 'nguyen.thu', roles: ['secretariat'], onBehalfOf: null, comment: null };

/** The programme machine started on the plan on the day seed 003 was signed. */
function startProgramme() {
  const context = parseStartInput(programmeProcess.definition, programmeStartInput(plan, signed), signed, taskCalendar);
  if (!context.success) throw new Error(context.error);
  return programmeProcess.start(context.data)[0];
}

describe('a monthly report on the whole programme (definition version 4)', () => {
  it('recurs each month up to the programme’s end when the body writes "định kỳ hàng tháng báo cáo"', () => {
    expect(plan.reviews).toEqual(['monthlyReview']);
    const months = startProgramme().context.milestones.filter((m) => m.occurrenceOf === 'monthlyReview');
    expect(months.slice(0, 3).map((m) => `${m.id} ${m.dueAt}`)).toEqual([
      'monthlyReview@2014-05 2014-05-31T23:59:59+07:00',
      'monthlyReview@2014-06 2014-06-30T23:59:59+07:00',
      'monthlyReview@2014-07 2014-07-31T23:59:59+07:00',
    ]);
    expect(months.at(-1)!.id).toBe('monthlyReview@2016-12');
    expect(months).toHaveLength(32);
  });

  it('closes one month’s occurrence with REPORT_MONTH, leaving the next months open', () => {
    const started = startProgramme();
    const at = '2014-05-30T09:00:00+07:00';
    const checked = programmeProcess.check(started, { type: 'REPORT_MONTH', ...secretariat }, at);
    if (!checked.success) throw new Error(checked.error);
    const [next] = programmeProcess.apply(started, checked.data);
    const status = (id: string) => next.context.milestones.find((m) => m.id === id)!.status;
    expect(status('monthlyReview@2014-05')).toBe('met');
    expect(status('monthlyReview@2014-06')).toBe('pending');
    expect(next.context.milestones.filter((m) => m.occurrenceOf === 'yearlyReview').map((m) => m.status)).toEqual(
      expect.not.arrayContaining(['met']),
    );
  });

  it('is drawn with its report event, and version 3 is kept without it', () => {
    expect(toMermaid(programmeProcess.machine, recurringIn(programmeProcess.definition))).toContain(
      'monthlyReview recurs every month, REPORT_MONTH closes one occurrence',
    );
    expect(programmeV3.milestones.map((m) => m.id)).not.toContain('monthlyReview');
    expect(programme.version).toBe(4);
  });
});
