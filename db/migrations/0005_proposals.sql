CREATE TYPE "public"."proposal_answer_kind" AS ENUM('adopted', 'partly_adopted', 'not_adopted', 'already_planned', 'forwarded_to_council');--> statement-breakpoint
CREATE TYPE "public"."proposal_status" AS ENUM('draft', 'published', 'in_progress', 'answered', 'archived', 'retired');--> statement-breakpoint
CREATE TABLE "proposal_comment_likes" (
	"comment_id" bigint NOT NULL,
	"user_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_comments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"proposal_id" bigint NOT NULL,
	"parent_id" bigint,
	"author_id" text,
	"body" varchar(2000) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proposal_images" (
	"proposal_id" bigint PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL,
	"content_type" text DEFAULT 'image/webp' NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"alt" varchar(200) DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_scopes" (
	"scope" text PRIMARY KEY NOT NULL,
	"threshold" integer NOT NULL,
	"window_days" integer NOT NULL,
	"minimum_age" integer DEFAULT 16 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_scopes_threshold_positive" CHECK ("proposal_scopes"."threshold" between 1 and 1000000),
	CONSTRAINT "proposal_scopes_window_positive" CHECK ("proposal_scopes"."window_days" between 1 and 730),
	CONSTRAINT "proposal_scopes_age_range" CHECK ("proposal_scopes"."minimum_age" between 0 and 120)
);
--> statement-breakpoint
CREATE TABLE "proposal_supports" (
	"proposal_id" bigint NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_supports_proposal_user_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"author_id" text,
	"title" varchar(120) NOT NULL,
	"summary" varchar(500) NOT NULL,
	"body" text NOT NULL,
	"body_html" text NOT NULL,
	"theme" text NOT NULL,
	"wijk_code" text,
	"location" geometry(Point, 4326),
	"location_label" text,
	"status" "proposal_status" DEFAULT 'draft' NOT NULL,
	"threshold" integer,
	"minimum_age" integer,
	"published_at" timestamp with time zone,
	"window_ends_at" timestamp with time zone,
	"support_count" integer DEFAULT 0 NOT NULL,
	"threshold_reached_at" timestamp with time zone,
	"answer_deadline" timestamp with time zone,
	"answer_kind" "proposal_answer_kind",
	"answer_reasons" text,
	"answer_link" text,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	"retired_reason" text,
	"retired_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"has_image" boolean DEFAULT false NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || setweight(to_tsvector('dutch', coalesce(summary, '')), 'B') || setweight(to_tsvector('dutch', coalesce(body, '')), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_support_count_nonnegative" CHECK ("proposals"."support_count" >= 0),
	CONSTRAINT "proposals_title_length" CHECK (char_length("proposals"."title") between 1 and 120),
	CONSTRAINT "proposals_body_length" CHECK (char_length("proposals"."body") <= 10000)
);
--> statement-breakpoint
ALTER TABLE "proposal_comment_likes" ADD CONSTRAINT "proposal_comment_likes_comment_id_proposal_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."proposal_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comment_likes" ADD CONSTRAINT "proposal_comment_likes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_images" ADD CONSTRAINT "proposal_images_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_scopes" ADD CONSTRAINT "proposal_scopes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_comment_likes_unique" ON "proposal_comment_likes" USING btree ("comment_id","user_id");--> statement-breakpoint
CREATE INDEX "proposal_comments_proposal_idx" ON "proposal_comments" USING btree ("proposal_id","created_at");--> statement-breakpoint
CREATE INDEX "proposal_comments_parent_idx" ON "proposal_comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "proposal_supports_proposal_created_idx" ON "proposal_supports" USING btree ("proposal_id","created_at");--> statement-breakpoint
CREATE INDEX "proposal_supports_user_idx" ON "proposal_supports" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "proposals_status_published_idx" ON "proposals" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "proposals_status_support_idx" ON "proposals" USING btree ("status","support_count");--> statement-breakpoint
CREATE INDEX "proposals_status_window_idx" ON "proposals" USING btree ("status","window_ends_at");--> statement-breakpoint
CREATE INDEX "proposals_wijk_idx" ON "proposals" USING btree ("wijk_code");--> statement-breakpoint
CREATE INDEX "proposals_author_idx" ON "proposals" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "proposals_search_gin" ON "proposals" USING gin ("search");--> statement-breakpoint
CREATE INDEX "proposals_location_gist" ON "proposals" USING gist ("location");