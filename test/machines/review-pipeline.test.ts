import { describe, expect, it } from 'vitest';
import type { ProcessSnapshot } from '../../machines/compile.js';
import { parseStartInput } from '../../machines/input.schema.js';
import { createProcess } from '../../machines/create-process.js';
import { reviewPipeline } from '../../machines/definitions/review-pipeline.definition.js';
import { actors, calendar, exampleInput, pipeline, startExample } from '../../test-support/review-pipeline.js';

let clock = Date.parse('2027-09-02T08:00:00+07:00');
function decide(snapshot: ProcessSnapshot, decision: Record<string, unknown>) {
  const at = new Date((clock += 3_600_000)).toISOString();
  const checked = pipeline.check(snapshot, decision, at);
  if (!checked.success) throw new Error(checked.error);
  return pipeline.apply(snapshot, checked.data)[0];
}

describe('review-pipeline machine', () => {
  it('starts in drafting at draft 2, awaiting the secretariat until the PM submission milestone', () => {
    const [snapshot, effects] = startExample();
    const view = pipeline.view(snapshot);
    expect(view.state).toBe('drafting');
    expect(view.draftVersion).toBe(2);
    expect(view.awaiting).toEqual({
      role: 'secretariat',
      assignee: null,
      milestone: 'pmSubmission',
      dueAt: '2027-09-29T23:59:59+07:00',
      escalationLevel: 0,
    });
    expect(effects).toEqual([{ type: 'notify', stage: 'drafting', to: 'awaited', template: 'stage-awaiting' }]);
  });

  it('goes through every stage to completed and records each decision with from and to', () => {
    let [s] = startExample();
    s = decide(s, { type: 'SUBMIT', ...actors.secretariat });
    s = decide(s, { type: 'APPROVE', ...actors.pm, comment: 'Đồng ý trình Thường trực Chính phủ' });
    s = decide(s, { type: 'APPROVE', ...actors.secretariat, onBehalfOf: 'standing-government' });
    s = decide(s, { type: 'APPROVE', ...actors['party-committee'] });
    s = decide(s, {
      type: 'APPROVE',
      ...actors.secretariat,
      onBehalfOf: 'politburo',
      comment: 'Bộ Chính trị cho ý kiến',
    });
    const view = pipeline.view(s);
    expect(view.status).toBe('completed');
    expect(view.awaiting).toBeNull();
    expect(view.history.map((h) => [h.event, h.from, h.to, h.actor, h.onBehalfOf])).toEqual([
      ['SUBMIT', 'drafting', 'pmReview', 'nguyen.thu', null],
      ['APPROVE', 'pmReview', 'standingGovernment', 'pham.minh', null],
      ['APPROVE', 'standingGovernment', 'partyCommittee', 'nguyen.thu', 'standing-government'],
      ['APPROVE', 'partyCommittee', 'politburo', 'tran.binh', null],
      ['APPROVE', 'politburo', 'completed', 'nguyen.thu', 'politburo'],
    ]);
    expect(view.history[1]!.comment).toBe('Đồng ý trình Thường trực Chính phủ');
  });

  it('sends a revision back to drafting with the next draft number and resubmits to the stage that asked', () => {
    let [s] = startExample();
    s = decide(s, { type: 'SUBMIT', ...actors.secretariat });
    s = decide(s, { type: 'APPROVE', ...actors.pm });
    s = decide(s, {
      type: 'REQUEST_REVISION',
      ...actors.secretariat,
      onBehalfOf: 'standing-government',
      comment: 'Bổ sung số liệu',
    });
    let view = pipeline.view(s);
    expect([view.state, view.draftVersion, view.returnTo]).toEqual(['drafting', 3, 'standingGovernment']);
    expect(view.documents.map((d) => d.draft)).toEqual([3, 2, 2]);
    s = decide(s, { type: 'SUBMIT', ...actors.secretariat });
    view = pipeline.view(s);
    expect([view.state, view.draftVersion, view.returnTo]).toEqual(['standingGovernment', 3, null]);
  });

  it('refuses a decision by a role that does not act at the current stage as forbidden, naming the expected role', () => {
    const [s] = startExample();
    const submitted = decide(s, { type: 'SUBMIT', ...actors.secretariat });
    const refused = pipeline.check(submitted, { type: 'APPROVE', ...actors.politburo }, '2027-09-03T00:00:00Z');
    expect(refused).toEqual({
      success: false,
      forbidden: true,
      error: 'user "vo.lan" (roles: politburo) cannot take "APPROVE" at stage "pmReview": it belongs to role "pm"',
    });
  });

  it('lets the secretariat record a collective decision only on behalf of the body', () => {
    let [s] = startExample();
    s = decide(s, { type: 'SUBMIT', ...actors.secretariat });
    s = decide(s, { type: 'APPROVE', ...actors.pm });
    const refused = pipeline.check(s, { type: 'APPROVE', ...actors.secretariat }, '2027-09-03T00:00:00Z');
    expect(refused).toMatchObject({ success: false, forbidden: true });
    expect(!refused.success && refused.error).toContain('pass onBehalfOf "standing-government"');
    const elsewhere = pipeline.check(
      s,
      { type: 'APPROVE', ...actors.secretariat, onBehalfOf: 'politburo' },
      '2027-09-03T00:00:00Z',
    );
    expect(elsewhere).toMatchObject({ success: false, forbidden: true });
  });

  it('refuses a member of the acting body who names another body, and takes one who names their own', () => {
    let [s] = startExample();
    s = decide(s, { type: 'SUBMIT', ...actors.secretariat });
    s = decide(s, { type: 'APPROVE', ...actors.pm });
    const member = { actor: 'le.hoa', roles: ['standing-government'] };
    const other = pipeline.check(s, { type: 'APPROVE', ...member, onBehalfOf: 'politburo' }, '2027-09-03T00:00:00Z');
    expect(other).toEqual({
      success: false,
      forbidden: true,
      error:
        'user "le.hoa" cannot take "APPROVE" at stage "standingGovernment" on behalf of "politburo": it belongs to role "standing-government"; send onBehalfOf "standing-government" or none',
    });
    const own = pipeline.check(
      s,
      { type: 'APPROVE', ...member, onBehalfOf: 'standing-government' },
      '2027-09-03T00:00:00Z',
    );
    expect(own.success).toBe(true);
  });

  it('refuses unknown events and events the stage cannot take, listing what is expected', () => {
    const [s] = startExample();
    const unknown = pipeline.check(s, { type: 'ESCALATE', ...actors.secretariat }, '2027-09-03T00:00:00Z');
    expect(!unknown.success && unknown.error).toMatch(
      /^unknown event "ESCALATE" for review-pipeline; expected one of: SUBMIT, APPROVE/,
    );
    const early = pipeline.check(s, { type: 'APPROVE', ...actors.pm }, '2027-09-03T00:00:00Z');
    expect(!early.success && early.error).toBe(
      '"APPROVE" cannot be taken at stage "drafting"; expected one of: SUBMIT, WITHDRAW, MARK_MILESTONE, EXTEND, REASSIGN',
    );
    expect(early).not.toHaveProperty('forbidden');
  });

  it('lets the secretariat withdraw at any stage before the end, and takes nothing after', () => {
    let [s] = startExample();
    s = decide(s, { type: 'SUBMIT', ...actors.secretariat });
    s = decide(s, { type: 'WITHDRAW', ...actors.secretariat, comment: 'Dừng theo chỉ đạo' });
    expect(pipeline.view(s).status).toBe('withdrawn');
    const after = pipeline.check(s, { type: 'SUBMIT', ...actors.secretariat }, '2027-09-03T00:00:00Z');
    expect(!after.success && after.error).toBe('the process has ended in "withdrawn"; it takes no more decisions');
  });

  it('tracks the national conference beside the main line without blocking it', () => {
    let [s] = startExample();
    s = decide(s, { type: 'SUBMIT', ...actors.secretariat });
    s = decide(s, {
      type: 'MARK_MILESTONE',
      milestone: 'conference',
      ...actors.secretariat,
      comment: 'Hội nghị đã tổ chức',
    });
    const view = pipeline.view(s);
    expect(view.state).toBe('pmReview');
    expect(view.milestones.find((m) => m.id === 'conference')).toMatchObject({ status: 'met', stage: null });
    const again = pipeline.check(
      s,
      { type: 'MARK_MILESTONE', milestone: 'conference', ...actors.secretariat },
      '2027-09-20T00:00:00Z',
    );
    expect(again.success).toBe(false);
  });

  it('marks a milestone missed only once its due instant has passed', () => {
    const [s] = startExample();
    const early = pipeline.apply(s, {
      type: 'DEADLINE_REACHED',
      milestone: 'draftReady',
      at: '2027-09-14T00:00:00+07:00',
    })[0];
    expect(early.context.milestones.find((m) => m.id === 'draftReady')!.status).toBe('pending');
    const late = pipeline.apply(s, {
      type: 'DEADLINE_REACHED',
      milestone: 'draftReady',
      at: '2027-09-15T00:00:00+07:00',
    })[0];
    expect(late.context.milestones.find((m) => m.id === 'draftReady')).toMatchObject({
      status: 'missed',
      at: '2027-09-15T00:00:00+07:00',
    });
    // Next comes the supervisor's rung of the same milestone, at its due instant.
    expect(pipeline.nextDeadline(late)).toEqual({
      milestone: 'draftReady',
      rung: 'supervisor',
      at: '2027-09-14T23:59:59+07:00',
    });
  });

  it('survives a persist and restore round trip through JSON', () => {
    let [s] = startExample();
    s = decide(s, { type: 'SUBMIT', ...actors.secretariat });
    const restored = pipeline.restore(JSON.parse(JSON.stringify(pipeline.persist(s))));
    expect(pipeline.view(restored)).toEqual(pipeline.view(s));
    expect(pipeline.check(restored, { type: 'APPROVE', ...actors.pm }, '2027-09-03T00:00:00Z').success).toBe(true);
  });
});

describe('start input', () => {
  it('names the missing required document and unknown milestones', () => {
    const bad = {
      subject: 'Đề án',
      documents: [{ kind: 'report', title: 'Đề án' }],
      milestones: { kickoff: '2027-09-01T00:00:00Z' },
    };
    const result = parseStartInput(pipeline.definition, bad, '2027-09-01T00:00:00Z', calendar);
    expect(result.success).toBe(false);
    expect(!result.success && result.error).toContain('the dossier needs a "submissionLetters" document');
    expect(!result.success && result.error).toContain('milestone "kickoff" is not one of: draftReady');
  });

  it('rejects a due date without an offset', () => {
    const bad = { ...(exampleInput as object), milestones: { pmSubmission: '2027-09-29' } };
    const result = parseStartInput(pipeline.definition, bad, '2027-09-01T00:00:00Z', calendar);
    expect(!result.success && result.error).toContain('expected an ISO 8601 instant with offset');
  });
});

describe('process definitions', () => {
  it('refuses a definition whose decision leads nowhere, naming the target', () => {
    const broken = {
      ...reviewPipeline,
      stages: { ...reviewPipeline.stages, pmReview: { ...reviewPipeline.stages.pmReview, on: { APPROVE: 'nowhere' } } },
    };
    expect(() => createProcess(broken)).toThrow('target "nowhere" is neither a stage nor an outcome');
  });

  it('routes by conditions on the input, first matching branch wins', () => {
    const routed = createProcess({
      id: 'routed',
      version: 1,
      title: { vi: 'Thử', en: 'Routed' },
      roles: { officer: { vi: 'Cán bộ', en: 'Officer' } },
      initial: 'proposal',
      stages: {
        proposal: {
          title: { vi: 'Đề xuất', en: 'Proposal' },
          role: 'officer',
          on: {
            SUBMIT: [{ to: 'boardReview', when: { fact: 'plan.inPlan', equals: true } }, { to: 'authorityReview' }],
          },
        },
        boardReview: { title: { vi: 'Thường trực', en: 'Board' }, role: 'officer', on: { APPROVE: 'approved' } },
        authorityReview: {
          title: { vi: 'Cấp có thẩm quyền', en: 'Authority' },
          role: 'officer',
          on: { APPROVE: 'approved' },
        },
      },
      outcomes: { approved: { title: { vi: 'Duyệt', en: 'Approved' }, status: 'completed' } },
    });
    const route = (facts: object) => {
      const context = parseStartInput(
        routed.definition,
        { subject: 'Đoàn ra', facts },
        '2027-01-01T00:00:00Z',
        calendar,
      );
      if (!context.success) throw new Error(context.error);
      const [s] = routed.start(context.data);
      const checked = routed.check(s, { type: 'SUBMIT', actor: 'a', roles: ['officer'] }, '2027-01-02T00:00:00Z');
      if (!checked.success) throw new Error(checked.error);
      return routed.apply(s, checked.data)[0].value;
    };
    expect(route({ plan: { inPlan: true } })).toBe('boardReview');
    expect(route({ plan: { inPlan: false } })).toBe('authorityReview');
  });
});
