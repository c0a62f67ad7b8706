-- The audit log stays append-only against TRUNCATE too: row triggers do not fire for it, a statement
-- trigger does (decision 0013). The app should run as a role that does not own the tables, so it can
-- neither drop this trigger nor the table (README, "Running it for real").
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
