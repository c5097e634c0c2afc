import { sql, type InferInsertModel, type InferSelectModel } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

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
    /** Seats one person may hold in total (confirmed bookings and waiting-list offers). */
    maxSeatsPerPerson: integer("max_seats_per_person").notNull().default(10),
    /**
     * Seats offered to the waiting list and held for the person offered them: neither
     * available nor confirmed. available + held + confirmed seats = capacity.
     */
    heldSeats: integer("held_seats").notNull().default(0),
    waitlistEnabled: integer("waitlist_enabled", { mode: "boolean" }).notNull().default(true),
    /** How long a waiting-list offer holds its seats. */
    waitlistOfferMinutes: integer("waitlist_offer_minutes").notNull().default(60),
    /** Tickets of this event let in; kept in step with tickets.checked_in_at by check-in. */
    checkedIn: integer("checked_in").notNull().default(0),
    /** IANA zone the event happens in (e.g. Europe/London); times are shown in it. */
    timezone: text("timezone").notNull().default("UTC"),
    /** A cancelled event keeps its page and its bookings (marked cancelled_by_organiser). */
    status: text("status", { enum: ["scheduled", "cancelled"] })
      .notNull()
      .default("scheduled"),
    cancelledAt: integer("cancelled_at"),
    cancellationMessage: text("cancellation_message"),
    /**
     * Title, description and location folded for search (lower case, accents removed),
     * written by the event commands; the events_search trigram index covers it.
     */
    searchText: text("search_text"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestampNow("created_at"),
    updatedAt: timestampNow("updated_at"),
  },
  (t) => [
    check("events_seats_in_range", sql`${t.availableSeats} BETWEEN 0 AND ${t.capacity}`),
    check(
      "events_held_in_range",
      sql`${t.heldSeats} BETWEEN 0 AND ${t.capacity} - ${t.availableSeats}`,
    ),
    check("events_capacity_positive", sql`${t.capacity} > 0`),
    check("events_max_seats_positive", sql`${t.maxSeatsPerBooking} > 0`),
    check("events_max_per_person_positive", sql`${t.maxSeatsPerPerson} > 0`),
    check("events_offer_window", sql`${t.waitlistOfferMinutes} BETWEEN 1 AND 10080`),
    check("events_checked_in_positive", sql`${t.checkedIn} >= 0`),
    check("events_ends_after_start", sql`${t.endsAt} >= ${t.startsAt}`),
    check("events_status_known", sql`${t.status} IN ('scheduled', 'cancelled')`),
    index("events_starts_at_idx").on(t.startsAt, t.id),
    index("events_created_by_idx").on(t.createdBy),
  ],
);

export const bookingStatuses = ["confirmed", "cancelled", "cancelled_by_organiser"] as const;

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
    status: text("status", { enum: bookingStatuses }).notNull().default("confirmed"),
    /** What a person reads out at the door or types into a form: `BX-7K3QPM`. */
    reference: text("reference").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestampNow("created_at"),
    cancelledAt: integer("cancelled_at"),
  },
  (t) => [
    check("bookings_seats_positive", sql`${t.seats} > 0`),
    check(
      "bookings_status_known",
      sql`${t.status} IN ('confirmed', 'cancelled', 'cancelled_by_organiser')`,
    ),
    uniqueIndex("bookings_user_idempotency_idx").on(t.userId, t.idempotencyKey),
    uniqueIndex("bookings_reference_idx").on(t.reference),
    index("bookings_event_status_idx").on(t.eventId, t.status),
    index("bookings_event_user_idx").on(t.eventId, t.userId),
    index("bookings_user_created_idx").on(t.userId, t.createdAt),
  ],
);

/** One per seat of a confirmed booking, made and voided with it. */
export const tickets = sqliteTable(
  "tickets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bookingId: integer("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** 1…n within its booking. */
    seat: integer("seat").notNull(),
    /** 128 random bits, for manual entry at the door; the QR carries a signed token instead. */
    code: text("code").notNull(),
    status: text("status", { enum: ["valid", "void"] })
      .notNull()
      .default("valid"),
    checkedInAt: integer("checked_in_at"),
    checkedInBy: integer("checked_in_by").references(() => users.id),
    createdAt: timestampNow("created_at"),
    voidedAt: integer("voided_at"),
  },
  (t) => [
    check("tickets_seat_positive", sql`${t.seat} > 0`),
    check("tickets_status_known", sql`${t.status} IN ('valid', 'void')`),
    uniqueIndex("tickets_code_idx").on(t.code),
    index("tickets_booking_idx").on(t.bookingId),
    index("tickets_event_idx").on(t.eventId, t.id),
  ],
);

/** Door staff: people the organiser lets scan tickets of one event. */
export const eventStaff = sqliteTable(
  "event_staff",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedBy: integer("added_by").references(() => users.id),
    createdAt: timestampNow("created_at"),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index("event_staff_user_idx").on(t.userId),
  ],
);

/**
 * Ticket signing keys made in development (production keys come from TICKET_SIGNING_KEY).
 * Retired keys stay so tickets signed with them still verify.
 */
export const signingKeys = sqliteTable("signing_keys", {
  /** The key id carried in every token. */
  id: text("id").primaryKey(),
  publicKey: text("public_key").notNull(),
  privateKey: text("private_key"),
  createdAt: timestampNow("created_at"),
  retiredAt: integer("retired_at"),
});

export const waitlistStatuses = [
  "waiting",
  "offered",
  "claimed",
  "declined",
  "expired",
  "left",
  "cancelled",
] as const;

/**
 * The waiting list of an event, in id order. An entry that is offered seats holds them
 * (events.held_seats) until it is claimed, declined or expires; its id is the offer's id.
 */
export const waitlistEntries = sqliteTable(
  "waitlist_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seats: integer("seats").notNull(),
    status: text("status", { enum: waitlistStatuses }).notNull().default("waiting"),
    createdAt: timestampNow("created_at"),
    offeredAt: integer("offered_at"),
    offerExpiresAt: integer("offer_expires_at"),
    /** The booking a claimed offer became. */
    bookingId: integer("booking_id").references(() => bookings.id),
    endedAt: integer("ended_at"),
  },
  (t) => [
    check("waitlist_seats_positive", sql`${t.seats} > 0`),
    check(
      "waitlist_status_known",
      sql`${t.status} IN ('waiting', 'offered', 'claimed', 'declined', 'expired', 'left', 'cancelled')`,
    ),
    check(
      "waitlist_offer_has_expiry",
      sql`${t.status} != 'offered' OR ${t.offerExpiresAt} IS NOT NULL`,
    ),
    // One place in line per person and event.
    uniqueIndex("waitlist_one_active_idx")
      .on(t.eventId, t.userId)
      .where(sql`${t.status} IN ('waiting', 'offered')`),
    index("waitlist_event_status_idx").on(t.eventId, t.status, t.id),
    index("waitlist_user_idx").on(t.userId, t.id),
    index("waitlist_offer_expiry_idx")
      .on(t.offerExpiresAt)
      .where(sql`${t.status} = 'offered'`),
  ],
);

export const outboxKinds = [
  "booking_confirmed",
  "booking_cancelled",
  "event_changed",
  "event_cancelled",
  "waitlist_offer",
  "password_reset",
  "reminder",
] as const;

/**
 * The transactional outbox: a message is a row written in the same transaction as the
 * change that causes it, and delivered afterwards (at least once) by the sender.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: outboxKinds }).notNull(),
    recipient: text("recipient").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    eventId: integer("event_id"),
    bookingId: integer("booking_id"),
    /** What the message is rendered from (JSON). */
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** Stable across retries, so mail clients de-duplicate a message delivered twice. */
    messageId: text("message_id").notNull(),
    status: text("status", { enum: ["pending", "sent", "dead", "cancelled"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Not before this time (reminders are scheduled; retries back off). */
    sendAfter: integer("send_after").notNull(),
    /** While a sender holds the row: nobody else sends it until the lease ends. */
    leaseUntil: integer("lease_until"),
    leasedBy: text("leased_by"),
    lastError: text("last_error"),
    /** The message as sent, for the admin mailbox. */
    subject: text("subject"),
    html: text("html"),
    text: text("text"),
    createdAt: timestampNow("created_at"),
    sentAt: integer("sent_at"),
  },
  (t) => [
    check("outbox_status_known", sql`${t.status} IN ('pending', 'sent', 'dead', 'cancelled')`),
    uniqueIndex("outbox_message_id_idx").on(t.messageId),
    index("outbox_due_idx").on(t.status, t.sendAfter),
    index("outbox_booking_idx").on(t.bookingId),
    index("outbox_event_idx").on(t.eventId),
  ],
);

/** Password reset requests: only the SHA-256 of the emailed token is stored. */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    createdAt: timestampNow("created_at"),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/**
 * What a change-feed row may carry besides its columns. Named fields (not an open record),
 * so clients see exactly what can be there.
 */
export interface BookingLogDetail {
  /** The event's title, kept on rows that outlive the event (a deletion). */
  eventTitle?: string;
  /** What the organiser wrote (a cancellation). */
  message?: string;
  /** The fields an update changed. */
  changed?: string[];
  /** Why someone was taken off a waiting list by someone else (waitlist_left). */
  reason?: "waitlist_closed" | "event_deleted" | "event_cancelled";
  /** When an offer ends unless claimed (offer_made). */
  expiresAt?: number;
  /** A role change: the account's role after it, and before. */
  role?: "user" | "admin";
  previousRole?: "user" | "admin";
}

export const bookingLogActions = [
  "booked",
  "cancelled",
  "capacity_changed",
  "event_updated",
  "event_cancelled",
  "event_deleted",
  "checked_in",
  "check_in_undone",
  "waitlist_joined",
  "waitlist_left",
  "offer_made",
  "offer_claimed",
  "offer_declined",
  "offer_expired",
  "role_changed",
] as const;

/**
 * The audit trail and the change feed live subscriptions replay from. event_id and
 * booking_id deliberately have no foreign keys: the rows must outlive a deleted event.
 * event_id is null for changes that concern no event (a role change).
 */
export const bookingLogs = sqliteTable(
  "booking_logs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id"),
    bookingId: integer("booking_id"),
    /** Whose booking, place in line or account the change concerns. */
    userId: integer("user_id"),
    /** Who made the change, when not the user it concerns (an admin, an organiser, door staff). */
    actorId: integer("actor_id"),
    action: text("action", { enum: bookingLogActions }).notNull(),
    seats: integer("seats").notNull(),
    availableAfter: integer("available_after").notNull(),
    capacityAfter: integer("capacity_after").notNull(),
    heldAfter: integer("held_after").notNull().default(0),
    checkedInAfter: integer("checked_in_after").notNull().default(0),
    ticketId: integer("ticket_id"),
    /** The waiting-list entry (and so the offer) a change concerns. */
    waitlistEntryId: integer("waitlist_entry_id"),
    /** Small extras as JSON: the title of a deleted event, what an update changed, … */
    detail: text("detail", { mode: "json" }).$type<BookingLogDetail>(),
    createdAt: timestampNow("created_at"),
  },
  (t) => [
    index("booking_logs_event_idx").on(t.eventId, t.id),
    index("booking_logs_user_idx").on(t.userId, t.id),
  ],
);

export type User = InferSelectModel<typeof users>;
export type Session = InferSelectModel<typeof sessions>;
export type EventRow = InferSelectModel<typeof events>;
/** An event as everything outside the event commands sees it: without its folded search text. */
export type Event = Omit<EventRow, "searchText">;
export type NewEvent = InferInsertModel<typeof events>;
export type Booking = InferSelectModel<typeof bookings>;
export type BookingLog = InferSelectModel<typeof bookingLogs>;
export type BookingLogAction = (typeof bookingLogActions)[number];
export type BookingStatus = (typeof bookingStatuses)[number];
export type Ticket = InferSelectModel<typeof tickets>;
export type WaitlistEntry = InferSelectModel<typeof waitlistEntries>;
export type WaitlistStatus = (typeof waitlistStatuses)[number];
export type OutboxMessage = InferSelectModel<typeof outbox>;
export type OutboxKind = (typeof outboxKinds)[number];
export type SigningKey = InferSelectModel<typeof signingKeys>;
