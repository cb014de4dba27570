import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { approvedDelegation, dossiersStarted } from '../../test-support/delegation.js';
import { yearRuleSetsDir } from '../../test-support/rule-sets.js';
import { checkPage, useWebStack } from '../../test-support/web.js';

/** Next year: trips ahead of today, so no report is overdue and the year's plan and ledger are this file's own. */
const YEAR = new Date().getUTCFullYear() + 1;
const RULES = 'web-delegation';

const web = useWebStack(['tran.mai'], { DUYET_RULE_SETS_DIR: yearRuleSetsDir(RULES, YEAR) });
const { api } = web;
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** How many dossiers this file's worker queue holds. */
const dossierCount = () => dossiersStarted(api.temporal.client, api.temporal.config.temporal.taskQueue);

/** An earlier trip of the same leader, approved through the API, so the ledger holds one trip of hers this year. */
async function approvedEarlierTrip(): Promise<void> {
  const proposal = { ...example('delegation-compliant.json'), startDate: `${YEAR}-03-09`, endDate: `${YEAR}-03-15` };
  await approvedDelegation(api, proposal);
}

/** Waits until the live check shows (or no longer shows) a finding of the rule. */
async function untilFinding(page: Page, rule: string, shown = true) {
  try {
    await expect
      .poll(() => page.locator(`#check li.finding[data-rule="${rule}"]`).count(), { timeout: 15_000 })
      .toBe(shown ? 1 : 0);
  } catch (err) {
    throw new Error(
      `the check shows ${shown ? '' : 'no '}finding ${rule}; the page shows: ${await page.locator('main').textContent()}`,
      {
        cause: err,
      },
    );
  }
}

/** The delegation's leader (or, inbound, its leading host): the director of the Department of Tourism. */
async function fillLeader(page: Page) {
  await page.locator('#f-leader-name').fill('Ngô Thị Thu Trang');
  await page.locator('#f-leader-id').fill('ngo.thi.thu.trang');
  await page.locator('#f-leader-position').fill('Giám đốc');
}

/** Presses "Khởi tạo" and resolves with the status the page was answered with. */
async function pressStart(page: Page): Promise<number> {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/delegations/new'));
  await page.getByRole('button', { name: 'Khởi tạo', exact: true }).click();
  return (await answer).status();
}

describe('the delegation form in Debian Chromium over the real API, store and Temporal', () => {
  it('checks a proposal live, asks a justification for its exception, refuses a blocking finding, and starts once both are settled', async () => {
    const plan = await api.call('POST', `/api/delegations/plans/${RULES}/${YEAR}`, {
      token: api.token('le.minh'),
      body: { items: example('delegation-plan-2022.json') },
    });
    expect(plan.status, plan.text).toBe(201);
    await approvedEarlierTrip();

    const page = await web.signIn('tran.mai');
    await page.getByRole('link', { name: 'Khởi tạo hồ sơ' }).click();
    await page.getByRole('link', { name: /^Đề xuất đoàn ra/ }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Đề xuất đoàn ra, đoàn vào');
    expect(await page.locator('#f-unit-name').inputValue()).toBe('Sở Du lịch');
    await checkPage(page, 'delegation-new');

    await page.locator('#f-purpose').selectOption('promotion');
    await page.locator('#f-startDate').fill(`14/09/${YEAR}`);
    await page.locator('#f-endDate').fill(`18/09/${YEAR}`);
    // Four days in Japan on a promotion trip: over 3, an exception for the competent authority.
    await page.locator('#f-countries-0-country').fill('Nhật Bản');
    await page.locator('#f-countries-0-days').fill('4');
    await fillLeader(page);
    await page.getByRole('group', { name: 'Trưởng đoàn' }).getByLabel('Lãnh đạo chủ chốt').check();
    await page
      .getByRole('group', { name: 'Trưởng đoàn' })
      .getByLabel('Cán bộ diện Ban Thường vụ Thành ủy quản lý')
      .check();
    await page.locator('#f-members-0-name').fill('Trịnh Văn Khánh');
    await page.locator('#f-members-0-id').fill('trinh.van.khanh');
    await page.locator('#f-members-0-position').fill('Trưởng phòng Xúc tiến du lịch');
    await page.locator('#f-members-0-position').blur();

    await untilFinding(page, 'DAYS_PER_COUNTRY');
    const finding = page.locator('#check li.finding[data-rule="DAYS_PER_COUNTRY"]');
    expect(await finding.textContent()).toContain('Thăm Nhật Bản 4 ngày, vượt quá 3 ngày/nước');
    expect(await finding.textContent()).toContain('Ngoại lệ, cần cấp có thẩm quyền quyết định');
    // The ledger per person: the leader's earlier trip this year, one of two left.
    const leader = page.locator('table.ledger tr[data-person="ngo.thi.thu.trang"]');
    expect(await leader.locator('td.trips-used').textContent()).toBe('1');
    expect(await leader.textContent()).toMatch(new RegExp(`delegation-[-\\w]+, 09/03/${YEAR} – 15/03/${YEAR}`));
    expect(await page.locator('table.ledger tr[data-person="trinh.van.khanh"] td.trips-used').textContent()).toBe('1');

    // The plan of the trip's year lists its items once the year is known; the chosen one is shown.
    await page.locator('#f-plan-item').selectOption('DR-05');
    await expect.poll(() => page.locator('dl.plan-entry').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('dl.plan-entry').textContent()).toContain(
      'Đoàn xúc tiến du lịch Hà Nội tại Thái Lan và Singapore',
    );
    await checkPage(page, 'delegation-checked');

    // Without the justification nothing starts, and the message stands beside its box.
    expect(await pressStart(page)).toBe(422);
    expect(await page.getByRole('alert').textContent()).toBe(
      'Đề xuất chưa được khởi tạo: cần giải trình cho từng ngoại lệ.',
    );
    expect(await page.locator('#f-justifications-DAYS_PER_COUNTRY-err').textContent()).toBe(
      'Cần giải trình vì sao cần ngoại lệ này.',
    );
    expect(page.url()).toBe(`${web.base()}/delegations/new`);

    // An enterprise paying is a blocking finding: the start is refused even with every justification given.
    await page.getByLabel('doanh nghiệp tổ chức, đài thọ').check();
    await untilFinding(page, 'FUNDING_SOURCE');
    await page.locator('#f-justifications-DAYS_PER_COUNTRY').fill('Hội chợ du lịch quốc tế kéo dài 4 ngày');
    expect(await pressStart(page)).toBe(422);
    expect(await page.getByRole('alert').textContent()).toContain('còn quy định không thể vượt');
    expect(await page.locator('#check li.finding.block').textContent()).toContain('Nguồn kinh phí không được phép');
    expect(await page.locator('#f-justifications-DAYS_PER_COUNTRY').inputValue()).toBe(
      'Hội chợ du lịch quốc tế kéo dài 4 ngày',
    );
    await checkPage(page, 'delegation-blocked');

    await page.getByLabel('doanh nghiệp tổ chức, đài thọ').uncheck();
    await untilFinding(page, 'FUNDING_SOURCE', false);
    await page.locator('#f-plan-item').selectOption('DR-05');
    await page.getByRole('button', { name: 'Khởi tạo', exact: true }).click();
    await page.waitForURL(/\/dossiers\/[^?]+\?started=1/);
    expect(await page.getByRole('status').textContent()).toBe('Đã khởi tạo hồ sơ.');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    const view = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('tran.mai') });
    expect(view.json.subject).toBe(`Đoàn ra Sở Du lịch (Nhật Bản), ${YEAR}-09-14 – ${YEAR}-09-18`);
    expect(await page.locator('h1').textContent()).toContain('Đoàn ra Sở Du lịch (Nhật Bản)');
    expect(view.json.facts.exceptions).toEqual([
      expect.objectContaining({ rule: 'DAYS_PER_COUNTRY', justification: 'Hội chợ du lịch quốc tế kéo dài 4 ngày' }),
    ]);

    // Two dossiers in all: the earlier trip and this one; no refused attempt started anything.
    await expect.poll(dossierCount, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(await dossierCount()).toBe(2);

    await page.goto(`${web.base()}/delegations/new?lang=en`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Propose a delegation');
    await checkPage(page, 'delegation-new-en');
  });

  it('takes an inbound delegation: its wording follows the choice, it asks why the guests are invited, and starts with the reasons', async () => {
    const before = await dossierCount();
    const page = await web.signIn('tran.mai');
    await page.goto(`${web.base()}/delegations/new`);
    expect(await page.locator('#inbound-criteria').isHidden()).toBe(true);
    await page.getByLabel('Đoàn vào (đón đoàn nước ngoài)').check();
    // The live check redraws the parts worded for the direction: the reasons to invite, the hosts, the dates.
    await expect.poll(() => page.locator('#inbound-criteria').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('#travellers legend').first().textContent()).toBe('Cán bộ chủ trì, tham gia đón tiếp');
    expect(await page.locator('label[for="f-startDate"]').textContent()).toBe('Ngày đoàn đến (dd/mm/yyyy)');

    await page.locator('#f-purpose').selectOption('friendship-exchange');
    await page.locator('#f-startDate').fill(`05/10/${YEAR}`);
    await page.locator('#f-endDate').fill(`07/10/${YEAR}`);
    await page.locator('#f-countries-0-country').fill('Lào');
    await page.locator('#f-countries-0-days').fill('3');
    await fillLeader(page);
    await page.locator('#f-leader-position').blur();

    // Without a reason to invite the guests nothing starts, and the message stands beside the reasons.
    expect(await pressStart(page)).toBe(422);
    expect(await page.locator('#f-criteria-err').textContent()).toBe(
      'Cần chọn ít nhất một tiêu chí mời, đón đoàn vào.',
    );
    expect(await page.locator('#inbound-criteria').isVisible()).toBe(true);
    expect(await page.locator('#f-leader-name').inputValue()).toBe('Ngô Thị Thu Trang');
    await checkPage(page, 'delegation-inbound-refused');

    await page.getByLabel('kỷ niệm năm tròn, năm chẵn thiết lập quan hệ hợp tác').check();
    // Checked: no rule of the plan binds an inbound delegation, and the plan item list holds its inbound items only.
    await expect
      .poll(() => page.locator('#check p.notice').textContent(), { timeout: 15_000 })
      .toBe('Đề xuất không vướng quy định nào.');
    expect(await page.locator('#f-plan-item option[value="DV-01"]').count()).toBe(1);
    expect(await page.locator('#f-plan-item option[value="DR-05"]').count()).toBe(0);
    await page.locator('#f-plan-item').selectOption('DV-01');
    await page.getByRole('button', { name: 'Khởi tạo', exact: true }).click();
    await page.waitForURL(/\/dossiers\/[^?]+\?started=1/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    const view = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('tran.mai') });
    expect(view.json.subject).toBe(
      `Đoàn vào Sở Du lịch (khách Cộng hòa Dân chủ nhân dân Lào), ${YEAR}-10-05 – ${YEAR}-10-07`,
    );
    expect(view.json.facts.direction).toBe('in');
    expect(await page.locator('h1').textContent()).toContain(
      'Đoàn vào Sở Du lịch (khách Cộng hòa Dân chủ nhân dân Lào)',
    );

    // One dossier more: the refused attempt started nothing.
    await expect.poll(dossierCount, { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 1);
    expect(await dossierCount()).toBe(before + 1);
  });
});
