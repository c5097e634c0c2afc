import { sql, type InferInsertModel, type InferSelectModel } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Times are stored as milliseconds since the Unix epoch (UTC): sortable, compact, unambiguous. */
const timestampNow = (name: string) =>
  integer(name)
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Always stored lower-case; the unique index is what makes sign-up race free. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["user", "admin"] })
      .notNull()
      .default("user"),
    createdAt: timestampNow("created_at"),
  },
  (t) => [check("users_role_known", sql`${t.role} IN ('user', 'admin')`)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** Hex SHA-256 of the session token; the token itself is never stored. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    location: text("location").notNull().default(""),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    imageUrl: text("image_url"),
    /** JSON array of lower-case tags; filtered with json_each. */
    tags: text("tags", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    capacity: integer("capacity").notNull(),
    availableSeats: integer("available_seats").notNull(),
    maxSeatsPerBooking: integer("max_seats_per_booking").notNull().default(10),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestampNow("created_at"),
    updatedAt: timestampNow("updated_at"),
  },
  (t) => [
    check("events_seats_in_range", sql`${t.availableSeats} BETWEEN 0 AND ${t.capacity}`),
    check("events_capacity_positive", sql`${t.capacity} > 0`),
    check("events_max_seats_positive", sql`${t.maxSeatsPerBooking} > 0`),
    check("events_ends_after_start", sql`${t.endsAt} >= ${t.startsAt}`),
    index("events_starts_at_idx").on(t.startsAt, t.id),
    index("events_created_by_idx").on(t.createdBy),
  ],
);

export const bookings = sqliteTable(
  "bookings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    seats: integer("seats").notNull(),
    status: text("status", { enum: ["confirmed", "cancelled"] })
      .notNull()
      .default("confirmed"),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestampNow("created_at"),
    cancelledAt: integer("cancelled_at"),
  },
  (t) => [
    check("bookings_seats_positive", sql`${t.seats} > 0`),
    check("bookings_status_known", sql`${t.status} IN ('confirmed', 'cancelled')`),
    uniqueIndex("bookings_user_idempotency_idx").on(t.userId, t.idempotencyKey),
    index("bookings_event_status_idx").on(t.eventId, t.status),
    index("bookings_user_created_idx").on(t.userId, t.createdAt),
  ],
);

export const bookingLogActions = [
  "booked",
  "cancelled",
  "capacity_changed",
  "event_deleted",
] as const;

/**
 * The audit trail and the change feed live subscriptions replay from. event_id and
 * booking_id deliberately have no foreign keys: the rows must outlive a deleted event.
 */
export const bookingLogs = sqliteTable(
  "booking_logs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id").notNull(),
    bookingId: integer("booking_id"),
    userId: integer("user_id"),
    action: text("action", { enum: bookingLogActions }).notNull(),
    seats: integer("seats").notNull(),
    availableAfter: integer("available_after").notNull(),
    capacityAfter: integer("capacity_after").notNull(),
    createdAt: timestampNow("created_at"),
  },
  (t) => [
    index("booking_logs_event_idx").on(t.eventId, t.id),
    index("booking_logs_user_idx").on(t.userId, t.id),
  ],
);

export type User = InferSelectModel<typeof users>;
export type Session = InferSelectModel<typeof sessions>;
export type Event = InferSelectModel<typeof events>;
export type NewEvent = InferInsertModel<typeof events>;
export type Booking = InferSelectModel<typeof bookings>;
export type BookingLog = InferSelectModel<typeof bookingLogs>;
export type BookingLogAction = (typeof bookingLogActions)[number];
