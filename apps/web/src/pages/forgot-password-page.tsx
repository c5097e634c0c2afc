import { createSignal, Show } from "solid-js";
import { A } from "@solidjs/router";
import { useMutation } from "@tanstack/solid-query";
import { api } from "../lib/api.ts";
import { fieldErrors, formErrors } from "../lib/errors.ts";
import { usePageTitle } from "../lib/page-title.ts";
import { looksLikeEmail } from "../auth/session.ts";
import { Field, FormErrors, focusFirstError } from "../components/field.tsx";

/** "Forgot password": the same answer whether or not the email has an account. */
export default function ForgotPasswordPage() {
  usePageTitle(() => "Forgot password");
  let form: HTMLFormElement | undefined;
  const [email, setEmail] = createSignal("");
  const [problem, setProblem] = createSignal<string[] | undefined>();
  const request = useMutation(() => api.auth.requestPasswordReset.mutationOptions());

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!looksLikeEmail(email())) {
      setProblem(["Enter the email address you signed up with."]);
      focusFirstError(form);
      return;
    }
    setProblem(undefined);
    request.mutate({ email: email().trim() });
  };

  return (
    <section class="auth-card" aria-labelledby="forgot-heading">
      <h1 id="forgot-heading">Forgot your password?</h1>
      <Show
        when={request.isSuccess && request.data}
        fallback={
          <form ref={form} onSubmit={submit} novalidate>
            <p class="muted">We will email you a link to choose a new one.</p>
            <FormErrors messages={formErrors(request.error, ["email"])} />
            <Field
              label="Email"
              type="email"
              name="email"
              autocomplete="email"
              required
              value={email()}
              onInput={(event) => setEmail(event.currentTarget.value)}
              errors={problem() ?? fieldErrors(request.error).email}
            />
            <button
              type="submit"
              class="button button-primary button-block"
              disabled={request.isPending}
            >
              {request.isPending ? "Sending…" : "Email me a reset link"}
            </button>
          </form>
        }
      >
        {(answer) => (
          <p class="notice notice-success" role="status" data-testid="reset-requested">
            {answer().message}
          </p>
        )}
      </Show>
      <p class="auth-switch">
        Remembered it? <A href="/sign-in">Sign in</A>
      </p>
    </section>
  );
}
