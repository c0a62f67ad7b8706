CREATE TYPE "public"."promise_indicator_period" AS ENUM('year', 'quarter');--> statement-breakpoint
CREATE TYPE "public"."promise_source_kind" AS ENUM('coalition_agreement', 'council_motion', 'toezegging', 'programme_budget');--> statement-breakpoint
CREATE TYPE "public"."promise_status" AS ENUM('not_started', 'on_track', 'behind', 'done', 'changed', 'dropped');--> statement-breakpoint
CREATE TABLE "promise_indicator_values" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator_id" bigint NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"wijk_code" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promise_indicators" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"promise_id" bigint NOT NULL,
	"name" text NOT NULL,
	"definition" text NOT NULL,
	"unit" text NOT NULL,
	"source" text NOT NULL,
	"period" "promise_indicator_period" DEFAULT 'year' NOT NULL,
	"baseline_value" double precision,
	"baseline_period" text,
	"target_value" double precision,
	"target_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promise_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"promise_id" bigint NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" text NOT NULL,
	"title" text NOT NULL,
	"href" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promise_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"promise_id" bigint NOT NULL,
	"from_status" "promise_status",
	"status" "promise_status" NOT NULL,
	"explanation" text NOT NULL,
	"due_by" date,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promises" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"source_kind" "promise_source_kind" NOT NULL,
	"source_document" text NOT NULL,
	"source_chapter" text,
	"source_page" integer,
	"source_url" text,
	"theme" text NOT NULL,
	"portfolio_holder" text NOT NULL,
	"area_codes" text[] DEFAULT '{}' NOT NULL,
	"due_on" date,
	"status" "promise_status" DEFAULT 'not_started' NOT NULL,
	"update_every_months" integer DEFAULT 3 NOT NULL,
	"next_update_by" date NOT NULL,
	"last_update_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seed_key" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promises_update_every_check" CHECK ("promises"."update_every_months" between 1 and 12)
);
--> statement-breakpoint
ALTER TABLE "promise_indicator_values" ADD CONSTRAINT "promise_indicator_values_indicator_id_promise_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."promise_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_indicators" ADD CONSTRAINT "promise_indicators_promise_id_promises_id_fk" FOREIGN KEY ("promise_id") REFERENCES "public"."promises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_links" ADD CONSTRAINT "promise_links_promise_id_promises_id_fk" FOREIGN KEY ("promise_id") REFERENCES "public"."promises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_updates" ADD CONSTRAINT "promise_updates_promise_id_promises_id_fk" FOREIGN KEY ("promise_id") REFERENCES "public"."promises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_updates" ADD CONSTRAINT "promise_updates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "promise_indicator_values_unique" ON "promise_indicator_values" USING btree ("indicator_id","wijk_code","period");--> statement-breakpoint
CREATE INDEX "promise_indicators_promise_idx" ON "promise_indicators" USING btree ("promise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "promise_links_unique" ON "promise_links" USING btree ("promise_id","item_kind","item_id");--> statement-breakpoint
CREATE INDEX "promise_links_item_idx" ON "promise_links" USING btree ("item_kind","item_id");--> statement-breakpoint
CREATE INDEX "promise_updates_promise_idx" ON "promise_updates" USING btree ("promise_id","created_at");--> statement-breakpoint
CREATE INDEX "promises_status_idx" ON "promises" USING btree ("status");--> statement-breakpoint
CREATE INDEX "promises_next_update_idx" ON "promises" USING btree ("next_update_by");--> statement-breakpoint
CREATE UNIQUE INDEX "promises_seed_key_unique" ON "promises" USING btree ("seed_key");