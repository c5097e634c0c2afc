import { createEffect, createSignal, on, Show } from "solid-js";
import { A, useSearchParams } from "@solidjs/router";
import { looksLikeEmail, useSignIn } from "../auth/session.ts";
import { Field, focusFirstError, FormErrors } from "../components/field.tsx";
import { fieldErrors, formErrors } from "../lib/errors.ts";
import { usePageTitle } from "../lib/page-title.ts";

type SignInField = "email" | "password";

export default function SignInPage() {
  usePageTitle(() => "Sign in");
  const [params] = useSearchParams<{ next?: string; reset?: string }>();
  const signIn = useSignIn();
  let form: HTMLFormElement | undefined;
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [localErrors, setLocalErrors] = createSignal<Partial<Record<SignInField, string[]>>>({});
  const errors = () => ({ ...fieldErrors(signIn.error), ...localErrors() });
  createEffect(
    on(
      () => signIn.error,
      (error) => error && focusFirstError(form),
      { defer: true },
    ),
  );

  // Success needs nothing here: the route sends a signed-in person on to `next`.
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problems: Partial<Record<SignInField, string[]>> = {};
    if (!looksLikeEmail(email())) problems.email = ["Enter a valid email address."];
    if (!password()) problems.password = ["Enter your password."];
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) focusFirstError(form);
    else signIn.mutate({ email: email(), password: password() });
  };

  return (
    <section class="auth-card" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      <Show when={params.reset === "1"}>
        <p class="notice notice-success" role="status">
          Your password is changed. Sign in with the new one.
        </p>
      </Show>
      <form ref={form} onSubmit={submit} novalidate>
        <FormErrors messages={formErrors(signIn.error, ["email", "password"])} />
        <Field
          label="Email"
          type="email"
          name="email"
          autocomplete="email"
          required
          value={email()}
          onInput={(event) => setEmail(event.currentTarget.value)}
          errors={errors().email}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(event) => setPassword(event.currentTarget.value)}
          errors={errors().password}
        />
        <button
          type="submit"
          class="button button-primary button-block"
          disabled={signIn.isPending}
        >
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p class="auth-switch">
        <A href="/forgot-password">Forgot your password?</A>
      </p>
      <p class="auth-switch">
        New here?{" "}
        <A href={params.next ? `/sign-up?next=${encodeURIComponent(params.next)}` : "/sign-up"}>
          Create an account
        </A>
      </p>
    </section>
  );
}
