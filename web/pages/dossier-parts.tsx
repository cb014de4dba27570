import type { ProcessDefinition } from '../../machines/definition.schema.js';
import type { DecisionRecord, EscalationRecord, MilestoneState } from '../../machines/process.types.js';
import { stageOrder } from '../decisions.js';
import { formatDate, formatDateTime } from '../format.js';
import type { Lang, Messages } from '../messages.js';
import { eventName } from '../messages.js';
import type { PlacedEdge, PlacedNode } from '../stage-graph.js';
import { StageDiagram } from './stage-diagram.js';

/**
 * The stages: an ordered list, the current stage marked, the stages passed ticked; and, when the page has it, the
 * diagram generated from the machine with the transitions taken.
 */
export function StageList(props: {
  m: Messages;
  lang: Lang;
  definition: ProcessDefinition;
  state: string;
  history: DecisionRecord[];
  diagram?: { nodes: PlacedNode[]; edges: PlacedEdge[]; height: number } | undefined;
}) {
  const visited = new Set(props.history.flatMap((h) => [h.from, h.to]));
  const titleOf = (id: string) =>
    (props.definition.stages[id] ?? props.definition.outcomes[id])?.title[props.lang] ?? id;
  const shown = stageOrder(props.definition).filter(
    (id) => id in props.definition.stages || id === props.state || visited.has(id),
  );
  return (
    <section aria-labelledby="stages-h">
      <h2 id="stages-h">{props.m.stages}</h2>
      <ol class="stages">
        {shown.map((id) => {
          const current = id === props.state;
          const passed = !current && visited.has(id);
          return (
            <li class={passed ? 'visited' : undefined} aria-current={current ? 'step' : undefined}>
              {titleOf(id)}
              {current && <span class="skip"> ({props.m.currentStage})</span>}
              {passed && <span class="skip"> ({props.m.visited})</span>}
            </li>
          );
        })}
      </ol>
      {props.diagram && (
        <StageDiagram m={props.m} {...props.diagram} state={props.state} visited={visited} titleOf={titleOf} />
      )}
    </section>
  );
}

/** The milestones with their due dates and state, and the reminders of each one's ladder. */
export function Milestones(props: {
  m: Messages;
  lang: Lang;
  milestones: MilestoneState[];
  escalations: EscalationRecord[];
  /** Why each milestone is due when it is, by milestone id. */
  why?: Record<string, string | null>;
}) {
  const { m } = props;
  return (
    <section aria-labelledby="milestones-h">
      <h2 id="milestones-h">{m.milestones}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{m.milestone}</th>
              <th scope="col">{m.due}</th>
              <th scope="col">{m.status}</th>
              <th scope="col">{m.lead}</th>
              <th scope="col">{m.ladder}</th>
            </tr>
          </thead>
          <tbody>
            {props.milestones.map((ms) => {
              const rungs = props.escalations.filter((e) => e.milestone === ms.id);
              return (
                <tr>
                  <td>{ms.title[props.lang]}</td>
                  <td>
                    {ms.dueAt ? formatDateTime(ms.dueAt) : m.noDue}
                    {props.why?.[ms.id] && (
                      <details>
                        <summary>{m.whyDate}</summary>
                        <p>{props.why[ms.id]}</p>
                      </details>
                    )}
                  </td>
                  <td class={ms.status === 'missed' ? 'late' : undefined}>
                    {m[ms.status]}
                    {ms.completedAt && ` (${formatDate(ms.completedAt)})`}
                  </td>
                  <td>{ms.lead ?? ''}</td>
                  <td>
                    {rungs.length === 0 ? (
                      <span class="muted">{m.noEscalations}</span>
                    ) : (
                      <ul>
                        {rungs.map((r) => (
                          <li>
                            {`${m.rung} ${r.rung} · ${formatDateTime(r.at)} · ${m.to} ${r.to} · ${r.channel} · `}
                            {r.delivered ? m.delivered : <span class="late">{m.notDelivered}</span>}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Every decision taken: when, who, on whose behalf, from → to, and the comment (shown as text). */
export function History(props: {
  m: Messages;
  history: DecisionRecord[];
  titleOf: (stage: string) => string;
  nameOf: (user: string) => string;
  /** The name of a role, such as a collective body a decision was recorded for. */
  roleOf: (role: string) => string;
}) {
  const { m } = props;
  if (props.history.length === 0) return <p>{m.noHistory}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{m.when}</th>
            <th scope="col">{m.who}</th>
            <th scope="col">{m.decision}</th>
            <th scope="col">{m.fromTo}</th>
            <th scope="col">{m.comment}</th>
          </tr>
        </thead>
        <tbody>
          {props.history.map((h) => (
            <tr>
              <td>{formatDateTime(h.at)}</td>
              <td>
                {props.nameOf(h.actor)}
                {h.onBehalfOf && (
                  <>
                    <br />
                    <span class="muted">{`${m.onBehalfOf}: ${props.roleOf(h.onBehalfOf)}`}</span>
                  </>
                )}
              </td>
              <td>{eventName(m, h.event)}</td>
              <td>{`${props.titleOf(h.from)} → ${props.titleOf(h.to)}`}</td>
              <td class="comment">
                {h.comment ?? ''}
                {h.change && (
                  <span class="change">{`${m.dueMoved}: ${h.change.before ? formatDate(h.change.before) : '—'} → ${formatDate(h.change.after)}`}</span>
                )}
                {h.changed?.map((c) => (
                  <span class="change">{`${m.changedFact(c.fact)}: ${typeof c.before === 'string' ? c.before : '—'} → ${c.after}`}</span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
