import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendarTable } from '../../calendar/index.js';
import { importPlan, type PlanMilestone } from '../../client/plan-import.js';

const seed = readFileSync(new URL('../fixtures/seeds/plan-nq22.txt', import.meta.url), 'utf8');
const table = buildCalendarTable([2023, 2024], []);

/** A small plan in the seed's layout with the given items. */
const plan = (...items: string[]) =>
  [
    'Hà Nội, ngày 12 tháng 9 năm 2023',
    '',
    'II. NỘI DUNG VÀ TIẾN ĐỘ CÔNG VIỆC',
    '',
    ...items,
    '',
    'III. TỔ CHỨC THỰC HIỆN',
    '',
    '1. Không phải một mốc.',
  ].join('\n');

/** The milestones of a plan, failing the test with the importer's message when it refuses the plan. */
function milestones(text: string): PlanMilestone[] {
  const result = importPlan(text, table);
  if (!result.success) throw new Error(result.error);
  return result.data;
}

describe('importing the plan of 12 September 2023 (Nghị quyết 22)', () => {
  const imported = milestones(seed);

  it('finds exactly the six numbered items of section II, each with its deadline and lead', () => {
    expect(imported.map(({ number, deadlineText, dueAt, lead }) => ({ number, deadlineText, dueAt, lead }))).toEqual([
      {
        number: 1,
        deadlineText: 'Trước ngày 15 tháng 9 năm 2023',
        dueAt: '2023-09-14T23:59:59+07:00',
        lead: 'Cơ quan Thường trực Ban Chỉ đạo và Tổ Biên tập',
      },
      { number: 2, deadlineText: 'Trong tháng 9 năm 2023', dueAt: '2023-09-30T23:59:59+07:00', lead: 'Bộ Ngoại giao' },
      {
        number: 3,
        deadlineText: 'Trước ngày 30 tháng 9 năm 2023',
        dueAt: '2023-09-29T23:59:59+07:00',
        lead: 'Cơ quan Thường trực Ban Chỉ đạo và Tổ Biên tập',
      },
      { number: 4, deadlineText: 'Đầu tháng 10 năm 2023', dueAt: '2023-10-10T23:59:59+07:00', lead: null },
      {
        number: 5,
        deadlineText: 'Cuối tháng 10 năm 2023',
        dueAt: '2023-10-31T23:59:59+07:00',
        lead: 'Ban cán sự đảng Chính phủ, Ban cán sự đảng Bộ Ngoại giao, Tổ Biên tập',
      },
      { number: 6, deadlineText: 'trong tháng 11 năm 2023', dueAt: '2023-11-30T23:59:59+07:00', lead: null },
    ]);
  });

  it('joins the lines of each title and leaves the deadline parenthesis out', () => {
    expect(imported[0]!.title).toBe(
      'Hoàn thành dự thảo lần 2 Đề án trình Bộ Chính trị về việc tổng kết 10 năm thực hiện Nghị quyết 22, dự thảo lần 1 Tờ trình Thủ tướng Chính phủ và Tờ trình của Ban cán sự đảng Chính phủ trình Bộ Chính trị về Đề án, Văn bản chỉ đạo mới của Bộ Chính trị về hội nhập quốc tế (nếu có)',
    );
    expect(imported[5]!.title).toBe('Bộ Chính trị cho ý kiến đối với Đề án và các văn bản liên quan');
    expect(imported.every((m) => !m.title.includes('\n') && !m.title.includes('  '))).toBe(true);
  });

  it('reads the same plan with Windows line endings', () => {
    expect(milestones(seed.replace(/\n/g, '\r\n'))).toEqual(imported);
  });
});

describe('importing other plans', () => {
  it('counts relative deadlines from the date the plan was signed, and takes its year when a deadline has none', () => {
    const items = milestones(
      plan(
        '1. Lấy ý kiến các bộ.',
        '- Thời gian: 10 ngày làm việc.',
        '2. Tổng hợp ý kiến.',
        'Thời gian: Trong tháng 12.',
      ),
    );
    expect(items.map((m) => m.dueAt)).toEqual(['2023-09-26T23:59:59+07:00', '2023-12-31T23:59:59+07:00']);
  });

  it('fails the whole import on a deadline it cannot read, naming the item and quoting the text', () => {
    const result = importPlan(
      plan(
        '1. Lấy ý kiến các bộ.',
        '- Thời gian: Trước ngày 15 tháng 9 năm 2023.',
        '2. Tổng hợp ý kiến.',
        '- Thời gian: khi nào xong thì báo.',
      ),
      table,
    );
    expect(result.success).toBe(false);
    expect(!result.success && result.error).toMatch(/^plan item 2: cannot read the deadline "khi nào xong thì báo"/);
  });

  it('fails on an impossible date, naming the item', () => {
    const result = importPlan(plan('1. Họp.', '- Thời gian: 31/02/2023.'), table);
    expect(!result.success && result.error).toBe(
      'plan item 1: the deadline "31/02/2023" is not a real date: month 2 of 2023 has 28 days',
    );
  });

  it('fails on an item without any deadline, saying how to write one', () => {
    const result = importPlan(plan('1. Họp Ban Chỉ đạo.', '- Chủ trì: Văn phòng.'), table);
    expect(!result.success && result.error).toContain('plan item 1 has no deadline');
  });

  it('fails on a text without numbered items', () => {
    const result = importPlan('Kế hoạch chưa có nội dung.', table);
    expect(!result.success && result.error).toContain('no numbered items');
  });
});
