import { createSignal } from "solid-js";
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { safeNext, useSignUp } from "../auth/session.ts";
import { Field, FormErrors } from "../components/field.tsx";
import { fieldErrors, formErrors } from "../lib/errors.ts";
import { usePageTitle } from "../lib/page-title.ts";

export default function SignUpPage() {
  usePageTitle(() => "Sign up");
  const [params] = useSearchParams<{ next?: string }>();
  const navigate = useNavigate();
  const signUp = useSignUp();
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const errors = () => fieldErrors(signUp.error);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    signUp.mutate(
      { name: name(), email: email(), password: password() },
      { onSuccess: () => navigate(safeNext(params.next), { replace: true }) },
    );
  };

  return (
    <section class="auth-card" aria-labelledby="sign-up-heading">
      <h1 id="sign-up-heading">Create your account</h1>
      <form onSubmit={submit} novalidate>
        <FormErrors messages={formErrors(signUp.error, ["name", "email", "password"])} />
        <Field
          label="Name"
          name="name"
          autocomplete="name"
          required
          value={name()}
          onInput={(event) => setName(event.currentTarget.value)}
          errors={errors().name}
        />
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
          autocomplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters."
          value={password()}
          onInput={(event) => setPassword(event.currentTarget.value)}
          errors={errors().password}
        />
        <button
          type="submit"
          class="button button-primary button-block"
          disabled={signUp.isPending}
        >
          {signUp.isPending ? "Creating account…" : "Sign up"}
        </button>
      </form>
      <p class="auth-switch">
        Already have an account?{" "}
        <A href={params.next ? `/sign-in?next=${encodeURIComponent(params.next)}` : "/sign-in"}>
          Sign in
        </A>
      </p>
    </section>
  );
}
