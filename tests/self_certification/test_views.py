from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from audit.models import AuditEvent
from cases.models import AbsencePeriod
from self_certification.models import EgenmeldingPolicy, SelfCertification, Withdrawal

from .conftest import report, user_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 11)
ROLES = [
    "sales_employee",
    "north_employee",
    "sales_manager",
    "support_manager",
    "org_hr",
    "unit_hr",
    "admin",
    "outsider",
]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def pending(world):
    """sales_employee's report, waiting for sales_manager."""
    return report(world.sales_employee, TODAY - timedelta(days=1), TODAY)


def _status(client, world, who, method, url, data=None):
    client.force_login(user_of(world, who))
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


# Access: role × view. The employee is sales_employee; the other employee north_employee (same
# manager); the manager sales_manager; the other manager support_manager; HR for the whole
# organisation, HR for sales; the administrator; a user with no role.

EMPLOYEES_ONLY = {
    "sales_employee": 200,
    "north_employee": 200,
    "sales_manager": 200,
    "support_manager": 200,
    "org_hr": 404,
    "unit_hr": 404,
    "admin": 404,
    "outsider": 404,
}
OWN_REPORT = {
    "sales_employee": 200,
    "north_employee": 404,
    "sales_manager": 404,
    "support_manager": 404,
    "org_hr": 404,
    "unit_hr": 404,
    "admin": 404,
    "outsider": 404,
}
SEE_REPORT = {**OWN_REPORT, "sales_manager": 200, "org_hr": 200, "unit_hr": 200}
DECIDE_REPORT = {**SEE_REPORT, "sales_employee": 404}
HR_ONLY = {who: 404 for who in ROLES} | {"org_hr": 200, "unit_hr": 200}


def _matrix(expected: dict, ok: int = 200):
    return [(who, ok if expected[who] == 200 else 404) for who in ROLES]


@pytest.mark.parametrize("name", ["mine", "new"])
@pytest.mark.parametrize("who, status", _matrix(EMPLOYEES_ONLY))
def test_employee_pages_are_for_employees(client, world, name, who, status):
    assert _status(client, world, who, "get", reverse(f"self_certification:{name}")) == status


@pytest.mark.parametrize("who, status", _matrix(EMPLOYEES_ONLY))
def test_the_rules_answer_only_about_oneself(client, world, who, status):
    url = reverse("self_certification:assess") + f"?start={TODAY}&end={TODAY}"
    assert _status(client, world, who, "get", url) == status


@pytest.mark.parametrize("who, status", _matrix(SEE_REPORT))
def test_who_sees_a_report(client, world, pending, who, status):
    assert _status(client, world, who, "get", reverse("self_certification:detail", args=[pending.pk])) == status
    action = "self_certification.view" if status == 200 else "access.denied"
    assert AuditEvent.objects.filter(actor=user_of(world, who), action=action).exists()


@pytest.mark.parametrize("who, status", _matrix(OWN_REPORT))
def test_only_the_employee_corrects_their_report(client, world, pending, who, status):
    assert _status(client, world, who, "get", reverse("self_certification:edit", args=[pending.pk])) == status


@pytest.mark.parametrize("who, status", _matrix(OWN_REPORT, ok=302))
def test_only_the_employee_withdraws_their_report(client, world, pending, who, status):
    assert _status(client, world, who, "post", reverse("self_certification:cancel", args=[pending.pk])) == status
    pending.refresh_from_db()
    assert (pending.status == SelfCertification.Status.CANCELLED) == (status == 302)


@pytest.mark.parametrize("who, status", _matrix(DECIDE_REPORT, ok=302))
def test_manager_and_hr_in_scope_confirm(client, world, pending, who, status):
    assert _status(client, world, who, "post", reverse("self_certification:confirm", args=[pending.pk])) == status
    pending.refresh_from_db()
    assert (pending.status == SelfCertification.Status.CONFIRMED) == (status == 302)


@pytest.mark.parametrize("who, status", _matrix(DECIDE_REPORT))
def test_manager_and_hr_in_scope_ask_for_correction(client, world, pending, who, status):
    assert _status(client, world, who, "get", reverse("self_certification:correction", args=[pending.pk])) == status


@pytest.mark.parametrize(
    "who, status",
    _matrix(
        {**{who: 404 for who in ROLES}, "sales_manager": 200, "support_manager": 200, "org_hr": 200, "unit_hr": 200}
    ),
)
def test_the_pending_list_is_for_those_who_confirm(client, world, pending, who, status):
    assert _status(client, world, who, "get", reverse("self_certification:pending")) == status


@pytest.mark.parametrize("who, status", _matrix(HR_ONLY))
def test_the_hr_overview_is_for_hr(client, world, who, status):
    assert _status(client, world, who, "get", reverse("self_certification:hr_overview")) == status


@pytest.mark.parametrize("name", ["hr_employee", "hr_withdraw"])
@pytest.mark.parametrize("who, status", _matrix(HR_ONLY))
def test_hr_pages_about_an_employee_are_for_hr_in_scope(client, world, name, who, status):
    assert (
        _status(client, world, who, "get", reverse(f"self_certification:{name}", args=[world.sales_employee.pk]))
        == status
    )
    # Unit HR for sales does not see support.
    if who == "unit_hr":
        assert (
            _status(client, world, who, "get", reverse(f"self_certification:{name}", args=[world.support_employee.pk]))
            == 404
        )


@pytest.mark.parametrize("who, status", _matrix({**HR_ONLY, "unit_hr": 404}))
def test_only_whole_organisation_hr_sets_the_policy(client, world, who, status):
    url = reverse("self_certification:hr_policy", args=[world.root.organisation.pk])
    assert _status(client, world, who, "get", url) == status


def test_unknown_ids_answer_404_and_are_logged(client, world):
    client.force_login(world.org_hr)
    for url in ["/egenmelding/abc/", "/egenmelding/999/", "/egenmelding/hr/ansatt/999/", "/egenmelding/hr/regler/abc/"]:
        assert client.get(url).status_code == 404, url
    assert AuditEvent.objects.filter(actor=world.org_hr, action="access.denied").count() == 4


def test_the_manager_sees_only_their_own_teams_reports(client, world, pending):
    other = report(world.support_employee, TODAY, TODAY)
    client.force_login(world.sales_manager.user)
    content = client.get(reverse("manager_start")).content.decode()
    assert 'data-testid="pending-self-certifications"' in content
    assert reverse("self_certification:confirm", args=[pending.pk]) in content
    assert reverse("self_certification:confirm", args=[other.pk]) not in content


# The employee's form ---------------------------------------------------------------------


def test_the_form_asks_nothing_medical(english, world):
    english.force_login(world.sales_employee.user)
    response = english.get(reverse("self_certification:new"))
    assert set(response.context["form"].fields) == {"start", "end", "work_related", "declaration", "only_allowed_days"}
    content = response.content.decode()
    for word in ["diagnos", "symptom"]:
        assert f'name="{word}' not in content
    assert response.context["decision"].reason == "ok"  # today, one day
    assert 'data-testid="decision"' in content and 'data-status="ok"' in content


def test_submitting_the_form_sends_it_to_the_manager(english, world):
    english.force_login(world.sales_employee.user)
    response = english.post(
        reverse("self_certification:new"),
        {"start": "2026-03-10", "end": "2026-03-11", "work_related": "unsure", "declaration": "on"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("self_certification:mine")
    saved = SelfCertification.objects.get()
    assert (saved.employee, saved.work_related, saved.status) == (world.sales_employee, "unsure", "submitted")
    page = english.get(response["Location"]).content.decode()
    assert "Waiting for the manager" in page


def test_a_capped_report_says_from_which_day_a_doctors_note_is_needed(english, world):
    english.force_login(world.sales_employee.user)
    data = {"start": "2026-03-09", "end": "2026-03-13", "work_related": "no", "declaration": "on"}
    response = english.post(reverse("self_certification:new"), data)
    assert response.status_code == 200 and not SelfCertification.objects.exists()
    content = response.content.decode()
    assert (
        escape(
            "You may self-certify 3 days, to 11 March 2026. From 12 March 2026 you need a doctor's note (sykmelding)."
        )
        in content
    )
    assert response.context["form"].errors["only_allowed_days"]
    assert escape("Submit only the days I may self-certify, to 11 March 2026") in content
    assert 'value="2026-03-13"' in content  # nothing typed is lost
    response = english.post(reverse("self_certification:new"), {**data, "only_allowed_days": "on"})
    assert response.status_code == 302
    saved = SelfCertification.objects.get()
    assert (saved.end, saved.requested_end) == (date(2026, 3, 11), date(2026, 3, 13))


@pytest.mark.parametrize(
    "data, message",
    [
        ({"end": "2026-03-01"}, "The last day is before the first day."),
        ({"declaration": ""}, "This field is required."),
        ({"work_related": "maybe"}, "Select a valid choice."),
        ({"start": "2026-03-12", "end": "2026-03-12"}, "it cannot start in the future"),
    ],
)
def test_bad_input_is_explained(english, world, data, message):
    english.force_login(world.sales_employee.user)
    post = {"start": "2026-03-10", "end": "2026-03-11", "work_related": "no", "declaration": "on", **data}
    response = english.post(reverse("self_certification:new"), post)
    assert response.status_code == 200 and message in response.content.decode()
    assert not SelfCertification.objects.exists()


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "The right to self-certify applies from 1 April 2026"),
        ("nb", "Retten til egenmelding gjelder fra 1. april 2026"),
    ],
)
def test_the_rules_answer_in_the_users_language(client, settings, world, language, text):
    world.sales_employee.employment_start = date(2026, 2, 1)
    world.sales_employee.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(world.sales_employee.user)
    answer = client.get(reverse("self_certification:assess"), {"start": "2026-03-10", "end": "2026-03-11"}).json()
    assert answer["status"] == "refused" and answer["reason"] == "employment_under_2_months"
    assert text in answer["explanation"] and answer["days_allowed"] == 0
    assert AuditEvent.objects.filter(action="self_certification.assess").exists()


def test_the_rules_answer_explains_bad_dates(english, world):
    english.force_login(world.sales_employee.user)
    response = english.get(reverse("self_certification:assess"), {"start": "2026-03-10", "end": "nonsense"})
    assert response.status_code == 400 and response.json()["code"] == "invalid_input"
    response = english.get(reverse("self_certification:assess"), {"start": "2026-03-11", "end": "2026-03-10"})
    assert response.status_code == 400 and response.json()["code"] == "invalid_period"


def test_the_form_shows_the_policy_in_force_and_the_occasions(english, world):
    EgenmeldingPolicy.objects.create(
        organisation=world.root.organisation, max_days_per_occasion=8, max_days_per_12_months=24
    )
    AbsencePeriod.objects.create(
        employee=world.sales_employee, kind="egenmelding", start=date(2026, 1, 5), end=date(2026, 1, 7)
    )
    english.force_login(world.sales_employee.user)
    content = english.get(reverse("self_certification:new")).content.decode()
    assert "up to 8 calendar days per occasion, and at most 24 days in 12 months" in content
    assert "You have used 3 of 24 days in the last 12 months." in content
    assert "You have self-certified 1 time in the last 12 months." in content


def test_the_employee_sees_a_withdrawal_and_the_form_refuses(english, world):
    Withdrawal.objects.create(
        employee=world.sales_employee,
        decided_by=world.org_hr,
        decided_on=TODAY,
        reason="Fire fravær på ett år.",
        valid_from=TODAY,
        valid_to=date(2026, 9, 10),
    )
    english.force_login(world.sales_employee.user)
    start_page = english.get(reverse("employee_start")).content.decode()
    assert 'data-testid="withdrawal"' in start_page and "Fire fravær på ett år." in start_page
    response = english.post(
        reverse("self_certification:new"),
        {"start": "2026-03-11", "end": "2026-03-11", "work_related": "no", "declaration": "on"},
    )
    assert response.status_code == 200
    assert "The employer has withdrawn the right to self-certify" in response.content.decode()
    assert response.context["decision"].reason == "withdrawn"


def test_the_employee_corrects_after_the_managers_comment(english, world, pending):
    pending.status = SelfCertification.Status.CORRECTION_REQUESTED
    pending.manager_comment = "Du var på jobb 10. mars."
    pending.save()
    english.force_login(world.sales_employee.user)
    page = english.get(reverse("self_certification:edit", args=[pending.pk])).content.decode()
    assert "Du var på jobb 10. mars." in page and f'data-exclude="{pending.pk}"' in page
    response = english.post(
        reverse("self_certification:edit", args=[pending.pk]),
        {"start": "2026-03-11", "end": "2026-03-11", "work_related": "no", "declaration": "on"},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.start, pending.status) == (TODAY, SelfCertification.Status.SUBMITTED)


def test_a_decided_report_cannot_be_corrected_and_the_employee_is_told_why(english, world, pending):
    """The view asks the service's rule (correction_refusal) and shows its reason, not a 404."""
    pending.status = SelfCertification.Status.CONFIRMED
    pending.save()
    english.force_login(world.sales_employee.user)
    for response in (
        english.get(reverse("self_certification:edit", args=[pending.pk]), follow=True),
        english.post(
            reverse("self_certification:edit", args=[pending.pk]),
            {"start": "2026-03-11", "end": "2026-03-11", "work_related": "no", "declaration": "on"},
            follow=True,
        ),
    ):
        assert response.redirect_chain[-1][0] == reverse("self_certification:mine")
        assert "This report is decided and can no longer be changed." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == SelfCertification.Status.CONFIRMED and pending.start != TODAY


# The manager ---------------------------------------------------------------------------------


def test_the_manager_confirms_and_lands_on_the_case(english, world, pending):
    english.force_login(world.sales_manager.user)
    response = english.post(reverse("self_certification:confirm", args=[pending.pk]))
    case = world.sales_employee.cases.get()
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.pk])
    content = english.get(response["Location"]).content.decode()
    assert "Self-certification" in content and case.start == pending.start


def test_a_clash_at_confirmation_is_shown_and_nothing_is_lost(english, world, pending):
    AbsencePeriod.objects.create(employee=world.sales_employee, kind="sick", start=TODAY, end=TODAY + timedelta(5))
    english.force_login(world.sales_manager.user)
    response = english.post(reverse("self_certification:confirm", args=[pending.pk]))
    assert response.status_code == 400
    assert "The period overlaps sick note" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == SelfCertification.Status.SUBMITTED


def test_asking_for_correction_needs_a_comment_and_tells_the_employee(english, world, pending):
    english.force_login(world.sales_manager.user)
    url = reverse("self_certification:correction", args=[pending.pk])
    assert "This field is required." in english.post(url, {"comment": ""}).content.decode()
    assert english.post(url, {"comment": "Sjekk første dag."}).status_code == 302
    english.force_login(world.sales_employee.user)
    page = english.get(reverse("employee_start")).content.decode()
    assert "Correction requested" in page
    assert "Sjekk første dag." in english.get(reverse("self_certification:mine")).content.decode()


# HR --------------------------------------------------------------------------------------------


def _four_occasions(employee):
    for start in [date(2025, 5, 5), date(2025, 8, 4), date(2025, 11, 3), date(2026, 2, 2)]:
        AbsencePeriod.objects.create(employee=employee, kind="egenmelding", start=start, end=start + timedelta(1))


def test_hr_overview_shows_occasions_days_may_withdraw_and_policy(english, world, django_assert_max_num_queries):
    _four_occasions(world.sales_employee)
    AbsencePeriod.objects.create(
        employee=world.support_employee, kind="egenmelding", start=date(2026, 3, 2), end=date(2026, 3, 4)
    )
    report(world.north_employee, TODAY, TODAY)
    english.force_login(world.org_hr)
    with django_assert_max_num_queries(30):
        response = english.get(reverse("self_certification:hr_overview"))
    rows = {row.employee.pk: row for row in response.context["rows"]}
    assert (rows[world.sales_employee.pk].usage.occasions, rows[world.sales_employee.pk].usage.days) == (4, 8)
    assert rows[world.support_employee.pk].usage.days == 3
    assert rows[world.north_employee.pk].pending == 1
    assert [r.employee for r in response.context["may_withdraw"]] == [world.sales_employee]
    content = response.content.decode()
    assert 'data-testid="may-withdraw-notice"' in content and "The law: up to 3 calendar days per occasion." in content
    # Unit HR for sales sees its own area only.
    english.force_login(world.unit_hr)
    rows = english.get(reverse("self_certification:hr_overview")).context["rows"]
    assert world.support_employee not in [r.employee for r in rows]


def test_hr_overview_queries_do_not_grow_with_the_employees(english, world, django_assert_max_num_queries):
    from tests.factories import EmployeeFactory

    for i in range(30):
        employee = EmployeeFactory(organisation=world.root.organisation, unit=world.sales, manager=world.sales_manager)
        AbsencePeriod.objects.create(
            employee=employee,
            kind="egenmelding",
            start=date(2026, 1, 5) + timedelta(i % 5),
            end=date(2026, 1, 5) + timedelta(i % 5),
        )
    english.force_login(world.org_hr)
    with django_assert_max_num_queries(30):
        response = english.get(reverse("self_certification:hr_overview"))
    assert len(response.context["rows"]) == 25 and response.context["page"].paginator.count == 30


def test_hr_records_a_withdrawal_through_the_form(english, world):
    _four_occasions(world.sales_employee)
    english.force_login(world.org_hr)
    url = reverse("self_certification:hr_withdraw", args=[world.sales_employee.pk])
    response = english.post(
        url, {"decided_on": "2026-03-11", "valid_from": "2026-03-10", "valid_to": "2026-12-31", "reason": "Fire fravær"}
    )
    assert "cannot apply before the decision" in response.content.decode()
    response = english.post(
        url, {"decided_on": "2026-03-11", "valid_from": "2026-03-11", "valid_to": "2026-12-31", "reason": "Fire fravær"}
    )
    assert response.status_code == 302
    assert Withdrawal.objects.get().decided_by == world.org_hr


def test_hr_sets_the_ia_preset_and_goes_back_to_the_law(english, world):
    english.force_login(world.org_hr)
    url = reverse("self_certification:hr_policy", args=[world.root.organisation.pk])
    assert english.post(url, {"action": "ia"}).status_code == 302
    policy = EgenmeldingPolicy.objects.get()
    assert (policy.max_days_per_occasion, policy.max_days_per_12_months) == (8, 24)
    response = english.post(url, {"action": "save", "max_days_per_occasion": "20", "max_days_per_12_months": ""})
    assert response.status_code == 200 and "less than or equal to 16" in response.content.decode()
    assert (
        english.post(url, {"action": "save", "max_days_per_occasion": "5", "max_days_per_12_months": ""}).status_code
        == 302
    )
    assert english.post(url, {"action": "law"}).status_code == 302
    assert not EgenmeldingPolicy.objects.exists()
    assert AuditEvent.objects.filter(action__startswith="self_certification.policy").count() == 3


def test_hr_start_include_tells_who_may_lose_the_right(rf, world):
    """templates/self_certification/hr_start.html, for HR's start page once it is included there."""
    from django.template.loader import render_to_string

    _four_occasions(world.sales_employee)
    report(world.north_employee, TODAY, TODAY)
    request = rf.get("/hr/")
    request.user = world.org_hr
    content = render_to_string("self_certification/hr_start.html", {"user": world.org_hr}, request=request)
    assert 'data-testid="may-withdraw-count"' in content
    assert reverse("self_certification:hr_overview") in content
