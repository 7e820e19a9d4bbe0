CREATE TABLE `agencies` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short` text NOT NULL,
	`aliases` text NOT NULL,
	`kind` text NOT NULL,
	`change` text NOT NULL,
	`successors` text NOT NULL,
	`confirmed` integer NOT NULL,
	`in_plan` integer NOT NULL,
	`updated_by` integer,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`update_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_id` text NOT NULL,
	`file_unique_id` text NOT NULL,
	`file_name` text,
	FOREIGN KEY (`update_id`) REFERENCES `updates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `chats` (
	`id` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`title` text,
	`agency_code` text,
	`is_coordination` integer DEFAULT false NOT NULL,
	`is_digest` integer DEFAULT false NOT NULL,
	`thread_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`migrated_to` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agency_code`) REFERENCES `agencies`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `inbox` (
	`update_id` integer PRIMARY KEY NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`handled_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `inbox_pending_idx` ON `inbox` (`handled_at`,`update_id`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `officers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`agency_code` text NOT NULL,
	`status` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_code`) REFERENCES `agencies`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `officers_user_idx` ON `officers` (`user_id`);--> statement-breakpoint
CREATE INDEX `officers_agency_idx` ON `officers` (`agency_code`,`status`);--> statement-breakpoint
CREATE TABLE `sections` (
	`code` text PRIMARY KEY NOT NULL,
	`ord` integer NOT NULL,
	`title` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `task_agencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_code` text NOT NULL,
	`agency_code` text NOT NULL,
	`role` text NOT NULL,
	`ord` integer NOT NULL,
	`source` text NOT NULL,
	`started_at` integer NOT NULL,
	`started_by` integer,
	`ended_at` integer,
	`ended_by` integer,
	`note` text,
	FOREIGN KEY (`task_code`) REFERENCES `tasks`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_code`) REFERENCES `agencies`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_agencies_task_idx` ON `task_agencies` (`task_code`,`role`);--> statement-breakpoint
CREATE INDEX `task_agencies_agency_idx` ON `task_agencies` (`agency_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `task_agencies_plan_uq` ON `task_agencies` (`task_code`,`agency_code`,`role`) WHERE source = 'plan';--> statement-breakpoint
CREATE TABLE `tasks` (
	`code` text PRIMARY KEY NOT NULL,
	`section` text NOT NULL,
	`parent_code` text,
	`ord` integer NOT NULL,
	`content` text NOT NULL,
	`lead_text` text NOT NULL,
	`coordinating_text` text NOT NULL,
	`timeline` text NOT NULL,
	`search_text` text NOT NULL,
	FOREIGN KEY (`section`) REFERENCES `sections`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_section_idx` ON `tasks` (`section`,`ord`);--> statement-breakpoint
CREATE TABLE `update_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`update_id` integer NOT NULL,
	`status` text,
	`percent` integer,
	`note` text,
	`replaced_at` integer NOT NULL,
	FOREIGN KEY (`update_id`) REFERENCES `updates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_code` text NOT NULL,
	`agency_code` text NOT NULL,
	`year` integer NOT NULL,
	`user_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`message_id` integer,
	`telegram_update_id` integer,
	`via` text NOT NULL,
	`status` text,
	`percent` integer,
	`note` text,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	`withdrawn_at` integer,
	FOREIGN KEY (`task_code`) REFERENCES `tasks`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_code`) REFERENCES `agencies`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `updates_task_year_idx` ON `updates` (`year`,`task_code`,`agency_code`,`created_at`);--> statement-breakpoint
CREATE INDEX `updates_agency_year_idx` ON `updates` (`agency_code`,`year`,`created_at`);--> statement-breakpoint
CREATE INDEX `updates_message_idx` ON `updates` (`chat_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `updates_user_idx` ON `updates` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text,
	`username` text,
	`language_code` text,
	`locale` text,
	`private_chat_open` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
