import { describe, expect, it } from 'vitest';
import { addWorkingDays, buildCalendarTable } from '../../calendar/index.js';
import { processById } from '../../client/processes.js';
import type { ProcessView } from '../../machines/process.js';
import { messagesOf } from '../../web/messages.js';
import { History } from '../../web/pages/dossier-parts.js';
import { whyThisDate } from '../../web/why-date.js';
import { explainWorkingDays } from '../../web/working-days-text.js';

const table = buildCalendarTable([2023, 2024], []);
const definition = processById('review-pipeline').compiled.definition;

describe('words on the dossier page', () => {
  it('names the body a decision was recorded for, in the page’s language, not by its role id', () => {
    const decision = {
      at: '2023-10-03T02:00:00.000Z',
      actor: 'nguyen.thu',
      onBehalfOf: 'standing-government',
      event: 'APPROVE',
      from: 'standingGovernment',
      to: 'partyCommittee',
      comment: null,
    };
    const html = (lang: 'vi' | 'en') =>
      String(
        History({
          m: messagesOf(lang),
          history: [decision] as ProcessView['history'],
          titleOf: (s) => s,
          nameOf: (u) => u,
          roleOf: (role) => definition.roles[role]![lang],
        }),
      );
    expect(html('vi')).toContain('Thay mặt: Thường trực Chính phủ');
    expect(html('en')).toContain('On behalf of: Standing Government');
    expect(html('en')).not.toContain('standing-government');
  });

  it('explains a working-day count in English on English pages, the holiday keeping its name', () => {
    // From Wednesday 30/08/2023, three working days step over National Day, its adjacent day, a Sunday and a day in lieu.
    const result = addWorkingDays('2023-08-30', 3, table);
    expect(explainWorkingDays('2023-08-30', 3, result, 'vi')).toBe(result.explanation);
    expect(explainWorkingDays('2023-08-30', 3, result, 'en')).toBe(
      '3 working days after 30/08/2023 is 06/09/2023 (skipping 01/09: "Quốc khánh (ngày liền kề)"; 02/09: "Quốc khánh"; ' +
        '03/09: weekend; 04/09: "Nghỉ bù Quốc khánh")',
    );
  });

  it('says why a milestone counted from a stage is due when it is, in English with no Vietnamese sentence', () => {
    // pmApproval: 15 working days from when the dossier reached the PM.
    const view = {
      history: [{ to: 'pmReview', at: '2023-09-12T02:00:00.000Z' }],
      startedAt: '2023-09-01T02:00:00.000Z',
    } as unknown as ProcessView;
    const milestone = { id: 'pmApproval', stage: 'pmReview', dueAt: '2023-10-03T16:59:59.000Z', pausedAt: null };
    const why = whyThisDate(definition, view, milestone as ProcessView['milestones'][number], table, 'en');
    expect(why).toMatch(
      /^\d+ working days from when the dossier entered stage ".+": \d+ working days after 12\/09\/2023 is /,
    );
    expect(why).not.toMatch(/ngày làm việc|cuối tuần|bỏ qua/);
  });
});
