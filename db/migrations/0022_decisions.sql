CREATE TYPE "public"."decision_body" AS ENUM('raad', 'college', 'burgemeester');--> statement-breakpoint
CREATE TYPE "public"."decision_event_kind" AS ENUM('recorded', 'imported', 'secrecy_imposed', 'secrecy_prolonged', 'released');--> statement-breakpoint
CREATE TYPE "public"."decision_kind" AS ENUM('decision', 'motion', 'amendment', 'mandate', 'secrecy_prolongation');--> statement-breakpoint
CREATE TYPE "public"."decision_status" AS ENUM('public', 'secret');--> statement-breakpoint
CREATE TABLE "decision_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"decision_id" bigint NOT NULL,
	"kind" "decision_event_kind" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"ground" text,
	"until" timestamp with time zone,
	"related_decision_id" bigint,
	"note" text,
	"actor_id" text
);
--> statement-breakpoint
CREATE TABLE "decision_links" (
	"decision_id" bigint NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" text NOT NULL,
	CONSTRAINT "decision_links_pk" PRIMARY KEY("decision_id","item_kind","item_id")
);
--> statement-breakpoint
CREATE TABLE "decision_secrets" (
	"decision_id" bigint PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"full_text" text,
	"document_url" text,
	"theme" text,
	"area_code" text,
	"location_label" text,
	"geom" geometry(Geometry, 4326),
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reference" text,
	"body" "decision_body" NOT NULL,
	"kind" "decision_kind" DEFAULT 'decision' NOT NULL,
	"decided_on" date NOT NULL,
	"status" "decision_status" DEFAULT 'public' NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"full_text" text,
	"document_url" text,
	"theme" text,
	"area_code" text,
	"location_label" text,
	"geom" geometry(Geometry, 4326),
	"answers_report_back_id" bigint,
	"secret_ground" text,
	"secret_until" timestamp with time zone,
	"secret_until_kind" text,
	"general_subject" text,
	"prolongs_decision_id" bigint,
	"released_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || setweight(to_tsvector('dutch', coalesce(summary, '')), 'B') || setweight(to_tsvector('dutch', coalesce(full_text, '')), 'C')) STORED,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_title_check" CHECK (char_length("decisions"."title") between 3 and 300),
	CONSTRAINT "decisions_secret_check" CHECK ("decisions"."status" = 'public' or ("decisions"."secret_ground" is not null and "decisions"."secret_until" is not null and "decisions"."summary" is null and "decisions"."full_text" is null and "decisions"."document_url" is null and "decisions"."geom" is null)),
	CONSTRAINT "decisions_until_kind_check" CHECK ("decisions"."secret_until_kind" is null or "decisions"."secret_until_kind" in ('ends', 'review'))
);
--> statement-breakpoint
ALTER TABLE "decision_events" ADD CONSTRAINT "decision_events_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_events" ADD CONSTRAINT "decision_events_related_decision_id_decisions_id_fk" FOREIGN KEY ("related_decision_id") REFERENCES "public"."decisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_events" ADD CONSTRAINT "decision_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_links" ADD CONSTRAINT "decision_links_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_secrets" ADD CONSTRAINT "decision_secrets_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_answers_report_back_id_report_backs_id_fk" FOREIGN KEY ("answers_report_back_id") REFERENCES "public"."report_backs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_events_decision_idx" ON "decision_events" USING btree ("decision_id","at");--> statement-breakpoint
CREATE INDEX "decision_links_item_idx" ON "decision_links" USING btree ("item_kind","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_reference_unique" ON "decisions" USING btree ("reference") WHERE "decisions"."reference" is not null;--> statement-breakpoint
CREATE INDEX "decisions_search_gin" ON "decisions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "decisions_decided_idx" ON "decisions" USING btree ("decided_on","id");--> statement-breakpoint
CREATE INDEX "decisions_secret_until_idx" ON "decisions" USING btree ("secret_until") WHERE "decisions"."status" = 'secret';--> statement-breakpoint
CREATE INDEX "decisions_geom_gist" ON "decisions" USING gist ("geom");