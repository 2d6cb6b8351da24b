"""Writing a plan together: drafts, approvals, versions, sharing, evaluation and "not needed"."""

from datetime import date, timedelta

import pytest

from audit.models import AuditEvent
from cases.models import CaseMilestone
from followup_plans import services
from followup_plans.models import PlanApproval, PlanMeasure, PlanSharing, PlanTask, PlanVersion
from followup_plans.services import PlanError

from .conftest import TODAY, fill

pytestmark = pytest.mark.django_db


def _milestone(case, key="followup_plan") -> CaseMilestone:
    return case.milestones.get(key=key)


def test_manager_starts_version_one_as_a_draft_with_themselves_as_contact(draft, world):
    assert draft.number == 1
    assert draft.is_draft
    assert draft.period_start == TODAY
    assert draft.contact_person_name == world.sales_manager.full_name
    assert AuditEvent.objects.filter(action="plan.version_create", object_id=str(draft.pk)).exists()


def test_starting_twice_returns_the_same_draft(draft, case, manager):
    assert services.plan_start(case=case, by=manager) == draft


def test_employee_cannot_start_or_write_the_employers_text(case, employee, draft, clock):
    with pytest.raises(PlanError):
        services.plan_start(case=case, by=employee)
    with pytest.raises(PlanError) as error:
        services.version_update(version=draft, by=employee, data={"typical_workday": "x"})
    assert error.value.code == "employer_only"


def test_saving_from_an_old_revision_is_refused_so_nothing_is_overwritten_unseen(draft, manager, world, clock):
    services.version_update(version=draft, by=manager, data={"typical_workday": "A"}, revision=0)
    hr = world.org_hr
    with pytest.raises(PlanError) as error:
        services.version_update(version=draft, by=hr, data={"typical_workday": "B"}, revision=0)
    assert error.value.code == "stale_revision"
    # The same text again from the old revision is no conflict: nothing changes.
    assert services.version_update(version=draft, by=hr, data={"typical_workday": "A"}, revision=0) == []


def test_a_save_without_changes_changes_nothing(draft, manager, clock):
    assert services.version_update(version=draft, by=manager, data={"typical_workday": ""}) == []
    draft.refresh_from_db()
    assert draft.revision == 0


def test_employee_assesses_a_task_but_cannot_rename_it(draft, manager, employee, clock):
    task = services.task_save(version=draft, by=manager, title="Kasse")
    services.task_save(
        version=draft,
        by=employee,
        task=task,
        title="Noe annet",
        assessment=PlanTask.Assessment.CAN_WITH_ADJUSTMENT,
        adjustments=[PlanTask.Adjustment.OTHER_PLACE, "nonsense"],
        adjustment_description="",
    )
    task.refresh_from_db()
    assert task.title == "Kasse"
    assert task.assessment == PlanTask.Assessment.CAN_WITH_ADJUSTMENT
    assert task.adjustments == [PlanTask.Adjustment.OTHER_PLACE]
    assert task.assessed_by == employee


def test_other_adjustment_must_be_described(draft, manager, clock):
    with pytest.raises(PlanError) as error:
        services.task_save(
            version=draft,
            by=manager,
            title="Kasse",
            assessment=PlanTask.Assessment.CAN_WITH_ADJUSTMENT,
            adjustments=[PlanTask.Adjustment.OTHER],
            adjustment_description=" ",
        )
    assert error.value.field == "adjustment_description"


def test_adjustments_are_dropped_when_the_task_is_not_done_with_adjustment(draft, manager, clock):
    task = services.task_save(
        version=draft,
        by=manager,
        title="Kasse",
        assessment=PlanTask.Assessment.CAN,
        adjustments=[PlanTask.Adjustment.MORE_TIME],
    )
    assert task.adjustments == []


def test_employee_cannot_add_tasks(draft, employee, clock):
    with pytest.raises(PlanError):
        services.task_save(version=draft, by=employee, title="Ny oppgave")


def test_employee_proposes_a_measure_and_the_employer_decides(draft, manager, employee, clock):
    measure = services.measure_save(
        version=draft,
        by=employee,
        description="Hjemmekontor to dager",
        responsible=PlanMeasure.Responsible.EMPLOYER,
        status=PlanMeasure.Status.DONE,
    )
    assert measure.status == PlanMeasure.Status.PROPOSED
    assert measure.proposed_by == employee
    services.measure_save(version=draft, by=manager, measure=measure, status=PlanMeasure.Status.AGREED)
    measure.refresh_from_db()
    assert measure.status == PlanMeasure.Status.AGREED
    with pytest.raises(PlanError):
        services.measure_save(version=draft, by=employee, measure=measure, description="Endret")
    with pytest.raises(PlanError):
        services.measure_delete(measure=measure, by=employee)


def test_measure_cannot_link_a_task_of_another_version(completed, manager, clock):
    draft = services.version_new(plan=completed.plan, by=manager)
    old_task = completed.tasks.first()
    with pytest.raises(PlanError) as error:
        services.measure_save(version=draft, by=manager, description="x", task=old_task)
    assert error.value.field == "task"


def test_measure_from_template_starts_proposed_with_the_plan_period(draft, manager, clock, measure_templates):
    from followup_plans.models import MeasureTemplate

    template = MeasureTemplate.objects.get(title="Tilpasset arbeidstid")
    services.version_update(version=draft, by=manager, data={"period_end": date(2026, 3, 1)})
    measure = services.measure_from_template(version=draft, template=template, by=manager)
    assert measure.description == template.description
    assert (measure.start, measure.end) == (TODAY, date(2026, 3, 1))
    assert measure.status == PlanMeasure.Status.PROPOSED


def test_approval_needs_a_complete_plan(draft, manager, clock):
    problems = services.completion_problems(draft)
    assert len(problems) >= 5
    with pytest.raises(PlanError) as error:
        services.version_approve(version=draft, by=manager)
    assert error.value.code == "incomplete"


def test_a_proposed_measure_blocks_approval_until_decided(draft, manager, employee, clock):
    fill(draft, manager)
    services.measure_save(version=draft, by=employee, description="Kortere dager")
    assert any("proposed" in p for p in services.completion_problems(draft))


def test_help_from_nav_needs_sending_to_nav_and_a_description(draft, manager, clock):
    fill(draft, manager, needs_help_from_nav=True, send_to_nav=False)
    problems = services.completion_problems(draft)
    assert any("NAV" in p for p in problems)
    assert len([p for p in problems if "NAV" in p]) == 2


def test_both_approve_and_the_version_is_completed_and_fulfils_the_milestone(draft, case, manager, employee, clock):
    fill(draft, manager)
    services.version_approve(version=draft, by=employee)
    draft.refresh_from_db()
    assert draft.is_draft
    services.version_approve(version=draft, by=manager)
    draft.refresh_from_db()
    assert draft.is_completed and draft.completed_at
    assert {a.role for a in draft.approvals.all()} == {PlanApproval.Role.EMPLOYEE, PlanApproval.Role.EMPLOYER}
    milestone = _milestone(case)
    assert milestone.completed_at is not None
    assert milestone.fulfilled_by == draft


def test_approving_twice_is_refused(draft, manager, clock):
    fill(draft, manager)
    services.version_approve(version=draft, by=manager)
    with pytest.raises(PlanError):
        services.version_approve(version=draft, by=manager)


def test_a_change_after_approval_withdraws_it(draft, manager, employee, clock):
    fill(draft, manager)
    services.version_approve(version=draft, by=employee)
    services.version_update(version=draft, by=manager, data={"follow_up": "Samtale hver fredag."})
    assert not draft.approvals.exists()
    assert AuditEvent.objects.filter(action="plan.approvals_withdrawn").exists()


def test_a_comment_does_not_withdraw_approvals(draft, manager, employee, clock):
    fill(draft, manager)
    services.version_approve(version=draft, by=manager)
    comment = services.comment_add(version=draft, by=employee, text="Ser bra ut.")
    assert comment.by_employee
    assert draft.approvals.count() == 1


def test_withdrawing_ones_own_approval(draft, manager, employee, clock):
    fill(draft, manager)
    services.version_approve(version=draft, by=manager)
    services.approval_withdraw(version=draft, by=employee)
    assert draft.approvals.count() == 1
    services.approval_withdraw(version=draft, by=manager)
    assert draft.approvals.count() == 0


def test_completed_version_is_frozen(completed, manager, employee, clock):
    for call in (
        lambda: services.version_update(version=completed, by=manager, data={"follow_up": "x"}),
        lambda: services.task_save(version=completed, by=manager, title="x"),
        lambda: services.measure_save(version=completed, by=manager, description="x"),
        lambda: services.comment_add(version=completed, by=employee, text="x"),
        lambda: services.version_approve(version=completed, by=employee),
    ):
        with pytest.raises(PlanError) as error:
            call()
        assert error.value.code == "version_frozen"


def test_manager_completes_alone_with_the_reason_recorded(draft, case, manager, clock):
    fill(draft, manager)
    with pytest.raises(PlanError):
        services.version_complete_without_employee(version=draft, by=manager, reason="  ")
    services.version_complete_without_employee(version=draft, by=manager, reason="Innlagt, kan ikke delta nå.")
    draft.refresh_from_db()
    assert draft.is_completed
    assert not draft.employee_contributed
    assert draft.employee_not_contributed_reason == "Innlagt, kan ikke delta nå."
    approval = draft.approvals.get()
    assert approval.role == PlanApproval.Role.EMPLOYER and approval.without_employee
    assert _milestone(case).completed_at is not None


def test_employee_cannot_approve_a_plan_that_says_they_did_not_take_part(draft, manager, employee, clock):
    fill(draft, manager, employee_contributed=False, employee_not_contributed_reason="Utilgjengelig")
    with pytest.raises(PlanError) as error:
        services.version_approve(version=draft, by=employee)
    assert error.value.code == "not_contributed"


def test_new_version_copies_the_last_completed_one_with_the_same_keys(completed, manager, clock):
    draft = services.version_new(plan=completed.plan, by=manager)
    assert draft.number == 2 and draft.copied_from == completed and draft.is_draft
    assert draft.typical_workday == completed.typical_workday
    assert [t.key for t in draft.tasks.all()] == [t.key for t in completed.tasks.all()]
    measure = draft.measures.get()
    assert measure.task.version == draft
    assert measure.task.key == completed.measures.get().task.key
    assert not draft.approvals.exists()
    # Asking again gives the same draft; the first version is untouched.
    assert services.version_new(plan=completed.plan, by=manager) == draft
    assert completed.tasks.count() == 2


def test_only_the_first_completed_version_fulfils_the_milestone(completed, case, manager, employee, clock):
    first_done = _milestone(case).completed_at
    draft = services.version_new(plan=completed.plan, by=manager)
    services.version_approve(version=draft, by=manager)
    services.version_approve(version=draft, by=employee)
    milestone = _milestone(case)
    assert milestone.completed_at == first_done
    assert milestone.fulfilled_by == completed


def test_sharing_is_recorded_with_its_date_and_checked(completed, manager, employee, clock):
    with pytest.raises(PlanError) as error:
        services.sharing_record(
            version=completed, by=manager, recipient=PlanSharing.Recipient.DOCTOR, sent_on=TODAY + timedelta(days=1)
        )
    assert error.value.code == "in_future"
    with pytest.raises(PlanError) as error:
        services.sharing_record(
            version=completed, by=manager, recipient=PlanSharing.Recipient.DOCTOR, sent_on=TODAY - timedelta(days=1)
        )
    assert error.value.code == "before_completed"
    with pytest.raises(PlanError) as error:
        services.sharing_record(version=completed, by=manager, recipient=PlanSharing.Recipient.NAV, sent_on=TODAY)
    assert error.value.code == "nav_reason_required"
    with pytest.raises(PlanError):
        services.sharing_record(version=completed, by=employee, recipient=PlanSharing.Recipient.DOCTOR, sent_on=TODAY)
    sharing = services.sharing_record(
        version=completed,
        by=manager,
        recipient=PlanSharing.Recipient.DOCTOR,
        sent_on=TODAY,
        nav_reason=PlanSharing.NavReason.NAV_ASKED,
        note="Via e-post",
    )
    assert sharing.nav_reason == ""
    assert AuditEvent.objects.filter(action="plan.sent").count() == 1


def test_a_draft_cannot_be_recorded_as_sent(draft, manager, clock):
    with pytest.raises(PlanError) as error:
        services.sharing_record(version=draft, by=manager, recipient="doctor", sent_on=TODAY)
    assert error.value.code == "not_completed"


def test_sending_to_nav_before_dialogue_meeting_2_fulfils_plan_to_nav(completed, case, manager, clock):
    services.sharing_record(
        version=completed,
        by=manager,
        recipient=PlanSharing.Recipient.NAV,
        sent_on=TODAY,
        nav_reason=PlanSharing.NavReason.NAV_ASKED,
    )
    assert _milestone(case, "plan_to_nav").completed_at is None
    sharing = services.sharing_record(
        version=completed,
        by=manager,
        recipient=PlanSharing.Recipient.NAV,
        sent_on=TODAY,
        nav_reason=PlanSharing.NavReason.BEFORE_DIALOGUE_MEETING,
    )
    milestone = _milestone(case, "plan_to_nav")
    assert milestone.completed_at is not None
    assert milestone.fulfilled_by == sharing


def test_evaluation_is_recorded_not_ahead_of_time(completed, manager, clock):
    with pytest.raises(PlanError):
        services.evaluation_record(
            version=completed,
            by=manager,
            evaluated_on=TODAY + timedelta(days=1),
            effect="good",
            why="x",
            next_steps="y",
        )
    evaluation = services.evaluation_record(
        version=completed,
        by=manager,
        evaluated_on=TODAY,
        effect="partly",
        why="Kortere dager hjalp.",
        next_steps="Ny versjon med mer telefon.",
    )
    assert evaluation.by == manager


def test_not_needed_is_the_milestones_state_and_can_be_undone(case, manager, employee, clock):
    with pytest.raises(PlanError) as error:
        services.plan_mark_not_needed(case=case, by=manager, reason=" ")
    assert error.value.field == "reason"
    with pytest.raises(PlanError):
        services.plan_mark_not_needed(case=case, by=employee, reason="Tilbake neste uke")
    services.plan_mark_not_needed(case=case, by=manager, reason="Tilbake i full jobb neste uke.")
    milestone = _milestone(case)
    assert milestone.not_required_reason == "Tilbake i full jobb neste uke."
    services.plan_needed_again(case=case, by=manager)
    assert _milestone(case).not_required_reason == ""


def test_starting_a_plan_reopens_a_not_needed_milestone(case, manager, clock):
    services.plan_mark_not_needed(case=case, by=manager, reason="Tilbake neste uke.")
    services.plan_start(case=case, by=manager)
    assert _milestone(case).not_required_reason == ""


def test_a_completed_plan_cannot_be_marked_not_needed(completed, case, manager, clock):
    with pytest.raises(PlanError) as error:
        services.plan_mark_not_needed(case=case, by=manager, reason="x")
    assert error.value.code == "has_completed"


def test_an_hr_person_on_sick_leave_takes_part_only_as_the_employee(world, make_case, clock):
    from organisation.models import HRAccess
    from tests.factories import EmployeeFactory, UserFactory

    hr_person = EmployeeFactory(
        organisation=world.root.organisation,
        unit=world.sales,
        manager=world.sales_manager,
        user=UserFactory(username="hrperson"),
        first_name="Hr",
        last_name="Person",
    )
    HRAccess.objects.create(user=hr_person.user, organisation=world.root.organisation, whole_organisation=True)
    case = make_case(hr_person, ("sick", date(2026, 1, 5), date(2026, 3, 1), 100), by=world.sales_manager.user)
    with pytest.raises(PlanError):
        services.plan_start(case=case, by=hr_person.user)
    draft = services.plan_start(case=case, by=world.sales_manager.user)
    fill(draft, world.sales_manager.user)
    services.version_approve(version=draft, by=hr_person.user)
    assert draft.approvals.get().role == PlanApproval.Role.EMPLOYEE


def test_every_change_is_audited_with_the_employee(completed, world):
    actions = set(AuditEvent.objects.filter(employee=world.sales_employee).values_list("action", flat=True))
    assert {
        "plan.create",
        "plan.version_create",
        "plan.update",
        "plan.task_add",
        "plan.measure_add",
        "plan.approve",
        "plan.complete",
    } <= actions
    assert PlanVersion.objects.count() == 1
