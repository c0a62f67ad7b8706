-- The audit log stays append-only for the application, with one exception: the retention clock may
-- delete lines older than the retention period (app/modules/dossier/retention.server.ts). It says so by
-- setting stem.audit_retention to 'on' for its own transaction only (set_config(..., true)). Any session
-- can set that, so the database itself refuses to delete a line younger than a year, whatever the setting:
-- a compromised application can not wipe recent traces.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('stem.audit_retention', true), '') = 'on'
     AND OLD.at < now() - interval '1 year' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
