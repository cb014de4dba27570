import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importProgramme, programmeTime } from '../../client/programme-import.js';
import { loadUnits } from '../../directory/directory.js';

const seed = readFileSync(new URL('../fixtures/seeds/programme-nq31-2014.txt', import.meta.url), 'utf8');
const units = loadUnits(new URL('../../directory/units.json', import.meta.url).pathname);

// Read by eye from the appendix of the action programme (Nghị quyết 31/NQ-CP, 2014): the lead agency
// ("Cơ quan chủ trì") of each task and its time, as printed.
const expected: Array<[string, string, string]> = [
  ['1.1', 'bo-ngoai-giao', '2014'],
  ['1.2', 'bo-ngoai-giao', '2014 - 2016'],
  ['1.3', 'bo-thong-tin-va-truyen-thong', '2014 - 2016'],
  ['1.4', 'bo-cong-thuong', '2014 - 2016'],
  ['2.1', 'bo-ngoai-giao', '2015'],
  ['2.2', 'bo-tu-phap', '2014 - 2016'],
  ['2.3', 'bo-ngoai-giao', '2014 - 2015'],
  ['2.4', 'bo-ke-hoach-va-dau-tu', '2014'],
  ['2.5', 'bo-ngoai-giao', '2014'],
  ['2.6', 'bo-noi-vu', '2014 - 2015'],
  ['2.7', 'bo-tu-phap', '2014 - 2016'],
  ['2.8', 'bo-cong-thuong', '2014'],
  ['3.1', 'bo-cong-thuong', '2013 - 2014'],
  ['3.2', 'bo-cong-thuong', '2014'],
  ['3.3', 'bo-ke-hoach-va-dau-tu', '2014 - 2016'],
  ['3.4', 'bo-ke-hoach-va-dau-tu', '2014'],
  ['3.5', 'bo-giao-thong-van-tai', '2014'],
  ['3.6', 'bo-nong-nghiep-va-phat-trien-nong-thon', '2014'],
  ['3.7', 'ngan-hang-nha-nuoc', '2015'],
  ['4.1', 'bo-ngoai-giao', '2014 - 2016'],
  ['4.2', 'bo-ngoai-giao', '2014 - 2016'],
  ['5.1', 'bo-quoc-phong', '2014'],
  ['5.2', 'bo-quoc-phong', '2014'],
  ['5.3', 'bo-cong-an', '2014'],
  ['6.1', 'bo-van-hoa-the-thao-va-du-lich', '2014'],
  ['6.2', 'bo-lao-dong-thuong-binh-va-xa-hoi', '2014'],
  ['6.3', 'bo-lao-dong-thuong-binh-va-xa-hoi', '2014'],
  ['6.4', 'bo-tai-nguyen-va-moi-truong', '2014'],
  ['6.5', 'uy-ban-dan-toc', '2014'],
  ['6.6', 'bo-thong-tin-va-truyen-thong', '2014 - 2016'],
  ['6.7', 'thanh-tra-chinh-phu', '2014 - 2016'],
  ['6.8', 'bao-hiem-xa-hoi-viet-nam', '2014'],
];

describe('the time rule of an action programme', () => {
  it('reads one year as due at the end of that year, with no yearly report', () => {
    expect(programmeTime('2014')).toEqual({ dueAt: '2014-12-31T23:59:59+07:00', reportsDueAt: [] });
  });

  it('reads a range as due at the end of its last year, with a report at the end of each year before', () => {
    expect(programmeTime('2014 - 2016')).toEqual({
      dueAt: '2016-12-31T23:59:59+07:00',
      reportsDueAt: ['2014-12-31T23:59:59+07:00', '2015-12-31T23:59:59+07:00'],
    });
  });

  it('refuses a backward range and words', () => {
    expect(programmeTime('2016 - 2014')).toBeNull();
    expect(programmeTime('Quý II')).toBeNull();
  });
});

describe('importing the appendix of the 2014 action programme (plain text of a scan)', () => {
  const preflight = importProgramme(seed, units, 'text');

  it('finds the 32 tasks 1.1 … 6.8 in order', () => {
    expect(preflight.tasks.map((task) => task.number)).toEqual(expected.map(([number]) => number));
  });

  it('matches each task to the lead agency printed in its row, with the time as written', () => {
    expect(preflight.tasks.map((task) => [task.number, task.leadUnit, task.time])).toEqual(expected);
  });

  it('resolves the years: 1.2 (2014 - 2016) is due at the end of 2016 with reports at the end of 2014 and 2015', () => {
    const task = preflight.tasks.find((t) => t.number === '1.2')!;
    expect(task.dueAt).toBe('2016-12-31T23:59:59+07:00');
    expect(task.reportsDueAt).toEqual(['2014-12-31T23:59:59+07:00', '2015-12-31T23:59:59+07:00']);
    expect(preflight.tasks.find((t) => t.number === '3.7')!.dueAt).toBe('2015-12-31T23:59:59+07:00');
  });

  it('joins cells wrapped over lines: co-leads, coordinators and product', () => {
    const task = (number: string) => preflight.tasks.find((t) => t.number === number)!;
    expect(task('2.6').leads.map((a) => a.unit)).toEqual(['bo-noi-vu', 'bo-giao-duc-va-dao-tao']);
    expect(task('6.6').leads.map((a) => a.unit)).toEqual([
      'bo-thong-tin-va-truyen-thong',
      'thong-tan-xa-viet-nam',
      'dai-tieng-noi-viet-nam',
      'dai-truyen-hinh-viet-nam',
    ]);
    expect(task('5.3').coordinators.map((a) => a.unit)).toEqual(['bo-quoc-phong', 'bo-ngoai-giao']);
    expect(task('2.3').coordinators.map((a) => a.unit ?? a.text)).toEqual(['bo-tu-phap', 'các Bộ, ngành liên quan']);
    expect(task('5.1').product).toBe('Dự thảo Chiến lược trình Thủ tướng Chính phủ và Bộ Chính trị');
    expect(task('3.6').content).toBe(
      'Xây dựng Chiến lược hội nhập quốc tế của ngành nông nghiệp và phát triển nông thôn',
    );
  });

  it('reports the scanning noise of rows 3.4 and 6.1 and no unknown agency', () => {
    expect(preflight.problems.filter((p) => p.kind === 'unknown-agency')).toEqual([]);
    expect([...new Set(preflight.problems.filter((p) => p.kind === 'noise').map((p) => p.task))]).toEqual([
      '3.4',
      '6.1',
    ]);
    expect(preflight.tasks.find((t) => t.number === '6.1')!.content).toMatch(/^Xây dựng Chiến lược văn hóa đối ngoại/u);
  });
});

describe('problems the preflight reports', () => {
  const row = (number: string, lead: string, time: string) =>
    `${number}   Xây dựng Đề án   ${lead}   Các Bộ, ngành   Đề án trình Thủ tướng   ${time}`;

  it('reports a number missing in the sequence', () => {
    const text = [row('1.1', 'Bộ Tư pháp', '2014'), row('1.3', 'Bộ Tư pháp', '2014'), row('3.1', 'Bộ Y tế', '2015')];
    const missing = importProgramme(text.join('\n'), units, 'text').problems.filter((p) => p.kind === 'missing-number');
    expect(missing.map((p) => p.task)).toEqual(['1.2', '2']);
  });

  it('reports an unknown agency with the nearest units, and a time it cannot read', () => {
    const { tasks, problems } = importProgramme(row('1.1', 'Bộ Tư phap và Bộ Ngoai giao X', 'Quý II'), units, 'text');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.dueAt).toBeNull();
    const unknown = problems.find((p) => p.kind === 'unknown-agency')!;
    expect(unknown.text).toBe('Bộ Ngoai giao X');
    expect(unknown.candidates).toContain('Bộ Ngoại giao');
    expect(problems.find((p) => p.kind === 'unreadable-time')!.text).toBe('Quý II');
  });

  it('reports garbled input as having no task, without throwing', () => {
    const garbled = '\u0000\u0001 ��� 1.\n\n   3   \n0ộ 0ật quác tế ' + 'x'.repeat(5000);
    const preflight = importProgramme(garbled, units, 'text');
    expect(preflight.tasks).toEqual([]);
    expect(preflight.problems.map((p) => p.kind)).toEqual(['no-tasks']);
  });

  it('reads a CSV table, and names the columns it lacks', () => {
    const csv = [
      'TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian',
      '1.1,"Xây dựng Đề án, trình Thủ tướng",Bộ KH&ĐT,"Bộ Tài chính, các Bộ, ngành liên quan",Đề án,2014 - 2015',
    ].join('\n');
    const { tasks, problems } = importProgramme(csv, units, 'csv');
    expect(problems).toEqual([]);
    expect(tasks[0]).toMatchObject({
      number: '1.1',
      leadUnit: 'bo-ke-hoach-va-dau-tu',
      content: 'Xây dựng Đề án, trình Thủ tướng',
      dueAt: '2015-12-31T23:59:59+07:00',
      reportsDueAt: ['2014-12-31T23:59:59+07:00'],
    });
    expect(tasks[0]!.coordinators.map((a) => a.unit ?? a.text)).toEqual(['bo-tai-chinh', 'các Bộ, ngành liên quan']);
    const refused = importProgramme('TT,Nội dung\n1.1,x', units, 'csv');
    expect(refused.problems[0]!.message).toMatch(/lacks the columns lead, coordinators, product, time/u);
  });
});
