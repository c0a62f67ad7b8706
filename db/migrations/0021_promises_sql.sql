-- Full-text search over a promise's title and text (the /beloften search box).
CREATE INDEX IF NOT EXISTS "promises_search_idx" ON "promises" USING gin (to_tsvector('dutch', "title" || ' ' || "body"));
--> statement-breakpoint
-- The public history of a promise is never rewritten: an entry can be added, not changed.
CREATE OR REPLACE FUNCTION promise_updates_unchanged() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'promise_updates is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER promise_updates_no_update BEFORE UPDATE ON promise_updates
  FOR EACH ROW EXECUTE FUNCTION promise_updates_unchanged();
