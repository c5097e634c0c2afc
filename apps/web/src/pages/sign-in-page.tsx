import { createSignal } from "solid-js";
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { safeNext, useSignIn } from "../auth/session.ts";
import { Field, FormErrors } from "../components/field.tsx";
import { fieldErrors, formErrors } from "../lib/errors.ts";
import { usePageTitle } from "../lib/page-title.ts";

export default function SignInPage() {
  usePageTitle(() => "Sign in");
  const [params] = useSearchParams<{ next?: string }>();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const errors = () => fieldErrors(signIn.error);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email: email(), password: password() },
      { onSuccess: () => navigate(safeNext(params.next), { replace: true }) },
    );
  };

  return (
    <section class="auth-card" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      <form onSubmit={submit} novalidate>
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
        New here?{" "}
        <A href={params.next ? `/sign-up?next=${encodeURIComponent(params.next)}` : "/sign-up"}>
          Create an account
        </A>
      </p>
    </section>
  );
}
