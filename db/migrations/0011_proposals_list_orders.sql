ALTER TABLE "proposals" ADD COLUMN "hot_score" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "proposal_supports_created_idx" ON "proposal_supports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "proposals_newest_order_idx" ON "proposals" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_supported_order_idx" ON "proposals" USING btree ("support_count" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_hot_order_idx" ON "proposals" USING btree ("hot_score" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposals_closing_order_idx" ON "proposals" USING btree (("status" = 'published') desc,"window_ends_at","id" DESC NULLS LAST);