CREATE TABLE `bot_messages` (
	`chat_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`task_code` text NOT NULL,
	`agency_code` text,
	`kind` text NOT NULL,
	`status` text,
	`percent` integer,
	`note` text,
	`for_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`task_code`) REFERENCES `tasks`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bot_messages_pk` ON `bot_messages` (`chat_id`,`message_id`);--> statement-breakpoint
ALTER TABLE `inbox` ADD `applied_at` integer;--> statement-breakpoint
ALTER TABLE `officers` ADD `request_chat_id` integer;--> statement-breakpoint
ALTER TABLE `updates` ADD `withdrawn_by_update_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `updates_telegram_update_uq` ON `updates` (`telegram_update_id`);