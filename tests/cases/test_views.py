from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from audit.models import AuditEvent
from cases import services
from cases.models import AbsencePeriod, Conversation

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def case(world):
    services.period_register(
        employee=world.sales_employee,
        kind="sick",
        start=date(2026, 2, 20),
        end=date(2026, 3, 31),
        by=world.sales_manager.user,
    )
    case = world.sales_employee.cases.get()
    services.conversation_record(
        case=case,
        by=world.sales_manager.user,
        kind="first",
        held_on=date(2026, 2, 23),
        work_ability="Kan ta telefoner",
        private_note="Privat notat for leder",
    )
    return case


# Who may open the case page: user attribute -> status.
CASE_PAGE = {
    "sales_manager": 200,
    "sales_employee": 200,
    "unit_hr": 200,
    "org_hr": 200,
    "support_manager": 404,
    "support_employee": 404,
    "north_employee": 404,
    "admin": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("who, status", CASE_PAGE.items())
def test_case_page_access(client, world, case, who, status, user_of):
    user = user_of(who)
    client.force_login(user)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == status
    action = "case.view" if status == 200 else "access.denied"
    assert AuditEvent.objects.filter(actor=user, action=action).exists()


@pytest.mark.parametrize(
    "who, status",
    [
        ("sales_manager", 200),
        ("org_hr", 200),
        ("unit_hr", 200),
        ("sales_employee", 404),
        ("support_manager", 404),
        ("admin", 404),
    ],
)
def test_only_manager_and_hr_may_change(client, world, case, who, status, user_of):
    client.force_login(user_of(who))
    for url in [
        reverse("cases:conversation_new", args=[case.pk]),
        reverse("cases:period_register", args=[world.sales_employee.pk]),
        reverse("cases:milestone_not_required", args=[case.pk, "followup_plan"]),
        reverse("cases:period_edit", args=[world.sales_employee.absence_periods.get().pk]),
    ]:
        assert client.get(url).status_code == status, url


def test_employee_sees_own_case_without_private_notes_or_activity_log(client, world, case):
    client.force_login(world.sales_employee.user)
    content = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Kan ta telefoner" in content
    assert "Privat notat for leder" not in content
    assert 'data-testid="record-conversation"' not in content
    client.force_login(world.sales_manager.user)
    content = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Privat notat for leder" in content


@pytest.mark.parametrize(
    "language, plan_basis, employer_basis",
    [
        ("nb", "Arbeidsmiljøloven § 4-6 tredje ledd", "Folketrygdloven § 8-19"),
        ("en", "Working Environment Act", "National Insurance Act"),
    ],
)
def test_case_page_shows_every_milestone_with_date_legal_basis_and_explanation(
    client, world, case, settings, language, plan_basis, employer_basis
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(world.sales_manager.user)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    content = response.content.decode()
    assert len(response.context["milestones"]) == 7
    for m in response.context["milestones"]:
        assert f'data-testid="milestone-{m["obj"].key}"' in content
        assert escape(m["legal_basis"]) in content and escape(m["explanation"]) in content
        assert m["obj"].due.isoformat() in content
    assert plan_basis in content and employer_basis in content


def test_register_sick_note_through_the_form(client, world):
    client.force_login(world.sales_manager.user)
    url = reverse("cases:period_register", args=[world.sales_employee.pk])
    response = client.post(url, {"kind": "sick", "start": "2026-02-25", "end": "2026-03-20", "grade": "60"})
    case = world.sales_employee.cases.get()
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.pk])
    assert AbsencePeriod.objects.get().grade == 60


@pytest.mark.parametrize(
    "data, message",
    [
        ({"start": "2026-03-10", "end": "2026-03-01"}, "The end date is before the start date."),
        ({"grade": "10"}, "A graded sick note is at least 20 %"),
        ({"grade": "150"}, "The grade cannot be more than 100 %."),
        ({"start": "2019-01-01", "end": "2019-01-03"}, "before the employment started"),
        ({"start": "2027-06-01", "end": "2027-06-03"}, "more than a year ahead"),
        ({"start": "2026-02-21", "end": "2026-02-22"}, "overlaps"),
        ({"start": "", "end": "2026-02-22"}, "This field is required."),
    ],
)
def test_bad_input_is_explained_and_keeps_what_was_typed(client, world, case, settings, data, message):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.sales_manager.user)
    before = AbsencePeriod.objects.count()
    post = {"kind": "sick", "start": "2026-04-01", "end": "2026-04-10", "grade": "100", **data}
    response = client.post(reverse("cases:period_register", args=[world.sales_employee.pk]), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert AbsencePeriod.objects.count() == before
    if post["end"]:
        assert f'value="{post["end"]}"' in response.content.decode()


def test_norwegian_error_message(client, world, case):
    client.force_login(world.sales_manager.user)
    response = client.post(
        reverse("cases:period_register", args=[world.sales_employee.pk]),
        {"kind": "sick", "start": "2026-03-10", "end": "2026-03-01", "grade": "100"},
    )
    assert "Sluttdatoen er før startdatoen." in response.content.decode()


def test_record_conversation_marks_milestone_done(client, world):
    services.period_register(employee=world.sales_employee, kind="sick", start=date(2026, 2, 27), end=date(2026, 3, 20))
    case = world.sales_employee.cases.get()
    client.force_login(world.sales_manager.user)
    response = client.post(
        reverse("cases:conversation_new", args=[case.pk]),
        {
            "kind": "first",
            "held_on": "2026-03-02",
            "expected_duration": "3 uker",
            "trusted_person_informed": "on",
            "next_conversation_on": "2026-03-16",
        },
    )
    assert response.status_code == 302
    assert case.milestones.get(key="first_conversation").completed_at is not None
    assert Conversation.objects.get().trusted_person_informed


def test_conversation_in_the_future_is_refused(client, world, case, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.sales_manager.user)
    response = client.post(
        reverse("cases:conversation_new", args=[case.pk]), {"kind": "followup", "held_on": "2026-03-10"}
    )
    assert response.status_code == 200 and "cannot be recorded before it is held" in response.content.decode()


def test_not_required_with_reason_shows_on_the_timeline(client, world, case):
    client.force_login(world.sales_manager.user)
    url = reverse("cases:milestone_not_required", args=[case.pk, "dialogue_meeting_1"])
    assert client.post(url, {"reason": ""}).status_code == 200
    client.post(url, {"reason": "Åpenbart unødvendig: tilbake i full jobb neste uke."})
    content = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Åpenbart unødvendig: tilbake i full jobb neste uke." in content


def test_unknown_milestone_is_a_404(client, world, case):
    client.force_login(world.sales_manager.user)
    assert client.get(reverse("cases:milestone_done", args=[case.pk, "nonsense"])).status_code == 404


def test_manager_overview_lists_open_cases_overdue_first_with_bounded_queries(
    client, world, django_assert_max_num_queries
):
    by = world.sales_manager.user
    services.period_register(
        employee=world.sales_employee, kind="sick", start=date(2026, 2, 27), end=date(2026, 3, 20), by=by
    )
    services.period_register(
        employee=world.north_employee, kind="sick", start=date(2026, 1, 20), end=date(2026, 3, 20), by=by
    )
    services.period_register(
        employee=world.support_employee, kind="sick", start=date(2026, 1, 20), end=date(2026, 3, 20), by=by
    )
    client.force_login(by)
    with django_assert_max_num_queries(13):  # 12, and the INSERT that logs the list read
        response = client.get(reverse("manager_start"))
    rows = list(response.context["page"])
    assert [r.case.employee for r in rows] == [world.north_employee, world.sales_employee]
    assert rows[0].state == "overdue" and rows[0].next.key == "first_conversation"
    assert rows[1].day == 4 and rows[1].today_period.grade == 100
    # More cases, the same number of queries.
    for n in range(5):
        from organisation.models import Employee

        extra = Employee.objects.create(
            organisation=world.sales.organisation,
            unit=world.sales,
            manager=world.sales_manager,
            employee_number=f"e{n}",
            first_name=f"E{n}",
            last_name="X",
            employment_start=date(2020, 1, 1),
        )
        services.period_register(employee=extra, kind="sick", start=date(2026, 2, 1), end=date(2026, 3, 20))
    with django_assert_max_num_queries(13):  # 12, and the INSERT that logs the list read
        assert len(client.get(reverse("manager_start")).context["page"]) == 7


def test_manager_overview_empty_state(client, world):
    client.force_login(world.sales_manager.user)
    assert 'data-testid="empty-state"' in client.get(reverse("manager_start")).content.decode()


def test_employee_start_lists_own_cases(client, world, case):
    client.force_login(world.sales_employee.user)
    content = client.get(reverse("employee_start")).content.decode()
    assert reverse("cases:detail", args=[case.pk]) in content


@pytest.mark.parametrize(
    "language, text",
    [
        ("nb", "Arbeidsgiverperioden ble avsluttet i det tidligere sykefraværstilfellet, tirsdag 20. jan. 2026."),
        ("en", "The employer period ended in the earlier case on Tuesday 20 Jan 2026."),  # the page's date format
    ],
)
def test_an_employer_period_carried_over_from_the_earlier_case_says_when_it_ended(
    client, world, settings, language, text
):
    # Issue 15: sick Mon 01-05 – Fri 01-23, the weekend uncovered, holiday 01-26 – 02-09: 17 days
    # close the case (R2), but parked days do not restart the employer period (A5), so the
    # second case has employer_period_end null while NAV days continue.
    for kind, start, end in (
        ("sick", date(2026, 1, 5), date(2026, 1, 23)),
        ("holiday", date(2026, 1, 26), date(2026, 2, 9)),
        ("sick", date(2026, 2, 10), date(2026, 3, 31)),
    ):
        services.period_register(
            employee=world.sales_employee, kind=kind, start=start, end=end, by=world.sales_manager.user
        )
    first, second = world.sales_employee.cases.order_by("start")
    assert (first.employer_period_end, second.employer_period_end) == (date(2026, 1, 20), None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(world.sales_manager.user)
    content = client.get(reverse("cases:detail", args=[second.pk])).content.decode()
    shown = content.split('data-testid="employer-period-end">', 1)[1].split("<div", 1)[0]
    assert " ".join(shown.split()) == escape(text)
    content = client.get(reverse("cases:detail", args=[first.pk])).content.decode()
    shown = content.split('data-testid="employer-period-end">', 1)[1].split("<div", 1)[0]
    assert "earlier case" not in shown and "tidligere" not in shown
