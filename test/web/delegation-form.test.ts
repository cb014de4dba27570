import { describe, expect, it } from 'vitest';
import { delegationFieldsOf, isoDateOf, issueErrors, proposalOf } from '../../web/delegation-form.js';
import { delegationTextOf } from '../../web/delegation-text.js';

const vi = delegationTextOf('vi');
const defaults = { unitName: 'Sở Du lịch', unitKind: 'department' };

/** A filled form as the browser sends it: member row 0 left blank, country row 1 filled. */
const sent = {
  'unit.name': 'Sở Du lịch',
  'unit.kind': 'department',
  purpose: 'promotion',
  'plan.inPlan': '1',
  startDate: '14/09/2027',
  endDate: '18/09/2027',
  countryRows: '2',
  'countries.0.country': '',
  'countries.0.days': '',
  'countries.1.country': 'Nhật Bản',
  'countries.1.days': '4',
  memberRows: '2',
  'leader.id': 'ngo.thi.thu.trang',
  'leader.name': 'Ngô Thị Thu Trang',
  'leader.position': 'Giám đốc',
  'leader.unit': 'Sở Du lịch',
  'leader.keyLeader': '1',
  'members.1.id': 'trinh.van.khanh',
  'members.1.name': 'Trịnh Văn Khánh',
  'members.1.position': 'Trưởng phòng',
  'members.1.unit': 'Sở Du lịch',
  funding: ['state-budget', 'other'],
  'funding.other': 'Quỹ xúc tiến du lịch',
  'justifications.DAYS_PER_COUNTRY': 'Hội chợ kéo dài 4 ngày',
};

describe('the delegation form', () => {
  it('reads dd/mm/yyyy dates and refuses days that do not exist', () => {
    expect(isoDateOf('14/9/2027')).toBe('2027-09-14');
    expect(isoDateOf('29/02/2027')).toBeUndefined();
    expect(isoDateOf('2027-09-14')).toBeUndefined();
  });

  it('builds the outbound proposal, leaving blank rows out and keeping which row each one came from', () => {
    const built = proposalOf(delegationFieldsOf(sent, defaults), 'DR-05: Đoàn xúc tiến du lịch', vi);
    expect(built.success).toBe(true);
    if (!built.success) return;
    expect(built.built.proposal).toMatchObject({
      direction: 'out',
      unit: { name: 'Sở Du lịch', kind: 'department' },
      plan: { inPlan: true, item: 'DR-05: Đoàn xúc tiến du lịch' },
      urgent: false,
      leader: { id: 'ngo.thi.thu.trang', keyLeader: true, managedByStandingCommittee: false },
      members: [{ id: 'trinh.van.khanh' }],
      countries: [{ country: 'Nhật Bản', days: 4 }],
      startDate: '2027-09-14',
      endDate: '2027-09-18',
      funding: ['state-budget', { source: 'other', description: 'Quỹ xúc tiến du lịch' }],
      justifications: { DAYS_PER_COUNTRY: 'Hội chợ kéo dài 4 ngày' },
    });
    expect(built.built.rowOf).toEqual({ members: [1], countries: [1] });
  });

  it('builds an inbound proposal with the criteria its guests are invited by, and only then sends them', () => {
    const inbound = { ...sent, direction: 'in', criteria: ['anniversary', 'city-hosted-event'] };
    const built = proposalOf(delegationFieldsOf(inbound, defaults), undefined, vi);
    expect(built.success).toBe(true);
    if (!built.success) return;
    expect(built.built.proposal).toMatchObject({
      direction: 'in',
      inbound: { criteria: ['anniversary', 'city-hosted-event'] },
    });
    const outbound = proposalOf(delegationFieldsOf({ ...inbound, direction: 'out' }, defaults), undefined, vi);
    expect(outbound.success && outbound.built.proposal).toMatchObject({ direction: 'out' });
    expect(outbound.success && 'inbound' in outbound.built.proposal).toBe(false);
  });

  it('asks an inbound proposal for at least one criterion before sending anything', () => {
    const built = proposalOf(delegationFieldsOf({ ...sent, direction: 'in' }, defaults), undefined, vi);
    expect(built).toEqual({ success: false, errors: { criteria: vi.needCriteria } });
  });

  it('puts a message beside a wrong date and wrong days, and sends nothing', () => {
    const built = proposalOf(
      delegationFieldsOf({ ...sent, startDate: '31/02/2027', endDate: '', 'countries.1.days': 'bốn' }, defaults),
      undefined,
      vi,
    );
    expect(built).toEqual({
      success: false,
      errors: { startDate: vi.badDate, endDate: vi.required, 'countries.1.days': vi.badDays },
    });
  });

  it('turns the API’s issue paths back into the form’s rows', () => {
    const found = issueErrors(
      [
        { path: 'members.0.unit', message: 'unknown unit "Sở Du lich"' },
        { path: 'countries.0.country', message: 'unknown country' },
        { path: 'leader.name', message: 'expected the person’s full name' },
        { path: 'funding.1', message: 'expected a description' },
        { path: 'inbound.criteria', message: 'expected at least one inbound criterion' },
        { path: 'competentAuthorityDecision', message: 'expected true or false' },
      ],
      { members: [1], countries: [1] },
    );
    expect(found).toEqual({
      fields: {
        'members.1.unit': 'unknown unit "Sở Du lich"',
        'countries.1.country': 'unknown country',
        'leader.name': 'expected the person’s full name',
        funding: 'expected a description',
        criteria: 'expected at least one inbound criterion',
      },
      other: ['competentAuthorityDecision: expected true or false'],
    });
  });

  it('adds a member row or a country row when asked, and starts with the user’s unit', () => {
    expect(delegationFieldsOf(sent, defaults, 'member').members).toHaveLength(3);
    expect(delegationFieldsOf(sent, defaults, 'country').countries).toHaveLength(3);
    const blank = delegationFieldsOf({}, defaults);
    expect(blank.leader.unit).toBe('Sở Du lịch');
    expect(blank.funding).toEqual(['state-budget']);
    expect(blank.direction).toBe('out');
  });
});
