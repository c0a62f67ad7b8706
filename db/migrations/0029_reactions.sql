CREATE TYPE "public"."notice_reaction_kind" AS ENUM('comment', 'zienswijze', 'bezwaar');--> statement-breakpoint
CREATE TYPE "public"."notice_reaction_status" AS ENUM('received', 'in_progress', 'answered', 'inadmissible');--> statement-breakpoint
CREATE TABLE "case_handoffs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reaction_id" bigint NOT NULL,
	"event_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"send_after" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notice_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notice_id" bigint NOT NULL,
	"text" text NOT NULL,
	"document_name" text,
	"document_type" text,
	"document" "bytea",
	"nota" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_decisions_text_check" CHECK (char_length("notice_decisions"."text") between 10 and 20000)
);
--> statement-breakpoint
CREATE TABLE "notice_reaction_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reaction_id" bigint NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_reaction_notes_body_check" CHECK (char_length("notice_reaction_notes"."body") between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD COLUMN "kind" "notice_reaction_kind" DEFAULT 'comment' NOT NULL;--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD COLUMN "author_name" text;--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD COLUMN "author_address" text;--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD COLUMN "late" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD COLUMN "status" "notice_reaction_status" DEFAULT 'received' NOT NULL;--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD COLUMN "assigned_to" text;--> statement-breakpoint
ALTER TABLE "case_handoffs" ADD CONSTRAINT "case_handoffs_reaction_id_notice_reactions_id_fk" FOREIGN KEY ("reaction_id") REFERENCES "public"."notice_reactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_decisions" ADD CONSTRAINT "notice_decisions_notice_id_plan_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."plan_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_decisions" ADD CONSTRAINT "notice_decisions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reaction_notes" ADD CONSTRAINT "notice_reaction_notes_reaction_id_notice_reactions_id_fk" FOREIGN KEY ("reaction_id") REFERENCES "public"."notice_reactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reaction_notes" ADD CONSTRAINT "notice_reaction_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_handoffs_reaction_unique" ON "case_handoffs" USING btree ("reaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_handoffs_event_unique" ON "case_handoffs" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "case_handoffs_pending_idx" ON "case_handoffs" USING btree ("send_after") WHERE "case_handoffs"."delivered_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notice_decisions_notice_unique" ON "notice_decisions" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "notice_reaction_notes_reaction_idx" ON "notice_reaction_notes" USING btree ("reaction_id");--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD CONSTRAINT "notice_reactions_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_reactions_status_idx" ON "notice_reactions" USING btree ("status","received_at");--> statement-breakpoint
ALTER TABLE "notice_reactions" ADD CONSTRAINT "notice_reactions_status_reason_check" CHECK ("notice_reactions"."status" <> 'inadmissible' or char_length("notice_reactions"."status_reason") between 5 and 1000);