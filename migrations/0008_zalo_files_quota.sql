CREATE TABLE `channel_quota` (
	`channel` text NOT NULL,
	`month` text NOT NULL,
	`incoming` integer DEFAULT 0 NOT NULL,
	`outgoing` integer DEFAULT 0 NOT NULL,
	`warned_at` integer,
	`exceeded_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_quota_pk` ON `channel_quota` (`channel`,`month`);--> statement-breakpoint
CREATE TABLE `stored_files` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stored_files_expiry_idx` ON `stored_files` (`expires_at`);