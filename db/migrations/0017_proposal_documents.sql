CREATE TABLE "proposal_documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"proposal_id" bigint NOT NULL,
	"title" varchar(120) NOT NULL,
	"filename" varchar(100) NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_documents_size_positive" CHECK ("proposal_documents"."size" > 0)
);
--> statement-breakpoint
CREATE TABLE "proposal_pending_uploads" (
	"token" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"data" "bytea" NOT NULL,
	"width" integer,
	"height" integer,
	"filename" varchar(100),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_pending_uploads_kind" CHECK ("proposal_pending_uploads"."kind" in ('image', 'document'))
);
--> statement-breakpoint
-- Hand-written: images kept from a failed form in the last day move to the new store, so nobody
-- who is correcting a form right now has to choose their image again.
INSERT INTO "proposal_pending_uploads" ("token", "user_id", "kind", "data", "width", "height", "created_at")
  SELECT "token", "user_id", 'image', "data", "width", "height", "created_at" FROM "proposal_pending_images";--> statement-breakpoint
DROP TABLE "proposal_pending_images" CASCADE;--> statement-breakpoint
ALTER TABLE "proposal_documents" ADD CONSTRAINT "proposal_documents_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_pending_uploads" ADD CONSTRAINT "proposal_pending_uploads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_documents_proposal_idx" ON "proposal_documents" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "proposal_pending_uploads_created_idx" ON "proposal_pending_uploads" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "proposal_pending_uploads_user_idx" ON "proposal_pending_uploads" USING btree ("user_id","created_at");