import { proposalSchema, type Proposal, type ProposalInput } from '../../delegation/proposal.schema.js';
import type { LedgerEntry } from '../../delegation/rules.js';
import { loadUnits } from '../../directory/directory.js';
import { UnitIndex } from '../../directory/units.js';

/** The unit directory shipped with duyet. */
export const units = new UnitIndex(loadUnits(new URL('../../directory/units.json', import.meta.url).pathname));
/** The proposal schema over the shipped unit directory. */
export const ProposalSchema = proposalSchema(units);

/** A person as a proposal file writes them. */
export type PersonInput = ProposalInput['leader'];

/** A traveller of the tourism department who is neither a key leader nor on the Standing Board. */
export function person(id: string, overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    id,
    name: `Cán bộ ${id}`,
    position: 'Chuyên viên',
    unit: 'Sở Du lịch',
    keyLeader: false,
    standingBoardMember: false,
    managedByStandingCommittee: false,
    ...overrides,
  };
}

/** `count` members after the leader, numbered m1, m2, ... */
export function members(count: number, overrides: Partial<PersonInput> = {}): PersonInput[] {
  return Array.from({ length: count }, (_, i) => person(`m${i + 1}`, overrides));
}

/** An outbound, in-plan promotion trip of five people, 3 days in one country, paid by the state budget, as written. */
export function proposalInput(overrides: Partial<ProposalInput> = {}): ProposalInput {
  return {
    direction: 'out',
    unit: { name: 'Sở Du lịch', kind: 'department' },
    purpose: 'promotion',
    plan: { inPlan: true, item: 'Xúc tiến du lịch tại Nhật Bản' },
    leader: person('leader', {
      name: 'Ngô Thị Thu Trang',
      position: 'Giám đốc',
      keyLeader: true,
      managedByStandingCommittee: true,
    }),
    members: members(4),
    countries: [{ country: 'Nhật Bản', days: 3 }],
    startDate: '2022-09-12',
    endDate: '2022-09-16',
    funding: ['state-budget'],
    ...overrides,
  };
}

/** {@link proposalInput} validated and looked up by the schema. */
export function proposal(overrides: Partial<ProposalInput> = {}): Proposal {
  return ProposalSchema.parse(proposalInput(overrides));
}

/** An approved trip of a person in 2022 whose report was filed on time unless told otherwise. */
export function trip(person: string, delegation: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    person,
    year: 2022,
    delegation,
    startDate: '2022-03-14',
    endDate: '2022-03-18',
    reportDueAt: '2022-03-28',
    reportFiledAt: '2022-03-25',
    ...overrides,
  };
}
