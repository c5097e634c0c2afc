import fc from "fast-check";
import type { Event } from "@boxoffice/db";
import { testPassword, type TestUser } from "../harness.ts";
import { day, hour } from "./fixtures.ts";
import {
  anyString,
  badEmail,
  badNewPassword,
  badTags,
  badTimestamp,
  hostileString,
  lettersBetween,
  notAnId,
  notAnObject,
  notAString,
  oneBadField,
  outsideRange,
  unknownId,
} from "./hostile-inputs.ts";

/** The data the generators aim at: an admin (the only one) and events in every state. */
export interface World {
  admin: TestUser;
  holder: TestUser;
  /** Upcoming, 100 seats, max 10 per booking; 6 booked (5 by `holder`, 1 by the admin). */
  open: Event;
  past: Event;
  soldOut: Event;
  /** 2 of 5 seats left. */
  nearlyFull: Event;
  /** The admin's own booking on `open`: 1 seat, key "admin-key-0001". */
  adminKey: string;
  cancelledBookingId: number;
}

export interface Spec {
  path: string;
  type: "query" | "mutation";
  /** Absent for procedures without input: they ignore what they are sent. */
  inputs?: (world: World) => fc.Arbitrary<unknown>;
}

const status = fc.oneof(fc.constantFrom("CONFIRMED", "pending", "all", ""), notAString);
const encoded = (json: string) => Buffer.from(json).toString("base64url");
/** Too long, garbage, or well-encoded but not a position ([], three values, a fractional id). */
const cursor = fc.oneof(
  lettersBetween(201, 400),
  anyString.filter((s) => s !== "" && s.length <= 200),
  fc.constantFrom(encoded("[]"), encoded("[1,2,3]"), encoded("[1,1.5]"), encoded('{"id":1}')),
  notAString,
);
/** Event lists sort by a number, so a cursor carrying a string is not theirs. */
const eventsCursor = fc.oneof(cursor, fc.constant(encoded('["x",1]')));
const limit = outsideRange(1, 100);
/**
 * Text holding a control character other than tab and line breaks: refused in every field
 * (SQLite stops reading text at a NUL, so "\u0000x" would read back as "").
 */
const withControl = fc
  .tuple(anyString, fc.constantFrom("\u0000", "\u0001", "\u0008", "\u001b", "\u007f"), anyString)
  .map(([before, control, after]) => `${before}${control}${after}`);
/** Keys are 8–100 of letters, digits and . _ : - ("__proto__" and "undefined" are fine keys). */
const idempotencyKey = fc.oneof(
  fc.stringMatching(/^[a-z0-9]{0,7}$/),
  lettersBetween(101, 200),
  hostileString.filter((s) => !/^[\w.:-]{8,100}$/.test(s)),
  fc.constantFrom("has space 123", "semi;colon-123", "quote'quote", "ünïcödé-key"),
  notAString,
  fc.constant(null),
);
/** Requests that reach argon2 (tens of ms each): a tenth of the cases is plenty. */
const slow = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 1 });
const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 4 });

const validKey = fc.stringMatching(/^bad-input-[a-z0-9]{8}$/);
const eventFields = {
  title: fc.oneof(
    fc.constantFrom("", "   ", "\n\t", "\u0000x"),
    lettersBetween(201, 400),
    withControl,
    notAString,
  ),
  description: fc.oneof(lettersBetween(10_001, 12_000), withControl, notAString),
  location: fc.oneof(lettersBetween(201, 400), withControl, notAString),
  startsAt: badTimestamp,
  endsAt: badTimestamp,
  imageUrl: fc.oneof(
    fc.constantFrom("javascript:alert(1)", "ftp://example.com/a.png", "not a url", "//x.png"),
    fc.constant(`https://example.com/${"x".repeat(2_000)}.png`),
    hostileString,
    notAString,
  ),
  tags: badTags,
  capacity: outsideRange(1, 1_000_000),
  maxSeatsPerBooking: outsideRange(1, 100),
};
/** A valid event to break one field of; also what the oversized-body test sends. */
const inAWeek = Date.now() + 7 * day;
export const validEvent = {
  title: "Valid",
  startsAt: inAWeek,
  endsAt: inAWeek + hour,
  capacity: 10,
};

/** Every procedure, and input it must refuse: broken fields, wrong shapes, refused requests. */
export const specs: Spec[] = [
  {
    path: "auth.register",
    type: "mutation",
    inputs: (w) =>
      fc.oneof(
        often(notAnObject),
        often(
          oneBadField(
            { email: "new-person@example.com", name: "New Person", password: "long enough pw" },
            {
              email: badEmail,
              name: fc.oneof(
                fc.constantFrom("", "  ", "\u0000Mallory"),
                lettersBetween(101, 200),
                withControl,
                notAString,
              ),
              password: badNewPassword,
              returnToken: fc.oneof(anyString, fc.integer(), fc.constant(null)),
            },
            ["email", "name", "password"],
          ),
        ),
        // Taken, in any letter case.
        slow(
          fc
            .constantFrom(w.admin.email, w.admin.email.toUpperCase())
            .map((email) => ({ email, name: "Again", password: "long enough pw" })),
        ),
      ),
  },
  {
    path: "auth.login",
    type: "mutation",
    inputs: (w) =>
      fc.oneof(
        often(notAnObject),
        often(
          oneBadField(
            { email: "someone@example.com", password: "whatever" },
            {
              email: badEmail,
              password: fc.oneof(fc.constant(""), lettersBetween(257, 300), notAString),
              returnToken: fc.oneof(anyString, fc.integer()),
            },
            ["email", "password"],
          ),
        ),
        slow(
          fc.record({
            email: fc.constantFrom(w.admin.email, "nobody@example.com"),
            password: fc
              .oneof(anyString, hostileString)
              .filter((p) => p !== "" && p !== testPassword),
          }),
        ),
      ),
  },
  { path: "auth.logout", type: "mutation" },
  { path: "auth.me", type: "query" },
  {
    path: "auth.changePassword",
    type: "mutation",
    inputs: () =>
      fc.oneof(
        often(notAnObject),
        often(
          oneBadField(
            { currentPassword: testPassword, newPassword: "a new password" },
            {
              currentPassword: fc.oneof(fc.constant(""), lettersBetween(257, 300), notAString),
              newPassword: badNewPassword,
            },
            ["currentPassword", "newPassword"],
          ),
        ),
        slow(
          fc.record({
            currentPassword: anyString.filter((p) => p !== "" && p !== testPassword),
            newPassword: fc.constant("a new password"),
          }),
        ),
      ),
  },
  {
    path: "auth.requestPasswordReset",
    type: "mutation",
    inputs: () => fc.oneof(notAnObject, fc.record({ email: badEmail })),
  },
  {
    path: "auth.resetPassword",
    type: "mutation",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField(
          { token: "a-token-nobody-was-sent", newPassword: "a new password" },
          {
            token: fc.oneof(fc.constant(""), lettersBetween(201, 300), notAString),
            newPassword: badNewPassword,
          },
        ),
        // Well formed, but no such link: refused before argon2 runs.
        fc.record({
          token: lettersBetween(1, 200),
          newPassword: fc.constant("a new password"),
        }),
      ),
  },
  {
    path: "events.list",
    type: "query",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField(
          {},
          {
            search: fc.oneof(
              lettersBetween(201, 1_000),
              withControl,
              notAString,
              fc.constant(null),
            ),
            tags: badTags,
            from: badTimestamp,
            to: badTimestamp,
            when: fc.oneof(fc.constantFrom("soon", "UPCOMING", ""), notAString, fc.constant(null)),
            sort: fc.oneof(fc.constantFrom("oldest", "title; --", ""), notAString),
            cursor: eventsCursor,
            limit,
          },
        ),
      ),
  },
  {
    path: "events.byId",
    type: "query",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField({ id: 1 }, { id: notAnId }, ["id"]),
        unknownId.map((id) => ({ id })),
      ),
  },
  {
    path: "events.create",
    type: "mutation",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField(validEvent, eventFields, ["title", "startsAt", "endsAt", "capacity"]),
        fc
          .integer({ min: 1, max: 30 * day })
          .map((gap) => ({ ...validEvent, endsAt: inAWeek - gap })),
      ),
  },
  {
    path: "events.update",
    type: "mutation",
    inputs: (w) =>
      fc.oneof(
        notAnObject,
        oneBadField(
          { id: w.open.id, changes: { title: "Renamed" } },
          { id: notAnId, changes: notAnObject },
          ["id", "changes"],
        ),
        oneBadField({ title: "Renamed" }, eventFields).map((changes) => ({
          id: w.open.id,
          changes,
        })),
        unknownId.map((id) => ({ id, changes: { title: "Renamed" } })),
        fc
          .constantFrom(
            { capacity: 4 }, // below the 6 booked
            { capacity: 1, title: "Renamed" },
            { endsAt: w.open.startsAt - 1 },
            { startsAt: w.open.endsAt + hour },
            { startsAt: inAWeek + hour, endsAt: inAWeek },
          )
          .map((changes) => ({ id: w.open.id, changes })),
      ),
  },
  {
    path: "events.delete",
    type: "mutation",
    inputs: (w) =>
      fc.oneof(
        notAnObject,
        fc.record({ id: notAnId }),
        fc.record({ id: unknownId }),
        fc.constant({ id: w.open.id }), // has bookings: cancel it instead
      ),
  },
  {
    path: "events.cancel",
    type: "mutation",
    inputs: (w) =>
      fc.oneof(
        notAnObject,
        oneBadField(
          { id: w.open.id, message: "Called off" },
          {
            id: notAnId,
            message: fc.oneof(
              fc.constantFrom("", "   ", "\n"),
              lettersBetween(2_001, 2_100),
              withControl,
              notAString,
            ),
          },
        ),
        fc.record({ id: unknownId, message: fc.constant("Called off") }),
      ),
  },
  {
    path: "bookings.create",
    type: "mutation",
    inputs: (w) =>
      fc.oneof(
        notAnObject,
        oneBadField(
          { eventId: w.open.id, seats: 1, idempotencyKey: "bad-input-valid-key" },
          { eventId: notAnId, seats: outsideRange(1, 100), idempotencyKey },
          ["eventId", "seats", "idempotencyKey"],
        ),
        fc.record({
          eventId: unknownId,
          seats: fc.integer({ min: 1, max: 100 }),
          idempotencyKey: validKey,
        }),
        fc.record({
          eventId: fc.constant(w.past.id),
          seats: fc.constant(1),
          idempotencyKey: validKey,
        }),
        fc.record({
          eventId: fc.constant(w.soldOut.id),
          seats: fc.integer({ min: 1, max: 10 }),
          idempotencyKey: validKey,
        }),
        fc.record({
          eventId: fc.constant(w.open.id),
          seats: fc.integer({ min: 11, max: 100 }),
          idempotencyKey: validKey,
        }),
        fc.record({
          eventId: fc.constant(w.nearlyFull.id),
          seats: fc.integer({ min: 3, max: 10 }),
          idempotencyKey: validKey,
        }),
        // The admin's key again, for a different booking.
        fc.constantFrom(
          { eventId: w.open.id, seats: 2, idempotencyKey: w.adminKey },
          { eventId: w.nearlyFull.id, seats: 1, idempotencyKey: w.adminKey },
        ),
      ),
  },
  {
    path: "bookings.cancel",
    type: "mutation",
    inputs: (w) =>
      fc.oneof(
        notAnObject,
        oneBadField({ id: 1 }, { id: notAnId }, ["id"]),
        unknownId.map((id) => ({ id })),
        fc.constant({ id: w.cancelledBookingId }),
      ),
  },
  {
    path: "bookings.byId",
    type: "query",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField({ id: 1 }, { id: notAnId }, ["id"]),
        unknownId.map((id) => ({ id })),
      ),
  },
  {
    path: "bookings.mine",
    type: "query",
    inputs: () => fc.oneof(notAnObject, oneBadField({}, { status, cursor, limit })),
  },
  {
    path: "bookings.heldForEvent",
    type: "query",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField({ eventId: 1 }, { eventId: notAnId }, ["eventId"]),
        unknownId.map((eventId) => ({ eventId })),
      ),
  },
  {
    path: "bookings.forEvent",
    type: "query",
    inputs: (w) =>
      fc.oneof(
        notAnObject,
        oneBadField({ eventId: w.open.id }, { eventId: notAnId, status, cursor, limit }, [
          "eventId",
        ]),
        unknownId.map((eventId) => ({ eventId })),
      ),
  },
  {
    path: "admin.users.list",
    type: "query",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField(
          {},
          { search: fc.oneof(lettersBetween(201, 1_000), withControl, notAString), cursor, limit },
        ),
      ),
  },
  {
    path: "admin.users.promote",
    type: "mutation",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField({ userId: 1 }, { userId: notAnId }, ["userId"]),
        unknownId.map((userId) => ({ userId })),
      ),
  },
  {
    path: "admin.users.demote",
    type: "mutation",
    inputs: (w) =>
      fc.oneof(
        notAnObject,
        oneBadField({ userId: 1 }, { userId: notAnId }, ["userId"]),
        unknownId.map((userId) => ({ userId })),
        fc.constant({ userId: w.admin.id }), // the last admin
      ),
  },
  { path: "admin.stats", type: "query" },
  {
    path: "waitlist.join",
    type: "mutation",
    inputs: (w) =>
      fc.oneof(
        notAnObject,
        oneBadField(
          { eventId: w.soldOut.id, seats: 1 },
          { eventId: notAnId, seats: outsideRange(1, 100) },
          ["eventId", "seats"],
        ),
        fc.record({ eventId: unknownId, seats: fc.integer({ min: 1, max: 10 }) }),
        fc.record({ eventId: fc.constant(w.past.id), seats: fc.integer({ min: 1, max: 10 }) }),
        // Seats that are there to book, and more than one booking may hold.
        fc.record({ eventId: fc.constant(w.open.id), seats: fc.integer({ min: 1, max: 10 }) }),
        fc.record({ eventId: fc.constant(w.soldOut.id), seats: fc.integer({ min: 11, max: 100 }) }),
      ),
  },
  {
    path: "waitlist.leave",
    type: "mutation",
    inputs: (w) =>
      fc.oneof(
        notAnObject,
        oneBadField({ eventId: 1 }, { eventId: notAnId }, ["eventId"]),
        // Nobody is on any list.
        fc.oneof(unknownId, fc.constantFrom(w.open.id, w.soldOut.id)).map((eventId) => ({
          eventId,
        })),
      ),
  },
  { path: "waitlist.mine", type: "query" },
  {
    path: "waitlist.claim",
    type: "mutation",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField(
          { offerId: 1, idempotencyKey: "bad-input-valid-key" },
          { offerId: notAnId, idempotencyKey },
          ["offerId", "idempotencyKey"],
        ),
        fc.record({ offerId: unknownId, idempotencyKey: validKey }),
      ),
  },
  {
    path: "waitlist.decline",
    type: "mutation",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField({ offerId: 1 }, { offerId: notAnId }, ["offerId"]),
        unknownId.map((offerId) => ({ offerId })),
      ),
  },
  {
    path: "waitlist.forEvent",
    type: "query",
    inputs: (w) =>
      fc.oneof(
        notAnObject,
        oneBadField({ eventId: w.open.id }, { eventId: notAnId, cursor, limit }, ["eventId"]),
        unknownId.map((eventId) => ({ eventId })),
      ),
  },
  {
    path: "admin.emails.list",
    type: "query",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField(
          {},
          {
            status: fc.oneof(fc.constantFrom("SENT", "failed", ""), notAString, fc.constant(null)),
            cursor,
            limit,
          },
        ),
      ),
  },
  {
    path: "admin.emails.byId",
    type: "query",
    inputs: () => fc.oneof(notAnObject, fc.record({ id: fc.oneof(notAnId, unknownId) })),
  },
  {
    path: "admin.emails.retry",
    type: "mutation",
    inputs: () => fc.oneof(notAnObject, fc.record({ id: fc.oneof(notAnId, unknownId) })),
  },
  {
    path: "admin.auditLog",
    type: "query",
    inputs: () =>
      fc.oneof(
        notAnObject,
        oneBadField(
          {},
          {
            eventId: notAnId,
            userId: notAnId,
            action: fc.oneof(
              fc.constantFrom("deleted", "BOOKED", ""),
              notAString,
              fc.constant(null),
            ),
            cursor,
            limit,
          },
        ),
      ),
  },
];
