import { describe, expect, it } from 'vitest';
import {
  deliveriesOf,
  filesOf,
  listAudit,
  recordAudit,
  recordDelivery,
  recordedDeliveries,
  recordFile,
} from '../../store/index.js';
import { useTestStore } from '../../test-support/store.js';

const store = useTestStore();
const sha = (c: string) => c.repeat(64);

describe('the audit log', () => {
  it('keeps refused decisions with who, what and why, newest first', async () => {
    await recordAudit(store.db, {
      kind: 'decision.refused',
      outcome: 'refused',
      actor: 'vo.lan',
      subject: 'nq22',
      detail: { event: 'APPROVE', reason: 'role politburo does not act at pmReview' },
    });
    await recordAudit(store.db, { kind: 'request.refused', outcome: 'forbidden', actor: 'vo.lan', address: '::1' });
    const entries = await listAudit(store.db, { actor: 'vo.lan' });
    expect(entries.map((e) => e.kind)).toEqual(['request.refused', 'decision.refused']);
    expect(entries[1]).toMatchObject({ subject: 'nq22', detail: { event: 'APPROVE' } });
    expect(await listAudit(store.db, { subject: 'nq22', kind: 'sign-in' })).toEqual([]);
  });
});

describe('the delivery log', () => {
  it('records a key once, whoever records it', async () => {
    const delivery = {
      key: 'nq22:pmReview:1:email:pham.minh',
      channel: 'email' as const,
      recipient: 'pm@x',
      workflowId: 'nq22',
    };
    const [first, second] = await Promise.all([recordDelivery(store.db, delivery), recordDelivery(store.db, delivery)]);
    expect([first, second].sort()).toEqual([false, true]);
    expect(await recordedDeliveries(store.db, [delivery.key, 'nq22:other'])).toEqual(new Set([delivery.key]));
    expect(await recordedDeliveries(store.db, [])).toEqual(new Set());
    expect((await deliveriesOf(store.db, 'nq22')).map((d) => d.key)).toEqual([delivery.key]);
  });
});

describe('file metadata', () => {
  const report = {
    sha256: sha('a'),
    name: 'Báo cáo tổng kết.pdf',
    size: 52_113,
    mediaType: 'application/pdf',
    dossierId: 'nq22',
    documentKind: 'report',
    draft: 2,
    uploadedBy: 'nguyen.thu',
  };

  it('is recorded once per content, document and draft', async () => {
    const first = await recordFile(store.db, report);
    const again = await recordFile(store.db, { ...report, name: 'renamed.pdf' });
    expect(first.success && again.success).toBe(true);
    expect(again.success && again.data.id).toBe(first.success && first.data.id);
    await recordFile(store.db, { ...report, sha256: sha('b'), draft: 3 });
    expect((await filesOf(store.db, 'nq22')).map((f) => [f.draft, f.sha256[0], f.name])).toEqual([
      [2, 'a', 'Báo cáo tổng kết.pdf'],
      [3, 'b', 'Báo cáo tổng kết.pdf'],
    ]);
    expect(await filesOf(store.db, 'nq22', { draft: 3 })).toHaveLength(1);
  });

  it('refuses bad metadata with the zod issue paths and records nothing', async () => {
    const bad = await recordFile(store.db, { ...report, dossierId: 'other', sha256: 'XYZ', size: -1, draft: 0 });
    expect(bad.success).toBe(false);
    expect(!bad.success && bad.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['draft', 'sha256', 'size']);
    expect(await filesOf(store.db, 'other')).toEqual([]);
  });
});
