import pytest

from audit.models import AppendOnlyError, AuditEvent
from audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_audit_event_records_who_what_and_address(world, rf):
    from audit.middleware import AuditContextMiddleware

    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    captured = {}

    def view(req):
        captured["event"] = audit_record(actor=world.org_hr, action="employee.view", employee=world.sales_employee,
                                         obj=world.sales_employee)
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
