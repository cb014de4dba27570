import type { FundingSource, InboundCriterion, Purpose, UnitKind } from './codes.js';

type Label = { vi: string; en: string };

/** How the plan names each purpose, in Vietnamese and English. */
export const purposeLabels: Record<Purpose, Label> = {
  visit: { vi: 'thăm viếng', en: 'a visit' },
  'friendship-exchange': { vi: 'giao lưu hữu nghị', en: 'friendship exchange' },
  survey: { vi: 'khảo sát', en: 'a survey' },
  research: { vi: 'nghiên cứu', en: 'research' },
  study: { vi: 'học tập', en: 'study' },
  'experience-exchange': { vi: 'trao đổi kinh nghiệm', en: 'experience exchange' },
  'international-commitment': { vi: 'thực hiện thỏa thuận, cam kết quốc tế', en: 'an international commitment' },
  conference: { vi: 'hội nghị, hội thảo quốc tế', en: 'an international conference' },
  event: { vi: 'sự kiện quy mô lớn', en: 'a large event' },
  promotion: { vi: 'chương trình xúc tiến', en: 'a promotion programme' },
  performance: { vi: 'biểu diễn nghệ thuật', en: 'an art performance' },
  training: { vi: 'tập huấn', en: 'training' },
  competition: { vi: 'thi đấu thể thao', en: 'a sports competition' },
  cooperation: { vi: 'hợp tác', en: 'cooperation' },
  other: { vi: 'mục đích khác', en: 'another purpose' },
};

/** How the plan names each kind of unit, in Vietnamese and English. */
export const unitKindLabels: Record<UnitKind, Label> = {
  'city-leadership': { vi: 'lãnh đạo Thành phố', en: "the city's leadership" },
  department: { vi: 'sở, ban, ngành', en: 'a department' },
  district: { vi: 'quận, huyện, thị xã', en: 'a district' },
  'socio-political-organisation': { vi: 'tổ chức chính trị - xã hội', en: 'a socio-political organisation' },
};

/** How the plan names each funding source, in Vietnamese and English. */
export const fundingLabels: Record<FundingSource, Label> = {
  'state-budget': { vi: 'ngân sách nhà nước', en: 'the state budget' },
  'unit-budget': { vi: 'kinh phí của đơn vị', en: "the unit's budget" },
  host: { vi: 'phía bạn đài thọ', en: 'the host' },
  enterprise: { vi: 'doanh nghiệp tổ chức, đài thọ', en: 'an enterprise organising or paying' },
  'enterprise-invitation-suggested': {
    vi: 'gợi ý doanh nghiệp mời',
    en: 'an enterprise asked to invite',
  },
  'foreign-enterprise-invitation': {
    vi: 'doanh nghiệp nước ngoài mời đích danh',
    en: 'an invitation by name from a foreign enterprise',
  },
  'foreign-loan': { vi: 'vốn vay nước ngoài', en: 'foreign loans' },
  sponsorship: { vi: 'nguồn tài trợ khác', en: 'other sponsorship' },
  other: { vi: 'nguồn khác', en: 'another source' },
};

/** How the plan names each criterion an inbound delegation is invited by, in Vietnamese and English. */
export const inboundCriterionLabels: Record<InboundCriterion, Label> = {
  'rotating-exchange': { vi: 'trao đổi đoàn luân phiên giữa các địa phương', en: 'a rotating exchange between cities' },
  anniversary: {
    vi: 'kỷ niệm năm tròn, năm chẵn thiết lập quan hệ hợp tác',
    en: 'a round anniversary of the cooperation',
  },
  'leader-invitation': {
    vi: 'lãnh đạo Thành phố đã mời hoặc phía bạn đã thông báo kế hoạch thăm',
    en: "an invitation by the city's leaders, or a visit the partner announced",
  },
  'city-hosted-event': {
    vi: 'dự sự kiện do Thành phố chủ trì đăng cai',
    en: 'an event the city hosts',
  },
  'central-instruction': { vi: 'theo chỉ đạo của Trung ương', en: 'an instruction from the central level' },
};
