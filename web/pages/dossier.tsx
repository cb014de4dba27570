import type { ProcessDefinition } from '../../machines/definition.schema.js';
import type { ProcessView } from '../../machines/process.js';
import type { DecisionOption } from '../decisions.js';
import { Layout, type Frame } from '../layout.js';
import { eventName, type Lang, type Messages } from '../messages.js';
import type { PlacedEdge, PlacedNode } from '../stage-graph.js';
import { History, Milestones, StageList } from './dossier-parts.js';
import { DossierFiles, type DossierFileRow } from './dossier-files.js';
import { Field } from './fields.js';
import { formatDateTime } from '../format.js';

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
  files: DossierFileRow[];
  /** Whether this user acts at the stage, and so may upload draft files. */
  mayUpload: boolean;
  /** A notice to show above the page (a dossier just started, a file just attached). */
  notice?: string | undefined;
  /** The refusal of an upload, shown beside the file field. */
  uploadError?: string | undefined;
  /** Why each milestone is due when it is, by milestone id. */
  why?: Record<string, string | null>;
  /** An EXTEND previewed before sending: the date as typed, and the due instant it gives or why it gives none. */
  extendPreview?: { due: string; dueAt?: string; explanation?: string; error?: string } | undefined;
  /** The words of the resubmission's file fields. */
  resubmitFiles?: { legend: string; label: (document: string) => string } | undefined;
  /** The stage diagram as laid out from the process's machine. */
  diagram?: { nodes: PlacedNode[]; edges: PlacedEdge[]; height: number } | undefined;
}

/** A role's name in the page's language, from the process's definition; the id when it declares none (pure). */
const roleName = (p: { definition: ProcessDefinition; lang: Lang }, role: string) =>
  p.definition.roles[role]?.[p.lang] ?? role;

/** A fact as text for a hint (pure). */
const factText = (value: unknown): string =>
  typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value);

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
  const resubmit = props.p.view.returnTo !== null && props.p.definition.revision?.resubmit === option.event;
  const asks = resubmit ? props.p.resubmitFiles : undefined;
  return (
    <form
      method="post"
      action={`/dossiers/${encodeURIComponent(props.workflowId)}/decisions`}
      aria-labelledby={`${id}-h`}
      enctype={asks ? 'multipart/form-data' : undefined}
    >
      <h3 id={`${id}-h`}>{eventName(m, option.event)}</h3>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="event" value={option.event} />
      {option.onBehalfOf && <input type="hidden" name="onBehalfOf" value={option.onBehalfOf} />}
      {option.onBehalfOf && <p>{`${m.onBehalfOf}: ${roleName(props.p, option.onBehalfOf)}`}</p>}
      {option.kind === 'extend' && milestone && (
        <>
          <input type="hidden" name="milestone" value={milestone} />
          <Field
            name="due"
            label={m.newDue}
            value={props.p.extendPreview?.due}
            error={props.p.extendPreview?.error}
            required
          />
          {props.p.extendPreview?.dueAt && (
            <p class="notice" role="status">
              {`${m.previewIs} ${formatDateTime(props.p.extendPreview.dueAt)}`}
              {props.p.extendPreview.explanation && (
                <>
                  <br />
                  {/* The calendar reads the phrase in Vietnamese and explains it in Vietnamese. */}
                  <span class="muted" lang="vi">
                    {props.p.extendPreview.explanation}
                  </span>
                </>
              )}
            </p>
          )}
          <button type="submit" name="preview" value="1">
            {m.preview}
          </button>
        </>
      )}
      {option.kind === 'change' && (
        <>
          {option.moves && (
            <Field
              name="due"
              label={option.sets?.length ? m.newDueOptional : m.newDue}
              required={!option.sets?.length}
            />
          )}
          {option.sets?.map((fact) => (
            <Field
              name={`fact.${fact}`}
              label={m.newFact(fact)}
              hint={m.keepsIfEmpty(factText(props.p.view.facts[fact]))}
              multiline={2}
            />
          ))}
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
      {asks && (
        <fieldset>
          <legend>{asks.legend}</legend>
          {props.p.view.documents.map((d) => (
            <Field
              name={`file.${d.kind}`}
              label={asks.label(`${d.title} (${m.draft} ${d.draft})`)}
              type="file"
              accept=".pdf,.docx,.odt,application/pdf"
            />
          ))}
        </fieldset>
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
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
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
      <StageList
        m={m}
        lang={lang}
        definition={definition}
        state={view.state}
        history={view.history}
        diagram={props.diagram}
      />
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
      <DossierFiles
        lang={lang}
        workflowId={props.workflowId}
        documents={view.documents}
        files={props.files}
        csrf={props.mayUpload && props.session ? props.session.csrfToken : null}
        nameOf={props.nameOf}
        uploadError={props.uploadError}
      />
      <Milestones m={m} lang={lang} milestones={view.milestones} escalations={view.escalations} why={props.why} />
      <section aria-labelledby="history-h">
        <h2 id="history-h">{m.history}</h2>
        <History
          m={m}
          history={view.history}
          titleOf={titleOf}
          nameOf={props.nameOf}
          roleOf={(role) => roleName(props, role)}
        />
      </section>
    </Layout>
  );
}
