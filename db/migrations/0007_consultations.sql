CREATE TYPE "public"."consultation_area_scope" AS ENUM('city', 'wijken', 'buurten');--> statement-breakpoint
CREATE TYPE "public"."consultation_eligibility" AS ENUM('everyone', 'verified_area');--> statement-breakpoint
CREATE TYPE "public"."consultation_kind" AS ENUM('consultation', 'policy_evaluation');--> statement-breakpoint
CREATE TYPE "public"."consultation_owner_role" AS ENUM('griffie', 'wijkteam', 'staff');--> statement-breakpoint
CREATE TYPE "public"."consultation_results" AS ENUM('live', 'after_close');--> statement-breakpoint
CREATE TYPE "public"."consultation_status" AS ENUM('draft', 'review', 'scheduled', 'open', 'closed', 'reported');--> statement-breakpoint
CREATE TYPE "public"."consultation_question_kind" AS ENUM('single', 'multiple', 'scale', 'ranking', 'open', 'map_point');--> statement-breakpoint
CREATE TABLE "consultation_documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consultation_id" bigint NOT NULL,
	"title" text NOT NULL,
	"filename" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_questions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consultation_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"kind" "consultation_question_kind" NOT NULL,
	"prompt" text NOT NULL,
	"help" text DEFAULT '' NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_responses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consultation_id" bigint NOT NULL,
	"user_id" text NOT NULL,
	"answers" jsonb NOT NULL,
	"wijk_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"kind" "consultation_kind" DEFAULT 'consultation' NOT NULL,
	"goals" text[] DEFAULT '{}' NOT NULL,
	"owner_id" text,
	"owner_role" "consultation_owner_role" NOT NULL,
	"area_scope" "consultation_area_scope" DEFAULT 'city' NOT NULL,
	"area_codes" text[] DEFAULT '{}' NOT NULL,
	"wijk_codes" text[] DEFAULT '{}' NOT NULL,
	"eligibility" "consultation_eligibility" DEFAULT 'everyone' NOT NULL,
	"minimum_age" integer,
	"status" "consultation_status" DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"results" "consultation_results" DEFAULT 'after_close' NOT NULL,
	"participation_item_id" bigint,
	"seed_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_documents" ADD CONSTRAINT "consultation_documents_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_documents" ADD CONSTRAINT "consultation_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_questions" ADD CONSTRAINT "consultation_questions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_participation_item_id_participation_items_id_fk" FOREIGN KEY ("participation_item_id") REFERENCES "public"."participation_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_documents_consultation_idx" ON "consultation_documents" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultation_questions_consultation_idx" ON "consultation_questions" USING btree ("consultation_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_one_per_person" ON "consultation_responses" USING btree ("consultation_id","user_id");--> statement-breakpoint
CREATE INDEX "consultations_status_idx" ON "consultations" USING btree ("status","closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_seed_key_unique" ON "consultations" USING btree ("seed_key");--> statement-breakpoint
CREATE INDEX "consultations_search_idx" ON "consultations" USING gin (to_tsvector('dutch', "title" || ' ' || "intro"));