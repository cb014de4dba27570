import type { ProcessDefinitionInput, Rung } from '../definition.schema.js';

// The ladder of a task's deadline and of each progress report: the lead agency's focal point 3 working days before,
// the supervisor at due, the leader who assigned the task 5 working days after.
const ladder: Rung[] = [
  { id: 'lead', offset: { workingDays: -3 }, to: 'focal-point', channels: ['email'] },
  { id: 'supervisor', offset: { workingDays: 0 }, to: 'supervisor', channels: ['email', 'webhook'] },
  { id: 'authority', offset: { workingDays: 5 }, to: 'authority', channels: ['email', 'webhook'] },
];

/**
 * Version 2 of the task, kept for the workflows started on it (a change approved moved only the due date). A task a
 * leader assigns to an agency (a conclusion's item, a programme's row; DOMAIN.md §2–3), as data: the lead
 * agency works and submits its product, the assigning authority accepts it or returns it; the lead may ask for a
 * change that the authority approves (moving the due date) or refuses; progress reports recur until the due date.
 * Version 2: a returned product is no longer met, so its due date and ladder hold again until it is submitted anew.
 */
export const taskV2 = {
  id: 'task',
  version: 2,
  title: { vi: 'Nhiệm vụ được giao', en: 'Assigned task' },
  roles: {
    'focal-point': { vi: 'Đầu mối của cơ quan chủ trì', en: "Lead agency's focal point" },
    authority: { vi: 'Người giao nhiệm vụ (Thủ tướng Chính phủ)', en: 'Assigning authority' },
    secretariat: { vi: 'Văn phòng / Cơ quan thường trực', en: 'Secretariat' },
    supervisor: { vi: 'Lãnh đạo theo dõi, đôn đốc', en: 'Supervisor' },
  },
  initial: 'working',
  stages: {
    working: {
      title: { vi: 'Cơ quan chủ trì thực hiện', en: 'Lead agency at work' },
      role: 'focal-point',
      unit: 'lead',
      milestone: 'product',
      entry: [
        { type: 'notify', to: 'awaited', template: 'stage-awaiting' },
        { type: 'notify', to: 'contributors', template: 'task-coordinating' },
      ],
      on: { SUBMIT: 'authorityReview', REQUEST_CHANGE: 'changeReview' },
    },
    changeReview: {
      title: { vi: 'Người giao nhiệm vụ xem xét đề nghị điều chỉnh', en: 'Change request under review' },
      role: 'authority',
      recordedBy: ['secretariat'],
      milestone: 'product',
      entry: [{ type: 'notify', to: 'awaited', template: 'stage-awaiting' }],
      on: { APPROVE_CHANGE: { to: 'working', moves: 'product' }, REFUSE_CHANGE: 'working' },
    },
    authorityReview: {
      title: { vi: 'Người giao nhiệm vụ xem xét sản phẩm', en: 'Product under review' },
      role: 'authority',
      recordedBy: ['secretariat'],
      entry: [{ type: 'notify', to: 'awaited', template: 'stage-awaiting' }],
      on: { ACCEPT: 'completed', RETURN: { revise: true } },
    },
  },
  outcomes: {
    completed: { title: { vi: 'Đã hoàn thành', en: 'Completed' }, status: 'completed' },
    withdrawn: { title: { vi: 'Đã hủy nhiệm vụ', en: 'Withdrawn' }, status: 'withdrawn' },
  },
  anytime: { WITHDRAW: { role: 'authority', to: 'withdrawn' } },
  revision: { stage: 'working', resubmit: 'SUBMIT', firstDraft: 1, reopens: true },
  milestoneRole: 'secretariat',
  supervisorRole: 'supervisor',
  contributions: { event: 'CONTRIBUTE', role: 'focal-point', units: 'coordinators' },
  milestones: [
    {
      id: 'product',
      title: { vi: 'Hoàn thành sản phẩm', en: 'Product delivered' },
      escalation: ladder,
    },
    {
      id: 'progressReport',
      title: { vi: 'Báo cáo tiến độ định kỳ hằng năm', en: 'Yearly progress report' },
      escalation: ladder,
      recurs: { every: 'year', until: 'product', report: { event: 'REPORT_PROGRESS', role: 'focal-point' } },
    },
  ],
  documents: [{ kind: 'product', title: { vi: 'Sản phẩm', en: 'Product' }, required: false }],
} satisfies ProcessDefinitionInput;
