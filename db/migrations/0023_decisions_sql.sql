-- Decisions: geometry rules drizzle cannot express (also checked with a Dutch reason before inserting).
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_geom_valid_check" CHECK ("geom" IS NULL OR (ST_IsValid("geom") AND NOT ST_IsEmpty("geom")));--> statement-breakpoint
ALTER TABLE "decision_secrets" ADD CONSTRAINT "decision_secrets_geom_valid_check" CHECK ("geom" IS NULL OR (ST_IsValid("geom") AND NOT ST_IsEmpty("geom")));
