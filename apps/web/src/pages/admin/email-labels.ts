import type { RouterOutputs } from "@boxoffice/api";

export type EmailSummary = RouterOutputs["admin"]["emails"]["list"]["items"][number];
export type EmailStatus = EmailSummary["status"];

export const kindLabels: Record<EmailSummary["kind"], string> = {
  booking_confirmed: "Booking confirmed",
  booking_cancelled: "Booking cancelled",
  event_changed: "Event changed",
  event_cancelled: "Event cancelled",
  waitlist_offer: "Waiting-list offer",
  password_reset: "Password reset",
  reminder: "Reminder",
};

export const statusLabels: Record<EmailStatus, string> = {
  pending: "Waiting",
  sent: "Sent",
  dead: "Gave up",
  cancelled: "Not needed",
};

/** Badge colours shared with bookings: sent is good news, gave up is bad news. */
export const statusBadge: Record<EmailStatus, string> = {
  pending: "few",
  sent: "confirmed",
  dead: "cancelled",
  cancelled: "past",
};
