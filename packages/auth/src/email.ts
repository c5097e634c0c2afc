/** Emails are compared and stored trimmed and lower-case, so one person gets one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
