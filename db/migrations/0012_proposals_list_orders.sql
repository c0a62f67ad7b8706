CREATE TABLE "proposal_pending_images" (
	"token" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"data" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "hot_score" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_pending_images" ADD CONSTRAINT "proposal_pending_images_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_pending_images_created_idx" ON "proposal_pending_images" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "proposal_supports_created_idx" ON "proposal_supports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "proposals_newest_order_idx" ON "proposals" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_supported_order_idx" ON "proposals" USING btree ("support_count" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_hot_order_idx" ON "proposals" USING btree ("hot_score" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_closing_order_idx" ON "proposals" USING btree (("status" = 'published') desc,"window_ends_at","id" DESC NULLS LAST);