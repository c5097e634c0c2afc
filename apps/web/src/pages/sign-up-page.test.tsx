import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SignedOutOnly } from "../auth/require-auth.tsx";
import { renderRouted } from "../testing/render-routed.tsx";
import { seededQueryClient, withQueryClient } from "../testing/query-client.tsx";
import { refuseEveryCall } from "../testing/stub-fetch.ts";
import SignUpPage from "./sign-up-page.tsx";

afterEach(() => vi.unstubAllGlobals());

function openSignUp(path = "/sign-up") {
  return renderRouted(withQueryClient(seededQueryClient(), SignUpPage), path, "/sign-up");
}

function fillIn(name: string, email: string, password: string) {
  fireEvent.input(screen.getByLabelText("Name"), { target: { value: name } });
  fireEvent.input(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.input(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign up" }));
}

describe("the sign-up page", () => {
  it("says once, beside the field, that a password is too short", async () => {
    const fetchMock = refuseEveryCall("BAD_REQUEST", "unused");
    openSignUp();
    fillIn("Erin", "erin@example.com", "short");
    const password = screen.getByLabelText("Password");
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(screen.getAllByText(/8 characters/)).toHaveLength(1);
    const describedBy = password.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(describedBy)).toHaveTextContent("Use at least 8 characters.");
    await waitFor(() => expect(password).toHaveFocus());
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("offers a link to sign in when the email is taken", async () => {
    refuseEveryCall("CONFLICT", "An account with this email already exists. Sign in instead.");
    openSignUp("/sign-up?next=%2Fbookings");
    fillIn("John", "john@example.com", "password123");
    const link = await screen.findByRole("link", { name: "Sign in instead" });
    expect(link).toHaveAttribute("href", "/sign-in?next=%2Fbookings");
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText(/Sign in instead\./)).not.toBeInTheDocument();
  });

  it("puts a rate limit's wait in words", async () => {
    refuseEveryCall("TOO_MANY_REQUESTS", "Too many attempts. Try again in 300 s.", {
      retryAfterSeconds: 300,
    });
    openSignUp();
    fillIn("Erin", "erin@example.com", "password123");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Too many attempts; try again in about 5 minutes.",
    );
  });
});

describe("sign in and sign up when signed in", () => {
  it("send the person on to where they were going", async () => {
    const queryClient = seededQueryClient({
      id: 2,
      email: "john@example.com",
      name: "John",
      role: "user",
    });
    const { history } = renderRouted(
      withQueryClient(queryClient, () => (
        <SignedOutOnly>
          <p>the form</p>
        </SignedOutOnly>
      )),
      "/sign-in?next=%2Fbookings",
      "/sign-in",
    );
    await waitFor(() => expect(history.get()).toBe("/bookings"));
    expect(screen.queryByText("the form")).not.toBeInTheDocument();
  });
});
