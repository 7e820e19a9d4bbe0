CREATE TABLE `viewers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`label` text,
	`granted_by` integer NOT NULL,
	`granted_at` integer NOT NULL,
	`revoked_by` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `viewers_user_idx` ON `viewers` (`user_id`,`revoked_at`);--> statement-breakpoint
CREATE TABLE `web_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` integer,
	`event_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `web_links_event_id_unique` ON `web_links` (`event_id`);--> statement-breakpoint
CREATE INDEX `web_links_user_idx` ON `web_links` (`user_id`);