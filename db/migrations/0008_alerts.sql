CREATE TYPE "public"."alert_channel" AS ENUM('immediate', 'daily', 'weekly', 'in_app');--> statement-breakpoint
CREATE TYPE "public"."alert_place_kind" AS ENUM('address', 'point', 'area', 'drawn');--> statement-breakpoint
CREATE TYPE "public"."alert_delivery_status" AS ENUM('pending', 'sent', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."plan_notice_kind" AS ENUM('permit_application', 'draft_decision', 'decision', 'traffic_decision', 'event_permit', 'other');--> statement-breakpoint
CREATE TYPE "public"."plan_notice_status" AS ENUM('published', 'withdrawn');--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" text NOT NULL,
	"publication_id" bigint NOT NULL,
	"place_id" bigint,
	"place_label" text NOT NULL,
	"distance_m" integer NOT NULL,
	"channel" "alert_channel" NOT NULL,
	"status" "alert_delivery_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_places" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" "alert_place_kind" NOT NULL,
	"label" text NOT NULL,
	"address_id" bigint,
	"area_code" text,
	"geom" geometry(Geometry, 4326) NOT NULL,
	"match_geom" geometry(Geometry, 4326) NOT NULL,
	"radius_m" integer,
	"topics" text[] NOT NULL,
	"channel" "alert_channel" DEFAULT 'immediate' NOT NULL,
	"consent_version" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_places_radius_check" CHECK (("alert_places"."kind" in ('address', 'point') and "alert_places"."radius_m" between 100 and 5000) or ("alert_places"."kind" in ('area', 'drawn') and "alert_places"."radius_m" is null)),
	CONSTRAINT "alert_places_topics_check" CHECK (cardinality("alert_places"."topics") between 1 and 7),
	CONSTRAINT "alert_places_label_check" CHECK (char_length("alert_places"."label") <= 200)
);
--> statement-breakpoint
CREATE TABLE "notice_reactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notice_id" bigint NOT NULL,
	"user_id" text NOT NULL,
	"body" text NOT NULL,
	"attachment_name" text,
	"attachment_type" text,
	"attachment" "bytea",
	"receipt_number" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_reactions_body_check" CHECK (char_length("notice_reactions"."body") between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "plan_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" "plan_notice_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"location_label" text NOT NULL,
	"geom" geometry(Geometry, 4326) NOT NULL,
	"topic" text NOT NULL,
	"reference" text,
	"starts_on" date NOT NULL,
	"published_on" date NOT NULL,
	"reaction_deadline" date,
	"status" "plan_notice_status" DEFAULT 'published' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_notices_text_check" CHECK (char_length("plan_notices"."title") <= 200 and char_length("plan_notices"."description") <= 5000)
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_place_id_alert_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."alert_places"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_places" ADD CONSTRAINT "alert_places_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_places" ADD CONSTRAINT "alert_places_address_id_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."addresses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD CONSTRAINT "notice_reactions_notice_id_plan_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."plan_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD CONSTRAINT "notice_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_notices" ADD CONSTRAINT "plan_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_once_unique" ON "alert_deliveries" USING btree ("user_id","item_kind","item_id");--> statement-breakpoint
CREATE INDEX "alert_deliveries_pending_idx" ON "alert_deliveries" USING btree ("channel","id") WHERE "alert_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "alert_places_match_geom_gist" ON "alert_places" USING gist ("match_geom");--> statement-breakpoint
CREATE INDEX "alert_places_user_idx" ON "alert_places" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_reactions_receipt_unique" ON "notice_reactions" USING btree ("receipt_number");--> statement-breakpoint
CREATE INDEX "notice_reactions_notice_idx" ON "notice_reactions" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "notice_reactions_user_idx" ON "notice_reactions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "plan_notices_geom_gist" ON "plan_notices" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "plan_notices_published_idx" ON "plan_notices" USING btree ("published_on");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_notices_reference_unique" ON "plan_notices" USING btree ("reference") WHERE "plan_notices"."reference" is not null;