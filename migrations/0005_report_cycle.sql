CREATE TABLE `issuer_settings` (
	`agency_code` text PRIMARY KEY NOT NULL,
	`authority` text,
	`signer_title` text,
	`signer_name` text,
	`abbreviation` text,
	`parent_body` text,
	`updated_by` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agency_code`) REFERENCES `agencies`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `target_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_code` text NOT NULL,
	`year` integer NOT NULL,
	`value` real NOT NULL,
	`source` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`telegram_update_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `target_values_telegram_update_id_unique` ON `target_values` (`telegram_update_id`);--> statement-breakpoint
CREATE INDEX `target_values_idx` ON `target_values` (`target_code`,`year`,`recorded_at`);