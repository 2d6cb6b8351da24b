"""The plan between manager and employee: hand-over, notifications, deciding measures, what blocks approval."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from followup_plans import services
from followup_plans.models import PlanMeasure, PlanVersion
from followup_plans.selectors import approval_blockers
from followup_plans.services import PlanError
from reminders.models import Delivery, NotificationPreference

from .conftest import fill

pytestmark = pytest.mark.django_db


def _kw(version, **extra):
    return {"case_pk": version.plan.case_id, "plan_pk": version.plan_id, "number": version.number, **extra}


def _version_path(version):
    return reverse("followup_plans:version", kwargs=_kw(version))


# Hand-over ------------------------------------------------------------------


def test_the_manager_hands_the_draft_to_the_employee_who_is_told_in_the_app_and_by_email(
    draft, manager, employee, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.version_hand_over(version=draft, by=manager)
    draft.refresh_from_db()
    assert draft.holder == PlanVersion.Holder.EMPLOYEE and draft.handed_over_at is not None
    note = Delivery.objects.notifications().get(recipient=employee)
    assert note.kind == Delivery.Kind.PLAN_REVIEW and note.emailed
    assert note.data == {"url": _version_path(draft), "number": 1, "actor": "Salesmanager Test"}
    assert AuditEvent.objects.filter(action="plan.hand_over", actor=manager, detail__to="employee").exists()
    (mail,) = mailoutbox
    assert mail.to == [employee.email]
    assert "Salesmanager Test has sent you the follow-up plan (version 1) to review." in mail.body
    assert _version_path(draft) in mail.body
    # The subject names no one; the body holds no content of the plan.
    assert "Salesemployee" not in mail.subject and "Test" not in mail.subject


def test_the_employee_sends_it_back_and_the_manager_is_told(
    draft, manager, employee, django_capture_on_commit_callbacks, mailoutbox
):
    services.version_hand_over(version=draft, by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.version_hand_over(version=draft, by=employee)
    draft.refresh_from_db()
    assert draft.holder == PlanVersion.Holder.EMPLOYER
    note = Delivery.objects.notifications().get(recipient=manager)
    assert note.kind == Delivery.Kind.PLAN_RETURNED and note.data["actor"] == "Salesemployee Test"
    assert [m.to for m in mailoutbox] == [[manager.email]]


def test_no_email_when_the_preference_is_in_the_app_only(
    draft, manager, employee, django_capture_on_commit_callbacks, mailoutbox
):
    NotificationPreference.objects.create(user=employee, channel=NotificationPreference.Channel.APP_ONLY)
    with django_capture_on_commit_callbacks(execute=True):
        services.version_hand_over(version=draft, by=manager)
    assert Delivery.objects.notifications().get(recipient=employee).emailed is False
    assert mailoutbox == []


def test_an_employee_without_an_account_cannot_be_sent_the_plan(world, make_case, manager, clock):
    case = make_case(world.sales_employee_2, ("sick", date(2026, 1, 5), date(2026, 3, 1), 100), by=manager)
    version = services.plan_start(case=case, by=manager)
    with pytest.raises(PlanError) as error:
        services.version_hand_over(version=version, by=manager)
    assert error.value.code == "no_account"


def test_comments_and_approvals_notify_the_other_party_without_the_text(
    draft, manager, employee, django_capture_on_commit_callbacks, mailoutbox
):
    fill(draft, manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(version=draft, by=employee, text="Jeg klarer ikke tunge løft nå.")
        services.version_approve(version=draft, by=manager)
    assert Delivery.objects.get(recipient=manager).kind == Delivery.Kind.PLAN_COMMENT
    assert Delivery.objects.get(recipient=employee).kind == Delivery.Kind.PLAN_APPROVED
    assert all("tunge løft" not in m.body and "tunge løft" not in m.alternatives[0][0] for m in mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        services.version_approve(version=draft, by=employee)
    completed = Delivery.objects.get(recipient=manager, kind=Delivery.Kind.PLAN_COMPLETED)
    assert completed.sent_at is not None
    assert len(mailoutbox) == 3


# Deciding proposed measures -------------------------------------------------


@pytest.fixture
def proposed(draft, manager, measure_templates):
    """A measure from one of HR's templates: it starts as proposed, by the manager."""
    return services.measure_from_template(version=draft, template=measure_templates[0], by=manager)


def test_the_employee_agrees_to_the_managers_proposal(proposed, employee):
    services.measure_decide(measure=proposed, by=employee, status=PlanMeasure.Status.AGREED)
    proposed.refresh_from_db()
    assert proposed.status == PlanMeasure.Status.AGREED
    assert AuditEvent.objects.filter(action="plan.measure_decide", actor=employee).exists()


def test_the_employee_does_not_decide_their_own_proposal_but_the_manager_does(draft, manager, employee):
    own = services.measure_save(
        version=draft,
        by=employee,
        description="Hjemmekontor to dager i uka",
        responsible=PlanMeasure.Responsible.EMPLOYER,
    )
    with pytest.raises(PlanError) as error:
        services.measure_decide(measure=own, by=employee, status=PlanMeasure.Status.AGREED)
    assert error.value.code == "own_proposal"
    services.measure_decide(measure=own, by=manager, status=PlanMeasure.Status.NOT_RELEVANT)
    own.refresh_from_db()
    assert own.status == PlanMeasure.Status.NOT_RELEVANT
    with pytest.raises(PlanError) as error:
        services.measure_decide(measure=own, by=manager, status=PlanMeasure.Status.AGREED)
    assert error.value.code == "already_decided"


def test_deciding_withdraws_approvals_given_to_other_content(draft, manager, employee, measure_templates):
    fill(draft, manager)
    services.version_approve(version=draft, by=manager)
    assert draft.approvals.exists()
    measure = services.measure_from_template(version=draft, template=measure_templates[0], by=manager)
    services.measure_decide(measure=measure, by=employee, status=PlanMeasure.Status.AGREED)
    assert not draft.approvals.exists()


# What blocks approval, shown with the action to the person who can take it ----


def test_blockers_give_the_employee_the_actions_they_can_take_and_the_rest_to_wait_for(
    draft, manager, employee, proposed
):
    services.task_save(version=draft, by=manager, title="Telefonvakt")
    employee_view = {b.code: b for b in approval_blockers(draft, user=employee, as_employee=True, can_change=False)}
    task = draft.tasks.get()
    assert employee_view["unassessed_tasks"].action_url == reverse(
        "followup_plans:task_edit", kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id, "task_pk": task.pk}
    )
    assert employee_view["proposed_measures"].action_url == f"#measure-{proposed.pk}"
    assert employee_view["typical_workday"].action_url == ""
    assert "Salesmanager Test" in employee_view["typical_workday"].waiting_for
    manager_view = {b.code: b for b in approval_blockers(draft, user=manager, as_employee=False, can_change=True)}
    assert manager_view["typical_workday"].action_url.endswith("/utkast/#id_typical_workday")


# The pages ------------------------------------------------------------------


def test_the_employee_sees_send_back_agree_buttons_and_actions(client, draft, manager, employee, proposed, clock):
    services.version_hand_over(version=draft, by=manager)
    client.force_login(employee)
    page = client.get(_version_path(draft)).content.decode()
    assert 'data-testid="send-to-manager"' in page and 'data-testid="send-to-employee"' not in page
    assert 'data-testid="agree-measure"' in page
    assert 'data-testid="blocker-waiting"' in page and 'data-testid="draft-pdf"' in page
    response = client.post(
        reverse(
            "followup_plans:measure_decide",
            kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id, "measure_pk": proposed.pk},
        ),
        {"status": "agreed"},
    )
    assert response.status_code == 302 and response.url == _version_path(draft) + "#measures"
    proposed.refresh_from_db()
    assert proposed.status == PlanMeasure.Status.AGREED
    response = client.post(reverse("followup_plans:hand_over", kwargs=_kw(draft)))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.holder == PlanVersion.Holder.EMPLOYER


def test_the_manager_sends_from_the_draft_page(client, draft, manager, clock):
    client.force_login(manager)
    page = client.get(
        reverse("followup_plans:draft", kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id})
    ).content.decode()
    assert "Send to Salesemployee Test for review" in page
    response = client.post(reverse("followup_plans:hand_over", kwargs=_kw(draft)), {"from": "draft"})
    assert response.status_code == 302 and "/utkast/" in response.url
    draft.refresh_from_db()
    assert draft.holder == PlanVersion.Holder.EMPLOYEE


@pytest.mark.parametrize("who", ["support_manager", "sales_employee_other", "outsider"])
def test_outsiders_cannot_hand_over_or_decide(client, world, draft, proposed, who, clock):
    user = {
        "support_manager": world.support_manager.user,
        "sales_employee_other": world.north_employee.user,
        "outsider": world.outsider,
    }[who]
    client.force_login(user)
    assert client.post(reverse("followup_plans:hand_over", kwargs=_kw(draft))).status_code == 404
    assert (
        client.post(
            reverse(
                "followup_plans:measure_decide",
                kwargs={"case_pk": draft.plan.case_id, "plan_pk": draft.plan_id, "measure_pk": proposed.pk},
            ),
            {"status": "agreed"},
        ).status_code
        == 404
    )
    draft.refresh_from_db()
    proposed.refresh_from_db()
    assert draft.holder == PlanVersion.Holder.EMPLOYER and proposed.status == PlanMeasure.Status.PROPOSED


def test_the_notification_opens_the_version(
    client, draft, manager, employee, django_capture_on_commit_callbacks, clock
):
    with django_capture_on_commit_callbacks(execute=True):
        services.version_hand_over(version=draft, by=manager)
    client.force_login(employee)
    page = client.get(reverse("reminders:list")).content.decode()
    assert "Salesmanager Test has sent you the follow-up plan (version 1) to review." in page
    assert f'value="{_version_path(draft)}"' in page


# The draft PDF --------------------------------------------------------------


def _pdf_text(data: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    texts = [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        for n in range(1, pages + 1)
    ]
    return info, texts


def test_a_draft_pdf_says_utkast_on_every_page_and_is_tagged(client, draft, manager, tmp_path, clock):
    fill(draft, manager, typical_workday="Lang tekst. " * 400)
    client.force_login(manager)
    response = client.get(reverse("followup_plans:pdf", kwargs=_kw(draft)) + "?language=nb")
    info, pages = _pdf_text(response.content, tmp_path)
    assert "Tagged:          yes" in info
    assert len(pages) > 1
    assert all("UTKAST" in text for text in pages)


def test_a_completed_plan_pdf_is_tagged_and_not_marked_draft(client, completed, employee, tmp_path, clock):
    client.force_login(employee)
    response = client.get(reverse("followup_plans:pdf", kwargs=_kw(completed)) + "?language=nb")
    info, pages = _pdf_text(response.content, tmp_path)
    assert "Tagged:          yes" in info
    assert not any("UTKAST" in text for text in pages)
