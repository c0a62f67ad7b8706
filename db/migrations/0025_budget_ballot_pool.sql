CREATE TABLE "budget_ballot_pool" (
	"id" text PRIMARY KEY NOT NULL,
	"budget_id" bigint NOT NULL,
	"receipt_hash" text,
	"items" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budget_voters" DROP CONSTRAINT "budget_voters_ballot_id_budget_ballots_id_fk";
--> statement-breakpoint
ALTER TABLE "budgets" ADD COLUMN "declaration_note" text;--> statement-breakpoint
ALTER TABLE "budget_ballot_pool" ADD CONSTRAINT "budget_ballot_pool_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_ballot_pool_budget_idx" ON "budget_ballot_pool" USING btree ("budget_id");--> statement-breakpoint
ALTER TABLE "budget_voters" DROP COLUMN "ballot_id";