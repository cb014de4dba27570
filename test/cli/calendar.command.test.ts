import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerCalendarCommands } from '../../cli/calendar.command.js';
import { defaultCalendarDir } from '../../client/calendar-tables.js';

const seedFile = fileURLToPath(new URL('../fixtures/seeds/plan-nq22.txt', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'duyet-cli-calendar-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `duyet <args>` with the calendar commands and returns what it printed. */
async function run(args: string[], calendarDir = defaultCalendarDir): Promise<string> {
  const program = new Command('duyet').exitOverride();
  registerCalendarCommands(program, () => calendarDir);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('duyet calendar holidays', () => {
  it('prints the days off of a year as JSON, announced days included', async () => {
    const days = JSON.parse(await run(['calendar', 'holidays', '2025', '--json'])) as Array<{
      date: string;
      name: string;
    }>;
    expect(days[0]).toEqual({ date: '2025-01-01', name: 'Tết Dương lịch' });
    expect(days.map((day) => day.date)).toEqual(
      expect.arrayContaining(['2025-01-27', '2025-01-29', '2025-04-07', '2025-05-02', '2025-09-02']),
    );
  });

  it('prints one line per day with its weekday', async () => {
    expect((await run(['calendar', 'holidays', '2025'])).split('\n')[0]).toBe('2025-01-01  Thứ Tư    Tết Dương lịch');
  });

  it('refuses something that is not a year', async () => {
    await expect(run(['calendar', 'holidays', '25'])).rejects.toThrow(
      'expected a year between 1900 and 2200, such as 2025; got "25"',
    );
  });

  it('names the announcement file that is broken', async () => {
    const dir = mkdtempSync(join(scratch, 'data-'));
    writeFileSync(join(dir, '2025.json'), '{"year": 2025}');
    await expect(run(['calendar', 'holidays', '2025'], dir)).rejects.toThrow(/2025\.json is invalid/);
  });
});

describe('duyet calendar add-working-days', () => {
  it('prints the day after skipping Tết, from a date written the Vietnamese way', async () => {
    expect(await run(['calendar', 'add-working-days', '24/01/2025', '1'])).toBe('2025-02-03\n');
  });

  it('counts backwards and explains on a second line', async () => {
    const [date, explanation] = (await run(['calendar', 'add-working-days', '2025-02-04', '-2', '--explain']))
      .trimEnd()
      .split('\n');
    expect(date).toBe('2025-01-24');
    expect(explanation).toMatch(/^2 ngày làm việc trước 04\/02\/2025 là 24\/01\/2025 \(bỏ qua .*Tết Nguyên đán\)$/);
  });

  it('refuses a date that does not exist and a count that is not a whole number', async () => {
    await expect(run(['calendar', 'add-working-days', '30/02/2025', '1'])).rejects.toThrow(
      /expected a date written YYYY-MM-DD or dd\/mm\/yyyy/,
    );
    await expect(run(['calendar', 'add-working-days', '2025-02-03', '1.5'])).rejects.toThrow(
      /expected the number of working days as a whole number/,
    );
  });
});

describe('duyet plan import', () => {
  it('prints the milestones of a plan as JSON', async () => {
    const milestones = JSON.parse(await run(['plan', 'import', seedFile, '--json'])) as Array<{
      number: number;
      dueAt: string;
    }>;
    expect(milestones.map((m) => [m.number, m.dueAt])).toEqual([
      [1, '2023-09-14T23:59:59+07:00'],
      [2, '2023-09-30T23:59:59+07:00'],
      [3, '2023-09-29T23:59:59+07:00'],
      [4, '2023-10-10T23:59:59+07:00'],
      [5, '2023-10-31T23:59:59+07:00'],
      [6, '2023-11-30T23:59:59+07:00'],
    ]);
  });

  it('prints each milestone with its deadline as written and its lead', async () => {
    expect((await run(['plan', 'import', seedFile])).split('\n')[0]).toBe(
      '1. 2023-09-14T23:59:59+07:00  «Trước ngày 15 tháng 9 năm 2023»  chủ trì: Cơ quan Thường trực Ban Chỉ đạo và Tổ Biên tập',
    );
  });

  it('refuses a file it cannot read and a plan whose deadline it cannot read', async () => {
    await expect(run(['plan', 'import', join(scratch, 'missing.txt')])).rejects.toThrow(
      /cannot read .*missing\.txt: ENOENT/,
    );
    const bad = join(scratch, 'bad-plan.txt');
    writeFileSync(bad, 'II. NỘI DUNG VÀ TIẾN ĐỘ CÔNG VIỆC\n\n1. Họp.\n- Thời gian: sớm nhất có thể.\n');
    await expect(run(['plan', 'import', bad])).rejects.toThrow(
      /bad-plan\.txt: plan item 1: cannot read the deadline "sớm nhất có thể"/,
    );
  });
});
