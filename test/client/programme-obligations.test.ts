import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deadlinePhraseIn, reportRecurrenceIn, resolvePeriodDeadline } from '../../client/period-deadlines.js';
import { programmeObligations } from '../../client/programme-obligations.js';
import { programmeTime } from '../../client/programme-import.js';

const seed = (name: string) => readFileSync(new URL(`../fixtures/seeds/${name}`, import.meta.url), 'utf8');

/** A line of a seed, as printed, and the phrase and due instant it gives. */
const lines: Array<[string, string, string]> = [
  // seed 003 (Nghị quyết 31/NQ-CP), "III. Tổ chức thực hiện", item 1, wrapped over two lines in the scan
  [
    'Trưởng Ban Chỉ đạo quốc gia về hội nhập quốc tế trong tháng 6 năm 2014, trên',
    'trong tháng 6 năm 2014',
    '2014-06-30T23:59:59+07:00',
  ],
  // seed 000 (the plan of 12/09/2023), its "Thời gian" lines
  ['- Thời gian: Trước ngày 15 tháng 9 năm 2023. ', 'trước ngày 15 tháng 9 năm 2023', '2023-09-14T23:59:59+07:00'],
  ['- Thời gian: Trong tháng 9 năm 2023. ', 'trong tháng 9 năm 2023', '2023-09-30T23:59:59+07:00'],
  ['Thời gian: Đầu tháng 10 năm 2023. ', 'đầu tháng 10 năm 2023', '2023-10-10T23:59:59+07:00'],
  ['- Thời gian: Cuối tháng 10 năm 2023. ', 'cuối tháng 10 năm 2023', '2023-10-31T23:59:59+07:00'],
  // seed 001 and seed 002 (notices of conclusions)
  [
    'học, báo cáo Ban Chỉ đạo để trình Bộ Chính trị trong tháng 11 năm 2023. ',
    'trong tháng 11 năm 2023',
    '2023-11-30T23:59:59+07:00',
  ],
  [
    'điều hành được liên tục, xuyên suốt; hoàn thành trước ngày 08 tháng 9 năm 2023. ',
    'trước ngày 08 tháng 9 năm 2023',
    '2023-09-07T23:59:59+07:00',
  ],
  // seed 004 (Hanoi's plan of 2022), section 3.2
  [
    'thực hiện 01 đợt trước ngày 15/5/2022, rút gọn còn 07 đoàn ra, 06 đoàn vào',
    'trước ngày 15/5/2022',
    '2022-05-14T23:59:59+07:00',
  ],
];

describe('deadline phrases in the body of a document', () => {
  it.each(lines)('reads "%s"', (line, phrase, dueAt) => {
    expect(deadlinePhraseIn(line)).toBe(phrase);
    const read = resolvePeriodDeadline(phrase);
    expect(read.success && read.data.dueAt).toBe(dueAt);
  });

  it('reads quarters and half-years as due at the end of their last month', () => {
    expect(deadlinePhraseIn('Các Bộ báo cáo kết quả trong quý III/2014.')).toBe('trong quý iii/2014');
    const due = (phrase: string) => {
      const read = resolvePeriodDeadline(phrase);
      return read.success ? read.data.dueAt : read.error;
    };
    expect(due('quý III/2014')).toBe('2014-09-30T23:59:59+07:00');
    expect(due('Quý 4 năm 2014')).toBe('2014-12-31T23:59:59+07:00');
    expect(due('quý I / 2015')).toBe('2015-03-31T23:59:59+07:00');
    expect(due('6 tháng đầu năm 2015')).toBe('2015-06-30T23:59:59+07:00');
    expect(due('Trong 6 tháng cuối năm 2015')).toBe('2015-12-31T23:59:59+07:00');
    const read = resolvePeriodDeadline('quý III/2014');
    expect(read.success && read.data.explanation).toBe('Quý III/2014 nghĩa là chậm nhất hết ngày cuối kỳ, 30/09/2014');
  });

  it('refuses what is no deadline, naming the forms it reads', () => {
    const read = resolvePeriodDeadline('quý V/2014');
    expect(read.success).toBe(false);
    if (!read.success) expect(read.error).toMatch(/cannot read the deadline "quý V\/2014".*"Quý III\/2014"/u);
    expect(deadlinePhraseIn('Chiến lược đến năm 2020, tầm nhìn đến năm 2030')).toBeNull();
  });

  it('tells a recurring report from a yearly work plan', () => {
    // seed 003, item 2 of "Tổ chức thực hiện", and item 1's last line
    expect(reportRecurrenceIn('thực hiện Chương trình hành động này; định kỳ hàng năm báo cáo Thủ tướng')).toBe('year');
    expect(reportRecurrenceIn('cụ thể hoá thành các nhiệm vụ trong kế hoạch công tác hàng năm.')).toBeNull();
    expect(reportRecurrenceIn('các Bộ báo cáo hằng quý về tiến độ')).toBe('quarter');
    expect(reportRecurrenceIn('định kỳ 6 tháng báo cáo Ban Chỉ đạo')).toBe('halfYear');
  });
});

describe('the obligations in the body of an action programme', () => {
  it("reads seed 003's agencies' own programmes due in June 2014 and its yearly report", () => {
    const { obligations, problems } = programmeObligations(seed('programme-nq31-2014.txt'));
    expect(problems).toEqual([]);
    expect(
      obligations.map(({ item, milestone, phrase, dueAt, every }) => ({ item, milestone, phrase, dueAt, every })),
    ).toEqual([
      {
        item: '1',
        milestone: 'agencyProgrammes',
        phrase: 'trong tháng 6 năm 2014',
        dueAt: '2014-06-30T23:59:59+07:00',
        every: null,
      },
      { item: '2', milestone: 'yearlyReview', phrase: null, dueAt: null, every: 'year' },
    ]);
    expect(obligations[0]!.text).toMatch(/^Trên cơ sở những nội dung nhiệm vụ chủ yếu.*kế hoạch công tác hàng năm\.$/u);
    expect(obligations[0]!.explanation).toBe('Trong tháng 06/2014 nghĩa là chậm nhất hết ngày 30/06/2014');
  });

  it('keeps a monthly, quarterly or half-yearly report on the whole as the recurrence written', () => {
    // Seed 003's item 2 ("định kỳ hàng năm báo cáo Thủ tướng"), written monthly, quarterly or every six months
    // instead: no seed writes a monthly report, so the real line has its period swapped to "hàng tháng".
    const written: Array<[string, string, string]> = [
      ['định kỳ hàng quý báo cáo', 'quarter', 'quarterlyReview'],
      ['định kỳ 6 tháng báo cáo', 'halfYear', 'halfYearlyReview'],
      ['định kỳ hàng năm báo cáo', 'year', 'yearlyReview'],
      ['định kỳ hàng tháng báo cáo', 'month', 'monthlyReview'],
    ];
    for (const [phrase, every, milestone] of written) {
      const body = seed('programme-nq31-2014.txt').replace('định kỳ hàng năm báo cáo', phrase);
      const { obligations, problems } = programmeObligations(body);
      expect(problems).toEqual([]);
      expect(obligations[1]).toMatchObject({ item: '2', every, milestone });
    }
  });

  it('takes the year the programme was signed for a phrase that leaves it out, and reports a phrase it cannot read', () => {
    const body = [
      'Hà Nội, ngày 13 tháng 5 năm 2014',
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Các Bộ xây dựng kế hoạch của mình, gửi Bộ Ngoại giao trước ngày 30/6.',
      '2. Các Bộ báo cáo kết quả trong tháng 13 năm 2014.',
      'TM. CHÍNH PHỦ',
    ].join('\n');
    const { obligations, problems } = programmeObligations(body);
    expect(obligations[0]).toMatchObject({ milestone: 'agencyProgrammes', dueAt: '2014-06-29T23:59:59+07:00' });
    expect(obligations[1]).toMatchObject({ milestone: null, dueAt: null });
    expect(problems).toEqual([
      {
        item: '2',
        text: 'trong tháng 13 năm 2014',
        message: 'item 2 of the body: the deadline "trong tháng 13 năm 2014" names month 13: months run from 1 to 12',
      },
    ]);
  });
});

describe('the time column of a programme table', () => {
  it('reads a phrase as well as years', () => {
    expect(programmeTime('Quý III/2014')).toEqual({ dueAt: '2014-09-30T23:59:59+07:00', reportsDueAt: [] });
    expect(programmeTime('Trong tháng 6 năm 2014')).toEqual({ dueAt: '2014-06-30T23:59:59+07:00', reportsDueAt: [] });
  });
});
