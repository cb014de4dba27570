import type { Client } from '@temporalio/client';
import { expect } from 'vitest';
import type { ApiRequest } from './api.js';

/** Who takes a delegation from its proposal to approved, in order: the unit submits, then each approver in turn. */
export const delegationApprovals = [
  ['tran.mai', 'SUBMIT'],
  ['le.minh', 'APPROVE'],
  ['pham.ha', 'APPROVE'],
  ['nguyen.hung', 'APPROVE'],
] as const;

/** What a test's API gives: a request as a user, and a user's token. */
interface Caller {
  // Tests read answers of many shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(method: string, path: string, request?: ApiRequest): Promise<{ status: number; text: string; json: any }>;
  token(userId: string): string;
}

/** Takes a started delegation through every approval over the API, each decision answered 200. */
export async function approveDelegation(api: Caller, id: string): Promise<void> {
  for (const [user, event] of delegationApprovals) {
    const decided = await api.call('POST', `/api/dossiers/${id}/decisions`, {
      token: api.token(user),
      body: { event },
    });
    expect(decided.status, `${user} ${event}: ${decided.text}`).toBe(200);
  }
}

/** Starts a delegation as its organising unit over the API and approves it: its trips are then in the ledger. */
export async function approvedDelegation(api: Caller, proposal: unknown): Promise<string> {
  const started = await api.call('POST', '/api/delegations', { token: api.token('tran.mai'), body: proposal });
  expect(started.status, started.text).toBe(201);
  const id = started.json.workflowId as string;
  await approveDelegation(api, id);
  return id;
}

/** How many dossiers (process workflow ids, whatever their runs) a task queue holds, from Temporal visibility. */
export async function dossiersStarted(client: Client, taskQueue: string): Promise<number> {
  const query = `TaskQueue = "${taskQueue}" AND WorkflowType = "processWorkflow"`;
  const ids = new Set<string>();
  for await (const execution of client.workflow.list({ query })) ids.add(execution.workflowId);
  return ids.size;
}
