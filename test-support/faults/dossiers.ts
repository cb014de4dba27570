import type { Client } from '@temporalio/client';
import { decide, RequestError, startDossier, type DecideRequest } from '../../client/dossiers.js';
import type { DuyetConfig } from '../../temporal.config.js';
import { futureExample } from '../future-example.js';

/** The seven decisions that take a review dossier from drafting to completed, with one revision on the way. */
export const reviewSteps: ReadonlyArray<Omit<DecideRequest, 'workflowId'>> = [
  { event: 'SUBMIT', as: 'nguyen.thu' },
  { event: 'APPROVE', as: 'pham.minh' },
  { event: 'REQUEST_REVISION', as: 'nguyen.thu', onBehalfOf: 'standing-government' },
  { event: 'SUBMIT', as: 'tran.an' },
  { event: 'APPROVE', as: 'le.hoa' },
  { event: 'APPROVE', as: 'tran.binh' },
  { event: 'APPROVE', as: 'nguyen.thu', onBehalfOf: 'politburo' },
];

const DAY = 86_400_000;

/**
 * The example dossier with every milestone already past (20 to 4 days ago, in the example's order), so every
 * rung of every ladder comes due at once: email to the awaited, the supervisors and the head, and webhooks.
 */
export function lateExample(now: number): Record<string, unknown> {
  const example = futureExample() as { milestones: Record<string, string> };
  const ids = Object.keys(example.milestones).sort(
    (a, b) => Date.parse(example.milestones[a]!) - Date.parse(example.milestones[b]!),
  );
  const milestones = Object.fromEntries(ids.map((id, i) => [id, new Date(now - (20 - 3 * i) * DAY).toISOString()]));
  return { ...example, milestones };
}

/** The id a step of a dossier is sent under on every attempt, and the comment that names it in the history. */
export const stepId = (workflowId: string, step: number) => `${workflowId}:step-${step + 1}`;

/** What happened to one decision request. */
export interface DecisionRecord {
  workflowId: string;
  step: number;
  /** When the first attempt was sent, and when an answer came (undefined if none did). */
  sentAt: number;
  answeredAt?: number;
  /** Attempts: 1 when the first one answered. */
  attempts: number;
  /** The refusal, when the answer was one (a decision is never refused in this run: each is valid in turn). */
  refused?: string;
  /** The last error of an attempt that got no answer, kept when the request gave up. */
  lastError?: string;
}

/** How a request is re-sent when its answer does not come: a pause between attempts, and when to give up. */
const RETRY_PAUSE_MS = 1_000;
const GIVE_UP_MS = 300_000;

/** Whether a failed attempt may be sent again under its id: anything but a refusal from the workflow or the face. */
const retryable = (err: unknown) =>
  !(err instanceof RequestError) || err.kind === 'unavailable' || /Workflow Task in failed state/.test(err.message);

/**
 * Sends one decision through the client the faces use, under its stable id, re-sending it under the same id until
 * an answer comes (as a face does for a caller that retries); a refusal ends it.
 */
export async function sendStep(
  client: Client,
  config: DuyetConfig,
  workflowId: string,
  step: number,
  runLabel: string,
): Promise<DecisionRecord> {
  const id = stepId(workflowId, step);
  const record: DecisionRecord = { workflowId, step, sentAt: Date.now(), attempts: 0 };
  const request = { ...reviewSteps[step]!, workflowId, comment: `${runLabel} ${id}`, updateId: id };
  while (Date.now() - record.sentAt < GIVE_UP_MS) {
    record.attempts += 1;
    try {
      await decide(client, config, request);
      record.answeredAt = Date.now();
      return record;
    } catch (err) {
      if (!retryable(err)) {
        record.refused = (err as Error).message;
        record.answeredAt = Date.now();
        return record;
      }
      record.lastError = (err as Error).message;
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
  return record;
}

/** Starts the run's dossiers (the first half late, the rest with every milestone ahead) before any fault. */
export async function startDossiers(
  client: Client,
  config: DuyetConfig,
  runLabel: string,
  count: number,
): Promise<Array<{ workflowId: string; late: boolean }>> {
  const now = Date.now();
  const dossiers = Array.from({ length: count }, (_, i) => ({
    workflowId: `${runLabel}-${String(i + 1).padStart(2, '0')}`,
    late: i < Math.ceil(count / 2),
  }));
  for (const { workflowId, late } of dossiers)
    await startDossier(client, config, {
      process: 'review-pipeline',
      input: late ? lateExample(now) : futureExample(),
      workflowId,
    });
  return dossiers;
}
