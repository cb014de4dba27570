import type { Branch, ProcessDefinitionInput, Rung } from '../definition.schema.js';

const awaited = [{ type: 'notify' as const, to: 'awaited', template: 'stage-awaiting' }];
const review = (approve: string | Branch[]) => ({
  APPROVE: approve,
  REQUEST_REVISION: { revise: true as const },
  REJECT: 'rejected',
});

// Where a proposal goes once it may proceed (after the exception step, when there is one). Facts come from the
// proposal and its check at start: direction, inPlan, internationalCommitment, managedTravels.
const route: Branch[] = [
  { to: 'inboundSelection', when: { fact: 'direction', equals: 'in' } },
  { to: 'foreignAffairsReview', when: { fact: 'inPlan', equals: true } },
  { to: 'partyCommitteeProposal', when: { fact: 'internationalCommitment', equals: true } },
  { to: 'competentAuthorityDecision' },
];
const afterDecision: Branch[] = [{ to: 'hosted', when: { fact: 'direction', equals: 'in' } }, { to: 'reporting' }];

const supervisor: Rung = {
  id: 'supervisor',
  offset: { workingDays: 0 },
  to: 'supervisor',
  channels: ['email', 'webhook'],
};
const reminder: Rung = { id: 'reminder', offset: { workingDays: -2 }, to: 'awaited', channels: ['email'] };
const overdue: Rung = { id: 'overdue', offset: { workingDays: 1 }, to: 'awaited', channels: ['email'] };

/** Approval of a delegation abroad or from abroad under the city's foreign-affairs rules (DOMAIN.md §4), as data. */
export const delegation = {
  id: 'delegation',
  // Version 2: the ledger is kept by the workflow (decisionSteps), no longer by the faces.
  version: 2,
  title: { vi: 'Phê duyệt đoàn ra, đoàn vào', en: 'Delegation approval' },
  roles: {
    unit: { vi: 'Đơn vị tổ chức đoàn', en: 'Organising unit' },
    'foreign-affairs': { vi: 'Sở Ngoại vụ', en: 'Department of Foreign Affairs' },
    'organisation-board': { vi: 'Ban Tổ chức Thành ủy', en: 'City Party Organisation Board' },
    'standing-board': { vi: 'Thường trực Thành ủy', en: 'Standing Board of the City Party Committee' },
    'people-committee-party': {
      vi: 'Ban cán sự đảng UBND Thành phố',
      en: "Party Committee of the City People's Committee",
    },
    'competent-authority': { vi: 'Cấp có thẩm quyền', en: 'Competent authority' },
    supervisor: { vi: 'Lãnh đạo Sở Ngoại vụ theo dõi', en: 'Supervisor' },
  },
  initial: 'proposal',
  stages: {
    proposal: {
      title: { vi: 'Đơn vị đề xuất', en: 'Proposal' },
      role: 'unit',
      entry: awaited,
      on: { SUBMIT: [{ to: 'exceptionApproval', when: { fact: 'hasExceptions', equals: true } }, ...route] },
    },
    exceptionApproval: {
      title: { vi: 'Cấp có thẩm quyền xem xét trường hợp ngoại lệ', en: 'Exception approval' },
      role: 'competent-authority',
      entry: awaited,
      on: review(route),
    },
    inboundSelection: {
      title: { vi: 'Sở Ngoại vụ thẩm định tiêu chí đoàn vào', en: 'Inbound criteria review' },
      role: 'foreign-affairs',
      entry: awaited,
      on: review('standingBoardDecision'),
    },
    foreignAffairsReview: {
      title: { vi: 'Sở Ngoại vụ thẩm định', en: 'Foreign Affairs review' },
      role: 'foreign-affairs',
      entry: awaited,
      on: review([
        { to: 'organisationBoardAdvice', when: { fact: 'managedTravels', equals: true } },
        { to: 'standingBoardDecision' },
      ]),
    },
    organisationBoardAdvice: {
      title: { vi: 'Ban Tổ chức Thành ủy tham mưu', en: 'Organisation Board advice' },
      role: 'organisation-board',
      entry: awaited,
      on: review('standingBoardDecision'),
    },
    partyCommitteeProposal: {
      title: { vi: 'Ban cán sự đảng UBND Thành phố đề xuất', en: "People's Committee Party Committee proposes" },
      role: 'people-committee-party',
      entry: awaited,
      on: review('standingBoardDecision'),
    },
    standingBoardDecision: {
      title: { vi: 'Thường trực Thành ủy quyết định', en: 'Standing Board decides' },
      role: 'standing-board',
      entry: awaited,
      on: review(afterDecision),
    },
    competentAuthorityDecision: {
      title: { vi: 'Cấp có thẩm quyền quyết định đoàn đột xuất', en: 'Competent authority decides' },
      role: 'competent-authority',
      entry: awaited,
      on: review(afterDecision),
    },
    reporting: {
      title: { vi: 'Báo cáo kết quả chuyến công tác', en: 'Trip report' },
      role: 'unit',
      milestone: 'tripReport',
      on: { FILE_REPORT: 'completed' },
    },
  },
  outcomes: {
    completed: { title: { vi: 'Đã báo cáo kết quả', en: 'Reported' }, status: 'completed' },
    hosted: { title: { vi: 'Đã phê duyệt đoàn vào', en: 'Inbound delegation approved' }, status: 'completed' },
    rejected: { title: { vi: 'Không phê duyệt', en: 'Rejected' }, status: 'rejected' },
    withdrawn: { title: { vi: 'Rút đề xuất', en: 'Withdrawn' }, status: 'withdrawn' },
  },
  anytime: { WITHDRAW: { role: 'unit', to: 'withdrawn' } },
  revision: { stage: 'proposal', resubmit: 'SUBMIT', firstDraft: 1 },
  supervisorRole: 'supervisor',
  milestones: [
    {
      id: 'tripReport',
      title: { vi: 'Báo cáo kết quả chậm nhất 10 ngày sau khi về nước', en: 'Report within 10 days of return' },
      escalation: [reminder, supervisor, overdue],
    },
  ],
  documents: [
    { kind: 'proposal', title: { vi: 'Tờ trình xin chủ trương', en: 'Proposal' }, required: true },
    { kind: 'report', title: { vi: 'Báo cáo kết quả chuyến công tác', en: 'Trip report' }, required: false },
  ],
  // The ledger of trips abroad moves with the decisions that change it, on the server.
  decisionSteps: [
    {
      on: 'APPROVE',
      at: ['standingBoardDecision', 'competentAuthorityDecision'],
      when: { fact: 'direction', equals: 'out' },
      step: 'reserveTrips',
    },
    { on: 'WITHDRAW', at: ['reporting'], step: 'releaseTrips' },
    { on: 'FILE_REPORT', at: ['reporting'], step: 'recordReport' },
  ],
} satisfies ProcessDefinitionInput;
