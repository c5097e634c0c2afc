import { createSignal, Show } from "solid-js";
import { A } from "@solidjs/router";
import { useMutation } from "@tanstack/solid-query";
import { api } from "../lib/api.ts";
import { errorMessage, fieldErrors, formErrors } from "../lib/errors.ts";
import { usePageTitle } from "../lib/page-title.ts";
import { Field, FormErrors, focusFirstError } from "../components/field.tsx";

type PasswordField = "currentPassword" | "newPassword";

/** Change password: this session stays signed in, every other one is signed out. */
export default function ChangePasswordPage() {
  usePageTitle(() => "Change password");
  let form: HTMLFormElement | undefined;
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [problems, setProblems] = createSignal<Partial<Record<PasswordField, string[]>>>({});
  const change = useMutation(() => ({
    ...api.auth.changePassword.mutationOptions(),
    onSuccess: () => {
      setCurrent("");
      setNext("");
    },
    onError: () => focusFirstError(form),
  }));
  const wrongCurrent = () =>
    change.error?.data?.code === "UNAUTHORIZED" ? [errorMessage(change.error)] : undefined;
  const errors = (field: PasswordField) =>
    problems()[field] ??
    (field === "currentPassword" ? wrongCurrent() : undefined) ??
    fieldErrors(change.error)[field];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found: Partial<Record<PasswordField, string[]>> = {};
    if (!current()) found.currentPassword = ["Enter your current password."];
    if (next().length < 8) found.newPassword = ["Use at least 8 characters."];
    setProblems(found);
    if (Object.keys(found).length > 0) focusFirstError(form);
    else change.mutate({ currentPassword: current(), newPassword: next() });
  };

  return (
    <section class="auth-card" aria-labelledby="change-password-heading">
      <h1 id="change-password-heading">Change password</h1>
      <Show when={change.isSuccess}>
        <p class="notice notice-success" role="status" data-testid="password-changed">
          Password changed. Any other device signed in to your account has been signed out.
        </p>
      </Show>
      {/* A wrong current password is said beside that field. */}
      <FormErrors
        messages={formErrors(wrongCurrent() ? null : change.error, [
          "currentPassword",
          "newPassword",
        ])}
      />
      <form ref={form} onSubmit={submit} novalidate>
        <Field
          label="Current password"
          type="password"
          name="current-password"
          autocomplete="current-password"
          required
          value={current()}
          onInput={(event) => setCurrent(event.currentTarget.value)}
          errors={errors("currentPassword")}
        />
        <Field
          label="New password"
          type="password"
          name="new-password"
          autocomplete="new-password"
          hint="At least 8 characters."
          required
          value={next()}
          onInput={(event) => setNext(event.currentTarget.value)}
          errors={errors("newPassword")}
        />
        <button
          type="submit"
          class="button button-primary button-block"
          disabled={change.isPending}
        >
          {change.isPending ? "Saving…" : "Change password"}
        </button>
      </form>
      <p class="auth-switch">
        Forgot it? <A href="/forgot-password">Reset it by email</A>
      </p>
    </section>
  );
}
