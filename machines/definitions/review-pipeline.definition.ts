import type { ProcessDefinitionInput, Rung } from '../definition.schema.js';

const reviewTo = (next: string) => ({ APPROVE: next, REQUEST_REVISION: { revise: true as const }, REJECT: 'rejected' });
const awaited = [{ type: 'notify', to: 'awaited', template: 'stage-awaiting' }] as const;
// The ladder: the awaited role 2 working days before due, the supervisor at due, the head 3 working days after.
const remind: Rung = { id: 'reminder', offset: { workingDays: -2 }, to: 'awaited', channels: ['email'] };
const supervisor: Rung = {
  id: 'supervisor',
  offset: { workingDays: 0 },
  to: 'supervisor',
  channels: ['email', 'webhook'],
};
const head: Rung = { id: 'head', offset: { workingDays: 3 }, to: 'head', channels: ['email', 'webhook'] };
const ladder = [remind, supervisor, head];

/** The drafting-to-Politburo review of a dossier (DOMAIN.md §1), as data. */
export const reviewPipeline = {
  id: 'review-pipeline',
  version: 2,
  title: { vi: 'Trình duyệt Đề án', en: 'Dossier review pipeline' },
  roles: {
    secretariat: { vi: 'Cơ quan Thường trực / Tổ Biên tập', en: 'Secretariat' },
    pm: { vi: 'Thủ tướng Chính phủ', en: 'Prime Minister' },
    'standing-government': { vi: 'Thường trực Chính phủ', en: 'Standing Government' },
    'party-committee': { vi: 'Ban cán sự đảng Chính phủ', en: 'Government Party Committee' },
    politburo: { vi: 'Bộ Chính trị', en: 'Politburo' },
    supervisor: { vi: 'Phó Trưởng Ban Thường trực', en: 'Permanent deputy head (supervisor)' },
    head: { vi: 'Trưởng Ban Chỉ đạo', en: 'Head of the steering committee' },
  },
  initial: 'drafting',
  stages: {
    drafting: {
      title: { vi: 'Hoàn thiện dự thảo', en: 'Drafting' },
      role: 'secretariat',
      milestone: 'pmSubmission',
      entry: [...awaited],
      on: { SUBMIT: 'pmReview' },
    },
    pmReview: {
      title: { vi: 'Thủ tướng xem xét', en: 'Prime Minister review' },
      role: 'pm',
      milestone: 'pmApproval',
      entry: [...awaited],
      on: reviewTo('standingGovernment'),
    },
    standingGovernment: {
      title: { vi: 'Thường trực Chính phủ thông qua', en: 'Standing Government review' },
      role: 'standing-government',
      recordedBy: ['secretariat'],
      milestone: 'standingGovernmentApproval',
      entry: [...awaited],
      on: reviewTo('partyCommittee'),
    },
    partyCommittee: {
      title: { vi: 'Ban cán sự đảng Chính phủ trình Bộ Chính trị', en: 'Government Party Committee submission' },
      role: 'party-committee',
      recordedBy: ['secretariat'],
      milestone: 'politburoSubmission',
      entry: [...awaited],
      on: reviewTo('politburo'),
    },
    politburo: {
      title: { vi: 'Bộ Chính trị cho ý kiến', en: 'Politburo comments' },
      role: 'politburo',
      recordedBy: ['secretariat'],
      milestone: 'politburoComments',
      entry: [...awaited],
      on: reviewTo('completed'),
    },
  },
  outcomes: {
    completed: { title: { vi: 'Hoàn thành', en: 'Completed' }, status: 'completed' },
    rejected: { title: { vi: 'Không thông qua', en: 'Rejected' }, status: 'rejected' },
    withdrawn: { title: { vi: 'Rút hồ sơ', en: 'Withdrawn' }, status: 'withdrawn' },
  },
  anytime: { WITHDRAW: { role: 'secretariat', to: 'withdrawn' } },
  revision: { stage: 'drafting', resubmit: 'SUBMIT', firstDraft: 2 },
  milestoneRole: 'secretariat',
  supervisorRole: 'supervisor',
  milestones: [
    {
      id: 'draftReady',
      planItem: 1,
      title: {
        vi: 'Hoàn thành dự thảo lần 2 Đề án và dự thảo lần 1 Tờ trình',
        en: 'Draft 2 of the report, draft 1 of the letters',
      },
      lead: 'Cơ quan Thường trực Ban Chỉ đạo và Tổ Biên tập',
      escalation: [supervisor],
    },
    {
      id: 'conference',
      planItem: 2,
      title: { vi: 'Hội nghị toàn quốc tổng kết', en: 'National review conference' },
      lead: 'Bộ Ngoại giao',
      escalation: [supervisor],
    },
    {
      id: 'pmSubmission',
      planItem: 3,
      title: { vi: 'Trình Thủ tướng dự thảo 03 văn bản', en: 'Submit the three documents to the Prime Minister' },
      lead: 'Cơ quan Thường trực Ban Chỉ đạo và Tổ Biên tập',
      escalation: ladder,
    },
    {
      id: 'pmApproval',
      title: { vi: 'Thủ tướng cho ý kiến trong 15 ngày làm việc', en: 'Prime Minister decides within 15 working days' },
      duration: { workingDays: 15 },
      onResubmit: 'restart',
      escalation: ladder,
    },
    {
      id: 'standingGovernmentApproval',
      planItem: 4,
      title: { vi: 'Thường trực Chính phủ xem xét thông qua', en: 'Standing Government approves' },
      escalation: ladder,
    },
    {
      id: 'politburoSubmission',
      planItem: 5,
      title: {
        vi: 'Ban cán sự đảng Chính phủ trình Bộ Chính trị',
        en: 'Government Party Committee submits to the Politburo',
      },
      lead: 'Ban cán sự đảng Chính phủ, Ban cán sự đảng Bộ Ngoại giao, Tổ Biên tập',
      escalation: ladder,
    },
    {
      id: 'politburoComments',
      planItem: 6,
      title: { vi: 'Bộ Chính trị cho ý kiến', en: 'Politburo gives comments' },
      escalation: [supervisor, head],
    },
  ],
  documents: [
    { kind: 'report', title: { vi: 'Đề án', en: 'Report' }, required: true },
    {
      kind: 'submissionLetters',
      title: { vi: 'Tờ trình của Ban cán sự đảng Chính phủ và Tờ trình Thủ tướng', en: 'Submission letters' },
      required: true,
    },
    { kind: 'directive', title: { vi: 'Văn bản chỉ đạo mới (nếu có)', en: 'New directive (if any)' }, required: false },
  ],
} satisfies ProcessDefinitionInput;
