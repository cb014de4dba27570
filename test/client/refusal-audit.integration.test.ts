import { describe, expect, inject, it } from 'vitest';
import { listAudit, openStore } from '../../store/index.js';
import { duyet, duyetJson, useWorkerAndClient } from '../../test-support/cli.js';
import { futureExampleFile } from '../../test-support/future-example.js';

describe('refused decisions in the audit log', () => {
  const { env } = useWorkerAndClient();

  it('keeps who tried what on which dossier and why it was refused, and nothing for a decision taken', async () => {
    const id = `audit-${Date.now()}`;
    await duyetJson(env, 'start', 'review-pipeline', '--input', futureExampleFile(), '--id', id);
    const refused = await duyet(env, 'decide', id, 'APPROVE', '--as', 'vo.lan', '--comment', 'Đồng ý');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('decision refused');
    expect(refused.stderr).not.toContain('not written to the audit log');
    await duyetJson(env, 'decide', id, 'SUBMIT', '--as', 'nguyen.thu');

    const store = await openStore(inject('databaseUrl'));
    try {
      const entries = await listAudit(store.db, { subject: id });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        kind: 'decision.refused',
        outcome: 'refused',
        actor: 'vo.lan',
        detail: { event: 'APPROVE', comment: 'Đồng ý' },
      });
      expect(entries[0]!.detail.reason).toContain('cannot be taken at stage "drafting"');
    } finally {
      await store.close();
    }
  });
});
