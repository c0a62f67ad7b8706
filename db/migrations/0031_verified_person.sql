ALTER TABLE "residence_verifications" ALTER COLUMN "birth_year" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residence_verifications" ALTER COLUMN "code_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residence_verifications" ADD COLUMN "method" "verification_method" DEFAULT 'letter' NOT NULL;--> statement-breakpoint
ALTER TABLE "residence_verifications" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "residence_verifications" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "residence_verifications" ADD COLUMN "requested_by" text;--> statement-breakpoint
ALTER TABLE "residence_verifications" ADD COLUMN "confirmed_by" text;--> statement-breakpoint
ALTER TABLE "residence_verifications" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "person_key" text;--> statement-breakpoint
ALTER TABLE "residence_verifications" ADD CONSTRAINT "residence_verifications_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_verifications" ADD CONSTRAINT "residence_verifications_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_person_key_idx" ON "users" USING btree ("person_key");--> statement-breakpoint
CREATE INDEX "users_address_idx" ON "users" USING btree ("address_id");