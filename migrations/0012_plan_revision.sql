-- The plan data revision: one counter in `meta` ('plan_revision') that moves whenever a row
-- changes in a table the plan's summary is computed from (core/status.ts buildSummary: the catalog
-- of sections, tasks, agencies and task_agencies, the coordinator's deadlines, and line_state). The
-- summary is cached under it, so it must move on EVERY write, whoever makes it: the bot, a script,
-- another connection, a hand-typed UPDATE. Triggers do that in the database itself, in the same
-- statement (and so the same transaction) as the write; no code path can forget, and a write that
-- is rolled back takes its bump with it.
-- The bump is an upsert, so a deleted row comes back instead of the counter silently stopping.
-- A table the summary comes to read needs the same three triggers in a new migration:
-- test/unit/summary-cache.test.ts records what buildSummary reads and fails on a table without them.
INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '0') ON CONFLICT(`key`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_sections_insert` AFTER INSERT ON `sections`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_sections_update` AFTER UPDATE ON `sections`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_sections_delete` AFTER DELETE ON `sections`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_tasks_insert` AFTER INSERT ON `tasks`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_tasks_update` AFTER UPDATE ON `tasks`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_tasks_delete` AFTER DELETE ON `tasks`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_agencies_insert` AFTER INSERT ON `agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_agencies_update` AFTER UPDATE ON `agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_agencies_delete` AFTER DELETE ON `agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_task_agencies_insert` AFTER INSERT ON `task_agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_task_agencies_update` AFTER UPDATE ON `task_agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_task_agencies_delete` AFTER DELETE ON `task_agencies`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_deadlines_insert` AFTER INSERT ON `deadlines`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_deadlines_update` AFTER UPDATE ON `deadlines`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_deadlines_delete` AFTER DELETE ON `deadlines`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_line_state_insert` AFTER INSERT ON `line_state`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_line_state_update` AFTER UPDATE ON `line_state`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revision_line_state_delete` AFTER DELETE ON `line_state`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('plan_revision', '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
