CREATE TABLE "alert_place_match" (
	"place_id" bigint PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"topics" integer NOT NULL,
	"radius_m" integer NOT NULL,
	"channel" "alert_channel" NOT NULL,
	"label" text NOT NULL,
	"geom" geometry(Geometry, 28992) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" DROP CONSTRAINT "alert_deliveries_publication_id_publications_id_fk";
--> statement-breakpoint
ALTER TABLE "alert_deliveries" DROP CONSTRAINT "alert_deliveries_place_id_alert_places_id_fk";
--> statement-breakpoint
ALTER TABLE "plan_notices" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plan_notices" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "plan_notices" ADD COLUMN "withdrawn_by" text;--> statement-breakpoint
ALTER TABLE "alert_place_match" ADD CONSTRAINT "alert_place_match_place_id_alert_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."alert_places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_place_match_reach_gist" ON "alert_place_match" USING gist (ST_Expand("geom", "radius_m"::float8));--> statement-breakpoint
ALTER TABLE "plan_notices" ADD CONSTRAINT "plan_notices_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_notices" ADD CONSTRAINT "plan_notices_withdrawn_check" CHECK (("plan_notices"."status" = 'withdrawn') = ("plan_notices"."withdrawn_at" is not null and char_length("plan_notices"."withdrawn_reason") between 5 and 1000));--> statement-breakpoint
-- Hand-written below (keep when regenerating): the topic bits and the triggers that keep alert_place_match
-- in step with alert_places, whoever writes a place; then the rows for the places that exist already.
CREATE FUNCTION alert_topic_bits(topics text[]) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(bit_or(1 << (array_position(ARRAY['building', 'traffic', 'green', 'events', 'consultations', 'budgets', 'proposals'], t) - 1)), 0)::integer
  FROM unnest(topics) t
$$;
--> statement-breakpoint
CREATE FUNCTION alert_place_match_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO alert_place_match (place_id, user_id, topics, radius_m, channel, label, geom)
  SELECT n.id, n.user_id, alert_topic_bits(n.topics), coalesce(n.radius_m, 0), n.channel, n.label, ST_Transform(n.geom, 28992)
  FROM changed n
  ON CONFLICT (place_id) DO UPDATE SET user_id = excluded.user_id, topics = excluded.topics, radius_m = excluded.radius_m,
    channel = excluded.channel, label = excluded.label, geom = excluded.geom;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER alert_place_match_insert AFTER INSERT ON alert_places REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION alert_place_match_sync();
--> statement-breakpoint
CREATE TRIGGER alert_place_match_update AFTER UPDATE ON alert_places REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION alert_place_match_sync();
--> statement-breakpoint
INSERT INTO alert_place_match (place_id, user_id, topics, radius_m, channel, label, geom)
  SELECT id, user_id, alert_topic_bits(topics), coalesce(radius_m, 0), channel, label, ST_Transform(geom, 28992) FROM alert_places;
