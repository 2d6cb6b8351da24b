"""The audit log is append-only in the database too (PostgreSQL): a trigger refuses UPDATE and DELETE.

Two paths stay open, both keeping the record:
- the retention job deletes events past AUDIT_RETENTION_DAYS after `SET LOCAL sykefravaer.audit_retention = 'on'`
  in its own transaction (audit.models.AuditEventQuerySet.purge_older_than);
- when a user account or an employee is deleted, Django sets the event's link to them to NULL; the labels,
  the time, the action and the detail stay as they were, and nothing else may change.
On SQLite (development) the ORM's own refusal (audit.models) is the guard.
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('sykefravaer.audit_retention', true) = 'on' THEN
            RETURN OLD;
        END IF;
    ELSIF TG_OP = 'UPDATE'
        AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
        AND NEW.actor_label = OLD.actor_label AND NEW.employee_label = OLD.employee_label
        AND NEW.object_type = OLD.object_type AND NEW.object_id = OLD.object_id
        AND NEW.ip_address IS NOT DISTINCT FROM OLD.ip_address AND NEW.detail = OLD.detail
        AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL)
        AND (NEW.employee_id IS NOT DISTINCT FROM OLD.employee_id OR NEW.employee_id IS NULL) THEN
        RETURN NEW;  -- a deleted account or employee unlinked; the record itself unchanged
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, None)
    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_action_choices")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False)]
