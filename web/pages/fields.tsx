import type { Child } from 'hono/jsx';

/** A labelled input with its message beside it when wrong: the input points at the message for screen readers. */
export function Field(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: string;
  required?: boolean;
  accept?: string;
  multiline?: number;
  inputmode?: 'numeric' | 'text';
  children?: Child;
}) {
  const id = `f-${props.name.replace(/[^\w-]/g, '-')}`;
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-err` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: props.name,
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': described || undefined,
    required: props.required,
  };
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
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
        />
      )}
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
