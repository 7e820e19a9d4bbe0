CREATE TABLE `deadlines` (
	`task_code` text NOT NULL,
	`year` integer NOT NULL,
	`due_date` text NOT NULL,
	`set_by` integer NOT NULL,
	`set_at` integer NOT NULL,
	FOREIGN KEY (`task_code`) REFERENCES `tasks`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deadlines_pk` ON `deadlines` (`task_code`,`year`);--> statement-breakpoint
CREATE TABLE `digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`trigger` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `digests_end_idx` ON `digests` (`period_end`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`chat_id` integer NOT NULL,
	`thread_id` integer,
	`kind` text NOT NULL,
	`method` text NOT NULL,
	`payload` text NOT NULL,
	`file` blob,
	`file_name` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`not_before` integer NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`telegram_message_id` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`not_before`,`id`);--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_code` text NOT NULL,
	`agency_code` text,
	`year` integer NOT NULL,
	`user_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`text` text NOT NULL,
	`telegram_update_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`task_code`) REFERENCES `tasks`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_code`) REFERENCES `agencies`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_telegram_update_id_unique` ON `proposals` (`telegram_update_id`);--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_code` text NOT NULL,
	`year` integer NOT NULL,
	`day` text NOT NULL,
	`task_codes` text NOT NULL,
	`sent_at` integer NOT NULL,
	`escalated_at` integer,
	FOREIGN KEY (`agency_code`) REFERENCES `agencies`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_day_uq` ON `reminders` (`agency_code`,`day`);--> statement-breakpoint
CREATE INDEX `reminders_agency_idx` ON `reminders` (`agency_code`,`year`);