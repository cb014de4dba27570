import { formatVn, toEpochDay, type PlainDate } from '../calendar/dates.js';
import { purposeLabels, unitKindLabels } from './labels.js';
import { travellers, type Member, type Proposal } from './proposal.schema.js';
import type { Finding, LedgerEntry, RuleSet } from './rule-set.schema.js';
import { countriesPerTrip, daysPerCountry, fundingSource } from './trip-limits.js';

const yearOf = (date: PlainDate): number => Number(date.slice(0, 4));
const namesOf = (people: Member[]): string => people.map((person) => person.name).join(', ');

/** The ids of the delegation's key leaders, the leader first (pure). */
export function keyLeaderIds(proposal: Proposal): string[] {
  return travellers(proposal)
    .filter((person) => person.keyLeader)
    .map((person) => person.id);
}

/**
 * An outbound trip needs the approved plan. "Trường hợp phát sinh đoàn ra đột xuất ngoài kế hoạch (đoàn có ý nghĩa
 * quan trọng, cấp thiết) ... cấp có thẩm quyền xem xét, quyết định. Trong đó, đối với những đoàn ... nhằm đảm bảo
 * thực hiện các thỏa thuận, cam kết quốc tế của thành phố Hà Nội, Ban cán sự Đảng UBND Thành phố nghiên cứu, đề xuất
 * báo cáo Thường trực Thành ủy xem xét, quyết định": a trip for the city's commitments is one of the unplanned trips
 * ("trong đó"), decided by the Standing Board whether or not it is marked urgent (pure).
 */
function planRequired(proposal: Proposal): Finding[] {
  if (proposal.plan.inPlan) return [];
  const commitment = proposal.purpose === 'international-commitment';
  // A trip the competent authority has decided was one it took as important and urgent: it is no longer blocked.
  if (!proposal.urgent && !commitment && proposal.competentAuthorityDecision !== true) {
    return [
      {
        rule: 'PLAN_REQUIRED',
        severity: 'block',
        message: {
          vi: 'Đoàn ra không có trong kế hoạch đã được cấp có thẩm quyền phê duyệt, không phải đoàn đột xuất (quan trọng, cấp thiết) và không nhằm thực hiện thỏa thuận, cam kết quốc tế của Thành phố',
          en: "The trip is not in the plan approved by the competent authority, is not an urgent one and does not serve the city's international commitments",
        },
        facts: { inPlan: false, urgent: false, internationalCommitment: false },
      },
    ];
  }
  return [
    {
      rule: 'PLAN_REQUIRED',
      severity: 'exception',
      message: commitment
        ? {
            vi: 'Đoàn ra ngoài kế hoạch nhằm thực hiện thỏa thuận, cam kết quốc tế của Thành phố: Ban cán sự Đảng UBND Thành phố đề xuất, Thường trực Thành ủy xem xét, quyết định',
            en: "A trip outside the plan for the city's international commitments: the Party Committee of the City People's Committee proposes it and the Standing Board of the City Party Committee decides",
          }
        : {
            vi: 'Đoàn ra đột xuất ngoài kế hoạch: phải báo cáo xin ý kiến cấp có thẩm quyền xem xét, quyết định',
            en: "An urgent trip outside the plan: it needs the competent authority's decision",
          },
      facts: {
        inPlan: false,
        urgent: proposal.urgent,
        internationalCommitment: commitment,
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
      facts: { unit: proposal.unit.id, unitKind: proposal.unit.kind, purpose: proposal.purpose, year: rules.year },
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
          vi: `${person.name} (${person.position}, ${person.unit.name}) đã đi công tác nước ngoài ${tripsSoFar} lần trong năm ${year}; chuyến này là lần thứ ${tripsSoFar + 1}, vượt quá ${limit} lần/năm đối với lãnh đạo chủ chốt`,
          en: `${person.name} (${person.position}, ${person.unit.name}) has travelled abroad ${tripsSoFar} times in ${year}; this would be trip ${tripsSoFar + 1}, above ${limit} a year for a key leader`,
        },
        facts: { person: person.id, year, tripsSoFar, limit, delegations },
      },
    ];
  });
}

function keyLeadersPerDelegation(proposal: Proposal, rules: RuleSet): Finding[] {
  // By the directory's unit id, so two spellings of one unit are one unit.
  const byUnit = new Map<string, Member[]>();
  for (const person of travellers(proposal)) {
    if (person.keyLeader) byUnit.set(person.unit.id, [...(byUnit.get(person.unit.id) ?? []), person]);
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
              vi: `Đoàn có ${people.length} lãnh đạo chủ chốt của ${people[0]!.unit.name} (${namesOf(people)}), vượt quá ${limit} người/đơn vị`,
              en: `The delegation has ${people.length} key leaders of ${people[0]!.unit.name} (${namesOf(people)}), above ${limit} per unit`,
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
 * are those for outbound delegations, so an inbound proposal breaks none. With `competentAuthorityDecision: true`
 * every exception is `decided`: the competent authority has decided the proposal, not one finding of it (pure).
 */
export function checkProposal(proposal: Proposal, rules: RuleSet, ledger: LedgerEntry[], today: PlainDate): Finding[] {
  if (proposal.direction === 'in') return [];
  const findings = [
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
  if (proposal.competentAuthorityDecision !== true) return findings;
  return findings.map((finding) => (finding.severity === 'exception' ? { ...finding, severity: 'decided' } : finding));
}
