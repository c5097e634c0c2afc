ALTER TABLE `events` ADD `search_text` text;--> statement-breakpoint
-- Search folds case and accents ("gorlitzer" finds "Görlitzer") the same way for every query
-- length: the event commands write events.search_text folded, queries are folded alike, and
-- the trigram index now covers that one column. Rows from before this migration have no
-- search_text yet; the server folds them when it starts (the foldSearchText command).
DROP TRIGGER `events_search_insert`;
--> statement-breakpoint
DROP TRIGGER `events_search_delete`;
--> statement-breakpoint
DROP TRIGGER `events_search_update`;
--> statement-breakpoint
DROP TABLE `events_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `events_search` USING fts5(
	search_text, content='events', content_rowid='id', tokenize='trigram case_sensitive 0'
);
--> statement-breakpoint
CREATE TRIGGER `events_search_insert` AFTER INSERT ON `events` BEGIN
	INSERT INTO `events_search`(rowid, search_text) VALUES (new.id, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_delete` AFTER DELETE ON `events` BEGIN
	INSERT INTO `events_search`(`events_search`, rowid, search_text)
		VALUES ('delete', old.id, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_update` AFTER UPDATE OF search_text ON `events` BEGIN
	INSERT INTO `events_search`(`events_search`, rowid, search_text)
		VALUES ('delete', old.id, old.search_text);
	INSERT INTO `events_search`(rowid, search_text) VALUES (new.id, new.search_text);
END;
--> statement-breakpoint
-- Index what is there now (nothing for old rows), so later 'delete's match the index.
INSERT INTO `events_search`(`events_search`) VALUES ('rebuild');
