CREATE TABLE `confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`actor_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`decision` text,
	`decided_at` integer,
	`asked_by_update_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `confirmations_asked_by_update_id_unique` ON `confirmations` (`asked_by_update_id`);