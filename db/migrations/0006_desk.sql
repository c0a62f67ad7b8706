CREATE TYPE "public"."contact_status" AS ENUM('new', 'picked_up', 'answered', 'closed');--> statement-breakpoint
CREATE TYPE "public"."flag_reason" AS ENUM('spam', 'offensive', 'personal_data', 'off_topic', 'other');--> statement-breakpoint
CREATE TYPE "public"."moderation_action_kind" AS ENUM('hide', 'restore', 'dismiss', 'block', 'unblock', 'objection');--> statement-breakpoint
CREATE TYPE "public"."assist_channel" AS ENUM('desk', 'phone', 'wijkpunt');--> statement-breakpoint
CREATE TABLE "contact_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"message" text NOT NULL,
	"from_path" text,
	"phone" text,
	"email" text,
	"visit_desk" boolean DEFAULT false NOT NULL,
	"status" "contact_status" DEFAULT 'new' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"picked_up_at" timestamp with time zone,
	"picked_up_by" text,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"staff_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_flags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"content_kind" text NOT NULL,
	"content_id" text NOT NULL,
	"user_id" text NOT NULL,
	"reason" "flag_reason" NOT NULL,
	"text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "moderation_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action" "moderation_action_kind" NOT NULL,
	"content_kind" text,
	"content_id" text,
	"target_user_id" text,
	"actor_id" text,
	"category" "flag_reason",
	"reason" text NOT NULL,
	"wijk_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_objections" (
	"content_kind" text NOT NULL,
	"content_id" text NOT NULL,
	"author_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_at" timestamp with time zone,
	CONSTRAINT "moderation_objections_pk" PRIMARY KEY("content_kind","content_id","author_id")
);
--> statement-breakpoint
CREATE TABLE "account_claims" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assisted_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resident_id" text NOT NULL,
	"helper_id" text,
	"channel" "assist_channel" NOT NULL,
	"action" text NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assisted_consents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resident_id" text NOT NULL,
	"helper_id" text,
	"channel" "assist_channel" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assisted_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"phone" text,
	"registered_by" text,
	"channel" "assist_channel" NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assisted_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"helper_id" text NOT NULL,
	"resident_id" text NOT NULL,
	"channel" "assist_channel" NOT NULL,
	"consent_id" bigint NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_requests" ADD CONSTRAINT "contact_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_requests" ADD CONSTRAINT "contact_requests_picked_up_by_users_id_fk" FOREIGN KEY ("picked_up_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_flags" ADD CONSTRAINT "content_flags_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_objections" ADD CONSTRAINT "moderation_objections_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_claims" ADD CONSTRAINT "account_claims_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_actions" ADD CONSTRAINT "assisted_actions_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_actions" ADD CONSTRAINT "assisted_actions_helper_id_users_id_fk" FOREIGN KEY ("helper_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_consents" ADD CONSTRAINT "assisted_consents_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_consents" ADD CONSTRAINT "assisted_consents_helper_id_users_id_fk" FOREIGN KEY ("helper_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_profiles" ADD CONSTRAINT "assisted_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_profiles" ADD CONSTRAINT "assisted_profiles_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_sessions" ADD CONSTRAINT "assisted_sessions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_sessions" ADD CONSTRAINT "assisted_sessions_helper_id_users_id_fk" FOREIGN KEY ("helper_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_sessions" ADD CONSTRAINT "assisted_sessions_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_requests_status_idx" ON "contact_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "contact_requests_user_idx" ON "contact_requests" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_flags_unique" ON "content_flags" USING btree ("content_kind","content_id","user_id");--> statement-breakpoint
CREATE INDEX "content_flags_open_idx" ON "content_flags" USING btree ("resolved_at","content_kind","content_id");--> statement-breakpoint
CREATE INDEX "moderation_actions_content_idx" ON "moderation_actions" USING btree ("content_kind","content_id");--> statement-breakpoint
CREATE INDEX "moderation_actions_created_idx" ON "moderation_actions" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "account_claims_code_unique" ON "account_claims" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "account_claims_user_idx" ON "account_claims" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "assisted_actions_resident_idx" ON "assisted_actions" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "assisted_consents_resident_idx" ON "assisted_consents" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "assisted_sessions_helper_idx" ON "assisted_sessions" USING btree ("helper_id");