import { fundingLabels } from './labels.js';
import { travellers, type Member, type Proposal } from './proposal.schema.js';
import type { Finding, RuleSet } from './rule-set.schema.js';

const namesOf = (people: Member[]): string => people.map((person) => person.name).join(', ');

/**
 * Days per country. The plan: "thời gian thăm một nước không quá 03 ngày ...; trừ trường hợp tham dự hoặc tổ chức
 * sự kiện quy mô lớn, hội nghị hội thảo quốc tế, các chương trình xúc tiến ..., hoặc tham gia biểu diễn nghệ thuật,
 * tập huấn, thi đấu thể thao tại nước ngoài ... (nhưng không quá 05 ngày/nước đối với cán bộ diện Ban Thường vụ Thành
 * ủy quản lý và phải được cấp có thẩm quyền quyết định)". For those purposes a longer stay is an exception for the
 * competent authority; the 5-day cap binds the Standing-Committee-managed cadres among the travellers (pure).
 */
export function daysPerCountry(proposal: Proposal, rules: RuleSet): Finding[] {
  const limit = rules.maxDaysPerCountry;
  const eventLimit = rules.maxDaysPerCountryForEvents;
  const isEvent = rules.eventPurposes.includes(proposal.purpose);
  // Everyone stays the same days in a country, so every managed cadre is one who stays that long.
  const managed = travellers(proposal).filter((person) => person.managedByStandingCommittee);
  return proposal.countries.flatMap(({ country, days }): Finding[] => {
    if (days <= limit) return [];
    const over = {
      vi: `Thăm ${country.name} ${days} ngày, vượt quá ${limit} ngày/nước (không tính thời gian quá cảnh và đi, về)`,
      en: `${days} days in ${country.name}, above ${limit} days per country (transit and travel excluded)`,
    };
    const facts = { country: country.code, days, limit };
    if (!isEvent) return [{ rule: 'DAYS_PER_COUNTRY', severity: 'block', message: over, facts }];
    if (days > eventLimit && managed.length > 0) {
      return [
        {
          rule: 'DAYS_PER_COUNTRY',
          severity: 'block',
          message: {
            vi: `${over.vi}; kể cả khi dự sự kiện, cán bộ diện Ban Thường vụ Thành ủy quản lý không quá ${eventLimit} ngày/nước, mà ${namesOf(managed)} thuộc diện này`,
            en: `${over.en}; even for an event, cadres managed by the Standing Committee of the City Party Committee stay at most ${eventLimit} days per country, and ${namesOf(managed)} are`,
          },
          facts: { ...facts, eventLimit, managedByStandingCommittee: managed.map((person) => person.id) },
        },
      ];
    }
    return [
      {
        rule: 'DAYS_PER_COUNTRY',
        severity: 'exception',
        message: {
          vi: `${over.vi}; đoàn đi ${proposal.purpose === 'event' ? 'dự sự kiện' : 'vì mục đích này'} được vượt nhưng phải được cấp có thẩm quyền quyết định${managed.length > 0 ? ` (cán bộ diện Ban Thường vụ Thành ủy quản lý không quá ${eventLimit} ngày/nước)` : ''}`,
          en: `${over.en}; a trip for this purpose may stay longer with the competent authority's decision${managed.length > 0 ? ` (at most ${eventLimit} days for cadres managed by the Standing Committee)` : ''}`,
        },
        facts: { ...facts, eventLimit },
      },
    ];
  });
}

/** Countries per trip: "một chuyến đi không quá 03 nước", lifted for the same purposes by the competent authority (pure). */
export function countriesPerTrip(proposal: Proposal, rules: RuleSet): Finding[] {
  const limit = rules.maxCountries;
  const count = proposal.countries.length;
  if (count <= limit) return [];
  const names = proposal.countries.map(({ country }) => country.name).join(', ');
  const isEvent = rules.eventPurposes.includes(proposal.purpose);
  // The "trừ trường hợp ..." closes the whole sentence, so it excepts the countries as well as the days.
  return [
    {
      rule: 'COUNTRIES_PER_TRIP',
      severity: isEvent ? 'exception' : 'block',
      message: {
        vi: `Chuyến đi gồm ${count} nước (${names}), vượt quá ${limit} nước/chuyến${isEvent ? '; đoàn đi vì mục đích này được vượt nhưng phải được cấp có thẩm quyền quyết định' : ''}`,
        en: `The trip covers ${count} countries (${names}), above ${limit} per trip${isEvent ? "; a trip for this purpose may cover more with the competent authority's decision" : ''}`,
      },
      facts: { countries: count, limit, codes: proposal.countries.map(({ country }) => country.code) },
    },
  ];
}

/**
 * Funding: "không tham gia các đoàn ... do các doanh nghiệp tổ chức, đài thọ; không gợi ý doanh nghiệp mời hoặc do
 * các doanh nghiệp nước ngoài mời đích danh; không sử dụng kinh phí từ các nguồn vốn vay nước ngoài và các nguồn tài
 * trợ khác" blocks; an unlisted source is for the competent authority to weigh (pure).
 */
export function fundingSource(proposal: Proposal, rules: RuleSet): Finding[] {
  const sources = proposal.funding
    .map((funding) => funding.source)
    .filter((source) => rules.forbiddenFunding.includes(source));
  const others = proposal.funding.filter(
    (funding) => funding.source === 'other' && !rules.forbiddenFunding.includes('other'),
  );
  const findings: Finding[] = [];
  if (sources.length > 0)
    findings.push({
      rule: 'FUNDING_SOURCE',
      severity: 'block',
      message: {
        vi: `Nguồn kinh phí không được phép: ${sources.map((source) => fundingLabels[source].vi).join('; ')}`,
        en: `Funding that is not allowed: ${sources.map((source) => fundingLabels[source].en).join('; ')}`,
      },
      facts: { sources },
    });
  if (others.length > 0) {
    const described = others.map((funding) => `"${funding.description}"`).join('; ');
    findings.push({
      rule: 'FUNDING_OTHER',
      severity: 'exception',
      message: {
        vi: `Nguồn kinh phí khác: ${described}; cấp có thẩm quyền xem xét, bảo đảm không phải doanh nghiệp đài thọ, vốn vay nước ngoài hay nguồn tài trợ khác`,
        en: `Another source of funding: ${described}; the competent authority checks it is no enterprise, foreign loan or other sponsorship`,
      },
      facts: { descriptions: others.map((funding) => funding.description) },
    });
  }
  return findings;
}
