-- The catalog revision: one counter in `meta` ('catalog_revision') that moves whenever a row
-- changes in the tables the plan's catalog is read from (queries/plan.ts loadCatalog: sections,
-- tasks, agencies, task_agencies). The catalog is kept in memory per connection and was dropped
-- only by this process's own writes; under this counter, a reassignment, a rename or a new lead
-- written by a script or another connection is seen at the next read too. The plan revision (0012)
-- moves on the same writes and on every report; this one only when the catalog changes, so a
-- report does not cost a catalog reload. Same triggers, same upsert, as 0012.
-- The names revision ('names_revision'): moves when a person's name is written, or a person is
-- added or removed, so that the names shown beside reports (queries/users.ts userNames), kept in
-- memory, follow a change made anywhere. Only a real change of a name moves it: the bot rewrites
-- a person's row at least hourly with the same names.
INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '0') ON CONFLICT(`key`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_sections_insert` AFTER INSERT ON `sections`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_sections_update` AFTER UPDATE ON `sections`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_sections_delete` AFTER DELETE ON `sections`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_tasks_insert` AFTER INSERT ON `tasks`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_tasks_update` AFTER UPDATE ON `tasks`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_tasks_delete` AFTER DELETE ON `tasks`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_agencies_insert` AFTER INSERT ON `agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_agencies_update` AFTER UPDATE ON `agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_agencies_delete` AFTER DELETE ON `agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_task_agencies_insert` AFTER INSERT ON `task_agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_task_agencies_update` AFTER UPDATE ON `task_agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `catalog_revision_task_agencies_delete` AFTER DELETE ON `task_agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('catalog_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
INSERT INTO `meta` (`key`, `value`) VALUES ('names_revision', '0') ON CONFLICT(`key`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `names_revision_users_insert` AFTER INSERT ON `users`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('names_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `names_revision_users_delete` AFTER DELETE ON `users`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('names_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `names_revision_users_update` AFTER UPDATE OF `first_name`, `last_name` ON `users`
WHEN OLD.`first_name` IS NOT NEW.`first_name` OR OLD.`last_name` IS NOT NEW.`last_name`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('names_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
