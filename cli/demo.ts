import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide, RequestError, startDossier, status, type DecideRequest } from '../client/dossiers.js';
import { packageRoot, type DuyetConfig } from '../temporal.config.js';
import { connectClient } from '../client/connect.js';
import { startEmbedded } from './dev.js';

const say = (line: string) => process.stdout.write(`demo: ${line}\n`);

/** `duyet demo`: a demo dossier from drafting to completed on the embedded server, with a revision and a refusal. */
export async function runDemo(config: DuyetConfig): Promise<void> {
  const embedded = await startEmbedded(config);
  try {
    const client = await connectClient(config);
    const input = JSON.parse(readFileSync(join(packageRoot, 'examples', 'review-pipeline.json'), 'utf8')) as unknown;
    const { workflowId } = await startDossier(client, config, {
      process: 'review-pipeline',
      input,
      workflowId: `demo-review-pipeline-${Date.now()}`,
    });
    say(`started ${workflowId}`);
    const steps: Array<Omit<DecideRequest, 'workflowId'>> = [
      { event: 'SUBMIT', as: 'nguyen.thu', comment: 'Trình Thủ tướng dự thảo 03 văn bản' },
      { event: 'APPROVE', as: 'pham.minh', comment: 'Đồng ý, trình Thường trực Chính phủ' },
      { event: 'APPROVE', as: 'vo.lan' },
      {
        event: 'REQUEST_REVISION',
        as: 'nguyen.thu',
        onBehalfOf: 'standing-government',
        comment: 'Bổ sung đánh giá tác động',
      },
      { event: 'SUBMIT', as: 'tran.an', comment: 'Dự thảo lần 3 đã tiếp thu ý kiến' },
      { event: 'MARK_MILESTONE', as: 'nguyen.thu', milestone: 'conference', comment: 'Hội nghị toàn quốc đã tổ chức' },
      {
        event: 'APPROVE',
        as: 'nguyen.thu',
        onBehalfOf: 'standing-government',
        comment: 'Thường trực Chính phủ thông qua',
      },
      { event: 'APPROVE', as: 'tran.binh', comment: 'Trình Bộ Chính trị' },
      { event: 'APPROVE', as: 'nguyen.thu', onBehalfOf: 'politburo', comment: 'Bộ Chính trị cho ý kiến' },
    ];
    for (const step of steps) {
      try {
        const view = await decide(client, config, { workflowId, ...step });
        say(
          `${step.as} ${step.event}${step.onBehalfOf ? ` on behalf of ${step.onBehalfOf}` : ''} → ${view.state} (draft ${view.draftVersion})`,
        );
      } catch (err) {
        if (!(err instanceof RequestError)) throw err;
        say(`${step.as} ${step.event} refused, as it should be: ${err.message}`);
      }
    }
    process.stdout.write(JSON.stringify(await status(client, workflowId), null, 2) + '\n');
    await client.connection.close();
  } finally {
    await embedded.stop();
  }
}
