CREATE TYPE "public"."participation_item_status" AS ENUM('draft', 'review', 'scheduled', 'open', 'closed', 'reported', 'archived');--> statement-breakpoint
CREATE TYPE "public"."participation_level" AS ENUM('informeren', 'raadplegen', 'adviseren', 'coproduceren', 'meebeslissen');--> statement-breakpoint
CREATE TABLE "participation_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"item_id" text NOT NULL,
	"title" text NOT NULL,
	"href" text NOT NULL,
	"owner_id" text,
	"area_codes" text[] DEFAULT '{}' NOT NULL,
	"status" "participation_item_status" DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_backs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"participation_item_id" bigint NOT NULL,
	"summary" text NOT NULL,
	"decision" text NOT NULL,
	"details" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "weighing_declarations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"participation_item_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"level" "participation_level" NOT NULL,
	"decided_by" text NOT NULL,
	"decision_expected_on" date,
	"used_for" text NOT NULL,
	"binding_rule" jsonb,
	"report_back_by" date NOT NULL,
	"change_note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "participation_items" ADD CONSTRAINT "participation_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_backs" ADD CONSTRAINT "report_backs_participation_item_id_participation_items_id_fk" FOREIGN KEY ("participation_item_id") REFERENCES "public"."participation_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_backs" ADD CONSTRAINT "report_backs_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weighing_declarations" ADD CONSTRAINT "weighing_declarations_participation_item_id_participation_items_id_fk" FOREIGN KEY ("participation_item_id") REFERENCES "public"."participation_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weighing_declarations" ADD CONSTRAINT "weighing_declarations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "participation_items_kind_item_unique" ON "participation_items" USING btree ("kind","item_id");--> statement-breakpoint
CREATE INDEX "participation_items_status_idx" ON "participation_items" USING btree ("status","closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_backs_item_unique" ON "report_backs" USING btree ("participation_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "weighing_declarations_item_version_unique" ON "weighing_declarations" USING btree ("participation_item_id","version");