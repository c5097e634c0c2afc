import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "@boxoffice/api";
import { errorMessage, fieldErrors, formErrors, waitInWords } from "./errors.ts";

/** An error as the server sends it (see the errorFormatter in packages/api). */
function serverError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from<AppRouter>({
    error: {
      message,
      code: -32600,
      data: { reason: null, zodError: null, retryAfterSeconds: null, ...data },
    },
  });
}

describe("error messages", () => {
  it("puts a rate limit's wait in words", () => {
    expect(waitInWords(1)).toBe("about 1 second");
    expect(waitInWords(42)).toBe("about 42 seconds");
    expect(waitInWords(290)).toBe("about 5 minutes");
    expect(waitInWords(3_600 * 2)).toBe("about 2 hours");
    const limited = serverError("Too many attempts. Try again in 300 s.", {
      code: "TOO_MANY_REQUESTS",
      httpStatus: 429,
      retryAfterSeconds: 300,
    });
    expect(errorMessage(limited)).toBe("Too many attempts; try again in about 5 minutes.");
  });

  it("never shows a zod refusal's raw text; its fields are placed by the form", () => {
    const invalid = serverError("✖ Too small: expected number to be >=1\n  → at changes.capacity", {
      code: "BAD_REQUEST",
      httpStatus: 400,
      zodError: {
        formErrors: [],
        fieldErrors: { "changes.capacity": ["Capacity is at least 1."], id: ["Bad id."] },
      },
    });
    expect(fieldErrors(invalid, "changes")).toEqual({
      capacity: ["Capacity is at least 1."],
      id: ["Bad id."],
    });
    expect(formErrors(invalid, ["capacity"], "changes")).toEqual(["Bad id."]);
    expect(formErrors(invalid, ["capacity", "id"], "changes")).toEqual([]);
    expect(errorMessage(invalid)).not.toContain("✖");
  });
});
