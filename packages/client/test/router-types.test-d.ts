/**
 * Type tests, run by tsc (`pnpm typecheck`) and by vitest's typecheck mode (`pnpm test`).
 * The first group proves the client is typed by the router itself; the second pins the
 * contract other apps build on, so a breaking router change fails here, in CI.
 */
import { describe, expectTypeOf, it } from "vitest";
import type * as Server from "@boxoffice/api";
import {
  createBoxofficeClient,
  refusalReason,
  resyncReason,
  type BookingFailureCode,
  type BoxofficeClientError,
  type ResyncReason,
  type RouterInputs,
  type RouterOutputs,
} from "../src/index.ts";

type Client = ReturnType<typeof createBoxofficeClient>;
/** What a subscription delivers (to `onData`, or from `for await`). */
type DataOf<Subscribe extends (...args: never[]) => unknown> =
  ReturnType<Subscribe> extends AsyncIterable<infer Data> ? Data : never;

describe("the client is typed by the server's router", () => {
  it("re-exports the router's input, output and refusal types unchanged", () => {
    expectTypeOf<RouterInputs>().toEqualTypeOf<Server.RouterInputs>();
    expectTypeOf<RouterOutputs>().toEqualTypeOf<Server.RouterOutputs>();
    expectTypeOf<BookingFailureCode>().toEqualTypeOf<Server.BookingFailureCode>();
  });

  it("takes each procedure's input and resolves to its output", () => {
    expectTypeOf<Client["bookings"]["create"]["mutate"]>()
      .parameter(0)
      .toEqualTypeOf<RouterInputs["bookings"]["create"]>();
    expectTypeOf<Client["bookings"]["create"]["mutate"]>().returns.resolves.toEqualTypeOf<
      RouterOutputs["bookings"]["create"]
    >();
    expectTypeOf<Client["events"]["list"]["query"]>()
      .parameter(0)
      .toEqualTypeOf<RouterInputs["events"]["list"]>();
    expectTypeOf<Client["events"]["list"]["query"]>().returns.resolves.toEqualTypeOf<
      RouterOutputs["events"]["list"]
    >();
    expectTypeOf<Client["admin"]["stats"]["query"]>().returns.resolves.toEqualTypeOf<
      RouterOutputs["admin"]["stats"]
    >();
    expectTypeOf<Client["events"]["onSeats"]["subscribe"]>()
      .parameter(0)
      .toEqualTypeOf<RouterInputs["events"]["onSeats"]>();
  });

  it("types error data, including the refusal reason", () => {
    expectTypeOf<
      NonNullable<BoxofficeClientError["data"]>["reason"]
    >().toEqualTypeOf<BookingFailureCode | null>();
    expectTypeOf(refusalReason).returns.toEqualTypeOf<BookingFailureCode | null>();
    expectTypeOf<Client["close"]>().toEqualTypeOf<() => Promise<void>>();
  });

  it("rejects calls the router would reject", () => {
    const client = createBoxofficeClient({ url: "http://127.0.0.1:1" });
    // @ts-expect-error seats is a number
    void client.bookings.create.mutate({ eventId: 1, seats: "2", idempotencyKey: "k-12345678" });
    // @ts-expect-error the idempotency key is required
    void client.bookings.create.mutate({ eventId: 1, seats: 2 });
    // @ts-expect-error there is no such procedure
    void client.events.remove.mutate({ id: 1 });
  });
});

describe("the contract other apps rely on", () => {
  it("keeps accepting the inputs they send", () => {
    expectTypeOf<{
      eventId: number;
      seats: number;
      idempotencyKey: string;
    }>().toExtend<RouterInputs["bookings"]["create"]>();
    expectTypeOf<{ id: number }>().toExtend<RouterInputs["bookings"]["cancel"]>();
    expectTypeOf<{ id: number }>().toExtend<RouterInputs["events"]["byId"]>();
    expectTypeOf<{
      search?: string;
      tags?: string[];
      when?: "upcoming" | "past" | "all";
      cursor?: string | null;
      limit?: number;
    }>().toExtend<RouterInputs["events"]["list"]>();
    expectTypeOf<{
      title: string;
      startsAt: string | number;
      endsAt: string | number;
      capacity: number;
      description?: string;
      location?: string;
      tags?: string[];
      maxSeatsPerBooking?: number;
    }>().toExtend<RouterInputs["events"]["create"]>();
    expectTypeOf<{ email: string; password: string; returnToken: true }>().toExtend<
      RouterInputs["auth"]["login"]
    >();
    expectTypeOf<{ eventIds?: number[]; lastEventId?: string | null }>().toExtend<
      RouterInputs["events"]["onSeats"]
    >();
    expectTypeOf<{ bookingId: number }>().toExtend<RouterInputs["bookings"]["tickets"]>();
    expectTypeOf<{ eventId: number; token: string }>().toExtend<RouterInputs["checkin"]["scan"]>();
    expectTypeOf<{ eventId: number; code: string }>().toExtend<RouterInputs["checkin"]["scan"]>();
    expectTypeOf<{ ticketId: number }>().toExtend<RouterInputs["checkin"]["undo"]>();
  });

  it("keeps returning the fields they read", () => {
    type Event = {
      id: number;
      title: string;
      description: string;
      location: string;
      startsAt: number;
      endsAt: number;
      tags: string[];
      capacity: number;
      availableSeats: number;
      maxSeatsPerBooking: number;
    };
    type Booking = {
      id: number;
      eventId: number;
      seats: number;
      status: "confirmed" | "cancelled" | "cancelled_by_organiser";
      createdAt: number;
    };
    expectTypeOf<RouterOutputs["events"]["byId"]>().toMatchObjectType<Event>();
    expectTypeOf<RouterOutputs["events"]["list"]["items"][number]>().toMatchObjectType<Event>();
    expectTypeOf<RouterOutputs["events"]["list"]["nextCursor"]>().toEqualTypeOf<string | null>();
    expectTypeOf<RouterOutputs["bookings"]["create"]>().toMatchObjectType<{
      booking: Booking;
      replayed: boolean;
      availableSeats: number;
    }>();
    expectTypeOf<RouterOutputs["bookings"]["cancel"]>().toMatchObjectType<Booking>();
    expectTypeOf<RouterOutputs["bookings"]["mine"]["items"][number]>().toMatchObjectType<{
      id: number;
      eventId: number;
      seats: number;
      status: "confirmed" | "cancelled" | "cancelled_by_organiser";
      createdAt: number;
      event: { id: number; title: string; startsAt: number };
    }>();
    expectTypeOf<RouterOutputs["auth"]["login"]>().toMatchObjectType<{
      token: string | null;
      expiresAt: number;
      user: { id: number; email: string; name: string; role: "user" | "admin" };
    }>();
  });

  it("keeps the feed positions snapshots carry, and the resync reasons", () => {
    expectTypeOf<RouterOutputs["events"]["byId"]>().toMatchObjectType<{ feedPosition: string }>();
    expectTypeOf<RouterOutputs["events"]["list"]>().toMatchObjectType<{ feedPosition: string }>();
    expectTypeOf<RouterOutputs["bookings"]["mine"]>().toMatchObjectType<{
      feedPosition: string;
    }>();
    expectTypeOf<{ lastEventId: string }>().toExtend<RouterInputs["events"]["onSeats"]>();
    expectTypeOf(resyncReason).returns.toEqualTypeOf<"TOO_OLD" | "AHEAD" | null>();
    expectTypeOf<
      NonNullable<BoxofficeClientError["data"]>["resync"]
    >().toEqualTypeOf<ResyncReason | null>();
  });

  it("keeps the live seat changes' shape", () => {
    expectTypeOf<DataOf<Client["events"]["onSeats"]["subscribe"]>>().toEqualTypeOf<{
      id: string;
      data: {
        eventId: number;
        availableSeats: number;
        capacity: number;
        checkedIn: number;
        heldSeats: number;
        waitlist: boolean;
        deleted: boolean;
      };
    }>();
    expectTypeOf<DataOf<Client["bookings"]["onMine"]["subscribe"]>["data"]>().toMatchObjectType<{
      eventId: number;
      seats: number;
      waitlistEntryId: number | null;
    }>();
  });

  it("keeps the refusal reasons clients switch on", () => {
    expectTypeOf<
      "SOLD_OUT" | "NOT_ENOUGH_SEATS" | "LIMIT_EXCEEDED" | "EVENT_PAST"
    >().toExtend<BookingFailureCode>();
  });
});
