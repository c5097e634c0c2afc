import { createEffect, createSignal, on } from "solid-js";
import { A, useSearchParams } from "@solidjs/router";
import { looksLikeEmail, useSignUp } from "../auth/session.ts";
import { Field, focusFirstError, FormErrors } from "../components/field.tsx";
import { fieldErrors, formErrors } from "../lib/errors.ts";
import { usePageTitle } from "../lib/page-title.ts";

type SignUpField = "name" | "email" | "password";

/** The server's rules, checked first so each field says one thing, in words. */
function checkSignUp(values: Record<SignUpField, string>) {
  const errors: Partial<Record<SignUpField, string[]>> = {};
  const name = values.name.trim();
  if (!name) errors.name = ["Tell us your name."];
  else if (name.length > 100) errors.name = ["Keep your name to 100 characters or fewer."];
  if (!looksLikeEmail(values.email)) errors.email = ["Enter a valid email address."];
  if (values.password.length < 8) errors.password = ["Use at least 8 characters."];
  else if (values.password.length > 256) errors.password = ["Use at most 256 characters."];
  return errors;
}

export default function SignUpPage() {
  usePageTitle(() => "Sign up");
  const [params] = useSearchParams<{ next?: string }>();
  const signUp = useSignUp();
  let form: HTMLFormElement | undefined;
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [localErrors, setLocalErrors] = createSignal<Partial<Record<SignUpField, string[]>>>({});
  const withNext = (path: string) =>
    params.next ? `${path}?next=${encodeURIComponent(params.next)}` : path;
  // The only conflict sign-up has: the email is taken. Say so beside it, with the way out.
  const emailTaken = () => signUp.error?.data?.code === "CONFLICT";
  const emailTakenMessage = (
    <>
      An account with this email already exists. <A href={withNext("/sign-in")}>Sign in instead</A>
    </>
  );
  const errors = () => ({
    ...fieldErrors(signUp.error),
    ...(emailTaken() ? { email: [emailTakenMessage] } : {}),
    ...localErrors(),
  });
  createEffect(
    on(
      () => signUp.error,
      (error) => error && focusFirstError(form),
      { defer: true },
    ),
  );

  // Success needs nothing here: the route sends a signed-in person on to `next`.
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const values = { name: name(), email: email(), password: password() };
    const problems = checkSignUp(values);
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) focusFirstError(form);
    else signUp.mutate(values);
  };

  return (
    <section class="auth-card" aria-labelledby="sign-up-heading">
      <h1 id="sign-up-heading">Create your account</h1>
      <form ref={form} onSubmit={submit} novalidate>
        <FormErrors
          messages={emailTaken() ? [] : formErrors(signUp.error, ["name", "email", "password"])}
        />
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
        Already have an account? <A href={withNext("/sign-in")}>Sign in</A>
      </p>
    </section>
  );
}
