-- Full-text index for events.list search: a trigram FTS5 table over title, description and
-- location, kept in step with events by triggers. Trigrams answer "contains this text,
-- any case" (what LIKE '%q%' means) from an index instead of a scan of every event.
CREATE VIRTUAL TABLE `events_search` USING fts5(
	title, description, location,
	content='events', content_rowid='id', tokenize='trigram case_sensitive 0'
);
--> statement-breakpoint
INSERT INTO `events_search`(rowid, title, description, location)
	SELECT id, title, description, location FROM `events`;
--> statement-breakpoint
CREATE TRIGGER `events_search_insert` AFTER INSERT ON `events` BEGIN
	INSERT INTO `events_search`(rowid, title, description, location)
		VALUES (new.id, new.title, new.description, new.location);
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_delete` AFTER DELETE ON `events` BEGIN
	INSERT INTO `events_search`(`events_search`, rowid, title, description, location)
		VALUES ('delete', old.id, old.title, old.description, old.location);
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_update` AFTER UPDATE OF title, description, location ON `events` BEGIN
	INSERT INTO `events_search`(`events_search`, rowid, title, description, location)
		VALUES ('delete', old.id, old.title, old.description, old.location);
	INSERT INTO `events_search`(rowid, title, description, location)
		VALUES (new.id, new.title, new.description, new.location);
END;
