import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendarTable } from '../../calendar/index.js';
import { importConclusions } from '../../client/conclusions-import.js';
import { loadUnits } from '../../directory/directory.js';

const seed = readFileSync(new URL('../fixtures/seeds/conclusions-2023-07-14.txt', import.meta.url), 'utf8');
const units = loadUnits(new URL('../../directory/units.json', import.meta.url).pathname);
const table = buildCalendarTable([2023, 2024], []);

describe('importing the conclusions of 14 July 2023', () => {
  const items = importConclusions(seed, units, table);
  const item = (number: string) => items.find((i) => i.number === number)!;

  it('finds the seven numbered items', () => {
    expect(items.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('resolves item 1 "trước ngày 08 tháng 9 năm 2023" to the end of 07/09/2023', () => {
    expect(item('1').dueAt).toBe('2023-09-07T23:59:59+07:00');
  });

  it('gives item 7 to the ministry of labour, due at the end of 2023', () => {
    expect(item('7').dueAt).toBe('2023-12-31T23:59:59+07:00');
    expect(item('7').agencies).toContain('bo-lao-dong-thuong-binh-va-xa-hoi');
  });

  it('reads item 5 as a periodic report and item 2 as the steering committee’s', () => {
    expect(item('5').periodicReport).toBe(true);
    expect(items.filter((i) => i.periodicReport).map((i) => i.number)).toEqual(['5']);
    expect(item('2').agencies).toContain('ban-chi-dao-lien-nganh-hoi-nhap-van-hoa-xa-hoi');
  });

  it('gives item 6 to the steering committee it names as its subject, and keeps item 4, which names none, as a note', () => {
    expect(item('6')).toMatchObject({ agencies: ['ban-chi-dao-lien-nganh-hoi-nhap-van-hoa-xa-hoi'], kind: 'task' });
    expect(item('4')).toMatchObject({ agencies: [], kind: 'note' });
  });

  it('reads garbled text as no items, without throwing', () => {
    expect(importConclusions('\u0000 ��� 3. x\n\n b) y', units, table)).toEqual([]);
  });
});

describe('importing the conclusions of 2 August 2023 (lettered sub-items)', () => {
  const notice = readFileSync(new URL('../fixtures/seeds/conclusions-001.txt', import.meta.url), 'utf8');
  const items = importConclusions(notice, units, table);

  it('reads the sub-items of item 6, which hands out "các nhiệm vụ sau đây", as tasks, and the lessons of 4 as notes', () => {
    // Item 6 asks its steering committee, which the directory does not list, so 6.a is a task with no agency yet.
    expect(items.find((i) => i.number === '6.a')).toMatchObject({ kind: 'task', agencies: [] });
    expect(items.filter((i) => i.number.startsWith('4')).every((i) => i.kind === 'note')).toBe(true);
  });

  it('gives sub-item 6.b to the Ministry of Foreign Affairs, due at the end of November 2023', () => {
    expect(items.find((i) => i.number === '6.b')).toMatchObject({
      agencies: ['bo-ngoai-giao'],
      dueAt: '2023-11-30T23:59:59+07:00',
      kind: 'task',
    });
    expect(items.filter((i) => i.kind === 'task').map((i) => i.number)).toEqual(['6.a', '6.b', '6.c']);
    expect(items.filter((i) => i.number.startsWith('4.')).map((i) => i.number)).toEqual([
      '4.a',
      '4.b',
      '4.c',
      '4.d',
      '4.e',
    ]);
  });
});
