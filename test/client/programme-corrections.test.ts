import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planOfPreflight } from '../../client/programme-apply.js';
import { correctPreflight } from '../../client/programme-corrections.js';
import { importProgramme } from '../../client/programme-import.js';
import { loadUnits } from '../../directory/directory.js';

const seed = readFileSync(new URL('../fixtures/seeds/programme-nq31-2014.txt', import.meta.url), 'utf8');
const units = loadUnits(new URL('../../directory/units.json', import.meta.url).pathname);
const header = 'TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian';
const fresh = importProgramme(seed, units, 'text');
/** The preflight as `--json` prints it and a user reads it back, edited by `edit`. */
const edited = (edit: (json: ReturnType<typeof structuredClone<typeof fresh>>) => void) => {
  const json = JSON.parse(JSON.stringify(fresh)) as typeof fresh;
  edit(json);
  return json;
};

describe('correcting a preflight before it is applied', () => {
  it('moves a due date written as an instant, a day or a phrase, and keeps the reports before it', () => {
    const corrected = correctPreflight(
      fresh,
      edited((json) => {
        json.tasks[0]!.dueAt = '30/06/2014';
        json.tasks[1]!.dueAt = 'Quý II/2016';
        json.tasks[2]!.dueAt = '2015-03-31T17:00:00+07:00';
        json.obligations[0]!.dueAt = '15/07/2014';
      }),
      units,
    );
    expect(corrected.corrections).toEqual([
      { task: '1.1', field: 'dueAt', before: '2014-12-31T23:59:59+07:00', after: '2014-06-30T23:59:59+07:00' },
      { task: '1.2', field: 'dueAt', before: '2016-12-31T23:59:59+07:00', after: '2016-06-30T23:59:59+07:00' },
      { task: '1.3', field: 'dueAt', before: '2016-12-31T23:59:59+07:00', after: '2015-03-31T17:00:00+07:00' },
      { item: '1', field: 'dueAt', before: '2014-06-30T23:59:59+07:00', after: '2014-07-15T23:59:59+07:00' },
    ]);
    expect(corrected.tasks[2]!.reportsDueAt).toEqual(['2014-12-31T23:59:59+07:00']);
    const plan = planOfPreflight('nq31', 'NQ 31', corrected);
    expect(plan.tasks.slice(0, 3).map((t) => t.dueAt)).toEqual([
      '2014-06-30T23:59:59+07:00',
      '2016-06-30T23:59:59+07:00',
      '2015-03-31T17:00:00+07:00',
    ]);
    expect(plan.obligations).toEqual({ agencyProgrammes: '2014-07-15T23:59:59+07:00' });
  });

  it('settles an unknown lead and an unreadable time, so a table it stopped can start', () => {
    const table = importProgramme(
      [
        header,
        '1.1,Xây dựng đề án,Bộ Không Có,Bộ Công Thương,Đề án,2014',
        '1.2,Tổ chức hội nghị,Bộ Ngoại giao,Bộ Tư Phap Sai,Hội nghị,sớm nhất có thể',
      ].join('\n'),
      units,
      'csv',
    );
    expect(() => planOfPreflight('x', 'x', table)).toThrow('nothing was started');
    const json = JSON.parse(JSON.stringify(table)) as typeof table;
    json.tasks[0]!.leadUnit = 'bo-noi-vu';
    json.tasks[1]!.dueAt = 'Trong tháng 9 năm 2014';
    json.tasks[1]!.coordinators[0]!.unit = 'bo-tu-phap';
    const corrected = correctPreflight(table, json, units);
    expect(corrected.problems).toEqual([]);
    const plan = planOfPreflight('x', 'x', corrected);
    expect(plan.tasks.map((t) => [t.lead, t.coordinators, t.dueAt])).toEqual([
      ['bo-noi-vu', ['bo-cong-thuong'], '2014-12-31T23:59:59+07:00'],
      ['bo-ngoai-giao', ['bo-tu-phap'], '2014-09-30T23:59:59+07:00'],
    ]);
  });

  it('refuses bad edits all at once, naming each, and nothing else is read from them', () => {
    const bad = edited((json) => {
      json.tasks[0]!.dueAt = '31/02/2014';
      json.tasks[1]!.leadUnit = 'bo-ngoai-giao-x';
      json.tasks[2]!.content = 'Một nhiệm vụ khác';
      json.tasks[3]!.coordinators = [];
      json.tasks.push({ ...json.tasks[4]!, number: '9.9' });
      json.tasks.splice(5, 1);
      json.obligations[0]!.dueAt = 'sớm';
    });
    const refusal = () => correctPreflight(fresh, bad, units);
    expect(refusal).toThrow(/^nothing was started: the corrected preflight has 7 fault\(s\)/u);
    const message = (() => {
      try {
        refusal();
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).toContain('task 9.9 is not in the table: add a task to the table, not to the preflight');
    expect(message).toContain('task 1.1: dueAt: "31/02/2014" is not a real day');
    expect(message).toContain(
      'task 1.2: leadUnit: "bo-ngoai-giao-x" is no unit of the directory; nearest: bo-ngoai-giao',
    );
    expect(message).toContain('task 1.3: "content" differs from the table');
    expect(message).toContain('task 1.4: coordinators: expected one entry per agency the table names (1)');
    expect(message).toContain('task 2.2 of the table is left out');
    expect(message).toContain('obligation of item 1: dueAt: "sớm": expected an ISO instant');
    expect(() => correctPreflight(fresh, [1, 2], units)).toThrow('must be the JSON the preflight printed');
  });
});
