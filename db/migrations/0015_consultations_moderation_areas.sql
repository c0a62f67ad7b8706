ALTER TYPE "public"."consultation_area_scope" ADD VALUE 'drawn';--> statement-breakpoint
CREATE TABLE "consultation_open_answers" (
	"id" text PRIMARY KEY NOT NULL,
	"consultation_id" bigint NOT NULL,
	"response_id" bigint NOT NULL,
	"question_id" bigint NOT NULL,
	"text_hash" text NOT NULL,
	"hidden_reason" text,
	"hidden_by" text,
	"hidden_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "area_geom" geometry(MultiPolygon, 4326);--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "mask_terms" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_open_answers" ADD CONSTRAINT "consultation_open_answers_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_open_answers" ADD CONSTRAINT "consultation_open_answers_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_open_answers" ADD CONSTRAINT "consultation_open_answers_question_id_consultation_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."consultation_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_open_answers" ADD CONSTRAINT "consultation_open_answers_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_open_answers_one_per_question" ON "consultation_open_answers" USING btree ("response_id","question_id");--> statement-breakpoint
CREATE INDEX "consultation_open_answers_consultation_idx" ON "consultation_open_answers" USING btree ("consultation_id");