-- The release of a secret decision is described on the page from the event's own `until` and `ground`,
-- in the reader's language (issue 13): the Dutch sentence stored at release time is no longer needed.
UPDATE "decision_events" SET "note" = NULL WHERE "kind" = 'released';
