CREATE TABLE "organisation_links" (
	"user_id" text PRIMARY KEY NOT NULL,
	"kvk_number" text NOT NULL,
	"name" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation_links" ADD CONSTRAINT "organisation_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_links_kvk_idx" ON "organisation_links" USING btree ("kvk_number");