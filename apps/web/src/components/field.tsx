import { createUniqueId, For, Show, splitProps, type JSX } from "solid-js";

interface FieldOwnProps {
  label: string;
  hint?: string | undefined;
  /** What is wrong with the value: text, or text with a link in it. */
  errors?: JSX.Element[] | undefined;
  id?: string;
}

/**
 * Label, hint and messages around one control, wired with aria-describedby. A message
 * replaces the hint while there is one, so the field says one thing at a time.
 */
function FieldShell(
  props: FieldOwnProps & {
    control: (aria: {
      id: string;
      "aria-invalid": true | undefined;
      "aria-describedby": string | undefined;
    }) => JSX.Element;
  },
) {
  const id = props.id ?? createUniqueId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = () => !!props.errors?.length;
  const describedBy = () => (invalid() ? errorId : props.hint ? hintId : undefined);
  return (
    <div class="field" classList={{ "field-invalid": invalid() }}>
      <label for={id}>{props.label}</label>
      {props.control({
        id,
        get "aria-invalid"() {
          return invalid() ? true : undefined;
        },
        get "aria-describedby"() {
          return describedBy();
        },
      })}
      <Show when={props.hint && !invalid()}>
        <p class="field-hint" id={hintId}>
          {props.hint}
        </p>
      </Show>
      <Show when={invalid()}>
        <ul class="field-errors" id={errorId}>
          <For each={props.errors}>{(message) => <li>{message}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}

const ownKeys = ["label", "hint", "errors", "id"] as const;

export function Field(props: FieldOwnProps & JSX.InputHTMLAttributes<HTMLInputElement>) {
  const [own, input] = splitProps(props, ownKeys);
  return <FieldShell {...own} control={(aria) => <input {...input} {...aria} />} />;
}

export function TextAreaField(
  props: FieldOwnProps & JSX.TextareaHTMLAttributes<HTMLTextAreaElement>,
) {
  const [own, textarea] = splitProps(props, ownKeys);
  return <FieldShell {...own} control={(aria) => <textarea {...textarea} {...aria} />} />;
}

/**
 * The messages a form shows above its fields (role=alert, so they are announced; focusable,
 * so a form can move focus to them).
 */
export function FormErrors(props: { messages: JSX.Element[] }) {
  return (
    <Show when={props.messages.length > 0}>
      <div class="notice notice-error form-errors" role="alert" tabindex="-1">
        <For each={props.messages}>{(message) => <p>{message}</p>}</For>
      </div>
    </Show>
  );
}

/** Moves focus to the first field with a message (or the form's own messages), in view. */
export function focusFirstError(form: HTMLFormElement | undefined): void {
  // After the messages have rendered.
  queueMicrotask(() => {
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>(".form-errors");
    if (!target) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView?.({ block: "center" });
  });
}
