import pytest

from audit.models import AppendOnlyError, AuditEvent
from audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_audit_event_records_who_what_and_address(world, rf):
    from audit.middleware import AuditContextMiddleware

    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    captured = {}

    def view(req):
        captured["event"] = audit_record(
            actor=world.org_hr, action="employee.view", employee=world.sales_employee, obj=world.sales_employee
        )
        return None

    AuditContextMiddleware(view)(request)
    event = captured["event"]
    assert event.actor == world.org_hr and event.actor_label == "orghr"
    assert event.employee == world.sales_employee and event.employee_label == world.sales_employee.full_name
    assert event.object_type == "organisation.employee" and event.object_id == str(world.sales_employee.pk)
    assert event.ip_address == "10.1.2.3"


def test_audit_log_is_append_only(world):
    event = audit_record(actor=world.org_hr, action="employee.view")
    event.action = "something.else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "employee.view"


def test_forwarded_address_is_used_only_behind_trusted_proxies(rf, settings):
    from audit.middleware import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2")
    settings.AUDIT_TRUSTED_PROXIES = 0
    assert client_ip(request) == "10.0.0.1"
    settings.AUDIT_TRUSTED_PROXIES = 1
    assert client_ip(request) == "10.0.0.2"
    settings.AUDIT_TRUSTED_PROXIES = 2
    assert client_ip(request) == "203.0.113.9"


def test_logins_and_failed_logins_are_logged(client, world):
    client.post("/konto/login/", {"login": "orghr", "password": "wrong"})
    assert AuditEvent.objects.filter(action="auth.login_failed", detail__username="orghr").exists()
    assert client.post("/konto/login/", {"login": "orghr", "password": "secret-password-1"}).status_code == 302
    assert AuditEvent.objects.filter(action="auth.login", actor=world.org_hr).exists()
    # The password is never in the log.
    assert not AuditEvent.objects.filter(detail__icontains="wrong").exists()


@pytest.fixture
def postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's (migration audit 0003); SQLite relies on the ORM's guard")
    return connection


def test_the_database_refuses_a_raw_update_or_delete(world, postgresql):
    from django.db import DatabaseError, transaction

    event = audit_record(
        actor=world.org_hr, action="employee.view", employee=world.sales_employee, detail={"via": "api"}
    )
    for sql in [
        "UPDATE audit_auditevent SET action = 'auth.login' WHERE id = %s",
        "UPDATE audit_auditevent SET detail = '{}'::jsonb, employee_id = NULL WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ]:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with postgresql.cursor() as cursor:
                cursor.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.action == "employee.view" and event.employee == world.sales_employee


def test_the_retention_job_deletes_through_its_own_path(world, postgresql):
    from datetime import timedelta

    from django.utils import timezone

    old = audit_record(actor=world.org_hr, action="employee.view")
    AuditEvent.objects.bulk_create([AuditEvent(at=timezone.now() - timedelta(days=4000), action="auth.login")])
    assert AuditEvent.objects.purge_older_than(timezone.now() - timedelta(days=3000)) == 1
    assert list(AuditEvent.objects.all()) == [old]
    # The permission ends with the retention job's transaction.
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), postgresql.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [old.pk])


def test_deleting_an_account_unlinks_its_events_and_keeps_them(world, postgresql):
    event = audit_record(actor=world.outsider, action="auth.login")
    world.outsider.delete()
    event.refresh_from_db()
    assert event.actor is None and event.actor_label == "outsider" and event.action == "auth.login"
