import { describe, expect, it } from 'vitest';
import { processById } from '../../client/processes.js';
import { shippedVersions } from '../../machines/definitions/index.js';
import { createProcess } from '../../machines/create-process.js';
import { messagesOf } from '../../web/messages.js';
import { linesOf, StageDiagram } from '../../web/pages/stage-diagram.js';
import { stageEdges } from '../../machines/diagram.js';
import { diagramOf } from '../../web/stage-graph.js';

const review = processById('review-pipeline').compiled;
/** A dossier sent back by the Standing Government and resubmitted to it, now at the Party Committee. */
const history = [
  { from: 'drafting', to: 'pmReview' },
  { from: 'pmReview', to: 'standingGovernment' },
  { from: 'standingGovernment', to: 'drafting' },
  { from: 'drafting', to: 'standingGovernment' },
  { from: 'standingGovernment', to: 'partyCommittee' },
];

describe('the stage diagram', () => {
  it('reads the transitions from the machine, each pair of stages once with its events', () => {
    const edges = stageEdges(review.machine);
    const of = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to)?.events;
    expect(of('drafting', 'pmReview')).toEqual(['SUBMIT']);
    expect(of('pmReview', 'drafting')).toEqual(['REQUEST_REVISION']);
    expect(of('politburo', 'completed')).toEqual(['APPROVE']);
    // A resubmission goes back to the body that asked for the revision.
    expect(of('drafting', 'politburo')).toEqual(['SUBMIT']);
    expect(of('drafting', 'drafting')).toBeUndefined();
  });

  it('puts each stage below the one before it, the outcomes last, and marks the transitions taken', () => {
    const { nodes, edges } = diagramOf(review, history);
    const row = (id: string) => nodes.find((n) => n.id === id)!.row;
    expect(['drafting', 'pmReview', 'standingGovernment', 'partyCommittee', 'politburo'].map(row)).toEqual([
      0, 1, 2, 3, 4,
    ]);
    expect(new Set(Object.keys(review.definition.outcomes).map(row))).toEqual(new Set([5]));
    const edge = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to)!;
    expect(edge('pmReview', 'standingGovernment')).toMatchObject({ kind: 'next', taken: true });
    expect(edge('drafting', 'standingGovernment')).toMatchObject({ kind: 'forward', taken: true });
    expect(edge('standingGovernment', 'drafting')).toMatchObject({ kind: 'back', taken: true });
    expect(edge('pmReview', 'drafting')).toMatchObject({ kind: 'back', taken: false });
    // Every revision back to drafting shares one lane.
    expect(new Set(edges.filter((e) => e.kind === 'back').map((e) => e.lane))).toEqual(new Set([0]));
  });

  it('draws it as an image with a name, the current stage highlighted and the path taken marked', () => {
    const m = messagesOf('vi');
    const titleOf = (id: string) => (review.definition.stages[id] ?? review.definition.outcomes[id])?.title.vi ?? id;
    const html = String(
      StageDiagram({
        m,
        ...diagramOf(review, history),
        state: 'partyCommittee',
        visited: new Set(history.flatMap((h) => [h.from, h.to])),
        titleOf,
      }),
    );
    expect(html).toContain('role="img"');
    expect(html).toContain(`<title id="stage-diagram-t">${m.diagram}</title>`);
    expect(html).toMatch(/<g class="node current" data-stage="partyCommittee">/);
    expect(html).toMatch(/<g class="node visited" data-stage="pmReview">/);
    expect(html).toMatch(/<path class="edge taken" data-from="standingGovernment" data-to="drafting"/);
    expect(html).toMatch(/<path class="edge" data-from="pmReview" data-to="rejected"/);
    expect(html).toContain('Yêu cầu chỉnh sửa');
  });

  it('wraps a long title over two lines and cuts what is left', () => {
    expect(linesOf('Ban cán sự đảng Chính phủ trình Bộ Chính trị', 240)).toEqual([
      'Ban cán sự đảng Chính phủ trình Bộ',
      'Chính trị',
    ]);
    const cut = linesOf('Cấp có thẩm quyền quyết định theo đề nghị của Sở Ngoại vụ và Ban Tổ chức', 120);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
  });

  it('names every event of every shipped process in Vietnamese and in English', () => {
    const events = new Set(
      shippedVersions.flatMap((d) => stageEdges(createProcess(d).machine).flatMap((e) => e.events)),
    );
    for (const definition of shippedVersions) {
      for (const stage of Object.values(definition.stages))
        for (const event of Object.keys(stage.on)) events.add(event);
      for (const milestone of definition.milestones ?? [])
        if (milestone.recurs) events.add(milestone.recurs.report.event);
      if (definition.contributions) events.add(definition.contributions.event);
    }
    for (const event of ['EXTEND', 'REASSIGN', 'MARK_MILESTONE']) events.add(event);
    for (const lang of ['vi', 'en'] as const) {
      const missing = [...events].filter((event) => !(event in messagesOf(lang).events));
      expect(missing, lang).toEqual([]);
    }
  });
});
