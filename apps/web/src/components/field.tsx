import { createUniqueId, For, Show, splitProps, type JSX } from "solid-js";

interface FieldOwnProps {
  label: string;
  hint?: string;
  errors?: string[] | undefined;
  id?: string;
}

/** Label, hint and the server's messages around one control, wired with aria-describedby. */
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
  const describedBy = () =>
    [props.hint ? hintId : "", invalid() ? errorId : ""].filter(Boolean).join(" ") || undefined;
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
      <Show when={props.hint}>
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

/** The messages a form shows above its fields (role=alert, so they are announced). */
export function FormErrors(props: { messages: string[] }) {
  return (
    <Show when={props.messages.length > 0}>
      <div class="notice notice-error" role="alert">
        <For each={props.messages}>{(message) => <p>{message}</p>}</For>
      </div>
    </Show>
  );
}
