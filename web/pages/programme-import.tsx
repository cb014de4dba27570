import { blockingProblems } from '../../client/programme-apply.js';
import type { CorrectedPreflight } from '../../client/programme-corrections.js';
import type { ProgrammePreflight, ProgrammeTask } from '../../client/programme-import.js';
import type { Unit } from '../../directory/units.js';
import { formatDate } from '../format.js';
import { Layout, type Frame } from '../layout.js';
import { fieldNames } from '../programme-import-form.js';
import type { ProgrammeText } from '../programme-text.js';
import { IdAndTitle, type UploadState } from './programme-upload.js';

function CellInput(props: { name: string; label: string; value: string; error?: string | undefined; units?: boolean }) {
  const id = `f-${props.name.replace(/[^\w-]/g, '-')}`;
  return (
    <>
      <input
        id={id}
        name={props.name}
        value={props.value}
        aria-label={props.label}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-err` : undefined}
        list={props.units ? 'units' : undefined}
      />
      {props.error && (
        <small id={`${id}-err`} class="field-error">
          {props.error}
        </small>
      )}
    </>
  );
}

/** What the preflight page shows: the table read, the form's values and messages, and what the API said. */
export interface PreflightProps extends Frame {
  t: ProgrammeText;
  fileName: string;
  table: string;
  format: string;
  state: UploadState;
  preflight: ProgrammePreflight | CorrectedPreflight;
  values: Record<string, string>;
  units: readonly Unit[];
  notice?: string | undefined;
}

function TaskRow(props: { p: PreflightProps; task: ProgrammeTask }) {
  const { p, task } = props;
  const { t } = p;
  const errors = p.state.errors;
  const value = (name: string) => p.values[name] ?? '';
  return (
    <tr id={`task-${task.number}`}>
      <th scope="row">{task.number}</th>
      <td data-label={t.content}>{task.content}</td>
      <td data-label={t.lead}>
        <span>{task.lead}</span>
        <CellInput
          name={fieldNames.lead(task.number)}
          label={t.leadUnit(task.number)}
          value={value(fieldNames.lead(task.number))}
          error={errors[fieldNames.lead(task.number)]}
          units
        />
      </td>
      <td data-label={t.coordinators}>
        <ul class="plain">
          {task.coordinators.map((a, i) => (
            <li>
              <span>{a.group ? `${a.text} (${t.group})` : a.text}</span>
              {!a.group && (
                <CellInput
                  name={fieldNames.coordinator(task.number, i)}
                  label={t.coordinatorUnit(task.number, a.text)}
                  value={value(fieldNames.coordinator(task.number, i))}
                  error={errors[fieldNames.coordinator(task.number, i)]}
                  units
                />
              )}
            </li>
          ))}
        </ul>
      </td>
      <td data-label={t.product}>{task.product}</td>
      <td data-label={t.time}>{task.time}</td>
      <td data-label={t.due}>
        <CellInput
          name={fieldNames.due(task.number)}
          label={t.dueOf(task.number)}
          value={value(fieldNames.due(task.number))}
          error={errors[fieldNames.due(task.number)]}
        />
        {task.reportsDueAt.length > 0 && (
          <small class="muted">{t.reports(task.reportsDueAt.map(formatDate).join(', '))}</small>
        )}
      </td>
    </tr>
  );
}

function Problems(props: { p: PreflightProps }) {
  const { t, preflight } = props.p;
  const blocking = new Set(blockingProblems(preflight));
  if (preflight.problems.length === 0) return <p>{t.noProblems}</p>;
  return (
    <ul class="findings">
      {preflight.problems.map((problem) => {
        const say = t.problem[problem.kind];
        const text = say ? say(problem.task ?? '', problem.text ?? '') : problem.message;
        return (
          <li class={blocking.has(problem) ? 'finding block' : 'finding exception'}>
            {blocking.has(problem) && <strong>{`[${t.blocks}] `}</strong>}
            {problem.task && /^\d+\.\d+$/u.test(problem.task) ? <a href={`#task-${problem.task}`}>{text}</a> : text}
            {problem.candidates && problem.candidates.length > 0 && (
              <p>{`${t.nearest}: ${problem.candidates.join(', ')}`}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Obligations(props: { p: PreflightProps }) {
  const { t, preflight, values, state } = props.p;
  return (
    <div class="table-wrap">
      <table class="cards">
        <caption>{t.obligations}</caption>
        <thead>
          <tr>
            <th scope="col">{t.item}</th>
            <th scope="col">{t.content}</th>
            <th scope="col">{t.phrase}</th>
            <th scope="col">{t.due}</th>
          </tr>
        </thead>
        <tbody>
          {preflight.obligations.map((o) => (
            <tr>
              <th scope="row">{o.item}</th>
              <td data-label={t.content}>{o.text}</td>
              <td data-label={t.phrase}>{o.phrase ?? '—'}</td>
              <td data-label={t.due}>
                {o.every === null ? (
                  <CellInput
                    name={fieldNames.obligation(o.item)}
                    label={t.obligationDue(o.item)}
                    value={values[fieldNames.obligation(o.item)] ?? ''}
                    error={state.errors[fieldNames.obligation(o.item)]}
                  />
                ) : (
                  t.recurring[o.every]
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The preflight of an uploaded table: every task with its correction fields, every problem (those that stop the
 * start marked) with the nearest units, the obligations, and the buttons to check again or start. The table travels
 * in a hidden field, so each step is judged again by the API from the file itself.
 */
export function PreflightPage(p: PreflightProps) {
  const { t, preflight, state } = p;
  const failed = Object.keys(state.errors).length > 0;
  const corrections = 'corrections' in preflight ? preflight.corrections : [];
  return (
    <Layout {...p} title={t.preflightTitle(p.fileName)}>
      <p role="status">{t.summary(preflight.tasks.length, preflight.problems.length, preflight.obligations.length)}</p>
      {failed && (
        <p class="error" role="alert">
          {t.fix}
        </p>
      )}
      {(state.refusal || p.notice) && (
        <p class="error" role="alert">
          <strong>{`${t.refused}: `}</strong>
          {p.notice ?? state.refusal}
        </p>
      )}
      {corrections.length > 0 && (
        <section aria-labelledby="corrections-h">
          <h2 id="corrections-h">{t.corrections}</h2>
          <ul>
            {corrections.map((c) => (
              <li>{`${c.task ?? c.item} · ${c.field}: ${shown(c.before)} → ${shown(c.after)}`}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="problems-h">
        <h2 id="problems-h">{t.problems}</h2>
        <Problems p={p} />
      </section>
      <form method="post" action="/programmes/import" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={p.session?.csrfToken ?? ''} />
        <input type="hidden" name="table" value={p.table} />
        <input type="hidden" name="format" value={p.format} />
        <input type="hidden" name="fileName" value={p.fileName} />
        <datalist id="units">
          {p.units.map((u) => (
            <option value={u.name}>{u.id}</option>
          ))}
        </datalist>
        <section aria-labelledby="tasks-h">
          <h2 id="tasks-h">{t.tasks}</h2>
          <div class="table-wrap">
            <table class="cards">
              <thead>
                <tr>
                  {[t.number, t.content, t.lead, t.coordinators, t.product, t.time, t.due].map((h) => (
                    <th scope="col">{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preflight.tasks.map((task) => (
                  <TaskRow p={p} task={task} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {preflight.obligations.length > 0 && <Obligations p={p} />}
        <div class="wide">
          <IdAndTitle t={t} state={state} />
        </div>
        <div class="actions">
          <button type="submit" name="action" value="check">
            {t.check}
          </button>
          <button class="primary" type="submit" name="action" value="apply">
            {t.apply}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** A corrected value as people read it: an instant as its day, a list of units joined (pure). */
function shown(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/u.test(value)) return formatDate(value);
  if (Array.isArray(value)) return value.map((v) => (v === null ? '—' : String(v))).join(', ');
  return value === null || value === undefined ? '—' : String(value);
}
