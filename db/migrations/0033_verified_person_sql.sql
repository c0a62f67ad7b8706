-- Residents verified before names and full birth dates were recorded (decision 0004, amended).
-- Their birth date becomes 31 December of the year they typed: age rules never count them older than
-- they can be. They keep their address and area, but get no person key: voting in a budget asks them to
-- verify again, with their name, because a typed birth year identified no one.
UPDATE "users" SET "birth_date" = make_date("birth_year", 12, 31) WHERE "birth_year" IS NOT NULL AND "birth_date" IS NULL;--> statement-breakpoint
-- Letters in progress were addressed to no one: void them, the resident requests a new one.
UPDATE "residence_verifications" SET "expires_at" = now() WHERE "completed_at" IS NULL AND "legal_name" IS NULL AND "expires_at" > now();
