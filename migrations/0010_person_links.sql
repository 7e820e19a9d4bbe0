-- People on two channels are one person (/lienketkenh): an identity row (users) may point at the
-- person it belongs to (person_id); null means the row is itself a person, which every existing
-- row stays, so every officer, report and history row keeps meaning the same person. The codes
-- that link identities are kept hashed (link_codes), wrong guesses counted (link_failures).
CREATE TABLE `link_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`channel` text NOT NULL,
	`salt` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by_event` integer,
	`replaced_at` integer
);
--> statement-breakpoint
CREATE INDEX `link_codes_created_idx` ON `link_codes` (`created_at`);--> statement-breakpoint
CREATE INDEX `link_codes_person_idx` ON `link_codes` (`person_id`);--> statement-breakpoint
CREATE TABLE `link_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `link_failures_person_idx` ON `link_failures` (`person_id`,`at`);--> statement-breakpoint
ALTER TABLE `users` ADD `person_id` integer;--> statement-breakpoint
CREATE INDEX `users_person_idx` ON `users` (`person_id`);--> statement-breakpoint
-- One level only: an identity points at a person, never at another linked identity, and a row that
-- identities point at is not itself linked away (queries/users.ts linkPersons keeps this order).
CREATE TRIGGER `users_person_is_a_person` BEFORE UPDATE OF `person_id` ON `users`
WHEN NEW.`person_id` IS NOT NULL AND (
  NEW.`person_id` = NEW.`id`
  OR NOT EXISTS (SELECT 1 FROM `users` p WHERE p.`id` = NEW.`person_id` AND p.`person_id` IS NULL)
  OR EXISTS (SELECT 1 FROM `users` o WHERE o.`person_id` = NEW.`id`)
)
BEGIN SELECT RAISE(ABORT, 'users.person_id must name a person'); END;
