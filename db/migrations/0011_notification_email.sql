CREATE TABLE "notification_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"email" text DEFAULT 'immediately' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_settings_email_check" CHECK ("notification_settings"."email" in ('immediately', 'daily', 'off'))
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email_subject" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "emailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_email_waiting_idx" ON "notifications" USING btree ("user_id","created_at") WHERE "notifications"."email_subject" is not null and "notifications"."emailed_at" is null;