import type { Notification } from '../activities/index.js';
import type { ProcessSnapshot } from '../machines/compile.js';
import type { ProcessDefinition } from '../machines/definition.schema.js';
import type { ProcessEffect } from '../machines/process.js';
import { awaitedRole } from '../machines/units.js';

/**
 * The notification an effect asks for, or null when it names the awaited role of a state that awaits nobody; its key
 * is built from the state it was decided in, so a retry or a replay sends it under the same key.
 */
export function notificationOf(
  effect: ProcessEffect,
  run: { workflowId: string; definition: ProcessDefinition; snapshot: ProcessSnapshot; at: string },
): Notification | null {
  const { workflowId, snapshot } = run;
  const { context } = snapshot;
  const { stages, id: process } = run.definition;
  const stage = effect.type === 'notify' ? effect.stage : String(snapshot.value);
  const awaited = effect.to === 'awaited';
  const awaitedStage = stages[stage];
  const role = awaited ? (awaitedStage ? awaitedRole(awaitedStage, context.facts) : null) : effect.to;
  if (!role) return null;
  const milestoneId = effect.type === 'escalate' ? effect.milestone : stages[stage]?.milestone;
  const milestone = context.milestones.find((m) => m.id === milestoneId);
  const specific =
    effect.type === 'escalate'
      ? {
          key: `${workflowId}:${effect.milestone}:${effect.rung}:${milestone?.rungs.find((r) => r.id === effect.rung)?.at}`,
          kind: 'escalation' as const,
          template: 'escalation',
          channels: effect.channels,
          rung: effect.rung,
        }
      : {
          key: `${workflowId}:${stage}:${effect.template}:${context.history.length}${role.includes('@') && !awaited ? `:${role}` : ''}`,
          kind: 'stage' as const,
          template: effect.template,
          channels: ['email' as const],
          rung: null,
        };
  // The fields in the order the activity has always received them.
  return {
    key: specific.key,
    kind: specific.kind,
    template: specific.template,
    workflowId,
    process,
    subject: context.subject,
    stage,
    role,
    assignee: awaited && context.assignee?.stage === stage ? context.assignee.id : null,
    channels: specific.channels,
    draftVersion: context.draftVersion,
    milestone: milestone ? { id: milestone.id, title: milestone.title.vi, dueAt: milestone.dueAt } : null,
    rung: specific.rung,
    at: run.at,
  };
}
