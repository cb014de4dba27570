import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities, Notification } from '../../activities/index.js';
import { searchAttributeKeys as keys } from '../../workflows/search-attributes.js';

// What the engine benchmark compares duyet's generic engine with, bundled on their own (no xstate, no machines): a
// hand-written workflow of the same shape (the review pipeline as a switch over stages, as one would write it
// without duyet) and a ceiling that does nothing.

const { notify } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10, initialInterval: '2 seconds' },
});

/** A decision as the faces send it to either workflow. */
interface Decision {
  type: string;
  actor: string;
  roles: string[];
  onBehalfOf?: string | null;
  comment?: string | null;
}

type Stage = 'drafting' | 'pmReview' | 'standingGovernment' | 'partyCommittee' | 'politburo';
type Outcome = 'completed' | 'rejected' | 'withdrawn';

const stages: Record<Stage, { role: string; recordedBy: string[]; milestone: string; next: Stage | 'completed' }> = {
  drafting: { role: 'secretariat', recordedBy: [], milestone: 'pmSubmission', next: 'pmReview' },
  pmReview: { role: 'pm', recordedBy: [], milestone: 'pmApproval', next: 'standingGovernment' },
  standingGovernment: {
    role: 'standing-government',
    recordedBy: ['secretariat'],
    milestone: 'standingGovernmentApproval',
    next: 'partyCommittee',
  },
  partyCommittee: {
    role: 'party-committee',
    recordedBy: ['secretariat'],
    milestone: 'politburoSubmission',
    next: 'politburo',
  },
  politburo: { role: 'politburo', recordedBy: ['secretariat'], milestone: 'politburoComments', next: 'completed' },
};

/** The hand-written workflow's input: the dossier's subject and its milestones' due instants. */
export interface HandWrittenInput {
  subject: string;
  milestones: Record<string, string>;
}

/** The same Update and query names as the engine's, so the benchmark drives both alike. */
export const handDecide = defineUpdate<unknown, [Decision]>('decide');
export const handView = defineQuery<unknown>('view');

/** The review pipeline as a switch over stages: role checks, revisions, history, search attributes, notifications. */
export async function handWrittenWorkflow(input: HandWrittenInput): Promise<unknown> {
  const workflowId = workflowInfo().workflowId;
  let state: Stage | Outcome = 'drafting';
  let returnTo: Stage | null = null;
  let draftVersion = 2;
  const history: Array<{ at: string; actor: string; event: string; from: string; to: string }> = [];
  const outbox: Notification[] = [];
  let changes = 0;

  const stage = () => (state in stages ? stages[state as Stage] : null);
  const status = () => (state in stages ? 'running' : state);
  const awaiting = () => {
    const s = stage();
    return s
      ? { role: s.role, assignee: null, milestone: s.milestone, dueAt: input.milestones[s.milestone] ?? null }
      : null;
  };
  const publish = () => {
    const a = awaiting();
    upsertSearchAttributes([
      { key: keys.process, value: 'review-pipeline' },
      { key: keys.stage, value: state },
      { key: keys.status, value: status() },
      { key: keys.awaitedRole, value: a?.role ?? null },
      { key: keys.dueAt, value: a?.dueAt ? new Date(a.dueAt) : null },
      { key: keys.escalationLevel, value: 0 },
    ]);
  };
  const enter = (next: Stage | Outcome) => {
    state = next;
    const s = stage();
    if (s) {
      const dueAt = input.milestones[s.milestone] ?? null;
      outbox.push({
        key: `${workflowId}:${state}:stage-awaiting:${history.length}`,
        kind: 'stage',
        template: 'stage-awaiting',
        workflowId,
        process: 'review-pipeline',
        subject: input.subject,
        stage: state,
        role: s.role,
        assignee: null,
        channels: ['email'],
        draftVersion,
        milestone: { id: s.milestone, title: s.milestone, dueAt },
        rung: null,
        at: new Date().toISOString(),
      });
    }
    changes += 1;
    publish();
  };

  const check = (d: Decision): Stage | Outcome => {
    const s = stage();
    if (!s) throw ApplicationFailure.nonRetryable(`the process has ended in "${state}"`, 'DecisionRefused');
    if (d.type === 'WITHDRAW') {
      if (!d.roles.includes('secretariat')) throw ApplicationFailure.nonRetryable('not secretariat', 'DecisionRefused');
      return 'withdrawn';
    }
    const holds = d.roles.includes(s.role);
    if (!holds && !(s.recordedBy.some((r) => d.roles.includes(r)) && d.onBehalfOf === s.role))
      throw ApplicationFailure.nonRetryable(`"${d.type}" belongs to role "${s.role}"`, 'DecisionRefused');
    switch (d.type) {
      case 'SUBMIT':
        if (state !== 'drafting') break;
        return returnTo ?? 'pmReview';
      case 'APPROVE':
        if (state === 'drafting') break;
        return s.next;
      case 'REQUEST_REVISION':
        if (state === 'drafting') break;
        return 'drafting';
      case 'REJECT':
        if (state === 'drafting') break;
        return 'rejected';
    }
    throw ApplicationFailure.nonRetryable(`"${d.type}" cannot be taken at stage "${state}"`, 'DecisionRefused');
  };

  // The state is in place before the handlers: an Update sent with the start is dispatched as its handler is set.
  enter('drafting');
  setHandler(handView, () => ({ state, status: status(), draftVersion, awaiting: awaiting(), history }));
  setHandler(
    handDecide,
    (d) => {
      const to = check(d);
      const from = state as Stage;
      history.push({ at: new Date().toISOString(), actor: d.actor, event: d.type, from, to });
      if (d.type === 'REQUEST_REVISION') {
        returnTo = from;
        draftVersion += 1;
      } else if (d.type === 'SUBMIT') returnTo = null;
      enter(to);
      return { state, status: status(), draftVersion, awaiting: awaiting() };
    },
    { validator: (d) => void check(d) },
  );

  while (stage()) {
    for (let n = outbox.shift(); n; n = outbox.shift()) await notify(n);
    if (!stage()) break;
    const seen = changes;
    const dueAt = awaiting()?.dueAt;
    const wait = dueAt ? Date.parse(dueAt) - Date.now() : undefined;
    await condition(() => changes !== seen || outbox.length > 0, wait !== undefined && wait > 0 ? wait : undefined);
  }
  for (let n = outbox.shift(); n; n = outbox.shift()) await notify(n);
  await condition(allHandlersFinished);
  return { state, status: status(), draftVersion, history };
}

/** The ceiling: seven Updates that do nothing, then the workflow ends. */
export async function ceilingWorkflow(): Promise<number> {
  let taken = 0;
  setHandler(handDecide, () => {
    taken += 1;
    return null;
  });
  await condition(() => taken >= 7);
  await condition(allHandlersFinished);
  return taken;
}
