import type { PlanMilestone } from '../../client/plan-import.js';
import type { ProcessDefinition } from '../../machines/definition.schema.js';
import { formatDateTime } from '../format.js';
import { Layout, type Frame } from '../layout.js';
import { datedMilestones, type FieldErrors, type StartFields } from '../start-form.js';
import type { StartText } from '../start-text.js';
import { Field } from './fields.js';

/** What the start page shows. */
export interface StartPageProps extends Frame {
  t: StartText;
  process: string;
  definition: ProcessDefinition;
  fields: StartFields;
  errors: FieldErrors;
  planItems: PlanMilestone[];
  /** The API's refusal of the start. */
  refusal?: string | undefined;
  /** Whether draft files were chosen on the refused form (the browser does not send them back). */
  hadFiles?: boolean;
}

/** The items a plan yields: number, title, deadline as written, due instant, lead. */
function PlanItems(props: { t: StartText; items: PlanMilestone[] }) {
  const { t } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t.planItems}</caption>
        <thead>
          <tr>
            <th scope="col">{t.number}</th>
            <th scope="col">{t.itemTitle}</th>
            <th scope="col">{t.deadlineText}</th>
            <th scope="col">{t.dueAt}</th>
            <th scope="col">{t.lead}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr>
              <td>{item.number}</td>
              <td>{item.title}</td>
              <td>{item.deadlineText}</td>
              <td>{formatDateTime(item.dueAt)}</td>
              <td>{item.lead ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The start form generated from a process's definition: subject, documents with drafts and files, plan, due dates. */
export function StartPage(props: StartPageProps) {
  const { t, lang, definition, fields, errors } = props;
  const csrf = props.session?.csrfToken ?? '';
  const failed = Object.keys(errors).length > 0;
  return (
    <Layout {...props} title={`${t.title}: ${definition.title[lang]}`}>
      <p>{t.intro}</p>
      {failed && (
        <p class="error" role="alert">
          {t.fix}
          {props.hadFiles ? ` ${t.reselect}` : ''}
        </p>
      )}
      {props.refusal && (
        <p class="error" role="alert">
          <strong>{`${t.refused}: `}</strong>
          {props.refusal}
        </p>
      )}
      <form method="post" action={`/start/${props.process}`} enctype="multipart/form-data" class="wide" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <Field name="subject" label={t.subject} value={fields.subject} error={errors.subject} required />
        <fieldset>
          <legend>{t.documents}</legend>
          {fields.documents.map((doc, i) => {
            const declared = definition.documents[i];
            const optional = declared && !declared.required ? ` ${t.optional}` : '';
            return (
              <fieldset class="document">
                <legend>{`${declared?.title[lang] ?? doc.kind}${optional}`}</legend>
                <Field
                  name={`doc.${doc.kind}.title`}
                  label={t.documentTitle}
                  value={doc.title}
                  error={errors[`doc.${doc.kind}.title`]}
                />
                <Field
                  name={`doc.${doc.kind}.draft`}
                  label={t.draft}
                  value={doc.draft}
                  inputmode="numeric"
                  error={errors[`doc.${doc.kind}.draft`]}
                />
                <Field
                  name={`file.${doc.kind}`}
                  label={t.file}
                  type="file"
                  accept=".pdf,.docx,.odt,application/pdf"
                  error={errors[`file.${doc.kind}`]}
                />
              </fieldset>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>{t.plan}</legend>
          <Field name="plan" label={t.planText} value={fields.plan} multiline={8} error={errors.plan} />
          <Field name="planFile" label={t.planFile} type="file" accept=".txt,text/plain" />
          <button type="submit" name="action" value="preview">
            {t.preview}
          </button>
          {props.planItems.length > 0 && <PlanItems t={t} items={props.planItems} />}
        </fieldset>
        <fieldset>
          <legend>{t.milestones}</legend>
          {datedMilestones(definition).map((milestone) => (
            <Field
              name={`due.${milestone.id}`}
              label={milestone.title[lang]}
              value={fields.dues[milestone.id]}
              hint={t.dueHint}
              error={errors[`due.${milestone.id}`]}
            />
          ))}
        </fieldset>
        <button class="primary" type="submit" name="action" value="start">
          {t.start}
        </button>
      </form>
    </Layout>
  );
}
