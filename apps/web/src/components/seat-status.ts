import type { RouterOutputs } from "@boxoffice/api";
import { plural } from "../lib/format.ts";

type SeatFacts = Pick<
  RouterOutputs["events"]["byId"],
  "availableSeats" | "capacity" | "startsAt" | "status"
>;

export type SeatStatus =
  | { kind: "cancelled" }
  | { kind: "past" }
  | { kind: "sold-out" }
  | { kind: "few"; left: number }
  | { kind: "available"; left: number };

/** Bookable until it starts (as the server decides); "few" when about a tenth is left. */
export function seatStatus(event: SeatFacts, now: number): SeatStatus {
  if (event.status === "cancelled") return { kind: "cancelled" };
  if (event.startsAt <= now) return { kind: "past" };
  const left = event.availableSeats;
  if (left <= 0) return { kind: "sold-out" };
  if (left <= Math.max(3, Math.ceil(event.capacity * 0.1))) return { kind: "few", left };
  return { kind: "available", left };
}

export function seatStatusLabel(status: SeatStatus): string {
  switch (status.kind) {
    case "cancelled":
      return "Cancelled";
    case "past":
      return "Past event";
    case "sold-out":
      return "Sold out";
    case "few":
      return `Only ${plural(status.left, "seat")} left`;
    case "available":
      return `${plural(status.left, "seat")} left`;
  }
}
