import type { ProcessDefinitionInput, Rung } from '../definition.schema.js';

const ladder: Rung[] = [
  { id: 'secretariat', offset: { workingDays: -5 }, to: 'secretariat', channels: ['email'] },
  { id: 'supervisor', offset: { workingDays: 0 }, to: 'supervisor', channels: ['email', 'webhook'] },
];

/**
 * Version 3 of the programme, kept for the workflows started on it (no monthly report). A programme (an action programme's table, a notice of conclusions) as data: it knows its tasks (facts.tasks, each
 * a task workflow) and keeps its own obligations: the programme's end, the agencies' own programmes when the
 * document sets a date for them, and a yearly report on the whole to the authority that assigned it.
 * Version 2: a half-yearly and a quarterly report as well, for a body that writes them ("định kỳ hàng quý báo cáo");
 * each runs to the due instant the start gives it (none when that is the start itself).
 * Version 3: the secretariat adds the tasks a changed table adds (ADD_TASKS), so they join the programme's list.
 */
export const programmeV3 = {
  id: 'programme',
  version: 3,
  title: { vi: 'Chương trình hành động / Thông báo kết luận', en: 'Programme of tasks' },
  roles: {
    secretariat: { vi: 'Cơ quan thường trực theo dõi chương trình', en: 'Secretariat' },
    supervisor: { vi: 'Lãnh đạo theo dõi, đôn đốc', en: 'Supervisor' },
  },
  initial: 'running',
  stages: {
    running: {
      title: { vi: 'Đang thực hiện', en: 'Under way' },
      role: 'secretariat',
      milestone: 'programmeEnd',
      on: { CLOSE: 'closed', ADD_TASKS: { to: 'running', appends: 'tasks' } },
    },
  },
  outcomes: {
    closed: { title: { vi: 'Đã tổng kết chương trình', en: 'Closed' }, status: 'completed' },
  },
  milestoneRole: 'secretariat',
  supervisorRole: 'supervisor',
  milestones: [
    { id: 'programmeEnd', title: { vi: 'Hoàn thành chương trình', en: 'Programme complete' }, escalation: ladder },
    {
      id: 'agencyProgrammes',
      title: { vi: 'Các Bộ, ngành xây dựng chương trình hành động của mình', en: "Agencies' own programmes" },
      escalation: ladder,
    },
    {
      id: 'yearlyReview',
      title: { vi: 'Báo cáo tổng hợp hằng năm tình hình thực hiện', en: 'Yearly report on the programme' },
      escalation: ladder,
      recurs: { every: 'year', until: 'programmeEnd', report: { event: 'REPORT_YEAR', role: 'secretariat' } },
    },
    {
      id: 'halfYearlyReview',
      title: { vi: 'Báo cáo 6 tháng tình hình thực hiện', en: 'Half-yearly report on the programme' },
      escalation: ladder,
      recurs: { every: 'halfYear', report: { event: 'REPORT_HALF_YEAR', role: 'secretariat' } },
    },
    {
      id: 'quarterlyReview',
      title: { vi: 'Báo cáo hằng quý tình hình thực hiện', en: 'Quarterly report on the programme' },
      escalation: ladder,
      recurs: { every: 'quarter', report: { event: 'REPORT_QUARTER', role: 'secretariat' } },
    },
  ],
} satisfies ProcessDefinitionInput;
