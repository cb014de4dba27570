import { formatVn, toEpochDay, type PlainDate } from '../calendar/dates.js';
import { fundingLabels, purposeLabels, unitKindLabels } from './labels.js';
import { travellers, type Member, type Proposal } from './proposal.schema.js';
import type { Finding, LedgerEntry, RuleSet } from './rule-set.schema.js';

const yearOf = (date: PlainDate): number => Number(date.slice(0, 4));
const namesOf = (people: Member[]): string => people.map((person) => person.name).join(', ');

/** The ids of the delegation's key leaders, the leader first (pure). */
export function keyLeaderIds(proposal: Proposal): string[] {
  return travellers(proposal)
    .filter((person) => person.keyLeader)
    .map((person) => person.id);
}

function planRequired(proposal: Proposal): Finding[] {
  if (proposal.plan.inPlan) return [];
  if (!proposal.urgent) {
    return [
      {
        rule: 'PLAN_REQUIRED',
        severity: 'block',
        message: {
          vi: 'Đoàn ra không có trong kế hoạch đã được cấp có thẩm quyền phê duyệt và không phải đoàn đột xuất',
          en: 'The trip is not in the plan approved by the competent authority and is not an urgent one',
        },
        facts: { inPlan: false, urgent: false },
      },
    ];
  }
  const commitment = proposal.purpose === 'international-commitment';
  return [
    {
      rule: 'PLAN_REQUIRED',
      severity: 'exception',
      message: commitment
        ? {
            vi: 'Đoàn ra đột xuất ngoài kế hoạch nhằm thực hiện thỏa thuận, cam kết quốc tế của Thành phố: Ban cán sự Đảng UBND Thành phố đề xuất, Thường trực Thành ủy xem xét, quyết định',
            en: "An urgent trip outside the plan for the city's international commitments: the Party Committee of the City People's Committee proposes it and the Standing Board of the City Party Committee decides",
          }
        : {
            vi: 'Đoàn ra đột xuất ngoài kế hoạch: phải báo cáo xin ý kiến cấp có thẩm quyền xem xét, quyết định',
            en: "An urgent trip outside the plan: it needs the competent authority's decision",
          },
      facts: {
        inPlan: false,
        urgent: true,
        decidedBy: commitment ? 'city-party-standing-board' : 'competent-authority',
      },
    },
  ];
}

function unitTripSuspended(proposal: Proposal, rules: RuleSet): Finding[] {
  const { unitKinds, purposes } = rules.suspendedPurposes;
  if (!unitKinds.includes(proposal.unit.kind) || !purposes.includes(proposal.purpose)) return [];
  const kind = unitKindLabels[proposal.unit.kind];
  const purpose = purposeLabels[proposal.purpose];
  return [
    {
      rule: 'UNIT_TRIP_SUSPENDED',
      severity: 'block',
      message: {
        vi: `Năm ${rules.year} chưa xem xét tổ chức đoàn riêng của ${kind.vi} (${proposal.unit.name}) đi ${purpose.vi} tại nước ngoài`,
        en: `In ${rules.year} a separate trip abroad of ${kind.en} (${proposal.unit.name}) for ${purpose.en} is not considered`,
      },
      facts: { unit: proposal.unit.name, unitKind: proposal.unit.kind, purpose: proposal.purpose, year: rules.year },
    },
  ];
}

function keyLeaderTripsPerYear(proposal: Proposal, rules: RuleSet, ledger: LedgerEntry[]): Finding[] {
  const year = yearOf(proposal.startDate);
  const limit = rules.tripsPerKeyLeaderPerYear;
  return travellers(proposal).flatMap((person): Finding[] => {
    if (!person.keyLeader) return [];
    const delegations = [
      ...new Set(
        ledger.filter((entry) => entry.person === person.id && entry.year === year).map((entry) => entry.delegation),
      ),
    ];
    const tripsSoFar = delegations.length;
    if (tripsSoFar + 1 <= limit) return [];
    // The plan's parenthesis closes the whole sentence on key leaders: "(trường hợp quan trọng, thực sự cần thiết,
    // theo nhiệm vụ chuyên môn đặc thù, trình cấp có thẩm quyền xem xét, quyết định)", so a third trip is an exception.
    return [
      {
        rule: 'KEY_LEADER_TRIPS_PER_YEAR',
        severity: 'exception',
        message: {
          vi: `${person.name} (${person.position}, ${person.unit}) đã đi công tác nước ngoài ${tripsSoFar} lần trong năm ${year}; chuyến này là lần thứ ${tripsSoFar + 1}, vượt quá ${limit} lần/năm đối với lãnh đạo chủ chốt`,
          en: `${person.name} (${person.position}, ${person.unit}) has travelled abroad ${tripsSoFar} times in ${year}; this would be trip ${tripsSoFar + 1}, above ${limit} a year for a key leader`,
        },
        facts: { person: person.id, year, tripsSoFar, limit, delegations },
      },
    ];
  });
}

function keyLeadersPerDelegation(proposal: Proposal, rules: RuleSet): Finding[] {
  const byUnit = new Map<string, Member[]>();
  for (const person of travellers(proposal)) {
    if (person.keyLeader) byUnit.set(person.unit, [...(byUnit.get(person.unit) ?? []), person]);
  }
  const limit = rules.keyLeadersPerUnitPerDelegation;
  return [...byUnit].flatMap(([unit, people]): Finding[] =>
    people.length <= limit
      ? []
      : [
          {
            rule: 'KEY_LEADERS_PER_DELEGATION',
            severity: 'exception',
            message: {
              vi: `Đoàn có ${people.length} lãnh đạo chủ chốt của ${unit} (${namesOf(people)}), vượt quá ${limit} người/đơn vị`,
              en: `The delegation has ${people.length} key leaders of ${unit} (${namesOf(people)}), above ${limit} per unit`,
            },
            facts: { unit, people: people.map((person) => person.id), limit },
          },
        ],
  );
}

function delegationSize(proposal: Proposal, rules: RuleSet): Finding[] {
  const size = travellers(proposal).length;
  const standingBoardLeader = proposal.leader.standingBoardMember;
  const limit = standingBoardLeader ? rules.maxSizeWithStandingBoardLeader : rules.maxSize;
  if (size <= limit) return [];
  return [
    {
      rule: 'DELEGATION_SIZE',
      severity: 'exception',
      message: {
        vi: `Đoàn có ${size} người, vượt quá ${limit} người (trưởng đoàn ${standingBoardLeader ? 'là' : 'không là'} thành viên Thường trực Thành ủy)`,
        en: `The delegation has ${size} people, above ${limit} (the leader is ${standingBoardLeader ? '' : 'not '}a member of the Standing Board of the City Party Committee)`,
      },
      facts: { size, limit, standingBoardLeader },
    },
  ];
}

function daysPerCountry(proposal: Proposal, rules: RuleSet): Finding[] {
  const limit = rules.maxDaysPerCountry;
  const eventLimit = rules.maxDaysPerCountryForEvents;
  const isEvent = rules.eventPurposes.includes(proposal.purpose);
  // Everyone stays the same days in a country, so every traveller is one who stays over the limit.
  const notManaged = travellers(proposal).filter((person) => !person.managedByStandingBoard);
  return proposal.countries.flatMap(({ country, days }): Finding[] => {
    if (days <= limit) return [];
    const over = {
      vi: `Thăm ${country} ${days} ngày, vượt quá ${limit} ngày/nước (không tính thời gian quá cảnh và đi, về)`,
      en: `${days} days in ${country}, above ${limit} days per country (transit and travel excluded)`,
    };
    const facts = { country, days, limit };
    if (!isEvent) return [{ rule: 'DAYS_PER_COUNTRY', severity: 'block', message: over, facts }];
    if (days > eventLimit) {
      return [
        {
          rule: 'DAYS_PER_COUNTRY',
          severity: 'block',
          message: {
            vi: `${over.vi}; kể cả đoàn dự sự kiện cũng không quá ${eventLimit} ngày/nước`,
            en: `${over.en}; even a trip for an event stays at most ${eventLimit} days per country`,
          },
          facts: { ...facts, eventLimit },
        },
      ];
    }
    if (notManaged.length > 0) {
      return [
        {
          rule: 'DAYS_PER_COUNTRY',
          severity: 'block',
          message: {
            vi: `${over.vi}; chỉ cán bộ diện Ban Thường vụ Thành ủy quản lý mới được tới ${eventLimit} ngày/nước khi dự sự kiện, mà ${namesOf(notManaged)} không thuộc diện này`,
            en: `${over.en}; only cadres managed by the Standing Committee of the City Party Committee may stay up to ${eventLimit} days for an event, and ${namesOf(notManaged)} are not`,
          },
          facts: { ...facts, eventLimit, notManagedByStandingBoard: notManaged.map((person) => person.id) },
        },
      ];
    }
    // "phải được cấp có thẩm quyền quyết định": once the competent authority has decided, the longer stay is allowed.
    if (proposal.competentAuthorityDecision === true) return [];
    return [
      {
        rule: 'DAYS_PER_COUNTRY',
        severity: 'exception',
        message: {
          vi: `${over.vi}; đoàn dự sự kiện được tới ${eventLimit} ngày/nước nhưng phải được cấp có thẩm quyền quyết định`,
          en: `${over.en}; a trip for an event may stay up to ${eventLimit} days per country with the competent authority's decision`,
        },
        facts: { ...facts, eventLimit },
      },
    ];
  });
}

function countriesPerTrip(proposal: Proposal, rules: RuleSet): Finding[] {
  const countries = proposal.countries.map(({ country }) => country);
  const limit = rules.maxCountries;
  if (countries.length <= limit) return [];
  // The plan's "trừ trường hợp ..." ends with "(nhưng không quá 05 ngày/nước ...)": it widens the days in a
  // country for events, and names no exception to "một chuyến đi không quá 03 nước", so more countries block.
  return [
    {
      rule: 'COUNTRIES_PER_TRIP',
      severity: 'block',
      message: {
        vi: `Chuyến đi gồm ${countries.length} nước (${countries.join(', ')}), vượt quá ${limit} nước/chuyến`,
        en: `The trip covers ${countries.length} countries (${countries.join(', ')}), above ${limit} per trip`,
      },
      facts: { countries: countries.length, limit, names: countries },
    },
  ];
}

function fundingSource(proposal: Proposal, rules: RuleSet): Finding[] {
  const sources = proposal.funding.filter((source) => rules.forbiddenFunding.includes(source));
  if (sources.length === 0) return [];
  return [
    {
      rule: 'FUNDING_SOURCE',
      severity: 'block',
      message: {
        vi: `Nguồn kinh phí không được phép: ${sources.map((source) => fundingLabels[source].vi).join('; ')}`,
        en: `Funding that is not allowed: ${sources.map((source) => fundingLabels[source].en).join('; ')}`,
      },
      facts: { sources },
    },
  ];
}

function reportOverdue(proposal: Proposal, ledger: LedgerEntry[], today: PlainDate): Finding[] {
  const todayDay = toEpochDay(today);
  return travellers(proposal).flatMap((person) =>
    ledger
      .filter(
        (entry) =>
          entry.person === person.id && entry.reportFiledAt === null && toEpochDay(entry.reportDueAt) < todayDay,
      )
      .map((entry): Finding => {
        const daysLate = todayDay - toEpochDay(entry.reportDueAt);
        return {
          rule: 'REPORT_OVERDUE',
          severity: 'block',
          message: {
            vi: `${person.name} chưa có văn bản báo cáo kết quả chuyến công tác ${entry.delegation}, hạn ${formatVn(entry.reportDueAt)} (đã quá ${daysLate} ngày)`,
            en: `${person.name} has not filed the report on the trip ${entry.delegation}, due ${entry.reportDueAt} (${daysLate} days late)`,
          },
          facts: { person: person.id, delegation: entry.delegation, reportDueAt: entry.reportDueAt, daysLate },
        };
      }),
  );
}

/**
 * Checks a proposal against a rule set and the trips already approved, listing every broken rule; the rules
 * are those for outbound delegations, so an inbound proposal breaks none (pure).
 */
export function checkProposal(proposal: Proposal, rules: RuleSet, ledger: LedgerEntry[], today: PlainDate): Finding[] {
  if (proposal.direction === 'in') return [];
  return [
    ...planRequired(proposal),
    ...unitTripSuspended(proposal, rules),
    ...keyLeaderTripsPerYear(proposal, rules, ledger),
    ...keyLeadersPerDelegation(proposal, rules),
    ...delegationSize(proposal, rules),
    ...daysPerCountry(proposal, rules),
    ...countriesPerTrip(proposal, rules),
    ...fundingSource(proposal, rules),
    ...reportOverdue(proposal, ledger, today),
  ];
}
