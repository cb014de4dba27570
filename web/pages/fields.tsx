import type { Child } from 'hono/jsx';

/** The id of a field's control from its form name (pure). */
export const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

/** What a labelled control shares: its name, label, and the hint and message shown beside it. */
interface Labelled {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

/** The attributes that tie a control to its hint and its message, for screen readers (pure). */
function describedAttributes(props: Labelled) {
  const id = fieldId(props.name);
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return {
    id,
    name: props.name,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': described || undefined,
  };
}

/** A labelled control with its hint and, when wrong, its message beside it. */
function FieldFrame(props: Labelled & { wrapperId?: string | undefined; children?: Child }) {
  const id = fieldId(props.name);
  return (
    <div class={props.error ? 'field invalid' : 'field'} id={props.wrapperId}>
      <label for={id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <small id={`${id}-hint`} class="muted">
          {props.hint}
        </small>
      )}
      {props.error && (
        <small id={`${id}-err`} class="field-error">
          {props.error}
        </small>
      )}
    </div>
  );
}

/** A labelled input with its message beside it when wrong: the input points at the message for screen readers. */
export function Field(
  props: Labelled & {
    value?: string | undefined;
    type?: string;
    required?: boolean;
    accept?: string;
    multiline?: number;
    inputmode?: 'numeric' | 'text';
    /** The id of a datalist the input suggests from. */
    list?: string;
  },
) {
  const common = { ...describedAttributes(props), required: props.required };
  return (
    <FieldFrame {...props}>
      {props.multiline ? (
        <textarea {...common} rows={props.multiline}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          value={props.type === 'file' ? undefined : props.value}
          accept={props.accept}
          inputmode={props.inputmode}
          list={props.list}
        />
      )}
    </FieldFrame>
  );
}

/** A labelled select with its message beside it when wrong. */
export function Select(props: Labelled & { value: string; options: Array<{ value: string; label: string }> }) {
  return (
    <FieldFrame {...props} wrapperId={`${fieldId(props.name)}-field`}>
      <select {...describedAttributes(props)}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
