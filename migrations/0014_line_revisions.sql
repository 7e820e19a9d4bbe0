-- A revision per year and task of the lines' states: `meta` rows 'lines:<year>:<task>' that move
-- whenever a row of line_state of that task and year is written, whoever writes it. The year's
-- summary (core/status.ts) keeps each task's standing under its own revision, so that after a
-- report only that task is read and folded again, not the year's 1,860 lines. The plan data
-- revision (0012) still moves on the same writes: it keys the whole summary.
CREATE TRIGGER `line_revision_insert` AFTER INSERT ON `line_state`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('lines:' || NEW.`year` || ':' || NEW.`task_code`, '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `line_revision_update` AFTER UPDATE ON `line_state`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('lines:' || NEW.`year` || ':' || NEW.`task_code`, '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `line_revision_update_moved` AFTER UPDATE OF `year`, `task_code` ON `line_state`
WHEN OLD.`year` IS NOT NEW.`year` OR OLD.`task_code` IS NOT NEW.`task_code`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('lines:' || OLD.`year` || ':' || OLD.`task_code`, '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
--> statement-breakpoint
CREATE TRIGGER `line_revision_delete` AFTER DELETE ON `line_state`
BEGIN INSERT INTO `meta` (`key`, `value`) VALUES ('lines:' || OLD.`year` || ':' || OLD.`task_code`, '1') ON CONFLICT(`key`) DO UPDATE SET `value` = CAST(`value` AS integer) + 1; END;
