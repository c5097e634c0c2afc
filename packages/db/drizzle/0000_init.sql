CREATE TABLE `booking_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`booking_id` integer,
	`user_id` integer,
	`action` text NOT NULL,
	`seats` integer NOT NULL,
	`available_after` integer NOT NULL,
	`capacity_after` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `booking_logs_event_idx` ON `booking_logs` (`event_id`,`id`);--> statement-breakpoint
CREATE INDEX `booking_logs_user_idx` ON `booking_logs` (`user_id`,`id`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`seats` integer NOT NULL,
	`status` text DEFAULT 'confirmed' NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bookings_seats_positive" CHECK("bookings"."seats" > 0),
	CONSTRAINT "bookings_status_known" CHECK("bookings"."status" IN ('confirmed', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_user_idempotency_idx` ON `bookings` (`user_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `bookings_event_status_idx` ON `bookings` (`event_id`,`status`);--> statement-breakpoint
CREATE INDEX `bookings_user_created_idx` ON `bookings` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `events` (
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
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "events_seats_in_range" CHECK("events"."available_seats" BETWEEN 0 AND "events"."capacity"),
	CONSTRAINT "events_capacity_positive" CHECK("events"."capacity" > 0),
	CONSTRAINT "events_max_seats_positive" CHECK("events"."max_seats_per_booking" > 0),
	CONSTRAINT "events_ends_after_start" CHECK("events"."ends_at" >= "events"."starts_at")
);
--> statement-breakpoint
CREATE INDEX `events_starts_at_idx` ON `events` (`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `events_created_by_idx` ON `events` (`created_by`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'user' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "users_role_known" CHECK("users"."role" IN ('user', 'admin'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);