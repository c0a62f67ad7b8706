CREATE TYPE "public"."budget_idea_status" AS ENUM('submitted', 'feasible', 'unfeasible', 'merged');--> statement-breakpoint
CREATE TYPE "public"."budget_phase" AS ENUM('information', 'ideas', 'review', 'voting', 'result', 'execution');--> statement-breakpoint
CREATE TYPE "public"."budget_tally_method" AS ENUM('greedy', 'greedy-no-skip', 'greedy-threshold', 'equalshares', 'equalshares-comparison', 'equalshares/add1', 'equalshares/add1-comparison');--> statement-breakpoint
CREATE TYPE "public"."budget_vote_rule" AS ENUM('knapsack', 'approval', 'cumulative');--> statement-breakpoint
CREATE TYPE "public"."budget_vote_channel" AS ENUM('online', 'paper');--> statement-breakpoint
CREATE TABLE "budget_ballot_items" (
	"ballot_id" text NOT NULL,
	"project_id" bigint NOT NULL,
	"points" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "budget_ballot_items_pk" PRIMARY KEY("ballot_id","project_id"),
	CONSTRAINT "budget_ballot_items_points" CHECK ("budget_ballot_items"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "budget_ballots" (
	"id" text PRIMARY KEY NOT NULL,
	"budget_id" bigint NOT NULL,
	"receipt_hash" text
);
--> statement-breakpoint
CREATE TABLE "budget_ideas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"budget_id" bigint NOT NULL,
	"author_id" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"location" geometry(Point, 4326),
	"estimated_cost" bigint,
	"status" "budget_idea_status" DEFAULT 'submitted' NOT NULL,
	"reviewed_cost" bigint,
	"public_reason" text,
	"merged_into_id" bigint,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_milestones" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"on" date NOT NULL,
	"progress" integer NOT NULL,
	"text" text NOT NULL,
	"photo" text,
	"photo_alt" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_milestones_progress" CHECK ("budget_milestones"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "budget_phases" (
	"budget_id" bigint NOT NULL,
	"phase" "budget_phase" NOT NULL,
	"starts_on" date,
	"ends_on" date,
	CONSTRAINT "budget_phases_pk" PRIMARY KEY("budget_id","phase")
);
--> statement-breakpoint
CREATE TABLE "budget_projects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"budget_id" bigint NOT NULL,
	"idea_id" bigint,
	"external_id" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cost" bigint NOT NULL,
	"votes" integer,
	"score" integer,
	"selected" boolean,
	"reason" text,
	"selection_order" integer,
	CONSTRAINT "budget_projects_cost_positive" CHECK ("budget_projects"."cost" > 0)
);
--> statement-breakpoint
CREATE TABLE "budget_voters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"budget_id" bigint NOT NULL,
	"user_id" text,
	"person_key" text NOT NULL,
	"channel" "budget_vote_channel" NOT NULL,
	"entered_by" text,
	"ballot_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"area_code" text,
	"amount" bigint NOT NULL,
	"vote_rule" "budget_vote_rule" DEFAULT 'knapsack' NOT NULL,
	"max_projects" integer,
	"min_projects" integer,
	"points" integer,
	"tally_method" "budget_tally_method" DEFAULT 'greedy' NOT NULL,
	"min_score" integer,
	"minimum_age" integer,
	"ballots_changeable" boolean DEFAULT true NOT NULL,
	"phase" "budget_phase" DEFAULT 'information' NOT NULL,
	"closed_at" timestamp with time zone,
	"result" jsonb,
	"source" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_amount_positive" CHECK ("budgets"."amount" > 0),
	CONSTRAINT "budgets_min_max" CHECK ("budgets"."min_projects" is null or "budgets"."max_projects" is null or "budgets"."min_projects" <= "budgets"."max_projects")
);
--> statement-breakpoint
ALTER TABLE "budget_ballot_items" ADD CONSTRAINT "budget_ballot_items_ballot_id_budget_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."budget_ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ballot_items" ADD CONSTRAINT "budget_ballot_items_project_id_budget_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."budget_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ballots" ADD CONSTRAINT "budget_ballots_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ideas" ADD CONSTRAINT "budget_ideas_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ideas" ADD CONSTRAINT "budget_ideas_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_ideas" ADD CONSTRAINT "budget_ideas_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_milestones" ADD CONSTRAINT "budget_milestones_project_id_budget_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."budget_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_milestones" ADD CONSTRAINT "budget_milestones_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_phases" ADD CONSTRAINT "budget_phases_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_projects" ADD CONSTRAINT "budget_projects_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_projects" ADD CONSTRAINT "budget_projects_idea_id_budget_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."budget_ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_voters" ADD CONSTRAINT "budget_voters_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_voters" ADD CONSTRAINT "budget_voters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_voters" ADD CONSTRAINT "budget_voters_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_voters" ADD CONSTRAINT "budget_voters_ballot_id_budget_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."budget_ballots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_ballots_budget_idx" ON "budget_ballots" USING btree ("budget_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_ballots_receipt_unique" ON "budget_ballots" USING btree ("receipt_hash") WHERE "budget_ballots"."receipt_hash" is not null;--> statement-breakpoint
CREATE INDEX "budget_ideas_budget_idx" ON "budget_ideas" USING btree ("budget_id","status");--> statement-breakpoint
CREATE INDEX "budget_milestones_project_idx" ON "budget_milestones" USING btree ("project_id","on");--> statement-breakpoint
CREATE INDEX "budget_projects_budget_idx" ON "budget_projects" USING btree ("budget_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_projects_idea_unique" ON "budget_projects" USING btree ("idea_id") WHERE "budget_projects"."idea_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "budget_voters_user_unique" ON "budget_voters" USING btree ("budget_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_voters_person_unique" ON "budget_voters" USING btree ("budget_id","person_key");--> statement-breakpoint
CREATE INDEX "budgets_phase_idx" ON "budgets" USING btree ("phase");