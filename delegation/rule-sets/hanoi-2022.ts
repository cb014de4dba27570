import type { RuleSet } from '../rule-set.schema.js';

/** Section 3.1 and 3.3 of Hanoi's 2022 foreign-affairs plan: the rules for outbound delegations and the plan's one adjustment. */
export const hanoi2022 = {
  id: 'hanoi-2022',
  // Version 2: the event exception lifts the days and the countries limits, the 5-day cap binds managed cadres.
  version: 2,
  title: 'Kế hoạch công tác đối ngoại năm 2022 của thành phố Hà Nội — nguyên tắc tổ chức đoàn ra, đoàn vào',
  year: 2022,
  // "Nguyên tắc tổ chức đoàn ra - đoàn vào năm 2022": the trips of 2022.
  validFrom: '2022-01-01',
  validTo: '2022-12-31',
  tripsPerKeyLeaderPerYear: 2,
  keyLeadersPerUnitPerDelegation: 1,
  maxSizeWithStandingBoardLeader: 10,
  maxSize: 7,
  maxDaysPerCountry: 3,
  maxDaysPerCountryForEvents: 5,
  eventPurposes: ['conference', 'event', 'promotion', 'performance', 'training', 'competition'],
  maxCountries: 3,
  forbiddenFunding: [
    'enterprise',
    'enterprise-invitation-suggested',
    'foreign-enterprise-invitation',
    'foreign-loan',
    'sponsorship',
  ],
  reportDueDays: 10,
  suspendedPurposes: {
    unitKinds: ['department', 'district', 'socio-political-organisation'],
    purposes: ['visit', 'friendship-exchange', 'survey', 'research', 'study', 'experience-exchange'],
  },
  planAdjustment: { deadline: '2022-05-15', maxOutbound: 7, maxInbound: 6, times: 1 },
} satisfies RuleSet;
