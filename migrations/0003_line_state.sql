CREATE TABLE `line_state` (
	`year` integer NOT NULL,
	`task_code` text NOT NULL,
	`agency_code` text NOT NULL,
	`status` text,
	`percent` integer,
	`status_at` integer,
	`status_note` text,
	`last_at` integer NOT NULL,
	`last_note` text,
	`last_user_id` integer NOT NULL,
	`update_count` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `line_state_pk` ON `line_state` (`year`,`task_code`,`agency_code`);--> statement-breakpoint
CREATE INDEX `line_state_agency_idx` ON `line_state` (`agency_code`,`last_at`);--> statement-breakpoint
CREATE INDEX `updates_created_idx` ON `updates` (`created_at`);