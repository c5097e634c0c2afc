import { createSignal, Show, type JSX } from "solid-js";

/**
 * A destructive action in two steps, inline: the first click asks, and focus moves to the
 * confirming button so a keyboard user can confirm with Enter or back out with Escape.
 */
export function ConfirmButton(props: {
  label: string;
  question: string;
  confirmLabel: string;
  cancelLabel?: string;
  pending?: boolean;
  onConfirm: () => void;
  children?: JSX.Element;
}) {
  const [asking, setAsking] = createSignal(false);
  let trigger: HTMLButtonElement | undefined;
  const back = () => {
    setAsking(false);
    trigger?.focus();
  };
  return (
    <Show
      when={asking()}
      fallback={
        <button
          type="button"
          class="button button-small"
          ref={trigger}
          disabled={props.pending}
          onClick={() => setAsking(true)}
        >
          {props.label}
        </button>
      }
    >
      <span
        class="confirm"
        role="group"
        aria-label={props.question}
        onKeyDown={(event) => event.key === "Escape" && back()}
      >
        <span class="confirm-question">{props.question}</span>
        <button
          type="button"
          class="button button-small button-danger"
          ref={(element) => queueMicrotask(() => element.focus())}
          disabled={props.pending}
          onClick={() => {
            setAsking(false);
            props.onConfirm();
          }}
        >
          {props.confirmLabel}
        </button>
        <button type="button" class="button button-small" onClick={back}>
          {props.cancelLabel ?? "Keep"}
        </button>
      </span>
    </Show>
  );
}
