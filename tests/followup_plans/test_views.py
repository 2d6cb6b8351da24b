"""The plan's pages: who may see and do what (outsiders get 404), what is logged, and the downloads."""

import json
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEvent
from followup_plans import services
from followup_plans.models import PlanComment, PlanMeasure, PlanTask, PlanVersion
from followup_plans.nav_export import validate_followup_plan_dto

from .conftest import COMPLETE_TEXT, TODAY, fill

pytestmark = pytest.mark.django_db

# Who may read a plan: the employee, their manager and HR in scope; nobody else.
READERS = ["employee", "manager", "unit_hr", "org_hr"]
OUTSIDERS = ["support_manager", "support_employee", "sales_employee_other", "admin", "outsider"]


def _user(world, who):
    return {
        "employee": world.sales_employee.user,
        "manager": world.sales_manager.user,
        "unit_hr": world.unit_hr,
        "org_hr": world.org_hr,
        "support_manager": world.support_manager.user,
        "support_employee": world.support_employee.user,
        "sales_employee_other": world.north_employee.user,
        "admin": world.admin,
        "outsider": world.outsider,
    }[who]


def _kw(version, **extra):
    return {"case_pk": version.plan.case_id, "plan_pk": version.plan_id, "number": version.number, **extra}


def _read_urls(version):
    kw = _kw(version)
    return [
        reverse("followup_plans:index", kwargs={"case_pk": version.plan.case_id}),
        reverse("followup_plans:version", kwargs=kw),
        reverse("followup_plans:changes", kwargs=kw),
        reverse("followup_plans:pdf", kwargs=kw),
    ]


@pytest.mark.parametrize("who", READERS)
def test_readers_see_the_plan_and_each_read_is_logged(client, world, completed, who, clock):
    user = _user(world, who)
    client.force_login(user)
    for url in _read_urls(completed):
        response = client.get(url)
        assert response.status_code == 200, url
    logged = AuditEvent.objects.filter(actor=user, employee=world.sales_employee)
    assert logged.filter(action="plan.view").count() == 2
    assert logged.filter(action="plan.changes").exists()
    assert logged.filter(action="plan.pdf", object_id=str(completed.pk)).exists()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_everyone_else_gets_404_and_the_refusal_is_logged(client, world, completed, who, clock):
    user = _user(world, who)
    client.force_login(user)
    kw = _kw(completed)
    urls = _read_urls(completed) + [
        reverse("followup_plans:nav_json", kwargs=kw),
        reverse("followup_plans:draft", kwargs={"case_pk": kw["case_pk"], "plan_pk": kw["plan_pk"]}),
        reverse("followup_plans:sharing_add", kwargs=kw),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("followup_plans:approve", kwargs=kw)).status_code == 404
    assert client.post(reverse("followup_plans:start", kwargs={"case_pk": kw["case_pk"]})).status_code == 404
    assert AuditEvent.objects.filter(actor=user, action="access.denied").count() == len(urls) + 2
    assert not AuditEvent.objects.filter(actor=user, action__startswith="plan.").exists()


def test_anonymous_is_sent_to_log_in(client, completed):
    response = client.get(reverse("followup_plans:version", kwargs=_kw(completed)))
    assert response.status_code == 302 and "/konto/login/" in response.url


def test_manager_loses_access_four_months_after_the_case_ended(client, world, completed):
    # The case ran to 1 March; the manager keeps access for 122 days after.
    url = reverse("followup_plans:version", kwargs=_kw(completed))
    with time_machine.travel(date(2026, 6, 30), tick=False):
        client.force_login(world.sales_manager.user)
        assert client.get(url).status_code == 200
    with time_machine.travel(date(2026, 7, 3), tick=False):
        client.force_login(world.sales_manager.user)
        assert client.get(url).status_code == 404
        client.force_login(world.org_hr)
        assert client.get(url).status_code == 200


def test_a_plan_of_another_case_is_not_found_through_this_case(client, world, completed, make_case, clock):
    other = make_case(
        world.north_employee, ("sick", date(2026, 1, 5), date(2026, 2, 1), 100), by=world.sales_manager.user
    )
    client.force_login(world.sales_manager.user)
    url = reverse("followup_plans:version", kwargs={**_kw(completed), "case_pk": other.pk})
    assert client.get(url).status_code == 404


def test_manager_starts_the_plan_and_lands_on_the_draft(client, world, case, clock):
    client.force_login(world.sales_manager.user)
    response = client.post(reverse("followup_plans:start", kwargs={"case_pk": case.pk}))
    version = PlanVersion.objects.get()
    assert response.url == reverse("followup_plans:draft", kwargs={"case_pk": case.pk, "plan_pk": version.plan_id})
    page = client.get(response.url)
    assert page.status_code == 200
    assert b"data-autosave-url" in page.content
    assert b"plan_autosave.js" in page.content


def test_employee_cannot_open_the_employers_editor_or_start_a_plan(client, world, draft, clock):
    client.force_login(world.sales_employee.user)
    draft_url = reverse("followup_plans:draft", kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id})
    assert client.get(draft_url).status_code == 404
    assert client.post(reverse("followup_plans:start", kwargs={"case_pk": draft.plan.case_id})).status_code == 404
    assert client.get(reverse("followup_plans:nav_json", kwargs=_kw(draft))).status_code == 404


def _form_data(version, **changes):
    data = {**COMPLETE_TEXT, "send_to_gp": "on", "employee_contributed": "on", "revision": version.revision, **changes}
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in data.items()}


def test_save_button_works_without_javascript(client, world, draft, clock):
    client.force_login(world.sales_manager.user)
    url = reverse("followup_plans:draft", kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id})
    response = client.post(url, _form_data(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.typical_workday == COMPLETE_TEXT["typical_workday"]
    assert draft.evaluation_date == COMPLETE_TEXT["evaluation_date"]
    assert draft.revision == 1


def test_save_keeps_what_was_typed_when_someone_else_saved_first(client, world, draft, clock):
    services.version_update(version=draft, by=world.org_hr, data={"follow_up": "HR skrev dette."})
    client.force_login(world.sales_manager.user)
    url = reverse("followup_plans:draft", kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id})
    response = client.post(url, _form_data(draft, revision=0, typical_workday="Min tekst"))
    assert response.status_code == 200
    assert "Min tekst" in response.content.decode()
    assert "Someone else saved the plan" in response.content.decode() or "noen andre" in response.content.decode()


def test_autosave_answers_json_with_the_time_and_the_new_revision(client, world, draft, clock):
    client.force_login(world.sales_manager.user)
    url = reverse("followup_plans:autosave", kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id})
    response = client.post(url, _form_data(draft), HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert response.status_code == 200
    assert body["saved"] is True and body["revision"] == 1
    assert body["message"].startswith(("Saved", "Lagret"))
    assert "typical_workday" in body["changed"]
    # An autosave from the old revision with other text is a conflict, said so, not an overwrite.
    stale = client.post(url, _form_data(draft, revision=0, follow_up="Annen tekst"))
    assert stale.status_code == 409 and stale.json()["code"] == "stale_revision"
    invalid = client.post(url, _form_data(draft, revision=1, evaluation_date="not a date"))
    assert invalid.status_code == 400 and "evaluation_date" in invalid.json()["errors"]


def test_autosave_without_its_revision_is_refused_not_saved(client, world, draft, clock):
    client.force_login(world.sales_manager.user)
    url = reverse("followup_plans:autosave", kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id})
    data = _form_data(draft, follow_up="Tekst uten revisjon")
    data.pop("revision", None)
    response = client.post(url, data)
    assert response.status_code == 400 and response.json()["code"] == "revision_required"
    assert response.json()["message"]
    draft.refresh_from_db()
    assert draft.follow_up != "Tekst uten revisjon" and draft.revision == 0


def test_autosave_is_for_the_employer_only(client, world, draft, clock):
    client.force_login(world.sales_employee.user)
    url = reverse("followup_plans:autosave", kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id})
    assert client.post(url, _form_data(draft)).status_code == 404
    assert client.get(url).status_code in (404, 405)


def test_employee_comments_assesses_proposes_and_approves(client, world, draft, clock):
    manager, employee = world.sales_manager.user, world.sales_employee.user
    fill(draft, manager)
    client.force_login(employee)
    kw = _kw(draft)
    page = client.get(reverse("followup_plans:version", kwargs=kw))
    assert b'data-testid="employee-intro"' in page.content
    response = client.post(reverse("followup_plans:version", kwargs=kw), {"text": "Jeg kan ta telefon før lunsj."})
    assert response.status_code == 302
    assert PlanComment.objects.get().by_employee
    task = draft.tasks.get(title="Tunge løft på lageret")
    draft_kw = {"case_pk": kw["case_pk"], "plan_pk": kw["plan_pk"]}
    response = client.post(
        reverse("followup_plans:task_edit", kwargs={**draft_kw, "task_pk": task.pk}),
        {"assessment": "can_adjusted", "adjustments": ["help_or_aids"], "adjustment_description": "Med løftehjelp"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.assessment == PlanTask.Assessment.CAN_WITH_ADJUSTMENT and task.assessed_by == employee
    measure_url = reverse("followup_plans:measure_add", kwargs=draft_kw)
    response = client.post(measure_url, {"description": "Jobbe hjemme onsdager", "responsible": "employer"})
    assert response.status_code == 302
    proposal = draft.measures.get(description="Jobbe hjemme onsdager")
    assert proposal.status == PlanMeasure.Status.PROPOSED and proposal.proposed_by == employee
    # The employer decides the proposal, then both approve.
    services.measure_save(version=draft, by=manager, measure=proposal, status=PlanMeasure.Status.AGREED)
    assert client.post(reverse("followup_plans:approve", kwargs=kw)).status_code == 302
    client.force_login(manager)
    client.post(reverse("followup_plans:approve", kwargs=kw))
    draft.refresh_from_db()
    assert draft.is_completed


def test_employee_cannot_change_the_employers_measure_and_is_told_why(client, world, draft, clock):
    """The view asks the service's rule (measure_change_refusal) and shows its answer."""
    measure = services.measure_save(version=draft, by=world.sales_manager.user, description="Kortere dager")
    client.force_login(world.sales_employee.user)
    url = reverse(
        "followup_plans:measure_edit",
        kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id, "measure_pk": measure.pk},
    )
    for response in (
        client.get(url, follow=True),
        client.post(url, {"description": "Endret", "responsible": "employer"}, follow=True),
    ):
        assert response.redirect_chain[-1][0].endswith("#measures")
        assert "You can change only your own proposals that are not yet decided." in response.content.decode()
    measure.refresh_from_db()
    assert measure.description == "Kortere dager"
    page = client.get(reverse("followup_plans:version", kwargs=_kw(draft))).content.decode()
    assert f'href="{url}"' not in page  # no Edit link for it either: the page asks the same rule


def test_employee_cannot_add_a_task_and_is_told_why(client, world, draft, clock):
    client.force_login(world.sales_employee.user)
    url = reverse("followup_plans:task_add", kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id})
    response = client.post(url, {"title": "Ny oppgave"}, follow=True)
    assert response.status_code == 200
    assert "The employer lists the work tasks; you assess them." in response.content.decode()
    assert not draft.tasks.filter(title="Ny oppgave").exists()


def test_an_incomplete_plan_cannot_be_approved_and_the_page_says_why(client, world, draft, clock):
    client.force_login(world.sales_manager.user)
    kw = _kw(draft)
    response = client.post(reverse("followup_plans:approve", kwargs=kw), follow=True)
    assert not draft.approvals.exists()
    assert b'data-testid="completion-problems"' in response.content


def test_complete_alone_records_the_reason(client, world, draft, clock):
    fill(draft, world.sales_manager.user)
    client.force_login(world.sales_manager.user)
    url = reverse("followup_plans:complete_alone", kwargs=_kw(draft))
    assert client.post(url, {"reason": ""}).status_code == 200
    response = client.post(url, {"reason": "Den ansatte er på reise og kan ikke nås."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_completed and not draft.employee_contributed
    page = client.get(reverse("followup_plans:version", kwargs=_kw(draft)))
    assert "Den ansatte er på reise og kan ikke nås." in page.content.decode()
    again = client.get(url, follow=True)  # the service's rule: a completed version is not changed
    assert again.redirect_chain[-1][0] == reverse("followup_plans:version", kwargs=_kw(draft))
    assert "This version is completed and can no longer be changed." in again.content.decode()


def test_nav_json_download_is_valid_and_logged(client, world, completed, clock):
    client.force_login(world.sales_manager.user)
    response = client.get(reverse("followup_plans:nav_json", kwargs=_kw(completed)))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    dto = json.loads(response.content)
    assert validate_followup_plan_dto(dto) == []
    assert AuditEvent.objects.filter(action="plan.json", actor=world.sales_manager.user).exists()


def test_drafts_have_no_json_and_their_pdf_is_named_a_draft(client, world, draft, clock):
    client.force_login(world.sales_manager.user)
    response = client.get(reverse("followup_plans:pdf", kwargs=_kw(draft)) + "?language=nb")
    assert response.status_code == 200 and "-utkast-nb.pdf" in response["Content-Disposition"]
    assert client.get(reverse("followup_plans:nav_json", kwargs=_kw(draft))).status_code == 404


def test_pdf_download_in_the_language_asked_for(client, world, completed, clock):
    client.force_login(world.sales_employee.user)
    response = client.get(reverse("followup_plans:pdf", kwargs=_kw(completed)) + "?language=en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "-en.pdf" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="plan.pdf")
    assert event.detail == {"language": "en"} and event.employee == world.sales_employee


def test_recording_sending_and_evaluation(client, world, completed, clock):
    client.force_login(world.sales_manager.user)
    kw = _kw(completed)
    url = reverse("followup_plans:sharing_add", kwargs=kw)
    assert client.get(url + "?to=nav").status_code == 200
    response = client.post(url, {"recipient": "nav", "sent_on": TODAY.isoformat(), "nav_reason": ""})
    assert response.status_code == 200  # the reason NAV got it is required
    response = client.post(url, {"recipient": "doctor", "sent_on": TODAY.isoformat(), "note": "Via helsenett"})
    assert response.status_code == 302
    assert completed.sharings.get().note == "Via helsenett"
    response = client.post(
        reverse("followup_plans:evaluation_add", kwargs=kw),
        {
            "evaluated_on": TODAY.isoformat(),
            "effect": "good",
            "why": "Tempoet passet.",
            "next_steps": "Fortsette ut perioden.",
        },
    )
    assert response.status_code == 302
    assert completed.evaluations.exists()


def test_not_needed_and_needed_again(client, world, case, clock):
    client.force_login(world.sales_manager.user)
    response = client.post(
        reverse("followup_plans:not_needed", kwargs={"case_pk": case.pk}), {"reason": "Tilbake i full jobb mandag."}
    )
    assert response.status_code == 302
    page = client.get(reverse("followup_plans:index", kwargs={"case_pk": case.pk}))
    assert b'data-testid="plan-not-needed"' in page.content
    assert "Tilbake i full jobb mandag." in page.content.decode()
    client.post(reverse("followup_plans:needed_again", kwargs={"case_pk": case.pk}))
    assert case.milestones.get(key="followup_plan").not_required_reason == ""


def test_new_version_and_its_changes_page(client, world, completed, clock):
    client.force_login(world.sales_manager.user)
    response = client.post(
        reverse("followup_plans:version_new", kwargs={"case_pk": completed.plan.case_id, "plan_pk": completed.plan_id})
    )
    assert response.status_code == 302
    draft = completed.plan.versions.get(number=2)
    services.version_update(version=draft, by=world.sales_manager.user, data={"follow_up": "Ny oppfølging."})
    page = client.get(reverse("followup_plans:changes", kwargs=_kw(draft)))
    assert page.status_code == 200
    assert page.content.decode().count('data-testid="field-change"') == 1


def test_measure_from_template_opens_it_for_editing(client, world, draft, clock, measure_templates):
    from followup_plans.models import MeasureTemplate

    client.force_login(world.sales_manager.user)
    template = MeasureTemplate.objects.get(title="Opplæring")
    response = client.post(
        reverse(
            "followup_plans:measure_from_template", kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id}
        ),
        {"template": template.pk},
    )
    measure = draft.measures.get()
    assert response.url.endswith(f"/tiltak/{measure.pk}/")


def test_only_hr_edits_the_measure_templates(client, world, case, clock):
    url = reverse("measure_templates:list")
    client.force_login(world.sales_manager.user)
    assert client.get(url).status_code == 404
    client.force_login(world.org_hr)
    assert client.get(url).status_code == 200
    response = client.post(
        reverse("measure_templates:add"),
        {
            "title": "Ergonomisk vurdering",
            "description": "Fysioterapeut ser på arbeidsplassen.",
            "responsible": "occupational_health",
            "position": 5,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="plan.template_add", actor=world.org_hr).exists()
    client.force_login(world.sales_employee.user)
    assert client.get(url).status_code == 404


def test_versions_list_is_paginated_with_bounded_queries(
    client, world, completed, django_assert_max_num_queries, clock
):
    manager, employee = world.sales_manager.user, world.sales_employee.user
    for _ in range(3):
        draft = services.version_new(plan=completed.plan, by=manager)
        services.version_approve(version=draft, by=manager)
        services.version_approve(version=draft, by=employee)
    client.force_login(manager)
    url = reverse("followup_plans:index", kwargs={"case_pk": completed.plan.case_id})
    client.get(url)
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.content.decode().count('data-testid="plan-version-row"') == 4


def test_templates_belong_to_their_organisation_and_only_whole_organisation_hr_changes_them(client, world):
    from followup_plans.models import MeasureTemplate
    from tests.factories import HRAccessFactory, OrganisationFactory, UnitFactory, UserFactory

    ours = MeasureTemplate.objects.create(organisation=world.root.organisation, title="Vår mal", description="x")
    other_root = UnitFactory(name="Other", organisation=OrganisationFactory(name="Andre AS", org_number="974760673"))
    theirs = MeasureTemplate.objects.create(organisation=other_root.organisation, title="Deres mal", description="y")
    shared = MeasureTemplate.objects.create(title="Felles", description="z")
    other_hr = UserFactory(username="otherhr")
    HRAccessFactory(user=other_hr, organisation=other_root.organisation, whole_organisation=True)
    edit = lambda t: reverse("measure_templates:edit", args=[t.pk])  # noqa: E731
    body = {"title": "Endret", "description": "ny", "responsible": "employer", "position": 1, "active": "on"}

    client.force_login(world.org_hr)
    listed = {t.pk for t in client.get(reverse("measure_templates:list")).context["page"].paginator.object_list}
    assert {ours.pk, shared.pk} <= listed and theirs.pk not in listed
    assert client.post(edit(ours), body).status_code == 302
    for template in (theirs, shared):
        assert client.post(edit(template), body).status_code == 404
    client.post(reverse("measure_templates:add"), {**body, "title": "Ny"})
    assert MeasureTemplate.objects.get(title="Ny").organisation == world.root.organisation

    client.force_login(world.unit_hr)  # HR for one unit reads the list, changes nothing
    assert client.get(reverse("measure_templates:list")).status_code == 200
    assert client.post(edit(ours), {**body, "title": "Enhet"}).status_code == 404
    assert client.get(reverse("measure_templates:add")).status_code == 404

    client.force_login(other_hr)  # another organisation's HR does not see ours
    listed = {t.pk for t in client.get(reverse("measure_templates:list")).context["page"].paginator.object_list}
    assert {theirs.pk, shared.pk} <= listed and ours.pk not in listed
    assert client.post(edit(ours), body).status_code == 404
    ours.refresh_from_db()
    assert ours.title == "Endret"
