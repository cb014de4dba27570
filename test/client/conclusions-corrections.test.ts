import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendarTable } from '../../calendar/index.js';
import { correctConclusions } from '../../client/conclusions-corrections.js';
import { importConclusions } from '../../client/conclusions-import.js';
import { sortConclusions } from '../../client/conclusions-plan.js';
import { RequestError } from '../../client/errors.js';
import { loadUnits } from '../../directory/directory.js';

/** Seed 002, the notice of conclusions of 14 July 2023. */
const seed = readFileSync(new URL('../fixtures/seeds/conclusions-2023-07-14.txt', import.meta.url), 'utf8');
const units = loadUnits(new URL('../../directory/units.json', import.meta.url).pathname);
const items = importConclusions(seed, units, buildCalendarTable([2023, 2024], []));
const item = (list: typeof items, number: string) => list.find((i) => i.number === number)!;

/** The message a refused correction throws. */
function refusal(edited: unknown): string {
  try {
    correctConclusions(items, edited, units);
  } catch (err) {
    expect(err).toBeInstanceOf(RequestError);
    return (err as Error).message;
  }
  throw new Error('the corrections were taken');
}

describe('correcting the items of seed 002 before they start', () => {
  it('takes no corrections as the notice read', () => {
    expect(correctConclusions(items, [], units)).toEqual({ items, corrections: [] });
  });

  it('moves item 7’s due date given as dd/mm/yyyy or a phrase, and records before and after', () => {
    const { items: corrected, corrections } = correctConclusions(items, [{ number: '7', dueAt: '30/11/2023' }], units);
    expect(item(corrected, '7').dueAt).toBe('2023-11-30T23:59:59+07:00');
    expect(corrections).toEqual([
      { item: '7', field: 'dueAt', before: '2023-12-31T23:59:59+07:00', after: '2023-11-30T23:59:59+07:00' },
    ]);
    const phrase = correctConclusions(items, [{ number: '7', dueAt: 'Quý III/2023' }], units).items;
    expect(item(phrase, '7').dueAt).toBe('2023-09-30T23:59:59+07:00');
  });

  it('gives an item another lead and coordinators, and makes a task a note', () => {
    const edited = [
      { number: '7', agencies: ['bo-ngoai-giao', 'bo-lao-dong-thuong-binh-va-xa-hoi'] },
      { number: '1', kind: 'note' },
    ];
    const { items: corrected } = correctConclusions(items, { items: edited }, units);
    expect(item(corrected, '7').agencies).toEqual(['bo-ngoai-giao', 'bo-lao-dong-thuong-binh-va-xa-hoi']);
    const { tasks, skipped } = sortConclusions('tb', corrected);
    expect(tasks.find((t) => t.number === '7')).toMatchObject({ lead: 'bo-ngoai-giao' });
    expect(skipped.find((s) => s.number === '1')).toMatchObject({ why: 'note' });
  });

  it('refuses every fault at once, naming the item, the field and what was expected', () => {
    const message = refusal([
      { number: '7', dueAt: '31/13/2023' },
      { number: '6', agencies: ['bo-ngoai-giaoo'] },
      { number: '9' },
      { number: '2', kind: 'maybe' },
      { number: '3', text: 'khác' },
    ]);
    expect(message).toContain('5 fault(s)');
    expect(message).toContain('item 7: dueAt: "31/13/2023" is not a real day');
    expect(message).toContain('item 6: agencies: "bo-ngoai-giaoo" is no unit of the directory; nearest: bo-ngoai-giao');
    expect(message).toContain('item 9: no such item in the notice');
    expect(message).toContain('item 2: kind: expected "task" or "note"');
    expect(message).toContain('item 3: text: differs from the notice');
    expect(refusal({ tasks: [] })).toContain('must be a list of items');
    expect(refusal([{ number: '7' }, { number: '7' }])).toContain('item 7: given twice');
  });
});
