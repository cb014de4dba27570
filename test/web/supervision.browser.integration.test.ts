import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkPage, useWebStack } from '../../test-support/web.js';
import { futureExample } from '../../test-support/future-example.js';

const web = useWebStack(['dang.quang', 'nguyen.thu']);
const { api, signIn } = web;

/** The plan of 12 September 2023 as it is: every deadline long past. */
const plan = readFileSync(new URL('../fixtures/seeds/plan-nq22.txt', import.meta.url), 'utf8');

describe('supervision in Debian Chromium over the real API, store and Temporal', () => {
  it('a supervisor sees an overdue dossier and its reminders, exports them, previews an extension given as a phrase, and the ladder re-arms', async () => {
    const late = await api.call('POST', '/api/dossiers', {
      token: api.token('nguyen.thu'),
      body: { process: 'review-pipeline', input: { ...futureExample(), milestones: {} }, plan },
    });
    expect(late.status, late.text).toBe(201);
    const id = late.json.workflowId as string;
    const subject = (futureExample() as { subject: string }).subject;

    const supervisor = await signIn('dang.quang');
    const row = supervisor.locator(`section[aria-labelledby="list-h"] a[href="/dossiers/${id}"]`);
    const reminder = supervisor.locator(`section[aria-labelledby="reminders-h"] a[href="/dossiers/${id}"]`);
    // Visibility lists the dossier, and the worker fires its past rungs, within seconds.
    await expect
      .poll(
        async () => {
          await supervisor.goto(`${web.base()}/supervision`);
          return (await row.count()) + (await reminder.count()) > 1;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    expect(await supervisor.locator('section[aria-labelledby="list-h"] tbody tr').first().textContent()).toContain(
      'quá hạn',
    );
    expect(await supervisor.locator('section[aria-labelledby="reminders-h"]').textContent()).toContain('Chưa gửi được');
    await checkPage(supervisor, 'supervision');

    const csv = await supervisor.request.get(`${web.base()}/supervision.csv`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const csvText = await csv.text();
    expect(csvText.split('\r\n')[0]).toBe(
      '\uFEFFMã hồ sơ,Trích yếu,Quy trình,Giai đoạn,Hạn,Tình trạng hạn,Mức nhắc việc',
    );
    expect(csvText).toContain(`${id},${subject},Trình duyệt Đề án,Hoàn thiện dự thảo,29/09/2023 23:59`);
    const xlsx = await supervisor.request.get(`${web.base()}/supervision.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Giám sát')!;
    const ids = sheet.getColumn(1).values.slice(2);
    expect(ids).toContain(id);

    await row.click();
    const why = supervisor.locator('details', { hasText: 'Vì sao ngày này?' }).first();
    await why.locator('summary').click();
    expect(await why.textContent()).toContain('Hạn 14/09/2023 23:59 (giờ Việt Nam)');
    const extend = supervisor.locator('form:has(input[name="event"][value="EXTEND"])');
    const year = new Date().getUTCFullYear() + 1;
    await extend.getByLabel(/^Hạn mới/).fill(`Cuối tháng 3 năm ${year}`);
    await extend.getByRole('button', { name: 'Xem trước hạn mới' }).click();
    await supervisor.waitForLoadState();
    const preview = supervisor.locator('form:has(input[name="event"][value="EXTEND"]) [role="status"]');
    expect(await preview.textContent()).toMatch(new RegExp(`^Hạn mới sẽ là \\d\\d/03/${year} 23:59`));
    await checkPage(supervisor, 'dossier-extend-preview');
    const before = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('dang.quang') });
    expect(before.json.awaiting.dueAt).toBe('2023-09-29T23:59:59+07:00');
    expect(before.json.awaiting.escalationLevel).toBeGreaterThan(0);

    await supervisor
      .locator('form:has(input[name="event"][value="EXTEND"])')
      .getByLabel('Ý kiến')
      .fill('Gia hạn theo chỉ đạo của Trưởng Ban');
    await supervisor.locator('form:has(input[name="event"][value="EXTEND"])').getByRole('button').last().click();
    await supervisor.waitForURL(/done=EXTEND/);
    const after = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('dang.quang') });
    expect(after.json.awaiting.dueAt).toMatch(new RegExp(`^${year}-03-\\d\\dT23:59:59\\+07:00$`));
    expect(after.json.awaiting.escalationLevel).toBe(0);
    expect(after.json.milestones.find((m: { id: string }) => m.id === 'pmSubmission').status).toBe('pending');
    expect(await supervisor.locator('td.comment').last().textContent()).toBe('Gia hạn theo chỉ đạo của Trưởng Ban');
  });

  it('shows the calendar of a year and explains a working-day count, with a message beside a wrong date', async () => {
    const page = await signIn('nguyen.thu', 390);
    await page.goto(`${web.base()}/calendar?year=2023`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lịch làm việc năm 2023');
    expect(await page.locator('section[aria-labelledby="off-h"]').textContent()).toContain('02/09/2023');
    await page.getByLabel('Từ ngày (dd/mm/yyyy)').fill('12/09/2023');
    await page.getByLabel('Số ngày làm việc (âm để tính lùi)').fill('15');
    await page.getByRole('button', { name: 'Tính' }).click();
    expect(await page.getByRole('status').textContent()).toContain('15 ngày làm việc sau 12/09/2023 là 03/10/2023');
    await checkPage(page, 'calendar-phone');
    await page.getByLabel('Từ ngày (dd/mm/yyyy)').fill('31/02/2023');
    const answer = page.waitForResponse((r) => r.url().includes('/calendar?'));
    await page.getByRole('button', { name: 'Tính' }).click();
    expect((await answer).status()).toBe(422);
    expect(await page.locator('#f-from-err').textContent()).toBe('Cần ngày dạng dd/mm/yyyy, ví dụ 12/09/2023.');
    await page.goto(`${web.base()}/calendar?year=2024&lang=en`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Working calendar 2024');
    await checkPage(page, 'calendar-en');
    await page.goto(`${web.base()}/me`);
    await checkPage(page, 'me-en');
  });
});
