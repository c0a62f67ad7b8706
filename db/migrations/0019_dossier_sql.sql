-- The audit log stays append-only for the application, with one exception: the retention clock may
-- delete lines older than the retention period (app/modules/dossier/retention.server.ts). It says so by
-- setting stem.audit_retention to 'on' for its own transaction only (set_config(..., true)).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('stem.audit_retention', true), '') = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
