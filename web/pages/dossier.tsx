import type { ProcessDefinition } from '../../machines/definition.schema.js';
import type { ProcessView } from '../../machines/process.js';
import type { DecisionOption } from '../decisions.js';
import { Layout, type Frame } from '../layout.js';
import { eventName, type Messages } from '../messages.js';
import { History, Milestones, StageList } from './dossier-parts.js';

/** What the dossier page shows. */
export interface DossierPageProps extends Frame {
  workflowId: string;
  view: ProcessView;
  definition: ProcessDefinition;
  options: DecisionOption[];
  /** People a REASSIGN may go to: those holding the awaited stage's role. */
  assignees: Array<{ id: string; name: string }>;
  nameOf: (user: string) => string;
  /** The API's refusal of the decision just sent. */
  refusal?: string | undefined;
  /** The decision just recorded. */
  done?: string | undefined;
}

/** One decision's form: a comment box, on whose behalf, the new due date or person, a confirmation if final. */
function DecisionForm(props: {
  m: Messages;
  workflowId: string;
  csrf: string;
  option: DecisionOption;
  p: DossierPageProps;
}) {
  const { m, option } = props;
  const id = `d-${option.event}`;
  const milestone = props.p.view.awaiting?.milestone ?? props.p.view.milestones.find((x) => x.completedAt === null)?.id;
  return (
    <form
      method="post"
      action={`/dossiers/${encodeURIComponent(props.workflowId)}/decisions`}
      aria-labelledby={`${id}-h`}
    >
      <h3 id={`${id}-h`}>{eventName(m, option.event)}</h3>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="event" value={option.event} />
      {option.onBehalfOf && <input type="hidden" name="onBehalfOf" value={option.onBehalfOf} />}
      {option.onBehalfOf && <p>{`${m.onBehalfOf}: ${option.onBehalfOf}`}</p>}
      {option.kind === 'extend' && milestone && (
        <>
          <input type="hidden" name="milestone" value={milestone} />
          <label>
            {m.newDue}
            <input name="due" required />
          </label>
        </>
      )}
      {option.kind === 'reassign' && (
        <label>
          {m.reassignTo}
          <select name="to" required>
            {props.p.assignees.map((a) => (
              <option value={a.id}>{`${a.name} (${a.id})`}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        {m.comment}
        <textarea name="comment" rows={3} />
      </label>
      {option.final && (
        <label class="check">
          <input type="checkbox" name="confirm" value="yes" required />
          {m.confirmFinal}
        </label>
      )}
      <button class="primary" type="submit">
        {eventName(m, option.event)}
      </button>
    </form>
  );
}

/** The dossier page: facts, stages, documents, milestones and their ladders, history, my decisions. */
export function DossierPage(props: DossierPageProps) {
  const { m, lang, view, definition } = props;
  const titleOf = (id: string) => (definition.stages[id] ?? definition.outcomes[id])?.title[lang] ?? id;
  return (
    <Layout {...props} title={view.subject}>
      {props.refusal && (
        <div class="error" role="alert">
          <strong>{m.refused}: </strong>
          {props.refusal}
        </div>
      )}
      {props.done && (
        <p class="notice" role="status">
          {`${m.decided} (${eventName(m, props.done)})`}
        </p>
      )}
      <dl class="facts">
        <dt>{m.subject}</dt>
        <dd>{view.subject}</dd>
        <dt>{m.process}</dt>
        <dd>{definition.title[lang]}</dd>
        <dt>{m.status}</dt>
        <dd>{`${m[view.status]} · ${view.stageTitle[lang]}`}</dd>
        <dt>{m.draft}</dt>
        <dd>{view.draftVersion}</dd>
      </dl>
      <StageList m={m} lang={lang} definition={definition} state={view.state} history={view.history} />
      <section aria-labelledby="decide-h">
        <h2 id="decide-h">{m.decide}</h2>
        {props.options.length === 0 || !props.session ? (
          <p>{m.noDecision}</p>
        ) : (
          <div class="decisions">
            {props.options.map((option) => (
              <DecisionForm
                m={m}
                workflowId={props.workflowId}
                csrf={props.session!.csrfToken}
                option={option}
                p={props}
              />
            ))}
          </div>
        )}
      </section>
      <section aria-labelledby="documents-h">
        <h2 id="documents-h">{m.documents}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.document}</th>
                <th scope="col">{m.draft}</th>
              </tr>
            </thead>
            <tbody>
              {view.documents.map((d) => (
                <tr>
                  <td>{d.uri && /^https?:\/\//i.test(d.uri) ? <a href={d.uri}>{d.title}</a> : d.title}</td>
                  <td>{d.draft}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <Milestones m={m} lang={lang} milestones={view.milestones} escalations={view.escalations} />
      <section aria-labelledby="history-h">
        <h2 id="history-h">{m.history}</h2>
        <History m={m} history={view.history} titleOf={titleOf} nameOf={props.nameOf} />
      </section>
    </Layout>
  );
}
