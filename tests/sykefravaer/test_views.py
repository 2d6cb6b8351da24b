import pytest
from django.urls import reverse

from audit.models import AuditEvent
from organisation.models import Employee

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, text", [("nb", "Logg inn"), ("en", "Log in")])
def test_login_page_in_both_languages(client, language, text, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert text in response.content.decode()


def test_norwegian_is_the_default(client):
    response = client.get(reverse("account_login"))
    assert '<html lang="nb">' in response.content.decode()


def test_pages_need_login(client):
    for name in ["home", "manager_start", "hr_start", "employee_start", "organisation:employee_list", "audit:search"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/konto/login/"), name


@pytest.mark.parametrize(
    "who, start",
    [
        ("salesmanager", "manager_start"),
        ("orghr", "hr_start"),
        ("salesemployee", "employee_start"),
    ],
)
def test_home_sends_each_role_to_its_start_page(client, world, who, start):
    client.force_login(world.sales_manager.user.__class__.objects.get(username=who))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse(start)
    assert client.get(response["Location"]).status_code == 200


def test_admin_goes_to_admin_and_outsider_is_told_to_ask_for_access(client, world):
    client.force_login(world.admin)
    assert client.get(reverse("home"))["Location"] == reverse("admin:index")
    client.force_login(world.outsider)
    response = client.get(reverse("home"))
    assert response.status_code == 200 and "Ingen tilgang ennå" in response.content.decode()


@pytest.mark.parametrize(
    "who, page, status",
    [
        ("salesemployee", "manager_start", 404),
        ("salesemployee", "hr_start", 404),
        ("salesmanager", "hr_start", 404),
        ("orghr", "manager_start", 404),
        ("orghr", "employee_start", 404),
        ("outsider", "employee_start", 404),
        ("salesemployee", "audit:search", 404),
        ("salesmanager", "audit:search", 404),
        ("orghr", "audit:search", 200),
        ("admin", "audit:search", 200),
    ],
)
def test_start_pages_are_per_role(client, world, who, page, status):
    user = world.admin.__class__.objects.get(username=who)
    client.force_login(user)
    assert client.get(reverse(page)).status_code == status
    refusals = AuditEvent.objects.filter(actor=user, action="access.denied")
    assert refusals.exists() == (status == 404)  # every refusal is audited, nothing else is


def test_manager_start_page_lists_own_team_only(client, world, make_case):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    for employee in [world.sales_employee, world.north_employee, world.support_employee]:
        make_case(employee, ("sick", today - timedelta(days=3), today + timedelta(days=10), 100), today=today)
    client.force_login(world.sales_manager.user)
    content = client.get(reverse("manager_start")).content.decode()
    assert world.sales_employee.full_name in content and world.north_employee.full_name in content
    assert world.support_employee.full_name not in content


def test_employee_list_is_scoped_and_paginated(client, world, django_assert_max_num_queries):
    client.force_login(world.unit_hr)
    content = client.get(reverse("organisation:employee_list")).content.decode()
    assert world.north_employee.full_name in content
    assert world.support_employee.full_name not in content
    # Many more employees: the same bounded number of queries, 25 a page.
    for n in range(60):
        Employee.objects.create(
            organisation=world.sales.organisation,
            unit=world.sales,
            employee_number=f"x{n}",
            first_name=f"Extra{n}",
            last_name="Person",
            employment_start="2020-01-01",
        )
    # Session, user, roles (3), the page and its count, the notification bell.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("organisation:employee_list"), {"page": 2})
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.count == 64


def test_employee_detail_404_for_outsiders_and_logged(client, world):
    client.force_login(world.support_manager.user)
    url = reverse("organisation:employee_detail", args=[world.sales_employee.pk])
    response = client.get(url)
    assert response.status_code == 404
    assert "Siden finnes ikke" in response.content.decode()
    assert AuditEvent.objects.filter(action="access.denied", actor=world.support_manager.user).exists()
    client.force_login(world.sales_manager.user)
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(
        action="employee.view", employee=world.sales_employee, actor=world.sales_manager.user, ip_address="127.0.0.1"
    ).exists()


def test_audit_search_by_employee_and_user(client, world):
    client.force_login(world.sales_manager.user)
    client.get(reverse("organisation:employee_detail", args=[world.sales_employee.pk]))
    client.force_login(world.org_hr)
    client.get(reverse("organisation:employee_detail", args=[world.support_employee.pk]))
    page = client.get(reverse("audit:search"), {"employee": world.sales_employee.full_name}).context["page"]["events"]
    assert {e.actor_label for e in page} == {"salesmanager"}
    page = client.get(reverse("audit:search"), {"user": "orghr"}).context["page"]["events"]
    assert {e.employee_label for e in page if e.employee_label} == {world.support_employee.full_name}
    # Unit HR sees only events about its own scope.
    client.force_login(world.unit_hr)
    page = client.get(reverse("audit:search")).context["page"]["events"]
    assert {e.employee_label for e in page} == {world.sales_employee.full_name}


def test_language_switch_saves_preference_and_refuses_foreign_redirects(client, world, settings):
    client.force_login(world.sales_employee.user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    world.sales_employee.refresh_from_db()
    assert world.sales_employee.preferred_language == "en"
    assert '<html lang="en">' in client.get(reverse("employee_start")).content.decode()


def test_preferred_language_applies_without_cookie(client, world):
    world.sales_employee.preferred_language = "en"
    world.sales_employee.save()
    client.force_login(world.sales_employee.user)
    assert "My page" in client.get(reverse("employee_start")).content.decode()


def test_django_admin_is_for_administrators_only(client, world):
    world.org_hr.is_staff = True  # even a staff flag does not open the admin
    world.org_hr.save()
    client.force_login(world.org_hr)
    assert client.get("/admin/").status_code == 302
    client.force_login(world.admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/audit/auditevent/").status_code == 200


def test_password_reset_sends_mail_in_the_users_language(client, world, mailoutbox, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = client.post(reverse("account_reset_password"), {"email": "salesemployee@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "Nytt passord" in mailoutbox[0].subject
    assert "/konto/password/reset/key/" in mailoutbox[0].body


def test_health(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.json()["status"] == "ok"
