-- People, chats and inbox events become keyed by (channel, external id): ids on a channel are text
-- (Zalo's are strings). Every existing row is Telegram's and keeps its internal id, which is its
-- Telegram id, so officers, reports, history and the outbox keep pointing at the same people,
-- chats and events.
--
-- SQLite adds a NOT NULL column only with a constant default, and users cannot be rebuilt here
-- (officers and updates reference them, and foreign keys cannot be switched off inside the
-- migration's transaction): external_id / event_key get a placeholder default '', are backfilled
-- from the id, and a trigger refuses any later row that relies on the placeholder.
ALTER TABLE `users` ADD `channel` text DEFAULT 'telegram' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `external_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `users` SET `external_id` = CAST(`id` AS TEXT);--> statement-breakpoint
CREATE UNIQUE INDEX `users_channel_external_uq` ON `users` (`channel`,`external_id`);--> statement-breakpoint
CREATE TRIGGER `users_external_id_given` BEFORE INSERT ON `users` WHEN NEW.`external_id` = '' BEGIN SELECT RAISE(ABORT, 'users.external_id is required'); END;--> statement-breakpoint
ALTER TABLE `chats` ADD `channel` text DEFAULT 'telegram' NOT NULL;--> statement-breakpoint
ALTER TABLE `chats` ADD `external_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `chats` SET `external_id` = CAST(`id` AS TEXT);--> statement-breakpoint
CREATE UNIQUE INDEX `chats_channel_external_uq` ON `chats` (`channel`,`external_id`);--> statement-breakpoint
CREATE TRIGGER `chats_external_id_given` BEFORE INSERT ON `chats` WHEN NEW.`external_id` = '' BEGIN SELECT RAISE(ABORT, 'chats.external_id is required'); END;--> statement-breakpoint
ALTER TABLE `inbox` ADD `channel` text DEFAULT 'telegram' NOT NULL;--> statement-breakpoint
ALTER TABLE `inbox` ADD `event_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `inbox` SET `event_key` = CAST(`update_id` AS TEXT);--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_event_uq` ON `inbox` (`channel`,`event_key`);--> statement-breakpoint
CREATE TRIGGER `inbox_event_key_given` BEFORE INSERT ON `inbox` WHEN NEW.`event_key` = '' BEGIN SELECT RAISE(ABORT, 'inbox.event_key is required'); END;
