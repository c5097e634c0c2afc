CREATE TABLE `event_staff` (
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`added_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_staff_user_idx` ON `event_staff` (`user_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`recipient` text NOT NULL,
	`user_id` integer,
	`event_id` integer,
	`booking_id` integer,
	`payload` text NOT NULL,
	`message_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`send_after` integer NOT NULL,
	`lease_until` integer,
	`leased_by` text,
	`last_error` text,
	`subject` text,
	`html` text,
	`text` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "outbox_status_known" CHECK("outbox"."status" IN ('pending', 'sent', 'dead', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_idx` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`send_after`);--> statement-breakpoint
CREATE INDEX `outbox_booking_idx` ON `outbox` (`booking_id`);--> statement-breakpoint
CREATE INDEX `outbox_event_idx` ON `outbox` (`event_id`);--> statement-breakpoint
CREATE TABLE `password_resets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_resets_user_idx` ON `password_resets` (`user_id`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`private_key` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`retired_at` integer
);
--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booking_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`seat` integer NOT NULL,
	`code` text NOT NULL,
	`status` text DEFAULT 'valid' NOT NULL,
	`checked_in_at` integer,
	`checked_in_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`voided_at` integer,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`checked_in_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tickets_seat_positive" CHECK("tickets"."seat" > 0),
	CONSTRAINT "tickets_status_known" CHECK("tickets"."status" IN ('valid', 'void'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_code_idx` ON `tickets` (`code`);--> statement-breakpoint
CREATE INDEX `tickets_booking_idx` ON `tickets` (`booking_id`);--> statement-breakpoint
CREATE INDEX `tickets_event_idx` ON `tickets` (`event_id`,`id`);--> statement-breakpoint
CREATE TABLE `waitlist_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`seats` integer NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`offered_at` integer,
	`offer_expires_at` integer,
	`booking_id` integer,
	`ended_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "waitlist_seats_positive" CHECK("waitlist_entries"."seats" > 0),
	CONSTRAINT "waitlist_status_known" CHECK("waitlist_entries"."status" IN ('waiting', 'offered', 'claimed', 'declined', 'expired', 'left', 'cancelled')),
	CONSTRAINT "waitlist_offer_has_expiry" CHECK("waitlist_entries"."status" != 'offered' OR "waitlist_entries"."offer_expires_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_one_active_idx` ON `waitlist_entries` (`event_id`,`user_id`) WHERE "waitlist_entries"."status" IN ('waiting', 'offered');--> statement-breakpoint
CREATE INDEX `waitlist_event_status_idx` ON `waitlist_entries` (`event_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `waitlist_user_idx` ON `waitlist_entries` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `waitlist_offer_expiry_idx` ON `waitlist_entries` (`offer_expires_at`) WHERE "waitlist_entries"."status" = 'offered';--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`seats` integer NOT NULL,
	`status` text DEFAULT 'confirmed' NOT NULL,
	`reference` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bookings_seats_positive" CHECK("__new_bookings"."seats" > 0),
	CONSTRAINT "bookings_status_known" CHECK("__new_bookings"."status" IN ('confirmed', 'cancelled', 'cancelled_by_organiser'))
);
--> statement-breakpoint
-- Existing bookings get a reference derived from their id: the id times a constant prime to
-- 31^6, modulo 31^6, written in the references' 31-letter alphabet. A permutation, so every
-- reference is unique; new bookings get random ones (and retry on the rare clash).
INSERT INTO `__new_bookings`("id", "event_id", "user_id", "seats", "status", "reference", "idempotency_key", "created_at", "cancelled_at")
	SELECT "id", "event_id", "user_id", "seats", "status",
		'BX-' || substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (p / 28629151) % 31 + 1, 1)
			|| substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (p / 923521) % 31 + 1, 1)
			|| substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (p / 29791) % 31 + 1, 1)
			|| substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (p / 961) % 31 + 1, 1)
			|| substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', (p / 31) % 31 + 1, 1)
			|| substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', p % 31 + 1, 1),
		"idempotency_key", "created_at", "cancelled_at"
	FROM (SELECT *, ("id" * 500000003) % 887503681 AS p FROM `bookings`);--> statement-breakpoint
DROP TABLE `bookings`;--> statement-breakpoint
ALTER TABLE `__new_bookings` RENAME TO `bookings`;--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_user_idempotency_idx` ON `bookings` (`user_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_reference_idx` ON `bookings` (`reference`);--> statement-breakpoint
CREATE INDEX `bookings_event_status_idx` ON `bookings` (`event_id`,`status`);--> statement-breakpoint
CREATE INDEX `bookings_event_user_idx` ON `bookings` (`event_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `bookings_user_created_idx` ON `bookings` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `__new_booking_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer,
	`booking_id` integer,
	`user_id` integer,
	`actor_id` integer,
	`action` text NOT NULL,
	`seats` integer NOT NULL,
	`available_after` integer NOT NULL,
	`capacity_after` integer NOT NULL,
	`held_after` integer DEFAULT 0 NOT NULL,
	`checked_in_after` integer DEFAULT 0 NOT NULL,
	`ticket_id` integer,
	`waitlist_entry_id` integer,
	`detail` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_booking_logs`("id", "event_id", "booking_id", "user_id", "action", "seats", "available_after", "capacity_after", "created_at")
	SELECT "id", "event_id", "booking_id", "user_id", "action", "seats", "available_after", "capacity_after", "created_at" FROM `booking_logs`;--> statement-breakpoint
DROP TABLE `booking_logs`;--> statement-breakpoint
ALTER TABLE `__new_booking_logs` RENAME TO `booking_logs`;--> statement-breakpoint
CREATE INDEX `booking_logs_event_idx` ON `booking_logs` (`event_id`,`id`);--> statement-breakpoint
CREATE INDEX `booking_logs_user_idx` ON `booking_logs` (`user_id`,`id`);--> statement-breakpoint
CREATE TABLE `__new_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`image_url` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`capacity` integer NOT NULL,
	`available_seats` integer NOT NULL,
	`max_seats_per_booking` integer DEFAULT 10 NOT NULL,
	`max_seats_per_person` integer DEFAULT 10 NOT NULL,
	`held_seats` integer DEFAULT 0 NOT NULL,
	`waitlist_enabled` integer DEFAULT true NOT NULL,
	`waitlist_offer_minutes` integer DEFAULT 60 NOT NULL,
	`checked_in` integer DEFAULT 0 NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`cancelled_at` integer,
	`cancellation_message` text,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "events_seats_in_range" CHECK("__new_events"."available_seats" BETWEEN 0 AND "__new_events"."capacity"),
	CONSTRAINT "events_held_in_range" CHECK("__new_events"."held_seats" BETWEEN 0 AND "__new_events"."capacity" - "__new_events"."available_seats"),
	CONSTRAINT "events_capacity_positive" CHECK("__new_events"."capacity" > 0),
	CONSTRAINT "events_max_seats_positive" CHECK("__new_events"."max_seats_per_booking" > 0),
	CONSTRAINT "events_max_per_person_positive" CHECK("__new_events"."max_seats_per_person" > 0),
	CONSTRAINT "events_offer_window" CHECK("__new_events"."waitlist_offer_minutes" BETWEEN 1 AND 10080),
	CONSTRAINT "events_checked_in_positive" CHECK("__new_events"."checked_in" >= 0),
	CONSTRAINT "events_ends_after_start" CHECK("__new_events"."ends_at" >= "__new_events"."starts_at"),
	CONSTRAINT "events_status_known" CHECK("__new_events"."status" IN ('scheduled', 'cancelled'))
);
--> statement-breakpoint
-- Existing events: one person may hold what one booking may (at least 10), like new ones.
INSERT INTO `__new_events`("id", "title", "description", "location", "starts_at", "ends_at", "image_url", "tags", "capacity", "available_seats", "max_seats_per_booking", "max_seats_per_person", "created_by", "created_at", "updated_at")
	SELECT "id", "title", "description", "location", "starts_at", "ends_at", "image_url", "tags", "capacity", "available_seats", "max_seats_per_booking", max("max_seats_per_booking", 10), "created_by", "created_at", "updated_at" FROM `events`;--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
CREATE INDEX `events_starts_at_idx` ON `events` (`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `events_created_by_idx` ON `events` (`created_by`);--> statement-breakpoint
-- Dropping the old events table dropped the search index's triggers (0001): put them back.
CREATE TRIGGER `events_search_insert` AFTER INSERT ON `events` BEGIN
	INSERT INTO `events_search`(rowid, title, description, location)
		VALUES (new.id, new.title, new.description, new.location);
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_delete` AFTER DELETE ON `events` BEGIN
	INSERT INTO `events_search`(`events_search`, rowid, title, description, location)
		VALUES ('delete', old.id, old.title, old.description, old.location);
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_update` AFTER UPDATE OF title, description, location ON `events` BEGIN
	INSERT INTO `events_search`(`events_search`, rowid, title, description, location)
		VALUES ('delete', old.id, old.title, old.description, old.location);
	INSERT INTO `events_search`(rowid, title, description, location)
		VALUES (new.id, new.title, new.description, new.location);
END;
--> statement-breakpoint
-- Every confirmed booking has one ticket per seat, each with 128 random bits as its code.
WITH RECURSIVE `seat`(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM `seat` WHERE n < 100)
INSERT INTO `tickets`("booking_id", "event_id", "seat", "code")
	SELECT b."id", b."event_id", `seat`.n, lower(hex(randomblob(16)))
	FROM `bookings` b JOIN `seat` ON `seat`.n <= b."seats"
	WHERE b."status" = 'confirmed'
	ORDER BY b."id", `seat`.n;
--> statement-breakpoint
PRAGMA foreign_keys=ON;