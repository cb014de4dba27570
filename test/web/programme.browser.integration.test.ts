import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, overflowOf, useWebStack } from '../../test-support/web.js';

const web = useWebStack(['nguyen.thu', 'ngoai-giao.dau-moi']);
const { api, signIn } = web;

/** Seed 003 (../shared/seeds/003_734129d0b2085a8c.txt), the action programme of Resolution 31/NQ-CP, as the fixtures keep it. */
const seed = fileURLToPath(new URL('../fixtures/seeds/programme-nq31-2014.txt', import.meta.url));
/** Seed 002, the notice of conclusions of 14 July 2023. */
const notice = fileURLToPath(new URL('../fixtures/seeds/conclusions-2023-07-14.txt', import.meta.url));
const id = `nq31-web-${Date.now().toString(36)}`;
const subject = 'Chương trình hành động NQ 31/NQ-CP';

/** Presses a form's button and waits for the page its POST answers with. */
async function submit(page: Page, button: string): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: button }).click();
  await answered;
  await page.waitForLoadState();
}

/** Uploads seed 003 on the import page (in the page's language) and waits for its preflight. */
async function uploadSeed(page: Page, words: { file: string; id: string; title: string; check: string }) {
  await page.goto(`${web.base()}/programmes/import`);
  await page.getByLabel(words.file).setInputFiles(seed);
  await page.getByLabel(words.id, { exact: true }).fill(id);
  await page.getByLabel(words.title, { exact: true }).fill(subject);
  await submit(page, words.check);
}

const vi = {
  file: 'Tệp bảng nhiệm vụ hoặc thông báo',
  id: 'Mã chương trình',
  title: 'Tên chương trình',
  check: 'Đối chiếu',
};
const en = { file: 'Table or notice file', id: 'Programme id', title: 'Programme title', check: 'Check the table' };

describe('programme pages in Debian Chromium over the real API, store and Temporal', () => {
  it('a secretariat imports seed 003, sees its 32 tasks and problems, corrects a due date and starts it; the tracker lists them', async () => {
    const page = await signIn('nguyen.thu');
    await page.getByRole('navigation').getByRole('link', { name: 'Chương trình' }).click();
    await page.waitForURL(`${web.base()}/programmes`);
    await checkPage(page, 'programmes');
    await page.getByRole('link', { name: 'Nhập chương trình từ tệp' }).click();
    await submit(page, 'Đối chiếu');
    expect(await page.locator('#f-file-err').textContent()).toBe('Hãy chọn một tệp (.txt, .csv hoặc .xlsx).');
    await checkPage(page, 'programme-import');

    await uploadSeed(page, vi);
    expect(await page.getByRole('status').textContent()).toBe('32 nhiệm vụ, 4 vấn đề, 2 nghĩa vụ của các cơ quan.');
    expect(await page.locator('tbody tr[id^="task-"]').count()).toBe(32);
    const problems = page.locator('section[aria-labelledby="problems-h"] li');
    expect(await problems.count()).toBe(4);
    expect(await problems.first().textContent()).toContain('Nhiệm vụ 3.4: đã bỏ "4"');
    const row = page.locator('tr[id="task-1.2"]');
    expect(await row.locator('th').textContent()).toBe('1.2');
    expect(await row.getByLabel('Đơn vị chủ trì của nhiệm vụ 1.2').inputValue()).toBe('Bộ Ngoại giao');
    expect(await row.textContent()).toContain('2014 - 2016');
    expect(await row.textContent()).toContain('báo cáo hằng năm: 31/12/2014, 31/12/2015');
    const due = page.getByLabel('Hạn của nhiệm vụ 1.2', { exact: true });
    expect(await due.inputValue()).toBe('31/12/2016');
    expect(await page.getByLabel('Hạn của nghĩa vụ mục 1').inputValue()).toBe('30/06/2014');
    await checkPage(page, 'programme-preflight');

    // A date that is no day gets its message beside the field, and nothing starts.
    await page.getByLabel('Hạn của nhiệm vụ 1.2', { exact: true }).fill('31/13/2016');
    await submit(page, 'Khởi tạo chương trình');
    expect(await page.locator('#f-due-1-2-err').textContent()).toContain('Cần ngày dạng dd/mm/yyyy');
    expect(await page.getByLabel('Hạn của nhiệm vụ 1.2', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect((await api.call('GET', `/api/programmes/${id}`, { token: api.token('nguyen.thu') })).status).toBe(404);

    await page.getByLabel('Hạn của nhiệm vụ 1.2', { exact: true }).fill('Quý II/2016');
    await submit(page, 'Kiểm tra lại sau khi sửa');
    expect(await page.locator('section[aria-labelledby="corrections-h"]').textContent()).toContain(
      '1.2 · dueAt: 31/12/2016 → 30/06/2016',
    );
    expect(await page.getByLabel('Hạn của nhiệm vụ 1.2', { exact: true }).inputValue()).toBe('30/06/2016');
    await submit(page, 'Khởi tạo chương trình');
    expect(await page.getByRole('status').textContent()).toBe('Đã khởi tạo 32 nhiệm vụ.');
    await checkPage(page, 'programme-started');

    await page.getByRole('link', { name: 'Xem bảng theo dõi' }).click();
    await page.waitForURL(`${web.base()}/programmes/${id}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Theo dõi chương trình: ${subject}`);
    expect(await page.locator('tbody tr[id^="task-"]').count()).toBe(32);
    expect(await page.locator('tr[id="task-1.2"] td').nth(4).textContent()).toBe('30/06/2016');
    expect(await page.locator('tr[id="task-1.3"] td').nth(4).textContent()).toBe('31/12/2016');
    await checkPage(page, 'programme-tracker');
  });

  it('a secretariat reads a notice of conclusions item by item, corrects it, and starts the one it can', async () => {
    const page = await signIn('nguyen.thu');
    const noticeId = `tb-${id}`;
    await page.goto(`${web.base()}/programmes/import`);
    await page.getByLabel('Tệp bảng nhiệm vụ hoặc thông báo').setInputFiles(notice);
    await page.getByLabel('Loại văn bản').selectOption('conclusions');
    await page.getByLabel('Mã chương trình', { exact: true }).fill(noticeId);
    await submit(page, 'Đối chiếu');
    expect(await page.getByRole('status').textContent()).toContain('7 mục, 1 mục sẽ khởi tạo thành nhiệm vụ');
    const due7 = page.getByLabel('Hạn của mục 7', { exact: true });
    expect(await due7.inputValue()).toBe('31/12/2023');
    expect(await page.getByLabel('Đơn vị chủ trì của mục 7').inputValue()).toBe('Bộ Lao động - Thương binh và Xã hội');
    expect(await page.getByLabel('Mục 7 là').inputValue()).toBe('task');
    await checkPage(page, 'conclusions-preflight');

    // A date that is no day gets its message beside the field, and nothing starts.
    await due7.fill('31/13/2023');
    await submit(page, 'Khởi tạo các nhiệm vụ');
    expect(await page.locator('#f-due-7-err').textContent()).toContain('Cần ngày dạng dd/mm/yyyy');
    expect(await page.getByLabel('Hạn của mục 7', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Hạn của mục 7', { exact: true }).inputValue()).toBe('31/13/2023');
    expect((await api.call('GET', `/api/programmes/${noticeId}`, { token: api.token('nguyen.thu') })).status).toBe(404);
    await checkPage(page, 'conclusions-refused');

    await page.getByLabel('Hạn của mục 7', { exact: true }).fill('30/11/2023');
    await submit(page, 'Kiểm tra lại sau khi sửa');
    expect(await page.locator('section[aria-labelledby="corrections-h"]').textContent()).toContain(
      '7 · hạn: 31/12/2023 → 30/11/2023',
    );
    expect(await page.getByLabel('Hạn của mục 7', { exact: true }).inputValue()).toBe('30/11/2023');
    await submit(page, 'Khởi tạo các nhiệm vụ');
    expect(await page.getByRole('status').textContent()).toBe('Đã khởi tạo 1 nhiệm vụ.');
    await checkPage(page, 'conclusions-started');

    await page.goto(`${web.base()}/programmes/${noticeId}`);
    expect(await page.locator('tr[id="task-7"] td').nth(4).textContent()).toBe('30/11/2023');
    const tracker = await api.call('GET', `/api/programmes/${noticeId}`, { token: api.token('nguyen.thu') });
    expect(tracker.json.tasks.map((t: { dueAt: string }) => t.dueAt)).toEqual(['2023-11-30T23:59:59+07:00']);
  });

  it('on a phone in English, a notice’s item gets another lead unit and becomes a note', async () => {
    const page = await signIn('nguyen.thu', 390);
    await page.goto(`${web.base()}/programmes/import?lang=en`);
    await page.getByLabel(en.file).setInputFiles(notice);
    await page.getByLabel('Kind of document').selectOption('conclusions');
    await page.getByLabel(en.id, { exact: true }).fill(`tb-en-${id}`);
    await submit(page, en.check);
    await page.getByLabel('Lead unit of item 7').fill('Bộ Ngoại giaoo');
    await submit(page, 'Check again after correcting');
    expect(await page.locator('#f-lead-7-err').textContent()).toContain('"Bộ Ngoại giaoo"');
    await page.getByLabel('Lead unit of item 7').fill('Bộ Ngoại giao');
    await page.getByLabel('Item 1 is').selectOption('note');
    await submit(page, 'Check again after correcting');
    const corrected = await page.locator('section[aria-labelledby="corrections-h"] li').allTextContents();
    expect(corrected).toContain('7 · units: Bộ Lao động - Thương binh và Xã hội → Bộ Ngoại giao');
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await checkPage(page, 'conclusions-corrected-phone-en');
    expect((await api.call('GET', `/api/programmes/tb-en-${id}`, { token: api.token('nguyen.thu') })).status).toBe(404);
  });

  it('on a phone in English, the same table starts nothing again, and a changed one shows what differs', async () => {
    const page = await signIn('nguyen.thu', 390);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/u);
    await uploadSeed(page, en);
    expect(await page.getByRole('status').textContent()).toBe('32 tasks, 4 problems, 2 obligations of the agencies.');
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await checkPage(page, 'programme-preflight-phone-en');
    await page.getByLabel('Due date of task 1.2', { exact: true }).fill('30/06/2016');
    await submit(page, 'Start the programme');
    expect(await page.getByRole('status').textContent()).toBe(
      'Nothing new was started: this file was imported before; the programme and its tasks are as they were.',
    );
    await checkPage(page, 'programme-unchanged-phone-en');

    // Without the correction the table now differs from the running task 1.2: shown, nothing altered or started.
    await uploadSeed(page, en);
    await submit(page, 'Start the programme');
    expect(await page.getByRole('status').textContent()).toBe('unchanged: 31 · the file differs: 1');
    const changed = page.locator('section[aria-labelledby="changed-h"] tbody tr');
    expect(await changed.count()).toBe(1);
    expect((await changed.locator('td').allTextContents()).join(' | ')).toBe('1.2 | dueAt | 30/06/2016 | 31/12/2016');
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await checkPage(page, 'programme-changed-phone-en');
    const tracker = await api.call('GET', `/api/programmes/${id}`, { token: api.token('nguyen.thu') });
    expect(tracker.json.tasks).toHaveLength(32);
    expect(tracker.json.tasks[1].dueAt).toBe('2016-06-30T23:59:59+07:00');
  });

  it('an agency’s focal point finds what it owes from the navigation, in Vietnamese and English, on a phone', async () => {
    const page = await signIn('ngoai-giao.dau-moi', 390);
    const owedLink = page.getByRole('link', { name: `Việc còn nợ trong ${id}` });
    // Visibility lists the new programme within a moment.
    await expect
      .poll(
        async () => {
          await page.getByRole('navigation').getByRole('link', { name: 'Việc cơ quan còn nợ' }).click();
          return owedLink.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    expect(await page.getByRole('link', { name: 'Nhập chương trình từ tệp' }).count()).toBe(0);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await checkPage(page, 'programmes-focal-point-phone');

    await owedLink.click();
    await page.waitForURL(`${web.base()}/programmes/${id}/owed`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Việc cơ quan tôi còn nợ: ${subject}`);
    const owed = page.locator('main section');
    expect(await owed.count()).toBe(1);
    expect(await owed.locator('h2').textContent()).toMatch(/^Bộ Ngoại giao · Còn nợ \d+ · Chậm \d+$/u);
    expect(await owed.locator('li').allTextContents()).toContain('Nhiệm vụ 1.1 · product · Hạn 31/12/2014 (chậm)');
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await checkPage(page, 'programme-owed-phone');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/u);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`What my agency owes: ${subject}`);
    expect(await owed.locator('li').allTextContents()).toContain('Task 1.1 · product · Due 31/12/2014 (late)');
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    await checkPage(page, 'programme-owed-phone-en');
  });
});
