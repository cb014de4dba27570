import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { approvedDelegation } from '../../test-support/delegation.js';
import { yearRuleSetsDir } from '../../test-support/rule-sets.js';
import { checkPage, overflowOf, useWebStack } from '../../test-support/web.js';

/** Next year: the plan's adjustment window (before 15 May) is still open, and the plan and ledger are this file's own. */
const YEAR = new Date().getUTCFullYear() + 1;
const RULES = 'web-records';

const web = useWebStack(['le.minh', 'tran.mai'], { DUYET_RULE_SETS_DIR: yearRuleSetsDir(RULES, YEAR) });
const { api } = web;
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

const planPath = `/api/delegations/plans/${RULES}/${YEAR}`;
const plan = async () => (await api.call('GET', planPath, { token: api.token('le.minh') })).json;

/** Presses the button and resolves with the status the page's POST was answered with. */
async function submit(page: Page, button: string): Promise<number> {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/plan/adjust'));
  await page.getByRole('button', { name: button, exact: true }).last().click();
  return (await answer).status();
}

/** The adjustment form's fieldset of a plan entry. */
const entry = (page: Page, item: string) => page.locator(`fieldset.plan-entry-fields:has(input[value="${item}"])`);

describe('the ledger and plan pages of the Department of Foreign Affairs, in Debian Chromium over the real stack', () => {
  it('lists a started trip in the year’s ledger, shows the plan, adjusts it once and refuses a second adjustment', async () => {
    const started = await api.call('POST', planPath, {
      token: api.token('le.minh'),
      body: { items: example('delegation-plan-2022.json') },
    });
    expect(started.status, started.text).toBe(201);
    const trip = { ...example('delegation-compliant.json'), startDate: `${YEAR}-03-09`, endDate: `${YEAR}-03-15` };
    const id = await approvedDelegation(api, trip);

    const page = await web.signIn('le.minh');
    await page.getByRole('link', { name: 'Sổ theo dõi đoàn ra' }).click();
    await page.getByRole('spinbutton', { name: 'Năm' }).fill(String(YEAR));
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sổ theo dõi đoàn ra theo năm');
    const leader = page.locator('table.year-ledger tr[data-person="ngo.thi.thu.trang"]');
    expect(await leader.locator('th').textContent()).toContain('Ngô Thị Thu Trang');
    expect(await leader.locator('td.trips-used').textContent()).toBe('1');
    // A key leader travels twice a year at most: one trip left.
    expect(await leader.locator('td.trips-left').textContent()).toBe('1');
    expect(await leader.textContent()).toContain(`09/03/${YEAR} – 15/03/${YEAR}: Nhật Bản (3 ngày), Hàn Quốc (2 ngày)`);
    expect(await leader.getByRole('link').getAttribute('href')).toBe(`/dossiers/${encodeURIComponent(id)}`);
    expect(await page.locator('table.year-ledger tbody tr').count()).toBe(5);
    await checkPage(page, 'delegation-ledger');

    await page.getByLabel('Tìm theo họ tên hoặc mã cán bộ').fill('trinh');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    expect(await page.locator('table.year-ledger tbody tr').count()).toBe(1);
    expect(await page.locator('table.year-ledger tbody tr').getAttribute('data-person')).toBe('trinh.van.khanh');
    const csv = await page.request.get(`${web.base()}/delegations/ledger.csv?year=${YEAR}&rules=${RULES}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(`Ngô Thị Thu Trang,ngo.thi.thu.trang,Giám đốc,Sở Du lịch,Có,1,1,09/03/${YEAR}`);

    // The plan of the year: sixteen delegations, not adjusted yet.
    await page.getByRole('link', { name: `Xem kế hoạch năm` }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Kế hoạch đoàn ra, đoàn vào của năm');
    expect(await page.locator('table.plan-items tbody tr').count()).toBe(16);
    expect(await page.locator('main').textContent()).toContain('9 đoàn ra, 7 đoàn vào.');
    await checkPage(page, 'delegation-plan');

    // A second tab opens the form before the adjustment is made.
    const stale = await page.context().newPage();
    await stale.goto(`${web.base()}/delegations/plan/adjust?year=${YEAR}&rules=${RULES}`);

    await page.getByRole('link', { name: 'Điều chỉnh kế hoạch' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Điều chỉnh kế hoạch năm');
    for (const item of ['DR-07', 'DR-08', 'DR-09', 'DV-07'])
      await entry(page, item).getByLabel('Bỏ mục này khỏi kế hoạch').check();
    await entry(page, 'DR-05').getByLabel('Nội dung').fill('');
    const added = page.locator('fieldset.plan-entry-fields').last();
    await added.getByLabel('Mục', { exact: true }).fill('DR-10');
    await added.getByLabel('Đơn vị').fill('Sở Công Thương');
    await added.getByLabel('Nội dung').fill('Đoàn xúc tiến thương mại tại Úc');
    await added.getByLabel('Nước (cách nhau bởi dấu phẩy)').fill('Úc');
    await added.getByLabel('Quý').selectOption('3');
    await checkPage(page, 'delegation-plan-adjust');

    // Bad input: an emptied title and no reason; nothing changes and each message stands beside its field.
    expect(await submit(page, 'Điều chỉnh kế hoạch')).toBe(422);
    expect(await page.getByRole('alert').textContent()).toContain('Kế hoạch chưa được điều chỉnh');
    expect(await page.locator('#f-reason-err').textContent()).toBe('Cần lý do điều chỉnh.');
    expect(await entry(page, 'DR-05').locator('.field-error').textContent()).toBe('Cần nội dung của đoàn.');
    expect(await entry(page, 'DR-10').getByLabel('Nội dung').inputValue()).toBe('Đoàn xúc tiến thương mại tại Úc');
    expect((await plan()).adjustments).toEqual([]);

    await entry(page, 'DR-05').getByLabel('Nội dung').fill('Đoàn xúc tiến du lịch Hà Nội tại Thái Lan');
    await entry(page, 'DR-05').getByLabel('Nước (cách nhau bởi dấu phẩy)').fill('Thái Lan');
    await page.getByLabel('Lý do điều chỉnh').fill('Rà soát giữa năm theo chỉ đạo của Thường trực Thành ủy');
    await page.getByRole('button', { name: 'Điều chỉnh kế hoạch', exact: true }).last().click();
    await page.waitForURL(/\/delegations\/plan\?.*adjusted=1/);
    expect(await page.getByRole('status').textContent()).toBe('Đã điều chỉnh kế hoạch.');
    expect(await page.locator('main').textContent()).toContain('7 đoàn ra, 6 đoàn vào.');
    expect(await page.locator('table.plan-items tr[data-item="DR-10"]').textContent()).toContain('Úc');
    expect(await page.locator('ul.adjustments').textContent()).toContain('Lê Văn Minh');
    expect(await page.locator('main').textContent()).toContain('không thể điều chỉnh thêm');
    await checkPage(page, 'delegation-plan-adjusted');
    const after = await plan();
    expect(after.adjustments).toHaveLength(1);
    expect(after.items.map((i: { item: string }) => i.item)).toContain('DR-10');

    // The tab opened before: its adjustment is refused with the API's reason, and the plan stays as adjusted.
    await stale.getByLabel('Lý do điều chỉnh').fill('Điều chỉnh lần hai');
    expect(await submit(stale, 'Điều chỉnh kế hoạch')).toBe(409);
    expect(await stale.getByRole('alert').textContent()).toContain('lần điều chỉnh thứ 2');
    expect(await plan()).toEqual(after);
    const again = await page.goto(`${web.base()}/delegations/plan/adjust?year=${YEAR}&rules=${RULES}`);
    expect(again?.status()).toBe(409);
    expect(await page.getByRole('alert').textContent()).toContain('không thể điều chỉnh thêm');

    await page.goto(`${web.base()}/delegations/ledger?year=${YEAR}&rules=${RULES}&lang=en`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ledger of trips abroad by year');
    expect(await leader.textContent()).toContain(`09/03/${YEAR} – 15/03/${YEAR}: Nhật Bản (3 days), Hàn Quốc (2 days)`);
    await checkPage(page, 'delegation-ledger-en');
    await page.goto(`${web.base()}/delegations/plan?year=${YEAR}&rules=${RULES}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('The year’s plan of delegations');
    await checkPage(page, 'delegation-plan-en');

    const phone = await web.signIn('le.minh', 390);
    await phone.goto(`${web.base()}/delegations/ledger?year=${YEAR}&rules=${RULES}`);
    expect(await overflowOf(phone)).toBeLessThanOrEqual(0);
    await checkPage(phone, 'delegation-ledger-390');
    await phone.goto(`${web.base()}/delegations/plan?year=${YEAR}&rules=${RULES}`);
    expect(await overflowOf(phone)).toBeLessThanOrEqual(0);
    await checkPage(phone, 'delegation-plan-390');
  });

  it('refuses the ledger and the adjustment to an organising unit with a 403 page, and shows it no ledger link', async () => {
    const page = await web.signIn('tran.mai');
    expect(await page.getByRole('link', { name: 'Sổ theo dõi đoàn ra' }).count()).toBe(0);
    const ledger = await page.goto(`${web.base()}/delegations/ledger?year=${YEAR}`);
    expect(ledger?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Không có quyền xem trang này');
    expect(await page.getByRole('alert').textContent()).toContain('cannot read the ledger of trips');
    await checkPage(page, 'delegation-ledger-403');
    const adjust = await page.goto(`${web.base()}/delegations/plan/adjust?year=${YEAR}&rules=${RULES}`);
    expect(adjust?.status()).toBe(403);
    expect(await page.getByRole('alert').textContent()).toContain('cannot adjust the year');
    const csv = await page.request.get(`${web.base()}/delegations/ledger.csv?year=${YEAR}&rules=${RULES}`);
    expect(csv.status()).toBe(403);
  });
});
