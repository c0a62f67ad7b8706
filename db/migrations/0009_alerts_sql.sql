-- Alerts: geometry rules drizzle cannot express. Drawn areas must be valid polygons (no self-intersection),
-- notices must carry a valid geometry; both are also checked with a Dutch reason before inserting.
ALTER TABLE "alert_places" ADD CONSTRAINT "alert_places_geom_valid_check" CHECK (ST_IsValid("geom") AND ST_IsValid("match_geom"));--> statement-breakpoint
ALTER TABLE "plan_notices" ADD CONSTRAINT "plan_notices_geom_valid_check" CHECK (ST_IsValid("geom") AND NOT ST_IsEmpty("geom"));--> statement-breakpoint
-- Digests and the second stage read pending deliveries per person.
CREATE INDEX "alert_deliveries_user_pending_idx" ON "alert_deliveries" ("user_id", "place_id") WHERE "status" = 'pending';
