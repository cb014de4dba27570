import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, useWebStack } from '../../test-support/web.js';

const web = useWebStack(['nguyen.thu', 'pham.minh', 'dang.quang']);
const { api, signIn } = web;

const seed = readFileSync(new URL('../fixtures/seeds/plan-nq22.txt', import.meta.url), 'utf8');
/** The plan of 12 September 2023 with its years moved to next year, so its deadlines lie ahead. */
const futurePlan = seed.replaceAll('năm 2023', `năm ${new Date().getUTCFullYear() + 1}`);
const drafts = (name: string) => new URL(`../fixtures/drafts/${name}`, import.meta.url).pathname;

/** Sends one decision form of the dossier page, by its event, with a comment. */
async function decide(page: Page, event: string, comment: string, options: { confirm?: boolean } = {}) {
  const form = page.locator(`form:has(input[name="event"][value="${event}"])`);
  await form.getByLabel(/^(Ý kiến|Comment)$/).fill(comment);
  if (options.confirm) await form.getByRole('checkbox').check();
  await form.getByRole('button').last().click();
  await page.waitForURL(new RegExp(`done=${event}`));
}

describe('a dossier from the start form to completed, in Debian Chromium over the real API, store and Temporal', () => {
  it('starts from the form with due dates from the plan, attaches drafts 2 and 3, and reaches completed with every decision shown', async () => {
    const signIn0 = await (await web.browser().newContext({ viewport: { width: 390, height: 800 } })).newPage();
    await signIn0.goto(`${web.base()}/sign-in`);
    await checkPage(signIn0, 'sign-in-phone');

    const secretariat = await signIn('nguyen.thu');
    await secretariat.getByRole('link', { name: 'Khởi tạo hồ sơ' }).click();
    await secretariat.getByRole('link', { name: 'Trình duyệt Đề án' }).click();
    await checkPage(secretariat, 'start');

    // Bad input: nothing starts, and the message stands beside the field.
    await secretariat.getByRole('button', { name: 'Khởi tạo', exact: true }).click();
    expect(await secretariat.getByRole('alert').first().textContent()).toContain('Hồ sơ chưa được khởi tạo');
    expect(await secretariat.locator('#f-subject-err').textContent()).toBe(
      'Cần nhập trích yếu hồ sơ, ví dụ tên Đề án.',
    );
    expect(await secretariat.getByLabel('Trích yếu hồ sơ').getAttribute('aria-invalid')).toBe('true');
    expect(secretariat.url()).toBe(`${web.base()}/start/review-pipeline`);

    await secretariat.getByLabel('Trích yếu hồ sơ').fill('Đề án Tổng kết 10 năm thực hiện Nghị quyết số 22-NQ/TW');
    await secretariat.getByLabel('Dán văn bản kế hoạch').fill(futurePlan);
    await secretariat.getByRole('button', { name: 'Đọc kế hoạch' }).click();
    const items = secretariat.locator('table:has(caption) tbody tr');
    expect(await items.count()).toBe(6);
    expect(await items.nth(0).textContent()).toContain('Trước ngày 15 tháng 9 năm');
    const year = new Date().getUTCFullYear() + 1;
    expect(await secretariat.locator('#f-due-pmSubmission').inputValue()).toBe(`29/09/${year}`);
    // Corrected before starting: the conference moves to the 25th.
    await secretariat.locator('#f-due-conference').fill(`25/09/${year}`);
    await secretariat.locator('#f-doc-report-draft').fill('2');
    await secretariat.locator('#f-file-report').setInputFiles(drafts('de-an-du-thao-2.pdf'));
    await checkPage(secretariat, 'start-plan');
    await secretariat.getByRole('button', { name: 'Khởi tạo', exact: true }).click();
    await secretariat.waitForURL(/\/dossiers\/review-pipeline-[^?]+\?started=1/);
    const id = decodeURIComponent(new URL(secretariat.url()).pathname.split('/').at(-1)!);
    expect(await secretariat.getByRole('status').textContent()).toBe('Đã khởi tạo hồ sơ.');
    const download = secretariat.getByRole('link', { name: 'de-an-du-thao-2.pdf' });
    const fetched = await secretariat.request.get(`${web.base()}${await download.getAttribute('href')}`);
    expect(fetched.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await fetched.body())).toEqual(readFileSync(drafts('de-an-du-thao-2.pdf')));
    const started = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('nguyen.thu') });
    expect(started.json.milestones.find((m: { id: string }) => m.id === 'conference').dueAt).toBe(
      `${year}-09-25T23:59:59+07:00`,
    );
    await decide(secretariat, 'SUBMIT', 'Trình Thủ tướng dự thảo lần 2');

    const pm = await signIn('pham.minh');
    const link = pm.locator(`a[href="/dossiers/${id}"]`);
    await expect
      .poll(
        async () => {
          await pm.goto(`${web.base()}/inbox`);
          return link.count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    await link.click();
    expect(await pm.getByRole('link', { name: 'de-an-du-thao-2.pdf' }).count()).toBe(1);
    await decide(pm, 'APPROVE', 'Đồng ý, trình Thường trực Chính phủ');

    await secretariat.goto(`${web.base()}/dossiers/${id}`);
    expect(await secretariat.locator('form:has(input[value="REQUEST_REVISION"])').textContent()).toContain(
      'Thay mặt: Thường trực Chính phủ',
    );
    await decide(secretariat, 'REQUEST_REVISION', 'Thường trực Chính phủ đề nghị tiếp thu ý kiến các bộ');
    expect(await secretariat.locator('td', { hasText: 'Thay mặt:' }).last().textContent()).toBe(
      'Nguyễn Thị ThuThay mặt: Thường trực Chính phủ',
    );

    // The resubmission asks for the new draft's files; without one it is refused and nothing moves.
    const submit = secretariat.locator('form:has(input[name="event"][value="SUBMIT"])');
    await submit.getByLabel('Ý kiến').fill('thiếu tệp');
    const refusal = secretariat.waitForResponse((r) => r.request().method() === 'POST');
    await submit.getByRole('button').last().click();
    expect((await refusal).status()).toBe(422);
    expect(await secretariat.getByRole('alert').textContent()).toContain('Cần tải lên tệp của dự thảo số 3');
    await secretariat.locator('#f-file-report').setInputFiles(drafts('de-an-du-thao-3.docx'));
    await decide(secretariat, 'SUBMIT', 'Trình lại dự thảo lần 3');
    expect(await secretariat.getByRole('link', { name: 'de-an-du-thao-3.docx' }).count()).toBe(1);
    const resubmitted = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('nguyen.thu') });
    expect(resubmitted.json.state).toBe('standingGovernment');
    expect(resubmitted.json.draftVersion).toBe(3);

    await decide(secretariat, 'APPROVE', 'Thường trực Chính phủ thông qua');
    await decide(secretariat, 'APPROVE', 'Ban cán sự đảng Chính phủ trình Bộ Chính trị');
    await decide(secretariat, 'APPROVE', 'Bộ Chính trị cho ý kiến', { confirm: true });
    expect(await secretariat.locator('dl.facts').textContent()).toContain('hoàn thành');
    const comments = await secretariat.locator('td.comment').allTextContents();
    expect(comments).toEqual([
      'Trình Thủ tướng dự thảo lần 2',
      'Đồng ý, trình Thường trực Chính phủ',
      'Thường trực Chính phủ đề nghị tiếp thu ý kiến các bộ',
      'Trình lại dự thảo lần 3',
      'Thường trực Chính phủ thông qua',
      'Ban cán sự đảng Chính phủ trình Bộ Chính trị',
      'Bộ Chính trị cho ý kiến',
    ]);
    // The diagram from the machine: the outcome reached is current; the revision and the resubmission that skipped
    // the PM are among the transitions taken, the PM's own rejection is not.
    const diagram = secretariat.locator('svg.stage-diagram');
    expect(await diagram.locator('g.node.current').getAttribute('data-stage')).toBe('completed');
    const taken = await diagram
      .locator('path.edge.taken')
      .evaluateAll((paths) => paths.map((p) => `${p.getAttribute('data-from')}>${p.getAttribute('data-to')}`));
    expect(taken.sort()).toEqual(
      [
        'drafting>pmReview',
        'pmReview>standingGovernment',
        'standingGovernment>drafting',
        'drafting>standingGovernment',
        'standingGovernment>partyCommittee',
        'partyCommittee>politburo',
        'politburo>completed',
      ].sort(),
    );
    await checkPage(secretariat, 'dossier-completed');

    const phone = await signIn('nguyen.thu', 390);
    await phone.goto(`${web.base()}/dossiers/${id}?lang=en`);
    expect(await phone.locator('dl.facts').textContent()).toContain('completed');
    const width = await phone.evaluate(() => {
      const root = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(width).toBeLessThanOrEqual(0);
    await checkPage(phone, 'dossier-phone-en');
    await phone.goto(`${web.base()}/start/review-pipeline`);
    expect(await phone.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Start a dossier: Dossier review pipeline',
    );
    await checkPage(phone, 'start-phone-en');
  });

  it('refuses a renamed script as a draft beside its field and starts nothing', async () => {
    const secretariat = await signIn('nguyen.thu');
    await secretariat.goto(`${web.base()}/start/review-pipeline`);
    await secretariat.getByLabel('Trích yếu hồ sơ').fill('Hồ sơ có tệp giả');
    await secretariat.locator('#f-file-report').setInputFiles(drafts('renamed-script.pdf'));
    const answer = secretariat.waitForResponse((r) => r.request().method() === 'POST');
    await secretariat.getByRole('button', { name: 'Khởi tạo', exact: true }).click();
    expect((await answer).status()).toBe(422);
    expect(await secretariat.locator('#f-file-report-err').textContent()).toContain('không hợp lệ');
    const listed = await api.call('GET', '/api/dossiers?pageSize=100', { token: api.token('nguyen.thu') });
    const subjects = await Promise.all(
      (listed.json.items as Array<{ workflowId: string }>).map(
        async (row) =>
          (await api.call('GET', `/api/dossiers/${row.workflowId}`, { token: api.token('nguyen.thu') })).json.subject,
      ),
    );
    expect(subjects).not.toContain('Hồ sơ có tệp giả');
  });
});
