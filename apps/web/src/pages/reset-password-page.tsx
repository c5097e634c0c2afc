import { createSignal, onMount, Show } from "solid-js";
import { A, useNavigate } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { api } from "../lib/api.ts";
import { errorMessage, fieldErrors, formErrors, refusalReason } from "../lib/errors.ts";
import { usePageTitle } from "../lib/page-title.ts";
import { Field, FormErrors, focusFirstError } from "../components/field.tsx";

/**
 * Where an emailed reset link lands: `/reset-password#token=…`. The token travels in the
 * fragment, which browsers never send to a server (nor in a Referer), and leaves the address
 * bar as soon as it is read.
 */
export default function ResetPasswordPage() {
  usePageTitle(() => "Choose a new password");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  let form: HTMLFormElement | undefined;
  const [token, setToken] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [problem, setProblem] = createSignal<string[] | undefined>();
  onMount(() => {
    const found = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
    setToken(found);
    if (found) history.replaceState(history.state, "", window.location.pathname);
  });
  const reset = useMutation(() => ({
    ...api.auth.resetPassword.mutationOptions(),
    onSuccess: () => {
      // Every session ended, this browser's too.
      queryClient.setQueryData(api.auth.me.queryKey(), null);
      navigate("/sign-in?reset=1", { replace: true });
    },
  }));
  const linkBroken = () => refusalReason(reset.error) === "RESET_LINK_INVALID";

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (password().length < 8) {
      setProblem(["Use at least 8 characters."]);
      focusFirstError(form);
      return;
    }
    setProblem(undefined);
    reset.mutate({ token: token(), newPassword: password() });
  };

  return (
    <section class="auth-card" aria-labelledby="reset-heading">
      <h1 id="reset-heading">Choose a new password</h1>
      <Show
        when={token() && !linkBroken()}
        fallback={
          <div class="notice notice-error" role="alert" data-testid="reset-link-broken">
            <p>
              {linkBroken()
                ? errorMessage(reset.error)
                : "This page needs the link from your reset email."}
            </p>
            <p>
              <A href="/forgot-password">Ask for a new link</A>
            </p>
          </div>
        }
      >
        <form ref={form} onSubmit={submit} novalidate>
          <FormErrors messages={formErrors(reset.error, ["newPassword"])} />
          <Field
            label="New password"
            type="password"
            name="new-password"
            autocomplete="new-password"
            hint="At least 8 characters. You will be signed out everywhere."
            required
            value={password()}
            onInput={(event) => setPassword(event.currentTarget.value)}
            errors={problem() ?? fieldErrors(reset.error).newPassword}
          />
          <button
            type="submit"
            class="button button-primary button-block"
            disabled={reset.isPending}
          >
            {reset.isPending ? "Saving…" : "Set new password"}
          </button>
        </form>
      </Show>
    </section>
  );
}
